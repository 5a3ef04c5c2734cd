"""Every text of a pushed payload checked on arrival, in one walk: no NUL anywhere (PostgreSQL
text cannot hold one, and no laptop types one) and no text longer than the laptop lets it be.

The caps are the laptop's: the lengths its validation enforces (names 100, birth place 60,
street 120: ``fieldreg.domain.validation``) and, for the fields it does not check by length,
the widths of the laptop's own columns (``fieldreg.store.models``). A text the table does not
name (a key a newer laptop might add) gets ``OTHER_CAP``. The first offending text makes the
entry ``rejected`` with a problem that names the field as the laptop names it (``full_name``,
``heirs.0.name``, ``void_reason``), so the volunteer is sent to the right place.
"""

from __future__ import annotations

from typing import Any

from fieldreg.sync.protocol import WireProblem

NUL_CODE = "text_nul"
TOO_LONG_CODE = "text_too_long"
OTHER_CAP = 200
DATE_CAP = 32  # ISO dates and times
MAX_DEPTH = 8  # a record nests three deep (data.heirs.0.name)

# Field (as the laptop names it; ``*`` for a list index) → longest text accepted.
TEXT_CAPS: dict[str, int] = {
    # the record (outside ``data``)
    "id": 36, "device_id": 36, "volunteer_id": 36, "created_at": DATE_CAP,
    "updated_at": DATE_CAP, "status": 16, "void_reason": 200, "village_name": 100,
    "regions_version": 64, "participant_number": 16,
    # ``data``: validated lengths
    "full_name": 100, "mother_maiden_name": 100, "birth_place": 60, "street": 120,
    "heirs.*.name": 100,
    # ``data``: the laptop's column widths
    "nik": 32, "birth_date": DATE_CAP, "sex": 1, "kk_number": 32, "rt": 8, "rw": 8,
    "village_code": 16, "phone": 32, "email": 120, "work_location": 120, "occupation_code": 32,
    "programmes": 16, "funding_source": 16, "coverage_start": DATE_CAP,
    "coverage_end": DATE_CAP,
    "heirs.*.relationship": 20, "heirs.*.nik": 32, "heirs.*.birth_date": DATE_CAP,
    "heirs.*.phone": 32,
    "consent.given_at": DATE_CAP, "consent.method": 8, "consent.notice_version": 16,
    "consent.volunteer_id": 36,
    "nik_override.reason": 200, "nik_override.supervisor": 80, "nik_override.at": DATE_CAP,
}


def cap_of(field: str) -> int:
    key = ".".join("*" if part.isdigit() else part for part in field.split("."))
    return TEXT_CAPS.get(key, OTHER_CAP)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _field(path: str) -> str:
    """The payload path as the laptop names the field: ``data.`` dropped."""
    if path == "data":
        return "_entry"
    return path.removeprefix("data.") or "_entry"


def _text_problem(text: str, path: str) -> WireProblem | None:
    if "\x00" in text:
        return WireProblem(field=_field(path), code=NUL_CODE)
    cap = cap_of(_field(path))
    if len(text) > cap:
        return WireProblem(field=_field(path), code=TOO_LONG_CODE, params={"max": cap})
    return None


def payload_problem(payload: dict[str, Any]) -> WireProblem | None:
    """The first text of ``payload`` (in document order) holding a NUL or longer than its cap,
    or nested deeper than any record is, as a problem. Iterative: no depth reaches the stack."""
    stack: list[tuple[Any, str, int]] = [(payload, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            if (problem := _text_problem(value, path)) is not None:
                return problem
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            return WireProblem(field="_entry", code="payload_invalid")
        if isinstance(value, list):
            items = [(item, _join(path, str(i))) for i, item in enumerate(value)]
        else:
            items = []
            for key, item in value.items():
                if "\x00" in key:  # the field has no name worth showing: its parent's
                    return WireProblem(field=_field(path), code=NUL_CODE)
                if len(key) > OTHER_CAP:
                    return WireProblem(field=_field(path), code=TOO_LONG_CODE,
                                       params={"max": OTHER_CAP})
                items.append((item, _join(path, key)))
        stack.extend((item, sub, depth + 1) for item, sub in reversed(items))
    return None
