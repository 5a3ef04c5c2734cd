"""Reading for the desktop app: the participants list (keys + rows on demand) and the summary.

Opening a list of many participants is a bulk view of personal data: audited (UU 27/2022), with
the filter described without a full NIK. Fetching rows for the screen is not audited again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

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
    SQLite's ``PRAGMA quick_check`` (reads every page: a second or two on a big database)."""
    with ctx.db.reader() as uow:
        t = q.table_counts(uow.session, check=check)
        return DatabaseCounts(
            by_status=uow.registrations.count_by_status(),
            outbox=uow.outbox.counts(),
            needs_fixing=uow.sync.needs_fixing(),
            card_prints=t["card_prints"],
            reprints=t["reprints"],
            imports=t["imports"],
            imported_rows=t["imported_rows"],
            volunteers=t["volunteers"],
            supervisors=t["supervisors"],
            active_volunteers=t["active_volunteers"],
            audit_entries=t["audit_entries"],
            quick_check=t["quick_check"],
        )
