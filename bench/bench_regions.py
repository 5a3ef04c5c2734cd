"""Region data: cold load times and per-call look-up/search times.

Run: ``.venv/bin/python bench/bench_regions.py [--calls N]``. Prints figures; asserts nothing.
Targets: look-up by code and village search well under 1 ms per call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fieldreg.domain.regions import Regions
from fieldreg.paths import resources_dir


def cold(label: str, fn: Callable[[], object]) -> None:
    start = time.perf_counter()
    fn()
    print(f"{label:<44} {(time.perf_counter() - start) * 1000:8.1f} ms")


def per_call(label: str, fn: Callable[[], object], calls: int) -> None:
    """Median of ``calls`` individually timed calls, in microseconds (timer overhead included)."""
    times = []
    for _ in range(calls):
        start = time.perf_counter_ns()
        fn()
        times.append(time.perf_counter_ns() - start)
    print(f"{label:<44} {statistics.median(times) / 1000:8.2f} µs/call")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    calls: int = args.calls
    directory = resources_dir() / "regions"

    regions = Regions(directory)
    print(f"regions data: {directory}")
    cold("cold load: areas (first regency look-up)", lambda: regions.regency("15.05"))
    cold("cold load: villages (first village look-up)", lambda: regions.village("15.05.01.2002"))
    cold("first search in 15.05 (builds its index)", lambda: regions.search_villages("15.05", "s"))
    print(f"dataset version: {regions.version}")

    per_call("province('15')", lambda: regions.province("15"), calls)
    per_call("regency('1505') (no dots)", lambda: regions.regency("1505"), calls)
    per_call("district('15.05.01')", lambda: regions.district("15.05.01"), calls)
    per_call("village('15.05.01.2002')", lambda: regions.village("15.05.01.2002"), calls)
    per_call("village('1505012002') (no dots)", lambda: regions.village("1505012002"), calls)
    per_call("from_nik_prefix('150501')", lambda: regions.from_nik_prefix("150501"), calls)
    per_call("districts_of('15.05')", lambda: regions.districts_of("15.05"), calls)
    per_call("villages_of('15.05.01')", lambda: regions.villages_of("15.05.01"), calls)
    per_call(
        'search_villages("15.05", "sun")', lambda: regions.search_villages("15.05", "sun"), calls
    )
    per_call('search_villages("15.05", "a")', lambda: regions.search_villages("15.05", "a"), calls)
    largest = max(
        (r.code for p in regions.provinces() for r in regions.regencies_of(p.code)),
        key=lambda code: sum(len(regions.villages_of(d.code)) for d in regions.districts_of(code)),
    )
    size = sum(len(regions.villages_of(d.code)) for d in regions.districts_of(largest))
    regions.search_villages(largest, "")
    per_call(
        f'search_villages("{largest}", "an") ({size} villages)',
        lambda: regions.search_villages(largest, "an"),
        calls,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
