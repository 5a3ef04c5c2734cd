"""Proofs run real server processes (tests/live_server.py)."""

from tests.live_server import live_server, pg_url  # noqa: F401  (fixtures)
