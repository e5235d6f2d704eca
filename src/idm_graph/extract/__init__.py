"""Extraction: rules and gazetteers over a document's text, giving facts with evidence.

One module per kind of thing, run in order (each may use what the earlier ones found):
:mod:`structure` (session, panels, opening and closing, conclusions, recommendations),
:mod:`organisations`, :mod:`people` (persons, roles, contributions), :mod:`places`
(countries, delegations), :mod:`themes`, :mod:`objectives`.

>>> from idm_graph.text.document import parse_text
>>> facts = extract(parse_text("# Second session of the International Dialogue on "
...     "Migration 2022\\n\\nMs. Jane Roe, Director of Data at Acme Ltd, presented new data.",
...     key="doc"))
>>> sorted(e.key for e in facts.of_kind("Person", "Organization"))
['org/acme-ltd', 'person/jane-roe']
"""

from __future__ import annotations

from idm_graph.core.facts import FactSet
from idm_graph.extract.bodies import extract_model_bodies
from idm_graph.extract.casing import recased
from idm_graph.extract.context import Context
from idm_graph.extract.objectives import extract_objectives
from idm_graph.extract.organisations import extract_bodies, extract_organisations
from idm_graph.extract.people import extract_people
from idm_graph.extract.places import extract_places
from idm_graph.extract.structure import extract_structure
from idm_graph.extract.themes import extract_themes
from idm_graph.text.document import Document, title_of

__all__ = ["extract"]


def extract(document: Document) -> FactSet:
    """Every fact the text states, each entity with its evidence."""
    ctx = Context(recased(document))
    extract_structure(ctx)
    extract_organisations(ctx)
    extract_people(ctx)
    extract_places(ctx)
    extract_bodies(ctx)
    extract_model_bodies(ctx)
    extract_themes(ctx)
    extract_objectives(ctx)
    _settle_session(ctx, document)
    for entity in ctx.facts.entities.values():
        entity.evidence.sort()
    return ctx.facts


def _settle_session(ctx: Context, document: Document) -> None:
    """A session the text never names keeps only what refers to it.

    If other facts refer to it (a panel, a contribution), the document itself is its
    evidence (the summary is the record of its session); if nothing does, it is dropped, so a
    document without recognisable structure gives an empty but valid graph.
    """
    session = ctx.facts.entities.get(ctx.session)
    if session is None or session.evidence:
        return
    referenced = any(ctx.session in (r.subject, r.object) for r in ctx.facts.relations) or any(
        ctx.session in (e.attrs.get("event"), e.attrs.get("target"))
        for e in ctx.facts.entities.values())
    if referenced and ctx.doc.blocks:
        title, block = title_of(document)  # the source's words, as written (not recased)
        first = block or next((b for b in document.blocks if b.kind != "footnote"),
                              document.blocks[0])
        session.evidence.append(ctx.evidence(first, 0, len(first.text)))
        session.labels.setdefault(ctx.doc.language, title)
    else:
        del ctx.facts.entities[ctx.session]
