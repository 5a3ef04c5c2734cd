"""Heirs (ahli waris) as a small table: add, remove, type in the cells."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg.domain.codes import HeirRelationship
from fieldreg.domain.registration import Heir
from ui import style
from ui.labels import heir_label
from ui.registration.inputs import format_date, parse_date_text
from ui.widgets import button, label, whole_list

COLS = ("name", "relationship", "nik", "birth_date", "phone")


class HeirsGrid(QTableWidget):
    """Tab moves from cell to cell and then out of the table after the last cell (Shift+Tab
    out before the first), typing or not: Qt's table went round to the first cell, a trap
    before the consent box."""

    def _at_edge(self, forward: bool) -> bool:
        r, c = self.currentRow(), self.currentColumn()
        if self.rowCount() == 0 or r < 0:
            return True
        if forward:
            return r == self.rowCount() - 1 and c == self.columnCount() - 1
        return r == 0 and c <= 0

    def _leave(self, forward: bool) -> None:
        QWidget.focusNextPrevChild(self, forward)  # the window's chain, not the cells

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            forward = key == Qt.Key.Key_Tab and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if self._at_edge(forward):
                self._leave(forward)
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self._at_edge(forward):
            self._leave(forward)
            return True
        return super().focusNextPrevChild(forward)

    def closeEditor(self, editor: QWidget,
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab in a cell being typed in: on to the next cell, or out after the last."""
        nxt = QAbstractItemDelegate.EndEditHint.EditNextItem
        prev = QAbstractItemDelegate.EndEditHint.EditPreviousItem
        if hint in (nxt, prev) and self._at_edge(hint == nxt):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._leave(hint == nxt)
            return
        super().closeEditor(editor, hint)


class HeirsTable(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = HeirsGrid(0, len(COLS))
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Relationship"), self.tr("NIK (if known)"),
            self.tr("Date of birth"), self.tr("Phone"),
        ])
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i, w in ((1, 170), (2, 170), (3, 120), (4, 140)):
            hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(i, w)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(True)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(190)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = button(self.tr("+ Add heir"), on_click=self.add_row)
        self.remove_button = button(self.tr("Remove selected heir"), on_click=self.remove_row)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = label("", "error", wrap=True)
        self.message.hide()
        lay.addWidget(self.message)
        self._update_buttons()

    def _relationship_combo(self) -> QComboBox:
        c = whole_list(QComboBox())
        c.addItem(self.tr("— choose —"), "")
        for h in sorted(HeirRelationship, key=lambda h: h.priority):
            c.addItem(heir_label(h), h.value)
        c.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return c

    def add_row(self, heir: Heir | None = None, *, focus: bool = True) -> None:
        h = heir or Heir()
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        name_item = QTableWidgetItem(h.name)
        self.table.setItem(r, 0, name_item)
        combo = self._relationship_combo()
        if h.relationship is not None:
            combo.setCurrentIndex(max(0, combo.findData(h.relationship.value)))
        self.table.setCellWidget(r, 1, combo)
        self.table.setItem(r, 2, QTableWidgetItem(h.nik))
        self.table.setItem(r, 3, QTableWidgetItem(format_date(h.birth_date)))
        self.table.setItem(r, 4, QTableWidgetItem(h.phone))
        self.table.blockSignals(False)
        self._update_buttons()
        if heir is None and focus:
            self.table.setCurrentCell(r, 0)
            self.table.setFocus()
            self.table.editItem(name_item)
        self.changed.emit()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r < 0 and self.table.rowCount():
            r = self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)
            self._update_buttons()
            self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._update_buttons()

    def _text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text().strip() if item else ""

    def heirs(self) -> tuple[list[Heir], list[tuple[int, str]]]:
        """The heirs typed, and (row, field) of dates that are not dates."""
        out: list[Heir] = []
        bad: list[tuple[int, str]] = []
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 1)
            rel = combo.currentData() if isinstance(combo, QComboBox) else ""
            try:
                born = parse_date_text(self._text(r, 3))
            except ValueError:
                born = None
                bad.append((r, "birth_date"))
            out.append(Heir(
                name=self._text(r, 0),
                relationship=HeirRelationship(rel) if rel else None,
                nik=self._text(r, 2),
                birth_date=born,
                phone=self._text(r, 4),
            ))
        return out, bad

    def raw_rows(self) -> list[list[str]]:
        rows = []
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 1)
            rel = combo.currentData() if isinstance(combo, QComboBox) else ""
            rows.append([self._text(r, 0), rel or "", self._text(r, 2), self._text(r, 3),
                         self._text(r, 4)])
        return rows

    def set_raw_rows(self, rows: list[list[str]]) -> None:
        self.clear()
        for name, rel, nik, born, phone in rows:
            self.add_row(Heir(name=name, relationship=HeirRelationship(rel) if rel else None,
                              nik=nik, phone=phone), focus=False)
            born_item = self.table.item(self.table.rowCount() - 1, 3)
            assert born_item is not None  # add_row just made it
            born_item.setText(born)

    def set_heirs(self, heirs: list[Heir]) -> None:
        self.clear()
        for h in heirs:
            self.add_row(h, focus=False)

    def show_problems(self, problems: list[tuple[int, str, str]], general: str = "") -> None:
        """(row, column field, words) per problem; cells with a problem are tinted red."""
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in (0, 2, 3, 4):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(QBrush())
        lines = []
        for r, fld, words in problems:
            if fld in COLS and r < self.table.rowCount():
                item = self.table.item(r, COLS.index(fld))
                if item is not None:
                    item.setBackground(QBrush(QColor(style.ERROR_BG)))
            lines.append(words)
        self.table.blockSignals(False)
        if general:
            lines.append(general)
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))
