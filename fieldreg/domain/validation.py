"""Validation of a registration: every rule of docs/DOMAIN.md, returned as structured problems.

``normalize`` cleans what was typed (NIK separators, phone to E.164, spaces, RT/RW padding);
``validate`` checks a normalised record. A draft may be saved with problems; a record can leave
draft (``ready``) only when ``validate(..., complete=True)`` returns no error.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from fieldreg.domain.codes import FundingSource, Programme
from fieldreg.domain.contributions import ContributionTable, get_contribution_table
from fieldreg.domain.nik import normalize_digits, parse_kk, parse_nik
from fieldreg.domain.occupations import Occupations, get_occupations
from fieldreg.domain.phone import normalize_phone
from fieldreg.domain.problems import Problem, error, warning
from fieldreg.domain.regions import Regions, get_regions, normalize_code
from fieldreg.domain.registration import Heir, RegistrationData

NAME_RE = re.compile(r"^[^\W\d_]+(?:[ .,'`\-][^\W\d_]*)*\.?$", re.UNICODE)
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RT_RW_RE = re.compile(r"^\d{1,3}$")
CURRENT_NOTICE_VERSION = "2026-01"


@dataclass
class Rules:
    """Configurable limits (the district may change them)."""

    min_age: int = 15
    max_age: int = 65
    notice_versions: frozenset[str] = frozenset({CURRENT_NOTICE_VERSION})
    home_regency: str | None = None  # e.g. "15.05": a village elsewhere is a warning


@dataclass
class ValidationContext:
    today: date
    rules: Rules = field(default_factory=Rules)
    regions: Regions = field(default_factory=get_regions)
    occupations: Occupations = field(default_factory=get_occupations)
    contributions: ContributionTable = field(default_factory=get_contribution_table)


def _clean_text(text: str) -> str:
    return " ".join((text or "").split())


def _pad_rt(text: str) -> str:
    t = (text or "").strip()
    return t.zfill(3) if RT_RW_RE.match(t) else t


def normalize(data: RegistrationData) -> RegistrationData:
    """Clean what was typed; what cannot be cleaned is kept as typed (input is never lost)."""
    phone, phone_problems = normalize_phone(data.phone) if data.phone.strip() else ("", [])
    heirs = []
    for h in data.heirs:
        hp, hp_problems = normalize_phone(h.phone) if h.phone.strip() else ("", [])
        heirs.append(
            replace(
                h,
                name=_clean_text(h.name),
                nik=normalize_digits(h.nik),
                phone=hp if hp and not hp_problems else h.phone.strip(),
            )
        )
    village = data.village_code.strip()
    if village:
        with contextlib.suppress(ValueError):
            village = normalize_code(village)
    return data.copy(
        nik=normalize_digits(data.nik),
        full_name=_clean_text(data.full_name),
        birth_place=_clean_text(data.birth_place),
        mother_maiden_name=_clean_text(data.mother_maiden_name),
        kk_number=normalize_digits(data.kk_number),
        street=_clean_text(data.street),
        rt=_pad_rt(data.rt),
        rw=_pad_rt(data.rw),
        village_code=village,
        phone=phone if phone and not phone_problems else data.phone.strip(),
        email=data.email.strip(),
        work_location=_clean_text(data.work_location),
        occupation_code=data.occupation_code.strip(),
        heirs=heirs,
    )


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _check_name(value: str, fld: str, *, required: bool) -> list[Problem]:
    if not value:
        return [error(fld, "required")] if required else []
    if len(value) < 2:
        return [error(fld, "name_too_short", min=2)]
    if len(value) > 100:
        return [error(fld, "name_too_long", max=100)]
    if not NAME_RE.match(value):
        return [error(fld, "name_chars")]
    return []


def _check_identity(d: RegistrationData, ctx: ValidationContext, complete: bool) -> list[Problem]:
    out: list[Problem] = []
    info = None
    if d.nik:
        info, nik_problems = parse_nik(d.nik, today=ctx.today, regions=ctx.regions)
        out += nik_problems
    elif complete:
        out.append(error("nik", "required"))

    out += _check_name(d.full_name, "full_name", required=complete)
    out += _check_name(d.mother_maiden_name, "mother_maiden_name", required=False)
    if d.birth_place and len(d.birth_place) > 60:
        out.append(error("birth_place", "text_too_long", max=60))

    if d.birth_date is None:
        if complete:
            out.append(error("birth_date", "required"))
    elif d.birth_date > ctx.today:
        out.append(error("birth_date", "date_in_future"))
    else:
        age = age_on(d.birth_date, ctx.today)
        if age < ctx.rules.min_age:
            out.append(error("birth_date", "age_below_min", min=ctx.rules.min_age, age=age))
        elif age > ctx.rules.max_age:
            out.append(error("birth_date", "age_above_max", max=ctx.rules.max_age, age=age))
    if d.sex is None and complete:
        out.append(error("sex", "required"))

    if info is not None:
        mismatches = []
        if d.birth_date is not None and d.birth_date != info.birth_date:
            mismatches.append(
                ("birth_date", "nik_birth_date_mismatch", {"nik_date": info.birth_date.isoformat()})
            )
        if d.sex is not None and d.sex != info.sex:
            mismatches.append(("sex", "nik_sex_mismatch", {"nik_sex": info.sex.value}))
        for fld, code, params in mismatches:
            ov = d.nik_override
            if ov is not None and ov.reason.strip() and ov.supervisor.strip():
                out.append(warning(fld, "nik_mismatch_overridden", supervisor=ov.supervisor))
            else:
                out.append(error(fld, code, **params))
        if d.nik_override is not None and not d.nik_override.reason.strip():
            out.append(error("nik_override.reason", "override_reason_required"))

    if d.kk_number:
        _, kk_problems = parse_kk(d.kk_number, today=ctx.today, regions=ctx.regions)
        out += kk_problems
    return out


def _check_address(d: RegistrationData, ctx: ValidationContext, complete: bool) -> list[Problem]:
    out: list[Problem] = []
    for fld, value in (("rt", d.rt), ("rw", d.rw)):
        if value and not (RT_RW_RE.match(value) and int(value) > 0):
            out.append(error(fld, "rt_rw_invalid"))
    if len(d.street) > 120:
        out.append(error("street", "text_too_long", max=120))
    if not d.village_code:
        if complete:
            out.append(error("village_code", "required"))
    else:
        village = ctx.regions.village(d.village_code)
        if village is None:
            out.append(error("village_code", "village_unknown", code=d.village_code))
        elif ctx.rules.home_regency and not village.code.startswith(ctx.rules.home_regency + "."):
            out.append(
                warning("village_code", "village_outside_regency", regency=ctx.rules.home_regency)
            )
    return out


def _check_contact_work(
    d: RegistrationData, ctx: ValidationContext, complete: bool
) -> list[Problem]:
    out: list[Problem] = []
    if d.phone:
        _, phone_problems = normalize_phone(d.phone)
        out += phone_problems
    elif complete:
        out.append(warning("phone", "phone_missing"))
    if d.email and not EMAIL_RE.match(d.email):
        out.append(error("email", "email_invalid"))

    if not d.occupation_code:
        if complete:
            out.append(error("occupation_code", "required"))
    else:
        occ = ctx.occupations.find(d.occupation_code)
        if occ is None:
            out.append(error("occupation_code", "occupation_unknown", code=d.occupation_code))
        elif not occ.informal:
            out.append(warning("occupation_code", "occupation_not_informal", label=occ.label_id))

    if d.reported_income is not None and d.reported_income < 0:
        out.append(error("reported_income", "income_negative"))

    missing = [p.value for p in (Programme.JKK, Programme.JKM) if p not in d.programmes]
    if missing:
        out.append(error("programmes", "programme_required", missing="+".join(missing)))

    if d.funding_source is None and complete:
        out.append(error("funding_source", "required"))
    if d.coverage_start is None:
        if complete:
            out.append(error("coverage_start", "required"))
    elif d.coverage_end is not None and d.coverage_end < d.coverage_start:
        out.append(error("coverage_end", "coverage_end_before_start"))
    if (
        complete
        and d.coverage_end is None
        and d.funding_source not in (None, FundingSource.MANDIRI)
    ):
        out.append(error("coverage_end", "coverage_end_required"))
    if d.coverage_start is not None and d.funding_source is not None:
        try:  # only "no table covers this month" (a negative income is reported above)
            ctx.contributions.table_for(d.coverage_start)
        except ValueError:
            out.append(error("coverage_start", "no_contribution_table"))
    return out


def _check_heir(i: int, h: Heir, d: RegistrationData, ctx: ValidationContext) -> list[Problem]:
    out: list[Problem] = []
    base = f"heirs.{i}"
    out += _check_name(h.name, f"{base}.name", required=True)
    if h.relationship is None:
        out.append(error(f"{base}.relationship", "heir_relationship_required"))
    if h.nik:
        _, nik_problems = parse_nik(
            h.nik, today=ctx.today, regions=ctx.regions, field=f"{base}.nik"
        )
        out += nik_problems
        if d.nik and h.nik == d.nik:
            out.append(error(f"{base}.nik", "heir_nik_is_participant"))
    if h.birth_date is not None and h.birth_date > ctx.today:
        out.append(error(f"{base}.birth_date", "date_in_future"))
    if h.phone:
        _, phone_problems = normalize_phone(h.phone, field=f"{base}.phone")
        out += phone_problems
    return out


def _check_heirs(d: RegistrationData, ctx: ValidationContext, complete: bool) -> list[Problem]:
    out: list[Problem] = []
    for i, h in enumerate(d.heirs):
        out += _check_heir(i, h, d, ctx)
    niks = [h.nik for h in d.heirs if h.nik]
    for n in {n for n in niks if niks.count(n) > 1}:
        i = next(i for i, h in enumerate(d.heirs) if h.nik == n)
        out.append(error(f"heirs.{i}.nik", "heir_nik_repeated"))
    if complete and not d.heirs:
        out.append(warning("heirs", "heir_missing"))
    return out


def _check_consent(d: RegistrationData, ctx: ValidationContext, complete: bool) -> list[Problem]:
    c = d.consent
    if c is None:
        return [error("consent", "consent_required")] if complete else []
    out: list[Problem] = []
    if c.notice_version not in ctx.rules.notice_versions:
        out.append(error("consent", "consent_notice_unknown", version=c.notice_version))
    if c.given_at.date() > ctx.today:
        out.append(error("consent", "date_in_future"))
    if not c.volunteer_id:
        out.append(error("consent", "consent_volunteer_required"))
    return out


def validate(
    data: RegistrationData, ctx: ValidationContext, *, complete: bool = True
) -> list[Problem]:
    """All problems of a (normalised) registration.

    ``complete=True`` checks a record that is to leave draft: required fields and consent too.
    ``complete=False`` (drafts) checks only what was filled in.
    """
    return [
        *_check_identity(data, ctx, complete),
        *_check_address(data, ctx, complete),
        *_check_contact_work(data, ctx, complete),
        *_check_heirs(data, ctx, complete),
        *_check_consent(data, ctx, complete),
    ]
