"""Registering this laptop with the district server, once: the server address and the
one-time enrolment code from the district officer. Errors are said under the field they
belong to; the work runs through the sync controller (off the GUI thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldreg.services import settings as settings_service
from fieldreg.services.errors import ServiceError
from ui.problems import error_text
from ui.widgets import FieldBox, button, label

if TYPE_CHECKING:
    from fieldreg.services.sync import SyncStatus
    from ui.sync.controller import SyncController
    from ui.tasks import Task

# Refusals that are about the address (the rest are about the code, or said below the button).
_SERVER_CODES = ("server_url_invalid", "server_unreachable", "not_our_server", "server_error",
                 "enrol_server_error", "enrol_unreachable", "enrol_not_our_server")


def where(exc: BaseException) -> str:
    """Which field an enrolment refusal belongs to: "server", "code" or "" (neither)."""
    code = str(getattr(exc, "code", ""))
    field = str(getattr(exc, "params", {}).get("field", ""))
    if field in ("server_url", "url", "server"):
        return "server"
    if field == "code":
        return "code"
    if code in _SERVER_CODES or code.startswith("server_"):
        return "server"
    if code.startswith("enrol_code") or code in ("code_unknown", "code_used", "code_expired"):
        return "code"
    return ""


class EnrolPanel(QWidget):
    """The first step on the Sync page (and again after the district withdrew the laptop)."""

    enrolled = Signal(object)  # SyncStatus
    cancelled = Signal()  # "Back" when registering again

    def __init__(self, controller: SyncController, server_url: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.task: Task[Any] | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(8)
        self.title = label(self.tr("First step: register this laptop with the district server"),
                           "section")
        v.addWidget(self.title)
        self.intro = label(self.tr(
            "This is done once. Ask the district officer for this laptop's enrolment code, "
            "connect to the internet, then type the code below. After that, records are sent "
            "with one button, or by themselves when the server can be reached."),
            wrap=True)
        v.addWidget(self.intro)
        v.addSpacing(4)
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://…")
        self.server_box = FieldBox(self.tr("District server address"), self.server,
                                   hint=self.tr("For example https://bpjs-sync.jambiprov.go.id "
                                                "(on the district officer's note)"))
        v.addWidget(self.server_box)
        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.code.setPlaceholderText(self.tr("For example K7M2-QX9P"))
        self.code_box = FieldBox(self.tr("Laptop enrolment code from the district officer"),
                                 self.code, hint=self.tr("It works only once and only for a "
                                                         "short time."))
        v.addWidget(self.code_box)
        row = QHBoxLayout()
        self.enrol_button = button(self.tr("Register this laptop"), primary=True,
                                   on_click=self.enrol)
        row.addWidget(self.enrol_button)
        self.back_button = button(self.tr("Back"), on_click=self.cancelled.emit)
        self.back_button.hide()
        row.addWidget(self.back_button)
        self.working = label("", "info")
        row.addWidget(self.working, 1)
        v.addLayout(row)
        self.message = label("", "error", wrap=True)
        self.message.hide()
        v.addWidget(self.message)
        self.code.returnPressed.connect(self.enrol)
        self.server.returnPressed.connect(self.code.setFocus)

    def set_again(self, again: bool) -> None:
        """Registering again (sync paused): other words, and a way back."""
        self.title.setText(self.tr("Register this laptop again with a new code") if again
                           else self.tr("First step: register this laptop with the district "
                                        "server"))
        self.back_button.setVisible(again)

    def clear(self) -> None:
        self.server_box.clear_problem()
        self.code_box.clear_problem()
        self.message.hide()

    def enrol(self) -> None:
        if self.task is not None:
            return
        self.clear()
        url = self.server.text().strip().rstrip("/")
        code = "".join(self.code.text().split())
        if not url:
            self.server_box.set_problem(self.tr("Type the district server's address."))
            self.server.setFocus()
            return
        if not settings_service.valid_server_url(url):
            self.server_box.set_problem(error_text(ServiceError("server_url_invalid")))
            self.server.setFocus()
            return
        if not code:
            self.code_box.set_problem(self.tr("Type the enrolment code from the district "
                                              "officer."))
            self.code.setFocus()
            return
        self.server.setText(url)
        self._busy(True)
        self.task = self.controller.enrol(url, code, on_done=self._done, on_error=self._failed)

    def _busy(self, busy: bool) -> None:
        self.enrol_button.setEnabled(not busy)
        self.server.setReadOnly(busy)
        self.code.setReadOnly(busy)
        self.working.setText(self.tr("Contacting the district server…") if busy else "")

    def _done(self, status: SyncStatus) -> None:
        self.task = None
        self._busy(False)
        self.code.clear()
        self.enrolled.emit(status)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._busy(False)
        words = error_text(exc)
        place = where(exc)
        if place == "server":
            self.server_box.set_problem(words)
            self.server.setFocus()
        elif place == "code":
            self.code_box.set_problem(words)
            self.code.setFocus()
            self.code.selectAll()
        else:
            self.message.setText(words)
            self.message.show()
