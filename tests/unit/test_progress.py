"""Registrations per kecamatan against targets (fieldreg.services.progress): the rule the summary
screen shows and the district console will reuse, on the real regions dataset."""

from __future__ import annotations

from fieldreg.domain.regions import get_regions
from fieldreg.services.progress import KecamatanProgress, per_kecamatan

REGENCY = "15.05"  # Muaro Jambi


def test_kecamatan_in_the_dataset_order_then_the_rest_by_code() -> None:
    districts = get_regions().districts_of(REGENCY)
    first, second, third = districts[0], districts[1], districts[2]
    v1, v2 = (v.code for v in get_regions().villages_of(first.code)[:2])
    v3 = get_regions().villages_of(third.code)[0].code
    by_village = [(v1, "", 5), (v2, "", 2), (v3, "", 1), ("", "", 4), ("16.01.01.2001", "", 3)]
    targets = {second.code: 40, third.code: 10, first.code: 7}

    got = per_kecamatan(by_village, targets, REGENCY)

    assert got == [
        KecamatanProgress(first.code, first.display_name, 7, 7),  # two villages added up
        KecamatanProgress(second.code, second.display_name, 0, 40),  # a target, nothing yet
        KecamatanProgress(third.code, third.display_name, 1, 10),
        KecamatanProgress("", None, 4, None),  # records without a village
        KecamatanProgress("16.01.01", None, 3, None),  # not a kecamatan of the dataset
    ]


def test_a_kecamatan_with_neither_registrations_nor_target_is_left_out() -> None:
    assert per_kecamatan([], {}, REGENCY) == []
    assert per_kecamatan([], {"15.05.01": 0}, REGENCY) == []
