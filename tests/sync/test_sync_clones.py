"""Cloned laptops (issue 11, item 7) against a real server on loopback.

Two copies of one data folder (a disk image copied to a second machine, or a backup put back
where the first laptop is still in use) share one identity: the same device, the same outbox
seqs and the same participant-number counter. Every record must still end on the server once,
no number held twice: a record the server refuses only because its number is taken is
renumbered by the laptop itself, above the highest number the server holds from the device,
and accepted without the volunteer saving it again."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.services import accounts, backups, cards, identity, registrations, restore, sync
from fieldreg.services.context import Context
from fieldreg.services.sync import Result
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, outbox, save_ready, server_rows
from tools.sample_data import SampleFactory


def seq_of(ctx: Context, record_id: str) -> int:
    return participant_number.sequence_of(registrations.get(ctx, record_id).participant_number
                                          or "")


def renumber_audit(ctx: Context) -> list[dict[str, object]]:
    with ctx.db.engine.connect() as conn:
        return [json.loads(d) | {"id": e} for e, d in conn.execute(text(
            "SELECT entity_id, detail FROM audit WHERE action = 'renumber' ORDER BY id"))]


def assert_each_once(server: LiveServer, tmp_path: Path, *laptops: Context) -> None:
    rows = server_rows(server, tmp_path)
    niks = Counter(r["nik"] for r in rows)
    numbers = Counter(r["participant_number"] for r in rows)
    assert max(niks.values()) == 1 and max(numbers.values()) == 1
    assert {r["status"] for r in rows} == {"accepted"}
    local = {}
    for lap in laptops:
        with lap.db.reader() as uow:
            for reg in uow.registrations.iter_all():
                local[reg.data.nik] = reg.participant_number
    assert {r["nik"]: r["participant_number"] for r in rows} == local


def test_two_clones_of_one_laptop_end_with_every_record_once_and_no_number_twice(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path, tmp_path: Path
) -> None:
    enrol(ctx, live_server)
    save_ready(ctx, factory, 2)
    assert sync.sync(ctx).applied == 2
    ctx.close()
    clone_home = tmp_path / "clone"
    shutil.copytree(home, clone_home)  # the whole data folder, as a disk image copy does
    a = fix_clock(accounts.unlock(home, VOLUNTEER, PASSWORD))
    b = fix_clock(accounts.unlock(clone_home, VOLUNTEER, PASSWORD))
    try:
        mine = save_ready(a, factory, 3)
        theirs = save_ready(b, factory, 3)
        # the same numbers, handed out twice
        assert ({r.participant_number for r in mine}
                == {r.participant_number for r in theirs})
        printed = cards.prepare(b, [theirs[0].id])
        cards.confirm(b, printed, target="pdf")

        assert sync.sync(a).applied == 3
        rep = sync.sync(b)
        # the clone's seqs and numbers were both the original's: re-sequenced, refused for
        # the number, renumbered after the pull, sent again and accepted in the same run
        assert (rep.result, rep.remaining) == (Result.OK, 0), rep
        for r in theirs:
            reg = registrations.get(b, r.id)
            assert reg.status is Status.ACCEPTED, (reg.status, reg.outcome_code)
            assert reg.participant_number != r.participant_number
            assert seq_of(b, r.id) > 5  # above the highest the server held from the device
        audit = renumber_audit(b)
        assert [e["id"] for e in audit] == [r.id for r in theirs]
        assert {e["old_number"] for e in audit} == {r.participant_number for r in theirs}
        assert [e["card_reprint"] for e in audit] == [True, False, False]
        assert all(e["reason"] == "participant_number_taken" for e in audit)
        assert_each_once(live_server, tmp_path, a, b)
        # the card printed with the old number is due again: "only new" cards include it,
        # with the new number and a new serial, and no reason to type
        due = cards.prepare(b, None, only_new=True)
        assert theirs[0].id in {c.record_id for c in due.cards}
        card = next(c for c in due.cards if c.record_id == theirs[0].id)
        number = registrations.get(b, theirs[0].id).participant_number
        assert (card.claims.participant_number, card.claims.serial, card.generation) == (
            number, f"{number}-2", 2)
        assert (due.renumbered, due.reprint_reason) == (1, cards.RENUMBERED_REASON)
        cards.confirm(b, due, target="pdf")
        assert cards.prepare(b, None, only_new=True).cards == []

        # the original, still offline, hands out a number the clone now holds: it renumbers
        # its own record the same way
        (later,) = save_ready(a, factory, 1)
        taken = {registrations.get(b, r.id).participant_number for r in theirs}
        assert later.participant_number in taken
        rep = sync.sync(a)
        assert (rep.result, rep.remaining) == (Result.OK, 0), rep
        again = registrations.get(a, later.id)
        assert again.status is Status.ACCEPTED
        assert again.participant_number not in taken
        assert_each_once(live_server, tmp_path, a, b)
    finally:
        a.close()
        b.close()


def test_a_record_refused_for_its_number_and_more_waits_for_the_volunteer(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    """Only a refusal for the number alone is renumbered: a record with other problems too
    stays rejected for the volunteer (renumbering would not make it acceptable)."""
    from fieldreg.store.models import RegistrationRow
    from fieldreg.sync import outcomes
    from fieldreg.sync import protocol as p

    (r,) = save_ready(ctx, factory, 1)
    result = p.EntryResult(seq=1, record_id=r.id, outcome=p.Outcome.REJECTED, problems=[
        p.WireProblem(field="participant_number", code="participant_number_taken"),
        p.WireProblem(field="nik", code="nik_checksum"),
    ])
    row = RegistrationRow(id=r.id, version=1, status=Status.READY.value, outcome_code="",
                          outcome_detail="{}", server_version=None, participant_number="X")
    outcomes.apply_outcome(row, 1, result)
    assert (row.status, row.outcome_code) == (Status.REJECTED.value, "rejected")
    assert not outcomes.number_taken(row)
    only = result.model_copy(update={"problems": result.problems[:1]})
    outcomes.apply_outcome(row, 1, only)
    assert outcomes.number_taken(row)


def test_a_backup_restored_on_another_machine_is_a_new_device_whose_queue_goes_once_transferred(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first laptop stays in use; its backup is restored onto a second machine. The clone
    hands out numbers in its own new space, enrols as a new device, and sends the restored
    queue once the district has transferred the first laptop to it: every record on the
    server once, no number held twice, whichever laptop sends a record first."""
    monkeypatch.setenv(identity.ENV, "machine-a")
    enrol(ctx, live_server)
    save_ready(ctx, factory, 2)
    assert sync.sync(ctx).applied == 2
    queued = save_ready(ctx, factory, 2)  # in the backup, not sent yet
    (made,) = backups.make_backup(ctx, folders=[])

    monkeypatch.setenv(identity.ENV, "machine-b")
    res = restore.restore(tmp_path / "laptop-b", made, volunteer=VOLUNTEER, password=PASSWORD)
    b = fix_clock(res.context)
    try:
        assert res.new_identity is not None and b.device_id != ctx.device_id
        assert sync.sync(b).result is Result.NOT_ENROLLED  # enrol again, as a new device
        enrol(b, live_server)
        mine_b = save_ready(b, factory, 2)
        mine_a = save_ready(ctx, factory, 2)
        assert not ({r.participant_number for r in mine_a}
                    & {r.participant_number for r in mine_b})

        rep = sync.sync(b)  # its own records go; the first laptop's wait for the transfer
        assert (rep.applied, rep.remaining) == (2, 2), rep
        for r in queued:
            assert registrations.get(b, r.id).status is Status.READY
        assert {e["last_error"] for e in outbox(b) if e["state"] == "pending"} == {
            "not_transferred"}
        assert sync.sync(b).remaining == 2  # still waiting: nothing was spent on them

        live_server.admin("devices", "transfer", "--still-in-use", ctx.device_id, b.device_id)
        rep = sync.sync(b)
        assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 2, 0), rep
        for r in queued:
            again = registrations.get(b, r.id)
            assert (again.status, again.participant_number) == (Status.ACCEPTED,
                                                                 r.participant_number)
        # the first laptop sends the same records too, and its own
        rep = sync.sync(ctx)
        assert (rep.result, rep.remaining) == (Result.OK, 0), rep
        for r in (*queued, *mine_a):
            assert registrations.get(ctx, r.id).status is Status.ACCEPTED
        assert_each_once(live_server, tmp_path, ctx, b)
        assert len(server_rows(live_server, tmp_path)) == 8
    finally:
        b.close()
