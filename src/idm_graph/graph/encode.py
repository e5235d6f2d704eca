"""Facts → RDF: one code path for extracted and curated facts.

:func:`encode` builds an rdflib ``Dataset`` with named graphs: the ontology, the vocabularies
(GCM objectives and frameworks, themes), one graph of extracted facts per source, one graph of
curated facts per curation file, and the build's provenance. Every entity and qualified node
gets a W3C Web Annotation whose target selects its quote in the source by
``oa:TextQuoteSelector`` (exact, prefix, suffix) and ``oa:TextPositionSelector`` (start, end).
No blank nodes: every node has a stable IRI, so outputs are byte-identical across builds.

>>> from idm_graph.text.document import parse_text
>>> from idm_graph.extract import extract
>>> doc = parse_text("Ms. Jane Roe, Director of Acme Ltd, presented data.", key="d")
>>> ds = encode([SourceRecord(doc, extract(doc))], vocabularies=False)
>>> person = iri("person/jane-roe")
>>> str(ds.value(person, SDO.jobTitle))
'Director of Acme Ltd'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from idm_graph.core import keys
from idm_graph.core.facts import CURATED, EXPLICIT, Entity, Evidence, FactSet
from idm_graph.core.resources import ontology_file
from idm_graph.core.vocab import (
    BASE,
    FOAF,
    IDM,
    KIND,
    OA,
    ORG,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    bind_prefixes,
    iri,
    kind_labels,
    slug,
)
from idm_graph.extract.themes import vocabulary
from idm_graph.graph.provenance import (
    add_provenance,
    build_iri,
    curation_statements,
    source_statements,
)
from idm_graph.graph.statements import (
    Graphs,
    NQuads,
    NQuadsDataset,
    SourceRecord,
    Statements,
    graph_iri,
)
from idm_graph.text.document import title_of

__all__ = [
    "ONTOLOGY_FILES",
    "RELATIONS",
    "Graphs",
    "NQuads",
    "NQuadsDataset",
    "SourceRecord",
    "Statements",
    "add_provenance",
    "add_vocabularies",
    "build_iri",
    "encode",
    "encode_nquads",
    "graph_iri",
    "methods",
]

ONTOLOGY_FILES = {"ontology": ("idm.ttl",), "vocabularies": ("gcm.ttl", "themes.ttl")}

#: The model's relations and the property each is encoded with.
RELATIONS: dict[str, URIRef] = {
    "superEvent": SDO.superEvent,
    "organizer": SDO.organizer,
    "performer": SDO.performer,
    "memberOf": ORG.memberOf,
    "country": IDM.country,
    "location": SDO.location,
    "isPartOf": SDO.isPartOf,
    "about": SDO.about,
    "mentions": SDO.mentions,
    "forCountry": IDM.forCountry,
    "relatedObjective": IDM.relatedObjective,
}
_ORG_TYPES = {
    "government-body": SDO.GovernmentOrganization,
    "ngo": SDO.NGO,
    "private-company": SDO.Corporation,
    "academia": SDO.EducationalOrganization,
    "project": SDO.Project,
    "media": SDO.NewsMediaOrganization,
}
_CONTEXT_CHARS = 32


def encode(records: Sequence[SourceRecord], *, base: str = BASE,
           vocabularies: bool = True, build: URIRef | None = None,
           provenance: bool = True, validated: bool = True) -> Dataset:
    """Encode the facts of every record into one dataset of named graphs.

    ``build`` is the IRI of the build activity (default: derived from the inputs, see
    :func:`build_iri`); a corpus build encodes documents separately with one shared ``build``
    and adds the ``vocabularies`` and ``provenance`` graphs once. ``validated`` says whether
    the build checks the graph against the SHACL shapes (recorded in the provenance).
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset, base)
    if vocabularies:
        add_vocabularies(dataset, base)
    if build is None:
        build = build_iri([(r.document.sha256, r.curation_sha256) for r in records], base)
    for record in records:
        _record(record, dataset.graph, base, build)
    if provenance:
        add_provenance(dataset, [(r.document.key, r.curated is not None) for r in records],
                       build, base, validated=validated)
    return dataset


def encode_nquads(record: SourceRecord, *, build: URIRef, base: str = BASE) -> bytes:
    """The named graphs of one record (its extracted facts, and its curated facts if any) as
    N-Quads lines, unsorted, written without an rdflib graph: the statements of
    :func:`encode` for that record, in a quarter of the time (a corpus's workers use it).

    >>> from idm_graph.text.document import parse_text
    >>> from idm_graph.extract import extract
    >>> doc = parse_text("Ms. Jane Roe, Director of Acme Ltd, presented data.", key="d")
    >>> nquads = encode_nquads(SourceRecord(doc, extract(doc)), build=iri("build/x"))
    >>> [line for line in nquads.decode().splitlines() if "jobTitle" in line]
    ['<https://w3id.org/idm-graph/id/person/jane-roe> <https://schema.org/jobTitle> \
"Director of Acme Ltd"@en <https://w3id.org/idm-graph/id/graph/source/d> .']
    """
    dataset = NQuadsDataset()
    _record(record, dataset.graph, base, build)
    return dataset.serialize()


def _record(record: SourceRecord, graph: Callable[[URIRef], Statements], base: str,
            build: URIRef) -> None:
    """Encode one record into the named graphs ``graph`` gives for each graph IRI."""
    key = slug(record.document.key)
    source = iri(keys.source(key), base)
    extracted = graph(graph_iri(keys.source(key), base))
    _Encoder(extracted, record, source, base, build).facts(record.facts, EXPLICIT)
    source_statements(extracted, record, source, base)
    if record.curated is not None:
        curated = graph(graph_iri(keys.curation(key), base))
        _Encoder(curated, record, source, base, build).facts(record.curated, CURATED)
        curation_statements(curated, record, source, base)


def add_vocabularies(dataset: Dataset, base: str = BASE) -> None:
    """Add the ontology and vocabulary named graphs."""
    for name, files in ONTOLOGY_FILES.items():
        graph = dataset.graph(graph_iri(name, base))
        for file in files:
            graph.parse(ontology_file(file), format="turtle")


class _Encoder:
    """Adds one fact set to one named graph."""

    def __init__(self, graph: Statements, record: SourceRecord, source: URIRef, base: str,
                 build: URIRef) -> None:
        self.graph = graph
        self.record = record
        self.source = source
        self.base = base
        self.build = build
        self.lang = record.document.language
        self.names: dict[str, dict[str, str]] = {}

    def iri(self, key: str) -> URIRef:
        return iri(key, self.base)

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.graph.add((s, p, o))
        if p == RDFS.label:  # the lookup key of a label: one index step to find a node
            self.graph.add((s, IDM.labelKey, Literal(keys.label_key(o))))

    def facts(self, facts: FactSet, basis: str) -> None:
        for known in (self.record.facts, facts):
            for entity in known.entities.values():
                self.names[entity.key] = entity.labels or {"": entity.attrs.get("name", "")}
        for entity in facts.entities.values():
            node = self.iri(entity.key)
            encoder = _ENCODERS.get(entity.kind)
            if encoder is None:
                raise ValueError(f"no encoder for facts of kind {entity.kind!r}")
            encoder(self, node, entity)
            for evidence in entity.evidence:
                self._annotation(node, entity, evidence, basis)
        for relation in facts.relations:
            subject, obj = self.iri(relation.subject), self.iri(relation.object)
            self.add(subject, RELATIONS[relation.predicate], obj)

    # -------------------------------------------------------------------- labels

    def _labels(self, node: URIRef, labels: dict[str, str], *props: URIRef) -> None:
        for lang, text in sorted(labels.items()):
            literal = Literal(text, lang=lang or None)
            self.add(node, RDFS.label, literal)
            for prop in props:
                self.add(node, prop, literal)

    def _text(self, node: URIRef, text: str) -> None:
        self.add(node, SDO.text, Literal(text, lang=self.lang))

    def _label_of(self, key: str) -> str:
        names = self.names.get(key) or (vocabulary().labels.get(key, {})
                                        if key.startswith("theme:") else {})
        return names.get(self.lang) or names.get("") or next(iter(names.values()), key)

    # -------------------------------------------------------------------- by kind

    def _dialoguesession(self, node: URIRef, e: Entity) -> None:
        a = e.attrs
        self.add(node, RDF.type, IDM.DialogueSession)
        self.add(node, RDF.type, SDO.Event)
        self._labels(node, e.labels or {self.lang: title_of(self.record.document)[0]},
                     SDO.name)
        for prop, name in ((SDO.startDate, "startDate"), (SDO.endDate, "endDate")):
            if a.get(name):
                self.add(node, prop, Literal(a[name], datatype=XSD.date))
        if a.get("number"):
            self.add(node, IDM.sessionNumber, Literal(int(a["number"])))
        if a.get("theme"):
            self.add(node, IDM.themeTitle, Literal(a["theme"], lang=self.lang))
        if a.get("speakerCount"):
            self.add(node, IDM.statedSpeakerCount, Literal(int(a["speakerCount"])))
        if a.get("panelCount"):
            self.add(node, IDM.statedPanelCount, Literal(int(a["panelCount"])))
        if a.get("format"):
            self.add(node, SDO.eventAttendanceMode, SDO[f"{a['format']}EventAttendanceMode"])
        if a.get("venue"):
            venue = self.iri(keys.venue(e.key))
            self.add(node, SDO.location, venue)
            self.add(venue, RDF.type, SDO.Place)
            self.add(venue, SDO.name, Literal(a["venue"], lang=self.lang))
            self.add(venue, RDFS.label, Literal(a["venue"], lang=self.lang))
        if a.get("series"):
            series = self.iri("idm")
            self.add(node, SDO.superEvent, series)
            self.add(series, RDF.type, SDO.EventSeries)
            for lang, name in (("en", "International Dialogue on Migration"),
                               ("fr", "Dialogue international sur la migration")):
                self.add(series, SDO.name, Literal(name, lang=lang))
                self.add(series, RDFS.label, Literal(name, lang=lang))
            self.add(series, SDO.alternateName, Literal("IDM"))

    def _panel(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, IDM.Panel)
        self.add(node, RDF.type, SDO.Event)
        number = int(e.attrs["number"])
        self.add(node, IDM.panelNumber, Literal(number))
        for lang, title in sorted(e.labels.items()):
            self.add(node, SDO.name, Literal(title, lang=lang))
            colon = " :" if lang == "fr" else ":"
            self.add(node, RDFS.label, Literal(f"Panel {number}{colon} {title}", lang=lang))
        self._day(node, e)

    def _day(self, node: URIRef, e: Entity) -> None:
        day = e.attrs.get("day")
        if not day:
            return
        self.add(node, IDM.day, Literal(int(day)))
        start = self._session_start()
        if start is not None and e.kind == "Panel":
            when = start + timedelta(days=int(day) - 1)
            self.add(node, SDO.startDate, Literal(when.isoformat(), datatype=XSD.date))

    def _session_start(self) -> date | None:
        for entity in self.record.facts.of_kind("DialogueSession"):
            if entity.attrs.get("startDate"):
                return date.fromisoformat(entity.attrs["startDate"])
        return None

    def _opening(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, IDM.Opening)
        self.add(node, RDF.type, SDO.Event)
        self._labels(node, e.labels, SDO.name)

    def _closing(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, IDM.Closing)
        self.add(node, RDF.type, SDO.Event)
        self._labels(node, e.labels, SDO.name)

    def _event(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, SDO.Event)
        self._labels(node, e.labels, SDO.name)
        when = e.attrs.get("date")
        if when:
            datatype = XSD.gYearMonth if len(when) == 7 else XSD.gYear
            self.add(node, SDO.startDate, Literal(when, datatype=datatype))
        if e.attrs.get("framework"):
            self.add(node, SDO.about, self.iri(e.attrs["framework"]))

    def _person(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, SDO.Person)
        self.add(node, RDF.type, FOAF.Person)
        name = e.attrs.get("name") or next(iter(e.labels.values()))
        self.add(node, SDO.name, Literal(name))
        self.add(node, FOAF.name, Literal(name))
        self.add(node, RDFS.label, Literal(name))
        if e.attrs.get("honorific"):
            self.add(node, IDM.honorific, Literal(e.attrs["honorific"]))
        if e.attrs.get("role"):
            self.add(node, SDO.jobTitle, Literal(e.attrs["role"], lang=self.lang))
        if "tookPart" in e.attrs:
            self.add(node, IDM.tookPart, Literal(bool(e.attrs["tookPart"])))
        self._pieces(node, e)

    def _pieces(self, node: URIRef, e: Entity) -> None:
        """The pieces of evidence that decided an extracted person or organisation."""
        for piece in sorted(e.attrs.get("pieces") or ()):
            self.add(node, IDM.decidedBy, KIND[f"piece-{piece}"])

    def _membership(self, node: URIRef, e: Entity) -> None:
        a = e.attrs
        self.add(node, RDF.type, ORG.Membership)
        self.add(node, ORG.member, self.iri(a["member"]))
        self.add(node, ORG.organization, self.iri(a["organization"]))
        label = f"{self._label_of(a['member'])} — {self._label_of(a['organization'])}"
        self.add(node, RDFS.label, Literal(label))
        if a.get("role"):
            role = self.iri(keys.role(slug(a["role"])))
            self.add(node, ORG.role, role)
            self.add(role, RDF.type, ORG.Role)
            self.add(role, SKOS.prefLabel, Literal(a["role"], lang=self.lang))
            self.add(role, RDFS.label, Literal(a["role"], lang=self.lang))

    def _organization(self, node: URIRef, e: Entity) -> None:
        kind = e.attrs.get("kind", "other")
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDF.type, SDO.Organization)
        if kind in _ORG_TYPES:
            self.add(node, RDF.type, _ORG_TYPES[kind])
        self._labels(node, e.labels, SDO.name)
        self.add(node, IDM.organisationKind,
                 KIND["other-organisation" if kind == "other" else kind])
        if e.attrs.get("acronym"):
            self.add(node, SDO.alternateName, Literal(e.attrs["acronym"]))
        for lang, name in sorted((e.attrs.get("altNames") or {}).items()):
            self.add(node, SKOS.altLabel, Literal(name, lang=lang))
        if e.attrs.get("partOf"):
            self.add(node, ORG.subOrganizationOf, self.iri(e.attrs["partOf"]))
        self._pieces(node, e)

    def _country(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, SDO.Country)
        self._labels(node, e.labels, SDO.name)
        self.add(node, SDO.identifier, Literal(e.attrs["iso3"]))

    def _delegation(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, IDM.Delegation)
        self.add(node, RDF.type, ORG.FormalOrganization)
        self.add(node, RDF.type, SDO.GovernmentOrganization)
        self._labels(node, e.labels, SDO.name)

    def _contribution(self, node: URIRef, e: Entity) -> None:
        a = e.attrs
        if e.basis == CURATED and a.get("curatedEvent"):
            # a curated placement of an extracted contribution: only what curation adds
            panel = self.iri(a["curatedEvent"])
            self.add(node, IDM.atEvent, panel)
            self.add(node, IDM.curatedEvent, panel)
            self._curated(node, a)
            return
        self.add(node, RDF.type, IDM.Contribution)
        self.add(node, SDO.agent, self.iri(a["agent"]))
        self.add(node, IDM.atEvent, self.iri(a["event"]))
        self.add(node, IDM.contributionKind, KIND[a["kind"]])
        fr, en = kind_labels()[(a["kind"], "fr")], kind_labels()[(a["kind"], "en")]
        agent = self._label_of(a["agent"])
        self.add(node, RDFS.label, Literal(f"{agent} — {fr}", lang="fr"))
        self.add(node, RDFS.label, Literal(f"{agent} — {en}", lang="en"))
        if a.get("description"):
            self.add(node, SDO.description, Literal(a["description"], lang=self.lang))
        if a.get("day"):
            self.add(node, IDM.day, Literal(int(a["day"])))
        if e.basis == CURATED:
            self._curated(node, a)

    def _objectivelink(self, node: URIRef, e: Entity) -> None:
        a = e.attrs
        number = a["objective"].rsplit("-", 1)[1]
        self.add(node, RDF.type, IDM.ObjectiveLink)
        self.add(node, IDM.linkedResource, self.iri(a["target"]))
        self.add(node, IDM.objective, self.iri(a["objective"]))
        self.add(node, IDM.basis, KIND[a["basis"]])
        self.add(node, RDFS.label, Literal(f"Objectif {number} ← {self._label_of(a['target'])}",
                                           lang="fr"))
        self.add(node, RDFS.label, Literal(f"Objective {number} ← {self._label_of(a['target'])}",
                                           lang="en"))
        if e.basis == CURATED:
            self._curated(node, a)

    def _themetag(self, node: URIRef, e: Entity) -> None:
        a = e.attrs
        theme = self.iri(a["theme"])
        self.add(node, RDF.type, IDM.ThemeTag)
        self.add(node, IDM.taggedResource, self.iri(a["target"]))
        self.add(node, IDM.theme, theme)
        self.add(node, IDM.matchedTerm, Literal(a["term"], lang=self.lang))
        target = self._label_of(a["target"])
        self.add(node, RDFS.label, Literal(f"{a['term']} → {target}", lang=self.lang))

    def _curated(self, node: URIRef, a: dict[str, Any]) -> None:
        if a.get("rationale"):
            self.add(node, IDM.rationale, Literal(a["rationale"],
                                                  lang=a.get("rationale_lang", "en")))

    def _conclusion(self, node: URIRef, e: Entity) -> None:
        number = int(e.attrs["number"])
        self.add(node, RDF.type, IDM.Conclusion)
        self.add(node, SDO.position, Literal(number))
        self._text(node, e.attrs["text"])
        self.add(node, SDO.name, Literal(e.attrs["text"], lang=self.lang))
        self.add(node, RDFS.label, Literal(f"Conclusion {number}", lang="fr"))
        self.add(node, RDFS.label, Literal(f"Conclusion {number}", lang="en"))

    def _conclusionpoint(self, node: URIRef, e: Entity) -> None:
        number = int(e.attrs["number"])
        parent = keys.parse(e.key).parts[0]
        self.add(node, RDF.type, IDM.ConclusionPoint)
        self.add(node, SDO.position, Literal(number))
        self._text(node, e.attrs["text"])
        self.add(node, RDFS.label, Literal(f"Conclusion {parent}.{number}", lang="fr"))
        self.add(node, RDFS.label, Literal(f"Conclusion {parent}.{number}", lang="en"))

    def _recommendation(self, node: URIRef, e: Entity) -> None:
        self.add(node, RDF.type, IDM.Recommendation)
        self._text(node, e.attrs["text"])
        number = e.attrs.get("number")
        if number:
            self.add(node, SDO.position, Literal(int(number)))
            self.add(node, RDFS.label, Literal(f"Recommandation {number}", lang="fr"))
            self.add(node, RDFS.label, Literal(f"Recommendation {number}", lang="en"))
        else:
            self.add(node, RDFS.label, Literal("Recommandation (texte courant)", lang="fr"))
            self.add(node, RDFS.label, Literal("Recommendation (running text)", lang="en"))

    # -------------------------------------------------------------------- evidence

    def _annotation(self, body: URIRef, entity: Entity, evidence: Evidence,
                    basis: str) -> None:
        text = self.record.document.text
        digest = hashlib.sha1(entity.key.encode(), usedforsecurity=False).hexdigest()[:10]
        key = slug(self.record.document.key)
        ann = self.iri(keys.annotation(key, evidence.start, evidence.end, digest))
        target, quote, position = (URIRef(f"{ann}/{part}") for part in
                                   ("target", "quote", "position"))
        self.add(ann, RDF.type, OA.Annotation)
        self.add(ann, OA.motivatedBy, OA.describing)
        self.add(ann, OA.hasBody, body)
        self.add(ann, OA.hasTarget, target)
        self.add(ann, IDM.basis, KIND[basis])
        for method in methods(entity, basis):
            self.add(ann, IDM.method, KIND[f"method-{method}"])
        if evidence.sentence:
            self.add(ann, IDM.sentenceId, Literal(evidence.sentence))
        page = self.record.document.page(evidence.start)
        if page is not None:
            self.add(ann, IDM.page, Literal(page, datatype=XSD.positiveInteger))
        self.add(ann, PROV.wasGeneratedBy, self.build)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.source)
        self.add(target, OA.hasSelector, quote)
        self.add(target, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(text[evidence.start : evidence.end]))
        self.add(quote, OA.prefix, Literal(text[max(0, evidence.start - _CONTEXT_CHARS) :
                                                evidence.start]))
        self.add(quote, OA.suffix, Literal(text[evidence.end : evidence.end + _CONTEXT_CHARS]))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(evidence.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(evidence.end, datatype=XSD.nonNegativeInteger))


#: How each kind of fact becomes triples: one method of the encoder per kind. A new kind of
#: fact adds its method and its row here (mypy checks both).
_ENCODERS: dict[str, Callable[[_Encoder, URIRef, Entity], None]] = {
    "DialogueSession": _Encoder._dialoguesession,
    "Panel": _Encoder._panel,
    "Opening": _Encoder._opening,
    "Closing": _Encoder._closing,
    "Event": _Encoder._event,
    "Person": _Encoder._person,
    "Membership": _Encoder._membership,
    "Organization": _Encoder._organization,
    "Country": _Encoder._country,
    "Delegation": _Encoder._delegation,
    "Contribution": _Encoder._contribution,
    "ObjectiveLink": _Encoder._objectivelink,
    "ThemeTag": _Encoder._themetag,
    "Conclusion": _Encoder._conclusion,
    "ConclusionPoint": _Encoder._conclusionpoint,
    "Recommendation": _Encoder._recommendation,
}


def methods(entity: Entity, basis: str) -> list[str]:
    """How a fact was found: ``curation``, or the extraction methods (``rule``, ``model``,
    ``gazetteer``) recorded by the extractors (``model+rule``: a model's candidate that a rule
    confirmed).

    >>> methods(Entity("person/x", "Person", attrs={"method": "model+rule"}), "explicit")
    ['model', 'rule']
    """
    if basis == CURATED:
        return ["curation"]
    return sorted(str(entity.attrs.get("method") or "rule").split("+"))
