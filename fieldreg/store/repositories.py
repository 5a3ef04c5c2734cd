"""All SQL of the local database lives in these repositories (DESIGN.md rule 2), and the sync
state's in ``sync_repository.py``. Repositories take a Session."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, insert, or_, select, text, true, update
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number
from fieldreg.domain.codes import FundingSource
from fieldreg.domain.codes import Status as St
from fieldreg.domain.nik import mask_nik
from fieldreg.domain.registration import (
    Registration,
    canonical_json,
    payload_hash,
    to_payload,
)
from fieldreg.store.mapping import apply, heir_values, name_key, row_values, to_domain
from fieldreg.store.models import (
    AppRelease,
    AuditEntry,
    CardPrint,
    Device,
    HeirRow,
    ImportRun,
    OutboxEntry,
    RegistrationRow,
    Volunteer,
)


def utcnow() -> datetime:
    """Naive UTC, as every time is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class SearchFilter:
    text: str = ""  # a NIK (exact) or part of a name
    status: Sequence[St] = ()
    village_code: str = ""
    occupation_code: str = ""
    funding_source: FundingSource | None = None


@dataclass(frozen=True)
class Summary:
    """One row of a search result: enough for a list, without loading heirs."""

    id: str
    nik: str
    full_name: str
    village_name: str
    status: St
    updated_at: datetime
    participant_number: str | None


@dataclass(frozen=True)
class QueuedEntry:
    """An outbox entry waiting to be sent, as plain values (``payload`` is canonical JSON)."""

    seq: int
    record_id: str
    version: int
    base_version: int | None
    payload: str
    payload_hash: str


_Q = TypeVar("_Q", bound=Select)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class RegistrationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, reg: Registration) -> None:
        row = RegistrationRow()
        apply(row, reg)
        self.session.add(row)
        self.session.flush()

    def add_many(self, regs: Sequence[Registration]) -> None:
        """Many new records in bulk INSERTs (an import): no ORM bookkeeping per row."""
        if not regs:
            return
        self.session.execute(insert(RegistrationRow), [row_values(r) for r in regs])
        heirs = [h for r in regs for h in heir_values(r)]
        if heirs:
            self.session.execute(insert(HeirRow), heirs)

    def update(self, reg: Registration) -> None:
        row = self._row(reg.id)
        if row is None:
            raise KeyError(reg.id)
        apply(row, reg)
        self.session.flush()

    def _row(self, record_id: str) -> RegistrationRow | None:
        return self.session.scalars(
            select(RegistrationRow).where(RegistrationRow.id == record_id)
        ).one_or_none()

    def get(self, record_id: str) -> Registration | None:
        row = self._row(record_id)
        return to_domain(row) if row else None

    def get_many(self, ids: Iterable[str]) -> list[Registration]:
        ids = list(ids)
        rows = self.session.scalars(select(RegistrationRow).where(RegistrationRow.id.in_(ids)))
        by_id = {r.id: to_domain(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def id_by_participant_number(self, number: str) -> str | None:
        return self.session.scalar(
            select(RegistrationRow.id).where(RegistrationRow.participant_number == number)
        )

    def active_by_nik(self, nik: str) -> Registration | None:
        row = self.session.scalars(
            select(RegistrationRow).where(
                RegistrationRow.nik == nik, RegistrationRow.status != St.VOIDED.value
            )
        ).first()
        return to_domain(row) if row else None

    def count_phone(self, phone: str, *, exclude_id: str | None = None) -> int:
        """Active records sharing this phone number (families share phones)."""
        q = select(func.count()).select_from(RegistrationRow).where(
            RegistrationRow.phone == phone, RegistrationRow.status != St.VOIDED.value
        )
        if exclude_id:
            q = q.where(RegistrationRow.id != exclude_id)
        return int(self.session.execute(q).scalar_one())

    def active_phones(self) -> set[str]:
        return set(
            self.session.scalars(
                select(RegistrationRow.phone).where(
                    RegistrationRow.status != St.VOIDED.value, RegistrationRow.phone != ""
                )
            )
        )

    def active_niks(self) -> set[str]:
        return set(
            self.session.scalars(
                select(RegistrationRow.nik).where(
                    RegistrationRow.status != St.VOIDED.value, RegistrationRow.nik != ""
                )
            )
        )

    def _filtered(self, f: SearchFilter) -> Select[Any]:
        q = select(RegistrationRow)
        conds = []
        t = f.text.strip()
        digits = "".join(ch for ch in t if ch.isdigit())
        if self._is_nik_search(f):
            # A prefix as a range, which the NIK index serves (LIKE would scan every row).
            upper = digits[:-1] + chr(ord(digits[-1]) + 1)
            conds.append(
                RegistrationRow.nik == digits
                if len(digits) == 16
                else and_(RegistrationRow.nik >= digits, RegistrationRow.nik < upper)
            )
        elif t:
            key = name_key(t)
            if len(key) >= 3:
                # FTS5 trigram: any part of the name; the phrase is quoted for FTS syntax.
                # The unary + keeps SQLite from driving the query by these row ids: it walks
                # ix_registration_browse in name order and probes the (Bloom-filtered) match set,
                # so a common name stops after one page instead of reading every match.
                phrase = '"' + key.replace('"', '""') + '"'
                fts = text(
                    "+registration.pk IN (SELECT rowid FROM registration_fts "
                    "WHERE registration_fts MATCH :fts_q)"
                ).bindparams(fts_q=phrase)
                conds.append(and_(true(), fts))
            else:
                conds.append(
                    or_(
                        RegistrationRow.name_key.like(_like_escape(key) + "%", escape="\\"),
                        RegistrationRow.name_key.like("% " + _like_escape(key) + "%", escape="\\"),
                    )
                )
        if f.status:
            conds.append(RegistrationRow.status.in_([s.value for s in f.status]))
        if f.village_code:
            conds.append(RegistrationRow.village_code == f.village_code)
        if f.occupation_code:
            conds.append(RegistrationRow.occupation_code == f.occupation_code)
        if f.funding_source:
            conds.append(RegistrationRow.funding_source == f.funding_source.value)
        return q.where(and_(*conds)) if conds else q

    @staticmethod
    def _is_nik_search(f: SearchFilter) -> bool:
        t = f.text.strip()
        digits = "".join(ch for ch in t if ch.isdigit())
        return bool(t) and len(digits) >= 6 and all(ch.isdigit() or ch in " .-" for ch in t)

    def _browse(self, q: _Q, f: SearchFilter) -> _Q:
        """Walk ix_registration_browse (name order, covers every filter) unless a NIK is looked
        up: the worst case is one scan of a small index, never a sort of every row (SQLite would
        otherwise pick the status index, which selects nothing when most records share a
        status)."""
        if self._is_nik_search(f):
            return q
        return q.with_hint(RegistrationRow, "INDEXED BY ix_registration_browse", "sqlite")

    def search(self, f: SearchFilter, *, limit: int = 50, offset: int = 0) -> list[Summary]:
        q = self._filtered(f).with_only_columns(
            RegistrationRow.id,
            RegistrationRow.nik,
            RegistrationRow.full_name,
            RegistrationRow.village_name,
            RegistrationRow.status,
            RegistrationRow.updated_at,
            RegistrationRow.participant_number,
        )
        q = q.order_by(RegistrationRow.name_key, RegistrationRow.pk).limit(limit).offset(offset)
        q = self._browse(q, f)
        return [
            Summary(r[0], r[1], r[2], r[3], St(r[4]), r[5], r[6]) for r in self.session.execute(q)
        ]

    def count(self, f: SearchFilter | None = None) -> int:
        f = f or SearchFilter()
        q = self._filtered(f).with_only_columns(func.count(), maintain_column_froms=True)
        q = self._browse(q, f)
        return int(self.session.execute(q).scalar_one())

    def iter_all(self, *, batch: int = 500) -> Iterator[Registration]:
        """Every registration, in creation order, a batch of rows at a time."""
        last = 0
        while True:
            rows = list(
                self.session.scalars(
                    select(RegistrationRow)
                    .where(RegistrationRow.pk > last)
                    .order_by(RegistrationRow.pk)
                    .limit(batch)
                )
            )
            if not rows:
                return
            for r in rows:
                yield to_domain(r)
            last = rows[-1].pk
            self.session.expunge_all()

    def count_by_status(self) -> dict[str, int]:
        q = select(RegistrationRow.status, func.count()).group_by(RegistrationRow.status)
        return {s: int(n) for s, n in self.session.execute(q)}


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, reg: Registration, *, base_version: int | None = None) -> OutboxEntry:
        payload = to_payload(reg)
        entry = OutboxEntry(
            record_id=reg.id,
            version=reg.version,
            base_version=base_version,
            payload=canonical_json(payload),
            payload_hash=payload_hash(payload),
            created_at=utcnow(),
            state="pending",
        )
        self.session.add(entry)
        self.session.flush()
        return entry

    def append_many(self, regs: Sequence[Registration]) -> None:
        """Outbox entries for many records in one bulk INSERT, in the records' order."""
        if not regs:
            return
        now = utcnow()
        rows = []
        for reg in regs:
            payload = to_payload(reg)
            rows.append(
                {
                    "record_id": reg.id,
                    "version": reg.version,
                    "base_version": reg.server_version,
                    "payload": canonical_json(payload),
                    "payload_hash": payload_hash(payload),
                    "created_at": now,
                    "state": "pending",
                    "sent_at": None,
                }
            )
        self.session.execute(insert(OutboxEntry), rows)

    def pending_count(self) -> int:
        return int(
            self.session.execute(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
            ).scalar_one()
        )

    def counts(self) -> dict[str, int]:
        q = select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)
        return {s: int(n) for s, n in self.session.execute(q)}

    def pending(self, *, after_seq: int = 0, limit: int = 500) -> list[OutboxEntry]:
        return list(
            self.session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.state == "pending", OutboxEntry.seq > after_seq)
                .order_by(OutboxEntry.seq)
                .limit(limit)
            )
        )

    def mark(self, seqs: Iterable[int], state: str) -> None:
        self.session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(list(seqs)))
            .values(state=state, sent_at=utcnow())
        )

    # -- the sync engine's bookkeeping ---------------------------------------------------
    def pending_page(self, *, after_seq: int, limit: int) -> list[QueuedEntry]:
        """The next ``limit`` pending entries after ``after_seq`` as plain values (no ORM
        objects kept): the engine reads the queue a page at a time, never whole."""
        rows = self.session.execute(
            select(
                OutboxEntry.seq, OutboxEntry.record_id, OutboxEntry.version,
                OutboxEntry.base_version, OutboxEntry.payload, OutboxEntry.payload_hash,
            )
            .where(OutboxEntry.state == "pending", OutboxEntry.seq > after_seq)
            .order_by(OutboxEntry.seq)
            .limit(limit)
        )
        return [QueuedEntry(*r) for r in rows]

    def finish(self, seqs: Sequence[int], state: str, *, error: str = "") -> None:
        """Entries the server answered (``done``) or refused for good (``quarantined``)."""
        self.session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(list(seqs)))
            .values(state=state, last_error=error[:64], attempts=OutboxEntry.attempts + 1,
                    sent_at=utcnow())
        )

    def note_error(self, seqs: Sequence[int], error: str) -> None:
        """A send of these entries that got no usable answer (they stay pending)."""
        self.session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(list(seqs)))
            .values(last_error=error[:64], attempts=OutboxEntry.attempts + 1, sent_at=utcnow())
        )

    def pending_record_ids(self, record_ids: Iterable[str]) -> set[str]:
        ids = list(set(record_ids))
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            out.update(
                self.session.scalars(
                    select(OutboxEntry.record_id).distinct().where(
                        OutboxEntry.state == "pending",
                        OutboxEntry.record_id.in_(ids[i : i + 500]),
                    )
                )
            )
        return out

    def rebase_pending(self, record_id: str, *, after_seq: int, old_base: int | None,
                       new_base: int) -> None:
        """Later queued edits of a record that were made on the same server version as an
        entry the server has just applied now build on the version that entry produced."""
        cond = (OutboxEntry.base_version.is_(None) if old_base is None
                else OutboxEntry.base_version == old_base)
        self.session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.record_id == record_id, OutboxEntry.seq > after_seq,
                   OutboxEntry.state == "pending", cond)
            .values(base_version=new_base)
            .execution_options(synchronize_session=False)
        )

    def requeue(self, seq: int, *, past: int) -> int:
        """Give a pending entry a new seq above ``past`` and above every seq used so far
        (a restored backup reused seqs the server already holds). Returns the new seq."""
        self.session.execute(
            text(
                "UPDATE sqlite_sequence SET seq = :past "
                "WHERE name = 'outbox' AND seq < :past"
            ),
            {"past": past},
        )
        old = self.session.get(OutboxEntry, seq)
        if old is None:
            raise KeyError(seq)
        values = {
            c: getattr(old, c)
            for c in ("record_id", "version", "base_version", "payload", "payload_hash",
                      "created_at")
        }
        values["attempts"] = old.attempts + 1  # the send that was refused
        self.session.delete(old)
        self.session.flush()
        entry = OutboxEntry(**values, state="pending", last_error="sequence_reused")
        self.session.add(entry)
        self.session.flush()
        return entry.seq


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _values(
        volunteer_id: str | None, action: str, entity: str, entity_id: str | None,
        detail: dict[str, Any],
    ) -> dict[str, Any]:
        if isinstance(detail.get("nik"), str):
            detail["nik"] = mask_nik(detail["nik"])  # never a full NIK in the log
        return {
            "at": utcnow(),
            "volunteer_id": volunteer_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "detail": json.dumps(detail, sort_keys=True, default=str),
        }

    def record(
        self,
        volunteer_id: str | None,
        action: str,
        entity: str,
        entity_id: str | None = None,
        **detail: Any,
    ) -> None:
        self.session.add(AuditEntry(**self._values(volunteer_id, action, entity, entity_id,
                                                   detail)))

    def record_many(
        self, volunteer_id: str | None, action: str, entity: str,
        items: Iterable[tuple[str | None, dict[str, Any]]],
    ) -> None:
        """One entry per (entity_id, detail), in one bulk INSERT."""
        rows = [self._values(volunteer_id, action, entity, eid, d) for eid, d in items]
        if rows:
            self.session.execute(insert(AuditEntry), rows)

    def recent(self, limit: int = 100) -> list[AuditEntry]:
        return list(
            self.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
        )


class DeviceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Device | None:
        return self.session.scalars(select(Device)).first()

    def add(self, device: Device) -> None:
        self.session.add(device)

    def note_release(self, version: str, now: datetime) -> None:
        """Record that ``version`` opened the database now."""
        row = self.session.get(AppRelease, version)
        if row is None:
            self.session.add(AppRelease(version=version, first_opened_at=now, last_opened_at=now))
        else:
            row.last_opened_at = now

    def releases(self) -> list[AppRelease]:
        return list(self.session.scalars(select(AppRelease).order_by(AppRelease.first_opened_at)))

    def raise_participant_seq(self, at_least: int) -> bool:
        """Count on from ``at_least`` when the counter is behind it (a restored backup: the
        server holds higher numbers of this device). True when it moved."""
        device = self.get()
        if device is None or device.participant_seq >= at_least:
            return False
        device.participant_seq = at_least
        return True

    def new_identity(self, device_id: str, signing_key: bytes, public_key: bytes) -> int:
        """This laptop becomes device ``device_id`` with a new key (a new participant-number
        space, counted from 1); its drafts (never sent) become the new device's. Records that
        left draft keep their first laptop's id and number. Returns how many drafts moved."""
        device = self.get()
        if device is None:
            raise LookupError("no device row")
        old = device.id
        self.session.execute(
            update(Device).where(Device.id == old)
            .values(id=device_id, signing_key=signing_key, public_key=public_key,
                    participant_seq=0)
            .execution_options(synchronize_session=False)
        )
        moved = self.session.execute(
            update(RegistrationRow)
            .where(RegistrationRow.device_id == old, RegistrationRow.status == St.DRAFT.value)
            .values(device_id=device_id)
            .execution_options(synchronize_session=False)
        )
        self.session.expire_all()
        return int(moved.rowcount or 0)  # type: ignore[attr-defined]

    def take_participant_numbers(self, count: int) -> list[str]:
        """The next ``count`` participant numbers of this device (in the caller's transaction)."""
        if count <= 0:
            return []
        device = self.get()
        if device is None:
            raise LookupError("no device row")
        start = device.participant_seq
        device.participant_seq = start + count
        self.session.flush()
        return [participant_number.make(device.public_key, start + i + 1) for i in range(count)]


class VolunteerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, volunteer_id: str) -> Volunteer | None:
        return self.session.get(Volunteer, volunteer_id)

    def all(self) -> list[Volunteer]:
        return list(self.session.scalars(select(Volunteer).order_by(Volunteer.name)))

    def add(self, volunteer: Volunteer) -> None:
        self.session.add(volunteer)


class ImportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, run: ImportRun) -> None:
        self.session.add(run)

    def by_hash(self, sha256: str) -> ImportRun | None:
        return self.session.scalars(
            select(ImportRun).where(ImportRun.file_sha256 == sha256).order_by(ImportRun.id)
        ).first()


class CardPrintRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: CardPrint) -> None:
        self.session.add(entry)

    def last_generations(self, record_ids: Iterable[str]) -> dict[str, int]:
        """The newest print generation of each record that was printed before."""
        ids = list(record_ids)
        out: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.session.execute(
                select(CardPrint.registration_id, func.max(CardPrint.generation))
                .where(CardPrint.registration_id.in_(chunk))
                .group_by(CardPrint.registration_id)
            )
            out.update((rid, gen) for rid, gen in rows)  # (a Result has keys(): not a mapping)
        return out

    def last_serials(self, record_ids: Iterable[str]) -> dict[str, str]:
        """The serial of each record's newest print (records printed before)."""
        ids = list(record_ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            newest = (
                select(CardPrint.registration_id, func.max(CardPrint.generation).label("g"))
                .where(CardPrint.registration_id.in_(ids[i : i + 500]))
                .group_by(CardPrint.registration_id)
                .subquery()
            )
            rows = self.session.execute(
                select(CardPrint.registration_id, CardPrint.serial)
                .join(newest, (newest.c.registration_id == CardPrint.registration_id)
                      & (newest.c.g == CardPrint.generation))
            )
            out.update((rid, serial) for rid, serial in rows)
        return out

    def history(self, record_id: str) -> list[CardPrint]:
        return list(
            self.session.scalars(
                select(CardPrint)
                .where(CardPrint.registration_id == record_id)
                .order_by(CardPrint.generation)
            )
        )

    def superseded_serials(self) -> list[str]:
        """Serials of cards replaced by a newer print: the ones a verifier should refuse."""
        newest = (
            select(CardPrint.registration_id, func.max(CardPrint.generation).label("g"))
            .group_by(CardPrint.registration_id)
            .subquery()
        )
        return list(
            self.session.scalars(
                select(CardPrint.serial)
                .join(newest, newest.c.registration_id == CardPrint.registration_id)
                .where(CardPrint.generation < newest.c.g)
                .order_by(CardPrint.serial)
            )
        )
