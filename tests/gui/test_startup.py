"""Start-up: the unlock window needs no database layer; first run vs unlock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from fieldreg.services import accounts, startup

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


def test_first_run_or_unlock(controller: Any) -> None:
    from ui.first_run import FirstRunWindow

    controller.start()
    assert isinstance(controller.window, FirstRunWindow)
