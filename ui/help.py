"""Help: About fieldreg (version, data folder, licences) and Export diagnostics (one text file
without personal data for the district office, written off the GUI thread)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fieldreg import __version__
from ui import style
from ui.widgets import button, label, selectable

if TYPE_CHECKING:
    from datetime import date

    from ui.main_window import MainWindow


def qt_versions() -> dict[str, str]:
    """Qt's and PySide6's versions, the Qt platform and the screen, for the report."""
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    out = {"Qt": qVersion(), "PySide6": PySide6.__version__}
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        out["Platform Qt / Qt platform"] = app.platformName()
        screen = app.primaryScreen()
        if screen is not None:
            size = screen.size()
            out["Layar / screen"] = (f"{size.width()}x{size.height()}, "
                                     f"skala / scale {screen.devicePixelRatio():g}")
    return out


def copy_kind() -> str:
    """``portable`` (the app and its data on a USB stick), ``installed`` (a bundle on this
    laptop) or ``source`` (run from the source code: developers and tests)."""
    from fieldreg.paths import bundle_dir, portable_home

    if portable_home() is not None:
        return "portable"
    return "installed" if bundle_dir() is not None else "source"


def default_report_path(device_name: str, day: date) -> Path:
    """``fieldreg-diagnostik-<laptop>-<YYYYMMDD>.txt`` in Documents (else the home folder)."""
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(docs) if docs and Path(docs).is_dir() else Path.home()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", device_name).strip("-")[:40] or "laptop"
    return folder / f"fieldreg-diagnostik-{slug}-{day:%Y%m%d}.txt"


class AboutDialog(QDialog):
    """The version, this laptop's data folder and whether the copy is portable, the region
    data's attribution and the licence line; a button to export the diagnostics."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.main = main
        self.setWindowTitle(self.tr("About fieldreg"))
        self.setFixedWidth(600)  # word-wrapped labels then know their height
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        title = label(self.tr("fieldreg {0}").format(__version__), "big")
        lay.addWidget(title)
        lay.addWidget(label(self.tr(
            "Registers informal workers for BPJS Ketenagakerjaan's work-accident (JKK) and "
            "death (JKM) protection, for the Gerakan Desa Peduli Jaminan Sosial programme. "
            "Works without internet; sends to the district server when it can."), wrap=True))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        self.version = label(__version__)
        selectable(self.version)
        form.addRow(label(self.tr("Version"), "fieldlabel"), self.version)
        form.addRow(label(self.tr("Laptop"), "fieldlabel"), label(main.ctx.device_name))
        self.folder = label(str(main.ctx.home), wrap=True)
        selectable(self.folder)
        form.addRow(label(self.tr("Data folder"), "fieldlabel"), self.folder)
        self.portable = label({
            "portable": self.tr("Portable: the app and its data are on this drive (USB stick)"),
            "installed": self.tr("Installed on this laptop"),
            "source": self.tr("Run from the source code (developer copy)"),
        }[copy_kind()], wrap=True)
        form.addRow(label(self.tr("This copy"), "fieldlabel"), self.portable)
        lay.addLayout(form)
        lay.addSpacing(6)

        try:
            from fieldreg.domain.regions import get_regions

            regions = get_regions().version
        except Exception:  # the About box must open even with broken resources
            regions = "?"
        self.attribution = label(self.tr(
            "Region codes: Kemendagri, from the idn-area-data data set ({0}) © its "
            "contributors, under the Open Database License (ODbL) 1.0.").format(regions),
            "hint", wrap=True)
        selectable(self.attribution)
        lay.addWidget(self.attribution)
        self.licence = label(self.tr(
            "Licence: fieldreg is proprietary. The region data stays under the ODbL 1.0; the "
            "card fonts (DejaVu) under their own free licence."), "hint", wrap=True)
        lay.addWidget(self.licence)
        lay.addSpacing(6)
        lay.addStretch(1)

        row = QHBoxLayout()
        self.export_button = button(self.tr("Export diagnostics…"),
                                    on_click=self._export)
        self.export_button.setToolTip(self.tr(
            "A file for the district office when something does not work. No personal data."))
        row.addWidget(self.export_button)
        row.addStretch(1)
        self.close_button = button(self.tr("Close"), primary=True, on_click=self.accept)
        self.close_button.setDefault(True)
        row.addWidget(self.close_button)
        lay.addLayout(row)

    def sizeHint(self) -> QSize:
        """As tall as the wrapped words need at the dialog's width (Qt's own hint measures
        them at a narrower width, which leaves a gap)."""
        lay = self.layout()
        if lay is not None and lay.hasHeightForWidth():
            return QSize(self.width(), lay.totalHeightForWidth(self.width()))
        return super().sizeHint()

    def _export(self) -> None:
        self.accept()
        self.main.help.export_diagnostics()


class Help(QObject):
    """The Help button's menu and what its entries do, for one main window."""

    def __init__(self, main: MainWindow) -> None:
        super().__init__(main)
        self.main = main
        self.about_dialog: AboutDialog | None = None
        self.message: QMessageBox | None = None  # the last "saved" or "failed" message
        self.saving = False

    def menu(self, parent: QWidget) -> QMenu:
        m = QMenu(parent)
        m.setStyleSheet(
            f"QMenu {{ background: white; border: 1px solid {style.BORDER}; padding: 4px 0; }}"
            "QMenu::item { padding: 8px 28px 8px 16px; }"
            f"QMenu::item:selected {{ background: {style.PRIMARY_LIGHT}; color: {style.TEXT}; }}")
        m.aboutToShow.connect(lambda: m.setMinimumWidth(parent.width()))
        m.addAction(self.tr("About fieldreg"), self.show_about)
        m.addAction(self.tr("Export diagnostics…"), self.export_diagnostics)
        return m

    def show_about(self) -> AboutDialog:
        old = self.about_dialog
        if old is not None:
            if old.isVisible():
                old.raise_()
                return old
            old.deleteLater()
        self.about_dialog = AboutDialog(self.main)
        self.about_dialog.open()
        return self.about_dialog

    # -- diagnostics ----------------------------------------------------------------------
    def export_diagnostics(self) -> None:
        """Ask where, then write the report there."""
        if self.saving:
            return
        ctx = self.main.ctx
        default = default_report_path(ctx.device_name, ctx.today_fn())
        path, _ = QFileDialog.getSaveFileName(
            self.main, self.tr("Save the diagnostics file"), str(default),
            self.tr("Text file (*.txt)"))
        if path:
            self.save_diagnostics(Path(path))

    def save_diagnostics(self, path: Path) -> None:
        ctx, home, versions = self.main.ctx, self.main.ctx.home, qt_versions()

        def job() -> Path:
            from fieldreg.services import diagnostics

            return diagnostics.write_report(home, path, ctx=ctx, versions=versions)

        self.saving = True
        self.main.runner.run(job, on_done=self._saved, on_error=self._failed, owner=self,
                             label="diagnostics")

    def _show(self, icon: QMessageBox.Icon, title: str, text: str, info: str) -> QMessageBox:
        if self.message is not None:
            self.message.close()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.main)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel "
                          "{ min-width: 460px; }")  # a path on one line, words not squeezed
        box.setInformativeText(info)
        self.message = box
        return box

    def _saved(self, path: Path) -> None:
        self.saving = False
        box = self._show(
            QMessageBox.Icon.Information, self.tr("Diagnostics saved"),
            "\n".join((self.tr("The diagnostics file is saved:"), path.name,
                       self.tr("in the folder {0}").format(path.parent))),
            self.tr("It holds no personal data: no names, NIKs, birth dates, phone numbers or "
                    "addresses, only versions, settings and counts. Send it to the district "
                    "office (by e-mail, WhatsApp or on a USB stick) when they ask for it."))
        folder = box.addButton(self.tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
        box.buttonClicked.connect(
            lambda b: self._open_folder(path.parent) if b is folder else None)
        ok = box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        box.open()

    def _failed(self, exc: BaseException) -> None:
        from ui.problems import error_text

        self.saving = False
        reason = (self.tr("The folder cannot be written to ({0}). Choose another folder, for "
                          "example Documents.").format(type(exc).__name__)
                  if isinstance(exc, OSError) else error_text(exc))
        box = self._show(QMessageBox.Icon.Warning, self.tr("Diagnostics not saved"),
                         self.tr("The diagnostics file could not be saved."), reason)
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.open()

    @staticmethod
    def _open_folder(folder: Path) -> None:
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

