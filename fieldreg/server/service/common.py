"""Shared pieces: audit entries, the district feed (numbered at the end of a transaction),
holders of a NIK, district look-ups."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.sync.protocol import Holder


def audit(
    session: Session,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str = "",
    **detail: Any,
) -> None:
    """One audit row. ``detail`` must never carry a full NIK (use ``mask_nik``)."""
    session.add(
        m.Audit(
            at=at,
            actor=actor[:120],
            action=action,
            entity=entity,
            entity_id=entity_id[:64],
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


@dataclass
class FeedBuffer:
    """Feed entries made by one transaction, numbered at its end (``flush``): the district row
    is locked only from that UPDATE to the commit, and feed order is commit order."""

    entries: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)

    def add(self, district: str, kind: str, ref: str = "", device_id: str | None = None) -> None:
        items = self.entries.setdefault(district, [])
        item = (kind, ref, device_id)
        if kind in (m.FEED_KEYS, m.FEED_REFERENCE) and item in items:
            return  # one is as good as many
        items.append(item)

    def flush(self, session: Session) -> None:
        for district in sorted(self.entries):  # a fixed order: no deadlock between districts
            items = self.entries[district]
            if not items:
                continue
            n = len(items)
            last = session.execute(
                update(m.District)
                .where(m.District.code == district)
                .values(feed_seq=m.District.feed_seq + n)
                .returning(m.District.feed_seq)
            ).scalar_one()
            first = last - n + 1
            session.execute(
                insert(m.Feed),
                [
                    {"district_code": district, "seq": first + i, "kind": kind, "ref": ref,
                     "device_id": device_id}
                    for i, (kind, ref, device_id) in enumerate(items)
                ],
            )
        self.entries.clear()


def village_name(code: str, fallback: str = "") -> str:
    try:
        region = get_regions().village(code) if code else None
    except ValueError:
        region = None
    return region.display_name if region is not None else fallback


def holder_of(session: Session, nik: str, asking_device: str) -> Holder | None:
    """Who holds ``nik`` now (an accepted or verified registration), without the NIK or name."""
    row = session.execute(
        select(m.Registration, m.Device.name)
        .join(m.Device, m.Device.id == m.Registration.device_id)
        .where(m.Registration.nik == nik, m.Registration.status.in_((m.ACCEPTED, m.VERIFIED)))
        .limit(1)
    ).first()
    if row is None:
        return None
    reg, device_name = row
    fallback = ""
    with contextlib.suppress(ValueError, AttributeError):
        fallback = str(json.loads(reg.payload).get("village_name") or "")
    return Holder(
        participant_number=reg.participant_number,
        village_code=reg.village_code,
        village_name=village_name(reg.village_code, fallback),
        device_name=device_name,
        same_device=reg.device_id == asking_device,
    )


def violated(exc: IntegrityError, *names: str) -> bool:
    """Whether ``exc`` is the violation of one of the named constraints/indexes.

    PostgreSQL names the constraint; SQLite names the columns ("UNIQUE constraint failed:
    registration.nik"), so each name may also be given as ``table.column``.
    """
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None) if diag is not None else None
    if constraint:
        return constraint in names
    text = str(orig)
    return any(f"failed: {n}" in text or text.endswith(n) for n in names)


def chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
