"""console decisions on records: verified, voided by the district with a reason (undoable), sent back to the volunteer with a comment

Revision ID: 0005_record_review
Revises: 0004_console_officers
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0005_record_review'
down_revision = '0004_console_officers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
