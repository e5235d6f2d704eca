"""The floors of docs/ARCHITECTURE.md: no module imports one of a higher floor, lazy imports
inside functions included (read from the source with ``ast``); and no two modules import each
other, directly or round a circle (read by grimp).

The floors are also import-linter contracts (``[tool.importlinter]`` in pyproject.toml, run by
``lint-imports`` in ``make test`` and ``make check``). This test stays beside them because it
also sees what grimp cannot: the package's lazy API (``idm_graph.build()``, ``from idm_graph
import build``) and ``importlib.import_module("idm_graph.…")``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "idm_graph"
FLOORS = {
    1: ["core", "text"],
    2: ["extract"],
    3: ["graph", "querying"],
    4: ["pipeline"],
    5: ["views"],
    6: ["api", "cli", "interfaces"],
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
    assert _imports(source) >= {"api", "querying", "views"}


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


def test_no_import_circles() -> None:
    """No strongly connected group of modules, as grimp (import-linter's graph) reads the
    imports: those inside functions and those for type checking included. The package's
    ``__init__``, which re-exports the API lazily, is left aside; the floor test above sees
    its lazy names.
    """
    import grimp
    import networkx as nx

    imports = grimp.build_graph("idm_graph", cache_dir=None)
    graph = nx.DiGraph()
    for name in imports.modules:
        graph.add_edges_from((name, other) for other in
                             imports.find_modules_directly_imported_by(name)
                             if other != "idm_graph")
    circles = {tuple(sorted(group)) for group in nx.strongly_connected_components(graph)
               if len(group) > 1}
    assert circles == set()


def test_a_skip_fails_the_ci_run(tmp_path: Path) -> None:
    """``.ci/run`` sets ``IDM_GRAPH_STRICT=1``: a test skipped for a missing dependency fails
    the run instead of leaving it green."""
    import os
    import subprocess
    import sys

    (tmp_path / "test_one.py").write_text(
        "import pytest\n\ndef test_ok():\n    pass\n\n"
        "def test_needs_a_tool():\n    pytest.skip('the tool is not installed')\n\n"
        "def test_needs_linux():\n    pytest.skip('platform: not on this system')\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "strict_skips", "-p",
               "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)]
    lenient = subprocess.run(command, check=False, env={**env, "IDM_GRAPH_STRICT": "0"},
                             capture_output=True, text=True, cwd=tmp_path)
    strict = subprocess.run(command, check=False, env={**env, "IDM_GRAPH_STRICT": "1"},
                            capture_output=True, text=True, cwd=tmp_path)
    assert lenient.returncode == 0, lenient.stdout
    assert strict.returncode == 1, strict.stdout
    assert "skipped in CI: test_one.py::test_needs_a_tool" in strict.stdout
    assert "test_needs_linux" not in strict.stdout


def test_every_format_name_has_its_writer() -> None:
    """The registries dispatch: each network format of :mod:`idm_graph.core.formats` has a writer
    in ``views.exchange``, each answer format a writer in ``sparql`` (rows, or triples), each
    readable suffix a reader; an unknown one is a clear error, not a fall-through."""
    import pytest

    from idm_graph.core import formats
    from idm_graph.core.errors import FormatError, QueryError
    from idm_graph.core.sources import Result
    from idm_graph.querying import sparql
    from idm_graph.text import readers
    from idm_graph.views import exchange

    assert set(exchange.WRITERS) == set(formats.NETWORK)
    assert set(sparql.WRITERS["rows"]) | set(sparql.WRITERS["triples"]) == set(formats.RESULTS)
    assert set(readers.READERS) == set(readers.SUFFIXES)
    import networkx as nx

    with pytest.raises(FormatError, match="unknown network format"):
        exchange.write_network(nx.MultiDiGraph(), Path("x.dot"), "dot")
    with pytest.raises(QueryError, match="unknown format"):
        sparql.format_result(Result(["a"], []), "xml")


def test_no_sub_package_shadows_the_lazy_api() -> None:
    """``idm_graph.build``, ``load``, ``query`` and ``validate`` stay the API's functions once
    every sub-package is imported (a sub-package named ``query`` would replace the function
    ``idm_graph.query`` by the module)."""
    import importlib

    import idm_graph

    for path in SRC.iterdir():
        if (path / "__init__.py").is_file():
            importlib.import_module(f"idm_graph.{path.name}")
    for name in idm_graph._LAZY:
        assert callable(getattr(idm_graph, name)), name


def test_one_query_function_taking_a_data_source() -> None:
    """Issue 25: one public way to run a query, on a DataSource. The query layer exports one
    query function; the views and interfaces write no SPARQL and call no engine themselves
    (their lookups are ``.rq`` files run by ``query``); anything else is refused clearly."""
    import pytest
    from rdflib import Dataset

    from idm_graph.querying import sparql

    runners = [n for n in sparql.__all__ if n in ("query", "answer", "select", "run", "ask")]
    assert runners == ["query"]
    for folder in ("views", "interfaces"):
        for path in sorted((SRC / folder).glob("*.py")):
            code = path.read_text(encoding="utf-8")
            assert not re.search(r"\.(select|answer)\(|\bSELECT\b.*\bWHERE\b", code), path.name
    for module in ("api.py", "cli.py"):
        assert not re.search(r"\.(select|answer)\(", (SRC / module).read_text()), module
    with pytest.raises(TypeError, match="query takes a DataSource"):
        sparql.query(Dataset(), "persons")  # type: ignore[arg-type]


def test_a_user_query_is_checked_and_a_library_query_runs_as_it_is(tmp_path: Path) -> None:
    """Text and .rq files pass the guard; a query of the package's libraries does not need to
    (a library file outside the package is text like any other)."""
    import pytest
    from rdflib import Dataset

    from idm_graph.core.errors import QueryError
    from idm_graph.querying.data import to_oxigraph
    from idm_graph.querying.sparql import NamedQuery, query

    source = to_oxigraph(Dataset())
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE"):
        query(source, service)
    mine = NamedQuery("mine", "mine", (), {}, service, tmp_path / "mine.rq")
    with pytest.raises(QueryError, match="SERVICE"):
        query(source, "mine", queries={"mine": mine})
    assert query(source, "persons").rows == []  # type: ignore[union-attr]
