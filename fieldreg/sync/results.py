"""What a sync run reports, in the sync layer's own types: the engine fills them, the services
hand them to the app and the command line (``fieldreg.services.sync`` re-exports them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Result(StrEnum):
    OK = "ok"  # nothing left to send
    PARTIAL = "partial"  # some sent, then stopped (see ``stop``); the rest waits
    OFFLINE = "offline"  # the server could not be reached (after retries)
    NOT_OUR_SERVER = "not_our_server"  # an answer that is not the protocol (captive portal…)
    UNAUTHORIZED = "unauthorized"  # token refused: sync paused, queue untouched
    REVOKED = "revoked"  # this laptop was revoked by the district: sync paused
    SERVER_ERROR = "server_error"  # 5xx / 429 that did not clear within the retries
    CANCELLED = "cancelled"
    BUSY = "busy"  # another sync is running (app or command line)
    NOT_ENROLLED = "not_enrolled"


@dataclass(frozen=True)
class Progress:
    phase: str  # "push" | "pull" | "wait" (backing off before a retry)
    sent: int  # entries answered so far in this run
    total: int  # entries that were waiting when the run started
    bytes_up: int
    bytes_down: int
    wait_seconds: float = 0.0  # during "wait"


@dataclass(frozen=True)
class SyncReport:
    result: Result
    sent: int = 0
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    pulled: int = 0  # record statuses brought back
    requests: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    remaining: int = 0  # entries still waiting to be sent
    detail: str = ""  # English technical detail for logs (never personal data)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    stop: Result | None = None  # with PARTIAL: what stopped it (OFFLINE, SERVER_ERROR, CANCELLED)

    @property
    def ok(self) -> bool:
        return self.result is Result.OK and self.remaining == 0


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str = ""
    district_code: str = ""
    district_name: str = ""
    pending: int = 0  # entries waiting to be sent (changes: a record edited twice counts 2)
    pending_people: int = 0  # the registrations those entries are about
    needs_fixing: int = 0  # records the server rejected or refused (duplicate/conflict)
    last_success_at: datetime | None = None  # naive UTC
    paused: str = ""  # "" | "unauthorized" | "revoked"


@dataclass(frozen=True)
class SyncRun:
    id: int
    started_at: datetime
    finished_at: datetime | None
    trigger: str  # "manual" | "auto" | "cli"
    result: str
    sent: int
    applied: int
    duplicate: int
    rejected: int
    conflict: int
    pulled: int
    bytes_up: int
    bytes_down: int
    detail: str


ProgressFn = Callable[[Progress], None]
