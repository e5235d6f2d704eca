"""The floors of docs/ARCHITECTURE.md: no module imports one of a higher floor, lazy imports
inside functions included (read from the source with ``ast``)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "idm_graph"
FLOORS = {
    1: ["document", "readers", "facts", "keys", "formats", "vocab", "resources", "errors",
        "guard", "processes"],
    2: ["extract", "curation"],
    3: ["encode", "checks", "shacl", "export", "outfolder", "store", "data", "remote", "sparql",
        "answerer"],
    4: ["pipeline", "audit"],
    5: ["views"],
    6: ["api", "cli", "serve", "synthetic"],
}
FLOOR = {name: floor for floor, names in FLOORS.items() for name in names}


def _module(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "idm_graph":
                found |= {alias.name for alias in node.names}
            elif node.module.startswith("idm_graph."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names
                      if a.name.startswith("idm_graph.")}
    return found


def test_every_module_has_a_floor() -> None:
    modules = {_module(p) for p in SRC.rglob("*.py")} - {"__init__"}
    assert modules <= set(FLOOR), modules - set(FLOOR)


def test_no_module_imports_a_higher_floor() -> None:
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        name = _module(path)
        if name == "__init__":
            continue
        for imported in _imports(path) - {name}:
            if imported in FLOOR and FLOOR[imported] > FLOOR[name]:
                upward.append(f"{path.relative_to(SRC)} ({FLOOR[name]}) imports {imported} "
                              f"({FLOOR[imported]})")
    assert upward == []
