"""Push: a batch of outbox entries from one device, applied in one transaction.

Each entry gets one ``EntryResult``, in order (the writing is in ``batch``: savepoints, grouped
with a per-entry fallback):

1. a receipt for (device, seq) exists: the same payload hash is ``replayed`` (with the stored
   outcome and fields), another hash is ``rejected`` ``_entry``/``sequence_reused`` (the
   receipt stays as it was, and none is written);
2. the payload must be this record's and this device's (``payload_mismatch``);
3. another device's record is ``not_your_record``; an edit on a version older than the last
   district-side change is a ``conflict`` (``changed_by_district``);
4. a voided payload voids the record (its NIK is free again); anything else is validated again
   with the domain rules (``normalize`` + ``validate(complete=True)``) and its participant number
   must be made by this device's key and not be taken;
5. NIK uniqueness is the database's: the row is written as accepted, and the partial unique
   index on active NIKs refuses a second holder → the row is stored as ``duplicate`` with who
   holds the NIK (never that person's NIK or name).

Every outcome except ``sequence_reused`` leaves a permanent receipt. ``applied_through`` is the
device's highest receipted seq (kept on the device row, so it costs nothing to answer). Every
seq the laptop has had answered lies at or below it; a seq it gave up on without an answer (an
entry quarantined after a whole-request refusal) has no receipt and is a gap below it, which
the laptop knows about. The laptop re-sequences entries refused as ``sequence_reused`` (a data
folder restored from an older backup) above this number, so it must never lag behind a
receipted seq: an "unbroken run" definition would stall at the first gap and send
re-sequenced entries into seqs the server already holds.

On PostgreSQL a batch first takes a transaction-scoped advisory lock per NIK it carries, in one
global order, so two batches sharing NIKs wait for each other instead of deadlocking in the
unique index (the index stays the arbiter). A deadlock or serialization failure that still
happens, or a concurrent push of the same seq by the same device, retries the whole batch after
a short jittered pause.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from fieldreg.domain.nik import normalize_digits
from fieldreg.domain.validation import Rules, ValidationContext
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.auth import authenticate, is_stale
from fieldreg.server.service.batch import Batch
from fieldreg.server.service.common import violated
from fieldreg.server.service.errors import ApiError, refuse_nul
from fieldreg.server.service.revocation import revoke_pushed
from fieldreg.sync.protocol import ErrorCode, PushEntry, PushRequest, PushResponse

log = logging.getLogger(__name__)

RETRIES = 5
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
RECEIPT_KEY = ("pk_receipt", "receipt.device_id")


def _retryable(exc: DBAPIError) -> bool:
    if isinstance(exc, IntegrityError):
        return violated(exc, *RECEIPT_KEY)  # the same seq pushed twice at once
    return getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


MAX_NUMBER = 2**63 - 1  # seqs and versions are stored as 64-bit integers


def check_request(req: PushRequest) -> None:
    """What the schema lets through but no laptop sends: numbers past 64 bits, NUL in text."""
    for e in req.entries:
        if max(e.seq, e.version, e.base_version or 0) > MAX_NUMBER:
            raise ApiError(400, ErrorCode.BAD_REQUEST, "seq or version out of range",
                           params={"seq": e.seq if e.seq <= MAX_NUMBER else None})
        refuse_nul(e.record_id)
    refuse_nul(*req.revoked_serials)


def push(db: Database, settings: Settings, token: str | None, req: PushRequest) -> PushResponse:
    check_request(req)
    for attempt in range(RETRIES):
        try:
            return _push_once(db, settings, token, req)
        except DBAPIError as exc:
            if not _retryable(exc):
                if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
                    raise ApiError(503, ErrorCode.SERVER_ERROR, "the database is busy",
                                   headers={"Retry-After": "5"}) from exc
                raise
            log.info("push retried after %s (attempt %d)", type(exc.orig).__name__, attempt + 1)
            time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))
    raise ApiError(503, ErrorCode.SERVER_ERROR, "the database is busy; try again",
                   headers={"Retry-After": "5"})


def _push_once(db: Database, settings: Settings, token: str | None,
               req: PushRequest) -> PushResponse:
    now = settings.clock()
    with db.writer() as s:
        device = authenticate(s, token)
        if is_stale(device, now, settings):
            device.last_seen_at = now
        if db.postgresql:
            _lock_niks(s, req.entries)
        batch = Batch(s, device, now, ValidationContext(
            today=settings.today(), rules=Rules(home_regency=device.district_code)))
        results = batch.apply([*req.entries])
        refused = revoke_pushed(s, device, now, batch.feed, req.revoked_serials)
        through = applied_through(device, batch)
        batch.feed.flush(s)
        s.commit()
    return PushResponse(results=results, applied_through=through, serials_refused=len(refused))


def nik_lock_key(nik: str) -> int:
    return int.from_bytes(hashlib.sha256(b"nik:" + nik.encode()).digest()[:8], "big",
                          signed=True)


def _lock_niks(session: Session, entries: list[PushEntry]) -> None:
    """Advisory locks on the batch's NIKs, taken in ascending key order (PostgreSQL)."""
    keys: set[int] = set()
    for e in entries:
        data = e.payload.get("data")
        nik = data.get("nik") if isinstance(data, dict) else None
        if isinstance(nik, str) and nik:
            keys.add(nik_lock_key(normalize_digits(nik)))
    if keys:
        session.execute(
            text("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(:keys) AS t(k)")
            .bindparams(bindparam("keys", type_=ARRAY(BIGINT))),
            {"keys": sorted(keys)},
        )


def applied_through(device: m.Device, batch: Batch) -> int:
    """The device's highest receipted seq, raised by this batch's new receipts."""
    through: int = max([device.applied_through, *(r["seq"] for r in batch.new_receipts)])
    if through != device.applied_through:
        device.applied_through = through
    return through
