"""The NIK index carries the name key too

Revision ID: 0006_nik_name_index
Revises: 0005_releases
Create Date: 2026-12-05

A NIK-prefix search in Participants ("150501": a kecamatan's people) lists its matches in name
order: with the name key in the NIK index, SQLite sorts them from the index alone instead of
reading every matching row (160 ms -> a few ms on 100,000 records, bench/bench_ui.py). The index
keeps its name and still serves look-ups by NIK.
"""
from alembic import op

revision = "0006_nik_name_index"
down_revision = "0005_releases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("registration") as batch_op:
        batch_op.drop_index("ix_registration_nik")
        batch_op.create_index("ix_registration_nik", ["nik", "name_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("registration") as batch_op:
        batch_op.drop_index("ix_registration_nik")
        batch_op.create_index("ix_registration_nik", ["nik"], unique=False)
