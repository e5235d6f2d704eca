"""Any text builds or fails in one line; the endpoint reads only what a query needs; nothing
outlives a killed command (issue 24, items 8–10 and 12). Real processes, a real server.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from conftest import children_of, is_running, start_serve, stop

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "idm_graph.cli", *args], capture_output=True,
                          text=True, check=False, cwd=cwd, timeout=600)


def test_a_three_line_document_builds(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\nMs. Jane Roe, Director of Data at Acme Ltd, spoke on the "
                      "second day.\n", encoding="utf-8")
    done = cli("build", str(source), "--out", str(tmp_path / "out"), "--no-views")
    assert done.returncode == 0, done.stderr
    rows = cli("query", "persons", "--data", str(tmp_path / "out"), "--format", "csv")
    assert "Jane Roe,Ms.,Director of Data at Acme Ltd,Acme Ltd" in rows.stdout


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = "Ms. Jane Roe, Director of Data at Acme Ltd, said the data were late.\n"
    source = tmp_path / "roe.txt"
    source.write_bytes(text.encode("utf-16"))  # with its BOM
    done = cli("build", str(source), "--out", str(tmp_path / "out"), "--no-views")
    assert done.returncode == 0, done.stderr
    rows = cli("query", "persons", "--data", str(tmp_path / "out"), "--format", "csv")
    assert "Jane Roe" in rows.stdout


def test_utf16_without_a_mark_is_named_so(tmp_path: Path) -> None:
    source = tmp_path / "roe.txt"
    source.write_bytes("Ms. Jane Roe spoke.\n".encode("utf-16-le"))
    done = cli("build", str(source), "--out", str(tmp_path / "out"), "--no-views")
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0
    assert "roe.txt" in done.stderr
    assert "UTF-16" in done.stderr
    assert not (tmp_path / "out").exists()


def test_two_files_with_one_key_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "Notes.md").write_text("Ms. Jane Roe said hello.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Mr. John Doe said goodbye.\n", encoding="utf-8")
    done = cli("build", str(folder), "--out", str(tmp_path / "out"), "--no-views")
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0
    assert "Notes.md" in done.stderr
    assert "notes.txt" in done.stderr
    assert "sha256" not in done.stderr
    assert "SHACL" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_an_invalid_regex_is_said(built: Any) -> None:
    done = cli("query", 'SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }',
               "--data", str(built.out))
    assert done.returncode != 0
    assert "REGEX pattern '('" in done.stderr
    done = cli("query", 'SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^Amy")) } LIMIT 1',
               "--data", str(built.out), "--format", "csv")
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_a_killed_query_leaves_no_child(built: Any) -> None:
    process = subprocess.Popen([sys.executable, "-m", "idm_graph.cli", "query", SLOW, "--data",
                                str(built.out), "--timeout", "300"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        children: list[int] = []
        while not children and time.monotonic() < deadline:
            time.sleep(0.2)
            children = children_of(process.pid)
        assert children, "the query ran without a child"
        process.kill()  # kill -9: no handler of the parent runs
        process.wait()
        deadline = time.monotonic() + 5
        while any(is_running(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(is_running(c) for c in children), "the query's child outlived it"
    finally:
        if process.poll() is None:
            process.kill()


def _raw(port: int, request: bytes, *, wait: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


@pytest.fixture(scope="module")
def endpoint(built: Any) -> Any:
    process, port = start_serve(built.out, "--timeout", "5", piped=True)
    banner = process.stdout.readline() if process.stdout else ""
    assert "Ctrl-C stops" in banner
    yield port
    stop(process)


def _post(port: int, length: str, body: bytes = b"") -> bytes:
    return _raw(port, (f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       "Content-Type: application/sparql-query\r\n"
                       f"Content-Length: {length}\r\n\r\n").encode() + body)


@pytest.mark.parametrize(("length", "status", "needle"), [
    ("abc", b"400", b"Content-Length"),
    ("-1", b"400", b"Content-Length"),
    ("99999999999", b"413", b"at most 1 MiB"),
    ("4294967296", b"413", b"at most 1 MiB"),
])
def test_the_front_does_not_trust_content_length(endpoint: int, length: str, status: bytes,
                                                  needle: bytes) -> None:
    answer = _post(endpoint, length, b"ASK {}")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == status, answer[:300]
    assert needle in body
    assert body.count(b"\n") == 1
    ask = urllib.parse.quote("ASK {}")  # and the server still answers
    again = _raw(endpoint, f"GET /query?query={ask} HTTP/1.1\r\nHost: 127.0.0.1:{endpoint}\r\n"
                           "Connection: close\r\n\r\n".encode())
    assert again.startswith(b"HTTP/1.1 200")


def test_a_silent_client_is_dropped(endpoint: int) -> None:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", endpoint), timeout=60) as sock:
        sock.sendall(b"POST /query HTTP/1.1\r\n")  # then nothing
        assert sock.recv(100) == b""  # closed by the server
    assert time.monotonic() - started < 20


def test_head_is_answered(endpoint: int) -> None:
    page = _raw(endpoint, f"HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{endpoint}\r\n"
                          "Connection: close\r\n\r\n".encode())
    assert page.startswith(b"HTTP/1.1 200")
    assert page.endswith(b"\r\n\r\n")
    query = _raw(endpoint, f"HEAD /query HTTP/1.1\r\nHost: 127.0.0.1:{endpoint}\r\n"
                           "Connection: close\r\n\r\n".encode())
    assert query.startswith(b"HTTP/1.1 405")
    assert b"Allow: GET, POST" in query


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += children_of(current)
    return out


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += fd.readlink().name.startswith("socket:")
        except OSError:
            continue
    return count


@pytest.fixture(scope="module")
def served(built: Any) -> Any:
    process, port = start_serve(built.out, "--timeout", "5", "--max-answer-mb", "2",
                                piped=True)
    banner = process.stdout.readline() if process.stdout else ""
    assert "Ctrl-C stops" in banner
    yield process, port
    stop(process)


def _get(port: int, sparql: str, accept: str = "") -> bytes:
    text = urllib.parse.quote(sparql)
    extra = f"Accept: {accept}\r\n" if accept else ""
    return _raw(port, f"GET /query?query={text} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}"
                      "Connection: close\r\n\r\n".encode(), wait=60)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_a_long_construct_is_stopped_on_time_and_its_work_ends(served: Any) -> None:
    process, port = served
    before = sorted(_tree(process.pid))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(3)]  # a deliberately loaded machine: the deadline must hold
    try:
        started = time.monotonic()
        answer = _get(port, "CONSTRUCT { ?a ?b ?c . ?d ?e ?f } WHERE { ?a ?b ?c . ?d ?e ?f . "
                            "?g ?h ?i . ?j ?k ?l }")
        took = time.monotonic() - started
    finally:
        for burner in busy:
            burner.kill()
            burner.wait()
    assert answer.startswith(b"HTTP/1.1 503"), answer[:200]
    assert b"stopped after 5 s" in answer
    assert took < 12, took  # on time, not after the engine gives up
    time.sleep(1.0)
    after = sorted(_tree(process.pid))
    gone = set(before) - set(after)
    assert gone, "the worker that ran the query is still there"
    assert not any(is_running(pid) for pid in gone)
    assert len(after) == len(before)  # replaced
    assert _get(port, "ASK {}").startswith(b"HTTP/1.1 200")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_a_large_answer_streams_and_is_capped(served: Any) -> None:
    process, port = served
    rss = _rss_kib(process.pid)
    big = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 200000"
    answer = _get(port, big, accept="text/csv")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"Transfer-Encoding: chunked" in head
    assert not body.endswith(b"0\r\n\r\n")  # cut at 2 MiB, never ended as if whole
    assert 2 * 2**20 <= len(body) < 3 * 2**20
    assert _rss_kib(process.pid) - rss < 40 * 1024  # the server did not hold the answer
    small = _get(port, "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } LIMIT 2",
                 accept="text/csv")
    head, _, body = small.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"Content-Length" in head
    assert body.startswith(b"n\r\n")  # idm:, schema: … need no PREFIX


def test_a_syntax_error_is_one_line_with_its_position(served: Any) -> None:
    _, port = served
    answer = _get(port, "SELECT * WHERE { ?s ?p ")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert body.count(b"\n") == 1
    assert len(body) < 300
    assert b"line 1, column" in body


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="platform: reads /proc (Linux)")
def test_only_the_server_listens(served: Any) -> None:
    process, port = served
    for _ in range(3):  # every worker has started and answered (a replaced one too)
        assert _get(port, "ASK {}").startswith(b"HTTP/1.1 200")
    workers = children_of(process.pid)
    assert len(workers) == 2
    for pid in workers:
        assert _sockets(pid) == 0, "a query worker holds a socket"
        ours = Path("/proc/self/ns/net").readlink()
        assert Path(f"/proc/{pid}/ns/net").readlink() != ours, "a worker shares our network"
