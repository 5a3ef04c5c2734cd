"""First-run setup, unlocking, recovery, volunteers' passwords, and changing the database key.

Every guess at a secret (unlock, the current password when changing it, the recovery key, and
the backups' slots in ``backups``) is one counted guess in the laptop's one lock-out
(``fieldreg.store.lockout``). ``change_password_rekey`` changes the database key as well as the
password; it is crash-safe (see its docstring), and ``unlock``/``recover`` finish or undo a
rekey a crash cut short (``_settle``).
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy.exc import DatabaseError, OperationalError

from fieldreg import __version__
from fieldreg.domain.regions import get_regions, normalize_code
from fieldreg.domain.validation import Rules
from fieldreg.services import autosave, backups
from fieldreg.services.card_keys import write_own_key_file
from fieldreg.services.context import DB_FILE, KEY_FILE, Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.identity import at_open, record_machine
from fieldreg.store import lockout, migrate, rekey
from fieldreg.store.engine import open_engine
from fieldreg.store.keyslots import (
    MIN_PASSWORD_LENGTH,
    KeyFile,
    KeySlotError,
    VolunteerSlot,
    Wrong,
    guarded,
    new_recovery_key,
    write_pending,
)
from fieldreg.store.lockout import Lockout
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
        return KeyFile.load(home / KEY_FILE).volunteers(Lockout(home))
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
            record_machine(home)  # which machine this laptop's identity was made on
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
    try:  # the counter's high-water mark, a new identity due, a copy on another machine
        ctx.new_identity = at_open(ctx)
    except BaseException:
        ctx.close()
        raise
    return ctx


def _keyfile(home: Path) -> KeyFile:
    if not is_initialised(home):
        raise ServiceError("not_initialised", home=str(home))
    try:
        return KeyFile.load(home / KEY_FILE)
    except KeySlotError as exc:
        raise ServiceError(exc.code, **exc.params) from exc


def _try(fn: Callable[[], bytes]) -> bytes | None:
    try:
        return fn()
    except (Wrong, KeySlotError):
        return None


def _open_key(home: Path, keyfile: KeyFile, counter: str, opener: Callable[[KeyFile], bytes],
              *, recovery: bool = False) -> bytes:
    """The database key ``opener`` gets from the laptop's slots, as one counted guess. While a
    rekey cut short left its pending slots, the secret is tried against both, and the database
    is settled on one key (``_settle``); the counter is cleared only when that gives a key (an
    old password refused with rekey_pending clears nothing). Call with the key file's lock
    held."""
    guard = Lockout(home)
    pending = keyfile.pending()
    if pending is None:
        key: bytes = guarded(guard, counter, lambda: opener(keyfile), clear_on_success=True,
                             now=None, recovery=recovery)
        return key

    def attempt() -> tuple[bytes | None, bytes | None]:
        cur = _try(lambda: opener(keyfile))
        new = _try(lambda: opener(pending))
        if cur is None and new is None:
            raise Wrong()
        return cur, new

    cur, new = guarded(guard, counter, attempt, clear_on_success=False, now=None,
                       recovery=recovery)
    key = _settle(home, keyfile, pending, cur, new)
    guard.clear(counter)
    return key


def _settle(home: Path, keyfile: KeyFile, pending: KeyFile, cur: bytes | None,
            new: bytes | None) -> bytes:
    """A rekey was cut short: ``pending`` holds the new slots (and the old key sealed under the
    new one). With the new key in hand, finish the rekey (the old key first: it is the one
    that rolls a half-done rekey back) and make the pending slots the key file; with only the
    old key, and a database it still opens, the rekey never happened: drop the pending slots."""
    db = home / DB_FILE
    old = pending.previous_key(new) if new is not None else None
    try:
        if new is not None and old is not None:
            if rekey.opens(db, old):
                rekey.rekey_database(db, old, new)
            if rekey.opens(db, new):
                pending.promote(keyfile.path)
                log.info("a rekey cut short was finished")
                return new
        if cur is not None and rekey.opens(db, cur):
            pending.path.unlink(missing_ok=True)
            log.info("a rekey cut short was undone")
            return cur
    except rekey.RekeyError as exc:
        raise ServiceError(exc.code) from exc
    raise ServiceError("rekey_pending", field="password")


def _guess_error(exc: KeySlotError, field: str) -> ServiceError:
    return ServiceError(exc.code, field=field, **exc.params)


def unlock(home: Path, volunteer: str, password: str) -> Context:
    """Open the data folder as ``volunteer`` (id or name; may be empty when there is only one)."""
    keyfile = _keyfile(home)
    slot = find_slot(keyfile, volunteer)
    with keyfile.locked():
        keyfile = _keyfile(home)
        try:
            db_key = _open_key(home, keyfile, lockout.password_counter(slot.volunteer_id),
                               lambda kf: kf.open_password(slot.volunteer_id, password))
        except KeySlotError as exc:
            log.warning("unlock refused: %s", exc.code)
            raise _guess_error(exc, "password") from exc
        keyfile = _keyfile(home)
        with contextlib.suppress(KeySlotError):
            if keyfile.is_legacy(slot.volunteer_id):  # release 0.1: rewrite with a key pair
                keyfile.upgrade(slot.volunteer_id, password, db_key)
    ctx = open_with_key(home, db_key, slot.volunteer_id)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "unlock", "device", ctx.device_id)
        uow.commit()
    return ctx


def recover(home: Path, recovery_key: str, volunteer: str, new_password: str) -> Context:
    """Forgotten password: the recovery key opens the database and sets a new password. Wrong
    keys count in the laptop's lock-out like wrong passwords (their own counter); a success
    clears that counter and the volunteer's password lock-out (the new password is theirs)."""
    _check_password(new_password)
    keyfile = _keyfile(home)
    slot = find_slot(keyfile, volunteer)
    with keyfile.locked():
        keyfile = _keyfile(home)
        try:
            db_key = _open_key(home, keyfile, lockout.RECOVERY,
                               lambda kf: kf.open_recovery(recovery_key), recovery=True)
        except KeySlotError as exc:
            log.warning("recovery refused: %s", exc.code)
            raise _guess_error(exc, "recovery_key") from exc
        keyfile = _keyfile(home)
        if keyfile.recovery_is_legacy():  # release 0.1: rewrite with a key pair
            keyfile.set_recovery_key(recovery_key, db_key)
        keyfile.set_password(slot.volunteer_id, slot.name, new_password, db_key)
        # The volunteer's password lock-out goes with the password it was about.
        Lockout(home).clear(lockout.password_counter(slot.volunteer_id))
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
            key = keyfile.unlock(ctx.volunteer_id, old_password, guard=Lockout(ctx.home))
        except KeySlotError as exc:
            log.warning("password change refused: %s", exc.code)
            raise ServiceError(exc.code, field="old_password", **exc.params) from exc
        if key != ctx.db_key:
            raise ServiceError("keyfile_mismatch")
    keyfile.set_password(ctx.volunteer_id, ctx.volunteer_name, new_password, ctx.db_key)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "change_password", "volunteer", ctx.volunteer_id)
        uow.commit()


def verify_password(ctx: Context, password: str) -> None:
    """Prove the volunteer's current password (one counted guess) without changing anything:
    the app asks this before it closes its database for ``change_password_rekey``."""
    try:
        key = _keyfile(ctx.home).unlock(ctx.volunteer_id, password, guard=Lockout(ctx.home))
    except KeySlotError as exc:
        log.warning("password check refused: %s", exc.code)
        raise _guess_error(exc, "old_password") from exc
    if key != ctx.db_key:
        raise ServiceError("keyfile_mismatch")


@dataclass(frozen=True)
class RekeyResult:
    context: Context  # the data, open under the new key (the caller closes it)
    stale: list[str]  # volunteers whose password must be set again (slots from release 0.1)
    recovery_key: str | None  # a new recovery key (shown once), when the old one was replaced


def change_password_rekey(home: Path, volunteer: str, old_password: str, new_password: str,
                          *, renew_recovery: bool = False,
                          progress: Callable[[int, int], None] | None = None) -> RekeyResult:
    """Change the volunteer's password *and* the database key, because the old password may be
    known: afterwards an old backup's slots with an old password open only the old key, which
    no longer opens this database. The database must be closed by the caller (no connection
    may be open anywhere: ``rekey_in_use`` otherwise, nothing changed).

    Every other volunteer's password and the recovery key keep working: the new key is sealed
    to their slots' public keys (``KeyFile.rekeyed``). Slots from release 0.1 that have not
    been used since cannot be carried over: they are listed in ``stale`` (the recovery key
    sets them again), and an old recovery slot (or ``renew_recovery``) gets a new recovery
    key, returned once.

    The order makes a power cut at any moment harmless: (1) the old password is proved (a
    counted guess); (2) the new slots, with the old key sealed under the new one, are written
    to ``keyslots.json.pending`` (fsync); (3) ``PRAGMA rekey`` re-encrypts the database in one
    transaction (a crash rolls back to the old key); (4) the pending file replaces the key
    file (rename). Until (4), the old password opens the old slots and the new one the pending
    slots; ``unlock`` then finishes the rekey (new password) or undoes it (old password, the
    database still under the old key)."""
    _check_password(new_password)
    steps = 4

    def tick(n: int) -> None:  # each step leaves a state the next unlock settles
        if progress is not None:
            progress(n, steps)

    keyfile = _keyfile(home)
    slot = find_slot(keyfile, volunteer)
    with keyfile.locked():
        keyfile = _keyfile(home)
        try:
            old_key = _open_key(home, keyfile, lockout.password_counter(slot.volunteer_id),
                                lambda kf: kf.open_password(slot.volunteer_id, old_password))
        except KeySlotError as exc:
            log.warning("rekey refused: %s", exc.code)
            raise _guess_error(exc, "old_password") from exc
        tick(1)
        keyfile = _keyfile(home)
        new_key = secrets.token_bytes(32)
        try:
            pending, info = keyfile.rekeyed(old_key, new_key, volunteer_id=slot.volunteer_id,
                                            password=new_password, renew_recovery=renew_recovery)
        except KeySlotError as exc:
            raise _guess_error(exc, "password") from exc
        write_pending(pending)
        rekey.step("pending-written")
        tick(2)
        db = home / DB_FILE
        try:
            rekey.rekey_database(db, old_key, new_key)
        except rekey.RekeyError as exc:
            if rekey.opens(db, old_key):  # nothing changed: the pending slots go
                pending.path.unlink(missing_ok=True)
            elif rekey.opens(db, new_key):  # re-encrypted; only the last step failed
                pending.promote(keyfile.path)
            raise ServiceError(exc.code) from exc
        tick(3)
        # The forms being typed (autosave) follow the key, so none stays readable with the old
        # one. A crash before this only loses a half-typed form (unreadable, ignored).
        autosave.rekey_forms(home, old_key, new_key,
                             [v.volunteer_id for v in keyfile.volunteers()])
        pending.promote(keyfile.path)
        rekey.step("promoted")
    tick(4)  # (a progress callback that raises, e.g. a cancelled task, stops here: all done)
    ctx = open_with_key(home, new_key, slot.volunteer_id)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "rekey", "device", ctx.device_id,
                         stale=len(info.stale), new_recovery_key=info.recovery_key is not None)
        uow.commit()
    log.info("database key changed (%d slot(s) to set again)", len(info.stale))
    return RekeyResult(context=ctx, stale=info.stale, recovery_key=info.recovery_key)
