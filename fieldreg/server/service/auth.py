"""Which device is asking: ``Authorization: Bearer <token>`` → the device row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.errors import ApiError
from fieldreg.sync.protocol import ErrorCode, token_hash


def authenticate(session: Session, token: str | None, *, lock: bool = False) -> m.Device:
    """The live device holding ``token``; 401 ``unauthorized`` or ``device_revoked``."""
    if not token:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "a device token is required")
    query = select(m.Device).where(m.Device.token_hash == token_hash(token))
    if lock:
        query = query.with_for_update()
    device = session.scalars(query).first()
    if device is None:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "unknown device token")
    if device.revoked_at is not None:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED, "this device was revoked")
    return device


def is_stale(device: m.Device, now: datetime, settings: Settings) -> bool:
    return device.last_seen_at is None or now - device.last_seen_at >= settings.seen_every


def touch(db: Database, settings: Settings, device_id: str, now: datetime) -> None:
    """Record that a device was seen, in its own short transaction (used by reads)."""
    with db.writer() as s:
        s.execute(update(m.Device).where(m.Device.id == device_id).values(last_seen_at=now))
        s.commit()
