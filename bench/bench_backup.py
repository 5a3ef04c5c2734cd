"""Backup and restore benchmarks. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_backup.py [--records 10000]

A data folder with ``--records`` registrations (bench/seed.py: mostly queued, some drafts), then:
a manual backup (online copy + checks + zip), the same while another thread keeps saving
records (the copy must not stop the volunteer), checking a backup (what the restore dialog does
before closing anything), and a whole restore. Prints the database and backup sizes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PASSWORD = "bench-password-1"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    args = ap.parse_args()
    os.environ.setdefault("FIELDREG_ARGON2_COST", "1,8,1")
    from seed import seed

    from fieldreg.services import accounts, backups, registrations, restore
    from tools.sample_data import SampleFactory

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        accounts.initialise(home, device_name="Laptop Bench", regency_code="15.05",
                            volunteer_name="Bench", password=PASSWORD)
        ctx = accounts.unlock(home, "Bench", PASSWORD)
        t = time.perf_counter()
        seed(ctx, args.records)
        print(f"seeded {args.records:,} records in {time.perf_counter() - t:.1f} s")
        db_size = (home / "fieldreg.db").stat().st_size
        print(f"database file: {db_size / 1e6:.1f} MB")

        t = time.perf_counter()
        (path,) = backups.make_backup(ctx, folders=[])
        took = time.perf_counter() - t
        print(f"backup (online copy, HMAC + quick_check, zip): {took:.2f} s, "
              f"{path.stat().st_size / 1e6:.1f} MB")

        stop = threading.Event()
        saved = [0]
        factory = SampleFactory(99, today=ctx.today_fn())

        def writer() -> None:
            while not stop.is_set():
                registrations.save(ctx, factory.data(), ready=True)
                saved[0] += 1

        w = threading.Thread(target=writer)
        w.start()
        time.sleep(0.5)
        before = saved[0]
        t = time.perf_counter()
        backups.make_backup(ctx, folders=[])
        took = time.perf_counter() - t
        during = saved[0] - before
        stop.set()
        w.join()
        print(f"backup while another thread saves: {took:.2f} s; {during} records saved "
              f"meanwhile ({during / took:.0f}/s)")
        ctx.close()

        t = time.perf_counter()
        restore.check(home, path, volunteer="Bench", password=PASSWORD)
        print(f"check a backup (restore dialog, before closing anything): "
              f"{time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        res = restore.restore(home, path, volunteer="Bench", password=PASSWORD)
        took = time.perf_counter() - t
        res.context.close()
        print(f"restore (check, move aside, install, open): {took:.2f} s; "
              f"{res.records:,} records, {res.queued:,} queued")
    return 0


if __name__ == "__main__":
    sys.exit(main())
