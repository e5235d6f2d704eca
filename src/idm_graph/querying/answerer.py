"""Answering SPARQL over HTTP from a read-only Oxigraph store, in worker processes.

``idm-graph serve`` answers each query in one of a few worker processes (:class:`Answerers`).
Each worker opens the store read-only once, cuts itself off from the network before it reads
any query (:func:`~idm_graph.core.guard.isolate_network`: nothing it runs can reach another server,
and it listens on no port), and dies with the server (``PR_SET_PDEATHSIG``). A query's answer
comes back through a pipe in frames as the engine writes it, so the server holds at most one
frame per query, whatever the size of the answer. The server stops a worker that runs past
the time limit, writes more than the size limit, or whose client went away, and starts a new
one in its place: the engine's work ends with the query.

Frames (worker → server): one byte of type, four bytes of big-endian length, the payload:
``R`` once at start (``1`` if the worker is cut off from the network), ``H`` the media type
of the answer (before any data), ``D`` data, ``E`` an error (JSON ``{"status": …,
"message": …}``), ``F`` the end of the answer.

>>> negotiate(["text/csv", "*/*"], select=True)
'text/csv'
>>> negotiate(["application/xml;q=0.9", "text/html"], select=False)
'text/turtle'
>>> syntax_error('error at 1:3: expected one of "!", "(", "+", "-", "<", "?", "[", "_", '
...              'LATERAL, SERVICE')[:62]
'SPARQL syntax error at line 1, column 3: expected one of "!", '
"""

from __future__ import annotations

import json
import os
import queue
import re
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from idm_graph.core.processes import die_with_parent

__all__ = ["Answerers", "Outcome", "negotiate", "project_prefixes", "syntax_error"]

#: Media types of SELECT and ASK answers, the first the default.
RESULTS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "application/json")
#: Media types of CONSTRUCT and DESCRIBE answers, the first the default.
GRAPHS = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/n-quads",
          "application/trig")
_FRAME = struct.Struct(">cI")
_CHUNK = 64 * 1024


def negotiate(accept: Sequence[str], *, select: bool) -> str:
    """The media type to answer in: the first of ``accept`` (in order, parameters ignored)
    that the engine writes for this kind of query, else the kind's default.
    """
    offered = RESULTS if select else GRAPHS
    for item in accept:
        media = item.split(";", 1)[0].strip().lower()
        if media in offered:
            return media
    return offered[0]


def syntax_error(message: str) -> str:
    """Oxigraph's parser message as one line with its position (the long list of expected
    character ranges it ends with is cut).
    """
    flat = " ".join(message.split())
    match = re.match(r"error at (\d+):(\d+): (.*)", flat)
    if match is None:
        return f"SPARQL syntax error: {flat[:200]}"
    detail = match.group(3)
    if len(detail) > 60:
        cut = detail[:60].rsplit(",", 1)[0]
        detail = f"{cut} …"
    return f"SPARQL syntax error at line {match.group(1)}, column {match.group(2)}: {detail}"


def project_prefixes() -> dict[str, str]:
    """The project's prefixes (``queries/_prefixes.rq``) as a name → IRI mapping: a query
    that uses ``idm:`` without declaring it is read with them.
    """
    from idm_graph.querying.sparql import prefixes

    return dict(re.findall(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", prefixes(), re.IGNORECASE))


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a query ended: ``ok``, ``error`` (with ``status`` and ``message``), ``timeout``,
    ``too-large`` or ``gone`` (the client went away), and whether the head was sent.
    """

    kind: str
    status: int = 200
    message: str = ""


class _Worker:
    def __init__(self, location: Path, *, isolate: bool) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - this package's own module
            [sys.executable, "-m", "idm_graph.querying.answerer", str(location),
             *([] if isolate else ["--no-isolate"])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent)  # noqa: PLW1509
        self.isolated = False  # until the worker says so (its ``R`` frame)
        self.send: BinaryIO = self.process.stdin  # type: ignore[assignment]
        self.receive: BinaryIO = self.process.stdout  # type: ignore[assignment]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def alive(self) -> bool:
        return self.process.poll() is None


class Answerers:
    """A few worker processes answering queries of one read-only store.

    ``run(query, accept, head, write)`` sends the query to a free worker (waiting for one at
    most until the deadline), calls ``head(media_type)`` once the answer begins and
    ``write(chunk)`` for each piece of it, and returns the :class:`Outcome`.
    """

    def __init__(self, location: Path, *, size: int = 2, timeout: float = 60.0,
                 max_bytes: int = 256 * 2**20, isolate: bool = True) -> None:
        self.location = location
        self.isolate = isolate
        self.size = max(1, size)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._free: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._isolated: bool | None = None
        # Workers are started by one long-lived thread: a child's parent-death signal fires
        # when the *thread* that started it ends, and request threads end after each request.
        self._spawn: queue.Queue[bool] = queue.Queue()
        threading.Thread(target=self._spawner, daemon=True, name="answerers").start()
        for _ in range(self.size):
            self._add()

    def _spawner(self) -> None:
        while self._spawn.get():
            worker = _Worker(self.location, isolate=self.isolate)
            with self._lock:
                self._all.append(worker)
            self._free.put(worker)

    def _add(self) -> None:
        self._spawn.put(True)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        self._add()

    def ready(self, seconds: float = 60) -> None:
        """Wait until every worker has opened the store (it answers ``ASK {}``)."""
        deadline = time.monotonic() + seconds
        for _ in range(self.size):  # the queue is first in, first out: each worker once
            outcome = self.run("ASK {}", [], lambda media: None, lambda chunk: None,
                               deadline=deadline)
            if outcome.kind != "ok":
                raise OSError(outcome.message or f"the query workers did not start "
                                                 f"({outcome.kind})")
        with self._lock:
            self._isolated = all(w.isolated for w in self._all)

    @property
    def isolated(self) -> bool:
        """Whether the workers are cut off from the network (as the first ones said)."""
        return bool(self._isolated)

    def close(self) -> None:
        """Stop every worker."""
        self._spawn.put(False)
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop()

    def run(self, sparql: str, accept: Sequence[str], head: Callable[[str], None],
            write: Callable[[bytes], None], *, deadline: float | None = None) -> Outcome:
        """Answer ``sparql`` (see the class)."""
        deadline = deadline or (time.monotonic() + self.timeout if self.timeout else None)
        try:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            worker = self._free.get(timeout=wait)
            while not worker.alive():  # died on its own: replace it, take the next
                self._replace(worker)
                wait = None if deadline is None else max(0.0, deadline - time.monotonic())
                worker = self._free.get(timeout=wait)
        except queue.Empty:
            return Outcome("timeout")
        finished = False
        try:
            outcome = self._exchange(worker, sparql, accept, head, write, deadline)
            finished = outcome.kind in ("ok", "error")
            return outcome
        finally:
            if finished and worker.alive():
                self._free.put(worker)
            else:  # stopped mid-answer: its engine may still be busy, so it goes
                self._replace(worker)

    def _exchange(self, worker: _Worker, sparql: str, accept: Sequence[str],
                  head: Callable[[str], None], write: Callable[[bytes], None],
                  deadline: float | None) -> Outcome:
        try:
            worker.send.write(json.dumps({"query": sparql, "accept": list(accept)}).encode()
                              + b"\n")
            worker.send.flush()
        except (BrokenPipeError, OSError):
            return Outcome("error", 500, "the query worker stopped")
        written = 0
        for kind, payload in _frames(worker.receive, deadline):
            if kind == b"R":
                worker.isolated = payload == b"1"
            elif kind == b"T":
                return Outcome("timeout")
            if kind == b"H":
                try:
                    head(payload.decode())
                except OSError:
                    return Outcome("gone")
            elif kind == b"D":
                written += len(payload)
                if written > self.max_bytes:
                    return Outcome("too-large")
                try:
                    write(payload)
                except OSError:
                    return Outcome("gone")
            elif kind == b"E":
                problem = json.loads(payload)
                return Outcome("error", int(problem["status"]), str(problem["message"]))
            elif kind == b"F":
                return Outcome("ok")
        return Outcome("error", 500, "the query worker stopped")


def _frames(stream: BinaryIO, deadline: float | None) -> Iterator[tuple[bytes, bytes]]:
    """The frames read from a worker, a ``T`` frame when the deadline passes first."""
    fd = stream.fileno()
    buffer = b""
    while True:
        while len(buffer) >= _FRAME.size:
            kind, length = _FRAME.unpack_from(buffer)
            if len(buffer) < _FRAME.size + length:
                break
            yield kind, buffer[_FRAME.size : _FRAME.size + length]
            buffer = buffer[_FRAME.size + length :]
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            yield b"T", b""
            return
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            yield b"T", b""
            return
        data = os.read(fd, _CHUNK + _FRAME.size)
        if not data:
            return
        buffer += data


class _Framer:
    """A binary file the engine writes its answer to: each write becomes data frames."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def write(self, data: bytes) -> int:
        for at in range(0, len(data), _CHUNK):
            _frame(self.out, b"D", bytes(data[at : at + _CHUNK]))
        return len(data)

    def flush(self) -> None:
        self.out.flush()


def _frame(out: BinaryIO, kind: bytes, payload: bytes) -> None:
    out.write(_FRAME.pack(kind, len(payload)) + payload)


def _answer(store: Any, request: dict[str, Any], out: BinaryIO, known: dict[str, str]) -> None:
    import pyoxigraph

    accept = [str(a) for a in request.get("accept", [])]
    try:
        result = store.query(str(request["query"]), prefixes=known)
    except SyntaxError as exc:
        _frame(out, b"E", json.dumps({"status": 400, "message": syntax_error(str(exc))})
               .encode())
        return
    except (OSError, ValueError, RuntimeError) as exc:
        _frame(out, b"E", json.dumps({"status": 400, "message": "query failed: " + " ".join(
            str(exc).split())[:200]}).encode())
        return
    graph = isinstance(result, pyoxigraph.QueryTriples)
    media = negotiate(accept, select=not graph)
    _frame(out, b"H", media.encode())
    try:
        framer: Any = _Framer(out)  # a binary file as far as the engine is concerned
        if graph:
            pyoxigraph.serialize(result, framer, pyoxigraph.RdfFormat.from_media_type(media))
        else:
            result.serialize(framer, pyoxigraph.QueryResultsFormat.from_media_type(
                "application/sparql-results+json" if media == "application/json" else media))
    except (OSError, ValueError, RuntimeError) as exc:
        _frame(out, b"E", json.dumps({"status": 500, "message": "query failed: " + " ".join(
            str(exc).split())[:200]}).encode())
        return
    _frame(out, b"F", b"")


def main(argv: list[str]) -> int:
    """A worker: answer each query read from standard input until it closes."""
    import pyoxigraph

    from idm_graph.core.guard import isolate_network

    isolated = "--no-isolate" not in argv and isolate_network()  # before any query
    store = pyoxigraph.Store.read_only(argv[0])
    known = project_prefixes()
    out = sys.stdout.buffer
    _frame(out, b"R", b"1" if isolated else b"0")
    for line in sys.stdin.buffer:
        _answer(store, json.loads(line), out, known)
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
