"""The services the UI and the CLI call: accounts, registrations, contribution quotes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldreg.domain.codes import FundingSource, Programme
from fieldreg.domain.codes import Status as St
from fieldreg.domain.registration import RegistrationData
from fieldreg.paths import DB_FILE, KEY_FILE
from fieldreg.services import accounts, registrations
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store.keyslots import LOCK_AFTER
from tools.sample_data import SampleFactory


def refused(code: str) -> Any:
    return pytest.raises(ServiceError, match=f"^{code}$")


# ---------------------------------------------------------------- accounts


def test_initialise_returns_a_recovery_key_and_keeps_it_secret(home: Path) -> None:
    res = accounts.initialise(home, device_name="Laptop Desa", regency_code="1505",
                              volunteer_name="  Budi   Santoso ", password="rahasia-desa-1")
    assert re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", res.recovery_key)
    assert accounts.is_initialised(home)
    keyfile = (home / KEY_FILE).read_text("utf-8")
    assert res.recovery_key not in keyfile and "rahasia-desa-1" not in keyfile
    slots = json.loads(keyfile)["slots"]
    assert sorted(s["kind"] for s in slots) == ["password", "recovery"]
    ctx = accounts.unlock(home, "Budi Santoso", "rahasia-desa-1")
    try:
        assert (ctx.device_id, ctx.volunteer_id) == (res.device_id, res.volunteer_id)
        assert ctx.regency_code == "15.05"  # normalised
        assert ctx.volunteer_name == "Budi Santoso"  # spaces cleaned
        assert ctx.is_supervisor  # the first volunteer sets up the laptop
    finally:
        ctx.close()


def test_initialise_twice_is_refused(home: Path, init: accounts.InitResult) -> None:
    before = (home / KEY_FILE).read_bytes()
    with refused("already_initialised"):
        accounts.initialise(home, device_name="Lain", regency_code="15.05",
                            volunteer_name="Siti", password="sandi-lain-22")
    assert (home / KEY_FILE).read_bytes() == before


@pytest.mark.parametrize("regency", ["15.99", "99.01", "abc", "15", "15.05.01"])
def test_an_unknown_regency_is_refused_and_leaves_nothing(home: Path, regency: str) -> None:
    with refused("regency_unknown") as info:
        accounts.initialise(home, device_name="Laptop", regency_code=regency,
                            volunteer_name="Budi", password="rahasia-desa-1")
    assert info.value.params["code"] == regency
    assert not accounts.is_initialised(home)
    assert list(home.iterdir()) == []


@pytest.mark.parametrize(
    ("kw", "code"),
    [({"password": "pendek"}, "password_too_short"), ({"volunteer_name": " "}, "required"),
     ({"device_name": "x" * 81}, "text_too_long")],
)
def test_initialise_checks_its_inputs(home: Path, kw: dict, code: str) -> None:
    args = {"device_name": "Laptop", "regency_code": "15.05", "volunteer_name": "Budi",
            "password": "rahasia-desa-1", **kw}
    with refused(code):
        accounts.initialise(home, **args)
    assert not accounts.is_initialised(home)


def test_unlock_by_name_by_id_or_alone(home: Path, init: accounts.InitResult,
                                       password: str) -> None:
    for who in ("Budi Santoso", "budi  santoso", init.volunteer_id, ""):
        ctx = accounts.unlock(home, who, password)
        assert ctx.volunteer_id == init.volunteer_id
        ctx.close()
    with refused("volunteer_unknown"):
        accounts.unlock(home, "Siti", password)


def test_unlock_before_setup(home: Path) -> None:
    with refused("not_initialised"):
        accounts.unlock(home, "Budi", "rahasia-desa-1")


def test_wrong_password(home: Path, init: accounts.InitResult, password: str) -> None:
    with refused("wrong_password") as info:
        accounts.unlock(home, "Budi Santoso", password + "x")
    assert info.value.params == {"field": "password", "attempts_left": LOCK_AFTER - 1}
    # the right one still opens, and resets the count
    accounts.unlock(home, "Budi Santoso", password).close()
    with refused("wrong_password") as info:
        accounts.unlock(home, "Budi Santoso", "")
    assert info.value.params["attempts_left"] == LOCK_AFTER - 1


def test_unlock_is_audited(ctx: Context) -> None:
    with ctx.db.reader() as uow:
        assert [e.action for e in uow.audit.recent()][:2] == ["unlock", "init"]


def test_recover_sets_a_new_password(home: Path, init: accounts.InitResult, password: str,
                                     ctx: Context, factory: SampleFactory) -> None:
    reg = registrations.save(ctx, factory.data(), ready=True).registration
    ctx.close()
    recovered = accounts.recover(home, init.recovery_key.lower().replace("-", " "),
                                 "Budi Santoso", "sandi-baru-2026")
    try:
        assert registrations.get(recovered, reg.id).data.nik == reg.data.nik  # nothing lost
    finally:
        recovered.close()
    with refused("wrong_password"):
        accounts.unlock(home, "Budi Santoso", password)
    accounts.unlock(home, "Budi Santoso", "sandi-baru-2026").close()


def test_recover_with_a_wrong_key_changes_nothing(home: Path, init: accounts.InitResult,
                                                  password: str) -> None:
    with refused("wrong_recovery_key"):
        accounts.recover(home, "0000-0000-0000-0000-0000-0000", "", "sandi-baru-2026")
    with refused("password_too_short"):
        accounts.recover(home, init.recovery_key, "", "pendek")
    accounts.unlock(home, "", password).close()


def test_add_volunteer_is_for_supervisors(home: Path, ctx: Context, factory: SampleFactory,
                                          password: str) -> None:
    siti_id = accounts.add_volunteer(ctx, "Siti Aminah", "sandi-siti-01")
    with refused("volunteer_exists"):
        accounts.add_volunteer(ctx, "siti aminah", "sandi-siti-02")
    with refused("role_unknown"):
        accounts.add_volunteer(ctx, "Rina", "sandi-rina-01", role="admin")
    with refused("password_too_short"):
        accounts.add_volunteer(ctx, "Rina", "pendek")
    reg = registrations.save(ctx, factory.data(), ready=True).registration

    # the volunteer picker (before unlocking) lists who can open this laptop
    assert sorted(v.name for v in accounts.volunteers(home)) == ["Budi Santoso", "Siti Aminah"]
    with refused("volunteer_unknown"):
        accounts.unlock(home, "", password)  # two volunteers: the name is needed now

    siti = accounts.unlock(home, "Siti Aminah", "sandi-siti-01")
    try:
        assert (siti.volunteer_id, siti.role, siti.is_supervisor) == (siti_id, "volunteer", False)
        assert siti.device_id == ctx.device_id
        assert registrations.get(siti, reg.id).data.nik == reg.data.nik  # the same data
        with refused("supervisor_only"):
            accounts.add_volunteer(siti, "Rina", "sandi-rina-01")
    finally:
        siti.close()
    assert [v.name for v in accounts.volunteers(home)].count("Rina") == 0
    # a supervisor may add another supervisor
    accounts.add_volunteer(ctx, "Pak Lurah", "sandi-lurah-1", role="supervisor")
    lurah = accounts.unlock(home, "Pak Lurah", "sandi-lurah-1")
    assert lurah.is_supervisor
    lurah.close()


def test_volunteers_of_an_empty_folder(home: Path) -> None:
    assert accounts.volunteers(home) == []


def test_change_password(home: Path, ctx: Context, password: str) -> None:
    accounts.change_password(ctx, "sandi-kedua-22")
    with refused("wrong_password"):
        accounts.unlock(home, "", password)
    accounts.unlock(home, "", "sandi-kedua-22").close()


def test_change_password_checks_the_current_one(home: Path, ctx: Context, password: str) -> None:
    with refused("wrong_password"):
        accounts.change_password(ctx, "sandi-baru-33", old_password="bukan-sandinya")
    accounts.unlock(home, "", password).close()  # unchanged
    with ctx.db.reader() as uow:
        before = [a.action for a in uow.audit.recent(50)]
    accounts.change_password(ctx, "sandi-baru-33", old_password=password)
    with ctx.db.reader() as uow:  # checked on the key file: only the change is audited
        assert [a.action for a in uow.audit.recent(50)] == ["change_password", *before]
    accounts.unlock(home, "", "sandi-baru-33").close()


def test_a_database_that_does_not_match_the_key_file(home: Path, init: accounts.InitResult,
                                                      password: str, tmp_path: Path) -> None:
    """Key file and database from two different setups: refused, not a crash."""
    other = tmp_path / "other"
    accounts.initialise(other, device_name="B", regency_code="15.05", volunteer_name="Budi",
                        password=password)
    (home / DB_FILE).unlink()
    (home / DB_FILE).write_bytes((other / DB_FILE).read_bytes())
    with pytest.raises(ServiceError) as info:
        accounts.unlock(home, "", password)
    assert info.value.code == "keyfile_mismatch"


# ---------------------------------------------------------------- registrations


def test_a_draft_keeps_whatever_was_typed(ctx: Context, factory: SampleFactory) -> None:
    data = RegistrationData(full_name="siti", phone="0812-34", rt="3", nik="1505")
    res = registrations.save(ctx, data, ready=False)
    reg = res.registration
    assert (reg.status, reg.version) == (St.DRAFT, 1)
    assert {p.code for p in res.problems} == {"phone_invalid", "nik_length"}
    stored = registrations.get(ctx, reg.id)
    assert (stored.data.phone, stored.data.rt, stored.data.nik) == ("0812-34", "003", "1505")


def test_saving_ready_with_errors_is_refused_with_the_problems(
    ctx: Context, factory: SampleFactory
) -> None:
    data = factory.data(consent=False).copy(village_code="15.05.01.2999")
    with refused("invalid") as info:
        registrations.save(ctx, data, ready=True)
    codes = {(p.field, p.code) for p in info.value.problems}
    assert {("consent", "consent_required"), ("village_code", "village_unknown")} <= codes
    assert registrations.count(ctx) == 0


def test_ready_save_returns_its_warnings(ctx: Context, factory: SampleFactory) -> None:
    res = registrations.save(ctx, factory.data().copy(heirs=[], phone=""), ready=True)
    assert res.registration.status is St.READY
    assert {p.code for p in res.problems} == {"heir_missing", "phone_missing"}
    assert all(not p.is_error for p in res.problems)


def test_a_village_outside_the_devices_regency_is_a_warning(
    ctx: Context, factory: SampleFactory
) -> None:
    assert ctx.regency_code == "15.05"
    res = registrations.save(ctx, factory.data().copy(village_code="15.71.09.1004"), ready=True)
    assert [(p.code, p.params) for p in res.problems] == [
        ("village_outside_regency", {"regency": "15.05"})
    ]
    assert res.registration.village_name == "Bagan Pete"


def test_derived_fields_are_filled(ctx: Context, factory: SampleFactory) -> None:
    reg = registrations.save(
        ctx, factory.data().copy(village_code="1505012002", occupation_code="ojek"), ready=True
    ).registration
    assert reg.data.village_code == "15.05.01.2002"
    assert reg.village_name == "Sungai Bertam"
    assert reg.regions_version
    assert (reg.data.occupation_code, reg.sector) == ("OJEK_PANGKALAN", "transport")
    assert reg.device_id == ctx.device_id and reg.volunteer_id == ctx.volunteer_id


def test_edit_paths(ctx: Context, factory: SampleFactory) -> None:
    data = factory.data()
    draft = registrations.save(ctx, data.copy(consent=None), ready=False).registration
    ready = registrations.save(ctx, data, ready=True, record_id=draft.id).registration
    assert (ready.id, ready.version, ready.status) == (draft.id, 2, St.READY)
    assert ready.created_at == draft.created_at and ready.updated_at > draft.updated_at

    with refused("cannot_return_to_draft") as info:
        registrations.save(ctx, data, ready=False, record_id=ready.id)
    assert info.value.params["record_id"] == ready.id
    with refused("invalid"):
        registrations.save(ctx, data.copy(consent=None), ready=True, record_id=ready.id)
    assert registrations.get(ctx, ready.id).version == 2

    with refused("record_not_found"):
        registrations.save(ctx, data, ready=True, record_id="no-such-id")


def test_void_paths(ctx: Context, factory: SampleFactory) -> None:
    data = factory.data()
    reg = registrations.save(ctx, data, ready=True).registration
    for reason in ("", "   "):
        with refused("void_reason_required"):
            registrations.void(ctx, reg.id, reason)
    voided = registrations.void(ctx, reg.id, "Sudah terdaftar di desa lain")
    assert (voided.status, voided.version) == (St.VOIDED, 2)
    with refused("record_voided"):
        registrations.void(ctx, reg.id, "lagi")
    for ready in (True, False):
        with refused("record_voided"):
            registrations.save(ctx, data, ready=ready, record_id=reg.id)
    with refused("record_not_found"):
        registrations.void(ctx, "no-such-id", "x")
    with refused("record_not_found"):
        registrations.get(ctx, "no-such-id")


def test_status_and_queue_counts(ctx: Context, factory: SampleFactory) -> None:
    a = registrations.save(ctx, factory.data(), ready=True).registration
    registrations.save(ctx, factory.data(), ready=True)
    registrations.save(ctx, factory.data(consent=False), ready=False)
    registrations.void(ctx, a.id, "Pindah")
    assert registrations.status_counts(ctx) == {"ready": 1, "draft": 1, "voided": 1}
    assert registrations.queue_counts(ctx) == {"pending": 3}


def test_the_same_phone_twice_is_a_warning_only(ctx: Context, factory: SampleFactory) -> None:
    first = factory.data()
    registrations.save(ctx, first, ready=True)
    res = registrations.save(ctx, factory.data().copy(phone=first.phone), ready=True)
    assert res.registration.status is St.READY
    assert [p.code for p in res.problems] == ["phone_repeated"]


# ---------------------------------------------------------------- contribution quote


def quote_for(ctx: Context, factory: SampleFactory, **changes: object) -> Any:
    base = {"coverage_start": date(2026, 1, 1), "reported_income": 1_000_000,
            "programmes": frozenset({Programme.JKK, Programme.JKM})}
    return registrations.quote(ctx, factory.data().copy(**{**base, **changes}))


def test_quote_apbd_lowest_bracket(ctx: Context, factory: SampleFactory) -> None:
    q = quote_for(ctx, factory, funding_source=FundingSource.APBD_KAB,
                  occupation_code="OJEK_PANGKALAN")
    assert q is not None
    assert (q.total, q.jkk, q.jkm, q.discount) == (16_800, 10_000, 6_800, 0)


def test_quote_self_paying_ojek_in_january_2026(ctx: Context, factory: SampleFactory) -> None:
    q = quote_for(ctx, factory, funding_source=FundingSource.MANDIRI,
                  occupation_code="OJEK_PANGKALAN")
    assert q is not None
    assert (q.total, q.jkk, q.jkm, q.discount) == (8_400, 5_000, 3_400, 8_400)
    # a self-paying farmhand is not in the transport sector: no discount in January
    q = quote_for(ctx, factory, funding_source=FundingSource.MANDIRI, occupation_code="20")
    assert q.total == 16_800


def test_quote_with_jht_and_incomplete_inputs(ctx: Context, factory: SampleFactory) -> None:
    q = quote_for(ctx, factory, funding_source=FundingSource.MANDIRI,
                  occupation_code="OJEK_ONLINE",
                  programmes=frozenset(Programme))
    assert q.total == 8_400 + 20_000  # JHT is never discounted
    assert quote_for(ctx, factory, funding_source=None) is None
