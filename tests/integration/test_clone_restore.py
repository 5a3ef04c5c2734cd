"""A backup restored onto another machine takes a new participant-number space (issue 11,
item 7): a new signing key and device id, its enrolment forgotten; the records keep their
numbers. The machine is faked with FIELDREG_MACHINE_ID (tests only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldreg.cards import credential
from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.services import backups, cards, identity, registrations, restore
from fieldreg.services.context import Context
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tools.sample_data import SampleFactory


def _device(ctx: Context) -> tuple[str, bytes, int]:
    with ctx.db.reader() as uow:
        d = uow.device.get()
        assert d is not None
        return d.id, d.public_key, d.participant_seq


def _enrolled(ctx: Context) -> None:
    """As if enrolled: a token and what the server acknowledged."""
    with ctx.db.uow() as uow:
        st = uow.sync.state_for_update()
        st.server_url, st.token, st.district_code = "http://127.0.0.1:1", "tok", "15.05"
        st.number_prefix, st.applied_through, st.pull_cursor = "ABCDEF", 7, "c1"
        uow.commit()


def test_the_fingerprint_is_hashed_and_follows_the_machine(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(identity.ENV, raising=False)
    real = identity.fingerprint()
    assert len(real) == 32 and int(real, 16) >= 0
    assert real == identity.fingerprint()
    monkeypatch.setenv(identity.ENV, "machine-a")
    a = identity.fingerprint()
    assert a != real and "machine-a" not in a
    monkeypatch.setenv(identity.ENV, "machine-b")
    assert identity.fingerprint() != a


def test_a_backup_restored_on_another_machine_takes_a_new_number_space(
    ctx: Context, factory: SampleFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(identity.ENV, "machine-a")
    ready = [registrations.save(ctx, factory.data(), ready=True).registration for _ in range(3)]
    draft = registrations.save(ctx, factory.data(), ready=False).registration
    _enrolled(ctx)
    old_id, old_key, old_seq = _device(ctx)
    (made,) = backups.make_backup(ctx, folders=[])
    with zipfile.ZipFile(made) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["machine"] == identity.fingerprint()  # hashed, never the id itself
    assert "machine-a" not in json.dumps(manifest)
    assert backups.inspect(made).machine == identity.fingerprint()

    # the same machine (the first-run restore after a reinstall): the same identity
    same = restore.restore(tmp_path / "reinstalled", made, volunteer=VOLUNTEER,
                           password=PASSWORD)
    try:
        assert same.new_identity is None
        assert _device(same.context) == (old_id, old_key, old_seq)
    finally:
        same.context.close()

    # another machine (the first laptop may still be in use): a new identity
    monkeypatch.setenv(identity.ENV, "machine-b")
    home_b = tmp_path / "laptop-b"
    res = restore.restore(home_b, made, volunteer=VOLUNTEER, password=PASSWORD)
    b = fix_clock(res.context)
    try:
        fresh = res.new_identity
        assert fresh is not None and fresh.old_device_id == old_id
        new_id, new_key, new_seq = _device(b)
        assert (new_id, b.device_id) == (fresh.device_id, fresh.device_id) != old_id
        assert new_key != old_key and new_seq == 0
        assert fresh.prefix == participant_number.device_part(new_key)
        assert fresh.prefix != participant_number.device_part(old_key) == fresh.old_prefix
        # the restored records keep their numbers and their first laptop
        for r in ready:
            again = registrations.get(b, r.id)
            assert again.participant_number == r.participant_number
            assert again.device_id == old_id and again.status is Status.READY
        # a draft was never sent: it is the new laptop's, numbered in its space when ready
        moved = registrations.get(b, draft.id)
        assert moved.device_id == new_id
        done = registrations.save(b, moved.data, ready=True, record_id=draft.id).registration
        new = registrations.save(b, factory.data(), ready=True).registration
        for reg in (done, new):
            assert participant_number.made_by(reg.participant_number or "", new_key)
        assert [participant_number.sequence_of(r.participant_number or "")
                for r in (done, new)] == [1, 2]
        # must enrol again (as a new device); the server address stays for that
        with b.db.reader() as uow:
            st = uow.sync.state()
            assert st is not None
            assert (st.token, st.number_prefix, st.applied_through, st.pull_cursor) == (
                "", "", 0, "")
            assert st.server_url == "http://127.0.0.1:1"
        keys = json.loads((home_b / "device-key.json").read_text("utf-8"))
        assert keys["keys"][0]["public_key"] == new_key.hex()
        # the first laptop's cards still verify here, offline
        card = cards.prepare(ctx, [ready[0].id])
        qr = card.cards[0].face.qr_text
        trust = cards.trust_from(home_b, [])
        when = card.cards[0].claims.issued_at
        assert credential.verify(qr, trust, now=when).verdict.value == "valid"
        assert identity.recorded_machine(home_b) == identity.fingerprint()
        with b.db.engine.connect() as conn:
            (detail,) = conn.execute(text(
                "SELECT detail FROM audit WHERE action = 'new_identity'")).scalars()
        d = json.loads(detail)
        assert (d["old_device_id"], d["number_prefix"], d["drafts"]) == (
            old_id, fresh.prefix, 1)
        # a backup made here names this machine: restoring it here keeps the new identity
        (again_made,) = backups.make_backup(b, folders=[])
    finally:
        b.close()
    res2 = restore.restore(home_b, again_made, volunteer=VOLUNTEER, password=PASSWORD)
    try:
        assert res2.new_identity is None and res2.context.device_id == new_id
    finally:
        res2.context.close()


def test_an_old_backup_without_a_fingerprint_on_a_new_laptop_takes_a_new_space(
    ctx: Context, factory: SampleFactory, tmp_path: Path
) -> None:
    registrations.save(ctx, factory.data(), ready=True)
    (made,) = backups.make_backup(ctx, folders=[])
    old = tmp_path / "old-format.fieldreg-backup"
    with zipfile.ZipFile(made) as z, zipfile.ZipFile(old, "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "manifest.json":
                m = json.loads(data)
                del m["machine"]
                data = json.dumps(m).encode()
            out.writestr(name, data)
    assert backups.inspect(old).machine == ""
    res = restore.restore(tmp_path / "new-laptop", old, volunteer=VOLUNTEER,
                          password=PASSWORD)
    try:
        assert res.new_identity is not None
        assert res.context.device_id != ctx.device_id
    finally:
        res.context.close()


def test_cli_restore_on_another_machine_says_what_to_do(
    ctx: Context, factory: SampleFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(identity.ENV, "machine-a")
    registrations.save(ctx, factory.data(), ready=True)
    (made,) = backups.make_backup(ctx, folders=[])
    old_id = ctx.device_id
    new_home = tmp_path / "laptop-b"
    env = {**os.environ, "FIELDREG_HOME": str(new_home), "FIELDREG_PASSWORD": PASSWORD,
           "FIELDREG_VOLUNTEER": VOLUNTEER, "FIELDREG_LANG": "en",
           identity.ENV: "machine-b"}
    res = subprocess.run([sys.executable, "-m", "fieldreg.cli", "restore", str(made)], env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "made on another machine" in res.stdout
    assert f"fieldreg-server devices transfer {old_id} " in res.stdout
    new_id = res.stdout.rsplit(" ", 1)[1].strip()
    assert new_id != old_id
    assert json.loads((new_home / identity.MACHINE_FILE).read_text("utf-8"))["fingerprint"] \
        != backups.inspect(made).machine


def test_setup_records_the_machine(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.services import accounts
    from tests.conftest import REGENCY

    monkeypatch.setenv(identity.ENV, "machine-a")
    accounts.initialise(home, device_name="Laptop Desa 1", regency_code=REGENCY,
                        volunteer_name=VOLUNTEER, password=PASSWORD)
    assert identity.recorded_machine(home) == identity.fingerprint()
    assert "machine-a" not in (home / identity.MACHINE_FILE).read_text("utf-8")


# -- review findings (issue 11 item 7): a backup from before a rekey, a copied data folder, a
# restore cut short, a machine without an id ---------------------------------------------
NEW_PASSWORD = "sandi-baru-yang-panjang-2"


def test_a_backup_from_before_a_rekey_is_still_this_laptop_and_reissues_no_number(
    ctx: Context, factory: SampleFactory, home: Path
) -> None:
    from fieldreg.services import accounts

    kept = [registrations.save(ctx, factory.data(), ready=True).registration for _ in range(3)]
    (made,) = backups.make_backup(ctx, folders=[])
    later = {registrations.save(ctx, factory.data(), ready=True).registration.participant_number
             for _ in range(2)}
    device_id, key, seq = _device(ctx)
    ctx.close()
    accounts.change_password_rekey(home, VOLUNTEER, PASSWORD, NEW_PASSWORD).context.close()

    # today's database no longer opens with the backup's key: still this laptop's own data
    res = restore.restore(home, made, volunteer=VOLUNTEER, password=PASSWORD)
    c = fix_clock(res.context)
    try:
        assert _device(c)[:2] == (device_id, key)
        assert {registrations.get(c, r.id).participant_number for r in kept} == {
            r.participant_number for r in kept}
        fresh = [registrations.save(c, factory.data(), ready=True).registration
                 for _ in range(3)]
        numbers = {r.participant_number for r in fresh}
        assert not numbers & later  # no number handed out before is handed out again
        assert all(participant_number.sequence_of(n or "") > seq for n in numbers)
        assert res.new_identity is None and res.key_changed_since
        # the mark beside the database is written before a number is used
        assert identity.counted_numbers(home, device_id) >= _device(c)[2] > seq + 3
    finally:
        c.close()
    # the backup's password is in force again (said in the result); the rekeyed data is kept
    assert res.replaced_dir is not None and (res.replaced_dir / "fieldreg.db").exists()
    from fieldreg.services import accounts as acc

    acc.unlock(home, VOLUNTEER, PASSWORD).close()


def test_the_cli_says_an_old_backup_brings_back_the_old_passwords(
    ctx: Context, factory: SampleFactory, home: Path
) -> None:
    from fieldreg.services import accounts

    registrations.save(ctx, factory.data(), ready=True)
    (made,) = backups.make_backup(ctx, folders=[])
    ctx.close()
    accounts.change_password_rekey(home, VOLUNTEER, PASSWORD, NEW_PASSWORD).context.close()
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_PASSWORD": PASSWORD,
           "FIELDREG_VOLUNTEER": VOLUNTEER, "FIELDREG_LANG": "en"}
    res = subprocess.run([sys.executable, "-m", "fieldreg.cli", "restore", str(made)], env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "passwords (and volunteers) of the backup's day are in force again" in res.stdout
    assert "fieldreg passwd --rekey" in res.stdout
    assert "another machine" not in res.stdout


def test_a_data_folder_copied_to_another_machine_takes_a_new_identity_at_unlock(
    ctx: Context, factory: SampleFactory, home: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from fieldreg.services import accounts

    reg = registrations.save(ctx, factory.data(), ready=True).registration
    _enrolled(ctx)
    old_id, old_key, _ = _device(ctx)
    ctx.close()
    copy = tmp_path / "disk-image"
    shutil.copytree(home, copy)

    monkeypatch.setenv(identity.ENV, "machine-b")  # the copy is opened on another machine
    c = accounts.unlock(copy, VOLUNTEER, PASSWORD)
    try:
        new_id, new_key, new_seq = _device(c)
        assert new_key != old_key and new_seq == 0 and new_id != old_id
        fresh = c.new_identity
        assert fresh is not None and fresh.reason == "copied_to_another_machine"
        assert fresh.old_device_id == old_id and c.device_id == fresh.device_id == new_id
        again = registrations.get(c, reg.id)
        assert (again.participant_number, again.device_id) == (reg.participant_number, old_id)
        with c.db.reader() as uow:
            st = uow.sync.state()
            assert st is not None and st.token == ""  # enrols again
        with c.db.engine.connect() as conn:
            (detail,) = conn.execute(text(
                "SELECT detail FROM audit WHERE action = 'new_identity'")).scalars()
        assert json.loads(detail)["reason"] == "copied_to_another_machine"
    finally:
        c.close()
    assert identity.recorded_machine(copy) == identity.fingerprint()
    c = accounts.unlock(copy, VOLUNTEER, PASSWORD)  # once: from now on it is this machine's
    try:
        assert c.new_identity is None and c.device_id == new_id
    finally:
        c.close()
    monkeypatch.delenv(identity.ENV)  # the first laptop, on its own machine, keeps its own
    c = accounts.unlock(home, VOLUNTEER, PASSWORD)
    try:
        assert c.new_identity is None and c.device_id == old_id
    finally:
        c.close()


def test_the_portable_data_folder_keeps_its_identity_from_machine_to_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreg import paths
    from fieldreg.services import accounts
    from tests.conftest import REGENCY

    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stick / "fieldreg.exe"))
    data = paths.portable_home()
    assert data is not None
    monkeypatch.setenv(identity.ENV, "machine-a")
    init = accounts.initialise(data, device_name="Laptop Desa 1", regency_code=REGENCY,
                               volunteer_name=VOLUNTEER, password=PASSWORD)
    assert not identity.machine_bound(data)
    monkeypatch.setenv(identity.ENV, "machine-b")  # the stick moved
    c = accounts.unlock(data, VOLUNTEER, PASSWORD)
    try:
        assert c.new_identity is None and c.device_id == init.device_id
    finally:
        c.close()


_CUT_SHORT = """
import os, sys
from pathlib import Path
from fieldreg.services import accounts, backups, restore
# power cut: the restored data is in place, the process dies before it is opened
accounts.open_with_key = lambda *a, **k: os._exit(3)
restore.restore(Path(sys.argv[1]), Path(sys.argv[2]), volunteer=sys.argv[3],
                password=os.environ["FIELDREG_PASSWORD"])
"""


def test_a_restore_onto_another_machine_cut_short_still_takes_a_new_identity(
    ctx: Context, factory: SampleFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreg.services import accounts

    monkeypatch.setenv(identity.ENV, "machine-a")
    registrations.save(ctx, factory.data(), ready=True)
    (made,) = backups.make_backup(ctx, folders=[])
    old_id = ctx.device_id
    home_b = tmp_path / "laptop-b"
    env = {**os.environ, "FIELDREG_PASSWORD": PASSWORD, identity.ENV: "machine-b"}
    res = subprocess.run([sys.executable, "-c", _CUT_SHORT, str(home_b), str(made), VOLUNTEER],
                         env=env, capture_output=True, text=True)
    assert res.returncode == 3, res.stderr
    assert (home_b / "fieldreg.db").exists()  # the restore had put its data in place

    monkeypatch.setenv(identity.ENV, "machine-b")
    c = accounts.unlock(home_b, VOLUNTEER, PASSWORD)
    try:
        assert c.device_id != old_id
        assert c.new_identity is not None and c.new_identity.old_device_id == old_id
    finally:
        c.close()
    assert not (home_b / identity.DUE_FILE).exists()
    c = accounts.unlock(home_b, VOLUNTEER, PASSWORD)
    try:
        assert c.new_identity is None  # taken once
    finally:
        c.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux id files")
def test_a_machine_without_an_id_or_a_network_address_keeps_one_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random
    import uuid

    monkeypatch.delenv(identity.ENV, raising=False)
    monkeypatch.setattr(identity, "_LINUX_IDS", (str(tmp_path / "no-machine-id"),))
    # what uuid.getnode gives without a network address: a random number, multicast bit set
    monkeypatch.setattr(uuid, "getnode", lambda: random.getrandbits(48) | (1 << 40))
    kept = tmp_path / "config" / "machine-id"
    monkeypatch.setattr(identity, "machine_id_file", lambda: kept)
    first = identity.fingerprint()
    assert first and first == identity.fingerprint() == identity.fingerprint()
    assert kept.exists() and kept.read_text("ascii").strip() not in first
    # where nothing can be kept the machine is unknown (not a new one at every call)
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(identity, "machine_id_file", lambda: blocked / "machine-id")
    assert identity.fingerprint() == ""
