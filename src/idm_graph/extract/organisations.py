"""Organisations: well-known ones by name or acronym, others from « Name (ACRONYM) »
patterns and from the role phrases of persons, each with a kind.

>>> org_kind("Robert Bosch Stiftung GmbH"), org_kind("Association pour l'intégration des femmes")
('foundation', 'ngo')
>>> org_kind("Département des affaires étrangères des Philippines")
'government-body'
"""

from __future__ import annotations

import re

from idm_graph.core import keys
from idm_graph.core.facts import Entity, Evidence
from idm_graph.core.vocab import slug
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import OrgEntry, countries, organisations

__all__ = [
    "BODY_HEAD",
    "LEADING_ARTICLES",
    "NOT_ACRONYM",
    "NOT_BODY",
    "body_names",
    "extract_bodies",
    "extract_organisations",
    "gazetteer_entity",
    "named_by_kind",
    "org_kind",
    "phrase_entity",
]

_KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("foundation", re.compile(r"\b(?:Fondation|Foundation|Stiftung|Fundación|Fundação)\b")),
    ("government-body", re.compile(
        r"\b(?:Minist[eè]re|Ministry|Départe?ment|Department|Gouvernement|Government|"
        r"Secrétariat d'État|Agence nationale|National Agency|Office national|Ambassade|"
        r"Embassy|Mission permanente|Permanent Mission|Bureau national)\b")),
    ("ngo", re.compile(r"\b(?:Association|ONG|NGO|Réseau|Network|Society|Société civile|"
                       r"Alliance|Coalition|Federation|Fédération|Union des|Council of)\b")),
    ("academia", re.compile(r"\b(?:Université|University|Institut|Institute|College|"
                            r"Collège|School|École|Centre de recherche|Research Centre)\b")),
    ("data-tool", re.compile(r"\b(?:Matrice|Matrix|Portail|Portal|Observatoire|Observatory|"
                             r"Data|Données|Tracking|Suivi)\b")),
    ("private-company", re.compile(
        r"\b(?:GmbH|Ltd|Inc|LLC|S\.A\.|SA|SAS|PLC|Corp|Corporation|Company|Compagnie|"
        r"Group|Groupe|Bank|Banque|Technologies|Solutions|Holdings|Global|Capital|Ventures|"
        r"Partners|Consulting)\b\.?$")),
    ("project", re.compile(r"^(?:projet|project|initiative|programme|program)\b",
                           re.IGNORECASE)),
]
_ORG_HEAD = re.compile(
    r"^(?:Organisation|Organization|Centre|Center|Matrice|Fonds|Fund|Agence|Agency|Office|"
    r"Bureau|Commission|Conseil|Council|Association|Fondation|Foundation|Institut|Institute|"
    r"Banque|Bank|Réseau|Network|Union|Alliance|Minist[eè]re|Ministry|Départe?ment|Department|"
    r"Haut-Commissariat|Comité|Committee|Secrétariat|Secretariat|Mission|Groupe|Group|"
    r"Université|University|Observatoire|Observatory|Programme|Federation|Fédération)\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&-]{1,9})\)")
_STOP_BACK = frozenset(
    "le la l' les du de des d' the of a an un une tels que such as".split())


def org_kind(name: str) -> str:
    """The kind of an organisation from its name alone (``other`` when nothing tells)."""
    for kind, pattern in _KIND_CUES:
        if pattern.search(name):
            return kind
    return "other"


def gazetteer_entity(entry: OrgEntry, evidence: Evidence, *,
                     acronym: str | None = None, lang: str | None = None) -> Entity:
    """The entity of a well-known organisation, with the acronym the text used (if any),
    labelled in the document's language ``lang`` (both languages when not given).
    """
    attrs: dict[str, object] = {"kind": entry.kind, "method": "gazetteer"}
    if acronym:
        attrs["acronym"] = acronym
    if entry.part_of:
        attrs["partOf"] = keys.organisation(entry.part_of)
    names = {"en": entry.en, "fr": entry.fr}
    labels = {lang: names[lang]} if lang in names else names
    if lang in names:  # the official name in the other language, as an alternative label
        attrs["altNames"] = {other: name for other, name in names.items() if other != lang}
    return Entity(keys.organisation(entry.key), "Organization", labels=labels, attrs=attrs,
                  evidence=[evidence])


def phrase_entity(name: str, lang: str, evidence: Evidence, *, kind: str | None = None,
                  acronym: str | None = None) -> Entity:
    """The entity of an organisation named by a phrase of the text."""
    attrs: dict[str, object] = {"kind": kind or org_kind(name)}
    if acronym:
        attrs["acronym"] = acronym
    return Entity(keys.organisation(slug(acronym or name)), "Organization", labels={lang: name},
                  attrs=attrs, evidence=[evidence])


def extract_organisations(ctx: Context) -> None:
    """Every organisation the text names: gazetteer entries and « Name (ACRONYM) »."""
    gazetteer = organisations()
    for block in ctx.doc.blocks:
        if block.kind == "footnote":
            continue
        taken: list[tuple[int, int]] = []
        for mention in gazetteer.find(block.text):
            if mention.acronym and len(mention.acronym) <= 2 and \
                    _caps_context(block.text, mention.start, mention.end):
                continue  # « AU TITRE DU MINISTÈRE »: a shouted heading, not the African Union
            ctx.facts.add(gazetteer_entity(
                mention.entry, ctx.evidence(block, mention.start, mention.end),
                acronym=mention.acronym, lang=ctx.doc.language))
            taken.append((mention.start, mention.end))
        for match in _ACRONYM.finditer(block.text):
            if any(a <= match.start(1) < b for a, b in taken):
                continue
            start = _name_start(block.text, match.start())
            if start is None:
                continue
            name = block.text[start : match.start()].strip()
            if not _ORG_HEAD.match(name) or gazetteer.known(name):
                continue
            ctx.facts.add(phrase_entity(name, ctx.doc.language,
                                        ctx.evidence(block, start, match.end()),
                                        acronym=match.group(1)))


def _name_start(text: str, paren: int) -> int | None:
    """Start of the capitalised name that ends just before ``paren``."""
    words = list(re.finditer(r"[\w'’-]+", text[:paren]))[-10:]
    start = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group(0)
        previous = words[index - 1].group(0).lower() if index else ""
        if word[0].isupper() and (index == 0 or previous in _STOP_BACK
                                  or previous.endswith("'")):
            start = words[index].start()
            break
    if start is not None and text[start:].lower().startswith(("l'", "d'")):
        start += 2
    return start


# ------------------------------------------------------------------ named bodies by their form

#: Head nouns of bodies (capitalised in a name): English and French.
BODY_HEAD = (
    r"Organi[sz]ation|Ministry|Minist[eè]re|Department|Départe?ment|Office|Bureau|Agency|Agence|"
    r"Committee|Comité|Commission|Council|Conseil|Assembly|Assemblée|Cabinet|Secretariat|"
    r"Secrétariat|Directorate|Direction|Centre|Center|Institute|Institut|Foundation|Fondation|"
    r"Association|Network|Réseau|Alliance|Coalition|Federation|Fédération|Union|Fund|Fonds|"
    r"Programme|Bank|Banque|University|Université|Observatory|Observatoire|Authority|Autorité|"
    r"Group|Groupe|Working Group|Task Force|Cellule|Mission|Embassy|Ambassade|Consulate|"
    r"Consulat|Parliament|Parlement|Senate|Sénat|Court|Cour|Tribunal|Haut[- ]Commissariat|"
    r"Commissariat|Unit|Unité|Service|Division|Corporation|Company|Limited|Ltd|Inc|GmbH|"
    r"Forum|Platform|Plateforme|Initiative|Partnership|Partenariat|Chamber|Chambre|Board|"
    r"Primature|Presidency|Présidence|Parti|Party|Ligue|League|Syndicat|Confédération|"
    r"Confederation|Gendarmerie|Guard|Garde|Préfecture|Prefecture|Red Cross|Croix-Rouge|"
    r"Croissant-Rouge|Red Crescent|Police|Army|Armée|Navy|Marine|Coast Guard|Garde côtière")
_HEAD_RE = re.compile(rf"^(?:{BODY_HEAD})$")
#: Names of events, instruments and frameworks, which are not bodies.
NOT_BODY = re.compile(
    r"\b(?:Review Forum|Conference|Conférence|Summit|Sommet|Session|Meeting|Réunion|Dialogue|"
    r"Compact|Pacte|Convention|Declaration|Déclaration|Act|Loi|Agenda|Protocol|Protocole|"
    r"Forum d'examen|Forum d’examen|20\d\d|"
    r"Charter|Charte|Strategy|Stratégie|Policy Framework|Plan|Report|Rapport|Resolution|"
    r"Résolution|Day|Journée|Week|Semaine|Year|Année|Goals?|Objectifs?|Government|"
    r"Gouvernement|Republic|République|Kingdom|Royaume|State|États?|Etats?|horizon\s+20\d\d|"
    r"développement durable|sustainable development)s?\b(?!\s+(?:for|of|"
    r"de|du|des|on|sur)\b.*(?:" + BODY_HEAD + r"))")
_EN_INNER = re.compile(r"^(?:of|for|on|and|the|to|in|at|&)$")
_FR_TAIL_WORD = re.compile(
    r"^(?:de|des|du|d|la|le|l|les|à|au|aux|pour|sur|en|auprès|contre|et|chargée?s?|"
    r"[a-zà-ÿœ][a-zà-ÿœ'’-]*)$")
_FR_STOP = frozenset(
    "a ont est sont était étaient sera seront été qui que dont ainsi afin lors pendant depuis "
    "après avant hier aujourd'hui ce cette ces se s il elle ils elles on y ne n a-t-il "
    "comme selon notamment également aussi mais ou où lorsque puis enfin un une".split())
_ALLCAPS = re.compile(r"(?<![\w-])([A-Z][A-Z&]{2,9})(?![\w'’-])")
#: All-capital words that are not bodies: frameworks, events, common abbreviations.
NOT_ACRONYM = frozenset(
    "GCM PMM IMRF SDG SDGS ODD COVID PIB GDP NB OK TV ONG NGO NGOS HIV VIH SIDA AIDS ID UNE USA "
    "LGBT LGBTI LGBTQ MSME PME PDF HTML URL FAQ ISO CEO DG SG SRSG BBC CNN AM PM UTC GMT FIFA "
    "CFA FCFA USD EUR GBP CHF XOF XAF IDM "
    "II III IV VI VII VIII IX XI XII XIII XIV XV XX XXI".split())


def body_names(text: str, lang: str, verbs: frozenset[int] = frozenset()
               ) -> list[tuple[int, int]]:
    """Spans of ``text`` that name a body by their form: a capitalised name holding a head
    noun ("Center for Migration Studies of New York", "Turkish Ministry of Foreign Affairs",
    "Trilateral Fentanyl Committee", "Bureau of Manpower, Employment and Training"), a French
    administrative name (« Ministère du travail et des organisations professionnelles »,
    « Office national de Recouvrement des Avoirs criminels »).

    >>> text = ("met the Turkish Ministry of Foreign Affairs and the Bureau of Manpower, "
    ...         "Employment and Training.")
    >>> [text[a:b] for a, b in body_names(text, "en")]
    ['Turkish Ministry of Foreign Affairs', 'Bureau of Manpower, Employment and Training']
    >>> text = ("représentants du Ministère du travail et des organisations professionnelles "
    ...         "et de membres")
    >>> [text[a:b] for a, b in body_names(text, "fr")]
    ['Ministère du travail et des organisations professionnelles']

    ``verbs`` holds the offsets where the model reads a finite verb: a name stops before one
    (« la Banque mondiale financera … »), as it does before a verb ending of its own.

    >>> text = "la Banque mondiale financera un programme"
    >>> [text[a:b] for a, b in body_names(text, "fr")]
    ['Banque mondiale']
    """
    tokens = list(re.finditer(r"\b[dlDL]['’]|[\w&-]+(?:['’][\w-]+)*|[,;:.()«»\"]", text))
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        word = tokens[index].group(0)
        if not (_HEAD_RE.match(word) or (index + 1 < len(tokens) and _HEAD_RE.match(
                f"{word} {tokens[index + 1].group(0)}")) or _lower_head(tokens, index, lang)):
            index += 1
            continue
        start = _extend_left(tokens, index)
        end = _extend_right(tokens, index, lang, verbs)
        a, b = tokens[start].start(), tokens[end].end()
        name = text[a:b]
        if (len(name.split()) >= 2 or word in ("Primature",)) and not NOT_BODY.search(name):
            spans.append((a, b))
        index = end + 1
    return spans


def _lower_head(tokens: list[re.Match[str]], index: int, lang: str) -> bool:
    """A French ministry written in lower case, named by a capitalised portfolio: « le
    ministère de l'Intérieur », « ministère des Affaires étrangères ».
    """
    if lang != "fr" or tokens[index].group(0) not in ("ministère", "secrétariat"):
        return False
    following = [t.group(0) for t in tokens[index + 1 : index + 4]]
    return bool(following) and following[0].lower().rstrip("'’") in ("de", "des", "du", "d") \
        and any(w[:1].isupper() for w in following[1:])


def _extend_left(tokens: list[re.Match[str]], head: int) -> int:
    """Capitalised words before the head ("Turkish Ministry", "G-20 Development Working")."""
    start = head
    while start > 0:
        word = tokens[start - 1].group(0)
        if word[:1].isupper() and word not in ("The", "Le", "La", "Les", "L", "A", "An", "In",
                                               "On", "At", "For", "By", "Par", "Au", "En"):
            start -= 1
            continue
        break
    return start


def _extend_right(tokens: list[re.Match[str]], head: int, lang: str,
                  verbs: frozenset[int] = frozenset()) -> int:
    """The name's words after the head: capitalised words joined by of/for/and… in English;
    in French also the lower-case words of an administrative name, up to a verb or a clause.
    """
    end = head
    index = head + 1
    limit = min(len(tokens), head + 18)
    while index < limit:
        word = tokens[index].group(0)
        lower = word.lower().rstrip("'’")
        if word == "," and index + 2 < limit and tokens[index + 1].group(0)[:1].isupper() and \
                any(t.group(0) == "and" for t in tokens[index + 1 : index + 4]):
            index += 1  # "Bureau of Manpower, Employment and Training"
            continue
        if not word[:1].isalnum():
            break
        if word[:1].isupper() or word[:1].isdigit():
            end = index
        elif lang == "fr" and _finite_verb(word, tokens[index].start() in verbs):
            break
        elif lang == "fr" and _french_tail(tokens, index, head):
            if lower == "et":
                following = tokens[index + 1].group(0) if index + 1 < limit else ""
                after = tokens[index + 2].group(0) if index + 2 < limit else ""
                previous = tokens[index - 1].group(0).lower()
                closing = index + 2 >= limit or not after[:1].isalnum() or (
                    len(following) > 4 and following[-4:] == previous[-4:])
                if not (following in ("des", "du") or (following.rstrip("'’") in ("de", "d")
                                                       and after[:1].isupper())
                        or (following[:1].islower() and closing)):
                    break  # « … publiques et parapubliques » ends a name; « et de membres » not
            if lower not in ("de", "des", "du", "d", "la", "le", "l", "les", "à", "au", "aux",
                             "pour", "sur", "en", "auprès", "contre", "et"):
                end = index
        elif not _EN_INNER.match(lower):
            break
        elif lower in ("and", "&") and index + 1 < limit and \
                tokens[index + 1].group(0).lower() in ("the", "a", "an", "its", "their"):
            break  # "… Affairs and the Bureau …": two bodies
        index += 1
    return end


#: French finite verb endings (future, conditional, imperfect): « financera », « devraient ».
_FINITE = re.compile(r"(?:era|eront|ira|iront|rait|raient|ait|aient)$")
#: Past participles, which name bodies as adjectives do (« Nations unies », « chargé de »).
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|t|te|ts|tes)$")


def _finite_verb(word: str, tagged: bool) -> bool:
    """Whether a lower-case word is a finite verb, which ends a name: the model tags it a verb
    and it is no participle, or it has a finite ending.

    >>> _finite_verb("financera", False), _finite_verb("unies", True), _finite_verb("a", True)
    (True, False, True)
    """
    if not word[:1].islower():
        return False
    return bool(_FINITE.search(word)) or (tagged and not _PARTICIPLE.search(word))


_PREPOSITION = frozenset({"de", "des", "du", "d", "à", "au", "aux", "pour", "sur", "en", "auprès",
                          "contre", "et"})
_ARTICLE = frozenset({"la", "le", "l", "les"})
_HONORIFIC_START = re.compile(r"^(?:Monsieur|Madame|Mademoiselle|Mme|M|Mr|Ms|Mrs|Dr|Son|Sa)\b")


def _french_tail(tokens: list[re.Match[str]], index: int, head: int) -> bool:
    """Whether a lower-case word continues a French administrative name: adjectives right
    after the head (« Commission électorale nationale autonome »), prepositional phrases
    (« du travail et des organisations professionnelles »); not a verb, a date or a clause
    (« le Conseil avoir pris… », « … en remplacement de Monsieur … »).
    """
    word = tokens[index].group(0)
    lower = word.lower().rstrip("'’")
    previous = tokens[index - 1].group(0).lower().rstrip("'’") if index > head else ""
    if lower in _FR_STOP or not _FR_TAIL_WORD.match(lower) or word[:1].isdigit():
        return False
    if lower in _ARTICLE:
        return previous in _PREPOSITION
    if lower in ("basé", "basée", "basés", "basées", "située", "situé", "établie", "établi"):
        return False  # « … des femmes basée à Modène »: the place is not in the name
    if lower in _PREPOSITION:
        following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
        return not (lower == "en" and following.lower() in (
            "remplacement", "qualité", "charge", "vue", "vertu", "cours", "faveur", "tant",
            "outre", "effet", "particulier", "présence"))
    if index == head + 1 or (previous not in _PREPOSITION and previous not in _ARTICLE):
        # an adjective: right after the head or after another adjective, not a verb form
        return not re.search(r"(?:ant|ants|er|ir|oir)$", lower)
    return True


def extract_bodies(ctx: Context) -> None:
    """Bodies named by their form, and acronyms used on their own; run after the persons, so
    that a name right after a body (« … Policy Adam Cohen ») is not taken into it.
    """
    gazetteer = organisations()
    lang = ctx.doc.language
    for block in ctx.doc.blocks:
        if block.kind == "footnote" or block.text.isupper():
            continue
        names = ctx.name_spans.get(block.id, [])
        known = [(m.start, m.end) for m in gazetteer.find(block.text)]
        verbs = frozenset(t.start for t in ctx.tokens(block) if t.pos in ("VERB", "AUX"))
        for first, last in body_names(block.text, lang, verbs):
            cut = min([last, *(n for n, _ in names if first < n < last)])
            a, b = _strip(block.text, first, cut)
            lead = LEADING_ARTICLES.match(block.text[a:b])  # « L'Agence des Nations unies … »
            a = a + lead.end() if lead and lead.end() < b - a else a
            if b - a < 4 or any(x <= a and b <= y for x, y in known):
                continue
            if any(x <= a < y < b and _COORDINATED.match(block.text, y) for x, y in known):
                continue  # "The UN Refugee Agency and UNHCR's partners": a known name, listed
            if any(x < b and a < y for x, y in names):
                continue
            name = block.text[a:b]
            if gazetteer.known(name) or _HONORIFIC_START.match(name):
                continue
            if re.match(r"^(?:Conseil|Council|Cabinet|Présidence|Presidency|Union|Service|"
                        r"Direction|Mission|Unité|Unit)\b", name) and \
                    not re.search(r"\s[A-ZÀ-Þ]", name):
                continue  # « le Conseil de la mise en place … »: a common noun, capitalised
            method = "rule"
            defined = re.match(r"\s*\(([A-Z][A-Z0-9&-]{1,9})\)", block.text[b:])
            entity = phrase_entity(name, lang, ctx.evidence(block, a, b),
                                   acronym=defined.group(1) if defined else None)
            entity.attrs["method"] = method
            ctx.facts.add(entity)
        for first, end in named_by_kind(block.text):
            cut = min([end, *(n for n, _ in names if first < n < end)])
            a, b = _strip(block.text, first, cut)
            if b <= a or any(x < b and a < y for x, y in names + known):
                continue
            entity = phrase_entity(block.text[a:b], lang, ctx.evidence(block, a, b))
            entity.attrs["method"] = "rule"
            ctx.facts.add(entity)
        for match in _ALLCAPS.finditer(block.text):
            word = match.group(1)
            if word in NOT_ACRONYM or gazetteer.known(word) or countries().find(word):
                continue
            if any(x <= match.start() < y for x, y in known + names):
                continue
            if _caps_context(block.text, match.start(), match.end()) or \
                    not block.text[: match.start()].strip() or \
                    block.text[match.end() : match.end() + 1] == ":":
                continue  # a dateline ("GENEVA, 14 March"), a speaker turn ("DOWNER:")
            entity = phrase_entity(word, lang, ctx.evidence(block, match.start(), match.end()),
                                   acronym=word)
            if keys.organisation(slug(word)) not in ctx.facts.entities:
                entity.labels = {lang: word}
            entity.attrs["method"] = "rule"
            ctx.facts.add(entity)


_NAMED_BY_KIND = re.compile(
    r"\b(?:l['’]\s*)?(?:association|organisation|organization|fondation|foundation|ONG|NGO|"
    r"réseau|network|entreprise|société|company|coopérative|cooperative|plateforme|platform|"
    r"collectif|startup|start-up)\s+((?:[A-ZÀ-Þ][\w&'’-]*)(?:\s+[A-ZÀ-Þ][\w&'’-]*){0,4})")


#: Articles and determiners opening a name's span: « L'Agence … », "The Bureau …", "its
#: partner …" (not AMES's "A": an article is a word).
LEADING_ARTICLES = re.compile(
    r"^(?:(?:l['’]|d['’])\s*|(?:the|le|la|les|des|du|de|an?|un|une|its|their|leur|leurs|son|"
    r"sa|ses)\s+)+", re.IGNORECASE)
#: What follows a known name that ends it: a coordination or a possessive.
_COORDINATED = re.compile(r"\s*(?:,|and\b|et\b|or\b|ou\b|['’]s\b)")


def named_by_kind(text: str) -> list[tuple[int, int]]:
    """Names introduced by a lower-case kind noun: « l'association MigraLink », "the NGO Sahel
    Aid", "the company Remitly".

    >>> text = "la directrice de l'association MigraLink a expliqué"
    >>> [text[a:b] for a, b in named_by_kind(text)]
    ['MigraLink']
    """
    return [(m.start(1), m.end(1)) for m in _NAMED_BY_KIND.finditer(text)]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, and a trailing « et »/"and" or preposition, from a body's span."""
    name = text[a:b]
    trimmed = re.sub(r"(?:\s+(?:and|of|for|the|et|de|des|du|la|le|à|au|aux))+$", "", name)
    trimmed = trimmed.rstrip(" ,")
    lead = len(trimmed) - len(trimmed.lstrip())
    return a + lead, a + len(trimmed)


def _caps_context(text: str, start: int, end: int) -> bool:
    """Whether an all-capital word sits in an all-capital heading or a run of capitals (a
    shouted title, a surname written in capitals after a given name).
    """
    before = text[max(0, start - 25) : start]
    after = text[end : end + 25]
    words = re.findall(r"[^\W\d_]{2,}", before + " " + after)
    shouted = sum(1 for w in words if w.isupper())
    if shouted >= 2 or re.match(r"\s+[A-ZÀ-Þ][a-zà-ÿ]", after):
        return True  # a shouted heading, or part of a name ("DMA Global")
    return bool(re.search(r"[A-ZÀ-Þ][a-zà-ÿ]+\s+$", before))  # "Babacar BA": a surname
