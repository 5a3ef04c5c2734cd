"""Pull: what changed in the device's district since its cursor.

Cursors are opaque to the client: ``f1:<district>:<feed seq>``. A cursor of another district
(the laptop moved) or past the end of the feed (a restored database) starts again from the
beginning, which is always safe: a pull only ever tells the current state. The first pull (no
cursor) always carries the reference data and the district's device keys.
"""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number
from fieldreg.domain.contributions import get_contribution_table
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.auth import authenticate, is_stale, touch
from fieldreg.server.service.common import chunks
from fieldreg.server.service.errors import ApiError
from fieldreg.server.service.transfer import lineage
from fieldreg.sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    ErrorCode,
    Holder,
    PullResponse,
    RecordStatus,
    ReferenceData,
    Target,
    TrustedDeviceKey,
    WireProblem,
    b64,
)

CURSOR_RE = re.compile(r"^f1:(\d{2}\.\d{2}):(\d{1,18})$")


def make_cursor(district: str, seq: int) -> str:
    return f"f1:{district}:{seq}"


def parse_cursor(cursor: str | None, district: str) -> int:
    """The feed seq after which to read; 400 for a cursor this server never made."""
    if not cursor:
        return 0
    match = CURSOR_RE.match(cursor)
    if match is None:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "malformed cursor")
    if match.group(1) != district:
        return 0
    return int(match.group(2))


def reference_data(session: Session, district: str) -> ReferenceData:
    targets = session.execute(
        select(m.Target.village_code, m.Target.target)
        .where(m.Target.district_code == district)
        .order_by(m.Target.village_code)
    ).all()
    return ReferenceData(
        regions_version=get_regions().version,
        occupations_version=get_occupations().version,
        contributions_version=get_contribution_table().version,
        targets=[Target(village_code=v, target=t) for v, t in targets],
    )


def district_serials(session: Session, district: str, fed: list[str]) -> list[str]:
    """Of the serials the feed names, those revoked in ``district`` (by their issuer or the
    district), once each in feed order: a row that does not stand (a revocation pushed by a
    device that did not issue the card, dropped by migration 0002) is never handed out."""
    wanted = list(dict.fromkeys(fed))
    standing: set[str] = set()
    for part in chunks(wanted, 500):
        standing.update(s for s in session.scalars(
            select(m.RevokedSerial.serial).where(m.RevokedSerial.district_code == district,
                                                 m.RevokedSerial.serial.in_(part))
        ))
    return [serial for serial in wanted if serial in standing]


def record_status(row: m.Registration) -> RecordStatus:
    problems: list[WireProblem] = []
    if row.status == m.VOIDED and row.external_version == row.server_version:
        problems.append(WireProblem(field="_entry", code="voided_by_district",
                                    params={"reason": row.void_reason}))
    return RecordStatus(
        record_id=row.id,
        status=row.status,  # type: ignore[arg-type]
        server_version=row.server_version,
        participant_number=row.participant_number,
        holder=Holder.model_validate_json(row.holder) if row.holder else None,
        problems=problems,
    )


def pull(db: Database, settings: Settings, token: str | None, cursor: str | None,
         limit: int = DEFAULT_PULL_LIMIT) -> PullResponse:
    limit = max(1, min(limit, MAX_PULL_LIMIT))
    now = settings.clock()
    with db.reader() as s:
        device = authenticate(s, token)
        district = device.district_code
        # Its own records, and those of the laptops it was transferred from (restored onto
        # another machine): the district's changes of them reach this laptop too.
        mine = sorted(lineage(s, device))
        after = parse_cursor(cursor, district)
        head = s.scalar(select(m.District.feed_seq).where(m.District.code == district)) or 0
        if after > head:
            after = 0
        entries = s.execute(
            select(m.Feed.seq, m.Feed.kind, m.Feed.ref)
            .where(
                m.Feed.district_code == district,
                m.Feed.seq > after,
                or_(m.Feed.kind != m.FEED_RECORD, m.Feed.device_id.in_(mine)),
            )
            .order_by(m.Feed.seq)
            .limit(limit + 1)
        ).all()
        more = len(entries) > limit
        entries = entries[:limit]
        last = entries[-1].seq if entries else after
        kinds = {e.kind for e in entries}

        record_ids = list(dict.fromkeys(e.ref for e in entries if e.kind == m.FEED_RECORD))
        rows: dict[str, m.Registration] = {}
        for part in chunks(record_ids, 500):
            for row in s.scalars(
                select(m.Registration).where(m.Registration.id.in_(part),
                                             m.Registration.device_id.in_(mine))
            ):
                rows[row.id] = row
        records = [record_status(rows[r]) for r in record_ids if r in rows]

        keys = None
        if after == 0 or m.FEED_KEYS in kinds:
            keys = [
                TrustedDeviceKey(device_id=d.id, device_name=d.name, public_key=b64(d.public_key),
                                 revoked=d.revoked_at is not None)
                for d in s.scalars(
                    select(m.Device).where(m.Device.district_code == district)
                    .order_by(m.Device.enrolled_at, m.Device.id)
                )
            ]
        reference = None
        if after == 0 or m.FEED_REFERENCE in kinds:
            reference = reference_data(s, district)
        serials = district_serials(s, district, [e.ref for e in entries
                                                 if e.kind == m.FEED_SERIAL])
        highest = s.scalar(select(func.max(m.Registration.participant_number))
                           .where(m.Registration.device_id == device.id))
        stale = is_stale(device, now, settings)
        device_id = device.id
    if stale:
        touch(db, settings, device_id, now)
    return PullResponse(
        cursor=make_cursor(district, last),
        more=more,
        records=records,
        reference=reference,
        keys=keys,
        revoked_serials=serials,
        number_seq_floor=participant_number.sequence_of(highest) if highest else None,
    )
