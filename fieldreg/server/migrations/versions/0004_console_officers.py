"""console officers and their sessions: the district console's accounts (Argon2id passwords,
failed-login count and lock-out, disabled) and server-side login sessions; an index for the
console's participant list (a district's registrations by arrival)

Revision ID: 0004_console_officers
Revises: 0003_device_transfer
Create Date: 2026-12-05
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_console_officers'
down_revision = '0003_device_transfer'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('officer',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=True),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('must_change', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('disabled_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'],
                            name=op.f('fk_officer_district_code_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer')),
    sa.UniqueConstraint('name', name=op.f('uq_officer_name'))
    )
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_district_code'), ['district_code'],
                              unique=False)

    op.create_table('officer_session',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('csrf', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'],
                            name=op.f('fk_officer_session_officer_id_officer')),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_officer_session'))
    )
    with op.batch_alter_table('officer_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_session_officer_id'), ['officer_id'],
                              unique=False)
    # Directly, not in a batch: the registration table is never copied for an index.
    op.create_index('ix_registration_district_created', 'registration',
                    ['district_code', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_registration_district_created', table_name='registration')
    with op.batch_alter_table('officer_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_session_officer_id'))
    op.drop_table('officer_session')
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_district_code'))
    op.drop_table('officer')
