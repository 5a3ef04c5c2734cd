"""The district's keys file: the device keys and revoked card serials the last pull brought, as
a ``fieldreg-keys/1`` file in the data folder, so that ``verify-card`` (and the app's card check)
trusts every laptop of the district without unlocking. Light: no HTTP, no database."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fieldreg.cards.credential import TrustedKey, TrustStore
from fieldreg.files import atomic_write
from fieldreg.paths import DISTRICT_KEYS_FILE


def district_trust(keys: Iterable[tuple[bytes, str, bool]], revoked_serials: Iterable[str]
                   ) -> TrustStore:
    store = TrustStore()
    for public_key, label, revoked in keys:
        store.add(TrustedKey(public_key, label, revoked))
    store.revoked_serials = set(revoked_serials)
    return store


def write_district_keys(home: Path, store: TrustStore, *, district: str) -> Path | None:
    """Write (atomically) when the content changed; returns the path, or None when unchanged."""
    path = home / DISTRICT_KEYS_FILE
    text = store.to_json(district=district)
    try:
        if path.read_text(encoding="utf-8") == text:
            return None
    except OSError:
        pass
    with atomic_write(path, "w", private=True, temp_prefix=".district-keys-", temp_suffix="",
                      encoding="utf-8") as f:
        f.write(text)
    return path
