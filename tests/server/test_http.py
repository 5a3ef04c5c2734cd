"""The HTTP layer: protocol markers, gzip bodies both ways, body caps, error bodies, the
catch-all 500 that logs no personal data, the OpenAPI description, and the client's address
(X-Forwarded-For only from configured proxies)."""

from __future__ import annotations

import gzip
import json
import logging
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from fieldreg.server.app import inflate
from fieldreg.server.config import ConfigError, Settings, local_today, parse_trusted_proxies
from fieldreg.server.service import push as push_service
from fieldreg.server.service.errors import ApiError
from fieldreg.sync.protocol import API, MAX_BODY_BYTES, MAX_INFLATED_BYTES, PROTOCOL
from tests.live_server import LiveServer, start_server
from tests.server.conftest import Laptop
from tools.sample_data import SampleFactory


def error(r: object) -> dict[str, object]:
    body = r.json()  # type: ignore[attr-defined]
    assert body["protocol"] == PROTOCOL, body
    return dict(body["error"])


def test_ping_needs_no_token_and_carries_the_protocol(client: TestClient) -> None:
    r = client.get(f"{API}/ping")
    assert r.status_code == 200
    body = r.json()
    assert body["protocol"] == PROTOCOL
    assert body["server_version"]
    assert body["server_time"].endswith("Z")


def test_every_success_carries_the_protocol_marker(enrolled: Laptop) -> None:
    reg = enrolled.registration()
    for r in (enrolled.push(enrolled.entry(reg)),
              enrolled.client.get(f"{API}/sync/pull", headers=enrolled.auth),
              enrolled.client.get(f"{API}/ping")):
        assert r.status_code == 200
        assert r.json()["protocol"] == PROTOCOL


def test_a_gzip_body_is_inflated(enrolled: Laptop) -> None:
    reg = enrolled.registration()
    r = enrolled.push(enrolled.entry(reg), gzipped=True)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["outcome"] == "applied"


def test_answers_are_gzipped_when_the_client_accepts_it(enrolled: Laptop) -> None:
    entries = [enrolled.entry(enrolled.registration()) for _ in range(5)]
    body = {"protocol": PROTOCOL, "entries": entries}
    r = enrolled.client.post(f"{API}/sync/push", json=body, headers={
        **enrolled.auth, "Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers.get("content-encoding") == "gzip"
    assert len(r.json()["results"]) == 5  # httpx inflated it
    r = enrolled.client.post(f"{API}/sync/push", json=body, headers={
        **enrolled.auth, "Accept-Encoding": "identity"})
    assert "content-encoding" not in r.headers


def test_a_gzip_bomb_is_refused_without_inflating_it_whole(enrolled: Laptop) -> None:
    bomb = gzip.compress(b"\0" * (MAX_INFLATED_BYTES + 1024 * 1024), compresslevel=9)
    assert len(bomb) < MAX_BODY_BYTES
    r = enrolled.client.post(f"{API}/sync/push", content=bomb, headers={
        **enrolled.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert r.status_code == 413
    err = error(r)
    assert err["code"] == "too_large"
    assert err["params"] == {"max_inflated_bytes": MAX_INFLATED_BYTES}


def test_inflate_stops_just_past_the_cap() -> None:
    bomb = gzip.compress(b"a" * 10_000)
    with pytest.raises(ApiError) as caught:
        inflate(bomb, limit=1000)
    assert caught.value.status_code == 413
    assert inflate(bomb, limit=10_000) == b"a" * 10_000
    with pytest.raises(ApiError) as bad:
        inflate(bomb[:-8])  # truncated: no end of stream
    assert bad.value.status_code == 400
    with pytest.raises(ApiError):
        inflate(zlib.compress(b"not gzip framing"))


def test_a_body_over_the_cap_is_refused(enrolled: Laptop) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    r = enrolled.client.post(f"{API}/sync/push", content=big, headers={
        **enrolled.auth, "Content-Type": "application/json"})
    assert r.status_code == 413 and error(r)["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536

    r = enrolled.client.post(f"{API}/sync/push", content=chunks(), headers={
        **enrolled.auth, "Content-Type": "application/json"})
    assert r.status_code == 413 and error(r)["code"] == "too_large"


def test_other_encodings_and_broken_bodies(enrolled: Laptop) -> None:
    post = enrolled.client.post
    r = post(f"{API}/sync/push", content=b"{}", headers={
        **enrolled.auth, "Content-Encoding": "br", "Content-Type": "application/json"})
    assert r.status_code == 415 and error(r)["code"] == "unsupported_encoding"
    r = post(f"{API}/sync/push", content=b"\x1f\x8bnot really", headers={
        **enrolled.auth, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert r.status_code == 400 and error(r)["code"] == "bad_request"
    r = post(f"{API}/sync/push", content=b"{not json", headers={
        **enrolled.auth, "Content-Type": "application/json"})
    assert r.status_code == 400 and error(r)["code"] == "bad_request"
    r = post(f"{API}/sync/push", json={"entries": [{"seq": 0}]}, headers=enrolled.auth)
    assert r.status_code == 422 and "detail" in r.json()  # FastAPI's own shape


def test_unknown_paths_and_methods_answer_error_bodies(client: TestClient) -> None:
    r = client.get(f"{API}/nothing-here")
    assert r.status_code == 404 and error(r)["code"] == "not_found"
    r = client.delete(f"{API}/ping")
    assert r.status_code == 405 and error(r)["code"] == "method_not_allowed"


def test_an_unexpected_failure_is_a_500_whose_log_has_no_personal_data(
    enrolled: Laptop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "1505014101909001 SITI AMINAH"

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"boom with {secret}")

    monkeypatch.setattr(push_service, "push", broken)
    caplog.set_level(logging.ERROR)
    r = enrolled.push()
    assert r.status_code == 500
    assert error(r)["code"] == "server_error"
    assert secret not in r.text
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "RuntimeError" in logged and "broken" in logged  # the type and the stack
    assert secret not in logged and "1505014101909001" not in logged


def test_openapi_describes_the_bodies_and_the_token(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    enrol = paths[f"{API}/enrol"]["post"]["requestBody"]["content"]["application/json"]
    assert enrol["schema"]["$ref"].endswith("/EnrolRequest")
    push = paths[f"{API}/sync/push"]["post"]
    assert push["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PushRequest")
    assert push["security"] and "HTTPBearer" in json.dumps(push["security"])
    pull = paths[f"{API}/sync/pull"]["get"]
    assert {p["name"] for p in pull["parameters"]} == {"cursor", "limit"}
    assert "401" in pull["responses"]


def test_a_schema_error_does_not_echo_the_entry_back(client: TestClient,
                                                      enrolled: Laptop) -> None:
    reg = enrolled.registration()
    entry = enrolled.entry(reg)
    del entry["version"]  # a schema error in an entry that carries a NIK and a name
    r = enrolled.push(entry)
    assert r.status_code == 422
    assert reg.data.nik not in r.text and reg.data.full_name not in r.text
    assert r.json()["detail"][0]["loc"][-1] == "version"


# ------------------------------------------------------------------ the client's address


def enrol_statuses(url: str, forwarded_for: list[str]) -> list[int]:
    """One enrolment attempt with an unknown code per X-Forwarded-For value, from loopback."""
    statuses = []
    factory = SampleFactory(seed=3, today=local_today())
    with httpx.Client(base_url=url, timeout=30) as http:
        for value in forwarded_for:
            http.headers["X-Forwarded-For"] = value
            statuses.append(Laptop(http, factory).enrol("AAAA-BBBB-CCCC").status_code)
    return statuses


LIMIT = Settings.enrol_attempts


def test_a_forged_x_forwarded_for_does_not_escape_the_rate_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # By default nobody is a trusted proxy, loopback included: the address counted is the
    # socket's peer, whatever the header says.
    monkeypatch.delenv("FIELDREG_SERVER_TRUSTED_PROXIES", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    server = start_server(tmp_path / "home")
    try:
        statuses = enrol_statuses(server.url, [f"198.51.100.{i}" for i in range(LIMIT + 1)])
    finally:
        server.stop()
    assert 429 not in statuses[:LIMIT] and statuses[LIMIT] == 429, statuses


def test_a_configured_proxy_names_the_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIELDREG_SERVER_TRUSTED_PROXIES", "127.0.0.1, 10.9.0.0/16")
    server = start_server(tmp_path / "home")
    try:
        # Each client the proxy names is counted on its own…
        spread = enrol_statuses(server.url, [f"198.51.100.{i}" for i in range(LIMIT + 1)])
        # …and one client stays one client behind it.
        same = enrol_statuses(server.url, ["203.0.113.7"] * (LIMIT + 1))
    finally:
        server.stop()
    assert 429 not in spread, spread
    assert 429 not in same[:LIMIT] and same[LIMIT] == 429, same


def test_trusted_proxies_are_addresses_or_networks() -> None:
    assert parse_trusted_proxies(" 10.0.0.5, 192.168.1.0/24,,::1 ") == (
        "10.0.0.5", "192.168.1.0/24", "::1")
    assert parse_trusted_proxies("") == ()
    for bad in ("proxy.local", "10.0.0.300", "10.0.0.1/24", "*"):
        with pytest.raises(ConfigError) as caught:
            parse_trusted_proxies(f"10.0.0.5,{bad}")
        assert repr(bad) in str(caught.value)
        assert "FIELDREG_SERVER_TRUSTED_PROXIES" in str(caught.value)


def test_a_malformed_trusted_proxy_stops_the_command_line(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "home")
    env = {**server.env(), "FIELDREG_SERVER_TRUSTED_PROXIES": "my-proxy"}
    proc = subprocess.run([sys.executable, "-m", "fieldreg.server", "serve", "--port", "1"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: FIELDREG_SERVER_TRUSTED_PROXIES: 'my-proxy'")
    assert "Traceback" not in proc.stderr
