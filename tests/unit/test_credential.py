"""The QR credential: Claim 169 (CWT, COSE_Sign1 Ed25519, zlib, Base45), its verdicts, and what
it must never carry."""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta

import base45
import cbor2
import claim169
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.cards import credential as cr
from fieldreg.cards.credential import CardClaims, TrustedKey, TrustStore, Verdict

# The public Ed25519 test vector of the claim-169 reference implementations
# (test-vectors/valid/ed25519-signed.json in github.com/jeremi/claim-169): RFC 8032's test key.
VECTOR_QR = (
    "6BF590B20FFWJWG.FKJ05H7B0XKA8FA9DIWENPEJ/5P$DPQE88EB$CBECP9ERZC04E21DDF3/E96007F3ORAO001KL"
    "580 B9%W5*B9C+9%R8646%86HKESED1/DRTC5UA QE$345$CVQEX.DX88WBK0NG8PB4 O/38TL6XDALLKLPQATHO.3Z"
    "PJMUAVQFSB1:+B*21V FWMC6SU439YU774475LJ2U5T02$VBSIMLQ3:6J.E1-1STM$4"
)
VECTOR_PUBLIC = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")

NOW = datetime(2026, 6, 1, tzinfo=UTC)
NIK = "1505014203900001"


def _keypair(seed: int) -> tuple[bytes, bytes]:
    key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    return key.private_bytes_raw(), key.public_key().public_bytes_raw()


SECRET, PUBLIC = _keypair(7)
OTHER_SECRET, OTHER_PUBLIC = _keypair(8)


def claims(**changes: object) -> CardClaims:
    base = CardClaims(
        participant_number="EK73AJ001AT",
        full_name="Siti Nurhaliza binti Abdullah Rahman",
        village_code="15.05.01.2002",
        programmes="JKK+JKM",
        funding_source="APBD_KAB",
        coverage_start=date(2026, 1, 1),
        coverage_end=date(2026, 12, 31),
        issuer=cr.issuer_for("15.05"),
        issued_at=datetime(2026, 1, 15, 3, 0, tzinfo=UTC),
        expires_at=datetime(2026, 12, 31, 17, 0, tzinfo=UTC),
        serial="EK73AJ001AT-1",
    )
    return CardClaims(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def trust(*keys: bytes, revoked_serials: set[str] | None = None) -> TrustStore:
    store = TrustStore(revoked_serials=set(revoked_serials or ()))
    for k in keys:
        store.add(TrustedKey(k, "Laptop Desa"))
    return store


def test_a_signed_card_verifies_with_every_claim_back() -> None:
    c = claims()
    text = cr.encode(c, SECRET)
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")  # QR alphanumeric
    v = cr.verify(text, trust(PUBLIC), now=NOW)
    assert v.verdict is Verdict.VALID and v.ok
    assert v.claims == c
    assert v.signer == "Laptop Desa"


def test_an_independent_claim_169_implementation_reads_and_verifies_ours() -> None:
    text = cr.encode(claims(), SECRET)
    result = claim169.decode(text, verify_with_ed25519=PUBLIC, validate_timestamps=False)
    assert result.is_verified()
    assert result.claim169.id == "EK73AJ001AT"
    assert result.claim169.full_name == "Siti Nurhaliza binti Abdullah Rahman"
    assert result.claim169.location_code == "15.05.01.2002"
    assert result.cwt_meta.issuer == "urn:fieldreg:15.05"
    assert result.cwt_meta.expires_at == int(claims().expires_at.timestamp())
    assert claim169.inspect(text).key_id == cr.key_id(PUBLIC)
    with pytest.raises(claim169.Claim169Exception):
        claim169.decode(text, verify_with_ed25519=OTHER_PUBLIC, validate_timestamps=False)


def test_the_reference_test_vector_verifies_with_our_code() -> None:
    v = cr.verify(VECTOR_QR, trust(VECTOR_PUBLIC), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert v.verdict is Verdict.VALID
    assert v.claims is not None
    assert (v.claims.participant_number, v.claims.full_name) == ("ID-SIGNED-001",
                                                                  "Signed Test Person")
    assert v.claims.issuer == "https://mosip.example.org"
    assert cr.verify(VECTOR_QR, trust(PUBLIC), now=NOW).verdict is Verdict.TAMPERED


def test_no_nik_no_birth_date_no_phone_in_the_qr() -> None:
    text = cr.encode(claims(), SECRET)
    raw = zlib.decompress(base45.b45decode(text))
    sign1 = cbor2.loads(raw)
    assert sign1.tag == cr.COSE_SIGN1_TAG
    payload = cbor2.loads(sign1.value[2])
    identity = payload[cr.CLAIM_169]
    assert set(identity) <= {1, 4, 21, 75, 76, 77, 78}  # no 8 (birth date), 10, 11, 12 (phone)
    for secret in (NIK.encode(), b"19900302", b"0812"):
        assert secret not in raw


def test_every_one_character_change_is_refused_as_tampered() -> None:
    text = cr.encode(claims(), SECRET)
    store = trust(PUBLIC)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    for i in range(len(text)):
        ch = alphabet[(alphabet.index(text[i]) + 1) % len(alphabet)]
        forged = text[:i] + ch + text[i + 1 :]
        v = cr.verify(forged, store, now=NOW)
        assert v.verdict is Verdict.TAMPERED, (i, v)


def test_changed_claims_signed_again_with_another_key_are_refused() -> None:
    # a forger re-signs edited claims with their own key: unknown to the verifier
    forged = cr.encode(claims(full_name="Orang Lain"), OTHER_SECRET)
    assert cr.verify(forged, trust(PUBLIC), now=NOW).verdict is Verdict.UNKNOWN_KEY
    # …and claiming the genuine device's key id does not help: the signature does not match
    text = cr.encode(claims(full_name="Orang Lain"), OTHER_SECRET)
    sign1 = cbor2.loads(zlib.decompress(base45.b45decode(text)))
    protected = cbor2.dumps({cr.HDR_ALG: cr.ALG_EDDSA, cr.HDR_KID: cr.key_id(PUBLIC)})
    parts = [protected, *sign1.value[1:]]
    spoofed = base45.b45encode(
        zlib.compress(cbor2.dumps(cbor2.CBORTag(cr.COSE_SIGN1_TAG, parts)))
    ).decode()
    assert cr.verify(spoofed, trust(PUBLIC), now=NOW).verdict is Verdict.TAMPERED


def test_a_verifier_with_the_wrong_key_list_says_unknown_key() -> None:
    text = cr.encode(claims(), SECRET)
    assert cr.verify(text, trust(OTHER_PUBLIC), now=NOW).verdict is Verdict.UNKNOWN_KEY
    assert cr.verify(text, TrustStore(), now=NOW).verdict is Verdict.UNKNOWN_KEY


def test_expired_and_revoked() -> None:
    c = claims()
    text = cr.encode(c, SECRET)
    after = c.expires_at + timedelta(seconds=1)
    assert cr.verify(text, trust(PUBLIC), now=after).verdict is Verdict.EXPIRED
    assert cr.verify(text, trust(PUBLIC, revoked_serials={c.serial}),
                     now=NOW).verdict is Verdict.REVOKED
    revoked_key = TrustStore()
    revoked_key.add(TrustedKey(PUBLIC, "Laptop Desa", revoked=True))
    assert cr.verify(text, revoked_key, now=NOW).verdict is Verdict.REVOKED


@pytest.mark.parametrize("junk", ["", "hello", "NCFOXN%TSMAHO", "6BF5" * 40, "::::"])
def test_junk_is_tampered_never_an_exception(junk: str) -> None:
    assert cr.verify(junk, trust(PUBLIC), now=NOW).verdict is Verdict.TAMPERED


def test_a_keys_file_round_trips_and_revocation_is_sticky() -> None:
    store = trust(PUBLIC, revoked_serials={"X-1"})
    again = TrustStore.from_json(store.to_json(district="15.05"))
    assert again.keys.keys() == store.keys.keys()
    assert again.revoked_serials == {"X-1"}
    revoked = TrustStore()
    revoked.add(TrustedKey(PUBLIC, "", revoked=True))
    revoked.merge(store)  # a file that still lists the key as good does not undo it
    assert revoked.keys[cr.key_id(PUBLIC)].revoked


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"format": "other"}',
     '{"format": "fieldreg-keys/1", "keys": [{"public_key": "abcd"}]}',
     '{"format": "fieldreg-keys/1", "keys": [{"label": "x"}]}'],
)
def test_a_bad_keys_file_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        TrustStore.from_json(text)
