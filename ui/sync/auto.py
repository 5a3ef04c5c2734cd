"""Automatic sync: about once a minute, off the GUI thread, read the sync status and ping the
district server; when it answers and records are waiting, send them (setting "auto_sync").

Nothing is checked while a sync runs; nothing is pinged while the laptop is not enrolled or its
sync is paused (a refused token waits for the district officer, never for a timer). The ping
also keeps the status bar's "server reachable" up to date when sending by itself is off. After
an automatic run that failed, the next automatic one waits longer (2, 4, 8 … up to 30 minutes);
the button is never held back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from fieldreg.services.sync import Result, SyncReport, SyncStatus

if TYPE_CHECKING:
    from ui.sync.controller import SyncController

INTERVAL_MS = 60_000
FIRST_CHECK_MS = 1_500  # after the window is on screen (the status bar learns the state)
MAX_BACKOFF_S = 30 * 60


class AutoSync(QObject):
    def __init__(self, controller: SyncController, enabled: Callable[[], bool], *,
                 clock: Callable[[], float] = time.monotonic,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(controller)
        self.controller = controller
        self.enabled = enabled  # the setting, read at every check (Settings can change it)
        self.clock = clock
        self.failures = 0
        self.not_before = 0.0  # no automatic run before this (monotonic seconds)
        self.checks = 0
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._scheduled)
        controller.finished.connect(self._after_run)

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        self._stopped = False
        self.timer.start()
        QTimer.singleShot(first_ms, self, self._scheduled)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()

    def _scheduled(self) -> None:
        if not self._stopped:
            self.tick()

    def tick(self) -> bool:
        """One check; True when it was started (not while a sync or a check is going on)."""
        started = self.controller.check(self._checked)
        if started:
            self.checks += 1
        return started

    def _checked(self, status: SyncStatus, reachable: bool | None) -> None:
        if self.should_send(status, reachable):
            self.controller.start("auto")

    def should_send(self, status: SyncStatus, reachable: bool | None) -> bool:
        return bool(
            self.enabled()
            and reachable
            and status.enrolled
            and not status.paused
            and status.pending > 0
            and not self.controller.running
            and self.clock() >= self.not_before
        )

    def _after_run(self, report: SyncReport) -> None:
        if report.result in (Result.OK, Result.PARTIAL) or report.ok:
            self.failures = 0
            self.not_before = 0.0
        elif self.controller.trigger == "auto" and report.result is not Result.CANCELLED:
            self.failures += 1
            wait = min(MAX_BACKOFF_S, 60 * 2 ** self.failures)
            self.not_before = self.clock() + wait
