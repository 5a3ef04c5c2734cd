"""The task runner: results, errors, progress and cancel come back on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.tasks import Cancelled, TaskRunner


def test_result_and_error_arrive_on_the_gui_thread(qtbot: Any) -> None:
    runner = TaskRunner()
    main_thread = threading.get_ident()
    got: list[Any] = []
    runner.run(lambda: threading.get_ident(), on_done=lambda r: got.append(
        ("done", r != main_thread, threading.get_ident() == main_thread)))
    runner.run(lambda: 1 / 0, on_error=lambda e: got.append(("error", type(e).__name__)))
    qtbot.waitUntil(runner.idle)
    assert ("done", True, True) in got
    assert ("error", "ZeroDivisionError") in got


def test_progress_and_cancel(qtbot: Any) -> None:
    runner = TaskRunner()
    started = threading.Event()
    seen: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def job(task: Any) -> None:
        task.progress(1, 10)
        started.set()
        for i in range(2, 10_000):
            task.progress(i, 10_000)
            threading.Event().wait(0.001)

    task = runner.run(job, on_progress=lambda d, t: seen.append((d, t)), on_error=errors.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(runner.idle)
    assert seen and seen[0] == (1, 10)
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: Any) -> None:
    runner = TaskRunner()
    owner = QWidget()
    gate = threading.Event()
    got: list[int] = []
    runner.run(lambda: gate.wait(5) and 1, on_done=got.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    qtbot.waitUntil(runner.idle)
    assert got == []


def test_unhandled_failure_is_reported(qtbot: Any) -> None:
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed) as sig:
        runner.run(lambda: [][1], label="boom")
    assert sig.args[0] == "boom"
