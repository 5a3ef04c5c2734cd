"""All SQL of the local database lives here (DESIGN.md rule 2). Repositories take a Session."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, insert, or_, select, text, true, update
from sqlalchemy.orm import Session

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Programme, Sex
from fieldreg.domain.codes import Status as St
from fieldreg.domain.nik import mask_nik
from fieldreg.domain.registration import (
    Consent,
    Heir,
    NikOverride,
    Registration,
    RegistrationData,
    canonical_json,
    payload_hash,
    to_payload,
)
from fieldreg.store.models import (
    AuditEntry,
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


def name_key(name: str) -> str:
    return " ".join(name.upper().split())


# -- mapping between the domain record and its rows ------------------------------------------
def _row_values(reg: Registration) -> dict[str, Any]:
    """The registration table's column values for a record (heirs apart)."""
    d = reg.data
    c = d.consent
    o = d.nik_override
    return {
        "id": reg.id,
        "device_id": reg.device_id,
        "volunteer_id": reg.volunteer_id,
        "created_at": reg.created_at,
        "updated_at": reg.updated_at,
        "version": reg.version,
        "status": reg.status.value,
        "nik": d.nik,
        "full_name": d.full_name,
        "name_key": name_key(d.full_name),
        "birth_place": d.birth_place,
        "birth_date": d.birth_date,
        "sex": d.sex.value if d.sex else None,
        "mother_maiden_name": d.mother_maiden_name,
        "kk_number": d.kk_number,
        "street": d.street,
        "rt": d.rt,
        "rw": d.rw,
        "village_code": d.village_code,
        "village_name": reg.village_name,
        "regions_version": reg.regions_version,
        "phone": d.phone,
        "email": d.email,
        "work_location": d.work_location,
        "occupation_code": d.occupation_code,
        "sector": reg.sector,
        "reported_income": d.reported_income,
        "programmes": Programme.format_set(d.programmes),
        "funding_source": d.funding_source.value if d.funding_source else None,
        "coverage_start": d.coverage_start,
        "coverage_end": d.coverage_end,
        "consent_at": c.given_at if c else None,
        "consent_method": c.method.value if c else None,
        "consent_notice_version": c.notice_version if c else None,
        "consent_volunteer_id": c.volunteer_id if c else None,
        "override_reason": o.reason if o else None,
        "override_supervisor": o.supervisor if o else None,
        "override_at": o.at if o else None,
        "void_reason": reg.void_reason,
        "participant_number": reg.participant_number,
        "kpj": reg.kpj,
        "server_version": reg.server_version,
        "outcome_code": reg.outcome_code,
        "outcome_detail": json.dumps(reg.outcome_detail, sort_keys=True),
    }


def _heir_values(reg: Registration) -> list[dict[str, Any]]:
    return [
        {
            "registration_id": reg.id,
            "position": i,
            "name": h.name,
            "relation": h.relationship.value if h.relationship else None,
            "nik": h.nik,
            "birth_date": h.birth_date,
            "phone": h.phone,
        }
        for i, h in enumerate(reg.data.heirs)
    ]


def _apply(row: RegistrationRow, reg: Registration) -> None:
    for key, value in _row_values(reg).items():
        setattr(row, key, value)
    row.heirs = [HeirRow(**values) for values in _heir_values(reg)]


def to_domain(row: RegistrationRow) -> Registration:
    data = RegistrationData(
        nik=row.nik,
        full_name=row.full_name,
        birth_place=row.birth_place,
        birth_date=row.birth_date,
        sex=Sex(row.sex) if row.sex else None,
        mother_maiden_name=row.mother_maiden_name,
        kk_number=row.kk_number,
        street=row.street,
        rt=row.rt,
        rw=row.rw,
        village_code=row.village_code,
        phone=row.phone,
        email=row.email,
        work_location=row.work_location,
        occupation_code=row.occupation_code,
        reported_income=row.reported_income,
        programmes=Programme.parse_set(row.programmes) or frozenset(),
        funding_source=FundingSource(row.funding_source) if row.funding_source else None,
        coverage_start=row.coverage_start,
        coverage_end=row.coverage_end,
        heirs=[
            Heir(
                name=h.name,
                relationship=HeirRelationship(h.relation) if h.relation else None,
                nik=h.nik,
                birth_date=h.birth_date,
                phone=h.phone,
            )
            for h in row.heirs
        ],
        consent=Consent(
            given_at=row.consent_at,
            method=ConsentMethod(row.consent_method),
            notice_version=row.consent_notice_version or "",
            volunteer_id=row.consent_volunteer_id or "",
        )
        if row.consent_at and row.consent_method
        else None,
        nik_override=NikOverride(
            reason=row.override_reason or "",
            supervisor=row.override_supervisor or "",
            at=row.override_at or row.updated_at,
        )
        if row.override_reason is not None
        else None,
    )
    return Registration(
        id=row.id,
        device_id=row.device_id,
        volunteer_id=row.volunteer_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        status=St(row.status),
        data=data,
        village_name=row.village_name,
        regions_version=row.regions_version,
        sector=row.sector,
        participant_number=row.participant_number,
        kpj=row.kpj,
        void_reason=row.void_reason,
        server_version=row.server_version,
        outcome_code=row.outcome_code,
        outcome_detail=json.loads(row.outcome_detail or "{}"),
    )


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
        _apply(row, reg)
        self.session.add(row)
        self.session.flush()

    def add_many(self, regs: Sequence[Registration]) -> None:
        """Many new records in bulk INSERTs (an import): no ORM bookkeeping per row."""
        if not regs:
            return
        self.session.execute(insert(RegistrationRow), [_row_values(r) for r in regs])
        heirs = [h for r in regs for h in _heir_values(r)]
        if heirs:
            self.session.execute(insert(HeirRow), heirs)

    def update(self, reg: Registration) -> None:
        row = self._row(reg.id)
        if row is None:
            raise KeyError(reg.id)
        _apply(row, reg)
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
