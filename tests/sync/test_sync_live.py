"""A laptop syncing with a real district server process on loopback (SQLite): enrolment, the
push and its outcomes on each record, edits, conflicts, duplicates across laptops, pulls."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from filelock import FileLock

from fieldreg.cards.credential import TrustedKey
from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.paths import DISTRICT_KEYS_FILE
from fieldreg.services import cards, registrations, sync
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.sync import Result
from fieldreg.sync.engine import EngineOptions
from tests.live_server import LiveServer
from tests.sync.conftest import (
    enrol,
    outbox,
    rewrite_pending_payload,
    save_ready,
    server_rows,
    sync_state,
)
from tools.sample_data import SampleFactory

# ---------------------------------------------------------------- enrolment


def test_enrol_stores_the_district_and_a_retry_with_the_same_code_works(
    ctx: Context, live_server: LiveServer
) -> None:
    assert sync.status(ctx).enrolled is False
    code = live_server.enrolment_code()
    st = sync.enrol(ctx, live_server.url, code)
    assert (st.enrolled, st.district_code, st.district_name, st.server_url) == (
        True, "15.05", "Muaro Jambi", live_server.url)
    first = sync_state(ctx)
    with ctx.db.reader() as uow:
        device = uow.device.get()
        assert device is not None
        prefix = participant_number.device_part(device.public_key)
    assert first["number_prefix"] == prefix and first["token"]

    # the answer was lost, say: the same code and key enrol the same device again
    again = sync.enrol(ctx, live_server.url + "/", code)
    assert again.enrolled and again.server_url == live_server.url
    second = sync_state(ctx)
    assert second["token"] and second["token"] != first["token"]  # a fresh token works
    assert sync.sync(ctx).result is Result.OK
    assert live_server.admin("devices", "list").count(ctx.device_id) == 1
    with ctx.db.reader() as uow:
        actions = [a.action for a in uow.audit.recent(20)]
    assert actions.count("enrol") == 2
    assert second["token"] not in json.dumps([str(a) for a in actions])


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ZZZZ-ZZZZ-ZZZZ", "enrol_code_unknown"), ("", "enrol_code_unknown")],
)
def test_enrol_with_a_bad_code(ctx: Context, live_server: LiveServer, code: str,
                               expected: str) -> None:
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, live_server.url, code)
    assert err.value.code == expected
    assert sync.status(ctx).enrolled is False


def test_a_code_used_by_another_laptop_is_refused(
    ctx: Context, live_server: LiveServer, other_laptop: Callable[[str], Context]
) -> None:
    code = live_server.enrolment_code()
    sync.enrol(ctx, live_server.url, code)
    with pytest.raises(ServiceError) as err:
        sync.enrol(other_laptop("Laptop Desa 2"), live_server.url, code)
    assert err.value.code == "enrol_code_used"


def test_enrol_refuses_a_bad_address_and_an_unreachable_server(
    ctx: Context, opts: EngineOptions, waits: list[float]
) -> None:
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, "ftp://kabupaten", "ABCD-EFGH-JKMN")
    assert err.value.code == "server_url_invalid"
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, "http://127.0.0.1:9", "ABCD-EFGH-JKMN", options=opts)
    assert err.value.code == "server_unreachable"
    assert len(waits) == 2  # three attempts, two waits between them
    assert sync.status(ctx).enrolled is False


def test_not_enrolled(ctx: Context, factory: SampleFactory) -> None:
    save_ready(ctx, factory, 2)
    rep = sync.sync(ctx)
    assert (rep.result, rep.remaining, rep.requests) == (Result.NOT_ENROLLED, 2, 0)
    assert sync.history(ctx)[0].result == "not_enrolled"


# ---------------------------------------------------------------- push


def test_push_applies_every_record_with_its_number(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    saved = save_ready(ctx, factory, 12)
    draft = registrations.save(ctx, factory.data(), ready=False).registration
    enrol(ctx, live_server)
    seen: list[sync.Progress] = []
    rep = sync.sync(ctx, progress=seen.append)
    assert rep.result is Result.OK and rep.ok
    assert (rep.sent, rep.applied, rep.remaining) == (12, 12, 0)
    assert rep.bytes_up > 0 and rep.bytes_down > 0 and rep.requests >= 2
    assert seen[0].phase == "push" and seen[0].total == 12
    assert any(p.phase == "push" and p.sent == 12 for p in seen)
    assert any(p.phase == "pull" for p in seen)
    for reg in saved:
        now = registrations.get(ctx, reg.id)
        assert now.status is Status.ACCEPTED
        assert now.server_version == 1 and now.participant_number == reg.participant_number
        assert (now.outcome_code, now.outcome_detail) == ("", {})
    assert registrations.get(ctx, draft.id).status is Status.DRAFT  # drafts never leave
    on_server = {r["participant_number"]: r for r in server_rows(live_server, tmp_path)}
    assert set(on_server) == {r.participant_number for r in saved}
    assert {r["status"] for r in on_server.values()} == {"accepted"}
    assert {e["state"] for e in outbox(ctx)} == {"done"}
    assert {e["attempts"] for e in outbox(ctx)} == {1}

    st = sync.status(ctx)
    assert (st.pending, st.needs_fixing, st.paused) == (0, 0, "")
    assert st.last_success_at == rep.finished_at
    run = sync.history(ctx)[0]
    assert (run.result, run.sent, run.applied, run.trigger) == ("ok", 12, 12, "manual")
    assert (run.bytes_up, run.bytes_down) == (rep.bytes_up, rep.bytes_down)

    again = sync.sync(ctx)  # nothing left: one pull, no push
    assert (again.result, again.sent, again.requests) == (Result.OK, 0, 1)


def test_a_rejected_record_is_quarantined_and_the_rest_goes(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    """The server refuses one record (its entry was written under older rules: a village
    code that does not exist): the others are accepted, the refused one shows why, and once
    the volunteer saves it again it is queued and accepted."""
    saved = save_ready(ctx, factory, 6)
    bad = saved[2]

    def old_village(doc: dict) -> None:
        doc["data"]["village_code"] = "15.05.01.2999"

    rewrite_pending_payload(ctx, bad.id, old_village)
    enrol(ctx, live_server)
    rep = sync.sync(ctx)
    assert rep.result is Result.OK
    assert (rep.sent, rep.applied, rep.rejected, rep.remaining) == (6, 5, 1, 0)
    refused = registrations.get(ctx, bad.id)
    assert refused.status is Status.REJECTED and refused.outcome_code == "rejected"
    assert {(p["field"], p["code"]) for p in refused.outcome_detail["problems"]} == {
        ("village_code", "village_unknown")}
    assert all(registrations.get(ctx, r.id).status is Status.ACCEPTED
               for r in saved if r.id != bad.id)
    assert sync.status(ctx).needs_fixing == 1
    assert len(server_rows(live_server, tmp_path)) == 5

    fixed = registrations.save(ctx, refused.data, ready=True, record_id=bad.id).registration
    assert fixed.status is Status.READY and (fixed.outcome_code, fixed.outcome_detail) == ("", {})
    assert sync.status(ctx).pending == 1
    rep = sync.sync(ctx)
    assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 1, 0)
    assert registrations.get(ctx, bad.id).status is Status.ACCEPTED
    assert sync.status(ctx).needs_fixing == 0
    assert len(server_rows(live_server, tmp_path)) == 6


def test_an_entry_the_server_cannot_take_is_quarantined(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    saved = save_ready(ctx, factory, 3)

    def someone_elses(doc: dict) -> None:
        doc["device_id"] = "00000000-0000-4000-8000-000000000000"

    rewrite_pending_payload(ctx, saved[0].id, someone_elses)
    enrol(ctx, live_server)
    rep = sync.sync(ctx)
    assert (rep.result, rep.applied, rep.rejected, rep.remaining) == (Result.OK, 2, 1, 0)
    reg = registrations.get(ctx, saved[0].id)
    assert (reg.status, reg.outcome_code) == (Status.REJECTED, "payload_mismatch")
    entry = next(e for e in outbox(ctx) if e["record_id"] == saved[0].id)
    assert (entry["state"], entry["last_error"]) == ("quarantined", "payload_mismatch")
    # saving it again writes a fresh entry from the record, which goes
    registrations.save(ctx, reg.data, ready=True, record_id=reg.id)
    assert sync.sync(ctx).applied == 1
    assert registrations.get(ctx, saved[0].id).status is Status.ACCEPTED


def test_edits_after_sync_are_applied_on_the_servers_version(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    a, b = save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    assert sync.sync(ctx).applied == 2
    a2 = registrations.save(ctx, replace(a.data, street="Jl. Lintas Timur 9"), ready=True,
                            record_id=a.id).registration
    assert a2.status is Status.READY and a2.version == 2
    assert outbox(ctx)[-1]["base_version"] == 1
    # two edits of b before the next sync: both go, in order
    b2 = registrations.save(ctx, replace(b.data, rt="004"), ready=True,
                            record_id=b.id).registration
    b3 = registrations.save(ctx, replace(b2.data, rw="007"), ready=True,
                            record_id=b.id).registration
    rep = sync.sync(ctx)
    assert (rep.result, rep.sent, rep.applied, rep.conflict) == (Result.OK, 3, 3, 0)
    assert registrations.get(ctx, a.id).server_version == 2
    now_b = registrations.get(ctx, b.id)
    assert (now_b.status, now_b.version, now_b.server_version) == (Status.ACCEPTED, 3, 3)
    assert (now_b.data.rt, now_b.data.rw) == ("004", "007") and b3.version == 3
    rows = {r["participant_number"]: r for r in server_rows(live_server, tmp_path)}
    assert rows[a.participant_number]["server_version"] == "2"
    assert rows[b.participant_number]["server_version"] == "3"


def test_a_newer_local_edit_stays_queued_while_the_older_version_is_answered(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    """An answer for version 1 arrives while version 2 waits (its batch comes next): the record
    stays ready (not accepted with old data) but keeps the server version."""
    (a,) = save_ready(ctx, factory, 1)
    registrations.save(ctx, replace(a.data, rt="009"), ready=True, record_id=a.id)
    enrol(ctx, live_server)
    seen: list[tuple[str, int | None]] = []

    def watch(p: sync.Progress) -> None:
        if p.phase == "push" and p.sent == 1:
            r = registrations.get(ctx, a.id)
            seen.append((r.status.value, r.server_version))

    tiny = EngineOptions(batch_bytes=1)  # one entry per request
    rep = sync.sync(ctx, progress=watch, options=tiny)
    assert rep.result is Result.OK and rep.sent == 2
    assert seen == [("ready", 1)]
    assert registrations.get(ctx, a.id).status is Status.ACCEPTED


def test_a_void_reaches_the_server_and_the_record_stays_voided(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    a, b = save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    sync.sync(ctx)
    registrations.void(ctx, a.id, "Pindah ke kabupaten lain")
    rep = sync.sync(ctx)
    assert (rep.result, rep.applied) == (Result.OK, 1)
    now = registrations.get(ctx, a.id)
    assert (now.status, now.server_version) == (Status.VOIDED, 2)
    rows = {r["participant_number"]: r["status"] for r in server_rows(live_server, tmp_path)}
    assert rows == {a.participant_number: "voided", b.participant_number: "accepted"}


def test_the_same_worker_on_two_laptops_is_a_duplicate_with_its_holder(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    other_laptop: Callable[[str], Context], tmp_path: Path
) -> None:
    worker = factory.data()
    first = registrations.save(ctx, worker, ready=True).registration
    laptop2 = other_laptop("Laptop Desa 2")
    second = registrations.save(laptop2, worker, ready=True).registration
    other = save_ready(laptop2, factory, 1)[0]
    enrol(ctx, live_server)
    enrol(laptop2, live_server)
    assert sync.sync(ctx).applied == 1
    rep = sync.sync(laptop2)
    assert (rep.result, rep.sent, rep.applied, rep.duplicate) == (Result.OK, 2, 1, 1)
    dup = registrations.get(laptop2, second.id)
    assert dup.status is Status.DUPLICATE and dup.outcome_code == "duplicate"
    holder = dup.outcome_detail["holder"]
    assert holder["participant_number"] == first.participant_number
    assert holder["device_name"] == "Laptop Desa 1" and holder["same_device"] is False
    assert holder["village_code"] == worker.village_code
    assert worker.nik not in json.dumps(dup.outcome_detail)
    assert worker.full_name not in json.dumps(dup.outcome_detail)
    assert registrations.get(laptop2, other.id).status is Status.ACCEPTED
    assert sync.status(laptop2).needs_fixing == 1
    statuses = sorted(r["status"] for r in server_rows(live_server, tmp_path))
    assert statuses == ["accepted", "accepted", "duplicate"]


def test_a_district_change_makes_a_local_edit_a_conflict_until_saved_again(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    a, b = save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    sync.sync(ctx)
    live_server.admin("registrations", "verify", a.participant_number or "")
    edited = registrations.save(ctx, replace(a.data, street="Jl. Baru 1"), ready=True,
                                record_id=a.id).registration
    rep = sync.sync(ctx)
    assert (rep.result, rep.sent, rep.conflict, rep.pulled) == (Result.OK, 1, 1, 1)
    now = registrations.get(ctx, a.id)
    assert (now.status, now.outcome_code) == (Status.REJECTED, "conflict")
    assert [p["code"] for p in now.outcome_detail["problems"]] == ["changed_by_district"]
    assert now.server_version is not None and now.server_version > 1  # the district's
    assert now.data.street == "Jl. Baru 1" and now.version == edited.version
    assert sync.status(ctx).needs_fixing == 1
    # the volunteer looks and saves again: queued on the district's version, and it goes
    registrations.save(ctx, now.data, ready=True, record_id=a.id)
    assert outbox(ctx)[-1]["base_version"] == now.server_version
    rep = sync.sync(ctx)
    assert (rep.applied, rep.conflict) == (1, 0)
    assert registrations.get(ctx, a.id).status is Status.ACCEPTED
    assert registrations.get(ctx, b.id).status is Status.ACCEPTED


# ---------------------------------------------------------------- pull


def test_pull_brings_district_changes_reference_data_and_keys(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    other_laptop: Callable[[str], Context], home: Path
) -> None:
    a, b, c = save_ready(ctx, factory, 3)
    laptop2 = other_laptop("Laptop Desa 2")
    assert sync.reference(ctx) is None  # nothing pulled yet
    enrol(ctx, live_server)
    enrol(laptop2, live_server)
    first = sync.sync(ctx)
    assert first.result is Result.OK
    cursor0 = sync_state(ctx)["pull_cursor"]
    assert cursor0  # the first pull moved it
    reference = json.loads(sync_state(ctx)["reference"])
    assert reference["regions_version"]  # the first pull always carries reference data
    keys = json.loads((home / DISTRICT_KEYS_FILE).read_text("utf-8"))
    assert len(keys["keys"]) == 2  # both laptops of the district

    live_server.admin("registrations", "verify", a.participant_number or "")
    live_server.admin("registrations", "void", b.participant_number or "", "--reason",
                      "Meninggal sebelum terdaftar")
    live_server.admin("targets", "set", "15.05", c.data.village_code, "250")
    live_server.admin("devices", "revoke", laptop2.device_id)
    rep = sync.sync(ctx)
    assert (rep.result, rep.sent, rep.pulled) == (Result.OK, 0, 2)
    assert registrations.get(ctx, a.id).status is Status.VERIFIED
    voided = registrations.get(ctx, b.id)
    assert (voided.status, voided.outcome_code) == (Status.VOIDED, "voided_by_district")
    assert voided.void_reason == "Meninggal sebelum terdaftar"
    assert registrations.get(ctx, c.id).status is Status.ACCEPTED
    st = sync_state(ctx)
    assert st["pull_cursor"] != cursor0
    targets = json.loads(st["reference"])["targets"]
    assert {"village_code": c.data.village_code, "target": 250} in targets
    ref = sync.reference(ctx)
    assert ref is not None and (c.data.village_code, 250) in {
        (t.village_code, t.target) for t in ref.targets}
    keys = json.loads((home / DISTRICT_KEYS_FILE).read_text("utf-8"))
    revoked = {k["label"]: k["revoked"] for k in keys["keys"]}
    assert revoked == {"Laptop Desa 1": False, "Laptop Desa 2": True}
    # verify-card trusts the district's laptops through that file
    trust = cards.trust_from(home, [])
    with laptop2.db.reader() as uow:
        device2 = uow.device.get()
        assert device2 is not None
        kid2 = TrustedKey(device2.public_key).kid
    assert trust.keys[kid2].revoked is True

    # nothing new: the next pull moves nothing and changes nothing
    again = sync.sync(ctx)
    assert (again.pulled, again.result) == (0, Result.OK)
    assert registrations.get(ctx, a.id).status is Status.VERIFIED


def test_the_cursor_moves_only_with_what_it_covers(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that fails to apply leaves no status changed and the cursor where it was; the
    next sync pulls the same changes again and stores them."""
    from fieldreg.sync import engine

    a, b = save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    sync.sync(ctx)
    cursor0 = sync_state(ctx)["pull_cursor"]
    live_server.admin("registrations", "verify", a.participant_number or "")
    live_server.admin("registrations", "verify", b.participant_number or "")

    calls = {"n": 0}
    real = engine.SyncEngine._apply_status

    def second_fails(row, rs, *, queued):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut")
        real(row, rs, queued=queued)

    monkeypatch.setattr(engine.SyncEngine, "_apply_status", staticmethod(second_fails))
    with pytest.raises(RuntimeError):
        sync.sync(ctx)
    assert sync_state(ctx)["pull_cursor"] == cursor0
    assert {registrations.get(ctx, r.id).status for r in (a, b)} == {Status.ACCEPTED}
    assert sync.history(ctx)[0].result == "error"

    monkeypatch.setattr(engine.SyncEngine, "_apply_status", staticmethod(real))
    rep = sync.sync(ctx)
    assert (rep.result, rep.pulled) == (Result.OK, 2)
    assert {registrations.get(ctx, r.id).status for r in (a, b)} == {Status.VERIFIED}
    assert sync_state(ctx)["pull_cursor"] != cursor0


def test_a_cursor_the_server_refuses_is_forgotten_and_the_next_sync_starts_again(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    from sqlalchemy import text

    save_ready(ctx, factory, 1)
    enrol(ctx, live_server)
    assert sync.sync(ctx).ok
    with ctx.db.uow() as uow:
        uow.session.execute(text("UPDATE sync_state SET pull_cursor = 'rusak!'"))
        uow.commit()
    rep = sync.sync(ctx)  # the pull is refused (400): a report, not an exception
    assert rep.result is Result.SERVER_ERROR
    assert sync_state(ctx)["pull_cursor"] == ""
    rep = sync.sync(ctx)
    assert rep.result is Result.OK and sync_state(ctx)["pull_cursor"]


# ---------------------------------------------------------------- one at a time, paused


def test_a_second_sync_while_one_runs_is_busy(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path
) -> None:
    save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    held = FileLock(str(home / "sync.lock"))
    held.acquire()
    try:
        rep = sync.sync(ctx, trigger="auto")
        with pytest.raises(ServiceError) as err:  # enrolling again waits for the sync too
            enrol(ctx, live_server)
        assert err.value.code == "sync_busy"
    finally:
        held.release()
    assert (rep.result, rep.sent, rep.requests, rep.remaining) == (Result.BUSY, 0, 0, 2)
    assert sync.history(ctx)[0].result == "busy"
    assert sync.sync(ctx).result is Result.OK


def test_a_revoked_laptop_pauses_with_its_queue_untouched(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    sync.sync(ctx)
    waiting = save_ready(ctx, factory, 3)
    before = outbox(ctx)
    live_server.admin("devices", "revoke", ctx.device_id)
    rep = sync.sync(ctx)
    assert (rep.result, rep.sent, rep.remaining) == (Result.REVOKED, 0, 3)
    assert outbox(ctx) == before  # not one entry touched, not even its attempts
    assert all(registrations.get(ctx, r.id).status is Status.READY for r in waiting)
    assert sync.status(ctx).paused == "revoked"
    later = sync.sync(ctx)  # refused at once, without asking the server
    assert (later.result, later.requests) == (Result.REVOKED, 0)
    assert [r.result for r in sync.history(ctx)[:2]] == ["revoked", "revoked"]


def test_an_unknown_token_pauses_until_enrolled_again(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    enrol(ctx, live_server)
    save_ready(ctx, factory, 2)
    with ctx.db.uow() as uow:
        uow.sync.state_for_update().token = "not-a-token-the-server-knows"
        uow.commit()
    rep = sync.sync(ctx)
    assert (rep.result, rep.remaining) == (Result.UNAUTHORIZED, 2)
    assert sync.status(ctx).paused == "unauthorized"
    assert sync.sync(ctx).requests == 0
    enrol(ctx, live_server)  # a new code lifts the pause; the queue was kept
    assert sync.status(ctx).paused == ""
    rep = sync.sync(ctx)
    assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 2, 0)


def test_reachable(ctx: Context, live_server: LiveServer) -> None:
    assert sync.reachable(ctx) is False  # not enrolled: nowhere to go
    enrol(ctx, live_server)
    assert sync.reachable(ctx, timeout=5) is True
    live_server.stop()
    assert sync.reachable(ctx, timeout=1) is False
