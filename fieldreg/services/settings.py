"""Device settings: a small JSON file in the data folder. Never personal data of workers.

Read before unlocking (the language of the unlock window), so this module imports nothing heavy.
Refusals are ``ServiceError`` codes like every service's.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from fieldreg.files import atomic_write
from fieldreg.paths import SETTINGS_FILE
from fieldreg.services.errors import ServiceError

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
PAPER_SIZES = ("A4", "Letter", "Legal", "F4")
CARD_LAYOUTS = ("a4", "card")
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240


@dataclass
class Settings:
    language: str = "id"
    server_url: str = ""
    auto_sync: bool = True  # send by itself whenever the district server can be reached
    idle_lock_minutes: int = 10
    # A read-back of the record in plain words before it leaves draft (Enter saves, Esc goes
    # back). On by default: the volunteers are new to computers and a record that leaves draft
    # goes to the district; one Enter costs less than a wrong NIK, name or payer sent on.
    review_before_save: bool = True
    printer_name: str = ""  # empty: the system's default printer
    paper_size: str = "A4"
    duplex: bool = True
    card_layout: str = "a4"  # fieldreg.cards.sheets.Layout: a4 (10 per sheet) or card (CR80)
    backup_folder: str = ""
    # Targets per kecamatan code ("15.05.01" → 250): a placeholder until sync brings the
    # district's own targets.
    targets: dict[str, int] = field(default_factory=dict)


def _coerce(raw: dict[str, Any]) -> Settings:
    s = Settings()
    known = {f.name for f in fields(Settings)}
    for k, v in raw.items():
        if k in known:
            setattr(s, k, v)
    try:
        check(s)
    except ServiceError as exc:
        log.warning("settings file has a bad value (%s); defaults used for it", exc.code)
        good = Settings()
        for f in fields(Settings):
            single = Settings(**{f.name: getattr(s, f.name)})
            try:
                check(single)
                setattr(good, f.name, getattr(s, f.name))
            except (ServiceError, TypeError, ValueError):
                pass
        s = good
    return s


def load(home: Path) -> Settings:
    """The saved settings, or the defaults (a missing or damaged file is not an error)."""
    path = home / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file unreadable; defaults used")
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    return _coerce(raw)


def check(s: Settings) -> None:
    """Refuse a bad value with the field it belongs to."""
    if s.language not in LANGUAGES:
        raise ServiceError("language_unknown", field="language", value=s.language)
    url = (s.server_url or "").strip()
    if url and not valid_server_url(url):
        raise ServiceError("server_url_invalid", field="server_url", value=url)
    if not isinstance(s.auto_sync, bool):
        raise ServiceError("auto_sync_invalid", field="auto_sync")
    if not isinstance(s.review_before_save, bool):
        raise ServiceError("review_before_save_invalid", field="review_before_save")
    if (
        not isinstance(s.idle_lock_minutes, int)
        or not MIN_IDLE_MINUTES <= s.idle_lock_minutes <= MAX_IDLE_MINUTES
    ):
        raise ServiceError(
            "idle_minutes_range", field="idle_lock_minutes",
            min=MIN_IDLE_MINUTES, max=MAX_IDLE_MINUTES,
        )
    if s.paper_size not in PAPER_SIZES:
        raise ServiceError("paper_size_unknown", field="paper_size", value=s.paper_size)
    if s.card_layout not in CARD_LAYOUTS:
        raise ServiceError("layout_unknown", field="card_layout", value=s.card_layout)
    if not isinstance(s.targets, dict) or any(
        not isinstance(v, int) or v < 0 for v in s.targets.values()
    ):
        raise ServiceError("target_invalid", field="targets")


def valid_server_url(url: str) -> bool:
    """``http(s)://host[:port]``, optionally with a path (a server behind a proxy); no user,
    query or fragment, no spaces."""
    from urllib.parse import urlsplit

    if not url or any(ch.isspace() for ch in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError when not a number in 0..65535
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or "@" in parts.netloc:
        return False
    if parts.query or parts.fragment or (port is not None and port == 0):
        return False
    labels = host.strip("[]").split(".") if not host.startswith("[") else [host]
    return all(lab and all(ch.isalnum() or ch in "-_:" for ch in lab) for lab in labels)


def save(home: Path, s: Settings) -> None:
    """Check and write atomically (``atomic_write``: temp file, fsync, rename; 0600)."""
    s.server_url = (s.server_url or "").strip().rstrip("/")
    s.backup_folder = (s.backup_folder or "").strip()
    check(s)
    home.mkdir(parents=True, exist_ok=True)
    with atomic_write(home / SETTINGS_FILE, "w", private=True, temp_prefix=".settings-",
                      temp_suffix="", encoding="utf-8") as f:
        json.dump(asdict(s), f, indent=1, sort_keys=True)
