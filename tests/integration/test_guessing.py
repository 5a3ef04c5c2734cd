"""One lock-out for every guess (issue 11, item 4): parallel wrong passwords, restores and the
recovery key all count in the laptop's ``lockout.json`` (fieldreg/store/lockout.py).

Real SQLCipher data folders and real processes. The lock-out's clock is moved by hand
(``lockout._now``) in this process; nothing waits on the wall clock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldreg.services import accounts, backups, restore
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError
from fieldreg.store import lockout
from fieldreg.store.lockout import DELAY_S, FREE_ATTEMPTS, LOCK_AFTER, LOCK_MINUTES
from tests.conftest import PASSWORD, REGENCY, VOLUNTEER

ROOT = Path(__file__).resolve().parents[2]
WRONG = "bukan-sandinya"

# One guesser: waits for the start signal, guesses once, prints its answer's code.
GUESSER = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from fieldreg.services import accounts
from fieldreg.services.errors import ServiceError
home, go = Path(sys.argv[1]), Path(sys.argv[2])
(go.parent / f"ready-{{os.getpid()}}").touch()  # imported: at the start line
while not go.exists():
    time.sleep(0.002)
try:
    accounts.unlock(home, "", {wrong!r}).close()
    print("opened")
except ServiceError as exc:
    print(exc.code)
"""


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(lockout, "_now", c)
    return c


def _counter(home: Path, volunteer_id: str) -> dict:
    return lockout.Lockout(home).state(lockout.password_counter(volunteer_id))


def _volunteer_id(home: Path) -> str:
    (v,) = accounts.volunteers(home)
    return v.volunteer_id


def _code(fn: object) -> str:
    with pytest.raises(ServiceError) as info:
        fn()  # type: ignore[operator]
    return info.value.code


def _guess_at_once(home: Path, n: int, tmp: Path) -> list[str]:
    tmp.mkdir()
    go = tmp / "go"
    script = GUESSER.format(root=str(ROOT), wrong=WRONG)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(home), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=os.environ.copy())
             for _ in range(n)]
    while len(list(tmp.glob("ready-*"))) < n:  # every guesser imported and waiting
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.01)
    go.touch()
    answers = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        answers.append(out.strip())
    return answers


@pytest.mark.parametrize("n", [FREE_ATTEMPTS, 8])
def test_wrong_passwords_from_processes_at_once_are_each_counted(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    """Before: each process read the counter, spent its Argon2 time, and wrote back its own
    +1: 8–16 guesses at once left one failure counted. Now the guesses take turns under an
    OS lock: every wrong answer is exactly one failure on disk, and once the wait is due the
    rest are refused without being tried."""
    # A real Argon2 cost (tens of ms), so that the guesses overlap in time.
    monkeypatch.setenv("FIELDREG_ARGON2_COST", "2,32768,1")
    accounts.initialise(home, device_name="Laptop Tebak", regency_code=REGENCY,
                        volunteer_name=VOLUNTEER, password=PASSWORD)
    answers = _guess_at_once(home, n, tmp_path / "start")
    counted = _counter(home, _volunteer_id(home))
    tally = Counter(answers)
    assert set(tally) <= {"wrong_password", "throttled", "locked_out"}, tally
    assert counted["total"] == tally["wrong_password"] + tally["locked_out"]
    if n == FREE_ATTEMPTS:
        assert tally == {"wrong_password": n}
        assert counted["failures"] == n and counted["next_try"]
    else:
        assert tally["wrong_password"] >= FREE_ATTEMPTS
        assert tally["throttled"] + tally["wrong_password"] + tally["locked_out"] == n


def test_wrong_passwords_at_restore_count_and_lock_the_laptop(
        ctx: Context, home: Path, clock: Clock) -> None:
    """Before: a restore proved the password against the backup's own slots and counted
    nothing (its counter lived in a temporary copy of the backup's key file)."""
    backup = backups.make_backup(ctx)[0]
    vid = ctx.volunteer_id
    ctx.close()
    codes = []
    for _ in range(LOCK_AFTER):
        clock.wait(DELAY_S)
        codes.append(_code(lambda: restore.restore(home, backup, password=WRONG)))
    assert codes == ["wrong_password"] * (LOCK_AFTER - 1) + ["locked_out"]
    assert _counter(home, vid)["total"] == LOCK_AFTER
    # The right password, at restore or at unlock, waits for the end of the lock-out.
    clock.wait(60)
    assert _code(lambda: restore.restore(home, backup, password=PASSWORD)) == "locked_out"
    assert _code(lambda: restore.check(home, backup, password=PASSWORD)) == "locked_out"
    assert _code(lambda: accounts.unlock(home, VOLUNTEER, PASSWORD)) == "locked_out"
    assert _counter(home, vid)["total"] == LOCK_AFTER  # refusals are not guesses
    # check() counts too: one guess, one failure, in the same counter
    clock.wait(LOCK_MINUTES * 60)
    assert _code(lambda: restore.check(home, backup, password=WRONG)) == "wrong_password"
    assert _counter(home, vid)["total"] == LOCK_AFTER + 1


def test_a_successful_restore_clears_no_lock(ctx: Context, home: Path, clock: Clock) -> None:
    """Before: a restore wrote the backup's key file (or set the slot again) and with it reset
    the counter, lock-outs in a row included. Now a success against a backup's slots clears
    nothing (they may hold an old password): only a success on the laptop's own slots does."""
    backup = backups.make_backup(ctx)[0]
    vid = ctx.volunteer_id
    ctx.close()
    for _ in range(LOCK_AFTER):
        clock.wait(DELAY_S)
        _code(lambda: accounts.unlock(home, VOLUNTEER, WRONG))
    first_until = datetime.fromisoformat(_counter(home, vid)["locked_until"])
    assert _code(lambda: restore.restore(home, backup, password=PASSWORD)) == "locked_out"
    clock.now = first_until
    restore.restore(home, backup, password=PASSWORD).context.close()  # the lock ended
    assert _counter(home, vid)["lockouts"] == 1  # not forgiven by the restore
    for _ in range(LOCK_AFTER):
        clock.wait(DELAY_S)
        _code(lambda: accounts.unlock(home, VOLUNTEER, WRONG))
    second = _counter(home, vid)
    # the second lock-out in a row: twice as long
    assert datetime.fromisoformat(second["locked_until"]) - clock.now == timedelta(
        minutes=2 * LOCK_MINUTES)
    # A success at unlock (the laptop's own slots) clears it, as before.
    clock.now = datetime.fromisoformat(second["locked_until"])
    accounts.unlock(home, VOLUNTEER, PASSWORD).close()
    assert _counter(home, vid) == {}


def test_recovery_with_wrong_keys_is_throttled_and_locked_out(
        home: Path, init: accounts.InitResult, clock: Clock) -> None:
    """Before: the recovery key had no throttle at all."""
    wrong_keys = iter(accounts.new_recovery_key() for _ in range(20))
    codes = [_code(lambda: accounts.recover(home, next(wrong_keys), "", "sandi-baru-123"))
             for _ in range(FREE_ATTEMPTS + 1)]
    assert codes == ["wrong_recovery_key"] * FREE_ATTEMPTS + ["throttled"]
    for _ in range(LOCK_AFTER - FREE_ATTEMPTS):
        clock.wait(DELAY_S)
        code = _code(lambda: accounts.recover(home, next(wrong_keys), "", "sandi-baru-123"))
    assert code == "locked_out"
    state = lockout.Lockout(home).state(lockout.RECOVERY)
    assert state["total"] == LOCK_AFTER
    # the right key waits too, in the app's service and in `fieldreg recover` …
    assert _code(lambda: accounts.recover(home, init.recovery_key, "", "sandi-baru-123")) == \
        "locked_out"
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_LANG": "en",
           "FIELDREG_RECOVERY_KEY": init.recovery_key, "FIELDREG_NEW_PASSWORD": "sandi-baru-123"}
    res = subprocess.run([sys.executable, "-m", "fieldreg.cli", "recover"], env=env,
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and "Locked" in res.stderr, res.stderr
    # … a restore with the recovery key counts in the same counter and is refused as well
    ctx = accounts.unlock(home, VOLUNTEER, PASSWORD)  # passwords have their own counter
    backup = backups.make_backup(ctx)[0]
    ctx.close()
    assert _code(lambda: restore.check(home, backup, recovery_key=init.recovery_key)) == \
        "locked_out"
    # … and once it ends, the key opens and the counter is cleared.
    clock.now = datetime.fromisoformat(state["locked_until"])
    accounts.recover(home, init.recovery_key, "", "sandi-baru-123").close()
    assert lockout.Lockout(home).state(lockout.RECOVERY) == {}
    accounts.unlock(home, VOLUNTEER, "sandi-baru-123").close()


def test_the_lockout_file_is_the_laptops_and_no_backup_carries_it(
        ctx: Context, home: Path, clock: Clock) -> None:
    import zipfile

    _code(lambda: accounts.unlock(home, VOLUNTEER, WRONG))
    backup = backups.make_backup(ctx)[0]
    with zipfile.ZipFile(backup) as z:
        assert lockout.FILE not in z.namelist()
        slots = json.loads(z.read("keyslots.json"))
    assert "failures" not in json.dumps(slots)
    assert (home / lockout.FILE).exists()


def _tampered(backup: Path, dest: Path, change: object) -> Path:
    """A copy of ``backup`` whose keyslots.json was changed by ``change(data)``."""
    import zipfile

    with zipfile.ZipFile(backup) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members["keyslots.json"])
    change(data)  # type: ignore[operator]
    members["keyslots.json"] = json.dumps(data).encode()
    with zipfile.ZipFile(dest, "w") as z:
        for n, b in members.items():
            z.writestr(n, b)
    return dest


def _hostile_cost(data: dict) -> None:
    for s in data["slots"]:
        if s["kind"] == "password":
            s["cost"] = {"t": 4294967295, "m": 4194304, "p": 1}


def _no_salt(data: dict) -> None:
    for s in data["slots"]:
        del s["salt"]


@pytest.mark.parametrize("change", [_hostile_cost, _no_salt], ids=["cost", "no-salt"])
@pytest.mark.parametrize("secret", ["password", "recovery_key"])
def test_a_hostile_backups_key_slots_are_backup_damaged_and_no_guess(
        ctx: Context, home: Path, init: accounts.InitResult, tmp_path: Path, clock: Clock,
        change: object, secret: str) -> None:
    """Before: the backup's key file named any Argon2 cost (4 GiB for hours: the app hung
    while every other guess on the laptop waited and was answered throttled), and a slot
    without its salt was a KeyError out of check/restore (a crash). Now both are the backup's
    damage, found before any guess: nothing counted, nothing in the data folder changed."""
    backup = _tampered(backups.make_backup(ctx)[0], tmp_path / "hostile.fieldreg-backup",
                       change)
    vid = ctx.volunteer_id
    ctx.close()
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
    kw = ({"password": PASSWORD} if secret == "password"
          else {"recovery_key": init.recovery_key})
    assert _code(lambda: restore.check(home, backup, **kw)) == "backup_damaged"
    assert _code(lambda: restore.restore(home, backup, **kw)) == "backup_damaged"
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before
    assert _counter(home, vid) == {}
    assert lockout.Lockout(home).state(lockout.RECOVERY) == {}
    accounts.unlock(home, VOLUNTEER, PASSWORD).close()


def test_the_recovery_key_lifts_the_volunteers_password_lock_out(
        ctx: Context, home: Path, init: accounts.InitResult, clock: Clock) -> None:
    """Before: a recovery on the laptop's own slots cleared only the recovery counter; the
    volunteer, with a new password just set, stayed locked out of it. Other counters stay."""
    vid = ctx.volunteer_id
    other = accounts.add_volunteer(ctx, "Siti Aminah", "sandi-siti-77")
    ctx.close()
    _code(lambda: accounts.unlock(home, "Siti Aminah", WRONG))
    for _ in range(LOCK_AFTER):
        clock.wait(DELAY_S)
        code = _code(lambda: accounts.unlock(home, VOLUNTEER, WRONG))
    assert code == "locked_out"
    accounts.recover(home, init.recovery_key, VOLUNTEER, "sandi-baru-123").close()
    assert _counter(home, vid) == {}
    accounts.unlock(home, VOLUNTEER, "sandi-baru-123").close()  # no wait
    assert _counter(home, other)["failures"] == 1  # Siti's failure still counted
