"""A batch is the same as its entries one by one: the grouped writes (one savepoint for many
entries, halves on a refusal) give exactly the answers and rows that pushing every entry in its
own request gives, also when the hint about NIKs already held is missing and the unique index
alone has to refuse."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.domain.registration import to_payload
from fieldreg.server import models as m
from fieldreg.server.app import create_app
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin
from fieldreg.server.service.batch import Batch
from tests.server.conftest import ADMIN, DISTRICT, TODAY, Clock, Laptop, new_code
from tools.sample_data import SampleFactory


class Server:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database.open(settings)
        admin.add_district(self.db, settings, DISTRICT, "Muaro Jambi", actor=ADMIN)
        self.client = TestClient(create_app(settings, database=self.db))

    def rows(self) -> list[tuple[Any, ...]]:
        with self.db.reader() as s:
            return [tuple(r) for r in s.execute(
                select(m.Registration.id, m.Registration.status, m.Registration.nik,
                       m.Registration.participant_number, m.Registration.server_version,
                       m.Registration.version, m.Registration.holder)
                .order_by(m.Registration.id))]

    def close(self) -> None:
        self.client.close()
        self.db.close()


@pytest.fixture
def servers(settings: Settings, tmp_path: Path, clock: Clock) -> Iterator[list[Server]]:
    """Two servers on the same kind of database (the second always on a SQLite file)."""
    made = [Server(settings), Server(Settings(home=tmp_path / "second", clock=clock,
                                              today=lambda: TODAY))]
    try:
        yield made
    finally:
        for s in made:
            s.close()


def scenario(a: Laptop, b: Laptop, factory: SampleFactory) -> tuple[list[dict[str, Any]],
                                                                   list[dict[str, Any]]]:
    """(b's entries, pushed first; a's entries, the batch under test)."""
    held = b.registration()
    b_entries = [b.entry(held)]
    r1, r2, r3, r5, r6, r7, r8 = (a.registration() for _ in range(7))
    r2 = replace(r2, data=held.data.copy(full_name="NAMA LAIN"))  # b holds this NIK
    r4 = a.registration(data=r3.data.copy())  # the same NIK as r3, in the same batch
    r5 = replace(r5, data=r3.data.copy())  # r3's NIK again, after r3 is voided
    r6 = replace(r6, data=r6.data.copy(village_code="99.99.99.9999"))
    r7 = replace(r7, participant_number=participant_number.make(b.public_key, 77))
    r8 = replace(r8, participant_number=r1.participant_number)
    entries = [a.entry(r) for r in (r1, r2, r3, r4)]
    entries.append(a.entry(replace(r1, version=2, data=r1.data.copy(rt="007")), base_version=1))
    entries.append(a.entry(replace(r3, version=2, status=Status.VOIDED, void_reason="salah"),
                           base_version=1))
    entries += [a.entry(r) for r in (r5, r6, r7)]
    entries.append(dict(entries[2]))  # a resend of r3's first entry: replayed
    reused = a.entry(r8)
    entries.append({**reused, "seq": entries[0]["seq"]})  # seq of r1 again: sequence_reused
    entries.append(a.entry(r8))  # r1's number: taken
    fixed = replace(r2, version=2, data=factory.data())  # the right person this time
    entries.append(a.entry(fixed, base_version=1))  # r2 with its own NIK: applied
    entries.append(a.entry(a.registration(), payload={**to_payload(r1), "id": "x"}))
    return b_entries, entries


def test_a_batch_answers_like_its_entries_one_by_one(servers: list[Server]) -> None:
    factory = SampleFactory(seed=99, today=TODAY)
    x, y = servers
    a = Laptop(x.client, factory, "Laptop A")
    b = Laptop(x.client, factory, "Laptop B")
    tokens: dict[tuple[int, str], str] = {}
    for n, server in enumerate(servers):
        for laptop in (a, b):
            laptop.client = server.client
            assert laptop.enrol(new_code(server.db, server.settings)).status_code == 200
            tokens[n, laptop.name] = laptop.token
    b_entries, entries = scenario(a, b, factory)

    answers = []
    for n, (server, one_by_one) in enumerate(((x, False), (y, True))):
        a.client = b.client = server.client
        a.token, b.token = tokens[n, a.name], tokens[n, b.name]
        b.results(*b_entries)
        if one_by_one:
            answers.append([r for e in entries for r in a.results(e)])
        else:
            answers.append(a.results(*entries))
    batch, single = answers
    assert batch == single
    outcomes = [r["outcome"] for r in batch]
    assert outcomes == ["applied", "duplicate", "applied", "duplicate", "applied", "applied",
                        "applied", "rejected", "rejected", "replayed", "rejected", "rejected",
                        "applied", "rejected"]
    assert batch[3]["holder"]["same_device"] is True
    assert batch[10]["problems"][0]["code"] == "sequence_reused"
    assert batch[11]["problems"][0]["code"] == "participant_number_taken"
    # Same rows, apart from the tokens' devices (identical ids on both servers).
    assert x.rows() == y.rows()


def test_the_unique_index_decides_when_the_hint_is_missing(
    db: Database, settings: Settings, client: TestClient, factory: SampleFactory,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = Laptop(client, factory, "A"), Laptop(client, factory, "B")
    for laptop in (a, b):
        assert laptop.enrol(new_code(db, settings)).status_code == 200
    held = [b.registration() for _ in range(3)]
    b.results(*(b.entry(r) for r in held))
    mine = [a.registration() for _ in range(12)]
    for i, r in zip((2, 7, 11), held, strict=True):
        mine[i] = replace(mine[i], data=r.data.copy())

    batches: list[Batch] = []
    apply = Batch.apply

    def spy(self: Batch, entries: list[Any]) -> Any:
        batches.append(self)
        return apply(self, entries)

    monkeypatch.setattr(Batch, "_prefetch_holders", lambda self, fresh: None)
    monkeypatch.setattr(Batch, "apply", spy)
    results = a.results(*(a.entry(r) for r in mine))
    assert [i for i, r in enumerate(results) if r["outcome"] == "duplicate"] == [2, 7, 11]
    assert {r["outcome"] for i, r in enumerate(results) if i not in (2, 7, 11)} == {"applied"}
    assert batches[0].fallbacks >= 3  # the index refused the group, the halves found them
    with db.reader() as s:
        statuses = dict(s.execute(select(m.Registration.id, m.Registration.status)).tuples().all())
    assert [statuses[r.id] for r in mine].count("duplicate") == 3
