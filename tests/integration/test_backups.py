"""Backups (online, encrypted, rotated, to the data folder and a chosen folder) and restoring
them, from the services and from the command line."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldreg.services import accounts, backups, identity, registrations, restore, settings
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store import snapshot
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tools.sample_data import SampleFactory


def _ids(ctx: Context) -> set[str]:
    with ctx.db.reader() as uow:
        return set(uow.session.scalars(text("SELECT id FROM registration")))


def _save(ctx: Context, factory: SampleFactory, n: int) -> list[str]:
    return [registrations.save(ctx, factory.data(), ready=True).registration.id
            for _ in range(n)]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_a_backup_is_one_encrypted_file_with_a_manifest(ctx: Context, factory: SampleFactory,
                                                         tmp_path: Path) -> None:
    ids = _save(ctx, factory, 5)
    stick = tmp_path / "usb"
    stick.mkdir()
    made = backups.make_backup(ctx, folders=[stick])
    assert [p.parent for p in made] == [ctx.home / "backups", stick]
    info = backups.inspect(made[1])
    assert (info.records, info.queued, info.reason) == (5, 5, "manual")
    assert info.device_id == ctx.device_id and info.schema is not None
    with zipfile.ZipFile(made[0]) as z:
        assert sorted(z.namelist()) == ["fieldreg.db", "keyslots.json", "manifest.json"]
        raw = z.read("fieldreg.db")
        manifest = z.read("manifest.json").decode()
    # Encrypted: neither a name, nor a NIK, nor SQLite's header is readable in it.
    for rid in ids:
        reg = registrations.get(ctx, rid)
        assert reg.data.nik.encode() not in raw and reg.data.nik not in manifest
        assert reg.data.full_name.encode() not in raw and reg.data.full_name not in manifest
    assert not raw.startswith(b"SQLite format 3")
    with ctx.db.reader() as uow:
        assert any(e.action == "backup" for e in uow.audit.recent(10))


def test_a_manifest_bomb_is_not_a_backup_and_is_never_inflated(ctx: Context,
                                                                 tmp_path: Path) -> None:
    made = backups.make_backup(ctx)[0]
    bomb = tmp_path / ("bomb" + backups.SUFFIX)
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        manifest = src.read("manifest.json")
        for name in ("fieldreg.db", "keyslots.json"):
            dst.writestr(name, src.read(name))
        # Valid JSON padded with 64 MiB of blanks (64 KiB once deflated).
        dst.writestr("manifest.json", manifest[:-1] + b" " * (64 << 20) + manifest[-1:])
    with pytest.raises(ServiceError) as err:
        backups.inspect(bomb)
    assert err.value.code == "backup_not_a_backup"
    assert backups.list_backups(tmp_path) == []


def test_restore_finds_every_record_and_keeps_what_it_replaced(
        ctx: Context, factory: SampleFactory, home: Path) -> None:
    kept = _save(ctx, factory, 6)
    backup = backups.make_backup(ctx)[0]
    later = _save(ctx, factory, 3)  # made after the backup: not in it
    later_numbers = {registrations.get(ctx, rid).participant_number for rid in later}
    with ctx.db.reader() as uow:
        seq_before = uow.device.get().participant_seq  # type: ignore[union-attr]
    ctx.close()

    res = restore.restore(home, backup, volunteer=VOLUNTEER, password=PASSWORD)
    try:
        assert _ids(res.context) == set(kept)
        for rid in kept:  # every record whole, not just its id
            assert registrations.get(res.context, rid).data.nik
        assert (res.records, res.queued) == (6, 6)
        # The number counter does not go back: a number made after the backup is never reused
        # (it goes to the high-water mark, at most identity.RESERVE ahead of the last number).
        with res.context.db.reader() as uow:
            seq = uow.device.get().participant_seq  # type: ignore[union-attr]
            assert seq_before <= seq <= seq_before + identity.RESERVE
            assert any(e.action == "restore" for e in uow.audit.recent(5))
        new = registrations.save(fix_clock(res.context), factory.data(), ready=True).registration
        assert new.participant_number and new.participant_number not in later_numbers
    finally:
        res.context.close()
    # The replaced database is kept, whole: the 3 later records are still in it.
    assert res.replaced_dir is not None and (res.replaced_dir / "fieldreg.db").exists()
    key = _key(home)
    assert snapshot.facts(res.replaced_dir / "fieldreg.db", key).records == 9


def _key(home: Path) -> bytes:
    from fieldreg.store.keyslots import KeyFile

    kf = KeyFile.load(home / "keyslots.json")
    return kf.open_password(accounts.find_slot(kf, VOLUNTEER).volunteer_id, PASSWORD)


def test_restore_onto_a_new_laptop_and_with_the_recovery_key(
        ctx: Context, factory: SampleFactory, init: accounts.InitResult, tmp_path: Path) -> None:
    ids = set(_save(ctx, factory, 4))
    backup = backups.make_backup(ctx)[0]
    ctx.close()
    for how in ("password", "recovery"):
        fresh = tmp_path / f"new-laptop-{how}"  # nothing there: the old laptop was lost
        kw = {"password": PASSWORD} if how == "password" else {"recovery_key": init.recovery_key}
        res = restore.restore(fresh, backup, volunteer=VOLUNTEER, **kw)
        assert _ids(res.context) == ids and res.replaced_dir is None
        res.context.close()
        accounts.unlock(fresh, VOLUNTEER, PASSWORD).close()  # the backup's password opens it


def test_restore_keeps_the_key_slots_set_since_the_backup(ctx: Context, home: Path) -> None:
    backup = backups.make_backup(ctx)[0]
    accounts.change_password(ctx, "kata-sandi-baru", old_password=PASSWORD)
    accounts.add_volunteer(ctx, "Siti Aminah", "sandi-siti-99")  # added after the backup
    ctx.close()
    res = restore.restore(home, backup, volunteer=VOLUNTEER, password=PASSWORD)
    res.context.close()
    # The volunteer added since can still unlock, and the password proved at restore (the
    # backup's) is the restoring volunteer's password from now on.
    accounts.unlock(home, "Siti Aminah", "sandi-siti-99").close()
    accounts.unlock(home, VOLUNTEER, PASSWORD).close()
    with pytest.raises(ServiceError):
        accounts.unlock(home, VOLUNTEER, "kata-sandi-baru")


@pytest.mark.parametrize("damage", ["flip", "truncate", "not-zip", "wrong-password"])
def test_a_bad_restore_changes_nothing(ctx: Context, factory: SampleFactory, home: Path,
                                       tmp_path: Path, damage: str) -> None:
    _save(ctx, factory, 2)
    backup = backups.make_backup(ctx)[0]
    ctx.close()
    bad = tmp_path / ("bad" + backups.SUFFIX)
    data = bytearray(backup.read_bytes())
    if damage == "flip":
        with zipfile.ZipFile(backup) as z:
            info = z.getinfo("fieldreg.db")
        at = info.header_offset + 30 + len(info.filename) + 5000  # inside the stored database
        data[at] ^= 0x55
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "not-zip":
        data = bytearray(b"hello")
    bad.write_bytes(bytes(data))
    before = {n: _sha(home / n) for n in ("fieldreg.db", "keyslots.json")}
    with pytest.raises(ServiceError) as err:
        restore.restore(home, bad, volunteer=VOLUNTEER,
                        password="salah-sandi" if damage == "wrong-password" else PASSWORD)
    expected = {"flip": "backup_damaged", "truncate": "backup_not_a_backup",
                "not-zip": "backup_not_a_backup", "wrong-password": "wrong_password"}[damage]
    assert err.value.code == expected
    assert {n: _sha(home / n) for n in before} == before
    assert not list((home / "backups").glob("replaced-*"))


def test_daily_backup_once_a_day_to_both_folders_and_rotated(
        ctx: Context, home: Path, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    s = settings.load(home)
    s.backup_folder = str(stick)
    settings.save(home, s)
    # Older daily backups of this laptop, and one of another laptop on the same stick.
    for day in range(1, 10):
        for folder in (home / "backups", stick):
            folder.mkdir(exist_ok=True)
            (folder / f"laptop-desa-1-{ctx.device_id[:8]}-202601{day:02d}-080000-daily"
             f"{backups.SUFFIX}").write_bytes(b"old")
    other = stick / f"laptop-lain-abcdef12-20260101-080000-daily{backups.SUFFIX}"
    other.write_bytes(b"theirs")

    first = backups.backup_if_due(ctx)
    assert len(first.made) == 2 and not first.folder_missing
    assert backups.backup_if_due(ctx).made == []  # once a day
    for folder in (home / "backups", stick):
        mine = sorted(p.name for p in folder.glob(f"*{ctx.device_id[:8]}*daily*"))
        assert len(mine) == backups.KEEP["daily"]
        assert first.made[0].name in mine  # the newest kept, the oldest gone
        assert not any("-20260101-" in n or "-20260103-" in n for n in mine)
    assert other.exists()


def test_an_unplugged_stick_is_reported_not_fatal(ctx: Context, home: Path,
                                                   tmp_path: Path) -> None:
    s = settings.load(home)
    s.backup_folder = str(tmp_path / "not-plugged-in")
    settings.save(home, s)
    res = backups.backup_if_due(ctx)
    assert len(res.made) == 1 and res.folder_missing == s.backup_folder


def test_an_online_backup_while_another_thread_writes(ctx: Context,
                                                      factory: SampleFactory) -> None:
    _save(ctx, factory, 20)
    stop = threading.Event()
    data = [factory.data() for _ in range(200)]

    def writer() -> None:
        for d in data:
            if stop.is_set():
                return
            registrations.save(ctx, d, ready=True)

    t = threading.Thread(target=writer)
    t.start()
    try:
        made = [backups.make_backup(ctx, folders=[])[0] for _ in range(3)]
    finally:
        stop.set()
        t.join()
    for p in made:  # each copy is consistent: records and their outbox entries agree
        info = backups.inspect(p)
        assert 20 <= info.records <= 220 and info.queued == info.records


def test_cli_backup_list_and_restore(ctx: Context, factory: SampleFactory, home: Path) -> None:
    ids = _save(ctx, factory, 3)
    ctx.close()
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_PASSWORD": PASSWORD,
           "FIELDREG_LANG": "en"}
    cli = [sys.executable, "-m", "fieldreg.cli"]
    out = subprocess.run([*cli, "backup"], env=env, capture_output=True, text=True, check=True)
    path = Path(out.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert path.exists()
    listed = subprocess.run([*cli, "backups"], env=env, capture_output=True, text=True,
                            check=True).stdout
    assert path.name in listed and "manual" in listed
    (home / "fieldreg.db").write_bytes(b"\0" * 4096)  # the database is destroyed
    res = subprocess.run([*cli, "restore", str(path)], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "Restored: 3 records, 3 waiting to be sent." in res.stdout
    ctx2 = accounts.unlock(home, VOLUNTEER, PASSWORD)
    try:
        assert _ids(ctx2) == set(ids)
    finally:
        ctx2.close()
    bad = subprocess.run([*cli, "restore", str(home / "nothing.fieldreg-backup")], env=env,
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "not found" in bad.stderr


def test_check_proves_a_backup_without_changing_anything(ctx: Context, home: Path) -> None:
    backup = backups.make_backup(ctx)[0]
    ctx.close()
    before = _sha(home / "fieldreg.db")
    assert restore.volunteers_in(backup) == [VOLUNTEER]
    assert restore.check(home, backup, volunteer=VOLUNTEER, password=PASSWORD).records == 0
    with pytest.raises(ServiceError) as err:
        restore.check(home, backup, volunteer=VOLUNTEER, password="bukan-sandinya")
    assert err.value.code == "wrong_password"
    assert _sha(home / "fieldreg.db") == before
    assert not list(home.glob(".check-*")) and not list((home / "backups").glob("replaced-*"))


def test_cli_diagnostics_still_writes_when_the_database_will_not_open(
        ctx: Context, home: Path, tmp_path: Path) -> None:
    ctx.close()
    (home / "fieldreg.db").write_bytes(b"\0" * 8192)  # damaged
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_PASSWORD": PASSWORD,
           "FIELDREG_LANG": "en"}
    out = tmp_path / "diag.txt"
    res = subprocess.run([sys.executable, "-m", "fieldreg.cli", "diagnostics", str(out)],
                         env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "was not opened" in res.stderr and out.exists()


def test_a_restore_that_fails_late_puts_everything_back(
        ctx: Context, factory: SampleFactory, home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _save(ctx, factory, 2)
    backup = backups.make_backup(ctx)[0]
    _save(ctx, factory, 1)
    ctx.close()

    def broken(*_a: object, **_k: object) -> Context:
        raise ServiceError("backup_failed", detail="disk full")

    monkeypatch.setattr(accounts, "open_with_key", broken)
    with pytest.raises(ServiceError):
        restore.restore(home, backup, volunteer=VOLUNTEER, password=PASSWORD)
    monkeypatch.undo()
    again = accounts.unlock(home, VOLUNTEER, PASSWORD)  # the laptop works as before
    try:
        assert len(_ids(again)) == 3
    finally:
        again.close()
    assert not list((home / "backups").glob("replaced-*"))


def test_no_restore_while_the_database_is_open_elsewhere(ctx: Context, home: Path) -> None:
    backup = backups.make_backup(ctx)[0]
    registrations.count(ctx)  # the app (another process, here a live engine) has it open
    before = _sha(home / "keyslots.json")
    with pytest.raises(ServiceError) as err:
        restore.restore(home, backup, volunteer=VOLUNTEER, password=PASSWORD)
    assert err.value.code == "restore_in_use"
    assert _sha(home / "keyslots.json") == before and (home / "fieldreg.db").exists()
    assert registrations.count(ctx) == 0  # and it goes on working


def test_another_laptops_backup_needs_replace_other(
        ctx: Context, factory: SampleFactory, home: Path, tmp_path: Path) -> None:
    mine = set(_save(ctx, factory, 2))
    ctx.close()
    other = tmp_path / "other"
    accounts.initialise(other, device_name="Laptop Lain", regency_code="15.05",
                        volunteer_name="Rina", password="sandi-rina-1")
    octx = accounts.unlock(other, "Rina", "sandi-rina-1")
    theirs = backups.make_backup(octx, folders=[])[0]
    octx.close()
    with pytest.raises(ServiceError) as err:
        restore.check(home, theirs, volunteer="Rina", password="sandi-rina-1")
    assert err.value.code == "restore_replaces_other"
    with pytest.raises(ServiceError):
        restore.restore(home, theirs, volunteer="Rina", password="sandi-rina-1")
    res = restore.restore(home, theirs, volunteer="Rina", password="sandi-rina-1",
                          replace_other=True)
    res.context.close()
    assert res.replaced_dir is not None  # this laptop's data, set aside whole
    kf_key = res.replaced_dir / "keyslots.json"
    from fieldreg.store.keyslots import KeyFile

    kf = KeyFile.load(kf_key)
    key = kf.open_password(accounts.find_slot(kf, VOLUNTEER).volunteer_id, PASSWORD)
    assert snapshot.facts(res.replaced_dir / "fieldreg.db", key).records == len(mine)


def test_a_damaged_key_file_is_replaced_by_the_backups(ctx: Context, home: Path) -> None:
    backup = backups.make_backup(ctx)[0]
    ctx.close()
    (home / "keyslots.json").write_text("{ damaged")
    res = restore.restore(home, backup, volunteer=VOLUNTEER, password=PASSWORD)
    res.context.close()
    accounts.unlock(home, VOLUNTEER, PASSWORD).close()


def test_rotation_never_deletes_the_backup_just_made(ctx: Context, home: Path) -> None:
    folder = home / "backups"
    folder.mkdir(exist_ok=True)
    for day in range(1, 9):  # a clock once set a year ahead named these
        (folder / f"laptop-desa-1-{ctx.device_id[:8]}-202712{day:02d}-080000-daily"
         f"{backups.SUFFIX}").write_bytes(b"future")
    made = backups.backup_if_due(ctx).made
    assert made and made[0].exists()
    assert len(list(folder.glob(f"*{ctx.device_id[:8]}*daily*"))) == backups.KEEP["daily"]
