"""The console's Ganda page: NIKs claimed by more than one laptop, and deciding which record
is kept.

How a duplicate is recorded today (``push``/``batch``): the first record with a NIK is stored
``accepted`` and holds it (a partial unique index on active NIKs); a later record with that NIK
from any laptop is stored ``duplicate`` with a ``holder`` note (participant number, village,
laptop). The work queue is every NIK with at least one ``duplicate`` record in the district.

**Keep this one** (an operator) decides on the server, in one transaction: every other claim
of the NIK (the holder and the other duplicates) is voided by the district (reason
"Ganda: …", as ``fieldreg-server registrations void``) and the kept record becomes the holder
(``accepted``; a verified one stays verified). Each change is a district-side change
(``admin._district_change``): a new server version and a record entry in the district's feed,
so both laptops learn the outcome at their next pull (the kept one as accepted, the others as
``voided_by_district`` with the reason), without a volunteer saving anything again.

A claim held in another district (NIK uniqueness is province-wide) is shown without its data
and cannot be decided here: keeping a local record would need voiding another district's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.nik import mask_nik
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.admin import _district_change
from fieldreg.server.service.common import audit, village_name
from fieldreg.server.service.errors import AdminError
from fieldreg.server.service.push import nik_lock_key

CLAIMS = (m.ACCEPTED, m.VERIFIED, m.DUPLICATE)
QUEUE_SIZE = 200
# Compared side by side (payload data keys); the first ones are shown to every role.
COMPARED = ("full_name", "birth_place", "birth_date", "sex", "village_code",
            "occupation_code", "street", "phone", "mother_maiden_name", "kk_number")
PUBLIC = ("full_name", "birth_place", "birth_date", "sex", "village_code", "occupation_code")


@dataclass(frozen=True)
class Claim:
    id: str
    participant_number: str | None
    full_name: str
    status: str
    district_code: str
    village_code: str
    village: str
    device_id: str
    device_name: str
    laptop_created_at: str  # the laptop's date, as sent
    arrived_at: datetime  # when the server stored it
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        return self.status in (m.ACCEPTED, m.VERIFIED)


@dataclass(frozen=True)
class Group:
    nik: str
    claims: list[Claim]  # the district's, holder first
    elsewhere: int  # claims in another district
    differs: list[str]  # compared keys whose values are not all equal

    @property
    def first(self) -> Claim:
        return self.claims[0]


def _claim(row: m.Registration, device_name: str) -> Claim:
    try:
        payload = json.loads(row.payload)
    except ValueError:
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    data = payload.get("data")
    return Claim(row.id, row.participant_number, row.full_name, row.status, row.district_code,
                 row.village_code,
                 village_name(row.village_code, str(payload.get("village_name") or "")),
                 row.device_id, device_name, str(payload.get("created_at") or ""),
                 row.created_at, data if isinstance(data, dict) else {})


def _differs(claims: list[Claim]) -> list[str]:
    out = []
    for key in COMPARED:
        values = {str(c.data.get(key) if key != "village_code" else c.village_code or "")
                  .strip().upper() for c in claims}
        if len(values) > 1:
            out.append(key)
    return out


def _groups(s: Any, district: str, niks: list[str]) -> list[Group]:
    if not niks:
        return []
    rows = s.execute(select(m.Registration, m.Device.name)
                     .join(m.Device, m.Device.id == m.Registration.device_id)
                     .where(m.Registration.nik.in_(niks), m.Registration.status.in_(CLAIMS))
                     .order_by(m.Registration.created_at, m.Registration.id)).all()
    by_nik: dict[str, list[Claim]] = {}
    away: dict[str, int] = {}
    for row, name in rows:
        if row.district_code != district:
            away[row.nik] = away.get(row.nik, 0) + 1
            continue
        by_nik.setdefault(row.nik, []).append(_claim(row, name))
    out = []
    for nik in niks:
        claims = sorted(by_nik.get(nik, []), key=lambda c: (not c.holds, c.arrived_at, c.id))
        if claims:
            out.append(Group(nik, claims, away.get(nik, 0), _differs(claims)))
    return out


def queue(db: Database, district: str) -> tuple[list[Group], int]:
    """The NIKs awaiting a decision (at most ``QUEUE_SIZE``, oldest duplicate first) and how
    many there are in all."""
    with db.reader() as s:
        base = (select(m.Registration.nik, func.min(m.Registration.created_at).label("first"))
                .where(m.Registration.district_code == district,
                       m.Registration.status == m.DUPLICATE)
                .group_by(m.Registration.nik)).subquery()
        total = s.scalar(select(func.count()).select_from(base)) or 0
        niks = list(s.scalars(select(base.c.nik).order_by(base.c.first, base.c.nik)
                              .limit(QUEUE_SIZE)))
        return _groups(s, district, niks), int(total)


def group_of(db: Database, district: str, record_id: str) -> Group | None:
    """The NIK group of one of the district's claims (any of them), or None."""
    if not record_id or len(record_id) > 36 or "\x00" in record_id:
        return None
    with db.reader() as s:
        row = s.get(m.Registration, record_id)
        if row is None or row.district_code != district or row.status not in CLAIMS:
            return None
        found = _groups(s, district, [row.nik])
        return found[0] if found and len(found[0].claims) + found[0].elsewhere > 1 else None


@dataclass(frozen=True)
class Decision:
    kept: str  # record id
    kept_number: str | None
    voided: list[str]


def keep(db: Database, settings: Settings, district: str, record_id: str, *,
         actor: str) -> Decision:
    """Keep ``record_id``: the NIK's other claims are voided by the district and it becomes
    the holder; every changed record is fed to its laptop. AdminError codes: ``not_found``,
    ``nothing_to_decide``, ``elsewhere`` (a claim in another district)."""
    if not record_id or len(record_id) > 36 or "\x00" in record_id:
        raise AdminError("not_found")
    now = settings.clock()
    with db.writer() as s:
        first = s.get(m.Registration, record_id)
        if first is None or first.district_code != district:
            raise AdminError("not_found")
        nik = first.nik
        if db.postgresql:  # as a push of this NIK does: one decision or push at a time
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": nik_lock_key(nik)})
        rows = list(s.scalars(select(m.Registration)
                              .where(m.Registration.nik == nik,
                                     m.Registration.status.in_(CLAIMS))
                              .order_by(m.Registration.id).with_for_update()))
        kept = next((r for r in rows if r.id == record_id), None)
        if kept is None:
            raise AdminError("not_found")
        others = [r for r in rows if r.id != record_id]
        if not others:
            raise AdminError("nothing_to_decide")
        if any(r.district_code != district for r in others):
            raise AdminError("elsewhere")
        label = numbers.display(kept.participant_number) if kept.participant_number else kept.id
        place = village_name(kept.village_code, kept.village_code)
        reason = f"Ganda: NIK ini dipakai oleh data {label} ({place})"
        for r in others:  # the holder first freed, so the kept one may take the NIK
            before = r.status
            r.status = m.VOIDED
            r.void_reason = reason
            r.holder = None
            _district_change(s, r, now)
            audit(s, now, actor, "registration.voided", "registration", r.id,
                  participant_number=r.participant_number, nik=mask_nik(r.nik),
                  reason=reason, status_before=before, duplicate_of=kept.id)
        if kept.status == m.DUPLICATE:
            kept.status = m.ACCEPTED
            kept.holder = None
            _district_change(s, kept, now)
        audit(s, now, actor, "duplicate.resolved", "registration", kept.id,
              participant_number=kept.participant_number, nik=mask_nik(nik),
              voided=[r.id for r in others], district=district)
        s.commit()
        return Decision(kept.id, kept.participant_number, [r.id for r in others])
