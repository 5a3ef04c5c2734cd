"""HTTP to the district server: one ``requests.Session``, explicit timeouts, gzip bodies, the
bytes counted as they cross the wire, and every failure sorted into what the engine does next.

Only a well-formed protocol answer counts: a JSON content type, a body that parses as the
expected model and carries ``protocol == PROTOCOL``. Anything else (a captive portal's 200 page,
a 200 with some other JSON, a redirect to a login page) is ``NotOurServer``.

Failures:

- ``Transient``: connection refused or reset, DNS, timeouts, 5xx, 429 (with ``retry_after``
  from Retry-After, in seconds or as an HTTP date). Retry later; a resend is harmless.
- ``Unauthorized``: a protocol 401 (``unauthorized`` or ``device_revoked``). Pause sync.
- ``Permanent``: any other 4xx (a protocol error body, FastAPI's 422, a proxy's 413). Retrying
  the same request will not help.
- ``NotOurServer``: the answer is not the protocol.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from fieldreg.sync import protocol as p

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
RETRY_AFTER_CAP = 300.0  # never wait longer than this on a server's word
_CHUNK = 64 * 1024

M = TypeVar("M", bound=BaseModel)


class SyncError(Exception):
    """A request that did not succeed. ``code`` is stable (a protocol ErrorCode or one of
    ours); ``detail`` is English for logs and never carries personal data."""

    def __init__(self, code: str, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.status = status


class Transient(SyncError):
    def __init__(self, code: str, detail: str = "", *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(code, detail, status=status)
        self.retry_after = retry_after

    @property
    def offline(self) -> bool:
        """No answer at all (connection, DNS, timeout), as opposed to a server in trouble."""
        return self.status is None


class Unauthorized(SyncError):
    @property
    def revoked(self) -> bool:
        return self.code == p.ErrorCode.DEVICE_REVOKED


class Permanent(SyncError):
    pass


class NotOurServer(SyncError):
    def __init__(self, detail: str, *, status: int | None = None) -> None:
        super().__init__("not_our_server", detail, status=status)


def parse_retry_after(value: str | None, *, now: datetime | None = None,
                      cap: float = RETRY_AFTER_CAP) -> float | None:
    """Retry-After as seconds to wait (delay-seconds or an HTTP date), capped; None when absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    seconds: float
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, min(seconds, cap))


class Backoff:
    """Full-jitter exponential backoff: attempt n waits uniform(0, min(cap, base·2ⁿ))."""

    def __init__(self, base: float = 1.0, cap: float = 60.0,
                 rng: random.Random | None = None) -> None:
        self.base = base
        self.cap = cap
        self.rng = rng or random.Random()

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0.0, min(self.cap, self.base * (2 ** min(attempt, 30))))


def wait(seconds: float, cancel: threading.Event | None,
         sleep: Callable[[float], None] | None = None) -> bool:
    """Sleep ``seconds`` unless cancelled; True when cancelled. An injected ``sleep`` (tests)
    replaces the clock; the cancel event is still honoured before and after it."""
    if cancel is not None and cancel.is_set():
        return True
    if sleep is not None:
        sleep(seconds)
        return bool(cancel is not None and cancel.is_set())
    if cancel is not None:
        return cancel.wait(seconds)
    threading.Event().wait(seconds)
    return False


class Retry:
    """THE retry policy for requests to the district server (the engine's run and the
    enrolment use it alike): a ``Transient`` failure is tried again after the server's
    Retry-After (capped when parsed; unless ``server_wait`` is off) or else ``backoff``'s
    full-jitter wait, and the ``attempts``-th failed attempt is the last; a wait ends at once
    on ``cancel``. Anything
    else (``Unauthorized``, ``Permanent``, ``NotOurServer``) is not retried by the policy: the
    caller decides."""

    def __init__(self, attempts: int, backoff: Backoff, *,
                 sleep: Callable[[float], None] | None = None,
                 cancel: threading.Event | None = None, server_wait: bool = True) -> None:
        self.attempts = attempts
        self.backoff = backoff
        self.server_wait = server_wait
        self.sleep = sleep
        self.cancel = cancel
        self.failures = 0

    def again(self) -> bool:
        """Counts a failed attempt; True while another one is allowed."""
        self.failures += 1
        return self.failures < self.attempts

    def delay(self, exc: Transient) -> float:
        """How long to wait before trying again after ``exc`` (the latest failure counted)."""
        if self.server_wait and exc.retry_after is not None:
            return exc.retry_after
        return self.backoff.delay(self.failures - 1)

    def wait(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless cancelled; True when cancelled."""
        return wait(seconds, self.cancel, self.sleep)


class SyncClient:
    """The district server's API as methods returning protocol models."""

    def __init__(
        self,
        base_url: str,
        token: str = "",
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        session: requests.Session | None = None,
        user_agent: str = "",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        if user_agent:
            self.session.headers["User-Agent"] = user_agent
        self.requests = 0
        self.bytes_up = 0
        self.bytes_down = 0

    def close(self) -> None:
        self.session.close()

    # -- endpoints --------------------------------------------------------------------------
    def ping(self, *, timeout: float | None = None) -> p.Ping:
        t = (timeout, timeout) if timeout is not None else None
        return self._call("GET", "/ping", p.Ping, auth=False, timeout=t)

    def enrol_challenge(self) -> p.EnrolChallenge:
        return self._call("GET", "/enrol/challenge", p.EnrolChallenge, auth=False)

    def enrol(self, req: p.EnrolRequest) -> p.EnrolResponse:
        body = req.model_dump_json().encode("utf-8")
        return self._call("POST", "/enrol", p.EnrolResponse, body=body, auth=False)

    def push_raw(self, body: bytes) -> p.PushResponse:
        """POST a PushRequest already serialised (the engine writes entries' stored canonical
        payloads straight into the body instead of parsing and re-encoding them)."""
        return self._call("POST", "/sync/push", p.PushResponse, body=body)

    def push(self, req: p.PushRequest) -> p.PushResponse:
        return self.push_raw(req.model_dump_json().encode("utf-8"))

    def pull(self, cursor: str, limit: int = p.DEFAULT_PULL_LIMIT) -> p.PullResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._call("GET", "/sync/pull", p.PullResponse, params=params)

    # -- the one place requests are made ---------------------------------------------------
    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: bytes | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        timeout: tuple[float | None, float | None] | None = None,
    ) -> M:
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip"}
        data = None
        if body is not None:
            data = gzip.compress(body, compresslevel=6)
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
        if auth and self.token:
            headers[p.TOKEN_HEADER] = f"Bearer {self.token}"
        url = self.base_url + p.API + path
        self.requests += 1
        self.bytes_up += len(data or b"")
        try:
            resp = self.session.request(
                method, url, data=data, params=params, headers=headers,
                timeout=timeout or self.timeout, allow_redirects=False, stream=True,
            )
        except requests.Timeout as exc:
            raise Transient("timeout", type(exc).__name__) from exc
        except requests.RequestException as exc:  # refused, reset, DNS, TLS…
            raise Transient("connection", type(exc).__name__) from exc
        try:
            content = self._read(resp)
        finally:
            resp.close()
        return self._answer(resp, content, model)

    def _read(self, resp: requests.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(_CHUNK):
                size += len(chunk)
                if size > p.MAX_INFLATED_BYTES:
                    raise NotOurServer("answer too large", status=resp.status_code)
                chunks.append(chunk)
        except requests.Timeout as exc:
            raise Transient("timeout", "reading the answer") from exc
        except requests.RequestException as exc:
            raise Transient("connection", f"reading the answer: {type(exc).__name__}") from exc
        finally:
            raw = getattr(resp, "raw", None)
            wire = raw.tell() if raw is not None and hasattr(raw, "tell") else None
            self.bytes_down += wire if isinstance(wire, int) and wire > 0 else size
        return b"".join(chunks)

    def _answer(self, resp: requests.Response, content: bytes, model: type[M]) -> M:
        status = resp.status_code
        ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        is_json = ctype == "application/json" or ctype.endswith("+json")
        if status == 200:
            if not is_json:
                raise NotOurServer(f"200 with {ctype or 'no content type'}", status=status)
            try:
                answer = model.model_validate_json(content)
            except ValidationError as exc:
                raise NotOurServer(f"200 that is not a {model.__name__}",
                                   status=status) from exc
            if "protocol" not in answer.model_fields_set:  # a default is not an answer
                raise NotOurServer(f"200 without the {p.PROTOCOL} marker", status=status)
            return answer
        error = self._error_body(content) if is_json else None
        if 500 <= status < 600 or status == 429:
            retry = parse_retry_after(resp.headers.get("Retry-After"))
            code = error.code if error else ("rate_limited" if status == 429 else "server_error")
            raise Transient(code, f"HTTP {status}", status=status, retry_after=retry)
        if status == 401 and error is not None:
            raise Unauthorized(error.code, error.message, status=status)
        if 400 <= status < 500:
            if error is not None:
                raise Permanent(error.code, error.message, status=status)
            if status == 413:
                raise Permanent(p.ErrorCode.TOO_LARGE, "HTTP 413", status=status)
            if status == 422 and is_json and _is_json(content):
                raise Permanent("unprocessable", "HTTP 422", status=status)
        raise NotOurServer(f"HTTP {status} that is not the protocol", status=status)

    @staticmethod
    def _error_body(content: bytes) -> p.ErrorDetail | None:
        try:
            return p.ErrorBody.model_validate_json(content).error
        except ValidationError:
            return None


def reachable(url: str, *, timeout: float = 3.0) -> bool:
    """True when the server at ``url`` answers its ping with the protocol (not a portal).
    One try, no retry: it is a look, not a request that must get through."""
    client = SyncClient(url, connect_timeout=timeout, read_timeout=timeout)
    try:
        client.ping(timeout=timeout)
    except SyncError:
        return False
    finally:
        client.close()
    return True


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True
