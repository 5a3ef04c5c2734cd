"""The district console's security, through FastAPI's TestClient on SQLite and PostgreSQL:
logins and lock-out, CSRF, session fixation and idle timeout, roles, districts, escaping,
disabled officers, the first login's password change, cookies and headers."""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from fieldreg.domain.codes import Status
from fieldreg.domain.nik import display_nik
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import officers
from tests.server.conftest import Clock, Laptop
from tests.server.console.conftest import (
    PASSWORD,
    audit_actions,
    csrf_of,
    login,
    make_officer,
    officer_row,
)

COOKIE = "fieldreg_console"


def set_cookie_header(r: httpx.Response, name: str = COOKIE) -> str:
    for value in r.headers.get_list("set-cookie"):
        if value.startswith(name + "="):
            return value
    raise AssertionError(f"no {name} cookie set")


def session_count(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(m.OfficerSession)) or 0)


# ------------------------------------------------------------------ logins


def test_login_opens_the_home_page_with_a_safe_cookie(browser: TestClient, db: Database,
                                                     settings: Settings) -> None:
    make_officer(db, settings, "siti")
    r = login(browser, "siti")
    assert r.status_code == 303 and r.headers["location"] == "/console/"
    cookie = set_cookie_header(r).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/console" in cookie
    assert "secure" not in cookie  # plain HTTP here (see the HTTPS test below)
    home = browser.get("/console/")
    assert home.status_code == 200
    assert "Beranda" in home.text and "siti" in home.text
    assert "console.login" in audit_actions(db, "officer:siti")
    assert home.headers["x-frame-options"] == "DENY"
    assert "script-src" not in home.headers["content-security-policy"]  # no script at all
    assert "default-src 'none'" in home.headers["content-security-policy"]
    assert home.headers["cache-control"] == "no-store"


def test_the_cookie_is_secure_over_https(app: FastAPI, db: Database,
                                         settings: Settings) -> None:
    make_officer(db, settings, "siti")
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        r = login(c, "siti")
        assert r.status_code == 303
        assert "secure" in set_cookie_header(r).lower()


def test_a_wrong_password_or_name_is_refused(browser: TestClient, db: Database,
                                            settings: Settings) -> None:
    make_officer(db, settings, "siti")
    r = login(browser, "siti", "salah-sekali")
    assert r.status_code == 401
    assert "Nama petugas atau kata sandi salah." in r.text
    assert COOKIE not in browser.cookies
    assert officer_row(db, "siti").failed_logins == 1
    unknown = login(browser, "tidak-ada", PASSWORD)
    assert unknown.status_code == 401
    assert "Nama petugas atau kata sandi salah." in unknown.text  # the same words
    assert browser.get("/console/").headers["location"] == "/console/login"
    assert session_count(db) == 0


def test_five_failures_lock_the_account_for_fifteen_minutes(
    browser: TestClient, db: Database, settings: Settings, clock: Clock
) -> None:
    make_officer(db, settings, "siti")
    for _ in range(officers.MAX_FAILURES - 1):
        assert login(browser, "siti", "salah-sekali").status_code == 401
    last = login(browser, "siti", "salah-sekali")
    assert last.status_code == 403 and "dikunci" in last.text
    # The right password does not open a locked account.
    right = login(browser, "siti")
    assert right.status_code == 403 and "dikunci" in right.text
    assert COOKIE not in browser.cookies
    actions = audit_actions(db, "officer:siti")
    assert actions.count("console.login_failed") == officers.MAX_FAILURES
    assert "console.locked_out" in actions
    clock.advance(minutes=officers.LOCK_MINUTES - 1)
    assert login(browser, "siti").status_code == 403
    clock.advance(minutes=1, seconds=1)
    assert login(browser, "siti").status_code == 303
    assert browser.get("/console/").status_code == 200


def test_a_disabled_officer_cannot_log_in_and_their_session_ends(
    app: FastAPI, browser: TestClient, db: Database, settings: Settings
) -> None:
    make_officer(db, settings, "siti")
    make_officer(db, settings, "budi")
    assert login(browser, "budi").status_code == 303
    officers.disable_officer(db, settings, "budi", actor="admin:test")
    assert browser.get("/console/").headers["location"].startswith("/console/login")
    r = login(browser, "budi")
    assert r.status_code == 403 and "dinonaktifkan" in r.text
    wrong = login(browser, "budi", "bukan-sandinya")  # no telling others it exists
    assert wrong.status_code == 401 and "dinonaktifkan" not in wrong.text
    assert COOKIE not in browser.cookies or browser.get("/console/").status_code == 303
    assert "console.login_refused" in audit_actions(db, "officer:budi")


# ------------------------------------------------------------------ sessions


def test_the_session_id_changes_at_every_login(browser: TestClient, db: Database,
                                               settings: Settings) -> None:
    make_officer(db, settings, "siti")
    planted = "attacker-chosen-session-id"
    browser.cookies.set(COOKIE, planted, domain="testserver.local", path="/console")
    first = login(browser, "siti")
    assert first.status_code == 303
    first_id = SimpleCookie(set_cookie_header(first))[COOKIE].value
    assert first_id != planted and len(first_id) >= 40
    browser.cookies.clear()
    browser.cookies.set(COOKIE, first_id, domain="testserver.local", path="/console")
    second = login(browser, "siti")
    second_id = SimpleCookie(set_cookie_header(second))[COOKIE].value
    assert second_id != first_id
    # The id held before the second login is dead: a thief of it gets nothing.
    with TestClient(browser.app, follow_redirects=False) as thief:
        thief.cookies.set(COOKIE, first_id, domain="testserver.local", path="/console")
        assert thief.get("/console/").status_code == 303
        thief.cookies.set(COOKIE, second_id, domain="testserver.local", path="/console")
        assert thief.get("/console/").status_code == 200
    with db.reader() as s:  # only hashes are stored
        stored = set(s.scalars(select(m.OfficerSession.id_hash)))
    assert second_id not in stored and officers.session_hash(second_id) in stored


def test_an_idle_session_ends(browser: TestClient, db: Database, settings: Settings,
                              clock: Clock) -> None:
    make_officer(db, settings, "siti")
    login(browser, "siti")
    clock.advance(minutes=officers.IDLE_MINUTES - 1)
    assert browser.get("/console/").status_code == 200  # activity moves the idle clock on
    clock.advance(minutes=officers.IDLE_MINUTES - 1)
    assert browser.get("/console/").status_code == 200
    clock.advance(minutes=officers.IDLE_MINUTES + 1)
    r = browser.get("/console/peserta")
    assert r.status_code == 303 and r.headers["location"] == "/console/login?expired=1"
    assert session_count(db) == 0
    assert "console.session_expired" in audit_actions(db, "officer:siti")
    page = browser.get("/console/login?expired=1")
    assert "terlalu lama tidak aktif" in page.text


def test_abandoned_sessions_are_swept_at_a_login(app: FastAPI, db: Database,
                                                 settings: Settings, clock: Clock) -> None:
    make_officer(db, settings, "siti")
    make_officer(db, settings, "budi")
    with TestClient(app, follow_redirects=False) as first:
        login(first, "budi")  # and never comes back
    assert session_count(db) == 1
    clock.advance(minutes=officers.IDLE_MINUTES + 1)
    with TestClient(app, follow_redirects=False) as second:
        login(second, "siti")
    assert session_count(db) == 1  # siti's only


def test_logout_ends_the_session(browser: TestClient, db: Database,
                                 settings: Settings) -> None:
    make_officer(db, settings, "siti")
    login(browser, "siti")
    sid = browser.cookies[COOKIE]
    home = browser.get("/console/")
    r = browser.post("/console/logout", data={"csrf": csrf_of(home.text)})
    assert r.status_code == 303 and r.headers["location"] == "/console/login?out=1"
    browser.cookies.set(COOKIE, sid, domain="testserver.local", path="/console")
    assert browser.get("/console/").status_code == 303
    assert "console.logout" in audit_actions(db, "officer:siti")


# ------------------------------------------------------------------ CSRF


def test_posts_without_the_right_csrf_token_change_nothing(
    browser: TestClient, db: Database, settings: Settings
) -> None:
    make_officer(db, settings, "siti")
    make_officer(db, settings, "budi", m.ROLE_VIEWER)
    login(browser, "siti")
    token = csrf_of(browser.get("/console/").text)
    before = officer_row(db, "siti").password_hash
    change = {"current": PASSWORD, "new": "kata-sandi-baru", "again": "kata-sandi-baru"}
    for bad in ({}, {"csrf": ""}, {"csrf": "x" + token[1:]}, {"csrf": token + "x"}):
        r = browser.post("/console/password", data={**change, **bad})
        assert r.status_code == 403, bad
        assert "Formulir ini sudah tidak berlaku" in r.text
        r = browser.post("/console/petugas/budi/nonaktifkan", data=bad)
        assert r.status_code == 403, bad
        r = browser.post("/console/logout", data=bad)
        assert r.status_code == 403, bad
    assert officer_row(db, "siti").password_hash == before
    assert officer_row(db, "budi").disabled_at is None
    assert browser.get("/console/").status_code == 200  # still logged in
    # The same posts with the token go through (the tests above could fail).
    assert browser.post("/console/petugas/budi/nonaktifkan",
                        data={"csrf": token}).status_code == 303
    assert officer_row(db, "budi").disabled_at is not None
    assert browser.post("/console/password", data={**change, "csrf": token}).status_code == 303
    assert officer_row(db, "siti").password_hash != before


def test_a_cross_site_post_or_a_json_body_is_refused(browser: TestClient, db: Database,
                                                    settings: Settings) -> None:
    make_officer(db, settings, "siti")
    make_officer(db, settings, "budi", m.ROLE_VIEWER)
    login(browser, "siti")
    token = csrf_of(browser.get("/console/").text)
    r = browser.post("/console/petugas/budi/nonaktifkan", data={"csrf": token},
                     headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    r = browser.post("/console/petugas/budi/nonaktifkan", json={"csrf": token})
    assert r.status_code == 400
    r = browser.post("/console/petugas/budi/nonaktifkan",
                     content=b"csrf=" + b"a" * 20_000,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    assert officer_row(db, "budi").disabled_at is None


def test_the_login_form_needs_its_token(browser: TestClient, db: Database,
                                        settings: Settings) -> None:
    make_officer(db, settings, "siti")
    r = browser.post("/console/login", data={"name": "siti", "password": PASSWORD})
    assert r.status_code == 403 and COOKIE not in browser.cookies
    browser.get("/console/login")  # the cookie half, but a form with another token
    r = browser.post("/console/login", data={"name": "siti", "password": PASSWORD,
                                             "csrf": "forged"})
    assert r.status_code == 403 and COOKIE not in browser.cookies
    assert session_count(db) == 0


# ------------------------------------------------------------------ roles and districts


def test_viewer_and_operator_cannot_do_what_an_admin_does(
    browser: TestClient, db: Database, settings: Settings
) -> None:
    make_officer(db, settings, "budi", m.ROLE_VIEWER)
    make_officer(db, settings, "ani", m.ROLE_OPERATOR)
    make_officer(db, settings, "dedi", m.ROLE_OPERATOR)
    for name in ("budi", "ani"):
        browser.cookies.clear()
        login(browser, name)
        home = browser.get("/console/")
        assert home.status_code == 200 and "/console/petugas" not in home.text
        assert browser.get("/console/petugas").status_code == 403
        assert browser.get("/console/petugas/dedi/nonaktifkan").status_code == 403
        r = browser.post("/console/petugas/dedi/nonaktifkan",
                         data={"csrf": csrf_of(home.text)})
        assert r.status_code == 403 and "Anda tidak berhak" in r.text
        assert "Tidak diizinkan" in r.text and f"{name} · " in r.text  # in their own frame
    assert officer_row(db, "dedi").disabled_at is None


def test_another_districts_record_is_not_found(
    browser: TestClient, db: Database, settings: Settings, enrolled: Laptop,
    other_district: str
) -> None:
    reg = enrolled.registration()
    assert enrolled.results(enrolled.entry(reg))[0]["outcome"] == "applied"
    make_officer(db, settings, "kerinci", m.ROLE_ADMIN, district=other_district)
    make_officer(db, settings, "siti")
    login(browser, "kerinci")
    assert browser.get(f"/console/peserta/{reg.id}").status_code == 404
    listing = browser.get("/console/peserta", params={"q": reg.data.full_name})
    assert reg.id not in listing.text and "Tidak ada peserta" in listing.text
    assert browser.get("/console/peserta/not-a-record").status_code == 404
    browser.cookies.clear()
    login(browser, "siti")
    assert browser.get(f"/console/peserta/{reg.id}").status_code == 200


def test_a_viewer_sees_masked_niks(browser: TestClient, db: Database, settings: Settings,
                                   enrolled: Laptop) -> None:
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    nik = reg.data.nik
    make_officer(db, settings, "budi", m.ROLE_VIEWER)
    make_officer(db, settings, "ani", m.ROLE_OPERATOR)
    login(browser, "budi")
    for url in ("/console/peserta", f"/console/peserta/{reg.id}"):
        page = browser.get(url)
        assert page.status_code == 200
        assert nik not in page.text and display_nik(nik) in page.text
    # A viewer may still find a record by its full NIK (typed, not shown back).
    assert reg.id in browser.get("/console/peserta", params={"q": nik}).text
    browser.cookies.clear()
    login(browser, "ani")
    assert nik in browser.get(f"/console/peserta/{reg.id}").text


# ------------------------------------------------------------------ output


def test_hostile_text_is_shown_escaped(browser: TestClient, db: Database, settings: Settings,
                                       enrolled: Laptop) -> None:
    hostile = "<script>alert(1)</script>"
    # A voided record's text is stored as sent (it is not validated): the name comes back.
    reg = enrolled.registration(status=Status.VOIDED)
    reg = reg.__class__(**{**reg.__dict__, "data": reg.data.copy(full_name=hostile,
                                                                  street=hostile)})
    assert enrolled.results(enrolled.entry(reg))[0]["outcome"] == "applied"
    make_officer(db, settings, "siti")
    login(browser, "siti")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    for page in (browser.get("/console/peserta"), browser.get(f"/console/peserta/{reg.id}"),
                 browser.get("/console/peserta", params={"q": hostile})):
        assert page.status_code == 200
        assert hostile not in page.text
        assert escaped in page.text


# ------------------------------------------------------------------ first login


def test_the_first_login_forces_a_password_change(browser: TestClient, db: Database,
                                                  settings: Settings) -> None:
    one_time = make_officer(db, settings, "siti", must_change=True)
    r = login(browser, "siti", one_time)
    assert r.status_code == 303 and r.headers["location"] == "/console/password"
    for url in ("/console/", "/console/peserta", "/console/petugas"):
        r = browser.get(url)
        assert r.status_code == 303 and r.headers["location"] == "/console/password", url
    page = browser.get("/console/password")
    assert "login pertama" in page.text and "/console/peserta" not in page.text
    token = csrf_of(page.text)
    short = browser.post("/console/password", data={"csrf": token, "current": one_time,
                                                    "new": "pendek", "again": "pendek"})
    assert short.status_code == 400 and "minimal 8 karakter" in short.text
    differ = browser.post("/console/password", data={"csrf": token, "current": one_time,
                                                     "new": "kata-sandi-1",
                                                     "again": "kata-sandi-2"})
    assert differ.status_code == 400 and "tidak sama" in differ.text
    wrong = browser.post("/console/password", data={"csrf": token, "current": "bukan",
                                                    "new": "kata-sandi-1",
                                                    "again": "kata-sandi-1"})
    assert wrong.status_code == 400 and "Kata sandi sekarang salah" in wrong.text
    assert browser.get("/console/").status_code == 303  # still forced
    done = browser.post("/console/password", data={"csrf": token, "current": one_time,
                                                   "new": "kata-sandi-1",
                                                   "again": "kata-sandi-1"})
    assert done.status_code == 303
    assert browser.get("/console/").status_code == 200
    assert officer_row(db, "siti").must_change is False
    browser.cookies.clear()
    assert login(browser, "siti", one_time).status_code == 401
    assert login(browser, "siti", "kata-sandi-1").status_code == 303
    assert "console.password_changed" in audit_actions(db, "officer:siti")


# ------------------------------------------------------------------ language, errors


def test_indonesian_first_english_on_request(browser: TestClient) -> None:
    login_page = browser.get("/console/login?expired=1").text
    assert "Kata sandi" in login_page
    assert 'href="/console/lang/en?next=/console/login%3Fexpired%3D1"' in login_page
    en = browser.get("/console/login", headers={"Accept-Language": "en-GB,en;q=0.9,id;q=0.5"})
    assert "Password" in en.text and 'lang="en"' in en.text
    mixed = browser.get("/console/login", headers={"Accept-Language": "id,en;q=0.8"})
    assert 'lang="id"' in mixed.text
    r = browser.get("/console/lang/en", params={"next": "/console/peserta?status=voided"})
    assert r.status_code == 303 and r.headers["location"] == "/console/peserta?status=voided"
    assert 'lang="en"' in browser.get("/console/login").text
    # The way back is always one of the console's own pages.
    for target in ("https://evil.example/", "//evil.example/console/", "/\\evil.example",
                   "/api/v1/ping", "javascript:alert(1)", "/console/\x00", ""):
        r = browser.get("/console/lang/id", params={"next": target})
        assert r.headers["location"] == "/console/", target


def test_console_errors_are_pages_and_the_api_is_unchanged(browser: TestClient) -> None:
    r = browser.get("/console/no-such-page")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "tidak ditemukan" in r.text
    assert browser.get("/console/static/console.css").status_code == 200
    api = browser.get("/api/v1/no-such")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    assert browser.get("/api/v1/ping").status_code == 200


def test_secure_cookie_only_for_https_as_a_trusted_proxy_says(
    db: Database, settings: Settings
) -> None:
    """Behind a reverse proxy named in FIELDREG_SERVER_TRUSTED_PROXIES, its
    ``X-Forwarded-Proto: https`` makes the cookies Secure; from anyone else it counts for
    nothing."""
    from dataclasses import replace

    from fieldreg.server.app import create_app

    make_officer(db, settings, "siti")
    app = create_app(replace(settings, trusted_proxies=("10.0.0.5",)), database=db)
    for peer, secure in (("10.0.0.5", True), ("10.9.9.9", False)):
        with TestClient(app, client=(peer, 5000), follow_redirects=False,
                        headers={"X-Forwarded-Proto": "https"}) as c:
            page = c.get("/console/login")
            token = SimpleCookie(set_cookie_header(page, "fieldreg_console_login"))
            assert ("secure" in set_cookie_header(page, "fieldreg_console_login").lower()) \
                is secure
            c.cookies.clear()  # sent by hand: a Secure cookie would not go over http://
            r = c.post("/console/login",
                       data={"csrf": csrf_of(page.text), "name": "siti", "password": PASSWORD},
                       headers={"Cookie": "fieldreg_console_login="
                                + token["fieldreg_console_login"].value})
            assert r.status_code == 303, peer
            assert ("secure" in set_cookie_header(r).lower()) is secure, peer


def test_hostile_input_gets_an_answer_not_a_crash(browser: TestClient, db: Database,
                                                   settings: Settings) -> None:
    """NUL characters (PostgreSQL refuses them in text), overlong and odd values in every
    place the browser can put them: a page or a refusal, never a 500."""
    make_officer(db, settings, "siti")
    page = browser.get("/console/login")
    for name, password in (("\x00", "x"), ("siti\x00", PASSWORD), ("a" * 5000, "b" * 5000),
                           ("siti", "\x00" + PASSWORD)):
        r = browser.post("/console/login", data={"csrf": csrf_of(page.text), "name": name,
                                                 "password": password})
        assert r.status_code in (400, 401, 403), (name[:10], r.status_code)
    assert login(browser, "siti").status_code == 303
    for params in ({"q": "\x00"}, {"q": "a\x00b"}, {"q": "x" * 10_000},
                   {"kecamatan": "15.05.\x00"}, {"desa": "\x00"}, {"laptop": "\x00"},
                   {"status": "\x00"}, {"hal": "99999999999999999999"}, {"q": "%_\\"}):
        r = browser.get("/console/peserta", params=params)
        assert r.status_code == 200, params
    for path in ("/console/peserta/%00", "/console/peserta/" + "a" * 500,
                 "/console/peserta/..%2F..%2Fapi", "/console/lang/%00",
                 "/console/petugas/%00/nonaktifkan"):
        r = browser.get(path)
        assert r.status_code in (303, 404), (path, r.status_code)
    token = csrf_of(browser.get("/console/").text)
    r = browser.post("/console/petugas/%00/nonaktifkan", data={"csrf": token})
    assert r.status_code in (400, 404)
    r = browser.post("/console/password", data={"csrf": token, "current": "\x00",
                                                "new": "\x00" * 9, "again": "\x00" * 9})
    assert r.status_code == 400
    assert browser.get("/console/").status_code == 200
