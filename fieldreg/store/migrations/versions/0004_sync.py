"""sync: the laptop's enrolment and sync state, district keys, sync history, outbox attempts

Revision ID: 0004_sync
Revises: 0003_cards
Create Date: 2026-11-21

New tables only, plus two columns on the outbox added in place (ALTER TABLE ADD COLUMN with a
default): the outbox is never rebuilt, so its AUTOINCREMENT sequence, every queued entry, its
seq, payload and hash stay exactly as they were.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_sync"
down_revision = "0003_cards"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "outbox", sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "outbox",
        sa.Column("last_error", sa.String(length=64), nullable=False, server_default=""),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=255), nullable=False),
        sa.Column("token", sa.String(length=255), nullable=False),
        sa.Column("district_code", sa.String(length=8), nullable=False),
        sa.Column("district_name", sa.String(length=100), nullable=False),
        sa.Column("number_prefix", sa.String(length=8), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("pull_cursor", sa.Text(), nullable=False),
        sa.Column("applied_through", sa.Integer(), nullable=False),
        sa.Column("paused", sa.String(length=16), nullable=False),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("serials_sent_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "district_key",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=80), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_district_key")),
    )
    op.create_table(
        "district_revoked_serial",
        sa.Column("serial", sa.String(length=24), nullable=False),
        sa.PrimaryKeyConstraint("serial", name=op.f("pk_district_revoked_serial")),
    )
    op.create_table(
        "sync_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("trigger", sa.String(length=8), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("applied", sa.Integer(), nullable=False),
        sa.Column("duplicate", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("conflict", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("bytes_up", sa.Integer(), nullable=False),
        sa.Column("bytes_down", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_run")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_sync_run_started_at"), "sync_run", ["started_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_run_started_at"), table_name="sync_run")
    op.drop_table("sync_run")
    op.drop_table("district_revoked_serial")
    op.drop_table("district_key")
    op.drop_table("sync_state")
    # In place (SQLite 3.35+), so the outbox keeps its AUTOINCREMENT sequence.
    op.execute("ALTER TABLE outbox DROP COLUMN last_error")
    op.execute("ALTER TABLE outbox DROP COLUMN attempts")
