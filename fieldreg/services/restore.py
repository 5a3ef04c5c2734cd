"""Restoring a backup (``fieldreg.services.backups`` makes them).

``check`` proves everything a restore needs without changing anything (the app asks it first,
then closes its database); ``restore`` puts the backup in place of the data folder's database and
opens it. Restoring never deletes anything: the data it replaces is moved to
``backups/replaced-<time>/`` and put back if anything fails before the restored data is open.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fieldreg.files import atomic_write
from fieldreg.paths import DB_FILE, KEY_FILE, MACHINE_FILE, OWN_KEY_FILE, PENDING_KEY_FILE
from fieldreg.services import accounts, backups, identity
from fieldreg.services.context import Context, NewIdentity
from fieldreg.services.errors import ServiceError
from fieldreg.store import migrate, snapshot
from fieldreg.store.keyslots import MAX_FILE_BYTES as MAX_KEY_FILE_BYTES
from fieldreg.store.keyslots import KeyFile, KeySlotError, VolunteerSlot
from fieldreg.store.lockout import Lockout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    records: int
    queued: int
    backup_created_at: datetime
    replaced_dir: Path | None
    context: Context  # the restored data, unlocked (the caller closes it)
    # Restored onto another machine: the laptop's new identity (it must enrol again).
    new_identity: NewIdentity | None = None
    # This laptop's own data, which the backup's key no longer opens: the backup is from
    # before a password change with a new database key (or the data it replaced was damaged).
    # The passwords (and volunteers) of the backup's day are in force again: change the
    # password with a new key again.
    key_changed_since: bool = False



def _unwrap(keyfile: KeyFile, volunteer: str, password: str | None,
            recovery_key: str | None, home: Path) -> tuple[bytes, VolunteerSlot]:
    """The backup's key from its own slots, each try one counted guess in *this laptop's*
    lock-out (``home``'s, never the backup's copy); a success there clears nothing (the
    backup's slots may hold an old password) and nothing is tried during a lock-out."""
    slot = accounts.find_slot(keyfile, volunteer)
    guard = Lockout(home)
    try:
        if recovery_key is not None:
            return keyfile.unlock_with_recovery(recovery_key, guard=guard, own=False), slot
        return keyfile.unlock(slot.volunteer_id, password or "", guard=guard, own=False), slot
    except KeySlotError as exc:
        fld = "recovery_key" if recovery_key is not None else "password"
        raise ServiceError(exc.code, field=fld, **exc.params) from exc


# The files a restore moves aside: the database, and the key slots (a rekey's pending slots
# too: they belong to the database moved aside).
_DATA_FILES = (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE + "-journal", KEY_FILE)


def _move_aside(home: Path, dest: Path) -> None:
    for n in (*_DATA_FILES, PENDING_KEY_FILE):
        if not (home / n).exists():
            continue
        try:
            os.replace(home / n, dest / n)
        except PermissionError as exc:  # Windows: the app still has the database open
            raise ServiceError("restore_in_use") from exc


def _open_backup(path: Path, work: Path, volunteer: str, password: str | None,
                 recovery_key: str | None, *, home: Path) -> tuple[backups.BackupInfo, bytes,
                                                                   VolunteerSlot,
                                                                   snapshot.Facts]:
    """Unpack the backup into ``work`` and prove it whole and openable: the manifest, the
    database's hash, the password (or recovery key) against the backup's own slots, SQLCipher's
    page HMACs and SQLite's quick_check."""
    info = backups.inspect(path)
    if info.schema not in migrate.known_revisions():
        raise ServiceError("backup_newer", field="file", version=info.app_version)
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo(KEY_FILE).file_size > MAX_KEY_FILE_BYTES:
                raise ServiceError("backup_damaged", field="file")
            z.extract(KEY_FILE, work)
            z.extract(DB_FILE, work)
            expected = json.loads(backups.read_manifest(z)).get("db_sha256")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ServiceError("backup_damaged", field="file") from exc
    if backups.file_sha256(work / DB_FILE) != expected:
        raise ServiceError("backup_damaged", field="file")
    try:
        keyfile = KeyFile.load(work / KEY_FILE)
    except KeySlotError as exc:
        raise ServiceError("backup_damaged", field="file") from exc
    key, slot = _unwrap(keyfile, volunteer, password, recovery_key, home)
    try:
        facts = snapshot.facts(work / DB_FILE, key)
    except snapshot.SnapshotError as exc:
        raise ServiceError("backup_damaged", field="file", detail=exc.detail) from exc
    if facts.revision is None:
        raise ServiceError("backup_damaged", field="file")
    if facts.revision not in migrate.known_revisions():
        raise ServiceError("backup_newer", field="file", version=info.app_version)
    return info, key, slot, facts


def check(home: Path, path: Path, *, volunteer: str = "", password: str | None = None,
          recovery_key: str | None = None, replace_other: bool = False) -> backups.BackupInfo:
    """Everything ``restore`` proves before it changes anything, changing nothing: the app
    asks this first, then closes its database and restores."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    backups.clean_leftovers(home)
    work = Path(tempfile.mkdtemp(prefix=".check-", dir=home))
    try:
        info, key, _slot, new = _open_backup(path, work, volunteer, password, recovery_key,
                                                home=home)
        if not replace_other and _would_replace_other(home, _current_facts(home, key), new):
            raise ServiceError("restore_replaces_other", field="file")
        return info
    finally:
        shutil.rmtree(work, ignore_errors=True)


def volunteers_in(path: Path) -> list[str]:
    """The names that can open a backup (from its key slots; no password needed)."""
    backups.inspect(path)
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo(KEY_FILE).file_size > MAX_KEY_FILE_BYTES:
                return []
            data = json.loads(z.read(KEY_FILE))
        names = [str(s["name"]) for s in data.get("slots", []) if s.get("kind") == "password"]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError):
        return []
    return sorted(names, key=str.casefold)


def _current_facts(home: Path, key: bytes) -> snapshot.Facts | None:
    """The database now in the data folder, when it opens with ``key`` (this laptop's)."""
    if not (home / DB_FILE).exists():
        return None
    try:
        return snapshot.facts(home / DB_FILE, key, check=False)
    except Exception:  # another laptop's, or damaged
        return None


def _own_public_key(home: Path) -> str:
    """The public key this data folder's laptop published beside its database ("" if none)."""
    try:
        own = json.loads((home / OWN_KEY_FILE).read_text("utf-8"))["keys"][0]["public_key"]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return ""
    return own if isinstance(own, str) else ""


def _would_replace_other(home: Path, current: snapshot.Facts | None,
                         new: snapshot.Facts) -> bool:
    """True when the data folder holds a database this backup's key does not open (another
    laptop's, or damaged) next to a readable key file: a working laptop, maybe not this one."""
    if current is not None:
        return current.device_id != new.device_id
    if not (home / DB_FILE).exists():
        return False
    if _own_public_key(home) == new.public_key.hex():
        return False  # this laptop's own database, re-keyed since the backup, or damaged
    try:
        KeyFile.load(home / KEY_FILE)
    except KeySlotError:
        return False  # no usable key file: nothing here can be opened anyway
    return True


def _unique_dir(parent: Path, name: str) -> Path:
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=name + "-", dir=parent))


def _put_back(home: Path, replaced: Path | None) -> None:
    """Undo a restore that failed after the current files were moved aside."""
    for n in (*_DATA_FILES, PENDING_KEY_FILE):
        with contextlib.suppress(OSError):
            (home / n).unlink(missing_ok=True)
    if replaced is None:
        return
    for f in replaced.iterdir():
        os.replace(f, home / f.name)
    with contextlib.suppress(OSError):
        replaced.rmdir()


def restore(home: Path, path: Path, *, volunteer: str = "", password: str | None = None,
            recovery_key: str | None = None, replace_other: bool = False) -> RestoreResult:
    """Put the backup at ``path`` in place of this data folder's database and open it.

    The backup's own key slots prove the password (or recovery key) as it was when the backup
    was made; the file is checked whole before anything here changes. The data it replaces is
    moved to ``backups/replaced-<time>-…/``, never deleted, and put back if anything fails
    before the restored data is open. Data this backup's key cannot open next to a working key
    file (another laptop's, or damaged) is replaced only with ``replace_other``. When the
    replaced database is this same laptop's, its key slots are kept (the password just proved
    becomes the volunteer's), volunteers added since come across. When it is this laptop's but
    does not open with the backup's key (a password change with a new key since), the backup's
    slots come back (``key_changed_since``). The participant-number counter never goes back:
    it is raised to the replaced database's and to the high-water mark kept beside it
    (``identity.counted_numbers``). A backup made on another machine leaves a new identity due
    (``identity.note_new_identity_due``) before its data is put in place; the open takes it.
    The restored database opens as at unlock: migrated, after its own backup, when it comes
    from an older release."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    backups.clean_leftovers(home)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    replaced: Path | None = None
    try:
        info, key, slot, new = _open_backup(path, work, volunteer, password, recovery_key,
                                                home=home)
        current = _current_facts(home, key)
        if not replace_other and _would_replace_other(home, current, new):
            raise ServiceError("restore_replaces_other", field="file")
        if (home / DB_FILE).exists() and current is not None:
            try:
                snapshot.release(home / DB_FILE, key)  # nobody else may have it open
            except snapshot.SnapshotError as exc:
                raise ServiceError("restore_in_use") from exc
        # This laptop's own data: it opens with the backup's key and is the same device, or it
        # does not open with it (re-keyed since, or damaged) but the key it published beside
        # it is the backup's (device-key.json).
        same_laptop = (current.device_id == new.device_id if current is not None else
                       (home / DB_FILE).exists() and _own_public_key(home)
                       == new.public_key.hex())
        key_changed = same_laptop and current is None
        # No number this data folder ever handed out is handed out again: the replaced
        # database's counter when it opens, and the high-water mark kept beside it.
        counted = max(current.participant_seq if same_laptop and current is not None else 0,
                      identity.counted_numbers(home, new.device_id))
        here = identity.fingerprint()
        # Made on another machine (an older backup without a fingerprint: unless it replaces
        # this same laptop's data): the first machine may still be in use with this identity.
        moved = info.machine != here if info.machine else not same_laptop
        current_slots: bytes | None = None
        if same_laptop and current is not None and password is not None:
            try:
                KeyFile.load(home / KEY_FILE)
                current_slots = (home / KEY_FILE).read_bytes()
            except (KeySlotError, OSError):
                current_slots = None  # damaged or missing: the backup's slots instead

        if any((home / n).exists() for n in (DB_FILE, KEY_FILE)):
            stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
            replaced = _unique_dir(backups.backup_folder(home), f"replaced-{stamp}")
        ctx = None
        machine_before = identity.recorded_machine(home)
        try:
            # Decided before the data is put in place: a power cut from here on leaves the
            # new identity due at the next open (identity.at_open).
            if moved:
                identity.note_new_identity_due(home, new.device_id,
                                               "restored_on_another_machine")
            else:
                identity.record_machine(home, here)
            if replaced is not None:
                _move_aside(home, replaced)
            os.replace(work / DB_FILE, home / DB_FILE)
            if current_slots is not None and password is not None:
                with atomic_write(home / KEY_FILE, private=True) as f:
                    f.write(current_slots)
                KeyFile.load(home / KEY_FILE).set_password(slot.volunteer_id, slot.name,
                                                           password, key)
            else:
                shutil.copyfile(work / KEY_FILE, home / KEY_FILE)
            if counted > new.participant_seq:
                snapshot.raise_participant_seq(home / DB_FILE, key, counted)
            if same_laptop and current_slots is not None and replaced is not None:
                snapshot.copy_missing_volunteers(replaced / DB_FILE, home / DB_FILE, key)
            ctx = accounts.open_with_key(home, key, slot.volunteer_id)
            with ctx.db.uow() as uow:
                uow.audit.record(ctx.volunteer_id, "restore", "device", ctx.device_id,
                                 backup_created_at=info.created_at.isoformat(),
                                 reason=info.reason, app_version=info.app_version,
                                 replaced=replaced is not None, other_machine=moved,
                                 key_changed_since=key_changed)
                uow.commit()
            fresh = ctx.new_identity
        except BaseException:
            if ctx is not None:
                ctx.close()
            log.error("restore failed after moving the data aside; putting it back")
            _put_back(home, replaced)
            identity.clear_new_identity_due(home)
            if machine_before:
                identity.record_machine(home, machine_before)
            else:
                (home / MACHINE_FILE).unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("restored a %s backup of %s (%d records, %d queued)", info.reason,
             info.created_at.isoformat(), new.records, new.queued)
    return RestoreResult(records=new.records, queued=new.queued,
                         backup_created_at=info.created_at, replaced_dir=replaced, context=ctx,
                         new_identity=fresh, key_changed_since=key_changed)
