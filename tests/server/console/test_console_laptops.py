"""The console's Laptop page (service/laptops.py): enrolment codes (made with a QR, listed,
cancelled), the district's devices with their counts, a lost laptop's breach list (page and
CSV/XLSX, NIKs masked for a viewer, audited), revoking with a reason and transferring a
laptop's queue to its replacement; CSRF, roles, districts and escaping. SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from fieldreg.domain.nik import display_nik
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import laptops
from tests.server.conftest import DISTRICT, Laptop, new_code
from tests.server.console.conftest import (
    OTHER_DISTRICT,
    audit_actions,
    csrf_of,
    login,
    make_officer,
)

CODE_RE = re.compile(r'class="mono big2 code">([0-9A-Z-]{14})<')


def device_row(db: Database, device_id: str) -> m.Device:
    with db.reader() as s:
        row = s.get(m.Device, device_id)
        assert row is not None
        return row


def audit_detail(db: Database, action: str) -> dict[str, object]:
    with db.reader() as s:
        row = s.scalars(select(m.Audit).where(m.Audit.action == action)
                        .order_by(m.Audit.id.desc())).first()
        assert row is not None, action
        return {"actor": row.actor, "entity_id": row.entity_id, **json.loads(row.detail)}


def pushed(laptop: Laptop, n: int) -> list[str]:
    regs = [laptop.registration() for _ in range(n)]
    results = laptop.results(*(laptop.entry(r) for r in regs))
    assert {r["outcome"] for r in results} == {"applied"}
    return [r.data.nik for r in regs]


def test_an_admin_makes_a_code_with_its_qr_and_cancels_another(
        browser: TestClient, db: Database, settings: Settings, client: TestClient,
        factory: object) -> None:
    make_officer(db, settings, "siti")
    login(browser, "siti")
    page = browser.get("/console/laptop")
    assert page.status_code == 200 and "Kode pendaftaran laptop" in page.text
    r = browser.post("/console/laptop/kode", data={"csrf": csrf_of(page.text), "jam": "24"})
    assert r.status_code == 200
    code = CODE_RE.search(r.text)
    assert code, r.text
    assert "<svg" in r.text and "<script" not in r.text
    assert audit_detail(db, "enrolment_code.created")["actor"] == "officer:siti"
    # listed as not used yet, never shown again
    listing = browser.get("/console/laptop")
    assert "Belum dipakai" in listing.text and code.group(1) not in listing.text
    # the code enrols a laptop
    laptop = Laptop(client, factory, name="Laptop Baru")  # type: ignore[arg-type]
    assert laptop.enrol(code.group(1)).status_code == 200
    listing = browser.get("/console/laptop")
    assert "Sudah dipakai" in listing.text and "Laptop Baru" in listing.text
    # a second code, cancelled: it no longer enrols
    r = browser.post("/console/laptop/kode", data={"csrf": csrf_of(listing.text), "jam": "72"})
    second = CODE_RE.search(r.text)
    assert second
    with db.reader() as s:
        newest = s.scalars(select(m.EnrolmentCode).order_by(m.EnrolmentCode.id.desc())).first()
        assert newest is not None
        code_id = newest.id
    r = browser.post(f"/console/laptop/kode/{code_id}/batal", data={"csrf": csrf_of(r.text)})
    assert r.status_code == 303 and r.headers["location"].endswith("done=code_cancelled")
    assert "Kode dibatalkan" in browser.get(r.headers["location"]).text
    assert "enrolment_code.cancelled" in audit_actions(db, "officer:siti")
    late = Laptop(client, factory, name="Terlambat")  # type: ignore[arg-type]
    assert late.enrol(second.group(1)).status_code != 200
    # a used code cannot be cancelled
    with db.reader() as s:
        used = s.scalars(select(m.EnrolmentCode.id)
                         .where(m.EnrolmentCode.used_at.is_not(None))).first()
    r = browser.post(f"/console/laptop/kode/{used}/batal",
                     data={"csrf": csrf_of(listing.text)})
    assert r.headers["location"].endswith("done=code_not_cancelled")


def test_hours_out_of_range_are_refused(browser: TestClient, db: Database,
                                        settings: Settings) -> None:
    make_officer(db, settings, "siti")
    login(browser, "siti")
    token = csrf_of(browser.get("/console/laptop").text)
    for hours in ("0", "721", "abc", ""):
        r = browser.post("/console/laptop/kode", data={"csrf": token, "jam": hours})
        assert r.status_code == 400 and "antara 1 dan 720" in r.text
    assert "enrolment_code.created" not in audit_actions(db, "officer:siti")


def test_devices_and_the_breach_list(browser: TestClient, db: Database, settings: Settings,
                                     enrolled: Laptop, second: Laptop) -> None:
    niks = pushed(enrolled, 3)
    pushed(second, 1)
    make_officer(db, settings, "siti")
    make_officer(db, settings, "vera", m.ROLE_VIEWER)
    login(browser, "siti")
    listing = browser.get("/console/laptop")
    assert "Laptop Desa 1" in listing.text and "Laptop Desa 2" in listing.text
    rows = {d.name: d for d in laptops.devices(db, DISTRICT)}
    assert rows["Laptop Desa 1"].held == 3 and rows["Laptop Desa 1"].accepted == 3
    assert rows["Laptop Desa 2"].held == 1
    page = browser.get(f"/console/laptop/{enrolled.device_id}")
    assert page.status_code == 200
    for nik in niks:
        assert nik in page.text  # an admin sees the NIK
    assert "vol-1" in page.text  # the volunteer's account id: the server has no names
    assert audit_detail(db, "device.breach_viewed")["rows"] == 3
    csv_r = browser.get(f"/console/laptop/{enrolled.device_id}/daftar.csv")
    assert csv_r.status_code == 200 and "attachment" in csv_r.headers["content-disposition"]
    table = list(csv.reader(io.StringIO(csv_r.content.decode("utf-8-sig"))))
    assert table[0] == laptops.BREACH_COLUMNS and len(table) == 4
    assert sorted(row[2] for row in table[1:]) == sorted(niks)
    xlsx = browser.get(f"/console/laptop/{enrolled.device_id}/daftar.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == 4
    exported = audit_detail(db, "device.breach_exported")
    assert exported["actor"] == "officer:siti" and exported["format"] == "xlsx"
    assert exported["nik_masked"] is False
    # a viewer: NIKs masked on the page and in the file
    browser.cookies.clear()
    login(browser, "vera")
    page = browser.get(f"/console/laptop/{enrolled.device_id}")
    assert page.status_code == 200 and niks[0] not in page.text
    assert display_nik(niks[0]) in page.text
    assert "Cabut laptop" not in page.text  # no admin action offered
    csv_r = browser.get(f"/console/laptop/{enrolled.device_id}/daftar.csv")
    assert niks[0] not in csv_r.text
    assert audit_detail(db, "device.breach_exported")["nik_masked"] is True


def test_revoke_with_a_reason_after_a_confirmation(browser: TestClient, db: Database,
                                                   settings: Settings, enrolled: Laptop) -> None:
    pushed(enrolled, 1)
    make_officer(db, settings, "siti")
    login(browser, "siti")
    confirm = browser.get(f"/console/laptop/{enrolled.device_id}/cabut")
    assert confirm.status_code == 200 and "Cabut Laptop Desa 1?" in confirm.text
    assert device_row(db, enrolled.device_id).revoked_at is None  # asking changes nothing
    r = browser.post(f"/console/laptop/{enrolled.device_id}/cabut",
                     data={"csrf": csrf_of(confirm.text), "alasan": "  "})
    assert r.status_code == 400 and "Isi alasannya" in r.text
    assert device_row(db, enrolled.device_id).revoked_at is None
    r = browser.post(f"/console/laptop/{enrolled.device_id}/cabut",
                     data={"csrf": csrf_of(confirm.text), "alasan": "Dicuri di pasar"})
    assert r.status_code == 303
    assert device_row(db, enrolled.device_id).revoked_at is not None
    detail = audit_detail(db, "device.revoked")
    assert detail["actor"] == "officer:siti" and detail["reason"] == "Dicuri di pasar"
    assert enrolled.push(enrolled.entry(enrolled.registration())).status_code == 401
    page = browser.get(r.headers["location"])
    assert "Laptop dicabut" in page.text and "Dicabut pada" in page.text


def test_transfer_to_the_replacement(browser: TestClient, db: Database, settings: Settings,
                                     enrolled: Laptop, second: Laptop, client: TestClient,
                                     factory: object) -> None:
    old_niks = pushed(enrolled, 2)
    make_officer(db, settings, "siti")
    login(browser, "siti")
    assert laptops.held_records(db, DISTRICT, second.device_id) == []
    url = f"/console/laptop/{enrolled.device_id}/pindah"
    form = browser.get(url)
    assert form.status_code == 200 and second.device_id in form.text
    # not revoked and not said to be in use: refused as by the CLI, nothing stored
    r = browser.post(url, data={"csrf": csrf_of(form.text), "baru": second.device_id})
    assert r.status_code == 400 and "laptop lama belum dicabut" in r.text
    with db.reader() as s:
        assert s.get(m.DeviceTransfer, second.device_id) is None
    r = browser.post(url, data={"csrf": csrf_of(form.text), "baru": second.device_id,
                                "masih_dipakai": "1"})
    assert r.status_code == 303
    with db.reader() as s:
        link = s.get(m.DeviceTransfer, second.device_id)
        assert link is not None and link.from_device_id == enrolled.device_id
        assert link.by == "officer:siti"
    assert audit_detail(db, "device.transferred")["still_in_use"] is True
    # the same transfer again changes nothing; to another replacement: refused, in words
    r = browser.post(url, data={"csrf": csrf_of(form.text), "baru": second.device_id,
                                "masih_dipakai": "1"})
    assert r.status_code == 303
    third = Laptop(client, factory, name="Laptop Desa 3")  # type: ignore[arg-type]
    assert third.enrol(new_code(db, settings)).status_code == 200
    r = browser.post(url, data={"csrf": csrf_of(form.text), "baru": third.device_id,
                                "masih_dipakai": "1"})
    assert r.status_code == 400 and "sudah dipindahkan ke laptop lain" in r.text
    with db.reader() as s:
        assert s.get(m.DeviceTransfer, third.device_id) is None
    # the replacement's page names where it came from; its breach list has the old records
    page = browser.get(f"/console/laptop/{second.device_id}")
    assert "Dipulihkan dari" in page.text
    # ... and what it held includes what the old laptop sent (its backup came from there)
    assert all(nik in page.text for nik in old_niks)


def test_csrf_roles_districts_and_escaping(browser: TestClient, db: Database,
                                           settings: Settings, client: TestClient,
                                           enrolled: Laptop, second: Laptop,
                                           other_district: str, factory: object) -> None:
    away = Laptop(client, factory, name="Laptop Kerinci")  # type: ignore[arg-type]
    away.district = OTHER_DISTRICT
    assert away.enrol(new_code(db, settings, OTHER_DISTRICT)).status_code == 200
    hostile = Laptop(client, factory, name='<script>alert(1)</script>"x')  # type: ignore[arg-type]
    assert hostile.enrol(new_code(db, settings)).status_code == 200
    make_officer(db, settings, "siti")
    make_officer(db, settings, "opi", m.ROLE_OPERATOR)
    login(browser, "siti")
    before = audit_actions(db)
    dev = enrolled.device_id
    # no CSRF token: 403, nothing changed
    for path, data in ((f"/console/laptop/{dev}/cabut", {"alasan": "hilang"}),
                       (f"/console/laptop/{dev}/pindah", {"baru": second.device_id,
                                                          "masih_dipakai": "1"}),
                       ("/console/laptop/kode", {"jam": "5"}),
                       ("/console/laptop/kode/1/batal", {})):
        assert browser.post(path, data=data).status_code == 403, path
    assert device_row(db, dev).revoked_at is None
    with db.reader() as s:
        assert s.get(m.DeviceTransfer, second.device_id) is None
    assert audit_actions(db) == before
    # escaped names
    listing = browser.get("/console/laptop")
    assert "<script>alert(1)</script>" not in listing.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing.text
    assert "<script" not in browser.get(f"/console/laptop/{hostile.device_id}").text
    # another district's laptop: not found, by every path
    for path in (f"/console/laptop/{away.device_id}", f"/console/laptop/{away.device_id}/cabut",
                 f"/console/laptop/{away.device_id}/pindah",
                 f"/console/laptop/{away.device_id}/daftar.csv"):
        assert browser.get(path).status_code == 404, path
    token = csrf_of(listing.text)
    assert browser.post(f"/console/laptop/{away.device_id}/cabut",
                        data={"csrf": token, "alasan": "x"}).status_code == 404
    assert browser.post(f"/console/laptop/{dev}/pindah",
                        data={"csrf": token, "baru": away.device_id,
                              "masih_dipakai": "1"}).status_code == 404
    assert device_row(db, away.device_id).revoked_at is None
    with db.reader() as s:
        away_code = s.scalars(select(m.EnrolmentCode.id).where(
            m.EnrolmentCode.district_code == OTHER_DISTRICT)).first()
    new_code(db, settings, OTHER_DISTRICT)
    with db.reader() as s:
        away_code = s.scalars(select(m.EnrolmentCode.id).where(
            m.EnrolmentCode.district_code == OTHER_DISTRICT,
            m.EnrolmentCode.used_at.is_(None))).first()
    r = browser.post(f"/console/laptop/kode/{away_code}/batal", data={"csrf": token})
    assert r.headers["location"].endswith("code_not_cancelled")
    assert "enrolment_code.cancelled" not in audit_actions(db)
    # an operator reads but may not change laptops
    browser.cookies.clear()
    login(browser, "opi")
    page = browser.get("/console/laptop")
    assert page.status_code == 200 and "Buat kode" not in page.text
    token = csrf_of(page.text)
    for path, data in ((f"/console/laptop/{dev}/cabut", {"alasan": "hilang"}),
                       (f"/console/laptop/{dev}/pindah", {"baru": second.device_id,
                                                          "masih_dipakai": "1"}),
                       ("/console/laptop/kode", {"jam": "5"})):
        assert browser.post(path, data={"csrf": token, **data}).status_code == 403, path
    assert browser.get(f"/console/laptop/{dev}/cabut").status_code == 403
    assert device_row(db, dev).revoked_at is None
    assert "enrolment_code.created" not in audit_actions(db, "officer:opi")
