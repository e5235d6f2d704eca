"""Contributions: what kind of turn a person took (keynote, moderation, panellist…), at
which event (the panel, the opening or closing, or the session), on which day, and the
sentences that belong to it, including those that go on with a pronoun.

>>> [name for name, _ in KINDS][:3]
['keynote', 'video-message', 'moderation']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from idm_graph.core import keys
from idm_graph.core.facts import Entity
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import (
    ordinal_word,
)
from idm_graph.text.document import Block, Sentence, fold

if TYPE_CHECKING:
    from idm_graph.extract.person import Person

__all__ = ["GENERAL_KINDS", "KINDS", "attach", "contribute", "specific_kind"]

_DAY = re.compile(r"\b(premier|deuxième|second|troisième|first|second|third)\s+jour\b|"
                  r"\b(first|second|third)\s+day\b", re.IGNORECASE)


_PANEL_REF = re.compile(r"\bpanel\s+(\d{1,2})\b", re.IGNORECASE)


_SUBJECT = re.compile(r"(?:consacrée?s?\s+(?:à|aux|au)|sur|portant sur|relative à|on|about|"
                      r"dedicated to|devoted to|focusing on)\s+(.+)$", re.IGNORECASE)


#: Contribution kinds with the cues that tell them, most specific first.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("keynote", re.compile(r"discours liminaire|discours-programme|keynote|discours principal",
                           re.IGNORECASE)),
    ("video-message", re.compile(r"message vidéo|vidéo-message|video message|"
                                 r"message enregistré|recorded message", re.IGNORECASE)),
    ("moderation", re.compile(r"\b(?:a animé|animait|a modéré|a présidé|a dirigé le débat|"
                              r"moderated|chaired|facilitated|moderator of)\b", re.IGNORECASE)),
    ("closing", re.compile(r"remarques de clôture|allocution de clôture|discours de clôture|"
                           r"closing remarks|closing statement|a clos|a clôturé|closed the",
                           re.IGNORECASE)),
    ("opening", re.compile(r"\ba ouvert (?:la|le)\b|remarques introductives|allocution d'ouverture|"
                           r"opening remarks|opened the|welcome remarks|mot de bienvenue",
                           re.IGNORECASE)),
    ("panellist", re.compile(
        r"\b(?:a|ont)\s+(?:également\s+|aussi\s+|notamment\s+)?(?:souligné|évoqué|décrit|rappelé|"
        r"déclaré|mis en avant|mis en garde|présenté|fait observer|fait remarquer|insisté|noté|"
        r"relevé|expliqué|indiqué|affirmé|estimé|appelé|plaidé|partagé|illustré|ajouté|précisé|"
        r"signalé|exposé|proposé|recommandé|salué|encouragé|exhorté|invité|averti|constaté|"
        r"conclu|pris la parole|parlé|témoigné)|comme l'a (?:\w+ )?\w+é|selon (?:elle|lui)|"
        r"est intervenue?|\b(?:said|stated|noted|stressed|emphasi[sz]ed|highlighted|"
        r"underlined|underscored|recalled|described|presented|explained|pointed out|observed|"
        r"argued|called for|urged|shared|added|warned|mentioned|suggested|proposed|"
        r"recommended|spoke|remarked|cautioned|invited)\b", re.IGNORECASE)),
]


def contribute(ctx: Context, block: Block, sentence: Sentence, person: Person,
                start: int, end: int, *, verb: str | None = None) -> None:
    """Record what a named person did in this sentence.

    The kind is the most specific the text allows: a programme role named in the sentence
    (keynote, video message, moderation, opening, closing), a panellist's turn in a summary
    with panels, else a general ``statement`` (a speech or stance verb, ``verb="speech"``),
    ``meeting`` (a meeting verb, ``verb="meeting"``) or ``participation`` (taking part,
    ``verb="participation"``).
    """
    text = fold(sentence.text)
    kind = next((name for name, cue in KINDS if cue.search(_unquoted(text))), None)
    if kind in (None, "panellist"):
        if kind is None and verb is None:
            return
        speaking = verb == "speech" or (kind == "panellist" and verb not in (
            "meeting", "participation"))
        kind = ("panellist" if ctx.panels else "statement") if speaking else \
            "participation" if verb == "participation" else "meeting"
    event = _event(ctx, block, sentence, kind)
    suffix = f"-panel-{keys.parse(event).parts[-1]}" if event in ctx.panel_titles else ""
    key = keys.contribution(ctx.session, person.key, kind, suffix)
    attrs: dict[str, object] = {"agent": person.key, "event": event, "kind": kind,
                                "sentences": [sentence.id]}
    day = _DAY.search(text)
    if day:
        number = ordinal_word(day.group(1) or day.group(2))
        if number:
            attrs["day"] = number
            if keys.parse(event).kind == "panel":
                ctx.facts.entities[event].attrs.setdefault("day", number)
    ctx.facts.add(Entity(key, "Contribution", attrs=attrs,
                         evidence=[ctx.sentence_evidence(sentence)]))
    ctx.facts.relate(event, "performer", person.key)
    if key not in person.contributions:
        person.contributions.append(key)


def specific_kind(sentence: Sentence) -> bool:
    """Whether a sentence names a kind of contribution other than plain speaking."""
    text = _unquoted(fold(sentence.text))
    return any(cue.search(text) for name, cue in KINDS if name != "panellist")


_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def _unquoted(text: str) -> str:
    """``text`` with what is quoted in it blanked: a cue of a kind is the reporter's words,
    not the speaker's (« "Le pacte a ouvert la voie", a dit X » opened nothing).

    >>> _unquoted('« Le pacte a ouvert la voie », a dit X.')
    '                             , a dit X.'
    """
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


#: Kinds of contribution that no cue names: the general ones.
GENERAL_KINDS = ("statement", "meeting", "participation")


def attach(ctx: Context, sentence: Sentence, person: Person) -> None:
    """Add a sentence about ``person`` to their latest contribution."""
    contribution = ctx.facts.entities[person.contributions[-1]]
    if sentence.id not in contribution.attrs["sentences"]:
        contribution.attrs["sentences"].append(sentence.id)
        contribution.evidence.append(ctx.sentence_evidence(sentence))


def _event(ctx: Context, block: Block, sentence: Sentence, kind: str) -> str:
    text = fold(sentence.text)
    section_event = ctx.event_of_section.get(block.section)
    if kind == "keynote" and section_event and "ouverture" not in text and \
            "opening" not in text.lower():
        return section_event
    if kind in ("opening", "keynote") and ctx.opening:
        return ctx.opening
    if kind == "closing" and ctx.closing:
        return ctx.closing
    explicit = _PANEL_REF.search(text)
    if explicit and int(explicit.group(1)) in ctx.panels:
        return ctx.panels[int(explicit.group(1))]
    if kind == "moderation" and ctx.panels:
        subject = _SUBJECT.search(text)
        if subject:
            best = max(ctx.panel_titles, key=lambda k: fuzz.token_set_ratio(
                subject.group(1), fold(ctx.panel_titles[k])))
            if fuzz.token_set_ratio(subject.group(1), fold(ctx.panel_titles[best])) >= 60:
                return best
    if ("ouverture" in text or "opening" in text.lower()) and ctx.opening:
        return ctx.opening
    return ctx.event_of_section.get(block.section, ctx.session)
