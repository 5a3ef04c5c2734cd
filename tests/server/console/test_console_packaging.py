"""The console's templates and stylesheet ship with the package (a wheel or the server's
install from it would otherwise serve no pages): every file under console/templates and
console/static matches a package-data pattern of pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_console_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["fieldreg.server"]
    server = ROOT / "fieldreg" / "server"
    files = [p for d in ("console/templates", "console/static") for p in (server / d).rglob("*")
             if p.is_file()]
    assert files
    shipped = {p for pattern in patterns for p in server.glob(pattern)}
    assert [str(p.relative_to(server)) for p in files if p not in shipped] == []
