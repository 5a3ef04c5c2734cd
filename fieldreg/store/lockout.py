"""One lock-out for every way a secret is guessed on this laptop: unlocking, restoring a backup
and the recovery key.

The counters live in ``lockout.json`` in the data folder, beside (not inside) ``keyslots.json``:
a restore replaces the key file with the backup's, and a backup carries its key file, so a
counter kept there would be reset by restoring or checked against the backup's own copy. A
backup never holds this file, and a restore never moves it.

Each guess runs under ``lockout.json.lock`` (``filelock``: an OS lock, released when the
process dies), from the check of the wait to the counter written back (temp file, fsync,
rename). Guesses from several processes or threads therefore take turns: each sees the failures
of those before it, every failed guess is counted exactly once, and once a wait or a lock-out is
due no further guess is even tried. The counter is per secret: one per volunteer
(``pw:<volunteer id>``: a guess at a volunteer's password on this laptop or in a backup of it
counts against that volunteer) and one for the recovery key (``recovery``).

After ``FREE_ATTEMPTS`` failures each attempt waits ``DELAY_S`` seconds; after ``LOCK_AFTER``
the secret is locked for ``LOCK_MINUTES`` (doubling with each lock-out in a row). A success on
this laptop's own key slots (unlock, recovery) clears that counter; a success against a backup's
slots does not (the backup's slots may hold an old password: proving it says nothing about who
is at the keyboard now), and nothing is tried at all while a lock-out or a wait runs. Someone
with the raw files can delete this one; the Argon2 cost is what bounds offline guessing.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

FILE = "lockout.json"
FORMAT = 1
FREE_ATTEMPTS = 3
DELAY_S = 5
LOCK_AFTER = 5
LOCK_MINUTES = 15
WAIT_FOR_OTHERS_S = 60.0  # another guess in progress (Argon2 takes a fraction of a second)

T = TypeVar("T")


class Refused(Exception):
    """A guess refused or failed; ``code``: wrong (with ``attempts_left``), throttled (with
    ``seconds``) or locked_out (with ``until``)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class Wrong(Exception):
    """Raised by a guess function when the secret does not open the slot."""


def _now() -> datetime:
    return datetime.now(UTC)


def password_counter(volunteer_id: str) -> str:
    return f"pw:{volunteer_id}"


RECOVERY = "recovery"


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_LOCKS: dict[str, FileLock] = {}


def file_lock(path: Path, timeout: float = WAIT_FOR_OTHERS_S) -> FileLock:
    """The OS lock ``<path>.lock``: one object per path in this process, so a thread may take
    it again inside itself (re-entrant) while other threads and processes wait for it."""
    key = str(path.resolve()) + ".lock"
    lock = _LOCKS.get(key)
    if lock is None:
        lock = _LOCKS.setdefault(key, FileLock(key, timeout=timeout))
    return lock


class Lockout:
    """The lock-out of the data folder ``home``."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / FILE

    # -- the file -------------------------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # A damaged file must not open the door wider: treat every counter as locked
            # for the shortest lock-out from now (the file is rewritten at the next failure).
            return {"damaged": True}
        counters = data.get("counters") if isinstance(data, dict) else None
        return counters if isinstance(counters, dict) else {"damaged": True}

    def _write(self, counters: dict[str, Any]) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        counters.pop("damaged", None)
        fd, tmp = tempfile.mkstemp(prefix=".lockout-", dir=self.home)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"format": FORMAT, "counters": counters}, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.home)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            with file_lock(self.path):
                yield
        except Timeout:
            raise Refused("throttled", seconds=DELAY_S) from None

    # -- reading (no lock needed: the file is replaced whole) -----------------------------
    def state(self, counter: str) -> dict[str, Any]:
        c = self._read()
        return dict(c.get(counter) or {}) if "damaged" not in c else {"damaged": True}

    def locked_until(self, counter: str) -> datetime | None:
        """When the secret's last lock-out ends (or ended: compare with the clock)."""
        until = self.state(counter).get("locked_until")
        return datetime.fromisoformat(until) if until else None

    # -- guessing -------------------------------------------------------------------------
    def guess(self, counter: str, attempt: Callable[[], T], *, clear_on_success: bool,
              now: datetime | None = None) -> T:
        """Run ``attempt`` (which raises ``Wrong`` for a wrong secret) as one counted guess.

        Refused without trying while a wait or a lock-out runs; a ``Wrong`` is counted before
        the lock is let go, so guesses in parallel are counted one by one."""
        with self._locked():
            now = now or _now()
            counters = self._read()
            damaged = "damaged" in counters
            if damaged:
                counters = {}
                st: dict[str, Any] = {"failures": LOCK_AFTER - 1, "lockouts": 0}
            else:
                st = dict(counters.get(counter) or {})
            if st.get("locked_until"):
                until = datetime.fromisoformat(st["locked_until"])
                if now < until:
                    raise Refused("locked_out", until=until)
            if st.get("next_try"):
                nxt = datetime.fromisoformat(st["next_try"])
                if now < nxt:
                    raise Refused("throttled", seconds=math.ceil((nxt - now).total_seconds()))
            try:
                result = attempt()
            except Wrong:
                self._count_failure(st, now)
                counters[counter] = st
                self._write(counters)
                if st.get("locked_until") and datetime.fromisoformat(st["locked_until"]) > now:
                    raise Refused("locked_out",
                                  until=datetime.fromisoformat(st["locked_until"])) from None
                raise Refused("wrong",
                              attempts_left=max(0, LOCK_AFTER - st["failures"])) from None
            if clear_on_success and (counter in counters or damaged):
                counters.pop(counter, None)
                self._write(counters)
            return result

    @staticmethod
    def _count_failure(st: dict[str, Any], now: datetime) -> None:
        st["total"] = st.get("total", 0) + 1  # every failed guess ever (until a success)
        st["failures"] = st.get("failures", 0) + 1
        if st["failures"] >= LOCK_AFTER:
            lockouts = st.get("lockouts", 0)
            st["locked_until"] = (now + timedelta(minutes=LOCK_MINUTES * 2**lockouts)).isoformat()
            st["lockouts"] = lockouts + 1
            st["failures"] = 0
            st["next_try"] = None
        elif st["failures"] >= FREE_ATTEMPTS:
            st["next_try"] = (now + timedelta(seconds=DELAY_S)).isoformat()
