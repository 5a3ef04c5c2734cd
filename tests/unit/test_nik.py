"""NIK and No. KK parsing (docs/DOMAIN.md, Identity numbers)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fieldreg.domain.codes import Sex
from fieldreg.domain.nik import mask_nik, normalize_digits, parse_kk, parse_nik
from fieldreg.domain.problems import Severity
from fieldreg.domain.regions import Regions, get_regions

TODAY = date(2025, 11, 21)
PROPERTY = settings(
    database=None,  # no .hypothesis folder: unit tests write nothing to disk
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def regions() -> Regions:
    return get_regions()


def make_nik(
    area: str = "150501", dd: str = "12", mm: str = "03", yy: str = "90", serial: str = "0001"
) -> str:
    return area + dd + mm + yy + serial


def codes(problems: list) -> list[str]:
    return [p.code for p in problems]


# ---------------------------------------------------------------- normalisation


def test_normalize_digits_strips_spaces_dots_dashes() -> None:
    assert normalize_digits(" 15.05-01\u00a012 03\u202f90–0001 ") == "1505011203900001"


def test_normalize_digits_leaves_other_characters() -> None:
    assert normalize_digits("15/05 a1") == "15/05a1"


# ---------------------------------------------------------------- happy paths


def test_male_nik_parses() -> None:
    info, problems = parse_nik(make_nik(), today=TODAY)
    assert problems == []
    assert info is not None
    assert info.nik == "1505011203900001"
    assert info.province_code == "15"
    assert info.regency_code == "15.05"
    assert info.district_code == "15.05.01"
    assert info.birth_date == date(1990, 3, 12)
    assert info.sex is Sex.MALE
    assert info.serial == "0001"


@pytest.mark.parametrize(
    "raw",
    [
        "1505011203900001",
        "1505 0112 0390 0001",
        "15.05.01.120390.0001",
        "15-05-01-12-03-90-0001",
        "150501\u00a0120390\u00a00001",
        "  1505011203900001\t",
    ],
)
def test_separators_are_stripped(raw: str) -> None:
    info, problems = parse_nik(raw, today=TODAY)
    assert problems == []
    assert info is not None and info.nik == "1505011203900001"


@pytest.mark.parametrize(("dd", "day"), [("41", 1), ("52", 12), ("71", 31)])
def test_female_day_plus_40(dd: str, day: int) -> None:
    info, problems = parse_nik(make_nik(dd=dd, mm="01"), today=TODAY)
    assert problems == []
    assert info is not None
    assert info.sex is Sex.FEMALE
    assert info.birth_date == date(1990, 1, day)


@pytest.mark.parametrize("dd", ["01", "31"])
def test_male_day_bounds(dd: str) -> None:
    info, _ = parse_nik(make_nik(dd=dd, mm="01"), today=TODAY)
    assert info is not None and info.sex is Sex.MALE and info.birth_date.day == int(dd)


# ---------------------------------------------------------------- shape errors


@pytest.mark.parametrize(
    ("raw", "char"),
    [("15050112039000O1", "O"), ("150501120390000l", "l"), ("1505/0112039000", "/"), ("+62", "+")],
)
def test_non_digits_refused(raw: str, char: str) -> None:
    info, problems = parse_nik(raw, today=TODAY)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_chars", {"char": char})]


@pytest.mark.parametrize("raw", ["150501120390001", "15050112039000011", "", "1505"])
def test_wrong_length_refused(raw: str) -> None:
    info, problems = parse_nik(raw, today=TODAY)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_length", {"length": len(raw)})]


# ---------------------------------------------------------------- date rules


@pytest.mark.parametrize("dd", ["00", "32", "35", "40", "72", "80", "99"])
def test_bad_day_refused(dd: str) -> None:
    info, problems = parse_nik(make_nik(dd=dd), today=TODAY)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_day", {"day": int(dd)})]


@pytest.mark.parametrize("mm", ["00", "13", "99"])
def test_bad_month_refused(mm: str) -> None:
    info, problems = parse_nik(make_nik(mm=mm), today=TODAY)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_month", {"month": int(mm)})]


def test_29_feb_2000_is_valid() -> None:
    info, problems = parse_nik(make_nik(dd="29", mm="02", yy="00"), today=TODAY)
    assert problems == []
    assert info is not None and info.birth_date == date(2000, 2, 29)


def test_29_feb_2000_female_is_valid() -> None:
    info, _ = parse_nik(make_nik(dd="69", mm="02", yy="00"), today=TODAY)
    assert info is not None and info.birth_date == date(2000, 2, 29) and info.sex is Sex.FEMALE


def test_29_feb_1900_is_invalid() -> None:
    # Seen from 1999, 29-02-00 lies in the future, so the century is 1900: not a leap year.
    info, problems = parse_nik(make_nik(dd="29", mm="02", yy="00"), today=date(1999, 12, 31))
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_date", {"date": "1900-02-29"})]


@pytest.mark.parametrize(
    ("dd", "mm", "yy", "text"),
    [
        ("31", "04", "90", "1990-04-31"),
        ("29", "02", "23", "2023-02-29"),
        ("71", "06", "01", "2001-06-31"),
    ],
)
def test_impossible_dates_refused(dd: str, mm: str, yy: str, text: str) -> None:
    info, problems = parse_nik(make_nik(dd=dd, mm=mm, yy=yy), today=TODAY)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_date", {"date": text})]


@pytest.mark.parametrize(
    ("ddmmyy", "born"),
    [
        ("211125", date(2025, 11, 21)),  # today itself: this century
        ("221125", date(1925, 11, 22)),  # tomorrow in 2025 → 1925
        ("011225", date(1925, 12, 1)),  # later month this year → 1925
        ("311024", date(2024, 10, 31)),
        ("010126", date(1926, 1, 1)),  # next year → 1926
        ("010100", date(2000, 1, 1)),
        ("311299", date(1999, 12, 31)),
    ],
)
def test_century_pivot_around_today(ddmmyy: str, born: date) -> None:
    info, problems = parse_nik(make_nik(dd=ddmmyy[:2], mm=ddmmyy[2:4], yy=ddmmyy[4:]), today=TODAY)
    assert problems == []
    assert info is not None and info.birth_date == born


def test_serial_zero_refused() -> None:
    info, problems = parse_nik(make_nik(serial="0000"), today=TODAY)
    assert info is None
    assert codes(problems) == ["nik_serial_zero"]
    assert problems[0].is_error


def test_every_broken_rule_is_reported() -> None:
    info, problems = parse_nik(
        make_nik(area="990501", dd="32", mm="13", serial="0000"), today=TODAY, regions=get_regions()
    )
    assert info is None
    assert codes(problems) == ["nik_day", "nik_month", "nik_serial_zero", "nik_province_unknown"]


def test_field_name_is_used() -> None:
    _, problems = parse_nik("123", today=TODAY, field="heirs.0.nik")
    assert problems[0].field == "heirs.0.nik"


# ---------------------------------------------------------------- regions


def test_unknown_province_is_an_error(regions: Regions) -> None:
    info, problems = parse_nik(make_nik(area="990501"), today=TODAY, regions=regions)
    assert info is None
    assert [(p.code, dict(p.params), p.severity) for p in problems] == [
        ("nik_province_unknown", {"code": "99"}, Severity.ERROR)
    ]


def test_region_checks_only_with_regions() -> None:
    info, problems = parse_nik(make_nik(area="990501"), today=TODAY)
    assert problems == [] and info is not None and info.province_code == "99"


def test_unknown_regency_is_a_warning(regions: Regions) -> None:
    info, problems = parse_nik(make_nik(area="159901"), today=TODAY, regions=regions)
    assert info is not None and info.regency_code == "15.99"
    assert [(p.code, dict(p.params), p.severity) for p in problems] == [
        ("nik_regency_unknown", {"code": "15.99"}, Severity.WARNING)
    ]


def test_unknown_district_is_a_warning(regions: Regions) -> None:
    info, problems = parse_nik(make_nik(area="150599"), today=TODAY, regions=regions)
    assert info is not None and info.district_code == "15.05.99"
    assert [(p.code, dict(p.params), p.severity) for p in problems] == [
        ("nik_district_unknown", {"code": "15.05.99"}, Severity.WARNING)
    ]


@pytest.mark.parametrize(
    ("area", "regency"),
    [
        ("150601", "KABUPATEN TANJUNG JABUNG BARAT"),
        ("150701", "KABUPATEN TANJUNG JABUNG TIMUR"),
        ("150801", "KABUPATEN BUNGO"),
        ("150901", "KABUPATEN TEBO"),
    ],
)
def test_jambi_codes_are_kemendagri(regions: Regions, area: str, regency: str) -> None:
    info, problems = parse_nik(make_nik(area=area), today=TODAY, regions=regions)
    assert problems == []
    assert info is not None
    region = regions.regency(info.regency_code)
    assert region is not None and region.name == regency


# ---------------------------------------------------------------- No. KK


def test_kk_valid(regions: Regions) -> None:
    assert parse_kk("1505 0112 0115 0003", today=TODAY, regions=regions) == ("1505011201150003", [])


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        ("15050112011500O3", "kk_chars", {"char": "O"}),
        ("150501120115000", "kk_length", {"length": 15}),
        ("15050112011500031", "kk_length", {"length": 17}),
        ("1505013201150003", "kk_date", {"ddmmyy": "320115"}),
        ("1505014101150003", "kk_date", {"ddmmyy": "410115"}),  # no +40 on a KK
        ("1505012902230003", "kk_date", {"ddmmyy": "290223"}),
        ("1505011213150003", "kk_date", {"ddmmyy": "121315"}),
        ("1505011201150000", "kk_serial_zero", {}),
        ("9905011201150003", "kk_province_unknown", {"code": "99"}),
    ],
)
def test_kk_errors(regions: Regions, raw: str, code: str, params: dict) -> None:
    number, problems = parse_kk(raw, today=TODAY, regions=regions)
    assert number is None
    assert [(p.code, dict(p.params), p.severity) for p in problems] == [
        (code, params, Severity.ERROR)
    ]
    assert problems[0].field == "kk_number"


@pytest.mark.parametrize(
    ("raw", "code", "params"),
    [
        ("1599011201150003", "kk_regency_unknown", {"code": "15.99"}),
        ("1505991201150003", "kk_district_unknown", {"code": "15.05.99"}),
    ],
)
def test_kk_region_warnings(regions: Regions, raw: str, code: str, params: dict) -> None:
    number, problems = parse_kk(raw, today=TODAY, regions=regions)
    assert number == raw
    assert [(p.code, dict(p.params), p.severity) for p in problems] == [
        (code, params, Severity.WARNING)
    ]


def test_kk_issue_date_takes_century_like_nik() -> None:
    # 01-12-25 would be after today in 2025, so it reads as 1925: a real, past date.
    assert parse_kk("1505010112250003", today=TODAY)[0] == "1505010112250003"
    # From 1999, 29-02-00 would be in the future and 1900 is not a leap year.
    number, problems = parse_kk("1505012902000003", today=date(1999, 12, 31))
    assert number is None and codes(problems) == ["kk_date"]


# ---------------------------------------------------------------- mask


@pytest.mark.parametrize(
    ("nik", "masked"),
    [
        ("1505011203900001", "************0001"),
        ("1505 0112 0390 0001", "************0001"),
        ("12345", "*2345"),
        ("1234", "1234"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_mask_nik(nik: str, masked: str) -> None:
    assert mask_nik(nik) == masked


# ---------------------------------------------------------------- properties

_REGIONS = get_regions()
DISTRICTS = sorted(
    d.code
    for p in _REGIONS.provinces()
    for r in _REGIONS.regencies_of(p.code)
    for d in _REGIONS.districts_of(r.code)
)
SEPARATORS = [" ", ".", "-", "\u00a0", "  ", " - "]


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, date, date, Sex, str, str]:
    """(nik text, today, birth date, sex, district code, serial) for a well-formed NIK."""
    today = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31)))
    floor = max(date(1900, 1, 1), date(today.year - 100, 1, 1))
    born = draw(st.dates(min_value=floor, max_value=today))
    # The two-digit year must map back to the same century: within the last 100 years.
    if born.year < 2000:
        assume((born.year + 100, born.month, born.day) > (today.year, today.month, today.day))
    else:
        assume(born.year <= 2099)
    sex = draw(st.sampled_from(Sex))
    district = draw(st.sampled_from(DISTRICTS))
    serial = f"{draw(st.integers(min_value=1, max_value=9999)):04d}"
    dd = born.day + (40 if sex is Sex.FEMALE else 0)
    digits = f"{district.replace('.', '')}{dd:02d}{born.month:02d}{born.year % 100:02d}{serial}"
    # Insert separators at random places (including before and after).
    chars = list(digits)
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=len(chars)))
        chars.insert(at, draw(st.sampled_from(SEPARATORS)))
    return "".join(chars), today, born, sex, district, serial


@PROPERTY
@given(valid_niks())
def test_any_valid_nik_parses_back(case: tuple[str, date, date, Sex, str, str]) -> None:
    text, today, born, sex, district, serial = case
    info, problems = parse_nik(text, today=today, regions=_REGIONS)
    assert problems == []
    assert info is not None
    assert info.birth_date == born
    assert info.sex is sex
    assert info.district_code == district
    assert info.regency_code == district[:5]
    assert info.province_code == district[:2]
    assert info.serial == serial
    assert info.nik == normalize_digits(text)
    assert mask_nik(text) == "*" * 12 + serial


@PROPERTY
@given(
    valid_niks(),
    st.characters(categories=["Lu", "Ll"]),
    st.integers(min_value=0, max_value=40),
)
def test_any_letter_is_refused(
    case: tuple[str, date, date, Sex, str, str], letter: str, where: int
) -> None:
    text, today, *_ = case
    at = min(where, len(text))
    info, problems = parse_nik(text[:at] + letter + text[at:], today=today, regions=_REGIONS)
    assert info is None
    assert [(p.code, dict(p.params)) for p in problems] == [("nik_chars", {"char": letter})]


@PROPERTY
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_birth_date_never_after_today(today: date) -> None:
    # Whatever the two-digit year, the chosen date is never in the future (from 2000 on, 19YY
    # is always in the past).
    tomorrow = today + timedelta(days=1)
    nik = make_nik(
        dd=f"{tomorrow.day:02d}", mm=f"{tomorrow.month:02d}", yy=f"{tomorrow.year % 100:02d}"
    )
    info, _ = parse_nik(nik, today=today)
    assert info is None or info.birth_date <= today
