"""Participants: every registration on this laptop, searchable and filterable, smooth with
100,000 records. Open to edit, void with a reason, pick several to print their cards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldreg.domain.codes import NEEDS_FIXING, FundingSource, Status
from fieldreg.services.browse import SearchFilter
from ui import i18n
from ui.labels import funding_label, number, status_label
from ui.participants.model import COLUMNS, OUTCOME_COLUMN, ParticipantsModel
from ui.participants.outcome import OutcomeStrip
from ui.participants.void_dialog import VoidDialog
from ui.problems import error_text, text
from ui.registration.inputs import OccupationPicker, VillagePicker
from ui.widgets import Banner, PageHeader, ProgressStrip, button, label, whole_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.main_window import MainWindow

SEARCH_DELAY_MS = 300
NEEDS_FIXING_KEY = "needs_fixing"  # the status filter's quick view: rejected + duplicate
OUTCOME_FILTERS = (NEEDS_FIXING_KEY, Status.REJECTED.value, Status.DUPLICATE.value,
                   Status.ACCEPTED.value, Status.VERIFIED.value, Status.VOIDED.value)
OUTCOME_WIDTH = 380
NAME_MIN_WIDTH = 260  # the names' column is never narrower while others can give way
NARROWED = {"village_name": 120, "occupation": 130, "funding": 140}
LEFT_OUT = ("updated", "occupation")  # in this order, when narrowing was not enough


class ParticipantsPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.ctx = main.ctx
        self.runner = main.runner
        self._generation = 0
        self._stale = True
        self._order: tuple[str, bool] = ("name", False)
        self.loading = False

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        v.addWidget(PageHeader(self.tr("Participants"), self.tr(
            "Everyone registered on this laptop. Search by NIK or part of the name; double-"
            "click or press Enter to open.")))
        self.banner = Banner()
        v.addWidget(self.banner)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: NIK or part of a name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._schedule)
        bar.addWidget(self.search, 3)
        self.status = whole_list(QComboBox())
        self.status.addItem(self.tr("All statuses"), "")
        self.status.addItem(self.tr("Needs fixing"), NEEDS_FIXING_KEY)
        self.status.setItemData(1, self.tr("Rejected or duplicate: the district server sent "
                                           "them back"), Qt.ItemDataRole.ToolTipRole)
        for s in Status:
            self.status.addItem(status_label(s), s.value)
        self.status.currentIndexChanged.connect(self._schedule)
        self.status.currentIndexChanged.connect(lambda _i: self._apply_columns())
        bar.addWidget(self.status, 1)
        self.village = VillagePicker(self.ctx.regency_code)
        self.village.setPlaceholderText(self.tr("Village"))
        self.village.picked.connect(lambda _c: self._schedule())
        self.village.textChanged.connect(self._schedule_if_cleared)
        bar.addWidget(self.village, 2)
        self.occupation = OccupationPicker(i18n.lang())
        self.occupation.setPlaceholderText(self.tr("Occupation"))
        self.occupation.picked.connect(lambda _c: self._schedule())
        self.occupation.textChanged.connect(self._schedule_if_cleared)
        bar.addWidget(self.occupation, 2)
        self.funding = whole_list(QComboBox())
        self.funding.addItem(self.tr("Any payer"), "")
        for f in FundingSource:
            self.funding.addItem(funding_label(f), f.value)
        self.funding.currentIndexChanged.connect(self._schedule)
        self.funding.setMaximumWidth(230)
        bar.addWidget(self.funding, 1)
        bar.addWidget(button(self.tr("Clear filters"), on_click=self.clear_filters))
        v.addLayout(bar)

        info = QHBoxLayout()
        self.count = label("", "fieldlabel")
        info.addWidget(self.count)
        self.progress = ProgressStrip()
        info.addWidget(self.progress, 1)
        info.addStretch(1)
        v.addLayout(info)

        self.model = ParticipantsModel(self._fetch, self.occupation.label_for)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._widths = self._column_widths()
        self._filter_hidden: set[str] = set()
        for i, w in enumerate(self._widths):
            self.table.setColumnWidth(i, w)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        v.addWidget(self.table, 1)
        self.outcome = OutcomeStrip()
        self.outcome.open_clicked.connect(self.open_selected)
        v.addWidget(self.outcome)
        self._apply_columns()
        self.table.installEventFilter(self)  # Enter opens (a shortcut never saw the key)
        self._open_when_loaded = False
        self.search.returnPressed.connect(self._enter_in_search)

        actions = QHBoxLayout()
        self.open_button = button(self.tr("Open / edit"), primary=True,
                                  on_click=self.open_selected)
        self.void_button = button(self.tr("Void…"), danger=True, on_click=self.void_selected)
        self.print_button = button(self.tr("Print cards"), on_click=self.print_selected)
        self.selected_label = label("", "hint")
        for action_button in (self.open_button, self.void_button, self.print_button):
            actions.addWidget(action_button)
        actions.addWidget(self.selected_label)
        actions.addStretch(1)
        v.addLayout(actions)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        main.data_changed.connect(self._data_changed)
        self.model.on_sort(self._sort)
        self._selection_changed()

    # -- page protocol --------------------------------------------------------------------
    def _column_widths(self) -> list[int]:
        """Wide enough for what the columns hold in this language and font (fixed pixel
        widths cut the date and time short); the name column takes the rest."""
        fm = self.table.fontMetrics()
        pad = 16

        def fit(*samples: str) -> int:
            return max(fm.horizontalAdvance(t) for t in samples) + pad

        header = [str(self.model.headerData(i, Qt.Orientation.Horizontal))
                  for i in range(self.model.columnCount())]
        bold = self.table.horizontalHeader().fontMetrics()
        widths = [0,
                  fit("150502\u2022\u2022\u2022\u2022\u2022\u20229074"),
                  fit("RRQ4 C500 0CAW"),
                  150, 170,
                  fit(*(funding_label(f) for f in FundingSource)),
                  fit(*(status_label(st) for st in Status)),
                  OUTCOME_WIDTH,
                  fit("28-12-2026 23:59")]
        return [max(w, bold.horizontalAdvance(h) + 2 * pad) if i else 0  # + sort arrow
                for i, (w, h) in enumerate(zip(widths, header, strict=True))]

    def activate(self) -> None:
        if self._stale:
            self.reload()
        self.table.setFocus()

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # nothing here is lost by leaving

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _data_changed(self) -> None:
        self._stale = True
        self.model.refresh_rows()
        if self.isVisible():
            self.reload()

    # -- loading --------------------------------------------------------------------------
    def current_filter(self) -> SearchFilter:
        st = self.status.currentData()
        fu = self.funding.currentData()
        statuses: tuple[Status, ...] = (NEEDS_FIXING if st == NEEDS_FIXING_KEY
                                        else (Status(st),) if st else ())
        return SearchFilter(
            text=self.search.text(),
            status=statuses,
            village_code=self.village.code() or "",
            occupation_code=self.occupation.code() or "",
            funding_source=FundingSource(fu) if fu else None,
        )

    def _schedule(self, *_a: object) -> None:
        self._timer.start()

    def _schedule_if_cleared(self, text: str) -> None:
        if not text:
            self._schedule()

    def _sort(self, order: str, descending: bool) -> None:
        if not order:  # a column the list cannot be ordered by: the arrow goes back
            from ui.participants.model import ORDER_OF_COLUMN

            col = ORDER_OF_COLUMN.index(self._order[0])
            QTimer.singleShot(0, lambda: self.table.horizontalHeader().setSortIndicator(
                col, Qt.SortOrder.DescendingOrder if self._order[1]
                else Qt.SortOrder.AscendingOrder))
            return
        if (order, descending) == self._order:
            return
        self._order = (order, descending)
        self.reload()

    def reload(self) -> None:
        self._timer.stop()
        self._stale = False
        self._generation += 1
        gen = self._generation
        ctx, f, (order, desc) = self.ctx, self.current_filter(), self._order

        def job() -> list[int]:
            from fieldreg.services import browse

            return browse.ids(ctx, f, order=order, descending=desc)

        self.loading = True
        self.count.setText(self.tr("Searching…"))
        task = self.runner.run(job, on_done=lambda keys: self._loaded(gen, keys),
                               on_error=self._failed, owner=self, label="participants")
        self.progress.start(task, self.tr("Searching…"), cancellable=False)

    def _loaded(self, gen: int, keys: list[int]) -> None:
        if gen != self._generation:
            return
        self.loading = False
        self.progress.finish()
        selected = set(self.selected_keys())
        self.model.set_keys(keys)
        self.count.setText(self.tr("{0} records").format(number(len(keys))))
        if selected:
            sm = self.table.selectionModel()
            for r, k in enumerate(keys[:5000]):
                if k in selected:
                    sm.select(self.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                              | QItemSelectionModel.SelectionFlag.Rows)
        self._selection_changed()
        if self._open_when_loaded:
            self._open_when_loaded = False
            self._open_only_or_go_to_list()

    def _failed(self, exc: BaseException) -> None:
        self._open_when_loaded = False
        self.loading = False
        self.progress.finish()
        self.banner.show_message("error", error_text(exc))

    # -- what the district server said ----------------------------------------------------
    def _apply_columns(self) -> None:
        """The server's answer is a column when the list shows records that have one
        (needs fixing, rejected, duplicate, accepted); occupation and payer make room."""
        key = self.status.currentData() or ""
        show = key in OUTCOME_FILTERS
        self._filter_hidden = {"occupation", "funding"} if show else {"outcome"}
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as what it holds, the name taking the rest; where that leaves
        the name too little (1366 px), village, occupation and payer are narrowed (their
        words elided, whole in the tooltip), then the date of change and the occupation left
        out. NIK, participant number and status are never cut."""
        avail = self.table.viewport().width()
        if avail <= 0:
            return
        widths = dict(zip(COLUMNS, self._widths, strict=True))
        hidden = set(self._filter_hidden)

        def rest() -> int:
            return avail - sum(widths[c] for c in COLUMNS if c != "full_name" and c not in hidden)

        if rest() < NAME_MIN_WIDTH:
            for col, narrow in NARROWED.items():
                widths[col] = min(widths[col], narrow)
        for col in LEFT_OUT:
            if rest() >= NAME_MIN_WIDTH:
                break
            hidden.add(col)
        for i, col in enumerate(COLUMNS):
            self.table.setColumnHidden(i, col in hidden)
            if col != "full_name":
                self.table.setColumnWidth(i, widths[col])

    def outcome_column_visible(self) -> bool:
        return not self.table.isColumnHidden(OUTCOME_COLUMN)

    def _show_outcome(self) -> None:
        rows = self.selected_rows()
        row = self.model.row_at(rows[0]) if len(rows) == 1 else None
        if row is None:
            self.outcome.hide()
            return
        self.outcome.show_outcome(row.status, self.model.outcome_of(row)[1])

    def show_needs_fixing(self) -> None:
        """Only the records the district server sent back (rejected or duplicate)."""
        for w in (self.search, self.village, self.occupation):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        self.village.set_code("")
        self.occupation.set_code("")
        for c, i in ((self.funding, 0), (self.status, self.status.findData(NEEDS_FIXING_KEY))):
            c.blockSignals(True)
            c.setCurrentIndex(i)
            c.blockSignals(False)
        self._apply_columns()
        self.reload()

    def _fetch(self, keys: Any) -> Any:
        from fieldreg.services import browse

        return browse.rows(self.ctx, keys)

    # -- selection and actions ------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def selected_keys(self) -> list[int]:
        return [self.model.keys[r] for r in self.selected_rows() if r < len(self.model.keys)]

    def clear_filters(self) -> None:
        for w in (self.search, self.village, self.occupation):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        self.village.set_code("")
        self.occupation.set_code("")
        for c in (self.status, self.funding):
            c.blockSignals(True)
            c.setCurrentIndex(0)
            c.blockSignals(False)
        self._apply_columns()
        self.reload()

    def _printable_rows(self) -> tuple[list[int], int]:
        """(selected rows that may get a card, how many selected were voided)."""
        rows, voided = [], 0
        for r in self.selected_rows():
            row = self.model.row_at(r)
            if row is not None and row.status is Status.VOIDED:
                voided += 1
            else:
                rows.append(r)
        return rows, voided

    def _selection_changed(self, *_a: object) -> None:
        n = len(self.selected_rows())
        self.open_button.setEnabled(n == 1)
        one = self.model.row_at(self.selected_rows()[0]) if n == 1 else None
        self.void_button.setEnabled(n == 1 and not (one is not None
                                                    and one.status is Status.VOIDED))
        printable, voided = self._printable_rows()
        p = len(printable)
        self.print_button.setEnabled(p > 0)  # a voided record gets no card
        self.print_button.setText(self.tr("Print cards ({0})").format(number(p)) if p
                                  else self.tr("Print cards"))
        self.print_button.setToolTip(self.tr("Voided records get no card.") if voided else "")
        self.selected_label.setText(self.tr("{0} selected").format(number(n)) if n > 1 else "")
        self._show_outcome()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if watched is self.table and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.open_selected()
            return True
        return super().eventFilter(watched, event)

    def _enter_in_search(self) -> None:
        """Enter in the search: the only record found opens; with more, the list takes the
        keyboard at its first row (Enter again opens it). A search still to run runs first."""
        if self._timer.isActive() or self.loading:
            self._open_when_loaded = True
            if self._timer.isActive():
                self.reload()
            return
        self._open_only_or_go_to_list()

    def _open_only_or_go_to_list(self) -> None:
        n = self.model.rowCount()
        if n == 1:
            self.table.selectRow(0)
            self.open_selected()
        elif n > 1:
            if not self.selected_rows():
                self.table.selectRow(0)
            self.table.setFocus()

    def open_selected(self) -> None:
        """The selected record, or the only one in the list when none is selected."""
        rows = self.selected_rows()
        if not rows and self.model.rowCount() == 1:
            rows = [0]
        if len(rows) != 1:
            return
        row = self.model.row_at(rows[0])
        if row is not None:
            self.main.open_record(row.id, back_to="participants")

    def void_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = self.model.row_at(rows[0])
        if row is None:
            return
        if row.status is Status.VOIDED:
            self.banner.show_message("warning", text("record_voided"))
            return
        dlg = VoidDialog(row.full_name or "?", self)
        self.void_dialog = dlg
        rid, name = row.id, row.full_name

        def accepted() -> None:
            reason, ctx = dlg.reason.text(), self.ctx

            def job() -> object:
                from fieldreg.services import registrations

                return registrations.void(ctx, rid, reason)

            def done(_r: object) -> None:
                self.banner.show_message("success", self.tr("Voided: {0}.").format(name))

            self.runner.run(job, on_done=done, on_error=self._failed, owner=self,
                            label="void", writes=True)

        dlg.accepted.connect(accepted)
        dlg.open()

    def print_selected(self) -> None:
        keys = [self.model.keys[r] for r in self._printable_rows()[0]
                if r < len(self.model.keys)]
        if not keys:
            return
        ctx = self.ctx

        def job() -> list[str]:
            from fieldreg.services import browse

            return browse.record_ids(ctx, keys)

        self.runner.run(job, on_done=self.main.hand_to_print, on_error=self._failed,
                        owner=self, label="print selection")

