"""Extraction: rules and gazetteers over a document's text, giving facts with evidence.

One module per kind of thing, run in order (each may use what the earlier ones found):
:mod:`structure` (session, panels, opening and closing, conclusions, recommendations),
:mod:`organisations`, :mod:`people` (persons, roles, contributions), :mod:`places`
(countries, delegations), :mod:`themes`, :mod:`objectives`.

>>> from idm_graph.document import parse_text
>>> facts = extract(parse_text("# Second session of the International Dialogue on "
...     "Migration 2022\\n\\nMs. Jane Roe, Director of Data at Acme Ltd, presented new data.",
...     key="doc"))
>>> sorted(e.key for e in facts.of_kind("Person", "Organization"))
['org/acme-ltd', 'person/jane-roe']
"""

from __future__ import annotations

from idm_graph.document import Document
from idm_graph.extract.context import Context
from idm_graph.extract.objectives import extract_objectives
from idm_graph.extract.organisations import extract_organisations
from idm_graph.extract.people import extract_people
from idm_graph.extract.places import extract_places
from idm_graph.extract.structure import extract_structure
from idm_graph.extract.themes import extract_themes
from idm_graph.facts import FactSet

__all__ = ["extract"]


def extract(document: Document) -> FactSet:
    """Every fact the text states, each entity with its evidence."""
    ctx = Context(document)
    extract_structure(ctx)
    extract_organisations(ctx)
    extract_people(ctx)
    extract_places(ctx)
    extract_themes(ctx)
    extract_objectives(ctx)
    for entity in ctx.facts.entities.values():
        entity.evidence.sort()
    return ctx.facts
