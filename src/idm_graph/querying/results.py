"""What a query gives: rows (:class:`Result`), a boolean, or triples (:class:`Triples`), and
the protocols of the engines that give them. Its own module, below both the query library
(:mod:`idm_graph.querying.sparql`) and the stores (:mod:`idm_graph.querying.store`), which
both use them.

>>> from rdflib import Literal
>>> Result(["n"], [{"n": Literal(3)}]).as_dicts()
[{'n': 3}]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from rdflib import Literal
from rdflib.term import Node

__all__ = ["Answer", "AnswerStore", "Result", "SparqlStore", "Triples"]


class SparqlStore(Protocol):
    """Anything that answers SPARQL SELECT: rows of terms by variable name."""

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query."""


@dataclass(frozen=True, slots=True)
class Result:
    """The answer to a SELECT query: variable names and rows of RDF terms (or ``None``)."""

    variables: list[str]
    rows: list[dict[str, Node | None]]

    def as_dicts(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (``None`` for unbound), for notebooks and pandas."""
        return [{v: _python(row.get(v)) for v in self.variables} for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Triples:
    """The answer to CONSTRUCT or DESCRIBE: the triples as sorted N-Triples lines."""

    ntriples: bytes

    @classmethod
    def of(cls, data: bytes) -> Triples:
        """Sorted, deduplicated N-Triples (deterministic output)."""
        from idm_graph.graph.export import sorted_lines

        return cls(sorted_lines(data))

    def __len__(self) -> int:
        return self.ntriples.count(b"\n")


#: What a query gives: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
Answer = Result | bool | Triples


class AnswerStore(Protocol):
    """Anything that answers every query form (Oxigraph stores, endpoints, data sources)."""

    def answer(self, sparql: str) -> Answer:
        """Run a query of any form."""


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython() if term.datatype else str(term)
    return str(term)
