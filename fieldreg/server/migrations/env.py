"""Alembic environment for the server's database.

The server hands over an open connection (``fieldreg.server.db.upgrade``); run from the
command line, the database is the one the server's settings name, opened as the server opens
it (``make_engine``: the default SQLite file is SQLCipher, opened with its key file).
"""

from __future__ import annotations

from typing import Any

from alembic import context

from fieldreg.server.models import Base

connection = context.config.attributes.get("connection")


def _run(conn: Any) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    from fieldreg.server.config import Settings
    from fieldreg.server.db import make_engine

    engine = make_engine(Settings.from_env())
    with engine.begin() as conn:
        _run(conn)
