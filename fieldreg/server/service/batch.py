"""One push batch inside its transaction: every entry decided in order, writes applied under
savepoints, receipts written at the end.

Deciding an entry reads only what was fetched for the whole batch up front (receipts, the
batch's existing records, the participant numbers it names) plus what the batch itself wrote.
Writes wait in a group and go to the database together under ONE savepoint (a single flush); a
unique violation in the group (a NIK held elsewhere, a number taken) rolls that savepoint back
and the group is split in halves and tried again (down to single entries, each under its own
savepoint), so only the entry at fault becomes a ``duplicate`` (or a rejection). A group is
written out early whenever the next entry touches the same record, seq, NIK or participant
number as one waiting in it, so an entry is always decided on the state its predecessors left.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number as numbers
from fieldreg.domain.nik import normalize_digits
from fieldreg.domain.registration import RegistrationData, canonical_json, data_from_dict
from fieldreg.domain.validation import ValidationContext, normalize, validate
from fieldreg.server import models as m
from fieldreg.server.service.common import FeedBuffer, chunks, holder_of, violated
from fieldreg.server.service.errors import ApiError
from fieldreg.server.service.textcheck import payload_problem
from fieldreg.server.service.transfer import NOT_TRANSFERRED, lineage
from fieldreg.sync.protocol import EntryResult, ErrorCode, Holder, Outcome, PushEntry, WireProblem

NIK_INDEX = (m.ACTIVE_NIK_INDEX, "registration.nik")
NUMBER_INDEX = ("uq_registration_participant_number", "registration.participant_number")


def rejected(entry: PushEntry, problems: list[WireProblem]) -> EntryResult:
    return EntryResult(seq=entry.seq, record_id=entry.record_id, outcome=Outcome.REJECTED,
                       problems=problems)


def entry_problem(entry: PushEntry, code: str, **params: Any) -> EntryResult:
    return rejected(entry, [WireProblem(field="_entry", code=code, params=params)])


def _is_problem(result: EntryResult, code: str) -> bool:
    return bool(result.problems) and result.problems[0].code == code


def text_of(value: Any) -> str:
    """Free text of an unvalidated (voided) payload, storable anywhere."""
    return value.replace("\x00", "") if isinstance(value, str) else ""


def payload_nik(entry: PushEntry) -> str:
    data = entry.payload.get("data")
    nik = data.get("nik") if isinstance(data, dict) else None
    return normalize_digits(nik) if isinstance(nik, str) else ""


def payload_number(entry: PushEntry) -> str:
    raw = entry.payload.get("participant_number")
    return numbers.normalize(raw) if isinstance(raw, str) and numbers.is_valid(raw) else ""


@dataclass
class Write:
    index: int
    entry: PushEntry
    hash: str
    existing: m.Registration | None
    data: RegistrationData | None  # None: the record is voided
    number: str | None
    old_number: str | None = None
    text: str = ""  # the payload's canonical JSON (what its hash is of)
    nik_key: str = ""  # payload_nik(entry)


def _loads(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _stamp(payload: dict[str, Any], version: int) -> tuple[str, int]:
    """When an edit was made on its laptop (ISO 8601 text compares in time order), then its
    version: what decides which of two edits of one record is the newer."""
    made = payload.get("updated_at")
    return (made if isinstance(made, str) else "", version)


@dataclass
class _Stored:
    """What ``_done`` reads of a record inserted without the ORM (``_write_many``)."""

    id: str
    participant_number: str | None
    status: str
    nik: str
    server_version: int
    holder: str | None = None


@dataclass
class _Group:
    writes: list[Write] = field(default_factory=list)
    seqs: set[int] = field(default_factory=set)
    records: set[str] = field(default_factory=set)
    niks: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)

    def touches(self, entry: PushEntry, nik: str, number: str) -> bool:
        return (entry.seq in self.seqs or entry.record_id in self.records
                or (bool(nik) and nik in self.niks) or (bool(number) and number in self.numbers))

    def add(self, w: Write) -> None:
        self.writes.append(w)
        self.seqs.add(w.entry.seq)
        self.records.add(w.entry.record_id)
        if w.nik_key:
            self.niks.add(w.nik_key)
        if w.existing is not None and w.existing.nik:
            self.niks.add(w.existing.nik)  # the NIK it gives up: its next holder waits for it
        if w.number:
            self.numbers.add(w.number)


class Batch:
    def __init__(self, session: Session, device: m.Device, now: datetime,
                 vctx: ValidationContext) -> None:
        self.s = session
        self.device = device
        self.now = now
        self.vctx = vctx
        self.feed = FeedBuffer()
        self.receipts: dict[int, tuple[str, str]] = {}  # seq → (payload hash, result JSON)
        self.rows: dict[str, m.Registration] = {}  # the batch's records that exist
        # Records this batch inserted with one multi-row INSERT (not in the session): loaded
        # again, locked, only if a later entry of the batch touches them.
        self.inserted: set[str] = set()
        self.numbers: dict[str, str] = {}  # participant number → record id
        # Active holders of the batch's NIKs when it started: only a hint that sends an entry
        # straight to its own savepoint (the unique index still decides).
        self.held: dict[str, str] = {}  # NIK → record id
        self.new_receipts: list[dict[str, Any]] = []
        self.results: list[EntryResult | None] = []
        # Entries with a text no laptop sends (a NUL, over its cap): rejected, never queried.
        self.unreadable: dict[int, WireProblem] = {}
        self.group = _Group()
        # Each entry's NIK and participant number as payload_nik/payload_number read them.
        self.niks_of: list[str] = []
        self.numbers_of: list[str] = []
        self.group_writes = 0  # groups written with one flush
        # This device and the laptops it was transferred from (restored onto another machine):
        # their records and participant numbers are this device's too.
        self.lineage: dict[str, bytes] = {device.id: device.public_key}
        self.fallbacks = 0  # groups the database refused (then split in halves)

    # ------------------------------------------------------------ the batch

    def apply(self, entries: list[PushEntry]) -> list[EntryResult]:
        for i, entry in enumerate(entries):
            if (problem := payload_problem(entry.payload)) is not None:
                self.unreadable[i] = problem
        self.niks_of = [payload_nik(e) for e in entries]
        self.numbers_of = [payload_number(e) for e in entries]
        self._prefetch(entries)
        self.results = [None] * len(entries)
        for i, entry in enumerate(entries):
            if self.group.touches(entry, self.niks_of[i], self.numbers_of[i]):
                self._write_group()
            self._decide(i, entry)
        self._write_group()
        for part in chunks(self.new_receipts, 500):
            self.s.execute(insert(m.Receipt), part)
        out = [r for r in self.results if r is not None]
        assert len(out) == len(entries)
        return out

    def _prefetch(self, entries: list[PushEntry]) -> None:
        me = self.device.id
        self.lineage = lineage(self.s, self.device)
        for part in chunks(sorted({e.seq for e in entries}), 500):
            for seq, h, result in self.s.execute(
                select(m.Receipt.seq, m.Receipt.payload_hash, m.Receipt.result)
                .where(m.Receipt.device_id == me, m.Receipt.seq.in_(part))
            ):
                self.receipts[seq] = (h, result)
        # Replays need nothing; nor do unreadable entries (a NUL would break the query).
        fresh = [i for i, e in enumerate(entries)
                 if e.seq not in self.receipts and i not in self.unreadable]
        for part in chunks(sorted({entries[i].record_id for i in fresh}), 500):
            for row in self.s.scalars(
                select(m.Registration).where(m.Registration.id.in_(part)).with_for_update()
            ):
                self.rows[row.id] = row
        wanted = sorted({n for i in fresh if (n := self.numbers_of[i])})
        for part in chunks(wanted, 500):
            for number, record_id in self.s.execute(
                select(m.Registration.participant_number, m.Registration.id)
                .where(m.Registration.participant_number.in_(part))
            ):
                if number is not None:
                    self.numbers[number] = record_id
        self._prefetch_holders(fresh)

    def _prefetch_holders(self, fresh: list[int]) -> None:
        niks = sorted({n for i in fresh if (n := self.niks_of[i])})
        for part in chunks(niks, 500):
            for nik, record_id in self.s.execute(
                select(m.Registration.nik, m.Registration.id)
                .where(m.Registration.nik.in_(part),
                       m.Registration.status.in_((m.ACCEPTED, m.VERIFIED)))
            ):
                self.held[nik] = record_id

    def _finish(self, index: int, entry: PushEntry, h: str, result: EntryResult) -> None:
        """The entry's answer, and its permanent receipt."""
        self.results[index] = result
        result_json = result.model_dump_json()
        self.receipts[entry.seq] = (h, result_json)
        self.new_receipts.append({
            "device_id": self.device.id, "seq": entry.seq, "record_id": entry.record_id,
            "payload_hash": h, "outcome": result.outcome.value, "result": result_json,
            "created_at": self.now,
        })

    # ------------------------------------------------------------ deciding

    def _decide(self, index: int, entry: PushEntry) -> None:
        text = canonical_json(entry.payload)
        h = hashlib.sha256(text.encode("utf-8")).hexdigest()  # registration.payload_hash
        stored = self.receipts.get(entry.seq)
        if stored is not None:
            stored_hash, stored_json = stored
            if stored_hash != h:  # no receipt: the stored one stays the truth
                self.results[index] = entry_problem(entry, "sequence_reused")
            else:
                before = EntryResult.model_validate_json(stored_json)
                self.results[index] = before.model_copy(
                    update={"outcome": Outcome.REPLAYED, "replay_of": before.outcome})
            return
        unreadable = self.unreadable.get(index)
        decided = (rejected(entry, [unreadable]) if unreadable is not None
                   else self._judge(index, entry, h))
        if isinstance(decided, EntryResult):
            if _is_problem(decided, NOT_TRANSFERRED):
                self.results[index] = decided  # no receipt: accepted once transferred
            else:
                self._finish(index, entry, h, decided)
            return
        decided.text = text
        decided.nik_key = self.niks_of[index]
        if decided.data is not None and self.held.get(decided.data.nik,
                                                        entry.record_id) != entry.record_id:
            self._write_one(decided)  # most likely a duplicate: alone, not in the group
        else:
            self.group.add(decided)

    def _judge(self, index: int, entry: PushEntry, h: str) -> EntryResult | Write:
        p = entry.payload
        if p.get("id") != entry.record_id:
            return entry_problem(entry, "payload_mismatch")
        if p.get("device_id") not in self.lineage:
            if self._transfer_awaited(p.get("device_id")):
                return entry_problem(entry, NOT_TRANSFERRED)
            return entry_problem(entry, "payload_mismatch")
        existing = self.rows.get(entry.record_id)
        if existing is None and entry.record_id in self.inserted:
            existing = self.s.get(m.Registration, entry.record_id, with_for_update=True)
            if existing is not None:
                self.rows[existing.id] = existing
        if existing is not None:
            if existing.device_id not in self.lineage:
                return entry_problem(entry, "not_your_record")
            if _stamp(entry.payload, entry.version) <= _stamp(_loads(existing.payload),
                                                              existing.version):
                # Already superseded here (an entry re-sequenced after ``sequence_reused``
                # arrives after its newer version): never overwrite a newer edit. Edits are
                # ordered by their time on the laptop, then version, so that an edit made on a
                # laptop restored from an old backup (its versions start lower) still lands.
                return EntryResult(
                    seq=entry.seq, record_id=entry.record_id, outcome=Outcome.APPLIED,
                    participant_number=existing.participant_number,
                    server_version=existing.server_version,
                )
            if existing.external_version > (entry.base_version or 0):
                return EntryResult(
                    seq=entry.seq, record_id=entry.record_id, outcome=Outcome.CONFLICT,
                    participant_number=existing.participant_number,
                    server_version=existing.server_version,
                    problems=[WireProblem(field="_entry", code="changed_by_district",
                                          params={"status": existing.status})],
                )
        old = existing.participant_number if existing is not None else None
        if p.get("status") == m.VOIDED:
            if existing is not None:
                return Write(index, entry, h, existing, None, old, old)
            number = self._number(entry, required=False)
            if isinstance(number, WireProblem):
                return rejected(entry, [number])
            return Write(index, entry, h, None, None, number)
        raw = p.get("data")
        if not isinstance(raw, dict):
            return entry_problem(entry, "payload_invalid")
        try:
            data = normalize(data_from_dict(raw))
            problems = [WireProblem(field=pr.field, code=pr.code, params=dict(pr.params))
                        for pr in validate(data, self.vctx, complete=True) if pr.is_error]
        except (KeyError, TypeError, ValueError, AttributeError):
            return entry_problem(entry, "payload_invalid")
        number = self._number(entry, required=True)
        if isinstance(number, WireProblem):
            problems.append(number)
        if problems or isinstance(number, WireProblem):
            return rejected(entry, problems)
        return Write(index, entry, h, existing, data, number, old)

    def _number(self, entry: PushEntry, *, required: bool) -> str | WireProblem | None:
        """The payload's participant number, normalised; a problem when it is missing (and
        required), not made by this device's key, or another record's."""
        raw = entry.payload.get("participant_number")
        if raw is None or raw == "":
            return WireProblem(field="participant_number", code="required") if required else None
        if not isinstance(raw, str) or not any(numbers.made_by(raw, key)
                                               for key in self.lineage.values()):
            return WireProblem(field="participant_number", code="participant_number_foreign")
        number = numbers.normalize(raw)
        if self.numbers.get(number, entry.record_id) != entry.record_id:
            return WireProblem(field="participant_number", code="participant_number_taken")
        return number

    def _transfer_awaited(self, device_id: object) -> bool:
        """The payload names another laptop of this district: this one was restored from its
        backup (onto another machine) and waits for the district to transfer it."""
        if not isinstance(device_id, str):
            return False
        other = self.s.get(m.Device, device_id)
        return other is not None and other.district_code == self.device.district_code

    # ------------------------------------------------------------ writing

    def _write_group(self) -> None:
        writes = self.group.writes
        self.group = _Group()
        self._write_many(writes)

    def _write_many(self, writes: list[Write]) -> None:
        """All of ``writes`` under one savepoint; when the database refuses one of them, each
        half again (so k refusals among n cost about k·log n savepoints, not n)."""
        if len(writes) <= 1:
            for w in writes:
                self._write_one(w)
            return
        try:
            with self.s.begin_nested():
                rows: list[m.Registration | _Stored] = []
                new: list[dict[str, Any]] = []
                for w in writes:
                    if w.existing is None:  # inserted below, outside the unit of work
                        values = self._values(w, m.ACCEPTED)
                        new.append(values)
                        rows.append(_Stored(values["id"], values["participant_number"],
                                            values["status"], values["nik"], 1))
                    else:
                        rows.append(self._put(w, m.ACCEPTED))
                if new:  # one INSERT of many rows
                    self.s.execute(insert(m.Registration), new)
                self.s.flush()
        except IntegrityError as exc:
            if not violated(exc, *NIK_INDEX, *NUMBER_INDEX):
                raise
            self.fallbacks += 1  # rolled back
            mid = len(writes) // 2
            self._write_many(writes[:mid])
            self._write_many(writes[mid:])
            return
        self.group_writes += 1
        for w, row in zip(writes, rows, strict=True):
            self._done(w, row, Outcome.APPLIED)

    def _values(self, w: Write, status: str) -> dict[str, Any]:
        """The columns ``w`` sets (``status`` unless voided); a new record's every column."""
        e = w.entry
        raw = e.payload.get("data")
        raw = raw if isinstance(raw, dict) else {}
        values: dict[str, Any] = {
            "version": e.version, "payload": w.text or canonical_json(e.payload),
            # Copied out of the payload for the dashboard's counts (as its JSON said them).
            "occupation_code": text_of(raw.get("occupation_code"))[:40],
            "funding_source": text_of(raw.get("funding_source"))[:20],
            "made_on": text_of(e.payload.get("created_at"))[:10],
            "updated_at": self.now, "holder": None,
        }
        if w.existing is None:
            # A record of a laptop this one was transferred from stays that laptop's (its
            # numbers, and the highest number the server holds from each device, stay apart).
            owner = e.payload.get("device_id")
            values.update(id=e.record_id,
                          device_id=owner if owner in self.lineage else self.device.id,
                          district_code=self.device.district_code, server_version=1,
                          external_version=0, created_at=self.now)
        else:
            values["server_version"] = w.existing.server_version + 1
        if w.data is None:
            if w.existing is None:
                values.update(participant_number=w.number,
                              nik=payload_nik(e).replace("\x00", "")[:64],
                              full_name=text_of(raw.get("full_name")),
                              village_code=text_of(raw.get("village_code"))[:16])
            values.update(status=m.VOIDED, void_reason=text_of(e.payload.get("void_reason")))
        else:
            values.update(status=status, nik=w.data.nik, full_name=w.data.full_name,
                          village_code=w.data.village_code, participant_number=w.number,
                          void_reason="")
        return values

    def _put(self, w: Write, status: str) -> m.Registration:
        """The record as ``w`` leaves it (``status`` unless voided), in the session; not
        flushed."""
        values = self._values(w, status)
        if w.existing is None:
            row = m.Registration(**values)
            self.s.add(row)
            return row
        row = w.existing
        for key, value in values.items():
            setattr(row, key, value)
        return row

    def _write_one(self, w: Write) -> None:
        taken = rejected(w.entry, [WireProblem(field="participant_number",
                                               code="participant_number_taken")])
        for _ in range(3):
            try:
                with self.s.begin_nested():
                    row = self._put(w, m.ACCEPTED)
                    self.s.flush()
                self._done(w, row, Outcome.APPLIED)
                return
            except IntegrityError as exc:
                if violated(exc, *NUMBER_INDEX):
                    self._finish(w.index, w.entry, w.hash, taken)
                    return
                if w.data is None or not violated(exc, *NIK_INDEX):
                    raise
            # Another active registration holds the NIK (committed, or earlier in this batch).
            holder = holder_of(self.s, w.data.nik, self.device.id)
            if holder is None:
                continue  # voided in between: try again as accepted
            with self.s.begin_nested():
                row = self._put(w, m.DUPLICATE)
                row.holder = holder.model_dump_json()
                self.s.flush()
            self._done(w, row, Outcome.DUPLICATE)
            return
        raise ApiError(503, ErrorCode.SERVER_ERROR, "the registration kept changing; try again",
                       headers={"Retry-After": "5"})

    def _done(self, w: Write, row: m.Registration | _Stored, outcome: Outcome) -> None:
        if isinstance(row, _Stored):  # inserted by _write_many
            self.inserted.add(row.id)
        else:
            self.rows[row.id] = row
        if w.old_number and w.old_number != row.participant_number:
            self.numbers.pop(w.old_number, None)
        if row.participant_number:
            self.numbers[row.participant_number] = row.id
        if row.status in (m.ACCEPTED, m.VERIFIED):
            self.held[row.nik] = row.id
        self._finish(w.index, w.entry, w.hash, EntryResult(
            seq=w.entry.seq, record_id=w.entry.record_id, outcome=outcome,
            participant_number=row.participant_number, server_version=row.server_version,
            holder=Holder.model_validate_json(row.holder) if row.holder else None,
        ))
