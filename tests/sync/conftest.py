"""Fixtures for the laptop's sync against a real district server on loopback.

The laptop is the core's ``ctx`` (tests/conftest.py: an unlocked data folder living on TODAY)
and ``factory``; ``other_laptop`` makes more. The server is ``tests.live_server``'s process
(SQLite; PostgreSQL through ``pg_url``). ``opts`` are engine options whose waits are recorded
instead of slept (``waits``), so no test depends on the clock.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from fieldreg.domain.registration import Registration, payload_hash
from fieldreg.services import accounts, registrations, sync
from fieldreg.services.context import Context
from fieldreg.sync.engine import EngineOptions
from tests.conftest import PASSWORD, REGENCY, fix_clock
from tests.live_server import LiveServer, live_server, pg_url  # noqa: F401  (fixtures)
from tools.sample_data import SampleFactory


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def opts(waits: list[float]) -> EngineOptions:
    return EngineOptions(sleep=waits.append, rng=random.Random(7), max_failures=4,
                         connect_timeout=5, read_timeout=30)


@pytest.fixture
def other_laptop(tmp_path: Path) -> Iterator[Callable[[str], Context]]:
    """Set up and unlock another laptop (its own data folder and key) by name."""
    opened: list[Context] = []

    def make(name: str) -> Context:
        home = tmp_path / name.replace(" ", "-")
        accounts.initialise(home, device_name=name, regency_code=REGENCY,
                            volunteer_name="Siti Aminah", password=PASSWORD)
        c = fix_clock(accounts.unlock(home, "Siti Aminah", PASSWORD))
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.close()


# ---------------------------------------------------------------- helpers


def enrol(ctx: Context, server: LiveServer, url: str | None = None,
          options: EngineOptions | None = None) -> sync.SyncStatus:
    return sync.enrol(ctx, url or server.url, server.enrolment_code(), options=options)


def save_ready(ctx: Context, factory: SampleFactory, n: int) -> list[Registration]:
    return [registrations.save(ctx, factory.data(), ready=True).registration for _ in range(n)]


def server_rows(server: LiveServer, tmp_path: Path) -> list[dict[str, str]]:
    """Every registration the server holds, through its admin export (CSV)."""
    out = tmp_path / f"export-{random.randrange(1 << 30)}.csv"
    server.admin("export", str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def outbox(ctx: Context) -> list[dict[str, Any]]:
    with ctx.db.engine.connect() as conn:
        return [dict(r) for r in conn.execute(
            text("SELECT seq, record_id, version, base_version, state, attempts, last_error "
                 "FROM outbox ORDER BY seq")).mappings()]


def rewrite_pending_payload(ctx: Context, record_id: str, change: Callable[[dict], None]) -> None:
    """Change what a queued entry will send (as a laptop with older rules would have written
    it), re-hashed so that it is a well-formed entry."""
    with ctx.db.engine.begin() as conn:
        seq, payload = conn.execute(
            text("SELECT seq, payload FROM outbox WHERE record_id = :r AND state = 'pending'"),
            {"r": record_id},
        ).one()
        doc = json.loads(payload)
        change(doc)
        canonical = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        conn.execute(text("UPDATE outbox SET payload = :p, payload_hash = :h WHERE seq = :s"),
                     {"p": canonical, "h": payload_hash(doc), "s": seq})


def sync_state(ctx: Context) -> dict[str, Any]:
    with ctx.db.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM sync_state")).mappings().one()
        return dict(row)
