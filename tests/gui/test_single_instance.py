"""One app per data folder (ui/single_instance.py): a second launch on the same data folder
brings the running window forward and exits, instead of opening a second writer.

POSIX only where a test speaks to the socket itself (AF_UNIX).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile

from fieldreg.paths import APP_LOCK_FILE
from ui.single_instance import ANSWER, MESSAGE, SingleInstance, ask_running_app, server_name

ROOT = Path(__file__).resolve().parents[2]


def _ask_in_thread(path: str) -> tuple[threading.Thread, list[bytes]]:
    """A later launch's question from a plain socket in another thread (Qt's own socket keeps
    the GIL while it waits, so the test's event loop could not answer it)."""
    answers: list[bytes] = []

    def ask() -> None:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(10)
            s.connect(path)
            s.sendall(MESSAGE)
            answers.append(s.recv(100))

    t = threading.Thread(target=ask)
    t.start()
    return t, answers


def test_second_claim_on_the_same_folder_is_refused_and_shows_the_first(
        qtbot: Any, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    try:
        assert first.claim()
        assert first.listen()
        second = SingleInstance(tmp_path)
        assert not second.claim()
        assert first._server is not None
        with qtbot.waitSignal(first.activated, timeout=10_000):
            t, answers = _ask_in_thread(first._server.fullServerName())
        qtbot.waitUntil(lambda: not t.is_alive(), timeout=10_000)
        assert answers == [ANSWER]
        # another data folder is another app
        (tmp_path / "other").mkdir()
        other = SingleInstance(tmp_path / "other")
        assert other.claim()
        other.release()
    finally:
        first.release()
    # released (the app quit): the next launch is the app again
    again = SingleInstance(tmp_path)
    assert again.claim()
    again.release()


def test_nobody_answers_without_a_running_app(tmp_path: Path) -> None:
    assert not ask_running_app(tmp_path, wait_s=0)
    assert server_name(tmp_path) != server_name(tmp_path / "x")
    assert len(server_name(tmp_path)) < 40  # a Unix socket path is short


APP = "import sys; from ui.app import main; sys.exit(main([]))"


def test_a_second_launch_asks_the_running_app_and_exits(qtbot: Any, initialised: Path) -> None:
    """The second launch (a real process running ui.app.main) finds the data folder taken,
    asks the app holding it (here the test) to show its window, and exits."""
    first = SingleInstance(initialised)
    assert first.claim() and first.listen()
    env = dict(os.environ, FIELDREG_HOME=str(initialised), QT_QPA_PLATFORM="offscreen")
    try:
        with qtbot.waitSignal(first.activated, timeout=60_000):
            second = subprocess.Popen([sys.executable, "-c", APP], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        assert second.returncode == 0, second.stderr.read() if second.stderr else ""
    finally:
        if second.poll() is None:
            second.kill()
        first.release()


def test_the_app_holds_its_data_folder_and_answers(initialised: Path) -> None:
    """The real app (a process) takes the data folder and answers a later launch."""
    env = dict(os.environ, FIELDREG_HOME=str(initialised), QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-c", APP], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        probe = QLockFile(str(initialised / APP_LOCK_FILE))
        deadline = time.monotonic() + 60
        while True:  # the app holds the lock once it has started
            if not probe.tryLock(0):
                break
            probe.unlock()
            assert app.poll() is None, "the app exited"
            assert time.monotonic() < deadline, "the app never took the data folder"
            time.sleep(0.2)
        assert not SingleInstance(initialised).claim()
        assert ask_running_app(initialised, wait_s=30)  # it answers: its window was shown
        assert app.poll() is None
    finally:
        app.kill()
        app.wait(10)


def test_a_lock_left_by_a_dead_app_does_not_keep_the_app_from_starting(tmp_path: Path) -> None:
    """A crash or a power cut leaves app.lock behind: its process is gone, so it is stale."""
    dead = subprocess.run([sys.executable, "-c", (
        "import sys; from PySide6.QtCore import QLockFile; l = QLockFile(sys.argv[1]); "
        "assert l.tryLock(0); import os; os._exit(0)"), str(tmp_path / APP_LOCK_FILE)],
        cwd=ROOT, check=True)
    assert dead.returncode == 0 and (tmp_path / APP_LOCK_FILE).exists()
    inst = SingleInstance(tmp_path)
    assert inst.claim()
    inst.release()
