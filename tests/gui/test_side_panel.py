"""The registration form's side panel: the contribution before and after a discount, and a
total that is the sum of the amounts shown."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fieldreg.domain.codes import FundingSource, Programme
from fieldreg.domain.contributions import get_contribution_table


def _shown_after(text: str) -> list[int]:
    """The amount each programme's line ends on (after the arrow when there is one)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^(JKK|JKM|JHT) (?:Rp[\d.]+ → )?Rp([\d.]+)", line)
        if m:
            out.append(int(m.group(2).replace(".", "")))
    return out


def test_discount_shows_before_and_after_and_the_sum_reads_right(qtbot: Any,
                                                                  main: Any) -> None:
    side = main.page("register").side
    q = get_contribution_table().quote(
        reported_income=None, programmes=(Programme.JKK, Programme.JKM, Programme.JHT),
        funding=FundingSource.MANDIRI, sector="transport", month=date(2026, 1, 10))
    side.show_quote(q)
    text = side.breakdown.text()
    assert "JKK Rp10.000 → Rp5.000 (diskon 50%)" in text
    assert "JKM Rp6.800 → Rp3.400 (diskon 50%)" in text
    assert "JHT Rp20.000" in text and "JHT Rp20.000 →" not in text  # never discounted
    assert "PP 50/2025" in text
    assert side.total.text() == "Rp28.400"
    assert sum(_shown_after(text)) == 28_400


def test_no_discount_no_arrow(qtbot: Any, main: Any) -> None:
    side = main.page("register").side
    q = get_contribution_table().quote(
        reported_income=None, programmes=(Programme.JKK, Programme.JKM),
        funding=FundingSource.APBD_KAB, sector="transport", month=date(2026, 1, 10))
    side.show_quote(q)
    text = side.breakdown.text()
    assert "→" not in text and "diskon" not in text
    assert sum(_shown_after(text)) == 16_800 and side.total.text() == "Rp16.800"
