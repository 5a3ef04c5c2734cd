"""Monthly contributions: the pinned amounts, the bracket rule, discounts by period and payer."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fieldreg.domain.codes import FundingSource, Programme
from fieldreg.domain.contributions import (
    ContributionTable,
    Quote,
    get_contribution_table,
    round_rupiah,
)
from fieldreg.paths import resources_dir

JKK_JKM = (Programme.JKK, Programme.JKM)
ALL = (Programme.JKK, Programme.JKM, Programme.JHT)
MONTHS_2026 = [date(2026, m, 1) for m in range(1, 13)]


@pytest.fixture(scope="module")
def table() -> ContributionTable:
    return get_contribution_table()


def quote(
    table: ContributionTable,
    month: date,
    *,
    funding: FundingSource = FundingSource.MANDIRI,
    sector: str = "other",
    programmes: tuple[Programme, ...] = JKK_JKM,
    income: int | None = None,
) -> Quote:
    return table.quote(
        reported_income=income, programmes=programmes, funding=funding, sector=sector, month=month
    )


def raw_table() -> dict[str, Any]:
    path = resources_dir() / "data" / "contributions.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- pinned amounts


@pytest.mark.parametrize("month", MONTHS_2026)
def test_apbd_kab_lowest_bracket_is_16800_all_2026(table: ContributionTable, month: date) -> None:
    q = quote(table, month, funding=FundingSource.APBD_KAB, sector="transport")
    assert (q.jkk, q.jkm, q.jht, q.total, q.discount) == (10_000, 6_800, 0, 16_800, 0)
    assert q.discount_name is None and q.payer is FundingSource.APBD_KAB
    assert q.bracket_nominal == 1_000_000


def test_mandiri_ojek_january_2026_is_8400(table: ContributionTable) -> None:
    q = quote(table, date(2026, 1, 10), sector="transport")
    assert (q.jkk, q.jkm, q.total, q.discount) == (5_000, 3_400, 8_400, 8_400)
    assert q.discount_name == "PP 50/2025"
    assert q.month == date(2026, 1, 1)
    assert q.payer is FundingSource.MANDIRI


def test_with_jht_lowest_not_discounted_is_36800(table: ContributionTable) -> None:
    q = quote(table, date(2025, 6, 1), programmes=ALL)
    assert (q.jkk, q.jkm, q.jht, q.total) == (10_000, 6_800, 20_000, 36_800)
    q = quote(table, date(2026, 1, 1), funding=FundingSource.APBD_KAB, programmes=ALL)
    assert q.total == 36_800


@pytest.mark.parametrize(
    ("month", "total"),
    [
        (date(2026, 1, 1), 16_800),  # other sectors' discount starts April 2026
        (date(2026, 3, 31), 16_800),
        (date(2026, 4, 1), 8_400),
        (date(2026, 5, 1), 8_400),
        (date(2026, 12, 31), 8_400),
        (date(2027, 1, 1), 16_800),
    ],
)
def test_mandiri_farmhand(table: ContributionTable, month: date, total: int) -> None:
    assert quote(table, month, sector="other").total == total


@pytest.mark.parametrize(
    ("month", "total"),
    [
        (date(2025, 12, 1), 16_800),
        (date(2026, 1, 1), 8_400),
        (date(2026, 12, 1), 8_400),
        (date(2027, 3, 1), 8_400),
        (date(2027, 4, 1), 16_800),
    ],
)
def test_mandiri_transport_period(table: ContributionTable, month: date, total: int) -> None:
    assert quote(table, month, sector="transport").total == total


def test_mandiri_transport_with_jht_january_2026(table: ContributionTable) -> None:
    q = quote(table, date(2026, 1, 1), sector="transport", programmes=ALL)
    assert (q.jkk, q.jkm, q.jht) == (5_000, 3_400, 20_000)  # JHT never discounted
    assert q.total == 8_400 + 20_000
    assert q.discount == 8_400


@pytest.mark.parametrize(
    "funding",
    [FundingSource.DBH_SAWIT, FundingSource.APBD_PROV, FundingSource.APBD_KAB, FundingSource.CSR],
)
@pytest.mark.parametrize("sector", ["transport", "other"])
@pytest.mark.parametrize("month", [date(2026, 1, 1), date(2026, 6, 1), date(2027, 2, 1)])
def test_subsidised_never_discounted(
    table: ContributionTable, funding: FundingSource, sector: str, month: date
) -> None:
    q = quote(table, month, funding=funding, sector=sector)
    assert q.total == 16_800 and q.discount == 0 and q.discount_name is None


def test_jht_only_gets_no_discount(table: ContributionTable) -> None:
    q = quote(table, date(2026, 5, 1), programmes=(Programme.JHT,))
    assert (q.jkk, q.jkm, q.jht, q.total, q.discount, q.discount_name) == (
        0,
        0,
        20_000,
        20_000,
        0,
        None,
    )


def test_highest_bracket(table: ContributionTable) -> None:
    q = quote(table, date(2025, 1, 1), income=50_000_000, programmes=ALL)
    assert (q.bracket_nominal, q.jkk, q.jkm, q.jht) == (20_700_000, 207_000, 6_800, 414_000)


# ---------------------------------------------------------------- brackets


@pytest.mark.parametrize(
    ("income", "nominal"),
    [
        (0, 1_000_000),
        (500_000, 1_000_000),
        (999_999, 1_000_000),
        (1_000_000, 1_000_000),
        (1_499_999, 1_000_000),
        (1_500_000, 1_500_000),
        (2_750_000, 2_500_000),
        (20_600_000, 20_500_000),
        (20_700_000, 20_700_000),
        (99_000_000, 20_700_000),
    ],
)
def test_bracket_rule_is_floor(table: ContributionTable, income: int, nominal: int) -> None:
    assert table.bracket_for(income, date(2026, 1, 1)) == nominal


def test_bracket_rule_documented_and_rows_flagged() -> None:
    raw = raw_table()
    assert raw["bracket_rule"] == "floor" and raw["version"]
    rows = raw["tables"][0]["income_brackets"]
    confirmed = [r["nominal"] for r in rows if r["confirmed"]]
    assert confirmed == [1_000_000, 20_700_000]
    assert any("checked against" in note for note in raw["notes"])


def test_brackets_list(table: ContributionTable) -> None:
    brackets = table.brackets(date(2026, 1, 1))
    assert brackets[0] == 1_000_000 and brackets[-1] == 20_700_000
    assert brackets[1:-1] == list(range(1_500_000, 20_500_001, 500_000))


def test_negative_income_refused(table: ContributionTable) -> None:
    with pytest.raises(ValueError, match="negative"):
        table.bracket_for(-1, date(2026, 1, 1))


def test_no_income_means_lowest_bracket(table: ContributionTable) -> None:
    assert quote(table, date(2026, 1, 1), income=None).bracket_nominal == 1_000_000
    assert quote(table, date(2026, 1, 1), income=3_000_000).jkk == 30_000


# ---------------------------------------------------------------- table as data


def test_month_outside_every_table(table: ContributionTable) -> None:
    with pytest.raises(ValueError, match="2015-06"):
        quote(table, date(2015, 6, 30))
    with pytest.raises(ValueError, match="no contribution table"):
        table.brackets(date(1999, 1, 1))


def test_closed_table_and_newer_table() -> None:
    raw = raw_table()
    old = copy.deepcopy(raw["tables"][0])
    old["valid_to"] = "2026-12-31"
    new = copy.deepcopy(raw["tables"][0])
    new.update(valid_from="2027-01-01", jkm_flat=7_000)
    raw["tables"] = [old, new]
    table = ContributionTable.from_dict(raw)
    assert quote(table, date(2026, 12, 1), funding=FundingSource.APBD_KAB).jkm == 6_800
    assert quote(table, date(2027, 1, 1), funding=FundingSource.APBD_KAB).jkm == 7_000

    raw["tables"] = [old]
    with pytest.raises(ValueError, match="2027-01"):
        quote(ContributionTable.from_dict(raw), date(2027, 1, 1))


def test_load_from_path(tmp_path: Path) -> None:
    path = tmp_path / "contributions.json"
    path.write_text(json.dumps(raw_table()), encoding="utf-8")
    table = ContributionTable.load(path)
    assert quote(table, date(2026, 1, 1), sector="transport").total == 8_400


def test_rounding_half_up() -> None:
    assert round_rupiah(Decimal("10000.5")) == 10_001
    assert round_rupiah(Decimal("10000.49")) == 10_000
    raw = raw_table()
    raw["tables"][0]["income_brackets"] = [{"nominal": 1_000_050, "confirmed": True}]
    raw["tables"][0]["jkm_flat"] = 6_801
    table = ContributionTable.from_dict(raw)
    q = quote(table, date(2026, 5, 1))
    assert (q.jkk, q.jkm) == (5_000, 3_400)  # 10,000.5 → 10,001 → minus 5,001 (half up)
    assert q.discount == 5_001 + 3_401


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("bracket_rule",), "ceiling", "bracket_rule"),
        (("tables", 0, "jkk_rate"), "1.5", "rate"),
        (("tables", 0, "valid_to"), "2000-01-01", "valid_to"),
        (("tables", 0, "income_brackets"), [{"nominal": 2}, {"nominal": 1}], "ascending"),
        (("discounts", 0, "programmes"), ["JHT"], "JHT"),
    ],
)
def test_bad_tables_refused(path: tuple[Any, ...], value: Any, message: str) -> None:
    raw = raw_table()
    target: Any = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValueError, match=message):
        ContributionTable.from_dict(raw)
