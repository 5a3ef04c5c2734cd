"""Participant numbers a laptop can hand out offline, unique across laptops.

A number is 11 characters of Crockford's base 32 alphabet (digits and capitals without I, L, O
and U, so nothing is confused when read aloud or copied by hand):

    DDDDDD SSSS C      printed in groups of four: "7KQ2 MX00 42R"

- ``DDDDDD`` (30 bits) is the device's part: the first bits of SHA-256 over the device's
  Ed25519 public key. The server holds every enrolled device's public key, so it can confirm
  that a number was made by the device that sends it, and it refuses to enrol a second device
  whose part is already taken.
- ``SSSS`` is the device's own sequence (1 to 1,048,575), kept in the encrypted database.
- ``C`` is a Luhn mod 32 check character: any single wrong character is caught, and any swap
  of two neighbouring characters except 0 with Z.

Typing is forgiving: spaces, dashes and lower case are ignored, and O is read as 0, I and L as 1
(Crockford's decoding rules).
"""

from __future__ import annotations

import hashlib

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})

DEVICE_PART_LENGTH = 6
SEQUENCE_LENGTH = 4
LENGTH = DEVICE_PART_LENGTH + SEQUENCE_LENGTH + 1
MAX_SEQUENCE = 32**SEQUENCE_LENGTH - 1


class NumberError(ValueError):
    """Not a participant number; ``code`` says why (an i18n message code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _encode(value: int, length: int) -> str:
    out = []
    for _ in range(length):
        value, r = divmod(value, 32)
        out.append(ALPHABET[r])
    return "".join(reversed(out))


def device_part(public_key: bytes) -> str:
    """The device's six characters, derived from its Ed25519 public key."""
    digest = hashlib.sha256(public_key).digest()
    bits = int.from_bytes(digest[:4], "big") >> 2  # the first 30 bits
    return _encode(bits, DEVICE_PART_LENGTH)


def check_character(body: str) -> str:
    """Luhn mod N (N = 32) over ``body``."""
    factor = 2
    total = 0
    for ch in reversed(body):
        addend = factor * _VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def make(public_key: bytes, sequence: int) -> str:
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise NumberError("participant_sequence_exhausted")
    body = device_part(public_key) + _encode(sequence, SEQUENCE_LENGTH)
    return body + check_character(body)


def sequence_of(number: str) -> int:
    """The per-device sequence inside a canonical number (its characters 7–10)."""
    seq = number[DEVICE_PART_LENGTH:DEVICE_PART_LENGTH + SEQUENCE_LENGTH]
    value = 0
    for ch in seq:
        value = value * 32 + _VALUE[ch]
    return value


def normalize(text: str) -> str:
    """The canonical 11 characters of a typed or scanned number; NumberError when it is none."""
    raw = "".join(text.split()).replace("-", "").upper().translate(_ALIASES)
    if len(raw) != LENGTH:
        raise NumberError("participant_number_length")
    if any(ch not in _VALUE for ch in raw):
        raise NumberError("participant_number_characters")
    if check_character(raw[:-1]) != raw[-1]:
        raise NumberError("participant_number_check")
    return raw


def is_valid(text: str) -> bool:
    try:
        normalize(text)
    except NumberError:
        return False
    return True


def split(number: str) -> tuple[str, int]:
    """(device part, sequence) of a valid number."""
    n = normalize(number)
    seq = 0
    for ch in n[DEVICE_PART_LENGTH:-1]:
        seq = seq * 32 + _VALUE[ch]
    return n[:DEVICE_PART_LENGTH], seq


def made_by(number: str, public_key: bytes) -> bool:
    """Whether ``number`` belongs to the device holding ``public_key`` (the server's check)."""
    try:
        return split(number)[0] == device_part(public_key)
    except NumberError:
        return False


def display(number: str) -> str:
    """Grouped for reading aloud: ``7KQ2 MX00 42R``."""
    n = normalize(number)
    return f"{n[:4]} {n[4:8]} {n[8:]}"
