"""One data layer for every command: "the data" is a :class:`DataSource`, whatever it is.

A data source answers SPARQL SELECT (:meth:`DataSource.select`), gives its quads as sorted
N-Quads (:meth:`DataSource.nquads`; a file without named graphs gives its triples) and, for
SHACL and rdflib's writers, an rdflib dataset (:meth:`DataSource.dataset`). Three kinds:

- :class:`RdflibSource`: a graph file (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld``) or
  a build directory, parsed by rdflib;
- :class:`~idm_graph.store.OxigraphStore`: an Oxigraph store (``oxigraph:PATH``);
- :class:`~idm_graph.remote.SparqlEndpoint`: a SPARQL 1.1 endpoint over HTTP.

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
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rdflib import Dataset
from rdflib.term import Node

if TYPE_CHECKING:
    from idm_graph.sparql import Answer

__all__ = ["DataSource", "RdflibSource", "open_source", "to_oxigraph"]


@runtime_checkable
class DataSource(Protocol):
    """What every command reads: SPARQL SELECT, N-Quads, and an rdflib dataset."""

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query: variable names and rows of rdflib terms."""

    def answer(self, sparql: str) -> Answer:
        """Run a query of any form: rows, a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    def nquads(self) -> bytes:
        """Every quad as sorted N-Quads lines (default-graph triples without a graph)."""

    def dataset(self) -> Dataset:
        """The data as an rdflib dataset (named graphs kept)."""


class RdflibSource:
    """An rdflib dataset (a parsed file or build directory) as a data source."""

    def __init__(self, dataset: Dataset, label: str = "graph") -> None:
        self._dataset = dataset
        self.label = label

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query with rdflib."""
        from idm_graph.sparql import select

        result = select(self._dataset, sparql, self.label)
        return result.variables, result.rows

    def answer(self, sparql: str) -> Answer:
        """Run a query of any form with rdflib."""
        from idm_graph.sparql import _rdflib_answer

        return _rdflib_answer(self._dataset, self.label, sparql)

    def nquads(self) -> bytes:
        """Sorted canonical N-Quads of the dataset (rdflib writes, Oxigraph canonicalises)."""
        import pyoxigraph

        text = self._dataset.serialize(format="nquads").encode("utf-8")
        quads = pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS)
        from idm_graph.export import sorted_lines

        return sorted_lines(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
                            or b"")

    def dataset(self) -> Dataset:
        """The dataset itself."""
        return self._dataset


def open_source(spec: Path | str | None = None, *, endpoint: str | None = None) -> DataSource:
    """The data source for ``--data SPEC`` or ``--endpoint URL`` (one of them).

    ``oxigraph:PATH`` opens an Oxigraph store read-only; a file or build directory is parsed
    by rdflib; ``endpoint`` is a SPARQL 1.1 query URL.
    """
    from idm_graph.store import OXIGRAPH, OxigraphStore, load

    if endpoint is not None:
        from idm_graph.remote import SparqlEndpoint

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
    from idm_graph.store import OxigraphStore

    if isinstance(source, Dataset):
        source = RdflibSource(source)
    if not isinstance(source, RdflibSource):
        return source
    store = OxigraphStore(None)
    store.load_nquads(source.nquads())
    return store
