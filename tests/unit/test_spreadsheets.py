"""Neutralising text a spreadsheet would run as a formula (fieldreg/spreadsheets.py): the one
rule every spreadsheet the product writes goes through (laptop export, import report, summary,
district server export)."""

from __future__ import annotations

from datetime import date

import pytest

from fieldreg.spreadsheets import FORMULA_START, neutralise


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://contoh.invalid","klik")', "=1+1", "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1", "+", "-", "=", "@",
    "+62 812-3456-7890", "-1.5", "+١٢٣",  # not ASCII digits
])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [
    "+6281234567890", "-5", "SITI AMINAH", "Dusun II", "a=b", " =1", "'=1", "", "15.05.01.2002",
    -1500000, 0, 2.5, date(1985, 7, 1), None, True,
])
def test_everything_else_is_left_as_it_is(value: object) -> None:
    assert neutralise(value) is value


def test_the_rule_is_owasps() -> None:
    assert set(FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}
