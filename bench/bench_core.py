"""Core benchmarks on a database of 100,000 registrations. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_core.py [--records 100000] [--keep DIR] [--part all|import]
                                         [--runs 1]

Measures: save of one registration (median, p95), NIK look-up and name search (50 results),
import of a 10,000-row XLSX village list, unlock with the real Argon2id cost.
Targets on the project's machine: save ≤ 5 ms median, search ≤ 20 ms, import ≤ 5 s, unlock ≤ 1 s.
``--part import`` measures the import alone (``--runs`` times, each into the same database; the
median printed). With ``--keep`` the saves and the import go to a copy of the kept data folder,
which stays as built.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "bench-password-1"


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def line(label: str, values: list[float], target: str) -> None:
    print(f"{label:44} median {statistics.median(values):8.2f} ms   p95 {pct(values, 95):8.2f} ms"
          f"   ({len(values)} runs; target {target})")


def build(home: Path, records: int) -> None:
    from fieldreg.domain.codes import Status
    from fieldreg.domain.registration import Registration, new_id
    from fieldreg.services import accounts
    from fieldreg.services.registrations import derive, normalize
    from tools.sample_data import SampleFactory

    accounts.initialise(home, device_name="bench", regency_code="15.05",
                        volunteer_name="Bench", password=PASSWORD)
    ctx = accounts.unlock(home, "", PASSWORD)
    f = SampleFactory(seed=7, today=date.today())
    t0 = time.perf_counter()
    done = 0
    while done < records:
        n = min(5000, records - done)
        regs = []
        now = ctx.clock()
        for _ in range(n):
            d = normalize(f.data(volunteer_id=ctx.volunteer_id))
            regs.append(derive(Registration(
                id=new_id(), device_id=ctx.device_id, volunteer_id=ctx.volunteer_id,
                created_at=now, updated_at=now, version=1, status=Status.READY, data=d)))
        with ctx.db.uow() as uow:
            uow.registrations.add_many(regs)
            uow.outbox.append_many(regs)
            uow.commit()
        done += n
        print(f"  built {done}/{records} records", file=sys.stderr, end="\r")
    print(f"built {records} registrations (+ outbox) in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    ctx.close()


def searches(ctx: Any) -> None:
    from fieldreg.domain.codes import FundingSource, Status
    from fieldreg.services import registrations
    from fieldreg.store.repositories import SearchFilter
    from tools.sample_data import SampleFactory

    home = ctx.home
    print(f"database: {registrations.count(ctx)} registrations, "
          f"{(home / 'fieldreg.db').stat().st_size / 2**20:.0f} MiB (SQLCipher)")

    f = SampleFactory(seed=99, today=date.today())
    save_ms = timed(lambda: registrations.save(ctx, f.data(volunteer_id=ctx.volunteer_id),
                                               ready=True), 300)
    line("save one registration (+ outbox, audit)", save_ms, "≤ 5 ms median")

    total = registrations.count(ctx)
    with ctx.db.reader() as uow:
        sample = uow.registrations.search(SearchFilter(), limit=200, offset=total // 2)
    niks = [s.nik for s in sample]
    it = iter(niks * 10)
    nik_ms = timed(lambda: registrations.search(ctx, SearchFilter(text=next(it)), limit=50), 200)
    line("NIK look-up (exact, audited)", nik_ms, "≤ 20 ms")
    words = ["SITI", "harahap", "rizki", "NUR", "wati", "si", "ana", "putra", "AHMAD S"]
    wit = iter(words * 30)
    name_ms = timed(
        lambda: registrations.search(ctx, SearchFilter(text=next(wit)), limit=50), 200)
    line("name search, 50 results (prefix+infix)", name_ms, "≤ 20 ms")
    filtered = SearchFilter(
        text="wati", status=(Status.READY,), funding_source=FundingSource.APBD_KAB
    )
    filt_ms = timed(lambda: registrations.search(ctx, filtered, limit=50), 50)
    line("name search with filters", filt_ms, "≤ 20 ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="reuse/keep the 100k database in this folder")
    ap.add_argument("--part", choices=("all", "import"), default="all")
    ap.add_argument("--runs", type=int, default=1, help="imports measured (the median printed)")
    args = ap.parse_args()

    # Building the database and everything but the unlock measurement use a cheap Argon2 cost.
    os.environ["FIELDREG_ARGON2_COST"] = "1,8,1"
    from fieldreg.services import accounts, village_import
    from tools.sample_data import SampleFactory, village_list_row, write_village_list

    tmp = Path(tempfile.mkdtemp(prefix="fieldreg-bench-"))
    home = args.keep or tmp / "home"
    if not (home / "keyslots.json").exists():
        build(home, args.records)
    kept = home
    if args.keep:  # the saves and the import go to a copy: the kept database stays as built
        home = tmp / "home"
        shutil.copytree(kept, home)
    if args.part == "all":
        ctx = accounts.unlock(home, "", PASSWORD)
        searches(ctx)
        ctx.close()

    # Import of a 10,000-row XLSX into the 100k database.
    imp = SampleFactory(seed=12345, today=date.today())
    xlsx = tmp / "village-list-10000.xlsx"
    write_village_list(xlsx, [village_list_row(imp.data(consent=False)) for _ in range(10_000)])
    took = []
    for _ in range(args.runs):
        target = home
        if args.runs > 1:  # each import into the same database
            target = tmp / "import-home"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(kept, target)
        ctx = accounts.unlock(target, "", PASSWORD)
        t0 = time.perf_counter()
        res = village_import.import_file(ctx, xlsx,
                                         village_import.ImportOptions(consent_paper=True))
        took.append(time.perf_counter() - t0)
        ctx.close()
    runs = f"median of {len(took)}, " if len(took) > 1 else ""
    print(f"{'import 10,000-row XLSX (paper consent)':44} {statistics.median(took):8.2f} s"
          f"        ({runs}{res.imported} imported, {len(res.preview.rejected)} refused; "
          "target ≤ 5 s)")
    if args.part != "all":
        shutil.rmtree(tmp, ignore_errors=True)
        return

    # Unlock at the real Argon2id cost, on a fresh small data folder.
    del os.environ["FIELDREG_ARGON2_COST"]
    from fieldreg.store.keyslots import DEFAULT_COST

    small = tmp / "unlock"
    accounts.initialise(small, device_name="u", regency_code="15.05", volunteer_name="U",
                        password=PASSWORD)

    def unlock_once() -> None:
        accounts.unlock(small, "", PASSWORD).close()

    unlock_ms = timed(unlock_once, 5)
    line(f"unlock (Argon2id t={DEFAULT_COST.time_cost}, m={DEFAULT_COST.memory_kib // 1024} MiB, "
         f"p={DEFAULT_COST.parallelism})", unlock_ms, "≤ 1 s")
    shutil.rmtree(tmp, ignore_errors=True)  # a kept database is outside it


if __name__ == "__main__":
    main()
