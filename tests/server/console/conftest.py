"""Fixtures for the district console's tests: officers, a logged-in browser (TestClient with
its cookie jar), the forms' CSRF tokens read from the pages as a browser would.

The tests/server fixtures (``settings`` over SQLite and PostgreSQL, ``db`` with district 15.05,
``app``, ``client``, ``enrolled`` laptops) apply here too."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import admin, officers
from tests.server.conftest import ADMIN, DISTRICT

PASSWORD = "sandi-rahasia-1"
OTHER_DISTRICT = "15.01"  # Kerinci
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id still, with a small cost: tests log in often."""
    monkeypatch.setattr(officers, "hasher",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def make_officer(db: Database, settings: Settings, name: str, role: str = m.ROLE_ADMIN, *,
                 district: str | None = DISTRICT, password: str = PASSWORD,
                 must_change: bool = False) -> str:
    """An officer whose password is ``password`` (already changed, unless ``must_change``:
    then the CLI's one-time password is returned)."""
    new = officers.add_officer(db, settings, name,
                               district=None if role == m.ROLE_PROVINCE else district,
                               role=role, actor=ADMIN)
    if must_change:
        return new.password
    with db.writer() as s:
        row = s.scalars(select(m.Officer).where(m.Officer.name == name)).one()
        row.password_hash = officers.hasher.hash(password)
        row.must_change = False
        s.commit()
    return password


def csrf_of(html: str) -> str:
    found = CSRF_RE.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/console/login")
    assert page.status_code == 200, page.text
    return client.post("/console/login", data={"csrf": csrf_of(page.text), "name": name,
                                               "password": password},
                       follow_redirects=False)


def officer_row(db: Database, name: str) -> m.Officer:
    with db.reader() as s:
        return s.scalars(select(m.Officer).where(m.Officer.name == name)).one()


def audit_actions(db: Database, actor: str | None = None) -> list[str]:
    with db.reader() as s:
        query = select(m.Audit.action).order_by(m.Audit.id)
        if actor is not None:
            query = query.where(m.Audit.actor == actor)
        return list(s.scalars(query))


@pytest.fixture
def other_district(db: Database, settings: Settings) -> str:
    admin.add_district(db, settings, OTHER_DISTRICT, "Kerinci", actor=ADMIN)
    return OTHER_DISTRICT


@pytest.fixture
def browser(client: TestClient) -> Iterator[TestClient]:
    """The TestClient as a browser (its own cookie jar), redirects not followed."""
    client.follow_redirects = False
    yield client
