"""Save an X window dump (XWD, e.g. the screen file ``Xvfb -fbdir`` keeps up to date) as a PNG.

    python packaging/xwd2png.py DIR/Xvfb_screen0 OUT.png

Used by packaging/smoke.sh for the screenshot of the bundled app; runs with any Python that
has Pillow (the build environment's). Reads the 32-bit-per-pixel TrueColor dumps of a 24-bit
screen, which is what Xvfb writes for ``-screen 0 WxHx24``.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PIL import Image

FIELDS = (
    "header_size", "file_version", "pixmap_format", "pixmap_depth", "pixmap_width",
    "pixmap_height", "xoffset", "byte_order", "bitmap_unit", "bitmap_bit_order", "bitmap_pad",
    "bits_per_pixel", "bytes_per_line", "visual_class", "red_mask", "green_mask", "blue_mask",
    "bits_per_rgb", "colormap_entries", "ncolors", "window_width", "window_height", "window_x",
    "window_y", "window_bdrwidth",
)
ZPIXMAP, LSB_FIRST = 2, 0
XWD_COLOR_SIZE = 12


def convert(src: Path, out: Path) -> tuple[int, int]:
    data = src.read_bytes()
    h = dict(zip(FIELDS, struct.unpack(">25I", data[:100]), strict=True))
    if h["file_version"] != 7 or h["pixmap_format"] != ZPIXMAP or h["bits_per_pixel"] != 32:
        raise SystemExit(f"{src}: not a 32-bit ZPixmap XWD file ({h})")
    start = h["header_size"] + h["ncolors"] * XWD_COLOR_SIZE
    width, height, stride = h["pixmap_width"], h["pixmap_height"], h["bytes_per_line"]
    pixels = data[start:start + stride * height]
    if len(pixels) < stride * height:
        raise SystemExit(f"{src}: truncated ({len(pixels)} of {stride * height} bytes)")
    # red mask 0xff0000: in memory B G R X when the server writes least significant byte first
    mode = "BGRX" if h["byte_order"] == LSB_FIRST else "XRGB"
    image = Image.frombuffer("RGB", (width, height), pixels, "raw", mode, stride, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out)
    return width, height


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    w, h = convert(Path(argv[0]), Path(argv[1]))
    print(f"{argv[1]}: {w}x{h}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
