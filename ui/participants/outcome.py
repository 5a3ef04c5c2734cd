"""What the district server said about a record, in words: accepted with its participant
number; a duplicate with who already holds the NIK (number, village, laptop — never a NIK);
rejected with the problems in the app's own wording, or changed by the district meanwhile.

The sync engine stores it on the record: ``outcome_code`` and ``outcome_detail`` (``holder`` for
a duplicate, ``problems`` [{field, code, params}] for a rejection, code ``conflict``); the
participants list reads both with each row (fieldreg.services.browse.BrowseRow).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication as Q
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout

from fieldreg.domain.codes import Status
from ui import style
from ui.problems import label_of
from ui.problems import text as problem_words
from ui.widgets import button, label, selectable


def grouped(number: str | None) -> str:
    if not number:
        return ""
    try:
        from fieldreg.domain.participant_number import display

        return display(number)
    except (ValueError, KeyError, IndexError):
        return number


def _holder(detail: Mapping[str, Any]) -> Mapping[str, Any]:
    h = detail.get("holder", detail)
    return h if isinstance(h, Mapping) else {}


def problem_lines(detail: Mapping[str, Any]) -> list[str]:
    out = []
    for p in detail.get("problems") or []:
        if not isinstance(p, Mapping):
            continue
        field = str(p.get("field") or "")
        words = problem_words(str(p.get("code") or ""), p.get("params") or {})
        out.append(f"{label_of(field)}: {words}" if field and not field.startswith("_")
                   else words)
    return out


def outcome_words(status: Status, number: str | None, code: str,
                  detail: Mapping[str, Any] | None) -> tuple[str, str]:
    """(short words for the table, full words for the tooltip and the strip)."""
    detail = detail or {}
    if status in (Status.ACCEPTED, Status.VERIFIED):
        if not number:
            return "", Q.translate("Outcome", "Accepted by the district server.")
        return (Q.translate("Outcome", "No. {0}").format(grouped(number)),
                Q.translate("Outcome", "Accepted by the district server. Participant number: "
                            "{0}.").format(grouped(number)))
    if status is Status.DUPLICATE:
        h = _holder(detail)
        if not any(h.get(k) for k in ("participant_number", "village_name", "device_name",
                                      "same_device")):
            return (Q.translate("Outcome", "Already registered elsewhere"),
                    Q.translate("Outcome", "This NIK is already registered elsewhere. Do not "
                                "register the same person twice. If the NIK was typed wrongly, "
                                "open the record, correct it and save it."))
        num = grouped(h.get("participant_number")) or Q.translate("Outcome", "(no number yet)")
        village = str(h.get("village_name") or "")
        device = str(h.get("device_name") or "")
        if h.get("same_device"):
            return (Q.translate("Outcome", "Already on this laptop: {0}").format(num),
                    Q.translate("Outcome", "This NIK is already registered on this laptop as "
                                "participant {0}. The same person was probably registered "
                                "twice: check both records and void one of them.").format(num))
        where = ", ".join(x for x in (village, device) if x)
        advice = Q.translate("Outcome", "Do not register the same person twice. If the NIK was "
                             "typed wrongly, open the record, correct it and save it; if it is "
                             "the same person, void this record.")
        if where:
            short = (Q.translate("Outcome", "Already registered: {0} ({1})").format(num, village)
                     if village else Q.translate("Outcome", "Already registered: {0}").format(num))
            return (short,
                    Q.translate("Outcome", "This NIK is already registered as participant {0} "
                                "({1}).").format(num, where) + " " + advice)
        return (Q.translate("Outcome", "Already registered: {0}").format(num),
                Q.translate("Outcome", "This NIK is already registered as participant "
                            "{0}.").format(num) + " " + advice)
    if status is Status.REJECTED:
        if code == "conflict":
            return (Q.translate("Outcome", "Changed by the district: open, check and save "
                                "again"),
                    Q.translate("Outcome", "The district changed this record after it was "
                                "sent. Open it, check the details with the worker and save it "
                                "again; it is sent again at the next sync."))
        lines = problem_lines(detail)
        again = Q.translate("Outcome", "Open it, correct it and save it again: it is sent "
                            "again at the next sync.")
        if not lines:
            return (Q.translate("Outcome", "Refused: open it to check"),
                    Q.translate("Outcome", "The district server refused this record.") + " "
                    + again)
        short = lines[0]
        if len(lines) > 1:
            short = Q.translate("Outcome", "{0} (and {1} more)").format(short, len(lines) - 1)
        full = (Q.translate("Outcome", "The district server refused this record:") + "\n• "
                + "\n• ".join(lines) + "\n" + again)
        return short, full
    if status is Status.VOIDED and code == "voided_by_district":
        return (Q.translate("Outcome", "Cancelled by the district"),
                Q.translate("Outcome", "The district cancelled this registration. Ask the "
                            "district officer if you do not know why."))
    return "", ""


class OutcomeStrip(QFrame):
    """Under the Participants table: the chosen record's outcome in full, with "Open and fix"
    for the records that came back."""

    open_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("OutcomeStrip")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 8, 6)
        self.text = label("", wrap=True)
        selectable(self.text)
        lay.addWidget(self.text, 1)
        self.open_button = button(self.tr("Open and fix"), primary=True,
                                  on_click=self.open_clicked.emit)
        lay.addWidget(self.open_button)
        self.hide()

    def show_outcome(self, status: Status, words: str) -> None:
        if not words:
            self.hide()
            return
        fix = status.needs_fixing
        fg, bg = (style.STATUS_COLOURS.get(status.value, (style.TEXT, "white")))
        self.setStyleSheet(f"#OutcomeStrip {{ background: {bg}; border: 1px solid {fg}; "
                           f"border-radius: 6px; }}")
        self.text.setText(words)
        self.open_button.setVisible(fix)
        self.show()
