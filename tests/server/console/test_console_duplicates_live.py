"""Ganda end to end with two real laptops: each saves the same worker and syncs with a real
server on loopback (the second gets 'duplicate'); an operator logs in to the console over
HTTP and keeps the second laptop's record; at their next sync, without anyone saving again,
the second laptop's record is accepted and the first's voided by the district."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from fieldreg.domain.codes import Status
from fieldreg.services import registrations, sync
from fieldreg.services.context import Context
from tests.live_server import LiveServer, live_server  # noqa: F401  (fixture)
from tests.sync.conftest import enrol, other_laptop  # noqa: F401  (fixture)
from tools.sample_data import SampleFactory

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
NEW_PASSWORD = "sandi-operator-1"


def csrf(html: str) -> str:
    found = CSRF.search(html)
    assert found, html
    return found.group(1)


def console_login(http: httpx.Client, name: str, one_time: str) -> None:
    page = http.get("/console/login")
    r = http.post("/console/login", data={"csrf": csrf(page.text), "name": name,
                                          "password": one_time})
    assert r.status_code == 303 and r.headers["location"] == "/console/password", r.text
    page = http.get("/console/password")
    r = http.post("/console/password", data={"csrf": csrf(page.text), "current": one_time,
                                              "new": NEW_PASSWORD, "again": NEW_PASSWORD})
    assert r.status_code == 303, r.text


def test_keep_this_one_reaches_both_laptops_at_their_next_sync(
        ctx: Context, factory: SampleFactory, live_server: LiveServer,  # noqa: F811
        other_laptop: Callable[[str], Context]) -> None:  # noqa: F811
    worker = factory.data()
    first = registrations.save(ctx, worker, ready=True).registration
    laptop2 = other_laptop("Laptop Desa 2")
    second = registrations.save(laptop2, worker, ready=True).registration
    enrol(ctx, live_server)
    enrol(laptop2, live_server)
    assert sync.sync(ctx).applied == 1
    assert sync.sync(laptop2).duplicate == 1
    assert registrations.get(laptop2, second.id).status is Status.DUPLICATE

    one_time = live_server.admin("officer", "add", "ani", "--district", "15.05", "--role",
                                 "operator").strip().splitlines()[-1].strip()
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        console_login(http, "ani", one_time)
        page = http.get(f"/console/ganda/{second.id}")
        assert page.status_code == 200 and "Laptop Desa 2" in page.text
        r = http.post(f"/console/ganda/{second.id}/pakai", data={"csrf": csrf(page.text)})
        assert r.status_code == 303, r.text

    # nobody saves anything: the next sync brings the decision to each laptop
    sync.sync(laptop2)
    sync.sync(ctx)
    kept = registrations.get(laptop2, second.id)
    assert kept.status is Status.ACCEPTED and kept.outcome_code == ""
    dropped = registrations.get(ctx, first.id)
    assert dropped.status is Status.VOIDED
    assert dropped.outcome_code == "voided_by_district"
    assert sync.status(laptop2).needs_fixing == 0
