"""Property-based fuzzing of the server's OpenAPI description (schemathesis 4): no generated
request, valid or not, makes it fail (5xx); push and pull refuse anyone without a live token
(401); and a valid token does not open a way to a 5xx either.

schemathesis' own pytest integration (``schema.parametrize`` with ``from_fixture``) touches a
private attribute pytest 9 no longer has, so the schema's Hypothesis strategy is used directly
with ``@given``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from fieldreg.server.app import create_app
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.sync.protocol import API, PROTOCOL
from tests.server.conftest import Laptop, new_code
from tools.sample_data import SampleFactory

FUZZ = hypothesis_settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same examples on every run
    database=None,
)
AUTHENTICATED = (f"{API}/sync/push", f"{API}/sync/pull")
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture
def fuzz_app(settings: Settings, db: Database) -> Any:
    settings.enrol_attempts = 1_000_000  # let the fuzzer reach enrolment itself
    return create_app(settings, database=db)


@pytest.fixture
def api_schema(fuzz_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


@pytest.fixture
def token(fuzz_app: Any, db: Database, settings: Settings) -> str:
    with TestClient(fuzz_app) as client:
        laptop = Laptop(client, SampleFactory(seed=3))
        assert laptop.enrol(new_code(db, settings)).status_code == 200
        return laptop.token


def fuzz(api_schema: Any, mode: schemathesis.GenerationMode,
         check: Callable[[Any], None]) -> set[str]:
    """Run ``check`` over generated cases of every operation; the operations reached."""
    reached: set[str] = set()

    @FUZZ
    @given(case=api_schema.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        reached.add(f"{case.method} {case.path}")
        check(case)

    run()
    return reached


def test_the_spec_lists_every_operation(api_schema: Any) -> None:
    operations = {f"{r.ok().method.upper()} {r.ok().path}"
                  for r in api_schema.get_all_operations()}
    assert operations == {f"GET {API}/ping", f"GET {API}/enrol/challenge", f"POST {API}/enrol",
                          f"POST {API}/sync/push", f"GET {API}/sync/pull"}


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_no_server_errors_and_no_way_in_without_a_token(
    api_schema: Any, mode: schemathesis.GenerationMode
) -> None:
    def check(case: Any) -> None:
        case.headers = {k: v for k, v in (case.headers or {}).items()
                        if k.lower() != "authorization"}
        response = case.call()
        assert response.status_code < 500, response.text
        if case.path in AUTHENTICATED:
            assert response.status_code == 401, response.text
            assert response.json()["error"]["code"] == "unauthorized"
        if response.status_code == 200:
            assert response.json()["protocol"] == PROTOCOL

    reached = fuzz(api_schema, mode, check)
    assert {f"POST {API}/sync/push", f"GET {API}/sync/pull", f"POST {API}/enrol"} <= reached


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_no_server_errors_with_a_valid_token(
    api_schema: Any, token: str, mode: schemathesis.GenerationMode
) -> None:
    statuses: set[int] = set()

    def check(case: Any) -> None:
        case.headers = {**{k: v for k, v in (case.headers or {}).items()
                           if k.lower() != "authorization"},
                        "Authorization": f"Bearer {token}"}
        response = case.call()
        assert response.status_code < 500, response.text
        if case.path in AUTHENTICATED:
            assert response.status_code != 401, response.text
            statuses.add(response.status_code)
        if response.status_code == 200:
            assert response.json()["protocol"] == PROTOCOL

    fuzz(api_schema, mode, check)
    assert statuses  # push/pull were reached with the token
