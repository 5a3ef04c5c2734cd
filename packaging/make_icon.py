"""Draw the app's Windows icon (a green tile with "fr") as a multi-size .ico.

    python packaging/make_icon.py build/fieldreg.ico

packaging/windows/build.ps1 runs it before PyInstaller (fieldreg.spec gives the icon to both
executables, fieldreg.iss to the installer). Drawn at build time with the app's colour and its
shipped DejaVu font, so no binary icon file is kept in the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
GREEN = "#0b6e4f"  # ui/style.py PRIMARY
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=GREEN)
    font = ImageFont.truetype(str(FONT), int(size * 0.5))
    d.text((size / 2, size / 2), "fr", font=font, fill="white", anchor="mm")
    return image


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    draw().save(out, format="ICO", sizes=SIZES)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
