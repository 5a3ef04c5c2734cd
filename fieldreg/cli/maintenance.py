"""`fieldreg backup`, `backups`, `restore`, `diagnostics` and `passwd`: looking after the data
folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from fieldreg.cli.common import EXIT_OK, Cli
from fieldreg.services import accounts, backups, diagnostics, restore


def cmd_backup(cli: Cli) -> int:
    ctx = cli.unlock()
    try:
        extra = [Path(p) for p in cli.args.to or []]
        made = backups.make_backup(ctx, reason="manual", folders=extra or None)
    finally:
        ctx.close()
    for path in made:
        cli.say(cli.t(f"Cadangan disimpan: {path}", f"Backup saved: {path}"))
    return EXIT_OK


def cmd_backups(cli: Cli) -> int:
    folder = Path(cli.args.folder) if cli.args.folder else backups.backup_folder(cli.home)
    infos = backups.list_backups(folder)
    for b in infos:
        when = b.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        cli.say(f"{when}  {b.reason:16}  {b.records:6} {cli.t('data', 'records')}  "
                f"{b.queued:6} {cli.t('antri', 'queued')}  {b.path.name}")
    if not infos:
        cli.progress(cli.t(f"Belum ada cadangan di {folder}", f"No backups in {folder}"))
    return EXIT_OK


def cmd_restore(cli: Cli) -> int:
    path = Path(cli.args.file)
    info = backups.inspect(path)
    cli.progress(cli.t(
        f"Cadangan {info.created_at.astimezone():%Y-%m-%d %H:%M} dari laptop "
        f"{info.device_name}: {info.records} data, {info.queued} menunggu dikirim.",
        f"Backup of {info.created_at.astimezone():%Y-%m-%d %H:%M} from laptop "
        f"{info.device_name}: {info.records} records, {info.queued} waiting to be sent."))
    volunteer = cli.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
    if cli.args.recovery:
        key = os.environ.get("FIELDREG_RECOVERY_KEY") or input(
            cli.t("Kunci pemulihan: ", "Recovery key: "))
        res = restore.restore(cli.home, path, volunteer=volunteer, recovery_key=key,
                              replace_other=cli.args.replace_other)
    else:
        pw = cli.password(cli.t("Kata sandi (saat cadangan dibuat): ",
                                "Password (as it was when the backup was made): "))
        res = restore.restore(cli.home, path, volunteer=volunteer, password=pw,
                              replace_other=cli.args.replace_other)
    cli.say(cli.t(
        f"Dipulihkan: {res.records} data, {res.queued} menunggu dikirim.",
        f"Restored: {res.records} records, {res.queued} waiting to be sent."))
    if res.replaced_dir is not None:
        cli.say(cli.t(f"Data sebelumnya disimpan di {res.replaced_dir}",
                      f"The data it replaced is kept in {res.replaced_dir}"))
    if res.key_changed_since:  # this laptop's data, which the backup's key did not open
        cli.say(cli.t(
            "Data yang diganti tidak bisa dibuka dengan kata sandi cadangan ini: kata sandi dan "
            "kunci data sudah diganti sesudah cadangan dibuat (atau data itu rusak). Kata sandi "
            "(dan relawan) saat cadangan dibuat berlaku lagi. Jika kata sandi lama mungkin "
            "diketahui orang lain, ganti lagi sekarang dengan kunci baru: fieldreg passwd --rekey",
            "The data it replaced did not open with the backup's password: the password and "
            "data key were changed after the backup was made (or that data was damaged). The "
            "passwords (and volunteers) of the backup's day are in force again. If an old "
            "password may be known, change it again now with a new key: fieldreg passwd --rekey"))
    if (fresh := res.new_identity) is not None:  # made on another machine
        cli.say(cli.t(
            f"Cadangan ini dibuat di mesin lain: laptop ini kini perangkat baru ({fresh.device_id})"
            f" dengan nomor peserta baru ({fresh.prefix}…), agar tidak pernah sama dengan "
            f"laptop asal ({fresh.old_device_id}). Daftarkan laptop ini lagi ke server "
            "kabupaten (fieldreg enrol), lalu minta admin: fieldreg-server devices transfer "
            f"{fresh.old_device_id} {fresh.device_id}",
            f"This backup was made on another machine: this laptop is now a new device "
            f"({fresh.device_id}) with new participant numbers ({fresh.prefix}…), so they never "
            f"match the first laptop's ({fresh.old_device_id}). Enrol this laptop again "
            "(fieldreg enrol), then ask the district admin to run: fieldreg-server devices "
            f"transfer {fresh.old_device_id} {fresh.device_id}"))
    return EXIT_OK


_CREDENTIAL_ERRORS = frozenset({"wrong_password", "throttled", "locked_out",
                                "volunteer_unknown", "volunteer_ambiguous", "password_mismatch",
                                "password_reset_needed", "rekey_pending"})


def cmd_passwd(cli: Cli) -> int:
    from fieldreg.services.errors import ServiceError

    volunteer = cli.args.volunteer or os.environ.get("FIELDREG_VOLUNTEER", "")
    if cli.args.new_recovery_key and not cli.args.rekey:
        raise ServiceError("new_recovery_key_needs_rekey")
    old = cli.password(cli.t("Kata sandi sekarang: ", "Current password: "))
    new = cli.password(cli.t("Kata sandi baru: ", "New password: "),
                       env="FIELDREG_NEW_PASSWORD", confirm=True)
    if not cli.args.rekey:
        ctx = accounts.unlock(cli.home, volunteer, old)
        try:
            accounts.change_password(ctx, new, old_password=old)
        finally:
            ctx.close()
        cli.say(cli.t("Kata sandi baru sudah berlaku. Cadangan lama masih bisa dibuka dengan "
                      "kata sandi lama; pakai --rekey bila kata sandi lama mungkin diketahui "
                      "orang lain.",
                      "The new password is in force. Old backups still open with the old "
                      "password; use --rekey if the old password may be known to others."))
        return EXIT_OK

    def progress(done: int, total: int) -> None:
        cli.progress(cli.t(f"Mengganti kunci basis data: langkah {done}/{total}",
                           f"Changing the database key: step {done}/{total}"))

    res = accounts.change_password_rekey(cli.home, volunteer, old, new,
                                         renew_recovery=cli.args.new_recovery_key,
                                         progress=progress)
    res.context.close()
    cli.say(cli.t("Kata sandi baru dan kunci basis data baru sudah berlaku. Kata sandi lama dan "
                  "cadangan lama tidak lagi membuka data sekarang. Cadangan lama tetap bisa "
                  "dibuka dengan kata sandi lama (isinya data lama): hapus bila kata sandi lama "
                  "diketahui orang lain.",
                  "The new password and a new database key are in force. Old passwords and old "
                  "backups no longer open today's data. Old backups still open with the old "
                  "password (they hold the old data): delete them if the old password is known "
                  "to others."))
    if res.stale:
        cli.say(cli.t("Kata sandi relawan ini harus dibuat ulang dengan kunci pemulihan "
                      f"(fieldreg recover): {', '.join(res.stale)}",
                      "These volunteers must set their password again with the recovery key "
                      f"(fieldreg recover): {', '.join(res.stale)}"))
    if res.recovery_key:
        cli.say(cli.t("KUNCI PEMULIHAN BARU (catat sekarang; yang lama tidak berlaku lagi):",
                      "NEW RECOVERY KEY (write it down now; the old one no longer works):"))
        cli.say(res.recovery_key)
    return EXIT_OK


def cmd_diagnostics(cli: Cli) -> int:
    from fieldreg.i18n.messages import message
    from fieldreg.services.errors import ServiceError

    out = Path(cli.args.out)
    ctx = None
    if not cli.args.without_database:
        try:
            ctx = cli.unlock()
        except ServiceError as exc:
            if exc.code in _CREDENTIAL_ERRORS:
                raise  # a wrong password is the person's to fix, not a broken laptop
            # A database that will not open is when the district office most needs the file.
            cli.progress(message(exc.code, exc.params, cli.lang))
            cli.progress(cli.t("Basis data tidak dibuka; berkas dibuat tanpa hitungan data.",
                               "The database was not opened; the file is made without counts."))
    try:
        diagnostics.write_report(cli.home, out, ctx=ctx)
    finally:
        if ctx is not None:
            ctx.close()
    cli.say(cli.t(f"Berkas diagnostik disimpan: {out} (tanpa data pribadi)",
                  f"Diagnostics saved: {out} (no personal data)"))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Cli], int]] = {
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "diagnostics": cmd_diagnostics,
    "passwd": cmd_passwd,
}
