"""device transfers: a laptop restored onto another machine (a new key and device) linked to
the laptop it came from, so its restored records are accepted from it

Revision ID: 0003_device_transfer
Revises: 0002_revoked_serial_per_issuer
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_device_transfer'
down_revision = '0002_revoked_serial_per_issuer'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device_transfer',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('from_device_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'],
                            name=op.f('fk_device_transfer_device_id_device')),
    sa.ForeignKeyConstraint(['from_device_id'], ['device.id'],
                            name=op.f('fk_device_transfer_from_device_id_device')),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_device_transfer'))
    )
    with op.batch_alter_table('device_transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_transfer_from_device_id'),
                              ['from_device_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('device_transfer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_transfer_from_device_id'))
    op.drop_table('device_transfer')
