"""The merge audit: which resources several documents describe, and why they are one.

A build of several documents makes one resource of every global key (a person, an
organisation, a country, a delegation, an event) met in more than one. Each document's
sightings are recorded with the reason that makes the key what it is, when the entity is
read, not guessed later from the key; ``merge-audit.csv`` lists the merges.

>>> from idm_graph.core.facts import Entity, FactSet
>>> facts = FactSet(source_key="a")
>>> _ = facts.add(Entity("country/QAT", "Country", labels={"fr": "Qatar"}))
>>> seen = {"country/QAT": [("a", *s[1:]) for s in sightings(facts, "fr")]
...         + [("b", "Country", "Qatar", "same ISO 3166-1 alpha-3 code QAT")]}
>>> merges(seen)[0].reason
'same ISO 3166-1 alpha-3 code QAT'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from idm_graph.core import keys
from idm_graph.core.facts import Entity, FactSet
from idm_graph.graph.export import write_atomic

__all__ = ["MergeRow", "Sighting", "merges", "sightings", "write_audit"]

#: One document's sighting of a global resource: (key, kind, name, reason).
Sighting = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class MergeRow:
    """A resource described by several documents, and why they are the same."""

    key: str
    kind: str
    documents: tuple[str, ...]
    names: tuple[str, ...]
    reason: str


def sightings(facts: FactSet, language: str) -> list[Sighting]:
    """The global resources of one document's facts, each with its name there and the
    reason its key identifies it.
    """
    out = []
    for entity in facts.entities.values():
        if keys.is_global(entity.key):
            name = (entity.labels.get(language) or entity.attrs.get("name")
                    or next(iter(entity.labels.values()), entity.key))
            out.append((entity.key, entity.kind, str(name), _reason(entity)))
    return out


def _reason(entity: Entity) -> str:
    """Why the key of ``entity`` names it: how the key was made from what the text says."""
    tail = keys.tail(entity.key)
    if entity.kind == "Country":
        return f"same ISO 3166-1 alpha-3 code {tail}"
    if entity.kind == "Delegation":
        return f"same State (ISO 3166-1 alpha-3 code {tail})"
    if entity.kind == "Organization":
        if entity.attrs.get("method") == "gazetteer":
            return f"same well-known organisation (gazetteer entry '{tail}')"
        return f"same name or acronym after normalisation (case, accents, punctuation): '{tail}'"
    if entity.kind == "Person":
        return f"same full name after normalisation (case, accents): '{tail}'"
    return f"same key '{entity.key}'"


def merges(audit: dict[str, list[tuple[str, str, str, str]]]) -> list[MergeRow]:
    """The merges of ``audit`` (key → (document, kind, name, reason) per sighting): keys seen
    in two documents or more. A well-known organisation's entry wins over a name; names that
    differ are said to.
    """
    rows = []
    for key, seen in sorted(audit.items()):
        documents = tuple(sorted({doc for doc, _, _, _ in seen}))
        if len(documents) < 2:
            continue
        kind = seen[0][1]
        names = tuple(sorted({name for _, _, name, _ in seen}))
        reasons = sorted({reason for _, _, _, reason in seen},
                         key=lambda r: (not r.startswith("same well-known"), r))
        reason = reasons[0]
        if kind == "Person" and len(names) > 1:
            reason = reason.replace("(case, accents):", "(case, accents) (spelled differently):")
        rows.append(MergeRow(key, kind, documents, names, reason))
    return rows


def write_audit(rows: list[MergeRow], path: Path) -> Path:
    """``merge-audit.csv``: key, kind, documents, count, names, reason."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["key", "kind", "documents", "count", "names", "reason"])
    for row in rows:
        writer.writerow([row.key, row.kind, " ".join(row.documents), len(row.documents),
                         " | ".join(row.names), row.reason])
    write_atomic(path, buffer.getvalue().encode("utf-8"))
    return path
