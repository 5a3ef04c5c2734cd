"""One small task runner for every database, file or network job (docs/ARCHITECTURE.md, rule 5).

Work runs on a thread pool; its result, error and progress come back to the GUI thread
through queued signals (the shape of anki's ``taskman`` and picard's ``run_task``). A job that
takes a ``Task`` can report progress and check for cancellation; cancelling is cooperative.
Callbacks of a job whose owner widget was deleted meanwhile are dropped.

The Python API is typed: ``run`` is generic over the job's result ``R`` (``on_done`` gets an
``R``) and, for a job that takes its ``Task[P]``, over what it reports as progress ``P``
(``on_progress`` gets a ``P``; ``Progress`` unless the job reports something of its own, as the
sync does). Qt's signals carry them as ``object``: PySide6 signals cannot be generic.

A job started with ``writes=True`` changed the data: once it succeeded (and its owner is still
there), the runner emits ``wrote``; the main window turns that into its one ``data_changed``, so
no page has to announce its writes by hand.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import shiboken6
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)


def _is_refusal(exc: BaseException) -> bool:
    # imported on the first failure: the domain's problems are not needed before the first
    # window is drawn
    from fieldreg.services.errors import ServiceError

    return isinstance(exc, ServiceError)


R = TypeVar("R")  # what a job returns
P = TypeVar("P")  # what a job reports as progress


class Cancelled(Exception):
    """Raised inside a job that noticed it was cancelled."""


@dataclass(frozen=True)
class Progress:
    """How far a counting job is: ``done`` of ``total`` (0: not known yet), and what it does."""

    done: int
    total: int
    text: str = ""


class CancelToken(threading.Event):
    """A job's public cancel flag. It is a ``threading.Event``, so the core can wait on it
    (the sync engine sleeps on it between retries); ``check()`` raises ``Cancelled`` once set."""

    def check(self) -> None:
        if self.is_set():
            raise Cancelled()


class Task(Generic[P]):
    """Handle of one job: cancel it, or (inside the job) report progress and check for cancel."""

    def __init__(self, task_id: int, label: str) -> None:
        self.id = task_id
        self.label = label
        self.token = CancelToken()
        self.done = False

    def cancel(self) -> None:
        self.token.set()

    @property
    def cancelled(self) -> bool:
        return self.token.is_set()

    def check(self) -> None:
        self.token.check()

    def report(self, progress: P) -> None:
        """Called from the job's thread: checks for cancel, then hands ``progress`` to the GUI."""
        self.check()
        _get_relay().progressed.emit(self.id, progress)

    def progress(self: Task[Progress], done: int, total: int, text: str = "") -> None:
        """``report(Progress(done, total, text))``: the ``progress`` callback the core's
        counting services take."""
        self.report(Progress(int(done), int(total), text))


@dataclass(frozen=True)
class _Callbacks(Generic[R, P]):
    task: Task[P]
    on_done: Callable[[R], object] | None
    on_error: Callable[[BaseException], object] | None
    on_progress: Callable[[P], object] | None
    owner: QObject | None
    writes: bool


class _Relay(QObject):
    """Carries outcomes from worker threads to the GUI thread, to the runner that owns the task.

    There is one for the whole process and it is never deleted: a relay owned by a runner could
    be destroyed (window closed, volunteer switched) while a worker thread was emitting on it,
    which crashed the interpreter. Runners are found through weak references.
    """

    finished = Signal(int, bool, object)  # task id, ok, result or exception
    progressed = Signal(int, object)  # task id, the job's progress object

    def __init__(self) -> None:
        super().__init__()
        self.runners: dict[int, weakref.ref[TaskRunner]] = {}
        self.finished.connect(self._deliver_finished)
        self.progressed.connect(self._deliver_progress)

    def _runner(self, task_id: int, *, pop: bool) -> TaskRunner | None:
        ref = self.runners.pop(task_id, None) if pop else self.runners.get(task_id)
        runner = ref() if ref is not None else None
        return runner if runner is not None and shiboken6.isValid(runner) else None

    def _deliver_finished(self, task_id: int, ok: bool, value: object) -> None:
        runner = self._runner(task_id, pop=True)
        if runner is not None:
            runner._on_finished(task_id, ok, value)

    def _deliver_progress(self, task_id: int, progress: object) -> None:
        runner = self._runner(task_id, pop=False)
        if runner is not None:
            runner._on_progress(task_id, progress)


_relay: _Relay | None = None
_task_ids = itertools.count(1)


def _get_relay() -> _Relay:
    """The process-wide relay, made on first use (on the GUI thread, by the first runner)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _run_job(task: Task[Any], fn: Callable[..., object], with_task: bool) -> None:
    """Runs on a worker thread; the outcome goes back to the GUI thread through the relay."""
    relay = _get_relay()
    try:
        result = fn(task) if with_task else fn()
    except BaseException as exc:  # handed to the GUI thread, never lost
        relay.finished.emit(task.id, False, exc)
    else:
        relay.finished.emit(task.id, True, result)


def _takes_task(fn: Callable[..., object]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return len(params) == 1


class TaskRunner(QObject):
    """``runner.run(job, on_done=..., on_error=..., on_progress=..., owner=widget)``."""

    busy_changed = Signal(bool)
    failed = Signal(str, object)  # label, exception: a job without on_error failed
    wrote = Signal(str)  # label: a job started with writes=True succeeded

    def __init__(self, parent: QObject | None = None, max_threads: int = 3) -> None:
        super().__init__(parent)
        self._max_threads = max_threads
        self._pool_: ThreadPoolExecutor | None = None
        self._futures: set[Future[None]] = set()
        self._relay = _get_relay()
        self._pending: dict[int, _Callbacks[Any, Any]] = {}

    @property
    def _pool(self) -> ThreadPoolExecutor:
        """Made on the first job (after the first window is on screen: start-up time)."""
        if self._pool_ is None:
            # Plain Python threads (as anki's taskman): a Python QRunnable that Qt deletes on
            # the worker thread (autoDelete) crashed the interpreter now and then under load.
            from concurrent.futures import ThreadPoolExecutor

            self._pool_ = ThreadPoolExecutor(max_workers=self._max_threads,
                                             thread_name_prefix="fieldreg")
        return self._pool_

    @overload
    def run(
        self,
        fn: Callable[[], R],
        *,
        on_done: Callable[[R], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        owner: QObject | None = None,
        label: str = "",
        writes: bool = False,
    ) -> Task[Progress]: ...

    @overload
    def run(
        self,
        fn: Callable[[Task[P]], R],
        *,
        on_done: Callable[[R], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[P], object] | None = None,
        owner: QObject | None = None,
        label: str = "",
        writes: bool = False,
    ) -> Task[P]: ...

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[Any], object] | None = None,
        owner: QObject | None = None,
        label: str = "",
        writes: bool = False,
    ) -> Task[Any]:
        """Start ``fn()`` (or ``fn(task)`` when it takes one argument) on a worker thread.
        ``writes``: the job changes the data; ``wrote`` is emitted once it succeeded."""
        task: Task[Any] = Task(next(_task_ids), label or getattr(fn, "__name__", "task"))
        self._pending[task.id] = _Callbacks(task, on_done, on_error, on_progress, owner, writes)
        self._relay.runners[task.id] = weakref.ref(self)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        future = self._pool.submit(_run_job, task, fn, _takes_task(fn))
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return task

    def active(self) -> int:
        return len(self._pending)

    def idle(self) -> bool:
        return not self._pending

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until every job has run (shutdown, locking). Results are still delivered."""
        if not self._futures:
            return True
        from concurrent.futures import wait as futures_wait

        _done, not_done = futures_wait(list(self._futures), timeout=timeout_ms / 1000)
        return not not_done

    def cancel_all(self) -> None:
        for cb in self._pending.values():
            cb.task.cancel()

    @staticmethod
    def _alive(owner: QObject | None) -> bool:
        return owner is None or shiboken6.isValid(owner)

    def _on_progress(self, task_id: int, progress: object) -> None:
        cb = self._pending.get(task_id)
        if cb and cb.on_progress and self._alive(cb.owner):
            cb.on_progress(progress)

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
            if cb.writes:  # before on_done, which may close the window (save, then lock)
                self.wrote.emit(cb.task.label)
            if cb.on_done is not None:
                cb.on_done(value)
            return
        assert isinstance(value, BaseException)
        if isinstance(value, Cancelled):
            log.info("task %s cancelled", cb.task.label)
        elif not _is_refusal(value):  # a refusal is no failure of the app
            log.error("task %s failed", cb.task.label, exc_info=value)
        if cb.on_error is not None:
            cb.on_error(value)
        elif not isinstance(value, Cancelled):
            self.failed.emit(cb.task.label, value)
