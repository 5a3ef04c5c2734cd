"""Occupations: the Dukcapil KTP list (01–89) plus the programme's own sub-types.

Data in ``resources/data/occupations.json`` (versioned; the server may push a newer list). Each
entry has a stable ``code`` (``"09"`` or ``"OJEK_PANGKALAN"``), Indonesian and English labels, the
Dukcapil code it belongs to, a ``sector`` (``transport`` or ``other``; drives the PP 50/2025
discount period) and ``informal`` (false for wage-earning and official roles: validation warns).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fieldreg.paths import resources_dir

SECTOR_TRANSPORT = "transport"
SECTOR_OTHER = "other"
SECTORS = frozenset({SECTOR_TRANSPORT, SECTOR_OTHER})


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Occupation:
    code: str  # "09" or "OJEK_PANGKALAN"
    label_id: str
    label_en: str
    dukcapil_code: str  # "09"; a sub-type's parent on the KTP list
    sector: str  # "transport" | "other"
    informal: bool
    aliases: tuple[str, ...] = ()

    @property
    def is_subtype(self) -> bool:
        return self.code != self.dukcapil_code

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Occupation:
        occ = cls(
            code=str(d["code"]),
            label_id=str(d["label_id"]),
            label_en=str(d["label_en"]),
            dukcapil_code=str(d["dukcapil_code"]),
            sector=str(d["sector"]),
            informal=bool(d["informal"]),
            aliases=tuple(str(a) for a in d.get("aliases", ())),
        )
        if occ.sector not in SECTORS:
            raise ValueError(f"occupation {occ.code}: unknown sector {occ.sector!r}")
        if not re.fullmatch(r"\d{2}", occ.dukcapil_code):
            raise ValueError(f"occupation {occ.code}: bad dukcapil_code {occ.dukcapil_code!r}")
        return occ


class Occupations:
    """The occupation list with look-up and search. Sub-types come before Dukcapil codes."""

    def __init__(self, version: str, occupations: Iterable[Occupation]) -> None:
        self.version = version
        items = list(occupations)
        # Sub-types first, then Dukcapil codes in code order; stable within each group.
        self._items = [o for o in items if o.is_subtype] + sorted(
            (o for o in items if not o.is_subtype), key=lambda o: o.code
        )
        self._by_code: dict[str, Occupation] = {}
        self._by_label: dict[str, Occupation] = {}
        for occ in self._items:
            if occ.code.upper() in self._by_code:
                raise ValueError(f"duplicate occupation code {occ.code}")
            self._by_code[occ.code.upper()] = occ
        for occ in self._items:
            if not occ.is_subtype and occ.dukcapil_code not in self._by_code:
                raise ValueError(f"occupation {occ.code}: not its own dukcapil code")
            if occ.is_subtype and occ.dukcapil_code not in self._by_code:
                raise ValueError(f"occupation {occ.code}: unknown parent {occ.dukcapil_code}")
            for label in (occ.label_id, *occ.aliases):
                self._by_label.setdefault(_fold(label), occ)
        self._search_keys = [(occ, self._keys(occ)) for occ in self._items]

    @staticmethod
    def _keys(occ: Occupation) -> list[str]:
        keys = [occ.code.casefold(), occ.label_id.casefold(), occ.label_en.casefold()]
        keys += [a.casefold() for a in occ.aliases]
        if occ.is_subtype:
            keys.append(occ.code.replace("_", " ").casefold())
        else:
            keys.append(occ.code.lstrip("0"))
        return keys

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Occupations:
        return cls(str(d["version"]), (Occupation.from_dict(o) for o in d["occupations"]))

    @classmethod
    def load(cls, path: Path) -> Occupations:
        with Path(path).open(encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh))

    def all(self) -> list[Occupation]:
        return list(self._items)

    def subtypes(self) -> list[Occupation]:
        return [o for o in self._items if o.is_subtype]

    def find(self, code: str | None) -> Occupation | None:
        """By code (``"9"``, ``"09"``, ``" 09 "``, ``"ojek_pangkalan"``) or by exact Indonesian
        label or alias, case-insensitively (``"petani/pekebun"``, ``"PNS"``)."""
        text = " ".join((code or "").split())
        if not text:
            return None
        if text.isascii() and text.isdigit():
            return self._by_code.get(f"{int(text):02d}")
        occ = self._by_code.get(text.upper().replace(" ", "_"))
        if occ is not None:
            return occ
        return self._by_label.get(text.casefold())

    def search(self, text: str, limit: int = 20) -> list[Occupation]:
        """Occupations whose code, label (Indonesian or English) or alias matches ``text``.

        Prefix matches of any word come first, then matches inside a word; within each group
        sub-types come before Dukcapil codes (list order). Empty text lists everything.
        """
        needle = _fold(text)
        if limit <= 0:
            return []
        if not needle:
            return self._items[:limit]
        prefix: list[Occupation] = []
        infix: list[Occupation] = []
        for occ, keys in self._search_keys:
            best = 2
            for key in keys:
                at = key.find(needle)
                while at >= 0 and best > 0:
                    best = 0 if at == 0 or not key[at - 1].isalnum() else 1
                    at = key.find(needle, at + 1)
                if best == 0:
                    break
            if best == 0:
                prefix.append(occ)
            elif best == 1:
                infix.append(occ)
        return (prefix + infix)[:limit]


@lru_cache(maxsize=1)
def get_occupations() -> Occupations:
    """The shipped occupation list (cached)."""
    return Occupations.load(resources_dir() / "data" / "occupations.json")
