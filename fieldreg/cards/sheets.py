"""Pages of cards: A4 sheets of ten with crop marks (backs mirrored for duplex), or one card per
CR80 page for card printers; and the PDF that holds them.

Pages are images at a fixed resolution (300 dpi for PDFs). The A4 grid is two columns by five
rows; the back of the card at column c is printed at column 1 − c of the back sheet, so that
after a long-edge duplex flip each back lands behind its own front.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw

from fieldreg.cards.render import (
    CARD_H_MM,
    CARD_W_MM,
    PALETTE_COLOURS,
    CardFace,
    px,
    render_back,
    render_front,
)
from fieldreg.files import atomic_write

A4_W_MM, A4_H_MM = 210.0, 297.0
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
GUTTER_X_MM = 8.0
GUTTER_Y_MM = 2.0
MARK_GAP_MM = 1.5  # crop marks stop short of the card block
MARK_LEN_MM = 5.0
MARK_WIDTH_MM = 0.2


class Layout(enum.StrEnum):
    A4 = "a4"  # ten cards per A4 sheet, backs on the following page, mirrored
    CARD = "card"  # one card per CR80 page (card printers), front then back

    @classmethod
    def parse(cls, text: str) -> Layout:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown layout {text!r}: use a4 or card") from None


def page_size_mm(layout: Layout) -> tuple[float, float]:
    return (A4_W_MM, A4_H_MM) if layout is Layout.A4 else (CARD_W_MM, CARD_H_MM)


def _block_origin_mm() -> tuple[float, float]:
    block_w = COLUMNS * CARD_W_MM + (COLUMNS - 1) * GUTTER_X_MM
    block_h = ROWS * CARD_H_MM + (ROWS - 1) * GUTTER_Y_MM
    return (A4_W_MM - block_w) / 2, (A4_H_MM - block_h) / 2


def slot_origin_mm(index: int, *, back: bool = False) -> tuple[float, float]:
    """Top-left corner (mm) of card ``index`` (0–9) on a front sheet, or of its back."""
    row, col = divmod(index, COLUMNS)
    if back:
        col = COLUMNS - 1 - col
    x0, y0 = _block_origin_mm()
    return x0 + col * (CARD_W_MM + GUTTER_X_MM), y0 + row * (CARD_H_MM + GUTTER_Y_MM)


Segment = tuple[tuple[float, float], tuple[float, float]]


def crop_marks_mm() -> list[Segment]:
    """The crop marks of an A4 sheet, as line segments in millimetres: one pair at every cut
    line, outside the block of cards so that no mark shows on a trimmed card."""
    x0, y0 = _block_origin_mm()
    xs = sorted({x0 + c * (CARD_W_MM + GUTTER_X_MM) + dx
                 for c in range(COLUMNS) for dx in (0.0, CARD_W_MM)})
    ys = sorted({y0 + r * (CARD_H_MM + GUTTER_Y_MM) + dy
                 for r in range(ROWS) for dy in (0.0, CARD_H_MM)})
    top, bottom, left, right = ys[0], ys[-1], xs[0], xs[-1]
    near, far = MARK_GAP_MM, MARK_GAP_MM + MARK_LEN_MM
    marks: list[Segment] = []
    for x in xs:  # vertical cuts: marks above and below the block
        marks.append(((x, top - far), (x, top - near)))
        marks.append(((x, bottom + near), (x, bottom + far)))
    for y in ys:  # horizontal cuts: marks left and right of the block
        marks.append(((left - far, y), (left - near, y)))
        marks.append(((right + near, y), (right + far, y)))
    return marks


def _crop_marks(draw: ImageDraw.ImageDraw, dpi: int) -> None:
    w = max(1, px(MARK_WIDTH_MM, dpi))
    for (x1, y1), (x2, y2) in crop_marks_mm():
        draw.line((px(x1, dpi), px(y1, dpi), px(x2, dpi), px(y2, dpi)), fill=0, width=w)


def _blank(size_mm: tuple[float, float], dpi: int) -> Image.Image:
    return Image.new("RGB", (px(size_mm[0], dpi), px(size_mm[1], dpi)), (255, 255, 255))


@dataclass(frozen=True)
class Page:
    image: Image.Image
    size_mm: tuple[float, float]
    back: bool
    cards: tuple[str, ...]  # the serials on this page, in slot order


def pages(cards: Sequence[CardFace], layout: Layout, dpi: int = 300) -> Iterator[Page]:
    """Front and back pages, in printing order (front, back, front, back…)."""
    if layout is Layout.CARD:
        size = page_size_mm(layout)
        for card in cards:
            yield Page(render_front(card, dpi), size, False, (card.serial,))
            yield Page(render_back(card, dpi), size, True, (card.serial,))
        return
    size = page_size_mm(layout)
    for start in range(0, len(cards), PER_SHEET):
        chunk = cards[start : start + PER_SHEET]
        for back in (False, True):
            page = _blank(size, dpi)
            for i, card in enumerate(chunk):
                x, y = slot_origin_mm(i, back=back)
                face = render_back(card, dpi) if back else render_front(card, dpi)
                page.paste(face, (px(x, dpi), px(y, dpi)))
            _crop_marks(ImageDraw.Draw(page), dpi)
            yield Page(page, size, back, tuple(c.serial for c in chunk))


def _palette() -> Image.Image:
    """A fixed palette: the card's colours and the blends antialiased text makes between them."""
    colours: list[tuple[int, int, int]] = []
    base = PALETTE_COLOURS
    for i, a in enumerate(base):
        for b in base[i + 1 :]:
            for step in range(8):
                t = step / 7
                colours.append((round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
                                round(a[2] + (b[2] - a[2]) * t)))
    unique = list(dict.fromkeys(colours))[:256]
    flat = [v for c in unique for v in c]
    pal = Image.new("P", (1, 1))
    pal.putpalette(flat + [255] * (768 - len(flat)))
    return pal


_PALETTE: Image.Image | None = None


def page_png(image: Image.Image) -> bytes:
    """The page as a small lossless PNG: mapped onto the card palette (no dithering)."""
    global _PALETTE
    if _PALETTE is None:
        _PALETTE = _palette()
    indexed = image.quantize(palette=_PALETTE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    # level 3: level 6 is 2.5× slower for 7% fewer bytes
    indexed.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()


def write_pdf(
    cards: Sequence[CardFace],
    layout: Layout,
    out: Path,
    *,
    dpi: int = 300,
    progress: Callable[[int, int], None] | None = None,
    title: str = "Kartu peserta",
) -> int:
    """Write the cards as a PDF (pages at ``dpi``, lossless); returns the number of pages."""
    encoded: list[bytes] = []
    total = len(cards)
    done = 0
    for page in pages(cards, layout, dpi):
        encoded.append(page_png(page.image))
        if page.back:
            done += len(page.cards)
            if progress:
                progress(min(done, total), total)
    if not encoded:
        raise ValueError("no cards to write")
    w, h = page_size_mm(layout)
    layout_fun = img2pdf.get_layout_fun((img2pdf.mm_to_pt(w), img2pdf.mm_to_pt(h)))
    # names and masked NIKs: readable by this user only, and never half a PDF
    with atomic_write(out, "wb", private=True) as fh:
        img2pdf.convert(encoded, layout_fun=layout_fun, outputstream=fh, title=title,
                        producer="fieldreg", creator="fieldreg")
    return len(encoded)
