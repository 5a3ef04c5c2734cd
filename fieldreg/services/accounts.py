"""First-run setup, unlocking, recovery and volunteers' passwords."""

from __future__ import annotations

import contextlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.exc import DatabaseError, OperationalError

from fieldreg import __version__
from fieldreg.domain.regions import get_regions, normalize_code
from fieldreg.domain.validation import Rules
from fieldreg.services import backups
from fieldreg.services.cards import write_own_key_file
from fieldreg.services.context import DB_FILE, KEY_FILE, Context
from fieldreg.services.errors import ServiceError
from fieldreg.store import migrate
from fieldreg.store.engine import open_engine
from fieldreg.store.keyslots import (
    MIN_PASSWORD_LENGTH,
    KeyFile,
    KeySlotError,
    VolunteerSlot,
    new_recovery_key,
)
from fieldreg.store.models import Device, Volunteer
from fieldreg.store.repositories import utcnow
from fieldreg.store.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InitResult:
    device_id: str
    volunteer_id: str
    recovery_key: str  # shown once; never stored in clear


def is_initialised(home: Path) -> bool:
    return (home / KEY_FILE).exists() and (home / DB_FILE).exists()


def volunteers(home: Path) -> list[VolunteerSlot]:
    """Who can unlock this device (read before unlocking: names only, no worker data)."""
    try:
        return KeyFile.load(home / KEY_FILE).volunteers()
    except KeySlotError:
        return []


def _remove_db(home: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        (home / (DB_FILE + suffix)).unlink(missing_ok=True)


def _check_name(name: str, field: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError("required", field=field)
    if len(name) > 80:
        raise ServiceError("text_too_long", field=field, max=80)
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServiceError("password_too_short", field="password", min=MIN_PASSWORD_LENGTH)


def initialise(
    home: Path,
    *,
    device_name: str,
    regency_code: str,
    volunteer_name: str,
    password: str,
) -> InitResult:
    """First run: a new encrypted database, this device's signing key, the first volunteer
    (a supervisor) and the recovery key. The key file is written last, so a setup cut short
    leaves nothing that must be cleaned by hand."""
    if (home / KEY_FILE).exists():
        raise ServiceError("already_initialised", home=str(home))
    device_name = _check_name(device_name, "device_name")
    volunteer_name = _check_name(volunteer_name, "volunteer_name")
    _check_password(password)
    try:
        regency = normalize_code(regency_code)
    except ValueError:
        regency = regency_code
    if get_regions().regency(regency) is None:
        raise ServiceError("regency_unknown", field="regency", code=regency_code)

    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        home.chmod(0o700)  # only this user may list or read the data folder (POSIX)
    _remove_db(home)  # an earlier setup cut short before its key file: unreadable, unused
    keyfile, db_key = KeyFile.create(home / KEY_FILE)
    engine = open_engine(home / DB_FILE, db_key)
    try:
        migrate.upgrade(engine)
        db = Database(engine)
        device_id = str(uuid.uuid4())
        volunteer_id = str(uuid.uuid4())
        signing = Ed25519PrivateKey.generate()
        now = utcnow()
        with db.uow() as uow:
            uow.device.add(
                Device(
                    id=device_id,
                    name=device_name,
                    regency_code=regency,
                    created_at=now,
                    signing_key=signing.private_bytes_raw(),
                    public_key=signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
                )
            )
            uow.volunteers.add(
                Volunteer(
                    id=volunteer_id, name=volunteer_name, role="supervisor", created_at=now,
                    active=True,
                )
            )
            uow.audit.record(volunteer_id, "init", "device", device_id, regency=regency)
            uow.commit()
            device_row = uow.device.get()
            assert device_row is not None
            write_own_key_file(home, device_row)
    finally:
        engine.dispose()
    recovery = new_recovery_key()
    keyfile.set_recovery_key(recovery, db_key)
    keyfile.set_password(volunteer_id, volunteer_name, password, db_key)
    log.info("device initialised for regency %s", regency)
    return InitResult(device_id=device_id, volunteer_id=volunteer_id, recovery_key=recovery)


def find_slot(keyfile: KeyFile, volunteer: str) -> VolunteerSlot:
    slots = keyfile.volunteers()
    if not volunteer and len(slots) == 1:
        return slots[0]
    for s in slots:
        if s.volunteer_id == volunteer:
            return s
    matches = [s for s in slots if s.name.casefold() == " ".join(volunteer.split()).casefold()]
    if len(matches) == 1:
        return matches[0]
    raise ServiceError("volunteer_unknown" if not matches else "volunteer_ambiguous",
                       field="volunteer", name=volunteer)


def open_with_key(home: Path, db_key: bytes, volunteer_id: str) -> Context:
    """Open the database with its key as ``volunteer_id``. A database from an older release is
    backed up (``backups.before_migration``), then migrated; one from a newer release is
    refused, untouched."""
    engine = open_engine(home / DB_FILE, db_key)
    try:
        revision = migrate.current_revision(engine)
        if revision != migrate.HEAD:
            if revision not in migrate.known_revisions():
                raise ServiceError("database_newer", revision=str(revision))
            backups.before_migration(home, engine, db_key)
            log.info("migrating the database from %s to %s", revision, migrate.HEAD)
        migrate.upgrade(engine)
    except ServiceError:
        engine.dispose()
        raise
    except DatabaseError as exc:  # "file is not a database": another setup's database
        engine.dispose()
        if isinstance(exc, OperationalError):  # locked, disk I/O: not a key problem
            raise
        raise ServiceError("keyfile_mismatch") from exc
    db = Database(engine)
    with db.reader() as uow:
        device = uow.device.get()
        vol = uow.volunteers.get(volunteer_id)
        if device is None or vol is None:
            engine.dispose()
            raise ServiceError("keyfile_mismatch")
        if not vol.active:
            engine.dispose()
            raise ServiceError("volunteer_inactive", name=vol.name)
        with contextlib.suppress(OSError):  # a read-only folder must not stop the day's work
            write_own_key_file(home, device)
        ctx = Context(
            home=home,
            db=db,
            device_id=device.id,
            device_name=device.name,
            regency_code=device.regency_code,
            volunteer_id=vol.id,
            volunteer_name=vol.name,
            role=vol.role,
            rules=Rules(home_regency=device.regency_code),
            db_key=db_key,
        )
    with db.uow() as uow:
        uow.device.note_release(__version__, utcnow())
        uow.commit()
    return ctx


def _keyfile(home: Path) -> KeyFile:
    if not is_initialised(home):
        raise ServiceError("not_initialised", home=str(home))
    try:
        return KeyFile.load(home / KEY_FILE)
    except KeySlotError as exc:
        raise ServiceError(exc.code, **exc.params) from exc


def unlock(home: Path, volunteer: str, password: str) -> Context:
    """Open the data folder as ``volunteer`` (id or name; may be empty when there is only one)."""
    keyfile = _keyfile(home)
    slot = find_slot(keyfile, volunteer)
    try:
        db_key = keyfile.unlock(slot.volunteer_id, password)
    except KeySlotError as exc:
        log.warning("unlock refused: %s", exc.code)
        raise ServiceError(exc.code, field="password", **exc.params) from exc
    ctx = open_with_key(home, db_key, slot.volunteer_id)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "unlock", "device", ctx.device_id)
        uow.commit()
    return ctx


def recover(home: Path, recovery_key: str, volunteer: str, new_password: str) -> Context:
    """Forgotten password: the recovery key opens the database and sets a new password."""
    _check_password(new_password)
    keyfile = _keyfile(home)
    slot = find_slot(keyfile, volunteer)
    try:
        db_key = keyfile.unlock_with_recovery(recovery_key)
    except KeySlotError as exc:
        raise ServiceError(exc.code, field="recovery_key") from exc
    keyfile.set_password(slot.volunteer_id, slot.name, new_password, db_key)
    ctx = open_with_key(home, db_key, slot.volunteer_id)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "recover", "volunteer", ctx.volunteer_id)
        uow.commit()
    return ctx


def add_volunteer(ctx: Context, name: str, password: str, *, role: str = "volunteer") -> str:
    """A new volunteer on this device (a supervisor's job). Returns the volunteer's id."""
    if not ctx.is_supervisor:
        raise ServiceError("supervisor_only")
    if role not in ("volunteer", "supervisor"):
        raise ServiceError("role_unknown", field="role", role=role)
    name = _check_name(name, "volunteer_name")
    _check_password(password)
    keyfile = _keyfile(ctx.home)
    if any(s.name.casefold() == name.casefold() for s in keyfile.volunteers()):
        raise ServiceError("volunteer_exists", field="volunteer_name", name=name)
    volunteer_id = str(uuid.uuid4())
    with ctx.db.uow() as uow:
        uow.volunteers.add(
            Volunteer(id=volunteer_id, name=name, role=role, created_at=ctx.clock(), active=True)
        )
        uow.audit.record(ctx.volunteer_id, "create", "volunteer", volunteer_id, role=role)
        uow.commit()
    keyfile.set_password(volunteer_id, name, password, ctx.db_key)
    return volunteer_id


def change_password(ctx: Context, new_password: str, *, old_password: str | None = None) -> None:
    """Wrap the database key with ``new_password`` for the volunteer at the keyboard.

    With ``old_password`` (the app always gives it) the current password is checked first,
    against the key file only: a wrong one counts towards the lock-out like a wrong unlock.
    """
    _check_password(new_password)
    keyfile = _keyfile(ctx.home)
    if old_password is not None:
        try:
            key = keyfile.unlock(ctx.volunteer_id, old_password)
        except KeySlotError as exc:
            log.warning("password change refused: %s", exc.code)
            raise ServiceError(exc.code, field="old_password", **exc.params) from exc
        if key != ctx.db_key:
            raise ServiceError("keyfile_mismatch")
    keyfile.set_password(ctx.volunteer_id, ctx.volunteer_name, new_password, ctx.db_key)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "change_password", "volunteer", ctx.volunteer_id)
        uow.commit()


