"""Enrolment: one-time codes, the same laptop again, codes used, expired or unknown, the rate
limit, colliding number prefixes; and device tokens (revocation takes effect at once)."""

from __future__ import annotations

from unittest import mock

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.domain import participant_number
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin, enrolment
from fieldreg.sync.protocol import API, PROTOCOL, EnrolResponse, b64, token_hash
from tests.server.conftest import ADMIN, DISTRICT, Clock, Laptop, new_code
from tools.sample_data import SampleFactory


def error_code(r: object) -> str:
    body = r.json()  # type: ignore[attr-defined]
    assert body["protocol"] == PROTOCOL
    return str(body["error"]["code"])


def test_enrol_gives_a_device_token_district_and_number_prefix(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings)
    assert len(code) == 14 and code[4] == code[9] == "-"
    r = laptop.enrol(code.lower().replace("-", " "))  # typed in lower case, with spaces
    assert r.status_code == 200, r.text
    answer = EnrolResponse.model_validate(r.json())
    assert answer.protocol == PROTOCOL
    assert answer.device_id == laptop.device_id
    assert answer.district.code == DISTRICT and answer.district.name == "Muaro Jambi"
    assert answer.number_prefix == participant_number.device_part(laptop.public_key)
    with db.reader() as s:
        device = s.get(m.Device, laptop.device_id)
        assert device is not None
        assert device.token_hash == token_hash(answer.token)  # stored hashed, never in clear
        assert device.public_key == laptop.public_key
        codes = s.scalars(select(m.EnrolmentCode)).all()
        assert [c.device_id for c in codes] == [laptop.device_id]
        assert all(code.replace("-", "") not in c.code_hash for c in codes)
        kinds = s.scalars(select(m.Feed.kind).where(m.Feed.district_code == DISTRICT)).all()
        assert "keys" in kinds
        actions = s.scalars(select(m.Audit.action)).all()
        assert "device.enrolled" in actions


def test_codes_read_o_as_zero_and_i_l_as_one() -> None:
    assert enrolment.normalize_code("abcd-eoil-1234") == "ABCDE011" + "1234"
    assert enrolment.code_hash("ABCD E0 11 1234") == enrolment.code_hash("abcd-eoil-1234")


def test_same_code_and_key_again_is_the_same_device_with_a_new_token(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings)
    first = laptop.enrol(code).json()
    second = laptop.enrol(code)
    assert second.status_code == 200
    again = second.json()
    assert again["device_id"] == first["device_id"]
    assert again["token"] != first["token"]
    # Only the newest token works (tokens are stored hashed: the old one is replaced).
    pull = client.get(f"{API}/sync/pull", headers={"Authorization": f"Bearer {again['token']}"})
    assert pull.status_code == 200
    old = client.get(f"{API}/sync/pull", headers={"Authorization": f"Bearer {first['token']}"})
    assert old.status_code == 401 and error_code(old) == "unauthorized"
    with db.reader() as s:
        assert len(s.scalars(select(m.Device)).all()) == 1


def test_a_code_used_by_another_key_is_refused(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory
) -> None:
    code = new_code(db, settings)
    assert Laptop(client, factory).enrol(code).status_code == 200
    other = Laptop(client, factory, name="Laptop lain")
    r = other.enrol(code)
    assert r.status_code == 409 and error_code(r) == "code_used"
    # The same device id with another key is refused too.
    thief = Laptop(client, factory)
    thief.device_id = other.device_id
    assert thief.enrol(code).status_code == 409


def test_expired_and_unknown_codes(
    client: TestClient, db: Database, settings: Settings, clock: Clock, factory: SampleFactory
) -> None:
    code = new_code(db, settings, hours=1)
    clock.advance(hours=1, seconds=1)
    r = Laptop(client, factory).enrol(code)
    assert r.status_code == 410 and error_code(r) == "code_expired"
    r = Laptop(client, factory).enrol("ABCD-EFGH-JKMN")
    assert r.status_code == 404 and error_code(r) == "code_unknown"


def test_a_code_for_an_unknown_district_cannot_be_made(db: Database, settings: Settings) -> None:
    with pytest.raises(admin.AdminError):
        enrolment.create_code(db, settings, "15.99", hours=72, actor=ADMIN)


def test_rate_limit_per_address_with_retry_after(
    client: TestClient, db: Database, settings: Settings, clock: Clock, factory: SampleFactory
) -> None:
    for _ in range(settings.enrol_attempts):
        r = Laptop(client, factory).enrol("AAAA-BBBB-CCCC")
        assert r.status_code == 404
    clock.advance(minutes=4)
    r = Laptop(client, factory).enrol(new_code(db, settings))  # even a good code waits
    assert r.status_code == 429 and error_code(r) == "rate_limited"
    retry = int(r.headers["Retry-After"])
    assert retry == 6 * 60  # the oldest attempt leaves the 10-minute window in 6 minutes
    clock.advance(seconds=retry)
    assert Laptop(client, factory).enrol(new_code(db, settings)).status_code == 200


def test_rate_limit_counts_per_client_address(
    db: Database, settings: Settings, factory: SampleFactory, app: object
) -> None:
    # Another address is not held back by the first one's attempts.
    with TestClient(app, client=("10.0.0.1", 5000)) as one, \
            TestClient(app, client=("10.0.0.2", 5000)) as two:
        for _ in range(settings.enrol_attempts):
            Laptop(one, factory).enrol("AAAA-BBBB-CCCC")
        assert Laptop(one, factory).enrol("AAAA-BBBB-CCCC").status_code == 429
        assert Laptop(two, factory).enrol(new_code(db, settings)).status_code == 200


def test_a_new_device_whose_number_prefix_is_taken_is_refused(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory
) -> None:
    first = Laptop(client, factory)
    assert first.enrol(new_code(db, settings)).status_code == 200
    other = Laptop(client, factory, name="Laptop kembar")
    # A different key whose device part collides (30 bits: forced here).
    with mock.patch.object(participant_number, "device_part",
                           return_value=participant_number.device_part(first.public_key)):
        r = other.enrol(new_code(db, settings))
    assert r.status_code == 409 and error_code(r) == "device_part_taken"
    # Once the first device is revoked its prefix is free again.
    admin.revoke_device(db, settings, first.device_id, actor=ADMIN)
    with mock.patch.object(participant_number, "device_part",
                           return_value=participant_number.device_part(first.public_key)):
        assert other.enrol(new_code(db, settings)).status_code == 200


def test_revoked_device_is_refused_at_once_and_the_keys_feed_says_so(
    client: TestClient, db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    assert enrolled.pull()["keys"] is not None
    cursor = second.pull()["cursor"]
    admin.revoke_device(db, settings, enrolled.device_id, actor=ADMIN)
    for r in (enrolled.push(), client.get(f"{API}/sync/pull", headers=enrolled.auth)):
        assert r.status_code == 401 and error_code(r) == "device_revoked"
    keys = second.pull(cursor)["keys"]
    assert {k["device_id"]: k["revoked"] for k in keys} == {
        enrolled.device_id: True, second.device_id: False}
    with pytest.raises(admin.AdminError):
        admin.revoke_device(db, settings, enrolled.device_id, actor=ADMIN)


def test_missing_or_unknown_token_is_unauthorized(client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        r = client.get(f"{API}/sync/pull", headers=headers)
        assert r.status_code == 401 and error_code(r) == "unauthorized"
        r = client.post(f"{API}/sync/push", json={"entries": []}, headers=headers)
        assert r.status_code == 401 and error_code(r) == "unauthorized"


def test_last_seen_is_recorded(
    db: Database, settings: Settings, clock: Clock, enrolled: Laptop
) -> None:
    enrolled.pull()
    with db.reader() as s:
        device = s.get(m.Device, enrolled.device_id)
        assert device is not None and device.last_seen_at == clock.now
    clock.advance(minutes=5)
    enrolled.push()
    with db.reader() as s:
        device = s.get(m.Device, enrolled.device_id)
        assert device is not None and device.last_seen_at == clock.now


# ---------------------------------------------------------------- proof of the device's key


def token_works(client: TestClient, token: str) -> bool:
    r = client.get(f"{API}/sync/pull", headers={"Authorization": f"Bearer {token}"})
    return r.status_code == 200


def stored(db: Database, device_id: str) -> m.Device:
    with db.reader() as s:
        device = s.get(m.Device, device_id)
        assert device is not None
        s.expunge(device)
        return device


def test_another_laptops_id_and_key_with_a_fresh_code_do_not_take_it_over(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory,
    enrolled: Laptop
) -> None:
    # Device ids and public keys are public: every laptop of the district pulls them.
    victim = enrolled
    assert {k["device_id"] for k in victim.pull()["keys"]} == {victim.device_id}
    before = stored(db, victim.device_id)
    code = new_code(db, settings)
    thief = Laptop(client, factory, name="Laptop pencuri")
    thief.device_id, thief.public_key = victim.device_id, victim.public_key
    unsigned = {k: v for k, v in thief.enrol_request(code).items() if k != "signature"}
    forged = thief.enrol_request(code)  # signed by the thief's own key
    zeros = {**forged, "signature": b64(bytes(64))}
    for body in (unsigned, forged, zeros, {**forged, "signature": "not base64!"}):
        r = client.post(f"{API}/enrol", json=body)
        assert r.status_code == 403 and error_code(r) == "signature_invalid", r.text
    # Nothing changed: the victim's token works, the code is still unused.
    assert token_works(client, victim.token)
    after = stored(db, victim.device_id)
    assert (after.token_hash, after.name, after.district_code) == (
        before.token_hash, before.name, before.district_code)
    with db.reader() as s:
        row = s.scalars(select(m.EnrolmentCode).where(
            m.EnrolmentCode.code_hash == enrolment.code_hash(code))).one()
        assert row.used_at is None and row.device_id is None
        assert "device.re_enrolled" not in s.scalars(select(m.Audit.action)).all()
    # The laptop itself, signing with its own key, can use the code (a lost token): audited.
    old_token = victim.token
    r = victim.enrol(code)
    assert r.status_code == 200, r.text
    assert r.json()["device_id"] == victim.device_id
    assert token_works(client, victim.token) and not token_works(client, old_token)
    with db.reader() as s:
        audits = s.scalars(select(m.Audit).where(m.Audit.action == "device.re_enrolled")).all()
        assert [a.entity_id for a in audits] == [victim.device_id]


def test_the_signature_covers_every_field_of_the_request(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings)
    body = laptop.enrol_request(code)
    other = Laptop(client, factory)
    for field, value in (("device_name", "Laptop lain"), ("app_version", "9.9"),
                         ("device_id", other.device_id), ("public_key", b64(other.public_key)),
                         ("challenge", laptop.challenge() + "0"), ("code", code.lower())):
        r = client.post(f"{API}/enrol", json={**body, field: value})
        assert r.status_code == 403 and error_code(r) == "signature_invalid", field
    assert client.post(f"{API}/enrol", json=body).status_code == 200


def test_a_retry_with_the_used_code_after_it_expired_is_refused(
    client: TestClient, db: Database, settings: Settings, clock: Clock, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings, hours=1)
    assert laptop.enrol(code).status_code == 200
    token = laptop.token
    clock.advance(hours=1, seconds=1)
    r = laptop.enrol(code)
    assert r.status_code == 410 and error_code(r) == "code_expired"
    assert token_works(client, token)
    assert stored(db, laptop.device_id).token_hash == token_hash(token)


def test_an_enrolled_device_never_moves_to_another_district(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory,
    enrolled: Laptop
) -> None:
    admin.add_district(db, settings, "15.06", "Tanjung Jabung Timur", actor=ADMIN)
    before = stored(db, enrolled.device_id)
    code = new_code(db, settings, district="15.06")
    r = enrolled.enrol(code)  # signed for its own district
    assert r.status_code == 403 and error_code(r) == "wrong_district"
    enrolled.district = "15.06"  # or signed as if it were the other district's
    r = enrolled.enrol(code)
    assert r.status_code == 403 and error_code(r) == "wrong_district"
    after = stored(db, enrolled.device_id)
    assert after.district_code == DISTRICT == before.district_code
    assert after.token_hash == before.token_hash and token_works(client, enrolled.token)
    with db.reader() as s:
        row = s.scalars(select(m.EnrolmentCode).where(
            m.EnrolmentCode.code_hash == enrolment.code_hash(code))).one()
        assert row.used_at is None
    # A new laptop set up for this district is not enrolled with the other district's code
    # either; one set up for that district is.
    assert Laptop(client, factory).enrol(code).status_code == 403
    newcomer = Laptop(client, factory, name="Laptop Tanjabtim")
    newcomer.district = "15.06"
    r = newcomer.enrol(code)
    assert r.status_code == 200 and r.json()["district"]["code"] == "15.06"


def test_a_replayed_enrolment_is_refused(
    client: TestClient, db: Database, settings: Settings, clock: Clock, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings)
    challenge = laptop.challenge()
    clock.advance(seconds=2)  # the request reaches the server a little after its challenge
    captured = laptop.enrol_request(code, challenge=challenge)
    r = client.post(f"{API}/enrol", json=captured)
    assert r.status_code == 200
    token = r.json()["token"]
    clock.advance(seconds=30)
    replay = client.post(f"{API}/enrol", json=captured)  # within the challenge's window
    assert replay.status_code == 409 and error_code(replay) == "challenge_stale"
    assert token_works(client, token)
    # The laptop itself retrying (its answer was lost) signs a newer challenge: same device.
    r = laptop.enrol(code)
    assert r.status_code == 200 and r.json()["device_id"] == laptop.device_id
    assert not token_works(client, token) and token_works(client, laptop.token)
    # … and that request cannot be replayed either.
    clock.advance(seconds=1)
    again = laptop.enrol_request(code, challenge=laptop.challenge())
    clock.advance(seconds=1)
    assert client.post(f"{API}/enrol", json=again).status_code == 200
    assert client.post(f"{API}/enrol", json=again).status_code == 409


def test_a_challenge_is_taken_only_for_a_few_minutes(
    client: TestClient, db: Database, settings: Settings, clock: Clock, factory: SampleFactory
) -> None:
    laptop = Laptop(client, factory)
    code = new_code(db, settings)
    old = laptop.challenge()
    clock.advance(minutes=5, seconds=1)
    ahead = (clock.now + enrolment.CHALLENGE_AHEAD * 2).isoformat(timespec="microseconds")
    for challenge in (old, ahead, "", "yesterday", clock.now.isoformat() + "+00:00"):
        r = client.post(f"{API}/enrol", json=laptop.enrol_request(code, challenge=challenge))
        assert r.status_code == 409 and error_code(r) == "challenge_stale", challenge
    assert laptop.enrol(code).status_code == 200
