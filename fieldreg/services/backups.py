"""Backups of the data folder.

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

Putting a backup back in place is ``fieldreg.services.restore``'s job; it reads the files with
``inspect`` and ``read_manifest`` from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
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
from fieldreg.files import atomic_write
from fieldreg.paths import BACKUPS_FOLDER, DB_FILE, KEY_FILE
from fieldreg.services import identity
from fieldreg.services.errors import ServiceError
from fieldreg.store import snapshot

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from fieldreg.services.context import Context

log = logging.getLogger(__name__)

FORMAT = "fieldreg-backup/1"
SUFFIX = ".fieldreg-backup"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1 << 20  # a manifest is under 2 KB; anyone can write a backup file
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


def backup_folder(home: Path) -> Path:
    return home / BACKUPS_FOLDER


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:30]


def _file_name(device_id: str, device_name: str, when: datetime, reason: str) -> str:
    local = when.astimezone()
    return (f"{_slug(device_name) or 'laptop'}-{device_id[:8]}-{local:%Y%m%d-%H%M%S}-{reason}"
            f"{SUFFIX}")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_bundle(db_copy: Path, keyslots: Path, manifest: Mapping[str, object],
                  folder: Path, name: str) -> Path:
    """Zip the copy into ``folder/name`` whole or not at all (``files.atomic_write``)."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    with atomic_write(final, "w+b", private=True, temp_prefix=".partial-",
                      temp_suffix=".tmp") as f, \
            zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        z.write(keyslots, KEY_FILE)
        z.write(db_copy, DB_FILE)
    return final


def _snapshot(home: Path, engine: Engine, key: bytes, reason: str,
              folders: Sequence[Path]) -> list[Path]:
    """Copy the open database once and bundle it into each folder; rotate each folder."""
    if reason not in REASONS:
        raise ValueError(reason)
    now = datetime.now(UTC)
    clean_leftovers(home)
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
            "db_sha256": file_sha256(db_copy), "db_size": db_copy.stat().st_size,
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


def clean_leftovers(home: Path, *, older_than_s: float = 3600) -> None:
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


# -- reading ------------------------------------------------------------------
def read_manifest(z: zipfile.ZipFile) -> bytes:
    """The manifest's bytes, refused (ValueError) past MAX_MANIFEST_BYTES before inflating it:
    zipfile never inflates a member past the size its directory declares."""
    if z.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
        raise ValueError("manifest too large")
    return z.read(MANIFEST)


def inspect(path: Path) -> BackupInfo:
    """What a backup file holds, from its manifest (no password needed)."""
    try:
        with zipfile.ZipFile(path) as z:
            m = json.loads(read_manifest(z))
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


