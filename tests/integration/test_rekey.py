"""Changing the database key with the password (issue 11, item 5): an old password plus an old
backup's key slots must not open today's database; every current password and the recovery
key keep working; a crash at any moment leaves a database a current password opens.

Real SQLCipher data folders; crashes are real SIGKILLs of a process doing the rekey, at each
step and in the middle of SQLCipher re-encrypting the pages.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlcipher3

from fieldreg.services import accounts, autosave, backups, registrations, restore
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store import rekey
from fieldreg.store.keyslots import KeyFile
from tests.conftest import PASSWORD, VOLUNTEER, fix_clock
from tools.sample_data import SampleFactory

ROOT = Path(__file__).resolve().parents[2]
NEW = "sandi-baru-rahasia-2"
OTHER, OTHER_PW = "Siti Aminah", "sandi-siti-77"


def _rows(ctx: Context) -> int:
    from sqlalchemy import text

    with ctx.db.reader() as uow:
        return int(uow.session.execute(text("SELECT count(*) FROM registration")).scalar_one())


def _setup(ctx: Context, factory: SampleFactory, n: int = 3) -> None:
    for _ in range(n):
        registrations.save(ctx, factory.data(), ready=True)
    accounts.add_volunteer(ctx, OTHER, OTHER_PW)


def _backup_key(backup: Path, tmp: Path, password: str) -> bytes:
    """What an old backup's slots and an old password give: the key of that time."""
    with zipfile.ZipFile(backup) as z:
        z.extract("keyslots.json", tmp)
    kf = KeyFile.load(tmp / "keyslots.json")
    return kf.open_password(accounts.find_slot(kf, VOLUNTEER).volunteer_id, password)


def _opens(home: Path, volunteer: str, password: str) -> int | str:
    """The number of records when ``password`` opens the data, else the error code."""
    try:
        ctx = accounts.unlock(home, volunteer, password)
    except ServiceError as exc:
        return exc.code
    try:
        return _rows(ctx)
    finally:
        ctx.close()


def test_a_rekey_makes_an_old_backup_useless_against_todays_database(
        ctx: Context, factory: SampleFactory, home: Path, init: accounts.InitResult,
        tmp_path: Path) -> None:
    _setup(ctx, factory)
    old_backup = backups.make_backup(ctx)[0]
    # A plain password change (what existed before) leaves the key: the old backup's slots
    # and the old password still open today's database. That is the hole.
    accounts.change_password(ctx, "sandi-sementara-1", old_password=PASSWORD)
    ctx.close()
    old_key = _backup_key(old_backup, tmp_path / "a", PASSWORD)
    assert rekey.opens(home / "fieldreg.db", old_key)

    form = {"full_name": "NUR HALIMAH", "nik": "1505016607900003"}
    typed = accounts.unlock(home, VOLUNTEER, "sandi-sementara-1")
    autosave.save_form(typed, form)  # a form being typed, kept encrypted
    typed.close()

    res = accounts.change_password_rekey(home, VOLUNTEER, "sandi-sementara-1", NEW)
    assert res.stale == [] and res.recovery_key is None
    # the form being typed followed the key: it opens with the new one, not with the old
    assert autosave.load_form(res.context) == form
    assert autosave.load_form(dataclasses.replace(res.context, db_key=old_key)) is None
    res.context.close()
    assert not rekey.opens(home / "fieldreg.db", old_key)  # the old backup's key is useless
    assert not (home / "keyslots.json.pending").exists()
    assert "previous_key" not in (home / "keyslots.json").read_text("utf-8")
    # every current secret opens today's data: the new password, the others' passwords (their
    # slots were re-sealed without their passwords) and the recovery key
    assert _opens(home, VOLUNTEER, NEW) == 3
    assert _opens(home, OTHER, OTHER_PW) == 3
    accounts.recover(home, init.recovery_key, OTHER, "siti-baru-9988").close()
    assert _opens(home, OTHER, "siti-baru-9988") == 3
    # the old passwords do not
    assert _opens(home, VOLUNTEER, PASSWORD) == "wrong_password"
    # An old backup still opens with the old password: it holds the old data (what the UI says)
    assert restore.check(home, old_backup, volunteer=VOLUNTEER, password=PASSWORD).records == 3


def test_the_cli_changes_the_password_and_the_key(
        ctx: Context, factory: SampleFactory, home: Path, tmp_path: Path) -> None:
    _setup(ctx, factory, 1)
    old_backup = backups.make_backup(ctx)[0]
    ctx.close()
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_LANG": "en",
           "FIELDREG_VOLUNTEER": VOLUNTEER, "FIELDREG_PASSWORD": PASSWORD,
           "FIELDREG_NEW_PASSWORD": NEW}
    out = subprocess.run([sys.executable, "-m", "fieldreg.cli", "passwd", "--rekey",
                          "--new-recovery-key"], env=env, capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "step 4/4" in out.stderr
    assert "Old backups still open with the old password" in out.stdout
    recovery = out.stdout.strip().splitlines()[-1]
    assert not rekey.opens(home / "fieldreg.db", _backup_key(old_backup, tmp_path, PASSWORD))
    assert _opens(home, VOLUNTEER, NEW) == 1
    accounts.recover(home, recovery, OTHER, "siti-baru-9988").close()  # the new recovery key


def test_no_rekey_while_the_database_is_open_elsewhere(ctx: Context, home: Path) -> None:
    with pytest.raises(ServiceError) as info:
        accounts.change_password_rekey(home, VOLUNTEER, PASSWORD, NEW)
    assert info.value.code == "rekey_in_use"
    ctx.close()
    assert not (home / "keyslots.json.pending").exists()
    assert _opens(home, VOLUNTEER, PASSWORD) == 0  # nothing changed
    assert _opens(home, VOLUNTEER, NEW) == "wrong_password"


def test_a_wrong_current_password_changes_nothing_and_counts(ctx: Context, home: Path) -> None:
    ctx.close()
    before = (home / "keyslots.json").read_bytes()
    with pytest.raises(ServiceError) as info:
        accounts.change_password_rekey(home, VOLUNTEER, "bukan-sandinya", NEW)
    assert info.value.code == "wrong_password"
    assert info.value.params["attempts_left"] == 4
    assert (home / "keyslots.json").read_bytes() == before


# -- crashes -------------------------------------------------------------------------------
# The rekey in a child process, SIGKILLed at a named step (``rekey.step``) or a moment after
# SQLCipher began re-encrypting (a timer started at "before-rekey").
CHILD = """
import os, signal, sys, threading
from pathlib import Path
sys.path.insert(0, {root!r})
from fieldreg.services import accounts
from fieldreg.store import rekey
home, where, delay = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])

def hook(name):
    if name == where:
        if delay:
            threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()
        else:
            os.kill(os.getpid(), signal.SIGKILL)

rekey._STEPS.append(hook)
accounts.change_password_rekey(home, {volunteer!r}, {old!r}, {new!r}).context.close()
print("finished")
"""

STEPS = [("pending-written", 0.0), ("before-rekey", 0.0), ("after-rekey", 0.0),
         ("promoted", 0.0), ("before-rekey", 0.02), ("before-rekey", 0.06),
         ("before-rekey", 0.1)]


@pytest.fixture(scope="module")
def crash_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with records, a second volunteer and ballast (several MB, so that the
    re-encryption takes long enough to be cut in the middle)."""
    home = tmp_path_factory.mktemp("template") / "home"
    init = accounts.initialise(home, device_name="Laptop Crash", regency_code="15.05",
                               volunteer_name=VOLUNTEER, password=PASSWORD)
    ctx = fix_clock(accounts.unlock(home, VOLUNTEER, PASSWORD))
    _setup(ctx, SampleFactory(seed=11, today=ctx.today_fn()), 5)
    key = ctx.db_key
    ctx.close()
    conn = sqlcipher3.connect(str(home / "fieldreg.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("CREATE TABLE ballast (b BLOB)")
    conn.execute("BEGIN")
    for _ in range(3000):
        conn.execute("INSERT INTO ballast VALUES (randomblob(3000))")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    (home / "recovery.txt").write_text(init.recovery_key)
    return home


@pytest.mark.parametrize(("where", "delay"), STEPS, ids=[f"{w}+{d}" for w, d in STEPS])
@pytest.mark.parametrize("who", ["new", "old", "other"])
def test_a_crash_at_any_step_leaves_a_database_a_current_password_opens(
        crash_template: Path, tmp_path: Path, where: str, delay: float, who: str) -> None:
    home = tmp_path / "home"
    shutil.copytree(crash_template, home)
    script = CHILD.format(root=str(ROOT), volunteer=VOLUNTEER, old=PASSWORD, new=NEW)
    child = subprocess.run([sys.executable, "-c", script, str(home), where, str(delay)],
                           capture_output=True, text=True, env=os.environ.copy())
    finished = child.returncode == 0
    assert finished or child.returncode == -signal.SIGKILL, child.stderr
    pending = (home / "keyslots.json.pending").exists()
    # Whoever comes next, with a password that is current in either outcome …
    if who == "new":  # … the new password: it finishes the rekey (or it had finished)
        assert _opens(home, VOLUNTEER, NEW) == 5
        assert _opens(home, VOLUNTEER, PASSWORD) == "wrong_password"
    elif who == "other":  # … another volunteer: their slot is in both files
        assert _opens(home, OTHER, OTHER_PW) == 5
        recovered = accounts.recover(home, (home / "recovery.txt").read_text(), OTHER,
                                     "siti-baru-9988")
        recovered.close()
    else:  # … the old password: opens while the rekey had not been committed
        got = _opens(home, VOLUNTEER, PASSWORD)
        if got == 5:
            assert pending or not finished  # (the rekey was undone)
            assert _opens(home, VOLUNTEER, NEW) == "wrong_password"
        else:
            assert got in ("rekey_pending", "wrong_password"), got
            assert _opens(home, VOLUNTEER, NEW) == 5
    # In every case the file is settled: one key file, no pending slots, the database whole.
    assert not (home / "keyslots.json.pending").exists()
    assert not (home / "fieldreg.db-journal").exists()
    data = json.loads((home / "keyslots.json").read_text("utf-8"))
    assert "previous_key" not in data


def test_the_old_password_during_a_rekey_cut_short_clears_no_failures(
        ctx: Context, home: Path) -> None:
    """A rekey cut short after the database took the new key and before the key file did:
    the old password still opens the old slots, but the database no longer. Before: that
    counted as a success and cleared the volunteer's failures although the answer was
    rekey_pending (a guesser could reset the counter with an old, leaked password). Now the
    counter is cleared only when the database is settled on a key."""
    from fieldreg.store.keyslots import write_pending
    from fieldreg.store.lockout import Lockout, password_counter

    vid, old_key = ctx.volunteer_id, ctx.db_key
    ctx.close()
    assert [_opens(home, VOLUNTEER, "bukan-sandinya") for _ in range(2)] == \
        ["wrong_password"] * 2
    new_key = os.urandom(32)
    pending, _ = KeyFile.load(home / "keyslots.json").rekeyed(old_key, new_key,
                                                              volunteer_id=vid, password=NEW)
    write_pending(pending)
    rekey.rekey_database(home / "fieldreg.db", old_key, new_key)
    assert _opens(home, VOLUNTEER, PASSWORD) == "rekey_pending"
    state = Lockout(home).state(password_counter(vid))
    assert (state["failures"], state["total"]) == (2, 2)  # neither cleared nor counted
    assert _opens(home, VOLUNTEER, NEW) == 0  # the new password settles it …
    assert Lockout(home).state(password_counter(vid)) == {}  # … and clears the counter
    assert not (home / "keyslots.json.pending").exists()
