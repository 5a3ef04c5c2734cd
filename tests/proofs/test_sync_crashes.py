"""Crash proofs for sync, with real processes: a laptop's sync killed with SIGKILL at random
moments, many times, and a district server killed in the middle of a batch. Afterwards every
record is on the server exactly once (one registration, one receipt, applied once: server
version 1) and every local status is right (accepted, with the number the server holds)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from fieldreg.domain.codes import Status
from fieldreg.server.config import Settings
from fieldreg.server.db import make_engine
from fieldreg.services import accounts, sync
from fieldreg.services.context import Context
from fieldreg.store.models import OutboxEntry, RegistrationRow
from fieldreg.sync.engine import EngineOptions
from tests.conftest import PASSWORD, REGENCY
from tests.live_server import LiveServer, start_server

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from seed import seed
from shaping_proxy import ShapingProxy

pytestmark = pytest.mark.slow

RECORDS = 240
SMALL_BATCHES = 3000  # bytes of JSON per push: about 3 records, so ~80 batches to cut into

SYNC_SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from fieldreg.services import accounts, sync
    from fieldreg.sync.engine import EngineOptions
    ctx = accounts.unlock(Path(sys.argv[1]), "", sys.argv[2])
    rep = sync.sync(ctx, trigger="cli", options=EngineOptions(
        batch_bytes=int(sys.argv[3]), backoff_base=0.05, backoff_cap=0.2))
    print(rep.result.value, rep.remaining, flush=True)
""")


def laptop(home: Path, records: int) -> Context:
    accounts.initialise(home, device_name="Laptop Desa", regency_code=REGENCY,
                        volunteer_name="Budi Santoso", password=PASSWORD)
    ctx = accounts.unlock(home, "", PASSWORD)
    seed(ctx, records, seed_value=11, draft_share=0.0, later_share=0.0, days=10)
    return ctx


def server_rows(server: LiveServer) -> tuple[dict[str, tuple[str, int, str]], int]:
    """The server's registrations (id → status, server_version, number) and receipt count."""
    engine = make_engine(Settings(home=server.home))  # the encrypted file, with its key file
    try:
        with engine.connect() as db:
            regs = {i: (s, v, n) for i, s, v, n in db.execute(text(
                "SELECT id, status, server_version, participant_number FROM registration"))}
            receipts = db.execute(text("SELECT count(*) FROM receipt")).scalar_one()
    finally:
        engine.dispose()
    return regs, receipts


def assert_exactly_once(ctx: Context, server: LiveServer, records: int) -> None:
    regs, receipts = server_rows(server)
    assert len(regs) == records and receipts == records
    assert {v for _, v, _ in regs.values()} == {1}, "a record was applied more than once"
    assert {s for s, _, _ in regs.values()} == {"accepted"}
    with ctx.db.reader() as uow:
        rows = [(r.id, r.status, r.outcome_code, r.server_version, r.participant_number)
                for r in uow.session.query(RegistrationRow)]
        pending = uow.session.query(OutboxEntry).filter(OutboxEntry.state == "pending").count()
    assert pending == 0
    assert len(rows) == records
    for rid, status, outcome, server_version, number in rows:
        assert status == Status.ACCEPTED.value, (status, outcome)
        assert server_version == 1
        assert regs[rid][2] == number


def test_a_sync_killed_at_random_moments_many_times_ends_with_each_record_once(
    tmp_path: Path, live_server: LiveServer
) -> None:
    home = tmp_path / "laptop"
    ctx = laptop(home, RECORDS)
    sync.enrol(ctx, live_server.url, live_server.enrolment_code())
    ctx.close()
    rng = random.Random(20261121)
    env = dict(os.environ, FIELDREG_HOME=str(home))
    kills = 0
    seen: list[int] = []  # records on the server after each cut
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", SYNC_SCRIPT, str(home), PASSWORD,
                                 str(SMALL_BATCHES)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        # Cut while it sends: once the server holds more than before this round, after a random
        # extra moment (in a request, in the laptop's transaction, between batches…).
        before = seen[-1] if seen else 0
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if len(server_rows(live_server)[0]) > before:
                break
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.15))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(30)
        regs, _ = server_rows(live_server)
        seen.append(len(regs))
        if len(regs) == RECORDS:
            break
    # Cut mid-sync, not only during start-up: the server held part of the queue at least twice.
    print("records on the server after each cut:", seen)
    assert kills >= 3 and len({n for n in seen if 0 < n < RECORDS}) >= 2, seen
    # The last run, uncut: everything lands once and every status is right.
    ctx = accounts.unlock(home, "", PASSWORD)
    try:
        report = sync.sync(ctx, trigger="cli", options=EngineOptions(batch_bytes=SMALL_BATCHES))
        assert report.ok, report
        assert_exactly_once(ctx, live_server, RECORDS)
    finally:
        ctx.close()


def test_a_server_killed_in_the_middle_of_a_batch_loses_nothing_and_counts_nothing_twice(
    tmp_path: Path,
) -> None:
    server = start_server(tmp_path / "server")
    port = server.url.rsplit(":", 1)[1]
    ctx = laptop(tmp_path / "laptop", RECORDS)
    # A proxy with a fixed address in front of the server: the server comes back on another
    # port after the crash, the laptop keeps its address. The proxy holds the upload in the
    # second push's request line, so the server dies with the first batch answered and the
    # second cut, whatever the machine's speed.
    with ShapingProxy(("127.0.0.1", int(port)), delay=0.01, bits_per_second=2_000_000) as px:
        try:
            sync.enrol(ctx, f"http://127.0.0.1:{px.port}", server.enrolment_code())
            done = threading.Event()
            reports: list[sync.SyncReport] = []
            waits: list[float] = []
            px.stall_up(b"POST /api/v1/sync/push", 2)

            def first() -> None:
                reports.append(sync.sync(ctx, options=EngineOptions(
                    batch_bytes=64 * 1024, max_failures=2, sleep=waits.append)))
                done.set()

            t = threading.Thread(target=first)
            t.start()
            assert px.stalled.wait(60), "the sync never began a second push"
            server.kill()  # mid-batch: the first is committed, the second never arrives
            px.release()
            t.join(60)
            assert done.is_set()
            assert not reports[0].ok  # it noticed, and kept the rest
            assert 0 < len(server_rows(server)[0]) < RECORDS  # cut between batches
            server.start()
            px.target = ("127.0.0.1", server.port)
            report = sync.sync(ctx, options=EngineOptions(batch_bytes=64 * 1024))
            assert report.ok, report
            assert_exactly_once(ctx, server, RECORDS)
        finally:
            server.stop()
            ctx.close()
