"""Server settings, read from the environment.

- ``FIELDREG_SERVER_HOME``: the server's folder (SQLite file ``server.db`` and ``logs/``);
  default the platform's per-user data folder for ``fieldreg-server``.
- ``FIELDREG_SERVER_DATABASE_URL``: a database URL (e.g.
  ``postgresql+psycopg://postgres@127.0.0.1:5432/fieldreg``) used instead of the SQLite file.

Processes hold no state: everything (rate limits included) lives in the database, so several
processes can serve one PostgreSQL database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

APP_NAME = "fieldreg-server"
DB_FILE = "server.db"

# Indonesia's western time (WIB, UTC+7): Jambi. Laptops date records by their local day.
LOCAL_OFFSET = timedelta(hours=7)


def utcnow() -> datetime:
    """Naive UTC, as every time is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """The day it is in Jambi (validation's "today": a consent given this morning is not in
    the future)."""
    return (datetime.now(UTC) + LOCAL_OFFSET).date()


def default_home() -> Path:
    override = os.environ.get("FIELDREG_SERVER_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


@dataclass
class Settings:
    home: Path
    database_url: str | None = None
    # Enrolment codes.
    code_hours: float = 72.0
    # At most ``enrol_attempts`` enrolment attempts per client address per ``enrol_window``.
    enrol_attempts: int = 10
    enrol_window: timedelta = timedelta(minutes=10)
    # last_seen_at is written at most this often per device (a write per request is waste).
    seen_every: timedelta = timedelta(seconds=60)
    # Injected in tests.
    clock: Callable[[], datetime] = field(default=utcnow, repr=False)
    today: Callable[[], date] = field(default=local_today, repr=False)

    @classmethod
    def from_env(cls) -> Settings:
        url = os.environ.get("FIELDREG_SERVER_DATABASE_URL") or None
        return cls(home=default_home(), database_url=url)

    @property
    def url(self) -> str:
        """The database URL in use (the SQLite file in ``home`` unless one is configured)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / DB_FILE}"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"
