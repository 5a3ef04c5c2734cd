"""Qt translations: resources/i18n/fieldreg_<lang>.qm, Indonesian first, English second.

Source strings in the code are English; ``fieldreg_id.ts`` holds the Indonesian words (complete,
a test checks it) and ``fieldreg_en.ts`` the English ones. ``tools/build_translations.py``
updates the .ts files from the code and compiles the .qm files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldreg.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")


@dataclass
class _State:
    lang: str = "id"
    translators: list[QTranslator] = field(default_factory=list)  # installed now


_state = _State()


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def lang() -> str:
    """The language the UI is showing now (``id`` or ``en``); problem texts follow it."""
    return _state.lang


def install(language: str) -> bool:
    """Load ``language``'s translations (replacing any others). False when its .qm is missing."""
    app = QCoreApplication.instance()
    if language not in LANGUAGES:
        language = "id"
    translators = _state.translators
    if app is not None:
        for t in translators:
            app.removeTranslator(t)
    translators.clear()
    _state.lang = language
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if language == "id"
                               else QLocale.Language.English,
                               QLocale.Country.Indonesia))
    ok = True
    own = QTranslator()
    if own.load(str(i18n_dir() / f"fieldreg_{language}.qm")):
        translators.append(own)
    else:
        ok = language == "en"  # English is the source language: nothing is missing
        if not ok:
            log.warning("translation %s not found; run tools/build_translations.py", language)
    # Qt's own dialogs (buttons, print preview, menus): Qt's translation when it ships one,
    # else ours (Qt has no Indonesian: resources/i18n/qtbase_id.ts).
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir) or qt.load(f"qtbase_{language}", str(i18n_dir())):
        translators.append(qt)
    elif language != "en":
        log.warning("Qt's own dialogs have no %s translation", language)
    if app is not None:
        for t in translators:
            app.installTranslator(t)
    return ok
