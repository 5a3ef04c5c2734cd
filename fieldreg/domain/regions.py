"""Indonesian administrative regions (Kemendagri codes): provinces, regencies, kecamatan, villages.

The shipped data lives in ``resources/regions/`` (see its SOURCE.md): ``areas.tsv.gz`` holds
provinces, regencies and districts (kecamatan), ``villages.tsv.gz`` the villages; each row is
``code<TAB>name`` with dotted codes, the parent implied by the code prefix, and a header line
``#version<TAB>...``. Areas are loaded on first use and villages on first village use, so that
NIK validation never pays for the 83,763 villages. Loading is guarded by locks: the UI warms the
data in a background thread while the form may already ask for it.
"""

from __future__ import annotations

import gzip
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from fieldreg.paths import resources_dir

Level = Literal["province", "regency", "district", "village"]
VillageType = Literal["kelurahan", "desa"]

AREAS_FILE = "areas.tsv.gz"
VILLAGES_FILE = "villages.tsv.gz"

_LEVELS: dict[int, Level] = {1: "province", 2: "regency", 3: "district", 4: "village"}
_DIGIT_SPLITS: dict[int, tuple[int, ...]] = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}
_CODE_RE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")
_KEEP_UPPER = frozenset({"DKI", "DI", "NTB", "NTT", "II", "III", "IV"})
_KEEP_LOWER = frozenset({"dan"})


def normalize_code(code: str) -> str:
    """``"1505012001"`` → ``"15.05.01.2001"``; dotted codes pass through (spaces stripped).

    Input of any other shape comes back stripped and unchanged, so look-ups simply miss.
    """
    text = "".join(code.split())
    digits = text.replace(".", "")
    splits = _DIGIT_SPLITS.get(len(digits))
    if splits is None or not digits.isascii() or not digits.isdigit():
        return text
    parts, at = [], 0
    for size in splits:
        parts.append(digits[at : at + size])
        at += size
    return ".".join(parts)


def level_of(code: str) -> Level | None:
    """The level a (normalised) code denotes, or None when it is not a region code."""
    if not _CODE_RE.fullmatch(code):
        return None
    return _LEVELS[code.count(".") + 1]


def _title_word(word: str, first: bool) -> str:
    if word in _KEEP_UPPER:
        return word
    if not first and word.lower() in _KEEP_LOWER:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def display_name(name: str) -> str:
    """Title-case an all-capitals official name: ``KABUPATEN MUARO JAMBI`` → ``Kabupaten Muaro
    Jambi``, ``DKI JAKARTA`` → ``DKI Jakarta``. Names already in mixed case are kept as written."""
    if name != name.upper():
        return name
    return " ".join(_title_word(w, i == 0) for i, w in enumerate(name.split(" ")))


@dataclass(frozen=True)
class Region:
    code: str  # dotted Kemendagri code: "15", "15.05", "15.05.01", "15.05.01.2001"
    name: str  # official spelling, e.g. "KABUPATEN MUARO JAMBI", "Jambi Luar Kota"
    level: Level

    @property
    def parent_code(self) -> str | None:
        if "." not in self.code:
            return None
        return self.code.rsplit(".", 1)[0]

    @property
    def display_name(self) -> str:
        """Title case for provinces and regencies; districts and villages as officially spelt."""
        if self.level in ("province", "regency"):
            return display_name(self.name)
        return self.name


def _read_tsv(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(header, rows) of a regions TSV: header lines are ``#key<TAB>value``."""
    header: dict[str, str] = {}
    rows: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
        # line by line: the whole text and its list of lines would be 10 MB more at the peak
        for raw in fh:
            line = raw.rstrip("\n")
            if not line:
                continue
            code, _, name = line.partition("\t")
            if code.startswith("#"):
                header[code[1:]] = name
            else:
                rows[code] = name
    return header, rows


def _group_sorted(rows: dict[str, str]) -> dict[str, list[str]]:
    """Parent code → child codes sorted by name (then code), each group sorted in place (no
    pair per region held at once: 83,763 villages)."""
    groups: dict[str, list[str]] = {}
    for code in rows:
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        groups.setdefault(parent, []).append(code)
    for codes in groups.values():
        codes.sort(key=lambda c: (rows[c].casefold(), c))
    return groups


class _Areas:
    def __init__(self, version: str, names: dict[str, str]) -> None:
        self.version = version
        self.regions = {
            code: Region(code, name, _LEVELS[code.count(".") + 1]) for code, name in names.items()
        }
        self.children = _group_sorted(names)


class _Villages:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.children = _group_sorted(names)  # district code → village codes by name
        # regency code → [(casefolded name, code)] by name, built on first search there
        self.search_index: dict[str, list[tuple[str, str]]] = {}


class Regions:
    """Region look-ups over the shipped Kemendagri dataset. Every method accepts codes with or
    without dots (``"150501"`` or ``"15.05.01"``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._areas: _Areas | None = None
        self._villages: _Villages | None = None
        self._areas_lock = threading.Lock()
        self._villages_lock = threading.Lock()

    # ----------------------------------------------------------------- loading
    def _load_areas(self) -> _Areas:
        areas = self._areas
        if areas is not None:
            return areas
        with self._areas_lock:
            if self._areas is None:
                header, rows = _read_tsv(self.directory / AREAS_FILE)
                self._areas = _Areas(header.get("version", "unknown"), rows)
            return self._areas

    def _load_villages(self) -> _Villages:
        villages = self._villages
        if villages is not None:
            return villages
        with self._villages_lock:
            if self._villages is None:
                header, rows = _read_tsv(self.directory / VILLAGES_FILE)
                version = header.get("version", "unknown")
                if version != self.version:
                    raise ValueError(
                        f"regions data mismatch in {self.directory}: areas {self.version!r}, "
                        f"villages {version!r}"
                    )
                self._villages = _Villages(rows)
            return self._villages

    def warm(self, villages: bool = True) -> None:
        """Load the data now (the UI calls this from a background thread at start-up)."""
        self._load_areas()
        if villages:
            self._load_villages()

    @property
    def version(self) -> str:
        """Dataset version, e.g. ``kemendagri-idn-area-data-3.1.2``; store it with a code."""
        return self._load_areas().version

    # ----------------------------------------------------------------- look-ups by code
    def _area(self, code: str, level: Level) -> Region | None:
        region = self._load_areas().regions.get(normalize_code(code))
        return region if region is not None and region.level == level else None

    def province(self, code: str) -> Region | None:
        return self._area(code, "province")

    def regency(self, code: str) -> Region | None:
        return self._area(code, "regency")

    def district(self, code: str) -> Region | None:
        return self._area(code, "district")

    def village(self, code: str) -> Region | None:
        key = normalize_code(code)
        if level_of(key) != "village":
            return None
        name = self._load_villages().names.get(key)
        return None if name is None else Region(key, name, "village")

    def get(self, code: str) -> Region | None:
        """The region of any level a code denotes."""
        key = normalize_code(code)
        level = level_of(key)
        if level is None:
            return None
        if level == "village":
            return self.village(key)
        return self._area(key, level)

    # ----------------------------------------------------------------- children
    def _area_children(self, parent: str, level: Level) -> list[Region]:
        areas = self._load_areas()
        key = normalize_code(parent)
        if level_of(key) != level:
            return []
        return [areas.regions[c] for c in areas.children.get(key, [])]

    def provinces(self) -> list[Region]:
        areas = self._load_areas()
        return [areas.regions[c] for c in areas.children.get("", [])]

    def regencies_of(self, province_code: str) -> list[Region]:
        return self._area_children(province_code, "province")

    def districts_of(self, regency_code: str) -> list[Region]:
        return self._area_children(regency_code, "regency")

    def villages_of(self, district_code: str) -> list[Region]:
        key = normalize_code(district_code)
        if level_of(key) != "district":
            return []
        villages = self._load_villages()
        return [Region(c, villages.names[c], "village") for c in villages.children.get(key, [])]

    # ----------------------------------------------------------------- search
    def _regency_index(self, regency: str) -> list[tuple[str, str]]:
        villages = self._load_villages()
        index = villages.search_index.get(regency)
        if index is None:
            areas = self._load_areas()
            index = [
                (villages.names[v].casefold(), v)
                for d in areas.children.get(regency, [])
                for v in villages.children.get(d, [])
            ]
            index.sort()
            villages.search_index[regency] = index  # a race only repeats the same work
        return index

    def search_villages(self, regency_code: str, text: str, limit: int = 20) -> list[Region]:
        """Villages of a regency whose name contains ``text`` (case-insensitive).

        Order: names starting with the text, then names with another word starting with it,
        then names containing it elsewhere; alphabetical within each group. Empty text lists the
        regency's villages alphabetically. A district code narrows the search to that district.
        """
        key = normalize_code(regency_code)
        level = level_of(key)
        if level not in ("regency", "district") or limit <= 0:
            return []
        index = self._regency_index(key[:5])
        if level == "district":
            prefix = key + "."
            index = [item for item in index if item[1].startswith(prefix)]
        needle = " ".join(text.split()).casefold()
        if not needle:
            hits = [code for _, code in index[:limit]]
        else:
            tiers: tuple[list[str], list[str], list[str]] = ([], [], [])
            for name, code in index:
                at = name.find(needle)
                if at < 0:
                    continue
                if at == 0:
                    tiers[0].append(code)
                elif _starts_word(name, needle, at):
                    tiers[1].append(code)
                else:
                    tiers[2].append(code)
                if len(tiers[0]) >= limit:
                    break
            hits = (tiers[0] + tiers[1] + tiers[2])[:limit]
        names = self._load_villages().names
        return [Region(c, names[c], "village") for c in hits]

    # ----------------------------------------------------------------- helpers
    def village_type(self, code: str) -> VillageType | None:
        """``kelurahan`` (``PP.KK.CC.1XXX``) or ``desa`` (``2XXX``; the 14 ``3XXX`` desa adat of
        Papua count as desa). None when the code is not a village code."""
        key = normalize_code(code)
        if level_of(key) != "village":
            return None
        kind = key[9]
        if kind == "1":
            return "kelurahan"
        if kind in ("2", "3"):
            return "desa"
        return None

    def from_nik_prefix(self, prefix: str) -> tuple[Region | None, Region | None, Region | None]:
        """``"150501"`` (or a whole NIK, or ``"15.05.01"``) → (province, regency, district)."""
        digits = "".join(prefix.split()).replace(".", "")[:6]
        if len(digits) < 6 or not digits.isascii() or not digits.isdigit():
            return None, None, None
        return (
            self.province(digits[:2]),
            self.regency(digits[:4]),
            self.district(digits[:6]),
        )

    def path(self, code: str) -> list[Region]:
        """Known regions from the province down to ``code`` itself (unknown levels skipped)."""
        key = normalize_code(code)
        if level_of(key) is None:
            return []
        parts = key.split(".")
        out: list[Region] = []
        for i in range(1, len(parts) + 1):
            region = self.get(".".join(parts[:i]))
            if region is not None:
                out.append(region)
        return out


def _starts_word(name: str, needle: str, first: int) -> bool:
    """True when ``needle`` occurs in ``name`` at the start of a word (at or after ``first``)."""
    at = first
    while at >= 0:
        if at == 0 or not name[at - 1].isalnum():
            return True
        at = name.find(needle, at + 1)
    return False


@lru_cache(maxsize=1)
def get_regions() -> Regions:
    """The process-wide regions, from ``resources_dir() / "regions"`` (loaded lazily)."""
    return Regions(resources_dir() / "regions")
