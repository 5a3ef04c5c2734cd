"""Start-up: the unlock window needs no database layer; first run vs unlock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldreg.services import accounts, startup
from fieldreg.services import settings as settings_service
from tests.gui.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_light_volunteer_list_matches_accounts(initialised: Path) -> None:
    light = [(v.volunteer_id, v.name) for v in startup.volunteers(initialised)]
    full = sorted(((v.volunteer_id, v.name) for v in accounts.volunteers(initialised)),
                  key=lambda x: x[1].casefold())
    assert light == full and light
    assert startup.is_initialised(initialised)


def test_unlock_window_imports_no_database_layer() -> None:
    code = ("import sys, ui.app, ui.unlock; "
            "print('sqlalchemy' in sys.modules, 'argon2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_modules_imported_after_the_app_leave_no_source_behind() -> None:
    # PySide6 reads every module imported after it (does it name PySide6?); through inspect
    # that kept every line of ~660 modules in linecache (about 20 MB with 100,000 records open)
    code = ("import linecache, sys, ui.app, fieldreg.services.accounts, ui.participants.model; "
            "print(sorted(k for k in linecache.cache if k.endswith('.py') "
            "and ('fieldreg' in k or 'sqlalchemy' in k))); "
            "f = sys.modules['shibokensupport.feature']; "
            "print(f._mod_uses_pyside(sys.modules['ui.participants.model']), "
            "f._mod_uses_pyside(sys.modules['fieldreg.services.accounts']))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["[]", "True False"]


def test_the_garbage_collector_is_on_again_after_start_up(initialised: Path) -> None:
    # main.py turns it off for the start-up; the app turns it on a second after
    code = ("import gc; gc.disable(); import ui.app as a; from PySide6.QtCore import QTimer\n"
            "start = a.AppController.start\n"
            "def later(self):\n"
            "    start(self); QTimer.singleShot(1500, a.QApplication.instance().quit)\n"
            "a.AppController.start = later; a.main([]); print(gc.isenabled())")
    env = dict(os.environ, FIELDREG_HOME=str(initialised), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env).stdout.split()
    assert out == ["True"]


def test_unlocking_draws_no_cards() -> None:
    # an unlock writes the device's key file; Pillow, pikepdf, img2pdf and zxing-cpp (15 MB)
    # wait for the first card
    code = ("import sys, fieldreg.services.accounts; "
            "print([m for m in ('PIL', 'pikepdf', 'img2pdf', 'zxingcpp', "
            "'fieldreg.services.cards') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["[]"]


# Loaded after the unlock window is on screen (warm-up) or when the main window opens.
LATER = ("sqlalchemy", "argon2", "cryptography", "fieldreg.store", "fieldreg.services.accounts",
         "fieldreg.services.settings", "fieldreg.domain.regions", "fieldreg.logs",
         "logging.handlers", "concurrent.futures", "ui.main_window", "ui.problems",
         "ui.registration.page", "fieldreg.domain.problems")


def test_unlock_window_shows_before_the_heavy_modules(initialised: Path) -> None:
    code = ("import sys; from ui.app import main; main([]); "
            f"print([m for m in {LATER!r} if m in sys.modules])")
    env = dict(os.environ, FIELDREG_HOME=str(initialised), FIELDREG_EXIT_WHEN_READY="1",
               QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env).stdout.splitlines()
    assert out[0] == "ready"
    assert out[-1] == "[]"


@pytest.mark.parametrize("content, expected", [
    (None, "id"), ({"language": "en"}, "en"), ({"language": "id"}, "id"),
    ({"language": "fr"}, "id"), ("not json", "id"), ([1, 2], "id"),
])
def test_light_language_matches_settings(home: Path, content: object, expected: str) -> None:
    home.mkdir(parents=True)
    if content is not None:
        (home / startup.SETTINGS_FILE).write_text(
            content if isinstance(content, str) else json.dumps(content), "utf-8")
    assert startup.language(home) == expected == settings_service.load(home).language
    assert startup.SETTINGS_FILE == settings_service.SETTINGS_FILE


def test_controller_loads_settings_when_needed(controller: Any, home: Path) -> None:
    home.mkdir(parents=True)
    s = settings_service.Settings(idle_lock_minutes=7)
    settings_service.save(home, s)
    assert controller.settings.idle_lock_minutes == 10  # the fixture passed the defaults
    from ui.app import AppController

    assert AppController(home).settings.idle_lock_minutes == 7


def test_first_run_or_unlock(controller: Any) -> None:
    from ui.first_run import FirstRunWindow

    controller.start()
    assert isinstance(controller.window, FirstRunWindow)


def test_the_first_unlock_freezes_what_lives_as_long_as_the_app(
        qtbot: Any, controller: Any, initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the collector's full passes then skip the modules, the regions and the main window (one
    # pass over them took 35 ms while Participants opened on 100,000 records)
    import gc

    import ui.app

    monkeypatch.setattr(ui.app, "_frozen", False)
    before = gc.get_freeze_count()

    def unlock() -> None:
        controller.window.password.setText(PASSWORD)
        controller.window.try_unlock()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
        qtbot.waitUntil(controller.runner.idle, timeout=15_000)

    try:
        controller.start()
        unlock()
        frozen = gc.get_freeze_count()
        assert frozen > before
        controller.main.allow_close()
        controller.lock("user")
        qtbot.waitUntil(lambda: controller.main is None, timeout=15_000)
        unlock()
        # once: a later unlock freezes nothing more (the first window's objects may be gone)
        assert gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
