"""Screenshots of the district console's pages, in Chromium, against a real server.

    .venv/bin/python tools/console_screenshots.py OUT_FOLDER [--size 1366x768]

Starts ``fieldreg-server serve`` on loopback with a throw-away data folder (tests/live_server.py),
enrols three synthetic laptops and pushes sample registrations (tools/sample_data.py, never real
people), sets village targets, adds officers with the admin CLI, then walks the console with
Playwright driving Debian's Chromium (``apt-get install chromium``; ``pip install playwright``)
and writes one PNG per page: login, first-login password change, Beranda (and a kecamatan
opened), Peserta (list, search, detail), Petugas and its confirmation, a viewer's masked list
and refused admin page, a locked account, the English Beranda, Laptop (a new code with its QR,
the list, a laptop's breach list, the revoke confirmation, the transfer form), Ganda (the queue,
a NIK's records side by side), Target (the list, an upload's preview), and Beranda, Peserta, a
record, Laptop, Ganda and Target at a tablet's width (800 px).

``seed`` and ``launch`` are shared with tests/server/console/test_console_browser.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
DISTRICT = "15.05"
PASSWORD = "sandi-konsol-1"
# Playwright waits this long for a page or an element (its 30 s default is short on a busy
# machine: every login hashes with Argon2id).
TIMEOUT_MS = 90_000


class ChromiumUnavailable(RuntimeError):
    """Playwright or Chromium cannot be started here (the message says why)."""


def launch(playwright: Any) -> Any:
    """Debian's Chromium under Playwright, or ChromiumUnavailable."""
    if not Path(CHROMIUM).exists():
        raise ChromiumUnavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    except Exception as exc:  # Playwright's errors: a missing library, no sandbox…
        raise ChromiumUnavailable(f"Chromium did not start: {str(exc).splitlines()[0]}") from exc


def _otp(output: str) -> str:
    return output.strip().splitlines()[-1].strip()


def seed(server: Any, *, n: int = 120) -> dict[str, str]:
    """Sample data on a running LiveServer: three laptops' registrations over the last two weeks
    in four kecamatan, targets, a duplicate, a verified and a voided record, and officers.
    Returns the officers' one-time passwords by name (``siti`` admin, ``budi`` viewer,
    ``ani`` operator)."""
    import httpx

    from fieldreg.server.config import local_today
    from tests.server.conftest import Laptop
    from tools.sample_data import SampleFactory

    today = local_today()
    factory = SampleFactory(seed=13, today=today)
    factory.districts = [(d, v[:4]) for d, v in factory.districts[:4]]
    villages = [v for _, vs in factory.districts for v in vs]
    with httpx.Client(base_url=server.url, timeout=60) as http:
        laptops = []
        for name in ("Laptop Desa Sungai Gelam", "Laptop Kumpeh Ulu", "Laptop Sekernan"):
            laptop = Laptop(http, factory, name=name)
            if laptop.enrol(server.enrolment_code(DISTRICT)).status_code != 200:
                raise RuntimeError("enrolment failed")
            laptops.append(laptop)
        regs = []
        for i in range(n):
            laptop = laptops[i % len(laptops)]
            reg = laptop.registration()
            day = today - timedelta(days=(i * 5 + i // 9) % 14)
            made = datetime.combine(day, time(8 + i % 9, (i * 7) % 60))
            regs.append((laptop, replace(reg, created_at=made, updated_at=made)))
        for laptop in laptops:
            mine = [r for lp, r in regs if lp is laptop]
            for k in range(0, len(mine), 50):
                laptop.results(*(laptop.entry(r) for r in mine[k:k + 50]))
        first = regs[0][1]
        dup = laptops[1].registration(data=first.data.copy())
        laptops[1].results(laptops[1].entry(dup))
    for i, village in enumerate(villages):
        server.admin("targets", "set", DISTRICT, village.code, str(6 + 3 * (i % 4)))
    server.admin("registrations", "verify", regs[1][1].participant_number or "")
    server.admin("registrations", "void", regs[2][1].participant_number or "",
                 "--reason", "NIK salah ketik, didaftarkan ulang")
    passwords = {}
    for name, role in (("siti", "admin"), ("budi", "viewer"), ("ani", "operator")):
        passwords[name] = _otp(server.admin("officer", "add", name, "--district", DISTRICT,
                                            "--role", role))
    return passwords


def first_login(page: Any, base: str, name: str, one_time: str,
                new: str = PASSWORD) -> None:
    """Log in with a one-time password and set ``new`` (the console insists)."""
    page.goto(f"{base}/console/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", one_time)
    page.click("button[type=submit]")
    page.wait_for_url("**/console/password")
    page.fill("input[name=current]", one_time)
    page.fill("input[name=new]", new)
    page.fill("input[name=again]", new)
    page.click("main button[type=submit]")
    page.wait_for_url("**/console/?password=1")


def login(page: Any, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/console/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def shoot(out: Path, size: tuple[int, int]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.live_server import start_server

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="console-shots-") as tmp:
        server = start_server(Path(tmp) / "server")
        try:
            passwords = seed(server)
            base = server.url
            with sync_playwright() as p:
                browser = launch(p)
                try:
                    width, height = size
                    ctx = browser.new_context(viewport={"width": width, "height": height},
                                              locale="id-ID")
                    ctx.set_default_timeout(TIMEOUT_MS)
                    page = ctx.new_page()

                    def snap(name: str, full: bool = True) -> None:
                        path = out / f"{name}.png"
                        page.screenshot(path=str(path), full_page=full)
                        shots.append(path)

                    page.goto(f"{base}/console/login")
                    snap("01-login", full=False)
                    page.fill("input[name=name]", "siti")
                    page.fill("input[name=password]", passwords["siti"])
                    page.click("main button[type=submit]")
                    page.wait_for_url("**/console/password")
                    page.fill("input[name=current]", passwords["siti"])
                    page.fill("input[name=new]", "pendek")
                    page.fill("input[name=again]", "pendek")
                    # The browser's own minlength check would stop the form: a server error
                    # is what the screenshot shows.
                    page.eval_on_selector_all("input[minlength]",
                                              "els => els.forEach(e => e.removeAttribute("
                                              "'minlength'))")
                    page.click("main button[type=submit]")
                    snap("02-password-first-login", full=False)
                    page.fill("input[name=current]", passwords["siti"])
                    page.fill("input[name=new]", PASSWORD)
                    page.fill("input[name=again]", PASSWORD)
                    page.click("main button[type=submit]")
                    page.wait_for_url("**/console/?password=1")
                    snap("03-beranda")
                    page.click("details summary")
                    snap("04-beranda-kecamatan-open")
                    page.goto(f"{base}/console/peserta")
                    snap("05-peserta")
                    page.fill("input[name=q]", "siti")
                    page.click("form.filters button[type=submit]")
                    snap("06-peserta-search")
                    page.click("table.list tbody tr:first-child td:nth-child(2) a")
                    page.wait_for_url("**/console/peserta/*")
                    snap("07-peserta-detail")
                    page.goto(f"{base}/console/peserta?status=voided")
                    page.click("table.list tbody tr:first-child td:nth-child(2) a")
                    snap("08-peserta-detail-voided")
                    page.goto(f"{base}/console/petugas")
                    snap("09-petugas")
                    page.click("a.button.danger >> nth=0")
                    page.wait_for_url("**/nonaktifkan")
                    snap("09b-petugas-disable-confirm", full=False)
                    page.goto(f"{base}/console/laptop")
                    page.click("form.inline-form button[type=submit]")
                    snap("16-laptop-new-code", full=False)
                    page.goto(f"{base}/console/laptop")
                    snap("17-laptop")
                    page.click("table.list tbody tr:first-child td:first-child a")
                    page.wait_for_url("**/console/laptop/*")
                    snap("18-laptop-breach-list")
                    device_url = page.url
                    page.goto(device_url + "/cabut")
                    snap("19-laptop-revoke-confirm", full=False)
                    page.goto(device_url + "/pindah")
                    snap("20-laptop-transfer", full=False)
                    page.goto(f"{base}/console/ganda")
                    snap("23-ganda")
                    page.click("table.list tbody tr:first-child td:first-child a")
                    page.wait_for_url("**/console/ganda/*")
                    snap("24-ganda-side-by-side")
                    page.goto(f"{base}/console/target")
                    snap("26-target")
                    codes = page.eval_on_selector_all(
                        "input[name=desa]", "els => els.slice(0, 3).map(e => e.value)")
                    sheet = ("kode_desa,target\n" + "".join(f"{c},{20 + 5 * i}\n"
                                                             for i, c in enumerate(codes))
                             + "15.01.01.2001,10\n15.05.99.9999,3\n"
                             + (f"{codes[0]},banyak\n" if codes else ""))
                    page.set_input_files("input[name=berkas]", files=[{
                        "name": "target-desa.csv", "mimeType": "text/csv",
                        "buffer": sheet.encode()}])
                    page.click("form.inline-form button[type=submit]")
                    page.wait_for_url("**/console/target/unggah")
                    snap("27-target-preview")
                    page.goto(f"{base}/console/lang/en")
                    snap("10-beranda-english")
                    page.goto(f"{base}/console/lang/id")
                    ctx.close()

                    ctx = browser.new_context(viewport={"width": width, "height": height})
                    ctx.set_default_timeout(TIMEOUT_MS)
                    page = ctx.new_page()
                    first_login(page, base, "budi", passwords["budi"])
                    page.goto(f"{base}/console/peserta")
                    snap("11-peserta-viewer-masked")
                    page.goto(f"{base}/console/petugas")
                    snap("11b-viewer-forbidden", full=False)
                    ctx.close()

                    ctx = browser.new_context(viewport={"width": width, "height": height})
                    ctx.set_default_timeout(TIMEOUT_MS)
                    page = ctx.new_page()
                    for _ in range(5):
                        login(page, base, "ani", "bukan-kata-sandinya")
                    snap("12-locked-out", full=False)
                    ctx.close()

                    ctx = browser.new_context(viewport={"width": 800, "height": 1280})
                    ctx.set_default_timeout(TIMEOUT_MS)
                    page = ctx.new_page()
                    login(page, base, "siti")
                    page.wait_for_url("**/console/")
                    snap("13-tablet-beranda")
                    page.goto(f"{base}/console/peserta")
                    snap("14-tablet-peserta")
                    page.click("table.list tbody tr:first-child td:nth-child(2) a")
                    page.wait_for_url("**/console/peserta/*")
                    snap("15-tablet-detail")
                    page.goto(f"{base}/console/laptop")
                    snap("21-tablet-laptop")
                    page.click("table.list tbody tr:first-child td:first-child a")
                    page.wait_for_url("**/console/laptop/*")
                    snap("22-tablet-laptop-breach-list")
                    page.goto(f"{base}/console/ganda")
                    page.click("table.list tbody tr:first-child td:first-child a")
                    page.wait_for_url("**/console/ganda/*")
                    snap("25-tablet-ganda-side-by-side")
                    page.goto(f"{base}/console/target")
                    snap("28-tablet-target", full=False)
                    ctx.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    return shots


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out", help="folder for the PNGs")
    ap.add_argument("--size", default="1366x768", help="window size, e.g. 1366x768")
    args = ap.parse_args(argv)
    w, _, h = args.size.partition("x")
    try:
        shots = shoot(Path(args.out), (int(w), int(h)))
    except ChromiumUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
