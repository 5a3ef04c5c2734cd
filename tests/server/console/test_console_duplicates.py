"""The console's Ganda page (service/duplicates.py): the queue of NIKs claimed more than once,
the records side by side, and "Pakai data ini" deciding on the server so that both laptops
learn the outcome at their next pull; CSRF, roles, districts and escaping. SQLite and
PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.domain.nik import display_nik
from fieldreg.domain.registration import Registration
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import duplicates
from fieldreg.server.service.errors import AdminError
from tests.server.conftest import DISTRICT, Laptop, new_code
from tests.server.console.conftest import (
    OTHER_DISTRICT,
    audit_actions,
    csrf_of,
    login,
    make_officer,
)


def status_of(db: Database, record_id: str) -> str:
    with db.reader() as s:
        row = s.get(m.Registration, record_id)
        assert row is not None
        return row.status


def pulled(laptop: Laptop) -> dict[str, dict[str, Any]]:
    """Every record status the laptop's pulls hand out, from the start, the last one each."""
    out: dict[str, dict[str, Any]] = {}
    cursor = None
    while True:
        page = laptop.pull(cursor)
        for r in page["records"]:
            out[r["record_id"]] = r
        cursor = page["cursor"]
        if not page["more"]:
            return out


def make_duplicate(first: Laptop, second: Laptop, **changes: Any
                   ) -> tuple[Registration, Registration]:
    held = first.registration()
    assert first.results(first.entry(held))[0]["outcome"] == "applied"
    dup = second.registration(data=held.data.copy(**changes))
    assert second.results(second.entry(dup))[0]["outcome"] == "duplicate"
    return held, dup


def test_keeping_the_later_record_voids_the_holder_and_both_laptops_learn_it(
        browser: TestClient, db: Database, settings: Settings, enrolled: Laptop,
        second: Laptop) -> None:
    held, dup = make_duplicate(enrolled, second, phone="081299990000")
    make_officer(db, settings, "ani", m.ROLE_OPERATOR)
    login(browser, "ani")
    queue = browser.get("/console/ganda")
    assert queue.status_code == 200 and "1 NIK menunggu keputusan" in queue.text
    assert held.data.nik in queue.text  # an operator sees the NIK
    assert "Telepon" in queue.text  # what differs
    record = browser.get(f"/console/peserta/{dup.id}")
    assert f'href="/console/ganda/{dup.id}"' in record.text  # the record leads here
    page = browser.get(f"/console/ganda/{dup.id}")
    assert page.status_code == 200
    assert held.data.full_name in page.text and "Laptop Desa 1" in page.text
    assert "Laptop Desa 2" in page.text and page.text.count(">Pakai data ini</button>") == 2
    assert 'class="differs"' in page.text
    r = browser.post(f"/console/ganda/{dup.id}/pakai", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 303 and r.headers["location"] == "/console/ganda?done=1"
    assert status_of(db, dup.id) == m.ACCEPTED and status_of(db, held.id) == m.VOIDED
    with db.reader() as s:
        row = s.get(m.Registration, dup.id)
        assert row is not None and row.holder is None
    assert "duplicate.resolved" in audit_actions(db, "officer:ani")
    assert "registration.voided" in audit_actions(db, "officer:ani")
    with db.reader() as s:
        details = [json.loads(d) for d in s.scalars(select(m.Audit.detail))]
    assert not any(held.data.nik in json.dumps(d) for d in details)  # never a full NIK
    # the queue is empty; both laptops learn the outcome at their next pull
    assert "Tidak ada NIK ganda" in browser.get("/console/ganda").text
    mine = pulled(second)[dup.id]
    assert mine["status"] == "accepted" and mine["holder"] is None
    theirs = pulled(enrolled)[held.id]
    assert theirs["status"] == "voided"
    assert theirs["problems"][0]["code"] == "voided_by_district"
    assert "Ganda" in theirs["problems"][0]["params"]["reason"]
    # neither laptop learns the other's record
    assert held.id not in pulled(second) and dup.id not in pulled(enrolled)


def test_keeping_the_holder_voids_every_other_claim(
        db: Database, settings: Settings, client: TestClient, enrolled: Laptop,
        second: Laptop, factory: object) -> None:
    held, dup = make_duplicate(enrolled, second)
    third = Laptop(client, factory, name="Laptop Desa 3")  # type: ignore[arg-type]
    assert third.enrol(new_code(db, settings)).status_code == 200
    again = third.registration(data=held.data.copy())
    assert third.results(third.entry(again))[0]["outcome"] == "duplicate"
    groups, total = duplicates.queue(db, DISTRICT)
    assert total == 1 and len(groups[0].claims) == 3 and groups[0].claims[0].id == held.id
    assert groups[0].differs == []
    decided = duplicates.keep(db, settings, DISTRICT, held.id, actor="officer:ani")
    assert sorted(decided.voided) == sorted([dup.id, again.id])
    assert [status_of(db, x) for x in (held.id, dup.id, again.id)] == [
        m.ACCEPTED, m.VOIDED, m.VOIDED]
    assert pulled(third)[again.id]["status"] == "voided"
    assert duplicates.queue(db, DISTRICT) == ([], 0)
    # decided: nothing left to decide
    try:
        duplicates.keep(db, settings, DISTRICT, held.id, actor="officer:ani")
    except AdminError as exc:
        assert str(exc) == "nothing_to_decide"
    else:
        raise AssertionError("decided twice")


def test_a_claim_in_another_district_cannot_be_decided_here(
        db: Database, settings: Settings, client: TestClient, enrolled: Laptop,
        other_district: str, factory: object) -> None:
    away = Laptop(client, factory, name="Laptop Kerinci")  # type: ignore[arg-type]
    away.district = OTHER_DISTRICT
    assert away.enrol(new_code(db, settings, OTHER_DISTRICT)).status_code == 200
    held = away.registration()
    assert away.results(away.entry(held))[0]["outcome"] == "applied"
    dup = enrolled.registration(data=held.data.copy())
    assert enrolled.results(enrolled.entry(dup))[0]["outcome"] == "duplicate"
    groups, _ = duplicates.queue(db, DISTRICT)
    assert len(groups) == 1 and groups[0].elsewhere == 1
    assert [c.id for c in groups[0].claims] == [dup.id]  # the other district's not shown
    try:
        duplicates.keep(db, settings, DISTRICT, dup.id, actor="officer:ani")
    except AdminError as exc:
        assert str(exc) == "elsewhere"
    else:
        raise AssertionError("decided over another district's record")
    assert status_of(db, held.id) == m.ACCEPTED and status_of(db, dup.id) == m.DUPLICATE
    # the other district's officer finds nothing of ours, and cannot decide it
    assert duplicates.group_of(db, OTHER_DISTRICT, dup.id) is None


def test_csrf_roles_districts_masking_and_escaping(
        browser: TestClient, db: Database, settings: Settings, client: TestClient,
        enrolled: Laptop, second: Laptop, other_district: str, factory: object) -> None:
    hostile = Laptop(client, factory, name="<script>alert(1)</script>")  # type: ignore[arg-type]
    assert hostile.enrol(new_code(db, settings)).status_code == 200
    held, dup = make_duplicate(enrolled, hostile)
    away = Laptop(client, factory, name="Laptop Kerinci")  # type: ignore[arg-type]
    away.district = OTHER_DISTRICT
    assert away.enrol(new_code(db, settings, OTHER_DISTRICT)).status_code == 200
    away2 = Laptop(client, factory, name="Laptop Kerinci 2")  # type: ignore[arg-type]
    away2.district = OTHER_DISTRICT
    assert away2.enrol(new_code(db, settings, OTHER_DISTRICT)).status_code == 200
    _, away_dup = make_duplicate(away, away2)
    make_officer(db, settings, "ani", m.ROLE_OPERATOR)
    make_officer(db, settings, "vera", m.ROLE_VIEWER)
    login(browser, "ani")
    page = browser.get(f"/console/ganda/{dup.id}")
    # the laptop's name escaped
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    before = audit_actions(db)
    r = browser.post(f"/console/ganda/{dup.id}/pakai", data={})
    assert r.status_code == 403
    r = browser.post(f"/console/ganda/{dup.id}/pakai", data={"csrf": "salah"})
    assert r.status_code == 403
    assert status_of(db, dup.id) == m.DUPLICATE and audit_actions(db) == before
    # another district's duplicate: not found, not decided
    assert browser.get(f"/console/ganda/{away_dup.id}").status_code == 404
    r = browser.post(f"/console/ganda/{away_dup.id}/pakai", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 404 and status_of(db, away_dup.id) == m.DUPLICATE
    assert "Laptop Kerinci" not in browser.get("/console/ganda").text
    # a viewer reads with the NIK masked and may not decide
    browser.cookies.clear()
    login(browser, "vera")
    queue = browser.get("/console/ganda")
    assert held.data.nik not in queue.text and display_nik(held.data.nik) in queue.text
    page = browser.get(f"/console/ganda/{dup.id}")
    assert page.status_code == 200 and "Pakai data ini</button>" not in page.text
    assert held.data.nik not in page.text
    r = browser.post(f"/console/ganda/{dup.id}/pakai", data={"csrf": csrf_of(page.text)})
    assert r.status_code == 403 and status_of(db, dup.id) == m.DUPLICATE
    assert status_of(db, held.id) == m.ACCEPTED
