"""Card benchmarks. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_cards.py [--cards 1000] [--keep DIR]

Measures, on one core (the work is single-threaded; the process is pinned to one CPU where the
OS allows): signing the credentials, drawing card faces (front and back at 300 dpi, QR
included), and a whole 1,000-card A4 PDF export through the service (prepare, draw, compress,
write, record the print history). Targets: ≥ 25 cards/s drawn, 1,000 cards in ≤ 40 s, ≤ 150 KB
per card in the PDF.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "bench-password-1"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cards", type=int, default=1000)
    ap.add_argument("--keep", type=Path, help="keep the data folder and the PDF here")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ.setdefault("FIELDREG_ARGON2_COST", "1,8,1")

    from fieldreg.cards.render import render_back, render_front
    from fieldreg.cards.sheets import Layout
    from fieldreg.services import accounts, cards, village_import
    from fieldreg.services.village_import import ImportOptions
    from tools.sample_data import SampleFactory, village_list_row, write_village_list

    work = args.keep or Path(tempfile.mkdtemp(prefix="fieldreg-bench-cards-"))
    work.mkdir(parents=True, exist_ok=True)
    home = work / "home"
    try:
        accounts.initialise(home, device_name="Bench", regency_code="15.05",
                            volunteer_name="Bench", password=PASSWORD)
        ctx = accounts.unlock(home, "", PASSWORD)
        factory = SampleFactory(seed=11)
        vl = work / "desa.xlsx"
        write_village_list(vl, [village_list_row(factory.data()) for _ in range(args.cards)])
        village_import.import_file(ctx, vl, ImportOptions(consent_paper=True))
        print(f"{args.cards} records ready (affinity: "
              f"{sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '-'})")

        t0 = time.perf_counter()
        batch = cards.prepare(ctx, None, layout=Layout.A4)
        t_prepare = time.perf_counter() - t0
        print(f"{'sign credentials (prepare)':34} {t_prepare:7.2f} s   "
              f"{len(batch.cards) / t_prepare:8.1f} cards/s")

        faces = batch.faces[:200]
        c0, t0 = time.process_time(), time.perf_counter()
        for face in faces:
            render_front(face, 300)
            render_back(face, 300)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"{'draw front + back at 300 dpi':34} {len(faces) / wall:7.1f} cards/s "
              f"(CPU {len(faces) / cpu:.1f} cards/s; target ≥ 25)")

        out = work / "kartu.pdf"
        t0 = time.perf_counter()
        done = cards.export_pdf(ctx, None, out, layout=Layout.A4, reprint_reason="bench")
        t_pdf = time.perf_counter() - t0
        size = out.stat().st_size
        n = len(done.cards)
        print(f"{f'{n}-card A4 PDF (whole export)':34} {t_pdf:7.2f} s   "
              f"({n / t_pdf:.1f} cards/s; target ≤ 40 s for 1,000)")
        print(f"{'PDF size':34} {size / 1e6:7.2f} MB   {size / n / 1024:8.1f} KB per card "
              f"(target ≤ 150 KB)")
        ctx.close()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
