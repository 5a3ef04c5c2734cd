"""Card revocation scoped to its issuer, on SQLite and PostgreSQL: a laptop revokes only the
cards it issued (its records' participant numbers, or numbers its key made), in its own
district; anything else is ignored and audited; a bogus row never swallows the issuer's own
revocation; the pull hands a district only its own; the district revokes a card too; and
migration 0002 drops the revocations that did not come from the card's issuer."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import httpx
import pytest
from alembic import command
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from fieldreg.domain import participant_number
from fieldreg.server import db as server_db
from fieldreg.server import models as m
from fieldreg.server.config import Settings, local_today
from fieldreg.server.db import Database
from fieldreg.server.service import admin, revocation
from fieldreg.server.service.common import FeedBuffer
from fieldreg.server.service.errors import AdminError
from tests.live_server import AdminCommandFailed, LiveServer, live_server
from tests.server.conftest import ADMIN, DISTRICT, Laptop, new_code, raw_key
from tools.sample_data import SampleFactory

__all__ = ["live_server"]  # the fixture

OTHER = "15.71"  # Kota Jambi


def serial(laptop: Laptop, generation: int = 1) -> str:
    """A serial of a card ``laptop`` printed (its next participant number)."""
    laptop.number_seq += 1
    number = participant_number.make(laptop.public_key, laptop.number_seq)
    return f"{number}-{generation}"


def stored(db: Database) -> set[tuple[str, str, str]]:
    with db.reader() as s:
        return {(r.district_code, r.serial, r.device_id)
                for r in s.scalars(select(m.RevokedSerial))}


def refusals(db: Database) -> list[dict[str, object]]:
    with db.reader() as s:
        return [{"actor": a.actor, **json.loads(a.detail)} for a in s.scalars(
            select(m.Audit).where(m.Audit.action == "card.revocation_refused")
            .order_by(m.Audit.id))]


@pytest.fixture
def stranger(client: TestClient, db: Database, settings: Settings,
             factory: SampleFactory) -> Laptop:
    """A laptop of another district."""
    admin.add_district(db, settings, OTHER, "Kota Jambi", actor=ADMIN)
    laptop = Laptop(client, factory, name="Laptop Kota")
    laptop.district = OTHER
    assert laptop.enrol(new_code(db, settings, OTHER)).status_code == 200
    return laptop


def test_a_laptop_revokes_its_own_cards_only_and_a_refusal_is_audited(
    db: Database, enrolled: Laptop, second: Laptop
) -> None:
    cursor = second.pull()["cursor"]
    reg = enrolled.registration()
    assert enrolled.results(enrolled.entry(reg))[0]["outcome"] == "applied"
    sent_record = f"{reg.participant_number}-1"  # its record is on the server
    not_sent = serial(enrolled)  # a card printed before its record was sent
    r = enrolled.push(serials=[sent_record, not_sent, sent_record])
    assert r.status_code == 200 and r.json()["serials_refused"] == 0
    assert stored(db) == {(DISTRICT, sent_record, enrolled.device_id),
                          (DISTRICT, not_sent, enrolled.device_id)}
    assert second.pull(cursor)["revoked_serials"] == [sent_record, not_sent]
    assert refusals(db) == []

    # Another laptop of the district tries the same, and others of the first laptop's.
    cursor = enrolled.pull()["cursor"]
    other = enrolled.registration()
    enrolled.results(enrolled.entry(other))
    victims = [f"{other.participant_number}-1", serial(enrolled), "SER-1", sent_record]
    r = second.push(serials=victims)
    assert r.status_code == 200  # not the laptop's fault: nothing for it to fix …
    assert r.json()["serials_refused"] == 4  # … but it hears that they were not taken
    assert len(stored(db)) == 2  # nothing added
    assert enrolled.pull(cursor)["revoked_serials"] == []
    [refused] = refusals(db)
    assert refused["actor"] == f"device:{second.device_id}"
    assert refused["count"] == 4 and refused["serials"] == victims


def test_a_bogus_revocation_never_swallows_the_issuers_own(
    db: Database, enrolled: Laptop, second: Laptop, stranger: Laptop
) -> None:
    home = second.pull()["cursor"]
    away = stranger.pull()["cursor"]
    card = serial(enrolled)
    # A laptop of another district pushes the card's serial first …
    assert stranger.push(serials=[card]).status_code == 200
    # … then the issuer revokes it for real: it reaches the issuer's district, and only it.
    assert enrolled.push(serials=[card]).status_code == 200
    assert stored(db) == {(DISTRICT, card, enrolled.device_id)}
    assert second.pull(home)["revoked_serials"] == [card]
    assert stranger.pull(away)["revoked_serials"] == []
    # Each district pulls its own revocations, and only those.
    theirs = serial(stranger)
    stranger.push(serials=[theirs])
    assert stranger.pull(away)["revoked_serials"] == [theirs]
    assert enrolled.pull()["revoked_serials"] == [card]


def test_the_district_revokes_a_card(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    cursor = second.pull()["cursor"]
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    number = reg.participant_number
    assert number is not None
    printed = f"{participant_number.display(number)}-2"  # as on the card's back
    card = revocation.revoke_by_district(db, settings, printed, reason="Kartu dicuri",
                                         actor=ADMIN)
    assert (card.serial, card.district, card.device_id) == (f"{number}-2", DISTRICT,
                                                            enrolled.device_id)
    not_sent = serial(enrolled)  # no record yet: the device whose key made the number
    revocation.revoke_by_district(db, settings, not_sent, reason="Salah cetak", actor=ADMIN)
    assert second.pull(cursor)["revoked_serials"] == [f"{number}-2", not_sent]
    # the issuer pushing the same serial later changes nothing and is no refusal
    assert enrolled.push(serials=[not_sent]).status_code == 200
    assert len(stored(db)) == 2 and refusals(db) == []
    with db.reader() as s:
        actions = [a.action for a in s.scalars(select(m.Audit).where(
            m.Audit.action == "card.revoked"))]
    assert actions == ["card.revoked", "card.revoked"]
    with pytest.raises(AdminError, match="already revoked"):
        revocation.revoke_by_district(db, settings, not_sent, reason="x", actor=ADMIN)
    with pytest.raises(AdminError, match="not a card serial"):
        revocation.revoke_by_district(db, settings, "SER-1", reason="x", actor=ADMIN)
    with pytest.raises(AdminError, match="reason"):
        revocation.revoke_by_district(db, settings, not_sent, reason=" ", actor=ADMIN)
    unknown = f"{participant_number.make(b'k' * 32, 1)}-1"
    with pytest.raises(AdminError, match="no enrolled device"):
        revocation.revoke_by_district(db, settings, unknown, reason="x", actor=ADMIN)


def test_migration_0002_keeps_only_the_issuers_revocations(settings: Settings) -> None:
    database = Database.open(settings, migrate=False)
    try:
        engine = database.engine
        server_db.upgrade(engine, "0001_initial")
        keys = [raw_key_of(i) for i in range(2)]
        ids = [str(uuid.uuid4()) for _ in keys]
        number = participant_number.make(keys[0], 7)
        at = datetime(2026, 1, 10, 8, 0)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO district (code, name, feed_seq, created_at) "
                              "VALUES ('15.05', 'Muaro Jambi', 0, :at)"), {"at": at})
            for i, (device_id, key) in enumerate(zip(ids, keys, strict=True)):
                conn.execute(text(
                    "INSERT INTO device (id, district_code, name, public_key, number_prefix, "
                    "token_hash, enrolled_at, app_version, applied_through) VALUES (:id, "
                    "'15.05', :name, :key, :prefix, :token, :at, '', 0)"),
                    {"id": device_id, "name": f"Laptop {i}", "key": key, "at": at,
                     "prefix": participant_number.device_part(key), "token": f"{i:064d}"})
            rows = [(f"{number}-1", ids[0]),  # the issuer's: kept
                    (f"{participant_number.make(keys[0], 8)}-1", ids[1]),  # another's: dropped
                    ("SER-1", ids[1])]  # not a serial: dropped
            for s, device_id in rows:
                conn.execute(text("INSERT INTO revoked_serial (serial, district_code, "
                                  "device_id, at) VALUES (:s, '15.05', :d, :at)"),
                             {"s": s, "d": device_id, "at": at})
        assert server_db.upgrade(engine) is True
        assert server_db.current_revision(engine) == server_db.HEAD
        assert stored(database) == {("15.05", f"{number}-1", ids[0])}
        [refused] = refusals(database)
        assert refused["actor"] == "migration:0002" and refused["count"] == 2
        # and back: the old schema again, with the rows that stood
        cfg = server_db.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001_initial")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT serial FROM revoked_serial")).scalars().all() == [
                f"{number}-1"]
    finally:
        database.close()


def raw_key_of(i: int) -> bytes:
    return raw_key(Ed25519PrivateKey.from_private_bytes(bytes([i + 1]) * 32))


def test_the_pull_hands_only_revocations_that_stand_in_the_district(
    db: Database, enrolled: Laptop, second: Laptop
) -> None:
    # Feed entries left from before migration 0002 whose rows it dropped (or any other
    # district's serial) are not handed out.
    cursor = second.pull()["cursor"]
    mine = serial(enrolled)
    enrolled.push(serials=[mine])
    with db.writer() as s:
        feed = FeedBuffer()
        for ref in ("SER-1", serial(second), mine):
            feed.add(DISTRICT, m.FEED_SERIAL, ref)
        feed.flush(s)
        s.commit()
    assert second.pull(cursor)["revoked_serials"] == [mine]


def test_fieldreg_server_cards_revoke(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        laptop = Laptop(http, SampleFactory(seed=7, today=local_today()))
        assert laptop.enrol(live_server.enrolment_code()).status_code == 200
        cursor = laptop.pull()["cursor"]
        card = serial(laptop)
        out = live_server.admin("cards", "revoke", card, "--reason", "Kartu hilang")
        assert card in out and "15.05" in out and laptop.device_id in out
        assert laptop.pull(cursor)["revoked_serials"] == [card]
    with pytest.raises(AdminCommandFailed) as caught:
        live_server.admin("cards", "revoke", card, "--reason", "lagi")
    assert caught.value.returncode == 2 and "already revoked" in caught.value.stderr
    assert "card.revoked" in live_server.admin("audit")


def test_a_transferred_laptop_revokes_the_cards_of_the_laptop_it_came_from(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    # ``second`` is a backup of ``enrolled`` restored onto another machine (a new key): it
    # reprints the old laptop's cards, whose serials carry the old laptop's numbers.
    from fieldreg.server.service.transfer import transfer_device

    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    on_server, not_sent = f"{reg.participant_number}-1", serial(enrolled)
    second.push(serials=[on_server, not_sent])
    assert stored(db) == set()  # not before the district links them
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN,
                    still_in_use=True)  # the first laptop goes on working
    second.push(serials=[on_server, not_sent])
    assert stored(db) == {(DISTRICT, on_server, second.device_id),
                          (DISTRICT, not_sent, second.device_id)}
    # the transfer goes one way
    enrolled.push(serials=[serial(second)])
    assert len(stored(db)) == 2
