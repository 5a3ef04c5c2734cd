"""Monthly BPU contributions (JKK, JKM, optional JHT) from a dated table, with dated discounts.

The table is data (``resources/data/contributions.json``, updatable from the server), never code:
rate tables with ``valid_from``/``valid_to``, the nominal income values (brackets) a reported
income maps to, and discounts such as PP 50/2025 (50% off JKK and JKM for self-paying workers,
by sector and period). Rupiah are integers, rates Decimals, results rounded half up to whole
rupiah. A month is covered by a table or discount when its first day lies within the validity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldreg.domain.codes import FundingSource, Programme
from fieldreg.paths import resources_dir

BRACKET_RULES = frozenset({"floor"})


def round_rupiah(amount: Decimal) -> int:
    """Round half up to whole rupiah."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(str(value))


def _rate(value: Any) -> Decimal:
    # Decimal(str(...)) also turns a float pushed as JSON number into its written value.
    rate = Decimal(str(value))
    if not Decimal(0) <= rate <= Decimal(1):
        raise ValueError(f"rate {value!r} is not between 0 and 1")
    return rate


def _covers(valid_from: date, valid_to: date | None, month: date) -> bool:
    return valid_from <= month and (valid_to is None or month <= valid_to)


@dataclass(frozen=True)
class IncomeBracket:
    nominal: int  # rupiah
    confirmed: bool  # checked against the regulation


@dataclass(frozen=True)
class RateTable:
    valid_from: date
    valid_to: date | None
    source: str
    jkk_rate: Decimal
    jkm_flat: int
    jht_rate: Decimal
    income_brackets: tuple[IncomeBracket, ...]  # ascending nominal

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> RateTable:
        brackets = tuple(
            IncomeBracket(int(b["nominal"]), bool(b.get("confirmed", False)))
            for b in d["income_brackets"]
        )
        nominals = [b.nominal for b in brackets]
        if not nominals or nominals != sorted(set(nominals)) or nominals[0] <= 0:
            raise ValueError("income_brackets must be positive, unique and ascending")
        valid_from = _date(d["valid_from"])
        if valid_from is None:
            raise ValueError("a rate table needs valid_from")
        table = cls(
            valid_from=valid_from,
            valid_to=_date(d.get("valid_to")),
            source=str(d.get("source", "")),
            jkk_rate=_rate(d["jkk_rate"]),
            jkm_flat=int(d["jkm_flat"]),
            jht_rate=_rate(d["jht_rate"]),
            income_brackets=brackets,
        )
        if table.valid_to is not None and table.valid_to < table.valid_from:
            raise ValueError(f"rate table from {valid_from}: valid_to before valid_from")
        return table

    def covers(self, month: date) -> bool:
        return _covers(self.valid_from, self.valid_to, first_of_month(month))

    @property
    def nominals(self) -> list[int]:
        return [b.nominal for b in self.income_brackets]

    def bracket_for(self, income: int) -> int:
        """Floor rule: the largest nominal ≤ income; the lowest nominal when income is below."""
        if income < 0:
            raise ValueError(f"reported income cannot be negative: {income}")
        chosen = self.income_brackets[0].nominal
        for b in self.income_brackets:
            if b.nominal > income:
                break
            chosen = b.nominal
        return chosen


@dataclass(frozen=True)
class Discount:
    name: str
    programmes: frozenset[Programme]
    rate: Decimal  # share taken off, e.g. 0.5
    funding_sources: frozenset[FundingSource]
    sectors: frozenset[str]
    valid_from: date
    valid_to: date | None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Discount:
        valid_from = _date(d["valid_from"])
        if valid_from is None:
            raise ValueError(f"discount {d.get('name')!r} needs valid_from")
        programmes = frozenset(Programme(p) for p in d["programmes"])
        if Programme.JHT in programmes:
            raise ValueError(f"discount {d.get('name')!r}: JHT is never discounted")
        return cls(
            name=str(d["name"]),
            programmes=programmes,
            rate=_rate(d["rate"]),
            funding_sources=frozenset(FundingSource(f) for f in d["funding_sources"]),
            sectors=frozenset(str(s) for s in d["sectors"]),
            valid_from=valid_from,
            valid_to=_date(d.get("valid_to")),
        )

    def applies(self, *, funding: FundingSource, sector: str, month: date) -> bool:
        return (
            funding in self.funding_sources
            and sector in self.sectors
            and _covers(self.valid_from, self.valid_to, first_of_month(month))
        )


@dataclass(frozen=True)
class Quote:
    """What one month costs. ``jkk``/``jkm`` are after the discount; ``discount`` is the rupiah
    saved; ``total`` = jkk + jkm + jht. ``*_before`` are the amounts before the discount (0 for
    a programme not chosen) and ``discount_rate`` the share taken off, so that a screen can show
    "JKK Rp10.000 → Rp5.000 (diskon 50%)" and a total that is the sum of what it shows."""

    month: date  # first day of the month
    bracket_nominal: int
    jkk: int
    jkm: int
    jht: int
    discount: int
    total: int
    discount_name: str | None
    payer: FundingSource
    jkk_before: int = 0
    jkm_before: int = 0
    jht_before: int = 0
    discount_rate: Decimal | None = None


class ContributionTable:
    def __init__(
        self,
        *,
        version: str,
        tables: Iterable[RateTable],
        discounts: Iterable[Discount] = (),
        bracket_rule: str = "floor",
    ) -> None:
        if bracket_rule not in BRACKET_RULES:
            raise ValueError(f"unknown bracket_rule {bracket_rule!r}")
        self.version = version
        self.bracket_rule = bracket_rule
        self.tables = tuple(tables)
        self.discounts = tuple(discounts)
        if not self.tables:
            raise ValueError("a contribution table needs at least one rate table")

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ContributionTable:
        return cls(
            version=str(d["version"]),
            tables=[RateTable.from_dict(t) for t in d["tables"]],
            discounts=[Discount.from_dict(x) for x in d.get("discounts", [])],
            bracket_rule=str(d.get("bracket_rule", "floor")),
        )

    @classmethod
    def load(cls, path: Path) -> ContributionTable:
        with Path(path).open(encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh))

    def table_for(self, on: date) -> RateTable:
        """The rate table covering the month of ``on`` (the latest-starting one if several)."""
        covering = [t for t in self.tables if t.covers(on)]
        if not covering:
            raise ValueError(
                f"no contribution table covers {on:%Y-%m} (contribution table {self.version})"
            )
        return max(covering, key=lambda t: t.valid_from)

    def brackets(self, on: date) -> list[int]:
        return self.table_for(on).nominals

    def bracket_for(self, income: int, on: date) -> int:
        return self.table_for(on).bracket_for(income)

    def discount_for(self, *, funding: FundingSource, sector: str, month: date) -> Discount | None:
        """The first listed discount that applies, if any."""
        for discount in self.discounts:
            if discount.applies(funding=funding, sector=sector, month=month):
                return discount
        return None

    def quote(
        self,
        *,
        reported_income: int | None,
        programmes: Iterable[Programme],
        funding: FundingSource,
        sector: str,
        month: date,
    ) -> Quote:
        """One month's contribution. No reported income → the lowest bracket."""
        table = self.table_for(month)
        chosen = frozenset(programmes)
        nominal = (
            table.income_brackets[0].nominal
            if reported_income is None
            else table.bracket_for(reported_income)
        )
        gross = {
            Programme.JKK: round_rupiah(nominal * table.jkk_rate),
            Programme.JKM: table.jkm_flat,
            Programme.JHT: round_rupiah(nominal * table.jht_rate),
        }
        net = {p: (gross[p] if p in chosen else 0) for p in Programme}
        discount = self.discount_for(funding=funding, sector=sector, month=month)
        saved = 0
        if discount is not None:
            for p in discount.programmes & chosen:
                cut = round_rupiah(net[p] * discount.rate)
                net[p] -= cut
                saved += cut
        return Quote(
            month=first_of_month(month),
            bracket_nominal=nominal,
            jkk=net[Programme.JKK],
            jkm=net[Programme.JKM],
            jht=net[Programme.JHT],
            discount=saved,
            total=sum(net.values()),
            discount_name=discount.name if discount is not None and saved else None,
            payer=funding,
            jkk_before=gross[Programme.JKK] if Programme.JKK in chosen else 0,
            jkm_before=gross[Programme.JKM] if Programme.JKM in chosen else 0,
            jht_before=gross[Programme.JHT] if Programme.JHT in chosen else 0,
            discount_rate=discount.rate if discount is not None and saved else None,
        )


@lru_cache(maxsize=1)
def get_contribution_table() -> ContributionTable:
    """The shipped contribution table (cached)."""
    return ContributionTable.load(resources_dir() / "data" / "contributions.json")
