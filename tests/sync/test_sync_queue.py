"""The queue as the engine reads and sends it: bounded pages and byte-sized batches (never the
whole queue in memory), seqs reused by a restored backup, superseded card serials."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from fieldreg.domain.codes import Status
from fieldreg.domain.registration import Registration, new_id
from fieldreg.domain.validation import normalize
from fieldreg.paths import DISTRICT_KEYS_FILE
from fieldreg.services import accounts, cards, registrations, sync
from fieldreg.services.context import Context
from fieldreg.services.sync import Result
from fieldreg.store.repositories import OutboxRepository
from fieldreg.sync import protocol as p
from fieldreg.sync.client import SyncClient
from fieldreg.sync.engine import EngineOptions
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, outbox, save_ready, server_rows, sync_state
from tools.sample_data import SampleFactory


def bulk_ready(ctx: Context, factory: SampleFactory, n: int) -> list[Registration]:
    """``n`` ready records with their outbox entries in one transaction (as an import writes
    them), numbered like saves number them."""
    now = ctx.clock()
    with ctx.db.uow() as uow:
        regs = [
            replace(
                registrations.derive(Registration(
                    id=new_id(), device_id=ctx.device_id, volunteer_id=ctx.volunteer_id,
                    created_at=now, updated_at=now, version=1, status=Status.READY,
                    data=normalize(factory.data(volunteer_id=ctx.volunteer_id)),
                )),
                participant_number=number,
            )
            for number in uow.device.take_participant_numbers(n)
        ]
        uow.registrations.add_many(regs)
        uow.outbox.append_many(regs)
        uow.commit()
    return regs


def test_the_queue_is_read_in_bounded_pages_and_sent_in_byte_sized_batches(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    n, page_rows, batch_bytes = 700, 40, 12_000
    regs = bulk_ready(ctx, factory, n)
    enrol(ctx, live_server)
    events: list[tuple[str, int]] = []
    reads: list[tuple[int, int]] = []
    bodies: list[int] = []

    real_page = OutboxRepository.pending_page

    def counted_page(self: OutboxRepository, *, after_seq: int, limit: int) -> Any:
        rows = real_page(self, after_seq=after_seq, limit=limit)
        reads.append((limit, len(rows)))
        events.append(("read", len(rows)))
        return rows

    def never_whole(self: OutboxRepository, **kw: Any) -> Any:
        raise AssertionError("the engine read the outbox without a page bound")

    real_push = SyncClient.push_raw

    def counted_push(self: SyncClient, body: bytes) -> p.PushResponse:
        doc = json.loads(body)
        bodies.append(sum(len(json.dumps(e, separators=(",", ":"))) for e in doc["entries"]))
        events.append(("push", len(doc["entries"])))
        return real_push(self, body)

    monkeypatch.setattr(OutboxRepository, "pending_page", counted_page)
    monkeypatch.setattr(OutboxRepository, "pending", never_whole)
    monkeypatch.setattr(SyncClient, "push_raw", counted_push)
    rep = sync.sync(ctx, options=EngineOptions(page_rows=page_rows, batch_bytes=batch_bytes))
    assert (rep.result, rep.sent, rep.applied, rep.remaining) == (Result.OK, n, n, 0)

    # every read is bounded by the page size, and reading the queue took many of them
    assert {limit for limit, _ in reads} == {page_rows}
    assert max(got for _, got in reads) == page_rows
    assert sum(got for _, got in reads) == n
    assert len(reads) >= n // page_rows
    # every request carries at most batch_bytes of entries (more than one entry fits)
    assert len(bodies) > n * 1000 // batch_bytes
    assert all(size <= batch_bytes for size in bodies)
    assert all(count > 1 for kind, count in events if kind == "push")
    # what is held in memory between the table and the wire stays below a page plus a batch
    read = sent = 0
    widest = 0
    for kind, count in events:
        if kind == "read":
            read += count
        else:
            sent += count
        widest = max(widest, read - sent)
    assert widest <= page_rows + max(count for kind, count in events if kind == "push")
    assert {registrations.get(ctx, r.id).status for r in regs[::50]} == {Status.ACCEPTED}
    assert len(server_rows(live_server, tmp_path)) == n


def test_a_restored_backup_reuses_seqs_and_they_are_sent_again_with_new_ones(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path,
    tmp_path: Path
) -> None:
    """The data folder is restored from an older backup: new entries get seqs the server
    already holds (with other payloads). The server says ``sequence_reused``; the laptop moves
    its sequence past the server's and sends them again, in the same run."""
    a, b, c = save_ready(ctx, factory, 3)
    enrol(ctx, live_server)
    assert sync.sync(ctx).applied == 3
    backup = tmp_path / "backup"
    ctx.close()
    shutil.copytree(home, backup)
    ctx = fix_clock(accounts.unlock(home, VOLUNTEER, PASSWORD))
    try:
        # after the backup: two edits reach the server (seqs 4 and 5)
        registrations.save(ctx, replace(a.data, rt="011"), ready=True, record_id=a.id)
        registrations.save(ctx, replace(b.data, rt="012"), ready=True, record_id=b.id)
        assert sync.sync(ctx).applied == 2
        assert sync_state(ctx)["applied_through"] == 5
    finally:
        ctx.close()
    shutil.rmtree(home)
    shutil.copytree(backup, home)
    ctx = fix_clock(accounts.unlock(home, VOLUNTEER, PASSWORD))
    try:
        new = save_ready(ctx, factory, 2)
        assert [e["seq"] for e in outbox(ctx) if e["state"] == "pending"] == [4, 5]
        rep = sync.sync(ctx)
        assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 2, 0)
        assert {registrations.get(ctx, r.id).status for r in new} == {Status.ACCEPTED}
        entries = {e["record_id"]: e for e in outbox(ctx)}
        assert all(entries[r.id]["seq"] > 5 for r in new)  # past the server's applied_through
        assert {entries[r.id]["attempts"] for r in new} == {2}  # once refused, once taken
        assert sync_state(ctx)["applied_through"] == 7
        numbers = sorted(r["participant_number"] for r in server_rows(live_server, tmp_path))
        assert numbers == sorted(r.participant_number for r in (a, b, c, *new))
        # and the sequence goes on from there
        later = save_ready(ctx, factory, 1)[0]
        assert {e["record_id"]: e["seq"] for e in outbox(ctx)}[later.id] == 8
        assert sync.sync(ctx).applied == 1
    finally:
        ctx.close()


def test_superseded_card_serials_go_once_and_reach_the_other_laptops(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    other_laptop: Callable[[str], Context], monkeypatch: pytest.MonkeyPatch
) -> None:
    (a,) = save_ready(ctx, factory, 1)
    first = cards.prepare(ctx, [a.id])
    cards.confirm(ctx, first, target="pdf")
    again = cards.prepare(ctx, [a.id], reprint_reason="Kartu hilang")
    cards.confirm(ctx, again, target="pdf")
    old_serial = first.cards[0].claims.serial
    with ctx.db.reader() as uow:
        assert uow.cards.superseded_serials() == [old_serial]

    sent: list[list[str]] = []
    real_push = SyncClient.push_raw

    def watch(self: SyncClient, body: bytes) -> p.PushResponse:
        sent.append(json.loads(body)["revoked_serials"])
        return real_push(self, body)

    monkeypatch.setattr(SyncClient, "push_raw", watch)
    enrol(ctx, live_server)
    assert sync.sync(ctx).result is Result.OK
    assert sent == [[old_serial]]
    assert sync.sync(ctx).requests == 1  # nothing changed: a pull, no push
    assert sent == [[old_serial]]

    laptop2 = other_laptop("Laptop Desa 2")
    enrol(laptop2, live_server)
    assert sync.sync(laptop2).result is Result.OK
    keys = json.loads((laptop2.home / DISTRICT_KEYS_FILE).read_text("utf-8"))
    assert keys["revoked_cards"] == [old_serial]
    assert old_serial in cards.trust_from(laptop2.home, []).revoked_serials

    # a third print supersedes the second: the changed list goes in an empty push
    third = cards.prepare(ctx, [a.id], reprint_reason="Rusak")
    cards.confirm(ctx, third, target="pdf")
    assert sync.sync(ctx).result is Result.OK
    assert sent[-1] == sorted([old_serial, again.cards[0].claims.serial])


def test_a_new_laptop_restored_from_an_old_backup_never_reuses_a_participant_number(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path,
    tmp_path: Path
) -> None:
    """The laptop is lost after it sent records made after its last backup. The backup is
    restored onto a new laptop: its number counter is behind the server's. The first sync's
    pull carries the highest sequence the server holds, and the counter moves past it."""
    from fieldreg.domain import participant_number
    from fieldreg.services import backups, restore

    enrol(ctx, live_server)
    save_ready(ctx, factory, 2)
    assert sync.sync(ctx).applied == 2
    backup = backups.make_backup(ctx, folders=[])[0]
    after = save_ready(ctx, factory, 3)  # numbers 3..5, sent, then the laptop is lost
    assert sync.sync(ctx).applied == 3
    ctx.close()

    res = restore.restore(tmp_path / "new-laptop", backup, volunteer=VOLUNTEER,
                          password=PASSWORD)
    new_ctx = fix_clock(res.context)
    try:
        with new_ctx.db.reader() as uow:
            assert uow.device.get().participant_seq == 2  # type: ignore[union-attr]
        rep = sync.sync(new_ctx)  # nothing queued to push; the pull brings the floor
        assert rep.ok, rep
        with new_ctx.db.reader() as uow:
            assert uow.device.get().participant_seq == 5  # type: ignore[union-attr]
        (fresh,) = save_ready(new_ctx, factory, 1)
        assert participant_number.sequence_of(fresh.participant_number or "") == 6
        assert fresh.participant_number not in {r.participant_number for r in after}
        assert sync.sync(new_ctx).applied == 1
        assert registrations.get(new_ctx, fresh.id).status is Status.ACCEPTED
    finally:
        new_ctx.close()
