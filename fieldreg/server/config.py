"""Server settings, read from the environment.

- ``FIELDREG_SERVER_HOME``: the server's folder (SQLite file ``server.db`` and ``logs/``);
  default the platform's per-user data folder for ``fieldreg-server``.
- ``FIELDREG_SERVER_DATABASE_URL``: a database URL (e.g.
  ``postgresql+psycopg://postgres@127.0.0.1:5432/fieldreg``) used instead of the encrypted
  SQLite file. A plain ``sqlite:///…`` URL is an unencrypted file, by explicit choice only.
- ``FIELDREG_SERVER_KEY_FILE``: the key file of the encrypted SQLite file (SQLCipher); default
  ``<home>.key`` beside the server's folder, not in it, created at the first start (0600).
- ``FIELDREG_SERVER_DB_KEY``: the key itself (64 hex digits) instead of a key file.
- ``FIELDREG_SERVER_TRUSTED_PROXIES``: comma-separated IP addresses or networks (CIDR) of
  reverse proxies whose ``X-Forwarded-For`` names the client; default none, so the client is the
  socket's peer (for the enrolment rate limit and the audit).

Processes hold no state: everything (rate limits included) lives in the database, so several
processes can serve one PostgreSQL database.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

APP_NAME = "fieldreg-server"
DB_FILE = "server.db"
KEY_SUFFIX = ".key"


class ConfigError(ValueError):
    """A setting that cannot be used (a malformed proxy address, key…): the message says which
    and how to fix it; the admin command line prints it and exits 2."""

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


def parse_trusted_proxies(value: str) -> tuple[str, ...]:
    """``"10.0.0.5, 192.168.1.0/24"`` → the normalised addresses and networks; a clear error
    naming the entry that is neither."""
    out: list[str] = []
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        try:
            out.append(str(ipaddress.ip_network(item, strict=True) if "/" in item
                           else ipaddress.ip_address(item)))
        except ValueError as exc:
            raise ConfigError(
                f"FIELDREG_SERVER_TRUSTED_PROXIES: {item!r} is not an IP address or a network "
                f"such as 10.0.0.0/24 ({exc})") from exc
    return tuple(out)


def parse_db_key(value: str) -> bytes:
    """64 hex digits → the 32-byte database key."""
    text = value.strip()
    if len(text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ConfigError("FIELDREG_SERVER_DB_KEY must be 64 hexadecimal digits (a 256-bit key, "
                          "e.g. from `openssl rand -hex 32`)")
    return bytes.fromhex(text)


@dataclass
class Settings:
    home: Path
    database_url: str | None = None
    # The encrypted SQLite file's key: from ``db_key`` when given, else from ``key_file``
    # (default ``<home>.key``). Unused with a database URL.
    key_file: Path | None = None
    db_key: bytes | None = field(default=None, repr=False)
    # Reverse proxies trusted to name the client in X-Forwarded-For (addresses or networks).
    trusted_proxies: tuple[str, ...] = ()
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
        env = os.environ
        url = env.get("FIELDREG_SERVER_DATABASE_URL") or None
        key_file = env.get("FIELDREG_SERVER_KEY_FILE") or None
        db_key = env.get("FIELDREG_SERVER_DB_KEY") or None
        return cls(
            home=default_home(),
            database_url=url,
            key_file=Path(key_file).expanduser() if key_file else None,
            db_key=parse_db_key(db_key) if db_key else None,
            trusted_proxies=parse_trusted_proxies(
                env.get("FIELDREG_SERVER_TRUSTED_PROXIES", "")),
        )

    @property
    def encrypted(self) -> bool:
        """True for the default database: the SQLCipher file in ``home``."""
        return not self.database_url

    @property
    def db_path(self) -> Path:
        """The SQLite file in ``home`` (the default database)."""
        return self.home / DB_FILE

    @property
    def key_path(self) -> Path:
        """Where the encrypted file's key is kept: beside the server's folder, not inside it, so
        a copy or a backup of the folder does not carry it."""
        if self.key_file is not None:
            return self.key_file
        home = self.home.expanduser().absolute()
        return home.with_name(home.name + KEY_SUFFIX)

    @property
    def url(self) -> str:
        """The configured database URL, or the default SQLite file's (which db.make_engine
        opens with SQLCipher and its key; the key is never part of this string)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.db_path}"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"
