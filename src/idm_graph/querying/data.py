"""One data layer for every command: "the data" is a :class:`DataSource`, whatever it is.

A data source answers SPARQL SELECT (:meth:`DataSource.select`), gives its quads as sorted
N-Quads (:meth:`DataSource.nquads`; a file without named graphs gives its triples) and, for
SHACL and rdflib's writers, an rdflib dataset (:meth:`DataSource.dataset`). Three kinds:

- :class:`RdflibSource`: a graph file (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``) or
  a build directory, parsed by rdflib;
- :class:`~idm_graph.querying.store.OxigraphStore`: an Oxigraph store (``oxigraph:PATH``);
- :class:`~idm_graph.querying.remote.SparqlEndpoint`: a SPARQL 1.1 endpoint over HTTP.

:func:`open_source` picks one; :func:`to_oxigraph` gives a source in an in-memory Oxigraph
store for fast SPARQL (the views and analytics), leaving stores and endpoints as they are.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> ds.add((URIRef("urn:s"), URIRef("urn:p"), Literal("a b")))  # doctest: +ELLIPSIS
<Graph identifier=... (<class 'rdflib.graph.Dataset'>)>
>>> source = RdflibSource(ds, "example")
>>> source.nquads()
b'<urn:s> <urn:p> "a b" .\\n'
>>> len(to_oxigraph(source).select("SELECT * WHERE { ?s ?p ?o }")[1])
1
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from idm_graph.querying.sources import DataSource, RdflibSource

__all__ = ["DataSource", "RdflibSource", "open_source", "to_oxigraph"]


def open_source(spec: Path | str | None = None, *, endpoint: str | None = None) -> DataSource:
    """The data source for ``--data SPEC`` or ``--endpoint URL`` (one of them).

    ``oxigraph:PATH`` opens an Oxigraph store read-only; a file or build directory is parsed
    by rdflib; ``endpoint`` is a SPARQL 1.1 query URL.
    """
    from idm_graph.querying.store import OXIGRAPH, OxigraphStore, load

    if endpoint is not None:
        from idm_graph.querying.remote import SparqlEndpoint  # above sources, below data

        return SparqlEndpoint(endpoint)
    if spec is None:
        raise ValueError("open_source needs a spec or an endpoint")
    text = str(spec)
    if text.startswith(OXIGRAPH):
        return OxigraphStore(Path(text[len(OXIGRAPH) :]), read_only=True)
    return RdflibSource(load(spec), text)


def to_oxigraph(source: DataSource | Dataset) -> DataSource:
    """``source`` in an in-memory Oxigraph store when it is held by rdflib (SPARQL there is
    one to two orders of magnitude faster); stores and endpoints are returned as they are.
    """
    from idm_graph.querying.store import OxigraphStore

    if isinstance(source, Dataset):
        source = RdflibSource(source)
    if not isinstance(source, RdflibSource):
        return source
    store = OxigraphStore(None)
    store.load_nquads(source.nquads())
    return store
