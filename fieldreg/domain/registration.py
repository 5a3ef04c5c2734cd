"""The registration: what a volunteer records about one worker, and its bookkeeping.

Plain dataclasses, no I/O. ``RegistrationData`` is what is typed or imported; ``Registration`` is
a stored record (data + identity + life cycle). ``to_payload`` gives the canonical JSON form that
the outbox carries and hashes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from fieldreg.domain.codes import (
    ConsentMethod,
    FundingSource,
    HeirRelationship,
    Programme,
    Sex,
    Status,
)

DEFAULT_PROGRAMMES: frozenset[Programme] = frozenset({Programme.JKK, Programme.JKM})


@dataclass
class Heir:
    """An heir (ahli waris) for JKM. A child heir's data is *specific* personal data."""

    name: str = ""
    relationship: HeirRelationship | None = None
    nik: str = ""
    birth_date: date | None = None
    phone: str = ""


@dataclass
class Consent:
    """Proof of consent (UU 27/2022): when, how, which notice text, taken by which volunteer."""

    given_at: datetime
    method: ConsentMethod
    notice_version: str
    volunteer_id: str


@dataclass
class NikOverride:
    """A supervisor's decision to keep a NIK that disagrees with the entered birth date or sex."""

    reason: str
    supervisor: str
    at: datetime


@dataclass
class RegistrationData:
    """Everything about the worker, as entered (after normalisation by the service)."""

    # identity
    nik: str = ""
    full_name: str = ""
    birth_place: str = ""
    birth_date: date | None = None
    sex: Sex | None = None
    mother_maiden_name: str = ""
    kk_number: str = ""
    # address
    street: str = ""  # street or dusun
    rt: str = ""
    rw: str = ""
    village_code: str = ""
    # contact and work
    phone: str = ""
    email: str = ""
    work_location: str = ""
    occupation_code: str = ""
    reported_income: int | None = None
    # protection
    programmes: frozenset[Programme] = DEFAULT_PROGRAMMES
    funding_source: FundingSource | None = None
    coverage_start: date | None = None
    coverage_end: date | None = None
    heirs: list[Heir] = field(default_factory=list)
    consent: Consent | None = None
    nik_override: NikOverride | None = None

    def copy(self, **changes: Any) -> RegistrationData:
        heirs = changes.pop("heirs", [replace(h) for h in self.heirs])
        return replace(self, heirs=heirs, **changes)


@dataclass
class Registration:
    """A stored registration: the data plus who, where, when and how far it has gone."""

    id: str
    device_id: str
    volunteer_id: str
    created_at: datetime
    updated_at: datetime
    version: int
    status: Status
    data: RegistrationData
    village_name: str = ""
    regions_version: str = ""
    sector: str = ""
    participant_number: str | None = None
    kpj: str | None = None
    void_reason: str = ""
    server_version: int | None = None
    outcome_code: str = ""
    outcome_detail: dict[str, Any] = field(default_factory=dict)

    @property
    def nik(self) -> str:
        return self.data.nik

    @property
    def full_name(self) -> str:
        return self.data.full_name


def new_id() -> str:
    """Client-generated record id, fixed from creation (UUID4, text)."""
    return str(uuid.uuid4())


def _day(v: date | None) -> str | None:
    return v.isoformat() if v else None


def data_to_dict(data: RegistrationData) -> dict[str, Any]:
    """JSON-ready dict of the data (dates as ISO text, enums as their codes)."""
    c, o = data.consent, data.nik_override
    return {
        "nik": data.nik,
        "full_name": data.full_name,
        "birth_place": data.birth_place,
        "birth_date": _day(data.birth_date),
        "sex": data.sex.value if data.sex else None,
        "mother_maiden_name": data.mother_maiden_name,
        "kk_number": data.kk_number,
        "street": data.street,
        "rt": data.rt,
        "rw": data.rw,
        "village_code": data.village_code,
        "phone": data.phone,
        "email": data.email,
        "work_location": data.work_location,
        "occupation_code": data.occupation_code,
        "reported_income": data.reported_income,
        "programmes": Programme.format_set(data.programmes),
        "funding_source": data.funding_source.value if data.funding_source else None,
        "coverage_start": _day(data.coverage_start),
        "coverage_end": _day(data.coverage_end),
        "heirs": [
            {
                "name": h.name,
                "relationship": h.relationship.value if h.relationship else None,
                "nik": h.nik,
                "birth_date": _day(h.birth_date),
                "phone": h.phone,
            }
            for h in data.heirs
        ],
        "consent": {
            "given_at": c.given_at.isoformat(timespec="seconds"),
            "method": c.method.value,
            "notice_version": c.notice_version,
            "volunteer_id": c.volunteer_id,
        }
        if c
        else None,
        "nik_override": {
            "reason": o.reason,
            "supervisor": o.supervisor,
            "at": o.at.isoformat(timespec="seconds"),
        }
        if o
        else None,
    }


def data_from_dict(d: dict[str, Any]) -> RegistrationData:
    """Inverse of ``data_to_dict`` (after a JSON round trip)."""

    def day(v: Any) -> date | None:
        return date.fromisoformat(v) if v else None

    consent = d.get("consent")
    override = d.get("nik_override")
    return RegistrationData(
        nik=d.get("nik", ""),
        full_name=d.get("full_name", ""),
        birth_place=d.get("birth_place", ""),
        birth_date=day(d.get("birth_date")),
        sex=Sex(d["sex"]) if d.get("sex") else None,
        mother_maiden_name=d.get("mother_maiden_name", ""),
        kk_number=d.get("kk_number", ""),
        street=d.get("street", ""),
        rt=d.get("rt", ""),
        rw=d.get("rw", ""),
        village_code=d.get("village_code", ""),
        phone=d.get("phone", ""),
        email=d.get("email", ""),
        work_location=d.get("work_location", ""),
        occupation_code=d.get("occupation_code", ""),
        reported_income=d.get("reported_income"),
        programmes=Programme.parse_set(d.get("programmes") or "") or frozenset(),
        funding_source=FundingSource(d["funding_source"]) if d.get("funding_source") else None,
        coverage_start=day(d.get("coverage_start")),
        coverage_end=day(d.get("coverage_end")),
        heirs=[
            Heir(
                name=h.get("name", ""),
                relationship=HeirRelationship(h["relationship"]) if h.get("relationship") else None,
                nik=h.get("nik", ""),
                birth_date=day(h.get("birth_date")),
                phone=h.get("phone", ""),
            )
            for h in d.get("heirs") or []
        ],
        consent=Consent(
            given_at=datetime.fromisoformat(consent["given_at"]),
            method=ConsentMethod(consent["method"]),
            notice_version=consent["notice_version"],
            volunteer_id=consent["volunteer_id"],
        )
        if consent
        else None,
        nik_override=NikOverride(
            reason=override["reason"],
            supervisor=override["supervisor"],
            at=datetime.fromisoformat(override["at"]),
        )
        if override
        else None,
    )


def to_payload(reg: Registration) -> dict[str, Any]:
    """The wire/outbox form of a record: identity, life cycle and data. JSON-ready."""
    return {
        "id": reg.id,
        "device_id": reg.device_id,
        "volunteer_id": reg.volunteer_id,
        "created_at": reg.created_at.isoformat(timespec="seconds"),
        "updated_at": reg.updated_at.isoformat(timespec="seconds"),
        "version": reg.version,
        "status": reg.status.value,
        "void_reason": reg.void_reason,
        "village_name": reg.village_name,
        "regions_version": reg.regions_version,
        "participant_number": reg.participant_number,
        "data": data_to_dict(reg.data),
    }


def canonical_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
