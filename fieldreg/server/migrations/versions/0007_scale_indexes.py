"""indexes for province scale: keyset paging of the participant list and the dashboard's counts

Revision ID: 0007_scale_indexes
Revises: 0006_exports
Create Date: 2026-12-05

- registration: (district_code, created_at, id) and (created_at, id) for the console's list
  paged by keyset (replacing 0004's (district_code, created_at)); the dashboard's fields copied
  out of the payload (occupation_code, funding_source, made_on: filled here for existing rows)
  and carried by (district_code, status) on PostgreSQL (INCLUDE), so its counts read the index
  alone instead of parsing 700,000 JSON payloads; a trigram index on lower(full_name) for the
  name search (PostgreSQL, extension pg_trgm).
- receipt: by record_id (a record's history), and the rejections (partial).

pg_trgm: ``CREATE EXTENSION`` needs a role allowed to create it (a superuser, or the database's
owner for a trusted extension, as pg_trgm is since PostgreSQL 13). When it cannot be created the
trigram index is left out with a warning: the name search still works, by scanning.
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = '0007_scale_indexes'
down_revision = '0006_exports'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
DASHBOARD = ["village_code", "occupation_code", "funding_source", "made_on"]


def _trigram(bind: sa.engine.Connection) -> None:
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        log.warning("pg_trgm could not be created (it needs a superuser or, on PostgreSQL 13+, "
                    "the database's owner): the console's name search will scan; create it "
                    "and run 0007 again for the index")
        return
    op.execute("CREATE INDEX ix_registration_name_trgm ON registration "
               "USING gin (lower(full_name) gin_trgm_ops)")


def upgrade() -> None:
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    with op.batch_alter_table("registration") as batch:
        batch.add_column(sa.Column("occupation_code", sa.String(40), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("funding_source", sa.String(20), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("made_on", sa.String(10), nullable=False,
                                   server_default=""))
    if postgresql:
        op.execute("UPDATE registration SET "
                   "occupation_code = left(coalesce(payload::jsonb #>> '{data,occupation_code}',"
                   " ''), 40), "
                   "funding_source = left(coalesce(payload::jsonb #>> '{data,funding_source}',"
                   " ''), 20), "
                   "made_on = left(coalesce(payload::jsonb ->> 'created_at', ''), 10)")
    else:
        op.execute("UPDATE registration SET "
                   "occupation_code = substr(coalesce(json_extract(payload, "
                   "'$.data.occupation_code'), ''), 1, 40), "
                   "funding_source = substr(coalesce(json_extract(payload, "
                   "'$.data.funding_source'), ''), 1, 20), "
                   "made_on = substr(coalesce(json_extract(payload, '$.created_at'), ''), 1, 10)")
    op.drop_index("ix_registration_district_created", table_name="registration")
    op.drop_index("ix_registration_district_status", table_name="registration")
    op.create_index("ix_registration_district_status", "registration",
                    ["district_code", "status"], postgresql_include=DASHBOARD)
    op.create_index("ix_registration_district_created_id", "registration",
                    ["district_code", "created_at", "id"])
    op.create_index("ix_registration_created_id", "registration", ["created_at", "id"])
    op.create_index("ix_receipt_record_id", "receipt", ["record_id"])
    op.create_index("ix_receipt_rejected", "receipt", ["device_id"],
                    sqlite_where=sa.text("outcome = 'rejected'"),
                    postgresql_where=sa.text("outcome = 'rejected'"))
    if postgresql:
        _trigram(bind)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_registration_name_trgm")
    op.drop_index("ix_receipt_rejected", table_name="receipt")
    op.drop_index("ix_receipt_record_id", table_name="receipt")
    op.drop_index("ix_registration_created_id", table_name="registration")
    op.drop_index("ix_registration_district_created_id", table_name="registration")
    op.drop_index("ix_registration_district_status", table_name="registration")
    op.create_index("ix_registration_district_status", "registration",
                    ["district_code", "status"])
    op.create_index("ix_registration_district_created", "registration",
                    ["district_code", "created_at"])
    with op.batch_alter_table("registration") as batch:
        batch.drop_column("made_on")
        batch.drop_column("funding_source")
        batch.drop_column("occupation_code")
