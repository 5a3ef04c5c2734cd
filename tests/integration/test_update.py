"""Installing a newer release over an older one: its database, with records queued, opens,
is backed up, migrates, and keeps its queue, which then reaches the district server.

The older database is not imitated: ``tests/fixtures/release-0.1.0`` was written by release
0.1.0's own code (``tests/fixtures/make_release_db.py`` says how), with ``expected.json`` holding
what that release saw.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from fieldreg import __version__
from fieldreg.services import accounts, backups, sync
from fieldreg.services.errors import ServiceError
from fieldreg.store import migrate, snapshot
from tests.live_server import LiveServer, live_server  # noqa: F401  (fixture)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RELEASES = sorted(p.name for p in FIXTURES.glob("release-*") if p.is_dir())


@pytest.fixture(params=RELEASES)
def old_home(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, dict]]:
    src = FIXTURES / request.param
    home = tmp_path / "home"
    shutil.copytree(src / "home", home)
    yield home, json.loads((src / "expected.json").read_text())


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _rows(ctx: Any, sql: str) -> list[dict[str, Any]]:
    with ctx.db.reader() as uow:
        return [dict(r._mapping) for r in uow.session.connection().execute(text(sql))]


def test_there_is_a_previous_release_to_update_from() -> None:
    assert "release-0.1.0" in RELEASES


def test_an_older_database_is_backed_up_then_migrated_and_keeps_its_queue(
        old_home: tuple[Path, dict]) -> None:
    home, expected = old_home
    before = _sha(home / "fieldreg.db")
    assert not (home / "backups").exists()

    ctx = accounts.unlock(home, expected["volunteer"], expected["password"])
    try:
        assert migrate.current_revision(ctx.db.engine) == migrate.HEAD
        records = _rows(ctx, "SELECT id, status, version, participant_number FROM registration "
                             "ORDER BY id")
        assert records == expected["records"]
        outbox = _rows(ctx, "SELECT seq, record_id, version, payload_hash, state FROM outbox "
                            "ORDER BY seq")
        assert outbox == expected["outbox"]  # same seqs, same payloads, still queued
        assert _rows(ctx, "SELECT count(*) AS n FROM card_print")[0]["n"] == \
            expected["card_prints"]
        with ctx.db.reader() as uow:
            assert __version__ in [r.version for r in uow.device.releases()]
    finally:
        ctx.close()

    # The copy taken before the migration is the old database, whole, at the old schema.
    made = backups.list_backups(home / "backups")
    assert [b.reason for b in made] == ["before-migration"]
    info = made[0]
    assert info.schema == expected["schema"]
    assert info.records == len(expected["records"])
    assert info.queued == sum(1 for o in expected["outbox"] if o["state"] == "pending")
    # Opening it again does not take another copy (nothing left to migrate).
    accounts.unlock(home, expected["volunteer"], expected["password"]).close()
    assert len(backups.list_backups(home / "backups")) == 1
    assert _sha(home / "fieldreg.db") != before


def test_the_old_queue_reaches_the_server_after_the_update(
        old_home: tuple[Path, dict], live_server: LiveServer) -> None:  # noqa: F811
    home, expected = old_home
    ctx = accounts.unlock(home, expected["volunteer"], expected["password"])
    try:
        sync.enrol(ctx, live_server.url, live_server.enrolment_code())
        report = sync.sync(ctx)
        assert report.ok, report
        assert _rows(ctx, "SELECT count(*) AS n FROM outbox WHERE state = 'pending'")[0]["n"] == 0
        statuses = {r["id"]: r["status"] for r in _rows(ctx, "SELECT id, status FROM registration")}
    finally:
        ctx.close()
    for r in expected["records"]:
        if r["status"] == "ready":
            assert statuses[r["id"]] == "accepted", r
        else:  # drafts stay on the laptop; a voided record stays voided
            assert statuses[r["id"]] == r["status"], r


def test_a_database_from_a_newer_release_is_refused_untouched(
        old_home: tuple[Path, dict]) -> None:
    home, expected = old_home
    ctx = accounts.unlock(home, expected["volunteer"], expected["password"])
    with ctx.db.uow() as uow:
        uow.session.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        uow.commit()
    ctx.close()
    before = _sha(home / "fieldreg.db")
    with pytest.raises(ServiceError) as err:
        accounts.unlock(home, expected["volunteer"], expected["password"])
    assert err.value.code == "database_newer"
    assert _sha(home / "fieldreg.db") == before


def test_no_migration_without_its_backup(old_home: tuple[Path, dict]) -> None:
    """When the copy cannot be written (here: ``backups`` is a file, as a full disk would
    refuse it), the database is not migrated and the refusal says why."""
    home, expected = old_home
    (home / "backups").write_text("not a folder")
    with pytest.raises(ServiceError) as err:
        accounts.unlock(home, expected["volunteer"], expected["password"])
    assert err.value.code == "backup_failed"
    (home / "backups").unlink()
    # Still the old schema, readable by the old release: nothing was changed.
    keyfile_key = _key(home, expected)
    assert snapshot.facts(home / "fieldreg.db", keyfile_key).revision == expected["schema"]


def _key(home: Path, expected: dict) -> bytes:
    from fieldreg.store.keyslots import KeyFile

    kf = KeyFile.load(home / "keyslots.json")
    slot = accounts.find_slot(kf, expected["volunteer"])
    return kf.open_password(slot.volunteer_id, expected["password"])


def test_the_fixture_is_really_encrypted(old_home: tuple[Path, dict]) -> None:
    home, _ = old_home
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(home / "fieldreg.db").execute("SELECT * FROM sqlite_master").fetchall()
