"""The one place in the app that talks to ``fieldreg.services.sync``: enrol, run a sync (by the
button or automatically), read the status and the history. Every call goes through the task
runner (docs/ARCHITECTURE.md, rule 5); the page, the status bar and the automatic sync listen to
the signals.

At most one sync runs at a time. Cancel (the page's button, or locking the laptop, which cancels
every task) sets the task's own cancel token, which the engine watches between requests and
while it waits to retry. The engine's progress objects reach the GUI thread as they are.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fieldreg.services.sync import Progress, Result, SyncReport, SyncRun, SyncStatus
from ui.tasks import Cancelled, Task, TaskRunner

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldreg.services.context import Context

log = logging.getLogger(__name__)

# A run that ends like this tells us the server answered (or not) just now.
_REACHED = frozenset({Result.OK, Result.PARTIAL, Result.SERVER_ERROR})
_NOT_REACHED = frozenset({Result.OFFLINE, Result.NOT_OUR_SERVER})


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus, or None while it cannot be read
    history_changed = Signal(object)  # list[SyncRun]
    reachability_changed = Signal(object)  # True | False | None (not checked / not enrolled)
    started = Signal(str)  # trigger: "manual" | "auto"
    progressed = Signal(object)  # Progress
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # an exception: the sync itself broke (a bug, never the network)

    def __init__(self, ctx: Context, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.status: SyncStatus | None = None
        self.history: list[SyncRun] = []
        self.reachable: bool | None = None
        self.report: SyncReport | None = None  # the last run of this session
        self.trigger = ""  # of the run going on (or the last one)
        self.progress: Progress | None = None
        self.error: BaseException | None = None  # why the status could not be read
        self.task: Task[Progress] | None = None
        self._checking = False

    @property
    def running(self) -> bool:
        return self.task is not None

    @property
    def enrolled(self) -> bool:
        return self.status is not None and self.status.enrolled

    @property
    def paused(self) -> str:
        return self.status.paused if self.status is not None else ""

    # -- reading --------------------------------------------------------------------------
    def refresh(self, *, history: bool = True) -> None:
        """Read the status (and the history) again, off the GUI thread."""
        ctx = self.ctx

        def job() -> tuple[SyncStatus, list[SyncRun] | None]:
            from fieldreg.services import sync

            return sync.status(ctx), (sync.history(ctx) if history else None)

        self.runner.run(job, on_done=self._refreshed, on_error=self._unreadable, owner=self,
                        label="sync status")

    def _refreshed(self, got: tuple[SyncStatus, list[SyncRun] | None]) -> None:
        status, runs = got
        self._set_status(status)
        if runs is not None:
            self.history = list(runs)
            self.history_changed.emit(self.history)

    def _unreadable(self, exc: BaseException) -> None:
        log.warning("sync status unreadable: %r", exc)
        self.error = exc
        self.status_changed.emit(None)

    def _set_status(self, status: SyncStatus) -> None:
        self.error = None
        was = self.status
        self.status = status
        if not status.enrolled or status.paused:
            self._set_reachable(None)
        elif was is not None and was.server_url != status.server_url:
            self._set_reachable(None)  # another server: not known yet
        self.status_changed.emit(status)

    def _set_reachable(self, ok: bool | None) -> None:
        if ok != self.reachable:
            self.reachable = ok
            self.reachability_changed.emit(ok)

    def check(self, on_done: Callable[[SyncStatus, bool | None], None] | None = None) -> bool:
        """The status, and whether the server answers its ping (only when enrolled and not
        paused). False when a check is going on already or a sync is running."""
        if self._checking or self.running:
            return False
        self._checking = True
        ctx = self.ctx

        def job() -> tuple[SyncStatus, bool | None]:
            from fieldreg.services import sync

            status = sync.status(ctx)
            if not status.enrolled or status.paused:
                return status, None
            return status, sync.reachable(ctx)

        def done(got: tuple[SyncStatus, bool | None]) -> None:
            self._checking = False
            status, ok = got
            self._set_status(status)
            if status.enrolled and not status.paused and not self.running:
                self._set_reachable(ok)
            if on_done is not None:
                on_done(status, ok)

        def failed(exc: BaseException) -> None:
            self._checking = False
            self._unreadable(exc)

        self.runner.run(job, on_done=done, on_error=failed, owner=self, label="sync check")
        return True

    # -- enrolment ------------------------------------------------------------------------
    def enrol(self, url: str, code: str, *, on_done: Callable[[SyncStatus], None],
              on_error: Callable[[BaseException], None]) -> Task[Any]:
        ctx = self.ctx

        def job() -> SyncStatus:
            from fieldreg.services import sync

            return sync.enrol(ctx, url, code)

        def done(status: SyncStatus) -> None:
            self._set_status(status)
            self._set_reachable(True)  # it just answered
            self.refresh()
            on_done(status)

        return self.runner.run(job, on_done=done, on_error=on_error, owner=self,
                               label="sync enrol")

    # -- running --------------------------------------------------------------------------
    def start(self, trigger: str = "manual") -> bool:
        """Start a sync; False when one is running already."""
        if self.running:
            return False
        ctx = self.ctx

        def job(task: Task[Progress]) -> SyncReport:
            from fieldreg.services import sync

            def progress(p: Progress) -> None:  # on the worker thread
                # Once cancelled it raises: the engine sees the same token and stops by itself.
                with contextlib.suppress(Cancelled):
                    task.report(p)

            # The task's own cancel token: the page's Cancel and locking (cancel_all) set it.
            return sync.sync(ctx, trigger=trigger, progress=progress, cancel=task.token)

        def progressed(p: Progress) -> None:
            if self.running:
                self.progress = p
                self.progressed.emit(p)

        self.trigger = trigger
        self.progress = None
        # writes: statuses and numbers come back, so the main window refreshes lists and counts
        self.task = self.runner.run(job, on_done=self._done, on_error=self._broke,
                                    on_progress=progressed, owner=self, label="sync",
                                    writes=True)
        self.started.emit(trigger)
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _done(self, report: SyncReport) -> None:
        self.task = None
        self.progress = None
        self.report = report
        if report.result in _REACHED:
            self._set_reachable(True)
        elif report.result in _NOT_REACHED:
            self._set_reachable(False)
        log.info("sync (%s): %s sent=%d remaining=%d %s", self.trigger, report.result.value,
                 report.sent, report.remaining, report.detail)
        self.finished.emit(report)
        self.refresh()

    def _broke(self, exc: BaseException) -> None:
        self.task = None
        self.progress = None
        if isinstance(exc, Cancelled):  # cancelled before the engine started
            self._done(SyncReport(Result.CANCELLED))
            return
        self.failed.emit(exc)
        self.refresh()


def needs_fixing(report: Any) -> int:
    """How many records of a run the volunteer has to look at again."""
    return int(report.duplicate + report.rejected + report.conflict)
