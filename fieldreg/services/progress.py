"""Registrations per kecamatan against its target: the summary screen's first chart, and what
the district console will show per laptop or for the whole regency.

Pure arithmetic over counts per village (the first 8 characters of a village code, ``63.01.01``,
are its kecamatan) and the targets per kecamatan; no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fieldreg.domain.regions import get_regions


@dataclass(frozen=True)
class KecamatanProgress:
    code: str  # the kecamatan's code; "" for records without a village
    name: str | None  # None when the code is no kecamatan of the regions dataset (or "")
    registered: int
    target: int | None  # None when no target is set for it


@dataclass(frozen=True)
class Targets:
    """The targets the summary measures against, and where they come from."""

    per_kecamatan: dict[str, int] = field(default_factory=dict)
    per_village: dict[str, int] = field(default_factory=dict)  # only the server's are per village
    source: str = ""  # "server" (the last pull), "settings" (typed on this laptop) or "" (none)


def choose_targets(server_villages: Mapping[str, int] | None,
                   settings_kecamatan: Mapping[str, int]) -> Targets:
    """The district server's targets (per village, summed per kecamatan) once a pull brought
    any; until then those typed in Settings (per kecamatan)."""
    villages = {c: t for c, t in (server_villages or {}).items() if t > 0}
    if villages:
        kec: dict[str, int] = {}
        for code, t in villages.items():
            kec[code[:8]] = kec.get(code[:8], 0) + t
        return Targets(kec, villages, "server")
    kec = {c: t for c, t in settings_kecamatan.items() if t > 0}
    return Targets(kec, {}, "settings" if kec else "")


def per_kecamatan(
    by_village: Iterable[tuple[str, str, int]],
    targets: Mapping[str, int],
    regency_code: str,
) -> list[KecamatanProgress]:
    """The regency's kecamatan in the dataset's order, those with registrations or a target;
    then kecamatan outside the regency (or records without a village) that have registrations,
    by code. ``by_village`` is (village code, village name, active registrations)."""
    regions = get_regions()
    per_district: dict[str, int] = {}
    for code, _name, n in by_village:
        per_district[code[:8]] = per_district.get(code[:8], 0) + n
    out: list[KecamatanProgress] = []
    for d in regions.districts_of(regency_code):
        n = per_district.pop(d.code, 0)
        t = targets.get(d.code)
        if n or t:
            out.append(KecamatanProgress(d.code, d.display_name, n, t))
    for code, n in sorted(per_district.items()):
        dist = regions.district(code) if code else None
        out.append(KecamatanProgress(code, dist.display_name if dist else None, n,
                                     targets.get(code)))
    return out
