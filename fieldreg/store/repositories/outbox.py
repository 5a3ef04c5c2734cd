"""The outbox: the queue of record versions waiting to be sent, and the sync engine's
bookkeeping of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from fieldreg.domain.registration import Registration, canonical_json, payload_hash, to_payload
from fieldreg.store.models import OutboxEntry, table_of
from fieldreg.store.repositories.clock import utcnow


@dataclass(frozen=True)
class QueuedEntry:
    """An outbox entry waiting to be sent, as plain values (``payload`` is canonical JSON)."""

    seq: int
    record_id: str
    version: int
    base_version: int | None
    payload: str
    payload_hash: str


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
        self.session.execute(insert(table_of(OutboxEntry)), rows)  # one executemany

    def pending_count(self) -> int:
        return int(
            self.session.execute(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == "pending")
            ).scalar_one()
        )

    def pending_people(self) -> int:
        """The registrations (people) with a change waiting: a record saved, edited and
        voided before a sync is one person and three entries."""
        return int(
            self.session.execute(
                select(func.count(func.distinct(OutboxEntry.record_id)))
                .where(OutboxEntry.state == "pending")
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
