"""Mapping between the domain's Registration and its rows (registration, heir)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldreg.domain.codes import ConsentMethod, FundingSource, HeirRelationship, Programme, Sex
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import Consent, Heir, NikOverride, Registration, RegistrationData
from fieldreg.store.models import HeirRow, RegistrationRow


def name_key(name: str) -> str:
    return " ".join(name.upper().split())


# -- the server's answer on a record (outcome_code, outcome_detail as JSON) -------------------
def detail_text(detail: Mapping[str, Any]) -> str:
    """``outcome_detail`` as the column keeps it: JSON with sorted keys."""
    return json.dumps(detail, sort_keys=True)


def detail_of(text: str | None) -> dict[str, Any]:
    """The ``outcome_detail`` column read back ({} when empty)."""
    out = json.loads(text or "{}")
    return out if isinstance(out, dict) else {}


def status_of(row: RegistrationRow) -> St:
    return St(row.status)


def set_outcome(
    row: RegistrationRow, status: St, code: str, detail: Mapping[str, Any] | None = None
) -> None:
    """The record's status and the server's answer about it, written together (sync)."""
    row.status = status.value
    row.outcome_code = code
    row.outcome_detail = detail_text(detail or {})


# -- mapping between the domain record and its rows ------------------------------------------
def row_values(reg: Registration) -> dict[str, Any]:
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
        "outcome_detail": detail_text(reg.outcome_detail),
    }


def heir_values(reg: Registration) -> list[dict[str, Any]]:
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


def apply(row: RegistrationRow, reg: Registration) -> None:
    for key, value in row_values(reg).items():
        setattr(row, key, value)
    row.heirs = [HeirRow(**values) for values in heir_values(reg)]


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
        outcome_detail=detail_of(row.outcome_detail),
    )
