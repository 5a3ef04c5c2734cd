"""Indonesian mobile phone numbers: normalise what volunteers type to E.164, format for display.

Accepted: ``08…``, ``8…``, ``62…``, ``+62…``, ``0062…`` (and ``+62 (0)8…``) with spaces, dashes,
dots and brackets. A mobile national number matches ``8[1-35-9]\\d{7,10}``; operator prefixes
are not checked beyond that. ``phonenumbers`` classifies what is not an Indonesian mobile.

Problem codes (all errors):

================ ====================================================================
phone_chars      char: the first character that is not a digit, separator or leading +
phone_invalid    — (not a phone number: unparseable, too short or too long)
phone_not_mobile country_code: a valid number that is a landline or not Indonesian
================ ====================================================================

Blank input gives ``(None, [])``: whether a phone is required is the caller's rule.
"""

from __future__ import annotations

import re

import phonenumbers

from fieldreg.domain.problems import Problem, error

COUNTRY_CODE = "62"
MOBILE_RE = re.compile(r"8[1-35-9]\d{7,10}")
_E164_MAX_DIGITS = 15
_SEPARATORS = frozenset(
    "-.()[]\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\uff0e\uff08\uff09"
)


def _first_bad_char(text: str) -> str | None:
    for i, ch in enumerate(text):
        if ch == "+" and i == 0:
            continue
        if ch.isspace() or ch in _SEPARATORS:
            continue
        if not ("0" <= ch <= "9"):
            return ch
    return None


def _international_digits(text: str) -> str:
    """Country code + national number as digits, from any accepted input form."""
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    if text.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith(COUNTRY_CODE):
        return digits
    if digits.startswith("0"):
        return COUNTRY_CODE + digits[1:]
    return COUNTRY_CODE + digits


def _is_valid_number(e164: str) -> bool:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(number))


def normalize_phone(raw: str, *, field: str = "phone") -> tuple[str | None, list[Problem]]:
    """``"0812-3456-7890"`` → ``("+6281234567890", [])``; problems otherwise (see module doc)."""
    text = raw.strip()
    if not text:
        return None, []
    bad = _first_bad_char(text)
    if bad is not None:
        return None, [error(field, "phone_chars", char=bad)]

    intl = _international_digits(text)
    if not intl or len(intl) > _E164_MAX_DIGITS:
        return None, [error(field, "phone_invalid")]
    if not intl.startswith(COUNTRY_CODE):
        if _is_valid_number("+" + intl):
            code = phonenumbers.parse("+" + intl, None).country_code
            return None, [error(field, "phone_not_mobile", country_code=code)]
        return None, [error(field, "phone_invalid")]

    national = intl[len(COUNTRY_CODE) :]
    if national.startswith("0"):  # "+62 (0)812…": the trunk prefix written after the code
        national = national[1:]
    if national.startswith("8"):
        if MOBILE_RE.fullmatch(national):
            return "+" + COUNTRY_CODE + national, []
        return None, [error(field, "phone_invalid")]
    if _is_valid_number("+" + COUNTRY_CODE + national):
        return None, [error(field, "phone_not_mobile", country_code=int(COUNTRY_CODE))]
    return None, [error(field, "phone_invalid")]


def format_phone(e164: str) -> str:
    """``"+6281234567890"`` → ``"0812-3456-7890"``.

    Groups the national number with its leading 0 as 4-4-rest (``0812-3456-789``,
    ``0812-3456-78901``); a 10-digit number reads 4-3-3 (``0812-345-678``). Anything that is not
    ``+62…`` is returned unchanged.
    """
    prefix = "+" + COUNTRY_CODE
    if not e164.startswith(prefix) or not e164[len(prefix) :].isdigit():
        return e164
    national = "0" + e164[len(prefix) :]
    if len(national) <= 8:
        return national
    second = 3 if len(national) == 10 else 4
    return "-".join([national[:4], national[4 : 4 + second], national[4 + second :]])
