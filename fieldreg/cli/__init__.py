"""The `fieldreg` command: the core without a window (``main``; ``python -m fieldreg.cli``).

``common`` holds what every command shares (exit codes, output, the password prompt, opening
the data folder), ``parser`` the grammar, and one module per group of commands: ``accounts``
(init, volunteer-add, recover), ``records`` (template, import, export, list, status), ``cards``
(cards, verify-card, keys-export), ``sync`` (enrol, sync) and ``maintenance`` (backup, backups,
restore, passwd, diagnostics).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fieldreg.cli import accounts, cards, maintenance, records, sync
from fieldreg.cli.common import (
    EXIT_BUSY,
    EXIT_FAIL,
    EXIT_INTERRUPTED,
    EXIT_NOT_ENROLLED,
    EXIT_OFFLINE,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_PAUSED,
    EXIT_USAGE,
    Cli,
)
from fieldreg.cli.parser import build_parser
from fieldreg.cli.sync import SYNC_EXITS_HELP, sync_exit
from fieldreg.logs import setup_logging
from fieldreg.services.errors import ServiceError

__all__ = [
    "COMMANDS", "EXIT_BUSY", "EXIT_FAIL", "EXIT_INTERRUPTED", "EXIT_NOT_ENROLLED",
    "EXIT_OFFLINE", "EXIT_OK", "EXIT_PARTIAL", "EXIT_PAUSED", "EXIT_USAGE", "SYNC_EXITS_HELP",
    "Cli", "build_parser", "main", "sync_exit",
]

COMMANDS: dict[str, Callable[[Cli], int]] = {
    **accounts.COMMANDS, **records.COMMANDS, **cards.COMMANDS, **sync.COMMANDS,
    **maintenance.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    cli = Cli(args)
    try:
        cli.home.mkdir(mode=0o700, parents=True, exist_ok=True)
        setup_logging(cli.home)
        return COMMANDS[args.command](cli)
    except ServiceError as exc:
        return cli.fail(exc)
    except KeyboardInterrupt:
        return 130
