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
tests (a "different machine" on one test host).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldreg.domain.participant_number import device_part

if TYPE_CHECKING:
    from fieldreg.services.context import Context

log = logging.getLogger(__name__)

MACHINE_FILE = "machine.json"
MACHINE_FORMAT = "fieldreg-machine/1"
ENV = "FIELDREG_MACHINE_ID"  # tests: stands for this machine's id


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
        for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                value = Path(name).read_text("ascii").strip()
                if value:
                    return f"linux:{value}"
    return f"node:{uuid.getnode():012x}"


def fingerprint() -> str:
    """This machine's fingerprint: 32 hex digits of a SHA-256 of its id."""
    raw = os.environ.get(ENV) or _platform_id()
    return hashlib.sha256(b"fieldreg-machine/1\0" + raw.encode("utf-8")).hexdigest()[:32]


def record_machine(home: Path, value: str | None = None) -> None:
    """Write the data folder's ``machine.json`` (this machine, unless ``value``)."""
    text = json.dumps({"format": MACHINE_FORMAT, "fingerprint": value or fingerprint()},
                      indent=2) + "\n"
    path = home / MACHINE_FILE
    with contextlib.suppress(OSError):  # informative: never stops a setup or a restore
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


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


@dataclass(frozen=True)
class NewIdentity:
    old_device_id: str
    device_id: str
    old_prefix: str
    prefix: str  # the device part of the participant numbers handed out from now on


def take_new_identity(ctx: Context, *, reason: str) -> NewIdentity:
    """Give the open laptop a new signing key (a new participant-number space) and device id,
    forget its enrolment (it enrols again), and make its drafts the new device's; one
    transaction, audited. ``ctx`` is updated and ``device-key.json`` rewritten."""
    from fieldreg.services.cards import write_own_key_file

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
    return NewIdentity(old_id, new_id, old_prefix, device_part(public))
