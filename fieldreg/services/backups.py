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
from fieldreg.services.errors import ServiceError
from fieldreg.store import migrate, snapshot
from fieldreg.store.keyslots import KeyFile, KeySlotError, VolunteerSlot

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
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=home))
    try:
        db_copy = work / DB_FILE
        try:
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
        }
        name = _file_name(f.device_id, f.device_name, now, reason)
        made = []
        for i, folder in enumerate(folders):
            try:
                made.append(_write_bundle(db_copy, home / KEY_FILE, manifest, folder, name))
            except OSError as exc:
                if i == 0:  # the data folder itself: a real failure
                    raise ServiceError("backup_failed",
                                       detail=exc.strerror or str(exc)) from exc
                raise ServiceError("backup_folder_failed", folder=str(folder),
                                   detail=exc.strerror or str(exc)) from exc
            _rotate(folder, f.device_id)
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
    try:
        res.made = make_backup(ctx, reason="daily", folders=extra)
    except ServiceError as exc:
        if exc.code != "backup_folder_failed":
            raise
        res.folder_failed = chosen
        res.made = make_backup(ctx, reason="daily", folders=[])
    return res


def before_migration(home: Path, engine: Engine, key: bytes) -> Path:
    """The copy taken before a newer release changes the database (called by accounts)."""
    return _snapshot(home, engine, key, "before-migration", [backup_folder(home)])[0]


def _rotate(folder: Path, device_id: str) -> None:
    by_reason: dict[str, list[Path]] = {}
    for p in folder.glob("*" + SUFFIX):
        m = _NAME_RE.match(p.name)
        if m and m["dev"] == device_id[:8] and m["reason"] in KEEP:
            by_reason.setdefault(m["reason"], []).append(p)
    for reason, files in by_reason.items():
        files.sort(key=lambda p: p.name[-len(SUFFIX) - 30:])  # by date-time, then reason
        for old in files[: max(0, len(files) - KEEP[reason])]:
            with contextlib.suppress(OSError):
                old.unlink()


# -- reading and restoring ------------------------------------------------------------------
def inspect(path: Path) -> BackupInfo:
    """What a backup file holds, from its manifest (no password needed)."""
    try:
        with zipfile.ZipFile(path) as z:
            m = json.loads(z.read(MANIFEST))
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
            size=path.stat().st_size,
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
            recovery_key: str | None) -> tuple[bytes, VolunteerSlot]:
    from fieldreg.services.accounts import find_slot

    slot = find_slot(keyfile, volunteer)
    try:
        if recovery_key is not None:
            return keyfile.unlock_with_recovery(recovery_key), slot
        return keyfile.unlock(slot.volunteer_id, password or ""), slot
    except KeySlotError as exc:
        fld = "recovery_key" if recovery_key is not None else "password"
        raise ServiceError(exc.code, field=fld, **exc.params) from exc


def _move_aside(home: Path, stamp: str) -> Path | None:
    present = [n for n in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", DB_FILE + "-journal",
                           KEY_FILE) if (home / n).exists()]
    if not present:
        return None
    dest = backup_folder(home) / f"replaced-{stamp}"
    dest.mkdir(parents=True, exist_ok=True)
    for n in present:
        try:
            os.replace(home / n, dest / n)
        except PermissionError as exc:  # Windows: the app still has the database open
            raise ServiceError("restore_in_use") from exc
    return dest


def _open_backup(path: Path, work: Path, volunteer: str, password: str | None,
                 recovery_key: str | None) -> tuple[BackupInfo, bytes, VolunteerSlot,
                                                    snapshot.Facts]:
    """Unpack the backup into ``work`` and prove it whole and openable: the manifest, the
    database's hash, the password (or recovery key) against the backup's own slots, SQLCipher's
    page HMACs and SQLite's quick_check."""
    info = inspect(path)
    if info.schema is not None and info.schema not in migrate.known_revisions():
        raise ServiceError("backup_newer", field="file", version=info.app_version)
    try:
        with zipfile.ZipFile(path) as z:
            z.extract(KEY_FILE, work)
            z.extract(DB_FILE, work)
            expected = json.loads(z.read(MANIFEST)).get("db_sha256")
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ServiceError("backup_damaged", field="file") from exc
    if _sha256(work / DB_FILE) != expected:
        raise ServiceError("backup_damaged", field="file")
    try:
        keyfile = KeyFile.load(work / KEY_FILE)
    except KeySlotError as exc:
        raise ServiceError("backup_damaged", field="file") from exc
    key, slot = _unwrap(keyfile, volunteer, password, recovery_key)
    try:
        facts = snapshot.facts(work / DB_FILE, key)
    except snapshot.SnapshotError as exc:
        raise ServiceError("backup_damaged", field="file", detail=exc.detail) from exc
    return info, key, slot, facts


def check(home: Path, path: Path, *, volunteer: str = "", password: str | None = None,
          recovery_key: str | None = None) -> BackupInfo:
    """Everything ``restore`` proves before it changes anything, changing nothing: the app
    asks this first, then closes its database and restores."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".check-", dir=home))
    try:
        return _open_backup(path, work, volunteer, password, recovery_key)[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def volunteers_in(path: Path) -> list[str]:
    """The names that can open a backup (from its key slots; no password needed)."""
    inspect(path)
    try:
        with zipfile.ZipFile(path) as z:
            data = json.loads(z.read(KEY_FILE))
        names = [str(s["name"]) for s in data.get("slots", []) if s.get("kind") == "password"]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError):
        return []
    return sorted(names, key=str.casefold)


def restore(home: Path, path: Path, *, volunteer: str = "", password: str | None = None,
            recovery_key: str | None = None) -> RestoreResult:
    """Put the backup at ``path`` in place of this data folder's database and open it.

    The backup's own key slots prove the password (or recovery key) as it was when the backup
    was made; the file is checked whole before anything here changes. The data it replaces is
    moved to ``backups/replaced-<time>/``, never deleted. When the replaced database belongs to
    the same laptop, its newer password slots are kept and the participant-number counter never
    goes back (no number is handed out twice). The restored database then opens as at unlock:
    migrated, after its own backup, when it comes from an older release."""
    from fieldreg.services import accounts

    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    try:
        info, key, slot, new = _open_backup(path, work, volunteer, password, recovery_key)

        # Is the database being replaced this same laptop's (it opens with the same key)?
        current: snapshot.Facts | None = None
        if (home / DB_FILE).exists():
            with contextlib.suppress(Exception):  # another laptop's, or damaged: replace it
                current = snapshot.facts(home / DB_FILE, key, check=False)
        same_laptop = current is not None and current.device_id == new.device_id
        # Keep the laptop's newer slots (passwords set since the backup), with the password
        # just proved made valid for this volunteer; after the recovery key, the backup's slots
        # (the ones that key was proved against).
        keep_slots = same_laptop and password is not None and (home / KEY_FILE).exists()

        stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
        current_slots = (home / KEY_FILE).read_bytes() if keep_slots else None
        replaced = _move_aside(home, stamp)
        os.replace(work / DB_FILE, home / DB_FILE)
        if current_slots is not None and password is not None:
            _atomic_write(home / KEY_FILE, current_slots)
            with contextlib.suppress(KeySlotError):
                KeyFile.load(home / KEY_FILE).set_password(slot.volunteer_id, slot.name,
                                                           password, key)
        else:
            shutil.copyfile(work / KEY_FILE, home / KEY_FILE)
        if same_laptop and current is not None:
            snapshot.raise_participant_seq(home / DB_FILE, key, current.participant_seq)
            if replaced is not None and current_slots is not None:
                snapshot.copy_missing_volunteers(replaced / DB_FILE, home / DB_FILE, key)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ctx = accounts.open_with_key(home, key, slot.volunteer_id)
    with ctx.db.uow() as uow:
        uow.audit.record(ctx.volunteer_id, "restore", "device", ctx.device_id,
                         backup_created_at=info.created_at.isoformat(), reason=info.reason,
                         app_version=info.app_version, replaced=bool(replaced))
        uow.commit()
    log.info("restored a %s backup of %s (%d records, %d queued)", info.reason,
             info.created_at.isoformat(), new.records, new.queued)
    return RestoreResult(records=new.records, queued=new.queued,
                         backup_created_at=info.created_at, replaced_dir=replaced, context=ctx)


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
