"""Countries and delegations.

A country is named in French or English, with or without article. Its role comes from the
context: a *delegation statement* (« Plusieurs délégations, parmi lesquelles celles de la Chine…
ont demandé… », « le représentant de la Libye »), a *speaker's country* (from a government
role, see :mod:`people`), an *organisation's location* (« … en Ouganda »), or a plain mention.
A State that makes a statement is an agent, a :class:`Delegation` for its country.

>>> from idm_graph.text.document import parse_text
>>> from idm_graph.extract.context import Context
>>> ctx = Context(parse_text("The delegations of Chile and Ghana called for fair recruitment.",
...                          key="d"))
>>> extract_places(ctx)
>>> sorted(e.key for e in ctx.facts.of_kind("Delegation"))
['delegation/CHL', 'delegation/GHA']
"""

from __future__ import annotations

import re

from idm_graph.core import keys
from idm_graph.core.facts import Entity
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import AdjectiveMention, adjectives, countries
from idm_graph.extract.lexicon import SPEECH_AFTER, SPEECH_WORD
from idm_graph.text.document import Block, Sentence, fold

__all__ = ["extract_places"]

_DELEGATION = re.compile(
    r"\b(?:délégations?|delegations?|représentante?s?\s+(?:de|du|des|d')|"
    r"representatives?\s+of|(?:le|la|the)\s+gouvernement\s+(?:de|du|des)|government\s+of)\b",
    re.IGNORECASE)
#: Cues that the States named after them take part: "Representatives from A, B and C",
#: "ministers of A and B", "the participating countries: …", « les pays participants : … ».
_PARTICIPATION = re.compile(
    r"\b(?:representatives|delegations|delegates|ministers|officials|leaders|"
    r"heads of (?:state|government)|représentants|représentantes|délégations|délégués|"
    r"ministres|dirigeants|chefs d['’](?:É|E)tat(?: et de gouvernement)?)\s+(?:from|of|de|des|"
    r"du|d['’])|"
    r"\b(?:participating|attending) (?:countries|states|nations|governments)\b|"
    r"\b(?:countries|states|nations|governments) (?:attending|participating|present|"
    r"represented)\b|\bpays (?:participants|présents|représentés)\b|"
    r"\b(?:É|E)tats (?:participants|présents|représentés)\b|"
    r"\b(?:with the participation of|attended by|joined by|avec la participation d[eu'’]|"
    r"en présence d[eu'’])", re.IGNORECASE)
#: A participation verb after the States it governs: "Mexico, Canada and Chile attended".
_TOOK_PART = re.compile(r"^[\s,]*(?:(?:have|has|had|also)\s+)?(?:attended|joined|participated|"
                        r"took part|were represented|ont participé|a participé|"
                        r"étaient représentée?s|ont pris part)\b", re.IGNORECASE)
_SPEECH = re.compile(rf"\b{SPEECH_WORD}\b", re.IGNORECASE)
_CALL = re.compile(
    r"\b(?:ont|a)\s+(?:demandé|appelé|plaidé|exhorté|souligné|insisté|rappelé|proposé|"
    r"recommandé|présenté|décrit)\b|\b(?:called for|urged|requested|asked|stressed|"
    r"recalled|proposed|recommended|presented|described)\b", re.IGNORECASE)


def extract_places(ctx: Context) -> None:
    """Every country the text names (by name, adjective or demonym), and the delegations that
    made statements.
    """
    gazetteer = countries()
    collective: list[tuple[Block, Sentence]] = []
    for block in ctx.doc.blocks:
        if block.kind == "footnote":
            continue
        for sentence in block.sentences:
            if _COLLECTIVE.search(sentence.text):
                collective.append((block, sentence))
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
            stated = [m.iso3 for m in mentions if _delegation_scope(sentence.text, m.start)
                      and _speaks_after(sentence.text, m.end)]
            stated += [m.iso3 for m in mentions if _subject_speaks(sentence.text, m)]
            stated += [m.iso3 for m in described
                       if m.form == "adjective" and _adjective_delegation(sentence.text, m)]
            present = [m.iso3 for m in mentions if _participation_scope(sentence.text, m)]
            if any(_speaks_after(sentence.text, m.end) for m in mentions
                   if m.iso3 in present):  # the States named speak: their statement
                stated += present
                present = []
            _delegations(ctx, block, sentence, list(dict.fromkeys(stated)))
            _delegations(ctx, block, sentence,
                         [iso3 for iso3 in dict.fromkeys(present) if iso3 not in stated],
                         kind="participation")
    _collective_statements(ctx, collective)


#: A collective subject and a speech verb: "The ministers agreed …", « Les délégués ont
#: estimé … », "Participants stressed …".
_COLLECTIVE = re.compile(
    rf"^(?:(?:the|all|les|tous les|l['’]ensemble des)\s+)?(?:ministers|delegates|delegations|"
    rf"leaders|member states|states|countries|governments|ministres|délégués|"
    rf"délégations|dirigeants|états membres|états|pays|gouvernements|"
    rf"chefs d['’]état(?: et de gouvernement)?)\b[^.;:]{{0,60}}?\b{SPEECH_WORD}\b",
    re.IGNORECASE)


def _collective_statements(ctx: Context, sentences: list[tuple[Block, Sentence]]) -> None:
    """A statement of the States as a group ("The ministers agreed …", « Les délégations ont
    estimé … ») that names no State is the statement of every State the document lists as
    taking part ("Representatives from A, B and C joined"), if it lists them.
    """
    present = [e for e in ctx.facts.of_kind("Delegation")
               if keys.contribution(ctx.session, e.key, "participation") in ctx.facts.entities]
    if not present:
        return
    for block, sentence in sentences:
        if countries().find(sentence.text):
            continue  # the States it names are handled with the sentence
        for delegation in present:
            iso3 = delegation.key.rsplit("/", 1)[1]
            _delegations(ctx, block, sentence, [iso3])


def _adjective_delegation(text: str, mention: AdjectiveMention) -> bool:
    """« la délégation sénégalaise », "the Mexican delegation" (a demonym never is one)."""
    before = fold(text[max(0, mention.start - 25) : mention.start])
    after = fold(text[mention.end : mention.end + 40])
    return bool(re.search(r"\bdélégations?\s+$", before, re.IGNORECASE)
                or re.match(r"(?:\s+(?:and|or|,)\s*(?:the\s+)?[A-Z][\w.]*)*\s+delegations?\b",
                            after))


def _speaks_after(text: str, end: int) -> bool:
    """Whether a verb of speech or stance follows a State's mention in its clause: the
    State (its delegation, representative, government) is the one that speaks ("The
    delegations of Chile and Ghana called for …"), not the object of another's statement
    ("The United States announced … with the Government of Panama").
    """
    clause = re.split(r"[.;:]", text[end : end + 220], maxsplit=1)[0]
    return bool(_SPEECH.search(clause))


def _subject_speaks(text: str, mention: object) -> bool:
    """Whether a State is the subject of a verb of speech or stance at the head of its clause:
    "Mexico stressed …", « Par la voix de son chancelier, l'Autriche a défendu … ».

    >>> from idm_graph.extract.gazetteer import countries
    >>> text = "Par la voix du chancelier, l'Autriche a défendu le contrôle des frontières."
    >>> _subject_speaks(text, countries().find(text)[0])
    True
    >>> text = "The talks with Mexico stressed trade."
    >>> _subject_speaks(text, countries().find(text)[0])
    False
    """
    start, end = mention.start, mention.end  # type: ignore[attr-defined]
    before = re.sub(r"(?:\b(?:l['’]|la|le|les|the)\s*)$", "", text[:start], flags=re.IGNORECASE)
    if before.strip() and not before.rstrip().endswith((",", ";", ":")):
        return False
    return bool(SPEECH_AFTER.match(text[end:]) or _PLEDGE.match(text[end:]))


#: A State's commitment, said by its future: "Spain will double its programme", « le Canada
#: s'engage à … » (a fact sheet's entries).
_PLEDGE = re.compile(r"^\s*(?:will|shall|is to|plans to|intends to|has pledged|s['’]engage à|"
                     r"s['’]est engagée? à|va|entend)\s+(?:also\s+|aussi\s+)?[a-zà-ÿ]{3,}",
                     re.IGNORECASE)


def _participation_scope(text: str, mention: object) -> bool:
    """Whether a country is one of the States a participation cue governs: in the list
    after the cue ("Representatives from A, B and C joined"), or in the list before a
    participation verb ("A, B and C attended").
    """
    start, end = mention.start, mention.end  # type: ignore[attr-defined]
    cue = None
    for match in _PARTICIPATION.finditer(fold(text)[:start]):
        cue = match
    if cue is not None:
        between = text[cue.end() : start]
        if len(between) < 300 and not re.search(r"[.;]|\bqui\b|\bwho\b", between):
            return True
    after = text[end:]
    tail = re.match(r"(?:[\s,]+(?:and|et|or|ou)?\s*(?:the\s+|la\s+|le\s+|l['’])?"
                    r"[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*)*)*", after)
    return bool(_TOOK_PART.match(after[tail.end() if tail else 0 :]))


def _delegation_scope(text: str, position: int) -> bool:
    """Whether a country at ``position`` is governed by a delegation cue before it."""
    cue = None
    for match in _DELEGATION.finditer(fold(text)[:position]):
        cue = match
    if cue is None:
        return False
    between = text[cue.end() : position]
    return len(between) < 120 and not re.search(r"[.;:]|\bqui\b|\bwho\b", between)


def _delegations(ctx: Context, block: Block, sentence: Sentence, isos: list[str], *,
                 kind: str = "delegation-statement") -> None:
    """Delegations of ``isos`` and their contribution of ``kind`` (a statement, or taking
    part without one the text reports) in this sentence.
    """
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
        contribution = keys.contribution(ctx.session, key, kind)
        ctx.facts.add(Entity(contribution, "Contribution", attrs={
            "agent": key, "event": event, "kind": kind,
            "description": description, "sentences": [sentence.id]},
            evidence=[ctx.sentence_evidence(sentence)]))
        ctx.facts.relate(event, "performer", key)


def _unit(ctx: Context, block: Block) -> str:
    return ctx.unit_of_block.get(block.id, ctx.session)
