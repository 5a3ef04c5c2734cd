"""What the app needs before the database is opened, without importing the database layer.

The unlock window must appear fast (bench/bench_ui.py): ``accounts`` pulls in SQLAlchemy and
the key-slot crypto (~0.3 s) and ``settings`` dataclasses and validation, so the names to pick
from and the language are read here with ``json`` only. ``tests/gui/test_startup.py`` checks
this stays in step with ``accounts.volunteers`` and ``settings.load``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fieldreg.paths import DB_FILE as DB_FILE  # the data folder's files (read with json only)
from fieldreg.paths import KEY_FILE as KEY_FILE
from fieldreg.paths import LOCKOUT_FILE as LOCKOUT_FILE
from fieldreg.paths import SETTINGS_FILE as SETTINGS_FILE

if TYPE_CHECKING:
    from datetime import datetime

LANGUAGES = ("id", "en")


class VolunteerName(NamedTuple):
    volunteer_id: str
    name: str
    locked_until: datetime | None


def is_initialised(home: Path) -> bool:
    return (home / KEY_FILE).exists() and (home / DB_FILE).exists()


def language(home: Path) -> str:
    """The language saved in the settings file ("id" when missing, unreadable or unknown)."""
    try:
        lang = json.loads((home / SETTINGS_FILE).read_text("utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        return "id"
    return lang if lang in LANGUAGES else "id"


def volunteers(home: Path) -> list[VolunteerName]:
    """Who can unlock this device, as the key file lists them (empty when unreadable), with
    the end of a lock-out from the lock-out file (``fieldreg.store.lockout``)."""
    try:
        data = json.loads((home / KEY_FILE).read_text("utf-8"))
        try:
            counters = json.loads((home / LOCKOUT_FILE).read_text("utf-8"))["counters"]
        except (OSError, ValueError, KeyError, TypeError):
            counters = {}
        out = []
        for s in data.get("slots", []):
            if s.get("kind") != "password":
                continue
            c = counters.get(f"pw:{s['volunteer_id']}") if isinstance(counters, dict) else None
            until = _locked_until(c.get("locked_until") if isinstance(c, dict) else None)
            out.append(VolunteerName(str(s["volunteer_id"]), str(s["name"]), until))
        return sorted(out, key=lambda v: v.name.casefold())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _locked_until(raw: object) -> datetime | None:
    """A lock-out's end still to come; None for none, one past, or a damaged entry (as
    ``fieldreg.store.lockout`` reads it: the name stays in the list, never the whole list
    lost)."""
    if not isinstance(raw, str) or not raw:
        return None
    from datetime import UTC, datetime  # only when someone is locked out

    try:
        until = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if until.tzinfo is None or until.utcoffset() is None or until <= datetime.now(UTC):
        return None
    return until
