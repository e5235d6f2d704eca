"""One data layer: every command on every kind of input (build folder, each RDF file format,
an Oxigraph store, a real Oxigraph server's endpoint) gives the same answers, and never a
traceback (regression: `stats|viz|export --format graphml|serve --data out/idm.ttl` crashed on
an N-Quads line split that assumed a graph term on every line; `push --data idm.ttl` sent
nothing and said nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from click.testing import CliRunner

from conftest import free_port, stop, wait_for
from idm_graph.cli import cli
from idm_graph.graph.export import serialize
from idm_graph.querying.remote import push_dataset
from idm_graph.querying.store import OxigraphStore

FILE_KINDS = ("turtle", "ntriples", "nquads", "trig", "jsonld")
SUFFIX = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld"}


@pytest.fixture(scope="module")
def server(oxigraph_server: str) -> str:
    """A real Oxigraph server on 127.0.0.1 in union mode (conftest's fixture)."""
    return oxigraph_server


@pytest.fixture(scope="module")
def inputs(built: Any, tmp_path_factory: pytest.TempPathFactory,
           server: str) -> dict[str, list[str]]:
    """Command-line data options for every kind of input, all holding the bundled build."""
    folder = tmp_path_factory.mktemp("inputs")
    options = {"build folder": ["--data", str(built.out)]}
    for fmt in FILE_KINDS:
        path = folder / f"idm.{SUFFIX[fmt]}"
        path.write_bytes(serialize(built.dataset, fmt))
        options[f".{SUFFIX[fmt]}"] = ["--data", str(path)]
    store = OxigraphStore(folder / "store")
    store.load_nquads(serialize(built.dataset, "nquads"))
    store.flush()
    del store
    options["oxigraph store"] = ["--data", f"oxigraph:{folder / 'store'}"]
    list(push_dataset(built.store(), f"{server}/store"))
    options["endpoint"] = ["--endpoint", f"{server}/query"]
    return options


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{args}: traceback {result.exception!r}"
    return result


def rows(output: str) -> list[dict[str, Any]]:
    return json.loads(output)["results"]["bindings"]


@pytest.mark.parametrize("kind", ["build folder", ".ttl", ".nt", ".nq", ".trig", ".jsonld",
                                  "oxigraph store", "endpoint"])
def test_every_command_on_every_input(kind: str, inputs: dict[str, list[str]],
                                      tmp_path: Path) -> None:
    data = inputs[kind]
    reference = {name: rows(invoke("query", name, *inputs["build folder"],
                                   "--format", "json").output)
                 for name in ("persons", "objective-links")}
    for name, expected in reference.items():
        answer = invoke("query", name, *data, "--format", "json")
        assert answer.exit_code == 0, answer.output
        assert sorted(map(json.dumps, rows(answer.output))) == sorted(map(json.dumps, expected))
    stats = invoke("stats", *data)
    assert stats.exit_code == 0, stats.output
    assert "Amy Pope" in stats.output
    view = invoke("viz", "full", *data, "--out", str(tmp_path / "full.html"))
    assert view.exit_code == 0, view.output
    assert (tmp_path / "full.html").stat().st_size > 10_000
    network = invoke("export", "--format", "graphml", *data, "--out",
                     str(tmp_path / "g.graphml"))
    assert network.exit_code == 0, network.output
    assert b"person/amy-pope" in (tmp_path / "g.graphml").read_bytes()
    trig = invoke("export", "--format", "trig", *data, "--out", str(tmp_path / "x.trig"))
    assert trig.exit_code == 0, trig.output
    quads = list(pyoxigraph.parse(path=str(tmp_path / "x.trig"), format=pyoxigraph.RdfFormat.TRIG))
    assert len({q.triple for q in quads}) >= 5000
    checked = invoke("validate", *data)
    assert checked.exit_code == 0, checked.output
    assert "conforms" in checked.output


@pytest.mark.parametrize("kind", [".ttl", ".nt", ".jsonld", "oxigraph store"])
def test_push_any_file_says_what_it_sent(kind: str, inputs: dict[str, list[str]],
                                         server: str) -> None:
    pushed = invoke("push", "--endpoint", f"{server}/store", *inputs[kind])
    assert pushed.exit_code == 0, pushed.output
    sent = sum(int(line.split(": ")[1].split()[0]) for line in pushed.output.splitlines())
    assert sent >= 5000, pushed.output


def test_push_of_an_empty_graph_is_an_error(tmp_path: Path, server: str) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <urn:x:> .\n", encoding="utf-8")
    pushed = invoke("push", "--endpoint", f"{server}/store", "--data", str(empty))
    assert pushed.exit_code == 1
    assert "holds no triples; nothing was sent" in pushed.output


def test_serve_a_turtle_file(inputs: dict[str, list[str]]) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "idm_graph.cli", "serve",
                                *inputs[".ttl"], "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, seconds=60)
        answer = invoke("query", "persons", "--endpoint", f"http://127.0.0.1:{port}/query",
                        "--format", "json")
        assert len(rows(answer.output)) == 10
    finally:
        stop(process)
        time.sleep(0.2)
