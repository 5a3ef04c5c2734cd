"""The console's Target page (service/targets.py): the district's villages and their targets,
editing one, uploading a CSV or XLSX (every row reported, preview then apply), hostile and
oversized uploads refused, and the targets reaching the laptops by pull; CSRF, roles,
districts and escaping. SQLite and PostgreSQL."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import select

from fieldreg.domain.regions import get_regions
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import targets
from tests.server.conftest import DISTRICT, Laptop
from tests.server.console.conftest import audit_actions, csrf_of, login, make_officer

CARRIED = 'name="baris" value="'


def villages(n: int, district: str = DISTRICT) -> list[str]:
    regions = get_regions()
    out = []
    for kec in regions.districts_of(district):
        out += [v.code for v in regions.villages_of(kec.code)]
    return out[:n]


def stored(db: Database) -> dict[str, int]:
    with db.reader() as s:
        return {t.village_code: t.target for t in s.scalars(select(m.Target))}


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(browser: TestClient, token: str, content: bytes, name: str = "target.csv"
           ) -> object:
    return browser.post("/console/target/unggah", data={"csrf": token},
                        files={"berkas": (name, content, "application/octet-stream")})


def carried(html: str) -> str:
    start = html.index(CARRIED) + len(CARRIED)
    return html[start:html.index('"', start)]


def test_upload_previews_every_row_then_applies_and_laptops_pull_them(
        browser: TestClient, db: Database, settings: Settings, enrolled: Laptop) -> None:
    a, b, c = villages(3)
    away = villages(1, "15.01")[0]
    make_officer(db, settings, "siti")
    login(browser, "siti")
    page = browser.get("/console/target")
    assert page.status_code == 200 and get_regions().village(a).display_name in page.text
    csv_text = ("kode_desa,target\n"
                f"{a},12\n{b},1.250\n{away},5\n15.05.99.9999,3\n{c},banyak\n{a},7\n,\n,4\n")
    r = upload(browser, csrf_of(page.text), csv_text.encode())
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    html = r.text  # type: ignore[attr-defined]
    assert "2 baris siap disimpan, 5 baris ditolak" in html
    for words in ("Desa ini bukan di kabupaten Anda", "Kode desa tidak dikenal",
                  "Target harus bilangan bulat", "sudah ada di baris sebelumnya",
                  "Kode desa kosong"):
        assert words in html, words
    assert stored(db) == {}  # a preview changes nothing
    r = browser.post("/console/target/terapkan", data={"csrf": csrf_of(html),
                                                       "baris": carried(html)})
    assert r.status_code == 303 and r.headers["location"] == "/console/target?done=2"
    assert stored(db) == {a: 12, b: 1250}
    assert "targets.set" in audit_actions(db, "officer:siti")
    assert "2 target disimpan" in browser.get(r.headers["location"]).text
    # the laptops receive them at their next pull
    pulled = enrolled.pull()
    assert {t["village_code"]: t["target"] for t in pulled["reference"]["targets"]} == {
        a: 12, b: 1250}
    later = enrolled.pull(pulled["cursor"])
    assert later["reference"] is None
    # an XLSX, and one edit on the list: a new reference entry reaches the laptop
    r = upload(browser, csrf_of(html), xlsx([["Kode_Desa", "Target"], [c, 30]]), "t.xlsx")
    assert "1 baris siap disimpan, 0 baris ditolak" in r.text  # type: ignore[attr-defined]
    token = csrf_of(browser.get("/console/target").text)
    r = browser.post("/console/target/ubah", data={"csrf": token, "desa": a, "target": "15"})
    assert r.status_code == 303 and stored(db)[a] == 15
    again = enrolled.pull(later["cursor"])
    assert {t["village_code"]: t["target"] for t in again["reference"]["targets"]}[a] == 15


def test_bad_uploads_and_edits_are_refused_and_change_nothing(
        browser: TestClient, db: Database, settings: Settings) -> None:
    a = villages(1)[0]
    away = villages(1, "15.01")[0]
    make_officer(db, settings, "siti")
    login(browser, "siti")
    token = csrf_of(browser.get("/console/target").text)
    cases = [
        (b"nama,jumlah\nx,1\n", "kolom kode_desa dan target tidak ditemukan"),
        (b"%PDF-1.4 not a list", "Berkas tidak dapat dibaca"),
        (b"PK\x03\x04" + b"\x00" * 200, "bukan CSV atau XLSX yang utuh"),
        (b"kode_desa,target\n" + b"1,2\n" * 20_001, "terlalu banyak baris"),
        (b"", "Pilih berkas dulu"),
    ]
    for content, words in cases:
        r = upload(browser, token, content)
        assert r.status_code == 400 and words in r.text, words  # type: ignore[attr-defined]
    # too big: refused before it is read
    big = b"kode_desa,target\n" + b"x" * (targets.MAX_UPLOAD_BYTES + 10)
    assert upload(browser, token, big).status_code == 413  # type: ignore[attr-defined]
    # a village of another district, not a number: refused, nothing stored
    for desa, target in ((away, "5"), (a, "-3"), (a, "1e9"), ("15.05", "4")):
        r = browser.post("/console/target/ubah", data={"csrf": token, "desa": desa,
                                                       "target": target})
        assert r.status_code == 400, (desa, target)
    # a tampered preview: the other district's row is checked again and not written
    r = browser.post("/console/target/terapkan",
                     data={"csrf": token, "baris": f"{away}=9;{a}=<b>"})
    assert r.status_code == 303 and r.headers["location"].endswith("done=0")
    assert stored(db) == {}
    assert "targets.set" not in audit_actions(db)


def test_csrf_roles_and_escaping(browser: TestClient, db: Database,
                                 settings: Settings) -> None:
    a = villages(1)[0]
    make_officer(db, settings, "siti")
    make_officer(db, settings, "ani", m.ROLE_OPERATOR)
    login(browser, "siti")
    # no CSRF token: 403, nothing stored
    r = browser.post("/console/target/unggah",
                     files={"berkas": ("t.csv", f"kode_desa,target\n{a},3\n".encode(),
                                       "text/csv")})
    assert r.status_code == 403
    assert browser.post("/console/target/ubah",
                        data={"desa": a, "target": "3"}).status_code == 403
    assert browser.post("/console/target/terapkan",
                        data={"baris": f"{a}=3"}).status_code == 403
    assert stored(db) == {}
    # hostile text in a file: shown escaped in the preview, never stored
    token = csrf_of(browser.get("/console/target").text)
    r = upload(browser, token, b'kode_desa,target\n"<script>alert(1)</script>",3\n')
    html = r.text  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    # a formula-looking file name is only text
    r = upload(browser, token, f"kode_desa,target\n{a},3\n".encode(), "<img src=x>.csv")
    assert "<img src=x>" not in r.text  # type: ignore[attr-defined]
    # an operator reads the list but may not change it
    browser.cookies.clear()
    login(browser, "ani")
    page = browser.get("/console/target")
    assert page.status_code == 200 and 'name="berkas"' not in page.text
    token = csrf_of(page.text)
    r = upload(browser, token, f"kode_desa,target\n{a},3\n".encode())
    assert r.status_code == 403  # type: ignore[attr-defined]
    assert browser.post("/console/target/ubah", data={"csrf": token, "desa": a,
                                                      "target": "3"}).status_code == 403
    assert browser.post("/console/target/terapkan", data={"csrf": token,
                                                          "baris": f"{a}=3"}).status_code == 403
    assert stored(db) == {}
