"""Which machine this is, and a new identity for a laptop restored onto another machine.

A backup restored onto a second machine while the first is still in use would give both the
same identity: the same device id and signing key, so the same participant numbers handed out
twice. Each data folder records a **machine fingerprint** (``machine.json``) when it is set up,
and every backup's manifest carries the fingerprint of the machine it was made on. A restore
onto another machine (the first-run "this laptop replaces a lost one" included) gives the
restored data a **new identity** (``take_new_identity``): a new Ed25519 signing key, hence a new
device part of participant numbers (``fieldreg.domain.participant_number``) and cards the first
laptop can never collide with, a new device id, and no enrolment: the laptop enrols again with
an officer's code, as a new device, and the district links it to the laptop it came from.
The restored records keep their numbers and their first laptop's id; drafts (never sent) become
the new device's.

The fingerprint is the platform's own machine id (Linux ``/etc/machine-id``, Windows
``MachineGuid``, macOS ``IOPlatformUUID``; else the network address ``uuid.getnode``), never
stored as it is: only a SHA-256 of it. ``FIELDREG_MACHINE_ID`` stands for the machine id in
tests (a "different machine" on one test host). A machine with neither a machine id nor a
network address gets a random number from ``uuid.getnode`` (multicast bit set), another one in
each process: then a random id is kept in the user's configuration folder, outside the data
folder (``machine_id_file``); where that cannot be written the machine is *unknown* (an empty
fingerprint): a restore there counts as another machine, and unlocking checks nothing.

**At every open** (``at_open``, called by ``accounts.open_with_key``):

- a data folder whose ``machine.json`` names another machine (a folder copy or a disk image,
  not a restore) takes a new identity, as a restore onto another machine does
  (``ctx.new_identity`` says so, for the app's and the CLI's message). The exception is the
  **portable** data folder (``portable.txt`` beside the bundle, ``fieldreg.paths``): it is made
  to travel between machines and would change identity at every move, so only a restore decides
  for it (``machine_bound``);
- a restore onto another machine leaves ``identity-due.json`` *before* the restored data is put
  in place; the open takes the new identity and removes it, so a power cut between the two
  cannot leave the clone with the first laptop's identity;
- the **participant-number high-water mark** (``counters.json``, per device id, no personal data)
  is kept ahead of the database's counter: before a flush raises the counter past the mark,
  the mark moves ``RESERVE`` numbers further (written and fsync'd first). A restore on this
  data folder raises the restored counter to it, so a number once handed out here is never
  handed out again, even when the database it replaces cannot be opened (a backup from before
  a key change, or damaged data).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldreg.domain.participant_number import device_part
from fieldreg.files import atomic_write
from fieldreg.paths import COUNTERS_FILE, MACHINE_FILE
from fieldreg.paths import IDENTITY_DUE_FILE as DUE_FILE
from fieldreg.services.context import NewIdentity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from fieldreg.services.context import Context

log = logging.getLogger(__name__)

MACHINE_FORMAT = "fieldreg-machine/1"
ENV = "FIELDREG_MACHINE_ID"  # tests: stands for this machine's id
COUNTERS_FORMAT = "fieldreg-counters/1"
RESERVE = 100  # numbers the high-water mark runs ahead of the database's counter
_LINUX_IDS = ("/etc/machine-id", "/var/lib/dbus/machine-id")
_MULTICAST = 1 << 40  # uuid.getnode's mark of a random number (no network address found)


def machine_id_file() -> Path:
    """Where a random machine id is kept when the platform gives none (per user, outside the
    data folder: a copied data folder does not carry it)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("fieldreg", appauthor=False, roaming=False)) / "machine-id"


def _kept_random_id() -> str:
    """The random id kept in ``machine_id_file`` (made once; "" when it cannot be kept)."""
    path = machine_id_file()
    with contextlib.suppress(OSError, UnicodeDecodeError):
        value = path.read_text("ascii").strip()
        if re.fullmatch(r"[0-9a-f]{32}", value):
            return f"kept:{value}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(secrets.token_hex(16) + "\n", encoding="ascii")
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        value = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        log.warning("no machine id and none can be kept: this machine is unknown")
        return ""
    return f"kept:{value}" if re.fullmatch(r"[0-9a-f]{32}", value) else ""


def _platform_id() -> str:
    """The machine's own id, with its kind (never stored or logged as it is)."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError, ImportError):
            import winreg

            access = winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                                r"SOFTWARE\Microsoft\Cryptography", 0, access) as k:
                value, _ = winreg.QueryValueEx(k, "MachineGuid")
                if value:
                    return f"windows:{value}"
    elif sys.platform == "darwin":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice"],
                                 capture_output=True, text=True, timeout=10, check=False).stdout
            m = re.search(r'"IOPlatformUUID"\s*=\s*"([^"]+)"', out)
            if m:
                return f"macos:{m[1]}"
    else:
        for name in _LINUX_IDS:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                value = Path(name).read_text("ascii").strip()
                if value:
                    return f"linux:{value}"
    node = uuid.getnode()
    if node & _MULTICAST:  # no network address: a random number, another in each process
        return _kept_random_id()
    return f"node:{node:012x}"


def fingerprint() -> str:
    """This machine's fingerprint: 32 hex digits of a SHA-256 of its id ("" when the machine
    is unknown: no id of its own and none can be kept)."""
    raw = os.environ.get(ENV) or _platform_id()
    if not raw:
        return ""
    return hashlib.sha256(b"fieldreg-machine/1\0" + raw.encode("utf-8")).hexdigest()[:32]


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``path`` whole or not at all (``files.atomic_write``)."""
    with atomic_write(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2) + "\n")


def record_machine(home: Path, value: str | None = None) -> None:
    """Write the data folder's ``machine.json`` (this machine, unless ``value``); nothing on
    an unknown machine."""
    value = value if value is not None else fingerprint()
    if not value:
        return
    with contextlib.suppress(OSError):  # a read-only folder: checked again at the next open
        _write_json(home / MACHINE_FILE, {"format": MACHINE_FORMAT, "fingerprint": value})


def recorded_machine(home: Path) -> str:
    """The fingerprint the data folder recorded ("" when none or unreadable)."""
    try:
        value = json.loads((home / MACHINE_FILE).read_text("utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return value if isinstance(value, str) else ""


def _trust_old_key(ctx: Context, public_key: bytes, name: str) -> None:
    """Cards the first laptop printed still verify here offline, before any sync: its key goes
    into ``district-keys.json`` beside the district's keys this laptop knew (the next pull
    rewrites the file from the server's list, which holds it when that laptop was enrolled)."""
    from fieldreg.sync.trust import district_trust, write_district_keys

    with ctx.db.reader() as uow:
        st = uow.sync.state()
        district = (st.district_code if st else "") or ctx.regency_code
        keys = [(k.public_key, k.device_name, k.revoked) for k in uow.sync.district_keys()]
        serials = uow.sync.revoked_serials()
    if public_key not in {k[0] for k in keys}:
        keys.append((public_key, name, False))
    write_district_keys(ctx.home, district_trust(keys, serials), district=district)


def take_new_identity(ctx: Context, *, reason: str) -> NewIdentity:
    """Give the open laptop a new signing key (a new participant-number space) and device id,
    forget its enrolment (it enrols again), and make its drafts the new device's; one
    transaction, audited. ``ctx`` is updated and ``device-key.json`` rewritten."""
    from fieldreg.services.card_keys import write_own_key_file

    signing = Ed25519PrivateKey.generate()
    public = signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    new_id = str(uuid.uuid4())
    with ctx.db.uow() as uow:
        device = uow.device.get()
        if device is None:
            raise LookupError("no device row")
        old_id, old_prefix = device.id, device_part(device.public_key)
        old_key, old_name = device.public_key, device.name
        drafts = uow.device.new_identity(new_id, signing.private_bytes_raw(), public)
        uow.sync.forget_enrolment()
        uow.audit.record(ctx.volunteer_id, "new_identity", "device", new_id,
                         old_device_id=old_id, old_number_prefix=old_prefix,
                         number_prefix=device_part(public), reason=reason, drafts=drafts)
        uow.commit()
        device = uow.device.get()
        assert device is not None
        ctx.device_id = device.id
        with contextlib.suppress(OSError):
            write_own_key_file(ctx.home, device)
            _trust_old_key(ctx, old_key, old_name)
    log.warning("new laptop identity (%s): participant numbers %s… from now on, were %s…; "
                "enrol again", reason, device_part(public), old_prefix)
    return NewIdentity(old_id, new_id, old_prefix, device_part(public), reason)


# -- checked at every open ------------------------------------------------------------------
def machine_bound(home: Path) -> bool:
    """Whether this data folder's identity is bound to the machine it was set up on: every data
    folder but the portable one (``fieldreg.paths.portable_home``), which is made to be carried
    from machine to machine: only a restore changes its identity."""
    from fieldreg.paths import portable_home

    portable = portable_home()
    if portable is None:
        return True
    with contextlib.suppress(OSError):
        return portable.resolve() != home.resolve()
    return True


def note_new_identity_due(home: Path, device_id: str, reason: str) -> None:
    """Before a restore onto another machine puts its data in place: device ``device_id``
    takes a new identity at the next open (``at_open``), whatever cuts the restore short."""
    _write_json(home / DUE_FILE, {"device_id": device_id, "reason": reason})


def clear_new_identity_due(home: Path) -> None:
    (home / DUE_FILE).unlink(missing_ok=True)


def _due(home: Path) -> tuple[str, str] | None:
    try:
        data = json.loads((home / DUE_FILE).read_text("utf-8"))
        device_id, reason = data["device_id"], data["reason"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):  # torn or damaged: a new identity
        return "", "restored_on_another_machine"
    if not isinstance(device_id, str) or not isinstance(reason, str):
        return "", "restored_on_another_machine"
    return device_id, reason


def counted_numbers(home: Path, device_id: str) -> int:
    """The participant-number high-water mark of ``device_id`` in this data folder: no number
    of that device above it was ever handed out here (0 when none is kept)."""
    try:
        value = json.loads((home / COUNTERS_FILE).read_text("utf-8"))["participant_seq"][
            device_id]
    except (OSError, ValueError, KeyError, TypeError):
        return 0
    return value if isinstance(value, int) and value > 0 else 0


def keep_counted_numbers(home: Path, device_id: str, at_least: int) -> int:
    """Raise the high-water mark of ``device_id`` to ``at_least`` (written and fsync'd before
    it returns; never lowered). Returns the mark."""
    try:
        data = json.loads((home / COUNTERS_FILE).read_text("utf-8"))
        marks = data["participant_seq"]
        if not isinstance(marks, dict):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        marks = {}
    mark = marks.get(device_id)
    mark = mark if isinstance(mark, int) else 0
    if at_least > mark:
        marks[device_id] = mark = at_least
        _write_json(home / COUNTERS_FILE, {"format": COUNTERS_FORMAT, "participant_seq": marks})
    return mark


def _guard_counter(ctx: Context) -> None:
    """Keep the high-water mark ahead of the database's participant counter: before a flush
    that raises the counter past the mark, move the mark ``RESERVE`` further (an OSError there
    stops the flush: no number is handed out that the mark does not cover)."""
    from fieldreg.store.models import Device

    home = ctx.home
    known: dict[str, int] = {}

    def before_flush(session: Session) -> None:
        for obj in session.dirty:
            if not isinstance(obj, Device):
                continue
            seq = obj.participant_seq or 0
            if seq > known.get(obj.id, -1):
                mark = counted_numbers(home, obj.id)
                if seq > mark:
                    mark = keep_counted_numbers(home, obj.id, seq + RESERVE)
                known[obj.id] = mark

    ctx.db.before_write_flush(before_flush)


def at_open(ctx: Context) -> NewIdentity | None:
    """What every open of the data folder checks (see the module's docstring): the counter's
    high-water mark, a new identity a restore left due, and a data folder copied to another
    machine. Returns the new identity taken, if any."""
    home = ctx.home
    with ctx.db.reader() as uow:
        device = uow.device.get()
        seq = device.participant_seq if device is not None else 0
    keep_counted_numbers(home, ctx.device_id, seq)
    _guard_counter(ctx)
    here = fingerprint()
    due = _due(home)
    if due is None and here and machine_bound(home):
        recorded = recorded_machine(home)
        if not recorded:  # a data folder of an older release: this machine from now on
            record_machine(home, here)
        elif recorded != here:
            log.warning("the data folder was made on another machine: a new identity")
            note_new_identity_due(home, ctx.device_id, "copied_to_another_machine")
            due = (ctx.device_id, "copied_to_another_machine")
    if due is None:
        return None
    device_id, reason = due
    fresh = None
    if device_id in ("", ctx.device_id):  # else: taken already (a crash before the clean-up)
        fresh = take_new_identity(ctx, reason=reason)
    record_machine(home, here)
    clear_new_identity_due(home)
    return fresh
