"""Sync as the app and the command line use it: enrol this laptop, send the queue and bring
outcomes back, say how things stand. The work is done by fieldreg.sync (client, engine; the
engine's docstring tells the whole run).

This is the whole surface the UI uses; every function may be called from a worker thread.

What a record shows after sync (``Registration.outcome_code`` / ``outcome_detail``):

- ``accepted``, ``verified``: outcome_code "" and detail {};
- ``duplicate``: outcome_code "duplicate", detail ``{"holder": {participant_number,
  village_code, village_name, device_name, same_device}}`` (never a NIK or a name);
- ``rejected``: outcome_code "rejected" (field problems), "conflict" (the district changed the
  record since: problem ``changed_by_district``), or the code of a refusal of the entry itself
  (``payload_mismatch``, ``not_your_record``, ``too_large``…); detail ``{"problems": [{field,
  code, params}]}`` — words through ``fieldreg.i18n.messages.describe``. Saving the record again
  (fixed) queues it again;
- ``voided`` with outcome_code "voided_by_district" when the district cancelled it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError

if TYPE_CHECKING:
    from fieldreg.sync.engine import EngineOptions
    from fieldreg.sync.protocol import EnrolRequest, EnrolResponse, ReferenceData

log = logging.getLogger(__name__)


class Result(StrEnum):
    OK = "ok"  # nothing left to send
    PARTIAL = "partial"  # some sent, then stopped (see ``stop``); the rest waits
    OFFLINE = "offline"  # the server could not be reached (after retries)
    NOT_OUR_SERVER = "not_our_server"  # an answer that is not the protocol (captive portal…)
    UNAUTHORIZED = "unauthorized"  # token refused: sync paused, queue untouched
    REVOKED = "revoked"  # this laptop was revoked by the district: sync paused
    SERVER_ERROR = "server_error"  # 5xx / 429 that did not clear within the retries
    CANCELLED = "cancelled"
    BUSY = "busy"  # another sync is running (app or command line)
    NOT_ENROLLED = "not_enrolled"


@dataclass(frozen=True)
class Progress:
    phase: str  # "push" | "pull" | "wait" (backing off before a retry)
    sent: int  # entries answered so far in this run
    total: int  # entries that were waiting when the run started
    bytes_up: int
    bytes_down: int
    wait_seconds: float = 0.0  # during "wait"


@dataclass(frozen=True)
class SyncReport:
    result: Result
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    pulled: int = 0  # record statuses brought back
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    remaining: int = 0  # entries still waiting to be sent
    detail: str = ""  # English technical detail for logs (never personal data)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    stop: Result | None = None  # with PARTIAL: what stopped it (OFFLINE, SERVER_ERROR, CANCELLED)

    @property
    def ok(self) -> bool:
        return self.result is Result.OK and self.remaining == 0


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str = ""
    district_code: str = ""
    district_name: str = ""
    pending: int = 0  # entries waiting to be sent
    needs_fixing: int = 0  # records the server rejected or refused (duplicate/conflict)
    last_success_at: datetime | None = None  # naive UTC
    paused: str = ""  # "" | "unauthorized" | "revoked"


@dataclass(frozen=True)
class SyncRun:
    id: int
    started_at: datetime
    finished_at: datetime | None
    trigger: str  # "manual" | "auto" | "cli"
    result: str
    sent: int
    applied: int
    duplicate: int
    rejected: int
    conflict: int
    pulled: int
    bytes_up: int
    bytes_down: int
    detail: str


ProgressFn = Callable[[Progress], None]

ENROL_ERRORS = {
    "code_unknown": "enrol_code_unknown",
    "code_used": "enrol_code_used",
    "code_expired": "enrol_code_expired",
    "device_part_taken": "enrol_device_part_taken",
    "wrong_district": "enrol_code_other_district",
    "signature_invalid": "enrol_signature_invalid",
    "challenge_stale": "enrol_challenge_stale",
}
ENROL_ATTEMPTS = 3


def _server_url(url: str) -> str:
    from urllib.parse import urlsplit

    url = (url or "").strip().rstrip("/")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (ValueError when the port is not a number)
    except ValueError:
        parts = None
    if (
        parts is None or parts.scheme not in ("http", "https") or not parts.hostname
        or parts.query or parts.fragment or any(ch.isspace() for ch in url)
    ):
        raise ServiceError("server_url_invalid", field="server_url", value=url)
    return url


@dataclass(frozen=True)
class _Device:
    id: str
    name: str
    regency_code: str
    public_key: bytes
    signing_key: bytes = field(repr=False)  # Ed25519 private key, raw: signs the enrolment


def _device(ctx: Context) -> _Device:
    with ctx.db.reader() as uow:
        row = uow.device.get()
        if row is None:
            raise ServiceError("not_initialised")
        return _Device(row.id, row.name, row.regency_code, row.public_key, row.signing_key)


def enrol(ctx: Context, url: str, code: str, *, options: EngineOptions | None = None
          ) -> SyncStatus:
    """Enrol this laptop with the district server at ``url`` using a one-time ``code``.
    ServiceError with a code (enrol_code_unknown, enrol_code_used, enrol_code_expired,
    enrol_code_other_district, enrol_device_part_taken, enrol_signature_invalid,
    server_unreachable, not_our_server, …) when it cannot.

    Each attempt fetches the server's challenge and signs the request (code, device, key,
    name, version, home regency, challenge) with this laptop's private key: the server gives a
    token for this device only to the holder of its key.

    Enrolling again (a new code after a refused token, or the same code retried) replaces the
    token and lifts a pause; the queue is kept. A revoked laptop stays revoked: the server
    refuses its device for good. Moving to another server starts its pull from
    the beginning."""
    from fieldreg.sync.engine import EngineOptions

    opt = options or EngineOptions()
    url = _server_url(url)
    code = "".join(code.split())
    device = _device(ctx)
    # The server hands out a new token at once (the old one stops working): never while a
    # sync is using the old one, so the lock is held from the request to the stored token.
    with _sync_lock(ctx):
        resp = _enrol_request(url, code, device, opt)
        return _store_enrolment(ctx, url, device, resp)


def _enrol_request(url: str, code: str, device: _Device, opt: EngineOptions
                   ) -> EnrolResponse:
    from pydantic import ValidationError

    from fieldreg import __version__
    from fieldreg.sync import protocol as p
    from fieldreg.sync.client import (
        Backoff,
        NotOurServer,
        Permanent,
        SyncClient,
        Transient,
        Unauthorized,
        wait,
    )

    try:
        req = p.EnrolRequest(
            code=code, device_id=device.id, device_name=device.name[:80],
            public_key=p.b64(device.public_key), app_version=__version__,
            district=device.regency_code,
        )
    except ValidationError:
        raise ServiceError("enrol_code_unknown", field="code") from None
    client = SyncClient(url, connect_timeout=opt.connect_timeout,
                        read_timeout=opt.read_timeout, session=opt.session)
    backoff = Backoff(opt.backoff_base, opt.backoff_cap, opt.rng)
    try:
        for attempt in range(ENROL_ATTEMPTS):
            try:
                # A new challenge each attempt: the server takes a used code again only with
                # a challenge newer than its last use.
                challenge = client.enrol_challenge().challenge
                resp = client.enrol(_signed(req, challenge, device.signing_key))
                break
            except Transient as exc:
                if exc.status == 429:
                    raise ServiceError("enrol_rate_limited",
                                       seconds=int(exc.retry_after or 60)) from exc
                if attempt == ENROL_ATTEMPTS - 1:
                    raise ServiceError("server_unreachable" if exc.offline else "server_error",
                                       url=url) from exc
                wait(backoff.delay(attempt), None, opt.sleep)
            except NotOurServer as exc:
                raise ServiceError("not_our_server", url=url) from exc
            except (Permanent, Unauthorized) as exc:
                if exc.code == p.ErrorCode.CHALLENGE_STALE and attempt < ENROL_ATTEMPTS - 1:
                    # An earlier attempt of ours got through after this challenge was given
                    # (its answer lost): a newer challenge gets the same device.
                    continue
                raise ServiceError(ENROL_ERRORS.get(exc.code, "enrol_refused"),
                                   reason=exc.code) from exc
    finally:
        client.close()
    return resp


def _signed(req: EnrolRequest, challenge: str, signing_key: bytes) -> EnrolRequest:
    """``req`` for ``challenge``, signed with this laptop's Ed25519 private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from fieldreg.sync import protocol as p

    req = req.model_copy(update={"challenge": challenge, "signature": ""})
    signature = Ed25519PrivateKey.from_private_bytes(signing_key).sign(p.enrol_message(req))
    return req.model_copy(update={"signature": p.b64(signature)})


def _store_enrolment(ctx: Context, url: str, device: _Device, resp: EnrolResponse
                     ) -> SyncStatus:
    from fieldreg.domain.participant_number import device_part

    mine = device_part(device.public_key)
    if resp.number_prefix != mine or resp.device_id != device.id:
        log.warning("enrolment refused here: the server's prefix %s is not this laptop's %s",
                    resp.number_prefix, mine)
        raise ServiceError("enrol_prefix_mismatch", server=resp.number_prefix, device=mine)
    if resp.district.code != device.regency_code:
        raise ServiceError("enrol_district_mismatch", district=resp.district.name,
                           code=resp.district.code, regency=device.regency_code)
    now = ctx.clock()
    with ctx.db.uow() as uow:
        state = uow.sync.state_for_update()
        if state.server_url != url or state.district_code != resp.district.code:
            state.pull_cursor = ""
            state.applied_through = 0
            state.reference = "{}"
            state.serials_sent_hash = ""
            uow.sync.replace_keys([])
        state.server_url = url
        state.token = resp.token
        state.district_code = resp.district.code
        state.district_name = resp.district.name
        state.number_prefix = resp.number_prefix
        state.enrolled_at = now
        state.paused = ""
        uow.audit.record(ctx.volunteer_id, "enrol", "device", device.id, server=url,
                         district=resp.district.code)
        uow.commit()
    _remember_url(ctx, url)
    log.info("enrolled with %s (district %s)", url, resp.district.code)
    return status(ctx)


@contextmanager
def _sync_lock(ctx: Context) -> Iterator[None]:
    """Enrolment changes the token and the cursor: never under a running sync."""
    from filelock import FileLock
    from filelock import Timeout as LockTimeout

    from fieldreg.sync.engine import LOCK_FILE

    lock = FileLock(str(ctx.home / LOCK_FILE))
    try:
        lock.acquire(timeout=0)
    except LockTimeout:
        raise ServiceError("sync_busy") from None
    try:
        yield
    finally:
        lock.release()


def _remember_url(ctx: Context, url: str) -> None:
    """The settings' server address follows the enrolment (best effort: it is informative)."""
    from fieldreg.services import settings

    try:
        s = settings.load(ctx.home)
        if s.server_url != url:
            s.server_url = url
            settings.save(ctx.home, s)
    except (ServiceError, OSError) as exc:
        log.warning("server address not written to the settings: %s", exc)


def sync(
    ctx: Context,
    *,
    trigger: str = "manual",
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    options: EngineOptions | None = None,
) -> SyncReport:
    """Push the queue and pull outcomes until nothing is left to send or a stop is hit.
    Never raises for network trouble: the report says what happened."""
    from fieldreg.sync.engine import SyncEngine

    engine = SyncEngine(ctx.db, ctx.home, options=options, progress=progress, cancel=cancel,
                        clock=ctx.clock)
    return engine.run(trigger)


def status(ctx: Context) -> SyncStatus:
    with ctx.db.reader() as uow:
        st = uow.sync.state()
        pending = uow.outbox.pending_count()
        fixing = uow.sync.needs_fixing()
        if st is None or not st.token:
            return SyncStatus(enrolled=False, pending=pending, needs_fixing=fixing)
        return SyncStatus(
            enrolled=True, server_url=st.server_url, district_code=st.district_code,
            district_name=st.district_name, pending=pending, needs_fixing=fixing,
            last_success_at=st.last_success_at, paused=st.paused,
        )


def reachable(ctx: Context, *, timeout: float = 3.0) -> bool:
    """True when the enrolled server answers its ping with the protocol (not a portal)."""
    from fieldreg.sync.client import SyncClient, SyncError

    with ctx.db.reader() as uow:
        st = uow.sync.state()
        url = st.server_url if st else ""
    if not url:
        return False
    client = SyncClient(url, connect_timeout=timeout, read_timeout=timeout)
    try:
        client.ping(timeout=timeout)
    except SyncError:
        return False
    finally:
        client.close()
    return True


def reference(ctx: Context) -> ReferenceData | None:
    """The district's reference data as the last pull brought it (versions of the regions,
    occupations and contribution table the server uses, and the villages' targets); None
    before the first pull."""
    from pydantic import ValidationError

    from fieldreg.sync.protocol import ReferenceData

    with ctx.db.reader() as uow:
        st = uow.sync.state()
        text = st.reference if st else "{}"
    try:
        return ReferenceData.model_validate_json(text)
    except ValidationError:
        return None


def history(ctx: Context, limit: int = 50) -> list[SyncRun]:
    """The newest runs first."""
    with ctx.db.reader() as uow:
        return [
            SyncRun(
                id=r.id, started_at=r.started_at, finished_at=r.finished_at,
                trigger=r.trigger, result=r.result, sent=r.sent, applied=r.applied,
                duplicate=r.duplicate, rejected=r.rejected, conflict=r.conflict,
                pulled=r.pulled, bytes_up=r.bytes_up, bytes_down=r.bytes_down,
                detail=r.detail,
            )
            for r in uow.sync.runs(limit)
        ]
