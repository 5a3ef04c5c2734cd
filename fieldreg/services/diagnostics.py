"""Help → Export diagnostics: one plain-text file a volunteer sends to the district office when
something goes wrong. No personal data.

The file holds versions (app, Python, OS, SQLite/SQLCipher, schema, reference data, and what the
caller adds: the app passes Qt's and PySide6's), the data folder and its files' sizes, every
setting, the sync state and the last runs, the database's counts and ``PRAGMA quick_check``, the
backups found, and the end of the log. Headings are in Indonesian and English.

What it never holds: names (workers, heirs, volunteers), NIKs, birth dates, phones, addresses,
record ids. Counts only come from the database; the log tail is scrubbed again (16-digit numbers
masked as the log filter does, phone numbers, e-mail addresses), and the user's home folder is
written as ``~`` (an account name is often a person's name). With ``ctx=None`` (the database is
locked or damaged) everything that needs no password is still written.

Each section is written on its own: one that fails says so and the others still come.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from fieldreg.files import atomic_write
from fieldreg.paths import (
    AUTOSAVE_FOLDER,
    BACKUPS_FOLDER,
    DB_FILE,
    DISTRICT_KEYS_FILE,
    KEY_FILE,
    LOCKOUT_FILE,
    LOG_FILE,
    LOGS_FOLDER,
    OWN_KEY_FILE,
    PENDING_KEY_FILE,
    SETTINGS_FILE,
    SYNC_LOCK_FILE,
)
from fieldreg.services.context import Context

log = logging.getLogger(__name__)

LOG_LINES = 300
SYNC_RUNS = 10
BACKUP_SUFFIX = ".fieldreg-backup"
# The files of a data folder that the report names (anything else is only counted: a file a
# person dropped there could carry a name).
KNOWN_FILES = (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", KEY_FILE, SETTINGS_FILE,
               OWN_KEY_FILE, DISTRICT_KEYS_FILE, SYNC_LOCK_FILE,
               LOCKOUT_FILE, PENDING_KEY_FILE)  # wrong guesses; a rekey cut short
KNOWN_FOLDERS = (LOGS_FOLDER, BACKUPS_FOLDER, AUTOSAVE_FOLDER)

# -- scrubbing -----------------------------------------------------------------------------

_NIK_RE = re.compile(r"(?<!\d)\d{12}(\d{4})(?!\d)")  # as fieldreg.logs masks it
# 16 digits written in groups (1505 0166 0790 0003, 1505-0166-…): all but the last four.
_GROUPED_16_RE = re.compile(r"(?<![\d*])((?:\d[ .-]?){12})(\d{4})(?![\d])")
# Indonesian mobile numbers: 08…, +62 8…, 62 8…; 9 to 14 digits, with spaces, dots or dashes.
_PHONE_RE = re.compile(r"(?<![\d+*])(?:\+62|62|0)[ .-]?8(?:[ .-]?\d){7,12}(?![\d*])")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _mask_phone(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    head = "+62" if m.group(0).startswith("+") else digits[:2]
    return head + "*" * (len(digits) - len(head.lstrip("+")))


def scrub(text: str) -> str:
    """Mask what could be personal data in free text (log lines, technical details)."""
    text = _NIK_RE.sub(lambda m: "*" * 12 + m.group(1), text)
    text = _GROUPED_16_RE.sub(lambda m: "*" * 12 + m.group(2), text)
    text = _PHONE_RE.sub(_mask_phone, text)
    return _EMAIL_RE.sub("***@***", text)


def _home_as_tilde(text: str) -> str:
    try:
        user_home = str(Path.home())
    except (RuntimeError, KeyError):
        return text
    if len(user_home) < 3:  # "/" or "C:": nothing to hide, and replacing would mangle paths
        return text
    return text.replace(user_home, "~")


# -- small helpers -------------------------------------------------------------------------

def _yes_no(flag: bool) -> str:
    return "ya / yes" if flag else "tidak / no"


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    units = ("KB", "MB", "GB")
    value, i = n / 1024, 0
    while value >= 1024 and i < len(units) - 1:
        value, i = value / 1024, i + 1
    return f"{value:.1f} {units[i]}"


def _utc(when: datetime | None) -> str:
    if when is None:
        return "-"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _local_time(ts: float) -> str:
    return datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%d %H:%M %z")


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def heading(self, indonesian: str, english: str) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.append(f"== {indonesian} / {english} ==")

    def kv(self, key: str, value: object) -> None:
        self.lines.append(f"{key + ':':<44} {value}")

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def section(self, indonesian: str, english: str, fill: Callable[[_Report], None]) -> None:
        self.heading(indonesian, english)
        try:
            fill(self)
        except Exception as exc:  # one broken part must not cost the whole report
            log.warning("diagnostics: section %s failed (%s)", english, type(exc).__name__)
            self.line(f"(gagal / failed: {type(exc).__name__}: {str(exc)[:200]})")

    def text(self) -> str:
        return scrub(_home_as_tilde("\n".join(self.lines))) + "\n"


# -- sections ------------------------------------------------------------------------------

def _sqlite_versions(ctx: Context | None) -> tuple[str, str]:
    """(SQLite version, SQLCipher version) of the library the database is opened with."""
    if ctx is not None:
        with ctx.db.engine.connect() as conn:
            lite = conn.exec_driver_sql("SELECT sqlite_version()").scalar()
            cipher = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
            return str(lite), str(cipher or "-")
    import sqlcipher3

    mem = sqlcipher3.connect(":memory:")
    try:
        lite = mem.execute("SELECT sqlite_version()").fetchone()[0]
        row = mem.execute("PRAGMA cipher_version").fetchone()
        return str(lite), str(row[0]) if row else "-"
    finally:
        mem.close()


def _reference_versions() -> list[tuple[str, str]]:
    from fieldreg.paths import resources_dir

    res = resources_dir()
    out: list[tuple[str, str]] = []
    try:
        out.append(("Data wilayah / regions", (res / "regions" / "VERSION").read_text(
            "utf-8").strip()))
    except OSError:
        out.append(("Data wilayah / regions", "-"))
    for key, name in (("Pekerjaan / occupations", "occupations.json"),
                      ("Tabel iuran / contributions", "contributions.json")):
        try:
            out.append((key, str(json.loads((res / "data" / name).read_text("utf-8"))
                                 ["version"])))
        except (OSError, ValueError, KeyError, TypeError):
            out.append((key, "-"))
    return out


def _versions(r: _Report, ctx: Context | None, extra: Mapping[str, str]) -> None:
    import platform
    import sqlite3

    from fieldreg import __version__
    from fieldreg.paths import portable_home

    r.kv("fieldreg", __version__)
    r.kv("Python", f"{platform.python_version()} ({platform.python_implementation()}, "
                   f"{platform.architecture()[0]})")
    r.kv("Sistem / OS", f"{platform.platform()} ({platform.machine() or '-'})")
    r.kv("Dibundel / frozen (PyInstaller)", _yes_no(bool(getattr(sys, "frozen", False))))
    r.kv("Portabel / portable", _yes_no(portable_home() is not None))
    try:
        lite, cipher = _sqlite_versions(ctx)
    except Exception as exc:
        lite, cipher = "-", f"(gagal / failed: {type(exc).__name__})"
    r.kv("SQLite", f"{lite} (Python sqlite3: {sqlite3.sqlite_version})")
    r.kv("SQLCipher", cipher)
    from fieldreg.store.migrate import HEAD

    if ctx is None:
        r.kv("Skema basis data / database schema", f"- (tidak dibuka / not opened); "
             f"aplikasi / app: {HEAD}")
    else:
        from fieldreg.store.migrate import current_revision

        rev = current_revision(ctx.db.engine)
        note = "" if rev == HEAD else f" (aplikasi / app: {HEAD})"
        r.kv("Skema basis data / database schema", f"{rev or '-'}{note}")
    for key, value in _reference_versions():
        r.kv(key, value)
    for key, value in extra.items():
        r.kv(str(key), str(value))


def _folders(r: _Report, home: Path) -> None:
    import shutil

    r.kv("Folder data / data folder", home)
    r.kv("Ada / exists", _yes_no(home.is_dir()))
    if not home.is_dir():
        return
    try:
        free = shutil.disk_usage(home).free
        r.kv("Ruang kosong / free disk space", _size(free))
    except OSError:
        pass
    other = 0
    for entry in sorted(home.iterdir(), key=lambda p: p.name):
        if entry.is_file() and entry.name in KNOWN_FILES:
            st = entry.stat()
            r.kv(f"  {entry.name}", f"{_size(st.st_size)}, {_local_time(st.st_mtime)}")
        elif entry.is_dir() and entry.name in KNOWN_FOLDERS:
            files = [p for p in entry.rglob("*") if p.is_file()]
            total = sum(p.stat().st_size for p in files)
            r.kv(f"  {entry.name}/", f"{len(files)} berkas / files, {_size(total)}")
        else:
            other += 1
    if other:
        r.kv("  lainnya / other entries", other)


def _settings(r: _Report, home: Path) -> None:
    from dataclasses import fields

    from fieldreg.services import settings

    path = home / SETTINGS_FILE
    r.kv("Berkas / file", f"{SETTINGS_FILE} ("
         + ("ada / present" if path.is_file() else "tidak ada, bawaan / missing: defaults")
         + ")")
    s = settings.load(home)
    for f in fields(s):
        value = getattr(s, f.name)
        if isinstance(value, dict):
            shown = ", ".join(f"{k}={v}" for k, v in sorted(value.items())) or "-"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        else:
            shown = str(value) if value != "" else '""'
        r.kv(f.name, shown)


def _sync(r: _Report, ctx: Context) -> None:
    from fieldreg.services import sync

    st = sync.status(ctx)
    r.kv("Laptop", ctx.device_name)
    r.kv("ID laptop / device id", ctx.device_id)
    r.kv("Kabupaten laptop / device regency", ctx.regency_code)
    r.kv("Terdaftar di server / enrolled", _yes_no(st.enrolled))
    if st.enrolled:
        r.kv("Server", st.server_url)
        r.kv("Kabupaten / district", f"{st.district_code} {st.district_name}".strip())
        r.kv("Dijeda / paused", st.paused or _yes_no(False))
        r.kv("Terakhir berhasil / last success", _utc(st.last_success_at))
    r.kv("Menunggu dikirim / waiting to be sent", st.pending)
    runs = sync.history(ctx, SYNC_RUNS)
    r.line()
    r.line(f"Sinkronisasi terakhir / last sync runs ({len(runs)}, terbaru dulu / newest first):")
    if not runs:
        r.line("  (belum pernah / none yet)")
    for run in runs:
        took = (f"{(run.finished_at - run.started_at).total_seconds():.0f} s"
                if run.finished_at else "-")
        r.line(f"  {_utc(run.started_at)}  {run.trigger:<6} {run.result:<14} "
               f"sent {run.sent}, applied {run.applied}, duplicate {run.duplicate}, "
               f"rejected {run.rejected}, conflict {run.conflict}, pulled {run.pulled}; "
               f"{_size(run.bytes_up)} up, {_size(run.bytes_down)} down; {took}"
               + (f"; {run.detail[:200]}" if run.detail else ""))


def _database(r: _Report, home: Path, ctx: Context | None) -> None:
    db = home / DB_FILE
    size = db.stat().st_size if db.is_file() else None
    wal = home / (DB_FILE + "-wal")
    wal_size = wal.stat().st_size if wal.is_file() else 0
    r.kv("Berkas / file", f"{DB_FILE}: " + (
        "tidak ada / missing" if size is None
        else f"{_size(size)}" + (f" (+ WAL {_size(wal_size)})" if wal_size else "")))
    if ctx is None:
        r.line("Basis data tidak dibuka (terkunci, tanpa kata sandi, atau rusak): tanpa jumlah "
               "data.")
        r.line("The database was not opened (locked, no password, or damaged): no counts.")
        return
    from fieldreg.services.browse import database_counts

    c = database_counts(ctx)
    r.kv("Pemeriksaan / PRAGMA quick_check", "; ".join(c.quick_check[:20]) or "-")
    r.line("Data per status / records by status:")
    for status, n in sorted(c.by_status.items()):
        r.kv(f"  {status}", n)
    r.kv("  total", sum(c.by_status.values()))
    r.line("Antrean kirim / outbox entries:")
    for state in sorted({"pending", *c.outbox}):
        r.kv(f"  {state}", c.outbox.get(state, 0))
    r.kv("Perlu diperbaiki / needs fixing", f"{c.needs_fixing} (rejected, duplicate)")
    r.kv("Kartu dicetak / card prints", f"{c.card_prints} (cetak ulang / reprints "
         f"{c.reprints})")
    r.kv("Impor daftar desa / village lists imported",
         f"{c.imports} ({c.imported_rows} baris / rows)")
    r.kv("Relawan / volunteers", f"{c.volunteers} (aktif / active {c.active_volunteers}, "
         f"supervisor {c.supervisors})")
    r.kv("Catatan audit / audit entries", c.audit_entries)
    with ctx.db.reader() as uow:
        releases = getattr(uow.device, "releases", None)  # newer stores remember them
        opened = releases() if callable(releases) else []
        shown = [f"{getattr(x, 'version', '?')} ({_utc(getattr(x, 'first_opened_at', None))})"
                 for x in opened]
    if shown:
        r.kv("Dibuka oleh versi / opened by versions", ", ".join(shown[-10:]))


def _backup_folders(home: Path) -> list[Path]:
    from fieldreg.services import settings

    folders = [home / BACKUPS_FOLDER]
    try:
        chosen = settings.load(home).backup_folder.strip()
    except Exception:  # settings.load never raises today; a report must not depend on it
        chosen = ""
    if chosen:
        p = Path(chosen).expanduser()
        if p.resolve() != folders[0].resolve():
            folders.append(p)
    return folders


def _backups(r: _Report, home: Path) -> None:
    for folder in _backup_folders(home):
        r.line(f"{folder}:")
        if not folder.is_dir():
            r.line("  (folder tidak ada / folder not found)")
            continue
        found = sorted(folder.glob("*" + BACKUP_SUFFIX), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        if not found:
            r.line("  (tidak ada cadangan / no backups)")
        for p in found:
            st = p.stat()
            unfinished = " (tidak selesai / unfinished)" if p.name.startswith(".") else ""
            r.line(f"  {p.name}  {_size(st.st_size)}  {_local_time(st.st_mtime)}{unfinished}")


def _tail(path: Path, n: int) -> list[str]:
    """The last ``n`` lines of a text file (reads at most its last 512 KB)."""
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        end = f.tell()
        f.seek(max(0, end - 512 * 1024))
        data = f.read()
    lines = data.decode("utf-8", errors="replace").splitlines()
    if end > 512 * 1024 and lines:
        lines = lines[1:]  # the first may be cut
    return lines[-n:]


def _log_tail(r: _Report, home: Path) -> None:
    current = home / LOGS_FOLDER / LOG_FILE
    older = home / LOGS_FOLDER / (LOG_FILE + ".1")
    if not current.is_file():
        r.line("(belum ada log / no log yet)")
        return
    lines = _tail(current, LOG_LINES)
    if len(lines) < LOG_LINES and older.is_file():
        lines = _tail(older, LOG_LINES - len(lines)) + lines
    for line in lines:
        r.line(line[:1000])


# -- the report ----------------------------------------------------------------------------

def render(home: Path, *, ctx: Context | None = None,
           versions: Mapping[str, str] | None = None) -> str:
    """The report's text (see ``write_report``)."""
    r = _Report()
    now = datetime.now().astimezone()
    r.line("fieldreg — laporan diagnostik / diagnostics report")
    r.line(f"Dibuat / created: {now:%Y-%m-%d %H:%M %z}")
    r.line("Tanpa data pribadi: tidak ada nama, NIK, tanggal lahir, nomor HP, alamat atau "
           "ahli waris.")
    r.line("No personal data: no names, NIKs, birth dates, phone numbers, addresses or heirs.")
    sections: Iterable[tuple[str, str, Callable[[_Report], None]]] = (
        ("Versi", "Versions", lambda r: _versions(r, ctx, versions or {})),
        ("Folder data", "Data folder", lambda r: _folders(r, home)),
        ("Pengaturan", "Settings", lambda r: _settings(r, home)),
        ("Sinkronisasi", "Sync", lambda r: _sync(r, ctx) if ctx is not None else r.line(
            "Basis data tidak dibuka / the database was not opened.")),
        ("Basis data", "Database", lambda r: _database(r, home, ctx)),
        ("Cadangan", "Backups", lambda r: _backups(r, home)),
        (f"Log ({LOG_LINES} baris terakhir", f"last {LOG_LINES} lines)",
         lambda r: _log_tail(r, home)),
    )
    for indonesian, english, fill in sections:
        r.section(indonesian, english, fill)
    return r.text()


def write_report(home: Path, out: Path, *, ctx: Context | None = None,
                 versions: Mapping[str, str] | None = None) -> Path:
    """Write the diagnostics report for the data folder ``home`` to ``out`` (UTF-8 text,
    atomically: a temporary file beside it, then a rename). ``ctx`` is the unlocked database,
    or None when it cannot be opened; ``versions`` adds lines to the versions (the app passes
    Qt's and PySide6's). Returns ``out``."""
    text = render(home, ctx=ctx, versions=versions)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(out, "w", private=True, temp_prefix=".diagnostik-", temp_suffix=".tmp",
                      encoding="utf-8") as f:
        f.write(text)
    log.info("diagnostics report written (%d lines, database %s)", text.count("\n"),
             "opened" if ctx is not None else "not opened")
    return out
