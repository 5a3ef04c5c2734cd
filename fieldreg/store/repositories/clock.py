"""The time every repository stores: naive UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC, as every time is stored."""
    return datetime.now(UTC).replace(tzinfo=None)
