"""Problem and refusal codes → words in the UI's language (the core's catalogue, rule 4)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldreg.domain.problems import Problem
from fieldreg.i18n.messages import MESSAGES, field_label, message
from fieldreg.services.errors import ServiceError
from ui import i18n


def _local(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if i18n.lang() == "id" else value.isoformat()
    return value


def _ui_only(code: str) -> str | None:
    """Codes of the app's own services that the core catalogue does not carry."""
    texts = {
        "language_unknown": QCoreApplication.translate("Problems", "Unknown language."),
        "server_url_invalid": QCoreApplication.translate(
            "Problems", "Write the address with http:// or https://, for example "
            "https://bpjs-sync.jambiprov.go.id"),
        "idle_minutes_range": QCoreApplication.translate(
            "Problems", "Choose between {min} and {max} minutes."),
        "paper_size_unknown": QCoreApplication.translate("Problems", "Unknown paper size."),
        "target_invalid": QCoreApplication.translate(
            "Problems", "Targets are whole numbers, 0 or more."),
        "password_repeat": QCoreApplication.translate(
            "Problems", "The two passwords differ. Type the same password twice."),
        "pick_village": QCoreApplication.translate(
            "Problems", "Pick the village from the list: type part of its name, then choose."),
        "unexpected": QCoreApplication.translate(
            "Problems", "Something went wrong ({error}). Nothing was lost; try again. If it "
            "keeps happening, tell your supervisor."),
    }
    return texts.get(code)


def text(code: str, params: Mapping[str, Any] | None = None) -> str:
    values = {k: _local(v) for k, v in (params or {}).items()}
    if code not in MESSAGES:
        own = _ui_only(code)
        if own is not None:
            try:
                return own.format(**values)
            except (KeyError, IndexError, ValueError):
                return own
    return message(code, values, i18n.lang())


def problem_text(p: Problem) -> str:
    return text(p.code, p.params)


def label_of(field_path: str) -> str:
    return field_label(field_path, i18n.lang())


def error_text(exc: BaseException) -> str:
    """Words for a refusal (ServiceError) or an unexpected failure."""
    if isinstance(exc, ServiceError) and isinstance(exc.code, str):
        return text(exc.code, exc.params)
    return text("unexpected", {"error": type(exc).__name__})
