"""The main path against a district server on PostgreSQL (skipped where none is reachable):
enrol, push with numbers, a lost answer resent, a duplicate across laptops, a pull."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fieldreg.domain.codes import Status
from fieldreg.services import registrations, sync
from fieldreg.services.context import Context
from fieldreg.services.sync import Result
from fieldreg.sync.engine import EngineOptions
from tests.live_server import LiveServer, start_server
from tests.sync.conftest import enrol, save_ready, server_rows
from tests.sync.proxy import Proxy
from tools.sample_data import SampleFactory


@pytest.fixture
def pg_server(tmp_path: Path, pg_url: str) -> Iterator[LiveServer]:
    server = start_server(tmp_path / "pg-server", database_url=pg_url)
    try:
        yield server
    finally:
        server.stop()


def test_main_path_on_postgresql(
    ctx: Context, factory: SampleFactory, pg_server: LiveServer,
    other_laptop: Callable[[str], Context], opts: EngineOptions, waits: list[float],
    tmp_path: Path
) -> None:
    worker = factory.data()
    saved = [registrations.save(ctx, worker, ready=True).registration,
             *save_ready(ctx, factory, 9)]
    with Proxy(pg_server.url) as proxy:
        enrol(ctx, pg_server, url=proxy.url)
        proxy.cut_response(b"POST /api/v1/sync/push")
        rep = sync.sync(ctx, options=opts)
    assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 10, 0)
    assert len(waits) == 1 and proxy.cut_count == 1
    assert {registrations.get(ctx, r.id).status for r in saved} == {Status.ACCEPTED}

    laptop2 = other_laptop("Laptop Desa 2")
    twin = registrations.save(laptop2, worker, ready=True).registration
    enrol(laptop2, pg_server)
    rep2 = sync.sync(laptop2)
    assert (rep2.result, rep2.duplicate) == (Result.OK, 1)
    dup = registrations.get(laptop2, twin.id)
    assert dup.status is Status.DUPLICATE
    assert dup.outcome_detail["holder"]["participant_number"] == saved[0].participant_number

    pg_server.admin("registrations", "verify", saved[1].participant_number or "")
    with ctx.db.uow() as uow:  # the laptop talks to the server directly again
        uow.sync.state_for_update().server_url = pg_server.url
        uow.commit()
    rep = sync.sync(ctx)
    assert (rep.result, rep.pulled) == (Result.OK, 1)
    assert registrations.get(ctx, saved[1].id).status is Status.VERIFIED
    rows = server_rows(pg_server, tmp_path)
    assert len(rows) == 11
    assert sorted(r["status"] for r in rows).count("accepted") == 9
