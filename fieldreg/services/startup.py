"""What the app needs before the database is opened, without importing the database layer.

The unlock window must appear fast (bench/bench_ui.py): ``accounts`` pulls in SQLAlchemy and
the key-slot crypto (~0.3 s), so the names to pick from are read here from the key file with
``json`` only. ``tests/gui/test_startup_light.py`` checks this stays in step with
``accounts.volunteers``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# The same names as fieldreg.services.context (imported lazily there with the database layer).
DB_FILE = "fieldreg.db"
KEY_FILE = "keyslots.json"


@dataclass(frozen=True)
class VolunteerName:
    volunteer_id: str
    name: str
    locked_until: datetime | None


def is_initialised(home: Path) -> bool:
    return (home / KEY_FILE).exists() and (home / DB_FILE).exists()


def volunteers(home: Path) -> list[VolunteerName]:
    """Who can unlock this device, as the key file lists them (empty when unreadable)."""
    try:
        data = json.loads((home / KEY_FILE).read_text("utf-8"))
        out = []
        for s in data.get("slots", []):
            if s.get("kind") != "password":
                continue
            until = s.get("locked_until")
            out.append(
                VolunteerName(
                    str(s["volunteer_id"]), str(s["name"]),
                    datetime.fromisoformat(until) if until else None,
                )
            )
        return sorted(out, key=lambda v: v.name.casefold())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []
