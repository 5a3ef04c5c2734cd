"""A real district server in its own process on loopback, for end-to-end tests.

    from tests.live_server import live_server, pg_url   # pytest fixtures
    from tests.live_server import LiveServer, start_server

``LiveServer`` runs ``python -m fieldreg.server serve`` on a free port with its own
FIELDREG_SERVER_HOME (and FIELDREG_SERVER_DATABASE_URL when given); ``admin(...)`` runs the admin
CLI against the same database. ``pg_url`` is a fresh PostgreSQL database on 127.0.0.1:5432
(user postgres, trust auth), dropped after the test; the test is skipped when none is reachable.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fieldreg.sync.protocol import API, PROTOCOL

START_TIMEOUT = 60.0
ADMIN_TIMEOUT = 120.0
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"


class AdminCommandFailed(RuntimeError):
    def __init__(self, args: tuple[str, ...], returncode: int, stdout: str, stderr: str) -> None:
        super().__init__(f"fieldreg-server {' '.join(args)} exited {returncode}: "
                         f"{stderr.strip() or stdout.strip()}")
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    url: str  # "http://127.0.0.1:<port>" (empty until started)
    home: Path  # FIELDREG_SERVER_HOME
    database_url: str | None

    def __init__(self, home: Path, *, database_url: str | None = None) -> None:
        self.home = home
        self.database_url = database_url
        self.url = ""
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_path = self.home / "serve-output.log"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["FIELDREG_SERVER_HOME"] = str(self.home)
        env.pop("FIELDREG_SERVER_DATABASE_URL", None)
        if self.database_url:
            env["FIELDREG_SERVER_DATABASE_URL"] = self.database_url
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def admin(self, *args: str) -> str:
        """Run ``fieldreg-server ARGS`` against this server's database; its stdout. Raises
        AdminCommandFailed on a non-zero exit."""
        proc = subprocess.run(
            [sys.executable, "-m", "fieldreg.server", *args],
            env=self.env(), capture_output=True, text=True, timeout=ADMIN_TIMEOUT,
        )
        if proc.returncode != 0:
            raise AdminCommandFailed(args, proc.returncode, proc.stdout, proc.stderr)
        return proc.stdout

    def enrolment_code(self, district: str = "15.05") -> str:
        return self.admin("enrolment-code", district).strip().splitlines()[-1].strip()

    def start(self) -> None:
        """Start ``serve`` on a free port and wait until /api/v1/ping answers."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError("the server is already running")
        last_error = ""
        for _ in range(3):  # a free port may be taken before the server binds it
            self.port = _free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "fieldreg.server", "serve", "--host", "127.0.0.1",
                     "--port", str(self.port)],
                    env=self.env(), stdout=log, stderr=subprocess.STDOUT,
                )
            if self._wait_ready():
                return
            last_error = self.log_path.read_text(errors="replace")[-2000:]
            self.kill()
        raise RuntimeError(f"the server did not start:\n{last_error}")

    def _wait_ready(self) -> bool:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                r = httpx.get(f"{self.url}{API}/ping", timeout=2.0)
                if r.status_code == 200 and r.json().get("protocol") == PROTOCOL:
                    return True
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        """SIGTERM, and wait for the process to end (SIGKILL if it will not)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def kill(self) -> None:
        """SIGKILL: the process dies mid-whatever (crash tests)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> LiveServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(home: Path, *, database_url: str | None = None,
                 district: tuple[str, str] = ("15.05", "Muaro Jambi")) -> LiveServer:
    """A running server with ``district`` added (its database migrated by the admin CLI)."""
    server = LiveServer(home, database_url=database_url)
    server.admin("district", "add", *district)
    server.start()
    return server


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A running server on SQLite with district 15.05 (Muaro Jambi); stopped after the test."""
    server = start_server(tmp_path / "server-home")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (SQLAlchemy URL), dropped after the test."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at 127.0.0.1:5432: {exc}".strip())
    name = f"fieldreg_test_{uuid.uuid4().hex[:16]}"
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()
