"""Validation problems are data: a field, a code, parameters and a severity. Never UI text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a second look) with one field.

    ``field`` is a dotted path into the registration (``nik``, ``phone``, ``heirs.0.relationship``);
    ``code`` is a stable identifier that the UI, the CLI and the server turn into words;
    ``params`` fill the placeholders of those words.
    """

    field: str
    code: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "code": self.code,
            "params": dict(self.params),
            "severity": self.severity.value,
        }


def error(field: str, code: str, /, **params: Any) -> Problem:
    return Problem(field, code, params, Severity.ERROR)


def warning(field: str, code: str, /, **params: Any) -> Problem:
    return Problem(field, code, params, Severity.WARNING)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
