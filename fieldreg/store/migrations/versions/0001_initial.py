"""initial schema

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
    sa.Column('volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('entity', sa.String(length=24), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entity_id'), ['entity_id'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('regency_code', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('signing_key', sa.LargeBinary(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device'))
    )
    op.create_table('import_run',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('rows_imported', sa.Integer(), nullable=False),
    sa.Column('rows_rejected', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_run'))
    )
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_run_file_sha256'), ['file_sha256'], unique=False)

    op.create_table('volunteer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer'))
    )
    op.create_table('registration',
    sa.Column('pk', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('volunteer_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('nik', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('birth_place', sa.String(length=60), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('mother_maiden_name', sa.String(length=100), nullable=False),
    sa.Column('kk_number', sa.String(length=32), nullable=False),
    sa.Column('street', sa.String(length=120), nullable=False),
    sa.Column('rt', sa.String(length=8), nullable=False),
    sa.Column('rw', sa.String(length=8), nullable=False),
    sa.Column('village_code', sa.String(length=16), nullable=False),
    sa.Column('village_name', sa.String(length=100), nullable=False),
    sa.Column('regions_version', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('work_location', sa.String(length=120), nullable=False),
    sa.Column('occupation_code', sa.String(length=32), nullable=False),
    sa.Column('sector', sa.String(length=16), nullable=False),
    sa.Column('reported_income', sa.Integer(), nullable=True),
    sa.Column('programmes', sa.String(length=16), nullable=False),
    sa.Column('funding_source', sa.String(length=16), nullable=True),
    sa.Column('coverage_start', sa.Date(), nullable=True),
    sa.Column('coverage_end', sa.Date(), nullable=True),
    sa.Column('consent_at', sa.DateTime(), nullable=True),
    sa.Column('consent_method', sa.String(length=8), nullable=True),
    sa.Column('consent_notice_version', sa.String(length=16), nullable=True),
    sa.Column('consent_volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('override_reason', sa.String(length=200), nullable=True),
    sa.Column('override_supervisor', sa.String(length=80), nullable=True),
    sa.Column('override_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=200), nullable=False),
    sa.Column('participant_number', sa.String(length=16), nullable=True),
    sa.Column('kpj', sa.String(length=32), nullable=True),
    sa.Column('server_version', sa.Integer(), nullable=True),
    sa.Column('outcome_code', sa.String(length=32), nullable=False),
    sa.Column('outcome_detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteer.id'], name=op.f('fk_registration_volunteer_id_volunteer')),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_registration')),
    sa.UniqueConstraint('id', name=op.f('uq_registration_id'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_funding_source'), ['funding_source'], unique=False)
        batch_op.create_index('ix_registration_browse', ['name_key', 'status', 'village_code', 'occupation_code', 'funding_source'], unique=False)
        batch_op.create_index('ix_registration_nik', ['nik'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_occupation_code'), ['occupation_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_phone'), ['phone'], unique=False)
        batch_op.create_index('ix_registration_status_updated', ['status', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_village_code'), ['village_code'], unique=False)
        batch_op.create_index('uq_registration_active_nik', ['nik'], unique=True, sqlite_where=sa.text("status != 'voided' AND nik != ''"))

    op.create_table('heir',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('registration_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('relation', sa.String(length=20), nullable=True),
    sa.Column('nik', sa.String(length=32), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_heir_registration_id_registration'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_heir'))
    )
    with op.batch_alter_table('heir', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_heir_registration_id'), ['registration_id'], unique=False)

    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('payload_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['registration.id'], name=op.f('fk_outbox_record_id_registration')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_record_id'), ['record_id'], unique=False)
        batch_op.create_index('ix_outbox_state_seq', ['state', 'seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_seq')
        batch_op.drop_index(batch_op.f('ix_outbox_record_id'))

    op.drop_table('outbox')
    with op.batch_alter_table('heir', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_heir_registration_id'))

    op.drop_table('heir')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('uq_registration_active_nik', sqlite_where=sa.text("status != 'voided' AND nik != ''"))
        batch_op.drop_index(batch_op.f('ix_registration_village_code'))
        batch_op.drop_index('ix_registration_status_updated')
        batch_op.drop_index(batch_op.f('ix_registration_phone'))
        batch_op.drop_index(batch_op.f('ix_registration_occupation_code'))
        batch_op.drop_index('ix_registration_nik')
        batch_op.drop_index('ix_registration_browse')
        batch_op.drop_index(batch_op.f('ix_registration_funding_source'))

    op.drop_table('registration')
    op.drop_table('volunteer')
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_run_file_sha256'))

    op.drop_table('import_run')
    op.drop_table('device')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entity_id'))
        batch_op.drop_index(batch_op.f('ix_audit_at'))

    op.drop_table('audit')
