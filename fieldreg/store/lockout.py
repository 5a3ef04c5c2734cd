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
the secret is locked for ``LOCK_MINUTES`` (doubling with each lock-out in a row, up to
``MAX_LOCK_MINUTES``: a colleague typing wrong passwords on purpose cannot lock someone out for
days). A success on this laptop's own key slots (unlock, recovery) clears that counter, and only
that one; a success against a backup's slots does not (the backup's slots may hold an old
password: proving it says nothing about who is at the keyboard now), and nothing is tried at all
while a lock-out or a wait runs. A recovery on the laptop's own slots clears the recovery
counter and the password counter of the volunteer whose password it sets.

A damaged file never opens the door wider and never erases what it still holds: a counter
entry that is not what this module writes (a wrong type, a time without a time zone) counts as
*damaged*, and so does every counter of a file that cannot be read at all (``"rest":
"damaged"`` is written then, so the counters it lost stay damaged). A damaged counter is one
failure short of a lock-out; its next guess writes it afresh; every other entry is written back
as it was. Someone with the raw files can delete this one; the Argon2 cost is what bounds
offline guessing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from fieldreg.files import atomic_write
from fieldreg.paths import LOCKOUT_FILE

FILE = LOCKOUT_FILE
FORMAT = 1
FREE_ATTEMPTS = 3
DELAY_S = 5
LOCK_AFTER = 5
LOCK_MINUTES = 15
MAX_LOCK_MINUTES = 24 * 60  # the doubling stops at one day
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
        """The file's contents: ``{"counters": {...}, "rest": "damaged"?}``. The counters are
        as on disk (entries are checked where they are used: ``_entry``); a file that cannot be
        read as this module writes it gives no counters and ``rest`` damaged."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {"counters": {}}
        except (OSError, ValueError, RecursionError):
            return {"counters": {}, "rest": DAMAGED}
        counters = data.get("counters") if isinstance(data, dict) else None
        if not isinstance(counters, dict):
            return {"counters": {}, "rest": DAMAGED}
        out: dict[str, Any] = {"counters": counters}
        if data.get("rest") is not None:  # anything there but nothing: the careful reading
            out["rest"] = DAMAGED
        return out

    def _write(self, data: dict[str, Any]) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        body: dict[str, Any] = {"format": FORMAT, "counters": data["counters"]}
        if data.get("rest"):
            body["rest"] = DAMAGED
        with atomic_write(self.path, "w", private=True, temp_prefix=".lockout-",
                          temp_suffix=".tmp", encoding="utf-8") as f:
            json.dump(body, f, indent=1)

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
        """The counter as written (``{}`` when it has none), or ``{"damaged": True}``."""
        st = _entry(self._read(), counter)
        return {"damaged": True} if st is None else _dump(st)

    def locked_until(self, counter: str) -> datetime | None:
        """When the secret's last lock-out ends (or ended: compare with the clock); None for
        a damaged counter (it locks at its next failure)."""
        st = _entry(self._read(), counter)
        return st.get("locked_until") if st is not None else None

    # -- guessing -------------------------------------------------------------------------
    def guess(self, counter: str, attempt: Callable[[], T], *, clear_on_success: bool,
              now: datetime | None = None) -> T:
        """Run ``attempt`` (which raises ``Wrong`` for a wrong secret) as one counted guess.

        Refused without trying while a wait or a lock-out runs; a ``Wrong`` is counted before
        the lock is let go, so guesses in parallel are counted one by one. With
        ``clear_on_success`` a success clears this counter; every other counter is written
        back as it was."""
        with self._locked():
            now = now or _now()
            data = self._read()
            st = _entry(data, counter)
            if st is None:  # damaged: one failure short of a lock-out
                st = {"failures": LOCK_AFTER - 1, "lockouts": 0}
            until = st.get("locked_until")
            if until is not None and now < until:
                raise Refused("locked_out", until=until)
            nxt = st.get("next_try")
            if nxt is not None and now < nxt:
                raise Refused("throttled", seconds=math.ceil((nxt - now).total_seconds()))
            try:
                result = attempt()
            except Wrong:
                self._count_failure(st, now)
                data["counters"][counter] = _dump(st)
                self._write(data)
                until = st.get("locked_until")
                if until is not None and until > now:
                    raise Refused("locked_out", until=until) from None
                raise Refused("wrong",
                              attempts_left=max(0, LOCK_AFTER - st["failures"])) from None
            if clear_on_success:
                self._clear(data, (counter,))
            return result

    def clear(self, *counters: str) -> None:
        """Clear these counters (a success proved elsewhere), keeping every other one."""
        with self._locked():
            self._clear(self._read(), counters)

    def _clear(self, data: dict[str, Any], counters: Sequence[str]) -> None:
        changed = False
        for c in counters:
            if data.get("rest"):
                # the file lost counters once: an absent one would read as damaged again
                if data["counters"].get(c) != {}:
                    data["counters"][c] = {}
                    changed = True
            elif c in data["counters"]:
                del data["counters"][c]
                changed = True
        if changed:
            self._write(data)

    @staticmethod
    def _count_failure(st: dict[str, Any], now: datetime) -> None:
        st["total"] = st.get("total", 0) + 1  # every failed guess ever (until a success)
        st["failures"] = st.get("failures", 0) + 1
        if st["failures"] >= LOCK_AFTER:
            lockouts = st.get("lockouts", 0)
            minutes = min(LOCK_MINUTES * 2 ** min(lockouts, 16), MAX_LOCK_MINUTES)
            st["locked_until"] = now + timedelta(minutes=minutes)
            st["lockouts"] = lockouts + 1
            st["failures"] = 0
            st["next_try"] = None
        elif st["failures"] >= FREE_ATTEMPTS:
            st["next_try"] = now + timedelta(seconds=DELAY_S)


DAMAGED = "damaged"
_COUNTS = ("total", "failures", "lockouts")
_TIMES = ("locked_until", "next_try")


def _entry(data: dict[str, Any], counter: str) -> dict[str, Any] | None:
    """The counter's entry with its times as aware datetimes (``{}`` for none), or None when
    it is damaged: not an object, a count that is not a whole number >= 0, a time that is not
    an ISO time with a time zone; or absent from a file that lost counters."""
    raw = data["counters"].get(counter)
    if raw is None:
        return None if data.get("rest") else {}
    if not isinstance(raw, dict):
        return None
    st: dict[str, Any] = {}
    for k in _COUNTS:
        v = raw.get(k, 0)
        if type(v) is not int or v < 0:
            return None
        if k in raw:
            st[k] = v
    for k in _TIMES:
        v = raw.get(k)
        if v is None:
            if k in raw:
                st[k] = None
            continue
        if not isinstance(v, str):
            return None
        try:
            t = datetime.fromisoformat(v)
        except ValueError:
            return None
        if t.tzinfo is None or t.utcoffset() is None:
            return None
        st[k] = t
    return st


def _dump(st: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in st.items()}
