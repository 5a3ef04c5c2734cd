"""Reading for the desktop app: the participants list (keys + rows on demand) and the summary.

Opening a list of many participants is a bulk view of personal data: audited (UU 27/2022), with
the filter described without a full NIK. Fetching rows for the screen is not audited again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fieldreg.services.context import Context
from fieldreg.services.registrations import describe_filter
from fieldreg.store import browse as q
from fieldreg.store.browse import ORDERS, BrowseRow
from fieldreg.store.repositories import SearchFilter

__all__ = [
    "ORDERS", "BrowseRow", "DatabaseCounts", "SearchFilter", "SummaryCounts", "database_counts",
    "ids", "record_ids", "rows", "summary", "supervisors",
]


def ids(
    ctx: Context, f: SearchFilter, *, order: str = "name", descending: bool = False,
    audit: bool = True,
) -> list[int]:
    """Row keys of the matching registrations, in display order. Audited as a bulk view."""
    with ctx.db.uow() if audit else ctx.db.reader() as uow:
        keys = q.id_list(uow.session, f, order=order, descending=descending)
        if audit:
            uow.audit.record(
                ctx.volunteer_id, "view_bulk", "registration", None,
                rows=len(keys), filter=describe_filter(f),
            )
            uow.commit()
    return keys


def rows(ctx: Context, pks: Sequence[int]) -> dict[int, BrowseRow]:
    with ctx.db.reader() as uow:
        return q.rows_by_pk(uow.session, pks)


def record_ids(ctx: Context, pks: Sequence[int]) -> list[str]:
    with ctx.db.reader() as uow:
        return q.ids_of(uow.session, pks)


def supervisors(ctx: Context) -> list[tuple[str, str]]:
    """(volunteer id, name) of the active supervisors on this device."""
    with ctx.db.reader() as uow:
        return q.supervisors(uow.session)


@dataclass
class SummaryCounts:
    by_village: list[tuple[str, str, int]] = field(default_factory=list)
    by_occupation: list[tuple[str, int]] = field(default_factory=list)
    by_funding: list[tuple[str, int]] = field(default_factory=list)
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_day: list[tuple[date, int]] = field(default_factory=list)
    total_active: int = 0


def _local_offset_minutes() -> int:
    now = datetime.now().astimezone()
    off = now.utcoffset()
    return int(off.total_seconds() // 60) if off else 0


def summary(ctx: Context, *, days: int = 30) -> SummaryCounts:
    """Counts for the summary screen (voided records are left out except per status)."""
    since = ctx.today_fn() - timedelta(days=days - 1)
    with ctx.db.reader() as uow:
        s = uow.session
        villages = q.count_by_village(s)
        return SummaryCounts(
            by_village=villages,
            by_occupation=q.count_by_column(s, "occupation"),
            by_funding=q.count_by_column(s, "funding"),
            by_status=q.count_by_status(s),
            by_day=q.count_by_day(s, since=since, utc_offset_minutes=_local_offset_minutes()),
            total_active=sum(n for _, _, n in villages),
        )


@dataclass(frozen=True)
class DatabaseCounts:
    """How much the database holds, in numbers only (Help → Export diagnostics): never a name,
    a NIK or a record id."""

    by_status: dict[str, int]
    outbox: dict[str, int]  # entries per state: pending, done, quarantined
    needs_fixing: int  # rejected or duplicate: back to the volunteer
    card_prints: int
    reprints: int  # prints of a card printed before (generation > 1)
    imports: int  # village lists imported (not dry runs)
    imported_rows: int
    volunteers: int
    supervisors: int
    active_volunteers: int
    audit_entries: int
    quick_check: list[str]  # PRAGMA quick_check: ["ok"] when sound; empty when not asked


def database_counts(ctx: Context, *, check: bool = True) -> DatabaseCounts:
    """Counts per table for a diagnostics report, read in one snapshot; ``check`` adds
    SQLite's ``PRAGMA quick_check`` (reads every page: a second or two on a big database).

    The card-print, import, volunteer and audit counts have no repository method yet; these
    few read-only aggregates are kept here until the store grows them."""
    from sqlalchemy import Select, func, select, text

    from fieldreg.store.models import AuditEntry, CardPrint, ImportRun, Volunteer

    with ctx.db.reader() as uow:
        session = uow.session

        def one(q: Select[Any]) -> int:
            return int(session.execute(q).scalar_one() or 0)

        by_role = {
            (role, bool(active)): int(n)
            for role, active, n in session.execute(
                select(Volunteer.role, Volunteer.active, func.count())
                .group_by(Volunteer.role, Volunteer.active)
            )
        }
        quick = ([str(r[0]) for r in session.execute(text("PRAGMA quick_check"))]
                 if check else [])
        return DatabaseCounts(
            by_status=uow.registrations.count_by_status(),
            outbox=uow.outbox.counts(),
            needs_fixing=uow.sync.needs_fixing(),
            card_prints=one(select(func.count()).select_from(CardPrint)),
            reprints=one(select(func.count()).select_from(CardPrint)
                         .where(CardPrint.generation > 1)),
            imports=one(select(func.count()).select_from(ImportRun)),
            imported_rows=one(select(func.coalesce(func.sum(ImportRun.rows_imported), 0))),
            volunteers=sum(by_role.values()),
            supervisors=sum(n for (role, _a), n in by_role.items() if role == "supervisor"),
            active_volunteers=sum(n for (_r, active), n in by_role.items() if active),
            audit_entries=one(select(func.count()).select_from(AuditEntry)),
            quick_check=quick,
        )
