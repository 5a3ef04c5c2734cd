"""``fieldreg-server``: run the district server and administer it.

Every command brings the database to the current schema first. Errors are printed as
``error: …`` on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from fieldreg.logs import MaskIdentityNumbers
from fieldreg.server import atrest
from fieldreg.server.config import ConfigError, Settings
from fieldreg.server.db import Database, upgrade
from fieldreg.server.models import ROLES
from fieldreg.server.service import admin, enrolment, revocation
from fieldreg.server.service.errors import AdminError


def setup_logging(settings: Settings, *, level: int = logging.INFO) -> Path:
    """Log to ``home/logs/server.log`` (1 MiB × 5) and stderr; 16-digit numbers masked."""
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    path = settings.log_dir / "server.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path
               for h in root.handlers):
        fmt = logging.Formatter("%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s")
        for handler in (RotatingFileHandler(path, maxBytes=1 << 20, backupCount=5,
                                            encoding="utf-8"),
                        logging.StreamHandler(sys.stderr)):
            handler.setFormatter(fmt)
            handler.addFilter(MaskIdentityNumbers())
            root.addHandler(handler)
        root.setLevel(level)
    return path


def _actor() -> str:
    try:
        return f"admin:{getpass.getuser()}"
    except (OSError, KeyError):
        return "admin"


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [header, *rows]]
    return "\n".join(lines)


# ------------------------------------------------------------------ commands


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    if bool(args.cert) != bool(args.key):
        raise AdminError("--cert and --key go together")
    setup_logging(settings)
    engine_db = Database.open(settings)  # migrate once, before the workers start
    engine_db.close()
    # Workers read their settings from the environment.
    import os

    os.environ["FIELDREG_SERVER_HOME"] = str(settings.home)
    if settings.database_url:
        os.environ["FIELDREG_SERVER_DATABASE_URL"] = settings.database_url
    uvicorn.run(
        "fieldreg.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.cert,
        ssl_keyfile=args.key,
        log_config=None,
        # X-Forwarded-For is read by the app, from FIELDREG_SERVER_TRUSTED_PROXIES only
        # (uvicorn's own default would trust it from 127.0.0.1).
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )
    return 0


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    db = Database.open(settings, migrate=False)
    try:
        done = upgrade(db.engine)
    finally:
        db.close()
    print("database upgraded" if done else "database is up to date")
    return 0


def cmd_encrypt_database(settings: Settings, args: argparse.Namespace) -> int:
    where = atrest.encrypt_plain_database(settings)
    print(f"{settings.db_path} is now encrypted; its key is {where}. Keep a copy of the key "
          "apart from the backups of the data folder: without it the database cannot be opened.")
    return 0


def cmd_district(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    if args.district_cmd == "add":
        admin.add_district(db, settings, args.code, args.name, actor=_actor())
        print(f"district {args.code} added")
        return 0
    rows = admin.list_districts(db)
    if not rows:
        print("no districts (add one with: fieldreg-server district add CODE NAME)")
        return 0
    print(_table([[r.code, r.name, str(r.devices), str(r.registrations)] for r in rows],
                 ["CODE", "NAME", "DEVICES", "ACTIVE REGISTRATIONS"]))
    return 0


def cmd_enrolment_code(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    code = enrolment.create_code(db, settings, args.district, hours=args.hours, actor=_actor())
    print(f"Enrolment code for district {args.district}, valid {args.hours:g} hours, "
          "usable once:")
    if args.qr:
        import io

        import segno

        buf = io.StringIO()
        segno.make(code, error="m").terminal(out=buf, compact=True)
        print(buf.getvalue().rstrip("\n"))
    print(code)
    return 0


def cmd_devices(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    if args.devices_cmd == "revoke":
        device = admin.revoke_device(db, settings, args.id, actor=_actor())
        print(f"device {device.id} ({device.name}) revoked")
        return 0
    if args.devices_cmd == "transfer":
        from fieldreg.server.service.transfer import transfer_device

        old, new = transfer_device(db, settings, args.old_id, args.new_id, actor=_actor(),
                                   still_in_use=args.still_in_use)
        print(f"device {new.id} ({new.name}) may now send the records of {old.id} ({old.name})"
              + ("" if old.revoked_at else f"; {old.id} is still in use (not revoked)"))
        return 0
    devices = admin.list_devices(db, args.district)
    if not devices:
        print("no devices")
        return 0
    rows = [[d.id, d.name, d.district_code, d.number_prefix,
             f"{d.enrolled_at:%Y-%m-%d %H:%M}",
             f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "-",
             "revoked" if d.revoked_at else "active"] for d in devices]
    print(_table(rows, ["ID", "NAME", "DISTRICT", "PREFIX", "ENROLLED (UTC)", "LAST SEEN",
                        "STATE"]))
    return 0


def cmd_targets(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    village = admin.set_target(db, settings, args.district, args.village, args.n,
                               actor=_actor())
    print(f"target for {village} set to {args.n}")
    return 0


def cmd_registrations(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    if args.reg_cmd == "verify":
        row = admin.verify(db, settings, args.number, actor=_actor())
        print(f"{row.participant_number} verified (server version {row.server_version})")
    else:
        row = admin.void(db, settings, args.number, args.reason, actor=_actor())
        print(f"{row.participant_number} voided (server version {row.server_version})")
    return 0


def cmd_cards(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    card = revocation.revoke_by_district(db, settings, args.serial, reason=args.reason,
                                         actor=_actor())
    print(f"card {card.serial} revoked in district {card.district} (issued by {card.device_name},"
          f" {card.device_id}); the district's laptops refuse it after their next sync")
    return 0


def cmd_export(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    n = admin.export(db, settings, Path(args.out), district=args.district, actor=_actor())
    print(f"{n} registrations written to {args.out}")
    return 0


def cmd_officer(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    from fieldreg.server.service import officers

    if args.officer_cmd == "add":
        new = officers.add_officer(db, settings, args.name, district=args.district,
                                   role=args.role, actor=_actor())
        print(f"officer {new.name} added ({args.role}"
              + (f", district {args.district})" if args.district else ", every district)"))
        print("One-time password (give it to the officer; it must be changed at the first "
              "login of the console, /console/):")
        print(new.password)
        return 0
    if args.officer_cmd == "disable":
        officer = officers.disable_officer(db, settings, args.name, actor=_actor())
        print(f"officer {officer.name} disabled; their console sessions are ended")
        return 0
    if args.officer_cmd == "reset-password":
        new = officers.reset_password(db, settings, args.name, actor=_actor())
        print(f"new one-time password for {new.name} (must be changed at the next login; the "
              "account is unlocked and enabled):")
        print(new.password)
        return 0
    rows = officers.list_officers(db, args.district)
    if not rows:
        print("no officers (add one with: fieldreg-server officer add NAME --district CODE "
              "--role admin)")
        return 0
    now = settings.clock()
    print(_table([[o.name, o.district_code or "*", o.role,
                   "disabled" if o.disabled_at else
                   "locked" if o.locked_until and o.locked_until > now else
                   "must change password" if o.must_change else "active",
                   f"{o.last_login_at:%Y-%m-%d %H:%M}" if o.last_login_at else "-"]
                  for o in rows],
                 ["NAME", "DISTRICT", "ROLE", "STATE", "LAST LOGIN (UTC)"]))
    return 0


def cmd_audit(db: Database, settings: Settings, args: argparse.Namespace) -> int:
    for a in admin.audit_entries(db, args.limit):
        detail = json.loads(a.detail) if a.detail else {}
        extra = " ".join(f"{k}={v}" for k, v in sorted(detail.items()))
        print(f"{a.at:%Y-%m-%d %H:%M:%S}  {a.actor}  {a.action}  {a.entity}:{a.entity_id}"
              f"  {extra}".rstrip())
    return 0


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fieldreg-server",
        description="The fieldreg district server and its administration. Data folder: "
        "FIELDREG_SERVER_HOME (an encrypted SQLite file, its key in the key file "
        "FIELDREG_SERVER_KEY_FILE, default <data folder>.key, or FIELDREG_SERVER_DB_KEY); "
        "PostgreSQL instead: FIELDREG_SERVER_DATABASE_URL; reverse proxies trusted to name "
        "the client: FIELDREG_SERVER_TRUSTED_PROXIES.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", help="run the HTTP server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8750)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--cert", help="TLS certificate (PEM): serve HTTPS")
    s.add_argument("--key", help="TLS private key (PEM)")

    sub.add_parser("migrate", help="bring the database to the current schema")
    sub.add_parser("encrypt-database",
                   help="encrypt an unencrypted server.db from an older release (server stopped)")

    d = sub.add_parser("district", help="districts (regencies) served")
    dsub = d.add_subparsers(dest="district_cmd", required=True, metavar="ACTION")
    da = dsub.add_parser("add", help="add a district")
    da.add_argument("code", help="regency code, e.g. 15.05")
    da.add_argument("name")
    dsub.add_parser("list", help="list districts")

    e = sub.add_parser("enrolment-code", help="make a one-time code to enrol a laptop")
    e.add_argument("district")
    e.add_argument("--hours", type=float, default=72.0)
    e.add_argument("--qr", action="store_true", help="also show it as a QR code")

    v = sub.add_parser("devices", help="enrolled laptops")
    vsub = v.add_subparsers(dest="devices_cmd", required=True, metavar="ACTION")
    vl = vsub.add_parser("list", help="list devices")
    vl.add_argument("--district")
    vr = vsub.add_parser("revoke", help="revoke a device (its token stops working at once)")
    vr.add_argument("id")
    vt = vsub.add_parser("transfer", help="let a laptop restored onto another machine (enrolled "
                         "as a new device) send the records of the laptop it came from")
    vt.add_argument("old_id", help="the laptop the backup came from")
    vt.add_argument("new_id", help="the new device (the restored laptop)")
    vt.add_argument("--still-in-use", action="store_true",
                    help="the old laptop goes on working (otherwise it must be revoked first); "
                         "recorded in the audit")

    t = sub.add_parser("targets", help="registration targets per village")
    tsub = t.add_subparsers(dest="targets_cmd", required=True, metavar="ACTION")
    ts = tsub.add_parser("set", help="set a village's target")
    ts.add_argument("district")
    ts.add_argument("village")
    ts.add_argument("n", type=int)

    r = sub.add_parser("registrations", help="district-side changes to registrations")
    rsub = r.add_subparsers(dest="reg_cmd", required=True, metavar="ACTION")
    rv = rsub.add_parser("verify", help="mark a registration verified")
    rv.add_argument("number", help="participant number")
    ro = rsub.add_parser("void", help="void a registration (frees its NIK)")
    ro.add_argument("number", help="participant number")
    ro.add_argument("--reason", required=True)

    c = sub.add_parser("cards", help="participant cards")
    csub = c.add_subparsers(dest="cards_cmd", required=True, metavar="ACTION")
    cr = csub.add_parser("revoke", help="revoke a card by its serial (lost, stolen, issued in "
                         "error): the district's laptops refuse it after their next sync")
    cr.add_argument("serial", help="the card's serial, e.g. WQDWS400070-1 (on the card's back)")
    cr.add_argument("--reason", required=True)

    x = sub.add_parser("export", help="export registrations to .csv or .xlsx")
    x.add_argument("out")
    x.add_argument("--district")

    o = sub.add_parser("officer", help="district console accounts (/console/)")
    osub = o.add_subparsers(dest="officer_cmd", required=True, metavar="ACTION")
    oa = osub.add_parser("add", help="add an officer; prints a one-time password")
    oa.add_argument("name", help="login name: lower-case letters, digits, '.', '_', '-'")
    oa.add_argument("--district", help="regency code, e.g. 15.05 (not for --role province)")
    oa.add_argument("--role", required=True, choices=list(ROLES),
                    help="viewer reads; operator also decides on records; admin also manages "
                         "laptops, officers and targets; province reads every district")
    ol = osub.add_parser("list", help="list officers")
    ol.add_argument("--district")
    od = osub.add_parser("disable", help="disable an officer (their sessions end at once)")
    od.add_argument("name")
    orp = osub.add_parser("reset-password", help="a new one-time password (also unlocks and "
                          "enables the account)")
    orp.add_argument("name")

    a = sub.add_parser("audit", help="show the audit log (newest last)")
    a.add_argument("--limit", type=int, default=50)
    return p


ADMIN = {
    "district": cmd_district,
    "enrolment-code": cmd_enrolment_code,
    "devices": cmd_devices,
    "targets": cmd_targets,
    "registrations": cmd_registrations,
    "cards": cmd_cards,
    "export": cmd_export,
    "officer": cmd_officer,
    "audit": cmd_audit,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.command == "serve":
            return cmd_serve(settings, args)
        if args.command == "migrate":
            return cmd_migrate(settings, args)
        if args.command == "encrypt-database":
            return cmd_encrypt_database(settings, args)
        db = Database.open(settings)
        try:
            return ADMIN[args.command](db, settings, args)
        finally:
            db.close()
    except (AdminError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc} ({getattr(exc, 'filename', '') or ''})",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
