"""The lock-out file (fieldreg/store/lockout.py) when it is damaged, and the cap on the doubling
(issue 11, review findings L1/L2).

Real files in a temporary data folder; the clock is passed in (``now=``), nothing waits.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldreg.services import accounts, startup
from fieldreg.store import lockout
from fieldreg.store.keyslots import KeyFile
from fieldreg.store.lockout import LOCK_AFTER, LOCK_MINUTES, MAX_LOCK_MINUTES, Lockout, Wrong

T0 = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
A, B, C = (lockout.password_counter(v) for v in ("a", "b", "c"))


def wrong() -> None:
    raise Wrong()


def right() -> str:
    return "key"


def guess(guard: Lockout, counter: str, fn: object = wrong, *, now: datetime,
          clear: bool = True) -> str:
    try:
        guard.guess(counter, fn, clear_on_success=clear, now=now)  # type: ignore[arg-type]
    except lockout.Refused as exc:
        return exc.code
    return "ok"


def on_disk(home: Path) -> dict:
    return json.loads((home / lockout.FILE).read_text("utf-8"))


def write(home: Path, counters: object, **extra: object) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / lockout.FILE).write_text(
        json.dumps({"format": 1, "counters": counters, **extra}), "utf-8")


LOCKED_B = {"failures": 0, "lockouts": 1, "total": 5,
            "locked_until": (T0 + timedelta(minutes=10)).isoformat(), "next_try": None}

DAMAGED_ENTRIES = [
    "x",
    {"failures": "x"},
    {"failures": -1},
    {"failures": True},
    {"locked_until": "soon"},
    {"locked_until": "2026-01-15T09:00:00"},  # no time zone
    {"next_try": 12},
    {"lockouts": 1.5},
]


@pytest.mark.parametrize("entry", DAMAGED_ENTRIES, ids=[json.dumps(e) for e in DAMAGED_ENTRIES])
def test_a_damaged_entry_is_one_failure_from_a_lock_out_and_crashes_nothing(
        tmp_path: Path, entry: object) -> None:
    """Before: a valid JSON entry of a wrong type raised ValueError/TypeError out of guess,
    locked_until and the login list (which then came up empty)."""
    home = tmp_path / "home"
    write(home, {A: entry, B: LOCKED_B})
    guard = Lockout(home)
    # the login list: every name, the locked one shown locked, the damaged one not
    kf, key = KeyFile.create(home / "keyslots.json")
    for vid, name in (("a", "Ani"), ("b", "Badu")):
        kf.set_password(vid, name, "sandi-desa-1", key)
    full = {(v.volunteer_id, v.locked_until) for v in accounts.volunteers(home)}
    assert full == {("a", None), ("b", datetime.fromisoformat(LOCKED_B["locked_until"]))}
    light = startup.volunteers(home)
    assert [v.volunteer_id for v in light] == ["a", "b"]
    assert light[0].locked_until is None
    assert guard.locked_until(A) is None
    assert guard.state(A) == {"damaged": True}
    # the next wrong guess locks it; B's counter is written back as it was
    assert guess(guard, A, now=T0) == "locked_out"
    assert on_disk(home)["counters"][B] == LOCKED_B
    assert guard.state(A)["lockouts"] == 1


def test_a_success_clears_only_its_own_counter(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write(home, {A: {"failures": 2, "total": 2}, B: LOCKED_B, C: "x"})
    guard = Lockout(home)
    assert guess(guard, A, right, now=T0) == "ok"
    assert on_disk(home)["counters"] == {B: LOCKED_B, C: "x"}  # the damaged one kept as is
    assert guess(guard, C, right, now=T0) == "ok"
    assert on_disk(home)["counters"] == {B: LOCKED_B}


@pytest.mark.parametrize("content", [b"\x00" * 40, b"{not json", b"[]", b'{"counters": 3}'],
                         ids=["zeros", "not-json", "list", "counters-int"])
def test_an_unreadable_file_keeps_every_counter_damaged_until_it_is_written(
        tmp_path: Path, content: bytes) -> None:
    """Before: the first guess after the damage wrote only its own counter (everyone else's,
    lock-outs included, were gone), and a success wrote an empty file."""
    home = tmp_path / "home"
    home.mkdir()
    (home / lockout.FILE).write_bytes(content)
    guard = Lockout(home)
    assert guess(guard, A, right, now=T0) == "ok"  # A proves its secret
    assert guess(guard, C, now=T0) == "locked_out"  # C was one failure short
    # B's counter was lost with the file: still damaged, not forgiven by A's or C's guesses
    assert Lockout(home).state(B) == {"damaged": True}
    assert guess(Lockout(home), B, now=T0) == "locked_out"
    assert Lockout(home).state(A) == {}  # A cleared, and stays so
    assert guess(Lockout(home), A, now=T0) == "wrong"


def test_lock_outs_double_up_to_a_day(tmp_path: Path) -> None:
    """Before: 15 min x 2^n without end (a colleague could lock someone out for days; a
    counter with many lock-outs overflowed the date)."""
    home = tmp_path / "home"
    guard = Lockout(home)
    now = T0
    lengths = []
    for _ in range(10):
        for _ in range(LOCK_AFTER):
            code = guess(guard, A, now=now)
            now += timedelta(seconds=lockout.DELAY_S)
        assert code == "locked_out"
        until = datetime.fromisoformat(guard.state(A)["locked_until"])
        lengths.append(until - (now - timedelta(seconds=lockout.DELAY_S)))
        now = until
    assert lengths[:4] == [timedelta(minutes=LOCK_MINUTES * 2**i) for i in range(4)]
    assert max(lengths) == lengths[-1] == timedelta(minutes=MAX_LOCK_MINUTES) == timedelta(
        hours=24)
    # a file that says a million lock-outs in a row: one day, no overflow
    write(home, {B: {"failures": LOCK_AFTER - 1, "lockouts": 10**6}})
    assert guess(Lockout(home), B, now=T0) == "locked_out"
    assert Lockout(home).locked_until(B) == T0 + timedelta(hours=24)
