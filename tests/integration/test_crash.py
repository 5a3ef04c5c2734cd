"""A power cut in the middle of a burst of saves loses no committed record
(docs/ARCHITECTURE.md: WAL, synchronous=FULL, record + outbox entry in one transaction).

A child process unlocks a copy of a prepared data folder and saves registrations in a tight
loop (new ready records, drafts, edits, voids), printing each record id only after its save
has returned. The parent kills it with SIGKILL after a random number of printed ids, then opens
the database and checks what a reader must find. Repeated with different seeds and moments.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from fieldreg.paths import DB_FILE, KEY_FILE
from fieldreg.services import accounts
from fieldreg.store.engine import open_engine
from fieldreg.store.keyslots import KeyFile

ROOT = Path(__file__).resolve().parents[2]
RUNS = 24
PASSWORD = "rahasia-crash-1"

CHILD = r"""
import os, random, sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from tools.sample_data import SampleFactory
from fieldreg.services import accounts, registrations

seed = int(sys.argv[1])
rng = random.Random(seed)
ctx = accounts.unlock(Path(os.environ["FIELDREG_HOME"]), "", os.environ["FIELDREG_PASSWORD"])
factory = SampleFactory(seed=seed, today=date.today())
ready = []
print("unlocked", flush=True)
while True:
    roll = rng.random()
    if roll < 0.15 and ready:  # edit a queued record: new version, new outbox entry
        rid, data = rng.choice(ready)
        reg = registrations.save(ctx, data.copy(street=f"Dusun {rng.randrange(99)}"),
                                 ready=True, record_id=rid).registration
    elif roll < 0.22 and ready:  # void a queued record: an outbox entry too
        rid, data = ready.pop(rng.randrange(len(ready)))
        reg = registrations.void(ctx, rid, "Data ganda")
    elif roll < 0.35:  # a draft: no outbox entry
        reg = registrations.save(ctx, factory.data(consent=False), ready=False).registration
    else:
        data = factory.data(volunteer_id=ctx.volunteer_id)
        reg = registrations.save(ctx, data, ready=True).registration
        ready.append((reg.id, reg.data))
    print(reg.id, reg.version, reg.status.value, flush=True)
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised data folder (cheap Argon2), copied for every run."""
    home = tmp_path_factory.mktemp("prepared") / "home"
    accounts.initialise(home, device_name="Laptop Crash", regency_code="15.05",
                        volunteer_name="Budi", password=PASSWORD)
    return home


def open_db(home: Path) -> Engine:
    """The database as the next start of the app finds it (without writing anything)."""
    keyfile = KeyFile.load(home / KEY_FILE)
    (slot,) = keyfile.volunteers()
    return open_engine(home / DB_FILE, keyfile.open_password(slot.volunteer_id, PASSWORD))


def run_and_kill(home: Path, seed: int) -> list[tuple[str, int, str]]:
    rng = random.Random(seed)
    kill_after = rng.randrange(1, 60)
    env = {**os.environ, "FIELDREG_HOME": str(home), "FIELDREG_PASSWORD": PASSWORD,
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(seed)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    printed: list[tuple[str, int, str]] = []
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first.strip() != "unlocked":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            pytest.fail(f"child did not start: {first!r} {err}")
        while len(printed) < kill_after:
            line = proc.stdout.readline()
            if not line:
                break
            rid, version, status = line.split()
            printed.append((rid, int(version), status))
        # somewhere inside the next save (or between two)
        time.sleep(rng.random() * 0.004)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        # ids the child printed before it died were committed too
        for line in proc.stdout.read().splitlines():
            rid, version, status = line.split()
            printed.append((rid, int(version), status))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert len(printed) >= kill_after
    return printed


@pytest.mark.parametrize("seed", range(RUNS))
def test_sigkill_during_a_burst_of_saves_loses_nothing(
    prepared: Path, tmp_path: Path, seed: int
) -> None:
    home = tmp_path / "home"
    shutil.copytree(prepared, home)
    printed = run_and_kill(home, seed)

    engine = open_db(home)
    try:
        with engine.connect() as conn:
            q = conn.exec_driver_sql
            assert q("PRAGMA integrity_check").scalar() == "ok"
            assert q("PRAGMA foreign_key_check").all() == []
            stored = {r[0]: (r[1], r[2]) for r in q("SELECT id, version, status FROM registration")}
            # every id printed after its save returned is there, at least at that version
            for rid, version, _status in printed:
                assert rid in stored, f"committed record {rid} lost"
                assert stored[rid][0] >= version
            last = {rid: (version, status) for rid, version, status in printed}
            for rid, (version, status) in last.items():
                if stored[rid][0] == version:
                    assert stored[rid][1] == status
            # no outbox entry without its record
            orphans = q("SELECT count(*) FROM outbox o LEFT JOIN registration r "
                        "ON r.id = o.record_id WHERE r.id IS NULL").scalar()
            assert orphans == 0
            # every record that left draft has the entry of its current version
            missing = q(
                "SELECT r.id, r.version, r.status FROM registration r WHERE r.status != 'draft' "
                "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = r.id "
                "AND o.version = r.version)"
            ).all()
            assert missing == []
            # drafts have none
            assert q("SELECT count(*) FROM outbox o JOIN registration r ON r.id = o.record_id "
                     "WHERE r.status = 'draft'").scalar() == 0
            # the sequence is strictly increasing with the versions of each record
            rows = q("SELECT record_id, version FROM outbox ORDER BY seq").all()
            seen: dict[str, int] = {}
            for rid, version in rows:
                assert version > seen.get(rid, 0)
                seen[rid] = version
            # one active record per NIK, and the index that enforces it is there
            assert q("SELECT nik FROM registration WHERE status != 'voided' AND nik != '' "
                     "GROUP BY nik HAVING count(*) > 1").all() == []
            assert q("SELECT count(*) FROM sqlite_master WHERE type='index' "
                     "AND name='uq_registration_active_nik'").scalar() == 1
            # and the name index agrees with the table
            q("INSERT INTO registration_fts(registration_fts) VALUES ('integrity-check')")
    finally:
        engine.dispose()
