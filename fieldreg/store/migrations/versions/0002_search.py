"""name search: an FTS5 trigram index over registration names, kept in step by triggers

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-21

The trigram tokenizer matches any part of a name of three characters or more (prefix and infix),
case-insensitively. It is an external-content index over registration.full_name keyed by
registration.pk, so it stores no second copy of the names. Existing rows are indexed on upgrade.
"""
from alembic import op

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE registration_fts USING fts5("
        "full_name, content='registration', content_rowid='pk', tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER registration_fts_ai AFTER INSERT ON registration BEGIN "
        "INSERT INTO registration_fts(rowid, full_name) VALUES (new.pk, new.full_name); END"
    )
    op.execute(
        "CREATE TRIGGER registration_fts_ad AFTER DELETE ON registration BEGIN "
        "INSERT INTO registration_fts(registration_fts, rowid, full_name) "
        "VALUES ('delete', old.pk, old.full_name); END"
    )
    op.execute(
        "CREATE TRIGGER registration_fts_au AFTER UPDATE OF full_name ON registration BEGIN "
        "INSERT INTO registration_fts(registration_fts, rowid, full_name) "
        "VALUES ('delete', old.pk, old.full_name); "
        "INSERT INTO registration_fts(rowid, full_name) VALUES (new.pk, new.full_name); END"
    )
    op.execute("INSERT INTO registration_fts(registration_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for trigger in ("registration_fts_ai", "registration_fts_ad", "registration_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS registration_fts")
