"""The floors of docs/ARCHITECTURE.md: no module imports one of a higher floor, lazy imports
inside functions included (read from the source with ``ast``); and no two modules import each
other, directly or round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "idm_graph"
FLOORS = {
    1: ["document", "readers", "facts", "keys", "formats", "vocab", "resources", "errors",
        "guard", "processes"],
    2: ["extract", "curation"],
    3: ["encode", "checks", "shacl", "export", "outfolder", "results", "sources", "store",
        "data", "remote", "sparql", "answerer"],
    4: ["pipeline", "audit"],
    5: ["views"],
    6: ["api", "cli", "serve", "synthetic"],
}
FLOOR = {name: floor for floor, names in FLOORS.items() for name in names}


def _module(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _lazy() -> dict[str, str]:
    """The package's lazily imported API: name → the module that defines it."""
    import idm_graph

    return {name: module.split(".")[1] for name, module in idm_graph._LAZY.items()}


def _imports(path: Path) -> set[str]:
    """The package's modules a file imports: ``from``/``import`` statements, the lazy API of
    the package (``from idm_graph import build``, ``idm_graph.build(…)``) and
    ``importlib.import_module("idm_graph.…")``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lazy = _lazy()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "idm_graph":
                found |= {lazy.get(alias.name, alias.name) for alias in node.names}
            elif node.module.startswith("idm_graph."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names
                      if a.name.startswith("idm_graph.")}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                node.value.id == "idm_graph":
            found.add(lazy.get(node.attr, node.attr))
        elif isinstance(node, ast.Call) and node.args and \
                isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str) and \
                node.args[0].value.startswith("idm_graph.") and \
                getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "import_module", "__import__"):
            found.add(node.args[0].value.split(".")[1])
    return found


def test_every_way_of_importing_is_seen(tmp_path: Path) -> None:
    """The checker sees the package's lazy API and ``importlib`` too, not only import
    statements."""
    source = tmp_path / "lower.py"
    source.write_text("import importlib\nimport idm_graph\nfrom idm_graph import load\n\n"
                      "def f():\n    idm_graph.build()\n"
                      "    return importlib.import_module('idm_graph.views.render')\n",
                      encoding="utf-8")
    assert _imports(source) >= {"api", "store", "views"}


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


#: Circles still in the code, each to be cut (issue 25 cut the last five).
KNOWN_CIRCLES: set[tuple[str, ...]] = set()


def _module_graph() -> dict[str, set[str]]:
    """Every module of the package and the modules it imports (lazy imports and those for
    type checking included), by dotted name."""
    names = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(["idm_graph", *parts])] = path
    edges: dict[str, set[str]] = {name: set() for name in names}
    for name, path in names.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and \
                    node.module.startswith("idm_graph"):
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in names
                           else node.module for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("idm_graph")]
            edges[name] |= {t for t in targets if t in names and t != name}
    return edges


def test_no_import_circles() -> None:
    """Strongly connected groups of modules: none but the known ones (the package's
    ``__init__``, which re-exports the API, aside)."""
    import networkx as nx

    graph = nx.DiGraph()
    for name, imported in _module_graph().items():
        graph.add_edges_from((name, other) for other in imported if other != "idm_graph")
    circles = {tuple(sorted(group)) for group in nx.strongly_connected_components(graph)
               if len(group) > 1}
    assert circles <= KNOWN_CIRCLES, circles - KNOWN_CIRCLES
