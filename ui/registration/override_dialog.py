"""A supervisor's override of a NIK that disagrees with the birth date or sex on the KTP.

Asks for the reason; a volunteer who is not a supervisor needs a supervisor at the laptop, who
types their own password (checked off the GUI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.problems import error_text, text
from ui.tasks import TaskRunner
from ui.widgets import FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.context import Context


class OverrideDialog(QDialog):
    def __init__(self, ctx: Context, runner: TaskRunner, mismatch: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.supervisor_name = ""
        self.setWindowTitle(self.tr("Supervisor override"))
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(label(mismatch, "error", wrap=True))
        lay.addWidget(label(self.tr(
            "Only when the ID card itself is wrong: keep the NIK as printed and record why."),
            wrap=True))
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("For example: birth date on the KTP differs "
                                               "from the family card; KTP being corrected"))
        self.reason_box = FieldBox(self.tr("Reason"), self.reason, required=True)
        lay.addWidget(self.reason_box)
        self.supervisor = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sup_box = FieldBox(self.tr("Supervisor"), self.supervisor)
        self.pw_box = FieldBox(self.tr("Supervisor's password"), self.password)
        self.needs_password = not ctx.is_supervisor
        if self.needs_password:
            lay.addWidget(self.sup_box)
            lay.addWidget(self.pw_box)
            self._load_supervisors()
        else:
            lay.addWidget(label(self.tr("Approved by you ({0}, supervisor).").format(
                ctx.volunteer_name), "hint"))
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(self.tr("Cancel"), on_click=self.reject)
        cancel.setAutoDefault(False)  # Enter approves (after the checks), Esc cancels
        row.addWidget(cancel)
        self.ok = button(self.tr("Approve"), primary=True, on_click=self._approve)
        self.ok.setDefault(True)
        row.addWidget(self.ok)
        lay.addLayout(row)

    def _load_supervisors(self) -> None:
        ctx = self.ctx

        def job() -> list[tuple[str, str]]:
            from fieldreg.services import browse

            return browse.supervisors(ctx)

        def done(rows: list[tuple[str, str]]) -> None:
            for vid, name in rows:
                self.supervisor.addItem(name, vid)

        self.runner.run(job, on_done=done, owner=self, label="supervisors")

    def _approve(self) -> None:
        self.reason_box.clear_problem()
        self.pw_box.clear_problem()
        if not self.reason.text().strip():
            self.reason_box.set_problem(text("override_reason_required"))
            self.reason.setFocus()  # where the missing words go
            return
        if not self.needs_password:
            self.supervisor_name = self.ctx.volunteer_name
            self.accept()
            return
        vid = str(self.supervisor.currentData() or "")
        name = self.supervisor.currentText()
        pw = self.password.text()
        home = self.ctx.home

        def job() -> None:
            from fieldreg.services import accounts

            other = accounts.unlock(home, vid, pw)  # proves the supervisor is here
            other.close()

        def done(_r: object) -> None:
            self.supervisor_name = name
            self.accept()

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            self.password.clear()
            self.pw_box.set_problem(error_text(exc))

        self.ok.setEnabled(False)
        self.runner.run(job, on_done=done, on_error=failed, owner=self, label="override")
