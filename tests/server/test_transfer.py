"""A laptop restored onto another machine enrols as a new device; the district transfers the
laptop it came from to it (issue 11, item 7), and then only its records are accepted from
the new device. Until then they are answered ``not_transferred`` without a receipt."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin
from fieldreg.server.service.errors import AdminError
from fieldreg.server.service.transfer import transfer_device
from tests.server.conftest import ADMIN, Laptop, new_code
from tools.sample_data import SampleFactory


def _owner(db: Database, record_id: str) -> str | None:
    with db.reader() as s:
        return s.scalar(select(m.Registration.device_id).where(m.Registration.id == record_id))


def test_the_old_laptops_records_go_from_the_new_device_once_transferred(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    old_reg = enrolled.registration()  # numbered with the old laptop's key
    entry = second.entry(old_reg)
    (r,) = second.results(entry)
    assert r["outcome"] == "rejected"
    assert r["problems"][0]["code"] == "not_transferred"
    assert _owner(db, old_reg.id) is None

    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN,
                    still_in_use=True)
    (r,) = second.results(entry)  # the same seq again: no receipt was kept, so it is decided
    assert r["outcome"] == "applied", r
    assert r["participant_number"] == old_reg.participant_number
    assert _owner(db, old_reg.id) == enrolled.device_id  # still the first laptop's record
    # the first laptop sends it too (it may still be in use): the same record, once
    (r,) = enrolled.results(enrolled.entry(old_reg))
    assert r["outcome"] == "applied"
    with db.reader() as s:
        assert s.scalar(select(m.Registration.id).where(
            m.Registration.participant_number == old_reg.participant_number)) == old_reg.id
    # the transfer goes one way: the first laptop may not send the new device's records
    (r,) = enrolled.results(enrolled.entry(second.registration()))
    assert r["problems"][0]["code"] == "not_transferred"


def test_a_payload_of_an_unknown_device_is_still_a_mismatch(enrolled: Laptop,
                                                            second: Laptop) -> None:
    reg = enrolled.registration()
    entry = second.entry(reg)
    entry["payload"]["device_id"] = "00000000-0000-4000-8000-000000000000"
    (r,) = second.results(entry)
    assert r["problems"][0]["code"] == "payload_mismatch"


def test_transfer_rules(db: Database, settings: Settings, enrolled: Laptop,
                        second: Laptop) -> None:
    with pytest.raises(AdminError, match="itself"):
        transfer_device(db, settings, enrolled.device_id, enrolled.device_id, actor=ADMIN)
    with pytest.raises(AdminError, match="unknown device"):
        transfer_device(db, settings, "nope", second.device_id, actor=ADMIN)
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN,
                    still_in_use=True)
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN)  # again
    with pytest.raises(AdminError, match="no transfer back"):
        transfer_device(db, settings, second.device_id, enrolled.device_id, actor=ADMIN)
    with db.reader() as s:
        actions = s.scalars(select(m.Audit.action).where(
            m.Audit.action == "device.transferred")).all()
    assert actions == ["device.transferred"]


def test_the_district_s_changes_of_the_old_laptop_s_records_reach_the_new_device(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    reg = enrolled.registration()
    (r,) = enrolled.results(enrolled.entry(reg))
    assert r["outcome"] == "applied"
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN,
                    still_in_use=True)
    cursor = second.pull()["cursor"]
    admin.verify(db, settings, reg.participant_number or "", actor=ADMIN)
    page = second.pull(cursor)
    assert [(x["record_id"], x["status"]) for x in page["records"]] == [(reg.id, "verified")]
    assert [x["record_id"] for x in enrolled.pull()["records"]] == [reg.id]  # and the first
    # the number floor stays each device's own
    assert second.pull().get("number_seq_floor") is None


def test_a_laptop_is_transferred_once_and_only_when_revoked_or_still_in_use(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory,
    enrolled: Laptop, second: Laptop
) -> None:
    third = Laptop(client, factory, name="Laptop Desa 3")
    assert third.enrol(new_code(db, settings)).status_code == 200
    old_reg = enrolled.registration()
    # the old laptop still works and nobody said it is still in use: revoke it first
    with pytest.raises(AdminError, match=r"not revoked.*--still-in-use"):
        transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN)
    with db.reader() as s:
        assert s.scalars(select(m.DeviceTransfer)).all() == []
    admin.revoke_device(db, settings, enrolled.device_id, actor=ADMIN)
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN)
    # a second machine may not take the same laptop's records (and numbers) too
    with pytest.raises(AdminError, match="already transferred to"):
        transfer_device(db, settings, enrolled.device_id, third.device_id, actor=ADMIN,
                        still_in_use=True)
    (r,) = third.results(third.entry(old_reg))
    assert r["problems"][0]["code"] == "not_transferred"
    (r,) = second.results(second.entry(old_reg))
    assert r["outcome"] == "applied"
    # the laptop transferred to may itself be restored elsewhere later: a chain, not a fork
    admin.revoke_device(db, settings, second.device_id, actor=ADMIN)
    transfer_device(db, settings, second.device_id, third.device_id, actor=ADMIN)
    with db.reader() as s:
        details = [json.loads(a.detail) for a in s.scalars(select(m.Audit).where(
            m.Audit.action == "device.transferred").order_by(m.Audit.id))]
    assert [(d["from_device"], d["old_revoked"], d["still_in_use"]) for d in details] == [
        (enrolled.device_id, True, False), (second.device_id, True, False)]


def test_a_transfer_for_a_laptop_still_in_use_is_audited_as_such(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop
) -> None:
    transfer_device(db, settings, enrolled.device_id, second.device_id, actor=ADMIN,
                    still_in_use=True)
    with db.reader() as s:
        (a,) = s.scalars(select(m.Audit).where(m.Audit.action == "device.transferred"))
    assert json.loads(a.detail)["still_in_use"] is True
    assert json.loads(a.detail)["old_revoked"] is False


def test_the_cli_needs_the_old_device_revoked_or_still_in_use(
    db: Database, settings: Settings, enrolled: Laptop, second: Laptop,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreg.server.cli import main

    if settings.database_url:
        pytest.skip("the CLI is tried on the SQLite server")
    monkeypatch.setenv("FIELDREG_SERVER_HOME", str(settings.home))
    monkeypatch.delenv("FIELDREG_SERVER_DATABASE_URL", raising=False)
    assert main(["devices", "transfer", enrolled.device_id, second.device_id]) == 2
    assert "--still-in-use" in capsys.readouterr().err
    assert main(["devices", "transfer", "--still-in-use", enrolled.device_id,
                 second.device_id]) == 0
    assert "still in use" in capsys.readouterr().out
