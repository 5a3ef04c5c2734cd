"""Translations: the Indonesian file is complete and in step with the code."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(ROOT / "tools"))

import build_translations as bt  # noqa: E402


def test_indonesian_has_no_unfinished_entry() -> None:
    assert bt.unfinished("id") == []
    assert bt.unfinished("en") == []


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([bt.tool("pyside6-lupdate"), *bt.sources(), "-no-obsolete", "-locations",
                    "none", "-ts", str(fresh)], cwd=ROOT, check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(c.findtext("name") or "", m.findtext("source") or "")
                for c in root.iter("context") for m in c.iter("message")}

    missing = keys(fresh) - keys(I18N / "fieldreg_id.ts")
    assert not missing, f"run tools/build_translations.py and translate: {sorted(missing)[:5]}"


def test_placeholders_survive_translation() -> None:
    root = ET.parse(I18N / "fieldreg_id.ts").getroot()
    for m in root.iter("message"):
        src = m.findtext("source") or ""
        tr = m.findtext("translation") or ""
        for ph in ("{0}", "{1}", "{2}", "{3}", "{min}", "{max}", "{error}"):
            assert (ph in src) == (ph in tr), (src, tr)
