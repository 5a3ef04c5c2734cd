"""This laptop's card-signing public key as a keys file (``device-key.json``).

Written on every unlock, so it lives apart from ``fieldreg.services.cards``: that module draws
cards and writes PDFs (Pillow, pikepdf, img2pdf, zxing-cpp, about 15 MB), which an unlock does
not need until cards are printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from fieldreg.cards.credential import TrustedKey, TrustStore
from fieldreg.files import atomic_write
from fieldreg.paths import OWN_KEY_FILE

if TYPE_CHECKING:
    from fieldreg.store.models import Device


def own_trust(device: Device) -> TrustStore:
    store = TrustStore()
    store.add(TrustedKey(device.public_key, device.name))
    return store


def write_own_key_file(home: Path, device: Device) -> Path:
    """This device's public key as a keys file (no secret in it), so that ``verify-card`` works
    without unlocking and a district officer can collect it for other verifiers."""
    path = home / OWN_KEY_FILE
    text = own_trust(device).to_json(district=device.regency_code)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        with atomic_write(path, "w", encoding="utf-8") as f:  # a public key: the usual mode
            f.write(text)
    return path
