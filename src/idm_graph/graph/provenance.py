"""The provenance of a build (PROV-O): the build activity and its IRI, the software agent,
whether the graph was validated, the named graphs each source gave, and each source's and
curation file's description.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from idm_graph import __version__
from idm_graph.core import keys
from idm_graph.core.vocab import (
    BASE,
    DCTERMS,
    IDM,
    KIND,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    iri,
    slug,
)
from idm_graph.graph.statements import Graphs, SourceRecord, Statements, graph_iri
from idm_graph.text.document import title_of

__all__ = ["add_provenance", "build_iri", "curation_statements", "source_statements"]


def build_iri(digests: Iterable[tuple[str, str | None]], base: str = BASE) -> URIRef:
    """The IRI of a build: a digest of its inputs (document and curation digests) and of the
    software version, so the same inputs give the same IRI.
    """
    digest = hashlib.sha256()
    for document, curation in digests:
        digest.update(document.encode())
        digest.update((curation or "").encode())
    digest.update(__version__.encode())
    return iri(keys.build(digest.hexdigest()[:16]), base)


def source_statements(graph: Statements, record: SourceRecord, source: URIRef,
                      base: str) -> None:
    """Describe a source document: its types, title, language, digests, pages, author, date,
    file name, the sessions it is about, its publisher and note.
    """
    doc, meta = record.document, record.metadata
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, RDF.type, IDM.Summary))
    graph.add((source, RDF.type, SDO.Report))
    title = meta.get("title") or title_of(doc)[0]
    graph.add((source, DCTERMS.title, Literal(title, lang=doc.language)))
    graph.add((source, SDO.name, Literal(title, lang=doc.language)))
    graph.add((source, RDFS.label, Literal(title, lang=doc.language)))
    graph.add((source, SDO.inLanguage, Literal(doc.language)))
    graph.add((source, DCTERMS.language, Literal(doc.language)))
    graph.add((source, IDM.sha256, Literal(doc.sha256)))
    graph.add((source, SDO.encodingFormat, Literal(doc.media_type)))
    if doc.file_sha256 is not None:  # the text was taken from a PDF or a web page
        graph.add((source, IDM.fileSha256, Literal(doc.file_sha256)))
    if doc.pages:
        graph.add((source, SDO.numberOfPages, Literal(len(doc.pages),
                                                      datatype=XSD.positiveInteger)))
    if doc.metadata.get("author") and not meta.get("author"):
        graph.add((source, DCTERMS.creator, Literal(doc.metadata["author"])))
    created = str(meta.get("created") or doc.metadata.get("created") or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", created):
        graph.add((source, DCTERMS.created, Literal(created, datatype=XSD.date)))
    if doc.path is not None:
        graph.add((source, SDO.identifier, Literal(doc.path.name)))
    for session in record.facts.of_kind("DialogueSession"):
        graph.add((source, SDO.about, iri(session.key, base)))
    if meta.get("publisher"):
        graph.add((source, SDO.publisher, iri(keys.organisation(slug(meta["publisher"])), base)))
    if meta.get("note"):
        graph.add((source, SKOS.note, Literal(meta["note"], lang="en")))


def curation_statements(graph: Statements, record: SourceRecord, source: URIRef,
                        base: str) -> None:
    """Describe the curation file of a source, if it has one: its name and digest."""
    if record.curation_path is None:
        return
    node = iri(keys.curation(slug(record.document.key)), base)
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, SDO.name, Literal(record.curation_path.name)))
    graph.add((node, RDFS.label, Literal(f"Curation: {record.curation_path.name}")))
    graph.add((node, SDO.about, source))
    if record.curation_sha256:
        graph.add((node, IDM.sha256, Literal(record.curation_sha256)))


def add_provenance(dataset: Graphs, sources: Sequence[tuple[str, bool]], build: URIRef,
                   base: str = BASE, *, validated: bool = True) -> None:
    """Add the provenance graph: the build activity, the software agent, whether the build
    validated its graph against the SHACL shapes (``kind:shacl-conforms``, or
    ``kind:not-validated`` with ``--skip-validation``), and for each source ``(document key,
    has curation)`` the named graphs the build generated.
    """
    graph = dataset.graph(graph_iri("provenance", base))
    agent = iri(f"software/idm-graph/{__version__}", base)
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDF.type, SDO.SoftwareApplication))
    graph.add((agent, SDO.name, Literal("idm-graph")))
    graph.add((agent, RDFS.label, Literal(f"idm-graph {__version__}")))
    graph.add((agent, SDO.softwareVersion, Literal(__version__)))
    graph.add((build, RDF.type, PROV.Activity))
    graph.add((build, RDFS.label, Literal("idm-graph build")))
    graph.add((build, PROV.wasAssociatedWith, agent))
    graph.add((build, IDM.validation, KIND["shacl-conforms" if validated else "not-validated"]))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        when = datetime.fromtimestamp(int(epoch), tz=UTC)
        graph.add((build, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    for document_key, has_curation in sources:
        key = slug(document_key)
        derived = [(keys.source(key), KIND.explicit)]
        if has_curation:
            derived.append((keys.curation(key), KIND.curated))
        for used, basis in derived:  # the document (and its curation) → its named graph
            origin, named = iri(used, base), graph_iri(used, base)
            graph.add((build, PROV.used, origin))
            graph.add((named, RDF.type, PROV.Entity))
            graph.add((named, PROV.wasGeneratedBy, build))
            graph.add((named, PROV.wasDerivedFrom, origin))
            graph.add((named, IDM.basis, basis))
