"""Persons, their roles as written, organisations and countries, and their contributions.

A person is found by an honorific (« Mme », « M. », « Ms. », « H.E. »…) or an official title
(« Director General António Vitorino ») before a capitalised name. The role is the apposition
after the name (« M. X, Directeur général de l'OIM, a ouvert… ») or before it (« La Directrice
générale adjointe …, Mme Y, a animé… »). Later mentions resolve to the same person: surname
only (« Mme Gupta »), role (« Le Directeur général »), or a pronoun opening a sentence of the
same paragraph (« Elle a souligné… »).

>>> from idm_graph.document import parse_text
>>> from idm_graph.extract.context import Context
>>> ctx = Context(parse_text("Ms. Jane Roe, Minister of Labour of Kenya, opened the meeting. "
...                          "Ms. Roe stressed data.", key="d"))
>>> extract_people(ctx)
>>> person = ctx.facts.entities["person/jane-roe"]
>>> person.attrs["role"], person.attrs["honorific"], len(person.evidence)
('Minister of Labour of Kenya', 'Ms.', 2)
>>> ctx.facts.objects("person/jane-roe", "country")
['country/KEN']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from idm_graph import keys
from idm_graph.document import Block, Sentence, fold
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import (
    CountryMention,
    adjectives,
    countries,
    ordinal_word,
    organisations,
)
from idm_graph.extract.names import (
    appositions,
    needs_model,
    role_then_name,
    speaker_turns,
    spoken,
    titled,
    took_part,
)
from idm_graph.extract.ner import Span
from idm_graph.extract.organisations import gazetteer_entity, org_kind, phrase_entity
from idm_graph.facts import Entity, Evidence
from idm_graph.vocab import slug

__all__ = ["KINDS", "extract_people"]

_UP = "A-ZÀ-ÖØ-Þ"
_HONORIFIC = (r"S\.\s?E\.(?:\s(?:M\.|Mme))?|H\.\s?E\.(?:\s(?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?))?|"
              r"Son Excellence|His Excellency|Her Excellency|Monsieur|Madame|Mademoiselle|"
              r"Mmes|Mme|Mlle|MM\.|M\.|Mrs\.?|"
              r"Ms\.?|Mr\.?|Miss|Dre|Dr\.?|Pr\.?|Prof\.?|Sir|Dame")
_TOKEN = rf"[{_UP}](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_PARTICLE = r"(?:de|da|del|della|di|dos|das|do|du|van|von|der|den|ter|bin|ibn|al|el|y)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,4}}"
_MENTION = re.compile(rf"(?<![\w.])({_HONORIFIC})\s+({_NAME})")
_TITLES = (r"Deputy Director[- ]General|Director[- ]General|Deputy Secretary[- ]General|"
           r"Secretary[- ]General|Under[- ]Secretary[- ]General|Assistant Secretary[- ]General|"
           r"Deputy Minister|Prime Minister|Minister|Vice[- ]President|President|Ambassador|"
           r"Permanent Representative|Deputy Executive Director|Executive Director|"
           r"Special Representative|Special Rapporteur|High Commissioner|Commissioner|Mayor|"
           r"Directrice générale adjointe|Directeur général adjoint|Directeur général|"
           r"Directrice générale|Ministre|Ambassadeur|Ambassadrice|Secrétaire générale?|"
           r"Vice-Présidente?|Présidente?|Maire")
_TITLED = re.compile(rf"(?<![\w])((?:[{_UP}]{{2,6}}\s+)?(?:{_TITLES}))\s+"
                     rf"({_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,4}})")
_NOT_NAME = frozenset(
    "Le La Les L The Un Une A An Des De Du Dans Pour Selon Comme Par Panel Session".split())
_ROLE_STOP = re.compile(
    r"^(?:qui|a|ont|avait|avaient|est|sont|sera|who|has|have|had|is|was|were|will|said|"
    r"stated|noted|stressed|highlighted|underlined|emphasi[sz]ed|pointed|called|recalled|"
    r"explained|described|presented|shared|urged|opened|closed|moderated|chaired|delivered|"
    r"welcomed|warned|observed|argued|added|remarked)\b")
_CLAUSE = re.compile(r"^(?:[Ll]es|[Ll]a|[Ll]e|[Ll]'|[Dd]es|[Uu]ne?|[Ii]ls?|[Ee]lles?|[Nn]ous|[Oo]n|"
                     r"[Cc]e|[Cc]ette|[Cc]es|[Tt]he|[Aa]n?|[Tt]hey|[Ii]t|[Ww]e|[Tt]his|[Tt]hese|"
                     r"[Hh]e|[Ss]he)\s*[a-zà-ÿ]")
_GOVERNMENT = re.compile(
    r"\b(?:ministre|minister|ministère|ministry|départe?ment|department|gouvernement|"
    r"government|ambassad\w*|représentante? permanente?|permanent representative|"
    r"vice-présidente?|vice-president|présidente? de la république|president of|"
    r"secrétaire d'état|sous-secrétaire|under-?secretary|secretary of state|consul\w*|"
    r"délégation|delegation|mission permanente|permanent mission)\b", re.IGNORECASE)
_REPRESENTING = re.compile(r"\b(?:Représentante?|Representing|Au nom de|On behalf of)\s+"
                           r"(?:l'|la |le |les |the |du |de la |de l')?"
                           rf"([{_UP}][^,;]*?)(?=\s+(?:basée?s?|based|située?|located|in|en)\b|,|;|$)")
_ORG_IN_ROLE = re.compile(
    r"(?:(?:\bchez|\bat|\bau|\baux|\bà la|\bde la|\bdu|\bdes|\bde|\bof the|\bof|\bwith|"
    r"\bfor the)\s+|(?:\bà l'|\bde l'|\bd')\s*)(?:the\s+)?"
    rf"((?:projet|project|initiative)\s+[{_UP}][^,;]*|[{_UP}][^,;]*)")
_ORG_HEAD_WORD = re.compile(
    r"\b(?:Organisation|Organization|Centre|Center|Fonds|Fund|Agence|Agency|Office|Bureau|"
    r"Commission|Conseil|Council|Association|Fondation|Foundation|Institut|Institute|Banque|"
    r"Bank|Réseau|Network|Union|Alliance|Minist[eè]re|Ministry|Départe?ment|Department|"
    r"Comité|Committee|Secrétariat|Secretariat|Université|University|Forum|Company|GmbH|Ltd|"
    r"Inc)\b")
_LOCATED = re.compile(r"\s+(?:en|au|aux|in|à|basée? à|based in)\s+.*$")
_IMPERSONAL = re.compile(r"\b(?:il|it)\s+(?:s'agi|est |faut|a été|y a|convient|importe|"
                         r"semble|reste|was |is |has been|seems)", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:^|,\s|\bet\s|\band\s)(?:il|elle|he|she)\s", re.IGNORECASE)
_PRONOUN_LEAD = re.compile(r"^(?:selon (?:elle|lui)|pour (?:elle|lui)|according to (?:her|him)|"
                           r"(?:il|elle|he|she)\b)", re.IGNORECASE)
_ROLE_HEAD_END = re.compile(r"\s+(?:de|d'|du|des|chargée?|of|for|at|au|à)\b|,")
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


@dataclass(slots=True)
class _Person:
    key: str
    name: str
    tokens: list[str]
    role: str | None = None
    contributions: list[str] = field(default_factory=list)
    took_part: bool = False


def extract_people(ctx: Context) -> None:
    """Find persons, roles, memberships, countries and contributions."""
    people: dict[str, _Person] = {}
    for block in ctx.doc.blocks:
        if block.kind in ("heading", "footnote"):
            continue
        last: _Person | None = None
        for sentence in block.sentences:
            mentions = _mentions(ctx, block, sentence, people)
            if mentions:
                any_explicit = any(explicit for _, explicit, _, _ in mentions)
                for person, explicit, start, end in mentions:
                    person.took_part = person.took_part or took_part(sentence.text, start)
                    ev = ctx.evidence(block, sentence.start + start, sentence.start + end)
                    ctx.facts.add(Entity(person.key, "Person", attrs={}, evidence=[ev]))
                    if explicit or (not any_explicit and _specific_kind(sentence)):
                        _contribute(ctx, block, sentence, person, start, end)
                    elif person.contributions:
                        _attach(ctx, sentence, person)
                last = mentions[-1][0]
            elif (last is not None and last.contributions
                  and not _IMPERSONAL.search(sentence.text[:160])
                  and (_PRONOUN.search(sentence.text[:160])
                       or _PRONOUN_LEAD.match(sentence.text))):
                _attach(ctx, sentence, last)
    for person in people.values():
        ctx.facts.entities[person.key].attrs["tookPart"] = person.took_part


def _mentions(ctx: Context, block: Block, sentence: Sentence,
              people: dict[str, _Person]) -> list[tuple[_Person, bool, int, int]]:
    """Mentions in a sentence: (person, explicit?, start, end) relative to the sentence."""
    text = sentence.text
    found: list[tuple[_Person, bool, int, int]] = []
    taken: list[tuple[int, int]] = []
    for match in _MENTION.finditer(text):
        honorific, name = match.group(1), _trim_name(match.group(2))
        if not name:
            continue
        start, end = match.start(), match.start(2) + len(name)
        person = _resolve(name, people)
        explicit = person is None or len(name.split()) > 1
        if person is None:
            person = _register(ctx, name, people)
        if explicit:
            _describe(ctx, block, sentence, person, honorific, name, match.start(2), end)
        found.append((person, explicit, start, end))
        taken.append((start, end))
        _mark_name(ctx, block, sentence.start + match.start(2), sentence.start + end)
    for match in _TITLED.finditer(text):
        name = _trim_name(match.group(2))
        if len(name.split()) < 2 or any(a <= match.start() < b for a, b in taken):
            continue
        if countries().find(name) or organisations().find(name):
            continue
        end = match.start(2) + len(name)
        person = _resolve(name, people) or _register(ctx, name, people)
        title = match.group(1)
        _describe(ctx, block, sentence, person, None, name, match.start(2), end,
                  title=(title, match.start(1)))
        found.append((person, True, match.start(), end))
        taken.append((match.start(), end))
        _mark_name(ctx, block, sentence.start + match.start(2), sentence.start + end)
    spans: list[Span] = []
    if needs_model(text, taken):  # a capitalised name next to a speech verb that no rule saw
        spans = [Span(m.start - sentence.start, m.end - sentence.start, m.label, m.text)
                 for m in ctx.model_spans(block, "PER")
                 if sentence.start <= m.start and m.end <= sentence.start + len(text)]
    hits = [*titled(text, spans), *appositions(text, spans), *role_then_name(text, spans),
            *spoken(text, spans)]
    if sentence is block.sentences[0]:
        hits += speaker_turns(text)
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if any(a <= hit.start < b or a < hit.end <= b for a, b in taken):
            continue
        person = _resolve(hit.name, people) or _register(ctx, hit.name, people)
        ctx.facts.entities[person.key].attrs.setdefault("method", hit.method)
        title = (hit.role, hit.role_start) if hit.role and hit.role_start is not None else None
        _describe(ctx, block, sentence, person, None, hit.name, hit.start, hit.end, title=title)
        found.append((person, True, hit.start, hit.end))
        taken.append((hit.start, hit.end))
        _mark_name(ctx, block, sentence.start + hit.start, sentence.start + hit.end)
    for person in people.values():
        head = _role_head(person.role)
        if not head:
            continue
        pattern = rf"\b(?:[Ll]e|[Ll]a|[Tt]he|[Ll]')\s*{re.escape(head)}\b(?!\s+adjoint)"
        for match in re.finditer(pattern, text):
            if any(a - 120 <= match.start() < b + 5 for a, b in taken):
                continue
            if sum(1 for p in people.values() if _role_head(p.role) == head) > 1:
                continue
            found.append((person, False, match.start(), match.end()))
    found.sort(key=lambda item: item[2])
    return found


def _trim_name(name: str) -> str:
    tokens = name.split()
    while tokens and tokens[-1] in _NOT_NAME:
        tokens.pop()
    if tokens and tokens[0] in _NOT_NAME:
        return ""
    return " ".join(tokens)


def _resolve(name: str, people: dict[str, _Person]) -> _Person | None:
    key = keys.person(slug(name))
    if key in people:
        return people[key]
    tokens = name.split()
    if len(tokens) == 1:
        word = tokens[0].casefold()  # "MONTOYA:" is Rafael Montoya Ruiz
        matches = [p for p in people.values() if word in (t.casefold() for t in p.tokens[1:])]
        if len(matches) == 1:
            return matches[0]
    else:  # a shorter form of a known name: "López Obrador" for "Andrés Manuel López Obrador"
        matches = [p for p in people.values()
                   if len(p.tokens) > len(tokens) and p.tokens[-len(tokens):] == tokens]
        if len(matches) == 1:
            return matches[0]
    return None


def _register(ctx: Context, name: str, people: dict[str, _Person]) -> _Person:
    person = _Person(keys.person(slug(name)), name, name.split())
    people[person.key] = person
    ctx.facts.add(Entity(person.key, "Person", labels={"fr": name, "en": name},
                         attrs={"name": name}))
    return person


def _mark_name(ctx: Context, block: Block, start: int, end: int) -> None:
    ctx.name_spans.setdefault(block.id, []).append((start, end))


def _describe(ctx: Context, block: Block, sentence: Sentence, person: _Person,
              honorific: str | None, name: str, name_start: int, name_end: int, *,
              title: tuple[str, int] | None = None) -> None:
    """Record honorific, role, organisation and country stated around an explicit mention."""
    entity = ctx.facts.entities[person.key]
    if honorific:
        entity.attrs.setdefault("honorific", honorific)
    text = sentence.text
    role_span = _role_after(text, name_end)
    if role_span is None:
        role_span = _role_before(text, name_start, honorific)
    if role_span is None and title is not None:
        role_span = (title[1], title[1] + len(title[0]))
    if role_span is not None and person.role is None:
        a, b = role_span
        while b > a and text[b - 1] in " :;":
            b -= 1  # « présidente : »
        role = text[a:b]
        person.role = role
        entity.attrs["role"] = role
        _affiliation(ctx, block, sentence, person, a, b)
    stated = re.match(r"\s*\(([^()]{2,60})\)", text[name_end:])
    place = countries().find(stated.group(1)) if stated else []
    if stated and place and place[0].start == 0 and \
            len(place[0].name) == len(stated.group(1).strip()):
        # summary-record style « Mr. Ahmed (Bangladesh) »: the country the speaker speaks for
        at = name_end + stated.start(1)
        _country(ctx, place[0].iso3, ctx.evidence(block, sentence.start + at,
                                                  sentence.start + at + len(place[0].name)))
        ctx.facts.relate(person.key, "country", keys.country(place[0].iso3))
    represented = _REPRESENTING.search(text)
    if represented and represented.end() <= name_start + 2:
        _organisation_of(ctx, block, sentence, person, represented.start(1),
                         represented.end(1), role=None)


def _role_after(text: str, name_end: int) -> tuple[int, int] | None:
    rest = text[name_end:]
    if not rest.startswith(", "):
        return None
    position = name_end + 2
    chunks: list[tuple[int, int]] = []
    for chunk in re.finditer(r"[^,;]+", text[position:]):
        piece = chunk.group(0).strip()
        a = position + chunk.start() + (len(chunk.group(0)) - len(chunk.group(0).lstrip()))
        if not piece or _ROLE_STOP.match(piece) or (_CLAUSE.match(piece) and chunks):
            break
        if not chunks and (_CLAUSE.match(piece) or _ROLE_STOP.match(piece)):
            return None
        b = a + len(piece)
        if text[b:b + 1] not in (",", ";") and b >= len(text.rstrip(" .")):
            b = len(text.rstrip(" .;"))
            chunks.append((a, b))
            break
        chunks.append((a, b))
        if len(chunks) == 4:
            break
    if not chunks or chunks[-1][1] - chunks[0][0] > 220:
        return None
    return chunks[0][0], chunks[-1][1]


def _role_before(text: str, name_start: int, honorific: str | None) -> tuple[int, int] | None:
    honorific_start = text.rfind(honorific, 0, name_start) if honorific else name_start
    before = text[:honorific_start].rstrip()
    if not before.endswith(","):
        return None
    chunk_start = max(before.rfind(",", 0, len(before) - 1) + 1, 0)
    piece = before[chunk_start:-1]
    stripped = piece.lstrip()
    a = chunk_start + len(piece) - len(stripped)
    article = re.match(r"(?:le|la|l'|the)\s*", stripped, re.IGNORECASE)
    if not article:
        return None
    a += article.end()
    role = text[a : len(before) - 1]
    if not role or not role[0].isupper() or len(role) > 200:
        return None
    return a, len(before) - 1


def _role_head(role: str | None) -> str | None:
    if not role or not role[0].isupper():
        return None
    head = _ROLE_HEAD_END.split(role, maxsplit=1)[0].strip()
    return head if len(head.split()) >= 2 else None


def _affiliation(ctx: Context, block: Block, sentence: Sentence, person: _Person,
                 a: int, b: int) -> None:
    """Organisation and country named in a role phrase ``sentence.text[a:b]``."""
    role = sentence.text[a:b]
    role_country: CountryMention | None = next(iter(countries().find(role)), None)
    if role_country is None:  # "Mexican President", « premier ministre italien »
        adjective = next(iter(adjectives().find(role, ctx.doc.language)), None)
        if adjective is not None and re.search(
                r"(?i)\b(?:president|présidente?|minist(?:er|re)|ambassad\w+|secretary|"
                r"secrétaire|chancellor|king|queen|roi|reine|prime|premier)\b", role):
            role_country = CountryMention(adjective.iso3, adjective.name, adjective.start,
                                          adjective.end)
    government = bool(_GOVERNMENT.search(role))
    org_key = None
    known = organisations().find(role)
    if known:
        mention = known[0]
        org_key = keys.organisation(mention.entry.key)
        ctx.facts.add(gazetteer_entity(mention.entry, ctx.evidence(
            block, sentence.start + a + mention.start, sentence.start + a + mention.end),
            acronym=mention.acronym, lang=ctx.doc.language))
    else:
        phrase = _org_phrase(role)
        if phrase is not None:
            org_key = _organisation_of(ctx, block, sentence, person, a + phrase[0],
                                       a + phrase[1], role=role, government=government)
    if org_key:
        ev = ctx.evidence(block, sentence.start + a, sentence.start + b)
        membership = _membership_key(ctx, person.key, org_key)
        ctx.facts.add(Entity(membership, "Membership", attrs={
            "member": person.key, "organization": org_key, "role": role}, evidence=[ev]))
        ctx.facts.relate(person.key, "memberOf", org_key)
    if role_country is not None:
        ev = ctx.evidence(block, sentence.start + a + role_country.start,
                          sentence.start + a + role_country.end)
        _country(ctx, role_country.iso3, ev)
        if government or org_key is None:
            ctx.facts.relate(person.key, "country", keys.country(role_country.iso3))
        if org_key and (government or not known):
            ctx.facts.relate(org_key, "location", keys.country(role_country.iso3))


def _org_phrase(role: str) -> tuple[int, int] | None:
    """The span of the organisation a role names: the last prepositional phrase that reads
    as a proper name (« … au Département des affaires étrangères des Philippines »,
    « … chez Robert Bosch Stiftung GmbH », « … of Data at Acme Ltd »).
    """
    gazetteer = countries()
    for match in reversed(_overlapping(role)):
        name = _LOCATED.sub("", match.group(1)).strip()
        if re.match(rf"(?:{_HONORIFIC})\s", name):
            continue  # « … en remplacement de Madame X »: a person, not an organisation
        found = gazetteer.find(name)
        if found and found[0].start == 0:
            continue
        genitive = re.match(r"(?:de|du|des|d'|of)\b", match.group(0), re.IGNORECASE)
        capitals = [t for t in re.findall(rf"[{_UP}][\w'-]*", name)
                    if not gazetteer.find(t)]
        if genitive and not (_ORG_HEAD_WORD.search(name) or org_kind(name) != "other"
                             or name.lower().startswith(("projet", "project"))
                             or (len(capitals) >= 2 and not found)):
            continue
        return match.start(1), match.end(1)
    return None


def _overlapping(role: str) -> list[re.Match[str]]:
    matches = []
    position = 0
    while (match := _ORG_IN_ROLE.search(role, position)) is not None:
        matches.append(match)
        position = match.start() + 1
    return matches


def _organisation_of(ctx: Context, block: Block, sentence: Sentence, person: _Person,
                     a: int, b: int, *, role: str | None, government: bool = False) -> str:
    """Create the organisation named by ``sentence.text[a:b]`` (a role's tail)."""
    phrase = sentence.text[a:b]
    located = re.search(r"\s+(?:basée?s? à [^,]+,\s*)?(?:en|au|aux|in|à)\s+(.+)$|,\s*(.+)$",
                        phrase)
    name = phrase[: located.start()] if located else phrase
    name = _LOCATED.sub("", name).strip(" ,")
    defined = re.search(r"\s*\(([A-Z][A-Z0-9&-]{1,9})\)$", name)
    acronym = defined.group(1) if defined else None
    if defined:
        name = name[: defined.start()]  # « Centre for Remittance Research (CRR) »
    kind = None
    project = re.match(r"(?:projet|project|initiative)\s+", name, re.IGNORECASE)
    trailing = re.search(r"\s+(?:project|initiative|programme)$", name)
    if project:
        name, kind = name[project.end() :], "project"
    elif trailing:
        name, kind = name[: trailing.start()], "project"
    elif government:
        kind = "government-body" if org_kind(name) in ("other", "government-body") else None
    start = a + phrase.find(name)
    ev = ctx.evidence(block, sentence.start + start, sentence.start + start + len(name))
    entity = ctx.facts.add(phrase_entity(name, ctx.doc.language, ev, kind=kind, acronym=acronym))
    tail = sentence.text[start + len(name) : min(len(sentence.text), b + 40)]
    place = next(iter(countries().find(tail[:60])), None)
    if place is not None:
        at = start + len(name) + place.start
        country_ev = ctx.evidence(block, sentence.start + at,
                                  sentence.start + at + len(place.name))
        _country(ctx, place.iso3, country_ev)
        ctx.facts.relate(entity.key, "location", keys.country(place.iso3))
    if role is None:
        membership = _membership_key(ctx, person.key, entity.key)
        ctx.facts.add(Entity(membership, "Membership", attrs={
            "member": person.key, "organization": entity.key}, evidence=[ev]))
        ctx.facts.relate(person.key, "memberOf", entity.key)
    return entity.key


def _membership_key(ctx: Context, person: str, organisation: str) -> str:
    """Memberships are as stated in one session: the same person may hold another role later."""
    return keys.membership(ctx.session, person, organisation)


def _country(ctx: Context, iso3: str, evidence: Evidence) -> None:
    gazetteer = countries()
    ctx.facts.add(Entity(keys.country(iso3), "Country",
                         labels={"fr": gazetteer.label(iso3, "fr"),
                                 "en": gazetteer.label(iso3, "en")},
                         attrs={"iso3": iso3, "method": "gazetteer"}, evidence=[evidence]))


def _contribute(ctx: Context, block: Block, sentence: Sentence, person: _Person,
                start: int, end: int) -> None:
    """Record what an explicitly named person did in this sentence."""
    text = fold(sentence.text)
    kind = next((name for name, cue in KINDS if cue.search(text)), None)
    if kind is None:
        return
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


def _specific_kind(sentence: Sentence) -> bool:
    """Whether a sentence names a kind of contribution other than plain speaking."""
    text = fold(sentence.text)
    return any(cue.search(text) for name, cue in KINDS if name != "panellist")


def _attach(ctx: Context, sentence: Sentence, person: _Person) -> None:
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
