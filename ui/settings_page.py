"""Settings: language (applies at once), server address, idle lock, printer defaults, backup
folder, volunteers, backups (ui/backups_section.py) and targets per kecamatan until the
district server sends its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldreg.services import settings as settings_service
from ui.problems import error_text
from ui.widgets import Banner, FieldBox, PageHeader, button, card, label

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.main_window import MainWindow


class SettingsPage(QWidget):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Page")
        self.main = main
        self.controller = main.controller
        self.runner = main.runner
        s = self.controller.settings

        v = QVBoxLayout(self)
        v.setContentsMargins(20, 14, 20, 10)
        v.addWidget(PageHeader(self.tr("Settings"), self.tr(
            "Settings of this laptop. They hold no data about workers.")))
        self.banner = Banner()
        v.addWidget(self.banner)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setSpacing(12)
        grid.setContentsMargins(0, 0, 8, 0)

        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.language_box = FieldBox(self.tr("Language"), self.language, hint=self.tr(
            "Changes at once when you save the settings."))
        self.server = QLineEdit(s.server_url)
        self.server.setPlaceholderText("https://…")
        self.server_box = FieldBox(self.tr("District server address"), self.server,
                                   hint=self.tr("For example https://bpjs-sync.jambiprov.go.id"
                                                ". Given by the district office; used to "
                                                "register this laptop on the Sync page."))
        self.auto_sync = QCheckBox(self.tr("Send automatically when the server can be reached"))
        self.auto_sync.setChecked(bool(s.auto_sync))
        self.auto_sync.setToolTip(self.tr(
            "About once a minute the app checks whether the district server answers; if it "
            "does and records are waiting, they are sent without pressing anything."))
        self.idle = QSpinBox()
        self.idle.setRange(settings_service.MIN_IDLE_MINUTES, settings_service.MAX_IDLE_MINUTES)
        self.idle.setValue(s.idle_lock_minutes)
        self.idle.setSuffix(self.tr(" minutes"))
        self.idle.setMaximumWidth(160)
        self.idle_box = FieldBox(self.tr("Lock after"), self.idle, hint=self.tr(
            "The app locks itself when nobody touched it for this long."))
        self.review = QCheckBox(self.tr("Review before saving"))
        self.review.setChecked(bool(getattr(s, "review_before_save", True)))
        self.review.setToolTip(self.tr(
            "Before a record is saved as complete, the app reads it back in plain words (name, "
            "NIK, birth, village, work, heirs, who pays, consent): Enter saves, Esc goes back "
            "to the form."))
        general = card(label(self.tr("General"), "fieldlabel"), self.language_box,
                       self.server_box, self.auto_sync, self.review, self.idle_box, margins=14)
        grid.addWidget(general, 0, 0)

        self.printer = QComboBox()
        self.printer.addItem(self.tr("The system's default printer"), "")
        for name in _printers():
            self.printer.addItem(name, name)
        if s.printer_name and self.printer.findData(s.printer_name) < 0:
            self.printer.addItem(s.printer_name, s.printer_name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(s.printer_name)))
        self.paper = QComboBox()
        for p in settings_service.PAPER_SIZES:
            self.paper.addItem(p, p)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.paper_size)))
        self.duplex = QCheckBox(self.tr("Print on both sides (card backs)"))
        self.duplex.setChecked(s.duplex)
        self.backup = QLineEdit(s.backup_folder)
        self.backup.setPlaceholderText(self.tr("For example a USB stick"))
        brow = QWidget()
        bl = QHBoxLayout(brow)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.backup, 1)
        bl.addWidget(button(self.tr("Choose…"), on_click=self._choose_backup))
        self.backup_box = FieldBox(self.tr("Backup folder"), brow)
        printing = card(label(self.tr("Printing and backup"), "fieldlabel"),
                        FieldBox(self.tr("Printer for cards"), self.printer),
                        FieldBox(self.tr("Paper"), self.paper), self.duplex, self.backup_box,
                        margins=14)
        grid.addWidget(printing, 0, 1)

        tw = QWidget()
        self.targets_form = QFormLayout(tw)
        self.targets: dict[str, QSpinBox] = {}
        from fieldreg.domain.regions import get_regions

        for d in get_regions().districts_of(main.ctx.regency_code):
            sb = QSpinBox()
            sb.setRange(0, 1_000_000)
            sb.setValue(s.targets.get(d.code, 0))
            sb.setMaximumWidth(140)
            self.targets[d.code] = sb
            self.targets_form.addRow(d.display_name, sb)
        targets = card(label(self.tr("Targets per kecamatan"), "fieldlabel"), label(self.tr(
            "Only until the district server sends its targets with a sync; then Summary uses "
            "the server's. 0 means no target."), "hint", wrap=True), tw, margins=14)
        grid.addWidget(targets, 3, 0, 1, 2)
        from ui.backups_section import BackupsSection
        from ui.volunteers_section import VolunteersSection

        self.volunteers = VolunteersSection(main.ctx, self.runner)
        grid.addWidget(self.volunteers, 1, 0, 1, 2)
        self.backups = BackupsSection(main)
        grid.addWidget(self.backups, 2, 0, 1, 2)
        grid.setRowStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        v.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.save_button = button(self.tr("Save the settings"), primary=True,
                                  on_click=self.save)
        self.save_button.setToolTip(self.tr(
            "General, printing and targets. Volunteers' changes have their own buttons."))
        row.addWidget(self.save_button)
        row.addStretch(1)
        v.addLayout(row)

    def activate(self) -> None:
        pass

    def can_leave(self, then: Callable[[], None]) -> bool:
        return True  # nothing here is lost by leaving

    def _choose_backup(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                self.backup.text() or str(Path.home()))
        if path:
            self.backup.setText(path)

    def current(self) -> settings_service.Settings:
        return replace(
            self.controller.settings,
            language=str(self.language.currentData()),
            server_url=self.server.text(),
            auto_sync=self.auto_sync.isChecked(),
            review_before_save=self.review.isChecked(),
            idle_lock_minutes=self.idle.value(),
            printer_name=str(self.printer.currentData() or ""),
            paper_size=str(self.paper.currentData()),
            duplex=self.duplex.isChecked(),
            backup_folder=self.backup.text(),
            targets={k: sb.value() for k, sb in self.targets.items() if sb.value() > 0},
        )

    def save(self) -> None:
        s = self.current()
        home = self.main.ctx.home
        for b in (self.server_box, self.idle_box, self.language_box, self.backup_box):
            b.clear_problem()

        def job() -> settings_service.Settings:
            settings_service.save(home, s)
            return s

        def failed(exc: BaseException) -> None:
            field = getattr(exc, "params", {}).get("field")
            box = {"server_url": self.server_box, "idle_lock_minutes": self.idle_box,
                   "language": self.language_box}.get(field) if isinstance(field, str) else None
            if box is not None:
                box.set_problem(error_text(exc))
            self.banner.show_message("error", error_text(exc))

        self.runner.run(job, on_done=self._saved, on_error=failed, owner=self,
                        label="save settings", writes=True)

    def _saved(self, s: settings_service.Settings) -> None:
        self.banner.show_message("success", self.tr("Settings saved."))
        self.controller.settings_changed(s)
        if self.controller.main is self.main:  # not rebuilt for another language
            self.backups.refresh()


def _printers() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return [str(n) for n in QPrinterInfo.availablePrinterNames()]
    except ImportError:
        return []
