"""The participants list's rows carry the district server's answer (outcome code and detail),
so the list shows why a record came back without reading each record again; the answer is
written through the store's mapping, and reads back the same through the domain record."""

from __future__ import annotations

from typing import Any

from fieldreg.domain.codes import Status
from fieldreg.services import browse, registrations
from fieldreg.services.context import Context
from fieldreg.store.repositories import SearchFilter
from fieldreg.sync import outcomes
from fieldreg.sync import protocol as p


def _saved(ctx: Context, factory: Any, n: int) -> list[str]:
    ids = []
    for _ in range(n):
        ids.append(registrations.save(ctx, factory.data(), ready=True).registration.id)
    return ids


def test_browse_rows_carry_the_outcome(ctx: Context, factory: Any) -> None:
    dup, rej, ok = _saved(ctx, factory, 3)
    holder = p.Holder(participant_number="1505010000123", village_name="Kebon IX",
                      device_name="Laptop Desa Kedua")
    with ctx.db.uow() as uow:
        rows = uow.sync.record_rows([dup, rej, ok])
        outcomes.apply_status(rows[dup], p.RecordStatus(
            record_id=dup, status="duplicate", server_version=1, holder=holder), queued=False)
        outcomes.apply_status(rows[rej], p.RecordStatus(
            record_id=rej, status="rejected", server_version=1,
            problems=[p.WireProblem(field="village_code", code="village_unknown")]),
            queued=False)
        outcomes.apply_status(rows[ok], p.RecordStatus(
            record_id=ok, status="accepted", server_version=1), queued=False)
        uow.commit()

    keys = browse.ids(ctx, SearchFilter(), audit=False)
    by_id = {r.id: r for r in browse.rows(ctx, keys).values()}

    assert (by_id[dup].status, by_id[dup].outcome_code) == (Status.DUPLICATE, "duplicate")
    assert by_id[dup].outcome_detail == {"holder": holder.model_dump()}
    assert (by_id[rej].status, by_id[rej].outcome_code) == (Status.REJECTED, "rejected")
    assert by_id[rej].outcome_detail == {
        "problems": [{"field": "village_code", "code": "village_unknown", "params": {}}]}
    assert (by_id[ok].status, by_id[ok].outcome_code, by_id[ok].outcome_detail) == (
        Status.ACCEPTED, "", {})
    for rid, row in by_id.items():  # the same answer as the whole record gives
        reg = registrations.get(ctx, rid)
        assert (reg.status, reg.outcome_code, reg.outcome_detail) == (
            row.status, row.outcome_code, row.outcome_detail)


def test_a_refused_entry_and_a_district_void_are_written_through_the_mapping(
    ctx: Context, factory: Any
) -> None:
    refused, voided = _saved(ctx, factory, 2)
    with ctx.db.uow() as uow:
        rows = uow.sync.record_rows([refused, voided])
        outcomes.set_refused(rows[refused], rows[refused].version, "payload_invalid")
        outcomes.apply_status(rows[voided], p.RecordStatus(
            record_id=voided, status="voided", server_version=2,
            problems=[p.WireProblem(field="_record", code="voided_by_district",
                                    params={"reason": "Meninggal dunia"})]), queued=False)
        uow.commit()
    a, b = registrations.get(ctx, refused), registrations.get(ctx, voided)
    assert (a.status, a.outcome_code) == (Status.REJECTED, "payload_invalid")
    assert a.outcome_detail == {"problems": [
        {"field": outcomes.ENTRY_PROBLEM, "code": "payload_invalid", "params": {}}]}
    assert (b.status, b.outcome_code, b.void_reason) == (
        Status.VOIDED, "voided_by_district", "Meninggal dunia")
    assert b.outcome_detail["problems"][0]["params"] == {"reason": "Meninggal dunia"}
