"""The admin CLI by subprocess, and the server as a real process on loopback (LiveServer):
enrolment, push, district-side verify/void reaching the laptop, revocation, exports, audit."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import segno
from openpyxl import load_workbook
from sqlalchemy import text

from fieldreg.domain.nik import mask_nik
from fieldreg.server.config import Settings, local_today
from fieldreg.server.db import make_engine
from fieldreg.server.service.admin import EXPORT_COLUMNS
from fieldreg.sync.protocol import API
from tests.live_server import AdminCommandFailed, LiveServer, live_server, start_server
from tests.server.conftest import Laptop
from tools.sample_data import SampleFactory

__all__ = ["live_server"]  # the fixture, used below

CODE_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@pytest.fixture
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as c:
        yield c


def live_factory() -> SampleFactory:
    # The live server validates against the day it is in Jambi.
    return SampleFactory(seed=7, today=local_today())


def test_a_laptop_against_the_live_server(
    live_server: LiveServer, http: httpx.Client, tmp_path: Path
) -> None:
    laptop = Laptop(http, live_factory())
    code = live_server.enrolment_code()
    assert CODE_RE.match(code)
    assert laptop.enrol(code).status_code == 200
    first = laptop.pull()
    assert first["keys"][0]["device_id"] == laptop.device_id

    a, b, c = (laptop.registration() for _ in range(3))
    results = laptop.results(laptop.entry(a), laptop.entry(b), gzipped=True)
    assert [r["outcome"] for r in results] == ["applied", "applied"]
    laptop.results(laptop.entry(c))

    out = live_server.admin("registrations", "verify", a.participant_number or "")
    assert "verified" in out
    live_server.admin("registrations", "void", b.participant_number or "", "--reason",
                      "orang yang sama")
    body = laptop.pull(first["cursor"])
    assert {r["record_id"]: r["status"] for r in body["records"]} == {
        a.id: "verified", b.id: "voided"}

    # Exports carry every registration with its status.
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert "3 registrations" in live_server.admin("export", str(csv_path))
    live_server.admin("export", str(xlsx_path), "--district", "15.05")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert {r["participant_number"]: r["status"] for r in rows} == {
        a.participant_number: "verified", b.participant_number: "voided",
        c.participant_number: "accepted"}
    assert {r["nik"] for r in rows} == {a.nik, b.nik, c.nik}
    sheet = load_workbook(xlsx_path, read_only=True)["Registrations"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == EXPORT_COLUMNS
    nik_col = EXPORT_COLUMNS.index("nik")
    assert sorted(str(v[nik_col]) for v in values[1:]) == sorted([a.nik, b.nik, c.nik])

    # The audit log tells what happened without a full NIK.
    audit = live_server.admin("audit", "--limit", "100")
    for action in ("district.added", "enrolment_code.created", "device.enrolled",
                   "registration.verified", "registration.voided",
                   "registrations.exported"):
        assert action in audit
    assert mask_nik(a.nik) in audit
    engine = make_engine(Settings(home=live_server.home))  # the encrypted file, its key file
    try:
        with engine.connect() as conn:
            details = " ".join(d for (d,) in conn.execute(text("SELECT detail FROM audit")))
    finally:
        engine.dispose()
    for nik in (a.nik, b.nik, c.nik):
        assert nik not in audit and nik not in details

    # Revocation: the very next request is refused.
    listed = live_server.admin("devices", "list")
    assert laptop.device_id in listed and "active" in listed
    live_server.admin("devices", "revoke", laptop.device_id)
    r = laptop.push(laptop.entry(laptop.registration()))
    assert r.status_code == 401 and r.json()["error"]["code"] == "device_revoked"
    assert "revoked" in live_server.admin("devices", "list")


def test_the_server_survives_a_restart_and_a_kill(live_server: LiveServer,
                                                  http: httpx.Client) -> None:
    laptop = Laptop(http, live_factory())
    assert laptop.enrol(live_server.enrolment_code()).status_code == 200
    reg = laptop.registration()
    entry = laptop.entry(reg)
    laptop.results(entry)
    live_server.kill()
    live_server.start()
    with httpx.Client(base_url=live_server.url, timeout=30) as again:
        laptop.client = again
        [r] = laptop.results(entry)  # the receipt survived
        assert r["outcome"] == "replayed" and r["replay_of"] == "applied"
    live_server.stop()
    assert live_server.process is None


def test_admin_errors_exit_with_code_2(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "home")
    failures = [
        ("district", "add", "15.99", "Nowhere"),
        ("district", "add", "nonsense", "X"),
        ("enrolment-code", "15.71"),
        ("devices", "revoke", "no-such-device"),
        ("registrations", "verify", "XXXX"),
        ("registrations", "void", "0000 0000 000", "--reason", "x"),
        ("targets", "set", "15.05", "15.71.01.2001", "5"),
        ("export", str(tmp_path / "out.txt")),
    ]
    server.admin("district", "add", "15.05", "Muaro Jambi")
    for args in [*failures, ("district", "add", "15.05", "Again")]:
        with pytest.raises(AdminCommandFailed) as caught:
            server.admin(*args)
        assert caught.value.returncode == 2, args
        assert caught.value.stderr.startswith("error: "), caught.value.stderr
        assert "Traceback" not in caught.value.stderr
    listed = server.admin("district", "list")
    assert "15.05" in listed and "Muaro Jambi" in listed and "15.71" not in listed
    out = server.admin("targets", "set", "15.05", "15.05.10.2007", "40")
    assert "15.05.10.2007" in out


def test_enrolment_code_with_a_terminal_qr(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "home")
    server.admin("district", "add", "15.05", "Muaro Jambi")
    out = server.admin("enrolment-code", "15.05", "--qr", "--hours", "2").rstrip("\n")
    lines = out.splitlines()
    code = lines[-1]
    assert CODE_RE.match(code)
    buf = io.StringIO()
    segno.make(code, error="m").terminal(out=buf, compact=True)
    assert "\n".join(lines[1:-1]) == buf.getvalue().rstrip("\n")  # the QR of that code
    assert len(lines) > 10


def test_cli_and_server_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    env_server = LiveServer(tmp_path / "home", database_url=pg_url)
    # Two processes migrating one fresh database at once: the advisory lock serialises them.
    procs = [subprocess.Popen([sys.executable, "-m", "fieldreg.server", "migrate"],
                              env=env_server.env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sorted(o for o, _ in outs) == ["database is up to date\n", "database upgraded\n"]
    assert not (tmp_path / "home" / "server.db").exists()  # nothing went to SQLite

    server = start_server(tmp_path / "home", database_url=pg_url)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            laptop = Laptop(http, live_factory())
            assert laptop.enrol(server.enrolment_code()).status_code == 200
            reg = laptop.registration()
            assert laptop.results(laptop.entry(reg))[0]["outcome"] == "applied"
            server.admin("registrations", "verify", reg.participant_number or "")
            [record] = laptop.pull()["records"]
            assert record["status"] == "verified"
            assert http.get(f"{API}/ping").json()["protocol"] == "fieldreg-sync/1"
    finally:
        server.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_serve_https_with_two_workers(tmp_path: Path) -> None:
    import signal
    import socket
    import time

    server = LiveServer(tmp_path / "home")
    server.admin("district", "add", "15.05", "Muaro Jambi")
    cert, key = self_signed(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldreg.server", "serve", "--port", str(port), "--workers", "2",
         "--cert", str(cert), "--key", str(key)],
        env=server.env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"https://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                r = httpx.get(f"{url}{API}/ping", verify=str(cert), timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.2)
        assert r.json()["protocol"] == "fieldreg-sync/1"
        with httpx.Client(base_url=url, verify=str(cert), timeout=30) as http:
            laptop = Laptop(http, live_factory())
            assert laptop.enrol(server.enrolment_code()).status_code == 200
            # Both workers serve the same database: every request sees the device.
            for _ in range(6):
                assert laptop.pull()["keys"][0]["device_id"] == laptop.device_id
        with pytest.raises(httpx.HTTPError):  # plain HTTP is not served
            httpx.get(f"http://127.0.0.1:{port}{API}/ping", timeout=2)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    assert proc.returncode == 0
