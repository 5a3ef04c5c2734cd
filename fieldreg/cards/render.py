"""Drawing a card's front and back with Pillow, at any resolution.

Everything is laid out in millimetres on the CR80 card (85.6 × 54 mm) and drawn at the ``dpi``
asked for: 300 for PDFs, the printer's own resolution when the app prints. The fonts are the
DejaVu fonts shipped in resources/fonts, so a card looks the same on every laptop.

Text never overflows its box: it wraps on words, then shrinks, then switches to the condensed
face, and only as a last resort is cut with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from fieldreg.paths import resources_dir

CARD_W_MM = 85.6
CARD_H_MM = 54.0
MM_PER_INCH = 25.4

# Colours: a deep green band (the colour of the programme's leaflets), dark text, grey labels.
GREEN = (0, 104, 56)
GREEN_TINT = (228, 242, 233)
INK = (24, 24, 24)
GREY = (96, 96, 96)
WHITE = (255, 255, 255)
PALETTE_COLOURS = (WHITE, INK, GREY, GREEN, GREEN_TINT)

REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"
CONDENSED = "DejaVuSansCondensed.ttf"
CONDENSED_BOLD = "DejaVuSansCondensed-Bold.ttf"
_CONDENSED_OF = {REGULAR: CONDENSED, BOLD: CONDENSED_BOLD}


@dataclass(frozen=True)
class CardFace:
    """Everything printed on one card, already worded for people (Indonesian)."""

    participant_number: str  # grouped for reading aloud
    full_name: str
    masked_nik: str
    village_line: str  # "Desa Sungai Bertam, Kec. Jambi Luar Kota"
    regency_line: str  # "Kab. Muaro Jambi, Jambi"
    programmes: str  # "JKK + JKM"
    payer: str  # "APBD Kabupaten"
    coverage: str  # "01-01-2026 s.d. 31-12-2026"
    issued: str  # "15-01-2026"
    generation: int  # 1 for the first print, 2 for the first reprint…
    serial: str
    qr_text: str
    # A specimen (a PDF to check or share how the cards look): marked CONTOH on both sides,
    # with no QR code, so it never passes for a card.
    specimen: bool = False


def px(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


def card_size(dpi: int) -> tuple[int, int]:
    return px(CARD_W_MM, dpi), px(CARD_H_MM, dpi)


@lru_cache(maxsize=256)
def _font(name: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), size_px)


def _pt(points: float, dpi: int) -> int:
    """A font size in points, as pixels at ``dpi``."""
    return max(6, round(points * dpi / 72))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
          width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if draw.textlength(trial, font=font) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def _ellipsize(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont,
               width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass(frozen=True)
class Fitted:
    lines: list[str]
    font: ImageFont.FreeTypeFont
    line_height: int


def fit_text(
    draw: ImageDraw.ImageDraw,
    text: str,
    *,
    width: int,
    max_lines: int,
    face: str,
    size_pt: float,
    min_pt: float,
    dpi: int,
) -> Fitted:
    """Wrap, then shrink, then condense, then ellipsize ``text`` into ``max_lines`` × ``width``."""
    text = " ".join(text.split())
    faces = [face] + ([_CONDENSED_OF[face]] if face in _CONDENSED_OF else [])
    for f in faces:
        size = size_pt
        while size >= min_pt - 1e-9:
            font = _font(f, _pt(size, dpi))
            lines = _wrap(draw, text, font, width)
            if len(lines) <= max_lines and all(
                draw.textlength(line, font=font) <= width for line in lines
            ):
                return Fitted(lines, font, round(font.size * 1.18))
            size -= 0.5
    font = _font(faces[-1], _pt(min_pt, dpi))
    lines = _wrap(draw, text, font, width)
    kept = lines[:max_lines]
    rest = " ".join(lines[max_lines - 1 :]) if len(lines) > max_lines else kept[-1]
    kept[-1] = _ellipsize(draw, rest, font, width)
    kept = [_ellipsize(draw, line, font, width) for line in kept]
    return Fitted(kept, font, round(font.size * 1.18))


def _draw_fitted(draw: ImageDraw.ImageDraw, fitted: Fitted, x: int, y: int,
                 fill: tuple[int, int, int]) -> int:
    """Draw the lines top-down from (x, y); returns the y below the last line."""
    for line in fitted.lines:
        draw.text((x, y), line, font=fitted.font, fill=fill)
        y += fitted.line_height
    return y


def _text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, *, width: int, face: str,
          size_pt: float, dpi: int, fill: tuple[int, int, int] = INK, max_lines: int = 1,
          min_pt: float | None = None) -> int:
    fitted = fit_text(draw, text, width=width, max_lines=max_lines, face=face, size_pt=size_pt,
                      min_pt=min_pt if min_pt is not None else size_pt * 0.75, dpi=dpi)
    return _draw_fitted(draw, fitted, xy[0], xy[1], fill)


def qr_image(text: str, size_px: int) -> Image.Image:
    """The QR code (error correction M, 2-module quiet zone) as large as fits in ``size_px``,
    with whole pixels per module so every module is sharp."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    drawn = zxingcpp.write_barcode_to_image(code, scale=1, add_quiet_zones=False)
    view = memoryview(drawn)  # type: ignore[arg-type]  # it has the buffer protocol
    n = view.shape[0] if view.shape else 0
    symbol = Image.frombytes("L", (n, n), view.tobytes())
    border = 2
    modules = n + 2 * border
    framed = Image.new("L", (modules, modules), 255)
    framed.paste(symbol, (border, border))
    scale = max(1, size_px // modules)
    return framed.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def render_front(card: CardFace, dpi: int = 300) -> Image.Image:
    w, h = card_size(dpi)
    img = Image.new("RGB", (w, h), WHITE)
    d = ImageDraw.Draw(img)
    m = px(3.2, dpi)

    # Header band: what this card is.
    band = px(10.5, dpi)
    d.rectangle((0, 0, w, band), fill=GREEN)
    _text(d, (m, px(1.6, dpi)), "KARTU PESERTA JAMINAN SOSIAL KETENAGAKERJAAN",
          width=w - 2 * m, face=BOLD, size_pt=7.2, dpi=dpi, fill=WHITE, min_pt=5.5)
    _text(d, (m, px(5.9, dpi)),
          f"Gerakan Desa Peduli Jaminan Sosial  ·  Bukan Penerima Upah  ·  {card.programmes}",
          width=w - 2 * m, face=REGULAR, size_pt=5.6, dpi=dpi, fill=WHITE, min_pt=4.5)

    # QR on the right, as large as the body allows.
    qr_box = px(33.0, dpi)
    qr = qr_image(card.qr_text, qr_box) if not card.specimen else _no_qr(qr_box, dpi)
    qx = w - m - qr.width + px(1.0, dpi)  # the quiet zone may reach into the margin
    qy = band + px(1.2, dpi)
    img.paste(qr.convert("RGB"), (qx, qy))
    cap = _font(REGULAR, _pt(4.6, dpi))
    caption = "Pindai untuk memeriksa kartu" if not card.specimen else "Contoh: tanpa kode QR"
    d.text((qx + qr.width // 2, qy + qr.height + px(0.3, dpi)), caption, font=cap, fill=GREY,
           anchor="ma")

    # The body on the left.
    x = m
    col = qx - x - px(1.5, dpi)
    y = band + px(1.8, dpi)
    name = fit_text(d, card.full_name.upper(), width=col, max_lines=2, face=BOLD, size_pt=9.5,
                    min_pt=7.0, dpi=dpi)
    if name.lines and name.lines[-1].endswith("…"):  # a very long name: a third line, smaller
        name = fit_text(d, card.full_name.upper(), width=col, max_lines=3, face=BOLD,
                        size_pt=7.0, min_pt=5.5, dpi=dpi)
    y = _draw_fitted(d, name, x, y, INK)
    y += px(0.8, dpi)
    y = _text(d, (x, y), "No. Peserta", width=col, face=REGULAR, size_pt=5.2, dpi=dpi,
              fill=GREY)
    y = _text(d, (x, y), card.participant_number, width=col, face=BOLD, size_pt=10.5,
              dpi=dpi, fill=GREEN)
    y += px(0.6, dpi)
    y = _text(d, (x, y), f"NIK  {card.masked_nik}", width=col, face=REGULAR, size_pt=6.4,
              dpi=dpi)
    y += px(0.6, dpi)
    y = _text(d, (x, y), card.village_line, width=col, face=REGULAR, size_pt=6.0, dpi=dpi,
              max_lines=2, min_pt=4.8)
    y = _text(d, (x, y), card.regency_line, width=col, face=REGULAR, size_pt=6.0, dpi=dpi,
              min_pt=4.8)

    # Footer: who pays, the coverage and the issue.
    fy = h - px(9.6, dpi)
    d.rectangle((0, fy - px(0.8, dpi), qx - px(0.5, dpi), h), fill=GREEN_TINT)
    _text(d, (x, fy), f"Iuran: {card.payer}", width=col, face=BOLD, size_pt=5.8, dpi=dpi,
          min_pt=4.6)
    _text(d, (x, fy + px(2.9, dpi)), f"Perlindungan {card.coverage}", width=col, face=REGULAR,
          size_pt=5.6, dpi=dpi, min_pt=4.6)
    issued = f"Terbit {card.issued}" + (f" · cetak ulang ke-{card.generation - 1}"
                                       if card.generation > 1 else "")
    _text(d, (x, fy + px(5.7, dpi)), issued, width=col, face=REGULAR, size_pt=5.0, dpi=dpi,
          fill=GREY, min_pt=4.2)
    return _specimen_mark(img, dpi) if card.specimen else img


BENEFITS = (
    ("JKK · Jaminan Kecelakaan Kerja",
     "Perawatan dan pengobatan tanpa batas biaya sesuai kebutuhan medis. "
     "Bila meninggal karena kecelakaan kerja, anak mendapat beasiswa."),
    ("JKM · Jaminan Kematian",
     "Santunan Rp42 juta untuk ahli waris (Rp20 juta sekaligus, Rp12 juta berkala, "
     "Rp10 juta biaya pemakaman) dan beasiswa untuk 2 anak hingga Rp174 juta "
     "(setelah iuran 3 tahun)."),
)
AFTER_ACCIDENT = (
    "1. Segera ke puskesmas atau rumah sakit terdekat.",
    "2. Tunjukkan kartu ini dan KTP.",
    "3. Laporkan ke BPJS Ketenagakerjaan secepatnya: Call Center 175.",
)


@lru_cache(maxsize=4)
def _back_base(dpi: int) -> Image.Image:
    """Everything on the back that is the same on every card."""
    w, h = card_size(dpi)
    img = Image.new("RGB", (w, h), WHITE)
    d = ImageDraw.Draw(img)
    m = px(3.2, dpi)
    band = px(6.0, dpi)
    d.rectangle((0, 0, w, band), fill=GREEN)
    _text(d, (m, px(1.3, dpi)), "MANFAAT PERLINDUNGAN", width=w - 2 * m, face=BOLD,
          size_pt=6.8, dpi=dpi, fill=WHITE)
    y = band + px(1.2, dpi)
    for title, body in BENEFITS:
        y = _text(d, (m, y), title, width=w - 2 * m, face=BOLD, size_pt=6.2, dpi=dpi,
                  fill=GREEN)
        y = _text(d, (m, y), body, width=w - 2 * m, face=REGULAR, size_pt=5.7, dpi=dpi,
                  max_lines=3, min_pt=4.4)
        y += px(1.0, dpi)
    y = _text(d, (m, y), "JIKA TERJADI KECELAKAAN KERJA", width=w - 2 * m, face=BOLD,
              size_pt=6.2, dpi=dpi)
    for step in AFTER_ACCIDENT:
        y = _text(d, (m, y), step, width=w - 2 * m, face=REGULAR, size_pt=5.7, dpi=dpi,
                  min_pt=4.4)
    fy = h - px(7.0, dpi)
    d.rectangle((0, fy, w, h), fill=GREEN_TINT)
    call = _font(BOLD, _pt(9.0, dpi))
    d.text((w - m, fy + px(3.5, dpi)), "☎ 175", font=call, fill=GREEN, anchor="rm")
    _text(d, (m, fy + px(1.0, dpi)), "Kartu hilang atau ditemukan? Hubungi kantor desa.",
          width=w - 2 * m - px(16, dpi), face=REGULAR, size_pt=4.8, dpi=dpi, min_pt=4.0)
    return img


def render_back(card: CardFace, dpi: int = 300) -> Image.Image:
    """The back: the benefits and what to do after an accident, and this card's number and
    serial (so a back that lands behind the wrong front is noticed)."""
    img = _back_base(dpi).copy()
    w, h = img.size
    m = px(3.2, dpi)
    fy = h - px(7.0, dpi)
    _text(ImageDraw.Draw(img), (m, fy + px(3.7, dpi)),
          f"No. Peserta {card.participant_number} · Seri {card.serial}",
          width=w - 2 * m - px(16, dpi), face=REGULAR, size_pt=4.8, dpi=dpi, fill=GREY,
          min_pt=4.0)
    return _specimen_mark(img, dpi) if card.specimen else img


def _no_qr(size_px: int, dpi: int) -> Image.Image:
    """Where a specimen's QR code would be: a grey frame saying there is none."""
    img = Image.new("RGB", (size_px, size_px), WHITE)
    d = ImageDraw.Draw(img)
    inset = px(2.0, dpi)
    d.rectangle((inset, inset, size_px - inset, size_px - inset), outline=GREY,
                width=max(1, px(0.4, dpi)))
    f = _font(BOLD, _pt(9, dpi))
    d.text((size_px // 2, size_px // 2), "CONTOH", font=f, fill=GREY, anchor="mm")
    return img


def _specimen_mark(img: Image.Image, dpi: int) -> Image.Image:
    """"CONTOH – BUKAN KARTU" across the card, outlined in grey (the card's own palette)."""
    w, h = img.size
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    d.text((w // 2, h // 2), "CONTOH · BUKAN KARTU", font=_font(BOLD, _pt(15, dpi)), fill=0,
           anchor="mm", stroke_width=max(1, px(0.35, dpi)), stroke_fill=255)
    mask = mask.rotate(18, resample=Image.Resampling.BICUBIC, center=(w // 2, h // 2))
    out = img.copy()
    out.paste(GREY, (0, 0, w, h), mask)
    return out
