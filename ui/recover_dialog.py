"""Forgotten password: the recovery key written at setup opens the data and sets a new one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH, long_enough
from ui.problems import error_text, text
from ui.tasks import TaskRunner
from ui.widgets import FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.context import Context


class RecoverDialog(QDialog):
    recovered = Signal(object)  # Context

    def __init__(self, home: Path, runner: TaskRunner, volunteer_id: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home, self.runner, self.volunteer_id = home, runner, volunteer_id
        self.setWindowTitle(self.tr("Forgot the password"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        lay.addWidget(label(self.tr(
            "Type the recovery key written down when this laptop was set up, then a new "
            "password for {0}.").format(name), wrap=True))
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key_box = FieldBox(self.tr("Recovery key"), self.key)
        lay.addWidget(self.key_box)
        self.pw1 = QLineEdit()
        self.pw1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw_box = FieldBox(self.tr("New password"), self.pw1)
        lay.addWidget(self.pw_box)
        self.pw2 = QLineEdit()
        self.pw2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pw2_box = FieldBox(self.tr("New password again"), self.pw2)
        lay.addWidget(self.pw2_box)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Cancel"), on_click=self.reject))
        self.ok = button(self.tr("Open with the key"), primary=True, on_click=self._go)
        self.ok.setDefault(True)
        row.addWidget(self.ok)
        lay.addLayout(row)

    def _go(self) -> None:
        for b in (self.key_box, self.pw_box, self.pw2_box):
            b.clear_problem()
        if not long_enough(self.pw1.text()):
            self.pw_box.set_problem(text("password_too_short", {"min": MIN_PASSWORD_LENGTH}))
            return
        if self.pw1.text() != self.pw2.text():
            self.pw2_box.set_problem(text("password_repeat"))
            return
        home, key, vid, pw = self.home, self.key.text(), self.volunteer_id, self.pw1.text()

        def job() -> Context:
            from fieldreg.services import accounts

            return accounts.recover(home, key, vid, pw)

        self.ok.setEnabled(False)
        self.runner.run(job, on_done=self._done, on_error=self._failed, owner=self,
                        label="recover")

    def _done(self, ctx: Context) -> None:
        self.accept()
        self.recovered.emit(ctx)

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        # A wrong key, a wait or a lock-out: all about the recovery key (it has its own counter)
        on_key = ("wrong_recovery_key", "throttled", "locked_out")
        box = self.key_box if getattr(exc, "code", "") in on_key else self.pw_box
        box.set_problem(error_text(exc))
