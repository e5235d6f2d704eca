"""Real SPARQL servers on 127.0.0.1: an Oxigraph server process receives the graph through the
Graph Store protocol and answers every named query over HTTP with the local rows; ``idm-graph
serve`` serves read-only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import as_source, free_port, start_serve, stop, wait_for
from idm_graph.core.errors import EndpointError
from idm_graph.querying.remote import SparqlEndpoint, push_dataset
from idm_graph.querying.sparql import named_queries, query


def processes_with(text: str) -> list[str]:
    """Command lines of running processes that contain ``text`` (read from /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in command and "pytest" not in command:
            found.append(command)
    return found


def test_push_then_every_named_query_over_http(oxigraph_server: str, dataset: Any) -> None:
    pushed = list(push_dataset(as_source(dataset), f"{oxigraph_server}/store"))
    graphs = {graph.rsplit("/graph/", 1)[1] for graph, _, _ in pushed}
    assert graphs == {"ontology", "vocabularies", "provenance", "source/idm-2021-s2-fr",
                      "curation/idm-2021-s2-fr"}
    assert all(status in (200, 201, 204) for _, _, status in pushed)
    endpoint = SparqlEndpoint(f"{oxigraph_server}/query")
    for name, named in named_queries().items():
        params = {"node": "Amy Pope"} if "node" in named.params else {}
        remote = query(endpoint, name, params).as_dicts()
        local = query(as_source(dataset), name, params).as_dicts()
        assert remote == local, name
    # replace: no duplicates
    again = list(push_dataset(as_source(dataset), f"{oxigraph_server}/store"))
    assert [c for _, c, _ in again] == [c for _, c, _ in pushed]
    assert query(endpoint, "persons").as_dicts() == \
        query(as_source(dataset), "persons").as_dicts()


def test_cli_push_and_query_by_endpoint(oxigraph_server: str, built: Any) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    pushed = subprocess.run([sys.executable, "-m", "idm_graph.cli", "push", "--endpoint",
                             f"{oxigraph_server}/store", "--data", str(built.out)],
                            capture_output=True, text=True, check=False, env=env)
    assert pushed.returncode == 0, pushed.stderr
    assert "replaced <https://w3id.org/idm-graph/id/graph/source/idm-2021-s2-fr>" in pushed.stdout
    answer = subprocess.run([sys.executable, "-m", "idm_graph.cli", "query", "countries",
                             "--endpoint", f"{oxigraph_server}/query", "--format", "csv"],
                            capture_output=True, text=True, check=False, env=env)
    assert answer.returncode == 0, answer.stderr
    assert "QAT,Qatar,delegation-statement" in answer.stdout


def test_serve_is_read_only_with_a_query_page(built: Any, tmp_path: Path) -> None:
    process, port = start_serve(built.out)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, seconds=60)
        endpoint = SparqlEndpoint(f"http://127.0.0.1:{port}/query")
        assert query(endpoint, "persons").as_dicts() == query(built.store(),
                                                              "persons").as_dicts()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert b"<html" in page.read().lower()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/update", data=b"update=CLEAR ALL", method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code in (403, 404, 405)
        assert len(query(endpoint, "persons")) == 10  # still there
    finally:
        stop(process)
    time.sleep(0.5)
    assert not processes_with(f"127.0.0.1:{port}"), "the Oxigraph server outlived the command"


def test_serve_declares_the_prefixes_and_says_a_syntax_error_in_one_line(built: Any) -> None:
    """A client that uses idm:, schema: … without declaring them gets rows; a syntax error
    is one line with its position, not the parser's dump of Unicode ranges."""
    process, port = start_serve(built.out)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, seconds=60)

        def post(text: str) -> tuple[int, bytes]:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/query", data=text.encode(), method="POST",
                headers={"Content-Type": "application/sparql-query",
                         "Accept": "application/sparql-results+json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as refused:
                return refused.code, refused.read()

        status, body = post("SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:Person ; "
                            "idm:labelKey ?k }")
        assert status == 200, body
        count = json.loads(body)["results"]["bindings"][0]["n"]["value"]
        assert int(count) == 10
        status, body = post("SELECT ?x WHERE { ?p a idm:Person ")
        assert status == 400
        message = body.decode().strip()
        assert "\n" not in message
        assert message.startswith("SPARQL syntax error at line 1, column")
        assert len(message) < 200
    finally:
        stop(process)


def test_unreachable_endpoint_is_one_clear_error() -> None:
    port = free_port()
    with pytest.raises(EndpointError, match=rf"127.0.0.1:{port}/query: unreachable"):
        query(SparqlEndpoint(f"http://127.0.0.1:{port}/query"), "persons")
