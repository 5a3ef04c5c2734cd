"""NIK (Nomor Induk Kependudukan) and No. KK: normalisation, parsing and masking.

NIK layout (docs/DOMAIN.md): ``PP KK CC DD MM YY SSSS`` — province, regency and kecamatan codes
of the place of issue, birth day (plus 40 for women), month, two-digit year, serial 0001–9999.
There is no checksum. No. KK has the same area prefix, then the issue date DDMMYY (no +40) and a
serial.

Problems are data (``Problem``), one stable code per rule:

======================== ======== ==================================================
code                     severity params
======================== ======== ==================================================
nik_chars / kk_chars     error    char: the first character that is not a digit
nik_length / kk_length   error    length: digits after stripping separators
nik_day                  error    day: the DD value (00, 32–40 or 72–99)
nik_month                error    month: the MM value (00 or 13–99)
nik_date                 error    date: ``YYYY-MM-DD`` in the chosen century (29 Feb 1900)
nik_serial_zero          error    —
kk_date                  error    ddmmyy: the six digits of the issue date
kk_serial_zero           error    —
nik_province_unknown     error    code: ``"99"``  (also ``kk_province_unknown``)
nik_regency_unknown      warning  code: ``"15.99"``  (also ``kk_regency_unknown``)
nik_district_unknown     warning  code: ``"15.05.99"``  (also ``kk_district_unknown``)
======================== ======== ==================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fieldreg.domain.codes import Sex
from fieldreg.domain.problems import Problem, Severity, error

if TYPE_CHECKING:
    from fieldreg.domain.regions import Regions

NIK_LENGTH = 16
KK_LENGTH = 16
_DIGITS = frozenset("0123456789")
# Separators people type or paste into a NIK: any whitespace (including no-break spaces),
# dots and the many dashes word processors produce.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_DOTS = frozenset(".\u00b7\u2024\uff0e")
_SEPARATORS = _DASHES | _DOTS


def normalize_digits(raw: str) -> str:
    """Drop spaces (any Unicode whitespace), dots and dashes; leave every other char in place."""
    return "".join(ch for ch in raw if not (ch.isspace() or ch in _SEPARATORS))


@dataclass(frozen=True)
class NikInfo:
    """What a well-formed NIK says about its holder and where it was issued."""

    nik: str  # 16 digits, normalised
    province_code: str  # "15"
    regency_code: str  # "15.05"
    district_code: str  # "15.05.01"
    birth_date: date
    sex: Sex
    serial: str  # "0001"


def _area_codes(digits: str) -> tuple[str, str, str]:
    return digits[0:2], f"{digits[0:2]}.{digits[2:4]}", f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def _choose_year(yy: int, month: int, day: int, today: date) -> int:
    """20YY unless that (year, month, day) lies after today, then 19YY.

    Compared as a tuple so that an impossible day (29 Feb 2001) still picks a century.
    """
    year = 2000 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_shape(digits: str, field: str, prefix: str, length: int) -> Problem | None:
    for ch in digits:
        if ch not in _DIGITS:
            return error(field, f"{prefix}_chars", char=ch)
    if len(digits) != length:
        return error(field, f"{prefix}_length", length=len(digits))
    return None


def _check_area(digits: str, regions: Regions, field: str, prefix: str) -> list[Problem]:
    # Built directly: the ``code`` parameter would clash with error()/warning()'s own ``code``.
    province, regency, district = _area_codes(digits)
    if regions.province(province) is None:
        return [Problem(field, f"{prefix}_province_unknown", {"code": province}, Severity.ERROR)]
    if regions.regency(regency) is None:
        return [Problem(field, f"{prefix}_regency_unknown", {"code": regency}, Severity.WARNING)]
    if regions.district(district) is None:
        return [Problem(field, f"{prefix}_district_unknown", {"code": district}, Severity.WARNING)]
    return []


def parse_nik(
    raw: str,
    *,
    today: date,
    regions: Regions | None = None,
    field: str = "nik",
) -> tuple[NikInfo | None, list[Problem]]:
    """Parse a NIK typed by a volunteer.

    Returns ``(info, problems)``; ``info`` is None as soon as any problem is an error, and is
    returned together with warnings (unknown regency or kecamatan). Region checks run only when
    ``regions`` is given. Every applicable rule is reported, not only the first.
    """
    digits = normalize_digits(raw)
    shape = _check_shape(digits, field, "nik", NIK_LENGTH)
    if shape is not None:
        return None, [shape]

    problems: list[Problem] = []
    dd, mm, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    serial = digits[12:16]

    sex = Sex.FEMALE if dd > 40 else Sex.MALE
    day = dd - 40 if dd > 40 else dd
    day_ok = 1 <= dd <= 31 or 41 <= dd <= 71
    month_ok = 1 <= mm <= 12
    if not day_ok:
        problems.append(error(field, "nik_day", day=dd))
    if not month_ok:
        problems.append(error(field, "nik_month", month=mm))
    birth: date | None = None
    if day_ok and month_ok:
        year = _choose_year(yy, mm, day, today)
        birth = _real_date(year, mm, day)
        if birth is None:
            problems.append(error(field, "nik_date", date=f"{year:04d}-{mm:02d}-{day:02d}"))
    if serial == "0000":
        problems.append(error(field, "nik_serial_zero"))
    if regions is not None:
        problems.extend(_check_area(digits, regions, field, "nik"))

    if birth is None or any(p.is_error for p in problems):
        return None, problems
    province, regency, district = _area_codes(digits)
    info = NikInfo(
        nik=digits,
        province_code=province,
        regency_code=regency,
        district_code=district,
        birth_date=birth,
        sex=sex,
        serial=serial,
    )
    return info, problems


def parse_kk(
    raw: str,
    *,
    today: date,
    regions: Regions | None = None,
    field: str = "kk_number",
) -> tuple[str | None, list[Problem]]:
    """Parse a No. KK (family card number): area prefix, issue date DDMMYY, serial ≠ 0000.

    The issue date takes the century like a NIK's birth date (20YY unless after today) and must
    be a real date not after ``today``. Returns the normalised 16 digits when there is no error.
    """
    digits = normalize_digits(raw)
    shape = _check_shape(digits, field, "kk", KK_LENGTH)
    if shape is not None:
        return None, [shape]

    problems: list[Problem] = []
    dd, mm, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    year = _choose_year(yy, mm, dd, today)
    issued = _real_date(year, mm, dd)
    if issued is None or issued > today:
        problems.append(error(field, "kk_date", ddmmyy=digits[6:12]))
    if digits[12:16] == "0000":
        problems.append(error(field, "kk_serial_zero"))
    if regions is not None:
        problems.extend(_check_area(digits, regions, field, "kk"))

    if any(p.is_error for p in problems):
        return None, problems
    return digits, problems


def mask_nik(nik: str) -> str:
    """``"************1234"``: only the last four digits shown; shorter input is all stars."""
    digits = normalize_digits(nik)
    if len(digits) < 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def display_nik(nik: str) -> str:
    """A NIK on screen in a list: region and serial shown, birth date hidden
    (``150501••••••9001``); anything but 16 characters is shown as it is."""
    if len(nik) != 16:
        return nik
    return nik[:6] + "••••••" + nik[12:]
