"""The district console's participant pages (Peserta): a searched, filtered list in pages of
``PAGE_SIZE`` and one record's details with its history. Read-only.

Paging stays fast at province scale (700,000 records): the list is ordered newest first by
(created_at, id), and "next"/"previous" continue from the last/first row shown (keyset: the
cursor is that row's time and id), whatever the depth. A page asked for by its number alone
(``?hal=N``) is read with OFFSET, up to ``MAX_OFFSET_PAGE``. Matches are counted up to
``COUNT_CAP`` only ("more than 10,000"): an exact count of a province's records costs a scan.

Every query is limited to the officer's district (``district`` None: every district, a
province officer): a record of another district is simply not found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, literal, select, tuple_
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.db import Database
from fieldreg.server.service.common import village_name

PAGE_SIZE = 50
MAX_OFFSET_PAGE = 200  # a page by number alone: OFFSET up to 9,950 rows
COUNT_CAP = 10_000  # matches counted up to this ("more than"), never a whole scan
MAX_QUERY = 100
STATUSES = (m.ACCEPTED, m.VERIFIED, m.DUPLICATE, m.VOIDED)


@dataclass(frozen=True)
class Filters:
    q: str = ""  # a NIK (16 digits, exact), a participant number, or part of a name
    kecamatan: str = ""
    village: str = ""
    status: str = ""
    device: str = ""
    page: int = 1  # the page's number as shown (and read with OFFSET without a cursor)
    after: str = ""  # cursor: the page after the row it names (``cursor_of``)
    before: str = ""  # cursor: the page before the row it names


@dataclass(frozen=True)
class Row:
    id: str
    participant_number: str | None
    full_name: str
    nik: str
    village_code: str
    village_name: str
    status: str
    device_name: str
    created_at: datetime


@dataclass
class Page:
    rows: list[Row]
    total: int  # matches, up to COUNT_CAP (``more``: there are more than that)
    page: int
    pages: int  # 0 when ``more`` (not counted)
    search_kind: str = ""  # "nik" | "number" | "name" | ""
    more: bool = False
    next_cursor: str = ""  # "": this is the last page
    prev_cursor: str = ""  # "": this is the first page


def cursor_of(row: Row) -> str:
    return f"{row.created_at.isoformat()}_{row.id}"


def parse_cursor(text: str) -> tuple[datetime, str] | None:
    at, sep, record_id = text.partition("_")
    if not sep or not record_id or len(record_id) > 36 or "\x00" in text or len(at) > 32:
        return None
    try:
        return datetime.fromisoformat(at), record_id
    except ValueError:
        return None


@dataclass(frozen=True)
class Option:
    code: str
    name: str


@dataclass
class Choices:
    kecamatan: list[Option] = field(default_factory=list)
    villages: list[Option] = field(default_factory=list)
    devices: list[Option] = field(default_factory=list)


def search_kind(q: str) -> tuple[str, str]:
    """What the search box holds: ``("nik", digits)`` for 16 digits, ``("number", normalised)``
    for a participant number, else ``("name", text)``; ``("", "")`` when empty."""
    q = " ".join(q.replace("\x00", "").split())[:MAX_QUERY]
    if not q:
        return "", ""
    digits = q.replace(" ", "")
    if len(digits) == 16 and digits.isascii() and digits.isdigit():
        return "nik", digits
    try:
        return "number", numbers.normalize(q)
    except numbers.NumberError:
        return "name", q


def _where(district: str | None, f: Filters) -> tuple[list[ColumnElement[bool]], str]:
    # PostgreSQL text cannot hold NUL: a filter with one matches nothing, as it would anyway.
    f = replace(f, q=f.q.replace("\x00", ""), kecamatan=f.kecamatan.replace("\x00", ""),
                village=f.village.replace("\x00", ""), status=f.status.replace("\x00", ""),
                device=f.device.replace("\x00", ""))
    where: list[ColumnElement[bool]] = []
    if district is not None:
        where.append(m.Registration.district_code == district)
    kind, value = search_kind(f.q)
    if kind == "nik":
        where.append(m.Registration.nik == value)
    elif kind == "number":
        where.append(m.Registration.participant_number == value)
    elif kind == "name":
        where.append(func.lower(m.Registration.full_name).contains(value.lower(),
                                                                   autoescape=True))
    if f.village:
        where.append(m.Registration.village_code == f.village)
    elif f.kecamatan:
        where.append(m.Registration.village_code.startswith(f.kecamatan + ".", autoescape=True))
    if f.status:
        where.append(m.Registration.status == f.status)
    if f.device:
        where.append(m.Registration.device_id == f.device)
    return where, kind


def search(db: Database, district: str | None, f: Filters) -> Page:
    where, kind = _where(district, f)
    reg = m.Registration
    key = tuple_(reg.created_at, reg.id)
    after, before = parse_cursor(f.after), parse_cursor(f.before)
    with db.reader() as s:
        total = int(s.scalar(select(func.count()).select_from(
            select(literal(1)).select_from(reg).where(*where).limit(COUNT_CAP + 1)
            .subquery())) or 0)
        more = total > COUNT_CAP
        total = min(total, COUNT_CAP)
        pages = 0 if more else max(1, -(-total // PAGE_SIZE))
        query = (select(reg, m.Device.name).join(m.Device, m.Device.id == reg.device_id)
                 .where(*where))
        newest_first = (reg.created_at.desc(), reg.id.desc())
        page = max(1, f.page)
        if before is not None:
            rows = list(reversed(s.execute(
                query.where(key > tuple_(*before))
                .order_by(reg.created_at, reg.id).limit(PAGE_SIZE + 1)).all()))
            has_prev = len(rows) > PAGE_SIZE
            if has_prev:
                rows = rows[1:]
            else:  # back at the start (newer records may have come): the first page, whole
                page = 1
                rows = list(s.execute(query.order_by(*newest_first)
                                      .limit(PAGE_SIZE + 1)).all())
            has_next = bool(rows) and (has_prev or len(rows) > PAGE_SIZE)
            rows = rows[:PAGE_SIZE]
        elif after is not None:
            rows = list(s.execute(query.where(key < tuple_(*after)).order_by(*newest_first)
                                  .limit(PAGE_SIZE + 1)).all())
            has_next = len(rows) > PAGE_SIZE
            rows = rows[:PAGE_SIZE]
            page = max(2, page)
            has_prev = True
        else:
            page = min(page, pages or MAX_OFFSET_PAGE, MAX_OFFSET_PAGE)
            rows = list(s.execute(query.order_by(*newest_first).limit(PAGE_SIZE + 1)
                                  .offset((page - 1) * PAGE_SIZE)).all())
            has_next = len(rows) > PAGE_SIZE
            rows = rows[:PAGE_SIZE]
            has_prev = page > 1
        out = [Row(r.id, r.participant_number, r.full_name, r.nik, r.village_code,
                   village_name(r.village_code, r.village_code), r.status, dev, r.created_at)
               for r, dev in rows]
    if not more:
        page = min(page, pages)
    return Page(out, total, page, pages, kind, more,
                next_cursor=cursor_of(out[-1]) if has_next and out else "",
                prev_cursor=cursor_of(out[0]) if has_prev and out and page > 1 else "")


def choices(db: Database, district: str | None) -> Choices:
    """The filters' options: the kecamatan and villages that hold registrations, the
    district's laptops."""
    regions = get_regions()
    with db.reader() as s:
        query = select(m.Registration.village_code).distinct()
        if district is not None:
            query = query.where(m.Registration.district_code == district)
        codes = sorted(c for c in s.scalars(query) if c)
        devices = select(m.Device.id, m.Device.name).order_by(m.Device.name)
        if district is not None:
            devices = devices.where(m.Device.district_code == district)
        device_rows = s.execute(devices).all()
    kec_codes = sorted({c.rsplit(".", 1)[0] for c in codes if c.count(".") == 3})
    kec = []
    for code in kec_codes:
        region = regions.district(code)
        kec.append(Option(code, region.display_name if region else code))
    return Choices(sorted(kec, key=lambda o: o.name),
                   sorted((Option(c, village_name(c, c)) for c in codes),
                          key=lambda o: o.name),
                   [Option(i, n) for i, n in device_rows])


@dataclass(frozen=True)
class Event:
    at: datetime
    what: str  # an outcome (applied, duplicate, rejected…) or an audit action
    detail: str
    by: str


@dataclass
class Detail:
    id: str
    participant_number: str | None
    status: str
    nik: str
    full_name: str
    district_code: str
    village_code: str
    village_name: str
    kecamatan_name: str
    data: dict[str, Any]
    void_reason: str
    device_id: str
    device_name: str
    device_last_seen: datetime | None
    version: int
    server_version: int
    laptop_created_at: str
    created_at: datetime
    updated_at: datetime
    history: list[Event]
    # A duplicate's NIK holder when it was refused (participant number, village, laptop).
    holder: dict[str, Any] = field(default_factory=dict)


def _history(s: Session, row: m.Registration) -> list[Event]:
    events = []
    for rec in s.scalars(select(m.Receipt).where(m.Receipt.record_id == row.id)
                         .order_by(m.Receipt.created_at, m.Receipt.seq)):
        problems = ""
        try:
            result = json.loads(rec.result)
            codes = [str(p.get("code", "")) for p in result.get("problems") or []
                     if isinstance(p, dict)]
            problems = ", ".join(c for c in codes if c)
        except (ValueError, AttributeError):
            pass
        events.append(Event(rec.created_at, rec.outcome, problems, f"seq {rec.seq}"))
    for a in s.scalars(select(m.Audit).where(m.Audit.entity == "registration",
                                             m.Audit.entity_id == row.id,
                                             m.Audit.action != "registration.viewed")
                       .order_by(m.Audit.id)):
        try:
            detail = json.loads(a.detail)
            reason = str(detail.get("reason", "")) if isinstance(detail, dict) else ""
        except ValueError:
            reason = ""
        events.append(Event(a.at, a.action, reason, a.actor))
    events.sort(key=lambda e: e.at)
    return events


def _holder(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def detail(db: Database, district: str | None, record_id: str) -> Detail | None:
    """One record of ``district``; None when there is none (or it is another district's)."""
    if not record_id or len(record_id) > 36 or "\x00" in record_id:
        return None
    with db.reader() as s:
        query = (select(m.Registration, m.Device)
                 .join(m.Device, m.Device.id == m.Registration.device_id)
                 .where(m.Registration.id == record_id))
        if district is not None:
            query = query.where(m.Registration.district_code == district)
        found = s.execute(query).first()
        if found is None:
            return None
        row, device = found
        try:
            payload = json.loads(row.payload)
            data = payload.get("data") if isinstance(payload, dict) else None
        except ValueError:
            payload, data = {}, None
        if not isinstance(payload, dict):
            payload = {}
        kec_code = row.village_code.rsplit(".", 1)[0] if row.village_code.count(".") == 3 else ""
        kec = get_regions().district(kec_code) if kec_code else None
        return Detail(
            id=row.id, participant_number=row.participant_number, status=row.status,
            nik=row.nik, full_name=row.full_name, district_code=row.district_code,
            village_code=row.village_code,
            village_name=village_name(row.village_code,
                                      str(payload.get("village_name") or row.village_code)),
            kecamatan_name=kec.display_name if kec else kec_code,
            data=data if isinstance(data, dict) else {}, void_reason=row.void_reason,
            device_id=device.id, device_name=device.name,
            device_last_seen=device.last_seen_at, version=row.version,
            server_version=row.server_version,
            laptop_created_at=str(payload.get("created_at") or ""),
            created_at=row.created_at, updated_at=row.updated_at, history=_history(s, row),
            holder=_holder(row.holder))


def status_ok(status: str) -> bool:
    return status in STATUSES


def is_kecamatan(code: str) -> bool:
    parts = code.split(".")
    return len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts)


def is_village(code: str) -> bool:
    parts = code.split(".")
    return len(parts) == 4 and all(p.isascii() and p.isdigit() for p in parts)
