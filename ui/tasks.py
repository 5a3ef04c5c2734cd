"""One small task runner for every database, file or network job (DESIGN.md rule 5).

Work runs on a ``QThreadPool``; its result, error and progress come back to the GUI thread
through queued signals (the shape of anki's ``taskman`` and picard's ``run_task``). A job that
takes a ``Task`` can report progress and check for cancellation; cancelling is cooperative.
Callbacks of a job whose owner widget was deleted meanwhile are dropped.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job that noticed it was cancelled."""


class Task:
    """Handle of one job: cancel it, or (inside the job) report progress and check for cancel."""

    def __init__(self, runner: TaskRunner, task_id: int, label: str) -> None:
        self._runner = runner
        self.id = task_id
        self.label = label
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        """Called from the job's thread: checks for cancel, then tells the GUI."""
        self.check()
        self._runner._relay.progressed.emit(self.id, int(done), int(total))


@dataclass
class _Callbacks:
    task: Task
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int], None] | None
    owner: QObject | None


class _Relay(QObject):
    finished = Signal(int, bool, object)
    progressed = Signal(int, int, int)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, task: Task, fn: Callable[..., Any], with_task: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._task = task
        self._fn = fn
        self._with_task = with_task

    def run(self) -> None:
        try:
            result = self._fn(self._task) if self._with_task else self._fn()
        except BaseException as exc:  # handed to the GUI thread, never lost
            self._relay.finished.emit(self._task.id, False, exc)
        else:
            self._relay.finished.emit(self._task.id, True, result)


def _takes_task(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return len(params) == 1


class TaskRunner(QObject):
    """``runner.run(job, on_done=..., on_error=..., on_progress=..., owner=widget)``."""

    busy_changed = Signal(bool)
    failed = Signal(str, object)  # label, exception: a job without on_error failed

    def __init__(self, parent: QObject | None = None, max_threads: int = 3) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        # Threads are kept for the life of the runner: the SQLCipher engine pools one
        # connection per thread (SingletonThreadPool, 5 at most) and closes the oldest when a
        # new thread turns up, under the feet of a thread still using it.
        self._pool.setExpiryTimeout(-1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.progressed.connect(self._on_progress)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        owner: QObject | None = None,
        label: str = "",
    ) -> Task:
        """Start ``fn()`` (or ``fn(task)`` when it takes one argument) on a worker thread."""
        task = Task(self, next(self._ids), label or getattr(fn, "__name__", "task"))
        self._pending[task.id] = _Callbacks(task, on_done, on_error, on_progress, owner)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self._relay, task, fn, _takes_task(fn)))
        return task

    def active(self) -> int:
        return len(self._pending)

    def idle(self) -> bool:
        return not self._pending

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until the pool is empty (shutdown, locking). Results are still delivered."""
        return bool(self._pool.waitForDone(timeout_ms))

    def cancel_all(self) -> None:
        for cb in self._pending.values():
            cb.task.cancel()

    @staticmethod
    def _alive(owner: QObject | None) -> bool:
        return owner is None or shiboken6.isValid(owner)

    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        cb = self._pending.get(task_id)
        if cb and cb.on_progress and self._alive(cb.owner):
            cb.on_progress(done, total)

    def _on_finished(self, task_id: int, ok: bool, value: object) -> None:
        cb = self._pending.pop(task_id, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if cb is None:
            return
        cb.task.done = True
        if not self._alive(cb.owner):
            return
        if ok:
            if cb.on_done is not None:
                cb.on_done(value)
            return
        assert isinstance(value, BaseException)
        if isinstance(value, Cancelled):
            log.info("task %s cancelled", cb.task.label)
        elif not _is_refusal(value):
            log.error("task %s failed", cb.task.label, exc_info=value)
        if cb.on_error is not None:
            cb.on_error(value)
        elif not isinstance(value, Cancelled):
            self.failed.emit(cb.task.label, value)


def _is_refusal(exc: BaseException) -> bool:
    return type(exc).__name__ == "ServiceError"
