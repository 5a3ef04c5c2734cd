"""Restore a backup: from the unlock window (a damaged database, a new laptop) or from
Settings while unlocked.

The dialog says what the backup holds and what will happen (the data now on the laptop is moved
aside, never deleted), asks for the password as it was when the backup was made (or the
recovery key), proves it against the backup without changing anything (``backups.check``), and
only then lets the caller close the open database (``before_restore``) and restores. The
restored data comes back unlocked through ``restored``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.labels import date_text, number
from ui.problems import error_text
from ui.tasks import TaskRunner
from ui.widgets import Banner, FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.context import NewIdentity


class _Credentials(TypedDict, total=False):
    """What proves the backup (a password or the recovery key), as ``check``/``restore`` take it."""

    password: str
    recovery_key: str
    replace_other: bool


def choose_backup_file(parent: QWidget, start: Path) -> Path | None:
    """A file dialog for ``*.fieldreg-backup`` files, starting in ``start``."""
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("RestoreDialog", "Choose a backup"), str(start),
        QCoreApplication.translate("RestoreDialog", "fieldreg backups (*.fieldreg-backup)"))
    return Path(name) if name else None


def new_device_box(parent: QWidget, fresh: NewIdentity) -> QMessageBox:
    """Says the laptop is a new device now (a backup of another machine), with the district
    admin's transfer command on a line of its own, selectable so it can be copied."""
    from ui.problems import text

    words = text("restored_new_identity", {"prefix": fresh.prefix,
                                           "old_device_id": fresh.old_device_id,
                                           "device_id": fresh.device_id})
    box = QMessageBox(QMessageBox.Icon.Information, text("restored_new_identity_title", {}),
                      words.replace("\n", "\n\n"), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return box


class RestoreDialog(QDialog):
    restored = Signal(object)  # Context
    failed_after_close = Signal(str)  # the words, when it failed after the database was closed

    def __init__(self, home: Path, runner: TaskRunner, path: Path, parent: QWidget | None = None,
                 *, before_restore: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        from fieldreg.services import backups, restore

        self.home, self.runner, self.path = home, runner, path
        self.before_restore = before_restore
        self.busy = False
        self.replace_other = False
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        self.banner = Banner()
        self.info = backups.inspect(path)  # raises ServiceError for a file that is no backup
        i = self.info
        lay.addWidget(label(self.tr("Backup of {0} from {1}").format(
            date_text(i.created_at.astimezone()), i.device_name), "section", wrap=True))
        lay.addWidget(label(self.tr(
            "{0} records, {1} of them waiting to be sent. Made by fieldreg {2}.").format(
                number(i.records), number(i.queued), i.app_version), wrap=True))
        lay.addWidget(label(self.tr(
            "The data now on this laptop is not deleted: it is kept in the folder "
            "backups/replaced-… inside the data folder. Records made after this backup are "
            "only there."), "hint", wrap=True))
        lay.addWidget(self.banner)

        self.volunteer = QComboBox()
        self.volunteer.addItems(restore.volunteers_in(path))
        lay.addWidget(FieldBox(self.tr("Volunteer"), self.volunteer))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_box = FieldBox(self.tr("Password"), self.password, hint=self.tr(
            "The password as it was when the backup was made."))
        lay.addWidget(self.password_box)
        self.use_key = QCheckBox(self.tr("Use the recovery key instead"))
        lay.addWidget(self.use_key)
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key_box = FieldBox(self.tr("Recovery key"), self.key)
        self.key_box.hide()
        lay.addWidget(self.key_box)
        self.use_key.toggled.connect(self._toggle_key)
        lay.addStretch(1)  # spare height here, not inside the fields

        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel = button(self.tr("Cancel"), on_click=self.reject)
        row.addWidget(self.cancel)
        self.ok = button(self.tr("Restore"), primary=True, on_click=self._go)
        self.ok.setDefault(True)
        row.addWidget(self.ok)
        lay.addLayout(row)
        self.password.setFocus()

    def _toggle_key(self, on: bool) -> None:
        self.key_box.setVisible(on)
        self.password_box.setVisible(not on)
        self.adjustSize()

    def _credentials(self) -> _Credentials:
        creds: _Credentials = {"replace_other": self.replace_other}
        if self.use_key.isChecked():
            creds["recovery_key"] = self.key.text()
        else:
            creds["password"] = self.password.text()
        return creds

    def reject(self) -> None:
        if self.busy:  # checking or restoring: the database may already be closed
            return
        super().reject()

    def _go(self) -> None:
        from fieldreg.services import restore

        self.password_box.clear_problem()
        self.key_box.clear_problem()
        self.banner.hide()
        home, path, who, creds = self.home, self.path, self.volunteer.currentText(), \
            self._credentials()

        def job() -> object:
            return restore.check(home, path, volunteer=who, **creds)

        self._busy(True)
        self.runner.run(job, on_done=lambda _i: self._proved(), on_error=self._refused,
                        owner=self, label="check backup")

    def _proved(self) -> None:
        from fieldreg.services import restore

        if self.before_restore is not None and not self.before_restore():
            self._busy(False)  # the app is still busy (a sync, a backup): nothing was closed
            self.banner.show_message("warning", self.tr(
                "The app is still busy with other work. Wait a moment and press Restore "
                "again."))
            return
        home, path, who, creds = self.home, self.path, self.volunteer.currentText(), \
            self._credentials()

        def job() -> object:
            return restore.restore(home, path, volunteer=who, **creds)

        self.runner.run(job, on_done=self._done, on_error=self._failed_late, owner=self,
                        label="restore backup")

    def _done(self, res: object) -> None:
        self.busy = False
        self.accept()
        fresh = getattr(res, "new_identity", None)
        if fresh is not None:  # made on another machine: a new device, to enrol again
            new_device_box(self.parentWidget() or self, fresh).exec()
        if getattr(res, "key_changed_since", False):  # from before a password change
            from PySide6.QtWidgets import QMessageBox

            from ui.problems import text

            QMessageBox.warning(self.parentWidget() or self, text("restored_old_key_title", {}),
                                text("restored_old_key", {}))
        self.restored.emit(res.context)  # type: ignore[attr-defined]

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        code = getattr(exc, "code", "")
        if code == "restore_replaces_other" and not self.replace_other:
            answer = QMessageBox.warning(
                self, self.tr("Replace the data on this laptop?"), error_text(exc),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Yes:
                self.replace_other = True
                self._go()
            return
        secret_box = self.key_box if self.use_key.isChecked() else self.password_box
        box = {"wrong_password": self.password_box, "wrong_recovery_key": self.key_box,
               "throttled": secret_box, "locked_out": secret_box,
               "recovery_key_invalid": self.key_box}.get(code)
        if box is not None:
            box.set_problem(error_text(exc))
        else:
            self.banner.show_message("error", error_text(exc))
        self.adjustSize()

    def _failed_late(self, exc: BaseException) -> None:
        self.busy = False
        if self.before_restore is None:
            self._refused(exc)
            return
        self.reject()
        self.failed_after_close.emit(error_text(exc))

    def _busy(self, on: bool) -> None:
        self.busy = on
        for w in (self.ok, self.cancel, self.volunteer, self.password, self.key, self.use_key):
            w.setEnabled(not on)
        self.ok.setText(self.tr("Checking…") if on else self.tr("Restore"))
