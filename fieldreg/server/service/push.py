"""Push: a batch of outbox entries from one device, applied in one transaction.

Each entry runs under its own SAVEPOINT and gets one ``EntryResult``, in order:

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
highest seq n such that this device has a receipt for every seq ≤ n (the device's outbox
sequence has no gaps while it waits to be sent; a seq never receipted holds it back).
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
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.nik import normalize_digits
from fieldreg.domain.registration import RegistrationData, canonical_json, data_from_dict
from fieldreg.domain.registration import payload_hash as hash_payload
from fieldreg.domain.validation import Rules, ValidationContext, normalize, validate
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.auth import authenticate, is_stale
from fieldreg.server.service.common import FeedBuffer, chunks, holder_of, violated
from fieldreg.server.service.errors import ApiError, refuse_nul
from fieldreg.sync.protocol import (
    EntryResult,
    ErrorCode,
    Holder,
    Outcome,
    PushEntry,
    PushRequest,
    PushResponse,
    WireProblem,
)

log = logging.getLogger(__name__)

RETRIES = 5
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
NIK_INDEX = (m.ACTIVE_NIK_INDEX, "registration.nik")
NUMBER_INDEX = ("uq_registration_participant_number", "registration.participant_number")
RECEIPT_KEY = ("pk_receipt", "receipt.device_id")


class _RetryBatch(Exception):
    pass


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
        batch = _Batch(s, device, now, ValidationContext(
            today=settings.today(), rules=Rules(home_regency=device.district_code)))
        results = batch.apply([*req.entries])
        batch.revoke_serials(req.revoked_serials)
        through = batch.applied_through()
        batch.feed.flush(s)
        s.commit()
    return PushResponse(results=results, applied_through=through)


def _text(value: Any) -> str:
    """Free text of an unvalidated (voided) payload, storable anywhere."""
    return value.replace("\x00", "") if isinstance(value, str) else ""


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


def _rejected(entry: PushEntry, problems: list[WireProblem]) -> EntryResult:
    return EntryResult(seq=entry.seq, record_id=entry.record_id, outcome=Outcome.REJECTED,
                       problems=problems)


def _entry_problem(entry: PushEntry, code: str, **params: Any) -> EntryResult:
    return _rejected(entry, [WireProblem(field="_entry", code=code, params=params)])


@dataclass
class _Parsed:
    data: RegistrationData
    number: str | None


class _Batch:
    def __init__(self, session: Session, device: m.Device, now: datetime,
                 vctx: ValidationContext) -> None:
        self.s = session
        self.device = device
        self.now = now
        self.vctx = vctx
        self.feed = FeedBuffer()
        self.receipts: dict[int, tuple[str, str]] = {}  # seq → (payload hash, result JSON)

    # ------------------------------------------------------------ entries

    def apply(self, entries: list[PushEntry]) -> list[EntryResult]:
        seqs = sorted({e.seq for e in entries})
        for part in chunks(seqs, 500):
            for seq, h, result in self.s.execute(
                select(m.Receipt.seq, m.Receipt.payload_hash, m.Receipt.result).where(
                    m.Receipt.device_id == self.device.id, m.Receipt.seq.in_(part)
                )
            ):
                self.receipts[seq] = (h, result)
        return [self._entry(e) for e in entries]

    def _entry(self, entry: PushEntry) -> EntryResult:
        h = hash_payload(entry.payload)
        stored = self.receipts.get(entry.seq)
        if stored is not None:
            stored_hash, stored_json = stored
            if stored_hash != h:
                return _entry_problem(entry, "sequence_reused")
            before = EntryResult.model_validate_json(stored_json)
            return before.model_copy(update={"outcome": Outcome.REPLAYED,
                                             "replay_of": before.outcome})
        result = self._apply(entry)
        result_json = result.model_dump_json()
        self.s.add(m.Receipt(device_id=self.device.id, seq=entry.seq,
                             record_id=entry.record_id[:36], payload_hash=h,
                             outcome=result.outcome.value, result=result_json,
                             created_at=self.now))
        self.receipts[entry.seq] = (h, result_json)
        return result

    def _apply(self, entry: PushEntry) -> EntryResult:
        p = entry.payload
        if p.get("id") != entry.record_id or p.get("device_id") != self.device.id:
            return _entry_problem(entry, "payload_mismatch")
        existing = self.s.get(m.Registration, entry.record_id, with_for_update=True)
        if existing is not None:
            if existing.device_id != self.device.id:
                return _entry_problem(entry, "not_your_record")
            if existing.external_version > (entry.base_version or 0):
                return EntryResult(
                    seq=entry.seq, record_id=entry.record_id, outcome=Outcome.CONFLICT,
                    participant_number=existing.participant_number,
                    server_version=existing.server_version,
                    problems=[WireProblem(field="_entry", code="changed_by_district",
                                          params={"status": existing.status})],
                )
        if p.get("status") == m.VOIDED:
            return self._void(entry, existing)
        parsed = self._parse(entry)
        if isinstance(parsed, EntryResult):
            return parsed
        return self._store(entry, existing, parsed)

    def _number(self, entry: PushEntry, raw: Any, *, required: bool) -> str | WireProblem | None:
        """The payload's participant number, normalised; a problem when it is missing (and
        required), not a number, not this device's, or another record's."""
        if raw is None or raw == "":
            return WireProblem(field="participant_number", code="required") if required else None
        if not isinstance(raw, str) or not numbers.made_by(raw, self.device.public_key):
            return WireProblem(field="participant_number", code="participant_number_foreign")
        number = numbers.normalize(raw)
        other = self.s.scalars(
            select(m.Registration.id).where(m.Registration.participant_number == number,
                                            m.Registration.id != entry.record_id)
        ).first()
        if other is not None:
            return WireProblem(field="participant_number", code="participant_number_taken")
        return number

    def _parse(self, entry: PushEntry) -> _Parsed | EntryResult:
        raw = entry.payload.get("data")
        if not isinstance(raw, dict):
            return _entry_problem(entry, "payload_invalid")
        try:
            data = normalize(data_from_dict(raw))
            problems = [
                WireProblem(field=pr.field, code=pr.code, params=dict(pr.params))
                for pr in validate(data, self.vctx, complete=True)
                if pr.is_error
            ]
        except (KeyError, TypeError, ValueError, AttributeError):
            return _entry_problem(entry, "payload_invalid")
        number = self._number(entry, entry.payload.get("participant_number"), required=True)
        if isinstance(number, WireProblem):
            problems.append(number)
        if problems:
            return _rejected(entry, problems)
        assert isinstance(number, str)
        return _Parsed(data, number)

    def _row(self, entry: PushEntry, existing: m.Registration | None) -> m.Registration:
        """``existing`` (updated) or a new row, with the payload's bookkeeping set."""
        p = entry.payload
        if existing is None:
            row = m.Registration(id=entry.record_id, device_id=self.device.id,
                                 district_code=self.device.district_code, server_version=1,
                                 external_version=0, created_at=self.now)
            self.s.add(row)
        else:
            row = existing
            row.server_version = existing.server_version + 1
        row.version = entry.version
        row.payload = canonical_json(p)
        row.updated_at = self.now
        return row

    def _void(self, entry: PushEntry, existing: m.Registration | None) -> EntryResult:
        reason = entry.payload.get("void_reason")
        if existing is None:
            number = self._number(entry, entry.payload.get("participant_number"),
                                  required=False)
            if isinstance(number, WireProblem):
                return _rejected(entry, [number])
            number_text = number
            raw = entry.payload.get("data")
            data = raw if isinstance(raw, dict) else {}
            nik, name, village = data.get("nik"), data.get("full_name"), data.get("village_code")
        with self.s.begin_nested():
            row = self._row(entry, existing)
            if existing is None:
                row.participant_number = number_text
                row.nik = _text(normalize_digits(nik) if isinstance(nik, str) else "")[:64]
                row.full_name = _text(name)
                row.village_code = _text(village)[:16]
            row.status = m.VOIDED
            row.holder = None
            row.void_reason = _text(reason)
            self.s.flush()
        return self._result(entry, row, Outcome.APPLIED)

    def _store(self, entry: PushEntry, existing: m.Registration | None,
               parsed: _Parsed) -> EntryResult:
        data = parsed.data
        for _ in range(3):
            try:
                with self.s.begin_nested():
                    row = self._fill(self._row(entry, existing), parsed, m.ACCEPTED)
                    self.s.flush()
                return self._result(entry, row, Outcome.APPLIED)
            except IntegrityError as exc:
                if violated(exc, *NUMBER_INDEX):
                    return _rejected(entry, [WireProblem(field="participant_number",
                                                         code="participant_number_taken")])
                if not violated(exc, *NIK_INDEX):
                    raise
            # Another active registration holds the NIK (committed, or earlier in this batch).
            holder = holder_of(self.s, data.nik, self.device.id)
            if holder is None:
                continue  # it was voided in between: try again as accepted
            with self.s.begin_nested():
                row = self._fill(self._row(entry, existing), parsed, m.DUPLICATE)
                row.holder = holder.model_dump_json()
                self.s.flush()
            return self._result(entry, row, Outcome.DUPLICATE)
        raise ApiError(503, ErrorCode.SERVER_ERROR, "the registration kept changing; try again",
                       headers={"Retry-After": "5"})

    def _fill(self, row: m.Registration, parsed: _Parsed, status: str) -> m.Registration:
        d = parsed.data
        row.status = status
        row.nik = d.nik
        row.full_name = d.full_name
        row.village_code = d.village_code
        row.participant_number = parsed.number
        row.holder = None
        row.void_reason = ""
        return row

    def _result(self, entry: PushEntry, row: m.Registration, outcome: Outcome) -> EntryResult:
        return EntryResult(
            seq=entry.seq,
            record_id=entry.record_id,
            outcome=outcome,
            participant_number=row.participant_number,
            server_version=row.server_version,
            holder=Holder.model_validate_json(row.holder) if row.holder else None,
        )

    # ------------------------------------------------------------ the rest of the batch

    def revoke_serials(self, serials: list[str]) -> None:
        wanted = list(dict.fromkeys(s.strip() for s in serials if s.strip()))
        insert = postgresql.insert if self.s.get_bind().dialect.name == "postgresql" else \
            sqlite.insert
        for part in chunks(wanted, 1000):
            rows = [{"serial": serial, "district_code": self.device.district_code,
                     "device_id": self.device.id, "at": self.now} for serial in part]
            added = self.s.scalars(
                insert(m.RevokedSerial).values(rows).on_conflict_do_nothing()
                .returning(m.RevokedSerial.serial)
            ).all()
            order = {serial: i for i, serial in enumerate(part)}
            for serial in sorted(added, key=order.__getitem__):
                self.feed.add(self.device.district_code, m.FEED_SERIAL, serial)

    def applied_through(self) -> int:
        through = self.device.applied_through
        for seq in self.s.scalars(
            select(m.Receipt.seq)
            .where(m.Receipt.device_id == self.device.id, m.Receipt.seq > through)
            .order_by(m.Receipt.seq)
            .limit(10_000)
        ):
            if seq != through + 1:
                break
            through = seq
        if through != self.device.applied_through:
            self.device.applied_through = through
        return through
