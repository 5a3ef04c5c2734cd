"""The local store on a real SQLCipher file: nothing in clear, the outbox, unique NIK, audit,
search. Records are written through the services, as the app writes them."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy import exc as sa_exc

from fieldreg.domain.codes import FundingSource
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import (
    Registration,
    RegistrationData,
    canonical_json,
    new_id,
    payload_hash,
    to_payload,
)
from fieldreg.logs import setup_logging
from fieldreg.paths import DB_FILE
from fieldreg.services import exports, registrations, village_import
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store.engine import open_engine
from fieldreg.store.repositories import SearchFilter
from tools.sample_data import SampleFactory, village_list_row, write_village_list

# ---------------------------------------------------------------- helpers


def save(ctx: Context, data: RegistrationData, *, ready: bool = True, **kw: object) -> Registration:
    return registrations.save(ctx, data, ready=ready, **kw).registration  # type: ignore[arg-type]


def sql(ctx: Context, statement: str, **params: object) -> list[tuple]:
    with ctx.db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(statement), params)]


def write_sql(ctx: Context, statement: str, **params: object) -> None:
    with ctx.db.engine.begin() as conn:
        conn.execute(text(statement), params)


def outbox(ctx: Context) -> list[dict]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings()
        return [dict(r) for r in rows]


def secrets_of(data: RegistrationData) -> set[str]:
    """What must never stand in clear in the data folder: NIK, names, phone numbers."""
    out = {data.nik, data.full_name, data.mother_maiden_name}
    out |= {data.phone.removeprefix("+62"), "0" + data.phone.removeprefix("+62")}
    for h in data.heirs:
        out.add(h.name)
    return {s for s in out if len(s) >= 6}


def clear_text_hits(folder: Path, needles: set[str]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    forms = {n: {n, n.lower(), n.title()} for n in needles}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        found = [n for n, variants in forms.items() if any(v.encode() in raw for v in variants)]
        found += [n for n in needles if n.encode("utf-16-le") in raw]
        if found:
            hits[str(path.relative_to(folder))] = found
    return hits


@pytest.fixture
def logged(home: Path) -> Iterator[Path]:
    """The app's log file in the data folder, for the length of one test."""
    root = logging.getLogger()
    level = root.level
    path = setup_logging(home, level=logging.DEBUG)
    try:
        yield path
    finally:
        for h in list(root.handlers):
            if getattr(h, "baseFilename", None) == str(path):
                root.removeHandler(h)
                h.close()
        root.setLevel(level)


# ---------------------------------------------------------------- nothing in clear


def test_no_personal_data_in_clear_anywhere_in_the_data_folder(
    ctx: Context, factory: SampleFactory, home: Path, logged: Path, tmp_path: Path
) -> None:
    saved = [factory.data(volunteer_id=ctx.volunteer_id) for _ in range(12)]
    regs = [save(ctx, d, ready=i % 3 != 0) for i, d in enumerate(saved)]
    save(ctx, replace(saved[1], full_name=saved[1].full_name + " PUTRI"), record_id=regs[1].id)
    registrations.void(ctx, regs[2].id, "Pindah ke luar kabupaten")
    # searching, exporting and importing also leave traces in the log and the audit
    registrations.search(ctx, SearchFilter(text=saved[4].nik))
    registrations.search(ctx, SearchFilter(text=saved[5].full_name[:5]))
    exports.export_registrations(ctx, tmp_path / "export.csv")
    listed = [factory.data() for _ in range(5)]
    write_village_list(tmp_path / "desa.csv", [village_list_row(d) for d in listed])
    village_import.import_file(ctx, tmp_path / "desa.csv")
    with pytest.raises(ServiceError):  # a refusal names the other record: not in the log
        twin = saved[0]
        save(ctx, factory.data().copy(nik=twin.nik, birth_date=twin.birth_date, sex=twin.sex))
    logging.getLogger("fieldreg").info("test marker")  # the log file exists and is written

    needles = set().union(*(secrets_of(d) for d in saved + listed))
    assert len(needles) > 60
    wal = home / (DB_FILE + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the WAL should still hold recent pages"
    assert logged.read_text("utf-8").count("registration") >= 10
    db_head = (home / DB_FILE).read_bytes()[:16]
    assert db_head != b"SQLite format 3\x00"

    assert clear_text_hits(home, needles) == {}, "with the WAL open"
    with ctx.db.engine.connect() as conn:
        busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0
    assert clear_text_hits(home, needles) == {}, "after a checkpoint"
    ctx.close()
    assert clear_text_hits(home, needles) == {}, "after closing"
    # and the checks above can see clear text where there is some
    assert set(clear_text_hits(tmp_path, needles)) >= {"export.csv", "desa.csv"}


def test_a_wrong_key_does_not_open_the_database(ctx: Context, factory: SampleFactory) -> None:
    save(ctx, factory.data())
    path = ctx.home / DB_FILE
    wrong = bytes(reversed(ctx.db_key))
    engine = open_engine(path, wrong)
    try:
        with pytest.raises(sa_exc.DatabaseError), engine.connect():
            pass
    finally:
        engine.dispose()
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        plain.close()
    # the right key still opens it
    engine = open_engine(path, ctx.db_key)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM registration").scalar() == 1
    finally:
        engine.dispose()


def test_pragmas_in_force_on_readers_and_writers(ctx: Context) -> None:
    expected = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                "secure_delete": 1, "temp_store": 2}
    with ctx.db.reader() as uow:
        got = {p: uow.session.execute(text(f"PRAGMA {p}")).scalar() for p in expected}
    assert got == expected
    with ctx.db.uow() as uow:
        got = {p: uow.session.execute(text(f"PRAGMA {p}")).scalar() for p in expected}
    assert got == expected


@pytest.mark.parametrize("commit", [True, False])
def test_a_large_page_cache_lasts_one_transaction(ctx: Context, commit: bool) -> None:
    with ctx.db.reader() as uow:
        usual = uow.session.execute(text("PRAGMA cache_size")).scalar()
    returned: list[int] = []

    def checkin(dbapi_conn: Any, _record: Any) -> None:
        returned.append(dbapi_conn.execute("PRAGMA cache_size").fetchone()[0])

    event.listen(ctx.db.engine, "checkin", checkin)
    try:
        with ctx.db.uow() as uow:
            uow.large_page_cache(32)
            assert uow.session.execute(text("PRAGMA cache_size")).scalar() == -32 * 1024
            if commit:
                uow.commit()
    finally:
        event.remove(ctx.db.engine, "checkin", checkin)
    assert returned and set(returned) == {usual}  # every connection goes back as it came


def test_foreign_keys_are_enforced(ctx: Context) -> None:
    with pytest.raises(sa_exc.IntegrityError):
        write_sql(
            ctx,
            "INSERT INTO outbox (record_id, version, payload, payload_hash, created_at, state) "
            "VALUES ('no-such-record', 1, '{}', 'x', '2026-01-15 08:00:00', 'pending')",
        )


# ---------------------------------------------------------------- the outbox


def test_every_save_of_a_ready_record_appends_one_outbox_entry(
    ctx: Context, factory: SampleFactory
) -> None:
    regs = [save(ctx, factory.data()) for _ in range(4)]
    entries = outbox(ctx)
    assert [e["record_id"] for e in entries] == [r.id for r in regs]
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    for reg, e in zip(regs, entries, strict=True):
        assert e["version"] == reg.version == 1
        assert e["state"] == "pending"
        assert e["base_version"] is None
        assert e["payload"] == canonical_json(to_payload(reg))
        assert e["payload_hash"] == hashlib.sha256(e["payload"].encode("utf-8")).hexdigest()
        assert e["payload_hash"] == payload_hash(to_payload(reg))
        body = json.loads(e["payload"])
        assert (body["id"], body["version"], body["status"]) == (reg.id, 1, "ready")
        assert body["device_id"] == ctx.device_id
        assert body["data"]["nik"] == reg.data.nik


def test_drafts_write_no_outbox_entry(ctx: Context, factory: SampleFactory) -> None:
    data = factory.data(consent=False)
    draft = save(ctx, data, ready=False)
    draft = save(ctx, data.copy(street="Dusun V"), ready=False, record_id=draft.id)
    assert draft.status is St.DRAFT and draft.version == 2
    assert outbox(ctx) == []
    # leaving draft writes the first entry, with the record's current version
    ready = save(ctx, factory.data(), ready=True, record_id=draft.id)
    assert [(e["record_id"], e["version"]) for e in outbox(ctx)] == [(ready.id, 3)]


def test_editing_a_queued_record_queues_a_new_version(ctx: Context, factory: SampleFactory) -> None:
    data = factory.data()
    first = save(ctx, data)
    other = save(ctx, factory.data())
    edited = save(ctx, data.copy(street="Jalan Lintas Timur"), record_id=first.id)
    assert (edited.id, edited.version, edited.status) == (first.id, 2, St.READY)
    entries = outbox(ctx)
    assert [(e["record_id"], e["version"]) for e in entries] == [
        (first.id, 1), (other.id, 1), (first.id, 2)
    ]
    assert entries[2]["seq"] > entries[1]["seq"] > entries[0]["seq"]
    assert json.loads(entries[2]["payload"])["data"]["street"] == "Jalan Lintas Timur"
    assert entries[2]["payload_hash"] != entries[0]["payload_hash"]


def mark_sent(ctx: Context, record_id: str, server_version: int) -> None:
    write_sql(ctx, "UPDATE registration SET status='sent', server_version=:v WHERE id=:id",
              v=server_version, id=record_id)
    write_sql(ctx, "UPDATE outbox SET state='done' WHERE record_id=:id", id=record_id)


def test_voiding_a_sent_record_queues_the_void(ctx: Context, factory: SampleFactory) -> None:
    reg = save(ctx, factory.data())
    mark_sent(ctx, reg.id, server_version=7)
    voided = registrations.void(ctx, reg.id, "  Meninggal   dunia ")
    assert (voided.status, voided.version, voided.void_reason) == (St.VOIDED, 2, "Meninggal dunia")
    entries = outbox(ctx)
    assert [(e["version"], e["state"]) for e in entries] == [(1, "done"), (2, "pending")]
    last = entries[-1]
    assert last["base_version"] == 7
    body = json.loads(last["payload"])
    assert (body["status"], body["void_reason"], body["version"]) == (
        "voided", "Meninggal dunia", 2
    )
    assert last["payload_hash"] == hashlib.sha256(last["payload"].encode()).hexdigest()


def test_editing_a_sent_record_queues_it_on_the_servers_version(
    ctx: Context, factory: SampleFactory
) -> None:
    data = factory.data()
    reg = save(ctx, data)
    mark_sent(ctx, reg.id, server_version=3)
    edited = save(ctx, data.copy(rt="009"), record_id=reg.id)
    assert (edited.status, edited.version) == (St.READY, 2)
    assert [(e["version"], e["base_version"]) for e in outbox(ctx)] == [(1, None), (2, 3)]


def test_voiding_a_draft_tells_nobody(ctx: Context, factory: SampleFactory) -> None:
    draft = save(ctx, factory.data(consent=False), ready=False)
    registrations.void(ctx, draft.id, "Salah input")
    assert outbox(ctx) == []
    assert registrations.get(ctx, draft.id).status is St.VOIDED


def test_record_and_outbox_entry_are_one_transaction(ctx: Context, factory: SampleFactory) -> None:
    """When the outbox entry cannot be written, the record is not saved either."""
    kept = save(ctx, factory.data())
    write_sql(ctx, "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                   "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    data = factory.data()
    # the failure is reported as what it is (not as a duplicate NIK)
    with pytest.raises(sa_exc.IntegrityError, match="disk full"):
        save(ctx, data)
    with pytest.raises(sa_exc.IntegrityError, match="disk full"):
        save(ctx, kept.data.copy(street="Dusun Baru"), record_id=kept.id)
    with pytest.raises(sa_exc.IntegrityError, match="disk full"):
        registrations.void(ctx, kept.id, "Batal")
    assert sql(ctx, "SELECT count(*) FROM registration WHERE nik=:n", n=data.nik) == [(0,)]
    assert sql(ctx, "SELECT version, status, street FROM registration WHERE id=:id",
               id=kept.id) == [(1, "ready", kept.data.street)]
    assert sql(ctx, "SELECT count(*) FROM audit WHERE action IN ('update', 'void')") == [(0,)]
    write_sql(ctx, "DROP TRIGGER fail_outbox")
    again = save(ctx, data)
    assert [e["record_id"] for e in outbox(ctx)] == [kept.id, again.id]


# ---------------------------------------------------------------- one active record per NIK


def test_a_second_registration_of_a_nik_names_the_first(
    ctx: Context, factory: SampleFactory
) -> None:
    first = save(ctx, factory.data())
    twin = factory.data().copy(nik=first.data.nik)
    for ready in (True, False):
        with pytest.raises(ServiceError) as info:
            save(ctx, replace(twin, birth_date=first.data.birth_date, sex=first.data.sex),
                 ready=ready)
        err = info.value
        assert err.code == "nik_already_registered"
        assert err.params["record_id"] == first.id
        assert err.params["name"] == first.data.full_name
        assert err.params["status"] == "ready"
    assert sql(ctx, "SELECT count(*) FROM registration") == [(1,)]
    assert len(outbox(ctx)) == 1


def test_an_edit_cannot_take_another_records_nik(ctx: Context, factory: SampleFactory) -> None:
    a = save(ctx, factory.data())
    b_data = factory.data()
    b = save(ctx, b_data)
    with pytest.raises(ServiceError) as info:
        save(ctx, b_data.copy(nik=a.data.nik, birth_date=a.data.birth_date, sex=a.data.sex),
             record_id=b.id)
    assert info.value.code == "nik_already_registered"
    assert info.value.params["record_id"] == a.id
    assert registrations.get(ctx, b.id).data.nik == b_data.nik


def test_the_unique_index_itself_refuses_a_second_active_nik(
    ctx: Context, factory: SampleFactory
) -> None:
    """Not only the service's check: the database refuses it too."""
    first = save(ctx, factory.data())
    now = ctx.clock()
    dup = Registration(
        id=new_id(), device_id=ctx.device_id, volunteer_id=ctx.volunteer_id, created_at=now,
        updated_at=now, version=1, status=St.DRAFT, data=factory.data().copy(nik=first.data.nik),
    )
    with ctx.db.uow() as uow, pytest.raises(sa_exc.IntegrityError):
        uow.registrations.add(dup)
    indexes = sql(ctx, "SELECT sql FROM sqlite_master WHERE name='uq_registration_active_nik'")
    assert "UNIQUE" in indexes[0][0].upper()


def test_a_voided_nik_can_be_registered_again(ctx: Context, factory: SampleFactory) -> None:
    first = save(ctx, factory.data())
    registrations.void(ctx, first.id, "Data ganda, diganti")
    again = save(ctx, factory.data().copy(
        nik=first.data.nik, birth_date=first.data.birth_date, sex=first.data.sex))
    assert again.id != first.id and again.data.nik == first.data.nik
    # and the voided record cannot come back while the new one is active
    with pytest.raises(ServiceError) as info:
        save(ctx, first.data, record_id=first.id)
    assert info.value.code == "record_voided"


def test_drafts_without_nik_do_not_collide(ctx: Context, factory: SampleFactory) -> None:
    for _ in range(3):
        save(ctx, factory.data(consent=False).copy(nik=""), ready=False)
    assert sql(ctx, "SELECT count(*) FROM registration WHERE nik=''") == [(3,)]


# ---------------------------------------------------------------- audit


def test_audit_records_who_did_what_without_a_full_nik(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    data = factory.data()
    reg = save(ctx, data)
    save(ctx, data.copy(rt="004"), record_id=reg.id)
    registrations.void(ctx, reg.id, "Salah orang")
    registrations.search(ctx, SearchFilter(text=data.nik))
    registrations.search(ctx, SearchFilter(text="SITI"))
    exports.export_registrations(ctx, tmp_path / "semua.xlsx")
    listed = [factory.data() for _ in range(3)]
    write_village_list(tmp_path / "desa.xlsx", [village_list_row(d) for d in listed])
    village_import.import_file(ctx, tmp_path / "desa.xlsx")

    rows = sql(ctx, "SELECT action, entity, entity_id, volunteer_id, detail FROM audit "
                    "ORDER BY id")
    actions = [r[0] for r in rows]
    for action in ("create", "update", "void", "view_bulk", "export", "import"):
        assert action in actions, action
    assert all(r[3] == ctx.volunteer_id for r in rows)
    mine = [(r[0], r[1]) for r in rows if r[2] == reg.id]
    assert mine == [("create", "registration"), ("update", "registration"),
                    ("void", "registration")]
    created = [r for r in rows if r[0] == "create" and r[1] == "registration"]
    assert len(created) == 1 + len(listed)
    details = [json.loads(r[4]) for r in rows]
    assert {"rows": 1, "format": "xlsx"}.items() <= details[actions.index("export")].items()
    assert details[actions.index("import")]["imported"] == 3
    assert details[actions.index("void")]["reason"] == "Salah orang"
    # no full NIK anywhere in the audit (masked to the last four digits)
    everything = json.dumps(rows, default=str)
    for d in [data, *listed]:
        assert d.nik not in everything
        assert d.nik[:12] not in everything
    assert "*" * 12 + data.nik[-4:] in everything


# ---------------------------------------------------------------- search


PEOPLE = [
    # name, village, status, occupation, funding
    ("SITI AMINAH", "15.05.01.2002", "ready", "SAWIT_PANEN", FundingSource.APBD_KAB),
    ("SITI HARAHAP", "15.05.01.2002", "draft", "OJEK_PANGKALAN", FundingSource.MANDIRI),
    ("AHMAD HARAHAP", "15.05.10.2007", "ready", "OJEK_PANGKALAN", FundingSource.MANDIRI),
    ("NURHAYATI LUBIS", "15.05.10.2007", "ready", "NELAYAN", FundingSource.DBH_SAWIT),
    ("BUDI SIREGAR", "15.05.09.2006", "draft", "SAWIT_PANEN", FundingSource.APBD_KAB),
]


@pytest.fixture
def people(ctx: Context, factory: SampleFactory) -> dict[str, Registration]:
    out = {}
    for name, village, status, occupation, funding in PEOPLE:
        d = factory.data().copy(
            full_name=name, village_code=village, occupation_code=occupation,
            funding_source=funding,
        )
        if funding is FundingSource.MANDIRI:
            d = d.copy(coverage_end=None)
        elif d.coverage_end is None:
            d = d.copy(coverage_end=d.coverage_start.replace(month=12, day=31))
        out[name] = save(ctx, d, ready=status == "ready")
        assert out[name].status.value == status
    return out


def names(ctx: Context, **filters: object) -> list[str]:
    rows = registrations.search(ctx, SearchFilter(**filters), limit=100)  # type: ignore[arg-type]
    return sorted(r.full_name for r in rows)


def test_search_by_exact_nik(ctx: Context, people: dict[str, Registration]) -> None:
    nik = people["AHMAD HARAHAP"].data.nik
    assert names(ctx, text=nik) == ["AHMAD HARAHAP"]
    dotted = f"{nik[:6]}.{nik[6:12]}.{nik[12:]}"
    assert names(ctx, text=dotted) == ["AHMAD HARAHAP"]
    wrong = nik[:-1] + ("1" if nik[-1] != "1" else "2")
    assert names(ctx, text=wrong) == []


def test_search_by_nik_prefix(ctx: Context, people: dict[str, Registration]) -> None:
    nik = people["AHMAD HARAHAP"].data.nik
    same_start = sorted(n for n, r in people.items() if r.data.nik.startswith(nik[:10]))
    assert names(ctx, text=nik[:10]) == same_start
    assert "AHMAD HARAHAP" in same_start


def test_search_name_prefix_and_infix(ctx: Context, people: dict[str, Registration]) -> None:
    assert names(ctx, text="siti") == ["SITI AMINAH", "SITI HARAHAP"]
    assert names(ctx, text="SIT") == ["SITI AMINAH", "SITI HARAHAP"]
    assert names(ctx, text="araha") == ["AHMAD HARAHAP", "SITI HARAHAP"]  # infix (trigram)
    assert names(ctx, text="yati lu") == ["NURHAYATI LUBIS"]  # across the space
    assert names(ctx, text="  Aminah ") == ["SITI AMINAH"]
    assert names(ctx, text="harahapx") == []


def test_search_short_text_is_a_word_prefix(ctx: Context, people: dict[str, Registration]) -> None:
    assert names(ctx, text="s") == ["BUDI SIREGAR", "SITI AMINAH", "SITI HARAHAP"]
    assert names(ctx, text="ha") == ["AHMAD HARAHAP", "SITI HARAHAP"]
    assert names(ctx, text="lu") == ["NURHAYATI LUBIS"]
    assert names(ctx, text="ra") == []  # inside a word: not with one or two letters


@pytest.mark.parametrize("odd", ['"', 'SITI"', "a*b", "OR", "AND NOT", "NEAR(a b)", "x:y",
                                 "%", "_", "100%", "\\", "'; DROP TABLE registration; --"])
def test_search_text_is_never_syntax(
    ctx: Context, people: dict[str, Registration], odd: str
) -> None:
    assert names(ctx, text=odd) == []
    assert sql(ctx, "SELECT count(*) FROM registration") == [(len(PEOPLE),)]


def test_search_filters(ctx: Context, people: dict[str, Registration]) -> None:
    assert names(ctx, village_code="15.05.10.2007") == ["AHMAD HARAHAP", "NURHAYATI LUBIS"]
    assert names(ctx, status=[St.DRAFT]) == ["BUDI SIREGAR", "SITI HARAHAP"]
    assert names(ctx, status=[St.DRAFT, St.READY]) == sorted(n for n, *_ in PEOPLE)
    assert names(ctx, occupation_code="SAWIT_PANEN") == ["BUDI SIREGAR", "SITI AMINAH"]
    assert names(ctx, funding_source=FundingSource.MANDIRI) == ["AHMAD HARAHAP", "SITI HARAHAP"]
    # filters combine with each other and with the text
    assert names(ctx, text="harahap", status=[St.READY]) == ["AHMAD HARAHAP"]
    assert names(ctx, text="si", village_code="15.05.01.2002",
                 funding_source=FundingSource.APBD_KAB) == ["SITI AMINAH"]
    assert registrations.count(ctx, SearchFilter(text="harahap")) == 2
    assert registrations.count(ctx, SearchFilter(status=[St.DRAFT])) == 2


def test_search_results_are_ordered_and_paged(
    ctx: Context, people: dict[str, Registration]
) -> None:
    page1 = registrations.search(ctx, SearchFilter(), limit=2)
    page2 = registrations.search(ctx, SearchFilter(), limit=2, offset=2)
    everyone = registrations.search(ctx, SearchFilter(), limit=50)
    assert [r.full_name for r in everyone] == sorted(n for n, *_ in PEOPLE)
    assert [r.id for r in page1 + page2] == [r.id for r in everyone[:4]]


def test_name_index_follows_edits_and_voids(ctx: Context, people: dict[str, Registration]) -> None:
    siti = people["SITI AMINAH"]
    save(ctx, siti.data.copy(full_name="SITI ZULAIKHA"), record_id=siti.id)
    assert names(ctx, text="aminah") == []
    assert names(ctx, text="zulaik") == ["SITI ZULAIKHA"]
    assert names(ctx, text="z") == ["SITI ZULAIKHA"]  # the start of a word
    assert names(ctx, text="am") == []
    registrations.void(ctx, siti.id, "Pindah")
    assert names(ctx, text="zulaik") == ["SITI ZULAIKHA"]  # still found, with its status
    assert names(ctx, text="zulaik", status=[St.VOIDED]) == ["SITI ZULAIKHA"]
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO registration_fts(registration_fts) VALUES ('integrity-check')"
        )
