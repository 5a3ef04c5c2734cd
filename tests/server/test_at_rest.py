"""The office server's database at rest: the default SQLite file is SQLCipher under a key from a
key file beside (not inside) the server's folder. A NIK pushed to it is not in the file's bytes;
it opens again with its key, and without it (or with another key) it is refused with a clear
message; an unencrypted database from an older release is refused untouched until it is
encrypted (``fieldreg-server encrypt-database``), or used as it is by explicit choice."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from fieldreg.domain.registration import Registration
from fieldreg.server import atrest
from fieldreg.server import db as server_db
from fieldreg.server import models as m
from fieldreg.server.app import create_app
from fieldreg.server.config import ConfigError, Settings, parse_db_key
from fieldreg.server.db import Database
from fieldreg.server.service import admin
from tests.live_server import AdminCommandFailed, LiveServer
from tests.server.conftest import ADMIN, DISTRICT, TODAY, Clock, Laptop, new_code
from tools.sample_data import SampleFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def office(tmp_path: Path) -> Settings:
    """The single-laptop office server's default: no database URL."""
    return Settings(home=tmp_path / "server", clock=Clock(), today=lambda: TODAY)


@pytest.fixture
def factory() -> SampleFactory:
    return SampleFactory(seed=11, today=TODAY)


def push_one(settings: Settings, factory: SampleFactory) -> Registration:
    """A district, an enrolled laptop and one registration pushed to it over HTTP."""
    db = Database.open(settings)
    try:
        admin.add_district(db, settings, DISTRICT, "Muaro Jambi", actor=ADMIN)
        with TestClient(create_app(settings, database=db)) as client:
            laptop = Laptop(client, factory)
            assert laptop.enrol(new_code(db, settings)).status_code == 200
            reg = laptop.registration()
            [result] = laptop.results(laptop.entry(reg))
            assert result["outcome"] == "applied", result
    finally:
        db.close()
    return reg


def folder_bytes(folder: Path) -> bytes:
    """Every byte of every file under ``folder`` (database, WAL, logs…)."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def niks(settings: Settings) -> list[str]:
    db = Database.open(settings)
    try:
        with db.reader() as s:
            return list(s.scalars(select(m.Registration.nik)))
    finally:
        db.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_server_cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "FIELDREG_SERVER_HOME": str(home), **env}
    full.pop("FIELDREG_SERVER_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "fieldreg.server", *args], env=full,
                          capture_output=True, text=True, timeout=120)


def test_the_office_database_holds_no_nik_in_clear_and_opens_only_with_its_key(
    office: Settings, factory: SampleFactory, tmp_path: Path
) -> None:
    reg = push_one(office, factory)

    blob = folder_bytes(office.home)
    assert reg.data.nik.encode() not in blob
    assert reg.data.full_name.encode() not in blob
    assert not office.db_path.read_bytes().startswith(atrest.PLAIN_HEADER)
    # The key file: made at the first start, beside the server's folder and not inside it.
    key_file = office.key_path
    assert key_file == tmp_path / "server.key"
    assert office.home not in key_file.parents
    if os.name == "posix":
        assert key_file.stat().st_mode & 0o777 == 0o600

    # After a restart, with the key, everything is there.
    assert niks(office) == [reg.data.nik]

    # Without the key file: refused, saying what is missing; no new key made for it.
    kept = key_file.rename(tmp_path / "kept-elsewhere.key")
    before = sha256(office.db_path)
    with pytest.raises(atrest.DatabaseKeyError) as missing:
        Database.open(office)
    message = str(missing.value)
    assert "key is missing" in message and str(key_file) in message
    assert "FIELDREG_SERVER_KEY_FILE" in message
    assert not key_file.exists()
    assert sha256(office.db_path) == before

    # Another key: refused, and says so.
    with pytest.raises(atrest.DatabaseKeyError) as wrong:
        Database.open(replace(office, db_key=os.urandom(32)))
    assert "does not open" in str(wrong.value) and "FIELDREG_SERVER_DB_KEY" in str(wrong.value)
    assert sha256(office.db_path) == before

    # The key from wherever it is kept: its file named, or the key itself.
    assert niks(replace(office, key_file=kept)) == [reg.data.nik]
    hex_key = kept.read_text().strip()
    assert niks(replace(office, db_key=parse_db_key(hex_key))) == [reg.data.nik]


def test_the_command_line_refuses_a_database_without_its_key(
    office: Settings, factory: SampleFactory, tmp_path: Path
) -> None:
    push_one(office, factory)
    server = LiveServer(office.home)
    assert "15.05" in server.admin("district", "list")  # its key file: fine
    office.key_path.rename(tmp_path / "elsewhere.key")
    with pytest.raises(AdminCommandFailed) as caught:
        server.admin("district", "list")
    assert caught.value.returncode == 2
    assert caught.value.stderr.startswith("error: ")
    assert "key is missing" in caught.value.stderr and "Traceback" not in caught.value.stderr
    bad = run_server_cli(office.home, "district", "list", FIELDREG_SERVER_DB_KEY="12ab")
    assert bad.returncode == 2 and "64 hexadecimal digits" in bad.stderr
    right = run_server_cli(office.home, "district", "list",
                           FIELDREG_SERVER_KEY_FILE=str(tmp_path / "elsewhere.key"))
    assert right.returncode == 0 and "15.05" in right.stdout


def test_a_damaged_key_file_is_named(office: Settings, factory: SampleFactory) -> None:
    push_one(office, factory)
    office.key_path.write_text("not a key\n")
    with pytest.raises(atrest.DatabaseKeyError, match="is damaged"):
        Database.open(office)


def test_an_unencrypted_database_is_refused_untouched_then_encrypted(
    office: Settings, factory: SampleFactory
) -> None:
    # An older release's database, or one kept plain by explicit choice (a sqlite:/// URL).
    plain = replace(office, database_url=f"sqlite:///{office.db_path}")
    reg = push_one(plain, factory)
    assert reg.data.nik.encode() in folder_bytes(office.home)  # what the change is about
    before = sha256(office.db_path)

    with pytest.raises(atrest.DatabaseKeyError) as caught:
        Database.open(office)
    message = str(caught.value)
    assert "unencrypted" in message and "fieldreg-server encrypt-database" in message
    assert f"FIELDREG_SERVER_DATABASE_URL=sqlite:///{office.db_path}" in message
    assert sha256(office.db_path) == before and not office.key_path.exists()
    assert niks(plain) == [reg.data.nik]  # the explicit plain choice still works

    done = run_server_cli(office.home, "encrypt-database")
    assert done.returncode == 0, done.stderr
    assert str(office.key_path) in done.stdout
    assert reg.data.nik.encode() not in folder_bytes(office.home)
    assert not office.db_path.read_bytes().startswith(atrest.PLAIN_HEADER)
    assert not list(office.home.glob("*.encrypting*"))
    assert niks(office) == [reg.data.nik]
    db = Database.open(office)
    try:
        assert server_db.current_revision(db.engine) == server_db.HEAD
        with db.reader() as s:
            assert s.scalar(select(func.count()).select_from(m.Device)) == 1
            assert s.scalar(select(func.count()).select_from(m.Receipt)) == 1
    finally:
        db.close()

    again = run_server_cli(office.home, "encrypt-database")
    assert again.returncode == 2 and "already encrypted" in again.stderr


@pytest.mark.skipif(os.name != "posix", reason="the in-use check reads POSIX locks")
def test_encrypting_refuses_a_database_a_running_server_has_open(
    office: Settings, factory: SampleFactory
) -> None:
    plain_url = f"sqlite:///{office.db_path}"
    push_one(replace(office, database_url=plain_url), factory)
    server = LiveServer(office.home, database_url=plain_url)
    server.start()  # up, and idle between requests
    try:
        before = sha256(office.db_path)
        refused = run_server_cli(office.home, "encrypt-database")
        assert refused.returncode == 2 and "in use" in refused.stderr, refused.stderr
        assert sha256(office.db_path) == before and not office.key_path.exists()
    finally:
        server.stop()
    assert atrest.encrypt_plain_database(office) == f"the key file {office.key_path}"
    assert len(niks(office)) == 1


def test_alembic_from_the_command_line_migrates_the_encrypted_file(office: Settings) -> None:
    env = {**os.environ, "FIELDREG_SERVER_HOME": str(office.home)}
    env.pop("FIELDREG_SERVER_DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ROOT / "fieldreg/server/alembic.ini"),
         "upgrade", "head"], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert office.key_path.exists()
    assert not office.db_path.read_bytes().startswith(atrest.PLAIN_HEADER)
    db = Database.open(office, migrate=False)
    try:
        assert server_db.current_revision(db.engine) == server_db.HEAD
    finally:
        db.close()


def test_a_database_url_never_makes_a_key_file(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "server",
                        database_url=f"sqlite:///{tmp_path / 'server' / 'server.db'}")
    Database.open(settings).close()
    assert not settings.key_path.exists()
    assert (tmp_path / "server" / "server.db").read_bytes().startswith(atrest.PLAIN_HEADER)


def test_malformed_keys_are_refused_with_a_clear_message() -> None:
    for bad in ("", "12", "zz" * 32, "ab" * 33):
        with pytest.raises(ConfigError, match="64 hexadecimal digits"):
            parse_db_key(bad)
    assert parse_db_key(" " + "AB" * 32 + "\n") == b"\xab" * 32


@pytest.fixture(autouse=True)
def _no_server_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("FIELDREG_SERVER_KEY_FILE", "FIELDREG_SERVER_DB_KEY",
                 "FIELDREG_SERVER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_key_file_others_can_read_is_named_in_the_log(
    office: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    Database.open(office).close()
    caplog.set_level("WARNING", logger="fieldreg.server")
    Database.open(office).close()
    assert not caplog.records  # made 0600: nothing to say
    office.key_path.chmod(0o644)
    Database.open(office).close()
    [record] = caplog.records
    assert "chmod 600" in record.getMessage() and str(office.key_path) in record.getMessage()
    assert office.key_path.read_text().strip() not in record.getMessage()
