"""Pushed text checked on arrival, on SQLite and PostgreSQL alike: a NUL anywhere in a payload
(PostgreSQL text cannot hold one) and free text longer than the laptop allows are the entry's
``rejected`` outcome naming the field, never a 500; nothing of it is stored and the rest of the
batch goes on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from fieldreg.domain.codes import Status
from fieldreg.domain.registration import to_payload
from fieldreg.server import models as m
from fieldreg.server.db import Database
from fieldreg.server.service.textcheck import TEXT_CAPS
from tests.server.conftest import Laptop

Edit = Callable[[dict[str, Any], str], None]


def _data(key: str) -> Edit:
    def edit(p: dict[str, Any], text: str) -> None:
        p["data"][key] = text
    return edit


def _top(key: str) -> Edit:
    def edit(p: dict[str, Any], text: str) -> None:
        p[key] = text
    return edit


def _heir(key: str) -> Edit:
    def edit(p: dict[str, Any], text: str) -> None:
        p["data"]["heirs"][0][key] = text
    return edit


def _override(key: str) -> Edit:
    def edit(p: dict[str, Any], text: str) -> None:
        p["data"]["nik_override"] = {"reason": "KTP lama", "supervisor": "Budi",
                                     "at": "2026-01-15T09:00:00", key: text}
    return edit


def _consent(key: str) -> Edit:
    def edit(p: dict[str, Any], text: str) -> None:
        p["data"]["consent"][key] = text
    return edit


# field as the laptop names it → how to put a text there
FIELDS: dict[str, Edit] = {
    "nik": _data("nik"),
    "full_name": _data("full_name"),
    "work_location": _data("work_location"),
    "email": _data("email"),
    "street": _data("street"),
    "heirs.0.name": _heir("name"),
    "heirs.0.phone": _heir("phone"),
    "nik_override.reason": _override("reason"),
    "consent.volunteer_id": _consent("volunteer_id"),
    "village_name": _top("village_name"),
    "void_reason": _top("void_reason"),
    "updated_at": _top("updated_at"),
}


def registrations(db: Database) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(m.Registration)) or 0)


def payload_with_heir(laptop: Laptop) -> tuple[Any, dict[str, Any]]:
    reg = laptop.registration()
    payload = to_payload(reg)
    if not payload["data"]["heirs"]:
        payload["data"]["heirs"] = [{"name": "Siti Aminah", "relationship": "ISTRI", "nik": "",
                                     "birth_date": None, "phone": ""}]
    return reg, payload


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_nul_in_any_text_of_an_entry_is_rejected_naming_the_field(
    db: Database, enrolled: Laptop, field: str
) -> None:
    good = enrolled.registration()
    reg, payload = payload_with_heir(enrolled)
    FIELDS[field](payload, "ab\x00cd")
    r = enrolled.push(enrolled.entry(reg, payload=payload), enrolled.entry(good))
    assert r.status_code == 200, r.text  # PostgreSQL gave a 500 for a NUL in the NIK
    bad, ok = r.json()["results"]
    assert bad["outcome"] == "rejected"
    assert bad["problems"] == [{"field": field, "code": "text_nul", "params": {}}]
    assert ok["outcome"] == "applied"
    assert registrations(db) == 1  # only the good one
    # resent: the stored answer again (its receipt), still nothing stored
    [again] = enrolled.results(enrolled.entry(reg, seq=1, payload=payload))
    assert again["outcome"] == "replayed" and again["replay_of"] == "rejected"
    assert registrations(db) == 1


def test_a_nul_in_a_field_name_is_rejected(db: Database, enrolled: Laptop) -> None:
    reg = enrolled.registration()
    payload = to_payload(reg)
    payload["data"]["x\x00"] = "1"
    [result] = enrolled.results(enrolled.entry(reg, payload=payload))
    assert result["outcome"] == "rejected"
    assert result["problems"][0]["code"] == "text_nul"
    assert registrations(db) == 0


@pytest.mark.parametrize("field", ["work_location", "email", "nik_override.reason",
                                   "heirs.0.phone", "village_name", "consent.volunteer_id"])
def test_free_text_longer_than_the_laptop_allows_is_rejected_with_its_cap(
    db: Database, enrolled: Laptop, field: str
) -> None:
    cap = TEXT_CAPS[field.replace(".0.", ".*.")]
    reg, payload = payload_with_heir(enrolled)
    FIELDS[field](payload, "x" * (cap + 1))
    [result] = enrolled.results(enrolled.entry(reg, payload=payload))
    assert result["outcome"] == "rejected"
    assert result["problems"] == [{"field": field, "code": "text_too_long",
                                   "params": {"max": cap}}]
    assert registrations(db) == 0


def test_the_caps_are_the_laptops(db: Database, enrolled: Laptop) -> None:
    # At the cap a text goes through (the domain rules still judge it); a text the table does
    # not name gets the general cap.
    reg = enrolled.registration()
    data = reg.data.copy(work_location="x" * TEXT_CAPS["work_location"],
                         street="Dusun " + "x" * (TEXT_CAPS["street"] - 6))
    [ok] = enrolled.results(enrolled.entry(replace(reg, data=data)))
    assert ok["outcome"] == "applied"
    other = enrolled.registration()
    payload = to_payload(other)
    payload["note_from_a_newer_laptop"] = "x" * 201
    [long] = enrolled.results(enrolled.entry(other, payload=payload))
    assert long["problems"] == [{"field": "note_from_a_newer_laptop", "code": "text_too_long",
                                 "params": {"max": 200}}]
    assert TEXT_CAPS["full_name"] == 100 and TEXT_CAPS["birth_place"] == 60  # validation's


def test_a_voided_entry_is_checked_too(db: Database, enrolled: Laptop) -> None:
    # A void is not run through the domain rules: its free text is still capped.
    reg = replace(enrolled.registration(), status=Status.VOIDED, void_reason="r" * 201)
    [result] = enrolled.results(enrolled.entry(reg))
    assert result["outcome"] == "rejected"
    assert result["problems"][0] == {"field": "void_reason", "code": "text_too_long",
                                     "params": {"max": 200}}
    assert registrations(db) == 0


def test_a_payload_nested_deeper_than_any_record_is_rejected(
    db: Database, enrolled: Laptop
) -> None:
    for depth in (9, 900):  # a record nests three deep (data.heirs.0.name)
        reg = enrolled.registration()
        payload = to_payload(reg)
        nested: Any = "x"
        for _ in range(depth):
            nested = [nested]
        payload["extra"] = nested
        [result] = enrolled.results(enrolled.entry(reg, payload=payload))
        assert result["outcome"] == "rejected"
        assert result["problems"] == [{"field": "_entry", "code": "payload_invalid",
                                       "params": {}}]
    assert registrations(db) == 0
