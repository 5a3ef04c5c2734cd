"""The status bar: who is working, how many records wait to be sent, the server, last sync,
and the app's version."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from fieldreg import __version__
from ui import style
from ui.labels import number
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent

    from fieldreg.services.sync import Progress, SyncStatus


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mouseReleaseEvent(event)


class StatusBar(QStatusBar):
    server_clicked = Signal()  # the server's words were clicked: show the Sync page
    version_clicked = Signal()  # the app's version was clicked: About

    def __init__(self, volunteer: str, role: str, runner: TaskRunner) -> None:
        super().__init__()
        self.setSizeGripEnabled(False)
        self.volunteer = QLabel()
        role_text = self.tr("supervisor") if role == "supervisor" else self.tr("volunteer")
        self.volunteer.setText(self.tr("Volunteer: {0} ({1})").format(volunteer, role_text))
        self.addWidget(self.volunteer)
        self.queue = QLabel(self.tr("Waiting to send: …"))
        self.queue.setToolTip(self.tr(
            "Records that are complete and will go to the district server at the next sync."))
        self.addWidget(self.queue)
        # Passing notes (today's backup…) beside the volunteer and the queue, never over them
        # as QStatusBar.showMessage would.
        self.note = QLabel()
        self.note.setVisible(False)
        self.addWidget(self.note, 1)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self.clear_note)
        self.busy = QLabel(self.tr("Working…"))
        self.busy.setVisible(False)
        self.addPermanentWidget(self.busy)
        self.server = _ClickLabel(self.tr("Server: …"))
        self.server.clicked.connect(self.server_clicked)
        self.addPermanentWidget(self.server)
        self.last_sync = _ClickLabel(self.tr("Last sync: …"))
        self.last_sync.clicked.connect(self.server_clicked)
        self.addPermanentWidget(self.last_sync)
        self.version = _ClickLabel(self.tr("Version {0}").format(__version__))
        self.version.setToolTip(self.tr("Click for About fieldreg (F1)."))
        self.version.setStyleSheet(f"color: {style.MUTED};")
        self.version.clicked.connect(self.version_clicked)
        self.addPermanentWidget(self.version)
        self.waiting = -1
        self.sync_status: SyncStatus | None = None
        self.reachable: bool | None = None
        self.sending = False
        runner.busy_changed.connect(self.busy.setVisible)

    def set_waiting(self, people: int, changes: int | None = None) -> None:
        """``people`` registrations wait to be sent, in ``changes`` outbox entries (a record
        saved and edited before a sync is one person, two changes)."""
        self.waiting = people
        self.queue.setText(self.tr("Waiting to send: {0} people").format(number(people)))
        self.queue.setStyleSheet("font-weight: bold;" if people else "")
        tip = self.tr(
            "Records that are complete and will go to the district server at the next sync.")
        if changes is not None and changes != people:
            tip += "\n" + self.tr("{0} changes for {1} people (a record edited before it was "
                                  "sent is sent with each change).").format(number(changes),
                                                                           number(people))
        self.queue.setToolTip(tip)

    def show_note(self, text: str, ms: int = 10_000, *, colour: str = "") -> None:
        """A passing note for ``ms`` milliseconds (0: until the next note)."""
        self.note.setText(text)
        self.note.setToolTip(text)
        self.note.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setVisible(True)
        self._note_timer.stop()
        if ms:
            self._note_timer.start(ms)

    def clear_note(self) -> None:
        self.note.clear()
        self.note.setVisible(False)

    # -- sync -----------------------------------------------------------------------------
    def set_sync_status(self, status: SyncStatus | None) -> None:
        from ui.sync.words import when_text

        self.sync_status = status
        if status is not None:
            self.set_waiting(status.pending_people, status.pending)
            self.last_sync.setText(self.tr("Last sync: {0}").format(
                when_text(status.last_success_at)))
        self._show_server()

    def set_reachable(self, ok: bool | None) -> None:
        self.reachable = ok
        self._show_server()

    def set_sending(self, p: Progress | None) -> None:
        self.sending = True
        if p is not None and p.total > 0 and p.phase == "push":
            self.server.setText(self.tr("Sending {0} of {1}…").format(number(p.sent),
                                                                      number(p.total)))
        elif p is not None and p.phase == "wait":
            self.server.setText(self.tr("Sending: waiting to try again…"))
        else:
            self.server.setText(self.tr("Sending…"))
        self._colour(style.INFO)

    def sending_done(self) -> None:
        self.sending = False
        self._show_server()

    def _show_server(self) -> None:
        if self.sending:
            return
        s, ok = self.sync_status, self.reachable
        tip = self.tr("Click to open Sync.")
        if s is None:
            text, colour = self.tr("Server: …"), ""
        elif not s.enrolled:
            text, colour = self.tr("Server: laptop not registered yet"), style.WARNING
        elif s.paused:
            text, colour = self.tr("Server: sending paused"), style.ERROR
        elif ok is None:
            text, colour = self.tr("Server: not checked yet"), ""
        elif ok:
            text, colour = self.tr("Server: reachable"), style.PRIMARY
        else:
            text, colour = self.tr("Server: not reachable"), style.WARNING
        if s is not None and s.enrolled:
            tip = f"{s.district_name} · {s.server_url}\n" + tip
        self.server.setText(text)
        self.server.setToolTip(tip)
        self.last_sync.setToolTip(tip)
        self._colour(colour)

    def _colour(self, colour: str) -> None:
        self.server.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
