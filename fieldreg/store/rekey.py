"""Changing the database key: SQLCipher's ``PRAGMA rekey`` on a database nobody else has open.

``PRAGMA rekey`` re-encrypts every page in one transaction. It runs with a rollback journal (the
database leaves WAL for it and goes back after): the journal keeps the pages as they were, still
under the old key, so a crash part-way leaves a hot journal that the *old* key rolls back at the
next open, and a crash after the commit leaves a database the new key opens. Either way one of
the two keys opens it. ``fieldreg.services.accounts`` keeps both keys reachable meanwhile (the
pending key slots hold the new one, and the old one sealed under the new one) and settles which
one the file takes at the next unlock (``opens`` tries the old key first: it is the one that
can roll a hot journal back).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

# Hooks called with the name of each step of a rekey (``step``): the crash tests SIGKILL the
# process at a chosen one, the GUI test records which thread runs it. Empty in the app.
_STEPS: list[Callable[[str], None]] = []


class RekeyError(Exception):
    """``code``: rekey_in_use (another connection holds the database) or rekey_failed."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def step(name: str) -> None:
    for hook in _STEPS:
        hook(name)


def _connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=0.5)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def opens(path: Path, key: bytes) -> bool:
    """True when ``key`` opens the database at ``path`` (rolling back a hot journal with it)."""
    try:
        conn = _connect(path, key)
    except sqlcipher3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()


def rekey_database(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt the database at ``path`` from ``old_key`` to ``new_key``. Every other
    connection must be closed (``rekey_in_use`` otherwise, nothing changed)."""
    try:
        conn = _connect(path, old_key)
    except sqlcipher3.Error as exc:
        raise RekeyError("rekey_failed", str(exc)) from exc
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA busy_timeout = 500")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlcipher3.OperationalError as exc:
            raise RekeyError("rekey_in_use", str(exc)) from exc
        if str(mode).lower() != "delete":  # another connection keeps it in WAL
            raise RekeyError("rekey_in_use", str(mode))
        try:
            # One exclusive transaction for the whole file; pages go out under the new key,
            # the journal keeps them under the old one until the commit.
            conn.execute("PRAGMA synchronous=FULL")
            step("before-rekey")
            conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
            step("after-rekey")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error as exc:
            raise RekeyError("rekey_failed", str(exc)) from exc
    finally:
        with contextlib.suppress(sqlcipher3.Error):
            conn.close()
    # Back to WAL under the new key (the engine would do it too; done here so the file is
    # as the app leaves it).
    conn = _connect(path, new_key)
    try:
        conn.execute("PRAGMA journal_mode=WAL").fetchone()
    except sqlcipher3.Error as exc:
        raise RekeyError("rekey_failed", str(exc)) from exc
    finally:
        conn.close()
