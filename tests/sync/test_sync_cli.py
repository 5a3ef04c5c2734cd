"""`fieldreg enrol`, `fieldreg sync` and the sync part of `fieldreg status`, run as separate
processes the way a volunteer or a script runs them: words on stdout/stderr (Indonesian by
default), and exit statuses a script can act on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from fieldreg.cli import (
    EXIT_BUSY,
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_NOT_ENROLLED,
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_PAUSED,
    sync_exit,
)
from fieldreg.domain.codes import Status
from fieldreg.services import registrations
from fieldreg.services.context import Context
from fieldreg.services.sync import Result, SyncReport
from tests.conftest import PASSWORD
from tests.live_server import LiveServer
from tests.sync.conftest import save_ready
from tests.sync.stubs import captive_portal
from tools.sample_data import SampleFactory

ROOT = Path(__file__).resolve().parents[2]


def fieldreg(home: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(home), FIELDREG_ARGON2_COST="1,8,1", PYTHONPATH=str(ROOT),
               FIELDREG_PASSWORD=PASSWORD)
    if lang:
        env["FIELDREG_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "fieldreg.cli", *args], cwd=ROOT, env=env, text=True,
        capture_output=True, stdin=subprocess.DEVNULL, timeout=180, check=False,
    )


def test_enrol_sync_and_status_from_the_command_line(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path
) -> None:
    saved = save_ready(ctx, factory, 3)

    out = fieldreg(home, "status")
    assert out.returncode == EXIT_OK, out.stderr
    assert "belum didaftarkan" in out.stdout

    out = fieldreg(home, "sync")
    assert out.returncode == EXIT_NOT_ENROLLED
    assert "belum didaftarkan" in out.stderr

    out = fieldreg(home, "enrol", live_server.url, "ZZZZ-ZZZZ-ZZZZ")
    assert out.returncode == EXIT_FAIL
    assert "Kode pendaftaran tidak dikenal" in out.stderr

    out = fieldreg(home, "enrol", live_server.url, live_server.enrolment_code())
    assert out.returncode == EXIT_OK, out.stderr
    assert "Muaro Jambi (15.05)" in out.stdout and "3 data menunggu" in out.stdout

    out = fieldreg(home, "sync")
    assert out.returncode == EXIT_OK, out.stderr
    assert "Terkirim 3: diterima 3" in out.stdout and "Masih menunggu: 0" in out.stdout
    assert "mengirim" in out.stderr
    assert {registrations.get(ctx, r.id).status for r in saved} == {Status.ACCEPTED}
    for reg in saved:  # no personal data in what the command prints
        assert reg.data.nik not in out.stdout + out.stderr
        assert reg.data.full_name not in out.stdout + out.stderr

    out = fieldreg(home, "status", lang="en")
    assert out.returncode == EXIT_OK, out.stderr
    assert f"Server: {live_server.url} (district Muaro Jambi, 15.05)" in out.stdout
    assert "Waiting to be sent: 0" in out.stdout and "Needs fixing: 0" in out.stdout
    assert "Last successful sync: never" not in out.stdout
    log = (home / "logs" / "fieldreg.log").read_text("utf-8")
    assert "sync ok: sent 3" in log
    assert all(r.data.nik not in log and r.data.full_name not in log for r in saved)


def test_exit_statuses_for_a_portal_a_busy_laptop_and_a_revoked_one(
    ctx: Context, factory: SampleFactory, live_server: LiveServer, home: Path
) -> None:
    save_ready(ctx, factory, 2)
    out = fieldreg(home, "enrol", live_server.url, live_server.enrolment_code())
    assert out.returncode == EXIT_OK, out.stderr

    with captive_portal() as portal:
        with ctx.db.uow() as uow:
            uow.sync.state_for_update().server_url = portal.url
            uow.commit()
        out = fieldreg(home, "sync")
        assert out.returncode == EXIT_OFFLINE
        assert "bukan server kabupaten" in out.stderr
    with ctx.db.uow() as uow:
        uow.sync.state_for_update().server_url = live_server.url
        uow.commit()

    held = FileLock(str(home / "sync.lock"))
    with held:
        out = fieldreg(home, "sync", lang="en")
    assert out.returncode == EXIT_BUSY
    assert "Another sync is running" in out.stderr

    live_server.admin("devices", "revoke", ctx.device_id)
    out = fieldreg(home, "sync")
    assert out.returncode == EXIT_PAUSED
    assert "dicabut" in out.stderr
    out = fieldreg(home, "status")
    assert out.returncode == EXIT_OK
    assert "dicabut" in out.stdout and "Antrian kirim: 2" in out.stdout


def test_sync_help_documents_the_exit_statuses() -> None:
    out = subprocess.run([sys.executable, "-m", "fieldreg.cli", "sync", "--help"], cwd=ROOT,
                         text=True, capture_output=True, timeout=60, check=False)
    assert out.returncode == 0
    for code in (EXIT_OK, EXIT_OFFLINE, EXIT_PAUSED, EXIT_BUSY, EXIT_PARTIAL,
                 EXIT_NOT_ENROLLED):
        assert f"\n  {code}  " in out.stdout


@pytest.mark.parametrize(
    ("report", "status"),
    [
        (SyncReport(Result.OK), EXIT_OK),
        (SyncReport(Result.OK, remaining=2), EXIT_PARTIAL),  # new entries arrived meanwhile
        (SyncReport(Result.PARTIAL, sent=3, remaining=2, stop=Result.OFFLINE), EXIT_PARTIAL),
        (SyncReport(Result.OFFLINE, remaining=2), EXIT_OFFLINE),
        (SyncReport(Result.SERVER_ERROR, remaining=2), EXIT_OFFLINE),
        (SyncReport(Result.NOT_OUR_SERVER, remaining=2), EXIT_OFFLINE),
        (SyncReport(Result.UNAUTHORIZED, remaining=2), EXIT_PAUSED),
        (SyncReport(Result.REVOKED, remaining=2), EXIT_PAUSED),
        (SyncReport(Result.BUSY), EXIT_BUSY),
        (SyncReport(Result.NOT_ENROLLED), EXIT_NOT_ENROLLED),
        (SyncReport(Result.CANCELLED, remaining=1), EXIT_INTERRUPTED),
    ],
)
def test_every_result_has_its_exit_status(report: SyncReport, status: int) -> None:
    assert sync_exit(report) == status
