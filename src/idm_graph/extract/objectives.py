"""Explicit mentions of GCM objectives and of other global frameworks.

« l'objectif 20 du Pacte mondial », « les objectifs 19 et 20 du Pacte mondial », « Objective
19 of the Global Compact », « GCM objectives 19 and 20 » each give an objective link (basis
``explicit``) from the unit holding the sentence (conclusion point, recommendation, panel or
the session) to the objective, with the sentence as evidence; themes of the sentence that the
vocabulary relates to the objective are linked too. The 2030 Agenda, the SDGs, the
International Migration Review Forum and the next IDM session are recorded as mentions.

>>> parse_numbers("19 et 20"), parse_numbers("1, 2 and 23"), parse_numbers("3 à 5")
([19, 20], [1, 2, 23], [3, 4, 5])
>>> parse_numbers("2 (minimize adverse drivers), 5 (regular pathways) and 12 (screening)")
[2, 5, 12]
"""

from __future__ import annotations

import re

from idm_graph.core import keys
from idm_graph.core.facts import Entity
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import MONTHS
from idm_graph.extract.themes import unit_themes, vocabulary
from idm_graph.text.document import Block, Sentence, fold

__all__ = ["extract_objectives", "parse_numbers"]

# a number, optionally glossed in parentheses (« 2 (minimize adverse drivers) »), in a list
_NUM = r"\d{1,2}(?:\s*\([^()]{1,80}\))?"
_NUMS = rf"{_NUM}(?:\s*(?:,|et|and|à|to|-|–|,\s*et|,\s*and)\s*{_NUM})*"
_OBJECTIVE = re.compile(
    rf"\bobjectifs?\s+({_NUMS})\s+du\s+(?:pacte mondial|pmm|gcm)|"
    rf"\bobjectives?\s+({_NUMS})\s+of\s+the\s+(?:global compact|gcm)|"
    rf"\b(?:gcm|global compact|pacte mondial)\s+objecti(?:ve|f)s?\s+({_NUMS})|"
    rf"\bobjectifs?\s+({_NUMS})\s+(?:du\s+)?gcm", re.IGNORECASE)
#: « objectives 4, 8, 11 and 13 » with no compact named: a citation only where the sentence or
#: its paragraph is about the Global Compact.
_BARE = re.compile(rf"\bobjecti(?:ve|f)s?\s+(?:n[o°]\s*)?({_NUMS})(?![\d%])", re.IGNORECASE)
_COMPACT = re.compile(r"pacte mondial|global compact|\bgcm\b|\bpmm\b|"
                      r"compact for (?:safe|migration)|migration review forum|\bimrf\b|"
                      r"forum d'examen des migrations", re.IGNORECASE)
_FRAMEWORKS = [
    ("gcm:agenda-2030", re.compile(r"programme (?:de développement durable )?(?:à l'horizon )?"
                                   r"(?:2030|à l'horizon 2030)|2030 agenda|agenda 2030",
                                   re.IGNORECASE)),
    ("gcm:sdgs", re.compile(r"objectifs de développement durable|sustainable development "
                            r"goals|\bODD\b|\bSDGs?\b", re.IGNORECASE)),
    ("gcm:gcm", re.compile(r"pacte mondial|global compact", re.IGNORECASE)),
]
_IMRF = re.compile(r"forum d'examen des migrations internationales|international migration "
                   r"review forum|\bIMRF\b", re.IGNORECASE)
_NEXT_SESSION = re.compile(r"prochaine (?:session|réunion) de l'IDM|next (?:session|meeting) of "
                           r"the IDM|prochain IDM|next IDM", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?:en |in )?({'|'.join(MONTHS)})\s+(\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(20\d\d)\b")


def parse_numbers(text: str) -> list[int]:
    """Objective numbers in « 19 et 20 », « 1, 2 and 23 », « 3 à 5 »."""
    numbers: list[int] = []
    text = re.sub(r"\([^()]*\)", " ", text)  # glosses: « 2 (minimize adverse drivers) »
    for part in re.split(r"\s*(?:,|\bet\b|\band\b)\s*", text):
        bounds = re.split(r"\s*(?:\bà\b|\bto\b|-|–)\s*", part.strip())
        if len(bounds) == 2 and all(b.isdigit() for b in bounds):
            numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        elif bounds and bounds[0].isdigit():
            numbers.append(int(bounds[0]))
    return numbers


def extract_objectives(ctx: Context) -> None:
    """Objective links stated in the text, and framework and event mentions."""
    heading = ""
    previous = ""
    for block in ctx.doc.blocks:
        if block.kind == "heading":
            heading, previous = block.text, ""
        if block.kind == "footnote":
            continue
        # a paragraph about the Compact (or its review forum): it names it, or its section's
        # heading or the paragraph before it does
        about_compact = any(_COMPACT.search(fold(text)) for text in (block.text, heading,
                                                                      previous))
        previous = block.text
        for sentence in block.sentences:
            text = fold(sentence.text)
            cited: list[int] = []
            for match in _OBJECTIVE.finditer(text):
                cited += parse_numbers(next(g for g in match.groups() if g))
            if about_compact:
                for match in _BARE.finditer(text):
                    cited += parse_numbers(match.group(1))
            for number in dict.fromkeys(cited):
                if 1 <= number <= 23:
                    _link(ctx, block, sentence, number)
            unit = ctx.unit_of_block.get(block.id, ctx.session)
            for key, pattern in _FRAMEWORKS:
                if pattern.search(text):
                    ctx.facts.relate(unit, "mentions", key)
            if _IMRF.search(text):
                _future_event(ctx, block, sentence, unit, "imrf", _IMRF.search(text))
            if _NEXT_SESSION.search(text):
                _future_event(ctx, block, sentence, unit, "next", _NEXT_SESSION.search(text))
    _settle_events(ctx)


def _link(ctx: Context, block: Block, sentence: Sentence, number: int) -> None:
    unit = ctx.unit_of_block.get(block.id, ctx.session)
    speakers = [e.key for e in ctx.facts.of_kind("Contribution")
                if sentence.id in e.attrs.get("sentences", ())]
    targets = speakers + ([unit] if unit != ctx.session or not speakers else [])
    related = vocabulary().related_themes(number)
    targets += sorted({hit[0] for hit in unit_themes(ctx, block, sentence.start, sentence.end)
                       if hit[0] in related})
    for linked in targets:
        key = keys.objective_link(ctx.session, number, linked)
        ctx.facts.add(Entity(key, "ObjectiveLink", attrs={
            "target": linked, "objective": f"gcm:objective-{number}", "basis": "explicit"},
            evidence=[ctx.sentence_evidence(sentence)]))
        ctx.facts.relate(linked, "relatedObjective", f"gcm:objective-{number}")


def _future_event(ctx: Context, block: Block, sentence: Sentence, unit: str, which: str,
                  match: re.Match[str] | None) -> None:
    assert match is not None
    after = sentence.text[match.start() : match.end() + 45]
    when = _MONTH_YEAR.search(after)
    year = _YEAR.search(after)
    date = f"{when.group(2)}-{MONTHS[when.group(1).lower()]:02d}" if when else (
        year.group(1) if year else None)
    if which == "imrf":
        key = keys.event("imrf")
        labels = {"fr": "Forum d'examen des migrations internationales",
                  "en": "International Migration Review Forum"}
        attrs: dict[str, object] = {"framework": "gcm:imrf"}
    else:
        key = keys.next_session(ctx.session)
        labels = {"fr": "Prochaine session de l'IDM", "en": "Next IDM session"}
        attrs = {}
    if date:
        attrs["dates"] = [date]
    ev = ctx.evidence(block, match.start(), match.end()) if block.kind == "heading" else \
        ctx.sentence_evidence(sentence)
    ctx.facts.add(Entity(key, "Event", labels=labels, attrs=attrs, evidence=[ev]))
    ctx.facts.relate(unit, "mentions", key)


def _settle_events(ctx: Context) -> None:
    """Give each mentioned future event its most precise stated date and a dated key."""
    for key in (keys.event("imrf"), keys.next_session(ctx.session)):
        entity = ctx.facts.entities.get(key)
        if entity is None:
            continue
        dates = sorted(entity.attrs.pop("dates", []), key=lambda d: (-len(d), d))
        if dates:
            entity.attrs["date"] = dates[0]
        if key == keys.event("imrf") and dates:
            year = dates[0][:4]
            entity.key = keys.event(f"imrf-{year}")
            entity.labels = {k: f"{v} {year}" for k, v in entity.labels.items()}
            ctx.facts.entities = {entity.key if k == key else k: v
                                  for k, v in ctx.facts.entities.items()}
            ctx.facts.relations = {
                type(r)(r.subject, r.predicate, entity.key if r.object == key else r.object,
                        r.basis): None for r in ctx.facts.relations}
