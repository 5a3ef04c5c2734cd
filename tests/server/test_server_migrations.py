"""The server's migrations: HEAD names the newest revision, and the migrated schema equals the
models on both databases (partial unique indexes included)."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from fieldreg.server import db as server_db
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.models import ACTIVE_NIK_INDEX, Base


def test_head_constant_is_the_newest_revision() -> None:
    script = ScriptDirectory.from_config(server_db.alembic_config())
    assert script.get_current_head() == server_db.HEAD


def test_migrated_schema_equals_the_models(db: Database, settings: Settings) -> None:
    assert server_db.current_revision(db.engine) == server_db.HEAD
    assert server_db.upgrade(db.engine) is False  # nothing left to do
    with db.engine.connect() as conn:
        diffs: list[Any] = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        indexes = {ix["name"]: ix for ix in inspect(conn).get_indexes("registration")}
    assert diffs == []
    active = indexes[ACTIVE_NIK_INDEX]
    assert active["unique"] and active["column_names"] == ["nik"]
    dialect_options = active.get("dialect_options", {})
    where = " ".join(str(dialect_options.get(k, "")) for k in ("postgresql_where",
                                                                "sqlite_where"))
    assert "accepted" in where and "verified" in where


def test_0004_adds_the_console_officers_over_existing_data(settings: Settings) -> None:
    """A database at 0003 holding a district is upgraded to 0004 (officer, officer_session)
    and back, on both databases."""
    from datetime import datetime

    from sqlalchemy import text

    engine = server_db.make_engine(settings)
    try:
        server_db.upgrade(engine, "0003_device_transfer")
        with engine.begin() as conn:
            assert not inspect(conn).has_table("officer")
            conn.execute(text("INSERT INTO district (code, name, feed_seq, created_at) "
                              "VALUES ('15.05', 'Muaro Jambi', 0, :at)"),
                         {"at": datetime(2026, 1, 1)})
        assert server_db.upgrade(engine) is True
        assert server_db.current_revision(engine) == server_db.HEAD
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO officer (name, district_code, role, password_hash, "
                              "must_change, failed_logins, created_at) VALUES ('siti', '15.05',"
                              " 'admin', 'x', :t, 0, :at)"),
                         {"t": True, "at": datetime(2026, 1, 2)})
            conn.execute(text("INSERT INTO officer_session (id_hash, officer_id, csrf, "
                              "created_at, last_seen_at) SELECT 'h', id, 'c', :at, :at FROM "
                              "officer"), {"at": datetime(2026, 1, 2)})
            assert conn.execute(text("SELECT count(*) FROM officer_session")).scalar() == 1
        from alembic import command

        cfg = server_db.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_device_transfer")
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert "officer" not in tables and "officer_session" not in tables
            assert conn.execute(text("SELECT name FROM district")).scalar() == "Muaro Jambi"
    finally:
        engine.dispose()
