"""GUI tests: offscreen Qt, a throw-away data folder per test, cheap Argon2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDREG_ARGON2_COST"] = "1,8,1"

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kata-sandi-1"
SUPERVISOR = "Siti Rahmawati"


@pytest.fixture(scope="session", autouse=True)
def _translations() -> None:
    qm = ROOT / "resources" / "i18n" / "fieldreg_id.qm"
    ts = qm.with_suffix(".ts")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_translations.py"),
                        "--qm-only"], check=True)


@pytest.fixture(scope="session")
def _template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldreg.services import accounts

    home = tmp_path_factory.mktemp("template") / "home"
    accounts.initialise(home, device_name="Laptop Uji", regency_code="15.05",
                        volunteer_name=SUPERVISOR, password=PASSWORD)
    return home


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("FIELDREG_HOME", str(h))
    return h


@pytest.fixture
def initialised(home: Path, _template_home: Path) -> Path:
    shutil.copytree(_template_home, home)
    return home


@pytest.fixture
def controller(qtbot: Any, home: Path) -> Iterator[Any]:
    from fieldreg.services import settings
    from ui import i18n
    from ui.app import AppController, create_app

    create_app([])
    i18n.install("id")
    c = AppController(home, settings.load(home))
    yield c
    if c.main is not None:
        c.main.allow_close()
    c.shutdown()
    if c.window is not None:
        c.window.close()
        c.window.deleteLater()
    i18n.install("id")


def wait_idle(qtbot: Any, c: Any, timeout: int = 15_000) -> None:
    qtbot.waitUntil(c.runner.idle, timeout=timeout)


@pytest.fixture
def main(qtbot: Any, controller: Any, initialised: Path) -> Any:
    """The main window, unlocked as the supervisor."""
    controller.start()
    u = controller.window
    u.password.setText(PASSWORD)
    u.try_unlock()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15_000)
    wait_idle(qtbot, controller)
    m = controller.main
    # Saving as complete reads the record back first (on by default); the tests of that
    # (tests/gui/test_review.py) turn it on, the others save at once.
    controller.settings.review_before_save = False
    m.show()
    return m


def seed(ctx: Any, n: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from seed import seed as _seed

    _seed(ctx, n)
