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
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from idm_graph.errors import EndpointError

__all__ = ["SparqlEndpoint", "put_graph"]

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


def put_graph(store_url: str, graph_iri: str, payload: bytes, *, content_type: str =
              "application/n-triples", replace: bool = True, timeout: float = 120.0,
              auth: tuple[str, str] | None = None) -> int:
    """Send one named graph to a Graph Store (PUT replaces it, POST merges); HTTP status."""
    url = f"{store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
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
