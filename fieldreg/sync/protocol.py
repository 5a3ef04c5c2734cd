"""The sync contract between a laptop and the district server: one module for both sides.

Everything on the wire is JSON (requests may be gzip-compressed, ``Content-Encoding: gzip``).
Every successful answer carries ``protocol == PROTOCOL``: a client counts an answer as success
only when it parses as the model below *and* carries that marker (a captive portal's 200 does
not). Every error answer is ``ErrorBody`` with a stable ``code`` (see ``ErrorCode``); the client
turns codes into words.

Endpoints (all under ``API``):

- ``GET  /ping`` → ``Ping`` (no token: reachability and version).
- ``GET  /enrol/challenge`` → ``EnrolChallenge`` (no token): a fresh challenge to sign.
- ``POST /enrol`` ``EnrolRequest`` → ``EnrolResponse``. One-time code + the laptop's Ed25519
  public key, signed with the matching private key over ``enrol_message`` (the code, device,
  key, name, version, home district and the challenge): only the holder of a device's key can
  get a token for it. Retrying with the same unexpired code *and* key (and a newer challenge)
  gets the same device (and a fresh token, since tokens are stored hashed); an enrolled device
  with a new code keeps its key and its district. Rate-limited per client address (429 +
  Retry-After).
- ``POST /sync/push`` ``PushRequest`` → ``PushResponse`` (``Authorization: Bearer <token>``).
  One transaction per batch, a savepoint per entry, a permanent receipt per (device, seq) with the
  payload hash. One ``EntryResult`` per entry, in order.
- ``GET  /sync/pull?cursor=C&limit=N`` → ``PullResponse``. Server-issued opaque cursors; the
  client stores a cursor only in the local transaction that stores what it covers.

HTTP statuses: 200 success; 400 a malformed body (``bad_request``); 401 no/unknown token
(``unauthorized``) or revoked device (``device_revoked``); 403 wrong district
(``forbidden``); 403/404/409/410 on enrolment (``signature_invalid``, ``wrong_district``,
``code_unknown``, ``code_used``, ``challenge_stale``, ``code_expired``, ``device_part_taken``);
413 body too large (``too_large``); 415 unknown encoding; 422 schema
errors (FastAPI's own shape — the client treats 4xx other than 401/429 as permanent for the
batch); 429 rate limited (Retry-After); 5xx transient.
"""

from __future__ import annotations

import base64
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PROTOCOL: Final = "fieldreg-sync/1"
API = "/api/v1"

# Body caps (both sides): compressed as sent, and once decompressed.
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_INFLATED_BYTES = 32 * 1024 * 1024
# The client sizes push batches by the bytes of their (uncompressed) JSON entries.
DEFAULT_BATCH_BYTES = 512 * 1024
MAX_BATCH_ENTRIES = 2000
# Pull pages.
DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 2000

TOKEN_HEADER = "Authorization"  # "Bearer <token>"


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    DEVICE_REVOKED = "device_revoked"
    FORBIDDEN = "forbidden"
    CODE_UNKNOWN = "code_unknown"
    CODE_USED = "code_used"  # used by another key
    CODE_EXPIRED = "code_expired"
    DEVICE_PART_TAKEN = "device_part_taken"  # another device's numbers would collide
    SIGNATURE_INVALID = "signature_invalid"  # enrolment not signed by the device's own key
    CHALLENGE_STALE = "challenge_stale"  # enrolment challenge too old, or older than its last use
    WRONG_DISTRICT = "wrong_district"  # an enrolment code of another district
    TOO_LARGE = "too_large"
    UNSUPPORTED_ENCODING = "unsupported_encoding"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"


class Outcome(StrEnum):
    APPLIED = "applied"  # stored (created or updated); participant number confirmed
    REPLAYED = "replayed"  # same (device, seq) and payload hash seen before: ``replay_of`` is
    #                        the outcome stored then, and the other fields are the stored ones
    DUPLICATE = "duplicate"  # the NIK is held by another active registration: see ``holder``
    REJECTED = "rejected"  # field problems (the same domain rules as the app), or a protocol
    #                        problem about this entry (``problems[0].field == "_entry"``)
    CONFLICT = "conflict"  # an edit on a version the district has since changed


# A base64 (standard alphabet, padded) raw Ed25519 public key: 32 bytes.
PublicKeyB64 = Annotated[str, Field(min_length=44, max_length=44)]


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def token_hash(token: str) -> str:
    """How the server stores a token (never the token itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ErrorDetail(_Model):
    code: str
    message: str = ""  # English, for logs; the client words ``code`` for people
    params: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    error: ErrorDetail


class Ping(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    server_version: str
    server_time: str  # ISO 8601 UTC, informative only (never a cursor)


# ------------------------------------------------------------------ enrolment


ENROL_SIGNATURE_CONTEXT: Final = "fieldreg-enrol/1"


class EnrolChallenge(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    challenge: str  # opaque to the laptop: put it in the EnrolRequest and sign it
    valid_seconds: int  # how long the server takes it


class EnrolRequest(_Model):
    code: Annotated[str, Field(min_length=4, max_length=64)]
    device_id: Annotated[str, Field(min_length=1, max_length=36)]  # the laptop's own UUID
    device_name: Annotated[str, Field(min_length=1, max_length=80)]
    public_key: PublicKeyB64
    app_version: Annotated[str, Field(max_length=32)] = ""
    # The laptop's home regency ("15.05"): the code must be one of its district's.
    district: Annotated[str, Field(max_length=16)] = ""
    # From GET /enrol/challenge, as given.
    challenge: Annotated[str, Field(max_length=64)] = ""
    # base64 Ed25519 signature of ``enrol_message(request)`` by the device's private key
    # (missing or wrong: ``signature_invalid``).
    signature: Annotated[str, Field(max_length=128)] = ""


def enrol_message(req: EnrolRequest) -> bytes:
    """What the laptop signs to enrol: every field of the request but the signature, as
    canonical JSON under a context label (a signature made for anything else never fits)."""
    fields = {
        "context": ENROL_SIGNATURE_CONTEXT,
        "code": req.code,
        "device_id": req.device_id,
        "device_name": req.device_name,
        "public_key": req.public_key,
        "app_version": req.app_version,
        "district": req.district,
        "challenge": req.challenge,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")


class District(_Model):
    code: str  # regency code, e.g. "15.05"
    name: str


class EnrolResponse(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    device_id: str
    token: str
    district: District
    number_prefix: str  # the device part of participant numbers the server will accept


# ------------------------------------------------------------------ push


class PushEntry(_Model):
    seq: Annotated[int, Field(ge=1)]
    record_id: Annotated[str, Field(min_length=1, max_length=36)]
    version: Annotated[int, Field(ge=1)]
    base_version: Annotated[int, Field(ge=1)] | None = None  # server version the edit was on
    payload: dict[str, Any]  # fieldreg.domain.registration.to_payload(); hashed canonically


class PushRequest(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    entries: Annotated[list[PushEntry], Field(max_length=MAX_BATCH_ENTRIES)]
    # Card serials this device has superseded by reprints (the district revokes them).
    revoked_serials: Annotated[list[Annotated[str, Field(max_length=24)]],
                               Field(max_length=10000)] = Field(default_factory=list)


class WireProblem(_Model):
    field: str
    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class Holder(_Model):
    """Who already holds a NIK: never the NIK or the person's name."""

    participant_number: str | None = None
    village_code: str = ""
    village_name: str = ""
    device_name: str = ""
    same_device: bool = False


class EntryResult(_Model):
    seq: int
    record_id: str
    outcome: Outcome
    replay_of: Outcome | None = None  # set when outcome is REPLAYED
    participant_number: str | None = None
    server_version: int | None = None
    holder: Holder | None = None  # DUPLICATE
    problems: list[WireProblem] = Field(default_factory=list)  # REJECTED / CONFLICT

    @model_validator(mode="after")
    def _replay_names_its_outcome(self) -> EntryResult:
        if self.outcome is Outcome.REPLAYED and self.replay_of in (None, Outcome.REPLAYED):
            raise ValueError("a replayed result must name the outcome stored then")
        return self

    @property
    def effective(self) -> Outcome:
        """The outcome that counts (a replay's stored one)."""
        if self.outcome is Outcome.REPLAYED and self.replay_of is not None:
            return self.replay_of
        return self.outcome


class PushResponse(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    results: list[EntryResult]
    # The device's highest seq with a receipt on the server. Not "every seq below has one": a
    # laptop that gave up on a seq (quarantined, or re-sequenced after ``sequence_reused``)
    # leaves a gap, and re-sequencing must go above this number.
    applied_through: int
    # How many of the request's ``revoked_serials`` the server did not take as this device's
    # cards (another laptop's; or the laptop it was restored from, before the district transfers
    # it). The laptop then does not count its list as sent, and sends it again next time.
    serials_refused: Annotated[int, Field(ge=0)] = 0


# ------------------------------------------------------------------ pull


class RecordStatus(_Model):
    """The server's current view of one of this device's records."""

    record_id: str
    status: Literal["accepted", "duplicate", "rejected", "verified", "voided"]
    server_version: int
    participant_number: str | None = None
    holder: Holder | None = None
    problems: list[WireProblem] = Field(default_factory=list)


class TrustedDeviceKey(_Model):
    device_id: str
    device_name: str
    public_key: PublicKeyB64
    revoked: bool = False


class Target(_Model):
    village_code: str
    target: int


class ReferenceData(_Model):
    regions_version: str
    occupations_version: str
    contributions_version: str
    targets: list[Target] = Field(default_factory=list)


class PullResponse(_Model):
    protocol: Literal["fieldreg-sync/1"] = PROTOCOL
    cursor: str  # give it back next time; opaque
    more: bool  # another page is waiting now
    records: list[RecordStatus] = Field(default_factory=list)
    # Sent when it changed since the given cursor (and on the first pull), else None.
    reference: ReferenceData | None = None
    keys: list[TrustedDeviceKey] | None = None
    revoked_serials: list[str] = Field(default_factory=list)  # new since the cursor
    # The highest participant-number sequence the server holds from this device. A laptop
    # restored from an older backup (or a new laptop restoring a lost one's) counts on from
    # here, so it never hands out a number the server already has.
    number_seq_floor: int | None = Field(default=None, ge=0)
