"""Where encoded statements go: a source's record, the IRIs of named graphs, and two sinks
with one interface: an rdflib graph, or N-Quads lines written without rdflib (a corpus's
workers use them).

>>> str(graph_iri("provenance"))
'https://w3id.org/idm-graph/id/graph/provenance'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rdflib import Literal, URIRef

from idm_graph.core.facts import FactSet
from idm_graph.core.vocab import (
    BASE,
)
from idm_graph.text.document import Document

__all__ = ["Graphs", "NQuads", "NQuadsDataset", "SourceRecord", "Statements", "graph_iri"]


@dataclass(slots=True)
class SourceRecord:
    """One source document with its extracted facts, optional curated facts and metadata."""

    document: Document
    facts: FactSet
    curated: FactSet | None = None
    curation_path: Path | None = None
    curation_sha256: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def graph_iri(name: str, base: str = BASE) -> URIRef:
    """The IRI of a named graph: ``ontology``, ``vocabularies``, ``provenance``,
    ``source/<key>`` or ``curation/<key>``.
    """
    return URIRef(f"{base}graph/{name}")


class Statements(Protocol):
    """Where the encoder puts statements: an rdflib graph, or :class:`NQuads`."""

    def add(self, triple: tuple[URIRef, URIRef, Any], /) -> Any:
        """Add one statement."""


class NQuads:
    """The statements of one named graph as N-Quads lines, exactly as rdflib's N-Quads
    serializer writes them (IRIs whole; literals escaped for backslash, newline, quote and
    carriage return; then their language or datatype).

    >>> sink = NQuads(URIRef("urn:g"))
    >>> sink.add((URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="en")))
    >>> print(sink.lines[0], end="")
    <urn:s> <urn:p> "say \\"hi\\""@en <urn:g> .
    """

    __slots__ = ("lines", "tail")

    def __init__(self, graph: URIRef) -> None:
        self.tail = f" <{graph}> .\n"
        self.lines: list[str] = []

    def add(self, triple: tuple[URIRef, URIRef, Any], /) -> None:
        """Add one statement (its subject and predicate are IRIs, its object an IRI or a
        literal: the encoder makes no blank node).
        """
        s, p, o = triple
        if isinstance(o, Literal):
            text = '"' + o.replace("\\", "\\\\").replace("\n", "\\n").replace(
                '"', '\\"').replace("\r", "\\r") + '"'
            if o.language:
                text += "@" + o.language
            elif o.datatype:
                text += f"^^<{o.datatype}>"
        else:
            text = f"<{o}>"
        self.lines.append(f"<{s}> <{p}> {text}{self.tail}")


class Graphs(Protocol):
    """Named graphs the encoder adds to: an rdflib ``Dataset``, or :class:`NQuadsDataset`."""

    def graph(self, identifier: URIRef, /) -> Statements:
        """The named graph ``identifier``."""


class NQuadsDataset:
    """Named graphs written as N-Quads lines (:class:`NQuads`), in the order they were added.

    >>> dataset = NQuadsDataset()
    >>> dataset.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal(1)))
    >>> dataset.serialize()
    b'<urn:s> <urn:p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <urn:g> .\\n'
    """

    __slots__ = ("graphs",)

    def __init__(self) -> None:
        self.graphs: list[NQuads] = []

    def graph(self, identifier: URIRef, /) -> NQuads:
        """A new named graph ``identifier`` (the encoder asks once per graph)."""
        self.graphs.append(NQuads(identifier))
        return self.graphs[-1]

    def serialize(self) -> bytes:
        """Every line, UTF-8 (unsorted, possibly with repeats: sort them to compare)."""
        return "".join(line for graph in self.graphs for line in graph.lines).encode("utf-8")
