"""Rules for a volunteer's password (it unlocks the laptop's encrypted database)."""

from __future__ import annotations

MIN_PASSWORD_LENGTH = 8


def long_enough(password: str) -> bool:
    """Whether ``password`` has at least the minimum number of characters."""
    return len(password) >= MIN_PASSWORD_LENGTH
