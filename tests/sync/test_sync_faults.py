"""The network between the laptop and the district server misbehaving: lost answers, captive
portals, rate limits, a server in trouble, answers that do not fit. Waits are recorded by an
injected sleep, never slept."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from fieldreg.domain.codes import Status
from fieldreg.services import registrations, sync
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.sync import Result
from fieldreg.sync import protocol as p
from fieldreg.sync.client import RETRY_AFTER_CAP
from fieldreg.sync.engine import EngineOptions
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, outbox, save_ready, server_rows, sync_state
from tests.sync.proxy import Proxy, http_response
from tests.sync.stubs import captive_portal, someone_elses_json
from tools.sample_data import SampleFactory

PUSH = b"POST /api/v1/sync/push"
PULL = b"GET /api/v1/sync/pull"


def point_to(ctx: Context, url: str) -> None:
    with ctx.db.uow() as uow:
        uow.sync.state_for_update().server_url = url
        uow.commit()


def statuses(ctx: Context, regs: list) -> list[Status]:  # type: ignore[type-arg]
    return [registrations.get(ctx, r.id).status for r in regs]


@pytest.fixture
def proxy(live_server: LiveServer):  # type: ignore[no-untyped-def]
    with Proxy(live_server.url) as px:
        yield px


def error_body(code: str) -> bytes:
    return p.ErrorBody(error=p.ErrorDetail(code=code)).model_dump_json().encode()


# ---------------------------------------------------------------- lost answers


def test_a_lost_answer_is_resent_and_every_record_ends_up_once(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions, waits: list[float], tmp_path: Path
) -> None:
    saved = save_ready(ctx, factory, 8)
    enrol(ctx, live_server, url=proxy.url)
    proxy.cut_response(PUSH)  # the server applies the batch; its answer never arrives
    rep = sync.sync(ctx, options=opts)
    assert proxy.cut_count == 1
    assert rep.result is Result.OK
    assert (rep.sent, rep.applied, rep.remaining) == (8, 8, 0)
    assert len(waits) == 1  # one backoff, then the same batch again: "replayed"
    assert [line.split(b"?")[0] for line in proxy.requests] == [
        b"GET /api/v1/enrol/challenge HTTP/1.1", b"POST /api/v1/enrol HTTP/1.1",
        PUSH + b" HTTP/1.1", PUSH + b" HTTP/1.1", PULL]
    assert set(statuses(ctx, saved)) == {Status.ACCEPTED}
    rows = server_rows(live_server, tmp_path)
    assert sorted(r["participant_number"] for r in rows) == sorted(
        r.participant_number for r in saved)  # once each
    assert {e["attempts"] for e in outbox(ctx)} == {2}


def test_a_laptop_that_never_heard_the_answer_gets_it_next_time(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    waits: list[float], tmp_path: Path
) -> None:
    """The answer is lost and the run gives up (as if the laptop was switched off): the
    records are on the server but the laptop still has them queued. The next sync sends them
    again and stores the outcomes the server kept."""
    saved = save_ready(ctx, factory, 5)
    enrol(ctx, live_server, url=proxy.url)
    proxy.cut_response(PUSH)
    give_up = EngineOptions(max_failures=1, sleep=waits.append)
    rep = sync.sync(ctx, options=give_up)
    assert (rep.result, rep.sent, rep.remaining) == (Result.OFFLINE, 0, 5)
    assert set(statuses(ctx, saved)) == {Status.READY}
    assert len(server_rows(live_server, tmp_path)) == 5  # the server has them already

    rep = sync.sync(ctx, options=give_up)
    assert (rep.result, rep.applied, rep.remaining) == (Result.OK, 5, 0)
    assert set(statuses(ctx, saved)) == {Status.ACCEPTED}
    assert all(registrations.get(ctx, r.id).server_version == 1 for r in saved)
    assert len(server_rows(live_server, tmp_path)) == 5


# ---------------------------------------------------------------- not our server


@pytest.mark.parametrize("stub", [captive_portal, someone_elses_json])
def test_an_answer_that_is_not_the_protocol_changes_nothing(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, opts: EngineOptions,
    waits: list[float], stub
) -> None:  # type: ignore[no-untyped-def]
    saved = save_ready(ctx, factory, 3)
    enrol(ctx, live_server)
    state_before, outbox_before = sync_state(ctx), outbox(ctx)
    with stub() as portal:
        point_to(ctx, portal.url)
        rep = sync.sync(ctx, options=opts)
        assert rep.result is Result.NOT_OUR_SERVER
        assert (rep.sent, rep.remaining) == (0, 3)
        assert waits == []  # not retried: a portal does not go away by waiting
        assert portal.hits == ["POST /api/v1/sync/push"]
        assert sync.reachable(ctx) is False
        with pytest.raises(ServiceError) as err:
            sync.enrol(ctx, portal.url, "ABCD-EFGH-JKMN")
        assert err.value.code == "not_our_server"
    assert outbox(ctx) == outbox_before
    assert {**sync_state(ctx), "server_url": ""} == {**state_before, "server_url": ""}
    assert set(statuses(ctx, saved)) == {Status.READY}
    assert sync.status(ctx).paused == ""
    assert sync.history(ctx)[0].result == "not_our_server"


def test_a_401_that_is_not_the_protocol_does_not_pause(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions
) -> None:
    save_ready(ctx, factory, 2)
    enrol(ctx, live_server, url=proxy.url)
    proxy.answer(PUSH, http_response(401, "Unauthorized", b"<h1>Login</h1>",
                                     content_type="text/html"))
    rep = sync.sync(ctx, options=opts)
    assert rep.result is Result.NOT_OUR_SERVER
    assert sync.status(ctx).paused == ""
    assert sync.sync(ctx, options=opts).result is Result.OK


def test_an_answer_for_other_entries_is_not_applied(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions
) -> None:
    saved = save_ready(ctx, factory, 2)
    enrol(ctx, live_server, url=proxy.url)
    wrong = p.PushResponse(results=[
        p.EntryResult(seq=99, record_id=saved[0].id, outcome=p.Outcome.APPLIED,
                      server_version=1)], applied_through=99)
    proxy.answer(PUSH, http_response(200, "OK", wrong.model_dump_json().encode()))
    before = outbox(ctx)
    rep = sync.sync(ctx, options=opts)
    assert (rep.result, rep.sent, rep.remaining) == (Result.NOT_OUR_SERVER, 0, 2)
    assert outbox(ctx) == before
    assert set(statuses(ctx, saved)) == {Status.READY}
    assert sync_state(ctx)["applied_through"] == 0


# ---------------------------------------------------------------- waiting and retrying


def test_retry_after_is_honoured_in_seconds_and_as_a_date(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions, waits: list[float]
) -> None:
    saved = save_ready(ctx, factory, 3)
    enrol(ctx, live_server, url=proxy.url)
    busy = error_body("rate_limited")
    proxy.answer(PUSH, http_response(429, "Too Many Requests", busy,
                                     headers={"Retry-After": "7"}), times=2)
    far = format_datetime(datetime.now(UTC) + timedelta(days=1), usegmt=True)
    proxy.answer(PUSH, http_response(503, "Service Unavailable", error_body("server_error"),
                                     headers={"Retry-After": far}))
    progress: list[sync.Progress] = []
    rep = sync.sync(ctx, options=opts, progress=progress.append)
    assert rep.result is Result.OK and rep.applied == 3
    assert waits == [7.0, 7.0, RETRY_AFTER_CAP]  # a day away is capped
    assert [pr.wait_seconds for pr in progress if pr.phase == "wait"] == waits
    assert proxy.answered_count == 3
    assert set(statuses(ctx, saved)) == {Status.ACCEPTED}


def test_backoff_is_jittered_exponential_and_the_queue_waits_when_it_is_spent(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    waits: list[float]
) -> None:
    saved = save_ready(ctx, factory, 4)
    enrol(ctx, live_server, url=proxy.url)
    proxy.answer(PUSH, http_response(503, "Service Unavailable", error_body("server_error")),
                 times=50)
    opt = EngineOptions(sleep=waits.append, max_failures=6, backoff_base=1.0, backoff_cap=8.0)
    rep = sync.sync(ctx, options=opt)
    assert (rep.result, rep.sent, rep.remaining) == (Result.SERVER_ERROR, 0, 4)
    assert len(waits) == 5
    for n, w in enumerate(waits):
        assert 0.0 <= w <= min(8.0, 2.0 ** n)
    assert len(set(waits)) == 5  # jittered
    assert set(statuses(ctx, saved)) == {Status.READY}
    assert {(e["state"], e["attempts"], e["last_error"]) for e in outbox(ctx)} == {
        ("pending", 6, "server_error")}
    assert sync.history(ctx)[0].result == "server_error"


def test_no_connection_at_all_is_offline(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, opts: EngineOptions,
    waits: list[float]
) -> None:
    save_ready(ctx, factory, 2)
    enrol(ctx, live_server)
    point_to(ctx, "http://127.0.0.1:9")  # nothing listens there
    rep = sync.sync(ctx, options=opts)
    assert (rep.result, rep.remaining) == (Result.OFFLINE, 2)
    assert len(waits) == opts.max_failures - 1
    point_to(ctx, live_server.url)
    assert sync.sync(ctx, options=opts).result is Result.OK


def test_stopping_after_some_batches_is_partial(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    waits: list[float]
) -> None:
    saved = save_ready(ctx, factory, 6)
    enrol(ctx, live_server, url=proxy.url)
    down = http_response(503, "Service Unavailable", error_body("server_error"))
    armed = threading.Event()

    def after_first_batch(pr: sync.Progress) -> None:
        if pr.phase == "push" and pr.sent == 1 and not armed.is_set():
            armed.set()
            proxy.answer(PUSH, down, times=50)

    opt = EngineOptions(sleep=waits.append, max_failures=3, batch_bytes=1)
    rep = sync.sync(ctx, options=opt, progress=after_first_batch)
    assert (rep.result, rep.stop) == (Result.PARTIAL, Result.SERVER_ERROR)
    assert (rep.sent, rep.applied, rep.remaining) == (1, 1, 5)  # batch_bytes=1: one each
    assert statuses(ctx, saved)[0] is Status.ACCEPTED
    assert set(statuses(ctx, saved)[1:]) == {Status.READY}
    assert sync.history(ctx)[0].result == "partial"


def test_cancel_between_requests_and_during_a_wait(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy
) -> None:
    saved = save_ready(ctx, factory, 4)
    enrol(ctx, live_server, url=proxy.url)
    cancel = threading.Event()

    def stop_after_one(pr: sync.Progress) -> None:
        if pr.sent >= 1:
            cancel.set()

    rep = sync.sync(ctx, options=EngineOptions(batch_bytes=1), cancel=cancel,
                    progress=stop_after_one)
    assert (rep.result, rep.stop, rep.sent, rep.remaining) == (
        Result.PARTIAL, Result.CANCELLED, 1, 3)

    proxy.answer(PUSH, http_response(503, "Service Unavailable", error_body("server_error")),
                 times=50)
    cancel = threading.Event()
    rep = sync.sync(ctx, options=EngineOptions(sleep=lambda s: cancel.set()), cancel=cancel)
    assert (rep.result, rep.remaining) == (Result.CANCELLED, 3)
    assert set(statuses(ctx, saved[1:])) == {Status.READY}


def test_a_whole_request_refused_as_too_large_is_split(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions
) -> None:
    saved = save_ready(ctx, factory, 5)
    enrol(ctx, live_server, url=proxy.url)
    # a reverse proxy in front of the server with a small body limit (its own HTML page)
    proxy.answer(PUSH, http_response(413, "Payload Too Large", b"<h1>413</h1>",
                                     content_type="text/html"))
    rep = sync.sync(ctx, options=opts)
    assert (rep.result, rep.applied, rep.rejected) == (Result.OK, 5, 0)
    assert set(statuses(ctx, saved)) == {Status.ACCEPTED}


def test_a_server_that_refuses_everything_quarantines_nothing(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions
) -> None:
    saved = save_ready(ctx, factory, 3)
    enrol(ctx, live_server, url=proxy.url)
    proxy.answer(PUSH, http_response(400, "Bad Request", error_body("bad_request")), times=50)
    rep = sync.sync(ctx, options=opts)
    assert (rep.result, rep.rejected, rep.remaining) == (Result.SERVER_ERROR, 0, 3)
    assert {e["state"] for e in outbox(ctx)} == {"pending"}
    assert set(statuses(ctx, saved)) == {Status.READY}
