"""Review before save (as MOSIP's registration client does): the record read back in plain words
before it leaves draft, so the volunteer can check it with the worker. The NIK is shown as in
the lists (region and serial; its birth date and sex are read back as words on their own lines).
Enter saves, Esc goes back to the form with nothing lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from fieldreg.domain.nik import display_nik
from ui.labels import consent_label, date_text, funding_label, heir_label, rupiah, sex_label
from ui.widgets import button, label, selectable

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldreg.domain.contributions import Quote
    from fieldreg.domain.registration import RegistrationData


class ReviewDialog(QDialog):
    def __init__(self, data: RegistrationData, quote: Quote | None,
                 village: str, occupation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check before saving"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        lay.addWidget(label(self.tr(
            "Read this back to the worker. Is everything right? Once saved it is sent to the "
            "district at the next sync."), wrap=True))
        self.rows: list[tuple[str, str]] = self._rows(data, quote, village, occupation)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for i, (name, value) in enumerate(self.rows):
            grid.addWidget(label(name, "fieldlabel"), i, 0, Qt.AlignmentFlag.AlignTop)
            v = label(value, wrap=True)
            v.setTextFormat(Qt.TextFormat.PlainText)
            selectable(v)
            grid.addWidget(v, i, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)
        row = QHBoxLayout()
        row.addStretch(1)
        self.back = button(self.tr("Back to the form (Esc)"), on_click=self.reject)
        self.back.setAutoDefault(False)  # Enter saves wherever the focus is; Esc goes back
        row.addWidget(self.back)
        self.ok = button(self.tr("Yes, save (Enter)"), primary=True, on_click=self.accept)
        self.ok.setDefault(True)
        row.addWidget(self.ok)
        lay.addLayout(row)
        self.ok.setFocus()

    def _rows(self, d: RegistrationData, q: Quote | None, village: str,
              occupation: str) -> list[tuple[str, str]]:
        dash = "—"
        born = ", ".join(x for x in (d.birth_place, date_text(d.birth_date)) if x)
        heirs = ", ".join(f"{h.name} ({heir_label(h.relationship)})" if h.relationship
                          else h.name for h in d.heirs if h.name) or dash
        pay = (self.tr("{0} per month, paid by: {1}").format(rupiah(q.total),
                                                             funding_label(q.payer))
               if q is not None else funding_label(d.funding_source) or dash)
        consent = (consent_label(d.consent.method) if d.consent is not None
                   else self.tr("Not yet"))
        return [
            (self.tr("Name"), d.full_name or dash),
            (self.tr("NIK"), display_nik(d.nik) or dash),
            (self.tr("Born"), born or dash),
            (self.tr("Sex"), sex_label(d.sex) or dash),
            (self.tr("Village"), village or dash),
            (self.tr("Occupation"), occupation or dash),
            (self.tr("Mobile phone"), d.phone or dash),
            (self.tr("Heirs"), heirs),
            (self.tr("Contribution"), pay),
            (self.tr("Consent"), consent),
        ]

    def text(self) -> str:
        """The read-back as lines ("Nama: …"), for tests and screen readers."""
        return "\n".join(f"{n}: {v}" for n, v in self.rows)


def ask(parent: QWidget, data: RegistrationData, quote: Quote | None, village: str,
        occupation: str, on_yes: Callable[[], None],
        on_closed: Callable[[], None]) -> ReviewDialog:
    dlg = ReviewDialog(data, quote, village, occupation, parent)
    dlg.accepted.connect(on_yes)
    dlg.finished.connect(lambda _r: on_closed())
    dlg.open()
    return dlg
