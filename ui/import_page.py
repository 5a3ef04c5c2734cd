"""Import a village list: choose the file, see every row and its problems before anything is
written, import the valid rows, save the report; or download the template to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import i18n, style
from ui.labels import date_text, number
from ui.problems import error_text, problem_text
from ui.registration.inputs import DateEdit
from ui.tasks import Cancelled, Progress, Task
from ui.widgets import Banner, FieldBox, PageHeader, ProgressStrip, button, label

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldreg.services.village_import import ImportPreview, ImportResult, ImportRow
    from ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ImportRow] = []
        self.visible: list[int] = []
        self.only_problems = False
        self._headers = [self.tr("Row"), self.tr("NIK"), self.tr("Name"), self.tr("Village"),
                         self.tr("Result"), self.tr("Problems")]

    def set_rows(self, rows: list[ImportRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._filter()
        self.endResetModel()

    def set_only_problems(self, on: bool) -> None:
        self.beginResetModel()
        self.only_problems = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self.visible = [i for i, r in enumerate(self.rows)
                        if not self.only_problems or r.problems]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[self.visible[index.row()]]
        errs = [p for p in r.problems if p.is_error]
        if role == Qt.ItemDataRole.BackgroundRole:
            if errs:
                return QBrush(QColor(style.ERROR_BG))
            if r.problems:
                return QBrush(QColor(style.WARNING_BG))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            return QBrush(QColor(style.ERROR if errs else
                                 style.WARNING if r.problems else style.PRIMARY))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return "\n".join(_words(p) for p in r.problems)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        d = r.data
        c = index.column()
        if c == 0:
            return r.row
        if c == 1:
            return d.nik if d else ""
        if c == 2:
            return d.full_name if d else ""
        if c == 3:
            return d.village_code if d else ""
        if c == 4:
            return (self.tr("Error — not imported") if errs else
                    self.tr("Check") if r.problems else self.tr("OK"))
        return " · ".join(_words(p) for p in (errs or r.problems))


def _words(p: Any) -> str:
    from ui.problems import label_of

    return f"{label_of(p.field)}: {problem_text(p)}"


class ImportPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.ctx = main.ctx
        self.runner = main.runner
        self.path: Path | None = None
        self.preview: ImportPreview | None = None

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        v.addWidget(PageHeader(self.tr("Import village list"), self.tr(
            "The village's list of workers (Excel .xlsx or .csv, in the template's columns). "
            "Every row is checked first; nothing is written until you press Import.")))
        self.banner = Banner()
        v.addWidget(self.banner)

        row = QHBoxLayout()
        row.addWidget(button(self.tr("Choose a file…"), primary=True,
                             on_click=self.choose_file))
        self.file_label = label(self.tr("No file chosen."), "hint")
        row.addWidget(self.file_label, 1)
        row.addWidget(button(self.tr("Download the template…"), on_click=self.choose_template))
        v.addLayout(row)

        opts = QHBoxLayout()
        consent = QVBoxLayout()
        consent.setSpacing(2)
        # A check box's words never wrap: the short question here, the explanation below.
        self.paper = QCheckBox(self.tr("Every worker signed the paper consent form"))
        self.paper.toggled.connect(self._options_changed)
        consent.addWidget(self.paper)
        paper_hint = label(self.tr(
            "Then the records are ready to send. Otherwise they stay drafts until each "
            "worker's consent is taken."), "hint", wrap=True)
        paper_hint.setContentsMargins(22, 0, 0, 0)
        consent.addWidget(paper_hint)
        consent.addStretch(1)
        opts.addLayout(consent, 1)
        self.start = DateEdit()
        self.start.set_value(self.ctx.today_fn().replace(day=1))
        self.start.editingFinished.connect(self._options_changed)
        opts.addWidget(FieldBox(self.tr("Coverage from (when empty)"), self.start))
        v.addLayout(opts)

        self.progress = ProgressStrip()
        v.addWidget(self.progress)
        info = QHBoxLayout()
        self.summary = label("", "fieldlabel", wrap=True)
        info.addWidget(self.summary, 1)
        self.only_problems = QCheckBox(self.tr("Show only rows with problems"))
        self.only_problems.toggled.connect(lambda on: self.model.set_only_problems(on))
        info.addWidget(self.only_problems)
        v.addLayout(info)

        self.model: PreviewModel = PreviewModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        for i, w in enumerate((60, 150, 200, 130, 170)):
            self.table.setColumnWidth(i, w)
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        v.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.import_button = button(self.tr("Import"), primary=True, on_click=self.do_import)
        self.report_button = button(self.tr("Save the report…"), on_click=self.choose_report)
        actions.addWidget(self.import_button)
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        v.addLayout(actions)
        self._update_buttons()

    def activate(self) -> None:
        pass

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # nothing here is lost by leaving

    def _options(self) -> Any:
        from fieldreg.services.village_import import ImportOptions

        try:
            start = self.start.value() or self.ctx.today_fn().replace(day=1)
        except ValueError:
            start = self.ctx.today_fn().replace(day=1)
        return ImportOptions(consent_paper=self.paper.isChecked(), coverage_start=start)

    def _options_changed(self) -> None:
        if self.path is not None and not self.progress.isVisible():
            self.load_file(self.path)

    def _update_buttons(self) -> None:
        pv = self.preview
        n = len(pv.valid) if pv else 0
        self.import_button.setEnabled(n > 0)
        self.import_button.setText(self.tr("Import {0} valid rows").format(number(n)) if n
                                   else self.tr("Import"))
        self.report_button.setEnabled(pv is not None)

    # -- preview --------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the village list"), str(Path.home()),
            self.tr("Village lists (*.xlsx *.csv);;All files (*)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        self.path = path
        self.preview = None
        self.model.set_rows([])
        self.banner.hide()
        self.summary.setText("")
        self.file_label.setText(str(path))
        ctx, options = self.ctx, self._options()

        def job(task: Task[Progress]) -> ImportPreview:
            from fieldreg.services import village_import

            return village_import.preview(ctx, path, options, progress=task.progress)

        task = self.runner.run(job, on_done=self._previewed, on_error=self._failed,
                               on_progress=self.progress.update_progress, owner=self,
                               label="import preview")
        self.progress.start(task, self.tr("Checking rows…"))
        self._update_buttons()

    def _previewed(self, pv: ImportPreview) -> None:
        self.progress.finish()
        self.preview = pv
        self.model.set_rows(pv.rows)
        errors = len(pv.rejected)
        warned = sum(1 for r in pv.valid if r.problems)
        self.summary.setText(self.tr(
            "{0} rows: {1} can be imported, {2} have errors and will be left out, "
            "{3} worth a second look.").format(number(len(pv.rows)), number(len(pv.valid)),
                                               number(errors), number(warned)))
        notes = [problem_text(p) for p in pv.file_problems]
        if pv.imported_before is not None:
            notes.insert(0, self.tr("This file was already imported on {0}; rows already on "
                                    "this laptop are not imported again.").format(
                                        date_text(pv.imported_before)))
        if notes:
            self.banner.show_message("warning", "\n".join(notes))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.progress.finish()
        if isinstance(exc, Cancelled):
            self.banner.show_message("info", self.tr("Stopped. Nothing was imported."))
        else:
            self.banner.show_message("error", error_text(exc))
        self._update_buttons()

    # -- import ---------------------------------------------------------------------------
    def do_import(self) -> None:
        if self.preview is None or self.path is None or not self.preview.valid:
            return
        ctx, path, options, checked = self.ctx, self.path, self._options(), self.preview

        def job(task: Task[Progress]) -> ImportResult:
            from fieldreg.services import village_import

            return village_import.import_file(ctx, path, options, progress=task.progress,
                                              checked=checked)

        self.import_button.setEnabled(False)
        task = self.runner.run(job, on_done=self._imported, on_error=self._failed,
                               on_progress=self.progress.update_progress, owner=self,
                               label="import", writes=True)
        self.progress.start(task, self.tr("Importing…"))

    def _imported(self, result: ImportResult) -> None:
        from fieldreg.domain.codes import Status

        self.progress.finish()
        self.preview = result.preview
        self.model.set_rows(result.preview.rows)
        self.import_button.setEnabled(False)
        self.import_button.setText(self.tr("Imported"))
        how = (self.tr("ready to send") if result.status is Status.READY
               else self.tr("drafts: take each worker's consent before saving"))
        self.banner.show_message("success", self.tr("{0} registrations imported ({1}).").format(
            number(result.imported), how), self.tr("See them"),
            lambda: self.main.show_page("participants"))

    # -- files ----------------------------------------------------------------------------
    def choose_report(self) -> None:
        if self.preview is None:
            return
        name = Path(self.preview.file_name).stem + "-laporan.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                              str(Path.home() / name), "CSV (*.csv)")
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        pv, lang = self.preview, i18n.lang()
        if pv is None:
            return

        def job() -> int:
            from fieldreg.services import village_import

            return village_import.write_report(pv, path, lang)

        self.runner.run(job, on_done=lambda n: self.banner.show_message(
            "success", self.tr("Report saved: {0}").format(path)),
            on_error=self._failed, owner=self, label="import report")

    def choose_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the template"), str(Path.home() / "templat-daftar-desa.xlsx"),
            "Excel (*.xlsx)")
        if path:
            self.save_template(Path(path))

    def save_template(self, path: Path) -> None:
        regency = self.ctx.regency_code

        def job() -> None:
            from fieldreg.services import exports

            exports.write_template(path, regency_code=regency)

        self.runner.run(job, on_done=lambda _r: self.banner.show_message(
            "success", self.tr("Template saved: {0}").format(path)),
            on_error=self._failed, owner=self, label="template")
