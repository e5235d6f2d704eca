"""What "the data" is to every command, and what a query on it gives.

:class:`DataSource` is the one protocol every reader of a graph works on (the query function
:func:`idm_graph.querying.sparql.query`, the views, the CLI, ``serve``, the API). Its kinds are
an Oxigraph store, on disk or in memory (a graph file or build folder is loaded into one), and
a SPARQL endpoint. A query gives an :data:`Answer`: rows (:class:`Result`), a boolean (ASK) or
triples (:class:`Triples`). On the ground floor, so that the stores, the endpoints, the query
library and the views all name the same types without importing each other.

>>> from rdflib import Literal
>>> Result(["n"], [{"n": Literal(3)}]).as_dicts()
[{'n': 3}]
>>> table(True, "exists")
Traceback (most recent call last):
...
idm_graph.core.errors.QueryError: exists: only SELECT queries give tables (this is ASK)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rdflib import Literal
from rdflib.term import Node

from idm_graph.core.errors import QueryError

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["Answer", "DataSource", "Result", "Triples", "sorted_lines", "table"]


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
        return cls(sorted_lines(data))

    def __len__(self) -> int:
        return self.ntriples.count(b"\n")


#: What a query gives: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
Answer = Result | bool | Triples


@runtime_checkable
class DataSource(Protocol):
    """What every command reads: any SPARQL query, N-Quads, and an rdflib dataset."""

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query: variable names and rows of rdflib terms."""

    def answer(self, sparql: str) -> Answer:
        """Run a query of any form: rows, a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    def nquads(self) -> bytes:
        """Every quad as sorted N-Quads lines (default-graph triples without a graph)."""

    def dataset(self) -> Dataset:
        """The data as an rdflib dataset (named graphs kept), for pySHACL and rdflib."""


def table(answer: Answer, label: str) -> Result:
    """The rows of ``answer``; a clear error when the query was not a SELECT."""
    if isinstance(answer, Result):
        return answer
    kind = "ASK" if isinstance(answer, bool) else "CONSTRUCT/DESCRIBE"
    raise QueryError(label, f"only SELECT queries give tables (this is {kind})")


def sorted_lines(data: bytes) -> bytes:
    """The non-empty lines of ``data``, deduplicated and sorted (deterministic N-Quads).

    >>> sorted_lines(b"<b> <p> <o> .\\n\\n<a> <p> <o> .\\n<b> <p> <o> .\\n")
    b'<a> <p> <o> .\\n<b> <p> <o> .\\n'
    """
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython() if term.datatype else str(term)
    return str(term)
