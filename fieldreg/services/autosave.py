"""The form being typed, kept encrypted so a crash or a power cut does not lose it.

One small file per volunteer in ``home/autosave/``, AES-256-GCM with a key derived (HKDF) from
the open database key, the volunteer's id as associated data. Without an unlocked context it is
unreadable, like the database. The payload is whatever JSON-ready dict the form gives.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.files import atomic_write
from fieldreg.paths import AUTOSAVE_FOLDER
from fieldreg.services.context import Context

log = logging.getLogger(__name__)

_MAGIC = b"FRA1"


def _key(ctx: Context) -> bytes:
    return _key_from(ctx.db_key)


def _key_from(db_key: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"fieldreg-autosave-v1"
    ).derive(db_key)


def _path(ctx: Context) -> Path:
    safe = "".join(ch for ch in ctx.volunteer_id if ch.isalnum() or ch == "-")
    return ctx.home / AUTOSAVE_FOLDER / f"{safe}.bin"


def save_form(ctx: Context, payload: dict[str, Any]) -> None:
    """Replace the volunteer's saved form (``atomic_write``: temp file, fsync, rename; 0600)."""
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    nonce = secrets.token_bytes(12)
    blob = _MAGIC + nonce + AESGCM(_key(ctx)).encrypt(nonce, raw, ctx.volunteer_id.encode())
    path = _path(ctx)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "wb", private=True, temp_prefix=".autosave-", temp_suffix="") as f:
        f.write(blob)


def load_form(ctx: Context) -> dict[str, Any] | None:
    """The saved form, or None (none saved, or not readable with this context)."""
    path = _path(ctx)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + 12 + 16:
        log.warning("autosave file damaged; ignored")
        return None
    nonce = blob[len(_MAGIC) : len(_MAGIC) + 12]
    try:
        raw = AESGCM(_key(ctx)).decrypt(nonce, blob[len(_MAGIC) + 12 :], ctx.volunteer_id.encode())
        data = json.loads(raw.decode("utf-8"))
    except (InvalidTag, ValueError):
        log.warning("autosave file not readable with this key; ignored")
        return None
    return data if isinstance(data, dict) else None


def clear_form(ctx: Context) -> None:
    _path(ctx).unlink(missing_ok=True)


def rekey_forms(home: Path, old_key: bytes, new_key: bytes, volunteer_ids: list[str]) -> None:
    """After the database key changed (``accounts.change_password_rekey``): each saved form
    encrypted again under the new key (atomic per file), so none stays readable with the old
    key. A file the old key does not open either is removed (nobody could read it any more)."""
    for vid in volunteer_ids:
        safe = "".join(ch for ch in vid if ch.isalnum() or ch == "-")
        path = home / AUTOSAVE_FOLDER / f"{safe}.bin"
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            continue
        n = len(_MAGIC)
        try:
            raw = AESGCM(_key_from(old_key)).decrypt(blob[n:n + 12], blob[n + 12:], vid.encode())
        except (InvalidTag, ValueError):
            path.unlink(missing_ok=True)
            continue
        nonce = secrets.token_bytes(12)
        out = _MAGIC + nonce + AESGCM(_key_from(new_key)).encrypt(nonce, raw, vid.encode())
        with atomic_write(path, "wb", private=True, temp_prefix=".autosave-", temp_suffix="") as f:
            f.write(out)
