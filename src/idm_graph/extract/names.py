"""Where a person's name is, and the evidence that it is one: rules over a sentence, with the
statistical model's person spans as candidates for the name's boundaries.

Each finder returns :class:`NameHit` s — the name's span, the role phrase's span when the rule
saw one, and the method that found it (``rule`` or ``model+rule``). A name needs evidence a
rule can see: a role in apposition ("Donald Kerwin, Executive Director of …", « Marielle de
Sarnez, présidente : »), a role or title written before it ("Deputy Attorney General Lisa
Monaco", « le directeur exécutif d'ADEPT Mirana Rajoharison »), a speech verb next to a name
the model proposes ("…, said Jane Roe."), or a speaker turn ("DOWNER: …"). Whether a named
person took part is decided by :func:`took_part`.

>>> [h.name for h in appositions("Donald Kerwin, Executive Director of CMS, spoke.", [])]
['Donald Kerwin']
>>> text = "Deputy Attorney General Lisa Monaco and Foreign Secretary Alicia Bárcena met."
>>> hits = titled(text, [])
>>> [(h.name, h.role) for h in hits]
[('Lisa Monaco', 'Deputy Attorney General'), ('Alicia Bárcena', 'Foreign Secretary')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idm_graph.extract.gazetteer import countries, organisations
from idm_graph.extract.lexicon import HONORIFIC, ROLE_HEAD
from idm_graph.extract.ner import Span
from idm_graph.extract.organisations import org_kind
from idm_graph.extract.turns import turn_label

__all__ = [
    "HONORIFIC",
    "ROLE_HEAD",
    "UPPER",
    "NameHit",
    "appositions",
    "plausible",
    "role_then_name",
    "speaker_turns",
    "tail_name",
    "titled",
    "took_part",
    "turn_label",
]

#: Upper-case letters a name starts with (a character class body).
UPPER = "A-ZÀ-ÖØ-Þ"
_UP = UPPER
_TOKEN = rf"[{_UP}](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_PARTICLE = r"(?:de|da|del|della|di|dos|das|do|du|van|von|der|den|ter|bin|ibn|al|el|y|le|la)"
_NAME = rf"{_TOKEN}(?:[ \t]*\n?[ \t]*(?:{_PARTICLE}\s+)?{_TOKEN}){{1,4}}"
_QUALIFIER = (r"(?:deputy|acting|vice|assistant|executive|special|permanent|senior|chief|"
              r"principal|associate|under|former|interim|general|foreign|prime|high|first|"
              r"regional|national|country|programme|program|adjointe?|exécutive?|générale?|"
              r"spéciale?|principale?|premier|première|haute?|ancien|ancienne)")
_ROLE_START = re.compile(
    rf"(?:(?:le|la|l'|l’|the|an?|un|une)\s*)?(?:{_QUALIFIER}[\s-]+){{0,3}}{ROLE_HEAD}\b",
    re.IGNORECASE)
_ROLE_WORD = re.compile(rf"^(?:{_QUALIFIER}|{ROLE_HEAD})$", re.IGNORECASE)
_HEAD_WORD = re.compile(rf"^{ROLE_HEAD}$", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:of|for|to|the|and|on|in|at|de|du|des|d|la|l|le|aux|au|à|"
                        r"chargée?|en|pour|auprès|et)$", re.IGNORECASE)
_NOT_FIRST = frozenset(
    "The A An In On At As For From By To With And But Or If When While After Before During "
    "Yesterday Today Tomorrow This That These Those Le La Les L Un Une Des De Du Dans Pour "
    "Selon Comme Par Au Aux En Sur Avec Lors Après Avant Pendant Monsieur Madame Mme M Mr Ms "
    "Dr Chers Cher Chère Dear Excellency Excellence Son Sa His Her Their Our Notre Nos".split())
_CALENDAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Janvier|Février|Mars|"
    r"Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|Novembre|Décembre|Lundi|Mardi|Mercredi|"
    r"Jeudi|Vendredi|Samedi|Dimanche)$")
@dataclass(frozen=True, slots=True)
class NameHit:
    """A person's name at ``text[start:end]`` with the role phrase ``text[role_start:role_end]``
    when the rule saw one, and the method that found it.
    """

    name: str
    start: int
    end: int
    role: str | None = None
    role_start: int | None = None
    method: str = "rule"
    #: the rule that found it: ``titled``, ``apposition``, ``role-then-name``, ``speaker-turn``
    kind: str = "titled"


def plausible(name: str) -> bool:
    """Whether a capitalised run reads as a person's name (no role, organisation or country
    word in it; not opening with an article or a preposition; no digits).
    """
    tokens = re.findall(r"[\w'’-]+", name)
    if len(tokens) < 2 or tokens[0] in _NOT_FIRST or re.search(r"\d", name):
        return False
    if any(_ROLE_WORD.match(t) for t in tokens):
        return False
    if countries().find(name) or organisations().find(name) or org_kind(name) != "other":
        return False
    return not re.search(r"\b(?:Organi[sz]ation|Ministry|Minist[eè]re|Office|Bureau|Agency|"
                         r"Agence|Committee|Comité|Commission|Council|Conseil|Forum|Group|"
                         r"Groupe|Union|Nations|Bank|Banque|Fund|Fonds|Department|Départe?ment|"
                         r"Assembly|Assemblée|Secretariat|Secrétariat|Conference|Conférence|"
                         r"Compact|Pacte|Security|Affairs|Affaires|Cabinet|House|State|Policy|"
                         r"Republic|République|Government|Gouvernement|Migration|Development|"
                         r"Développement|Review|Declaration|Déclaration)s?\b", name)


def _model_name(spans: list[Span], start: int, end: int) -> Span | None:
    """The model's person span that ends at ``end`` and starts at or after ``start``."""
    for span in spans:
        if span.label == "PER" and start <= span.start and span.end == end and \
                len(span.text.split()) >= 2:
            return span
    return None


def appositions(text: str, spans: list[Span]) -> list[NameHit]:
    """Names followed by a role in apposition: "Name, Executive Director of …",
    « Name, présidente : », « Name, Le directeur exécutif d'ADEPT ».
    """
    hits = []
    for match in re.finditer(rf"(?<![\w'’-])({_NAME}),\s+", text):
        role = _ROLE_START.match(text, match.end())
        if role is None:
            continue
        name = match.group(1)
        start = match.start(1)
        model = next((s for s in spans if s.label == "PER" and s.end == match.end(1)
                      and s.start >= start), None)
        if model is not None and len(model.text.split()) >= 2:
            name, start = model.text, model.start
        else:
            name, start = _without_role_word(text, *tail_name(name, start))
            if re.search(r"(?:^|\s)(?:les|des|de|du|la|le|aux|au|à|of|the|for|pour|sur|on|and|"
                         r"et|&)\s+$", text[max(0, start - 8) : start]):
                continue  # « … pour les Migrations Internationales, … »: not a person
        if plausible(name):
            hits.append(NameHit(name, start, start + len(name),
                                method="model+rule" if model else "rule", kind="apposition"))
    return hits


_AFTER_CONNECTOR = re.compile(r"\b(?:and|of|for|et|de|du|des|&)\s+$")


def _without_role_word(text: str, name: str, start: int) -> tuple[str, int]:
    """``name`` (at ``text[start:]``) without its first word when that word ends a role or
    a body's name: a run of three or more words right after a connector ("… for Management
    and Resources Richard Verma", where the model's span or the capitalised run took
    "Resources").

    >>> text = "Secretary for Management and Resources Richard Verma"
    >>> _without_role_word(text, "Resources Richard Verma", text.index("Resources"))
    ('Richard Verma', 39)
    """
    words = name.split()
    if len(words) < 3 or not _AFTER_CONNECTOR.search(text[max(0, start - 6) : start]):
        return name, start
    rest = name[len(words[0]) :].lstrip()
    return rest, start + len(name) - len(rest)


def tail_name(run: str, start: int) -> tuple[str, int]:
    """The part of a capitalised run that is the name: drop leading role, organisation and
    country words ("Homeland Security Advisor Liz Sherwood-Randall" → the last two).
    """
    tokens = list(re.finditer(r"\S+", run))
    keep = len(tokens)
    for index in range(len(tokens) - 1, -1, -1):
        word = tokens[index].group(0)
        if _ROLE_WORD.match(word) or countries().find(word) or word in _NOT_FIRST:
            break
        keep = index
    first = tokens[keep] if keep < len(tokens) else tokens[-1]
    return run[first.start() :], start + first.start()


def titled(text: str, spans: list[Span]) -> list[NameHit]:
    """Names written after their role or title, without a comma: "Deputy Attorney General
    Lisa Monaco", "U.S. Ambassador to Mexico Ken Salazar", "Mexican President Andrés Manuel
    López Obrador", « le directeur exécutif d'ADEPT Mirana Rajoharison ».

    >>> text = "Deputy Secretary for Management and Resources Richard Verma spoke."
    >>> [h.name for h in titled(text, [Span(32, 55, "PER", "Resources Richard Verma")])]
    ['Richard Verma']
    """
    hits: list[NameHit] = []
    for role in re.finditer(rf"(?<![\w-]){ROLE_HEAD}\b", text, re.IGNORECASE):
        if any(h.role_start is not None and h.role_start <= role.start() < h.end for h in hits):
            continue
        start = _role_begin(text, role.start())
        tokens = list(re.finditer(r"[^\s,;:()]+", text[role.end() : role.end() + 160]))
        run_end, last_cap, in_name = role.end(), None, False
        lowercase_ok = role.group(0)[0].islower()
        for index, token in enumerate(tokens):
            word = token.group(0).strip(".")
            gap = text[run_end : role.end() + token.start()]
            if gap.strip():
                break
            bare = re.sub(r"^(?:d|l)['’]", "", word)
            if _CALENDAR.match(bare):
                break
            following = tokens[index + 1].group(0) if index + 1 < len(tokens) else ""
            if in_name and (_HEAD_WORD.match(bare) or (word.lower() in ("and", "et") and (
                    _ROLE_WORD.match(following) or following in _NOT_FIRST))):
                break  # the name is over: "… Lisa Monaco and Foreign Secretary …"
            if bare[:1].isupper():
                last_cap = index
                in_name = in_name or not (_ROLE_WORD.match(bare) or countries().find(bare)
                                          or bare.isupper())
            elif not (_CONNECTOR.match(word) or (lowercase_ok and index < 6 and bare.isalpha())):
                break
            run_end = role.end() + token.end()
        if last_cap is None:
            continue
        run = re.sub(r"(?:\s+\S+)$", lambda m: "" if _CONNECTOR.match(m.group(0).strip())
                     else m.group(0), text[role.end() : run_end]).rstrip(". ")
        run_end = role.end() + len(run)
        model = _model_name(spans, role.end(), run_end)
        if model is not None:
            name, name_start = _without_role_word(text, model.text, model.start)
        else:
            name, name_start = _last_names(run, role.end())
        if not name or not plausible(name) or name_start <= role.end():
            continue
        role_text = text[start:name_start].rstrip()
        hits.append(NameHit(name, name_start, name_start + len(name), role=role_text,
                            role_start=start, method="model+rule" if model else "rule"))
    return hits


_ROLE_COMMA_NAME = re.compile(
    rf"(?:^|(?<=[\s(]))(?:[Ll]e|[Ll]a|[Ll]['’]|[Tt]he)\s*((?:{_QUALIFIER}[\s-]+){{0,3}}"
    rf"{ROLE_HEAD}\b[^,;.:]{{0,90}}),\s+({_NAME})(?=\s*,|\s+(?:a|ont|has|have|said|est)\b)",
    re.IGNORECASE)


def role_then_name(text: str, spans: list[Span]) -> list[NameHit]:
    """A role, then the name between commas: « Le premier ministre italien, Giuseppe Verdi,
    a souligné … », "The Special Rapporteur, Jane Roe, said …".

    >>> [(h.name, h.role) for h in role_then_name(
    ...     "Le premier ministre italien, Giuseppe Verdi, a souligné l'enjeu.", [])]
    [('Giuseppe Verdi', 'premier ministre italien')]
    """
    hits = []
    for match in _ROLE_COMMA_NAME.finditer(text):
        name = match.group(2)
        if not name[:1].isupper() or not plausible(name):
            continue
        model = any(s.label == "PER" and s.start <= match.start(2) < s.end for s in spans)
        hits.append(NameHit(name, match.start(2), match.end(2), role=match.group(1),
                            role_start=match.start(1), method="model+rule" if model else "rule",
                            kind="role-then-name"))
    return hits


def _role_begin(text: str, head: int) -> int:
    """Start of a role phrase whose head noun is at ``head``: capitalised qualifiers before it
    ("Acting Deputy Secretary", "Mexican President", "U.S. Ambassador").
    """
    start = head
    for token in reversed(list(re.finditer(r"[\w.’'-]+", text[max(0, head - 60) : head]))):
        word = token.group(0)
        absolute = max(0, head - 60) + token.start()
        if text[absolute + len(word) : start].strip():
            break
        if _ROLE_WORD.match(word) or (word[:1].isupper() and word not in _NOT_FIRST and
                                      len(word) > 1 and word.lower() not in ("and", "et")):
            start = absolute
            continue
        break
    return start


def _last_names(run: str, offset: int) -> tuple[str, int]:
    """The last two capitalised tokens of a run (three with a particle), as the name; none
    when they are not adjacent, hold digits, or follow a lower-case word ("… of New York",
    « … pour les Migrations Internationales »): then they name a place or a body.
    """
    tokens = list(re.finditer(r"[^\s]+", run))
    if len(tokens) < 2 or not all(t.group(0)[:1].isupper() for t in tokens[-2:]):
        return "", offset
    if len(tokens) == 2:  # right after the role's head: "Foreign Secretary Alicia Bárcena"
        return run[tokens[0].start() : tokens[1].end()], offset + tokens[0].start()
    take = tokens[-2:]
    index = len(tokens) - 2
    if index >= 2 and re.fullmatch(_PARTICLE, tokens[index - 1].group(0)) and \
            tokens[index - 2].group(0)[:1].isupper():
        take = [tokens[index - 2], *take]
        index -= 2
    before = tokens[index - 1].group(0)
    if not re.sub(r"^(?:d|l)['’]", "", before)[:1].isupper():
        return "", offset
    if any(re.search(r"[\d'’]", t.group(0)) for t in take):
        return "", offset
    first = take[0]
    return run[first.start() : take[-1].end()], offset + first.start()


def speaker_turns(text: str, labels: dict[str, int] | None = None) -> list[NameHit]:
    """A speaker label opening a paragraph. In capitals ("DOWNER: …", "Mr. SMITH: …") it is
    taken as it is; in other cases ("Downer: …") only with an honorific, or when the same
    label opens two paragraphs or more of the document (``labels``: how often each label
    does), as in a transcript.

    >>> [h.name for h in speaker_turns("DOWNER: We agreed.")]
    ['DOWNER']
    >>> speaker_turns("Downer: We agreed."), [h.name for h in speaker_turns(
    ...     "Downer: We agreed.", {"Downer": 3})]
    ([], ['Downer'])
    """
    found = turn_label(text)
    if found is None:
        return []
    honorific, label, start, end = found
    shouted = label.upper() == label and len(label.replace(" ", "")) >= 3
    if not (shouted or honorific or (labels or {}).get(label, 0) >= 2):
        return []
    return [NameHit(label, start, end, kind="speaker-turn")]


_APPOINTED = re.compile(r"\b(?:est|sont)\s+(?:nommée?s?|promue?s?|désignée?s?|reconduite?s?)\b|"
                        r"\bnommée?s?\s+(?:en qualité|au poste|à la tête)|\ben remplacement\b|"
                        r"\b(?:is|are|was|were|has been|have been)\s+(?:appointed|named|"
                        r"nominated)\b|\breplac(?:es|ing)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:written by|by|par|credits?|photo|crédits?|source|auteur|"
                     r"author|rédigé par|posted by|publié par)\s*:?\s*$", re.IGNORECASE)
_PAST_AGENT = re.compile(r"\b(?:(?:established|created|founded|signed|appointed|nominated|"
                         r"written|launched|set up|adopted)\s+(?:in\s+\d{4}\s+)?by|"
                         r"(?:établie?s?|créée?s?|fondée?s?|signée?s?|nommée?s?|écrite?s?|"
                         r"lancée?s?)\s+(?:en\s+\d{4}\s+)?par|(?:conversation|call|"
                         r"entretien|échange)\s+(?:téléphonique\s+)?(?:between|with|entre|avec))$",
                         re.IGNORECASE)


def _governing(text: str, start: int) -> str:
    """The text before the list of names, titles and commas that ends at ``start``: the
    words that govern the list ("Joining the panel were A, Minister, and B").

    >>> text = "Joining them were Ms. Ann Lee, Minister of Labour, and Mr. Bo Chan."
    >>> _governing(text, text.index("Bo"))
    'Joining them were'
    """
    before = text[:start]
    words = list(re.finditer(r"[\w.’'-]+|,", before))
    index = len(words) - 1
    while index >= 0:
        word = words[index].group(0)
        if word == "," or word[:1].isupper() or word.lower() in ("and", "et", "of", "de", "the",
                                                                 "for", "du", "des", "la"):
            index -= 1
            continue
        break
    return before[: words[index].end()] if index >= 0 else ""


def took_part(text: str, start: int) -> bool:
    """Whether the person named at ``text[start:]`` takes part in what the sentence reports
    (not a byline, an appointee, or the agent of an earlier act: "established in 2023 by
    President X", "a telephone conversation between President X and …").

    >>> took_part("Ms. Roe, Minister of Labour, is appointed Director of the Agency.", 0)
    False
    >>> text = "The committee was established in 2023 by President Biden and Prime Minister Roe."
    >>> took_part(text, text.index("Prime"))
    False
    >>> took_part("Ms. Roe led the delegation.", 0)
    True
    """
    if _APPOINTED.search(text) or _BYLINE.match(text[:start]):
        return False
    # walk back over the names, titles and commas of a list to the word that governs it
    return not _PAST_AGENT.search(_governing(text, start))
