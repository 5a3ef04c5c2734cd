"""Settings → Backups: the last backup, a backup now, restoring one, opening the folder.

The daily backup itself is made by the app after unlocking (``AppController``); the backup
folder (a USB stick) is chosen in the printing-and-backup card and saved with the settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from ui.labels import date_text, number
from ui.problems import error_text
from ui.widgets import Banner, button, label

if TYPE_CHECKING:
    from fieldreg.services.backups import BackupInfo
    from ui.main_window import MainWindow


class BackupsSection(QFrame):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.main = main
        self.home = main.ctx.home
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 14, 14, 14)
        v.addWidget(label(self.tr("Backups"), "fieldlabel"))
        v.addWidget(label(self.tr(
            "Every day the app is opened it makes an encrypted backup in the data folder and, "
            "when it is plugged in, in the backup folder (a USB stick). Another one is made "
            "before every update of the app."), "hint", wrap=True))
        self.old_passwords_note = label(self.tr(
            "A backup opens with the passwords (and the recovery key) of the day it was made, "
            "even after a password is changed. If an old password may be known to someone "
            "else, change your password with a new database key (Volunteers, above) and "
            "delete the older backups: they still open with the old password and hold the "
            "data of their day."), "hint", wrap=True)
        v.addWidget(self.old_passwords_note)
        self.last = label("", wrap=True)
        v.addWidget(self.last)
        self.banner = Banner()
        v.addWidget(self.banner)
        row = QHBoxLayout()
        self.now_button = button(self.tr("Back up now"), on_click=self.backup_now)
        row.addWidget(self.now_button)
        self.restore_button = button(self.tr("Restore a backup…"), on_click=self.restore)
        row.addWidget(self.restore_button)
        row.addWidget(button(self.tr("Open the backups folder"), flat=True,
                             on_click=self._open_folder))
        row.addStretch(1)
        v.addLayout(row)
        self.refresh()

    def _folders(self) -> list[Path]:
        from fieldreg.services import backups

        out = [backups.backup_folder(self.home)]
        chosen = self.main.controller.settings.backup_folder
        if chosen:
            out.append(Path(chosen))
        return out

    def refresh(self) -> None:
        from fieldreg.services import backups

        folders = self._folders()

        def job() -> list[BackupInfo]:
            found: list[BackupInfo] = []
            for f in folders:
                found += backups.list_backups(f)
            return sorted(found, key=lambda b: b.created_at, reverse=True)

        self.main.runner.run(job, on_done=self._show, owner=self, label="list backups")

    def _show(self, found: list[BackupInfo]) -> None:
        if not found:
            self.last.setText(self.tr("No backup yet."))
            return
        b = found[0]
        where = {str(b.path.parent) for b in found if b.created_at == found[0].created_at}
        self.last.setText(self.tr("Last backup: {0}, {1} records ({2} waiting to be sent). "
                                  "In: {3}").format(
            date_text(b.created_at.astimezone()), number(b.records), number(b.queued),
            "; ".join(sorted(where))))

    def backup_now(self) -> None:
        from fieldreg.services import backups

        ctx = self.main.ctx
        chosen = self.main.controller.settings.backup_folder
        self.banner.hide()
        self.now_button.setEnabled(False)

        def job() -> list[Path]:  # the data folder, and the backup folder when it is there
            return backups.make_backup(ctx, reason="manual")

        def done(made: list[Path]) -> None:
            self.now_button.setEnabled(True)
            text = self.tr("Backup made: {0}").format(
                "; ".join(str(p) for p in made))
            if chosen and not any(p.parent == Path(chosen) for p in made):
                text += " " + self.tr("The backup folder {0} is not there (USB stick not "
                                      "plugged in?), so no copy went there.").format(chosen)
                self.banner.show_message("warning", text)
            else:
                self.banner.show_message("success", text)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.now_button.setEnabled(True)
            self.banner.show_message("error", error_text(exc))

        self.main.runner.run(job, on_done=done, on_error=failed, owner=self, label="backup")

    def restore(self) -> None:
        from fieldreg.services.errors import ServiceError
        from ui.restore_dialog import RestoreDialog, choose_backup_file

        folders = [f for f in reversed(self._folders()) if f.is_dir()]
        path = choose_backup_file(self, folders[0] if folders else self.home)
        if path is None:
            return
        controller = self.main.controller
        try:
            dlg = RestoreDialog(self.home, self.main.runner, path, self.main,
                                before_restore=controller.close_for_restore)
        except ServiceError as exc:
            self.banner.show_message("error", error_text(exc))
            return
        dlg.restored.connect(controller.open_restored)
        dlg.failed_after_close.connect(controller.restore_failed)
        dlg.open()

    def _open_folder(self) -> None:
        folder = self._folders()[0]
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
