"""Where things live: the data folder (per user, portable, or FIELDREG_HOME) and the shipped
resources.

Portable mode: when a file named ``portable.txt`` lies beside the bundled executables (a copy of
the app on a USB stick), the data folder is ``fieldreg-data`` beside them, so the stick carries
the app and its encrypted data from laptop to laptop. An installed copy (Program Files) has no
such file and keeps its data in the user's folder, as platformdirs says.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "fieldreg"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "fieldreg-data"

# The data folder's files and folders, named once here (the module beside each says what is in
# it). A backup holds DB_FILE and KEY_FILE under the same names.
DB_FILE = "fieldreg.db"  # the encrypted database (store/engine.py), with -wal and -shm beside it
KEY_FILE = "keyslots.json"  # the key slots (store/keyslots.py)
PENDING_KEY_FILE = KEY_FILE + ".pending"  # the slots of a rekey not finished yet
LOCKOUT_FILE = "lockout.json"  # the wrong-guess counters (store/lockout.py)
SETTINGS_FILE = "settings.json"  # services/settings.py
OWN_KEY_FILE = "device-key.json"  # this laptop's public key, readable without unlocking
DISTRICT_KEYS_FILE = "district-keys.json"  # the district's keys and revoked cards (sync/trust.py)
MACHINE_FILE = "machine.json"  # the machine the data folder belongs to (services/identity.py)
IDENTITY_DUE_FILE = "identity-due.json"  # a new identity to take at the next open (a restore's)
COUNTERS_FILE = "counters.json"  # the participant-number high-water mark, per device id
SYNC_LOCK_FILE = "sync.lock"  # one sync at a time (sync/engine.py)
APP_LOCK_FILE = "app.lock"  # one app per data folder (ui/single_instance.py)
LOGS_FOLDER = "logs"  # the rotating log (logs.py)
LOG_FILE = "fieldreg.log"
BACKUPS_FOLDER = "backups"  # services/backups.py
AUTOSAVE_FOLDER = "autosave"  # the form being typed, encrypted (services/autosave.py)


def resources_dir() -> Path:
    """The read-only resources (regions, contribution table, fonts, translations)."""
    override = os.environ.get("FIELDREG_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def bundle_dir() -> Path | None:
    """The folder holding the bundled executables, or None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_home() -> Path | None:
    """The data folder beside the executables when this copy is portable, else None."""
    where = bundle_dir()
    if where is None or not (where / PORTABLE_MARKER).is_file():
        return None
    return where / PORTABLE_DATA


def data_dir() -> Path:
    """The volunteer's data folder: FIELDREG_HOME, else beside a portable bundle, else the
    platform's per-user data folder."""
    override = os.environ.get("FIELDREG_HOME")
    if override:
        return Path(override).expanduser()
    portable = portable_home()
    if portable is not None:
        return portable
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
