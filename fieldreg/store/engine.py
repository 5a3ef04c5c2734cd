"""Opening the encrypted database: SQLCipher with a raw 256-bit key, WAL, synchronous=FULL.

A raw key (``x'…'``) skips SQLCipher's own PBKDF2, so opening costs nothing once the key slot is
unwrapped (the Argon2id cost is paid there, once). Temporary tables stay in memory so no clear
text reaches a temporary file. Writers begin with ``BEGIN IMMEDIATE`` (the write lock up front, no
deadlocked upgrade from a read); readers with a plain ``BEGIN``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, QueuePool, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler

BUSY_TIMEOUT_MS = 10_000


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
    cur = dbapi_conn.cursor()
    # The key is applied by the dialect before this runs; this read proves it is right.
    cur.execute("SELECT count(*) FROM sqlite_master")
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        "temp_store=MEMORY",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
        "secure_delete=ON",
    ):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "immediate" else "BEGIN")


class _HintingCompiler(SQLiteCompiler):
    """SQLite's compiler ignores table hints; ours renders ``INDEXED BY …`` given through
    ``Select.with_hint(table, "INDEXED BY ix", "sqlite")``."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def open_engine(path: Path, key: bytes, *, echo: bool = False) -> Engine:
    """An engine over the SQLCipher file at ``path`` (created if missing)."""
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        # The pysqlcipher dialect defaults to SingletonThreadPool, which closes the oldest
        # connection (even one in use) when a sixth thread connects: the app's worker threads
        # share a real pool instead.
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        pool_pre_ping=False,
    )
    engine.dialect.statement_compiler = _HintingCompiler
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool), beginning its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="immediate")
