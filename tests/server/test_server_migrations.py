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
