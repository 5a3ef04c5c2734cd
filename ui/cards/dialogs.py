"""Small dialogs of the Print cards page: what a PDF is for, why cards are printed again, and
the print history of one participant."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.labels import number
from ui.widgets import FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.cards import PrintRecord

REASON_MAX = 200  # as the core's cards.REASON_MAX

# The history keeps the reason in Indonesian whatever the screen's language: the district
# reads these lists.
PRESETS = ("Kartu hilang", "Kartu rusak", "Data diperbaiki")


class PdfKindDialog(QDialog):
    """Before a PDF: cards to print elsewhere (they count as printed) or a specimen to check or
    share (marked CONTOH, no QR code, nothing counted). ``kind`` is "cards" or "specimen"."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.setWindowTitle(self.tr("Save the cards as a PDF"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr("What is this PDF of {0} cards for?").format(number(count)),
                            "fieldlabel", wrap=True))
        lay.addWidget(label(self.tr(
            "Specimen: to look at or send for checking. Every card says CONTOH and has no QR "
            "code; nothing counts as printed, so printing on paper later is still the first "
            "print."), wrap=True))
        lay.addWidget(label(self.tr(
            "Cards: to print elsewhere (a print shop, another printer) and hand over. They "
            "count as printed: printing them here later is a reprint, with a new serial "
            "number and a reason."), wrap=True))
        lay.addSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), on_click=self.reject))
        self.cards_button = button(self.tr("Cards to print elsewhere"),
                                   on_click=lambda: self._choose("cards"))
        row.addWidget(self.cards_button)
        self.specimen_button = button(self.tr("Specimen only"), primary=True,
                                      on_click=lambda: self._choose("specimen"))
        self.specimen_button.setDefault(True)  # the choice that changes nothing
        row.addWidget(self.specimen_button)
        lay.addLayout(row)

    def _choose(self, kind: str) -> None:
        self.kind = kind
        self.accept()


class ReprintDialog(QDialog):
    """A reason is required before cards printed before get a new serial."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Why print again?"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr(
            "{0} of these cards were printed before. Each gets a new serial number, and the "
            "old card can be blocked later. Why are they printed again?").format(number(count)),
            wrap=True))
        self.group = QButtonGroup(self)
        shown = (self.tr("Card lost"), self.tr("Card damaged"),
                 self.tr("Record corrected (name, village…)"), self.tr("Another reason"))
        self.choices: list[QRadioButton] = []
        for i, text in enumerate(shown):
            rb = QRadioButton(text)
            self.group.addButton(rb, i)
            self.choices.append(rb)
            lay.addWidget(rb)
        self.details = QLineEdit()
        self.details.setMaxLength(REASON_MAX - 20)
        self.details.setPlaceholderText(self.tr("For example: lost at the market; card got wet"))
        self.details_box = FieldBox(self.tr("Details"), self.details, hint=self.tr(
            "Optional for the reasons above; required for another reason."))
        # one line at this width; a wrapping label would ask for room for three
        self.details_box.message.setWordWrap(False)
        lay.addWidget(self.details_box)
        self.group.idToggled.connect(lambda _i, _on: self.details_box.clear_problem())
        self.details.textEdited.connect(lambda _t: self.details_box.clear_problem())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Do not print"), on_click=self.reject))
        self.ok = button(self.tr("Print again"), primary=True, on_click=self._ok)
        row.addWidget(self.ok)
        lay.addLayout(row)
        self.details.returnPressed.connect(self._ok)

    def reason(self) -> str:
        """The reason as the history keeps it ("" while none is given)."""
        details = " ".join(self.details.text().split())
        i = self.group.checkedId()
        if 0 <= i < len(PRESETS):
            return f"{PRESETS[i]}: {details}" if details else PRESETS[i]
        return details if i == len(PRESETS) else ""

    def _ok(self) -> None:
        if self.group.checkedId() < 0:
            self.details_box.set_problem(self.tr("Choose a reason."))
            return
        if not self.reason():
            self.details_box.set_problem(self.tr("Write the reason."))
            self.details.setFocus()
            return
        self.accept()


class HistoryDialog(QDialog):
    """Every card printed for one participant: when, by whom, where and why."""

    def __init__(self, name: str, records: list[PrintRecord],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print history: {0}").format(name))
        self.setMinimumSize(860, 200)
        self.resize(880, min(420, 170 + 32 * len(records)))
        lay = QVBoxLayout(self)
        if not records:
            lay.addWidget(label(self.tr("No card was printed for {0} yet.").format(name),
                                wrap=True))
        else:
            lay.addWidget(label(self.tr(
                "Only the newest card is valid; older serial numbers can be blocked.")
                if len(records) > 1 else self.tr("One card printed."), "hint", wrap=True))
        self.table = QTableWidget(len(records), 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Print no."), self.tr("Serial number"), self.tr("When"), self.tr("By"),
            self.tr("Printed on"), self.tr("Reason")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for r, rec in enumerate(records):
            when = rec.printed_at.replace(tzinfo=UTC).astimezone()
            cells = (
                self.tr("1 (first card)") if rec.generation == 1
                else self.tr("{0} (reprint)").format(rec.generation),
                rec.serial,
                when.strftime("%d-%m-%Y %H:%M"),
                rec.volunteer_name,
                self._target(rec),
                rec.reason or "—",
            )
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(records))
        hh = self.table.horizontalHeader()
        for i, w in enumerate((140, 130, 125, 130, 140)):
            self.table.setColumnWidth(i, w)
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = button(self.tr("Close"), primary=True, on_click=self.accept)
        row.addWidget(close)
        lay.addLayout(row)

    def _target(self, rec: PrintRecord) -> str:
        sheet = "A4" if rec.layout == "a4" else "CR80"
        where = self.tr("PDF file") if rec.target == "pdf" else rec.target
        return f"{where} ({sheet})"
