"""The server's database: engine (SQLite file or PostgreSQL), sessions and migrations.

SQLite: by default an SQLCipher file under a key from its key file (``atrest``); a plain
``sqlite:///`` URL only when configured. WAL, ``synchronous=FULL`` (district offices have power
cuts too), foreign keys on, temporary tables in memory (no clear text in temporary files), a
busy timeout; writers begin with ``BEGIN IMMEDIATE`` (the write lock up front, never a deadlocked
upgrade from a read lock) and we emit BEGIN ourselves so that SAVEPOINTs work with pysqlite.
PostgreSQL: READ COMMITTED; Alembic upgrades are serialised across processes by an advisory
lock. Statement parameters are never put into exception messages (they may hold a NIK).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, QueuePool, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from fieldreg.server import atrest
from fieldreg.server.config import Settings

BUSY_TIMEOUT_MS = 30_000
HEAD = "0007_scale_indexes"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_lock key for migrations: "fieldreg" as a number.
MIGRATION_LOCK = 0x6669656C64726567


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
    cur = dbapi_conn.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=FULL",
        "foreign_keys=ON",
        "temp_store=MEMORY",
        f"busy_timeout={BUSY_TIMEOUT_MS}",
    ):
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "immediate" else "BEGIN")


def make_engine(settings: Settings) -> Engine:
    """The engine of the configured database. The default SQLCipher file is opened only with
    its key (``atrest.DatabaseKeyError`` says why not); its key is made on first start."""
    url: str | URL = settings.url
    if settings.encrypted:
        settings.home.mkdir(parents=True, exist_ok=True)
        key = atrest.database_key(settings)
        atrest.check_opens(settings, key)
        url = URL.create("sqlite+pysqlcipher", password=atrest.key_pragma(key),
                         database=str(settings.db_path))
    if isinstance(url, URL) or url.startswith("sqlite"):
        settings.home.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            # pysqlcipher's default is SingletonThreadPool: the server's threads share a pool.
            poolclass=QueuePool,
            pool_size=8,
            max_overflow=16,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=8,
        max_overflow=16,
    )


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class Database:
    """Sessions over one engine: ``writer()`` for transactions that write, ``reader()`` else."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgresql = is_postgresql(engine)
        write_engine = engine.execution_options(sqlite_begin="immediate")
        self._write = sessionmaker(bind=write_engine, expire_on_commit=False)
        self._read = sessionmaker(bind=engine, expire_on_commit=False)

    @classmethod
    def open(cls, settings: Settings, *, migrate: bool = True) -> Database:
        engine = make_engine(settings)
        if migrate:
            upgrade(engine)
        return cls(engine)

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """A session that writes; commit inside the block, anything else is rolled back."""
        session = self._write()
        try:
            yield session
        finally:
            session.close()  # rolls back what was not committed; loaded objects stay readable

    @contextmanager
    def reader(self) -> Iterator[Session]:
        session = self._read()
        try:
            yield session
        finally:
            session.close()  # rolls back what was not committed; loaded objects stay readable

    def close(self) -> None:
        self.engine.dispose()


# ------------------------------------------------------------------ migrations


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Migrate to ``revision``; True when anything was done. On PostgreSQL concurrent processes
    wait for each other on an advisory lock (held by the migrating transaction)."""
    if revision in ("head", HEAD) and current_revision(engine) == HEAD:
        return False
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    with engine.begin() as conn:
        if is_postgresql(engine):
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        # Another process may have migrated while this one waited for the lock.
        current = MigrationContext.configure(conn).get_current_revision()
        target = ScriptDirectory.from_config(cfg).get_revision(revision)
        if target is not None and current == target.revision:
            return False
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return True
