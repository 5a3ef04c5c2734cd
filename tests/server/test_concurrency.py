"""NIK uniqueness under concurrent pushes: two devices push the same NIKs at the same moment
(in opposite orders, so PostgreSQL also meets deadlocks and retries the batch); every NIK ends
with exactly one applied registration."""

from __future__ import annotations

import threading
from collections import Counter
from functools import partial
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import push
from fieldreg.sync.protocol import PushRequest, PushResponse
from tests.server.conftest import Laptop, new_code
from tools.sample_data import SampleFactory


def race(calls: list[Any]) -> list[Any]:
    """Run the calls in threads released together; their results (or exceptions)."""
    barrier = threading.Barrier(len(calls))
    out: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            out[i] = calls[i]()
        except Exception as exc:  # reported by the assertions below
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


@pytest.mark.parametrize("rounds", [3])
def test_two_devices_pushing_the_same_niks_at_once_leave_one_holder_each(
    client: TestClient, db: Database, settings: Settings, factory: SampleFactory, rounds: int
) -> None:
    a, b = Laptop(client, factory, "Laptop A"), Laptop(client, factory, "Laptop B")
    for laptop in (a, b):
        assert laptop.enrol(new_code(db, settings)).status_code == 200
    all_niks: list[str] = []
    for _ in range(rounds):
        datas = [factory.data() for _ in range(20)]
        all_niks += [d.nik for d in datas]
        batch_a = PushRequest.model_validate(
            {"entries": [a.entry(a.registration(d)) for d in datas]})
        batch_b = PushRequest.model_validate(
            {"entries": [b.entry(b.registration(d.copy())) for d in reversed(datas)]})
        answers = race([partial(push.push, db, settings, a.token, batch_a),
                        partial(push.push, db, settings, b.token, batch_b)])
        for answer in answers:
            assert isinstance(answer, PushResponse), repr(answer)
        applied: Counter[str] = Counter()
        niks_a = {e.record_id: e.payload["data"]["nik"] for e in batch_a.entries}
        niks_b = {e.record_id: e.payload["data"]["nik"] for e in batch_b.entries}
        for answer, niks in zip(answers, (niks_a, niks_b), strict=True):
            for r in answer.results:
                assert r.outcome in ("applied", "duplicate")
                if r.outcome == "applied":
                    applied[niks[r.record_id]] += 1
                else:
                    assert r.holder is not None and r.holder.same_device is False
        assert applied == Counter({d.nik: 1 for d in datas})
    with db.reader() as s:
        active = s.execute(
            select(m.Registration.nik, func.count())
            .where(m.Registration.status.in_(("accepted", "verified")))
            .group_by(m.Registration.nik)
        ).tuples().all()
        total = s.scalar(select(func.count()).select_from(m.Registration))
    assert dict(active) == {nik: 1 for nik in all_niks}
    assert total == 2 * len(all_niks)


def test_the_same_batch_pushed_twice_at_once_is_applied_once(
    enrolled: Laptop, db: Database, settings: Settings
) -> None:
    """A laptop that resent a batch while the first send was still running: one applies, the
    other replays it (the receipt key is the arbiter)."""
    batch = PushRequest.model_validate(
        {"entries": [enrolled.entry(enrolled.registration()) for _ in range(10)]})
    answers = race([lambda: push.push(db, settings, enrolled.token, batch)] * 2)
    for answer in answers:
        assert isinstance(answer, PushResponse), repr(answer)
    outcomes = sorted(",".join(sorted({r.outcome.value for r in answer.results}))
                      for answer in answers)
    assert outcomes == ["applied", "replayed"]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.Receipt)) == 10
        assert s.scalar(select(func.count()).select_from(m.Registration)) == 10
