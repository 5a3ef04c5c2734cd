"""Shared fixtures for the core's tests (generic: tests/gui has its own conftest on top).

Argon2 is made cheap here for everything (``FIELDREG_ARGON2_COST``); a test that measures or
depends on the real unlocking cost sets its own cost explicitly. Hypothesis keeps its example
database in a temporary folder, never in the working tree.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

os.environ["FIELDREG_ARGON2_COST"] = "1,8,1"  # t=1, m=8 KiB, p=1: milliseconds, not 0.3 s

_HYPOTHESIS_DIR = tempfile.mkdtemp(prefix="fieldreg-hypothesis-")
atexit.register(shutil.rmtree, _HYPOTHESIS_DIR, ignore_errors=True)
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = _HYPOTHESIS_DIR
try:
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(_HYPOTHESIS_DIR)
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass

from fieldreg.services import accounts  # noqa: E402
from fieldreg.services.context import Context  # noqa: E402
from tools.sample_data import SampleFactory  # noqa: E402  (after the environment is set)

# The fixed day every core test lives on: coverage in January 2026 (the PP 50/2025 transport
# discount is in force), far enough from any month boundary.
TODAY = date(2026, 1, 15)
PASSWORD = "rahasia-desa-1"
VOLUNTEER = "Budi Santoso"
REGENCY = "15.05"  # Muaro Jambi


class TickingClock:
    """A clock (naive UTC) that starts on TODAY and moves one second per reading."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def today() -> date:
    """The fixed day the ``ctx`` and ``factory`` fixtures live on."""
    return TODAY


@pytest.fixture
def password() -> str:
    """The first volunteer's password (``init``, ``ctx``)."""
    return PASSWORD


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, which is also FIELDREG_HOME for the code under test."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("FIELDREG_HOME", str(folder))
    return folder


@pytest.fixture
def init(home: Path) -> accounts.InitResult:
    """The data folder set up for REGENCY, with VOLUNTEER (a supervisor) and PASSWORD."""
    return accounts.initialise(
        home,
        device_name="Laptop Desa 1",
        regency_code=REGENCY,
        volunteer_name=VOLUNTEER,
        password=PASSWORD,
    )


def fix_clock(ctx: Context) -> Context:
    """Pin a context to TODAY (validation's today and the clock that stamps records)."""
    ctx.today_fn = lambda: TODAY
    ctx.clock = TickingClock(datetime.combine(TODAY, datetime.min.time()).replace(hour=8))
    return ctx


@pytest.fixture
def ctx(home: Path, init: accounts.InitResult) -> Iterator[Context]:
    """An initialised and unlocked data folder, living on TODAY; closed afterwards."""
    context = fix_clock(accounts.unlock(home, VOLUNTEER, PASSWORD))
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def factory() -> SampleFactory:
    """Synthetic, valid registrations as of TODAY (seeded: the same data on every run)."""
    return SampleFactory(seed=20260115, today=TODAY)
