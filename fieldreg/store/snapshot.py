"""Copies of the encrypted database: SQLite's online backup, and facts read from a copy.

A copy stays encrypted under the same raw key (SQLCipher's backup API copies encrypted pages; it
cannot re-key), is written as one self-contained file (rollback journal, no WAL beside it), and
is checked before anyone relies on it: SQLCipher's page HMACs (``cipher_integrity_check``) and
SQLite's ``quick_check``. The queries here must work on every schema a release ever shipped
(0001 onwards): a backup may come from an older release.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine


class SnapshotError(Exception):
    """A copy that cannot be made, opened or trusted; ``code`` says why (a ServiceError code)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Facts:
    """What a database holds, in counts (no personal data)."""

    revision: str | None
    device_id: str
    device_name: str
    regency_code: str
    records: int
    queued: int  # outbox entries still to send
    participant_seq: int
    max_outbox_seq: int
    public_key: bytes  # the laptop's Ed25519 public key (who made the numbers and cards)


def _connect(path: Path, key: bytes) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is an answer, not noise
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check(conn: Any) -> None:
    try:
        bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        quick = conn.execute("PRAGMA quick_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        raise SnapshotError("backup_unreadable", str(exc)) from exc
    if bad:
        raise SnapshotError("backup_damaged", f"{len(bad)} pages fail their HMAC")
    if [r[0] for r in quick] != ["ok"]:
        raise SnapshotError("backup_damaged", str(quick[:3]))


def copy_database(engine: Engine, dest: Path, key: bytes) -> None:
    """Copy the open database into a new file ``dest`` (an online backup: other connections
    keep reading and writing; the copy is one consistent snapshot), then check the copy."""
    dest.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        src: Any = raw.driver_connection
        out = _connect(dest, key)
        try:
            src.backup(out)  # one step: a single read snapshot of the whole file
            out.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            _check(out)
        finally:
            out.close()
    except sqlcipher3.Error as exc:
        with contextlib.suppress(OSError):
            dest.unlink(missing_ok=True)
        raise SnapshotError("backup_failed", str(exc)) from exc
    finally:
        raw.close()
    _fsync(dest)


def _one(conn: Any, sql: str, default: Any = None) -> Any:
    try:
        row = conn.execute(sql).fetchone()
    except sqlcipher3.OperationalError:  # a table or column this schema does not have yet
        return default
    return default if row is None or row[0] is None else row[0]


def facts(path: Path, key: bytes, *, check: bool = True) -> Facts:
    """Open the file at ``path`` read-only-in-spirit and say what it holds. Raises
    ``SnapshotError("backup_wrong_key")`` when the key does not open it."""
    conn = _connect(path, key)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise SnapshotError("backup_wrong_key", str(exc)) from exc
        if check:
            _check(conn)
        device = conn.execute(
            "SELECT id, name, regency_code, public_key FROM device LIMIT 1").fetchone()
        if device is None:
            raise SnapshotError("backup_damaged", "no device row")
        return Facts(
            revision=_one(conn, "SELECT version_num FROM alembic_version"),
            device_id=device[0],
            device_name=device[1],
            regency_code=device[2],
            records=int(_one(conn, "SELECT count(*) FROM registration", 0)),
            queued=int(_one(conn, "SELECT count(*) FROM outbox WHERE state = 'pending'", 0)),
            participant_seq=int(_one(conn, "SELECT participant_seq FROM device", 0)),
            max_outbox_seq=int(_one(conn, "SELECT max(seq) FROM outbox", 0)),
            public_key=bytes(device[3]),
        )
    finally:
        conn.close()


def raise_participant_seq(path: Path, key: bytes, at_least: int) -> bool:
    """After a restore: never hand out a participant number this laptop already used (the
    replaced database had counted further than the backup). True when it changed anything."""
    conn = _connect(path, key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "UPDATE device SET participant_seq = ? WHERE participant_seq < ?", (at_least, at_least)
        )
        conn.execute("COMMIT")
        return bool(cur.rowcount)
    except sqlcipher3.OperationalError:  # a schema older than numbers (0001/0002)
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")
        return False
    finally:
        conn.close()


def copy_missing_volunteers(source: Path, dest: Path, key: bytes) -> int:
    """After a restore on the same laptop: volunteers added since the backup (their key slots
    are kept) come across from the replaced database, so they can still unlock. Only the
    columns both schemas have are copied. Returns how many."""
    conn = _connect(dest, key)
    try:
        conn.execute(f"ATTACH DATABASE ? AS old KEY \"x'{key.hex()}'\"", (str(source),))
        cols_new = [r[1] for r in conn.execute("PRAGMA main.table_info(volunteer)")]
        cols_old = {r[1] for r in conn.execute("PRAGMA old.table_info(volunteer)")}
        cols = ", ".join(c for c in cols_new if c in cols_old)
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            f"INSERT INTO main.volunteer ({cols}) SELECT {cols} FROM old.volunteer "
            "WHERE id NOT IN (SELECT id FROM main.volunteer)"
        )
        conn.execute("COMMIT")
        copied: int = max(cur.rowcount, 0)  # sqlcipher3 is untyped
        return copied
    except sqlcipher3.Error:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("ROLLBACK")
        return 0
    finally:
        with contextlib.suppress(sqlcipher3.Error):
            conn.execute("DETACH DATABASE old")
        conn.close()


def release(path: Path, key: bytes) -> None:
    """Make sure nobody else has the database open, and leave it as one file: leaving WAL
    mode needs the only connection (SQLite refuses while another process holds the file). A
    restore calls this before moving the database aside, so an app still running elsewhere
    cannot go on writing into the file that was moved."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=2.0,
                              check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise SnapshotError("in_use", f"journal mode stayed {mode}")
    except sqlcipher3.Error as exc:
        raise SnapshotError("in_use", str(exc)) from exc
    finally:
        conn.close()
