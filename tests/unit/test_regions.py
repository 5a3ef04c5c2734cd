"""Region data: counts, look-ups with and without dots, search, village type, lazy loading."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import pytest

from fieldreg.domain.regions import (
    Region,
    Regions,
    display_name,
    get_regions,
    level_of,
    normalize_code,
)
from fieldreg.paths import resources_dir


@pytest.fixture(scope="module")
def regions() -> Regions:
    return get_regions()


def test_get_regions_is_cached() -> None:
    assert get_regions() is get_regions()


def test_version(regions: Regions) -> None:
    assert regions.version == "kemendagri-idn-area-data-3.1.2"
    version_file = resources_dir() / "regions" / "VERSION"
    assert version_file.read_text(encoding="utf-8").strip() == regions.version


def test_shipped_licence_and_attribution() -> None:
    folder = resources_dir() / "regions"
    assert "Open Database License" in (folder / "LICENSE-ODbL.md").read_text(encoding="utf-8")
    source = (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "idn-area-data 3.1.2" in source and "ODbL" in source


def test_counts(regions: Regions) -> None:
    provinces = regions.provinces()
    regencies = [r for p in provinces for r in regions.regencies_of(p.code)]
    districts = [d for r in regencies for d in regions.districts_of(r.code)]
    villages = sum(len(regions.villages_of(d.code)) for d in districts)
    assert (len(provinces), len(regencies), len(districts), villages) == (38, 514, 7277, 83763)


def test_muaro_jambi_has_11_kecamatan(regions: Regions) -> None:
    districts = regions.districts_of("15.05")
    assert len(districts) == 11
    assert {d.code for d in districts} == {f"15.05.{i:02d}" for i in range(1, 12)}
    names = [d.name for d in districts]
    assert names == sorted(names, key=str.casefold)
    assert "Jambi Luar Kota" in names and "Sekernan" in names


def test_jambi_regencies(regions: Regions) -> None:
    by_code = {r.code: r.name for r in regions.regencies_of("15")}
    assert len(by_code) == 11
    assert by_code["15.05"] == "KABUPATEN MUARO JAMBI"
    assert by_code["15.06"] == "KABUPATEN TANJUNG JABUNG BARAT"
    assert by_code["15.07"] == "KABUPATEN TANJUNG JABUNG TIMUR"
    assert by_code["15.08"] == "KABUPATEN BUNGO"
    assert by_code["15.09"] == "KABUPATEN TEBO"
    assert by_code["15.71"] == "KOTA JAMBI"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("15", "15"),
        ("1505", "15.05"),
        ("150501", "15.05.01"),
        ("1505012001", "15.05.01.2001"),
        ("15.05.01.2001", "15.05.01.2001"),
        (" 15.05 01 ", "15.05.01"),
        ("15.0501", "15.05.01"),
        ("150", "150"),
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_normalize_code(raw: str, code: str) -> None:
    assert normalize_code(raw) == code


def test_level_of() -> None:
    assert [level_of(c) for c in ("15", "15.05", "15.05.01", "15.05.01.2001", "1505", "x")] == [
        "province",
        "regency",
        "district",
        "village",
        None,
        None,
    ]


@pytest.mark.parametrize("code", ["15.05", "1505"])
def test_regency_lookup_with_or_without_dots(regions: Regions, code: str) -> None:
    assert regions.regency(code) == Region("15.05", "KABUPATEN MUARO JAMBI", "regency")


def test_lookups_at_each_level(regions: Regions) -> None:
    province = regions.province("15")
    district = regions.district("150501")
    village = regions.village("1505012002")
    assert province is not None and province.name == "JAMBI" and province.level == "province"
    assert district is not None and district.name == "Jambi Luar Kota"
    assert village == Region("15.05.01.2002", "Sungai Bertam", "village")
    assert regions.village("15.05.01.2002") == village
    assert regions.get("15.05.01.2002") == village
    assert regions.get("15") == province


def test_lookups_are_level_strict(regions: Regions) -> None:
    assert regions.province("15.05") is None
    assert regions.regency("15") is None
    assert regions.district("15.05") is None
    assert regions.village("15.05.01") is None
    assert regions.province("99") is None
    assert regions.regency("15.99") is None
    assert regions.village("15.05.01.9999") is None
    assert regions.get("nonsense") is None


def test_parent_code_and_path(regions: Regions) -> None:
    village = regions.village("15.05.01.1003")
    assert village is not None and village.parent_code == "15.05.01"
    assert Region("15", "JAMBI", "province").parent_code is None
    assert [r.code for r in regions.path("1505011003")] == [
        "15",
        "15.05",
        "15.05.01",
        "15.05.01.1003",
    ]
    assert [r.code for r in regions.path("15.99.01")] == ["15"]
    assert regions.path("x") == []


def test_display_names(regions: Regions) -> None:
    muaro_jambi = regions.regency("15.05")
    kota_jambi = regions.regency("15.71")
    jakarta = regions.province("31")
    pangkep = regions.regency("73.10")
    district = regions.district("15.05.01")
    assert muaro_jambi is not None and muaro_jambi.display_name == "Kabupaten Muaro Jambi"
    assert kota_jambi is not None and kota_jambi.display_name == "Kota Jambi"
    assert jakarta is not None and jakarta.display_name == "DKI Jakarta"
    assert pangkep is not None and pangkep.display_name == "Kabupaten Pangkajene dan Kepulauan"
    assert district is not None and district.display_name == "Jambi Luar Kota"
    assert display_name("KABUPATEN TOJO UNA-UNA") == "Kabupaten Tojo Una-Una"
    assert display_name('Soka"an') == 'Soka"an'  # mixed case kept as published


def test_official_spelling_kept(regions: Regions) -> None:
    village = regions.village("35.13.15.2017")
    assert village is not None and village.name == 'Soka"an'


def test_villages_of(regions: Regions) -> None:
    villages = regions.villages_of("150501")
    assert villages and all(v.parent_code == "15.05.01" for v in villages)
    assert [v.name for v in villages] == sorted((v.name for v in villages), key=str.casefold)
    assert regions.villages_of("15.05") == []


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("15.71.01.1001", "kelurahan"),
        ("1505011003", "kelurahan"),
        ("1505012002", "desa"),
        ("91.03.01.3007", "desa"),  # desa adat (Papua)
        ("15.05.01", None),
    ],
)
def test_village_type(regions: Regions, code: str, kind: str | None) -> None:
    assert regions.village_type(code) == kind


def test_from_nik_prefix(regions: Regions) -> None:
    province, regency, district = regions.from_nik_prefix("150601")
    assert province is not None and province.name == "JAMBI"
    assert regency is not None and regency.name == "KABUPATEN TANJUNG JABUNG BARAT"
    assert district is not None and district.code == "15.06.01"
    assert regions.from_nik_prefix("1505011203900001")[2] == regions.district("15.05.01")
    assert regions.from_nik_prefix("159901") == (province, None, None)
    assert regions.from_nik_prefix("15") == (None, None, None)


# ---------------------------------------------------------------- search


def test_search_within_regency(regions: Regions) -> None:
    hits = regions.search_villages("15.05", "sun")
    assert hits and len(hits) <= 20
    assert all(h.code.startswith("15.05.") and h.level == "village" for h in hits)
    names = [h.name.casefold() for h in hits]
    assert all("sun" in n for n in names)
    # Names starting with the text first, then other words starting with it, then infix.
    ranks = [0 if n.startswith("sun") else 1 if " sun" in f" {n}" else 2 for n in names]
    assert ranks == sorted(ranks)
    assert names[0].startswith("sungai")
    assert names.index("simpang sungai duren") < names.index("dusun mudo")


def test_search_is_case_insensitive_and_accepts_codes_without_dots(regions: Regions) -> None:
    assert regions.search_villages("1505", "SUN") == regions.search_villages("15.05", "sun")


def test_search_limit_and_empty_text(regions: Regions) -> None:
    assert len(regions.search_villages("15.05", "a", limit=3)) == 3
    first = regions.search_villages("15.05", "", limit=5)
    assert len(first) == 5 and [v.name for v in first] == sorted(v.name for v in first)
    assert regions.search_villages("15.05", "zzzz") == []
    assert regions.search_villages("15", "sun") == []  # a province is not a scope


def test_search_within_district(regions: Regions) -> None:
    hits = regions.search_villages("15.05.01", "a", limit=100)
    assert hits and all(h.code.startswith("15.05.01.") for h in hits)


def test_search_only_finds_that_regency(regions: Regions) -> None:
    assert regions.search_villages("15.71", "sungai") != regions.search_villages("15.05", "sungai")
    assert all(h.code.startswith("15.71.") for h in regions.search_villages("15.71", "a"))


# ---------------------------------------------------------------- loading


def _write(path: Path, version: str, rows: list[tuple[str, str]]) -> None:
    text = f"#version\t{version}\n" + "".join(f"{c}\t{n}\n" for c, n in rows)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


AREAS = [("15", "JAMBI"), ("15.05", "KABUPATEN MUARO JAMBI"), ("15.05.01", "Jambi Luar Kota")]


def test_areas_load_without_touching_villages(tmp_path: Path) -> None:
    _write(tmp_path / "areas.tsv.gz", "test-1", AREAS)  # no villages file at all
    regions = Regions(tmp_path)
    assert regions.version == "test-1"
    assert regions.district("150501") is not None
    with pytest.raises(FileNotFoundError):
        regions.village("15.05.01.2001")


def test_villages_of_another_version_are_refused(tmp_path: Path) -> None:
    _write(tmp_path / "areas.tsv.gz", "test-1", AREAS)
    _write(tmp_path / "villages.tsv.gz", "test-2", [("15.05.01.2001", "Muaro Sebapo")])
    with pytest.raises(ValueError, match="test-2"):
        Regions(tmp_path).village("15.05.01.2001")


def test_concurrent_first_use_loads_once(tmp_path: Path) -> None:
    _write(tmp_path / "areas.tsv.gz", "test-1", AREAS)
    _write(tmp_path / "villages.tsv.gz", "test-1", [("15.05.01.2001", "Muaro Sebapo")])
    regions = Regions(tmp_path)
    seen: list[object] = []

    def use() -> None:
        regions.warm()
        seen.append(regions.village("15.05.01.2001"))

    threads = [threading.Thread(target=use) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [Region("15.05.01.2001", "Muaro Sebapo", "village")] * 8
