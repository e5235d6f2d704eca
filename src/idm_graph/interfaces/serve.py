"""``idm-graph serve``: the graph as a read-only SPARQL endpoint on this machine.

One server process owns the address and answers every query itself, through a few worker
processes that read the store read-only (:mod:`idm_graph.querying.answerer`); no other server and no
other port is opened, and the workers are cut off from the network. The server decides what
reaches them:

- only ``GET``/``POST`` of ``/query`` (SPARQL 1.1 Protocol) and ``GET``/``HEAD`` of the query
  page; updates and the Graph Store are refused (403);
- a request whose ``Host`` is not the bound address is refused (403): a web page cannot
  reach the endpoint through DNS rebinding;
- a query with ``SERVICE`` is refused (400) unless ``--allow-remote``; a query may use the
  project's prefixes (``idm:``, ``schema:``…) without declaring them; a syntax error is one
  line with its position;
- every query form has the time limit (``--timeout``): an answer not begun by then is a 503,
  and the worker is stopped and replaced, so the engine's work ends with it;
- an answer is streamed in pieces of 64 KiB as the engine writes it (memory stays flat), and
  stopped at ``--max-answer-mb`` (507 if not begun; the connection is cut otherwise);
- a request body is at most 1 MiB (413), its ``Content-Length`` a number (400), and a client
  that sends nothing for 10 s is dropped.

The workers die with this process, whatever kills it (``PR_SET_PDEATHSIG`` on Linux), and a
temporary store is named after this process, so the next ``serve`` removes the stores of
servers that were killed before they could clean up.

>>> allowed_hosts("127.0.0.1", 7878) >= {"127.0.0.1:7878", "localhost:7878"}
True
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import sys
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from idm_graph.core.errors import EndpointError, QueryError
from idm_graph.core.processes import owned_tempdir, sweep
from idm_graph.querying.answerer import Answerers

__all__ = ["allowed_hosts", "oxigraph_binary", "query_page", "serve_read_only"]

_PREFIX = "idm-graph-serve-"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: The largest answer, in bytes, unless ``serve --max-answer-mb`` says.
MAX_ANSWER = 256 * 2**20
#: The largest request body the front reads: a query is a few kB.
MAX_BODY = 2**20
#: Seconds a client may take to send its request line, headers or body.
HEADER_TIMEOUT = 10.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("oxigraph", "the Oxigraph server is not installed "
                                        "(pip install oxigraph)")
    return found


def allowed_hosts(host: str, port: int) -> set[str]:
    """The ``Host`` headers the front server accepts (any when bound to every address)."""
    names = {host, f"[{host}]"} if ":" in host else {host}
    if host in _LOOPBACK:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    return {f"{name}:{port}" for name in names}


def query_page(endpoint: str) -> str:
    """The query page ``serve`` shows at ``/``: the project's prefixes and every named query
    preloaded, results drawn as a table; nothing fetched from elsewhere.

    >>> "PREFIX idm:" in query_page("http://127.0.0.1:7878/query")
    True
    """
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    from idm_graph.core.errors import IdmGraphError
    from idm_graph.core.resources import package_file
    from idm_graph.querying.sparql import named_queries, prefixes, prepare
    from idm_graph.views.render import page_json

    queries = []
    for name, named in named_queries().items():
        try:
            text = prepare(name)[1]
        except IdmGraphError:  # a parameter without a default: shown as written
            text = prefixes() + named.text
        queries.append({"name": name, "question": named.question, "text": text})
    env = Environment(loader=FileSystemLoader(str(package_file("templates_serve"))),
                      autoescape=True)
    data = {"prefixes": prefixes(), "queries": queries}
    return env.get_template("query.html").render(
        endpoint=endpoint, data_json=Markup(page_json(data)))  # noqa: S704 - escaped JSON


def serve_read_only(data: Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                    timeout: float = 60.0, allow_remote: bool = False,
                    max_answer: int = MAX_ANSWER, workers: int = 2,
                    echo: Callable[[str], None] = print,
                    warn: Callable[[str], None] = print) -> None:
    """Serve ``data`` read-only until interrupted (Ctrl-C; the CLI turns SIGTERM and SIGHUP
    into the same interruption for every command, so the cleanup below runs for them too).

    A graph file or build directory is first loaded into a temporary Oxigraph store; an
    ``oxigraph:PATH`` store is served as is. Queries see the union of the named graphs.
    """
    sweep(_PREFIX)
    tmp = owned_tempdir(_PREFIX)
    pool: Answerers | None = None
    front: http.server.ThreadingHTTPServer | None = None
    try:
        location = _store_location(data, tmp)
        pool = Answerers(location, size=workers, timeout=timeout, max_bytes=max_answer,
                         isolate=not allow_remote)
        try:
            pool.ready()
        except OSError as exc:
            raise EndpointError(str(data or "graph"), f"cannot open the store: {exc}") \
                from None
        try:
            front = _front(host, port, pool, allow_remote=allow_remote, timeout=timeout)
        except OSError as exc:
            raise EndpointError(f"{host}:{port}", f"cannot listen: {exc.strerror or exc} "
                                                  "(is the port free?)") from None
        if host not in _LOOPBACK:
            warn(f"warning: serving on {host}:{port}: anyone who can reach this machine on "
                 "that address can query the graph")
        shown = f"[{host}]" if ":" in host else host
        echo(f"SPARQL endpoint (read-only): http://{shown}:{port}/query — query page: "
             f"http://{shown}:{port}/ — Ctrl-C stops")
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        return
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        if pool is not None:
            pool.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _store_location(data: Path | None, tmp: Path) -> Path:
    from idm_graph.querying.data import open_source
    from idm_graph.querying.store import OXIGRAPH, OxigraphStore

    if data is not None and str(data).startswith(OXIGRAPH):
        location = Path(str(data)[len(OXIGRAPH):])
        if not location.is_dir():
            raise EndpointError(str(data), "no Oxigraph store at this path")
        return location
    location = tmp / "store"
    if data is None:
        from idm_graph.pipeline.build import build

        source = open_source("out") if (Path("out") / "idm.trig").is_file() \
            else build().store()
    else:
        source = open_source(data)
    store = OxigraphStore(location)
    store.load_nquads(source.nquads())
    store.flush()
    del store
    return location


def _front(host: str, port: int, pool: Answerers, *, allow_remote: bool,
           timeout: float) -> http.server.ThreadingHTTPServer:
    """The server: checks a request, then has a worker of ``pool`` answer it."""
    hosts = allowed_hosts(host, port)
    any_host = host in ("0.0.0.0", "::")  # noqa: S104 - the user chose to share
    page = query_page(f"http://{host}:{port}/query")

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "idm-graph"
        protocol_version = "HTTP/1.1"

        timeout = HEADER_TIMEOUT  # a client that sends nothing for this long is dropped

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: no line per request."""

        def do_HEAD(self) -> None:
            if not self._checked():
                return
            path = self.path.partition("?")[0]
            if path in ("/", "/index.html"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page.encode("utf-8"))))
            elif path == "/query":
                self.send_response(405)
                self.send_header("Allow", "GET, POST")
                self.send_header("Content-Length", "0")
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
            self.end_headers()

        def _refuse(self, status: int, message: str) -> None:
            body = (message + "\n").encode("utf-8")
            self.close_connection = True  # an unread body must not be read as a request
            self.send_response(status)
            self.send_header("Connection", "close")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _checked(self) -> bool:
            if not any_host and self.headers.get("Host", "") not in hosts:
                self._refuse(403, "refused: unexpected Host header (this endpoint answers "
                                  f"only on {', '.join(sorted(hosts))})")
                return False
            return True

        def do_GET(self) -> None:
            if not self._checked():
                return
            path, _, query = self.path.partition("?")
            if path in ("/update", "/store") or path.startswith("/store"):
                self._refuse(403, "refused: this endpoint is read-only")
                return
            if path in ("/", "/index.html"):
                body = page.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if path != "/query":
                self._refuse(404, "not found: the query page is /, the endpoint /query")
                return
            text = urllib.parse.parse_qs(query).get("query", [""])[0]
            if not text.strip():
                self._refuse(400, "no query: send ?query=… (GET) or a POST body")
                return
            if self._allowed(text):
                self._answer(text)

        def do_POST(self) -> None:
            if not self._checked():
                return
            if self.path.partition("?")[0] != "/query":
                self._refuse(403, "refused: this endpoint is read-only (only /query)")
                return
            declared = self.headers.get("Content-Length") or "0"
            if not declared.strip().isdigit():
                self._refuse(400, f"bad Content-Length {declared[:40]!r}: a number of bytes")
                return
            length = int(declared)
            if length > MAX_BODY:
                self._refuse(413, f"the request body is {length} bytes; a query is at most "
                                  f"{MAX_BODY // 2**20} MiB")
                return
            try:
                body = self.rfile.read(length) if length else b""
            except TimeoutError:
                self.close_connection = True
                return
            if len(body) < length:
                self._refuse(400, f"the request body ended after {len(body)} of {length} bytes")
                return
            kind = self.headers.get_content_type()
            if kind == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            elif kind == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    self._refuse(403, "refused: this endpoint is read-only")
                    return
                text = form.get("query", [""])[0]
            else:
                self._refuse(415, "a query is sent as application/sparql-query or as a "
                                  "form (query=…)")
                return
            if self._allowed(text):
                self._answer(text)

        def do_PUT(self) -> None:
            self._refuse(403, "refused: this endpoint is read-only")

        do_DELETE = do_PATCH = do_PUT  # noqa: N815

        def _allowed(self, text: str) -> bool:
            from idm_graph.core.guard import check_query

            try:
                check_query("query", text, allow_remote=allow_remote, from_fetches=False,
                            isolated=pool.isolated)
            except QueryError as exc:
                problem = exc.problem.replace("pass --allow-remote", "serve --allow-remote")
                self._refuse(400, f"refused: {problem}")
                return False
            return True

        def _answer(self, text: str) -> None:
            accept = [a.strip() for a in self.headers.get("Accept", "").split(",")]
            sent: list[str] = []  # the media type, once the head is written
            pending: list[bytes] = []  # the first piece, held to learn whether it is all

            def head(media: str) -> None:
                sent.append(media)

            def write(chunk: bytes) -> None:
                if not pending and len(sent) == 1:
                    pending.append(chunk)  # wait: a small answer gets a Content-Length
                    return
                if len(sent) == 1:
                    self._begin(sent[0], chunked=True)
                    sent.append("chunked")
                    self._chunk(pending.pop())
                self._chunk(chunk)

            outcome = pool.run(text, accept, head, write)
            streaming = len(sent) == 2
            if outcome.kind == "ok" and not streaming:
                body = pending[0] if pending else b""
                self._begin(sent[0] if sent else "text/plain", length=len(body))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)
                return
            if outcome.kind == "ok":
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(b"0\r\n\r\n")
                return
            if streaming or outcome.kind == "gone":  # begun: a cut, never a short answer
                self.close_connection = True
                return
            if outcome.kind == "timeout":
                self._refuse(503, f"stopped after {timeout:g} s (the time limit; serve "
                                  "--timeout SECONDS changes it)")
            elif outcome.kind == "too-large":
                self._refuse(507, f"the answer is larger than {pool.max_bytes // 2**20} MiB "
                                  "(serve --max-answer-mb); add a LIMIT or narrow the query")
            else:
                self._refuse(outcome.status, outcome.message)

        def _begin(self, media: str, *, length: int | None = None,
                   chunked: bool = False) -> None:
            self.send_response(200)
            charset = "; charset=utf-8" if media.startswith(("text/", "application/sparql",
                                                               "application/json")) else ""
            self.send_header("Content-Type", media + charset)
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(length or 0))
            self.end_headers()

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")

    server_class = _V6Server if ":" in host else http.server.ThreadingHTTPServer
    server = server_class((host, port), Handler)
    server.daemon_threads = True
    return server


class _V6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6
