"""Countries and delegations.

A country is named in French or English, with or without article. Its role comes from the
context: a *delegation statement* (« Plusieurs délégations, parmi lesquelles celles de la Chine…
ont demandé… », « le représentant de la Libye »), a *speaker's country* (from a government
role, see :mod:`people`), an *organisation's location* (« … en Ouganda »), or a plain mention.
A State that makes a statement is an agent, a :class:`Delegation` for its country.

>>> from idm_graph.document import parse_text
>>> from idm_graph.extract.context import Context
>>> ctx = Context(parse_text("The delegations of Chile and Ghana called for fair recruitment.",
...                          key="d"))
>>> extract_places(ctx)
>>> sorted(e.key for e in ctx.facts.of_kind("Delegation"))
['delegation/CHL', 'delegation/GHA']
"""

from __future__ import annotations

import re

from idm_graph import keys
from idm_graph.document import Block, Sentence, fold
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import AdjectiveMention, adjectives, countries
from idm_graph.facts import Entity

__all__ = ["extract_places"]

_DELEGATION = re.compile(
    r"\b(?:délégations?|delegations?|représentante?s?\s+(?:de|du|des|d')|"
    r"representatives?\s+of|(?:le|la|the)\s+gouvernement\s+(?:de|du|des)|government\s+of)\b",
    re.IGNORECASE)
_CALL = re.compile(
    r"\b(?:ont|a)\s+(?:demandé|appelé|plaidé|exhorté|souligné|insisté|rappelé|proposé|"
    r"recommandé|présenté|décrit)\b|\b(?:called for|urged|requested|asked|stressed|"
    r"recalled|proposed|recommended|presented|described)\b", re.IGNORECASE)


def extract_places(ctx: Context) -> None:
    """Every country the text names (by name, adjective or demonym), and the delegations that
    made statements.
    """
    gazetteer = countries()
    for block in ctx.doc.blocks:
        if block.kind == "footnote":
            continue
        for sentence in block.sentences:
            mentions = [m for m in gazetteer.find(sentence.text)
                        if not ctx.in_name(block, sentence.start + m.start,
                                           sentence.start + m.end)]
            described = [m for m in adjectives().find(sentence.text, ctx.doc.language)
                         if not ctx.in_name(block, sentence.start + m.start,
                                            sentence.start + m.end)]
            for iso3, start, end in [(m.iso3, m.start, m.end) for m in mentions] + \
                    [(m.iso3, m.start, m.end) for m in described]:
                ev = ctx.evidence(block, sentence.start + start, sentence.start + end)
                ctx.facts.add(Entity(keys.country(iso3), "Country",
                                     labels={"fr": gazetteer.label(iso3, "fr"),
                                             "en": gazetteer.label(iso3, "en")},
                                     attrs={"iso3": iso3, "method": "gazetteer"},
                                     evidence=[ev]))
                ctx.facts.relate(_unit(ctx, block), "mentions", keys.country(iso3))
            stated = [m.iso3 for m in mentions if _delegation_scope(sentence.text, m.start)]
            stated += [m.iso3 for m in described
                       if m.form == "adjective" and _adjective_delegation(sentence.text, m)]
            _delegations(ctx, block, sentence, list(dict.fromkeys(stated)))


def _adjective_delegation(text: str, mention: AdjectiveMention) -> bool:
    """« la délégation sénégalaise », "the Mexican delegation" (a demonym never is one)."""
    before = fold(text[max(0, mention.start - 25) : mention.start])
    after = fold(text[mention.end : mention.end + 40])
    return bool(re.search(r"\bdélégations?\s+$", before, re.IGNORECASE)
                or re.match(r"(?:\s+(?:and|or|,)\s*(?:the\s+)?[A-Z][\w.]*)*\s+delegations?\b",
                            after))


def _delegation_scope(text: str, position: int) -> bool:
    """Whether a country at ``position`` is governed by a delegation cue before it."""
    cue = None
    for match in _DELEGATION.finditer(fold(text)[:position]):
        cue = match
    if cue is None:
        return False
    between = text[cue.end() : position]
    return len(between) < 120 and not re.search(r"[.;:]|\bqui\b|\bwho\b", between)


def _delegations(ctx: Context, block: Block, sentence: Sentence, isos: list[str]) -> None:
    if not isos:
        return
    call = _CALL.search(sentence.text)
    description = sentence.text[call.end() :].strip(" .;") if call else sentence.text
    lead = description.split(", ", 1)
    if len(lead) == 2 and countries().find(lead[0]):
        description = lead[1]
    event = ctx.event_of_section.get(block.section, ctx.session)
    for iso3 in isos:
        key = keys.delegation(iso3)
        label = countries().label(iso3, "fr"), countries().label(iso3, "en")
        ctx.facts.add(Entity(key, "Delegation",
                             labels={"fr": f"Délégation : {label[0]}",
                                     "en": f"Delegation: {label[1]}"},
                             attrs={"country": keys.country(iso3)},
                             evidence=[ctx.sentence_evidence(sentence)]))
        ctx.facts.relate(key, "forCountry", keys.country(iso3))
        contribution = keys.contribution(ctx.session, key, "delegation-statement")
        ctx.facts.add(Entity(contribution, "Contribution", attrs={
            "agent": key, "event": event, "kind": "delegation-statement",
            "description": description, "sentences": [sentence.id]},
            evidence=[ctx.sentence_evidence(sentence)]))
        ctx.facts.relate(event, "performer", key)


def _unit(ctx: Context, block: Block) -> str:
    return ctx.unit_of_block.get(block.id, ctx.session)
