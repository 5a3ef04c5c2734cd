"""Registering, editing, voiding and finding workers. Each call is one transaction.

Life cycle (docs/ARCHITECTURE.md, "Data flow"): a draft stays on the laptop; Save moves it to
``ready`` (queued) once it has no error and has consent. Every write of a record that has left
draft appends an outbox entry in the same transaction. A record already sent, accepted, refused
as duplicate or rejected that is edited becomes ``ready`` again with a new version, queued on top
of the server's version.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from fieldreg.domain.codes import Status
from fieldreg.domain.contributions import Quote
from fieldreg.domain.nik import mask_nik
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.problems import Problem, has_errors, warning
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Registration, RegistrationData, new_id
from fieldreg.domain.validation import normalize, validate
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store.repositories import SearchFilter, Summary
from fieldreg.store.uow import UnitOfWork

log = logging.getLogger(__name__)

_NOT_EDITABLE = (Status.VOIDED,)


@dataclass
class SaveResult:
    registration: Registration
    problems: list[Problem] = field(default_factory=list)  # warnings (and errors of a draft)


def check(
    ctx: Context,
    data: RegistrationData,
    *,
    complete: bool = True,
    record_id: str | None = None,
) -> list[Problem]:
    """What is wrong with ``data`` as typed (normalised first), including a phone number that
    other records on this laptop share (a warning: families share phones)."""
    data = normalize(data)
    return validate(data, ctx.validation(), complete=complete) + _phone_shared(
        ctx, data, record_id
    )


def phone_check(
    ctx: Context, data: RegistrationData, record_id: str | None = None
) -> list[Problem]:
    """Only what needs the database in ``check``: the phone number shared with other records
    (the form's background check; the rest it checks as it is typed, without the database)."""
    return _phone_shared(ctx, normalize(data), record_id)


def _phone_shared(ctx: Context, data: RegistrationData, record_id: str | None) -> list[Problem]:
    if not data.phone.startswith("+"):
        return []
    with ctx.db.reader() as uow:
        n = uow.registrations.count_phone(data.phone, exclude_id=record_id)
    return [warning("phone", "phone_repeated", count=n)] if n else []


def nik_holder(ctx: Context, nik: str, record_id: str | None = None) -> Registration | None:
    """The active record of this laptop that already holds ``nik`` (other than ``record_id``),
    or None: the form asks as soon as 16 digits are typed, the save refuses the same way
    (``_refuse_duplicate_nik``)."""
    from fieldreg.domain.nik import normalize_digits

    digits = normalize_digits(nik)
    if len(digits) != 16 or not digits.isdigit():
        return None
    with ctx.db.reader() as uow:
        other = uow.registrations.active_by_nik(digits)
    return other if other is not None and other.id != record_id else None


def quote(ctx: Context, data: RegistrationData) -> Quote | None:
    """The monthly contribution and who pays it, or None while the inputs are incomplete."""
    from fieldreg.domain.contributions import get_contribution_table

    if data.funding_source is None:
        return None
    occ = get_occupations().find(data.occupation_code) if data.occupation_code else None
    month = data.coverage_start or ctx.today_fn()
    try:
        return get_contribution_table().quote(
            reported_income=data.reported_income,
            programmes=data.programmes,
            funding=data.funding_source,
            sector=occ.sector if occ else "other",
            month=month,
        )
    except ValueError:
        return None


def derive(reg: Registration) -> Registration:
    """Fill what follows from the data: village name and dataset version, sector, the
    occupation's canonical code."""
    regions = get_regions()
    village = regions.village(reg.data.village_code) if reg.data.village_code else None
    occ = get_occupations().find(reg.data.occupation_code) if reg.data.occupation_code else None
    if occ is not None:
        reg.data.occupation_code = occ.code
    return replace(
        reg,
        village_name=village.display_name if village else "",
        regions_version=regions.version if village else "",
        sector=occ.sector if occ else "",
    )


def _refuse_duplicate_nik(uow: UnitOfWork, nik: str, record_id: str | None) -> None:
    if not nik:
        return
    other = uow.registrations.active_by_nik(nik)
    if other is not None and other.id != record_id:
        raise ServiceError(
            "nik_already_registered",
            problems=[],
            field="nik",
            record_id=other.id,
            name=other.full_name,
            status=other.status.value,
            village=other.village_name,
        )


def add_new(
    uow: UnitOfWork,
    ctx: Context,
    items: Sequence[RegistrationData],
    *,
    status: Status,
    now: datetime,
    audit: Mapping[str, object],
) -> list[Registration]:
    """The one writer of new registrations: the form's Save (one) and the village-list import
    (many), inside the caller's transaction; the caller has checked ``items`` (normalised).

    Each becomes a record of this device and volunteer, version 1, created ``now``, with its
    derived fields (``derive``); records leaving draft get this device's next participant
    numbers (printed on their cards before any sync) and are queued; every one is audited as
    ``create`` with its (masked) NIK, its status and ``audit``.
    """
    regs = [
        derive(
            Registration(
                id=new_id(), device_id=ctx.device_id, volunteer_id=ctx.volunteer_id,
                created_at=now, updated_at=now, version=1, status=status, data=data,
            )
        )
        for data in items
    ]
    if status.left_draft:
        numbers = uow.device.take_participant_numbers(len(regs))
        regs = [replace(r, participant_number=n) for r, n in zip(regs, numbers, strict=True)]
    uow.registrations.add_many(regs)
    if status.left_draft:
        uow.outbox.append_many(regs)
    uow.audit.record_many(
        ctx.volunteer_id, "create", "registration",
        ((r.id, {"nik": r.data.nik, "status": status.value, **audit}) for r in regs),
    )
    return regs


def _numbered(uow: UnitOfWork, reg: Registration) -> Registration:
    """A record leaving draft gets this device's next participant number (printed on its card
    before any sync; see fieldreg.domain.participant_number)."""
    if reg.status is Status.DRAFT or reg.participant_number:
        return reg
    return replace(reg, participant_number=uow.device.take_participant_numbers(1)[0])


def save(
    ctx: Context,
    data: RegistrationData,
    *,
    ready: bool,
    record_id: str | None = None,
) -> SaveResult:
    """Create (``record_id`` None) or update a registration.

    ``ready=False`` keeps it a draft whatever its problems (nothing typed is lost);
    ``ready=True`` refuses with ``ServiceError('invalid', problems=…)`` while any error remains.
    """
    data = normalize(data)
    problems = validate(data, ctx.validation(), complete=ready)
    problems += _phone_shared(ctx, data, record_id)
    if ready and has_errors(problems):
        raise ServiceError("invalid", problems=problems)
    now = ctx.clock()
    try:
        return _save(ctx, data, problems, ready=ready, record_id=record_id, now=now)
    except IntegrityError as exc:  # the unique-NIK index caught what the check above missed
        if "registration.nik" not in str(exc.orig):
            raise  # another constraint: a real failure, not a duplicate NIK to explain
        raise ServiceError("nik_already_registered", field="nik", record_id="", name="",
                           status="", village="") from exc


def _save(
    ctx: Context,
    data: RegistrationData,
    problems: list[Problem],
    *,
    ready: bool,
    record_id: str | None,
    now: datetime,
) -> SaveResult:
    with ctx.db.uow() as uow:
        if record_id is None:
            _refuse_duplicate_nik(uow, data.nik, None)
            (reg,) = add_new(uow, ctx, [data], status=Status.READY if ready else Status.DRAFT,
                             now=now, audit={"version": 1})
            action = "create"
        else:
            old = uow.registrations.get(record_id)
            if old is None:
                raise ServiceError("record_not_found", record_id=record_id)
            if old.status in _NOT_EDITABLE:
                raise ServiceError("record_voided", record_id=record_id)
            if old.status.left_draft and not ready:
                raise ServiceError("cannot_return_to_draft", record_id=record_id)
            reg = derive(
                replace(
                    old,
                    data=data,
                    updated_at=now,
                    version=old.version + 1,
                    status=Status.READY if ready else Status.DRAFT,
                    outcome_code="" if ready else old.outcome_code,
                    outcome_detail={} if ready else old.outcome_detail,
                )
            )
            reg = _numbered(uow, reg)
            _refuse_duplicate_nik(uow, reg.data.nik, reg.id)
            uow.registrations.update(reg)
            action = "update"
            if reg.status is Status.READY:
                uow.outbox.append(reg, base_version=reg.server_version)
            uow.audit.record(
                ctx.volunteer_id, action, "registration", reg.id,
                nik=reg.data.nik, status=reg.status.value, version=reg.version,
            )
        uow.commit()
    log.info("%s registration %s (%s) v%d", action, reg.id, mask_nik(reg.data.nik), reg.version)
    return SaveResult(reg, [p for p in problems if not p.is_error or not ready])


def void(ctx: Context, record_id: str, reason: str) -> Registration:
    """Cancel a registration, with a reason. The server hears of it if it had left draft."""
    reason = " ".join(reason.split())
    if not reason:
        raise ServiceError("void_reason_required", field="void_reason")
    with ctx.db.uow() as uow:
        old = uow.registrations.get(record_id)
        if old is None:
            raise ServiceError("record_not_found", record_id=record_id)
        if old.status is Status.VOIDED:
            raise ServiceError("record_voided", record_id=record_id)
        reg = replace(
            old, status=Status.VOIDED, void_reason=reason, updated_at=ctx.clock(),
            version=old.version + 1,
        )
        uow.registrations.update(reg)
        if old.status.left_draft:
            uow.outbox.append(reg, base_version=reg.server_version)
        uow.audit.record(ctx.volunteer_id, "void", "registration", reg.id, reason=reason)
        uow.commit()
    return reg


def get(ctx: Context, record_id: str) -> Registration:
    with ctx.db.reader() as uow:
        reg = uow.registrations.get(record_id)
    if reg is None:
        raise ServiceError("record_not_found", record_id=record_id)
    return reg


def search(
    ctx: Context, f: SearchFilter, *, limit: int = 50, offset: int = 0, audit: bool = True
) -> list[Summary]:
    """Find registrations (exact NIK, or part of a name; filters). Audited as a bulk view."""
    with ctx.db.uow() if audit else ctx.db.reader() as uow:
        rows = uow.registrations.search(f, limit=limit, offset=offset)
        if audit:
            uow.audit.record(
                ctx.volunteer_id, "view_bulk", "registration", None,
                rows=len(rows), filter=describe_filter(f),
            )
            uow.commit()
    return rows


def count(ctx: Context, f: SearchFilter | None = None) -> int:
    with ctx.db.reader() as uow:
        return uow.registrations.count(f)


def describe_filter(f: SearchFilter) -> dict[str, object]:
    """A search filter as the audit log may keep it: a NIK masked, a name not at all."""
    text = f.text.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    return {
        "text": mask_nik(digits) if len(digits) >= 6 else ("<name>" if text else ""),
        "status": [s.value for s in f.status],
        "village": f.village_code,
        "occupation": f.occupation_code,
        "funding": f.funding_source.value if f.funding_source else "",
    }


def status_counts(ctx: Context) -> dict[str, int]:
    with ctx.db.reader() as uow:
        return uow.registrations.count_by_status()


def queue_counts(ctx: Context) -> dict[str, int]:
    with ctx.db.reader() as uow:
        return uow.outbox.counts()


def next_awaiting_consent(ctx: Context, record_id: str) -> Registration | None:
    """The draft to open after ``record_id`` when walking through a village list's drafts:
    the next draft of the same village that still awaits consent, in the Participants list's
    name order after ``record_id``'s name (round to the start), never ``record_id`` itself;
    None when there is none."""
    from fieldreg.store import browse as q
    from fieldreg.store.mapping import name_key

    with ctx.db.reader() as uow:
        saved = uow.registrations.get(record_id)
        if saved is None:
            return None
        keys = q.id_list(uow.session, SearchFilter(status=(Status.DRAFT,),
                                                   village_code=saved.data.village_code))
        found = q.rows_by_pk(uow.session, keys)
        rows = [found[k] for k in keys if k in found and found[k].id != record_id]
        me = (name_key(saved.full_name), saved.id)
        after = [r for r in rows if (name_key(r.full_name), r.id) > me]
        for row in (after + [r for r in rows if r not in after])[:200]:
            reg = uow.registrations.get(row.id)
            if reg is not None and reg.data.consent is None:
                return reg
    return None
