"""PySide6's check of every module imported after it, made cheap (``ui.app`` installs it).

PySide6 wraps ``__import__`` for its opt-in ``from __feature__ import snake_case`` and, after
every import, asks ``shibokensupport.feature._mod_uses_pyside(module)`` whether the module names
PySide6. That reads the module's source through ``inspect.getsource``, which splits it into
lines and leaves them in ``linecache`` for the life of the process: the source of all ~660
modules the app imports, about 20 MB, and a few milliseconds of start-up. The replacement gives
the same answer (is ``PySide6`` in the file?) from the file's bytes and keeps nothing; anything
that is not a plain ``.py`` file still goes to PySide6's own check.

Importing this module imports PySide6 and installs the check, so ``ui.app`` imports it before
its other modules.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature)


def cheap_pyside_source_check() -> bool:
    """Install the cheaper check once PySide6 is imported. False when PySide6 has none (another
    version): then nothing changes."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_fieldreg", False):
        return original is not None

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return bool(original(module))

    uses_pyside._fieldreg = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True


cheap_pyside_source_check()
