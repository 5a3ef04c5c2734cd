"""Where things live: the data folder (per user, or FIELDREG_HOME) and the shipped resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "fieldreg"


def resources_dir() -> Path:
    """The read-only resources (regions, contribution table, fonts, translations)."""
    override = os.environ.get("FIELDREG_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The volunteer's data folder: FIELDREG_HOME, else the platform's per-user data folder."""
    override = os.environ.get("FIELDREG_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
