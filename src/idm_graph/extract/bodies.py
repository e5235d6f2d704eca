"""Organisations the statistical model proposes, decided by evidence, as persons are.

The rules of :mod:`organisations` find well-known organisations (the gazetteer), names
defined with an acronym, bodies named by their head noun and names introduced by a kind noun.
The model's ``ORG`` spans are candidates beside them; each is kept only on evidence:

================  ===========================================================  =======
piece             form                                                         weight
================  ===========================================================  =======
``head-noun``     the name holds the head noun of a body (Ministry, Council,    for
                  Agence, Fondation…)
``acronym-def``   the name is followed by its acronym, whose letters are its   for
                  initials: "Mixed Migration Centre (MMC)"
``kind-noun``     « l'association X », "the NGO X"                              for
``credit``        a credit or byline: "JANE ROE / ACME NEWS", "(ACME) -"        for
``speech-verb``   the body speaks or meets: "X said", "hosted by X"             for
``affiliation``   a role of it: "Director of X", « directrice de X »            for
``agent``         the agent of what was done: "services delivered by X",       for
                  « organisé par X », "funded by X"
``coordinated``   listed with an organisation already found: "X and the        for
                  Refugee Council", « La Cimade et X »
``not-a-body``    a country or place, a State or government, an event, a      against
                  framework or instrument, a person, a date or number
================  ===========================================================  =======

A candidate with a piece for it and none against is an organisation (method
``model+rule``, its pieces recorded as ``idm:decidedBy``).

>>> from idm_graph.text.document import parse_text
>>> from idm_graph.extract.context import Context
>>> ctx = Context(parse_text("The Harbour Refugee Council (HRC) said the plan was late.",
...                          key="d"))
>>> org_pieces("The Harbour Refugee Council (HRC) said", 4, 27)
['acronym-def', 'head-noun', 'speech-verb']
>>> org_pieces("Costa Rica said", 0, 10)
['not-a-body', 'speech-verb']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from idm_graph.extract.context import Context
from idm_graph.extract.decide import mode
from idm_graph.extract.evidence import meeting_verb, speech_verb
from idm_graph.extract.gazetteer import adjectives, countries, organisations
from idm_graph.extract.lexicon import PORTFOLIO_TITLE, ROLE_HEAD
from idm_graph.extract.organisations import (
    BODY_HEAD,
    LEADING_ARTICLES,
    NOT_ACRONYM,
    NOT_BODY,
    org_kind,
    phrase_entity,
)
from idm_graph.text.document import Block, fold

__all__ = ["extract_model_bodies", "org_pieces"]

_HEAD = re.compile(rf"\b(?:{BODY_HEAD})\b")
_KIND_BEFORE = re.compile(
    r"\b(?:l['’]\s*)?(?:association|organisation|organization|fondation|foundation|ONG|NGO|"
    r"réseau|network|entreprise|société|company|coopérative|cooperative|plateforme|"
    r"platform|collectif|startup|start-up|agence|agency|journal|newspaper|quotidien|"
    r"hebdomadaire|magazine|think tank|groupe|group|syndicat|union|parti|party|"
    r"institut|institute|université|university|banque|bank)\s+$", re.IGNORECASE)
_CREDIT = re.compile(r"(?:/\s*|©\s*|\b(?:photo|crédits?|credits?|source|sources)\s*:\s*)$",
                     re.IGNORECASE)
#: A passive participle and its agent right before the name: "delivered by", « organisé
#: par », "funded by the".
_AGENT = re.compile(r"\b[a-zà-ÿ]{3,}(?:ed|é|ée|és|ées|is|ise|ises|it|ite|its|ites)\s+"
                    r"(?:by|par)\s+(?:the\s+|la\s+|le\s+|les\s+|l['’]\s*)?$", re.IGNORECASE)
#: What may stand between two names of a list: a comma, "and", « et », an article.
_LINK = re.compile(r"^\s*(?:,|,?\s+(?:and|et|or|ou))\s+(?:(?:the|la|le|les|l['’])\s*)?$",
                   re.IGNORECASE)
_BYLINE = re.compile(r"(?:^|\s)(?:avec|with|par|by)\s+$", re.IGNORECASE)
_AFFILIATION = re.compile(rf"\b{ROLE_HEAD}\s+(?:of|at|with|de|du|des|d['’]|à|au|"
                          r"chez)\s*(?:the\s+|la\s+|le\s+|l['’]\s*)?$", re.IGNORECASE)
_STATE = re.compile(r"\b(?:Government|Gouvernement|Administration|State|States|État|États|"
                    r"Etat|Etats|Republic|République|Kingdom|Royaume|Presidency|"
                    r"Présidence|Monarchy|Federation of|Emirates)\b")
_EVENT = re.compile(r"\b(?:Conference|Conférence|Summit|Sommet|Session|Meeting|Réunion|"
                    r"Forum|Dialogue|Process|Processus|Week|Semaine|Day|Journée|Games|Jeux|"
                    r"Cup|Coupe|Expo|Festival|Congress|Congrès|Talks|Pourparlers)s?\b")


def _acronym_defined(name: str, after: str) -> bool:
    """Whether ``after`` opens with ``(ACR)`` whose letters are ``name``'s initials."""
    match = re.match(r"\s*\(([A-Z][A-Za-z0-9&-]{1,11})\)", after)
    if match is None:
        return False
    initials = "".join(w[0] for w in re.findall(r"[A-ZÀ-Þ][\w'’-]*", name)).upper()
    letters = re.sub(r"[^A-Z]", "", match.group(1).upper())
    return bool(letters) and (letters == initials or (len(letters) >= 2 and all(
        c in initials for c in letters)))


def org_pieces(text: str, start: int, end: int,
               known: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The pieces of evidence for and against ``text[start:end]`` as an organisation's
    name (see the module's table). A credit is a name after a slash, a copyright sign or
    « Photo : », or after « avec », "with", « par », "by" in a short line (a byline).
    ``known``: the spans of ``text`` that name organisations already found.

    >>> text = "Services are delivered by Ames Care and the Harbour Refugee Council."
    >>> council = (text.index("Harbour"), text.index("."))
    >>> org_pieces(text, text.index("Ames"), text.index(" and"), [council])
    ['agent', 'coordinated']
    """
    name = text[start:end]
    mid_word = start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’")
    before = fold(text[max(0, start - 60) : start])
    after = text[end : end + 40]
    words = name.split()
    against = (
        bool(countries().find(name) and len(countries().find(name)[0].name) >= len(name) - 4)
        or (bool(adjectives().find(name, "en") or adjectives().find(name, "fr"))
        and len(words) == 1)
        or bool(_STATE.search(name)) or bool(_EVENT.search(name))
        or bool(NOT_BODY.search(name)) or not any(w[:1].isupper() for w in words)
        or bool(re.fullmatch(r"[\W\d_]+", name)) or len(name) < 2 or mid_word
        or name.upper() in NOT_ACRONYM
        or all(re.fullmatch(ROLE_HEAD, w.strip(".,"), re.IGNORECASE) for w in words)
        or bool(re.match(r"(?:Objecti(?:ve|f)s?|Goals?|Panel|Annex|Annexe)\b", name))
        or (bool(PORTFOLIO_TITLE.search(text[max(0, start - 60) : start]))
            and not _HEAD.search(name) and org_kind(name) == "other"))
    pieces = []
    if _acronym_defined(name, after):
        pieces.append("acronym-def")
    if _AFFILIATION.search(before):
        pieces.append("affiliation")
    short = len(text) < 120
    agent = bool(_AGENT.search(text[max(0, start - 40) : start]))
    if (_CREDIT.search(before) or (short and _BYLINE.search(before) and not agent)) and \
            len(words) <= 4:
        pieces.append("credit")
    if _HEAD.search(name):
        pieces.append("head-noun")
    if _KIND_BEFORE.search(before):
        pieces.append("kind-noun")
    if speech_verb(text, start, end) or meeting_verb(text, start, end):
        pieces.append("speech-verb")
    if agent and not _CREDIT.search(before):
        pieces.append("agent")
    if any(_LINK.match(text[b:start]) or _LINK.match(text[end:a]) for a, b in known
           if 0 <= start - b <= 12 or 0 <= a - end <= 12):
        pieces.append("coordinated")
    capitals = sum(1 for w in words if w[:1].isupper())
    if pieces == ["head-noun"] and capitals < 2:
        against = True  # « Programme de développement »: a common noun with its capital
    if against:
        pieces.append("not-a-body")
    return sorted(pieces)


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """The name in a model span: without a leading article, a trailing possessive or
    punctuation.
    """
    lead = LEADING_ARTICLES.match(text[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    name = re.sub(r"(?:['’]s|[\s,.;:!?»”\"')]+)$", "", text[start:end])
    return start, start + len(name)


def extract_model_bodies(ctx: Context) -> None:
    """Organisations among the model's ``ORG`` spans that no rule found, on evidence."""
    if mode() == "rules":
        return
    known = organisations()
    named = _named(ctx)
    for block in ctx.doc.blocks:
        if block.kind in ("heading", "footnote"):
            continue
        spans = ctx.model_spans(block, "ORG")
        if not spans:
            continue
        taken = _taken(block, named)
        for span in spans:
            start, end = _clean(block.text, span.start, span.end)
            if end - start < 2 or any(a < end and start < b for a, b in taken):
                continue
            if any(a < end and start < b for a, b in ctx.name_spans.get(block.id, ())) or \
                    known.find(block.text[start:end]):
                continue
            pieces = org_pieces(block.text, start, end, taken)
            if "not-a-body" in pieces or not pieces:
                continue
            name = block.text[start:end]
            defined = re.match(r"\s*\(([A-Z][A-Za-z0-9&-]{1,11})\)", block.text[end:])
            entity = phrase_entity(name, ctx.doc.language, ctx.evidence(block, start, end),
                                   acronym=defined.group(1) if defined and
                                   "acronym-def" in pieces else None)
            entity.attrs["method"] = "model+rule"
            entity.attrs["pieces"] = ["model", *(_CONCEPT[p] for p in pieces)]
            ctx.facts.add(entity)
            taken.append((start, end))


#: Pieces as the concepts of the ontology's evidence-piece scheme.
_CONCEPT = {"acronym-def": "acronym-definition", "affiliation": "role-after",
            "credit": "credit", "head-noun": "head-noun", "kind-noun": "kind-noun",
            "speech-verb": "speech-verb", "agent": "agent", "coordinated": "coordinated"}


def _named(ctx: Context) -> list[tuple[int, int]]:
    """Offsets (in the document) of the organisations the rules named, sorted."""
    return sorted((e.start, e.end) for entity in ctx.facts.of_kind("Organization")
                  for e in entity.evidence)


def _taken(block: Block, named: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``block`` (in its text) that already name an organisation; ``named`` is
    :func:`_named`, searched by bisection (a block costs its own names, not the document's).
    """
    first, last = block.span()
    spans = []
    for start, end in named[bisect.bisect_left(named, (first, -1)) :]:
        if start >= last:
            break
        a = bisect.bisect_left(block.offsets, start)
        b = bisect.bisect_left(block.offsets, end)
        spans.append((a, b))
    return spans
