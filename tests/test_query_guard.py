"""The query guard decides from the parsed query (issue 24, item 6): a corpus of obfuscated
SERVICE and FROM clauses, each sent through ``idm-graph query`` (Oxigraph) and the Python API
(rdflib) with a real listener on 127.0.0.1, which must receive nothing.

Before this change the guard read tokens: ``FILTER(1<2)SERVICE#>`` hid the keyword inside what
it took for an IRI, and ``\\u0053ERVICE`` / ``\\u0046ROM`` passed it on rdflib.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import as_source
from idm_graph.core.errors import QueryError
from idm_graph.core.guard import isolate_network, remote_clauses, run_limited
from idm_graph.querying.sparql import query

CLI = [sys.executable, "-m", "idm_graph.cli"]


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP server on 127.0.0.1 that records every connection it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    received.append(conn.recv(4096) or b"(connected)")
                except OSError:
                    received.append(b"(connected)")
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], received
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def obfuscations(port: int) -> list[str]:
    """SERVICE and FROM written every way the grammar allows, and a few it does not."""
    iri = f"<http://127.0.0.1:{port}/sparql>"
    return [
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(1<2)SERVICE#>\n{iri} {{ ?a ?b ?c }} }} LIMIT 1",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(1<2)SERVICE {iri} {{ ?a ?b ?c }} }} LIMIT 1",
        f"SELECT * WHERE {{ \\u0053ERVICE {iri} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ \\u0073\\u0065rvice {iri} {{ ?a ?b ?c }} }}",
        f"SELECT * \\u0046ROM {iri} WHERE {{ ?s ?p ?o }}",
        f"select * where {{ service{iri}{{?a ?b ?c}} }}",
        f"SELECT * WHERE {{ SeRvIcE\t\n  SILENT\n{iri} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ #comment }}\n SERVICE {iri} {{ }} }}",
        f"SELECT * WHERE {{ ?s ?p \"x\"SERVICE {iri} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p <urn:x>SERVICE {iri} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {iri} {{ ?a ?b ?c }} }} }} }}",
        f"ASK {{ OPTIONAL {{ SERVICE {iri} {{ }} }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE {iri} {{ ?a ?b ?c }} }}",
        f"DESCRIBE ?a WHERE {{ SERVICE {iri} {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ BIND({iri} AS ?x) SERVICE ?x {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ VALUES ?x {{ {iri} }} SERVICE ?x {{ ?a ?b ?c }} }}",
        f"SELECT * FROM NAMED {iri} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * FROM {iri} FROM NAMED {iri} WHERE {{ ?s ?p ?o }}",
        f"DESCRIBE <urn:x> FROM {iri}",
        f"SELECT * WHERE {{ SERVICE {iri} {{ ?a ?b ?c }} ",  # broken: rdflib rejects it
        f"SELECT * WHERE {{ SERVICE {iri} {{ ?a ?b ?c }} }} LATERAL",
    ]


def test_the_guard_reads_the_syntax_tree() -> None:
    *checked, broken, lateral = obfuscations(9)
    for text in checked:
        expected = ["FROM"] if "FROM" in text or "\\u0046" in text else ["SERVICE"]
        assert remote_clauses(text) == expected, text
    assert remote_clauses(broken) is None
    assert remote_clauses(lateral) is None
    assert remote_clauses('SELECT * WHERE { ?s <urn:service> "SERVICE <http://x/>" }') == []
    assert remote_clauses("SELECT ?service WHERE { ?service ?from ?o } # SERVICE <x>") == []
    assert remote_clauses("SELECT * WHERE { SERVICE") is None


def test_no_obfuscation_reaches_the_listener_through_the_cli(built: Any,
                                                            listener: Any) -> None:
    port, received = listener
    for text in obfuscations(port):
        done = subprocess.run([*CLI, "query", text, "--data", str(built.out)],
                              capture_output=True, text=True, check=False, timeout=120)
        assert "Traceback" not in done.stderr, (text, done.stderr)
        assert received == [], f"the listener got a request from: {text!r}"
        if "SERVICE" in (remote_clauses(text) or []):  # FROM only picks graphs on Oxigraph
            assert done.returncode == 1, (text, done.stdout)
            assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_no_obfuscation_reaches_the_listener_through_the_api(dataset: Any,
                                                            listener: Any) -> None:
    port, received = listener
    for text in obfuscations(port):
        try:
            query(as_source(dataset), text, timeout=30)
        except QueryError:
            pass
        else:  # FROM only picks graphs of the data on Oxigraph: harmless, answered
            assert "SERVICE" not in (remote_clauses(text) or []), text
        assert received == [], f"the listener got a request from: {text!r}"


def test_allowed_service_does_reach_the_listener(built: Any, listener: Any) -> None:
    """The listener works: with --allow-remote the same query does reach it."""
    port, received = listener
    done = subprocess.run([*CLI, "query", obfuscations(port)[5], "--data", str(built.out),
                           "--allow-remote", "--timeout", "20"],
                          capture_output=True, text=True, check=False, timeout=120)
    assert "Traceback" not in done.stderr
    assert received, "an allowed SERVICE call should reach the listener"


@pytest.mark.skipif(not Path("/proc/self/ns/net").exists(), reason="platform: Linux namespaces")
def test_a_local_query_runs_cut_off_from_the_network(listener: Any) -> None:
    port, received = listener

    def reach() -> str:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return "connected"

    if not run_limited(isolate_network, 10, "probe", isolate=False):
        pytest.skip("platform: this system cannot make a network namespace")
    with pytest.raises(QueryError, match="failed"):
        run_limited(reach, 10, "probe", isolate=True)
    assert received == []
    assert run_limited(reach, 10, "probe") == "connected"
