"""One data layer for every command: "the data" is a :class:`~idm_graph.core.sources.DataSource`.

Every user query runs on Oxigraph; a source is one of:

- an in-memory :class:`~idm_graph.querying.store.OxigraphStore` holding a graph file
  (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``) or build directory, parsed by Oxigraph
  (:func:`~idm_graph.querying.store.open_file`), or an rdflib dataset (:func:`to_oxigraph`);
- an Oxigraph store on disk (``oxigraph:PATH``), opened read-only;
- a :class:`~idm_graph.querying.remote.SparqlEndpoint`: a SPARQL 1.1 endpoint over HTTP,
  the remote engine.

:func:`open_source` picks one.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> ds.add((URIRef("urn:s"), URIRef("urn:p"), Literal("a b")))  # doctest: +ELLIPSIS
<Graph identifier=... (<class 'rdflib.graph.Dataset'>)>
>>> source = to_oxigraph(ds)
>>> source.nquads()
b'<urn:s> <urn:p> "a b" .\\n'
>>> len(source.select("SELECT * WHERE { ?s ?p ?o }")[1])
1
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from idm_graph.core.sources import DataSource
from idm_graph.querying.store import OXIGRAPH, OxigraphStore, dataset_nquads, open_file

__all__ = ["DataSource", "open_source", "to_oxigraph"]


def open_source(spec: Path | str | None = None, *, endpoint: str | None = None) -> DataSource:
    """The data source for ``--data SPEC`` or ``--endpoint URL`` (one of them).

    ``oxigraph:PATH`` opens an Oxigraph store read-only; a file or build directory is loaded
    into an in-memory Oxigraph store; ``endpoint`` is a SPARQL 1.1 query URL.
    """
    if endpoint is not None:
        from idm_graph.querying.remote import SparqlEndpoint  # above the stores

        return SparqlEndpoint(endpoint)
    if spec is None:
        raise ValueError("open_source needs a spec or an endpoint")
    text = str(spec)
    if text.startswith(OXIGRAPH):
        return OxigraphStore(Path(text[len(OXIGRAPH) :]), read_only=True)
    return open_file(spec)


def to_oxigraph(dataset: Dataset) -> OxigraphStore:
    """An rdflib dataset in an in-memory Oxigraph store (its quads as rdflib holds them)."""
    store = OxigraphStore(None)
    store.load_nquads(dataset_nquads(dataset))
    return store
