"""Card revocation, scoped to the card's issuer and its district.

A card's serial is ``<participant number>-<print generation>`` (``fieldreg.services.cards``),
signed into the QR as the CWT ``cti``. Its **issuer** is the device that owns the record with
that participant number on the server, or, while the server has no such record yet (cards are
printed in the village before any sync), the device whose key made the number (its first six
characters come from the key: ``participant_number.made_by``). Only the issuer revokes a serial
by a push, and the district revokes any of its own (``fieldreg-server cards revoke``).

A serial a device may not revoke (another laptop's, another district's, or not a serial at
all) is ignored and the refusal audited (one row per push, with the first serials); it is not
an error for the push, because the laptop cannot do anything about it. Rows are keyed per
(district, serial, issuer), so nothing another device pushed can ever take the place of the
issuer's own revocation, and every revocation stored is fed to its district's laptops.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number as numbers
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import FeedBuffer, audit, chunks
from fieldreg.server.service.errors import AdminError
from fieldreg.server.service.transfer import lineage

log = logging.getLogger(__name__)

SERIAL_RE = re.compile(r"^([0-9A-Z]{11})-([1-9][0-9]{0,3})$")
AUDITED_SERIALS = 20  # serials named in one refusal's audit row


def number_of(serial: str) -> str | None:
    """The participant number inside a well-formed serial (exactly as cards are made)."""
    match = SERIAL_RE.match(serial)
    if match is None or not numbers.is_valid(match.group(1)):
        return None
    number = match.group(1)
    return number if numbers.normalize(number) == number else None


def owners(s: Session, wanted: list[str]) -> dict[str, tuple[str, str]]:
    """Participant number → (owning device, district) of the records the server holds."""
    out: dict[str, tuple[str, str]] = {}
    for part in chunks(sorted(set(wanted)), 500):
        for number, device_id, district in s.execute(
            select(m.Registration.participant_number, m.Registration.device_id,
                   m.Registration.district_code)
            .where(m.Registration.participant_number.in_(part))
        ):
            if number is not None:
                out[number] = (device_id, district)
    return out


def _insert(s: Session, rows: list[dict[str, object]]) -> list[tuple[str, str]]:
    """Insert the rows not there yet; the (serial, device) pairs that were new."""
    if not rows:
        return []
    insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    added = s.execute(
        insert(m.RevokedSerial).values(rows).on_conflict_do_nothing()
        .returning(m.RevokedSerial.serial, m.RevokedSerial.device_id)
    ).all()
    return [(serial, device_id) for serial, device_id in added]


def revoke_pushed(s: Session, device: m.Device, now: datetime, feed: FeedBuffer,
                  serials: list[str]) -> list[str]:
    """The card serials ``device`` superseded: its own stored once each and fed to its
    district; the rest refused with an audit row. Returns the serials refused."""
    wanted = list(dict.fromkeys(x.strip() for x in serials if x.strip()))
    parsed = {serial: number_of(serial) for serial in wanted}
    held = owners(s, [n for n in parsed.values() if n])
    # A laptop restored onto another machine and transferred by the district reprints the cards
    # of the laptop it came from: those are its cards too.
    family = lineage(s, device)
    mine: list[str] = []
    refused: list[str] = []
    for serial, number in parsed.items():
        if number is None:
            refused.append(serial)
            continue
        owner = held.get(number)
        issuer = (owner[0] in family if owner is not None
                  else any(numbers.made_by(number, key) for key in family.values()))
        (mine if issuer else refused).append(serial)
    for part in chunks(mine, 1000):
        added = {serial for serial, _ in _insert(s, [
            {"district_code": device.district_code, "serial": serial, "device_id": device.id,
             "at": now, "revoked_by": "device"} for serial in part])}
        for serial in part:  # in the order the laptop sent them
            if serial in added:
                feed.add(device.district_code, m.FEED_SERIAL, serial, device.id)
    if refused:
        log.warning("device %s pushed %d card serial(s) it did not issue: ignored",
                    device.id, len(refused))
        audit(s, now, f"device:{device.id}", "card.revocation_refused", "device", device.id,
              district=device.district_code, count=len(refused),
              serials=refused[:AUDITED_SERIALS])
    return refused


# ------------------------------------------------------------------ the district


@dataclass(frozen=True)
class RevokedCard:
    serial: str
    district: str
    device_id: str
    device_name: str


def revoke_by_district(db: Database, settings: Settings, serial: str, *, reason: str,
                       actor: str) -> RevokedCard:
    """The district revokes a card (lost, stolen, issued in error): stored under the card's
    issuer in the issuer's district and fed to that district's laptops."""
    reason = reason.strip()
    if not reason:
        raise AdminError("a reason is required (--reason)")
    head, _, generation = serial.strip().rpartition("-")
    with contextlib.suppress(numbers.NumberError):  # as printed: "WQDW S400 070-1" is fine
        serial = f"{numbers.normalize(head)}-{generation}"
    number = number_of(serial)
    if number is None:
        raise AdminError(f"{serial!r} is not a card serial (participant number, '-', print "
                         "number, e.g. WQDWS400070-1)")
    now = settings.clock()
    with db.writer() as s:
        owner = owners(s, [number]).get(number)
        if owner is not None:
            device = s.get(m.Device, owner[0])
        else:  # a card of a record not sent yet: the device whose key made the number
            makers = [d for d in s.scalars(select(m.Device).order_by(m.Device.enrolled_at))
                      if numbers.made_by(number, d.public_key)]
            if len(makers) > 1:
                raise AdminError(f"several devices could have issued {serial}; revoke it once "
                                 "its record has reached the server")
            device = makers[0] if makers else None
        if device is None:
            raise AdminError(f"no enrolled device issued card {serial}")
        if s.get(m.RevokedSerial, (device.district_code, serial, device.id)) is not None:
            raise AdminError(f"card {serial} is already revoked")
        _insert(s, [{"district_code": device.district_code, "serial": serial,
                     "device_id": device.id, "at": now, "revoked_by": actor[:120]}])
        feed = FeedBuffer()
        feed.add(device.district_code, m.FEED_SERIAL, serial, device.id)
        feed.flush(s)
        audit(s, now, actor, "card.revoked", "card", serial, district=device.district_code,
              device=device.id, reason=reason)
        s.commit()
        return RevokedCard(serial, device.district_code, device.id, device.name)
