"""The HTTP client on its own, against a scripted HTTP server on loopback: what goes on the wire
(gzip, the token, timeouts), what is counted, and how each kind of answer is sorted."""

from __future__ import annotations

import gzip
import json
import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from fieldreg.sync import protocol as p
from fieldreg.sync.client import (
    RETRY_AFTER_CAP,
    Backoff,
    NotOurServer,
    Permanent,
    Retry,
    SyncClient,
    Transient,
    Unauthorized,
    parse_retry_after,
    wait,
)


class Scripted:
    """Answers each request with the next scripted (status, headers, body, gzip?) and keeps
    what it received."""

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str], bytes, bool]] = []
        self.received: list[dict[str, Any]] = []
        box = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _go(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n) if n else b""
                box.received.append({"path": self.path, "headers": dict(self.headers),
                                     "raw": raw})
                status, headers, body, zipped = box.script.pop(0)
                if zipped:
                    body = gzip.compress(body)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if zipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _go

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def then(self, status: int, body: bytes | str = b"", *, ctype: str = "application/json",
             zipped: bool = False, **headers: str) -> Scripted:
        data = body.encode() if isinstance(body, str) else body
        self.script.append((status, {"Content-Type": ctype, **{
            k.replace("_", "-"): v for k, v in headers.items()}}, data, zipped))
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Scripted]:
    s = Scripted()
    yield s
    s.close()


PUSH_OK = p.PushResponse(results=[], applied_through=0).model_dump_json()
PING = p.Ping(server_version="1", server_time="2026-01-15T08:00:00Z").model_dump_json()


def error(code: str) -> str:
    return p.ErrorBody(error=p.ErrorDetail(code=code, message="x")).model_dump_json()


def test_a_push_is_gzipped_with_the_token_and_counted_as_on_the_wire(server: Scripted) -> None:
    answer = p.PushResponse(results=[], applied_through=41)
    server.then(200, answer.model_dump_json() + " " * 5000, zipped=True)
    client = SyncClient(server.url, "tok-123")
    body = json.dumps({"protocol": p.PROTOCOL, "entries": [], "pad": "a" * 20000}).encode()
    got = client.push_raw(body)
    assert got.applied_through == 41
    req = server.received[0]
    assert req["path"] == "/api/v1/sync/push"
    assert req["headers"]["Content-Encoding"] == "gzip"
    assert req["headers"]["Authorization"] == "Bearer tok-123"
    assert gzip.decompress(req["raw"]) == body
    assert client.bytes_up == len(req["raw"]) < len(body) // 10  # compressed, as sent
    wire = len(gzip.compress((answer.model_dump_json() + " " * 5000).encode()))
    assert client.bytes_down == wire  # compressed, as received
    assert client.requests == 1


def test_enrol_and_ping_carry_no_token(server: Scripted) -> None:
    server.then(200, PING)
    client = SyncClient(server.url, "tok-123")
    assert client.ping(timeout=2).server_version == "1"
    assert "Authorization" not in server.received[0]["headers"]


@pytest.mark.parametrize(
    ("status", "body", "ctype", "kind", "code"),
    [
        (200, "<html>Login Wi-Fi</html>", "text/html", NotOurServer, "not_our_server"),
        (200, '{"ok": true}', "application/json", NotOurServer, "not_our_server"),
        (200, PUSH_OK.replace(p.PROTOCOL, "fieldreg-sync/2"), "application/json",
         NotOurServer, "not_our_server"),
        (200, PUSH_OK, "text/plain", NotOurServer, "not_our_server"),
        # The right shape without the protocol's marker: a default is not an answer.
        (200, '{"results": [], "applied_through": 0}', "application/json", NotOurServer,
         "not_our_server"),
        # A replay that does not say what was stored then.
        (200, json.dumps({"protocol": p.PROTOCOL, "applied_through": 1, "results": [
            {"seq": 1, "record_id": "r", "outcome": "replayed"}]}), "application/json",
         NotOurServer, "not_our_server"),
        (302, "", "text/html", NotOurServer, "not_our_server"),
        (401, error("unauthorized"), "application/json", Unauthorized, "unauthorized"),
        (401, error("device_revoked"), "application/json", Unauthorized, "device_revoked"),
        (401, "<h1>login</h1>", "text/html", NotOurServer, "not_our_server"),
        (403, error("forbidden"), "application/json", Permanent, "forbidden"),
        (413, "<h1>too big</h1>", "text/html", Permanent, "too_large"),
        (422, '{"detail": []}', "application/json", Permanent, "unprocessable"),
        (404, "<h1>not found</h1>", "text/html", NotOurServer, "not_our_server"),
        (500, "oops", "text/plain", Transient, "server_error"),
        (503, error("server_error"), "application/json", Transient, "server_error"),
        (429, error("rate_limited"), "application/json", Transient, "rate_limited"),
    ],
)
def test_answers_are_sorted(server: Scripted, status: int, body: str, ctype: str,
                            kind: type, code: str) -> None:
    server.then(status, body, ctype=ctype)
    with pytest.raises(kind) as err:
        SyncClient(server.url, "t").push(p.PushRequest(entries=[]))
    assert err.value.code == code  # type: ignore[attr-defined]
    if kind is Unauthorized:
        assert err.value.revoked is (code == "device_revoked")  # type: ignore[attr-defined]
    if kind is Transient:
        assert err.value.offline is False  # type: ignore[attr-defined]


def test_retry_after_on_429_and_5xx(server: Scripted) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(hours=2), usegmt=True)
    server.then(429, error("rate_limited"), Retry_After="12")
    server.then(503, error("server_error"), Retry_After=later)
    server.then(503, error("server_error"))
    client = SyncClient(server.url, "t")
    waits = []
    for _ in range(3):
        with pytest.raises(Transient) as err:
            client.pull("")
        waits.append(err.value.retry_after)
    assert waits == [12.0, RETRY_AFTER_CAP, None]


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    assert parse_retry_after("30", now=now) == 30.0
    assert parse_retry_after("Thu, 15 Jan 2026 08:01:30 GMT", now=now) == 90.0
    assert parse_retry_after("Thu, 15 Jan 2026 07:00:00 GMT", now=now) == 0.0  # past
    assert parse_retry_after("99999", now=now) == RETRY_AFTER_CAP
    assert parse_retry_after("99999", now=now, cap=60) == 60.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None) is None


def test_no_server_is_an_offline_transient_failure() -> None:
    client = SyncClient("http://127.0.0.1:9", connect_timeout=2, read_timeout=2)
    with pytest.raises(Transient) as err:
        client.pull("")
    assert err.value.offline is True and err.value.code == "connection"


def test_a_server_that_never_answers_times_out() -> None:
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        client = SyncClient(f"http://127.0.0.1:{silent.getsockname()[1]}",
                            connect_timeout=2, read_timeout=0.3)
        with pytest.raises(Transient) as err:
            client.pull("")
        assert err.value.code == "timeout" and err.value.offline
    finally:
        silent.close()


def test_backoff_is_full_jitter_under_a_cap() -> None:
    b = Backoff(base=1.0, cap=60.0, rng=random.Random(1))
    for attempt in range(12):
        samples = [b.delay(attempt) for _ in range(200)]
        ceiling = min(60.0, 2.0 ** attempt)
        assert all(0.0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling * 0.8  # the whole range is used
    assert max(b.delay(40) for _ in range(50)) <= 60.0


def test_a_wait_is_cut_short_by_cancel() -> None:
    cancel = threading.Event()
    threading.Timer(0.05, cancel.set).start()
    assert wait(3600, cancel) is True  # returns when cancelled, not after an hour
    seen: list[float] = []
    assert wait(5, threading.Event(), seen.append) is False and seen == [5]
    done = threading.Event()
    done.set()
    assert wait(5, done, seen.append) is True and seen == [5]  # not even started


class _Top(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


def test_the_retry_policy_counts_attempts_and_prefers_the_servers_wait() -> None:
    """The one policy the engine's run and the enrolment share: the n-th failure of a budget
    of n is the last; the wait is the server's Retry-After, else the jittered backoff of the
    failures so far; cancel cuts a wait."""
    seen: list[float] = []
    cancel = threading.Event()
    retry = Retry(3, Backoff(base=1.0, cap=3.0, rng=_Top()), sleep=seen.append, cancel=cancel)
    busy = Transient("server_error", status=503, retry_after=42.0)
    gone = Transient("connection")
    assert retry.again() is True and retry.delay(gone) == 1.0  # 1st failure: up to base
    assert retry.delay(busy) == 42.0  # the server's word wins
    assert retry.again() is True and retry.delay(gone) == 2.0  # 2nd: up to 2·base
    assert retry.wait(2.0) is False and seen == [2.0]
    assert retry.again() is False and retry.failures == 3  # the 3rd of 3 was the last
    assert retry.delay(gone) == 3.0  # capped
    cancel.set()
    assert retry.wait(5.0) is True and seen == [2.0]
    quick = Retry(3, Backoff(base=1.0, cap=3.0, rng=_Top()), server_wait=False)  # enrolment
    assert quick.again() and quick.delay(busy) == 1.0  # the backoff, not the server's 42 s
