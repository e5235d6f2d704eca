"""A real Virtuoso (Debian's ``virtuoso-opensource-7-bin``, installed by ``make test``),
started on 127.0.0.1 with a throwaway database: ``push`` sends the graph through the Graph
Store protocol with digest authentication, and every named query gives the rows it gives on
the local graph.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import free_port
from idm_graph.querying.remote import SparqlEndpoint
from idm_graph.querying.sparql import named_queries, query

VIRTUOSO = shutil.which("virtuoso-t")
pytestmark = [pytest.mark.virtuoso,
              pytest.mark.skipif(VIRTUOSO is None, reason="Virtuoso is not installed "
                                 "(Debian: virtuoso-opensource-7-bin; make test installs it)")]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    where = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (where / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {where}/virtuoso.db
ErrorLogFile = {where}/virtuoso.log
LockFile = {where}/virtuoso.lck
TransactionFile = {where}/virtuoso.trx
xa_persistent_file = {where}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {where}/virtuoso-temp.db
TransactionFile = {where}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {where}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
""", encoding="utf-8")
    process = subprocess.Popen([str(VIRTUOSO), "+foreground", "+configfile",
                                str(where / "virtuoso.ini")], cwd=where,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (where / "virtuoso.log").read_text(errors="replace")[-500:]
            raise AssertionError(f"Virtuoso exited with {process.returncode}: {log}")
        try:
            with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2):
                break
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    else:
        process.kill()
        raise AssertionError("Virtuoso did not answer within 120 s")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def pushed(virtuoso: str, built: Any) -> str:
    env = {**os.environ, "IDM_GRAPH_PASSWORD": "dba"}  # the throwaway database's default
    done = subprocess.run([sys.executable, "-m", "idm_graph.cli", "push", "--endpoint",
                           f"{virtuoso}/sparql-graph-crud-auth", "--data", str(built.out),
                           "--user", "dba"], capture_output=True, text=True, check=False,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "source/idm-2021-s2-fr>: " in done.stdout
    return f"{virtuoso}/sparql"


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_gives_the_local_rows(name: str, pushed: str, built: Any) -> None:
    params = {"node": "Amy Pope"} if name == "evidence" else {}
    local = query(built.store(), name, params).as_dicts()
    remote = query(SparqlEndpoint(pushed), name, params).as_dicts()
    assert remote == local


def test_push_sends_every_triple(pushed: str, built: Any) -> None:
    endpoint = SparqlEndpoint(pushed)
    _, rows = endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                              "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/idm-graph/')) }")
    assert int(str(rows[0]["n"])) == built.quads
