"""Key slots (fieldreg/store/keyslots.py): wrapping, sealing, throttling and lock-out
(fieldreg/store/lockout.py), recovery, rekeyed slots, release-0.1 slots, the file.

Argon2 runs at the cheap cost set by tests/conftest.py; the throttling clock is passed in
(``now=``), so nothing here waits.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldreg.store import lockout
from fieldreg.store.keyslots import (
    DEFAULT_COST,
    DELAY_S,
    FREE_ATTEMPTS,
    LOCK_AFTER,
    LOCK_MINUTES,
    MAX_FILE_BYTES,
    MIN_PASSWORD_LENGTH,
    RECOVERY_ALPHABET,
    Argon2Cost,
    KeyFile,
    KeySlotError,
    cost_from_env,
    cost_in_bounds,
    new_recovery_key,
    normalize_recovery_key,
)
from fieldreg.store.lockout import Lockout

T0 = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
PW = "kata-sandi-1"
VID = "vol-1"


@pytest.fixture
def keyfile(tmp_path: Path) -> tuple[KeyFile, bytes]:
    kf, db_key = KeyFile.create(tmp_path / "keyslots.json")
    kf.set_password(VID, "Budi", PW, db_key)
    return kf, db_key


def reload(kf: KeyFile) -> KeyFile:
    """Every state change must be on disk: read the file again."""
    return KeyFile.load(kf.path)


def guard(kf: KeyFile) -> Lockout:
    """The lock-out of the key file's folder (a fresh object: its state is on disk only)."""
    return Lockout(kf.path.parent)


def unlock(kf: KeyFile, vid: str, password: str, *, now: datetime) -> bytes:
    return kf.unlock(vid, password, guard=guard(kf), now=now)


def fail(kf: KeyFile, password: str = "salah-salah", *, now: datetime) -> KeySlotError:
    with pytest.raises(KeySlotError) as info:
        unlock(kf, VID, password, now=now)
    return info.value


def slot(kf: KeyFile) -> dict:
    data = json.loads(kf.path.read_text("utf-8"))
    return next(s for s in data["slots"] if s.get("volunteer_id") == VID)


def counter(kf: KeyFile, vid: str = VID) -> dict:
    """The volunteer's counter in lockout.json, as on disk."""
    st = guard(kf).state(lockout.password_counter(vid))
    return {"failures": 0, "locked_until": None, "next_try": None, "lockouts": 0, **st}


# ---------------------------------------------------------------- wrapping


def test_the_cheap_test_cost_is_in_force() -> None:
    assert cost_from_env() == Argon2Cost(1, 8, 1)


def test_password_unwraps_the_database_key(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    assert len(db_key) == 32
    assert unlock(kf, VID, PW, now=T0) == db_key
    assert unlock(reload(kf), VID, PW, now=T0) == db_key


def test_the_file_holds_no_key_and_no_password(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    raw = kf.path.read_bytes()
    assert db_key not in raw and db_key.hex().encode() not in raw
    assert PW.encode() not in raw
    s = slot(kf)
    assert s["kdf"] == "argon2id" and s["cost"] == {"t": 1, "m": 8, "p": 1}


def test_each_slot_wraps_with_its_own_salt_and_nonce(tmp_path: Path) -> None:
    kf, db_key = KeyFile.create(tmp_path / "k.json")
    kf.set_password("a", "Ani", PW, db_key)
    kf.set_password("b", "Badu", PW, db_key)  # the same password
    data = json.loads(kf.path.read_text("utf-8"))
    a, b = data["slots"]
    assert a["salt"] != b["salt"] and a["wrapped"] != b["wrapped"]
    assert unlock(kf, "a", PW, now=T0) == unlock(kf, "b", PW, now=T0) == db_key
    assert [v.name for v in kf.volunteers()] == ["Ani", "Badu"]


def test_a_slot_cannot_be_moved_to_another_volunteer(tmp_path: Path) -> None:
    """The slot id is authenticated: copying A's wrapped key into B's slot does not open."""
    kf, db_key = KeyFile.create(tmp_path / "k.json")
    kf.set_password("a", "Ani", PW, db_key)
    kf.set_password("b", "Badu", "lain-sandi-2", db_key)
    data = json.loads(kf.path.read_text("utf-8"))
    a, b = data["slots"]
    for k in ("salt", "nonce", "wrapped", "cost"):
        b[k] = a[k]
    kf.path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(KeySlotError) as info:
        unlock(KeyFile.load(kf.path), "b", PW, now=T0)
    assert info.value.code == "wrong_password"


def test_setting_a_password_again_replaces_the_slot(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf.set_password(VID, "Budi", "sandi-baru-99", db_key)
    assert len(kf.volunteers()) == 1
    assert fail(kf, PW, now=T0).code == "wrong_password"
    assert unlock(kf, VID, "sandi-baru-99", now=T0) == db_key


def test_unknown_volunteer(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    with pytest.raises(KeySlotError) as info:
        unlock(kf, "nobody", PW, now=T0)
    assert info.value.code == "unknown_volunteer"


def test_removed_volunteer_cannot_unlock(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    kf.remove_volunteer(VID)
    with pytest.raises(KeySlotError) as info:
        unlock(reload(kf), VID, PW, now=T0)
    assert info.value.code == "unknown_volunteer"


def test_password_too_short(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    with pytest.raises(KeySlotError) as info:
        kf.set_password("v2", "Siti", "x" * (MIN_PASSWORD_LENGTH - 1), db_key)
    assert info.value.code == "password_too_short"
    assert info.value.params == {"min": MIN_PASSWORD_LENGTH}
    assert [v.volunteer_id for v in reload(kf).volunteers()] == [VID]
    kf.set_password("v2", "Siti", "x" * MIN_PASSWORD_LENGTH, db_key)  # exactly the minimum


# ---------------------------------------------------------------- wrong passwords


def test_wrong_password_counts_down(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    left = []
    for _ in range(FREE_ATTEMPTS - 1):
        err = fail(kf, now=T0)
        assert err.code == "wrong_password"
        left.append(err.params["attempts_left"])
        kf = reload(kf)
    assert left == [LOCK_AFTER - 1, LOCK_AFTER - 2]
    assert counter(kf)["failures"] == FREE_ATTEMPTS - 1
    assert counter(kf)["next_try"] is None  # the first attempts are free


def test_throttled_after_three_failures(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    for _ in range(FREE_ATTEMPTS):
        assert fail(kf, now=T0).code == "wrong_password"
        kf = reload(kf)
    # even the right password waits
    err = fail(kf, PW, now=T0 + timedelta(seconds=1))
    assert err.code == "throttled"
    assert 0 < err.params["seconds"] <= DELAY_S
    err = fail(kf, PW, now=T0)
    assert err.code == "throttled"
    assert DELAY_S <= err.params["seconds"] <= DELAY_S + 1
    # a throttled attempt is not a failure: the counter did not move
    assert counter(kf)["failures"] == FREE_ATTEMPTS
    # once the wait is over the right password opens
    assert unlock(kf, VID, PW, now=T0 + timedelta(seconds=DELAY_S)) == db_key


def test_locked_out_after_five_failures(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    now = T0
    codes = []
    for _ in range(LOCK_AFTER):
        err = fail(kf, now=now)
        codes.append(err.code)
        now += timedelta(seconds=DELAY_S)  # wait out each throttle
        kf = reload(kf)
    assert codes == ["wrong_password"] * (LOCK_AFTER - 1) + ["locked_out"]
    last_try = now - timedelta(seconds=DELAY_S)
    until = last_try + timedelta(minutes=LOCK_MINUTES)
    assert err.params["until"] == until
    # the right password does not open during the lock-out
    later = fail(kf, PW, now=until - timedelta(seconds=1))
    assert later.code == "locked_out"
    assert later.params["until"] == until
    assert [v.locked_until for v in kf.volunteers(guard(kf))] == [until]


def lock_out(kf: KeyFile, start: datetime) -> tuple[KeyFile, datetime]:
    now = start
    for _ in range(LOCK_AFTER):
        err = fail(kf, now=now)
        now += timedelta(seconds=DELAY_S)
        kf = reload(kf)
    assert err.code == "locked_out"
    return kf, err.params["until"]


def test_lock_out_expires(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf, until = lock_out(kf, T0)
    assert unlock(kf, VID, PW, now=until) == db_key


def test_lock_outs_double_while_wrong_passwords_go_on(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf, first = lock_out(kf, T0)
    kf, second = lock_out(kf, first)
    assert second - (first + timedelta(seconds=DELAY_S * (LOCK_AFTER - 1))) == timedelta(
        minutes=2 * LOCK_MINUTES
    )
    assert unlock(kf, VID, PW, now=second) == db_key


def test_success_resets_every_counter(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf, until = lock_out(kf, T0)
    assert unlock(kf, VID, PW, now=until) == db_key
    s = counter(kf)
    assert (s["failures"], s["locked_until"], s["next_try"], s["lockouts"]) == (0, None, None, 0)
    # counting starts again from the top, and the next lock-out is the short one again
    kf, again = lock_out(kf, until)
    assert again == until + timedelta(seconds=DELAY_S * (LOCK_AFTER - 1), minutes=LOCK_MINUTES)


def test_throttling_is_per_volunteer(tmp_path: Path) -> None:
    kf, db_key = KeyFile.create(tmp_path / "k.json")
    kf.set_password("a", "Ani", PW, db_key)
    kf.set_password("b", "Badu", PW, db_key)
    for i in range(LOCK_AFTER):
        with pytest.raises(KeySlotError):
            unlock(kf, "a", "salah-salah", now=T0 + timedelta(minutes=i))
    assert kf.volunteers(guard(kf))[0].locked_until is not None
    assert unlock(kf, "b", PW, now=T0 + timedelta(minutes=5)) == db_key


# ---------------------------------------------------------------- recovery key


def test_recovery_key_shape() -> None:
    key = new_recovery_key()
    assert re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", key)
    assert set(key.replace("-", "")) <= set(RECOVERY_ALPHABET)
    assert not set("ILOU") & set(key)
    assert len({new_recovery_key() for _ in range(50)}) == 50


def test_recovery_key_unlocks(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    key = new_recovery_key()
    kf.set_recovery_key(key, db_key)
    assert key not in kf.path.read_text("utf-8")
    assert key.replace("-", "") not in kf.path.read_text("utf-8")
    assert reload(kf).unlock_with_recovery(key, guard=guard(kf)) == db_key


def test_recovery_key_input_is_forgiving(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    key = "0123-4567-89AB-CDEF-GHJK-MN01"
    kf.set_recovery_key(key, db_key)
    for typed in (
        key.lower(),
        key.replace("-", ""),
        key.replace("0", "O").replace("1", "I"),  # O for 0, I for 1
        key.replace("1", "l").lower(),
        " " + key.replace("-", " ") + " ",
        key.replace("-", "")[:10] + "-" + key.replace("-", "")[10:],  # dashes misplaced
    ):
        assert kf.unlock_with_recovery(typed, guard=guard(kf)) == db_key, typed
    assert normalize_recovery_key("0123 4567-89ab") == "0123-4567-89AB"


def test_wrong_recovery_key(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    with pytest.raises(KeySlotError) as info:
        kf.unlock_with_recovery(new_recovery_key(), guard=guard(kf), now=T0)  # no slot yet
    assert info.value.code == "wrong_recovery_key"
    key = "0123-4567-89AB-CDEF-GHJK-MN01"
    kf.set_recovery_key(key, db_key)
    now = T0
    for wrong in ("0123-4567-89AB-CDEF-GHJK-MN02", "", "0123-4567"):
        now += timedelta(seconds=DELAY_S)
        with pytest.raises(KeySlotError) as info:
            kf.unlock_with_recovery(wrong, guard=guard(kf), now=now)
        assert info.value.code == "wrong_recovery_key"
    assert info.value.params == {"attempts_left": LOCK_AFTER - 4}


def test_recovery_key_guesses_are_throttled_and_locked_out(
        keyfile: tuple[KeyFile, bytes]) -> None:
    """The recovery key had no throttle: now it has the same one, on its own counter."""
    kf, db_key = keyfile
    key = new_recovery_key()
    kf.set_recovery_key(key, db_key)
    codes = []
    for i in range(LOCK_AFTER):
        with pytest.raises(KeySlotError) as info:
            kf.unlock_with_recovery(new_recovery_key(), guard=guard(kf),
                                    now=T0 + timedelta(seconds=i))
        codes.append(info.value.code)
    # three free, then the wait refuses without trying; spaced out, the fifth locks
    assert codes == ["wrong_recovery_key"] * FREE_ATTEMPTS + ["throttled"] * 2
    now = T0 + timedelta(seconds=DELAY_S + 2)
    for _ in range(LOCK_AFTER - FREE_ATTEMPTS):
        with pytest.raises(KeySlotError) as info:
            kf.unlock_with_recovery(new_recovery_key(), guard=guard(kf), now=now)
        now += timedelta(seconds=DELAY_S)
    assert info.value.code == "locked_out"
    until = info.value.params["until"]
    with pytest.raises(KeySlotError) as info:  # even the right key waits for the end
        kf.unlock_with_recovery(key, guard=guard(kf), now=until - timedelta(seconds=1))
    assert info.value.code == "locked_out"
    assert unlock(kf, VID, PW, now=now) == db_key  # the passwords have their own counters
    assert kf.unlock_with_recovery(key, guard=guard(kf), now=until) == db_key
    assert guard(kf).state(lockout.RECOVERY) == {}  # a success on the laptop's slots clears


def test_a_new_recovery_key_replaces_the_old(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    old, new = new_recovery_key(), new_recovery_key()
    kf.set_recovery_key(old, db_key)
    kf.set_recovery_key(new, db_key)
    kf = reload(kf)
    assert kf.unlock_with_recovery(new, guard=guard(kf)) == db_key
    with pytest.raises(KeySlotError):
        kf.unlock_with_recovery(old, guard=guard(kf))


# ---------------------------------------------------------------- the file


def test_create_refuses_an_existing_file(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    with pytest.raises(FileExistsError):
        KeyFile.create(kf.path)


def test_create_writes_nothing_until_a_slot_is_set(tmp_path: Path) -> None:
    KeyFile.create(tmp_path / "k.json")
    assert list(tmp_path.iterdir()) == []


def test_keyfile_is_replaced_atomically(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    before = os.stat(kf.path).st_ino
    kf.set_recovery_key(new_recovery_key(), db_key)
    fail(kf, now=T0)
    kf.set_password("v2", "Siti", "sandi-siti-1", db_key)
    # a new file was renamed over the old one (never rewritten in place) …
    assert os.stat(kf.path).st_ino != before
    # … and no temporary file was left behind (the lock files stay, empty)
    assert sorted(p.name for p in kf.path.parent.iterdir()) == [
        "keyslots.json", "keyslots.json.lock", "lockout.json", "lockout.json.lock"]
    assert json.loads(kf.path.read_text("utf-8"))["format"] == 2


def test_missing_keyfile(tmp_path: Path) -> None:
    with pytest.raises(KeySlotError) as info:
        KeyFile.load(tmp_path / "keyslots.json")
    assert info.value.code == "no_keyfile"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00" * 733,  # a power cut after the size was written but not the data
        b'{"format": 1, "slots": [{"id": "pw-1", "kind": "pass',  # cut short
        b"\xff\xfe garbage \x80",
        b'{"format": 99, "slots": []}',
        b"[]",
        b"null",
        b'{"format": 1}',
        b'{"format": 1, "slots": {}}',
        b'{"format": 1, "slots": [42]}',
    ],
    ids=["empty", "zeros", "truncated", "binary", "format", "list", "null", "no-slots",
         "slots-dict", "slot-int"],
)
def test_corrupt_keyfile(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "keyslots.json"
    path.write_bytes(content)
    with pytest.raises(KeySlotError) as info:
        unlock(KeyFile.load(path), VID, PW, now=T0)
    assert info.value.code == "keyfile_corrupt"


# ---------------------------------------------------------------- sealed slots and rekeying

RELEASE_0_1 = Path(__file__).resolve().parents[1] / "fixtures" / "release-0.1.0" / "home"
RELEASE_0_1_PASSWORD = "rahasia-desa-1"  # tests/fixtures/make_release_db.py


def test_a_slot_holds_a_key_pair_and_the_sealed_key(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    s = slot(kf)
    assert {"public", "sealed", "wrapped"} <= set(s)
    assert db_key not in json.dumps(s).encode()
    pub_before = s["public"]
    kf.set_password(VID, "Budi", "sandi-baru-99", db_key)
    assert slot(kf)["public"] != pub_before  # a new password gets a new key pair


def test_rekeyed_slots_open_the_new_key_for_everyone_but_the_old_password(
        tmp_path: Path) -> None:
    kf, old_key = KeyFile.create(tmp_path / "keyslots.json")
    kf.set_password("a", "Ani", PW, old_key)
    kf.set_password("b", "Badu", "sandi-badu-2", old_key)
    rec = new_recovery_key()
    kf.set_recovery_key(rec, old_key)
    old_slots = json.loads(kf.path.read_text("utf-8"))
    new_key = os.urandom(32)
    pending, info = reload(kf).rekeyed(old_key, new_key, volunteer_id="a",
                                       password="sandi-baru-99")
    assert info.stale == [] and info.recovery_key is None
    assert pending.path.name == "keyslots.json.pending"
    assert pending.open_password("a", "sandi-baru-99") == new_key
    assert pending.open_password("b", "sandi-badu-2") == new_key  # no password needed to re-seal
    assert pending.open_recovery(rec) == new_key
    assert pending.previous_key(new_key) == old_key
    assert pending.previous_key(old_key) is None
    with pytest.raises(lockout.Wrong):
        pending.open_password("a", PW)  # the old password does not open the new slots
    # The old slots (an old backup's) open only the old key, whatever is done with them.
    old = KeyFile(tmp_path / "old.json", old_slots)
    assert old.open_password("a", PW) == old_key
    assert new_key not in {old.open_password("b", "sandi-badu-2"), old.open_recovery(rec)}
    # Promoted: the key file, without the old key in it.
    promoted = pending.promote(kf.path)
    assert not pending.path.exists()
    assert "previous_key" not in json.loads(kf.path.read_text("utf-8"))
    assert promoted.previous_key(new_key) is None
    assert KeyFile.load(kf.path).open_password("b", "sandi-badu-2") == new_key


def test_release_0_1_slots_open_and_are_rewritten_at_unlock(tmp_path: Path) -> None:
    """A key file written by release 0.1's own code: its slots wrap the database key itself."""
    path = tmp_path / "keyslots.json"
    path.write_bytes((RELEASE_0_1 / "keyslots.json").read_bytes())
    kf = KeyFile.load(path)
    (vol,) = kf.volunteers()
    assert kf.is_legacy(vol.volunteer_id) and kf.recovery_is_legacy()
    key = kf.open_password(vol.volunteer_id, RELEASE_0_1_PASSWORD)
    assert unlock(kf, vol.volunteer_id, RELEASE_0_1_PASSWORD, now=T0) == key
    kf = reload(kf)
    assert not kf.is_legacy(vol.volunteer_id)  # rewritten with a key pair
    assert kf.open_password(vol.volunteer_id, RELEASE_0_1_PASSWORD) == key
    assert json.loads(path.read_text("utf-8"))["format"] == 2


def test_a_rekey_cannot_carry_release_0_1_slots(tmp_path: Path) -> None:
    """A release-0.1 slot has no public key: it goes stale; the old recovery slot is replaced
    by a new recovery key (returned once)."""
    path = tmp_path / "keyslots.json"
    path.write_bytes((RELEASE_0_1 / "keyslots.json").read_bytes())
    kf = KeyFile.load(path)
    (vol,) = kf.volunteers()
    old_key = kf.open_password(vol.volunteer_id, RELEASE_0_1_PASSWORD)
    kf.set_password("v2", "Siti", "sandi-siti-1", old_key)  # a new-style slot
    # Siti changes her password with a rekey; the 0.1 volunteer has not unlocked since.
    assert KeyFile.load(path).is_legacy(vol.volunteer_id)
    new_key = os.urandom(32)
    pending, info = reload(kf).rekeyed(old_key, new_key, volunteer_id="v2",
                                       password="sandi-siti-2")
    assert info.stale == [vol.name]
    assert info.recovery_key is not None
    assert pending.open_recovery(info.recovery_key) == new_key
    with pytest.raises(KeySlotError) as err:
        pending.open_password(vol.volunteer_id, RELEASE_0_1_PASSWORD)
    assert err.value.code == "password_reset_needed"
    assert [v.name for v in pending.volunteers()] == [vol.name, "Siti"]  # still listed
    assert pending.open_password("v2", "sandi-siti-2") == new_key


def test_renewing_the_recovery_key_at_a_rekey(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, old_key = keyfile
    rec = new_recovery_key()
    kf.set_recovery_key(rec, old_key)
    pending, info = reload(kf).rekeyed(old_key, os.urandom(32), volunteer_id=VID,
                                       password="sandi-baru-99", renew_recovery=True)
    assert info.recovery_key is not None and info.recovery_key != rec
    with pytest.raises(lockout.Wrong):
        pending.open_recovery(rec)


def test_changes_are_made_to_the_file_as_it_is_on_disk(keyfile: tuple[KeyFile, bytes]) -> None:
    """Two KeyFile objects (two processes) each adding a volunteer: neither write loses the
    other's slot (the file is read again under its lock before each change)."""
    kf, db_key = keyfile
    other = reload(kf)
    kf.set_password("v2", "Siti", "sandi-siti-1", db_key)
    other.set_password("v3", "Rudi", "sandi-rudi-1", db_key)
    assert {v.name for v in reload(kf).volunteers()} == {"Budi", "Siti", "Rudi"}


def test_a_damaged_lockout_file_does_not_open_the_door(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    (kf.path.parent / lockout.FILE).write_bytes(b"\x00" * 40)
    err = fail(kf, now=T0)  # one more wrong guess locks: the file said nothing trustworthy
    assert err.code == "locked_out"
    assert unlock(kf, VID, PW, now=err.params["until"]) == db_key


# ---------------------------------------------------------------- a hostile key file (a backup's)

HOSTILE = [
    ("cost", {"t": 4294967295, "m": 4194304, "p": 1}),  # the review's: hours, 4 GiB
    ("cost", {"t": 11, "m": 8, "p": 1}),  # cheap, but past the bounds
    ("cost", {"t": 1, "m": 8, "p": 9}),
    ("cost", {"t": 1, "m": 4, "p": 1}),  # under Argon2's own minimum (8 KiB per lane)
    ("cost", {"t": 10, "m": 1024 * 1024, "p": 1}),  # each within, the work not
    ("cost", {"t": "3", "m": 8, "p": 1}),
    ("cost", {"t": True, "m": 8, "p": 1}),
    ("cost", {"t": 1, "m": 8}),
    ("cost", [1, 8, 1]),
    ("cost", None),
    ("salt", None),
    ("salt", 12),
    ("salt", "not base64!"),
    ("salt", "AAAA"),  # 3 bytes: Argon2 wants 8 or more
    ("nonce", None),
    ("nonce", 5),
    ("wrapped", ["x"]),
    ("public", 7),
    ("sealed", {"epk": "x"}),
    ("sealed", None),
    ("id", "pw-someone-else"),
    ("volunteer_id", 3),
    ("name", None),
    ("kdf", "pbkdf2"),
    ("kind", "other"),
]


@pytest.mark.parametrize(("field", "value"), HOSTILE,
                         ids=[f"{f}={json.dumps(v)[:30]}" for f, v in HOSTILE])
def test_a_slot_outside_what_the_product_writes_is_a_corrupt_key_file(
        keyfile: tuple[KeyFile, bytes], field: str, value: object) -> None:
    """Before: any cost a key file named was handed to Argon2 (a hang, or memory exhausted,
    while every other guess waited for the lock-out's lock), and a missing or mistyped field
    was a KeyError/TypeError/ValueError at the guess (an unhandled crash) or a wrong
    password counted. Now the file is checked whole when it is read."""
    kf, _ = keyfile
    data = json.loads(kf.path.read_text("utf-8"))
    s = next(s for s in data["slots"] if s.get("volunteer_id") == VID)
    if value is None:
        s.pop(field, None)
    else:
        s[field] = value
    kf.path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(KeySlotError) as info:
        KeyFile.load(kf.path)
    assert info.value.code == "keyfile_corrupt"
    assert counter(kf)["failures"] == 0  # no guess was made, none counted


def test_a_recovery_slot_and_a_pending_file_are_checked_too(
        keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf.set_recovery_key(new_recovery_key(), db_key)
    good = json.loads(kf.path.read_text("utf-8"))
    for field in ("salt", "public", "sealed"):
        data = json.loads(json.dumps(good))
        rec = next(s for s in data["slots"] if s["kind"] == "recovery")
        del rec[field]
        kf.path.write_text(json.dumps(data), "utf-8")
        with pytest.raises(KeySlotError) as info:
            KeyFile.load(kf.path)
        assert info.value.code == "keyfile_corrupt", field
    kf.path.write_text(json.dumps(good), "utf-8")
    pending = kf.pending_path
    pending.write_text(json.dumps({**good, "previous_key": {"nonce": 1, "ct": 2}}), "utf-8")
    assert KeyFile.load(kf.path).pending() is None  # unreadable pending slots: none


def test_the_products_own_slots_are_within_the_bounds(tmp_path: Path) -> None:
    """The default cost (and the release-0.1 fixture's) is read; the bounds leave it a margin;
    the test cost from the environment is checked against the same bounds."""
    assert cost_in_bounds(DEFAULT_COST)
    assert cost_in_bounds(Argon2Cost(DEFAULT_COST.time_cost * 3, DEFAULT_COST.memory_kib * 3,
                                     DEFAULT_COST.parallelism * 4))
    kf, db_key = KeyFile.create(tmp_path / "keyslots.json")
    kf.set_password(VID, "Budi", PW, db_key, DEFAULT_COST)
    kf.set_recovery_key(new_recovery_key(), db_key)
    assert KeyFile.load(kf.path).open_password(VID, PW) == db_key
    KeyFile.load(RELEASE_0_1 / "keyslots.json")
    os.environ["FIELDREG_ARGON2_COST"], old = "11,8,1", os.environ["FIELDREG_ARGON2_COST"]
    try:
        with pytest.raises(ValueError):
            cost_from_env()
    finally:
        os.environ["FIELDREG_ARGON2_COST"] = old


def test_a_key_file_too_large_to_be_one_is_corrupt(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    data = json.loads(kf.path.read_text("utf-8"))
    data["padding"] = "x" * MAX_FILE_BYTES
    kf.path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(KeySlotError) as info:
        KeyFile.load(kf.path)
    assert info.value.code == "keyfile_corrupt"
