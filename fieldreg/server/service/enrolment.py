"""Enrolling a laptop: a one-time code from the district admin plus the laptop's Ed25519 key.

Codes are 12 characters of Crockford's base 32 (shown ``XXXX-XXXX-XXXX``, typed in any case,
with dashes or spaces; O reads as 0, I and L as 1), stored only as a SHA-256 hash, and expire.
Tokens are ``secrets.token_urlsafe(32)``, stored as ``protocol.token_hash``.

Device ids and public keys are public (every laptop of a district pulls the others' keys), so
a request proves possession of the private key: it is signed (``protocol.enrol_message``) by
the key it names and, for a device already enrolled, that key must be the stored one. The
signature covers a challenge from ``GET /enrol/challenge``: the server's own clock, so a
laptop's wrong clock does not matter and nothing is stored per challenge. The server takes a
challenge for ``CHALLENGE_WINDOW``, and a used code only with a challenge no older than the
code's last use, so a captured request cannot be replayed for a new token. The code and the
laptop's home district are signed too, binding the signature to this server's code.

- A new device: a fresh, unexpired code of its own district.
- The same laptop retrying (its answer was lost): the same unexpired code, key and device, a
  newer challenge: the same device and a fresh token.
- An enrolled device with a new code (its token was lost or refused): signed by the stored
  key, a code of the device's own district (a device never changes district: a laptop for
  another district is set up there as a new device), audited as ``device.re_enrolled``.
"""

from __future__ import annotations

import binascii
import hashlib
import math
import secrets
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldreg.domain import participant_number
from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service.common import FeedBuffer, audit
from fieldreg.server.service.errors import AdminError, ApiError, refuse_nul
from fieldreg.sync.protocol import (
    District,
    EnrolChallenge,
    EnrolRequest,
    EnrolResponse,
    ErrorCode,
    enrol_message,
    token_hash,
    unb64,
)

CODE_LENGTH = 12
# How long a challenge is taken, and how far ahead of this process's clock (several server
# processes on one database may disagree a little).
CHALLENGE_WINDOW = timedelta(minutes=5)
CHALLENGE_AHEAD = timedelta(seconds=60)
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(participant_number.ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize_code(typed: str) -> str:
    return "".join(typed.split()).replace("-", "").upper().translate(_ALIASES)


def code_hash(typed: str) -> str:
    return hashlib.sha256(normalize_code(typed).encode("utf-8")).hexdigest()


def create_code(db: Database, settings: Settings, district: str, *, hours: float,
                actor: str) -> str:
    """A new enrolment code for ``district`` (display form). Admin only."""
    if not hours > 0:
        raise AdminError("--hours must be more than 0")
    code = new_code()
    now = settings.clock()
    with db.writer() as s:
        if s.get(m.District, district) is None:
            raise AdminError(f"unknown district {district!r} (add it with: district add)")
        expires = now + timedelta(hours=hours)
        s.add(m.EnrolmentCode(code_hash=code_hash(code), district_code=district, created_at=now,
                              expires_at=expires, created_by=actor))
        audit(s, now, actor, "enrolment_code.created", "district", district,
              expires_at=expires.isoformat(timespec="seconds"))
        s.commit()
    return display_code(code)


def _lock_key(address: str) -> int:
    return int.from_bytes(hashlib.sha256(address.encode()).digest()[:8], "big", signed=True)


def check_rate(db: Database, settings: Settings, address: str) -> None:
    """Count this attempt for ``address``; 429 (Retry-After) past the limit. Refused attempts are
    not counted, so the wait never grows while someone keeps trying."""
    now = settings.clock()
    since = now - settings.enrol_window
    with db.writer() as s:
        if db.postgresql:
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(address)})
        s.execute(delete(m.EnrolAttempt).where(m.EnrolAttempt.at <= since))
        recent = s.scalars(
            select(m.EnrolAttempt.at)
            .where(m.EnrolAttempt.address == address, m.EnrolAttempt.at > since)
            .order_by(m.EnrolAttempt.at)
            .limit(settings.enrol_attempts)
        ).all()
        if len(recent) >= settings.enrol_attempts:
            wait = (recent[0] + settings.enrol_window - now).total_seconds()
            retry = max(1, math.ceil(wait))
            raise ApiError(429, ErrorCode.RATE_LIMITED, "too many enrolment attempts",
                           params={"retry_after": retry}, headers={"Retry-After": str(retry)})
        s.add(m.EnrolAttempt(address=address[:64], at=now))
        s.commit()


def _public_key(text_b64: str) -> bytes:
    try:
        raw = unb64(text_b64)
        Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as exc:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "public_key is not a raw Ed25519 key") from exc
    return raw


def challenge(settings: Settings) -> EnrolChallenge:
    """A challenge to sign: this server's time (opaque to the laptop)."""
    return EnrolChallenge(challenge=settings.clock().isoformat(timespec="microseconds"),
                          valid_seconds=int(CHALLENGE_WINDOW.total_seconds()))


def _verify_signature(req: EnrolRequest, public_key: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(unb64(req.signature),
                                                              enrol_message(req))
    except (ValueError, binascii.Error, InvalidSignature) as exc:
        raise ApiError(403, ErrorCode.SIGNATURE_INVALID,
                       "the request is not signed by the device's key") from exc


def _stale() -> ApiError:
    return ApiError(409, ErrorCode.CHALLENGE_STALE,
                    "the challenge is not a recent one: get a new one and sign again")


def _challenge_time(req: EnrolRequest, now: datetime) -> datetime:
    """When the signed challenge was handed out; refused outside the window."""
    try:
        at = datetime.fromisoformat(req.challenge)
    except ValueError:
        raise _stale() from None
    if at.tzinfo is not None or not now - CHALLENGE_WINDOW <= at <= now + CHALLENGE_AHEAD:
        raise _stale()
    return at


def enrol(db: Database, settings: Settings, req: EnrolRequest, address: str) -> EnrolResponse:
    refuse_nul(req.device_id, req.device_name, req.app_version)
    public_key = _public_key(req.public_key)
    _verify_signature(req, public_key)  # against a stored key too: see _enrol
    challenged_at = _challenge_time(req, settings.clock())
    try:
        return _enrol(db, settings, req, public_key, challenged_at, address)
    except IntegrityError:
        # A concurrent enrolment got there first (same device id or number prefix): answer
        # from what is committed now.
        return _enrol(db, settings, req, public_key, challenged_at, address)


def _answer(s: Session, device: m.Device, token: str) -> EnrolResponse:
    district = s.get(m.District, device.district_code)
    assert district is not None
    return EnrolResponse(
        device_id=device.id,
        token=token,
        district=District(code=district.code, name=district.name),
        number_prefix=device.number_prefix,
    )


def _enrol(db: Database, settings: Settings, req: EnrolRequest, public_key: bytes,
           challenged_at: datetime, address: str) -> EnrolResponse:
    """``req`` is signed by ``public_key`` (checked by the caller)."""
    now = settings.clock()
    token = secrets.token_urlsafe(32)
    actor = f"device:{req.device_id}"
    feed = FeedBuffer()
    with db.writer() as s:
        code = s.scalars(
            select(m.EnrolmentCode)
            .where(m.EnrolmentCode.code_hash == code_hash(req.code))
            .with_for_update()
        ).first()
        if code is None:
            raise ApiError(404, ErrorCode.CODE_UNKNOWN, "no such enrolment code")
        if code.expires_at <= now:  # a retry with a used code too
            raise ApiError(410, ErrorCode.CODE_EXPIRED, "the enrolment code has expired")
        if req.district != code.district_code:
            raise _wrong_district()

        if code.used_at is not None:
            device = s.get(m.Device, code.device_id) if code.device_id else None
            same = (device is not None and device.id == req.device_id
                    and device.public_key == public_key)
            if not same or device is None:
                raise ApiError(409, ErrorCode.CODE_USED, "the code was used by another device")
            if device.revoked_at is not None:
                raise ApiError(401, ErrorCode.DEVICE_REVOKED, "this device was revoked")
            if challenged_at < code.used_at:  # a request captured before: a replay
                raise _stale()
            # The same laptop again (its answer was lost): same device, a fresh token. The
            # code's last use moves on, so this very request cannot be replayed either.
            device.token_hash = token_hash(token)
            device.name = req.device_name
            device.app_version = req.app_version
            code.used_at = now
            audit(s, now, actor, "device.token_renewed", "device", device.id, address=address)
            answer = _answer(s, device, token)
            s.commit()
            return answer

        prefix = participant_number.device_part(public_key)
        device = s.get(m.Device, req.device_id, with_for_update=True)
        if device is not None:
            # Signed by the stored key: the request's key (which signed it) is that key.
            if device.public_key != public_key:
                raise ApiError(403, ErrorCode.FORBIDDEN,
                               "this device id is enrolled with another key")
            if device.revoked_at is not None:
                raise ApiError(401, ErrorCode.DEVICE_REVOKED, "this device was revoked")
            if device.district_code != code.district_code:
                raise _wrong_district()
            # An enrolled laptop with a new code of its district (a lost or refused token).
            device.token_hash = token_hash(token)
            device.name = req.device_name
            device.app_version = req.app_version
            action = "device.re_enrolled"
        else:
            taken = s.scalars(
                select(m.Device.id).where(
                    m.Device.number_prefix == prefix,
                    m.Device.revoked_at.is_(None),
                )
            ).first()
            if taken is not None:
                raise ApiError(409, ErrorCode.DEVICE_PART_TAKEN,
                               "another device's participant numbers would collide",
                               params={"number_prefix": prefix})
            device = m.Device(
                id=req.device_id,
                district_code=code.district_code,
                name=req.device_name,
                public_key=public_key,
                number_prefix=prefix,
                token_hash=token_hash(token),
                enrolled_at=now,
                app_version=req.app_version,
            )
            s.add(device)
            action = "device.enrolled"
        code.used_at = now
        code.device_id = device.id
        feed.add(code.district_code, m.FEED_KEYS)
        audit(s, now, actor, action, "device", device.id, district=code.district_code,
              name=req.device_name, number_prefix=prefix, address=address,
              app_version=req.app_version)
        s.flush()
        feed.flush(s)
        answer = _answer(s, device, token)
        s.commit()
        return answer


def _wrong_district() -> ApiError:
    return ApiError(403, ErrorCode.WRONG_DISTRICT,
                    "the enrolment code is for another district than the device's")
