"""Push: outcomes per entry (applied, replayed, sequence_reused, rejected, duplicate, conflict),
receipts, NIK uniqueness across devices, applied_through and revoked card serials."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import func, select

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.domain.registration import to_payload
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin
from tests.server.conftest import ADMIN, Laptop


def stored(db: Database, record_id: str) -> m.Registration:
    with db.reader() as s:
        row = s.get(m.Registration, record_id)
        assert row is not None
        return row


def receipts(db: Database, device_id: str) -> dict[int, str]:
    with db.reader() as s:
        return dict(s.execute(select(m.Receipt.seq, m.Receipt.outcome)
                              .where(m.Receipt.device_id == device_id)).tuples().all())


def test_a_new_record_is_applied(db: Database, enrolled: Laptop) -> None:
    reg = enrolled.registration()
    [result] = enrolled.results(enrolled.entry(reg))
    assert result["outcome"] == "applied"
    assert result["seq"] == 1 and result["record_id"] == reg.id
    assert result["participant_number"] == reg.participant_number
    assert result["server_version"] == 1
    row = stored(db, reg.id)
    assert row.status == "accepted" and row.nik == reg.nik
    assert row.device_id == enrolled.device_id and row.district_code == "15.05"
    assert receipts(db, enrolled.device_id) == {1: "applied"}


def test_a_resent_entry_is_replayed_with_the_stored_outcome(
    db: Database, enrolled: Laptop
) -> None:
    reg = enrolled.registration()
    entry = enrolled.entry(reg)
    first = enrolled.results(entry)[0]
    again = enrolled.results(entry)[0]
    assert again["outcome"] == "replayed" and again["replay_of"] == "applied"
    for key in ("seq", "record_id", "participant_number", "server_version"):
        assert again[key] == first[key]
    assert stored(db, reg.id).server_version == 1  # not applied twice


def test_a_reused_seq_with_another_payload_is_refused_and_the_receipt_kept(
    db: Database, enrolled: Laptop
) -> None:
    reg = enrolled.registration()
    entry = enrolled.entry(reg)
    enrolled.results(entry)
    other = enrolled.registration()
    [result] = enrolled.results(enrolled.entry(other, seq=entry["seq"]))
    assert result["outcome"] == "rejected"
    assert result["problems"] == [{"field": "_entry", "code": "sequence_reused", "params": {}}]
    with db.reader() as s:
        assert s.get(m.Registration, other.id) is None
    # The first receipt still answers the first payload.
    assert enrolled.results(entry)[0]["replay_of"] == "applied"


def test_invalid_data_is_rejected_with_the_domain_problems(
    db: Database, enrolled: Laptop
) -> None:
    reg = enrolled.registration()
    bad = replace(reg, data=reg.data.copy(nik="1505", full_name=""))
    entry = enrolled.entry(bad)
    [result] = enrolled.results(entry)
    assert result["outcome"] == "rejected"
    codes = {(p["field"], p["code"]) for p in result["problems"]}
    assert ("nik", "nik_length") in codes and ("full_name", "required") in codes
    with db.reader() as s:
        assert s.get(m.Registration, reg.id) is None
    # A rejection has a receipt too: the same entry again is its replay.
    again = enrolled.results(entry)[0]
    assert again["outcome"] == "replayed" and again["replay_of"] == "rejected"
    assert again["problems"] == result["problems"]


def test_a_rejected_entry_does_not_block_the_others(db: Database, enrolled: Laptop) -> None:
    good1, bad, good2 = (enrolled.registration() for _ in range(3))
    bad = replace(bad, data=bad.data.copy(village_code="99.99.99.9999"))
    results = enrolled.results(*(enrolled.entry(r) for r in (good1, bad, good2)))
    assert [r["outcome"] for r in results] == ["applied", "rejected", "applied"]
    assert [r["seq"] for r in results] == [1, 2, 3]
    assert results[1]["problems"][0]["field"] == "village_code"
    assert stored(db, good2.id).status == "accepted"
    assert receipts(db, enrolled.device_id) == {1: "applied", 2: "rejected", 3: "applied"}


def test_payload_must_be_the_entrys_record_and_this_devices(enrolled: Laptop) -> None:
    reg = enrolled.registration()
    wrong_id = {**to_payload(reg), "id": "another"}
    wrong_device = {**to_payload(reg), "device_id": "someone-else"}
    results = enrolled.results(enrolled.entry(reg, payload=wrong_id),
                               enrolled.entry(reg, payload=wrong_device),
                               enrolled.entry(reg, payload={**to_payload(reg), "data": "x"}))
    assert [(r["outcome"], r["problems"][0]["code"]) for r in results] == [
        ("rejected", "payload_mismatch"), ("rejected", "payload_mismatch"),
        ("rejected", "payload_invalid")]


def test_participant_numbers_must_be_this_devices_and_free(
    enrolled: Laptop, second: Laptop
) -> None:
    foreign = enrolled.registration(
        participant_number=participant_number.make(second.public_key, 1))
    missing = enrolled.registration(participant_number=None)
    first = enrolled.registration()
    same_number = enrolled.registration(participant_number=first.participant_number)
    results = enrolled.results(*(enrolled.entry(r) for r in (foreign, missing, first,
                                                             same_number)))
    assert [r["outcome"] for r in results] == ["rejected", "rejected", "applied", "rejected"]
    assert results[0]["problems"] == [
        {"field": "participant_number", "code": "participant_number_foreign", "params": {}}]
    assert results[1]["problems"][0]["code"] == "required"
    assert results[3]["problems"][0]["code"] == "participant_number_taken"


def test_another_devices_nik_is_a_duplicate_and_names_no_one(
    db: Database, enrolled: Laptop, second: Laptop
) -> None:
    holder = enrolled.registration()
    enrolled.results(enrolled.entry(holder))
    copy = second.registration(data=holder.data.copy(full_name="SITI RAHMA"))
    r = second.push(second.entry(copy))
    [result] = r.json()["results"]
    assert result["outcome"] == "duplicate"
    assert result["participant_number"] == copy.participant_number
    h = result["holder"]
    assert h["participant_number"] == holder.participant_number
    assert h["village_code"] == holder.data.village_code
    assert h["village_name"] == holder.village_name and h["village_name"]
    assert h["device_name"] == "Laptop Desa 1"
    assert h["same_device"] is False
    # Nothing in the answer tells the other person's NIK or name.
    assert holder.nik not in r.text and holder.data.full_name not in r.text
    assert stored(db, copy.id).status == "duplicate"
    assert stored(db, holder.id).status == "accepted"


def test_the_same_nik_twice_in_one_batch_is_a_duplicate_of_this_device(
    enrolled: Laptop,
) -> None:
    a = enrolled.registration()
    b = enrolled.registration(data=a.data.copy())
    results = enrolled.results(enrolled.entry(a), enrolled.entry(b))
    assert [r["outcome"] for r in results] == ["applied", "duplicate"]
    assert results[1]["holder"]["same_device"] is True
    assert results[1]["holder"]["participant_number"] == a.participant_number


def test_voiding_frees_the_nik(db: Database, enrolled: Laptop, second: Laptop) -> None:
    a = enrolled.registration()
    enrolled.results(enrolled.entry(a))
    b = second.registration(data=a.data.copy())
    assert second.results(second.entry(b))[0]["outcome"] == "duplicate"
    voided = replace(a, status=Status.VOIDED, version=2, void_reason="salah orang")
    [v] = enrolled.results(enrolled.entry(voided, base_version=1))
    assert v["outcome"] == "applied" and v["server_version"] == 2
    row = stored(db, a.id)
    assert row.status == "voided" and row.void_reason == "salah orang"
    # The second laptop sends its record again (a new version): now it holds the NIK.
    b2 = replace(b, version=2)
    [r] = second.results(second.entry(b2, base_version=1))
    assert r["outcome"] == "applied" and r["server_version"] == 2
    assert stored(db, b.id).status == "accepted"


def test_an_edit_updates_the_record(db: Database, enrolled: Laptop) -> None:
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    edited = replace(reg, version=2, data=reg.data.copy(phone="+6281234567890"))
    [r] = enrolled.results(enrolled.entry(edited, base_version=1))
    assert r["outcome"] == "applied" and r["server_version"] == 2
    row = stored(db, reg.id)
    assert row.version == 2 and json.loads(row.payload)["data"]["phone"] == "+6281234567890"


def test_an_edit_on_a_version_the_district_changed_is_a_conflict(
    db: Database, settings: Settings, enrolled: Laptop
) -> None:
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    admin.verify(db, settings, reg.participant_number or "", actor=ADMIN)
    edited = replace(reg, version=2, data=reg.data.copy(street="Dusun Baru"))
    [r] = enrolled.results(enrolled.entry(edited, base_version=1))
    assert r["outcome"] == "conflict"
    assert r["server_version"] == 2
    assert r["problems"] == [{"field": "_entry", "code": "changed_by_district",
                              "params": {"status": "verified"}}]
    row = stored(db, reg.id)
    assert row.status == "verified" and row.version == 1  # untouched
    # Once the laptop has seen the district's version, its edit goes through (and the
    # record waits for verification again).
    [ok] = enrolled.results(enrolled.entry(edited, base_version=2))
    assert ok["outcome"] == "applied" and ok["server_version"] == 3
    assert stored(db, reg.id).status == "accepted"


def test_another_devices_record_cannot_be_changed(
    db: Database, enrolled: Laptop, second: Laptop
) -> None:
    reg = enrolled.registration()
    enrolled.results(enrolled.entry(reg))
    hijack = replace(reg, device_id=second.device_id, version=2,
                     participant_number=participant_number.make(second.public_key, 1))
    [r] = second.results(second.entry(hijack))
    assert r["outcome"] == "rejected" and r["problems"][0]["code"] == "not_your_record"
    assert stored(db, reg.id).device_id == enrolled.device_id


def test_a_record_voided_before_the_server_saw_it_is_stored_voided(
    db: Database, enrolled: Laptop
) -> None:
    reg = enrolled.registration(status=Status.VOIDED, void_reason="batal")
    [r] = enrolled.results(enrolled.entry(reg))
    assert r["outcome"] == "applied"
    assert stored(db, reg.id).status == "voided"
    # Its NIK is not held.
    again = enrolled.registration(data=reg.data.copy())
    assert enrolled.results(enrolled.entry(again))[0]["outcome"] == "applied"


def test_applied_through_is_the_highest_receipted_seq(enrolled: Laptop) -> None:
    regs = [enrolled.registration() for _ in range(4)]
    r = enrolled.push(enrolled.entry(regs[0], seq=1), enrolled.entry(regs[1], seq=2))
    assert r.json()["applied_through"] == 2
    # A seq the laptop gave up on (3) leaves a gap below it.
    r = enrolled.push(enrolled.entry(regs[3], seq=4))
    assert r.json()["applied_through"] == 4
    # Neither an earlier seq, nor a replay, nor a refused reuse lowers or raises it.
    assert enrolled.push(enrolled.entry(regs[2], seq=3)).json()["applied_through"] == 4
    assert enrolled.push(enrolled.entry(regs[0], seq=1)).json()["applied_through"] == 4
    reused = enrolled.push(enrolled.entry(enrolled.registration(), seq=2))
    assert reused.json()["results"][0]["problems"][0]["code"] == "sequence_reused"
    assert reused.json()["applied_through"] == 4
    # An empty push answers it too.
    assert enrolled.push().json()["applied_through"] == 4


def test_revoked_serials_are_stored_once_and_fed_to_the_district(
    db: Database, enrolled: Laptop, second: Laptop
) -> None:
    cursor = second.pull()["cursor"]
    a, b = (f"{enrolled.registration().participant_number}-1" for _ in range(2))
    r = enrolled.push(serials=[a, b, a])
    assert r.status_code == 200 and r.json()["results"] == []
    enrolled.push(serials=[b])  # again: nothing new
    pulled = second.pull(cursor)
    assert pulled["revoked_serials"] == [a, b]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.RevokedSerial)) == 2


def test_what_the_schema_allows_but_no_laptop_sends_is_a_bad_request(
    db: Database, enrolled: Laptop
) -> None:
    reg = enrolled.registration()
    huge = enrolled.entry(reg, seq=2**63)
    r = enrolled.push(huge)
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
    r = enrolled.push(enrolled.entry(replace(reg, id="a\x00b")))
    assert r.status_code == 400
    r = enrolled.push(serials=["SER\x00"])
    assert r.status_code == 400
    # The largest 64-bit seq is fine.
    [ok] = enrolled.results(enrolled.entry(reg, seq=2**63 - 1))
    assert ok["outcome"] == "applied"
    assert receipts(db, enrolled.device_id) == {2**63 - 1: "applied"}


def test_an_older_edit_arriving_after_a_newer_one_never_overwrites_it(
    db: Database, enrolled: Laptop
) -> None:
    # A laptop restored from a backup re-sequences entries: version 1 may arrive after 2.
    reg = enrolled.registration()
    newer = replace(reg, version=2, updated_at=reg.updated_at.replace(minute=5),
                    data=reg.data.copy(street="Dusun Baru"))
    assert enrolled.results(enrolled.entry(newer))[0]["outcome"] == "applied"
    [late] = enrolled.results(enrolled.entry(reg))
    assert late["outcome"] == "applied" and late["server_version"] == 1
    row = stored(db, reg.id)
    assert row.version == 2 and json.loads(row.payload)["data"]["street"] == "Dusun Baru"
    # An edit made later (by the clock of the laptop), even with a lower version, lands.
    later = replace(reg, version=2, updated_at=reg.updated_at.replace(hour=10),
                    data=reg.data.copy(street="Dusun Lama"))
    assert enrolled.results(enrolled.entry(later))[0]["server_version"] == 2
    assert json.loads(stored(db, reg.id).payload)["data"]["street"] == "Dusun Lama"


def test_a_nik_given_up_by_an_edit_is_free_for_the_next_entry_of_the_batch(
    db: Database, enrolled: Laptop
) -> None:
    b = enrolled.registration()
    enrolled.results(enrolled.entry(b))
    other = enrolled.factory.data()
    # B's NIK was a typo: it is corrected, and the real owner of the old NIK registered.
    fixed = replace(b, version=2, data=b.data.copy(nik=other.nik, birth_date=other.birth_date,
                                                   sex=other.sex))
    owner = enrolled.registration(b.data.copy(full_name="PEMILIK ASLI"))
    results = enrolled.results(enrolled.entry(fixed, base_version=1), enrolled.entry(owner))
    assert [r["outcome"] for r in results] == ["applied", "applied"]
    assert stored(db, owner.id).nik == b.data.nik and stored(db, b.id).nik == other.nik
