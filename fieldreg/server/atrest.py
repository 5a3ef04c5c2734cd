"""The office server's database at rest: an SQLCipher file and its key.

The default database (no ``FIELDREG_SERVER_DATABASE_URL``) is ``server.db`` in the server's
folder, encrypted with SQLCipher (AES-256, page HMACs) under a random 256-bit key. The key comes
from ``FIELDREG_SERVER_DB_KEY`` (64 hex digits) or from a key file, by default ``<home>.key``
beside the server's folder (not inside it), created with mode 0600 when the database is created.

What this protects against: a copy of ``server.db`` (or of the server's folder, or a backup of
either) that travels without the key file reveals nothing. It does not protect against someone
who can read the key file too, i.e. who has the server account or an unencrypted disk holding
both; that is what full-disk encryption is for.

A database written by an older release is plain SQLite: it is refused with a message saying how
to encrypt it (``fieldreg-server encrypt-database``, which uses ``sqlcipher_export``) or how to
keep it unencrypted on purpose (a ``sqlite:///`` URL).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from fieldreg.files import fsync_dir
from fieldreg.server.config import ConfigError, Settings

log = logging.getLogger("fieldreg.server")

PLAIN_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32


class DatabaseKeyError(ConfigError):
    """The encrypted database cannot be opened with what we have (no key, a wrong key, a
    damaged key file, a plain database where an encrypted one is expected)."""


def has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def is_plain_sqlite(path: Path) -> bool:
    """True when ``path`` starts with SQLite's clear-text header (an unencrypted database)."""
    try:
        with path.open("rb") as f:
            return f.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form (no PBKDF2 on every connection: the key is random already)."""
    return f"x'{key.hex()}'"


def plain_database_message(settings: Settings) -> str:
    db = settings.db_path
    return (
        f"{db} is an unencrypted SQLite database (from a release before the server encrypted "
        "it). Stop the server and encrypt it with `fieldreg-server encrypt-database` (the key "
        f"goes to {settings.key_path}), or keep it unencrypted on purpose with "
        f"FIELDREG_SERVER_DATABASE_URL=sqlite:///{db}"
    )


def _key_source(settings: Settings) -> str:
    if settings.db_key is not None:
        return "FIELDREG_SERVER_DB_KEY"
    return f"the key file {settings.key_path}"


def read_key_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
        if os.name == "posix" and path.stat().st_mode & 0o077:
            log.warning("the key file %s can be read by other users of this computer: "
                        "chmod 600 %s", path, path)
    except OSError as exc:
        raise DatabaseKeyError(f"cannot read the key file {path}: {exc.strerror or exc}") from exc
    if len(text) != 2 * KEY_BYTES or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise DatabaseKeyError(
            f"the key file {path} is damaged: it must hold the 64 hexadecimal digits written "
            "when the database was created (put back your copy of it)")
    return bytes.fromhex(text)


def create_key_file(path: Path) -> bytes:
    """A new random key in ``path`` (0600), written whole before it appears under its name; when
    another process got there first, its key."""
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, (key.hex() + "\n").encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic, and never over an existing key
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            with contextlib.suppress(FileExistsError):
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                try:
                    os.write(fd, (key.hex() + "\n").encode("ascii"))
                    os.fsync(fd)
                finally:
                    os.close(fd)
        fsync_dir(path.parent)
    except OSError as exc:
        raise DatabaseKeyError(
            f"cannot create the key file {path}: {exc.strerror or exc}. Set "
            "FIELDREG_SERVER_KEY_FILE to a file the server may write, outside its data folder"
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return read_key_file(path)


def _key_or_new(settings: Settings) -> bytes:
    if settings.db_key is not None:
        return settings.db_key
    if settings.key_path.exists():
        return read_key_file(settings.key_path)
    return create_key_file(settings.key_path)


def database_key(settings: Settings) -> bytes:
    """The key of the default database: given, read from the key file, or made with a new key
    file when the database does not exist yet. An existing database is never given a new key."""
    if settings.db_key is None and not settings.key_path.exists() and has_data(settings.db_path):
        if is_plain_sqlite(settings.db_path):
            raise DatabaseKeyError(plain_database_message(settings))
        raise DatabaseKeyError(
            f"{settings.db_path} is encrypted and its key is missing: there is no key file at "
            f"{settings.key_path}. Put back the copy of the key file made when the server was "
            "set up (or point FIELDREG_SERVER_KEY_FILE at it, or give the key in "
            "FIELDREG_SERVER_DB_KEY); without it the database cannot be opened")
    return _key_or_new(settings)


def _connect(path: Path, key: bytes | None) -> Any:
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=2.0)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is an answer, not noise
    if key is not None:
        conn.execute(f"PRAGMA key = \"{key_pragma(key)}\"")
    return conn


def check_opens(settings: Settings, key: bytes) -> None:
    """Prove ``key`` opens the default database before any engine uses it; a clear error
    otherwise (a plain database, or not this database's key)."""
    import sqlcipher3

    path = settings.db_path
    if not has_data(path):
        return
    if is_plain_sqlite(path):
        raise DatabaseKeyError(plain_database_message(settings))
    conn = _connect(path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        raise DatabaseKeyError(
            f"{_key_source(settings)} does not open {path}: it is not this database's key, or "
            "the file is damaged. Use the key file made with this database "
            "(FIELDREG_SERVER_KEY_FILE) or its key (FIELDREG_SERVER_DB_KEY)") from exc
    finally:
        conn.close()


def _tables(conn: Any) -> dict[str, int]:
    names = [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _in_use(db: Path) -> bool:
    """True when another process has ``db`` open in WAL mode. SQLite holds a shared lock on
    the ``-shm`` file's "DMS" byte (offset 128) for as long as a connection is open, even idle
    (transaction locks would miss an idle server). POSIX only; elsewhere only the switch out
    of WAL (which fails during a transaction) checks, so the server must be stopped."""
    shm = db.with_name(db.name + "-shm")
    if os.name == "nt" or not shm.exists():
        return False
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)


def _export(settings: Settings, tmp: Path,
            in_use: DatabaseKeyError) -> tuple[dict[str, int], bytes]:
    """``sqlcipher_export`` of the plain database into ``tmp`` under the key (made if need be);
    the row count of each table and the key."""
    import sqlcipher3

    db = settings.db_path
    plain = _connect(db, None)
    try:
        try:
            # Out of WAL: no transaction in progress, and the whole database in its one file.
            mode = plain.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlcipher3.OperationalError as exc:
            raise in_use from exc
        if str(mode).lower() != "delete":
            raise in_use
        if plain.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DatabaseKeyError(f"{db} is damaged (quick_check failed); nothing was changed")
        counts = _tables(plain)
        user_version = plain.execute("PRAGMA user_version").fetchone()[0]
        key = _key_or_new(settings)  # only once the database is known to be free and sound
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"{key_pragma(key)}\"", (str(tmp),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    return counts, key


def encrypt_plain_database(settings: Settings) -> str:
    """Encrypt an unencrypted ``server.db`` in place (``sqlcipher_export`` into a new file,
    checked, then swapped in) under the configured key, or a new key file's; where the key
    is, in words. The server must be stopped: a database another process has open is refused
    untouched."""
    import sqlcipher3

    db = settings.db_path
    if not settings.encrypted:
        raise DatabaseKeyError("FIELDREG_SERVER_DATABASE_URL is set: that database is not the "
                               "server's SQLite file, there is nothing to encrypt here")
    if not has_data(db):
        raise DatabaseKeyError(f"there is no database at {db}")
    if not is_plain_sqlite(db):
        raise DatabaseKeyError(f"{db} is already encrypted")
    in_use = DatabaseKeyError(f"{db} is in use: stop the server (and every fieldreg-server "
                              "command) first; nothing was changed")
    if _in_use(db):
        raise in_use
    tmp = db.with_name(db.name + ".encrypting")
    leftovers = (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm", "-journal")))
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    try:
        counts, key = _export(settings, tmp, in_use)
        enc = _connect(tmp, key)
        try:
            bad = enc.execute("PRAGMA cipher_integrity_check").fetchall()
            ok = enc.execute("PRAGMA quick_check").fetchone()[0]
            if bad or ok != "ok" or _tables(enc) != counts:
                raise DatabaseKeyError(f"the encrypted copy of {db} did not check out; "
                                       "nothing was changed")
            enc.execute("PRAGMA journal_mode = WAL")
        finally:
            enc.close()
    except BaseException as exc:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        if isinstance(exc, sqlcipher3.Error):
            raise DatabaseKeyError(f"{db} could not be encrypted ({type(exc).__name__}); "
                                   "nothing was changed") from exc
        raise
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, db)
    fsync_dir(db.parent)
    return _key_source(settings)
