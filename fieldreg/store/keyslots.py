"""Key slots: one random database key, opened by each volunteer's password and by a recovery key.

Like LUKS: the SQLCipher database is encrypted with a random 256-bit key; each volunteer's
password (through Argon2id) and the recovery key printed at setup (through HKDF, it has 120 bits
of entropy already) open a copy of it. A forgotten password loses nothing (the recovery key opens
its slot and a new password is set); a stolen laptop reveals nothing.

Each slot holds its own X25519 key pair: the private half wrapped (AES-256-GCM) by the key the
password or recovery key derives, the public half in clear, and the database key *sealed* to
that public key (ephemeral X25519, HKDF, AES-256-GCM). Sealing needs no password, so the
database key can be changed (``rekeyed``: SQLCipher ``PRAGMA rekey``, see
``fieldreg.store.rekey``) while every current password and the recovery key keep working: the
new key is sealed to each slot's public key. A changed password gets a new key pair, so its old
slot (in an old backup) opens only the old key, never the re-keyed database. Slots written by
release 0.1 (the database key wrapped directly; no key pair) are still read; a volunteer's is
rewritten in the new form at their next unlock, the recovery slot at the next use of the
recovery key (or a new recovery key is made at a rekey).

The slots live in ``keyslots.json`` beside the database, changed under ``keyslots.json.lock``
(read again, changed, written atomically). They hold no personal data of workers: only the
volunteers' ids and the names they log in with. Wrong guesses are counted in
``fieldreg.store.lockout`` (one counter file for unlocking, restoring and recovery).
"""

from __future__ import annotations

import base64
import copy
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.domain.passwords import MIN_PASSWORD_LENGTH as MIN_PASSWORD_LENGTH
from fieldreg.files import atomic_write, fsync_dir
from fieldreg.store import lockout
from fieldreg.store.lockout import DELAY_S as DELAY_S  # re-exported: the throttling rules
from fieldreg.store.lockout import FREE_ATTEMPTS as FREE_ATTEMPTS
from fieldreg.store.lockout import LOCK_AFTER as LOCK_AFTER
from fieldreg.store.lockout import LOCK_MINUTES as LOCK_MINUTES
from fieldreg.store.lockout import Lockout

FORMAT = 2  # 2: slots with key pairs (sealed database key); 1 (release 0.1) is still read
READABLE_FORMATS = (1, 2)
PENDING_SUFFIX = ".pending"  # keyslots.json.pending: the slots of a rekey in progress
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


@dataclass(frozen=True)
class Argon2Cost:
    """Argon2id cost. The default takes about 0.3 s on an old laptop: deliberate."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def as_dict(self) -> dict[str, int]:
        return {"t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_dict(cls, d: object) -> Argon2Cost:
        """The cost a slot names; ValueError unless it is within ``cost_in_bounds``."""
        if not isinstance(d, dict):
            raise ValueError("cost")
        cost = cls(time_cost=d.get("t"), memory_kib=d.get("m"),  # type: ignore[arg-type]
                   parallelism=d.get("p"))  # type: ignore[arg-type]
        if not cost_in_bounds(cost):
            raise ValueError("cost")
        return cost


DEFAULT_COST = Argon2Cost()
# What a slot may ask for: a key file (a backup's too) names its own cost, and a derivation
# runs while every other guess on the laptop waits for it. The bounds allow the product's own
# cost (t=3, 64 MiB, p=2) with a wide margin, and at most ten times its work (t x m): a few
# seconds on an old laptop, never a hang or an exhausted memory.
MAX_TIME_COST = 10
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_PARALLELISM = 8
MAX_WORK = 10 * DEFAULT_COST.time_cost * DEFAULT_COST.memory_kib  # t x m, in KiB passes


def cost_in_bounds(cost: Argon2Cost) -> bool:
    t, m, p = cost.time_cost, cost.memory_kib, cost.parallelism
    if not all(type(v) is int for v in (t, m, p)):  # no bools, floats or strings
        return False
    return (1 <= t <= MAX_TIME_COST and 1 <= p <= MAX_PARALLELISM
            and 8 * p <= m <= MAX_MEMORY_KIB and t * m <= MAX_WORK)


# Tests and benchmarks of anything but unlocking may ask for a cheap cost through this variable.
_COST_ENV = "FIELDREG_ARGON2_COST"


def cost_from_env() -> Argon2Cost:
    raw = os.environ.get(_COST_ENV)
    if not raw:
        return DEFAULT_COST
    t, m, p = (int(x) for x in raw.split(","))
    cost = Argon2Cost(t, m, p)
    if not cost_in_bounds(cost):  # the product never writes a slot it would not read
        raise ValueError(f"{_COST_ENV} out of bounds: {raw}")
    return cost


class KeySlotError(Exception):
    """Unlocking failed; ``code`` is one of: wrong_password, locked_out, throttled,
    unknown_volunteer, wrong_recovery_key, password_too_short, no_keyfile, keyfile_corrupt,
    password_reset_needed (a slot a rekey could not carry over)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def _derive_password(password: str, salt: bytes, cost: Argon2Cost) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _derive_recovery(recovery_key: str, salt: bytes, info: bytes = b"fieldreg-recovery") -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(
        normalize_recovery_key(recovery_key).encode("ascii")
    )


def new_recovery_key() -> str:
    """120 random bits as 24 Crockford base32 characters, in six groups of four."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(24))
    return "-".join(chars[i : i + 4] for i in range(0, 24, 4))


def normalize_recovery_key(text: str) -> str:
    """Forgiving input: case, spaces and dashes ignored; O→0, I/L→1 as Crockford says."""
    t = "".join(ch for ch in text.upper() if ch.isalnum())
    t = t.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(t[i : i + 4] for i in range(0, len(t), 4))


def _wrap(kek: bytes, db_key: bytes, slot_id: str) -> tuple[str, str]:
    nonce = secrets.token_bytes(12)
    return _b64(nonce), _b64(AESGCM(kek).encrypt(nonce, db_key, slot_id.encode()))


def _unwrap(kek: bytes, slot: dict[str, Any]) -> bytes:
    return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), slot["id"].encode())


def _seal_key(shared: bytes, epk: bytes, pub: bytes, slot_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + pub,
                info=b"fieldreg-seal:" + slot_id.encode()).derive(shared)


def _seal(public: bytes, db_key: bytes, slot_id: str) -> dict[str, str]:
    """``db_key`` sealed to the slot's public key: anyone may seal, only the slot opens."""
    eph = X25519PrivateKey.generate()
    epk = eph.public_key().public_bytes_raw()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = secrets.token_bytes(12)
    ct = AESGCM(_seal_key(shared, epk, public, slot_id)).encrypt(nonce, db_key, slot_id.encode())
    return {"epk": _b64(epk), "nonce": _b64(nonce), "ct": _b64(ct)}


def _open_sealed(private: X25519PrivateKey, slot: dict[str, Any]) -> bytes:
    sealed = slot["sealed"]
    epk = _unb64(sealed["epk"])
    pub = private.public_key().public_bytes_raw()
    shared = private.exchange(X25519PublicKey.from_public_bytes(epk))
    return AESGCM(_seal_key(shared, epk, pub, slot["id"])).decrypt(
        _unb64(sealed["nonce"]), _unb64(sealed["ct"]), slot["id"].encode())


def _recovery_private(recovery_key: str, salt: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(
        _derive_recovery(recovery_key, salt, b"fieldreg-recovery-x25519"))


class Wrong(lockout.Wrong):
    """The secret does not open the slot."""


@dataclass(frozen=True)
class VolunteerSlot:
    volunteer_id: str
    name: str
    locked_until: datetime | None


@dataclass(frozen=True)
class Rekeyed:
    """What a rekey did to the slots (see ``KeyFile.rekeyed``)."""

    stale: list[str]  # volunteers whose slot could not be carried over (names)
    recovery_key: str | None  # a new recovery key, when the old one could not be carried over


def _password_slot(volunteer_id: str, name: str, password: str, db_key: bytes,
                   cost: Argon2Cost) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    slot_id = f"pw-{volunteer_id}"
    pair = X25519PrivateKey.generate()  # a new pair for every new password
    nonce, wrapped = _wrap(_derive_password(password, salt, cost), pair.private_bytes_raw(),
                           slot_id)
    public = pair.public_key().public_bytes_raw()
    return {
        "id": slot_id,
        "kind": "password",
        "volunteer_id": volunteer_id,
        "name": name,
        "kdf": "argon2id",
        "cost": cost.as_dict(),
        "salt": _b64(salt),
        "nonce": nonce,
        "wrapped": wrapped,
        "public": _b64(public),
        "sealed": _seal(public, db_key, slot_id),
    }


def _recovery_slot(recovery_key: str, db_key: bytes) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    public = _recovery_private(recovery_key, salt).public_key().public_bytes_raw()
    return {
        "id": "recovery",
        "kind": "recovery",
        "kdf": "hkdf-sha256",
        "salt": _b64(salt),
        "public": _b64(public),
        "sealed": _seal(public, db_key, "recovery"),
    }


MAX_FILE_BYTES = 4 * 1024 * 1024  # a slot is under 1 KB: thousands of volunteers fit


def _b64_of(v: object, *sizes: int, lo: int = 0, hi: int = 0) -> bool:
    """``v`` is base64 text of exactly one of ``sizes`` bytes (or of ``lo``..``hi`` bytes)."""
    if not isinstance(v, str) or len(v) > 200:
        return False
    try:
        n = len(base64.b64decode(v.encode("ascii"), validate=True))
    except ValueError:
        return False
    return n in sizes or (lo <= n <= hi and hi > 0)


def _valid_sealed(v: object) -> bool:
    return (isinstance(v, dict) and _b64_of(v.get("epk"), 32) and _b64_of(v.get("nonce"), 12)
            and _b64_of(v.get("ct"), 48))


def _valid_slot(s: object) -> bool:
    """A slot as ``_password_slot`` / ``_recovery_slot`` (or release 0.1, or a rekey's stale
    mark) write it: the right kinds, types and sizes; a cost within the bounds."""
    if not isinstance(s, dict) or not isinstance(s.get("id"), str):
        return False
    if not _b64_of(s.get("salt"), lo=8, hi=64):
        return False
    kind = s.get("kind")
    if kind == "password":
        vid, name = s.get("volunteer_id"), s.get("name")
        if not (isinstance(vid, str) and vid and isinstance(name, str)
                and s["id"] == f"pw-{vid}" and s.get("kdf") == "argon2id"):
            return False
        try:
            Argon2Cost.from_dict(s.get("cost"))
        except ValueError:
            return False
        if s.get("stale") is True:  # a rekey could not carry it: nothing to open
            return True
    elif kind == "recovery":
        if s["id"] != "recovery" or s.get("kdf") != "hkdf-sha256":
            return False
    else:
        return False
    if "public" in s:
        ok = _b64_of(s.get("public"), 32) and _valid_sealed(s.get("sealed"))
        if kind == "recovery":
            return ok
        return ok and _b64_of(s.get("nonce"), 12) and _b64_of(s.get("wrapped"), 48)
    return _b64_of(s.get("nonce"), 12) and _b64_of(s.get("wrapped"), 48)  # release 0.1


def _valid_file(data: object) -> bool:
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        return False
    slots = data.get("slots")
    if not isinstance(slots, list) or not all(_valid_slot(s) for s in slots):
        return False
    prev = data.get("previous_key")  # a pending file's
    return prev is None or (isinstance(prev, dict) and _b64_of(prev.get("nonce"), 12)
                            and _b64_of(prev.get("ct"), 48))


class KeyFile:
    """The key slots file. Every change is made under its lock on the file as it is on disk
    and written atomically (temp file, fsync, rename)."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    # -- creation and loading -------------------------------------------------------------
    @classmethod
    def create(cls, path: Path) -> tuple[KeyFile, bytes]:
        """A new key file with a fresh random database key (returned; store it nowhere)."""
        if path.exists():
            raise FileExistsError(path)
        kf = cls(path, {"format": FORMAT, "slots": []})
        return kf, secrets.token_bytes(32)

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        """The file, checked whole (``keyfile_corrupt`` otherwise): a key file may come from a
        backup anyone could have written, so nothing in it is used unchecked."""
        if not path.exists():
            raise KeySlotError("no_keyfile")
        try:
            with path.open("rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise ValueError("too large")
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            raise KeySlotError("keyfile_corrupt") from exc
        if not _valid_file(data):
            raise KeySlotError("keyfile_corrupt")
        return dict(data)

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        return cls(path, cls._read(path))

    @property
    def pending_path(self) -> Path:
        return self.path.with_name(self.path.name + PENDING_SUFFIX)

    def pending(self) -> KeyFile | None:
        """The slots of a rekey that has not finished (crash, power cut), if any."""
        try:
            return KeyFile(self.pending_path, self._read(self.pending_path))
        except KeySlotError:
            return None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the key file's lock (re-entrant in this thread)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with lockout.file_lock(self.path):
            yield

    def save(self) -> None:
        _atomic_json(self.path, self._data)

    def _change(self, fn: Any) -> None:
        """Apply ``fn`` to the slots as they are on disk now (another process may have added
        one since this object was loaded), under the lock, and write them back."""
        with self.locked():
            try:
                self._data = self._read(self.path)
            except KeySlotError as exc:
                if exc.code != "no_keyfile":
                    raise
            fn(self._data)
            self._data["format"] = FORMAT
            self.save()

    # -- slots ----------------------------------------------------------------------------
    def _slots(self, kind: str) -> list[dict[str, Any]]:
        return [s for s in self._data["slots"] if s["kind"] == kind]

    def _password_slot(self, volunteer_id: str) -> dict[str, Any]:
        for s in self._slots("password"):
            if s["volunteer_id"] == volunteer_id:
                return s
        raise KeySlotError("unknown_volunteer")

    def volunteers(self, guard: Lockout | None = None) -> list[VolunteerSlot]:
        """Who has a slot; ``locked_until`` from ``guard`` (the laptop's lock-out), if given."""
        return [
            VolunteerSlot(
                s["volunteer_id"],
                s["name"],
                guard.locked_until(lockout.password_counter(s["volunteer_id"]))
                if guard is not None else None,
            )
            for s in self._slots("password")
        ]

    def set_password(
        self,
        volunteer_id: str,
        name: str,
        password: str,
        db_key: bytes,
        cost: Argon2Cost | None = None,
    ) -> None:
        """Add or replace the volunteer's slot (needs the open database key)."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise KeySlotError("password_too_short", min=MIN_PASSWORD_LENGTH)
        slot = _password_slot(volunteer_id, name, password, db_key, cost or cost_from_env())

        def apply(data: dict[str, Any]) -> None:
            data["slots"] = [s for s in data["slots"] if s.get("volunteer_id") != volunteer_id]
            data["slots"].append(slot)

        self._change(apply)

    def remove_volunteer(self, volunteer_id: str) -> None:
        def apply(data: dict[str, Any]) -> None:
            data["slots"] = [s for s in data["slots"] if s.get("volunteer_id") != volunteer_id]

        self._change(apply)

    def set_recovery_key(self, recovery_key: str, db_key: bytes) -> None:
        slot = _recovery_slot(recovery_key, db_key)

        def apply(data: dict[str, Any]) -> None:
            data["slots"] = [s for s in data["slots"] if s["kind"] != "recovery"]
            data["slots"].append(slot)

        self._change(apply)

    # -- opening (no counting: see unlock / unlock_with_recovery and fieldreg.store.lockout) -
    def open_password(self, volunteer_id: str, password: str) -> bytes:
        """The database key this slot holds; ``Wrong`` for a wrong password."""
        slot = self._password_slot(volunteer_id)
        if slot.get("stale"):
            raise KeySlotError("password_reset_needed")
        kek = _derive_password(password, _unb64(slot["salt"]), Argon2Cost.from_dict(slot["cost"]))
        try:
            inner = _unwrap(kek, slot)
            if "public" not in slot:
                return inner  # release 0.1: the database key itself
            return _open_sealed(X25519PrivateKey.from_private_bytes(inner), slot)
        except (InvalidTag, ValueError, KeyError):
            raise Wrong() from None

    def is_legacy(self, volunteer_id: str) -> bool:
        return "public" not in self._password_slot(volunteer_id)

    def open_recovery(self, recovery_key: str) -> bytes:
        slots = self._slots("recovery")
        if not slots:
            raise Wrong()
        slot = slots[0]
        salt = _unb64(slot["salt"])
        try:
            if "public" not in slot:  # release 0.1
                return _unwrap(_derive_recovery(recovery_key, salt), slot)
            return _open_sealed(_recovery_private(recovery_key, salt), slot)
        except (InvalidTag, ValueError, KeyError):
            raise Wrong() from None

    def recovery_is_legacy(self) -> bool:
        return any("public" not in s for s in self._slots("recovery"))

    # -- unlocking: counted guesses ---------------------------------------------------------
    def unlock(self, volunteer_id: str, password: str, *, guard: Lockout,
               own: bool = True, now: datetime | None = None) -> bytes:
        """The database key, or KeySlotError (wrong_password with attempts left, throttled
        with seconds to wait, locked_out with the time it ends). ``guard`` is the laptop's
        lock-out (for a backup's slots too); ``own``: these are the laptop's own slots, so a
        success clears the volunteer's counter and a release-0.1 slot is rewritten."""
        self._password_slot(volunteer_id)  # unknown_volunteer is no guess
        key: bytes = guarded(guard, lockout.password_counter(volunteer_id),
                             lambda: self.open_password(volunteer_id, password),
                             clear_on_success=own, now=now)
        if own and self.is_legacy(volunteer_id):
            self.upgrade(volunteer_id, password, key)
        return key

    def upgrade(self, volunteer_id: str, password: str, db_key: bytes) -> None:
        """Rewrite a release-0.1 slot with a key pair (the password just proved)."""
        s = self._password_slot(volunteer_id)
        self.set_password(volunteer_id, s["name"], password, db_key,
                          Argon2Cost.from_dict(s["cost"]))

    def unlock_with_recovery(self, recovery_key: str, *, guard: Lockout, own: bool = True,
                             now: datetime | None = None) -> bytes:
        key: bytes = guarded(guard, lockout.RECOVERY, lambda: self.open_recovery(recovery_key),
                             clear_on_success=own, now=now, recovery=True)
        return key

    # -- rekeying ---------------------------------------------------------------------------
    def rekeyed(self, old_key: bytes, new_key: bytes, *, volunteer_id: str, password: str,
                renew_recovery: bool = False) -> tuple[KeyFile, Rekeyed]:
        """The slots for ``new_key``, as a pending file (``pending_path``; not written yet):
        ``volunteer_id`` gets a new slot for ``password``; every other slot with a key pair
        gets ``new_key`` sealed to it (their passwords and the recovery key keep working);
        a release-0.1 volunteer slot cannot be carried over without its password and is marked
        stale (the recovery key sets a new one); a release-0.1 recovery slot (or
        ``renew_recovery``) gets a new recovery key, returned once. The pending file also
        holds ``old_key`` sealed under ``new_key``, so whoever opens the pending slots can
        finish or undo a rekey cut short."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise KeySlotError("password_too_short", min=MIN_PASSWORD_LENGTH)
        me = self._password_slot(volunteer_id)
        data = copy.deepcopy(self._data)
        slots: list[dict[str, Any]] = []
        stale: list[str] = []
        recovery: str | None = None
        for s in data["slots"]:
            if s.get("volunteer_id") == volunteer_id:
                s = _password_slot(volunteer_id, me["name"], password, new_key,
                                   Argon2Cost.from_dict(me["cost"]))
            elif s["kind"] == "recovery":
                if renew_recovery or "public" not in s:
                    recovery = new_recovery_key()
                    s = _recovery_slot(recovery, new_key)
                else:
                    s = dict(s, sealed=_seal(_unb64(s["public"]), new_key, s["id"]))
            elif "public" in s:
                s = dict(s, sealed=_seal(_unb64(s["public"]), new_key, s["id"]))
            else:  # release 0.1 slot, or stale already: nothing to seal to
                stale.append(s.get("name", ""))
                s = {k: v for k, v in s.items()
                     if k in ("id", "kind", "volunteer_id", "name", "kdf", "cost", "salt")}
                s["stale"] = True
            slots.append(s)
        if not any(s["kind"] == "recovery" for s in slots):
            recovery = new_recovery_key()
            slots.append(_recovery_slot(recovery, new_key))
        nonce = secrets.token_bytes(12)
        data.update(format=FORMAT, slots=slots, previous_key={
            "nonce": _b64(nonce),
            "ct": _b64(AESGCM(new_key).encrypt(nonce, old_key, b"previous-key")),
        })
        return KeyFile(self.pending_path, data), Rekeyed(stale=stale, recovery_key=recovery)

    def previous_key(self, key: bytes) -> bytes | None:
        """In a pending file opened with the new ``key``: the key it replaces."""
        prev = self._data.get("previous_key")
        if not isinstance(prev, dict):
            return None
        try:
            return AESGCM(key).decrypt(_unb64(prev["nonce"]), _unb64(prev["ct"]),
                                       b"previous-key")
        except (InvalidTag, ValueError, KeyError):
            return None

    def promote(self, target: Path) -> KeyFile:
        """Make these (pending) slots the key file at ``target``, without the old key, and
        remove the pending file."""
        data = {k: v for k, v in self._data.items() if k != "previous_key"}
        kf = KeyFile(target, data)
        with kf.locked():
            kf.save()
            self.path.unlink(missing_ok=True)
            fsync_dir(target.parent)
        return kf


def guarded(guard: Lockout, counter: str, attempt: Any, *, clear_on_success: bool,
            now: datetime | None, recovery: bool = False) -> Any:
    """``attempt`` as one counted guess; the lock-out's refusals as KeySlotError (a wrong
    guess as wrong_recovery_key when ``recovery``, else wrong_password)."""
    try:
        return guard.guess(counter, attempt, clear_on_success=clear_on_success, now=now)
    except lockout.Refused as exc:
        p = exc.params
        if exc.code == "throttled":
            raise KeySlotError("throttled", seconds=p["seconds"]) from None
        if exc.code == "locked_out":
            raise KeySlotError("locked_out", until=p["until"]) from None
        if recovery:
            raise KeySlotError("wrong_recovery_key", attempts_left=p["attempts_left"]) from None
        raise KeySlotError("wrong_password", attempts_left=p["attempts_left"]) from None


def _atomic_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "w", private=True, temp_prefix=".keyslots-", temp_suffix=".tmp",
                      encoding="utf-8") as f:
        json.dump(data, f, indent=1)


def write_pending(kf: KeyFile) -> None:
    """Write a pending file (from ``rekeyed``) durably."""
    _atomic_json(kf.path, kf._data)
