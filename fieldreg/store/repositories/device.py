"""This laptop's device row: its identity, its key and its participant-number counter, and the
releases that opened the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status as St
from fieldreg.store.models import AppRelease, Device, RegistrationRow


class DeviceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Device | None:
        return self.session.scalars(select(Device)).first()

    def add(self, device: Device) -> None:
        self.session.add(device)

    def note_release(self, version: str, now: datetime) -> None:
        """Record that ``version`` opened the database now."""
        row = self.session.get(AppRelease, version)
        if row is None:
            self.session.add(AppRelease(version=version, first_opened_at=now, last_opened_at=now))
        else:
            row.last_opened_at = now

    def releases(self) -> list[AppRelease]:
        return list(self.session.scalars(select(AppRelease).order_by(AppRelease.first_opened_at)))

    def raise_participant_seq(self, at_least: int) -> bool:
        """Count on from ``at_least`` when the counter is behind it (a restored backup: the
        server holds higher numbers of this device). True when it moved."""
        device = self.get()
        if device is None or device.participant_seq >= at_least:
            return False
        device.participant_seq = at_least
        return True

    def new_identity(self, device_id: str, signing_key: bytes, public_key: bytes) -> int:
        """This laptop becomes device ``device_id`` with a new key (a new participant-number
        space, counted from 1); its drafts (never sent) become the new device's. Records that
        left draft keep their first laptop's id and number. Returns how many drafts moved."""
        device = self.get()
        if device is None:
            raise LookupError("no device row")
        old = device.id
        self.session.execute(
            update(Device).where(Device.id == old)
            .values(id=device_id, signing_key=signing_key, public_key=public_key,
                    participant_seq=0)
            .execution_options(synchronize_session=False)
        )
        moved = self.session.execute(
            update(RegistrationRow)
            .where(RegistrationRow.device_id == old, RegistrationRow.status == St.DRAFT.value)
            .values(device_id=device_id)
            .execution_options(synchronize_session=False)
        )
        self.session.expire_all()
        return int(moved.rowcount or 0)  # type: ignore[attr-defined]

    def take_participant_numbers(self, count: int) -> list[str]:
        """The next ``count`` participant numbers of this device (in the caller's transaction)."""
        if count <= 0:
            return []
        device = self.get()
        if device is None:
            raise LookupError("no device row")
        start = device.participant_seq
        device.participant_seq = start + count
        self.session.flush()
        return [participant_number.make(device.public_key, start + i + 1) for i in range(count)]
