"""`fieldreg enrol` and `sync`: the district server, and the exit status of a sync."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from fieldreg.cli.common import (
    EXIT_BUSY,
    EXIT_INTERRUPTED,
    EXIT_NOT_ENROLLED,
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_PAUSED,
    Cli,
)
from fieldreg.i18n.messages import message

if TYPE_CHECKING:
    from fieldreg.services.sync import SyncReport


# The exit status of `fieldreg sync` as its --help tells it (the codes are in common.py).
SYNC_EXITS_HELP = """exit status / kode keluar:
  0  semua terkirim / everything sent (nothing left to send)
  1  gagal lain / other failure (wrong password, …)
  3  server tidak terjangkau, sibuk, atau bukan server kabupaten / server unreachable, in
     trouble, or not the district server (captive portal): nothing lost, try again later
  4  sinkronisasi dihentikan: laptop ditolak atau dicabut; daftar ulang / sync paused: token
     refused or laptop revoked; enrol again with a new code
  5  sinkronisasi lain sedang berjalan / another sync is running
  6  sebagian terkirim, sisanya menunggu / partly sent, the rest waits
  7  laptop belum didaftarkan / laptop not enrolled (fieldreg enrol URL CODE)
  130 dibatalkan / cancelled (Ctrl-C)
"""


def cmd_enrol(cli: Cli) -> int:
    from fieldreg.services import sync

    ctx = cli.unlock()
    try:
        st = sync.enrol(ctx, cli.args.url, cli.args.code)
    finally:
        ctx.close()
    cli.say(cli.t(
        f"Laptop ini terdaftar di server kabupaten {st.district_name} ({st.district_code}): "
        f"{st.server_url}",
        f"This laptop is enrolled with the district server of {st.district_name} "
        f"({st.district_code}): {st.server_url}"))
    if st.pending:
        cli.say(cli.t(f"{st.pending} data menunggu dikirim. Jalankan: fieldreg sync",
                      f"{st.pending} records wait to be sent. Run: fieldreg sync"))
    return EXIT_OK


def cmd_sync(cli: Cli) -> int:
    import threading

    from fieldreg.services import sync
    from fieldreg.services.sync import Progress, Result

    ctx = cli.unlock()
    cancel = threading.Event()
    box: list[SyncReport | BaseException] = []
    last_phase = [""]

    def progress(pr: Progress) -> None:
        if pr.phase == "wait":
            cli.progress(cli.t(
                f"  server belum menjawab; coba lagi dalam {pr.wait_seconds:.0f} detik",
                f"  no answer yet; trying again in {pr.wait_seconds:.0f} s"))
        elif pr.phase == "push" and (pr.sent or last_phase[0] != "push"):
            cli.progress(cli.t(f"  mengirim {pr.sent}/{pr.total}",
                               f"  sending {pr.sent}/{pr.total}"))
        elif pr.phase == "pull" and last_phase[0] != "pull":
            cli.progress(cli.t("  mengambil kabar dari kabupaten",
                               "  fetching news from the district"))
        last_phase[0] = pr.phase

    def work() -> None:
        try:
            box.append(sync.sync(ctx, trigger="cli", progress=progress, cancel=cancel))
        except BaseException as exc:  # handed to the main thread
            box.append(exc)

    worker = threading.Thread(target=work, name="sync", daemon=True)
    try:
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.2)
        except KeyboardInterrupt:
            cli.progress(cli.t("Menghentikan…", "Stopping…"))
            cancel.set()
            worker.join()
    finally:
        ctx.close()
    outcome = box[0]
    if isinstance(outcome, BaseException):
        raise outcome
    rep = outcome
    cli.say(cli.t(
        f"Terkirim {rep.sent}: diterima {rep.applied}, ganda {rep.duplicate}, ditolak "
        f"{rep.rejected}, bentrok {rep.conflict}. Kabar dari kabupaten: {rep.pulled}. "
        f"Masih menunggu: {rep.remaining}.",
        f"Sent {rep.sent}: accepted {rep.applied}, duplicate {rep.duplicate}, rejected "
        f"{rep.rejected}, conflict {rep.conflict}. News from the district: {rep.pulled}. "
        f"Still waiting: {rep.remaining}."))
    result = rep.stop if rep.result is Result.PARTIAL and rep.stop else rep.result
    word = message(f"sync_{result.value}", {}, cli.lang)
    if rep.result is Result.PARTIAL:
        word = message("sync_partial", {}, cli.lang) + " " + word
    if not rep.ok:
        print(word, file=sys.stderr)
    return sync_exit(rep)


def sync_exit(rep: SyncReport) -> int:
    """The exit status of `fieldreg sync` (SYNC_EXITS_HELP)."""
    from fieldreg.services.sync import Result

    if rep.ok:
        return EXIT_OK
    return {
        Result.OK: EXIT_PARTIAL,  # done, but new entries arrived meanwhile
        Result.PARTIAL: EXIT_PARTIAL,
        Result.OFFLINE: EXIT_OFFLINE,
        Result.SERVER_ERROR: EXIT_OFFLINE,
        Result.NOT_OUR_SERVER: EXIT_OFFLINE,
        Result.UNAUTHORIZED: EXIT_PAUSED,
        Result.REVOKED: EXIT_PAUSED,
        Result.BUSY: EXIT_BUSY,
        Result.NOT_ENROLLED: EXIT_NOT_ENROLLED,
        Result.CANCELLED: EXIT_INTERRUPTED,
    }[rep.result]


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "enrol": cmd_enrol,
    "sync": cmd_sync,
}
