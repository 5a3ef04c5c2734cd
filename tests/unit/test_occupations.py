"""Occupations: the Dukcapil list 01–89, the programme sub-types, find and search."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fieldreg.domain.occupations import Occupation, Occupations, get_occupations
from fieldreg.paths import resources_dir

SUBTYPES = {
    "OJEK_PANGKALAN": "14",
    "OJEK_ONLINE": "14",
    "BURUH_BANGUNAN": "19",
    "SAWIT_DODOS": "20",
    "SAWIT_PANEN": "20",
    "SAWIT_ANGKUT": "20",
    "SAWIT_LANGSIR": "20",
    "NELAYAN": "11",
    "PEDAGANG_PASAR": "84",
    "PEDAGANG_KELILING": "84",
    "PETUGAS_KEBERSIHAN": "19",
}


@pytest.fixture(scope="module")
def occupations() -> Occupations:
    return get_occupations()


def test_cached() -> None:
    assert get_occupations() is get_occupations()


def test_json_has_a_version(occupations: Occupations) -> None:
    raw = json.loads((resources_dir() / "data" / "occupations.json").read_text(encoding="utf-8"))
    assert raw["version"] and occupations.version == raw["version"]


def test_full_dukcapil_list(occupations: Occupations) -> None:
    dukcapil = [o for o in occupations.all() if not o.is_subtype]
    assert [o.code for o in dukcapil] == [f"{i:02d}" for i in range(1, 90)]
    labels = {o.code: o.label_id for o in dukcapil}
    assert labels["01"] == "Belum/Tidak Bekerja"
    assert labels["09"] == "Petani/Pekebun"
    assert labels["11"] == "Nelayan/Perikanan"
    assert labels["14"] == "Transportasi"
    assert labels["19"] == "Buruh Harian Lepas"
    assert labels["20"] == "Buruh Tani/Perkebunan"
    assert labels["26"] == "Tukang Batu"
    assert labels["81"] == "Sopir"
    assert labels["84"] == "Pedagang"
    assert labels["88"] == "Wiraswasta"
    assert labels["89"] == "Lainnya"
    assert all(o.label_en and o.dukcapil_code == o.code for o in dukcapil)


def test_subtypes(occupations: Occupations) -> None:
    subtypes = {o.code: o for o in occupations.subtypes()}
    assert {c: o.dukcapil_code for c, o in subtypes.items()} == SUBTYPES
    assert all(o.label_id and o.label_en and o.informal for o in subtypes.values())
    assert [o.code for o in occupations.all()[: len(SUBTYPES)]] == list(SUBTYPES)


def test_sectors(occupations: Occupations) -> None:
    transport = {o.code for o in occupations.all() if o.sector == "transport"}
    assert transport == {"14", "81", "OJEK_PANGKALAN", "OJEK_ONLINE"}
    assert {o.sector for o in occupations.all()} == {"transport", "other"}


def test_informal_flag(occupations: Occupations) -> None:
    formal = [f"{i:02d}" for i in (4, 5, 6, 7, 15, 16, 17, 18, *range(48, 64))]
    for code in formal:
        occ = occupations.find(code)
        assert occ is not None and not occ.informal, code
    for code in ("09", "11", "14", "19", "20", "21", "26", "81", "84", "88", "89"):
        occ = occupations.find(code)
        assert occ is not None and occ.informal, code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("9", "09"),
        ("09", "09"),
        (" 09 ", "09"),
        ("89", "89"),
        ("ojek_pangkalan", "OJEK_PANGKALAN"),
        ("OJEK_ONLINE", "OJEK_ONLINE"),
        ("ojek online", "OJEK_ONLINE"),
        ("Petani/Pekebun", "09"),
        ("petani/pekebun", "09"),
        ("  BURUH   HARIAN LEPAS ", "19"),
        ("Pedagang Pasar", "PEDAGANG_PASAR"),
        ("pedagang", "84"),
        ("PNS", "05"),
    ],
)
def test_find(occupations: Occupations, text: str, code: str) -> None:
    occ = occupations.find(text)
    assert occ is not None and occ.code == code


@pytest.mark.parametrize("text", ["", "  ", "0", "90", "100", "petani", "xyz", None])
def test_find_unknown(occupations: Occupations, text: str | None) -> None:
    assert occupations.find(text) is None


def test_search_subtypes_first(occupations: Occupations) -> None:
    assert [o.code for o in occupations.search("pedagang")] == [
        "PEDAGANG_PASAR",
        "PEDAGANG_KELILING",
        "84",
    ]
    assert [o.code for o in occupations.search("SAWIT")] == [
        "SAWIT_DODOS",
        "SAWIT_PANEN",
        "SAWIT_ANGKUT",
        "SAWIT_LANGSIR",
    ]


def test_search_prefix_before_infix(occupations: Occupations) -> None:
    codes = [o.code for o in occupations.search("tani")]
    assert codes.index("20") < codes.index("09")  # "Buruh Tani…" before "Petani…"
    codes = [o.code for o in occupations.search("nelayan")]
    assert codes[:3] == ["NELAYAN", "11", "21"]


def test_search_by_code_english_and_limit(occupations: Occupations) -> None:
    assert occupations.search("09")[0].code == "09"
    assert occupations.search("ojek")[0].code == "OJEK_PANGKALAN"
    assert occupations.search("driver")[:2] == [
        occupations.find("OJEK_PANGKALAN"),
        occupations.find("OJEK_ONLINE"),
    ]
    assert len(occupations.search("a", limit=5)) == 5
    assert occupations.search("zzzz") == []
    assert occupations.search("") == occupations.all()[:20]


def _entry(**over: Any) -> dict[str, Any]:
    base = {
        "code": "09",
        "label_id": "Petani/Pekebun",
        "label_en": "Farmer",
        "dukcapil_code": "09",
        "sector": "other",
        "informal": True,
    }
    return {**base, **over}


def test_from_dict_validates() -> None:
    occs = Occupations.from_dict({"version": "t", "occupations": [_entry()]})
    assert occs.find("9") == Occupation("09", "Petani/Pekebun", "Farmer", "09", "other", True)
    with pytest.raises(ValueError, match="sector"):
        Occupations.from_dict({"version": "t", "occupations": [_entry(sector="farm")]})
    with pytest.raises(ValueError, match="duplicate"):
        Occupations.from_dict({"version": "t", "occupations": [_entry(), _entry()]})
    with pytest.raises(ValueError, match="parent"):
        Occupations.from_dict(
            {"version": "t", "occupations": [_entry(code="X", dukcapil_code="14")]}
        )
