"""The console's Laptop page: a district's enrolment codes and devices, a lost laptop's breach
list (UU 27/2022: which workers' records it held), revoking and transferring a device.

Every function takes the officer's district and finds nothing of another district (the route
answers 404). Changes reuse the CLI's services (``enrolment.create_code``,
``admin.revoke_device``, ``transfer.transfer_device``), so the console and
``fieldreg-server`` follow the same rules and leave the same audit rows.

What a laptop held: the records the server has with that device as owner, and those of the
laptops it was transferred from (a backup restored onto it carries them). Records the laptop
made after its last push never reached the server: the list cannot name them.
Volunteers: the server has only the ``volunteer_id`` each record carries (a laptop's local
account id), never the volunteer's name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from fieldreg.domain.nik import mask_nik
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin, enrolment
from fieldreg.server.service.common import audit, village_name
from fieldreg.server.service.errors import AdminError
from fieldreg.server.service.transfer import lineage, transfer_device
from fieldreg.spreadsheets import write_csv, write_xlsx

MIN_HOURS, MAX_HOURS, DEFAULT_HOURS = 1, 720, 72
MAX_REASON = 500
CODES_SHOWN = 50

# ------------------------------------------------------------------ enrolment codes


@dataclass(frozen=True)
class CodeRow:
    id: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    device_name: str
    created_by: str
    state: str  # active | used | expired


def code_state(row: m.EnrolmentCode, now: datetime) -> str:
    if row.used_at is not None:
        return "used"
    return "active" if row.expires_at > now else "expired"


def codes(db: Database, district: str, now: datetime) -> list[CodeRow]:
    """The district's newest codes (``CODES_SHOWN``), newest first."""
    with db.reader() as s:
        names = dict(s.execute(select(m.Device.id, m.Device.name)
                               .where(m.Device.district_code == district)).all())
        rows = s.scalars(select(m.EnrolmentCode)
                         .where(m.EnrolmentCode.district_code == district)
                         .order_by(m.EnrolmentCode.id.desc()).limit(CODES_SHOWN)).all()
        return [CodeRow(r.id, r.created_at, r.expires_at, r.used_at,
                        names.get(r.device_id or "", ""), r.created_by, code_state(r, now))
                for r in rows]


def create_code(db: Database, settings: Settings, district: str, *, hours: int,
                actor: str) -> str:
    """A new one-time code (display form), as ``fieldreg-server enrolment-code``."""
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise AdminError("hours out of range")
    return enrolment.create_code(db, settings, district, hours=hours, actor=actor)


def cancel_code(db: Database, settings: Settings, district: str, code_id: int, *,
                actor: str) -> bool:
    """An unused, unexpired code of ``district`` expires now (audited). False when there is no
    such code (another district's, used, expired)."""
    now = settings.clock()
    with db.writer() as s:
        row = s.get(m.EnrolmentCode, code_id, with_for_update=True)
        if row is None or row.district_code != district or code_state(row, now) != "active":
            return False
        row.expires_at = now
        audit(s, now, actor, "enrolment_code.cancelled", "district", district,
              code_id=code_id)
        s.commit()
        return True


# ------------------------------------------------------------------ devices


@dataclass(frozen=True)
class DeviceRow:
    id: str
    name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    app_version: str
    held: int  # records the server has from it (any status)
    accepted: int  # of them accepted or verified
    transferred_from: str  # a device id, or ""
    transferred_to: str


def devices(db: Database, district: str) -> list[DeviceRow]:
    with db.reader() as s:
        held: dict[str, int] = {}
        accepted: dict[str, int] = {}
        for device_id, status, n in s.execute(
            select(m.Registration.device_id, m.Registration.status, func.count())
            .where(m.Registration.district_code == district)
            .group_by(m.Registration.device_id, m.Registration.status)
        ):
            held[device_id] = held.get(device_id, 0) + n
            if status in (m.ACCEPTED, m.VERIFIED):
                accepted[device_id] = accepted.get(device_id, 0) + n
        rows = s.scalars(select(m.Device).where(m.Device.district_code == district)
                         .order_by(m.Device.enrolled_at, m.Device.id)).all()
        ids = [d.id for d in rows]
        links = s.execute(select(m.DeviceTransfer.device_id, m.DeviceTransfer.from_device_id)
                          .where(m.DeviceTransfer.device_id.in_(ids))).all()
        came_from = dict(links)
        went_to = {old: new for new, old in links}
        return [DeviceRow(d.id, d.name, d.enrolled_at, d.last_seen_at, d.revoked_at,
                          d.app_version, held.get(d.id, 0), accepted.get(d.id, 0),
                          came_from.get(d.id, ""), went_to.get(d.id, ""))
                for d in rows]


def device(db: Database, district: str, device_id: str) -> DeviceRow | None:
    if len(device_id) > 36:
        return None
    return next((d for d in devices(db, district) if d.id == device_id), None)


@dataclass(frozen=True)
class HeldRecord:
    id: str
    participant_number: str | None
    full_name: str
    nik: str
    village_code: str
    village: str
    status: str
    device_id: str
    volunteer_id: str
    created_at: datetime


def held_records(db: Database, district: str, device_id: str) -> list[HeldRecord]:
    """The breach list: every record the server has that the laptop ``device_id`` held (its
    own and those of the laptops it was transferred from), by village and name."""
    with db.reader() as s:
        dev = s.get(m.Device, device_id)
        if dev is None or dev.district_code != district:
            return []
        family = sorted(lineage(s, dev))
        out = []
        for r in s.scalars(select(m.Registration)
                           .where(m.Registration.district_code == district,
                                  m.Registration.device_id.in_(family))
                           .order_by(m.Registration.village_code, m.Registration.full_name,
                                     m.Registration.id)):
            try:
                payload = json.loads(r.payload)
            except ValueError:
                payload = {}
            if not isinstance(payload, dict):
                payload = {}
            out.append(HeldRecord(r.id, r.participant_number, r.full_name, r.nik,
                                  r.village_code,
                                  village_name(r.village_code,
                                               str(payload.get("village_name") or "")),
                                  r.status, r.device_id, str(payload.get("volunteer_id") or ""),
                                  r.created_at))
        return out


def volunteers(records: Iterable[HeldRecord]) -> list[tuple[str, int]]:
    """Volunteer ids (the server has no names) and their number of records, most first."""
    counts: dict[str, int] = {}
    for r in records:
        if r.volunteer_id:
            counts[r.volunteer_id] = counts.get(r.volunteer_id, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


BREACH_COLUMNS = ["participant_number", "full_name", "nik", "village_code", "village_name",
                  "status", "device_id", "volunteer_id", "created_at"]


def write_breach_list(db: Database, settings: Settings, district: str, device_id: str,
                      out: Any, *, fmt: str, masked: bool, actor: str) -> int:
    """The breach list written to ``out`` (a path) as CSV or XLSX by the product's one
    spreadsheet writer (formula-like text neutralised); NIKs masked when ``masked``.
    Audited as ``device.breach_exported``. Returns the number of rows."""
    if fmt not in ("csv", "xlsx"):
        raise AdminError("format must be csv or xlsx")
    records = held_records(db, district, device_id)
    rows = [[r.participant_number, r.full_name, mask_nik(r.nik) if masked else r.nik,
             r.village_code, r.village, r.status, r.device_id, r.volunteer_id,
             r.created_at.isoformat(timespec="seconds")] for r in records]
    if fmt == "csv":
        write_csv(out, BREACH_COLUMNS, rows)
    else:
        write_xlsx(out, BREACH_COLUMNS, rows,
                   text_columns=("nik", "village_code", "participant_number"),
                   sheet="Breach")
    now = settings.clock()
    with db.writer() as s:
        audit(s, now, actor, "device.breach_exported", "device", device_id,
              district=district, rows=len(rows), format=fmt, nik_masked=masked)
        s.commit()
    return len(rows)


def record_breach_view(db: Database, settings: Settings, district: str, device_id: str, *,
                       rows: int, actor: str) -> None:
    now = settings.clock()
    with db.writer() as s:
        audit(s, now, actor, "device.breach_viewed", "device", device_id, district=district,
              rows=rows)
        s.commit()


def revoke(db: Database, settings: Settings, district: str, device_id: str, *, reason: str,
           actor: str) -> m.Device:
    """Revoke a device of ``district`` (its token stops working at once; the district's
    laptops learn it at their next pull), as ``fieldreg-server devices revoke``, with the
    reason in the audit row."""
    reason = " ".join(reason.split())[:MAX_REASON]
    if not reason:
        raise AdminError("reason_required")
    found = device(db, district, device_id)
    if found is None:
        raise AdminError("not_found")
    return admin.revoke_device(db, settings, device_id, actor=actor, reason=reason)


def transfer(db: Database, settings: Settings, district: str, old_id: str, new_id: str, *,
             actor: str, still_in_use: bool) -> tuple[m.Device, m.Device]:
    """``fieldreg-server devices transfer OLD NEW [--still-in-use]`` for two devices of
    ``district``."""
    old, new = device(db, district, old_id), device(db, district, new_id)
    if old is None or new is None:
        raise AdminError("not_found")
    # The usual refusals named for the console's words (transfer_device checks them all again
    # under its lock, and more; its own message is shown for the rest).
    if old_id == new_id:
        raise AdminError("transfer_itself")
    if new.revoked_at is not None:
        raise AdminError("transfer_new_revoked")
    if new.transferred_from and new.transferred_from != old_id:
        raise AdminError("transfer_new_taken")
    if old.transferred_to and old.transferred_to != new_id:
        raise AdminError("transfer_once")
    if old.revoked_at is None and not still_in_use:
        raise AdminError("transfer_not_revoked")
    return transfer_device(db, settings, old_id, new_id, actor=actor,
                           still_in_use=still_in_use)
