"""Enrolment holds against someone who knows a laptop's public identity (issue 11, item 1): the
laptop signs its enrolment with its own key, against a real district server process. Another
laptop's id and key (public: every laptop of the district pulls them) with a fresh code get no
token; a used code is not taken again after it expired; an enrolled laptop never moves to
another district; a captured enrolment cannot be replayed."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
import requests
from sqlalchemy import update

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.services import sync
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.services.sync import Result
from fieldreg.sync import protocol as p
from fieldreg.sync.engine import EngineOptions
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, save_ready, server_rows, sync_state
from tests.sync.proxy import Proxy, http_response
from tools.sample_data import SampleFactory

ENROL = b"POST /api/v1/enrol"
CHALLENGE = b"GET /api/v1/enrol/challenge"


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[Proxy]:
    with Proxy(live_server.url) as px:
        yield px


def pulled_keys(server: LiveServer, token: str) -> list[dict[str, Any]]:
    r = httpx.get(f"{server.url}{p.API}/sync/pull", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return list(r.json()["keys"])


def expire_every_code(server: LiveServer) -> None:
    """The district's codes reach their expiry (as 72 hours later)."""
    db = Database.open(Settings(home=server.home, database_url=server.database_url),
                       migrate=False)
    try:
        with db.writer() as s:
            s.execute(update(m.EnrolmentCode).values(expires_at=datetime(2000, 1, 1)))
            s.commit()
    finally:
        db.close()


def device_district(server: LiveServer, device_id: str) -> str:
    line = next(ln for ln in server.admin("devices", "list").splitlines() if device_id in ln)
    return "15.06" if "15.06" in line else "15.05" if "15.05" in line else line


def sends_and_is_accepted(ctx: Context, factory: SampleFactory, n: int = 2) -> None:
    save_ready(ctx, factory, n)
    rep = sync.sync(ctx)
    assert rep.result is Result.OK, rep
    assert (rep.applied, rep.remaining) == (n, 0)


def test_another_laptops_public_id_and_key_with_a_fresh_code_get_no_token(
    ctx: Context, factory: SampleFactory, live_server: LiveServer,
    other_laptop: Callable[[str], Context], tmp_path: Any
) -> None:
    enrol(ctx, live_server)
    victim_token = sync_state(ctx)["token"]
    thief_ctx = other_laptop("Laptop Lain")
    enrol(thief_ctx, live_server)
    # What any laptop of the district learns from its pull: the others' ids and keys.
    victim = next(k for k in pulled_keys(live_server, sync_state(thief_ctx)["token"])
                  if k["device_id"] == ctx.device_id)
    code = live_server.enrolment_code()
    body = {"code": code, "device_id": victim["device_id"], "device_name": "Laptop Desa",
            "public_key": victim["public_key"], "district": "15.05", "app_version": "0.2.0"}
    challenge = httpx.get(f"{live_server.url}{p.API}/enrol/challenge").json()["challenge"]
    attempts = [body, {**body, "challenge": challenge},
                {**body, "challenge": challenge, "signature": p.b64(bytes(64))}]
    with thief_ctx.db.reader() as uow:  # signed with a key, just not the victim's
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        device = uow.device.get()
        assert device is not None
        own = Ed25519PrivateKey.from_private_bytes(device.signing_key)
    message = p.enrol_message(p.EnrolRequest.model_validate({**body, "challenge": challenge}))
    attempts.append({**body, "challenge": challenge, "signature": p.b64(own.sign(message))})
    for attempt in attempts:
        r = httpx.post(f"{live_server.url}{p.API}/enrol", json=attempt)
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "signature_invalid"
    # The victim keeps its token and sends as before; the code is still there for a laptop.
    assert sync_state(ctx)["token"] == victim_token
    sends_and_is_accepted(ctx, factory)
    assert len(server_rows(live_server, tmp_path)) == 2
    # The laptop itself, which holds the key, can use the code (its token was lost, say).
    sync.enrol(ctx, live_server.url, code)
    assert sync_state(ctx)["token"] != victim_token
    sends_and_is_accepted(ctx, factory, 1)
    audit = live_server.admin("audit")
    assert audit.count("device.re_enrolled") == 1


def test_a_used_code_is_not_taken_again_after_it_expired(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    code = live_server.enrolment_code()
    sync.enrol(ctx, live_server.url, code)
    token = sync_state(ctx)["token"]
    expire_every_code(live_server)
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, live_server.url, code)
    assert err.value.code == "enrol_code_expired"
    assert sync_state(ctx)["token"] == token
    sends_and_is_accepted(ctx, factory)


def test_an_enrolled_laptop_never_moves_to_another_district(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    live_server.admin("district", "add", "15.06", "Tanjung Jabung Timur")
    enrol(ctx, live_server)
    token = sync_state(ctx)["token"]
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, live_server.url, live_server.enrolment_code("15.06"))
    assert err.value.code == "enrol_code_other_district"
    assert device_district(live_server, ctx.device_id) == "15.05"
    state = sync_state(ctx)
    assert (state["token"], state["district_code"]) == (token, "15.05")
    sends_and_is_accepted(ctx, factory)


def recording_session() -> tuple[requests.Session, list[requests.PreparedRequest]]:
    """A session that keeps every request it got an answer to (as sent: gzip bodies)."""
    session = requests.Session()
    sent: list[requests.PreparedRequest] = []
    session.hooks["response"].append(lambda r, *a, **kw: sent.append(r.request))
    return session, sent


def test_a_captured_enrolment_cannot_be_replayed(
    ctx: Context, factory: SampleFactory, live_server: LiveServer
) -> None:
    session, sent = recording_session()
    sync.enrol(ctx, live_server.url, live_server.enrolment_code(),
               options=EngineOptions(session=session))
    token = sync_state(ctx)["token"]
    captured = next(r for r in sent if r.method == "POST")
    assert isinstance(captured.body, bytes)
    signed = json.loads(gzip.decompress(captured.body))
    assert signed["signature"] and signed["challenge"] and signed["district"] == "15.05"
    replay = httpx.post(str(captured.url), content=captured.body, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert replay.status_code == 409, replay.text
    assert replay.json()["error"]["code"] == "challenge_stale"
    assert sync_state(ctx)["token"] == token
    sends_and_is_accepted(ctx, factory)


def test_a_lost_enrolment_answer_is_retried_with_a_new_challenge(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions, waits: list[float]
) -> None:
    code = live_server.enrolment_code()
    proxy.cut_response(ENROL)  # the server enrols the laptop; its answer never arrives
    st = sync.enrol(ctx, proxy.url, code, options=opts)
    assert st.enrolled and proxy.cut_count == 1 and len(waits) == 1
    assert [line.split(b" HTTP")[0] for line in proxy.requests] == [
        CHALLENGE, ENROL, CHALLENGE, ENROL]
    assert live_server.admin("devices", "list").count(ctx.device_id) == 1
    sends_and_is_accepted(ctx, factory)


def test_a_stale_challenge_is_asked_again_once(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, proxy: Proxy,
    opts: EngineOptions
) -> None:
    stale = p.ErrorBody(error=p.ErrorDetail(code="challenge_stale")).model_dump_json().encode()
    proxy.answer(ENROL, http_response(409, "Conflict", stale))
    st = sync.enrol(ctx, proxy.url, live_server.enrolment_code(), options=opts)
    assert st.enrolled and proxy.answered_count == 1
    proxy.answer(ENROL, http_response(409, "Conflict", stale), times=3)
    with pytest.raises(ServiceError) as err:
        sync.enrol(ctx, proxy.url, live_server.enrolment_code(), options=opts)
    assert err.value.code == "enrol_challenge_stale"
