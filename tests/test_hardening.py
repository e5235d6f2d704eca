"""Hardening: queries that cannot reach outside the data or run forever, every query form,
builds that own their output folder and leave nothing behind when killed, a serve front that
refuses foreign Hosts, SERVICE and updates, and one clear line for bad parameters.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from conftest import (
    children_of,
    free_port,
    is_running,
    oxigraph_binary,
    start_serve,
    stop,
    wait_for,
)
from idm_graph.core.errors import QueryError
from idm_graph.core.guard import remote_clauses
from idm_graph.querying.sparql import query

CLI = [sys.executable, "-m", "idm_graph.cli"]


def run(*args: str, cwd: Path | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, check=False,
                          cwd=cwd, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("idm-graph: error: "), done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# ------------------------------------------------------------------ what a query may reach

def test_service_is_refused_unless_allowed(built: Any) -> None:
    done = run("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
               "--data", str(built.out))
    one_line_error(done, "SERVICE", "--allow-remote")
    allowed = run("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> "
                  "{ ?s ?p ?o } }", "--data", str(built.out), "--allow-remote")
    assert "Traceback" not in allowed.stderr  # allowed, then fails as one line (port 9)
    assert allowed.returncode != 0
    assert len(allowed.stderr.strip().splitlines()) == 1


def test_from_only_picks_graphs_of_the_data_and_never_reads_a_file(built: Any) -> None:
    """Every query runs on Oxigraph, where FROM names a graph of the store: a file's IRI is
    no graph of the data, so the answer is empty (rdflib, which ran queries on files before,
    would have read the file)."""
    text = "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }"
    assert query(built.store(), text).rows == []  # type: ignore[union-attr]


def test_keywords_inside_strings_iris_and_names_do_not_count() -> None:
    assert remote_clauses('SELECT ?from WHERE { ?s <urn:service> "SERVICE FROM" } # FROM') == []
    assert remote_clauses("select * from named <urn:g> where { service <urn:x> {} }") == \
        ["SERVICE", "FROM"]


def test_a_long_query_is_stopped_at_the_time_limit(built: Any) -> None:
    started = time.monotonic()
    done = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
               "--data", str(built.out), "--timeout", "2")
    one_line_error(done, "stopped after 2 s", "--timeout")
    assert time.monotonic() - started < 60


def test_a_bad_regex_is_one_line_or_an_unbound_value(built: Any) -> None:
    # a pattern computed per row is an error of that row (SPARQL: the filter is false)
    assert query(built.store(), 'SELECT ?s WHERE { ?s ?p ?o FILTER regex(str(?o), '
                                'CONCAT("(", STR(?p))) }').rows == []  # type: ignore[union-attr]
    with pytest.raises(QueryError, match="REGEX pattern '\\('"):  # a literal one: before
        query(built.store(), 'SELECT ?s WHERE { ?s ?p ?o FILTER regex(str(?o), "(") }')


# ------------------------------------------------------------------ every query form

def test_ask_construct_describe_are_answered(built: Any) -> None:
    ask = run("query", "ASK { ?s a schema:Person }", "--data", str(built.out))
    assert ask.returncode == 0, ask.stderr
    assert ask.stdout == "true\n"
    ask_json = run("query", "ASK { ?s a idm:NoSuchClass }", "--data", str(built.out),
                   "--format", "json")
    assert ask_json.stdout.strip() == '{"head": {}, "boolean": false}'
    construct = run("query", "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; "
                    "schema:name ?n }", "--data", str(built.out))
    assert construct.returncode == 0, construct.stderr
    graph = Dataset()
    graph.parse(data=construct.stdout, format="turtle")
    persons = query(built.store(), "SELECT DISTINCT ?p WHERE { ?p a schema:Person }")
    assert len(graph) >= len(persons) > 5
    describe = run("query", "DESCRIBE <https://w3id.org/idm-graph/gcm/objective-19>",
                   "--data", str(built.out), "--format", "ntriples")
    assert describe.returncode == 0, describe.stderr
    assert describe.stdout.startswith("<https://w3id.org/idm-graph/gcm/objective-19> ")
    assert query(built.store(), "ASK { ?s a schema:Person }") is True
    csv_of_triples = run("query", "CONSTRUCT WHERE { ?s a schema:Person }", "--data",
                         str(built.out), "--format", "csv")
    one_line_error(csv_of_triples, "turtle or ntriples")


def test_an_endpoint_with_an_empty_default_graph_says_so(built: Any,
                                                        tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "db"),
                               "--bind", f"127.0.0.1:{port}"],  # not --union-default-graph
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", server)
        pushed = run("push", "--endpoint", f"http://127.0.0.1:{port}/store", "--data",
                     str(built.out))
        assert pushed.returncode == 0, pushed.stderr
        done = run("query", "persons", "--endpoint", f"http://127.0.0.1:{port}/query")
        assert done.returncode == 0
        assert "(0 rows)" in done.stdout
        assert "default graph, which is empty" in done.stderr
        assert "--union-default-graph" in done.stderr
    finally:
        stop(server)


# ------------------------------------------------------------------ parameters

@pytest.mark.parametrize(("base", "needle"), [("not an iri", "not an absolute IRI"),
                                              ("https://example.org/idm", "end with / or #")])
def test_a_bad_base_is_one_line(base: str, needle: str, tmp_path: Path) -> None:
    done = run("build", "--base", base, "--out", str(tmp_path / "out"), "--no-views")
    one_line_error(done, needle)
    assert not (tmp_path / "out").exists()


def test_the_ego_focus_is_never_query_text(built: Any, tmp_path: Path) -> None:
    whole = run("viz", "full", "--data", str(built.out), "--out", str(tmp_path / "full.html"))
    attack = run("viz", "ego", "--focus", "person/x> . } UNION { ?s ?p ?o . } #", "--data",
                 str(built.out), "--out", str(tmp_path / "ego.html"))
    one_line_error(attack, "no node has this IRI, id or label")
    assert not (tmp_path / "ego.html").exists()
    assert whole.returncode == 0


def test_the_ego_focus_takes_a_part_of_a_label_and_suggests(built: Any, tmp_path: Path) -> None:
    person = query(built.store(), "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } "
                                  "ORDER BY ?n LIMIT 1").rows[0]["n"]
    surname = str(person).split()[-1].upper()  # a part, in another case
    done = run("viz", "ego", "--focus", surname, "--data", str(built.out), "--out",
               str(tmp_path / "ego.html"))
    assert done.returncode == 0, done.stderr
    many = run("viz", "ego", "--focus", "a", "--data", str(built.out), "--out",
               str(tmp_path / "many.html"))
    one_line_error(many, "names", "give one of these ids")


# ------------------------------------------------------------------ the output folder

def _corpus(where: Path, documents: int) -> Path:
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "benchmarks" /
                                        "generate.py"), str(documents), str(where)],
                   check=True, capture_output=True)
    return where


def test_a_build_replaces_the_earlier_build_in_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus = run("build", str(_corpus(tmp_path / "corpus", 8)), "--out", str(out),
                 "--no-views")
    assert corpus.returncode == 0, corpus.stderr
    assert (out / "idm.nq").is_file()
    assert (out / "merge-audit.csv").is_file()
    single = run("build", "--out", str(out), "--no-views")
    assert single.returncode == 0, single.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [".idm-graph-build", "idm.jsonld", "idm.trig", "idm.ttl"]


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"PK")
    done = run("build", "--out", str(tmp_path), "--no-views")
    one_line_error(done, "thesis.docx", "no idm-graph build wrote")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_killing_a_corpus_build_leaves_no_worker_and_the_next_build_cleans_up(
        tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 40)
    out = tmp_path / "out"
    build = subprocess.Popen([*CLI, "build", str(corpus), "--out", str(out), "--no-views",
                              "--workers", "2"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children_of(build.pid)
        time.sleep(0.1)
    assert len(workers) == 2, "the build did not start its workers"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    time.sleep(1.0)
    assert not [w for w in workers if is_running(w)], "workers outlived the build"
    staging = f".{out.name}.idm-graph-*"
    assert list(out.parent.glob(staging)), "expected the killed build's staging folder"
    again = run("build", str(corpus), "--out", str(out), "--no-views")
    assert again.returncode == 0, again.stderr
    assert not list(out.parent.glob(staging))


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_sigterm_stops_a_build_like_ctrl_c(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 40)
    out = tmp_path / "out"
    build = subprocess.Popen([*CLI, "build", str(corpus), "--out", str(out), "--no-views"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    staging = f".{out.name}.idm-graph-*"
    while time.monotonic() < deadline and not list(out.parent.glob(staging)):
        time.sleep(0.05)
    time.sleep(1.0)
    signalled = time.monotonic()
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert time.monotonic() - signalled < 2.0, "SIGTERM took more than 2 s to stop the build"
    assert build.returncode == 130
    assert "interrupted" in err
    assert not list(out.parent.glob(staging)), "the staging folder was left behind"
    assert not out.exists(), "the output folder made for the build was left behind"


def test_the_steps_of_a_build_are_reported() -> None:
    from idm_graph import build

    steps: list[str] = []
    build(views=False, stage=steps.append)
    assert steps == ["reading and extracting", "encoding", "validating (SHACL)"]


# ------------------------------------------------------------------ serve

def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_serve_front_refuses_foreign_hosts_service_and_dies_cleanly(built: Any) -> None:
    process, port = start_serve(built.out, "--timeout", "5", piped=True)
    try:
        banner = process.stdout.readline() if process.stdout else ""
        assert "Ctrl-C stops" in banner
        ok, _ = _get(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")  # ready at the banner
        assert ok == 200
        ask = urllib.parse.quote("ASK { ?s ?p ?o }")
        status, body = _get(f"http://127.0.0.1:{port}/query?query={ask}",
                            host=f"attacker.example:{port}")
        assert status == 403
        assert "Host" in body
        service = urllib.parse.quote("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        status, body = _get(f"http://127.0.0.1:{port}/query?query={service}")
        assert status == 400
        assert "SERVICE" in body
        slow = urllib.parse.quote("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        started = time.monotonic()
        status, body = _get(f"http://127.0.0.1:{port}/query?query={slow}")
        assert "stopped after 5 s" in body
        assert status >= 400
        assert time.monotonic() - started < 30
        children = children_of(process.pid)
        assert children, "no query worker"
        process.send_signal(signal.SIGKILL)
        process.wait()
        time.sleep(1.0)
        assert not [c for c in children if is_running(c)], "a query worker outlived serve"
    finally:
        if process.poll() is None:
            stop(process)  # type: ignore[arg-type]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_serve_stopped_by_sighup_removes_its_store(built: Any) -> None:
    import tempfile

    process, _ = start_serve(built.out, piped=True)
    try:
        assert "Ctrl-C stops" in (process.stdout.readline() if process.stdout else "")
        stores = list(Path(tempfile.gettempdir()).glob(f"idm-graph-serve-{process.pid}-*"))
        assert len(stores) == 1
        children = children_of(process.pid)
        process.send_signal(signal.SIGHUP)
        process.wait(timeout=30)
        time.sleep(0.5)
        assert not stores[0].exists()
        assert not [c for c in children if is_running(c)]
    finally:
        if process.poll() is None:
            stop(process)  # type: ignore[arg-type]


def test_serve_on_another_address_warns(built: Any) -> None:
    process, _ = start_serve(built.out, "--host", "127.0.0.2", piped=True)
    try:
        warning = process.stderr.readline() if process.stderr else ""
        assert warning.startswith("warning: serving on 127.0.0.2")
    finally:
        stop(process)  # type: ignore[arg-type]
