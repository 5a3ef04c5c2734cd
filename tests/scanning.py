"""Reading printed cards back the way a phone would: zbar, an independent QR decoder.

A whole A4 page holds ten codes; zbar finds them all almost always, but on a rare page it
misses one among ten (CI saw it once in hundreds). A phone never sees a whole sheet: it looks
at one card. So a page is read whole *and* card slot by card slot, and each distinct code
counts once. Every code still has to be decoded by zbar from the rasterised page."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image
from pyzbar import pyzbar

from fieldreg.cards.sheets import CARD_H_MM, CARD_W_MM, COLUMNS, ROWS, slot_origin_mm

SLOT_MARGIN_MM = 1.0  # half the gutter between rows: no piece of a neighbour's code


def zbar(image: Image.Image) -> list[str]:
    return [s.data.decode("ascii") for s in
            pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])]


def rasterise(pdf: Path, out: Path, dpi: int = 300, prefix: str = "page") -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / prefix)],
                   check=True, timeout=300)
    return sorted(out.glob(f"{prefix}-*.png"))


def scan_sheet(image: Image.Image, dpi: int = 300) -> list[str]:
    """The distinct QR texts on an A4 sheet image, whole page first, then slot by slot."""
    found = list(dict.fromkeys(zbar(image)))
    if len(found) >= COLUMNS * ROWS:
        return found
    px = dpi / 25.4
    for index in range(COLUMNS * ROWS):
        x, y = slot_origin_mm(index)
        box = (round((x - SLOT_MARGIN_MM) * px), round((y - SLOT_MARGIN_MM) * px),
               round((x + CARD_W_MM + SLOT_MARGIN_MM) * px),
               round((y + CARD_H_MM + SLOT_MARGIN_MM) * px))
        for text in zbar(image.crop(box)):
            if text not in found:
                found.append(text)
    return found


def scan_pdf_sheets(pdf: Path, out: Path, dpi: int = 300) -> list[list[str]]:
    return [scan_sheet(Image.open(p), dpi) for p in rasterise(pdf, out, dpi, prefix="sheet")]
