"""One writer for new registrations (fieldreg.services.registrations.add_new): the form's Save
and the village-list import both create records through it, so a rule about new records (ids,
numbers, the outbox, the audit) lives in one place. Reading a record back (store/mapping.py) is
not creating one."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "fieldreg" / "services"


def constructions(source: str) -> list[str]:
    """The functions of ``source`` in which a ``Registration(...)`` is constructed."""
    out: list[str] = []

    def walk(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(child, child.name)
                continue
            if (isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
                    and child.func.id == "Registration"):
                out.append(where)
            walk(child, where)

    walk(ast.parse(source), "<module>")
    return out


def test_the_checker_finds_constructions() -> None:
    src = ("def a():\n    return [Registration(id=1) for _ in x]\n"
           "def b():\n    def inner():\n        return derive(Registration())\n"
           "def c():\n    return RegistrationData()\n")
    assert constructions(src) == ["a", "inner"]


def test_new_registrations_are_constructed_in_one_place() -> None:
    found = {
        f"{p.name}:{fn}"
        for p in sorted(SERVICES.rglob("*.py"))
        for fn in constructions(p.read_text("utf-8"))
    }
    assert found == {"registrations.py:add_new"}
