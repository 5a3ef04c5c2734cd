"""Unlock: pick the volunteer, type the password. Lock-out and waiting are explained in words;
"forgot the password" leads to the recovery key.

The first window of a normal day: it imports only PySide6, ``startup`` and the small widgets;
the words for problems, dates and the accounts service load when needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldreg.services import startup
from ui import i18n
from ui.tasks import TaskRunner
from ui.widgets import Banner, FieldBox, button, card, label

if TYPE_CHECKING:
    from datetime import datetime


def _now() -> datetime:
    from datetime import UTC, datetime

    return datetime.now(UTC)


class UnlockWindow(QWidget):
    unlocked = Signal(object)  # Context
    language_chosen = Signal(str)

    def __init__(self, home: Path, runner: TaskRunner, *, volunteer_id: str = "",
                 reason: str = "") -> None:
        super().__init__()
        self.setObjectName("UnlockWindow")
        self.home = home
        self.runner = runner
        self._busy = False
        self._wait_until: datetime | None = None  # throttled or locked out until (UTC)
        self.setWindowTitle(self.tr("fieldreg — unlock"))
        self.resize(720, 560)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        top = QHBoxLayout()
        top.addStretch(1)
        other = "en" if i18n.lang() == "id" else "id"
        self.lang_button = button("English" if other == "en" else "Bahasa Indonesia", flat=True,
                                  on_click=lambda: self.language_chosen.emit(other))
        top.addWidget(self.lang_button)
        outer.addLayout(top)
        outer.addStretch(1)

        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setSpacing(10)
        lay.addWidget(label(self.tr("BPJS Ketenagakerjaan registration"), "title"))
        lay.addWidget(label(self.tr("Gerakan Desa Peduli Jaminan Sosial · Jambi"), "subtitle"))
        self.reason = Banner()
        self.reason.close_button.hide()
        lay.addWidget(self.reason)
        if reason == "idle":
            self.reason.show_message("info", self.tr(
                "Locked after a while without use, to protect the data. What you were typing "
                "is kept."))
        elif reason == "user":
            self.reason.show_message("info", self.tr("Locked. What you were typing is kept."))
        elif reason:  # words from the app (a restore that failed after closing the data)
            self.reason.show_message("error", reason)

        self.volunteer = QComboBox()
        self.volunteers = startup.volunteers(home)
        # Names only (no item data): QVariant item data costs ~40 ms of enum set-up at start.
        self.volunteer.addItems([v.name for v in self.volunteers])
        ids = [v.volunteer_id for v in self.volunteers]
        if volunteer_id in ids:
            self.volunteer.setCurrentIndex(ids.index(volunteer_id))
        self.volunteer.currentIndexChanged.connect(self._volunteer_changed)
        lay.addWidget(FieldBox(self.tr("Volunteer"), self.volunteer))

        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        self.password_box = FieldBox(self.tr("Password"), self.password)
        self.password.textEdited.connect(lambda _t: self.password_box.clear_problem())
        lay.addWidget(self.password_box)
        self.show_pw = QCheckBox(self.tr("Show the password"))
        self.show_pw.toggled.connect(lambda on: self.password.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        lay.addWidget(self.show_pw)

        row = QHBoxLayout()
        self.forgot = button(self.tr("Forgot the password?"), flat=True,
                             on_click=self._recover)
        row.addWidget(self.forgot)
        row.addStretch(1)
        self.unlock_button = button(self.tr("Open"), primary=True, on_click=self.try_unlock)
        self.unlock_button.setMinimumWidth(140)
        row.addWidget(self.unlock_button)
        lay.addLayout(row)
        more = QHBoxLayout()  # its own line: beside the others it was cut off in Indonesian
        self.restore_link = button(self.tr("Restore a backup…"), flat=True,
                                   on_click=self._restore)
        more.addWidget(self.restore_link)
        more.addStretch(1)
        lay.addLayout(more)

        c = card(inner, margins=28)
        c.setMaximumWidth(520)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(c, 1)
        h.addStretch(1)
        outer.addLayout(h)
        outer.addStretch(2)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_wait)
        self._volunteer_changed()
        self.password.setFocus()

    def selected_volunteer_id(self) -> str:
        i = self.volunteer.currentIndex()
        return self.volunteers[i].volunteer_id if 0 <= i < len(self.volunteers) else ""

    # -- waiting (throttle, lock-out) -----------------------------------------------------
    def _volunteer_changed(self) -> None:
        self.password_box.clear_problem()
        vid = self.selected_volunteer_id()
        slot = next((v for v in self.volunteers if v.volunteer_id == vid), None)
        self._wait_until = None
        if slot is not None and slot.locked_until is not None:
            from datetime import UTC

            from ui.problems import text

            until = slot.locked_until
            if until.tzinfo is None:
                until = until.replace(tzinfo=UTC)
            if until > _now():
                self._wait_until = until
                self.password_box.set_problem(text("locked_out", {"until": until}))
        self._update_wait()

    def _update_wait(self) -> None:
        waiting = self._wait_until is not None and self._wait_until > _now()
        if not waiting and self._wait_until is not None:
            self._wait_until = None
            self.password_box.clear_problem()
        if waiting:
            self._tick.start()
        else:
            self._tick.stop()
        self.unlock_button.setEnabled(not waiting and not self._busy)
        self.password.setEnabled(not waiting and not self._busy)

    # -- unlocking ------------------------------------------------------------------------
    def try_unlock(self) -> None:
        if self._busy or not self.unlock_button.isEnabled():
            return
        home, vid, pw = self.home, self.selected_volunteer_id(), self.password.text()
        if not pw:
            self.password_box.set_problem(self.tr("Type your password."))
            return

        def job() -> object:
            from fieldreg.services import accounts

            return accounts.unlock(home, vid, pw)

        self._busy = True
        self.unlock_button.setText(self.tr("Opening…"))
        self._update_wait()
        self.runner.run(job, on_done=self._done, on_error=self._failed, owner=self,
                        label="unlock")

    def _done(self, ctx: object) -> None:
        self._busy = False
        self.password.clear()
        fresh = getattr(ctx, "new_identity", None)
        if fresh is not None:  # made on another machine: a new device now, to enrol again
            from PySide6.QtWidgets import QMessageBox

            from ui.problems import text

            code = ("copied_new_identity" if fresh.reason == "copied_to_another_machine"
                    else "restored_new_identity")
            QMessageBox.information(
                self, text("restored_new_identity_title", {}),
                text(code, {"prefix": fresh.prefix, "old_device_id": fresh.old_device_id,
                            "device_id": fresh.device_id}))
        self.unlocked.emit(ctx)

    def _failed(self, exc: BaseException) -> None:
        from datetime import datetime, timedelta

        from ui.problems import error_text

        self._busy = False
        self.unlock_button.setText(self.tr("Open"))
        code = getattr(exc, "code", "")
        params = getattr(exc, "params", {})
        if code == "locked_out" and isinstance(params.get("until"), datetime):
            self._wait_until = params["until"]
        elif code == "throttled":
            self._wait_until = _now() + timedelta(seconds=int(params["seconds"]))
        self.password_box.set_problem(error_text(exc))
        self.password.clear()
        self._update_wait()
        if self.password.isEnabled():
            self.password.setFocus()

    def _recover(self) -> None:
        from ui.recover_dialog import RecoverDialog

        dlg = RecoverDialog(self.home, self.runner, self.selected_volunteer_id(),
                            self.volunteer.currentText(), self)
        dlg.recovered.connect(self._done)  # (a copied data folder says so here too)
        dlg.open()

    def _restore(self) -> None:
        from fieldreg.paths import BACKUPS_FOLDER
        from fieldreg.services.errors import ServiceError
        from ui.problems import error_text
        from ui.restore_dialog import RestoreDialog, choose_backup_file

        start = self.home / BACKUPS_FOLDER
        path = choose_backup_file(self, start if start.is_dir() else self.home)
        if path is None:
            return
        try:
            dlg = RestoreDialog(self.home, self.runner, path, self)
        except ServiceError as exc:
            self.reason.show_message("error", error_text(exc))
            return
        dlg.restored.connect(self.unlocked)
        dlg.open()
