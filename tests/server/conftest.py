"""Fixtures for the district server's tests.

``settings`` is parametrised over both databases the server runs on: a real SQLite file and a
fresh PostgreSQL database on 127.0.0.1:5432 (skipped with a message where none is reachable).
``Laptop`` plays an enrolled laptop over FastAPI's TestClient: its own Ed25519 key, device id,
outbox seq and participant numbers, and registrations made by ``SampleFactory``; it enrols as
the app does (a challenge from the server, the request signed with its key).
"""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from fastapi.testclient import TestClient

from fieldreg.domain import participant_number
from fieldreg.domain.codes import Status
from fieldreg.domain.regions import get_regions
from fieldreg.domain.registration import Registration, RegistrationData, new_id, to_payload
from fieldreg.server.app import create_app
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin, enrolment
from fieldreg.sync.protocol import API, PROTOCOL, EnrolRequest, b64, enrol_message
from tests.live_server import pg_url  # noqa: F401  (fixture)
from tools.sample_data import SampleFactory

TODAY = date(2026, 1, 15)
DISTRICT = "15.05"
ADMIN = "admin:test"


class Clock:
    """Naive UTC, moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 15, 2, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Settings:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return Settings(home=tmp_path / "server", database_url=url, clock=clock,
                    today=lambda: TODAY)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database.open(settings)
    admin.add_district(database, settings, DISTRICT, "Muaro Jambi", actor=ADMIN)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def app(settings: Settings, db: Database) -> FastAPI:
    return create_app(settings, database=db)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def factory() -> SampleFactory:
    return SampleFactory(seed=20260115, today=TODAY)


def new_code(db: Database, settings: Settings, district: str = DISTRICT,
             hours: float = 72) -> str:
    return enrolment.create_code(db, settings, district, hours=hours, actor=ADMIN)


def raw_key(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)


class Laptop:
    def __init__(self, client: TestClient | httpx.Client, factory: SampleFactory,
                 name: str = "Laptop Desa 1") -> None:
        self.client = client
        self.factory = factory
        self.name = name
        self.private = Ed25519PrivateKey.generate()
        self.public_key = raw_key(self.private)
        self.device_id = str(uuid.uuid4())
        self.district = DISTRICT
        self.token = ""
        self.seq = 0
        self.number_seq = 0

    # -------------------------------------------------------------- enrolment

    def challenge(self) -> str:
        r = self.client.get(f"{API}/enrol/challenge")
        assert r.status_code == 200, r.text
        return str(r.json()["challenge"])

    def enrol_request(self, code: str, challenge: str | None = None,
                      signer: Ed25519PrivateKey | None = None) -> dict[str, Any]:
        """The request signed by ``signer`` (this laptop's key) over a fresh challenge."""
        body = {"code": code, "device_id": self.device_id, "device_name": self.name,
                "public_key": b64(self.public_key), "app_version": "0.1.0",
                "district": self.district,
                "challenge": self.challenge() if challenge is None else challenge}
        message = enrol_message(EnrolRequest.model_construct(**body))
        return {**body, "signature": b64((signer or self.private).sign(message))}

    def enrol(self, code: str) -> httpx.Response:
        r = self.client.post(f"{API}/enrol", json=self.enrol_request(code))
        if r.status_code == 200:
            self.token = r.json()["token"]
        return r

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    # -------------------------------------------------------------- records

    def registration(self, data: RegistrationData | None = None, **changes: Any) -> Registration:
        data = data or self.factory.data()
        self.number_seq += 1
        village = get_regions().village(data.village_code)
        now = datetime(2026, 1, 15, 9, 0)
        reg = Registration(
            id=new_id(), device_id=self.device_id, volunteer_id="vol-1", created_at=now,
            updated_at=now, version=1, status=Status.READY, data=data,
            village_name=village.display_name if village else "",
            regions_version=get_regions().version,
            participant_number=participant_number.make(self.public_key, self.number_seq),
        )
        return replace(reg, **changes)

    def entry(self, reg: Registration, *, seq: int | None = None,
              base_version: int | None = None, payload: dict[str, Any] | None = None
              ) -> dict[str, Any]:
        if seq is None:
            self.seq += 1
            seq = self.seq
        return {"seq": seq, "record_id": reg.id, "version": reg.version,
                "base_version": base_version, "payload": payload or to_payload(reg)}

    def push(self, *entries: dict[str, Any], serials: list[str] | None = None,
             gzipped: bool = False) -> httpx.Response:
        body = {"protocol": PROTOCOL, "entries": list(entries),
                "revoked_serials": serials or []}
        if gzipped:
            raw = gzip.compress(json.dumps(body).encode())
            headers = {**self.auth, "Content-Encoding": "gzip",
                       "Content-Type": "application/json"}
            return self.client.post(f"{API}/sync/push", content=raw, headers=headers)
        return self.client.post(f"{API}/sync/push", json=body, headers=self.auth)

    def results(self, *entries: dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
        r = self.push(*entries, **kw)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["protocol"] == PROTOCOL
        return list(body["results"])

    def pull(self, cursor: str | None = None, limit: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if cursor is not None:
            params["cursor"] = cursor
        if limit is not None:
            params["limit"] = limit
        r = self.client.get(f"{API}/sync/pull", params=params, headers=self.auth)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["protocol"] == PROTOCOL
        return dict(body)


@pytest.fixture
def enrolled(client: TestClient, db: Database, settings: Settings,
             factory: SampleFactory) -> Laptop:
    laptop = Laptop(client, factory)
    assert laptop.enrol(new_code(db, settings)).status_code == 200
    return laptop


@pytest.fixture
def second(client: TestClient, db: Database, settings: Settings,
           factory: SampleFactory) -> Laptop:
    laptop = Laptop(client, factory, name="Laptop Desa 2")
    assert laptop.enrol(new_code(db, settings)).status_code == 200
    return laptop
