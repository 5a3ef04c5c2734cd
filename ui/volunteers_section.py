"""Settings → Volunteers: who can open this laptop, changing one's own password, and (for a
supervisor) adding a volunteer. Argon2 makes every password slow on purpose, so each action
runs off the GUI thread through the task runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.problems import error_text, text
from ui.widgets import Banner, FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.context import Context
    from ui.tasks import TaskRunner


def _password_edit() -> QLineEdit:
    e = QLineEdit()
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setMaxLength(200)
    return e


def _min_length() -> int:
    from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH

    return MIN_PASSWORD_LENGTH


class VolunteersSection(QFrame):
    """A card on the Settings page, with its own banner for what happened."""

    def __init__(self, ctx: Context, runner: TaskRunner) -> None:
        super().__init__()
        self.setObjectName("Card")
        self.ctx = ctx
        self.runner = runner
        self._busy = False
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 14, 14, 14)
        v.addWidget(label(self.tr("Volunteers"), "fieldlabel"))
        self.who = label("", "hint", wrap=True)
        v.addWidget(self.who)
        self.banner = Banner()
        v.addWidget(self.banner)

        cols = QGridLayout()
        cols.setHorizontalSpacing(24)
        cols.setColumnStretch(0, 1)
        cols.setColumnStretch(1, 1)
        cols.addWidget(self._own_password(), 0, 0)
        cols.addWidget(self._add_volunteer(), 0, 1)
        v.addLayout(cols)
        self.refresh_names()

    # -- building -------------------------------------------------------------------------
    def _own_password(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label(self.tr("Change my password ({0})").format(self.ctx.volunteer_name),
                            "section", wrap=True))
        self.old_pw = _password_edit()
        self.old_box = FieldBox(self.tr("Current password"), self.old_pw)
        self.new_pw = _password_edit()
        self.new_box = FieldBox(self.tr("New password"), self.new_pw, hint=self.tr(
            "At least {0} characters. A short sentence is easy to remember.").format(
                _min_length()))
        self.new_pw2 = _password_edit()
        self.new2_box = FieldBox(self.tr("New password again"), self.new_pw2)
        for b in (self.old_box, self.new_box, self.new2_box):
            lay.addWidget(b)
            edit = b.editor
            assert isinstance(edit, QLineEdit)
            edit.textEdited.connect(lambda _t, box=b: box.clear_problem())
        self.new_pw2.returnPressed.connect(self.change_password)
        self.rekey = QCheckBox(self.tr(
            "The old password may be known to someone else: also change the database key"))
        lay.addWidget(self.rekey)
        lay.addWidget(label(self.tr(
            "Without a new key, old backups together with the old password still open today's "
            "data. Old backups always open with the password of their time."), "hint",
            wrap=True))
        row = QHBoxLayout()
        self.change_button = button(self.tr("Change my password"), on_click=self.change_password)
        row.addWidget(self.change_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        return w

    def _add_volunteer(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(label(self.tr("Add a volunteer"), "section"))
        self.add_button: QPushButton | None = None
        if not self.ctx.is_supervisor:
            lay.addWidget(label(self.tr(
                "Only a supervisor can add a volunteer. Ask your supervisor to open the app "
                "and add them here."), "hint", wrap=True))
            lay.addStretch(1)
            return w
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(self.tr("Full name, as the volunteer is known"))
        self.name_box = FieldBox(self.tr("Name"), self.name)
        self.role = QComboBox()
        self.role.addItem(self.tr("Volunteer"), "volunteer")
        self.role.addItem(self.tr("Supervisor (adds volunteers, approves a NIK mismatch)"),
                          "supervisor")
        self.role_box = FieldBox(self.tr("Role"), self.role)
        self.add_pw = _password_edit()
        self.add_pw_box = FieldBox(self.tr("Their password"), self.add_pw, hint=self.tr(
            "Let the volunteer type it; they can change it later on this page."))
        self.add_pw2 = _password_edit()
        self.add_pw2_box = FieldBox(self.tr("Their password again"), self.add_pw2)
        for b in (self.name_box, self.role_box, self.add_pw_box, self.add_pw2_box):
            lay.addWidget(b)
            if isinstance(b.editor, QLineEdit):
                b.editor.textEdited.connect(lambda _t, box=b: box.clear_problem())
        self.add_pw2.returnPressed.connect(self.add_volunteer)
        row = QHBoxLayout()
        self.add_button = button(self.tr("Add the volunteer"), on_click=self.add_volunteer)
        row.addWidget(self.add_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        return w

    # -- who --------------------------------------------------------------------------------
    def refresh_names(self) -> None:
        home, me = self.ctx.home, self.ctx.volunteer_id

        def job() -> list[tuple[str, bool]]:
            from fieldreg.services import accounts

            return [(v.name, v.volunteer_id == me) for v in accounts.volunteers(home)]

        self.runner.run(job, on_done=self._show_names, on_error=lambda e: None, owner=self,
                        label="volunteer names")

    def _show_names(self, names: list[tuple[str, bool]]) -> None:
        shown = [self.tr("{0} (you)").format(n) if me else n
                 for n, me in sorted(names, key=lambda x: x[0].casefold())]
        self.who.setText(self.tr("Who can open this laptop: {0}.").format(", ".join(shown)))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.change_button.setEnabled(not busy)
        if self.add_button is not None:
            self.add_button.setEnabled(not busy)

    # -- own password ---------------------------------------------------------------------
    def change_password(self) -> None:
        if self._busy:
            return
        for b in (self.old_box, self.new_box, self.new2_box):
            b.clear_problem()
        self.banner.hide()
        old, new, again = self.old_pw.text(), self.new_pw.text(), self.new_pw2.text()
        ok = True
        if not old:
            self.old_box.set_problem(self.tr("Type your current password."))
            ok = False
        if len(new) < _min_length():
            self.new_box.set_problem(text("password_too_short", {"min": _min_length()}))
            ok = False
        elif new != again:
            self.new2_box.set_problem(text("password_repeat"))
            ok = False
        elif new == old:
            self.new_box.set_problem(self.tr("The new password is the same as the current one."))
            ok = False
        if not ok:
            return
        ctx = self.ctx
        if self.rekey.isChecked():
            self._verify_then_rekey(old, new)
            return

        def job() -> None:
            from fieldreg.services import accounts

            # The current password is checked against the key file (wrong ones count towards
            # the lock-out), then the new one wraps the database key.
            accounts.change_password(ctx, new, old_password=old)

        self._set_busy(True)
        self.change_button.setText(self.tr("Changing…"))
        self.runner.run(job, on_done=lambda _r: self._password_changed(),
                        on_error=self._password_failed, owner=self, label="change password")

    def _verify_then_rekey(self, old: str, new: str) -> None:
        """Prove the current password first (the database stays open while it is wrong),
        then the rekey dialog closes the database and changes the key."""
        ctx = self.ctx

        def job() -> None:
            from fieldreg.services import accounts

            accounts.verify_password(ctx, old)

        def proved(_r: object) -> None:
            from ui.rekey_dialog import RekeyDialog

            self._set_busy(False)
            self.change_button.setText(self.tr("Change my password"))
            main = self.window()
            controller = getattr(main, "controller", None)
            if controller is None:
                return
            self.rekey_dialog = RekeyDialog(ctx.home, self.runner, ctx.volunteer_id, old, new,
                                            controller, main)
            self.rekey_dialog.open()

        self._set_busy(True)
        self.change_button.setText(self.tr("Changing…"))
        self.runner.run(job, on_done=proved, on_error=self._password_failed, owner=self,
                        label="check password")

    def _password_changed(self) -> None:
        self._set_busy(False)
        self.change_button.setText(self.tr("Change my password"))
        for e in (self.old_pw, self.new_pw, self.new_pw2):
            e.clear()
        self.banner.show_message("success", self.tr(
            "Your password was changed. Use the new one from the next time you open the app."))

    def _password_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.change_button.setText(self.tr("Change my password"))
        code = getattr(exc, "code", "")
        if code in ("wrong_password", "throttled", "locked_out"):
            self.old_pw.clear()
            self.old_box.set_problem(error_text(exc))
            self.old_pw.setFocus()
        elif code == "password_too_short":
            self.new_box.set_problem(error_text(exc))
        else:
            self.banner.show_message("error", error_text(exc))

    # -- adding a volunteer ---------------------------------------------------------------
    def add_volunteer(self) -> None:
        if self._busy or self.add_button is None:
            return
        for b in (self.name_box, self.add_pw_box, self.add_pw2_box):
            b.clear_problem()
        self.banner.hide()
        name, role = " ".join(self.name.text().split()), str(self.role.currentData())
        pw, again = self.add_pw.text(), self.add_pw2.text()
        ok = True
        if not name:
            self.name_box.set_problem(text("required"))
            ok = False
        if len(pw) < _min_length():
            self.add_pw_box.set_problem(text("password_too_short", {"min": _min_length()}))
            ok = False
        elif pw != again:
            self.add_pw2_box.set_problem(text("password_repeat"))
            ok = False
        if not ok:
            return
        ctx = self.ctx

        def job() -> str:
            from fieldreg.services import accounts

            return accounts.add_volunteer(ctx, name, pw, role=role)

        self._set_busy(True)
        self.add_button.setText(self.tr("Adding…"))
        self.runner.run(job, on_done=lambda _vid: self._added(name, role),
                        on_error=self._add_failed, owner=self, label="add volunteer")

    def _added(self, name: str, role: str) -> None:
        assert self.add_button is not None
        self._set_busy(False)
        self.add_button.setText(self.tr("Add the volunteer"))
        for e in (self.name, self.add_pw, self.add_pw2):
            e.clear()
        self.role.setCurrentIndex(0)
        words = (self.tr("{0} was added as a supervisor.") if role == "supervisor"
                 else self.tr("{0} was added as a volunteer.")).format(name)
        self.banner.show_message("success", words + " " + self.tr(
            "They can now choose their name when the app opens."))
        self.refresh_names()

    def _add_failed(self, exc: BaseException) -> None:
        assert self.add_button is not None
        self._set_busy(False)
        self.add_button.setText(self.tr("Add the volunteer"))
        field = getattr(exc, "params", {}).get("field", "")
        box = {"volunteer_name": self.name_box, "password": self.add_pw_box,
               "role": self.role_box}.get(field)
        if box is not None:
            box.set_problem(error_text(exc))
        else:
            self.banner.show_message("error", error_text(exc))
