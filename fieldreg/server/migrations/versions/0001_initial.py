"""initial schema: districts, enrolment codes, devices, receipts, registrations, the feed,
revoked card serials, targets, audit and enrolment attempts

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-21
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_at'), ['at'], unique=False)

    op.create_table('district',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('feed_seq', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_district'))
    )
    op.create_table('enrol_attempt',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrol_attempt'))
    )
    with op.batch_alter_table('enrol_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_enrol_attempt_address_at', ['address', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrol_attempt_at'), ['at'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('number_prefix', sa.String(length=8), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(), nullable=True),
    sa.Column('app_version', sa.String(length=32), nullable=False),
    sa.Column('applied_through', sa.BigInteger(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_device_district_code_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_device_token_hash'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_district_code'), ['district_code'], unique=False)
        batch_op.create_index('uq_device_number_prefix_live', ['number_prefix'], unique=True, sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))

    op.create_table('enrolment_code',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_enrolment_code_district_code_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_enrolment_code_code_hash'))
    )
    with op.batch_alter_table('enrolment_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_code_district_code'), ['district_code'], unique=False)

    op.create_table('feed',
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_feed_district_code_district')),
    sa.PrimaryKeyConstraint('district_code', 'seq', name=op.f('pk_feed'))
    )
    op.create_table('target',
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('village_code', sa.String(length=16), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_target_district_code_district')),
    sa.PrimaryKeyConstraint('district_code', 'village_code', name=op.f('pk_target'))
    )
    op.create_table('receipt',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('payload_hash', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_receipt_device_id_device')),
    sa.PrimaryKeyConstraint('device_id', 'seq', name=op.f('pk_receipt'))
    )
    op.create_table('registration',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('nik', sa.String(length=64), nullable=False),
    sa.Column('participant_number', sa.String(length=16), nullable=True),
    sa.Column('village_code', sa.String(length=16), nullable=False),
    sa.Column('full_name', sa.Text(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=False),
    sa.Column('external_version', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('holder', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_registration_device_id_device')),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_registration_district_code_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration')),
    sa.UniqueConstraint('participant_number', name=op.f('uq_registration_participant_number'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index('ix_registration_device', ['device_id'], unique=False)
        batch_op.create_index('ix_registration_district_status', ['district_code', 'status'], unique=False)
        batch_op.create_index('ix_registration_nik', ['nik'], unique=False)
        batch_op.create_index('uq_registration_active_nik', ['nik'], unique=True, sqlite_where=sa.text("status IN ('accepted', 'verified')"), postgresql_where=sa.text("status IN ('accepted', 'verified')"))

    op.create_table('revoked_serial',
    sa.Column('serial', sa.String(length=24), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_revoked_serial_device_id_device')),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_revoked_serial_district_code_district')),
    sa.PrimaryKeyConstraint('serial', name=op.f('pk_revoked_serial'))
    )


def downgrade() -> None:
    op.drop_table('revoked_serial')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('uq_registration_active_nik', sqlite_where=sa.text("status IN ('accepted', 'verified')"), postgresql_where=sa.text("status IN ('accepted', 'verified')"))
        batch_op.drop_index('ix_registration_nik')
        batch_op.drop_index('ix_registration_district_status')
        batch_op.drop_index('ix_registration_device')

    op.drop_table('registration')
    op.drop_table('receipt')
    op.drop_table('target')
    op.drop_table('feed')
    with op.batch_alter_table('enrolment_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrolment_code_district_code'))

    op.drop_table('enrolment_code')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index('uq_device_number_prefix_live', sqlite_where=sa.text('revoked_at IS NULL'), postgresql_where=sa.text('revoked_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_device_district_code'))

    op.drop_table('device')
    with op.batch_alter_table('enrol_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrol_attempt_at'))
        batch_op.drop_index('ix_enrol_attempt_address_at')

    op.drop_table('enrol_attempt')
    op.drop_table('district')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_at'))

    op.drop_table('audit')
