"""Backups of the data folder and restoring them.

A backup is one file, ``<laptop>-<id>-<YYYYMMDD-HHMMSS>-<reason>.fieldreg-backup``: a zip (stored,
not compressed: the database is encrypted and would not shrink) holding

- ``fieldreg.db``: an online copy of the SQLCipher database (``store.snapshot``), still encrypted
  under the laptop's database key;
- ``keyslots.json``: the key slots of the moment (each volunteer's password and the recovery key
  unwrap that key; without one of them the file reveals nothing);
- ``manifest.json``: format, app version, schema, time, reason, laptop, counts, and the
  database's SHA-256 (no personal data).

They are made every day the laptop is unlocked (``backup_if_due``), before every migration
(``before_migration``, called by ``accounts`` when a newer release opens an older database),
and on request; into ``<data folder>/backups`` and, when set and present, the chosen folder (a
USB stick). Each folder keeps the newest few of each reason for each laptop (``KEEP``); files of
other laptops on a shared stick are never touched.

Restoring never deletes anything: the data it replaces is moved to ``backups/replaced-<time>/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fieldreg import __version__
from fieldreg.services import identity
from fieldreg.services.errors import ServiceError
from fieldreg.services.identity import NewIdentity
from fieldreg.store import migrate, snapshot
from fieldreg.store.keyslots import MAX_FILE_BYTES as MAX_KEY_FILE_BYTES
from fieldreg.store.keyslots import KeyFile, KeySlotError, VolunteerSlot
from fieldreg.store.lockout import Lockout

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from fieldreg.services.context import Context

log = logging.getLogger(__name__)

FORMAT = "fieldreg-backup/1"
SUFFIX = ".fieldreg-backup"
FOLDER = "backups"
DB_FILE = "fieldreg.db"
KEY_FILE = "keyslots.json"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1 << 20  # a manifest is under 2 KB; anyone can write a backup file
OWN_KEY_FILE = "device-key.json"  # fieldreg.services.cards.OWN_KEY_FILE
REASONS = ("daily", "manual", "before-migration")
KEEP = {"daily": 7, "manual": 10, "before-migration": 5}
_NAME_RE = re.compile(
    r"^(?P<slug>[a-z0-9-]*)-(?P<dev>[0-9a-f]{8})-(?P<day>\d{8})-(?P<time>\d{6})-"
    r"(?P<reason>[a-z-]+)" + re.escape(SUFFIX) + "$"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # aware, UTC
    reason: str
    app_version: str
    schema: str | None
    device_id: str
    device_name: str
    records: int
    queued: int
    size: int
    machine: str = ""  # the fingerprint of the machine it was made on ("" before 0.2)


@dataclass
class DailyResult:
    made: list[Path] = field(default_factory=list)
    folder_missing: str = ""  # the chosen folder was set but is not there (stick unplugged)
    folder_failed: str = ""  # the chosen folder refused the copy (full, read-only)


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


def backup_folder(home: Path) -> Path:
    return home / FOLDER


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:30]


def _file_name(device_id: str, device_name: str, when: datetime, reason: str) -> str:
    local = when.astimezone()
    return (f"{_slug(device_name) or 'laptop'}-{device_id[:8]}-{local:%Y%m%d-%H%M%S}-{reason}"
            f"{SUFFIX}")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_bundle(db_copy: Path, keyslots: Path, manifest: Mapping[str, object],
                  folder: Path, name: str) -> Path:
    """Zip the copy into ``folder/name`` atomically (a temp name, fsync, rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    fd, tmp_name = tempfile.mkstemp(prefix=".partial-", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:
            z.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            z.write(keyslots, KEY_FILE)
            z.write(db_copy, DB_FILE)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def _snapshot(home: Path, engine: Engine, key: bytes, reason: str,
              folders: Sequence[Path]) -> list[Path]:
    """Copy the open database once and bundle it into each folder; rotate each folder."""
    if reason not in REASONS:
        raise ValueError(reason)
    now = datetime.now(UTC)
    _clean_leftovers(home)
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=home))
    try:
        db_copy = work / DB_FILE
        slots = work / KEY_FILE
        try:
            shutil.copyfile(home / KEY_FILE, slots)  # the slots of this same moment
            snapshot.copy_database(engine, db_copy, key)
        except snapshot.SnapshotError as exc:
            raise ServiceError("backup_failed", detail=exc.detail) from exc
        except OSError as exc:
            raise ServiceError("backup_failed", detail=exc.strerror or str(exc)) from exc
        f = snapshot.facts(db_copy, key, check=False)  # checked by copy_database
        manifest = {
            "format": FORMAT, "app_version": __version__, "created_at": now.isoformat(),
            "reason": reason, "schema": f.revision, "device_id": f.device_id,
            "device_name": f.device_name, "regency_code": f.regency_code,
            "records": f.records, "queued": f.queued,
            "db_sha256": _sha256(db_copy), "db_size": db_copy.stat().st_size,
            "machine": identity.fingerprint(),
        }
        name = _file_name(f.device_id, f.device_name, now, reason)
        made = []
        for i, folder in enumerate(folders):
            try:
                written = _write_bundle(db_copy, slots, manifest, folder, name)
            except OSError as exc:
                if i == 0:  # the data folder itself: a real failure
                    raise ServiceError("backup_failed",
                                       detail=exc.strerror or str(exc)) from exc
                # A stick that is full or read-only: the data folder's copy stands; the
                # caller sees which folders got one.
                log.warning("backup copy to another folder failed: %s", exc.strerror or exc)
                continue
            made.append(written)
            _rotate(folder, f.device_id, keep=written)
        log.info("backup (%s) written to %d folder(s)", reason, len(made))
        return made
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_backup(ctx: Context, *, reason: str = "manual",
                folders: Sequence[Path] | None = None) -> list[Path]:
    """A backup now, into the data folder and ``folders`` (default: the settings' backup
    folder, when set and present). Returns the files written."""
    extra = list(folders) if folders is not None else _chosen(ctx.home)
    made = _snapshot(ctx.home, ctx.db.engine, ctx.db_key, reason,
                     [backup_folder(ctx.home), *extra])
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "backup", "device", ctx.device_id, reason=reason,
                         files=len(made))
        uow.commit()
    return made


def _chosen(home: Path) -> list[Path]:
    from fieldreg.services.settings import load

    raw = load(home).backup_folder
    if raw and Path(raw).is_dir():
        return [Path(raw)]
    return []


def backup_if_due(ctx: Context) -> DailyResult:
    """The daily backup: made when this laptop has none of today (local date) in its data
    folder. The chosen folder gets a copy when it is there; an unplugged stick is reported,
    not an error."""
    from fieldreg.services.settings import load

    res = DailyResult()
    today = datetime.now().astimezone().strftime("%Y%m%d")
    for p in backup_folder(ctx.home).glob("*" + SUFFIX):
        m = _NAME_RE.match(p.name)
        if m and m["dev"] == ctx.device_id[:8] and m["day"] == today:
            return res
    chosen = load(ctx.home).backup_folder
    extra: list[Path] = []
    if chosen:
        if Path(chosen).is_dir():
            extra = [Path(chosen)]
        else:
            res.folder_missing = chosen
    res.made = make_backup(ctx, reason="daily", folders=extra)
    if extra and not any(p.parent == extra[0] for p in res.made):
        res.folder_failed = chosen
    return res


def before_migration(home: Path, engine: Engine, key: bytes) -> Path:
    """The copy taken before a newer release changes the database (called by accounts)."""
    return _snapshot(home, engine, key, "before-migration", [backup_folder(home)])[0]


def _rotate(folder: Path, device_id: str, *, keep: Path) -> None:
    """Keep this laptop's newest ``KEEP[reason]`` of each reason, and always ``keep`` (the file
    just written, even when a clock once set ahead named older files later)."""
    m_keep = _NAME_RE.match(keep.name)
    keep_reason = m_keep["reason"] if m_keep else ""
    by_reason: dict[str, list[Path]] = {}
    for p in folder.glob("*" + SUFFIX):
        m = _NAME_RE.match(p.name)
        if m and m["dev"] == device_id[:8] and m["reason"] in KEEP and p != keep:
            by_reason.setdefault(m["reason"], []).append(p)
    for reason, files in by_reason.items():
        files.sort(key=lambda p: p.name[-len(SUFFIX) - 30:])  # by date-time, then reason
        room = KEEP[reason] - (1 if reason == keep_reason else 0)
        for old in files[: max(0, len(files) - room)]:
            with contextlib.suppress(OSError):
                old.unlink()


def _clean_leftovers(home: Path, *, older_than_s: float = 3600) -> None:
    """Work folders and partial files a crash left behind (encrypted, but full-size)."""
    import time

    limit = time.time() - older_than_s
    places = [home, backup_folder(home)]
    for place in places:
        if not place.is_dir():
            continue
        for p in place.iterdir():
            if not p.name.startswith((".backup-", ".restore-", ".check-", ".partial-")):
                continue
            with contextlib.suppress(OSError):
                if p.stat().st_mtime < limit:
                    if p.is_dir():
                        shutil.rmtree(p, ignore_errors=True)
                    else:
                        p.unlink()


# -- reading and restoring ------------------------------------------------------------------
def _read_manifest(z: zipfile.ZipFile) -> bytes:
    """The manifest's bytes, refused (ValueError) past MAX_MANIFEST_BYTES before inflating it:
    zipfile never inflates a member past the size its directory declares."""
    if z.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise ValueError("manifest too large")
    return z.read(MANIFEST)


def inspect(path: Path) -> BackupInfo:
    """What a backup file holds, from its manifest (no password needed)."""
    try:
        with zipfile.ZipFile(path) as z:
            m = json.loads(_read_manifest(z))
            names = set(z.namelist())
    except FileNotFoundError as exc:
        raise ServiceError("file_not_found", field="file", path=str(path)) from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ServiceError("backup_not_a_backup", field="file", path=str(path)) from exc
    if not isinstance(m, dict) or m.get("format") != FORMAT or not {DB_FILE, KEY_FILE} <= names:
        raise ServiceError("backup_not_a_backup", field="file", path=str(path))
    try:
        return BackupInfo(
            path=path, created_at=datetime.fromisoformat(m["created_at"]), reason=m["reason"],
            app_version=m["app_version"], schema=m.get("schema"), device_id=m["device_id"],
            device_name=m["device_name"], records=int(m["records"]), queued=int(m["queued"]),
            size=path.stat().st_size, machine=str(m.get("machine") or ""),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError("backup_not_a_backup", field="file", path=str(path)) from exc


def list_backups(folder: Path) -> list[BackupInfo]:
    """The readable backups in ``folder``, newest first (damaged files are left out)."""
    out = []
    for p in folder.glob("*" + SUFFIX) if folder.is_dir() else ():
        with contextlib.suppress(ServiceError):
            out.append(inspect(p))
    return sorted(out, key=lambda b: b.created_at, reverse=True)


def _unwrap(keyfile: KeyFile, volunteer: str, password: str | None,
            recovery_key: str | None, home: Path) -> tuple[bytes, VolunteerSlot]:
    """The backup's key from its own slots, each try one counted guess in *this laptop's*
    lock-out (``home``'s, never the backup's copy); a success there clears nothing (the
    backup's slots may hold an old password) and nothing is tried during a lock-out."""
    from fieldreg.services.accounts import find_slot

    slot = find_slot(keyfile, volunteer)
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
    for n in (*_DATA_FILES, KEY_FILE + ".pending"):
        if not (home / n).exists():
            continue
        try:
            os.replace(home / n, dest / n)
        except PermissionError as exc:  # Windows: the app still has the database open
            raise ServiceError("restore_in_use") from exc


def _open_backup(path: Path, work: Path, volunteer: str, password: str | None,
                 recovery_key: str | None, *, home: Path) -> tuple[BackupInfo, bytes,
                                                                   VolunteerSlot,
                                                                   snapshot.Facts]:
    """Unpack the backup into ``work`` and prove it whole and openable: the manifest, the
    database's hash, the password (or recovery key) against the backup's own slots, SQLCipher's
    page HMACs and SQLite's quick_check."""
    info = inspect(path)
    if info.schema not in migrate.known_revisions():
        raise ServiceError("backup_newer", field="file", version=info.app_version)
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo(KEY_FILE).file_size > MAX_KEY_FILE_BYTES:
                raise ServiceError("backup_damaged", field="file")
            z.extract(KEY_FILE, work)
            z.extract(DB_FILE, work)
            expected = json.loads(_read_manifest(z)).get("db_sha256")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ServiceError("backup_damaged", field="file") from exc
    if _sha256(work / DB_FILE) != expected:
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
          recovery_key: str | None = None, replace_other: bool = False) -> BackupInfo:
    """Everything ``restore`` proves before it changes anything, changing nothing: the app
    asks this first, then closes its database and restores."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    _clean_leftovers(home)
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
    inspect(path)
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
    for n in (*_DATA_FILES, KEY_FILE + ".pending"):
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
    from fieldreg.services import accounts

    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    _clean_leftovers(home)
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
            replaced = _unique_dir(backup_folder(home), f"replaced-{stamp}")
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
                _atomic_write(home / KEY_FILE, current_slots)
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
                (home / identity.MACHINE_FILE).unlink(missing_ok=True)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("restored a %s backup of %s (%d records, %d queued)", info.reason,
             info.created_at.isoformat(), new.records, new.queued)
    return RestoreResult(records=new.records, queued=new.queued,
                         backup_created_at=info.created_at, replaced_dir=replaced, context=ctx,
                         new_identity=fresh, key_changed_since=key_changed)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
