"""Key slots (fieldreg/store/keyslots.py): wrapping, throttling, lock-out, recovery, the file.

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

from fieldreg.store.keyslots import (
    DELAY_S,
    FREE_ATTEMPTS,
    LOCK_AFTER,
    LOCK_MINUTES,
    MIN_PASSWORD_LENGTH,
    RECOVERY_ALPHABET,
    Argon2Cost,
    KeyFile,
    KeySlotError,
    cost_from_env,
    new_recovery_key,
    normalize_recovery_key,
)

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


def fail(kf: KeyFile, password: str = "salah-salah", *, now: datetime) -> KeySlotError:
    with pytest.raises(KeySlotError) as info:
        kf.unlock(VID, password, now=now)
    return info.value


def slot(kf: KeyFile) -> dict:
    data = json.loads(kf.path.read_text("utf-8"))
    return next(s for s in data["slots"] if s.get("volunteer_id") == VID)


# ---------------------------------------------------------------- wrapping


def test_the_cheap_test_cost_is_in_force() -> None:
    assert cost_from_env() == Argon2Cost(1, 8, 1)


def test_password_unwraps_the_database_key(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    assert len(db_key) == 32
    assert kf.unlock(VID, PW, now=T0) == db_key
    assert reload(kf).unlock(VID, PW, now=T0) == db_key


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
    assert kf.unlock("a", PW, now=T0) == kf.unlock("b", PW, now=T0) == db_key
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
        KeyFile.load(kf.path).unlock("b", PW, now=T0)
    assert info.value.code == "wrong_password"


def test_setting_a_password_again_replaces_the_slot(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf.set_password(VID, "Budi", "sandi-baru-99", db_key)
    assert len(kf.volunteers()) == 1
    assert fail(kf, PW, now=T0).code == "wrong_password"
    assert kf.unlock(VID, "sandi-baru-99", now=T0) == db_key


def test_unknown_volunteer(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    with pytest.raises(KeySlotError) as info:
        kf.unlock("nobody", PW, now=T0)
    assert info.value.code == "unknown_volunteer"


def test_removed_volunteer_cannot_unlock(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, _ = keyfile
    kf.remove_volunteer(VID)
    with pytest.raises(KeySlotError) as info:
        reload(kf).unlock(VID, PW, now=T0)
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
    assert slot(kf)["failures"] == FREE_ATTEMPTS - 1
    assert slot(kf)["next_try"] is None  # the first attempts are free


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
    assert slot(kf)["failures"] == FREE_ATTEMPTS
    # once the wait is over the right password opens
    assert kf.unlock(VID, PW, now=T0 + timedelta(seconds=DELAY_S)) == db_key


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
    assert [v.locked_until for v in kf.volunteers()] == [until]


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
    assert kf.unlock(VID, PW, now=until) == db_key


def test_lock_outs_double_while_wrong_passwords_go_on(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf, first = lock_out(kf, T0)
    kf, second = lock_out(kf, first)
    assert second - (first + timedelta(seconds=DELAY_S * (LOCK_AFTER - 1))) == timedelta(
        minutes=2 * LOCK_MINUTES
    )
    assert kf.unlock(VID, PW, now=second) == db_key


def test_success_resets_every_counter(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    kf, until = lock_out(kf, T0)
    assert kf.unlock(VID, PW, now=until) == db_key
    s = slot(kf)
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
            kf.unlock("a", "salah-salah", now=T0 + timedelta(minutes=i))
    assert kf.volunteers()[0].locked_until is not None
    assert kf.unlock("b", PW, now=T0 + timedelta(minutes=5)) == db_key


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
    assert reload(kf).unlock_with_recovery(key) == db_key


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
        assert kf.unlock_with_recovery(typed) == db_key, typed
    assert normalize_recovery_key("0123 4567-89ab") == "0123-4567-89AB"


def test_wrong_recovery_key(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    with pytest.raises(KeySlotError) as info:
        kf.unlock_with_recovery(new_recovery_key())  # no recovery slot yet
    assert info.value.code == "wrong_recovery_key"
    key = "0123-4567-89AB-CDEF-GHJK-MN01"
    kf.set_recovery_key(key, db_key)
    for wrong in ("0123-4567-89AB-CDEF-GHJK-MN02", "", "0123-4567"):
        with pytest.raises(KeySlotError) as info:
            kf.unlock_with_recovery(wrong)
        assert info.value.code == "wrong_recovery_key"


def test_a_new_recovery_key_replaces_the_old(keyfile: tuple[KeyFile, bytes]) -> None:
    kf, db_key = keyfile
    old, new = new_recovery_key(), new_recovery_key()
    kf.set_recovery_key(old, db_key)
    kf.set_recovery_key(new, db_key)
    kf = reload(kf)
    assert kf.unlock_with_recovery(new) == db_key
    with pytest.raises(KeySlotError):
        kf.unlock_with_recovery(old)


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
    # … and no temporary file was left behind
    assert sorted(p.name for p in kf.path.parent.iterdir()) == ["keyslots.json"]
    assert json.loads(kf.path.read_text("utf-8"))["format"] == 1


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
        KeyFile.load(path).unlock(VID, PW, now=T0)
    assert info.value.code == "keyfile_corrupt"
