"""The status bar: who is working, how many records wait to be sent, the server, last sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from ui.labels import number
from ui.tasks import TaskRunner


class StatusBar(QStatusBar):
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
        self.busy = QLabel(self.tr("Working…"))
        self.busy.setVisible(False)
        self.addPermanentWidget(self.busy)
        # Sync has its own issue: until it exists the server's state is unknown.
        self.server = QLabel(self.tr("Server: —"))
        self.server.setToolTip(self.tr("Not known yet: this version has no sync."))
        self.addPermanentWidget(self.server)
        self.last_sync = QLabel(self.tr("Last sync: never"))
        self.addPermanentWidget(self.last_sync)
        self.waiting = -1
        runner.busy_changed.connect(self.busy.setVisible)

    def set_waiting(self, n: int) -> None:
        self.waiting = n
        self.queue.setText(self.tr("Waiting to send: {0}").format(number(n)))
        self.queue.setStyleSheet("font-weight: bold;" if n else "")
