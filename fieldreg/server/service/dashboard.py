"""The district console's home page (Beranda): registrations against targets per kecamatan and
village, counts by status, occupation, funding source and day, laptops that have not synced,
and what waits for a decision. Counted in SQL (grouped, never a row per registration in
Python); only the per-village totals are summed up to kecamatan here.

``district`` None means every district (a province officer).

Fields of the pushed payload (occupation, funding source, the day the laptop made the record)
are read from the columns the push copies them into (``occupation_code``, ``funding_source``,
``made_on``; migration 0007 filled them for older rows), never by parsing the payload's JSON: at
province scale (700,000 records) that took seconds. On PostgreSQL the index on (district_code,
status) carries them (INCLUDE), so every count here reads that index alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.db import Database

ACTIVE = (m.ACCEPTED, m.VERIFIED)
DAYS = 14
STALE_DAYS = 7
TOP_OCCUPATIONS = 10


def in_district(district: str | None) -> list[ColumnElement[bool]]:
    return [] if district is None else [m.Registration.district_code == district]


@dataclass(frozen=True)
class Progress:
    code: str
    name: str
    registered: int  # active: accepted or verified
    target: int  # 0: none set

    @property
    def percent(self) -> int | None:
        return None if self.target <= 0 else round(100 * self.registered / self.target)


@dataclass(frozen=True)
class Kecamatan(Progress):
    villages: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    n: int


@dataclass(frozen=True)
class StaleLaptop:
    id: str
    name: str
    district: str
    last_seen_at: datetime | None  # None: never synced after enrolment
    days: int | None


@dataclass
class Dashboard:
    total: int = 0  # every stored registration, any status
    active: int = 0
    target: int = 0
    kecamatan: list[Kecamatan] = field(default_factory=list)
    by_status: list[Count] = field(default_factory=list)
    by_occupation: list[Count] = field(default_factory=list)
    by_funding: list[Count] = field(default_factory=list)
    per_day: list[Count] = field(default_factory=list)  # oldest first, DAYS of them
    stale: list[StaleLaptop] = field(default_factory=list)
    stale_days: int = STALE_DAYS
    duplicates: int = 0
    rejected: int = 0  # records whose last push was rejected and never arrived since


def _village_progress(s: Session, district: str | None) -> tuple[list[Kecamatan], dict[str, int]]:
    """Active records against targets per village, summed per kecamatan; and the count of
    every status (from the same scan)."""
    regions = get_regions()
    counts: dict[str, int] = {}
    statuses: dict[str, int] = {}
    for status, code, n in s.execute(
            select(m.Registration.status, m.Registration.village_code, func.count())
            .where(*in_district(district))
            .group_by(m.Registration.status, m.Registration.village_code)):
        statuses[status] = statuses.get(status, 0) + n
        if status in ACTIVE:
            counts[code] = counts.get(code, 0) + n
    target_query = select(m.Target.village_code, m.Target.target)
    if district is not None:
        target_query = target_query.where(m.Target.district_code == district)
    targets: dict[str, int] = dict(s.execute(target_query).all())
    groups: dict[str, list[Progress]] = {}
    for code in sorted(set(counts) | set(targets)):
        village = regions.village(code) if code else None
        name = village.display_name if village is not None else (code or "(tanpa desa)")
        parent = code.rsplit(".", 1)[0] if code.count(".") == 3 else ""
        groups.setdefault(parent, []).append(
            Progress(code, name, counts.get(code, 0), targets.get(code, 0)))
    out = []
    for parent, villages in groups.items():
        kec = regions.district(parent) if parent else None
        name = kec.display_name if kec is not None else (parent or "(tanpa kecamatan)")
        villages.sort(key=lambda v: v.name)
        out.append(Kecamatan(parent, name, sum(v.registered for v in villages),
                             sum(v.target for v in villages), tuple(villages)))
    out.sort(key=lambda k: k.name)
    return out, statuses


def _ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _grouped(s: Session, key: ColumnElement[Any] | QueryableAttribute[Any], district: str | None,
             *where: ColumnElement[bool]) -> list[tuple[str, int]]:
    rows = s.execute(select(key, func.count()).where(*in_district(district), *where)
                     .group_by(key).order_by(func.count().desc())).all()
    return [("" if k is None else str(k), int(n)) for k, n in rows]


STATUS_ORDER = (m.ACCEPTED, m.VERIFIED, m.DUPLICATE, m.VOIDED)


def summary(db: Database, district: str | None, *, now: datetime, today: date,
            stale_days: int = STALE_DAYS,
            labels: dict[str, str] | None = None) -> Dashboard:
    """The home page's numbers. ``today``: the day it is in Jambi (the per-day chart ends
    there); ``labels``: the words for statuses and funding sources (codes when absent)."""
    words = labels or {}
    d = Dashboard(stale_days=stale_days)
    with db.reader() as s:
        d.kecamatan, statuses = _village_progress(s, district)
        d.active = sum(k.registered for k in d.kecamatan)
        d.target = sum(k.target for k in d.kecamatan)
        d.total = sum(statuses.values())
        d.by_status = [Count(st, words.get(f"status_{st}", st), statuses.get(st, 0))
                       for st in STATUS_ORDER]
        d.duplicates = statuses.get(m.DUPLICATE, 0)

        occupations = get_occupations()
        by_occ: dict[str, int] = {}
        by_fund: dict[str, int] = {}
        for occ_code, fund_code, n in s.execute(  # both from one scan
                select(m.Registration.occupation_code, m.Registration.funding_source,
                       func.count())
                .where(m.Registration.status.in_(ACTIVE), *in_district(district))
                .group_by(m.Registration.occupation_code, m.Registration.funding_source)):
            by_occ[occ_code or ""] = by_occ.get(occ_code or "", 0) + n
            by_fund[fund_code or ""] = by_fund.get(fund_code or "", 0) + n
        occ = _ranked(by_occ)
        top = occ[:TOP_OCCUPATIONS]
        rest = sum(n for _, n in occ[TOP_OCCUPATIONS:])
        for code, n in top:
            found = occupations.find(code) if code else None
            d.by_occupation.append(Count(code, found.label_id if found else
                                         (code or words.get("none", "-")), n))
        if rest:
            d.by_occupation.append(Count("*", words.get("others", "lainnya"), rest))

        for code, n in _ranked(by_fund):
            d.by_funding.append(Count(code, words.get(f"funding_{code}", code or
                                                      words.get("none", "-")), n))

        # The day the laptop made the record (its local time), as the volunteer saw it.
        first = today - timedelta(days=DAYS - 1)
        day = m.Registration.made_on
        per_day = dict(_grouped(s, day, district, m.Registration.status != m.VOIDED,
                                day >= first.isoformat(),
                                day <= today.isoformat()))
        d.per_day = [Count((first + timedelta(days=i)).isoformat(),
                           f"{first + timedelta(days=i):%d/%m}",
                           per_day.get((first + timedelta(days=i)).isoformat(), 0))
                     for i in range(DAYS)]

        since = now - timedelta(days=stale_days)
        devices = select(m.Device).where(
            m.Device.revoked_at.is_(None),
            (m.Device.last_seen_at.is_(None)) | (m.Device.last_seen_at < since))
        if district is not None:
            devices = devices.where(m.Device.district_code == district)
        for dev in s.scalars(devices.order_by(m.Device.last_seen_at, m.Device.name)):
            seen = dev.last_seen_at
            d.stale.append(StaleLaptop(dev.id, dev.name, dev.district_code, seen,
                                       (now - seen).days if seen else None))

        d.rejected = rejected_records(s, district)
    return d


def rejected_records(s: Session, district: str | None) -> int:
    """Records whose latest receipt is a rejection and that the server does not hold: fixes
    the volunteer still owes. Read from the rejections (an index of their own), each checked
    for a later receipt of its record and for the record itself."""
    r, later = m.Receipt, m.Receipt.__table__.alias("later")
    query = (select(func.count())
             .select_from(r)
             .where(r.outcome == "rejected",
                    ~exists().where(later.c.record_id == r.record_id,
                                    later.c.device_id == r.device_id,
                                    later.c.seq > r.seq),
                    ~exists().where(m.Registration.id == r.record_id)))
    if district is not None:
        query = query.join(m.Device, m.Device.id == r.device_id).where(
            m.Device.district_code == district)
    return int(s.scalar(query) or 0)


def bar_max(values: Sequence[int]) -> int:
    return max([1, *values])
