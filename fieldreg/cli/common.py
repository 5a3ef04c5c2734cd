"""What every `fieldreg` command shares: the exit codes, and ``Cli`` (the parsed arguments, the
language, the data folder; output to stdout and stderr, the password prompt, opening the
data folder as the volunteer).

Progress goes to stderr, the summary to stdout; the exit status is non-zero on failure. The
password comes from FIELDREG_PASSWORD or a prompt, the data folder from FIELDREG_HOME or the
platform's default, the volunteer from --volunteer / FIELDREG_VOLUNTEER (not needed when the laptop
has one volunteer). Messages are Indonesian unless FIELDREG_LANG=en or --lang en.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from fieldreg.i18n.messages import describe, message
from fieldreg.paths import data_dir
from fieldreg.services import accounts
from fieldreg.services.context import Context
from fieldreg.services.errors import ServiceError

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
# `fieldreg sync` (and `enrol` when the server cannot be reached):
# SYNC_EXITS_HELP in cli/sync.py.
EXIT_OFFLINE, EXIT_PAUSED, EXIT_BUSY, EXIT_PARTIAL, EXIT_NOT_ENROLLED = 3, 4, 5, 6, 7
EXIT_INTERRUPTED = 130


class Cli:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lang = args.lang or os.environ.get("FIELDREG_LANG", "id")
        self.home = data_dir()

    # -- output ---------------------------------------------------------------------------
    def say(self, text: str) -> None:
        print(text, flush=True)

    def progress(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def t(self, id_text: str, en_text: str) -> str:
        return en_text if self.lang == "en" else id_text

    def fail(self, exc: ServiceError) -> int:
        print(message(exc.code, exc.params, self.lang), file=sys.stderr)
        for p in exc.problems:
            print("  - " + describe(p, self.lang), file=sys.stderr)
        return EXIT_FAIL

    # -- secrets --------------------------------------------------------------------------
    def password(self, prompt: str, env: str = "FIELDREG_PASSWORD", confirm: bool = False) -> str:
        value = os.environ.get(env)
        if value is not None:
            return value
        if not sys.stdin.isatty():
            line = sys.stdin.readline()
            return line.rstrip("\r\n")
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass(self.t("Ulangi: ", "Again: ")) != first:
            raise ServiceError("password_mismatch")
        return first

    def unlock(self) -> Context:
        volunteer = self.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
        ctx = accounts.unlock(
            self.home, volunteer, self.password(self.t("Kata sandi: ", "Password: "))
        )
        if (fresh := ctx.new_identity) is not None:  # a data folder copied to this machine
            self.progress(self.t(
                f"Data ini dibuat di mesin lain: laptop ini kini perangkat baru "
                f"({fresh.device_id}) dengan nomor peserta baru ({fresh.prefix}…), agar tidak "
                f"pernah sama dengan laptop asal ({fresh.old_device_id}). Daftarkan laptop ini "
                "lagi ke server kabupaten (fieldreg enrol), lalu minta admin: fieldreg-server "
                f"devices transfer {fresh.old_device_id} {fresh.device_id}",
                f"This data was made on another machine: this laptop is now a new device "
                f"({fresh.device_id}) with new participant numbers ({fresh.prefix}…), so they "
                f"never match the first laptop's ({fresh.old_device_id}). Enrol this laptop "
                "again (fieldreg enrol), then ask the district admin to run: fieldreg-server "
                f"devices transfer {fresh.old_device_id} {fresh.device_id}"))
        return ctx
