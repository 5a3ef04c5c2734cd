"""The sync history: one row per run (when, how it started, the result, the counts, the data
sent and received), newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from fieldreg.services.sync import Result, SyncRun
from ui import style
from ui.labels import number
from ui.sync.words import result_short, size_text, trigger_text, when_text

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("when", "trigger", "result", "sent", "applied", "duplicate", "rejected", "data")
_GOOD = (Result.OK.value,)
_PAUSED = (Result.UNAUTHORIZED.value, Result.REVOKED.value)


def _fix(run: SyncRun) -> int:
    return run.duplicate + run.rejected + run.conflict


class HistoryModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.runs: list[SyncRun] = []
        self._headers = [
            self.tr("When"), self.tr("Started by"), self.tr("Result"), self.tr("Sent"),
            self.tr("Accepted"), self.tr("Duplicate"), self.tr("Rejected"),
            self.tr("Data sent / received"),
        ]

    def set_runs(self, runs: Sequence[SyncRun]) -> None:
        self.beginResetModel()
        self.runs = sorted(runs, key=lambda r: r.started_at, reverse=True)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.runs):
            return None
        run = self.runs[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("sent", "applied",
                                                                 "duplicate", "rejected"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == "result":
            if run.result in _GOOD and not _fix(run):
                return QBrush(QColor(style.PRIMARY))
            if run.result in _PAUSED:
                return QBrush(QColor(style.ERROR))
            if run.result == "running":
                return QBrush(QColor(style.INFO))
            return QBrush(QColor(style.WARNING))
        if role == Qt.ItemDataRole.ToolTipRole and col == "result" and run.result == "interrupted":
            return self.tr("The run was cut short (the laptop or the app stopped). Nothing was "
                           "lost: what was not answered is sent again.")
        if role == Qt.ItemDataRole.ToolTipRole and col == "result" and run.conflict:
            return self.tr("{0} of the rejected were changed by the district meanwhile.").format(
                number(run.conflict))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == "when":
            return when_text(run.started_at)
        if col == "trigger":
            return trigger_text(run.trigger)
        if col == "result":
            return result_short(run.result, needs_fixing=_fix(run))
        if col == "sent":
            return number(run.sent)
        if col == "applied":
            return number(run.applied)
        if col == "duplicate":
            return number(run.duplicate)
        if col == "rejected":
            return number(run.rejected + run.conflict)
        return f"{size_text(run.bytes_up)} / {size_text(run.bytes_down)}"


class HistoryTable(QTableView):
    def __init__(self) -> None:
        super().__init__()
        self.history = HistoryModel()
        self.setModel(self.history)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        fm = self.fontMetrics()
        bold = self.horizontalHeader().fontMetrics()
        pad = 20

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(s) for s in samples) + pad

        widths = [
            fit(when_text(None), "28-12-2025 23:59", self.tr("yesterday {0}").format("23:59")),
            fit(*(trigger_text(t) for t in ("manual", "auto", "cli"))),
            fit(*(result_short(r.value) for r in Result), result_short("ok", needs_fixing=1),
                result_short("running"), result_short("interrupted")),
            60, 60, 60, 60, 0,
        ]
        for i, w in enumerate(widths[:-1]):
            head = str(self.history.headerData(i, Qt.Orientation.Horizontal))
            self.setColumnWidth(i, max(w, bold.horizontalAdvance(head) + pad))
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)

    def set_runs(self, runs: Sequence[SyncRun]) -> None:
        self.history.set_runs(runs)
