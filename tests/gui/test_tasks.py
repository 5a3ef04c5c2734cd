"""The task runner: results, errors, progress and cancel come back on the GUI thread."""

from __future__ import annotations

import ast
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from fieldreg.services.errors import ServiceError
from ui.tasks import Cancelled, CancelToken, Progress, Task, TaskRunner

UI = Path(__file__).resolve().parents[2] / "ui"


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
    seen: list[Progress] = []
    errors: list[BaseException] = []

    def job(task: Task[Progress]) -> None:
        task.progress(1, 10, "rows")
        started.set()
        for i in range(2, 10_000):
            task.progress(i, 10_000)
            threading.Event().wait(0.001)

    task = runner.run(job, on_progress=seen.append, on_error=errors.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(runner.idle)
    assert seen and seen[0] == Progress(1, 10, "rows")
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


@dataclass(frozen=True)
class _Phase:
    name: str
    sent: int


def test_a_job_reports_its_own_progress_objects_in_order(qtbot: Any) -> None:
    runner = TaskRunner()
    seen: list[_Phase] = []
    results: list[int] = []

    def job(task: Task[_Phase]) -> int:
        for i in range(5):
            task.report(_Phase("push", i))
        task.report(_Phase("pull", 5))
        return 5

    runner.run(job, on_progress=seen.append, on_done=results.append)
    qtbot.waitUntil(runner.idle)
    assert seen == [_Phase("push", i) for i in range(5)] + [_Phase("pull", 5)]
    assert results == [5]


def test_the_cancel_token_is_public_and_wakes_a_waiting_job(qtbot: Any) -> None:
    """The core waits on the token itself (the sync engine sleeps on it between retries)."""
    runner = TaskRunner()
    waiting = threading.Event()
    woke: list[bool] = []

    def job(task: Task[Progress]) -> bool:
        assert isinstance(task.token, CancelToken) and isinstance(task.token, threading.Event)
        waiting.set()
        return task.token.wait(30)

    task = runner.run(job, on_done=woke.append)
    assert waiting.wait(5)
    assert not task.cancelled
    task.cancel()
    qtbot.waitUntil(runner.idle)
    assert woke == [True] and task.cancelled
    with pytest.raises(Cancelled):
        task.token.check()


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: Any) -> None:
    runner = TaskRunner()
    owner = QWidget()
    gate = threading.Event()
    got: list[int] = []
    wrote: list[str] = []
    runner.wrote.connect(wrote.append)
    runner.run(lambda: gate.wait(5) and 1, on_done=got.append, owner=owner, writes=True)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    qtbot.waitUntil(runner.idle)
    assert got == []
    assert wrote == []


def test_unhandled_failure_is_reported(qtbot: Any) -> None:
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed) as sig:
        runner.run(lambda: [][1], label="boom")
    assert sig.args[0] == "boom"


def test_a_write_that_succeeded_is_announced_once_before_its_on_done(qtbot: Any) -> None:
    runner = TaskRunner()
    order: list[str] = []
    runner.wrote.connect(lambda label: order.append("wrote " + label))
    runner.run(lambda: 1, on_done=lambda _r: order.append("done save"), label="save",
               writes=True)
    runner.run(lambda: 1 / 0, on_error=lambda _e: order.append("error void"), label="void",
               writes=True)
    runner.run(lambda: 2, on_done=lambda _r: order.append("done read"), label="read")
    qtbot.waitUntil(runner.idle)
    assert order.index("wrote save") + 1 == order.index("done save")
    assert sorted(order) == ["done read", "done save", "error void", "wrote save"]


def test_a_refusal_is_not_logged_as_a_failure(qtbot: Any, caplog: Any) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def refuse() -> None:
        raise ServiceError("record_voided")

    with caplog.at_level(logging.INFO, logger="ui.tasks"):
        runner.run(refuse, on_error=errors.append, label="refused")
        runner.run(lambda: 1 / 0, on_error=errors.append, label="broken")
        qtbot.waitUntil(runner.idle)
    assert len(errors) == 2
    failed = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert failed == ["task broken failed"]


# -- the shape of ui/ (these failed before issue 12's task runner) -----------------------------
def _ui_sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(UI.rglob("*.py"))]


def test_no_exception_is_recognised_by_its_class_name() -> None:
    """``type(exc).__name__ == "Cancelled"``: a renamed class would silently stop matching."""
    found = []
    for path, tree in _ui_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Attribute) and side.attr == "__name__"
                    for side in [node.left, *node.comparators]):
                found.append(f"{path.relative_to(UI.parent)}:{node.lineno}")
    assert found == []


def test_no_private_member_of_a_task_is_reached_from_outside() -> None:
    found = []
    for path, tree in _ui_sources():
        if path.name == "tasks.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "_cancel" and not (
                    isinstance(node.value, ast.Name) and node.value.id == "self"):
                found.append(f"{path.relative_to(UI.parent)}:{node.lineno}")
    assert found == []


def test_only_the_main_window_announces_changed_data() -> None:
    """Pages mark their jobs ``writes=True``; the runner's ``wrote`` becomes ``data_changed``."""
    found = []
    for path, tree in _ui_sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr == "emit"
                    and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "data_changed"
                    and path.name != "main_window.py"):
                found.append(f"{path.relative_to(UI.parent)}:{node.lineno}")
    assert found == []


# -- the main window's one data_changed -------------------------------------------------------
def test_the_main_window_announces_each_write_once_and_nothing_else(
        qtbot: Any, main: Any, controller: Any) -> None:
    """A void from the Participants page, a job of any page started with writes=True: one
    data_changed each; a read, a refused write and a cancelled one: none."""
    from fieldreg.domain.codes import Status
    from fieldreg.services import registrations
    from tests.gui.conftest import seed, wait_idle

    seed(controller.ctx, 5)
    main.show_page("participants")
    page = main.page("participants")
    wait_idle(qtbot, controller)
    changed: list[int] = []
    main.data_changed.connect(lambda: changed.append(1))

    page.table.selectRow(2)
    rid = page.model.row_at(2).id
    page.void_selected()
    page.void_dialog.reason.setText("Terdaftar dua kali")
    page.void_dialog.ok.click()
    wait_idle(qtbot, controller)
    assert registrations.get(controller.ctx, rid).status is Status.VOIDED
    assert len(changed) == 1

    def refuse() -> None:
        raise ServiceError("record_voided")

    def cancelled(task: Task[Progress]) -> None:
        task.cancel()
        task.check()

    runner = main.runner
    runner.run(lambda: 1, owner=main, label="read")
    runner.run(refuse, on_error=lambda _e: None, owner=main, label="refused", writes=True)
    runner.run(cancelled, on_error=lambda _e: None, owner=main, label="cancelled",
               writes=True)
    wait_idle(qtbot, controller)
    assert len(changed) == 1
    runner.run(lambda: 1, owner=main, label="a write", writes=True)
    wait_idle(qtbot, controller)
    assert len(changed) == 2
