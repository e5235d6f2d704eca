"""Remote SPARQL 1.1 endpoints: queries over the SPARQL 1.1 Protocol, uploads over the
Graph Store HTTP Protocol. Any conforming server works (Oxigraph, Fuseki, Virtuoso, GraphDB).

>>> SparqlEndpoint("http://127.0.0.1:1/query").url
'http://127.0.0.1:1/query'
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from idm_graph.errors import EndpointError

if TYPE_CHECKING:
    from idm_graph.data import DataSource

__all__ = ["SparqlEndpoint", "oxigraph_binary", "push_dataset", "put_graph", "serve_read_only"]

_TIMEOUT = 30.0


class SparqlEndpoint:
    """A SPARQL 1.1 query endpoint (read only)."""

    def __init__(self, url: str, *, timeout: float = _TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(url, "endpoint must be an http:// or https:// URL")
        self.url = url
        self.timeout = timeout

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query; rows of rdflib terms."""
        body = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={  # noqa: S310
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
        data = _json(_send(request, self.url, self.timeout), self.url)
        variables = list(data.get("head", {}).get("vars", []))
        rows = [{v: _term(b.get(v)) for v in variables}
                for b in data.get("results", {}).get("bindings", [])]
        return variables, rows

    def dataset(self) -> Dataset:
        """Every quad the endpoint serves (named graphs; the default graph when it has none)."""
        dataset = Dataset(default_union=True)
        _, rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in rows:
            dataset.graph(row["g"]).add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
        if not rows:
            for row in self.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")[1]:
                dataset.add((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
        return dataset

    def nquads(self) -> bytes:
        """Every quad the endpoint serves, as sorted N-Quads."""
        from idm_graph.data import RdflibSource

        return RdflibSource(self.dataset(), self.url).nquads()


def put_graph(store_url: str, graph_iri: str | None, payload: bytes, *, content_type: str =
              "application/n-triples", replace: bool = True, timeout: float = 120.0,
              auth: tuple[str, str] | None = None) -> int:
    """Send one named graph (``None``: the default graph) to a Graph Store (PUT replaces it,
    POST merges); HTTP status.
    """
    query = "default" if graph_iri is None else urllib.parse.urlencode({"graph": graph_iri})
    url = f"{store_url}?{query}"
    request = urllib.request.Request(url, data=payload, method="PUT" if replace else "POST",  # noqa: S310
                                     headers={"Content-Type": content_type})
    opener = urllib.request.build_opener()
    if auth is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, store_url, *auth)
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))
    try:
        with opener.open(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:200].decode("utf-8", "replace")
        raise EndpointError(store_url, f"HTTP {exc.code}: {' '.join(detail.split())}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(store_url, f"unreachable: {getattr(exc, 'reason', exc)}") from None


def _send(request: urllib.request.Request, url: str, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        raise EndpointError(url, f"HTTP {exc.code}: {' '.join(detail.split())}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(url, f"unreachable: {getattr(exc, 'reason', exc)}") from None


def _json(payload: bytes, url: str) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except ValueError:
        raise EndpointError(url, "the answer is not SPARQL JSON results") from None
    if not isinstance(data, dict):
        raise EndpointError(url, "the answer is not SPARQL JSON results")
    return data


def _term(value: dict[str, str] | None) -> Node | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    return Literal(value["value"], lang=value.get("xml:lang"),
                   datatype=URIRef(datatype) if datatype else None)


def _interrupt(signum: int, frame: object) -> None:
    """Turn SIGTERM into a clean stop of the server we started."""
    raise KeyboardInterrupt


def _graphs(data: DataSource) -> Iterator[tuple[str | None, bytes, int]]:
    """Each graph of ``data`` as (graph IRI or ``None`` for the default graph, N-Triples,
    triple count), named graphs in IRI order; the N-Quads are parsed by Oxigraph.
    """
    import pyoxigraph

    graphs: dict[str | None, list[pyoxigraph.Triple]] = {}
    for quad in pyoxigraph.parse(data.nquads(), format=pyoxigraph.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else \
            str(quad.graph_name.value)
        graphs.setdefault(name, []).append(quad.triple)
    for name in sorted(graphs, key=lambda g: (g is not None, g or "")):
        triples = graphs[name]
        payload = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        yield name, payload, len(triples)


def push_dataset(data: DataSource | Dataset, store_url: str, *, replace: bool = True,
                 auth: tuple[str, str] | None = None) -> Iterator[tuple[str | None, int, int]]:
    """Send every graph of ``data`` to a Graph Store endpoint; yield (graph, triples, status).

    Named graphs go to their names; triples of a file without named graphs (``.ttl``,
    ``.nt``) go to the store's default graph (graph ``None``). N-Triples is sent (some
    servers misread Turtle escapes in prefixed names).
    """
    from idm_graph.data import RdflibSource

    if isinstance(data, Dataset):
        data = RdflibSource(data)
    if not store_url.startswith(("http://", "https://")):
        raise EndpointError(store_url, "endpoint must be an http:// or https:// URL")
    for graph, payload, count in _graphs(data):
        status = put_graph(store_url, graph, payload, replace=replace, auth=auth)
        yield graph, count, status


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("oxigraph", "the Oxigraph server is not installed "
                                        "(pip install oxigraph)")
    return found


def serve_read_only(data: Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                    echo: Callable[[str], None] = print) -> None:
    """Serve ``data`` read-only with the Oxigraph server until interrupted.

    A graph file or build directory is first loaded into a temporary Oxigraph store; an
    ``oxigraph:PATH`` store is served as is. Queries see the union of the named graphs.
    """
    from idm_graph.data import RdflibSource, open_source
    from idm_graph.store import OXIGRAPH, OxigraphStore

    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory(prefix="idm-graph-serve-") as tmp:
        if data is not None and str(data).startswith(OXIGRAPH):
            location = Path(str(data)[len(OXIGRAPH) :])
            if not location.is_dir():
                raise EndpointError(str(data), "no Oxigraph store at this path")
        else:
            location = Path(tmp) / "store"
            if data is None:
                from idm_graph.pipeline import build

                source = open_source("out") if (Path("out") / "idm.trig").is_file() \
                    else RdflibSource(build(views=False).dataset)
            else:
                source = open_source(data)
            store = OxigraphStore(location)
            store.load_nquads(source.nquads())
            store.flush()
            del store
        command = [binary, "serve-read-only", "--location", str(location), "--bind",
                   f"{host}:{port}"]  # queries read the default graph: the union, as a set
        echo(f"SPARQL endpoint (read-only): http://{host}:{port}/query — query page: "
             f"http://{host}:{port}/ — Ctrl-C stops")
        process = subprocess.Popen(command)  # noqa: S603 - our own binary and arguments
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            code = process.wait()
        except KeyboardInterrupt:
            return
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
        if code != 0:
            raise EndpointError(f"{host}:{port}", f"the Oxigraph server stopped (exit {code}); "
                                                  "is the port free?")
