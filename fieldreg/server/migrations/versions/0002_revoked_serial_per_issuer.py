"""revoked card serials per (district, serial, issuing device); revocations by a device that did
not issue the card are dropped (and audited)

Before this revision the serial alone was the key and any device could push any serial, so a
revocation pushed by a laptop that did not issue the card could stand in a district (or swallow
the issuer's own, later revocation). Each existing row is kept only when its device issued the
card: the device owns the record with the serial's participant number, or, when the server has
no such record, its key made the number. The others are written to the audit log (one row per
device) and dropped; the pull hands out only serials that stand in the asking district.

Revision ID: 0002_revoked_serial_per_issuer
Revises: 0001_initial
Create Date: 2026-12-05
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from alembic import op

from fieldreg.domain import participant_number as numbers

revision = '0002_revoked_serial_per_issuer'
down_revision = '0001_initial'
branch_labels = None
depends_on = None

SERIAL_RE = re.compile(r"^([0-9A-Z]{11})-([1-9][0-9]{0,3})$")

old_table = sa.table(
    'revoked_serial', sa.column('serial', sa.String), sa.column('district_code', sa.String),
    sa.column('device_id', sa.String), sa.column('at', sa.DateTime),
)
new_table = sa.table(
    'revoked_serial', sa.column('district_code', sa.String), sa.column('serial', sa.String),
    sa.column('device_id', sa.String), sa.column('at', sa.DateTime),
    sa.column('revoked_by', sa.String),
)
device = sa.table('device', sa.column('id', sa.String), sa.column('district_code', sa.String),
                  sa.column('public_key', sa.LargeBinary))
registration = sa.table('registration', sa.column('participant_number', sa.String),
                        sa.column('device_id', sa.String))
audit = sa.table('audit', sa.column('at', sa.DateTime), sa.column('actor', sa.String),
                 sa.column('action', sa.String), sa.column('entity', sa.String),
                 sa.column('entity_id', sa.String), sa.column('detail', sa.Text))


def _issued_by(serial: str, device_id: str, district: str, devices: dict[str, Any],
               owners: dict[str, str]) -> bool:
    match = SERIAL_RE.match(serial)
    if match is None or not numbers.is_valid(match.group(1)):
        return False
    number = match.group(1)
    dev = devices.get(device_id)
    if dev is None or dev.district_code != district or numbers.normalize(number) != number:
        return False
    if number in owners:
        return owners[number] == device_id
    return numbers.made_by(number, bytes(dev.public_key))


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(old_table.c.serial, old_table.c.district_code,
                                  old_table.c.device_id, old_table.c.at)).all()
    devices = {d.id: d for d in conn.execute(sa.select(device.c.id, device.c.district_code,
                                                       device.c.public_key))}
    owners: dict[str, str] = {}
    wanted = sorted({m.group(1) for r in rows if (m := SERIAL_RE.match(r.serial))})
    for i in range(0, len(wanted), 500):
        owners.update((number, owner) for number, owner in conn.execute(
            sa.select(registration.c.participant_number, registration.c.device_id)
            .where(registration.c.participant_number.in_(wanted[i:i + 500]))
        ))
    kept: list[dict[str, Any]] = []
    dropped: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if _issued_by(r.serial, r.device_id, r.district_code, devices, owners):
            kept.append({"district_code": r.district_code, "serial": r.serial,
                         "device_id": r.device_id, "at": r.at, "revoked_by": "device"})
        else:
            dropped[r.device_id].append(r.serial)

    op.drop_table('revoked_serial')
    op.create_table('revoked_serial',
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('serial', sa.String(length=24), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('revoked_by', sa.String(length=120), server_default='device', nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_revoked_serial_device_id_device')),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_revoked_serial_district_code_district')),
    sa.PrimaryKeyConstraint('district_code', 'serial', 'device_id', name=op.f('pk_revoked_serial'))
    )
    for i in range(0, len(kept), 1000):
        conn.execute(new_table.insert(), kept[i:i + 1000])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for device_id, serials in sorted(dropped.items()):
        dev = devices.get(device_id)
        conn.execute(audit.insert(), [{
            "at": now, "actor": "migration:0002", "action": "card.revocation_refused",
            "entity": "device", "entity_id": device_id[:64],
            "detail": json.dumps({"count": len(serials), "serials": sorted(serials)[:20],
                                  "district": dev.district_code if dev is not None else "",
                                  "why": "not issued by this device"}, sort_keys=True),
        }])


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(new_table.c.serial, new_table.c.district_code,
                                  new_table.c.device_id, new_table.c.at)
                        .order_by(new_table.c.at)).all()
    first: dict[str, dict[str, Any]] = {}
    for r in rows:  # the serial alone was the key: the earliest row of each
        first.setdefault(r.serial, {"serial": r.serial, "district_code": r.district_code,
                                    "device_id": r.device_id, "at": r.at})
    op.drop_table('revoked_serial')
    op.create_table('revoked_serial',
    sa.Column('serial', sa.String(length=24), nullable=False),
    sa.Column('district_code', sa.String(length=8), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['device.id'], name=op.f('fk_revoked_serial_device_id_device')),
    sa.ForeignKeyConstraint(['district_code'], ['district.code'], name=op.f('fk_revoked_serial_district_code_district')),
    sa.PrimaryKeyConstraint('serial', name=op.f('pk_revoked_serial'))
    )
    values = list(first.values())
    for i in range(0, len(values), 1000):
        conn.execute(old_table.insert(), values[i:i + 1000])
