"""Rule 1, as the code keeps it (docs/ARCHITECTURE.md, "What may import what"):

- the core (``fieldreg``) never imports Qt or the UI. Two checks: every import statement of every
  module under fieldreg/ (at any depth, including inside functions, and
  ``importlib.import_module("…")`` / ``__import__("…")`` with a literal name), and a fresh
  interpreter that imports every core module and then looks at sys.modules;
- the UI (``ui``) may use the services, the domain's value types and pure functions, the cards'
  drawing and the leaves (paths, i18n, spreadsheets, logs…), but never the store
  (``fieldreg.store``), nor the sync engine, the server or the command line beneath or beside the
  services: every import statement of every module under ui/ is checked the same way.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "fieldreg"
FORBIDDEN = ("PySide6", "ui", "shiboken6")
# Alembic scripts: run by Alembic inside a migration, not importable on their own; and the
# server's ``python -m`` entry point, which runs its command line when imported.
NOT_IMPORTABLE = ("fieldreg/store/migrations/", "fieldreg/server/migrations/",
                  "fieldreg/server/__main__.py")


UI = ROOT / "ui"
# What the UI reaches only through fieldreg.services.
UI_FORBIDDEN = ("fieldreg.store", "fieldreg.sync", "fieldreg.server", "fieldreg.cli")


def _forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN


def _forbidden_in_ui(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in UI_FORBIDDEN)


def forbidden_imports(
    source: str, filename: str = "<src>", forbidden: Callable[[str], bool] = _forbidden
) -> list[tuple[int, str]]:
    """(line, module) of every import of a forbidden package in ``source``."""
    hits: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            hits += [(node.lineno, a.name) for a in node.names if forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and forbidden(node.module):
                hits.append((node.lineno, node.module))
            elif node.level == 0 and node.module:  # from fieldreg import store
                hits += [(node.lineno, f"{node.module}.{a.name}") for a in node.names
                         if forbidden(f"{node.module}.{a.name}")]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and node.args:
                arg = node.args[0]
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and forbidden(arg.value)
                ):
                    hits.append((node.lineno, arg.value))
    return hits


def core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_checker_catches_every_kind_of_import() -> None:
    source = (
        "import os\n"
        "import PySide6.QtCore\n"
        "from PySide6 import QtWidgets\n"
        "from ui.app import main\n"
        "import ui\n"
        "def later():\n"
        "    from PySide6.QtGui import QImage\n"
        "    import importlib\n"
        "    importlib.import_module('PySide6.QtPrintSupport')\n"
        "    __import__('ui.windows')\n"
        "class K:\n"
        "    def m(self):\n"
        "        import shiboken6\n"
        "from .ui import x\n"  # a relative module called ui inside the core is fine
        "import uikit\n"
        "from fieldreg.ui_text import y\n"
    )
    assert [line for line, _ in forbidden_imports(source)] == [2, 3, 4, 5, 7, 9, 10, 13]


def test_no_core_module_imports_qt_or_ui() -> None:
    files = core_files()
    assert len(files) > 20
    offenders = {
        str(p.relative_to(ROOT)): hits
        for p in files
        if (hits := forbidden_imports(p.read_text("utf-8"), str(p)))
    }
    assert offenders == {}


def test_the_ui_checker_catches_every_kind_of_store_import() -> None:
    source = (
        "from fieldreg.services import browse\n"
        "from fieldreg.domain.nik import display_nik\n"
        "from fieldreg.store.repositories import SearchFilter\n"
        "import fieldreg.store.uow\n"
        "from fieldreg import store\n"
        "from fieldreg import __version__, sync\n"
        "if TYPE_CHECKING:\n"
        "    from fieldreg.store.models import RegistrationRow\n"
        "def later():\n"
        "    importlib.import_module('fieldreg.store.browse')\n"
        "    from fieldreg.services.sync import status\n"
        "from fieldreg.storefront import x\n"
        "import fieldreg.server.app\n"
    )
    hits = forbidden_imports(source, forbidden=_forbidden_in_ui)
    assert sorted(line for line, _ in hits) == [3, 4, 5, 6, 8, 10, 13]


def test_no_ui_module_imports_the_store() -> None:
    files = sorted(UI.rglob("*.py"))
    assert len(files) > 20
    offenders = {
        str(p.relative_to(ROOT)): hits
        for p in files
        if (hits := forbidden_imports(p.read_text("utf-8"), str(p), _forbidden_in_ui))
    }
    assert offenders == {}


IMPORT_ALL = """
import importlib, json, sys
result = {}
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
    if loaded:
        result[name] = loaded
        break
print(json.dumps({"imported": len(json.loads(sys.argv[1])), "qt": result}))
"""


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = []
    for p in core_files():
        rel = p.relative_to(ROOT).as_posix()
        if rel.startswith(NOT_IMPORTABLE):
            continue
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(".".join(parts))
    assert "fieldreg.cli" in modules and "fieldreg.services.accounts" in modules
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, json.dumps(modules)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["qt"] == {}
    assert report["imported"] == len(modules)
