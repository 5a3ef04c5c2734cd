"""releases: which app versions opened this database, and when

Revision ID: 0005_releases
Revises: 0004_sync
Create Date: 2026-11-21

A new table only. Each release notes itself when it opens the database, so the diagnostics file
and the district office can tell which versions a laptop ran, and a database restored onto an
older release is recognised by its newer revision before anything is touched.
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_releases"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_release",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("first_opened_at", sa.DateTime(), nullable=False),
        sa.Column("last_opened_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_app_release")),
    )


def downgrade() -> None:
    op.drop_table("app_release")
