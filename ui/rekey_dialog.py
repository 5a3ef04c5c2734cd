"""Changing the password *and* the database key, because the old password may be known.

Opened from Settings → Volunteers once the current password is proved. The dialog says what a
new key does and what it cannot do (an old backup still opens with the old password: it holds
the old data), then the app closes its database (``close_for_restore``: the same path as a
restore), ``accounts.change_password_rekey`` runs on a worker thread with its steps in a progress
bar, and the data opens again under the new key (``open_restored``). A failure after the
database was closed goes to the unlock window with the reason (``restore_failed``); the rekey
itself is crash-safe, so either the old or the new password opens the data.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ui.problems import error_text
from ui.widgets import Banner, button, label

if TYPE_CHECKING:
    from ui.tasks import Progress, Task, TaskRunner


class RekeyDialog(QDialog):
    def __init__(self, home: Path, runner: TaskRunner, volunteer_id: str, old_password: str,
                 new_password: str, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home, self.runner, self.controller = home, runner, controller
        self._secrets = (volunteer_id, old_password, new_password)
        self.busy = False
        self.setWindowTitle(self.tr("Change the password and the database key"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr(
            "Your password is changed and the data on this laptop gets a new key. Afterwards "
            "old passwords, together with old backups, no longer open the data on this "
            "laptop. The other volunteers' passwords and the recovery key keep working."),
            wrap=True))
        self.old_backups_note = label(self.tr(
            "Old backups still open with the old password: they hold the data as it was then. "
            "If the old password may be known to someone else, delete the old backups (in the "
            "backups folder and on USB sticks) after making a new one."), "hint", wrap=True)
        lay.addWidget(self.old_backups_note)
        self.renew = QCheckBox(self.tr(
            "Also make a new recovery key (if the paper with the old one may have been seen)"))
        lay.addWidget(self.renew)
        self.banner = Banner()
        lay.addWidget(self.banner)
        self.progress = QProgressBar()
        self.progress.setRange(0, 4)
        self.progress.hide()
        lay.addWidget(self.progress)
        self.working = label(self.tr(
            "Changing the key. Do not close the app or turn off the laptop until it is done."),
            "info", wrap=True)
        self.working.hide()
        lay.addWidget(self.working)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), on_click=self.reject)
        row.addWidget(self.cancel)
        self.ok = button(self.tr("Change the key"), primary=True, on_click=self.start)
        self.ok.setDefault(True)
        row.addWidget(self.ok)
        lay.addLayout(row)

    def reject(self) -> None:
        if self.busy:  # the database is closed and being re-encrypted: no way out mid-way
            return
        super().reject()

    def start(self) -> None:
        if self.busy:
            return
        if not self.controller.close_for_restore():
            self.banner.show_message("warning", self.tr(
                "The app is still busy with other work. Wait a moment and try again."))
            return
        self.busy = True
        for w in (self.ok, self.cancel, self.renew):
            w.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.working.show()
        self._fit()  # room for the progress: the words above must not be squeezed
        home, (vid, old, new), renew = self.home, self._secrets, self.renew.isChecked()

        def job(task: Task[Progress]) -> object:
            from fieldreg.services import accounts

            return accounts.change_password_rekey(home, vid, old, new, renew_recovery=renew,
                                                  progress=task.progress)

        self.runner.run(job, on_done=self._done, on_error=self._failed,
                        on_progress=self._progressed, owner=self, label="rekey")

    def _fit(self) -> None:
        """Tall enough for everything at the current width (wrapped words need more height
        than the size hint gives them)."""
        lay = self.layout()
        if lay is None:  # Qt's layout() may be None; this dialog always has one
            return
        lay.activate()
        need = (lay.totalHeightForWidth(self.width()) if lay.hasHeightForWidth()
                else lay.totalSizeHint().height())
        if self.height() < need:
            self.resize(self.width(), need)

    def _progressed(self, p: Progress) -> None:
        self.progress.setRange(0, p.total)
        self.progress.setValue(p.done)

    def _done(self, res: Any) -> None:
        self.busy = False
        self._secrets = ("", "", "")
        self.accept()
        self.controller.open_restored(res.context)
        show_result(self.controller.window, res.recovery_key, res.stale)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._secrets = ("", "", "")
        super().reject()
        self.controller.restore_failed(error_text(exc))


class ResultBox(QMessageBox):
    """A message box that, with a new recovery key on it, closes only once the key is noted."""

    def closeEvent(self, event: QCloseEvent) -> None:
        written = self.checkBox()
        if written is not None and not written.isChecked():
            event.ignore()
            return
        super().closeEvent(event)


def show_result(parent: QWidget | None, recovery_key: str | None,
                stale: list[str]) -> QMessageBox:
    """What changed, the new recovery key (shown once: OK only once it is written down), who
    must set a password again."""
    parts = [html.escape(QCoreApplication.translate(
        "RekeyDialog",
        "The password and the database key were changed. The old password no longer opens the "
        "data on this laptop, not even together with an old backup. Old backups themselves "
        "still open with the old password (they hold the old data): delete them if the old "
        "password may be known to someone else."))]
    if stale:
        parts.append(html.escape(QCoreApplication.translate(
            "RekeyDialog", "These volunteers must set their password again with the recovery key "
            "(Forgot the password): {0}.").format(", ".join(stale))))
    if recovery_key:
        parts.append(html.escape(QCoreApplication.translate(
            "RekeyDialog",
            "New recovery key — write it down now and keep it safe; the old one no longer "
            "works:")) + "<p style='font-family: \"DejaVu Sans Mono\", monospace; "
            "font-size: 18pt; font-weight: bold'>" + html.escape(recovery_key) + "</p>")
    box = ResultBox(QMessageBox.Icon.Information,
                    QCoreApplication.translate("RekeyDialog", "Database key changed"),
                    "<p>" + "</p><p>".join(parts) + "</p>", QMessageBox.StandardButton.Ok,
                    parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if recovery_key:  # shown only now: closing it unread loses the only key that works
        ok = box.button(QMessageBox.StandardButton.Ok)
        written = QCheckBox(QCoreApplication.translate(
            "RekeyDialog", "I have written down the new recovery key and will keep it safe."),
            box)  # owned by the box (not by this Python name)
        box.setCheckBox(written)
        ok.setEnabled(False)  # Escape clicks OK: nothing while it is disabled
        written.toggled.connect(ok.setEnabled)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    written = box.checkBox()
    if written is not None:
        written.setFocus()  # Space ticks it, then Enter is OK
    return box
