"""A person's affiliation as the text states it: the role written around the name, the
organisation in it (a well-known one from the gazetteer, or the phrase itself), the country
it is located in or the person speaks for, and the membership that links them.

>>> role_head("Directeur général de l'OIM")
'Directeur général'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from idm_graph.core import keys
from idm_graph.core.facts import Entity, Evidence
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import (
    CountryMention,
    OrgMention,
    adjectives,
    countries,
    organisations,
)
from idm_graph.extract.lexicon import PORTFOLIO_TITLE
from idm_graph.extract.names import (
    HONORIFIC,
    ROLE_HEAD,
    UPPER,
)
from idm_graph.extract.organisations import gazetteer_entity, org_kind, phrase_entity
from idm_graph.text.document import Block, Sentence

if TYPE_CHECKING:
    from idm_graph.extract.person import Person

__all__ = ["add_country", "affiliation", "bare_head", "body_after", "member_of_known",
           "organisation_of", "role_after", "role_before", "role_head"]

_ROLE_STOP = re.compile(
    r"^(?:qui|a|ont|avait|avaient|est|sont|sera|who|has|have|had|is|was|were|will|said|"
    r"stated|noted|stressed|highlighted|underlined|emphasi[sz]ed|pointed|called|recalled|"
    r"explained|described|presented|shared|urged|opened|closed|moderated|chaired|delivered|"
    r"welcomed|warned|observed|argued|added|remarked)\b")


#: A clause, not a role, after a name and its comma: an article or a pronoun, then a word in
#: lower case (« X, l'Autriche a défendu … »), or a join ("X, and the Minister of Y, …"); a
#: word that only begins like one is no article ("head of …", "lead researcher", « ancien
#: préfet »).
_CLAUSE = re.compile(r"^(?:(?:[Ll]es|[Ll]a|[Ll]e|[Dd]es|[Uu]ne?|[Ii]ls?|[Ee]lles?|[Nn]ous|[Oo]n|"
                     r"[Cc]e|[Cc]ette|[Cc]es|[Tt]he|[Aa]n?|[Tt]hey|[Ii]t|[Ww]e|[Tt]his|[Tt]hese|"
                     r"[Hh]e|[Ss]he)\s+|[Ll]['’]\s*)[a-zà-ÿ]|"
                     r"^(?:[Aa]nd|[Ee]t|[Oo]r|[Oo]u|[Bb]ut|[Mm]ais|[Ww]ho|[Qq]ui|[Ww]hich)\s")


_GOVERNMENT = re.compile(
    r"\b(?:ministre|minister|ministère|ministry|départe?ment|department|gouvernement|"
    r"government|ambassad\w*|représentante? permanente?|permanent representative|"
    r"vice-présidente?|vice-president|présidente? de la république|president of|"
    r"secrétaire d'état|sous-secrétaire|under-?secretary|secretary of state|consul\w*|"
    r"délégation|delegation|mission permanente|permanent mission)\b", re.IGNORECASE)


_ORG_IN_ROLE = re.compile(
    r"(?:(?:\bchez|\bat|\bau|\baux|\bà la|\bde la|\bdu|\bdes|\bde|\bof the|\bof|\bwith|"
    r"\bfor the)\s+|(?:\bà l'|\bde l'|\bd')\s*)(?:the\s+)?"
    rf"((?:projet|project|initiative)\s+[{UPPER}][^,;]*|[{UPPER}][^,;]*)")


_ORG_HEAD_WORD = re.compile(
    r"\b(?:Organisation|Organization|Centre|Center|Fonds|Fund|Agence|Agency|Office|Bureau|"
    r"Commission|Conseil|Council|Association|Fondation|Foundation|Institut|Institute|Banque|"
    r"Bank|Réseau|Network|Union|Alliance|Minist[eè]re|Ministry|Départe?ment|Department|"
    r"Comité|Committee|Secrétariat|Secretariat|Université|University|Forum|Company|GmbH|Ltd|"
    r"Inc)\b")


_LOCATED = re.compile(r"\s+(?:en|au|aux|in|à|basée? à|based in)\s+.*$")


_HAS_ROLE = re.compile(rf"(?<!\w)(?:{ROLE_HEAD}|member|membre)\b|"
                       r"(?-i:^(?:[A-ZÀ-Þ][\w'’-]*\s*){1,6}$)", re.IGNORECASE)
_GOES_ON = re.compile(
    rf"(?:(?:l['’]|la\s|le\s|les\s|the\s)?[{UPPER}0-9«\"(]|"
    r"(?:de|du|des|d'|of|for|in|at|on|au|aux|à|en|chargée?|and|et|"
    r"chez|auprès|within|au sein|with|former|ancien(?:ne)?|member|membre|vice|sous|head|chef|"
    r"responsable)\b)")
#: "Ambassador to Mexico", « ambassadeur auprès du Mexique »: the country an envoy is posted
#: to, not the one they speak for.
_POSTED_TO = re.compile(r"(?i)\b(?:ambassad\w*|envoy|envoyée?|consul\w*|representative|"
                        r"représentante?)\s+(?:to|in|at|auprès\s+(?:de|du|des)|en|au|aux)\s+"
                        r"(?:the\s+|la\s+|le\s+|l['’])?$")
_ROLE_HEAD_END = re.compile(r"\s+(?:de|d'|du|des|chargée?|of|for|at|au|à)\b|,")


def role_after(text: str, name_end: int) -> tuple[int, int] | None:
    """The span of the role written after a name, as an apposition (« X, Directeur… »); it
    ends where a quotation opens.

    >>> text = "Pour Ana Ruiz, chercheuse à l'Institut, « le décret réduit les sauvetages »."
    >>> a, b = role_after(text, text.index(",")); text[a:b]
    "chercheuse à l'Institut"
    """
    rest = text[name_end:]
    if not rest.startswith(", "):
        return None
    position = name_end + 2
    chunks: list[tuple[int, int]] = []
    for chunk in re.finditer(r"[^,;]+", text[position:]):
        piece = chunk.group(0).strip()
        a = position + chunk.start() + (len(chunk.group(0)) - len(chunk.group(0).lstrip()))
        if not piece or _ROLE_STOP.match(piece) or piece[:1] in "«“\"‘" or (
                chunks and (_CLAUSE.match(piece) or not _GOES_ON.match(piece))):
            break  # « …, Minister for Home Affairs, met with … »: the role ends at a verb
        if not chunks and (_CLAUSE.match(piece) or _ROLE_STOP.match(piece)
                           or not _HAS_ROLE.search(piece)):
            return None  # « X, l'Autriche a défendu … »: a clause, not a role
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


_BODY_AFTER = re.compile(
    rf"(?:\s+(?:of|from)\s+(?:the\s+)?|\s+(?:de la|de l'|du|des)\s*|\s*\()"
    rf"((?:[{UPPER}][\w'’&-]*|of|for|on|and|the|de|du|des|la|l'|et|pour|sur|&)"
    rf"(?:\s+(?:[{UPPER}][\w'’&-]*|of|for|on|and|the|de|du|des|la|l'|et|pour|sur|&))*"
    r"(?:\s+\([A-Z][A-Z0-9&-]{1,9}\))?)")


def body_after(text: str, name_end: int) -> tuple[int, int] | None:
    """The span of an organisation named right after a person's name, "X of the Acme
    Institute (AI)", "X (Nordic Return Network)", « X, du Centre Y » is :func:`role_after`'s.
    Only a name with an organisation's head word or kind counts, never a country.

    >>> text = "Dr Ana Ruiz of the Migration Data Institute (MDI) to discuss data."
    >>> a, b = body_after(text, 11); text[a:b]
    'Migration Data Institute (MDI)'
    >>> body_after("Mr Ahmed (Bangladesh) said", 8) is None
    True
    """
    match = _BODY_AFTER.match(text, name_end)
    if match is None:
        return None
    name = re.sub(r"(?:\s+(?:of|for|on|and|the|de|du|des|la|l'|et|pour|sur|&))+$", "",
                  match.group(1))
    if match.group(0).lstrip().startswith("(") and not text.startswith(
            ")", match.start(1) + len(name)):
        return None  # « X (Org » without its closing parenthesis, or more than a name
    found = countries().find(name)
    if (found and found[0].start == 0) or not (
            _ORG_HEAD_WORD.search(name) or org_kind(name) != "other"
            or organisations().find(name)):
        return None
    return match.start(1), match.start(1) + len(name)


#: A form of address standing between a role and the name it introduces, set off by commas.
_ADDRESS_CHUNK = re.compile(rf"\s*(?:{HONORIFIC})\s*")


def role_before(text: str, name_start: int, honorific: str | None) -> tuple[int, int] | None:
    """The span of the role written before a name (« La Directrice générale adjointe, Mme Y »,
    « la ministre de la Solidarité nationale, Mme Y »).

    >>> text = "La ministre de la Solidarité nationale, Mme Aïcha Diallo, a parlé."
    >>> a, b = role_before(text, text.index("Aïcha"), "Mme")
    >>> text[a:b]
    'ministre de la Solidarité nationale'
    >>> role_before("Le rapport, M. Diallo a parlé.", 15, "M.") is None
    True
    >>> text = "The talks were chaired by the Minister of Labour, Dr Bo Chan."
    >>> a, b = role_before(text, text.index("Bo"), "Dr")
    >>> text[a:b]
    'Minister of Labour'
    >>> text = "Ann Lee, and the Minister of Labour, Dr Bo Chan, spoke."
    >>> a, b = role_before(text, text.index("Bo"), "Dr")
    >>> text[a:b]
    'Minister of Labour'
    """
    honorific_start = text.rfind(honorific, 0, name_start) if honorific else name_start
    before = text[:honorific_start].rstrip()
    if not before.endswith(","):
        return None
    chunk_start = max(before.rfind(",", 0, len(before) - 1) + 1, 0)
    while _ADDRESS_CHUNK.fullmatch(before[chunk_start:-1]) and chunk_start > 0:
        before = before[:chunk_start].rstrip()  # « Le Chef de l'Etat, Son Excellence, M. X »
        chunk_start = max(before.rfind(",", 0, len(before) - 1) + 1, 0)
    piece = before[chunk_start:-1]
    stripped = piece.lstrip()
    a = chunk_start + len(piece) - len(stripped)
    governed = list(_GOVERNS.finditer(stripped))
    if governed:  # "The conference was co-chaired by the Minister of X, Ms Y": after "by"
        if not _ROLE_WORD_IN.search(stripped[governed[-1].end() :]):
            return None  # "Speaking on behalf of the Committee, X": a body, not a role
        a += governed[-1].end()
        stripped = stripped[governed[-1].end() :]
    # « …, et la ministre de X, Mme Y », "…, and the Minister of X, Dr Y": after a join
    article = re.match(r"(?:(?:and|et|with|avec)\s+)?(?:le|la|l'|the)\s*", stripped,
                       re.IGNORECASE)
    if not article:
        return None
    a += article.end()
    role = text[a : len(before) - 1]
    if not role or len(role) > 200 or not (role[0].isupper() or _ROLE_WORD_IN.match(role)):
        return None  # « La ministre de la Solidarité, Mme X »: a role in lower case too
    return a, len(before) - 1


#: A word that governs the role after it in a clause: "… co-chaired by the Minister of X,
#: Ms Y", « … reçu par la ministre de X, Mme Y ».
_GOVERNS = re.compile(r"\b(?:by|par|with|avec|to|from|for|pour|à|au|aux|of)\s+"
                      r"(?=(?:(?:the|le|la)\s+|l['’]\s*)\w)", re.IGNORECASE)


#: A role's head word anywhere in a phrase (at its start: a role written in lower case, as
#: French writes them).
_ROLE_WORD_IN = re.compile(rf"\b(?:{ROLE_HEAD})\b", re.IGNORECASE)



def role_head(role: str | None) -> str | None:
    """The head of a role (its title without the organisation), for mentions by role; a
    one-word head (« Chef », "Minister") names no one alone, so a short role is its own head.

    >>> role_head("Directeur général de l'OIM"), role_head("Chef de l'Etat")
    ('Directeur général', "Chef de l'Etat")
    >>> role_head("Minister") is None
    True
    """
    if not role or not role[0].isupper():
        return None
    head = _ROLE_HEAD_END.split(role, maxsplit=1)[0].strip()
    if len(head.split()) >= 2:
        return head
    whole = role.strip()
    return whole if "," not in whole and 3 <= len(whole.split()) <= 5 else None


def bare_head(role: str | None) -> str | None:
    """The one-word head of a role, in lower case ("minister" of "Minister of Labour of
    Norland", « ministre » of « ministre de l'intérieur »), by which the bare role alone ("The
    Minister added …", « le ministre a affirmé ») refers back to the only person holding it.

    >>> bare_head("Minister of Labour of Norland"), bare_head("Directeur général de l'OIM")
    ('minister', None)
    >>> bare_head("ministre de l'intérieur"), bare_head("premier ministre italien")
    ('ministre', None)
    """
    if not role:
        return None
    words = _ROLE_HEAD_END.split(role, maxsplit=1)[0].split()
    return words[0].lower() if len(words) == 1 and re.fullmatch(ROLE_HEAD, words[0],
                                                                re.IGNORECASE) else None


def affiliation(ctx: Context, block: Block, sentence: Sentence, person: Person,
                 a: int, b: int) -> None:
    """Organisation and country named in a role phrase ``sentence.text[a:b]``."""
    role = sentence.text[a:b]
    role_country: CountryMention | None = next(
        (c for c in countries().find(role) if not _POSTED_TO.search(role[: c.start])), None)
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
            org_key = organisation_of(ctx, block, sentence, person, a + phrase[0],
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
        add_country(ctx, role_country.iso3, ev)
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
        if re.match(rf"(?:{HONORIFIC})\s", name):
            continue  # « … en remplacement de Madame X »: a person, not an organisation
        found = gazetteer.find(name)
        if found and found[0].start == 0:
            continue
        if re.match(r"(?:State|[EÉ]tat)\b", name) and re.search(
                r"(?i)\b(?:secretary|secrétaire|minister|ministre)\s+(?:of|d['’]|de l['’])\s*$",
                role[: match.start(1)]):
            continue  # "Secretary of State for …", « secrétaire d'État »: the title itself
        if PORTFOLIO_TITLE.search(role[: match.start(1)]) and not (
                _ORG_HEAD_WORD.search(name) or org_kind(name) != "other"):
            continue  # "Minister of Foreign Affairs", "Secretary of Homeland Security": a
            # portfolio the title names, not an organisation's name
        genitive = re.match(r"(?:de|du|des|d'|of)\b", match.group(0), re.IGNORECASE)
        capitals = [t for t in re.findall(rf"[{UPPER}][\w'-]*", name)
                    if not gazetteer.find(t)]
        if genitive and not (_ORG_HEAD_WORD.search(name) or org_kind(name) != "other"
                             or name.lower().startswith(("projet", "project"))
                             or (len(capitals) >= 2 and not found)):
            continue
        head = re.search(rf"(?:the\s+)?({_ORG_HEAD_WORD.pattern})\s+(?:of|for|de|du|des)\s+$",
                         role[: match.start(1)])
        if head is not None:  # "the Office of National Drug Control Policy": the head too
            return head.start(1), match.end(1)
        return match.start(1), match.end(1)
    last = role.rfind(", ")
    if last > 0:  # a list entry « Name, Role, Organisation »: the last part names the body
        name = role[last + 2:]
        if (re.match(rf"[{UPPER}]", name) and not gazetteer.find(name)
                and (_ORG_HEAD_WORD.search(name) or org_kind(name) != "other")):
            return last + 2, len(role)
    return None


def _overlapping(role: str) -> list[re.Match[str]]:
    matches = []
    position = 0
    while (match := _ORG_IN_ROLE.search(role, position)) is not None:
        matches.append(match)
        position = match.start() + 1
    return matches


def organisation_of(ctx: Context, block: Block, sentence: Sentence, person: Person,
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
        add_country(ctx, place.iso3, country_ev)
        ctx.facts.relate(entity.key, "location", keys.country(place.iso3))
    if role is None:
        membership = _membership_key(ctx, person.key, entity.key)
        ctx.facts.add(Entity(membership, "Membership", attrs={
            "member": person.key, "organization": entity.key}, evidence=[ev]))
        ctx.facts.relate(person.key, "memberOf", entity.key)
    return entity.key


def member_of_known(ctx: Context, block: Block, sentence: Sentence, person: Person,
                    start: int, mention: OrgMention) -> str:
    """Make ``person`` a member of the well-known organisation named at ``sentence.text
    [start:]`` ("X from the Mixed Migration Centre said …"); its key.
    """
    a, b = sentence.start + start, sentence.start + start + (mention.end - mention.start)
    ev = ctx.evidence(block, a, b)
    entity = ctx.facts.add(gazetteer_entity(mention.entry, ev, acronym=mention.acronym,
                                            lang=ctx.doc.language))
    membership = _membership_key(ctx, person.key, entity.key)
    ctx.facts.add(Entity(membership, "Membership", attrs={
        "member": person.key, "organization": entity.key}, evidence=[ev]))
    ctx.facts.relate(person.key, "memberOf", entity.key)
    return entity.key


def _membership_key(ctx: Context, person: str, organisation: str) -> str:
    """Memberships are as stated in one session: the same person may hold another role later."""
    return keys.membership(ctx.session, person, organisation)


def add_country(ctx: Context, iso3: str, evidence: Evidence) -> None:
    """Add the country ``iso3`` (labels from the gazetteer) with this evidence."""
    gazetteer = countries()
    ctx.facts.add(Entity(keys.country(iso3), "Country",
                         labels={"fr": gazetteer.label(iso3, "fr"),
                                 "en": gazetteer.label(iso3, "en")},
                         attrs={"iso3": iso3, "method": "gazetteer"}, evidence=[evidence]))
