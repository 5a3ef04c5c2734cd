"""The console in a real browser against a real server: ``fieldreg-server serve`` on loopback
(tests/live_server.py) with laptops' registrations pushed over HTTP, Playwright driving
Debian's Chromium. A first login with its password change, Beranda, a Peserta search, a
participant's page, logout, and a lock-out. Skipped, saying why, where Chromium cannot start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import LiveServer, start_server
from tools.console_screenshots import (
    PASSWORD,
    TIMEOUT_MS,
    ChromiumUnavailable,
    first_login,
    launch,
    login,
    seed,
)

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="playwright is not installed (pip install playwright)")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(tmp_path / "server")
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture
def chromium() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        try:
            browser = launch(p)
        except ChromiumUnavailable as exc:
            pytest.skip(str(exc))
        try:
            yield browser
        finally:
            browser.close()


def test_an_officer_in_chromium(server: LiveServer, chromium: Any) -> None:
    passwords = seed(server, n=30)
    ctx = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    base = server.url
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    # Before a login every page leads to the login form.
    page.goto(f"{base}/console/peserta")
    assert page.url.endswith("/console/login")
    first_login(page, base, "siti", passwords["siti"])
    assert "Kata sandi sudah diganti." in page.inner_text("main")

    # Beranda: 30 registrations, of which one voided, one verified; one duplicate.
    tiles = page.inner_text("section.tiles")
    assert "Peserta terdaftar" in tiles and "29" in tiles and "NIK ganda" in tiles
    assert page.locator("details").count() >= 1
    page.click("details summary")
    assert page.locator("details[open] .prow.village").count() >= 1
    assert page.locator("nav.mainnav a[aria-current=page]").inner_text() == "Beranda"

    # Peserta: the list, a search by name, a participant's page.
    page.click("nav.mainnav >> text=Peserta")
    page.wait_for_url("**/console/peserta")
    assert "31 peserta ditemukan" in page.inner_text("main")
    name = page.inner_text("table.list tbody tr:nth-child(2) td:nth-child(2)")
    page.fill("input[name=q]", name.split()[0].lower())
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/console/peserta?q=*")
    assert "dicari menurut nama" in page.inner_text("main")
    assert name in page.inner_text("table.list")
    page.click(f"table.list >> text={name}")
    page.wait_for_url("**/console/peserta/*")
    assert name in page.inner_text("h1")
    assert "diterima dari laptop" in page.inner_text("main")

    # Ganda: the seed's duplicate NIK, decided for the record that came second.
    page.click("nav.mainnav >> text=Ganda")
    page.wait_for_url("**/console/ganda")
    assert "1 NIK menunggu keputusan" in page.inner_text("main")
    page.click("table.list tbody tr:first-child td:first-child a")
    page.wait_for_url("**/console/ganda/*")
    page.click("button:has-text('Pakai data ini') >> nth=1")
    page.wait_for_url("**/console/ganda?done=1")
    assert "Tidak ada NIK ganda" in page.inner_text("main")

    # Laptop: a new enrolment code, its QR drawn by the server (an inline SVG).
    page.click("nav.mainnav >> text=Laptop")
    page.wait_for_url("**/console/laptop")
    assert "Laptop Kumpeh Ulu" in page.inner_text("main")
    page.click("button:has-text('Buat kode')")
    assert page.locator(".qr svg").count() == 1
    assert len(page.inner_text("p.code").replace("-", "")) == 12

    # Target: one village's target saved from the list.
    page.click("nav.mainnav >> text=Target")
    page.wait_for_url("**/console/target")
    page.click("details.kec summary >> nth=0")
    page.fill("form.target-edit input[name=target] >> nth=0", "25")
    page.click("form.target-edit button >> nth=0")
    page.wait_for_url("**/console/target?done=1")
    assert "1 target disimpan" in page.inner_text("main")

    # Logout, then the pages are closed again.
    page.click("header button:has-text('Keluar')")
    page.wait_for_url("**/console/login?out=1")
    assert "Anda sudah keluar." in page.inner_text("main")
    page.goto(f"{base}/console/")
    assert page.url.endswith("/console/login")

    # Lock-out: five wrong passwords, then even the right one is refused.
    for _ in range(5):
        login(page, base, "siti", "bukan-kata-sandinya")
    assert "dikunci" in page.inner_text("main")
    login(page, base, "siti", PASSWORD)
    assert "dikunci" in page.inner_text("main")
    assert page.url.endswith("/console/login")
    ctx.close()
    # Nothing the pages use was refused by their Content-Security-Policy (a refused style or
    # image would show here); the refused logins' 401/403 answers are logged as errors too.
    assert [e for e in errors if "Failed to load resource" not in e] == []
    audit = server.admin("audit", "--limit", "200")
    assert "console.locked_out" in audit and "console.password_changed" in audit
