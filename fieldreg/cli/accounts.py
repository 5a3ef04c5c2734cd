"""`fieldreg init`, `volunteer-add` and `recover`: the laptop's first run and its volunteers."""

from __future__ import annotations

import os
from collections.abc import Callable

from fieldreg.cli.common import EXIT_OK, Cli
from fieldreg.services import accounts


def cmd_init(cli: Cli) -> int:
    pw = cli.password(
        cli.t("Kata sandi baru: ", "New password: "), confirm=True
    )
    res = accounts.initialise(
        cli.home, device_name=cli.args.device_name, regency_code=cli.args.regency,
        volunteer_name=cli.args.volunteer_name, password=pw,
    )
    cli.say(cli.t(f"Laptop siap. Data disimpan di {cli.home}",
                  f"Laptop set up. Data is kept in {cli.home}"))
    cli.say(cli.t(
        "KUNCI PEMULIHAN (tulis di kertas dan simpan di tempat aman; hanya ditampilkan "
        "sekali ini):",
        "RECOVERY KEY (write it on paper and keep it safe; shown this once only):"))
    cli.say(res.recovery_key)
    return EXIT_OK


def cmd_volunteer_add(cli: Cli) -> int:
    ctx = cli.unlock()
    try:
        pw = cli.password(cli.t("Kata sandi relawan baru: ", "New volunteer's password: "),
                          env="FIELDREG_NEW_PASSWORD", confirm=True)
        accounts.add_volunteer(ctx, cli.args.name, pw, role=cli.args.role)
    finally:
        ctx.close()
    cli.say(cli.t(f"Relawan {cli.args.name} ditambahkan.",
                  f"Volunteer {cli.args.name} added."))
    return EXIT_OK


def cmd_recover(cli: Cli) -> int:
    key = os.environ.get("FIELDREG_RECOVERY_KEY") or input(
        cli.t("Kunci pemulihan: ", "Recovery key: "))
    pw = cli.password(cli.t("Kata sandi baru: ", "New password: "),
                      env="FIELDREG_NEW_PASSWORD", confirm=True)
    volunteer = cli.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
    accounts.recover(cli.home, key, volunteer, pw).close()
    cli.say(cli.t("Kata sandi baru sudah berlaku.", "The new password is in force."))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "init": cmd_init,
    "volunteer-add": cmd_volunteer_add,
    "recover": cmd_recover,
}
