"""The participants table model: the ordered row keys of a search, rows fetched lazily.

Like anki's browser table: ``set_keys`` takes the whole (cheap) list of keys from a background
task; ``data()`` reads the rows around the one asked for in one small query (a block of keys by
primary key, a few milliseconds even on 100,000 records) and keeps a bounded cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fieldreg.domain.nik import display_nik
from fieldreg.services.browse import BrowseRow
from ui import style
from ui.labels import date_text, funding_label, status_help, status_label
from ui.participants.outcome import grouped, outcome_words

BLOCK = 120
CACHE_ROWS = 3000
COLUMNS = ("full_name", "nik", "participant_number", "village_name", "occupation", "funding",
           "status", "outcome", "updated")
# "" : the list cannot be ordered by that column (the page puts the arrow back)
ORDER_OF_COLUMN = ("name", "nik", "", "village", "occupation", "funding", "status", "status",
                   "updated")
OUTCOME_COLUMN = COLUMNS.index("outcome")

Index = QModelIndex | QPersistentModelIndex


class ParticipantsModel(QAbstractTableModel):
    def __init__(self, fetch: Callable[[Sequence[int]], dict[int, BrowseRow]],
                 occupation_label: Callable[[str], str]) -> None:
        super().__init__()
        self._fetch = fetch
        self._occupation_label = occupation_label
        self.keys: list[int] = []
        self._cache: OrderedDict[int, BrowseRow] = OrderedDict()
        self.fetches = 0  # how many block reads (tests check laziness)
        self._headers = [
            self.tr("Name"), self.tr("NIK"), self.tr("Participant no."), self.tr("Village"),
            self.tr("Occupation"),
            self.tr("Who pays"), self.tr("Status"), self.tr("District server's answer"),
            self.tr("Changed"),
        ]

    # -- keys -----------------------------------------------------------------------------
    def set_keys(self, keys: list[int]) -> None:
        self.beginResetModel()
        self.keys = keys
        self._cache.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget cached rows (a record changed) and repaint."""
        self._cache.clear()
        if self.keys:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.keys) - 1, len(COLUMNS) - 1))

    def row_at(self, r: int) -> BrowseRow | None:
        if not 0 <= r < len(self.keys):
            return None
        key = self.keys[r]
        row = self._cache.get(key)
        if row is None:
            lo = max(0, r - BLOCK // 4)
            block = [k for k in self.keys[lo:lo + BLOCK] if k not in self._cache]
            got = self._fetch(block)
            self.fetches += 1
            for k in block:
                if k in got:
                    self._cache[k] = got[k]
            while len(self._cache) > CACHE_ROWS:
                self._cache.popitem(last=False)
            row = self._cache.get(key)
        else:
            self._cache.move_to_end(key)
        return row

    # -- the server's answers -------------------------------------------------------------
    def outcome_of(self, row: BrowseRow) -> tuple[str, str]:
        """(short, full) words for what the district server said about ``row`` (its outcome
        comes with the row)."""
        return outcome_words(row.status, row.participant_number, row.outcome_code,
                             row.outcome_detail)

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        col = COLUMNS[index.column()]
        if col == "status":
            fg, bg = style.STATUS_COLOURS.get(row.status.value, (style.TEXT, "white"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(fg))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(bg))
            if role == Qt.ItemDataRole.ToolTipRole:
                full = self.outcome_of(row)[1]
                return full or status_help(row.status)
            return status_label(row.status)
        if col == "outcome":
            if role == Qt.ItemDataRole.ForegroundRole and row.status.needs_fixing:
                return QBrush(QColor(style.STATUS_COLOURS[row.status.value][0]))
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.outcome_of(row)[1] or None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.outcome_of(row)[0]
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col in ("village_name", "occupation",
                                                           "funding"):
            role = Qt.ItemDataRole.DisplayRole  # whole where a narrow column elides it
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == "full_name":
            return row.full_name or self.tr("(no name yet)")
        if col == "nik":
            return display_nik(row.nik)
        if col == "participant_number":
            return grouped(row.participant_number)
        if col == "village_name":
            return row.village_name
        if col == "occupation":
            return self._occupation_label(row.occupation_code)
        if col == "funding":
            return funding_label(row.funding_source)
        if col == "updated":
            return date_text(row.updated_at.replace(tzinfo=UTC).astimezone())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is done by the database: the page asks for a new key list."""
        self.sort_requested = (ORDER_OF_COLUMN[column], order == Qt.SortOrder.DescendingOrder)
        if self._on_sort is not None:
            self._on_sort(*self.sort_requested)

    _on_sort: Callable[[str, bool], None] | None = None
    sort_requested: tuple[str, bool] = ("name", False)

    def on_sort(self, fn: Callable[[str, bool], None]) -> None:
        self._on_sort = fn
