"""Key slots: one random database key, wrapped by each volunteer password and by a recovery key.

Like LUKS: the SQLCipher database is encrypted with a random 256-bit key that never changes; each
volunteer's password (through Argon2id) and the recovery key printed at setup (through HKDF, it has
120 bits of entropy already) each wrap a copy with AES-256-GCM. A forgotten password loses nothing
(the recovery key opens a slot and a new password is set); a stolen laptop reveals nothing.

The slots live in ``keyslots.json`` beside the database, written atomically. They hold no personal
data of workers: only the volunteers' ids, the names they log in with, and the throttling state.
Throttling is kept here (not in the encrypted database, which is closed while the wrong password is
being typed): after ``FREE_ATTEMPTS`` failures each attempt waits ``DELAY_S`` seconds, after
``LOCK_AFTER`` failures the slot is locked for ``LOCK_MINUTES`` minutes (doubling each time).
Someone with the raw file can reset that counter; the Argon2 cost is what bounds offline guessing.
"""

from __future__ import annotations

import base64
import json
import math
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = 1
FREE_ATTEMPTS = 3
DELAY_S = 5
LOCK_AFTER = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
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
    def from_dict(cls, d: dict[str, int]) -> Argon2Cost:
        return cls(time_cost=d["t"], memory_kib=d["m"], parallelism=d["p"])


DEFAULT_COST = Argon2Cost()
# Tests and benchmarks of anything but unlocking may ask for a cheap cost through this variable.
_COST_ENV = "FIELDREG_ARGON2_COST"


def cost_from_env() -> Argon2Cost:
    raw = os.environ.get(_COST_ENV)
    if not raw:
        return DEFAULT_COST
    t, m, p = (int(x) for x in raw.split(","))
    return Argon2Cost(t, m, p)


class KeySlotError(Exception):
    """Unlocking failed; ``code`` is one of: wrong_password, locked_out, throttled,
    unknown_volunteer, wrong_recovery_key, password_too_short, no_keyfile, keyfile_corrupt."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"))


def _now() -> datetime:
    return datetime.now(UTC)


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


def _derive_recovery(recovery_key: str, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"fieldreg-recovery").derive(
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


@dataclass(frozen=True)
class VolunteerSlot:
    volunteer_id: str
    name: str
    locked_until: datetime | None


class KeyFile:
    """The key slots file. Every change is written atomically (temp file, fsync, rename)."""

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

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        if not path.exists():
            raise KeySlotError("no_keyfile")
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise KeySlotError("keyfile_corrupt") from exc
        slots = data.get("slots") if isinstance(data, dict) else None
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(slots, list)
            or not all(isinstance(s, dict) and isinstance(s.get("kind"), str) for s in slots)
        ):
            raise KeySlotError("keyfile_corrupt")
        return cls(path, data)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".keyslots-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._data, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        if hasattr(os, "O_DIRECTORY"):
            dfd = os.open(self.path.parent, os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)

    # -- slots ----------------------------------------------------------------------------
    def _slots(self, kind: str) -> list[dict[str, Any]]:
        return [s for s in self._data["slots"] if s["kind"] == kind]

    def _password_slot(self, volunteer_id: str) -> dict[str, Any]:
        for s in self._slots("password"):
            if s["volunteer_id"] == volunteer_id:
                return s
        raise KeySlotError("unknown_volunteer")

    def volunteers(self) -> list[VolunteerSlot]:
        return [
            VolunteerSlot(
                s["volunteer_id"],
                s["name"],
                datetime.fromisoformat(s["locked_until"]) if s.get("locked_until") else None,
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
        cost = cost or cost_from_env()
        salt = secrets.token_bytes(16)
        slot_id = f"pw-{volunteer_id}"
        nonce, wrapped = _wrap(_derive_password(password, salt, cost), db_key, slot_id)
        self._data["slots"] = [
            s for s in self._data["slots"] if s.get("volunteer_id") != volunteer_id
        ]
        self._data["slots"].append(
            {
                "id": slot_id,
                "kind": "password",
                "volunteer_id": volunteer_id,
                "name": name,
                "kdf": "argon2id",
                "cost": cost.as_dict(),
                "salt": _b64(salt),
                "nonce": nonce,
                "wrapped": wrapped,
                "failures": 0,
                "locked_until": None,
                "next_try": None,
                "lockouts": 0,
            }
        )
        self.save()

    def remove_volunteer(self, volunteer_id: str) -> None:
        self._data["slots"] = [
            s for s in self._data["slots"] if s.get("volunteer_id") != volunteer_id
        ]
        self.save()

    def set_recovery_key(self, recovery_key: str, db_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        nonce, wrapped = _wrap(_derive_recovery(recovery_key, salt), db_key, "recovery")
        self._data["slots"] = [s for s in self._data["slots"] if s["kind"] != "recovery"]
        self._data["slots"].append(
            {
                "id": "recovery",
                "kind": "recovery",
                "kdf": "hkdf-sha256",
                "salt": _b64(salt),
                "nonce": nonce,
                "wrapped": wrapped,
            }
        )
        self.save()

    # -- unlocking ------------------------------------------------------------------------
    def unlock(self, volunteer_id: str, password: str, *, now: datetime | None = None) -> bytes:
        """The database key, or KeySlotError (wrong_password with attempts left, throttled
        with seconds to wait, locked_out with the time it ends)."""
        now = now or _now()
        slot = self._password_slot(volunteer_id)
        if slot.get("locked_until"):
            until = datetime.fromisoformat(slot["locked_until"])
            if now < until:
                raise KeySlotError("locked_out", until=until)
        if slot.get("next_try"):
            nxt = datetime.fromisoformat(slot["next_try"])
            if now < nxt:
                raise KeySlotError("throttled", seconds=math.ceil((nxt - now).total_seconds()))
        kek = _derive_password(password, _unb64(slot["salt"]), Argon2Cost.from_dict(slot["cost"]))
        try:
            key = _unwrap(kek, slot)
        except InvalidTag:
            self._record_failure(slot, now)
            if slot.get("locked_until"):
                raise KeySlotError(
                    "locked_out", until=datetime.fromisoformat(slot["locked_until"])
                ) from None
            raise KeySlotError(
                "wrong_password", attempts_left=max(0, LOCK_AFTER - slot["failures"])
            ) from None
        if slot["failures"] or slot.get("locked_until") or slot.get("next_try") or slot.get(
            "lockouts"
        ):
            slot.update(failures=0, locked_until=None, next_try=None, lockouts=0)
            self.save()
        return key

    def _record_failure(self, slot: dict[str, Any], now: datetime) -> None:
        slot["failures"] = slot.get("failures", 0) + 1
        if slot["failures"] >= LOCK_AFTER:
            lockouts = slot.get("lockouts", 0)
            slot["locked_until"] = (now + timedelta(minutes=LOCK_MINUTES * 2**lockouts)).isoformat()
            slot["lockouts"] = lockouts + 1
            slot["failures"] = 0
            slot["next_try"] = None
        elif slot["failures"] >= FREE_ATTEMPTS:
            slot["next_try"] = (now + timedelta(seconds=DELAY_S)).isoformat()
        self.save()

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        slots = self._slots("recovery")
        if not slots:
            raise KeySlotError("wrong_recovery_key")
        slot = slots[0]
        try:
            return _unwrap(_derive_recovery(recovery_key, _unb64(slot["salt"])), slot)
        except InvalidTag:
            raise KeySlotError("wrong_recovery_key") from None
