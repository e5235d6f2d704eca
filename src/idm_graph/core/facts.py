"""The intermediate model shared by extraction and curation.

An :class:`Entity` is a thing (person, organisation, panel, contribution, objective link…)
with a stable ``key``, its labels, attributes and :class:`Evidence`. A :class:`Relation` links
two keys. Both carry a ``basis``: ``"explicit"`` (extracted from the text) or ``"curated"``.
The encoder turns a :class:`FactSet` into RDF with one code path for both bases.

Keys are paths such as ``person/antonio-vitorino`` or ``idm/2021/2/panel/1``; keys with a
prefix (``gcm:objective-19``, ``theme:diaspora``, ``kind:keynote``) name vocabulary terms.

>>> facts = FactSet(source_key="doc")
>>> ev = Evidence("doc", 0, 4, "s1.p1.t1")
>>> facts.add(Entity("person/ada", "Person", labels={"fr": "Ada"}, evidence=[ev])).key
'person/ada'
>>> facts.add(Entity("person/ada", "Person", evidence=[Evidence("doc", 9, 12, None)]))
... # doctest: +ELLIPSIS
Entity(key='person/ada', ...)
>>> len(facts.entities["person/ada"].evidence)
2
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CURATED", "EXPLICIT", "Entity", "Evidence", "FactSet", "Relation"]

EXPLICIT = "explicit"
CURATED = "curated"


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """A quote of the source: ``text[start:end]`` of the document ``source``."""

    source: str
    start: int
    end: int
    sentence: str | None = None


@dataclass(slots=True)
class Entity:
    """A resource the graph describes.

    ``kind`` is a class name of the model (``Person``, ``Organization``, ``Country``,
    ``Delegation``, ``DialogueSession``, ``Panel``, ``Opening``, ``Closing``, ``Event``,
    ``Place``, ``Conclusion``, ``ConclusionPoint``, ``Recommendation``, ``Contribution``,
    ``ObjectiveLink``). ``attrs`` holds literal values and, for qualified nodes, the keys
    of the resources they link.
    """

    key: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    basis: str = EXPLICIT
    #: the evidence already held, as a set, and the length of ``evidence`` it was made for
    _held: tuple[int, set[Evidence]] = field(default=(-1, set()), compare=False, repr=False)

    def merge(self, other: Entity) -> None:
        """Add ``other``'s labels, missing attributes and evidence to this entity."""
        for lang, label in other.labels.items():
            self.labels.setdefault(lang, label)
        for name, value in other.attrs.items():
            if name not in self.attrs or self.attrs[name] in (None, "", [], ()):
                self.attrs[name] = value
            elif isinstance(value, list) and isinstance(self.attrs[name], list):
                self.attrs[name].extend(v for v in value if v not in self.attrs[name])
        count, held = self._held
        if count != len(self.evidence):  # appended to directly since: count again
            held = set(self.evidence)
        for evidence in other.evidence:
            if evidence not in held:  # a set: merging costs the new evidence, not the held
                held.add(evidence)
                self.evidence.append(evidence)
        self._held = (len(self.evidence), held)


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject --predicate--> object`` between two keys.

    ``predicate`` is a name of the model's closed set of relations (see ``encode.RELATIONS``).
    """

    subject: str
    predicate: str
    object: str
    basis: str = EXPLICIT


@dataclass(slots=True)
class FactSet:
    """The facts of one source: entities by key and relations, in insertion order."""

    source_key: str
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[Relation, None] = field(default_factory=dict)

    def add(self, entity: Entity) -> Entity:
        """Add ``entity``, merging it into an existing one with the same key."""
        existing = self.entities.get(entity.key)
        if existing is None:
            self.entities[entity.key] = entity
            return entity
        existing.merge(entity)
        return existing

    def relate(self, subject: str, predicate: str, obj: str, basis: str = EXPLICIT) -> None:
        """Add a relation (once)."""
        self.relations[Relation(subject, predicate, obj, basis)] = None

    def of_kind(self, *kinds: str) -> Iterator[Entity]:
        """Entities of the given kinds, in insertion order."""
        return (e for e in self.entities.values() if e.kind in kinds)

    def objects(self, subject: str, predicate: str) -> list[str]:
        """Keys related to ``subject`` by ``predicate``."""
        return [r.object for r in self.relations if r.subject == subject
                and r.predicate == predicate]

    def extend(self, other: FactSet) -> None:
        """Merge another fact set into this one."""
        for entity in other.entities.values():
            self.add(entity)
        for relation in other.relations:
            self.relations[relation] = None

    def evidence(self) -> Iterable[Evidence]:
        """Every evidence of every entity."""
        for entity in self.entities.values():
            yield from entity.evidence
