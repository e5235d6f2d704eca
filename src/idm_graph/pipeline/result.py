"""What a build made (:class:`BuildResult`), and the distinct resources it counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idm_graph.core.facts import FactSet
from idm_graph.core.sources import DataSource
from idm_graph.core.vocab import BASE
from idm_graph.graph.encode import (
    SourceRecord,
    encode,
)
from idm_graph.graph.shacl import Report
from idm_graph.pipeline.audit import MergeRow
from idm_graph.querying.store import OxigraphStore

__all__ = ["SUBSTANTIVE", "BuildResult", "Tally", "count_facts"]


#: Kinds of which a document must give at least one to be more than a mention.
SUBSTANTIVE = ("DialogueSession", "Panel", "Person")


@dataclass(slots=True)
class BuildResult:
    """What a build made: the queryable graph (an rdflib dataset or an Oxigraph store), its
    sources, the SHACL report, the merge audit and the files written.

    A build in memory makes its N-Quads (:attr:`nquads`) without rdflib; its rdflib dataset
    is encoded the first time :attr:`dataset` is asked for. A corpus built into files
    without a store is loaded into an in-memory Oxigraph store from its ``idm.nq`` then.
    """

    data: Any
    records: list[SourceRecord]
    report: Report
    files: list[Path] = field(default_factory=list)
    out: Path | None = None
    documents: list[str] = field(default_factory=list)
    #: distinct resources per kind in the built graph (after the merge across documents)
    entity_counts: dict[str, int] = field(default_factory=dict)
    #: per kind, the sum over documents of each document's resources (a merged resource
    #: counts once per document that names it)
    entity_sums: dict[str, int] = field(default_factory=dict)
    curated_count: int = 0
    merges: list[MergeRow] = field(default_factory=list)
    quads: int = 0
    #: documents in which no session, panel or person was recognised (not summaries?)
    empty: list[str] = field(default_factory=list)
    #: the whole graph as N-Quads, for a build in memory
    nquads: bytes | None = None
    base: str = BASE
    #: what the outputs have to say (a view with nothing to draw, and why)
    notes: list[str] = field(default_factory=list)
    _source: DataSource | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def dataset(self) -> Any:
        """The graph, queryable with :func:`idm_graph.query` and the views: an rdflib
        dataset for a build in memory, an Oxigraph store for a corpus.
        """
        if self.data is None and self.nquads is not None:
            self.data = encode(self.records, base=self.base, validated=self.report.validated)
        elif self.data is None and self.out is not None:
            store = OxigraphStore(None)
            store.load_nquads((self.out / "idm.nq").read_bytes())
            self.data = store
        return self.data

    def store(self) -> DataSource:
        """The graph as the data source every query takes (:func:`idm_graph.query`, the
        views): a corpus's Oxigraph store, or an in-memory Oxigraph store loaded from the
        N-Quads of a build in memory (loaded once, then kept).

        >>> from idm_graph import build, query
        >>> len(query(build().store(), "panels")) > 0
        True
        """
        if self._source is None:
            if self.nquads is not None:
                store = OxigraphStore(None)
                store.load_nquads(self.nquads)
                self._source = store
            elif isinstance(self.dataset, OxigraphStore):
                self._source = self.dataset
            else:
                from idm_graph.querying.data import to_oxigraph

                self._source = to_oxigraph(self.dataset)
        return self._source

    def counts(self) -> dict[str, int]:
        """Number of distinct resources per kind in the graph, after the merge."""
        return dict(sorted(self.entity_counts.items()))


def count_facts(facts: FactSet) -> dict[str, tuple[str, ...]]:
    """The keys of one document's resources, by kind."""
    found: dict[str, list[str]] = {}
    for entity in facts.entities.values():
        found.setdefault(entity.kind, []).append(entity.key)
    return {kind: tuple(keys) for kind, keys in found.items()}


class Tally:
    """Resources by kind over documents: distinct keys (one per resource of the merged graph)
    and the per-document sum.

    >>> tally = Tally()
    >>> tally.add({"Country": ("country/fra", "country/sen")})
    >>> tally.add({"Country": ("country/fra",)})
    >>> tally.distinct(), tally.sums
    ({'Country': 2}, {'Country': 3})
    """

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}
        self.sums: dict[str, int] = {}

    def add(self, counted: dict[str, tuple[str, ...]]) -> None:
        """Count the keys of one document's facts, by kind."""
        for kind, found in counted.items():
            self.keys.setdefault(kind, set()).update(found)
            self.sums[kind] = self.sums.get(kind, 0) + len(found)

    def distinct(self) -> dict[str, int]:
        """The number of distinct resources of each kind."""
        return {kind: len(found) for kind, found in self.keys.items()}
