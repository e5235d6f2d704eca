"""Every format the project reads or writes, in one registry: RDF serialisations (with their
file suffixes, rdflib parser and Oxigraph format), network formats of a view, formats of a
query's answer, and the files a build writes.

>>> by_suffix(".nq").name, by_suffix(".json").rdflib
('nquads', 'json-ld')
>>> BUILD_FILES["idm.ttl"]
'turtle'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["BUILD_FILES", "CORPUS_FILES", "NETWORK", "OPTIONAL", "RDF", "READ_ORDER", "RESULTS",
           "RdfFormat", "by_suffix", "oxigraph_format", "suffixes"]


@dataclass(frozen=True, slots=True)
class RdfFormat:
    """An RDF serialisation: its name, file suffixes (the first is written), the rdflib
    parser that reads it, and the ``pyoxigraph.RdfFormat`` member that reads and writes it.
    """

    name: str
    suffixes: tuple[str, ...]
    rdflib: str
    oxigraph: str

    @property
    def suffix(self) -> str:
        """The suffix of the files written in this format."""
        return self.suffixes[0]


RDF: dict[str, RdfFormat] = {f.name: f for f in (
    RdfFormat("turtle", (".ttl",), "turtle", "TURTLE"),
    RdfFormat("trig", (".trig",), "trig", "TRIG"),
    RdfFormat("nquads", (".nq",), "nquads", "N_QUADS"),
    RdfFormat("ntriples", (".nt",), "nt", "N_TRIPLES"),
    RdfFormat("jsonld", (".jsonld", ".json"), "json-ld", "JSON_LD"),
)}
#: Network formats of one view (``idm-graph export --view``).
NETWORK = ("graphml", "gexf", "csv")
#: Formats of a query's answer: rows (table, csv, json) or triples (turtle, ntriples).
RESULTS = ("table", "csv", "json", "turtle", "ntriples")
#: The graph files of a one-document build, by format.
BUILD_FILES = {"idm.ttl": "turtle", "idm.trig": "trig", "idm.jsonld": "jsonld"}
#: The graph files of a corpus build by format, in the order they are listed.
CORPUS_FILES = {"idm.nq": "nquads", "idm.trig": "trig", "idm.ttl": "turtle",
                "idm.jsonld": "jsonld"}
#: Formats whose graph file a build may leave out (``build --without``).
OPTIONAL = ("jsonld", "trig")
#: Which graph file of a build folder is read (the first present): named graphs first.
READ_ORDER = ("idm.trig", "idm.nq", "idm.ttl", "idm.jsonld")


def suffixes() -> dict[str, RdfFormat]:
    """Every file suffix the project reads, with its format."""
    return {suffix: f for f in RDF.values() for suffix in f.suffixes}


def by_suffix(suffix: str) -> RdfFormat | None:
    """The RDF format of a file suffix (``.ttl``…), case ignored; ``None`` if unknown."""
    return suffixes().get(suffix.lower())


def oxigraph_format(fmt: RdfFormat) -> Any:
    """The ``pyoxigraph.RdfFormat`` of ``fmt``."""
    import pyoxigraph

    return getattr(pyoxigraph.RdfFormat, fmt.oxigraph)
