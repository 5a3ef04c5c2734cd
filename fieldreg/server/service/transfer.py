"""Laptops transferred to a new device (a backup restored onto another machine).

A backup restored onto another machine takes a new signing key and device id on the laptop
(``fieldreg.services.identity``): a new participant-number space, so it can never hand out the
numbers of the laptop it came from, which may still be in use. It enrols as a new device. Its
restored records keep their first laptop's id and participant numbers; the district links the
new device to the old one (``fieldreg-server devices transfer OLD NEW``), and from then on the
push accepts those records from the new device (``lineage``). Until then they are answered
``not_transferred`` without a receipt, and the laptop keeps them queued.

A laptop is transferred **once**: a second transfer from the same old device is refused (two
machines could otherwise send its records, and their numbers, as their own). The old device
must be **revoked** first (its token stops working: the stolen or replaced laptop can no longer
send), unless the admin says it is still in use (``still_in_use``, ``--still-in-use``: a backup
restored onto a second machine while the first goes on working), which the audit records.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import audit
from fieldreg.server.service.errors import AdminError

NOT_TRANSFERRED = "not_transferred"
MAX_CHAIN = 32  # a laptop restored onto another machine again and again


def lineage(s: Session, device: m.Device) -> dict[str, bytes]:
    """The device and every device it was transferred from: id → public key."""
    out = {device.id: device.public_key}
    current = device.id
    for _ in range(MAX_CHAIN):
        link = s.get(m.DeviceTransfer, current)
        if link is None or link.from_device_id in out:
            break
        old = s.get(m.Device, link.from_device_id)
        if old is None:
            break
        out[old.id] = old.public_key
        current = old.id
    return out


def transfer_device(db: Database, settings: Settings, old_id: str, new_id: str, *,
                    actor: str, still_in_use: bool = False) -> tuple[m.Device, m.Device]:
    """Link ``new_id`` (a laptop restored onto another machine, enrolled anew) to ``old_id``
    (the laptop its backup came from): the new device may send the old one's records. Both
    must be of one district; a device is transferred from one laptop only, and a laptop to
    one device only. The old device must be revoked, unless ``still_in_use`` (audited).
    Asking again for the same transfer changes nothing. Admin only."""
    if old_id == new_id:
        raise AdminError("a device cannot be transferred to itself")
    now = settings.clock()
    with db.writer() as s:
        # The old device's row locked (PostgreSQL): two transfers from it wait for each other,
        # so the second sees the first.
        old = s.get(m.Device, old_id, with_for_update=True)
        new = s.get(m.Device, new_id)
        for device, given in ((old, old_id), (new, new_id)):
            if device is None:
                raise AdminError(f"unknown device {given!r}")
        assert old is not None and new is not None
        if old.district_code != new.district_code:
            raise AdminError(f"device {old_id} is in district {old.district_code}, "
                             f"{new_id} in {new.district_code}")
        if new.revoked_at is not None:
            raise AdminError(f"device {new_id} is revoked")
        existing = s.get(m.DeviceTransfer, new_id)
        if existing is not None:
            if existing.from_device_id == old_id:
                return old, new
            raise AdminError(f"device {new_id} was already transferred from "
                             f"{existing.from_device_id}")
        if new_id in lineage(s, old):
            raise AdminError(f"device {old_id} came from {new_id}: no transfer back")
        taken = s.scalar(select(m.DeviceTransfer.device_id)
                         .where(m.DeviceTransfer.from_device_id == old_id).limit(1))
        if taken is not None:
            raise AdminError(f"device {old_id} was already transferred to {taken}: a laptop is "
                             "transferred once")
        if old.revoked_at is None and not still_in_use:
            raise AdminError(f"device {old_id} is not revoked: revoke it first "
                             f"(fieldreg-server devices revoke {old_id}), or, when that laptop "
                             "is still in use, say so with --still-in-use")
        s.add(m.DeviceTransfer(device_id=new_id, from_device_id=old_id, at=now,
                               by=actor[:120]))
        audit(s, now, actor, "device.transferred", "device", new_id, from_device=old_id,
              district=new.district_code, old_revoked=old.revoked_at is not None,
              still_in_use=old.revoked_at is None)
        s.commit()
        return old, new
