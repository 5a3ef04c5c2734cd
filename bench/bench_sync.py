"""Sync benchmarks on realistic records, against a real district server process on loopback.
Prints figures; asserts nothing.

    .venv/bin/python bench/bench_sync.py [--part loopback|shaped|memory|pg|all]
                                         [--records 10000] [--shaped-records 1000]
                                         [--memory-records 100000] [--pg-records 5000]
                                         [--workers 2]

- loopback: one laptop sends N records to a server on SQLite: time, records/s, requests (against
  ⌈N/batch⌉ + 2), bytes per record up and down as on the wire (gzip).
- shaped: 1,000 records through a proxy that adds 100 ms each way and caps the link at
  1 Mbit/s, next to a one-request-per-record client (ODK's way) in the same run.
- memory: the client's peak Python heap (tracemalloc) while syncing a queue of 10,000 and of
  100,000 records: batches are streamed from the database, so the two should be alike.
- pg: PostgreSQL ingest: 4 devices pushing at once to one server (2 uvicorn workers,
  ``--workers``) on 127.0.0.1:5432; records/s for the whole district, and the CPU seconds the
  laptops (this process), the server's processes and PostgreSQL's backends spent meanwhile.

Targets (issue 5): ≤ 150 bytes per record upstream, ≤ ⌈N/batch⌉ + 2 round trips, 10,000 records
in ≤ 5 s on loopback, 1,000 records in ≤ 10 s and ≥ 30× faster than one-per-record on the shaped
link, ≥ 3,000 records/s ingest on PostgreSQL, flat client memory.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PASSWORD = "bench-password-1"


def laptop(home: Path, records: int, *, seed_value: int = 7, name: str = "bench") -> Any:
    """A new data folder with ``records`` records waiting to be sent; an open context."""
    from seed import seed

    from fieldreg.services import accounts

    accounts.initialise(home, device_name=name, regency_code="15.05",
                        volunteer_name="Bench", password=PASSWORD)
    ctx = accounts.unlock(home, "", PASSWORD)
    seed(ctx, records, seed_value=seed_value, draft_share=0.0, later_share=0.0, days=20)
    return ctx


def enrol(ctx: Any, server: Any, url: str | None = None) -> None:
    from fieldreg.services import sync

    sync.enrol(ctx, url or server.url, server.enrolment_code())


def engine(ctx: Any, **options: Any) -> Any:
    from fieldreg.sync.engine import EngineOptions, SyncEngine

    return SyncEngine(ctx.db, ctx.home, options=EngineOptions(**options))


def queued_bytes(ctx: Any) -> int:
    from sqlalchemy import func, select

    from fieldreg.store.models import OutboxEntry

    with ctx.db.reader() as uow:
        return int(uow.session.execute(
            select(func.sum(func.length(OutboxEntry.payload) + 90))  # + the entry's envelope
            .where(OutboxEntry.state == "pending")).scalar_one() or 0)


def report_line(label: str, rep: Any, n: int, seconds: float) -> None:
    print(f"  {label}: {rep.result.value}, {rep.applied} applied of {n}, {seconds:.2f} s, "
          f"{n / seconds:,.0f} records/s, {rep.requests} requests, "
          f"{rep.bytes_up / n:.0f} B/record up, {rep.bytes_down / n:.0f} B/record down")


def part_loopback(tmp: Path, n: int) -> None:
    from fieldreg.sync.protocol import DEFAULT_BATCH_BYTES
    from tests.live_server import start_server

    print(f"\n[loopback] {n:,} records, one laptop, server on SQLite")
    server = start_server(tmp / "srv-loop")
    try:
        ctx = laptop(tmp / "lap-loop", n)
        enrol(ctx, server)
        batches = math.ceil(queued_bytes(ctx) / DEFAULT_BATCH_BYTES)
        t0 = time.perf_counter()
        rep = engine(ctx).run("cli")
        dt = time.perf_counter() - t0
        report_line("sync", rep, n, dt)
        print(f"  requests {rep.requests} (push batches ≈ {batches}; target ≤ {batches + 2}); "
              f"target ≤ 5 s and ≤ 150 B/record up")
        ctx.close()
    finally:
        server.stop()


def part_shaped(tmp: Path, n: int) -> None:
    from shaping_proxy import ShapingProxy

    from tests.live_server import start_server

    print(f"\n[shaped] {n:,} records through 100 ms each way and 1 Mbit/s")
    results = {}
    for label, opts in (("batched (fieldreg)", {}), ("one request per record (ODK's way)",
                                                    {"batch_entries": 1})):
        server = start_server(tmp / f"srv-shaped-{len(results)}")
        try:
            ctx = laptop(tmp / f"lap-shaped-{len(results)}", n)
            port = server.url.rsplit(":", 1)[1]
            with ShapingProxy(("127.0.0.1", int(port)), delay=0.100,
                              bits_per_second=1_000_000) as proxy:
                url = f"http://127.0.0.1:{proxy.port}"
                enrol(ctx, server, url)
                t0 = time.perf_counter()
                rep = engine(ctx, **opts).run("cli")
                dt = time.perf_counter() - t0
            report_line(label, rep, n, dt)
            results[label] = dt
            ctx.close()
        finally:
            server.stop()
    fast, slow = results.values()
    print(f"  batched is {slow / fast:.0f}× faster (target ≥ 30×; 1,000 records ≤ 10 s)")


def part_memory(tmp: Path, sizes: list[int]) -> None:
    from tests.live_server import start_server

    print("\n[memory] the client's peak Python heap while syncing (tracemalloc)")
    for n in sizes:
        server = start_server(tmp / f"srv-mem-{n}")
        try:
            ctx = laptop(tmp / f"lap-mem-{n}", n)
            enrol(ctx, server)
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            t0 = time.perf_counter()
            rep = engine(ctx).run("cli")
            dt = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
            print(f"  {n:>7,} queued: peak +{peak / 2**20:.1f} MiB during sync "
                  f"({rep.applied:,} applied in {dt:.1f} s)")
            ctx.close()
        finally:
            server.stop()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process (Linux /proc), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


class WorkersServer:
    """``tests.live_server.LiveServer`` serving with ``--workers N``."""

    def __new__(cls, home: Path, database_url: str, workers: int) -> Any:
        from tests.live_server import LiveServer

        class _Server(LiveServer):
            def start(self) -> None:
                import subprocess

                real = subprocess.Popen

                def popen(args: list[str], **kw: Any) -> Any:
                    if "serve" in args:
                        args = [*args, "--workers", str(workers)]
                    return real(args, **kw)

                subprocess.Popen = popen  # type: ignore[assignment,misc]
                try:
                    super().start()
                finally:
                    subprocess.Popen = real  # type: ignore[misc]

        return _Server(home, database_url=database_url)


def part_pg(tmp: Path, n: int, devices: int = 4, workers: int = 2) -> None:
    import resource

    import psycopg

    from tests.live_server import PG_ADMIN

    print(f"\n[pg] PostgreSQL ingest: {devices} laptops × {n:,} records pushing at once, "
          f"{workers} server workers")
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as exc:
        print(f"  skipped: PostgreSQL is not reachable at 127.0.0.1:5432 ({exc})")
        return
    name = f"fieldreg_bench_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    server = WorkersServer(tmp / "srv-pg", url, workers)
    try:
        server.admin("district", "add", "15.05", "Muaro Jambi")
        server.start()
        ctxs = [laptop(tmp / f"lap-pg-{i}", n, seed_value=100 + i, name=f"bench-{i}")
                for i in range(devices)]
        for c in ctxs:
            enrol(c, server)
        reports: list[Any] = [None] * devices
        engines = [engine(c) for c in ctxs]

        def go(i: int) -> None:
            reports[i] = engines[i].run("cli")

        def backends() -> list[int]:
            return [r[0] for r in admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))]

        def cpu() -> tuple[float, float, float]:
            me = resource.getrusage(resource.RUSAGE_SELF)
            return (me.ru_utime + me.ru_stime,
                    sum(_cpu_seconds(p) for p in _tree(server.process.pid)),
                    sum(_cpu_seconds(p) for p in backends()))

        threads = [threading.Thread(target=go, args=(i,)) for i in range(devices)]
        pg_before = {p: _cpu_seconds(p) for p in backends()}
        before = cpu()
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        dt = time.perf_counter() - t0
        after = cpu()
        pg_spent = sum(_cpu_seconds(p) - pg_before.get(p, 0.0) for p in backends())
        total = sum(r.sent for r in reports)
        print(f"  {total:,} records from {devices} laptops in {dt:.2f} s: "
              f"{total / dt:,.0f} records/s (clients and server share this machine's cores; "
              f"target ≥ 3,000/s)")
        print(f"  CPU meanwhile: laptops {after[0] - before[0]:.1f} s, server "
              f"{after[1] - before[1]:.1f} s, PostgreSQL {pg_spent:.1f} s "
              f"(of {dt * (os.cpu_count() or 1):.1f} s on {os.cpu_count()} cores; other "
              f"programs on the machine not counted)")
        for i, r in enumerate(reports):
            print(f"    laptop {i}: {r.result.value}, {r.applied} applied, {r.duplicate} "
                  f"duplicate, {r.rejected} rejected")
        for c in ctxs:
            c.close()
    finally:
        server.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("loopback", "shaped", "memory", "pg", "all"),
                    default="all")
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--shaped-records", type=int, default=1_000)
    ap.add_argument("--memory-records", type=int, default=100_000)
    ap.add_argument("--pg-records", type=int, default=5_000)
    ap.add_argument("--workers", type=int, default=2, help="the server's processes (pg)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldreg-bench-sync-") as d:
        tmp = Path(d)
        if a.part in ("loopback", "all"):
            part_loopback(tmp, a.records)
        if a.part in ("shaped", "all"):
            part_shaped(tmp, a.shaped_records)
        if a.part in ("memory", "all"):
            part_memory(tmp, [a.memory_records // 10, a.memory_records])
        if a.part in ("pg", "all"):
            part_pg(tmp, a.pg_records, workers=a.workers)


if __name__ == "__main__":
    main()
