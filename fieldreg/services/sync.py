"""Sync as the app and the command line use it: enrol this laptop, send the queue and bring
outcomes back, say how things stand. The work is done by fieldreg.sync (client with the one
retry policy, enrolment, engine; the engine's docstring tells the whole run); this module
checks the input, holds the sync lock and stores the enrolment.

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
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError

# What a run reports is the sync layer's (the engine fills it); the app and the command line
# take it from here.
from fieldreg.sync.results import (
    Progress,
    ProgressFn,
    Result,
    SyncReport,
    SyncRun,
    SyncStatus,
)

if TYPE_CHECKING:
    from fieldreg.sync.engine import EngineOptions
    from fieldreg.sync.enrolment import EnrollingDevice
    from fieldreg.sync.protocol import EnrolResponse, ReferenceData

__all__ = [
    "Progress", "ProgressFn", "Result", "SyncReport", "SyncRun", "SyncStatus",
    "enrol", "history", "reachable", "reference", "status", "sync",
]

log = logging.getLogger(__name__)


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


def _device(ctx: Context) -> EnrollingDevice:
    from fieldreg.sync.enrolment import EnrollingDevice

    with ctx.db.reader() as uow:
        row = uow.device.get()
        if row is None:
            raise ServiceError("not_initialised")
        return EnrollingDevice(row.id, row.name, row.regency_code, row.public_key,
                               row.signing_key)


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


def _enrol_request(url: str, code: str, device: EnrollingDevice, opt: EngineOptions
                   ) -> EnrolResponse:
    from fieldreg.sync.enrolment import EnrolError, request_enrolment

    try:
        return request_enrolment(url, code, device, opt)
    except EnrolError as exc:
        raise ServiceError(exc.code, **exc.params) from exc


def _store_enrolment(ctx: Context, url: str, device: EnrollingDevice, resp: EnrolResponse
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

    from fieldreg.paths import SYNC_LOCK_FILE

    lock = FileLock(str(ctx.home / SYNC_LOCK_FILE))
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


def waiting(ctx: Context) -> tuple[int, int]:
    """What waits to be sent: (people, changes)."""
    with ctx.db.reader() as uow:
        return uow.outbox.pending_people(), uow.outbox.pending_count()


def status(ctx: Context) -> SyncStatus:
    with ctx.db.reader() as uow:
        st = uow.sync.state()
        pending = uow.outbox.pending_count()
        people = uow.outbox.pending_people()
        fixing = uow.sync.needs_fixing()
        if st is None or not st.token:
            return SyncStatus(enrolled=False, pending=pending, pending_people=people,
                              needs_fixing=fixing)
        return SyncStatus(
            enrolled=True, server_url=st.server_url, district_code=st.district_code,
            district_name=st.district_name, pending=pending, pending_people=people,
            needs_fixing=fixing,
            last_success_at=st.last_success_at, paused=st.paused,
        )


def reachable(ctx: Context, *, timeout: float = 3.0) -> bool:
    """True when the enrolled server answers its ping with the protocol (not a portal)."""
    from fieldreg.sync.client import reachable as answers

    with ctx.db.reader() as uow:
        st = uow.sync.state()
        url = st.server_url if st else ""
    if not url:
        return False
    return answers(url, timeout=timeout)


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


def village_targets(ctx: Context) -> dict[str, int] | None:
    """The villages' targets as the last pull brought them (None before any pull)."""
    ref = reference(ctx)
    if ref is None or not ref.targets:
        return None
    return {t.village_code: t.target for t in ref.targets}


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
