"""Pull: cursors and pages, district-side changes reaching the owning laptop only, keys,
revoked serials and reference data."""

from __future__ import annotations

from fastapi.testclient import TestClient

from fieldreg.domain.contributions import get_contribution_table
from fieldreg.domain.occupations import get_occupations
from fieldreg.domain.regions import get_regions
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin
from fieldreg.sync.protocol import API, PullResponse
from tests.server.conftest import ADMIN, DISTRICT, Laptop


def applied(laptop: Laptop, n: int) -> list[str]:
    """Push ``n`` new records; their participant numbers."""
    regs = [laptop.registration() for _ in range(n)]
    results = laptop.results(*(laptop.entry(r) for r in regs))
    assert {r["outcome"] for r in results} == {"applied"}
    return [r.participant_number or "" for r in regs]


def test_the_first_pull_carries_reference_data_and_keys(
    enrolled: Laptop, second: Laptop
) -> None:
    body = enrolled.pull()
    PullResponse.model_validate(body)
    ref = body["reference"]
    assert ref["regions_version"] == get_regions().version
    assert ref["occupations_version"] == get_occupations().version
    assert ref["contributions_version"] == get_contribution_table().version
    assert {k["device_id"] for k in body["keys"]} == {enrolled.device_id, second.device_id}
    assert body["records"] == [] and body["more"] is False
    # Nothing new since: no reference, no keys.
    again = enrolled.pull(body["cursor"])
    assert again["reference"] is None and again["keys"] is None
    assert again["cursor"] == body["cursor"]


def test_own_pushes_are_not_fed_back_but_district_changes_are(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    cursor1 = enrolled.pull()["cursor"]
    cursor2 = second.pull()["cursor"]
    verified, voided, untouched = applied(enrolled, 3)
    assert enrolled.pull(cursor1)["records"] == []
    admin.verify(db, settings, verified, actor=ADMIN)
    admin.void(db, settings, voided, "meninggal sebelum didaftar", actor=ADMIN)
    body = enrolled.pull(cursor1)
    by_number = {r["participant_number"]: r for r in body["records"]}
    assert set(by_number) == {verified, voided}
    assert by_number[verified]["status"] == "verified"
    assert by_number[verified]["server_version"] == 2
    assert by_number[voided]["status"] == "voided"
    assert by_number[voided]["problems"] == [{
        "field": "_entry", "code": "voided_by_district",
        "params": {"reason": "meninggal sebelum didaftar"}}]
    # The other laptop of the district never gets them.
    other = second.pull(cursor2)
    assert other["records"] == []
    assert untouched not in str(body)


def test_pages_follow_the_cursor_until_nothing_is_left(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    cursor = enrolled.pull()["cursor"]
    numbers = applied(enrolled, 5)
    other_numbers = applied(second, 2)
    # Interleave the district's changes of both laptops' records.
    for mine, theirs in zip(numbers, [*other_numbers, "", "", ""], strict=True):
        admin.verify(db, settings, mine, actor=ADMIN)
        if theirs:
            admin.verify(db, settings, theirs, actor=ADMIN)
    seen: list[str] = []
    pages = 0
    while True:
        body = enrolled.pull(cursor, limit=2)
        pages += 1
        seen += [r["participant_number"] for r in body["records"]]
        assert len(body["records"]) <= 2
        cursor = body["cursor"]
        if not body["more"]:
            break
    assert seen == numbers  # in the order the district changed them, each once
    assert pages == 3
    assert enrolled.pull(cursor)["records"] == []


def test_bad_cursors_and_limits(client: TestClient, enrolled: Laptop) -> None:
    for cursor in ("nonsense", "f1:15.05:x", "f2:15.05:1", "f1:15.05:-1"):
        r = client.get(f"{API}/sync/pull", params={"cursor": cursor}, headers=enrolled.auth)
        assert r.status_code == 400, cursor
        assert r.json()["error"]["code"] == "bad_request"
    for limit in (0, 2001):
        r = client.get(f"{API}/sync/pull", params={"limit": limit}, headers=enrolled.auth)
        assert r.status_code == 422


def test_a_cursor_of_another_district_or_past_the_end_starts_again(enrolled: Laptop) -> None:
    for cursor in ("f1:15.71:3", "f1:15.05:999999"):
        body = enrolled.pull(cursor)
        assert body["reference"] is not None and body["keys"] is not None
        assert body["cursor"].startswith(f"f1:{DISTRICT}:")


def test_targets_reach_the_laptops_as_reference_data(
    db: Database, settings: Settings, enrolled: Laptop
) -> None:
    cursor = enrolled.pull()["cursor"]
    village = get_regions().villages_of(get_regions().districts_of(DISTRICT)[0].code)[0].code
    admin.set_target(db, settings, DISTRICT, village, 120, actor=ADMIN)
    body = enrolled.pull(cursor)
    assert body["reference"]["targets"] == [{"village_code": village, "target": 120}]
    admin.set_target(db, settings, DISTRICT, village, 150, actor=ADMIN)
    body = enrolled.pull(body["cursor"])
    assert body["reference"]["targets"] == [{"village_code": village, "target": 150}]


def test_a_void_by_the_district_reaches_only_the_owning_laptop(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    a = enrolled.registration()
    enrolled.results(enrolled.entry(a))
    b = second.registration(data=a.data.copy())
    assert second.results(second.entry(b))[0]["outcome"] == "duplicate"
    cursor = second.pull()["cursor"]
    admin.void(db, settings, a.participant_number or "", "data ganda", actor=ADMIN)
    assert second.pull(cursor)["records"] == []  # a's owner is the first laptop
    [record] = enrolled.pull()["records"]
    assert record["record_id"] == a.id and record["status"] == "voided"
