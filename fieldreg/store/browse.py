"""Queries behind the desktop app's lists and summary (all SQL stays in store/, rule 2).

The participants table holds the ordered list of row keys (``pk``) of a search and fetches the
few rows on screen by key (anki's browser does the same), so 100,000 records stay smooth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from fieldreg.domain.codes import Status
from fieldreg.store.mapping import detail_of
from fieldreg.store.models import AuditEntry, CardPrint, ImportRun, RegistrationRow, Volunteer
from fieldreg.store.repositories import RegistrationRepository, SearchFilter

ORDERS = ("name", "nik", "village", "occupation", "funding", "status", "updated")


@dataclass(frozen=True)
class BrowseRow:
    pk: int
    id: str
    nik: str
    full_name: str
    village_code: str
    village_name: str
    occupation_code: str
    funding_source: str | None
    status: Status
    updated_at: datetime
    participant_number: str | None
    # The district server's answer (sync): "" and {} until there is one. Read with the row, so
    # the list shows why a record came back without a query per row.
    outcome_code: str = ""
    outcome_detail: dict[str, Any] = field(default_factory=dict)


def _order_columns(order: str, descending: bool) -> list[Any]:
    r = RegistrationRow
    primary: dict[str, Any] = {
        "name": r.name_key,
        "nik": r.nik,
        "village": r.village_name,
        "occupation": r.occupation_code,
        "funding": r.funding_source,
        "status": r.status,
        "updated": r.updated_at,
    }
    col = primary.get(order, r.name_key)
    cols = [col.desc() if descending else col]
    if col is not r.name_key:
        cols.append(r.name_key)
    cols.append(r.pk)
    return cols


def id_list(
    session: Session, f: SearchFilter, *, order: str = "name", descending: bool = False
) -> list[int]:
    """Row keys of every registration matching ``f``, in display order."""
    repo = RegistrationRepository(session)
    q = repo._filtered(f).with_only_columns(RegistrationRow.pk)
    q = q.order_by(*_order_columns(order, descending))
    if order == "name":
        q = repo._browse(q, f)  # name order straight from the covering index, no row reads
    return list(session.scalars(q))


def rows_by_pk(session: Session, pks: Sequence[int]) -> dict[int, BrowseRow]:
    r = RegistrationRow
    q = select(
        r.pk, r.id, r.nik, r.full_name, r.village_code, r.village_name, r.occupation_code,
        r.funding_source, r.status, r.updated_at, r.participant_number, r.outcome_code,
        r.outcome_detail,
    ).where(r.pk.in_(list(pks)))
    return {
        row[0]: BrowseRow(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], Status(row[8]),
            row[9], row[10], row[11] or "", detail_of(row[12]),
        )
        for row in session.execute(q)
    }


def ids_of(session: Session, pks: Sequence[int]) -> list[str]:
    """Record ids (UUIDs) of row keys, in the given order."""
    q = select(RegistrationRow.pk, RegistrationRow.id).where(RegistrationRow.pk.in_(list(pks)))
    got: dict[int, str] = {pk: rid for pk, rid in session.execute(q)}
    return [got[p] for p in pks if p in got]


def _active() -> Any:
    return RegistrationRow.status != Status.VOIDED.value


def count_by_village(session: Session) -> list[tuple[str, str, int]]:
    """(village code, name, active registrations), busiest first."""
    r = RegistrationRow
    q = (
        select(r.village_code, func.max(r.village_name), func.count())
        .where(_active())
        .group_by(r.village_code)
        .order_by(func.count().desc(), r.village_code)
    )
    return [(c or "", n or "", int(k)) for c, n, k in session.execute(q)]


def count_by_column(session: Session, column: str) -> list[tuple[str, int]]:
    """Active registrations per occupation_code or funding_source, most first."""
    col = {"occupation": RegistrationRow.occupation_code,
           "funding": RegistrationRow.funding_source}[column]
    q = select(col, func.count()).where(_active()).group_by(col).order_by(func.count().desc())
    return [(v or "", int(k)) for v, k in session.execute(q)]


def count_by_status(session: Session) -> list[tuple[str, int]]:
    q = select(RegistrationRow.status, func.count()).group_by(RegistrationRow.status)
    return [(s, int(k)) for s, k in session.execute(q)]


def count_by_day(
    session: Session, *, since: date, utc_offset_minutes: int
) -> list[tuple[date, int]]:
    """Active registrations created per local day from ``since`` on."""
    day = func.date(RegistrationRow.created_at, f"{utc_offset_minutes:+d} minutes")
    q = (
        select(day, func.count())
        .where(_active(), day >= since.isoformat())
        .group_by(day)
        .order_by(day)
    )
    return [(date.fromisoformat(d), int(k)) for d, k in session.execute(q)]


def supervisors(session: Session) -> list[tuple[str, str]]:
    q = (
        select(Volunteer.id, Volunteer.name)
        .where(Volunteer.role == "supervisor", Volunteer.active.is_(True))
        .order_by(Volunteer.name)
    )
    return [(i, n) for i, n in session.execute(q)]


def table_counts(session: Session, *, check: bool) -> dict[str, Any]:
    """Counts of the smaller tables for the diagnostics report (numbers only), and SQLite's
    ``quick_check`` when ``check``."""

    def one(q: Select[Any]) -> int:
        return int(session.execute(q).scalar_one() or 0)

    by_role = {
        (role, bool(active)): int(n)
        for role, active, n in session.execute(
            select(Volunteer.role, Volunteer.active, func.count())
            .group_by(Volunteer.role, Volunteer.active)
        )
    }
    return {
        "card_prints": one(select(func.count()).select_from(CardPrint)),
        "reprints": one(select(func.count()).select_from(CardPrint)
                        .where(CardPrint.generation > 1)),
        "imports": one(select(func.count()).select_from(ImportRun)),
        "imported_rows": one(select(func.coalesce(func.sum(ImportRun.rows_imported), 0))),
        "volunteers": sum(by_role.values()),
        "supervisors": sum(n for (role, _a), n in by_role.items() if role == "supervisor"),
        "active_volunteers": sum(n for (_r, active), n in by_role.items() if active),
        "audit_entries": one(select(func.count()).select_from(AuditEntry)),
        "quick_check": ([str(r[0]) for r in session.execute(text("PRAGMA quick_check"))]
                        if check else []),
    }
