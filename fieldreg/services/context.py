"""An unlocked data folder: the open database, this device, the volunteer at the keyboard."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from fieldreg.domain.validation import Rules, ValidationContext
from fieldreg.paths import DB_FILE as DB_FILE  # (accounts imports them from here)
from fieldreg.paths import KEY_FILE as KEY_FILE
from fieldreg.store.repositories import utcnow
from fieldreg.store.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewIdentity:
    """A laptop's new identity (``fieldreg.services.identity.take_new_identity``): a restore
    onto another machine, or a data folder copied to one."""

    old_device_id: str
    device_id: str
    old_prefix: str
    prefix: str  # the device part of the participant numbers handed out from now on
    # restored_on_another_machine, or copied_to_another_machine (found at unlock)
    reason: str = "restored_on_another_machine"


@dataclass
class Context:
    home: Path
    db: Database
    device_id: str
    device_name: str
    regency_code: str
    volunteer_id: str
    volunteer_name: str
    role: str
    rules: Rules = field(default_factory=Rules)
    clock: Callable[[], datetime] = utcnow  # naive UTC
    today_fn: Callable[[], date] = date.today  # the laptop's local date
    db_key: bytes = field(default=b"", repr=False)  # kept to add key slots while unlocked
    # The open took a new identity (a restore onto another machine, or a data folder copied
    # to one: fieldreg.services.identity.at_open); the app and the CLI say so.
    new_identity: NewIdentity | None = None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"

    def validation(self) -> ValidationContext:
        return ValidationContext(today=self.today_fn(), rules=self.rules)

    def close(self) -> None:
        self.db.close()
