"""Card faces and sheets: text never overflows, the grid fits the paper, backs are mirrored."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from fieldreg.cards import render, sheets
from fieldreg.cards.render import CardFace

LONG_NAMES = [
    # long real Indonesian and Malay-style names, a name with no space to break at, and the
    # longest a record may hold (100 characters)
    "Raden Roro Ayu Sekar Kedhaton Kusumaningrum Hadiningrat binti Raden Mas Soerjo",
    "Muhammad Abdurrahman Syahputra Nasution bin Haji Abdul Rahman Harahap",
    "WOLFESCHLEGELSTEINHAUSENBERGERDORFFWELCHEVORALTERNWAREN",
    "A" * 100,
    "Ani",
]


@pytest.mark.parametrize("name", LONG_NAMES)
@pytest.mark.parametrize("dpi", [300, 600])
def test_a_name_never_overflows_its_box(name: str, dpi: int) -> None:
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    width = render.px(45, dpi)
    fitted = render.fit_text(draw, name.upper(), width=width, max_lines=2, face=render.BOLD,
                             size_pt=9.5, min_pt=6.0, dpi=dpi)
    assert 1 <= len(fitted.lines) <= 2
    for line in fitted.lines:
        assert draw.textlength(line, font=fitted.font) <= width
    shown = "".join(fitted.lines).replace(" ", "").rstrip("…")
    assert shown and name.upper().replace(" ", "").startswith(shown)


def test_a_short_name_keeps_its_size_and_a_long_one_shrinks() -> None:
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    kw = dict(width=render.px(45, 300), max_lines=2, face=render.BOLD, size_pt=9.5, min_pt=6.0,
              dpi=300)
    short = render.fit_text(draw, "ANI", **kw)  # type: ignore[arg-type]
    long = render.fit_text(draw, LONG_NAMES[0].upper(), **kw)  # type: ignore[arg-type]
    assert short.font.size > long.font.size
    assert short.lines == ["ANI"]


def face(i: int = 0, name: str = "Siti Aminah") -> CardFace:
    return CardFace(
        participant_number="EK73 AJ00 1AT", full_name=name, masked_nik="**** **** **** 0001",
        village_line="Desa Sungai Bertam, Kec. Jambi Luar Kota", regency_line="Kab. Muaro Jambi",
        programmes="JKK + JKM", payer="APBD Kabupaten/Kota", coverage="01-01-2026 s.d. 31-12-2026",
        issued="15-01-2026", generation=1, serial=f"EK73AJ001AT-{i}", qr_text="HELLO 123",
    )


@pytest.mark.parametrize("dpi", [300, 600])
def test_faces_are_cr80_at_any_resolution(dpi: int) -> None:
    for img in (render.render_front(face(), dpi), render.render_back(face(), dpi)):
        assert img.size == render.card_size(dpi)
        assert abs(img.width / dpi * 25.4 - 85.6) < 0.2
        assert abs(img.height / dpi * 25.4 - 54.0) < 0.2


def test_the_qr_has_whole_pixel_modules_and_fits() -> None:
    import zxingcpp

    text = "X" * 300
    img = render.qr_image(text, 400)
    symbol = zxingcpp.write_barcode_to_image(
        zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M"),
        scale=1, add_quiet_zones=False,
    )
    modules = memoryview(symbol).shape[0] + 4  # plus the two-module quiet zone each side
    assert img.width == img.height <= 400
    assert img.width % modules == 0 and img.width // modules == 400 // modules
    assert img.getextrema() == (0, 255) and img.histogram().count(0) == 254  # sharp: no grey


def test_sheet_slots_fit_a4_without_overlap_and_backs_mirror() -> None:
    rects = []
    for i in range(sheets.PER_SHEET):
        x, y = sheets.slot_origin_mm(i)
        assert x >= 10 and y >= 5  # clear of the printer's unprintable margin
        assert x + render.CARD_W_MM <= sheets.A4_W_MM - 10
        assert y + render.CARD_H_MM <= sheets.A4_H_MM - 5
        rects.append((x, y, x + render.CARD_W_MM, y + render.CARD_H_MM))
        bx, by = sheets.slot_origin_mm(i, back=True)
        # a long-edge duplex flip mirrors left and right: the back sits behind its front
        assert by == y
        assert abs((bx + render.CARD_W_MM / 2) - (sheets.A4_W_MM - (x + render.CARD_W_MM / 2))) \
            < 1e-9
    for a in rects:
        for b in rects:
            if a is not b:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_crop_marks_never_touch_a_card() -> None:
    cards = [(*sheets.slot_origin_mm(i),) for i in range(sheets.PER_SHEET)]
    for (x1, y1), (x2, y2) in sheets.crop_marks_mm():
        for cx, cy in cards:
            inside_x = cx < max(x1, x2) and min(x1, x2) < cx + render.CARD_W_MM
            inside_y = cy < max(y1, y2) and min(y1, y2) < cy + render.CARD_H_MM
            assert not (inside_x and inside_y)
        for v in (x1, x2):
            assert 0 <= v <= sheets.A4_W_MM
        for v in (y1, y2):
            assert 0 <= v <= sheets.A4_H_MM


def test_pages_come_front_then_back_with_partial_sheets() -> None:
    faces = [face(i) for i in range(13)]
    pages = list(sheets.pages(faces, sheets.Layout.A4, dpi=60))
    assert [p.back for p in pages] == [False, True, False, True]
    assert [len(p.cards) for p in pages] == [10, 10, 3, 3]
    card_pages = list(sheets.pages(faces[:2], sheets.Layout.CARD, dpi=60))
    assert [(p.back, p.cards) for p in card_pages] == [
        (False, ("EK73AJ001AT-0",)), (True, ("EK73AJ001AT-0",)),
        (False, ("EK73AJ001AT-1",)), (True, ("EK73AJ001AT-1",)),
    ]


def test_layout_parse() -> None:
    assert sheets.Layout.parse(" A4 ") is sheets.Layout.A4
    assert sheets.Layout.parse("card") is sheets.Layout.CARD
    with pytest.raises(ValueError):
        sheets.Layout.parse("letter")
