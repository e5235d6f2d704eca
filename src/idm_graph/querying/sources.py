"""What "the data" is to every command: the :class:`DataSource` protocol, and
:class:`RdflibSource`, a dataset parsed by rdflib. Below both the endpoints
(:mod:`idm_graph.querying.remote`) and the factory that picks a source
(:mod:`idm_graph.querying.data`), so that neither imports the other in a circle.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset(default_union=True)
>>> _ = ds.add((URIRef("urn:s"), URIRef("urn:p"), Literal("a")))
>>> RdflibSource(ds).select("SELECT ?o WHERE { ?s ?p ?o }")[0]
['o']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rdflib import Dataset
from rdflib.term import Node

if TYPE_CHECKING:
    from idm_graph.querying.results import Answer

__all__ = ["DataSource", "RdflibSource"]


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
        from idm_graph.querying.sparql import select

        result = select(self._dataset, sparql, self.label)
        return result.variables, result.rows

    def answer(self, sparql: str) -> Answer:
        """Run a query of any form with rdflib."""
        from idm_graph.querying.sparql import _rdflib_answer

        return _rdflib_answer(self._dataset, self.label, sparql)

    def nquads(self) -> bytes:
        """Sorted canonical N-Quads of the dataset (rdflib writes, Oxigraph canonicalises)."""
        import pyoxigraph

        text = self._dataset.serialize(format="nquads").encode("utf-8")
        quads = pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS)
        from idm_graph.graph.export import sorted_lines

        return sorted_lines(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
                            or b"")

    def dataset(self) -> Dataset:
        """The dataset itself."""
        return self._dataset
