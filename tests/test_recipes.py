"""The "where to add" recipes of docs/ARCHITECTURE.md, each followed once (issue 25).

Each test copies the package into a temporary folder, does what its recipe says there and
nothing more, and runs the command-line tool from the copy: the addition must work end to end
with no other change. A recipe that needs another edit to work fails here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "idm_graph"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package, to follow a recipe in (with the ontology and data it reads
    from its checkout)."""
    copy = tmp_path / "src" / "idm_graph"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SRC.parents[1] / "ontology", tmp_path / "ontology")
    shutil.copytree(SRC.parents[1] / "data", tmp_path / "data")
    return copy


def run(package: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``idm-graph ARGS`` run from the copy of the package."""
    env = {**os.environ, "PYTHONPATH": str(package.parent), "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-m", "idm_graph.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=300)


def test_recipe_a_new_named_query(package: Path, built: Any) -> None:
    """A file ``queries/NAME.rq`` with its header: listed, run, its parameter bound."""
    (package / "queries" / "panel-speakers.rq").write_text(
        "# question: How many persons spoke on each panel?\n"
        "# columns: panel, speakers\n"
        "# param: minimum integer 1\n"
        "SELECT ?panel (COUNT(DISTINCT ?p) AS ?speakers) WHERE {\n"
        "  ?c a idm:Contribution ; schema:agent ?p ; idm:atEvent ?x .\n"
        "  ?x a idm:Panel ; rdfs:label ?panel\n"
        "} GROUP BY ?panel HAVING (COUNT(DISTINCT ?p) >= $minimum) ORDER BY ?panel\n",
        encoding="utf-8")
    listed = run(package, "queries")
    assert "panel-speakers [minimum=1]" in listed.stdout, listed.stderr
    done = run(package, "query", "panel-speakers", "--data", str(built.out), "--format", "csv",
               "--param", "minimum=2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "panel,speakers"
    assert len(lines) >= 2
    assert all(int(line.rsplit(",", 1)[1]) >= 2 for line in lines[1:])


def test_recipe_a_new_view(package: Path, built: Any, tmp_path: Path) -> None:
    """A file ``views/queries/NAME.rq`` giving ``?s ?p ?o`` with the header of a view: drawn
    by ``viz``, and among the views every build draws."""
    (package / "views" / "queries" / "people-organisations.rq").write_text(
        "# view: persons and the organisations they belong to\n"
        "# order: 90\n"
        "# description: Who belongs to which organisation.\n"
        "# description-fr: Qui appartient à quelle organisation.\n"
        "# layout: columns Person / Organization\n"
        "SELECT ?s ?p ?o WHERE {\n"
        "  ?s a schema:Person ; org:memberOf ?o . BIND(org:memberOf AS ?p)\n"
        "}\n", encoding="utf-8")
    page = tmp_path / "people.html"
    done = run(package, "viz", "people-organisations", "--data", str(built.out),
               "--out", str(page))
    assert done.returncode == 0, done.stderr
    assert "Qui appartient à quelle organisation." in page.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    names = subprocess.run([sys.executable, "-c", "from idm_graph.views.project import "
                            "view_names; print(' '.join(view_names('document')))"],
                           env=env, capture_output=True, text=True, check=True).stdout
    assert "people-organisations" in names.split()


def test_recipe_a_new_input_format(package: Path, tmp_path: Path) -> None:
    """A reader in ``text/readers/`` and its entry in ``READERS``: a build reads the suffix."""
    (package / "text" / "readers" / "rst.py").write_text(
        '"""reStructuredText: the text with its heading underlines removed."""\n\n'
        "import re\n\n\n"
        "def read_rst(data: bytes) -> str:\n"
        '    """The text of a reStructuredText file."""\n'
        "    text = data.decode('utf-8')\n"
        "    return re.sub(r'(?m)^[=\\-~]{3,}\\s*$', '', text)\n", encoding="utf-8")
    init = package / "text" / "readers" / "__init__.py"
    code = init.read_text(encoding="utf-8")
    code = code.replace('           ".htm": Reader("text/html", MAX_FILE_BYTES, _html)}',
                        '           ".htm": Reader("text/html", MAX_FILE_BYTES, _html),\n'
                        '           ".rst": Reader("text/x-rst", MAX_TEXT_BYTES, _rst)}')
    code = code.replace("\n\n#: The reader of each suffix", "\n\ndef _rst(path: Path, data: "
                        "bytes, where: str) -> Read:\n    from idm_graph.text.readers.rst import "
                        "read_rst\n\n    return read_rst(data), (), {}\n\n\n#: The reader of "
                        "each suffix")
    init.write_text(code, encoding="utf-8")
    source = tmp_path / "note.rst"
    source.write_text("Dialogue on remittances\n=======================\n\nMs. Ada Lovelace, "
                      "Minister of Finance of Ghana, said that remittances must cost less.\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    done = run(package, "build", str(source), "--out", str(out), "--no-views")
    assert done.returncode == 0, done.stderr
    persons = run(package, "query", "persons", "--data", str(out), "--format", "csv")
    assert "Ada Lovelace" in persons.stdout, persons.stderr
    assert "text/x-rst" in (out / "idm.ttl").read_text(encoding="utf-8")


def test_recipe_a_new_output_format(package: Path, built: Any, tmp_path: Path) -> None:
    """A network format: its name in ``core/formats.py`` and its writer in
    ``views/exchange.WRITERS``; the CLI offers it and writes it."""
    formats = package / "core" / "formats.py"
    code = formats.read_text(encoding="utf-8")
    formats.write_text(code.replace('NETWORK = ("graphml", "gexf", "csv")',
                                    'NETWORK = ("graphml", "gexf", "csv", "nodelink")'),
                       encoding="utf-8")
    exchange = package / "views" / "exchange.py"
    code = exchange.read_text(encoding="utf-8")
    code = code.replace('    "graphml": _graphml, "gexf": _gexf, "csv": _csv}',
                        '    "graphml": _graphml, "gexf": _gexf, "csv": _csv,\n'
                        '    "nodelink": _nodelink}')
    code = code.replace("\n\n#: The writer of each network format",
                        "\n\ndef _nodelink(graph: nx.MultiDiGraph, path: Path) -> list[Path]:\n"
                        "    import json\n\n"
                        "    data = nx.node_link_data(graph, edges='links')\n"
                        "    write_atomic(path, json.dumps(data, sort_keys=True).encode())\n"
                        "    return [path]\n\n\n#: The writer of each network format")
    exchange.write_text(code, encoding="utf-8")
    target = tmp_path / "actors.json"
    done = run(package, "export", "--data", str(built.out), "--view", "actors",
               "--format", "nodelink", "--out", str(target))
    assert done.returncode == 0, done.stderr
    import json

    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["nodes"]) > 10
    assert data["links"]
