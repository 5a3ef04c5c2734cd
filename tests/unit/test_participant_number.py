"""Participant numbers made offline: short, forgiving to type, checked, tied to the device."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from fieldreg.domain import participant_number as pn


def _key(seed: int) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32).public_key().public_bytes_raw()


KEY_A, KEY_B = _key(1), _key(2)


@given(st.integers(min_value=1, max_value=pn.MAX_SEQUENCE))
def test_a_number_round_trips_and_names_its_device(seq: int) -> None:
    number = pn.make(KEY_A, seq)
    assert len(number) == pn.LENGTH <= 12
    assert pn.normalize(number) == number
    assert pn.split(number) == (pn.device_part(KEY_A), seq)
    assert pn.made_by(number, KEY_A)
    assert not pn.made_by(number, KEY_B)


def test_no_confusable_characters() -> None:
    numbers = [pn.make(_key(s), q) for s in range(1, 40) for q in (1, 99, 31_337, pn.MAX_SEQUENCE)]
    assert not set("".join(numbers)) & set("ILOU")


def test_typing_is_forgiving() -> None:
    number = pn.make(KEY_A, 42)
    assert pn.normalize(pn.display(number)) == number
    assert pn.normalize(number.lower()) == number
    assert pn.normalize("-".join([number[:4], number[4:8], number[8:]])) == number
    # O read as zero, I and L as one (Crockford): what people write by hand
    handwritten = number.replace("0", "O").replace("1", "l")
    assert pn.normalize(handwritten) == number


@pytest.mark.parametrize("seq", [1, 500, 77_777])
def test_every_single_wrong_character_is_caught(seq: int) -> None:
    number = pn.make(KEY_A, seq)
    for i in range(pn.LENGTH):
        for ch in pn.ALPHABET:
            if ch == number[i]:
                continue
            typo = number[:i] + ch + number[i + 1 :]
            with pytest.raises(pn.NumberError) as err:
                pn.normalize(typo)
            assert err.value.code == "participant_number_check"


def test_neighbour_swaps_are_caught_except_zero_and_z() -> None:
    missed = set()
    for a in pn.ALPHABET:
        for b in pn.ALPHABET:
            if a != b:
                body = "K7Q2MX" + a + b + "2"
                swapped = "K7Q2MX" + b + a + "2"
                if pn.check_character(body) == pn.check_character(swapped):
                    missed.add(frozenset((a, b)))
    assert missed == {frozenset(("0", "Z"))}


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "participant_number_length"), ("ABC", "participant_number_length"),
     ("ABCDEFGHJK#", "participant_number_characters"),
     ("ABCDEFUHJK1", "participant_number_characters")],
)
def test_not_a_number_says_why(text: str, code: str) -> None:
    with pytest.raises(pn.NumberError) as err:
        pn.normalize(text)
    assert err.value.code == code
    assert not pn.is_valid(text)


def test_the_sequence_has_bounds() -> None:
    for bad in (0, pn.MAX_SEQUENCE + 1):
        with pytest.raises(pn.NumberError):
            pn.make(KEY_A, bad)


def test_devices_get_different_parts() -> None:
    parts = {pn.device_part(_key(s)) for s in range(1, 200)}
    assert len(parts) == 199


def test_sequence_of_reads_back_the_sequence() -> None:
    from fieldreg.domain.participant_number import MAX_SEQUENCE, make, sequence_of

    key = bytes(range(32))
    for seq in (1, 2, 31, 32, 1000, MAX_SEQUENCE):
        assert sequence_of(make(key, seq)) == seq
    # the server takes the highest number of a device as max() over the strings: that order
    # must be the order of the sequences
    numbers = [make(key, s) for s in (5, 31, 32, 33, 1023, 1024, 9999)]
    assert sorted(numbers) == numbers
