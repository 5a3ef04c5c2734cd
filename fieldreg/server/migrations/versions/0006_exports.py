"""console exports: what each export held, so the next can take only what came since

Revision ID: 0006_exports
Revises: 0005_record_review
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0006_exports'
down_revision = '0005_record_review'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
