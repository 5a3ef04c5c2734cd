"""Phone numbers: every accepted input form to E.164, refusals, display format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldreg.domain.phone import MOBILE_RE, format_phone, normalize_phone

PROPERTY = settings(database=None, max_examples=300, deadline=None)
E164 = "+6281234567890"


@pytest.mark.parametrize(
    "raw",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        "(0812) 3456-7890",
        "[0812] 3456 7890",
        "81234567890",
        "812-3456-7890",
        "6281234567890",
        "62 812 3456 7890",
        "+6281234567890",
        "+62 812-3456-7890",
        "+62 (812) 3456.7890",
        "+62 (0)812 3456 7890",
        "0062 812 3456 7890",
        "0062-812-3456-7890",
        "  0812\u00a03456\u00a07890  ",
        "0812–3456–7890",
    ],
)
def test_accepted_forms(raw: str) -> None:
    assert normalize_phone(raw) == (E164, [])


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0811-234-567", "+62811234567"),  # 9-digit national number, the shortest
        ("0812-3456-78901", "+62812345678901"),  # 12-digit national number, the longest
        ("0831 2345 6789", "+6283123456789"),
        ("0895-1234-5678", "+6289512345678"),
        ("0881-2345-678", "+628812345678"),
    ],
)
def test_mobile_lengths_and_prefixes(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == (e164, [])


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        ("0741-123456", 62),  # Jambi landline
        ("(0741) 7553211", 62),
        ("+62 741 123456", 62),
        ("021-5551234", 62),  # Jakarta landline
        ("+1 650 253 0000", 1),
        ("+65 9123 4567", 65),  # a Singapore mobile is still not Indonesian
        ("0060 12 345 6789", 60),
    ],
)
def test_not_mobile(raw: str, country: int) -> None:
    e164, problems = normalize_phone(raw)
    assert e164 is None
    assert [(p.code, dict(p.params)) for p in problems] == [
        ("phone_not_mobile", {"country_code": country})
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "0812",
        "0812-345",
        "0812-3456-7890-12",  # 13-digit national number
        "0804-1234-5678",  # 80 is not a mobile prefix
        "0841-2345-6789",  # neither is 84
        "+",
        "00",
        "+62",
        "1234567",
        "+99912345678",
        "0812345678901234567",
    ],
)
def test_invalid(raw: str) -> None:
    assert [p.code for p in normalize_phone(raw)[1]] == ["phone_invalid"]
    assert normalize_phone(raw)[0] is None


@pytest.mark.parametrize(
    ("raw", "char"),
    [
        ("0812-3456-789O", "O"),
        ("HP 0812", "H"),
        ("0812/3456", "/"),
        ("0812+3456", "+"),
        ("wa.me", "w"),
    ],
)
def test_bad_characters(raw: str, char: str) -> None:
    e164, problems = normalize_phone(raw)
    assert e164 is None
    assert [(p.code, dict(p.params)) for p in problems] == [("phone_chars", {"char": char})]


def test_blank_is_no_phone_and_no_problem() -> None:
    assert normalize_phone("") == (None, [])
    assert normalize_phone("   ") == (None, [])


def test_field_name_is_used() -> None:
    _, problems = normalize_phone("0741-123456", field="heirs.1.phone")
    assert problems[0].field == "heirs.1.phone"
    assert problems[0].is_error


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+62811234567", "0811-234-567"),
        ("+628112345678", "0811-2345-678"),
        ("+6281234567890", "0812-3456-7890"),
        ("+62812345678901", "0812-3456-78901"),
        ("+16502530000", "+16502530000"),
        ("", ""),
    ],
)
def test_format_phone(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown


# ---------------------------------------------------------------- properties

mobile_numbers = st.builds(
    lambda second, rest: "8" + second + rest,
    st.sampled_from("1235679"),
    st.text(alphabet="0123456789", min_size=7, max_size=10),
)
STYLES = ["0{}", "{}", "62{}", "+62{}", "0062{}", "+620{}"]
SEPARATORS = [" ", "-", ".", "(", ")", "[", "]", "\u00a0", " - "]


@PROPERTY
@given(mobile_numbers, st.sampled_from(STYLES), st.data())
def test_any_style_normalizes_to_same_e164(national: str, style: str, data: st.DataObject) -> None:
    assert MOBILE_RE.fullmatch(national)
    text = style.format(national)
    plus, body = ("+", text[1:]) if text.startswith("+") else ("", text)
    chars = list(body)
    for _ in range(data.draw(st.integers(min_value=0, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(chars)))
        chars.insert(at, data.draw(st.sampled_from(SEPARATORS)))
    raw = " " * data.draw(st.integers(0, 2)) + plus + "".join(chars)
    assert normalize_phone(raw) == ("+62" + national, [])


@PROPERTY
@given(mobile_numbers)
def test_format_then_normalize_round_trips(national: str) -> None:
    e164 = "+62" + national
    shown = format_phone(e164)
    assert shown.startswith("08") and shown.count("-") == 2
    assert normalize_phone(shown) == (e164, [])
