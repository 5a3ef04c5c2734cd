"""Alembic migrations of the local database: head equals the models, and an upgrade keeps a
database with a full queue intact (records, outbox entries with their seq and hash)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from fieldreg.domain.codes import Programme
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import (
    Registration,
    canonical_json,
    new_id,
    payload_hash,
    to_payload,
)
from fieldreg.paths import DB_FILE
from fieldreg.services import accounts, registrations
from fieldreg.services.context import Context
from fieldreg.store import migrate
from fieldreg.store.engine import open_engine
from fieldreg.store.models import Base
from fieldreg.store.repositories import SearchFilter
from fieldreg.store.uow import Database
from tools.sample_data import SampleFactory


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_engine(tmp_path / "fieldreg.db", secrets.token_bytes(32))
    try:
        yield eng
    finally:
        eng.dispose()


def diff_against_models(engine: Engine) -> list[Any]:
    """Differences between the database and the models, through the migrations' own env.py
    (so its include_name filter, which leaves out the FTS tables, is the one in force)."""
    cfg = migrate.alembic_config()
    script = ScriptDirectory.from_config(cfg)
    diffs: list[Any] = []

    def compare(_rev: object, context: MigrationContext) -> list[Any]:
        diffs.extend(compare_metadata(context, Base.metadata))
        return []

    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        with EnvironmentContext(cfg, script, fn=compare):
            script.run_env()
    return diffs


def test_head_constant_is_the_scripts_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.HEAD]  # one head, and it is HEAD
    assert script.get_current_head() == migrate.HEAD


def test_every_revision_has_a_downgrade_and_a_parent_chain() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revs = list(script.walk_revisions())
    assert revs[-1].revision == "0001_initial" and revs[-1].down_revision is None
    for rev in revs:
        assert callable(getattr(rev.module, "downgrade", None)), rev.revision


def test_a_migrated_database_equals_the_models(engine: Engine) -> None:
    assert migrate.current_revision(engine) is None
    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.HEAD
    assert diff_against_models(engine) == []
    assert migrate.upgrade(engine) is False  # already at head: nothing to do
    with engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert {"registration_fts", "registration_fts_ai", "registration_fts_au",
            "registration_fts_ad"} <= names


def test_the_comparison_sees_a_difference(engine: Engine) -> None:
    """Guards the test above: a database that differs from the models is reported."""
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_registration_village_code")
        conn.exec_driver_sql("ALTER TABLE audit ADD COLUMN extra TEXT")
    kinds = {d[0] if isinstance(d, tuple) else d[0][0] for d in diff_against_models(engine)}
    assert {"add_index", "remove_column"} <= kinds


# ---------------------------------------------------------------- a full queue survives


def _dt(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S.%f")


def fill_at_0001(engine: Engine, factory: SampleFactory, n: int = 60) -> dict[str, Any]:
    """Raw SQL, as a 0001 database in the field would hold it: a device, a volunteer,
    registrations (drafts, ready, sent, voided) with heirs, and a long outbox queue."""
    device, volunteer = new_id(), new_id()
    t0 = datetime(2026, 1, 15, 8, 0)
    regs: list[Registration] = []
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO device (id, name, regency_code, created_at, signing_key, "
                 "public_key) VALUES (:id, 'Laptop Lama', '15.05', :at, :k, :p)"),
            {"id": device, "at": _dt(t0), "k": b"\x01" * 32, "p": b"\x02" * 32},
        )
        conn.execute(
            text("INSERT INTO volunteer (id, name, role, created_at, active) "
                 "VALUES (:id, 'Budi', 'supervisor', :at, 1)"),
            {"id": volunteer, "at": _dt(t0)},
        )
        statuses = [St.READY, St.READY, St.SENT, St.DRAFT, St.VOIDED, St.ACCEPTED]
        for i in range(n):
            data = factory.data(volunteer_id=volunteer)
            status = statuses[i % len(statuses)]
            at = t0 + timedelta(minutes=i)
            reg = Registration(
                id=new_id(), device_id=device, volunteer_id=volunteer, created_at=at,
                updated_at=at, version=1 + i % 3, status=status, data=data,
                village_name="Sungai Bertam", regions_version="2025",
            )
            regs.append(reg)
            d = data
            conn.execute(
                text(
                    "INSERT INTO registration (id, device_id, volunteer_id, created_at, "
                    "updated_at, version, status, nik, full_name, name_key, birth_place, "
                    "birth_date, sex, mother_maiden_name, kk_number, street, rt, rw, "
                    "village_code, village_name, regions_version, phone, email, "
                    "work_location, occupation_code, sector, reported_income, programmes, "
                    "funding_source, coverage_start, coverage_end, consent_at, consent_method, "
                    "consent_notice_version, consent_volunteer_id, void_reason, outcome_code, "
                    "outcome_detail) VALUES (:id, :device, :vol, :at, :at, :version, :status, "
                    ":nik, :name, :key, :bp, :bd, :sex, :mother, '', :street, :rt, :rw, :village, "
                    "'Sungai Bertam', '2025', :phone, '', '', :occ, 'other', :income, "
                    ":programmes, :funding, :cs, :ce, :consent_at, 'screen', '2026-01', :vol, "
                    ":void, '', '{}')"
                ),
                {
                    "id": reg.id, "device": device, "vol": volunteer, "at": _dt(at),
                    "version": reg.version, "status": status.value, "nik": d.nik,
                    "name": d.full_name, "key": d.full_name.upper(), "bp": d.birth_place,
                    "bd": d.birth_date.isoformat() if d.birth_date else None,
                    "sex": d.sex.value if d.sex else None, "mother": d.mother_maiden_name,
                    "street": d.street, "rt": d.rt, "rw": d.rw, "village": d.village_code,
                    "phone": d.phone, "occ": d.occupation_code, "income": d.reported_income,
                    "programmes": Programme.format_set(d.programmes),
                    "funding": d.funding_source.value if d.funding_source else None,
                    "cs": d.coverage_start.isoformat() if d.coverage_start else None,
                    "ce": d.coverage_end.isoformat() if d.coverage_end else None,
                    "consent_at": _dt(at),
                    "void": "Pindah" if status is St.VOIDED else "",
                },
            )
            for pos, h in enumerate(d.heirs):
                conn.execute(
                    text("INSERT INTO heir (registration_id, position, name, relation, nik, "
                         "phone) VALUES (:r, :p, :n, :rel, '', '')"),
                    {"r": reg.id, "p": pos, "n": h.name,
                     "rel": h.relationship.value if h.relationship else None},
                )
            if status is St.DRAFT:
                continue
            for version in range(1, reg.version + 1):  # one entry per version written
                payload = to_payload(Registration(**{**reg.__dict__, "version": version}))
                state = "done" if status is not St.READY and version < reg.version else "pending"
                if i == 7:
                    state = "quarantined"
                conn.execute(
                    text("INSERT INTO outbox (record_id, version, base_version, payload, "
                         "payload_hash, created_at, state) VALUES (:r, :v, NULL, :p, :h, :at, "
                         ":s)"),
                    {"r": reg.id, "v": version, "p": canonical_json(payload),
                     "h": payload_hash(payload), "at": _dt(at), "s": state},
                )
        # the newest entry was deleted (acknowledged and pruned): its seq must never return
        last = conn.execute(text("SELECT max(seq) FROM outbox")).scalar_one()
        conn.execute(text("DELETE FROM outbox WHERE seq = :s"), {"s": last})
    return {"regs": regs, "deleted_seq": last, "device": device, "volunteer": volunteer}


def snapshot(engine: Engine) -> dict[str, list[dict]]:
    with engine.connect() as conn:
        return {
            table: [
                dict(r)
                for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1").mappings()
            ]
            for table in ("device", "volunteer", "registration", "heir", "outbox", "audit")
        }


def _without(rows: list[dict], *columns: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in columns} for r in rows]


def test_upgrade_from_0001_keeps_every_record_and_the_whole_queue(
    engine: Engine, factory: SampleFactory
) -> None:
    migrate.upgrade(engine, "0001_initial")
    assert migrate.current_revision(engine) == "0001_initial"
    filled = fill_at_0001(engine, factory)
    before = snapshot(engine)
    assert len(before["registration"]) == 60
    assert len(before["outbox"]) > 60

    assert migrate.upgrade(engine) is True
    assert migrate.current_revision(engine) == migrate.HEAD
    after = snapshot(engine)
    # 0003 adds participant numbers: every record that left draft gets one, in creation order,
    # and its still-pending outbox entries carry it (re-hashed); nothing else changes.
    for table in ("volunteer", "heir", "audit"):
        assert after[table] == before[table]
    assert _without(after["device"], "participant_seq") == before["device"]
    assert _without(after["registration"], "participant_number") == _without(
        before["registration"], "participant_number"
    )
    numbered = [r for r in after["registration"] if r["status"] != "draft"]
    assert all(r["participant_number"] for r in numbered)
    assert len({r["participant_number"] for r in numbered}) == len(numbered)
    assert after["device"][0]["participant_seq"] == len(numbered)
    assert all(r["participant_number"] is None
               for r in after["registration"] if r["status"] == "draft")
    number_of = {r["id"]: r["participant_number"] for r in after["registration"]}
    # 0004 adds the outbox's sync bookkeeping, zero and empty for every entry already there
    assert {(r["attempts"], r["last_error"]) for r in after["outbox"]} == {(0, "")}
    after_outbox = _without(after["outbox"], "attempts", "last_error")
    for old_entry, new_entry in zip(before["outbox"], after_outbox, strict=True):
        if old_entry["state"] != "pending":
            assert new_entry == old_entry  # sent history is never rewritten
            continue
        body = json.loads(new_entry["payload"])
        assert body["participant_number"] == number_of[new_entry["record_id"]]
        old_body = json.loads(old_entry["payload"])
        assert {**old_body, "participant_number": body["participant_number"]} == body
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []

    db = Database(engine)
    regs = filled["regs"]
    with db.reader() as uow:
        # every record reads back whole, and its outbox entries still hash their payloads
        for reg in regs:
            stored = uow.registrations.get(reg.id)
            assert stored is not None
            assert (stored.data.nik, stored.data.full_name, stored.status, stored.version) == (
                reg.data.nik, reg.data.full_name, reg.status, reg.version
            )
        for seq, record_id, version, payload, digest in (
            (r["seq"], r["record_id"], r["version"], r["payload"], r["payload_hash"])
            for r in after["outbox"]
        ):
            body = json.loads(payload)
            assert (body["id"], body["version"]) == (record_id, version)
            assert payload_hash(body) == digest, seq
        # the names written before the search index existed are searchable now
        for reg in regs[:10]:
            found = uow.registrations.search(SearchFilter(text=reg.data.full_name))
            assert reg.id in {s.id for s in found}
        family = regs[0].data.full_name.split()[-1]
        infix = family[1:5]
        expected = {r.id for r in regs if infix in r.data.full_name}
        found = {s.id for s in uow.registrations.search(SearchFilter(text=infix), limit=100)}
        assert found == expected
        nik = regs[3].data.nik
        assert [s.id for s in uow.registrations.search(SearchFilter(text=nik))] == [regs[3].id]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO registration_fts(registration_fts) VALUES ('integrity-check')"
        )

    # the queue goes on from where it was: a new entry gets a seq never used before
    with db.uow() as uow:
        reg = regs[0]
        uow.outbox.append(reg)
        uow.commit()
    with engine.connect() as conn:
        newest = conn.exec_driver_sql("SELECT max(seq) FROM outbox").scalar_one()
    assert newest > filled["deleted_seq"]


def test_unlocking_an_old_data_folder_brings_it_to_head(
    ctx: Context, factory: SampleFactory, home: Path, password: str
) -> None:
    """The app migrates on unlock: a data folder left at 0001 opens, searchable by name."""
    saved = [registrations.save(ctx, factory.data(), ready=True).registration for _ in range(5)]
    key = ctx.db_key
    ctx.close()
    engine = open_engine(home / DB_FILE, key)
    try:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001_initial")
        assert migrate.current_revision(engine) == "0001_initial"
    finally:
        engine.dispose()

    reopened = accounts.unlock(home, ctx.volunteer_name, password)
    try:
        with reopened.db.reader() as uow:
            assert migrate.current_revision(reopened.db.engine) == migrate.HEAD
            for reg in saved:
                hits = uow.registrations.search(SearchFilter(text=reg.data.full_name[2:7]))
                assert reg.id in {h.id for h in hits}
            assert uow.outbox.pending_count() == 5
    finally:
        reopened.close()


def test_upgrade_from_0003_to_sync_keeps_a_full_queue_and_its_sequence(
    ctx: Context, factory: SampleFactory, home: Path, password: str
) -> None:
    """0004 (sync) on a data folder in the field: hundreds of queued entries, some already sent
    and acknowledged, the newest deleted. Every entry keeps its seq, payload and hash, the
    AUTOINCREMENT sequence survives (a seq the server saw is never handed out again), and the
    new sync tables start empty."""
    saved = [registrations.save(ctx, factory.data(), ready=True).registration
             for _ in range(120)]
    for reg in saved[:30]:  # edits: a second entry per record
        registrations.save(ctx, reg.data, ready=True, record_id=reg.id)
    key = ctx.db_key
    ctx.close()
    engine = open_engine(home / DB_FILE, key)
    try:
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_cards")
        assert migrate.current_revision(engine) == "0003_cards"
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE outbox SET state = 'done' WHERE seq <= 40")
            last = conn.exec_driver_sql("SELECT max(seq) FROM outbox").scalar_one()
            conn.exec_driver_sql(f"DELETE FROM outbox WHERE seq = {last}")
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "sync_state" not in names
        before = snapshot(engine)
        assert len(before["outbox"]) == 149

        assert migrate.upgrade(engine) is True
        after = snapshot(engine)
        for table in ("device", "volunteer", "registration", "heir", "audit"):
            assert after[table] == before[table]
        assert _without(after["outbox"], "attempts", "last_error") == before["outbox"]
        assert {(r["attempts"], r["last_error"]) for r in after["outbox"]} == {(0, "")}
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            for table in ("sync_state", "sync_run", "district_key", "district_revoked_serial"):
                assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0
        assert diff_against_models(engine) == []
    finally:
        engine.dispose()

    reopened = accounts.unlock(home, ctx.volunteer_name, password)
    try:
        with reopened.db.reader() as uow:
            assert uow.outbox.pending_count() == 149 - 40
        with reopened.db.uow() as uow:
            entry = uow.outbox.append(saved[0])
            uow.commit()
        assert entry.seq > last  # the deleted newest seq is never handed out again
    finally:
        reopened.close()
