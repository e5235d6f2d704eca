"""Remote SPARQL 1.1 endpoints: queries over the SPARQL 1.1 Protocol, uploads over the
Graph Store HTTP Protocol. Any conforming server works (Oxigraph, Fuseki, Virtuoso, GraphDB).

>>> SparqlEndpoint("http://127.0.0.1:1/query").url
'http://127.0.0.1:1/query'
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from idm_graph.core.errors import EndpointError
from idm_graph.core.sources import Answer, DataSource, Result, Triples

__all__ = ["SparqlEndpoint", "push_dataset", "put_graph"]

_TIMEOUT = 30.0


class SparqlEndpoint:
    """A SPARQL 1.1 query endpoint (read only)."""

    #: queries are run by another engine, elsewhere (see :func:`idm_graph.querying.sparql.answer`)
    remote = True

    def __init__(self, url: str, *, timeout: float = _TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(url, "endpoint must be an http:// or https:// URL")
        self.url = url
        self.timeout = timeout

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query; rows of rdflib terms."""
        answer = self.answer(sparql)
        if not isinstance(answer, Result):
            raise EndpointError(self.url, "only SELECT queries give tables")
        return answer.variables, answer.rows

    def answer(self, sparql: str) -> Answer:
        """Run any query: rows, a boolean (ASK) or triples (CONSTRUCT, DESCRIBE), chosen by
        the media type of the server's answer.
        """
        body = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={  # noqa: S310
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9, "
                      "text/turtle;q=0.8"})
        media, payload = _send_typed(request, self.url, self.timeout)
        if media in ("application/n-triples", "text/turtle", "text/plain"):
            import pyoxigraph

            fmt = pyoxigraph.RdfFormat.TURTLE if media == "text/turtle" else \
                pyoxigraph.RdfFormat.N_TRIPLES
            try:
                triples = list(pyoxigraph.parse(payload, format=fmt))
            except SyntaxError as exc:
                raise EndpointError(self.url, f"the answer is not valid {media}: "
                                              f"{' '.join(str(exc).split())[:120]}") from None
            lines = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
            return Triples.of(lines or b"")
        results = _json(payload, self.url)
        if "boolean" in results:
            return bool(results["boolean"])
        variables = list(results.get("head", {}).get("vars", []))
        rows = [{v: _term(b.get(v)) for v in variables}
                for b in results.get("results", {}).get("bindings", [])]
        return Result(variables, rows)

    def reads_named_graphs_only(self) -> bool:
        """Whether the endpoint's default graph is empty while its named graphs hold data
        (an Oxigraph server not started with ``--union-default-graph``): queries without
        ``GRAPH`` then match nothing.
        """
        default = self.answer("ASK { ?s ?p ?o }")
        named = self.answer("ASK { GRAPH ?g { ?s ?p ?o } }")
        return default is False and named is True

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
        from idm_graph.querying.store import dataset_nquads

        return dataset_nquads(self.dataset())


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
    return _send_typed(request, url, timeout)[1]


def _send_typed(request: urllib.request.Request, url: str, timeout: float) -> tuple[str, bytes]:
    """The media type (no parameters) and body of the answer to ``request``."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            media = response.headers.get_content_type()
            return media, bytes(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        raise EndpointError(url, f"HTTP {exc.code}: {' '.join(detail.split())}") from None
    except TimeoutError:
        raise EndpointError(url, f"no answer within {timeout:g} s") from None
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


#: Triples per request: servers with digest authentication (Virtuoso) answer a large body
#: with 401 before reading it, and the connection breaks; small requests survive the exchange.
CHUNK = 2000


def _graphs(data: DataSource) -> Iterator[tuple[str | None, list[bytes], int]]:
    """Each graph of ``data`` as (graph IRI or ``None`` for the default graph, N-Triples in
    chunks of :data:`CHUNK` triples, triple count), named graphs in IRI order; the N-Quads are
    parsed by Oxigraph.
    """
    import pyoxigraph

    graphs: dict[str | None, list[pyoxigraph.Triple]] = {}
    for quad in pyoxigraph.parse(data.nquads(), format=pyoxigraph.RdfFormat.N_QUADS):
        name = None if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else \
            str(quad.graph_name.value)
        graphs.setdefault(name, []).append(quad.triple)
    for name in sorted(graphs, key=lambda g: (g is not None, g or "")):
        triples = graphs[name]
        chunks = [pyoxigraph.serialize(triples[i : i + CHUNK],
                                       format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
                  for i in range(0, len(triples), CHUNK)]
        yield name, chunks, len(triples)


def push_dataset(data: DataSource, store_url: str, *, replace: bool = True,
                 auth: tuple[str, str] | None = None) -> Iterator[tuple[str | None, int, int]]:
    """Send every graph of ``data`` to a Graph Store endpoint; yield (graph, triples, status).

    Named graphs go to their names; triples of a file without named graphs (``.ttl``,
    ``.nt``) go to the store's default graph (graph ``None``). N-Triples is sent (some
    servers misread Turtle escapes in prefixed names).
    """
    if not store_url.startswith(("http://", "https://")):
        raise EndpointError(store_url, "endpoint must be an http:// or https:// URL")
    for graph, chunks, count in _graphs(data):
        status = 0
        for index, payload in enumerate(chunks):  # replace with the first, add the others
            status = put_graph(store_url, graph, payload, replace=replace and index == 0,
                               auth=auth)
        yield graph, count, status
