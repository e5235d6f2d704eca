"""Namespaces and IRIs: every prefix idm-graph binds, and how keys become IRIs.

One schema.org namespace only: ``https://schema.org/`` (rdflib's ``SDO``).

>>> iri("person/antonio-vitorino")
rdflib.term.URIRef('https://w3id.org/idm-graph/id/person/antonio-vitorino')
>>> iri("gcm:objective-19")
rdflib.term.URIRef('https://w3id.org/idm-graph/gcm/objective-19')
>>> slug("Mme Marta-Lucía Ramírez")
'mme-marta-lucia-ramirez'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD

__all__ = [
    "BASE",
    "DCTERMS",
    "FOAF",
    "GCM",
    "IDM",
    "KIND",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "THEME",
    "XSD",
    "bind_prefixes",
    "check_base",
    "iri",
    "kind_labels",
    "slug",
    "union",
]

BASE = "https://w3id.org/idm-graph/id/"
IDM = Namespace("https://w3id.org/idm-graph/ontology#")
KIND = Namespace("https://w3id.org/idm-graph/kind/")
GCM = Namespace("https://w3id.org/idm-graph/gcm/")
THEME = Namespace("https://w3id.org/idm-graph/theme/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES: dict[str, Any] = {
    "idm": IDM,
    "kind": KIND,
    "gcm": GCM,
    "theme": THEME,
    "schema": SDO,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}
_VOCAB = {"gcm": GCM, "theme": THEME, "kind": KIND, "idm": IDM}


def bind_prefixes(graph: Graph, base: str = BASE) -> Graph:
    """Bind every prefix of the project (and ``id:`` for ``base``) on ``graph``."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", Namespace(base), override=True, replace=True)
    return graph


def union(data: Graph) -> Graph:
    """A new graph holding every triple ``data`` yields (for a ``default_union`` dataset,
    the triples of all its named graphs), with its prefixes bound; ``data`` is left untouched.

    >>> from rdflib import Dataset, URIRef
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    >>> len(union(ds))
    1
    """
    out = Graph()
    for prefix, namespace in data.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in data.triples((None, None, None)):
        out.add(triple)
    return out


def iri(key: str, base: str = BASE) -> URIRef:
    """The IRI of a key: vocabulary terms by prefix, everything else under ``base``."""
    prefix, sep, rest = key.partition(":")
    if sep and prefix in _VOCAB:
        return _VOCAB[prefix][rest]
    return URIRef(base + key)


def slug(text: str) -> str:
    """A readable, stable IRI segment: ASCII, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def check_base(base: str) -> str:
    """``base`` if it can prefix resource keys: an absolute IRI ending in ``/`` or ``#``.

    >>> check_base("https://example.org/idm/")
    'https://example.org/idm/'
    >>> check_base("https://example.org/idm")
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.InputError: https://example.org/idm: --base must end with / or # ...
    """
    from idm_graph.core.errors import InputError

    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", base):
        raise InputError(base, "--base is not an absolute IRI (e.g. https://example.org/id/)")
    if not base.endswith(("/", "#")):
        raise InputError(base, "--base must end with / or # (keys are appended to it: "
                               f"{base}person/…)")
    return base


@cache
def kind_labels() -> dict[tuple[str, str], str]:
    """``skos:prefLabel`` of the ontology's ``kind:`` concepts by (notation, language), read
    once from ``ontology/idm.ttl``: the one place contribution kinds are named.

    >>> kind_labels()[("keynote", "fr")]
    'discours liminaire'
    """
    from rdflib import Literal

    from idm_graph.core.resources import ontology_file

    graph = Graph().parse(ontology_file("idm.ttl"), format="turtle")
    labels: dict[tuple[str, str], str] = {}
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        if str(subject).startswith(str(KIND)) and isinstance(label, Literal) and label.language:
            labels[(str(subject)[len(str(KIND)):], label.language)] = str(label)
    return labels
