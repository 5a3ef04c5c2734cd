"""The district's own changes (admin CLI): districts, devices, targets, verifying and voiding
registrations, exports, the audit log. Each is one transaction and leaves an audit row."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.nik import mask_nik
from fieldreg.domain.regions import get_regions, normalize_code
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import FeedBuffer, audit, village_name
from fieldreg.server.service.errors import AdminError
from fieldreg.spreadsheets import write_csv, write_xlsx

# ------------------------------------------------------------------ districts


def add_district(db: Database, settings: Settings, code: str, name: str, *, actor: str) -> None:
    try:
        code = normalize_code(code)
    except ValueError as exc:
        raise AdminError(f"{code!r} is not a region code") from exc
    if get_regions().regency(code) is None:
        raise AdminError(f"{code!r} is not a regency (kabupaten/kota) code")
    name = name.strip()
    if not name:
        raise AdminError("the district needs a name")
    now = settings.clock()
    with db.writer() as s:
        if s.get(m.District, code) is not None:
            raise AdminError(f"district {code} already exists")
        s.add(m.District(code=code, name=name[:100], feed_seq=0, created_at=now))
        s.flush()
        feed = FeedBuffer()
        feed.add(code, m.FEED_REFERENCE)
        feed.add(code, m.FEED_KEYS)
        feed.flush(s)
        audit(s, now, actor, "district.added", "district", code, name=name)
        s.commit()


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name: str
    devices: int
    registrations: int


def list_districts(db: Database) -> list[DistrictRow]:
    with db.reader() as s:
        devices = dict(s.execute(
            select(m.Device.district_code, func.count())
            .where(m.Device.revoked_at.is_(None)).group_by(m.Device.district_code)
        ).tuples().all())
        regs = dict(s.execute(
            select(m.Registration.district_code, func.count())
            .where(m.Registration.status.in_((m.ACCEPTED, m.VERIFIED)))
            .group_by(m.Registration.district_code)
        ).tuples().all())
        return [DistrictRow(d.code, d.name, devices.get(d.code, 0), regs.get(d.code, 0))
                for d in s.scalars(select(m.District).order_by(m.District.code))]


def _district(s: Any, code: str) -> m.District:
    district = s.get(m.District, code)
    if district is None:
        raise AdminError(f"unknown district {code!r}")
    assert isinstance(district, m.District)
    return district


# ------------------------------------------------------------------ devices


def list_devices(db: Database, district: str | None = None) -> list[m.Device]:
    with db.reader() as s:
        query = select(m.Device).order_by(m.Device.district_code, m.Device.enrolled_at)
        if district:
            query = query.where(m.Device.district_code == district)
        return list(s.scalars(query))


def revoke_device(db: Database, settings: Settings, device_id: str, *, actor: str,
                  reason: str = "") -> m.Device:
    """Revoke a device (its token stops working; the district's laptops learn it at their
    next pull). ``reason`` (the console asks for one) goes into the audit row."""
    now = settings.clock()
    with db.writer() as s:
        device = s.get(m.Device, device_id)
        if device is None:
            raise AdminError(f"unknown device {device_id!r}")
        if device.revoked_at is not None:
            raise AdminError(f"device {device_id} was already revoked on "
                             f"{device.revoked_at:%Y-%m-%d %H:%M} UTC")
        device.revoked_at = now
        feed = FeedBuffer()
        feed.add(device.district_code, m.FEED_KEYS)
        s.flush()
        feed.flush(s)
        audit(s, now, actor, "device.revoked", "device", device.id, name=device.name,
              district=device.district_code, **({"reason": reason} if reason else {}))
        s.commit()
        return device


# ------------------------------------------------------------------ targets


def set_target(db: Database, settings: Settings, district: str, village: str, target: int, *,
               actor: str) -> str:
    if target < 0:
        raise AdminError("a target cannot be negative")
    try:
        village = normalize_code(village)
    except ValueError as exc:
        raise AdminError(f"{village!r} is not a village code") from exc
    if get_regions().village(village) is None:
        raise AdminError(f"unknown village {village!r}")
    if not village.startswith(district + "."):
        raise AdminError(f"village {village} is not in district {district}")
    now = settings.clock()
    with db.writer() as s:
        _district(s, district)
        row = s.get(m.Target, (district, village))
        if row is None:
            s.add(m.Target(district_code=district, village_code=village, target=target,
                           updated_at=now))
        else:
            row.target = target
            row.updated_at = now
        s.flush()
        feed = FeedBuffer()
        feed.add(district, m.FEED_REFERENCE)
        feed.flush(s)
        audit(s, now, actor, "target.set", "village", village, district=district, target=target)
        s.commit()
    return village


# ------------------------------------------------------------------ registrations


def _by_number(s: Any, number: str) -> m.Registration:
    try:
        n = numbers.normalize(number)
    except numbers.NumberError as exc:
        raise AdminError(f"{number!r} is not a participant number ({exc.code})") from exc
    row = s.scalars(
        select(m.Registration).where(m.Registration.participant_number == n).with_for_update()
    ).first()
    if row is None:
        raise AdminError(f"no registration with number {numbers.display(n)}")
    assert isinstance(row, m.Registration)
    return row


def _district_change(s: Any, row: m.Registration, now: datetime) -> None:
    """A change made by the district: a new server version the laptop must have seen before
    it edits again, and a record entry in the feed so the owning laptop pulls it."""
    row.server_version += 1
    row.external_version = row.server_version
    row.updated_at = now
    s.flush()
    feed = FeedBuffer()
    feed.add(row.district_code, m.FEED_RECORD, row.id, row.device_id)
    feed.flush(s)


def verify(db: Database, settings: Settings, number: str, *, actor: str) -> m.Registration:
    now = settings.clock()
    with db.writer() as s:
        row = _by_number(s, number)
        if row.status != m.ACCEPTED:
            raise AdminError(f"registration {numbers.display(row.participant_number or '')} is "
                             f"{row.status}; only an accepted registration can be verified")
        row.status = m.VERIFIED
        _district_change(s, row, now)
        audit(s, now, actor, "registration.verified", "registration", row.id,
              participant_number=row.participant_number, nik=mask_nik(row.nik))
        s.commit()
        return row


def void(db: Database, settings: Settings, number: str, reason: str, *,
         actor: str) -> m.Registration:
    reason = reason.strip()
    if not reason:
        raise AdminError("a reason is required (--reason)")
    now = settings.clock()
    with db.writer() as s:
        row = _by_number(s, number)
        if row.status == m.VOIDED:
            raise AdminError("the registration is already voided")
        before = row.status
        row.status = m.VOIDED
        row.void_reason = reason
        row.holder = None
        _district_change(s, row, now)
        audit(s, now, actor, "registration.voided", "registration", row.id,
              participant_number=row.participant_number, nik=mask_nik(row.nik),
              reason=reason, status_before=before)
        s.commit()
        return row


# ------------------------------------------------------------------ export

EXPORT_COLUMNS = [
    "participant_number", "status", "district_code", "village_code", "village_name",
    "nik", "full_name", "birth_date", "sex", "phone", "occupation_code", "funding_source",
    "coverage_start", "coverage_end", "programmes", "device_id", "device_name",
    "server_version", "created_at", "updated_at",
]
TEXT_COLUMNS = ("nik", "phone", "village_code", "participant_number")


def _export_rows(db: Database, district: str | None) -> list[list[Any]]:
    with db.reader() as s:
        names = dict(s.execute(select(m.Device.id, m.Device.name)).tuples().all())
        query = select(m.Registration).order_by(m.Registration.district_code,
                                                m.Registration.village_code,
                                                m.Registration.created_at)
        if district:
            _district(s, district)
            query = query.where(m.Registration.district_code == district)
        rows = []
        for r in s.scalars(query):
            try:
                payload = json.loads(r.payload)
                data = payload.get("data") or {}
            except (ValueError, AttributeError):
                payload, data = {}, {}
            rows.append([
                r.participant_number, r.status, r.district_code, r.village_code,
                village_name(r.village_code, str(payload.get("village_name") or "")),
                r.nik, r.full_name, data.get("birth_date"), data.get("sex"), data.get("phone"),
                data.get("occupation_code"), data.get("funding_source"),
                data.get("coverage_start"), data.get("coverage_end"), data.get("programmes"),
                r.device_id, names.get(r.device_id, ""), r.server_version,
                r.created_at.isoformat(timespec="seconds"),
                r.updated_at.isoformat(timespec="seconds"),
            ])
        return rows


def export(db: Database, settings: Settings, out: Path, *, district: str | None,
           actor: str) -> int:
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise AdminError("the export file must end in .csv or .xlsx")
    # one writer for every spreadsheet the product makes: formula-like text neutralised,
    # the file readable by its owner only
    rows = _export_rows(db, district)
    if suffix == ".csv":
        write_csv(out, EXPORT_COLUMNS, rows)
    else:
        write_xlsx(out, EXPORT_COLUMNS, rows, text_columns=TEXT_COLUMNS, sheet="Registrations")
    now = settings.clock()
    with db.writer() as s:
        audit(s, now, actor, "registrations.exported", "export", out.name,
              district=district or "*", rows=len(rows), format=suffix[1:])
        s.commit()
    return len(rows)


# ------------------------------------------------------------------ audit


def audit_entries(db: Database, limit: int = 50) -> list[m.Audit]:
    with db.reader() as s:
        rows = list(s.scalars(select(m.Audit).order_by(m.Audit.id.desc()).limit(limit)))
    rows.reverse()
    return rows
