"""The registrations: add, update, look up, search (by NIK or name, with filters) and count."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, insert, or_, select, text, true
from sqlalchemy.orm import Session

from fieldreg.domain.codes import FundingSource
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import Registration
from fieldreg.store.mapping import apply, heir_values, name_key, row_values, to_domain
from fieldreg.store.models import HeirRow, RegistrationRow, table_of


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
        # Core INSERTs on the tables: one executemany each. (The ORM's bulk insert leaves out
        # the None values of columns with defaults, so rows with different empty fields went
        # out in batches of a few: 10,000 rows took 1,600 statements.)
        self.session.execute(insert(table_of(RegistrationRow)), [row_values(r) for r in regs])
        heirs = [h for r in regs for h in heir_values(r)]
        if heirs:
            self.session.execute(insert(table_of(HeirRow)), heirs)

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

    def active_phones_among(self, phones: Iterable[str]) -> set[str]:
        """Which of ``phones`` an active registration has: look-ups in the phone index, 500 at
        a time (not every registration's phone: 0.3 s on 100,000 records)."""
        wanted = sorted({p for p in phones if p})
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            found.update(self.session.scalars(
                select(RegistrationRow.phone).where(
                    RegistrationRow.phone.in_(wanted[i : i + 500]),
                    RegistrationRow.status != St.VOIDED.value,
                ).distinct()
            ))
        return found

    def active_niks_among(self, niks: Iterable[str]) -> set[str]:
        """Which of ``niks`` an active registration holds: look-ups in the active-NIK index,
        500 at a time (an import of 10,000 rows reads 10,000 index entries, not every
        registration of the laptop)."""
        wanted = sorted({n for n in niks if n})
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            found.update(self.session.scalars(
                select(RegistrationRow.nik).where(
                    RegistrationRow.nik.in_(wanted[i : i + 500]),
                    RegistrationRow.status != St.VOIDED.value, RegistrationRow.nik != "",
                )
            ))
        return found

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
