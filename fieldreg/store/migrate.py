"""Bringing a local database to the current schema with Alembic, from the app itself."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

# The newest revision under migrations/versions (a test keeps this in step), so that opening an
# up-to-date database does not have to load Alembic at all.
HEAD = "0006_nik_name_index"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> frozenset[str]:
    """Every revision this release knows (the file names under versions/ are the revision
    ids), read without loading Alembic: a database at any other revision is a newer one's."""
    return frozenset(p.stem for p in (MIGRATIONS / "versions").glob("0*.py"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Migrate to ``revision``; True when anything was done."""
    if revision in ("head", HEAD) and current_revision(engine) == HEAD:
        return False
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return True
