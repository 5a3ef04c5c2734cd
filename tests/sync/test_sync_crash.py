"""SIGKILL of a laptop in the middle of a sync, again and again, while the volunteer keeps
saving: after one more sync every record is on the server exactly once, at its latest
version, and every local status is right.

A child process unlocks the data folder and syncs in small batches, printing a line per
progress report. It is killed either at a chosen point (SIGKILL to itself: just after the server
answered a batch, inside the transaction that stores an answer, inside a pull page's
transaction) or by the parent after a random number of lines and a random moment. The server's
receipts make every resend harmless.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from fieldreg.domain.codes import Status
from fieldreg.services import registrations, sync
from fieldreg.services.context import Context
from fieldreg.services.sync import Result
from tests.conftest import PASSWORD
from tests.live_server import LiveServer
from tests.sync.conftest import enrol, outbox, save_ready, server_rows
from tools.sample_data import SampleFactory

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import os, signal, sys
from pathlib import Path
from fieldreg.services import accounts, sync
from fieldreg.store import repositories
from fieldreg.sync import engine

kill_at, nth = os.environ.get("KILL_AT", ""), int(os.environ.get("KILL_N", "1"))
calls = [0]

def dies_on_nth(fn):
    def wrapper(*args, **kw):
        calls[0] += 1
        if calls[0] >= nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kw)
    return wrapper

if kill_at == "answer":  # the server applied the batch; the laptop dies before storing
    engine.SyncEngine._apply_push = dies_on_nth(engine.SyncEngine._apply_push)
elif kill_at == "store":  # inside the transaction that stores an answer
    repositories.OutboxRepository.finish = dies_on_nth(repositories.OutboxRepository.finish)
elif kill_at == "pull":  # inside a pull page's transaction
    engine.SyncEngine._apply_status = staticmethod(dies_on_nth(engine.SyncEngine._apply_status))

ctx = accounts.unlock(Path(os.environ["FIELDREG_HOME"]), "", os.environ["FIELDREG_PASSWORD"])
print("unlocked", flush=True)
opts = engine.EngineOptions(batch_bytes=2500, page_rows=7, sleep=lambda s: None)
rep = sync.sync(ctx, trigger="cli", options=opts,
                progress=lambda p: print(p.phase, p.sent, flush=True))
print("done", rep.result.value, flush=True)
"""
# Where each round's child dies: at a chosen point, or when the parent kills it at random.
KILLS = ["answer", "store", "random", "pull", "answer", "random", "store", "pull", "random"]


def sync_and_kill(home: Path, rng: random.Random, kill_at: str) -> str:
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_PASSWORD": PASSWORD,
           "PYTHONPATH": str(ROOT), "KILL_AT": kill_at, "KILL_N": str(rng.randrange(1, 3))}
    proc = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_after = rng.randrange(0, 12) if kill_at == "random" else 10_000
    ending = ""
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first.strip() != "unlocked":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"child did not start: {first!r} {err}")
        for _ in range(kill_after):
            line = proc.stdout.readline()
            if not line or line.startswith("done"):
                ending = line.strip() or "ended"
                break
        if kill_at == "random":
            time.sleep(rng.random() * 0.05)
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode == -signal.SIGKILL:
        return "killed"
    return f"exit {proc.returncode}: {ending}"


@pytest.mark.slow
def test_sigkill_during_sync_leaves_every_record_once_and_right(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path,
    tmp_path: Path
) -> None:
    rng = random.Random(20260115)
    saved = save_ready(ctx, factory, 40)
    enrol(ctx, live_server)
    voided: set[str] = set()
    verified: set[str] = set()
    endings = []
    for kill_at in KILLS:
        if kill_at == "pull":
            # the district verifies records the laptop holds as accepted and will not touch
            # again (a clean sync first, so that there are some)
            assert sync.sync(ctx).result is Result.OK
            calm = [r for r in saved if r.id not in voided | verified
                    and registrations.get(ctx, r.id).status is Status.ACCEPTED]
            for reg in calm[:2]:
                live_server.admin("registrations", "verify", reg.participant_number or "")
                verified.add(reg.id)
        # the volunteer goes on working between (and while) syncs
        saved += save_ready(ctx, factory, rng.randrange(3, 9))
        for reg in rng.sample(saved, 3):
            if reg.id in voided | verified:
                continue
            now = registrations.get(ctx, reg.id)
            registrations.save(ctx, replace(now.data, street=f"Dusun {rng.randrange(99)}"),
                               ready=True, record_id=reg.id)
        if rng.random() < 0.3:
            victim = rng.choice([r for r in saved if r.id not in voided | verified])
            registrations.void(ctx, victim.id, "Data ganda")
            voided.add(victim.id)
        endings.append(sync_and_kill(home, rng, kill_at))
    # the chosen points were reached (a child that finished first would say "done")
    assert all(e == "killed" for e in endings), endings

    rep = sync.sync(ctx)
    assert (rep.result, rep.remaining) == (Result.OK, 0)
    assert {e["state"] for e in outbox(ctx)} == {"done"}

    on_server = {r["participant_number"]: r for r in server_rows(live_server, tmp_path)}
    assert len(on_server) == len(saved)  # exactly once each
    for reg in saved:
        local = registrations.get(ctx, reg.id)
        row = on_server[local.participant_number or ""]
        if reg.id in voided:
            assert (local.status, row["status"]) == (Status.VOIDED, "voided")
        elif reg.id in verified:
            assert (local.status, row["status"]) == (Status.VERIFIED, "verified")
        else:
            assert (local.status, row["status"]) == (Status.ACCEPTED, "accepted")
            assert local.outcome_code == ""
        # the laptop knows the version the server holds: the next edit builds on it
        assert str(local.server_version) == row["server_version"]
        assert row["full_name"] == local.data.full_name
    assert verified and voided
    runs = sync.history(ctx, limit=100)
    assert runs[0].result == "ok"
    assert [r.result for r in runs[1:]].count("interrupted") == len(KILLS)
