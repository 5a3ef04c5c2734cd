"""Update the .ts translation sources from the code and compile the .qm files.

    .venv/bin/python tools/build_translations.py            # update .ts, build .qm
    .venv/bin/python tools/build_translations.py --qm-only  # only build .qm (no lupdate)
    .venv/bin/python tools/build_translations.py --check    # also fail on unfinished Indonesian

Source strings in the code are English. ``pyside6-lupdate`` collects every ``tr()`` /
``QCoreApplication.translate()`` into ``resources/i18n/fieldreg_{id,en}.ts`` (keeping the
translations already made); the English file's entries are its source text, marked finished.
The Indonesian words are written in ``fieldreg_id.ts`` (by hand or with Qt Linguist); a test
fails while any Indonesian entry is unfinished. ``pyside6-lrelease`` builds the .qm files the
app loads (they are not committed), and ``qtbase_id.qm`` from ``qtbase_id.ts``: the
Indonesian words for Qt's own dialogs, which Qt does not ship.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("id", "en")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"{name} not found (it ships with PySide6-Essentials)")


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def ts_path(lang: str) -> Path:
    return I18N / f"fieldreg_{lang}.ts"


def lupdate() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        subprocess.run(
            [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
             "-target-language", "id_ID" if lang == "id" else "en_GB", "-ts", str(ts_path(lang))],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def finish_english() -> None:
    """English is the source language: each translation is its source, finished."""
    path = ts_path("en")
    tree = ET.parse(path)
    for msg in tree.getroot().iter("message"):
        tr = msg.find("translation")
        src = msg.findtext("source") or ""
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        if msg.get("numerus") == "yes":
            continue
        tr.text = src
        tr.attrib.pop("type", None)
    _write(tree, path)


def unfinished(lang: str) -> list[tuple[str, str]]:
    """(context, source) of every entry without a finished translation."""
    out = []
    tree = ET.parse(ts_path(lang))
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or \
                    not (tr.text or "").strip():
                out.append((name, msg.findtext("source") or ""))
    return out


# Qt's own dialogs (message-box buttons, print preview, print dialog, text menus, file dialog):
# Qt ships no Indonesian, so ours is written by hand (the sources are Qt's own strings;
# tests/gui/test_translations.py checks each one is a string this Qt looks up).
QT_BASE = ("qtbase_id",)


def lrelease() -> None:
    names = [f"fieldreg_{lang}" for lang in LANGS] + [
        n for n in QT_BASE if (I18N / f"{n}.ts").is_file()]
    for name in names:
        subprocess.run([tool("pyside6-lrelease"), str(I18N / f"{name}.ts"), "-qm",
                        str(I18N / f"{name}.qm")], check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--qm-only", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if not args.qm_only:
        lupdate()
        finish_english()
    missing = unfinished("id")
    if missing:
        print(f"fieldreg_id.ts: {len(missing)} unfinished entries", file=sys.stderr)
        for ctx, src in missing[:20]:
            print(f"  [{ctx}] {src}", file=sys.stderr)
    lrelease()
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
