"""Officer accounts from the admin command line (``fieldreg-server officer``), the province
role, and the console's word catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from fieldreg.server import models as m
from fieldreg.server.cli import main
from fieldreg.server.config import Settings
from fieldreg.server.console.i18n import LANGS, MESSAGES, Translator, choose
from fieldreg.server.db import Database
from tests.server.conftest import Laptop
from tests.server.console.conftest import (
    PASSWORD,
    audit_actions,
    csrf_of,
    login,
    make_officer,
    officer_row,
)

OTP_RE = re.compile(r"^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_officer_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FIELDREG_SERVER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FIELDREG_SERVER_DATABASE_URL", raising=False)
    assert run(capsys, "district", "add", "15.05", "Muaro Jambi")[0] == 0
    code, out, _ = run(capsys, "officer", "add", "Siti.Aminah", "--district", "15.05",
                       "--role", "admin")
    assert code == 0 and "officer siti.aminah added" in out
    otp = out.strip().splitlines()[-1]
    assert OTP_RE.match(otp)
    code, out, _ = run(capsys, "officer", "add", "prov", "--role", "province")
    assert code == 0 and "every district" in out
    # Clear errors, exit 2.
    for args, words in (
        (("officer", "add", "siti.aminah", "--district", "15.05", "--role", "viewer"),
         "already exists"),
        (("officer", "add", "x", "--district", "15.05", "--role", "viewer"),
         "not a valid officer name"),
        (("officer", "add", "budi", "--role", "viewer"), "needs --district"),
        (("officer", "add", "budi", "--district", "15.01", "--role", "viewer"),
         "unknown district"),
        (("officer", "add", "budi", "--district", "15.05", "--role", "province"),
         "leave out --district"),
        (("officer", "disable", "nobody"), "unknown officer"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 2 and words in err, (args, err)
    code, out, _ = run(capsys, "officer", "list")
    assert code == 0
    assert re.search(r"siti\.aminah\s+15\.05\s+admin\s+must change password", out)
    assert re.search(r"prov\s+\*\s+province", out)
    assert run(capsys, "officer", "disable", "siti.aminah")[0] == 0
    assert "disabled" in run(capsys, "officer", "list")[1]
    assert "already disabled" in run(capsys, "officer", "disable", "siti.aminah")[2]
    code, out, _ = run(capsys, "officer", "reset-password", "SITI.AMINAH")
    new = out.strip().splitlines()[-1]
    assert code == 0 and OTP_RE.match(new) and new != otp
    listing = run(capsys, "officer", "list")[1]
    assert re.search(r"siti\.aminah\s+15\.05\s+admin\s+must change password", listing)
    audit = run(capsys, "audit", "--limit", "20")[1]
    for action in ("officer.added", "officer.disabled", "officer.password_reset"):
        assert action in audit
    assert otp not in audit and new not in audit
    # Stored as Argon2id, never in clear.
    settings = Settings.from_env()
    db = Database.open(settings)
    try:
        stored = officer_row(db, "siti.aminah").password_hash
    finally:
        db.close()
    assert stored.startswith("$argon2id$") and new not in stored
    assert PasswordHasher().verify(stored, new)


def test_a_province_officer_reads_every_district(
    browser: TestClient, db: Database, settings: Settings, enrolled: Laptop,
    other_district: str
) -> None:
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    make_officer(db, settings, "provinsi", m.ROLE_PROVINCE)
    make_officer(db, settings, "kerinci", m.ROLE_ADMIN, district=other_district)
    login(browser, "provinsi")
    home = browser.get("/console/")
    assert home.status_code == 200 and "semua kabupaten" in home.text
    assert browser.get(f"/console/peserta/{reg.id}").status_code == 200
    page = browser.get("/console/peserta")
    assert reg.id in page.text
    assert reg.data.nik not in page.text  # reads like a viewer: NIKs masked
    assert browser.get("/console/petugas").status_code == 403
    r = browser.post("/console/petugas/kerinci/nonaktifkan", data={"csrf": csrf_of(home.text)})
    assert r.status_code == 403
    assert officer_row(db, "kerinci").disabled_at is None


def test_an_admin_manages_only_their_districts_officers(
    browser: TestClient, db: Database, settings: Settings, other_district: str
) -> None:
    make_officer(db, settings, "siti")
    make_officer(db, settings, "kerinci", m.ROLE_VIEWER, district=other_district)
    login(browser, "siti")
    make_officer(db, settings, "budi", m.ROLE_VIEWER)
    page = browser.get("/console/petugas")
    assert page.status_code == 200 and "kerinci" not in page.text
    token = csrf_of(page.text)
    confirm = browser.get("/console/petugas/budi/nonaktifkan")  # asks first, changes nothing
    assert confirm.status_code == 200 and "Nonaktifkan budi?" in confirm.text
    assert csrf_of(confirm.text) == token and officer_row(db, "budi").disabled_at is None
    assert browser.get("/console/petugas/kerinci/nonaktifkan").status_code == 404
    assert browser.get("/console/petugas/siti/nonaktifkan").status_code == 404
    r = browser.post("/console/petugas/kerinci/nonaktifkan", data={"csrf": token})
    assert r.status_code == 404
    assert officer_row(db, "kerinci").disabled_at is None
    r = browser.post("/console/petugas/siti/nonaktifkan", data={"csrf": token})
    assert r.status_code == 400 and officer_row(db, "siti").disabled_at is None
    assert "officer.disabled" not in audit_actions(db)
    assert login(browser, "kerinci", PASSWORD).status_code == 303


def test_every_word_the_templates_use_is_in_both_languages() -> None:
    templates = Path(__file__).resolve().parents[3] / "fieldreg/server/console/templates"
    used: set[str] = set()
    prefixes: set[str] = set()  # t("status_" + p.status): some key must start so
    for path in templates.glob("*.html"):
        text = path.read_text()
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[),]""", text))
        prefixes |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[+~]""", text))
    assert used and prefixes, "no t('…') calls found"
    assert sorted(k for k in used if k not in MESSAGES) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in MESSAGES)) == []
    for key, texts in MESSAGES.items():
        assert len(texts) == len(LANGS) and all(t.strip() for t in texts), key
    t = Translator("id")
    assert t("status_accepted") == "Diterima" and Translator("en")("status_accepted") == "Accepted"
    assert choose(None, "") == "id" and choose("en", "id") == "en"
    assert choose(None, "fr-FR,en;q=0.5") == "en" and choose("xx", "de") == "id"
