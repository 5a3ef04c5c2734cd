"""Alembic environment for the local database. Always given an open connection by the app."""

from __future__ import annotations

from alembic import context

from fieldreg.store.models import Base

FTS_TABLES = ("registration_fts",)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 search index and its shadow tables are created by a migration in raw SQL.
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLES))


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the local migrations through fieldreg.store.migrate")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
