"""Reading QR codes from a photo or a scan (zxing-cpp: bundled, no system library needed)."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image, ImageOps

_QR = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def read_qr_texts(path: Path) -> list[str]:
    """The text of every QR code found in the image at ``path`` (a photo may be rotated)."""
    with Image.open(path) as img:
        gray = ImageOps.exif_transpose(img).convert("L")
    found = zxingcpp.read_barcodes(gray, formats=_QR)
    if not found:  # a dark or low-contrast photo: stretch the contrast and try again
        found = zxingcpp.read_barcodes(ImageOps.autocontrast(gray, cutoff=2),
                                       formats=_QR)
    return [b.text for b in found if b.valid]
