"""The console's Beranda numbers (service/dashboard.py) and Peserta search, filters, paging and
detail, over registrations pushed by laptops as in the field (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.domain.registration import Registration
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin, dashboard, participants
from tests.server.conftest import ADMIN, DISTRICT, TODAY, Clock, Laptop
from tests.server.console.conftest import login, make_officer


def push_all(laptop: Laptop, regs: list[Registration]) -> None:
    for i in range(0, len(regs), 50):
        results = laptop.results(*(laptop.entry(r) for r in regs[i:i + 50]))
        assert {r["outcome"] for r in results} <= {"applied", "duplicate"}, [
            r.get("problems") for r in results]


def test_home_counts_against_targets(db: Database, settings: Settings, enrolled: Laptop,
                                     second: Laptop, clock: Clock,
                                     browser: TestClient) -> None:
    regs = [enrolled.registration() for _ in range(6)]
    village = regs[0].data.village_code
    same_village = [replace(r, data=r.data.copy(village_code=village)) for r in regs[:4]]
    regs = same_village + regs[4:]
    # One made three days ago (the laptop's date), one a duplicate NIK from another laptop.
    regs[5] = replace(regs[5], created_at=regs[5].created_at.replace(day=12))
    push_all(enrolled, regs)
    dup = second.registration(data=regs[0].data.copy())
    assert second.results(second.entry(dup))[0]["outcome"] == "duplicate"
    admin.set_target(db, settings, DISTRICT, village, 8, actor=ADMIN)
    admin.verify(db, settings, regs[0].participant_number or "", actor=ADMIN)

    d = dashboard.summary(db, DISTRICT, now=clock(), today=TODAY)
    assert d.active == 6 and d.total == 7 and d.duplicates == 1
    statuses = {c.key: c.n for c in d.by_status}
    assert statuses == {"accepted": 5, "verified": 1, "duplicate": 1, "voided": 0}
    rows = {v.code: v for k in d.kecamatan for v in k.villages}
    assert rows[village].registered == 4 and rows[village].target == 8
    assert rows[village].percent == 50
    kec = next(k for k in d.kecamatan if village.startswith(k.code + "."))
    assert kec.target == 8 and kec.registered == sum(v.registered for v in kec.villages)
    assert sum(k.registered for k in d.kecamatan) == 6
    funding = {c.key: c.n for c in d.by_funding}
    expected: dict[str, int] = {}
    for r in regs:
        key = r.data.funding_source.value if r.data.funding_source else ""
        expected[key] = expected.get(key, 0) + 1
    assert funding == expected
    assert sum(c.n for c in d.by_occupation) == 6
    days = {c.key: c.n for c in d.per_day}
    assert len(d.per_day) == dashboard.DAYS and d.per_day[-1].key == TODAY.isoformat()
    assert days["2026-01-15"] == 6 and days["2026-01-12"] == 1  # the duplicate counts too
    assert d.stale == [] and d.rejected == 0
    # Another district's officer sees none of it.
    assert dashboard.summary(db, "15.01", now=clock(), today=TODAY).total == 0
    # Laptops that have not synced for 7 days.
    clock.advance(days=8)
    stale = dashboard.summary(db, DISTRICT, now=clock(), today=TODAY).stale
    assert {s.name for s in stale} == {"Laptop Desa 1", "Laptop Desa 2"}
    assert all(s.days == 8 for s in stale)

    make_officer(db, settings, "siti")
    login(browser, "siti")
    held = browser.get(f"/console/peserta/{dup.id}")  # who holds the NIK, by number
    assert "NIK ini sudah dipegang peserta lain" in held.text
    assert participant_number.display(regs[0].participant_number or "") in held.text
    page = browser.get("/console/")
    assert page.status_code == 200
    assert "Laptop Desa 1" in page.text and "NIK ganda" in page.text
    assert "50%" in page.text and rows[village].name in page.text
    assert "Laptop belum sync ≥ 7 hari" in page.text
    nine = browser.get("/console/", params={"hari": "9"})  # 8 days: not stale for 9
    assert "Laptop belum sync ≥ 9 hari" in nine.text and "Laptop Desa 1" not in nine.text
    for bad in ("0", "abc", "9999", "-1"):
        r = browser.get("/console/", params={"hari": bad})
        assert r.status_code == 200 and "Jumlah hari harus angka 1 sampai 365" in r.text
        assert "Laptop Desa 1" in r.text  # the default 7 days


def test_a_rejected_record_waits_for_a_fix(db: Database, settings: Settings,
                                           enrolled: Laptop, clock: Clock) -> None:
    bad = enrolled.registration()
    bad = replace(bad, data=bad.data.copy(full_name="1234"))
    assert enrolled.results(enrolled.entry(bad))[0]["outcome"] == "rejected"
    assert dashboard.summary(db, DISTRICT, now=clock(), today=TODAY).rejected == 1
    fixed = replace(bad, data=bad.data.copy(full_name="Siti Aminah"))
    assert enrolled.results(enrolled.entry(fixed))[0]["outcome"] == "applied"
    assert dashboard.summary(db, DISTRICT, now=clock(), today=TODAY).rejected == 0


def test_participants_search_filters_and_pages(db: Database, settings: Settings,
                                               enrolled: Laptop, second: Laptop,
                                               browser: TestClient) -> None:
    regs = [enrolled.registration() for _ in range(55)]
    named = replace(regs[0], data=regs[0].data.copy(full_name="Nurhayati Binti Ahmad"))
    regs[0] = named
    push_all(enrolled, regs)
    other = second.registration()
    push_all(second, [other])
    total = 56

    def search(**kw: Any) -> participants.Page:
        return participants.search(db, DISTRICT, participants.Filters(**kw))

    first = search()
    assert first.total == total and len(first.rows) == participants.PAGE_SIZE
    assert first.pages == 2
    last = search(page=2)
    assert len(last.rows) == total - participants.PAGE_SIZE
    assert {r.id for r in first.rows}.isdisjoint({r.id for r in last.rows})
    assert search(page=99).page == 2  # past the end: the last page
    # NIK: exact only.
    by_nik = search(q=named.data.nik)
    assert by_nik.search_kind == "nik" and [r.id for r in by_nik.rows] == [named.id]
    assert search(q=named.data.nik[:15]).search_kind == "name"
    # Name: part of it, any case.
    by_name = search(q="binti AHM")
    assert by_name.search_kind == "name" and [r.id for r in by_name.rows] == [named.id]
    assert search(q="%").total == 0 and search(q="_").total == 0  # LIKE wildcards are text
    # Participant number.
    by_number = search(q=named.participant_number or "")
    assert by_number.search_kind == "number" and [r.id for r in by_number.rows] == [named.id]
    # Filters.
    assert search(device=second.device_id).total == 1
    village = named.data.village_code
    in_village = search(village=village)
    assert in_village.total >= 1 and all(r.village_code == village for r in in_village.rows)
    kec = village.rsplit(".", 1)[0]
    assert search(kecamatan=kec).total >= in_village.total
    with db.writer() as s:
        s.execute(update(m.Registration).where(m.Registration.id == other.id)
                  .values(status=m.VERIFIED))
        s.commit()
    assert [r.id for r in search(status=m.VERIFIED).rows] == [other.id]

    make_officer(db, settings, "siti", m.ROLE_OPERATOR)
    login(browser, "siti")
    page = browser.get("/console/peserta", params={"q": "binti ahmad"})
    assert page.status_code == 200 and named.id in page.text and "1 peserta" in page.text
    two = browser.get("/console/peserta", params={"hal": "2"})
    assert "Halaman 2 dari 2" in two.text
    bad = browser.get("/console/peserta", params={"status": "nonsense", "hal": "x"})
    assert bad.status_code == 200 and "Filter tidak valid" in bad.text
    assert f"{total} peserta" in bad.text  # the bad filters were ignored
    detail = browser.get(f"/console/peserta/{named.id}")
    assert detail.status_code == 200
    assert "Nurhayati Binti Ahmad" in detail.text and "Laptop Desa 1" in detail.text
    assert "diterima dari laptop" in detail.text  # the push's receipt in the history
    with db.reader() as s:
        viewed = s.query(m.Audit).filter(m.Audit.action == "registration.viewed",
                                         m.Audit.entity_id == named.id).count()
    assert viewed == 1


def test_a_voided_record_shows_its_reason_and_history(db: Database, settings: Settings,
                                                      enrolled: Laptop,
                                                      browser: TestClient) -> None:
    reg = enrolled.registration()
    push_all(enrolled, [reg])
    admin.void(db, settings, reg.participant_number or "", "data ganda di kecamatan",
               actor=ADMIN)
    make_officer(db, settings, "siti", m.ROLE_VIEWER)
    login(browser, "siti")
    page = browser.get(f"/console/peserta/{reg.id}")
    assert "data ganda di kecamatan" in page.text and "dibatalkan" in page.text
    assert "Dibatalkan" in page.text
    assert Status.VOIDED.value == m.VOIDED
