"""The signed credential in a card's QR code, in the MOSIP Claim 169 form.

    claims (CBOR map under CWT claim 169) -> CWT -> COSE_Sign1 (Ed25519) -> zlib -> Base45

Claim 169 keys used: 1 id (the participant number), 4 full name, 21 location code (the village
code). Programme data goes under keys from the specification's unassigned range 75–99, which
the specification leaves to closed ecosystems like this one (issuer and verifiers agree):

    75 programmes ("JKK+JKM")   76 funding source code   77/78 coverage start/end (YYYYMMDD)

CWT claims: 1 iss (the district, ``urn:fieldreg:<regency code>``), 6 iat, 4 exp and 7 cti, the
card's serial, which a revocation list names. The COSE protected header carries the algorithm
(EdDSA, -8) and the key id (first 8 bytes of SHA-256 over the public key).

Nothing identifying beyond name and village is in the QR: no NIK, no date of birth, no phone.
"""

from __future__ import annotations

import enum
import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import base45
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

COSE_SIGN1_TAG = 18
ALG_EDDSA = -8
HDR_ALG = 1
HDR_KID = 4
CWT_ISS, CWT_EXP, CWT_IAT, CWT_CTI = 1, 4, 6, 7
CLAIM_169 = 169
C_ID, C_FULL_NAME, C_LOCATION = 1, 4, 21
C_PROGRAMMES, C_FUNDING, C_COVER_FROM, C_COVER_TO = 75, 76, 77, 78
MAX_DECOMPRESSED = 16 * 1024  # a card's credential is a few hundred bytes
KEYS_FORMAT = "fieldreg-keys/1"


def key_id(public_key: bytes) -> bytes:
    return hashlib.sha256(public_key).digest()[:8]


def issuer_for(regency_code: str) -> str:
    return f"urn:fieldreg:{regency_code}"


@dataclass(frozen=True)
class CardClaims:
    participant_number: str
    full_name: str
    village_code: str
    programmes: str
    funding_source: str
    coverage_start: date | None
    coverage_end: date | None
    issuer: str
    issued_at: datetime  # aware or naive UTC
    expires_at: datetime
    serial: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "participant_number": self.participant_number,
            "full_name": self.full_name,
            "village_code": self.village_code,
            "programmes": self.programmes,
            "funding_source": self.funding_source,
            "coverage_start": self.coverage_start.isoformat() if self.coverage_start else None,
            "coverage_end": self.coverage_end.isoformat() if self.coverage_end else None,
            "issuer": self.issuer,
            "issued_at": _aware(self.issued_at).isoformat(),
            "expires_at": _aware(self.expires_at).isoformat(),
            "serial": self.serial,
        }


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _epoch(t: datetime) -> int:
    return int(_aware(t).timestamp())


def _ymd(d: date | None) -> str | None:
    return d.strftime("%Y%m%d") if d else None


def _parse_ymd(v: object) -> date | None:
    if not isinstance(v, str) or len(v) != 8 or not v.isdigit():
        return None
    try:
        return date(int(v[:4]), int(v[4:6]), int(v[6:]))
    except ValueError:
        return None


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def encode(claims: CardClaims, signing_key: bytes) -> str:
    """The Base45 text for the QR code, signed with the device's raw Ed25519 private key."""
    private = Ed25519PrivateKey.from_private_bytes(signing_key)
    public = private.public_key().public_bytes_raw()
    identity: dict[int, Any] = {
        C_ID: claims.participant_number,
        C_FULL_NAME: claims.full_name,
        C_LOCATION: claims.village_code,
        C_PROGRAMMES: claims.programmes,
        C_FUNDING: claims.funding_source,
    }
    if claims.coverage_start:
        identity[C_COVER_FROM] = _ymd(claims.coverage_start)
    if claims.coverage_end:
        identity[C_COVER_TO] = _ymd(claims.coverage_end)
    cwt = {
        CWT_ISS: claims.issuer,
        CWT_EXP: _epoch(claims.expires_at),
        CWT_IAT: _epoch(claims.issued_at),
        CWT_CTI: claims.serial.encode(),
        CLAIM_169: identity,
    }
    payload = cbor2.dumps(cwt)
    protected = cbor2.dumps({HDR_ALG: ALG_EDDSA, HDR_KID: key_id(public)})
    signature = private.sign(_sig_structure(protected, payload))
    sign1 = cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature])
    encoded: bytes = base45.b45encode(zlib.compress(cbor2.dumps(sign1), 9))  # untyped library
    return encoded.decode("ascii")


class Verdict(enum.StrEnum):
    VALID = "valid"
    TAMPERED = "tampered"  # unreadable, or the signature does not match the content
    UNKNOWN_KEY = "unknown_key"  # signed by a device this verifier does not know
    REVOKED = "revoked"  # the signing device or this card's serial was revoked
    EXPIRED = "expired"


@dataclass(frozen=True)
class TrustedKey:
    public_key: bytes
    label: str = ""  # the device's name, for people
    revoked: bool = False

    @property
    def kid(self) -> bytes:
        return key_id(self.public_key)


@dataclass
class TrustStore:
    """The keys a verifier trusts, and the card serials that were revoked."""

    keys: dict[bytes, TrustedKey] = field(default_factory=dict)
    revoked_serials: set[str] = field(default_factory=set)

    def add(self, key: TrustedKey) -> None:
        old = self.keys.get(key.kid)
        # A revocation is never undone by a file that still lists the key as good.
        self.keys[key.kid] = TrustedKey(key.public_key, key.label or (old.label if old else ""),
                                        key.revoked or bool(old and old.revoked))

    def merge(self, other: TrustStore) -> None:
        for k in other.keys.values():
            self.add(k)
        self.revoked_serials |= other.revoked_serials

    def to_json(self, *, district: str = "") -> str:
        doc = {
            "format": KEYS_FORMAT,
            "district": district,
            "keys": [
                {"kid": k.kid.hex(), "public_key": k.public_key.hex(), "label": k.label,
                 "revoked": k.revoked}
                for k in self.keys.values()
            ],
            "revoked_cards": sorted(self.revoked_serials),
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> TrustStore:
        """Parse a keys file; ValueError with a plain reason when it is not one."""
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError("not JSON") from exc
        if not isinstance(doc, Mapping) or doc.get("format") != KEYS_FORMAT:
            raise ValueError(f"not a {KEYS_FORMAT} file")
        store = cls()
        for item in doc.get("keys", []):
            try:
                pub = bytes.fromhex(str(item["public_key"]))
            except (KeyError, ValueError, TypeError) as exc:
                raise ValueError("a key without a valid public_key") from exc
            if len(pub) != 32:
                raise ValueError("a public_key that is not 32 bytes")
            store.add(TrustedKey(pub, str(item.get("label", "")), bool(item.get("revoked"))))
        store.revoked_serials = {str(s) for s in doc.get("revoked_cards", [])}
        return store

    @classmethod
    def load(cls, paths: Iterable[Path]) -> TrustStore:
        store = cls()
        for p in paths:
            store.merge(cls.from_json(Path(p).read_text(encoding="utf-8")))
        return store


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    reason: str  # a short English technical reason, for logs and --json
    claims: CardClaims | None = None
    signer: str = ""  # the trusted key's label

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID


def _claims_from(cwt: Mapping[Any, Any]) -> CardClaims:
    ident = cwt.get(CLAIM_169)
    if not isinstance(ident, Mapping):
        raise ValueError("no claim 169")
    cti = cwt.get(CWT_CTI, b"")
    exp, iat = cwt.get(CWT_EXP), cwt.get(CWT_IAT)
    if not isinstance(exp, int) or not isinstance(iat, int):
        raise ValueError("missing iat or exp")
    return CardClaims(
        participant_number=str(ident.get(C_ID, "")),
        full_name=str(ident.get(C_FULL_NAME, "")),
        village_code=str(ident.get(C_LOCATION, "")),
        programmes=str(ident.get(C_PROGRAMMES, "")),
        funding_source=str(ident.get(C_FUNDING, "")),
        coverage_start=_parse_ymd(ident.get(C_COVER_FROM)),
        coverage_end=_parse_ymd(ident.get(C_COVER_TO)),
        issuer=str(cwt.get(CWT_ISS, "")),
        issued_at=datetime.fromtimestamp(iat, UTC),
        expires_at=datetime.fromtimestamp(exp, UTC),
        serial=cti.decode("utf-8", "replace") if isinstance(cti, bytes) else str(cti),
    )


def _signed_by(key: TrustedKey, signature: bytes, protected: bytes, payload: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(
            signature, _sig_structure(protected, payload)
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def verify(text: str, trust: TrustStore, *, now: datetime | None = None) -> Verification:
    """Check a scanned QR text against the trusted keys; never raises on bad input."""
    now = _aware(now or datetime.now(UTC))
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(base45.b45decode(text.strip()), MAX_DECOMPRESSED)
        # Only a whole stream counts: its checksum is read at the end, and nothing may follow.
        if not inflater.eof or inflater.unused_data:
            raise ValueError("the compressed data is cut short or followed by junk")
        obj = cbor2.loads(raw)
        if not isinstance(obj, cbor2.CBORTag) or obj.tag != COSE_SIGN1_TAG:
            raise ValueError("not a COSE_Sign1")
        protected_b, unprotected, payload, signature = obj.value
        protected = cbor2.loads(protected_b) if protected_b else {}
        if protected.get(HDR_ALG) != ALG_EDDSA:
            raise ValueError("not signed with EdDSA")
        kid = protected.get(HDR_KID) or (unprotected or {}).get(HDR_KID)
        cwt = cbor2.loads(payload)
        claims = _claims_from(cwt)
    except Exception as exc:
        return Verification(Verdict.TAMPERED, f"unreadable: {type(exc).__name__}: {exc}")
    if isinstance(kid, bytes):
        candidates = [trust.keys[kid]] if kid in trust.keys else []
    else:  # no key id (other Claim 169 issuers): try every trusted key
        candidates = list(trust.keys.values())
    if not candidates:
        return Verification(Verdict.UNKNOWN_KEY, "signed by a key this verifier does not know",
                            claims)
    key = next((k for k in candidates if _signed_by(k, signature, protected_b, payload)), None)
    if key is None:
        return Verification(Verdict.TAMPERED, "the signature does not match the content",
                            claims, candidates[0].label)
    if key.revoked:
        return Verification(Verdict.REVOKED, "the signing device was revoked", claims, key.label)
    if claims.serial in trust.revoked_serials:
        return Verification(Verdict.REVOKED, "this card was revoked (reprinted or withdrawn)",
                            claims, key.label)
    if _aware(claims.expires_at) <= now:
        return Verification(Verdict.EXPIRED, "the card's validity has ended", claims, key.label)
    return Verification(Verdict.VALID, "signature valid", claims, key.label)
