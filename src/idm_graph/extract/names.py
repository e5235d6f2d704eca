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
from idm_graph.extract.ner import Span
from idm_graph.extract.organisations import org_kind

__all__ = ["HONORIFIC", "ROLE_HEAD", "UPPER", "NameHit", "appositions", "needs_model",
           "role_then_name", "speaker_turns", "spoken", "titled", "took_part"]

#: Upper-case letters a name starts with (a character class body).
UPPER = "A-ZÀ-ÖØ-Þ"
_UP = UPPER
#: Honorifics before a name (« Mme », « M. », « Ms. », « H.E. »…).
HONORIFIC = (r"S\.\s?E\.(?:\s(?:M\.|Mme))?|H\.\s?E\.(?:\s(?:Mr\.?|Ms\.?|Mrs\.?|Dr\.?))?|"
              r"Son Excellence|His Excellency|Her Excellency|Monsieur|Madame|Mademoiselle|"
              r"Mmes|Mme|Mlle|MM\.|M\.|Mrs\.?|"
              r"Ms\.?|Mr\.?|Miss|Dre|Dr\.?|Pr\.?|Prof\.?|Sir|Dame")
_TOKEN = rf"[{_UP}](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
_PARTICLE = r"(?:de|da|del|della|di|dos|das|do|du|van|von|der|den|ter|bin|ibn|al|el|y|le|la)"
_NAME = rf"{_TOKEN}(?:[ \t]*\n?[ \t]*(?:{_PARTICLE}\s+)?{_TOKEN}){{1,4}}"
_QUALIFIER = (r"(?:deputy|acting|vice|assistant|executive|special|permanent|senior|chief|"
              r"principal|associate|under|former|interim|general|foreign|prime|high|first|"
              r"regional|national|country|programme|program|adjointe?|exécutive?|générale?|"
              r"spéciale?|principale?|premier|première|haute?|ancien|ancienne)")
#: The head nouns of roles as summaries write them (English and French).
ROLE_HEAD = (r"(?:director|directeur|directrice|president|présidente?|minister|ministre|"
             r"secretary|secrétaire|ambassador|ambassadeur|ambassadrice|representative|"
             r"représentante?|chair(?:man|woman|person)?|head|chef|commissioner|commissaire|"
             r"rapporteur|rapporteuse|advis[eo]r|conseill[eè]re?|coordinator|coordinat(?:eur|"
             r"rice)|coordonnat(?:eur|rice)|officer|envoy|envoyée?|mayor|maire|governor|"
             r"gouverneur|senator|sénat(?:eur|rice)|député|députée|founder|fondat(?:eur|rice)|"
             r"ceo|manager|researcher|chercheu(?:r|se)|professor|professeur|spokes(?:person|man|"
             r"woman)|porte-parole|consul|délégué|déléguée|delegate|attorney|administrat(?:or|"
             r"eur|rice)|counsel(?:l)?or|leader|responsable|fellow|analyst|economist|"
             r"économiste|specialist|spécialiste|dean|doyen|doyenne|rector|recteur|"
             r"attorney general|advocate|avocate?|chairperson|commander|general)")
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
_SPEECH = re.compile(
    r"^\s*(?:,[^,]{0,160},\s*)?(?:has\s+|had\s+|also\s+|then\s+)?(?:said|says|stated|noted|"
    r"stressed|emphasi[sz]ed|highlighted|underlined|underscored|recalled|explained|"
    r"observed|argued|added|warned|urged|called|told|spoke|remarked|asked|replied|"
    r"presented|opened|closed|chaired|moderated|led|welcomed|introduced|delivered|"
    r"a\s+(?:également\s+|aussi\s+)?(?:déclaré|dit|souligné|rappelé|expliqué|indiqué|"
    r"affirmé|estimé|ajouté|précisé|noté|insisté|présenté|ouvert|clôturé|présidé|animé|"
    r"modéré|appelé|plaidé|évoqué|salué|répondu|pris la parole)|est intervenue?|"
    r"a participé|ont participé)\b")
_SAID_BEFORE = re.compile(r"(?:said|says|stated|noted|added|according to|a déclaré|"
                          r"a affirmé|a ajouté|selon)\s*$", re.IGNORECASE)
_TURN = re.compile(rf"^(?:(?:M|Mr|Ms|Mrs|Mme|Dr)\.?\s+)?([{_UP}][{_UP}'’-]{{2,}}"
                   rf"(?:\s+[{_UP}][{_UP}'’-]{{2,}}){{0,2}})\s*:\s")
_TURN_STOP = frozenset(
    "NOTE NOTES ANNEX ANNEXE CONTENTS SOMMAIRE AGENDA ORDRE SOURCE SOURCES PHOTO CREDIT QUESTION "
    "QUESTIONS ANSWER REPONSE RÉPONSE SUMMARY RESUME RÉSUMÉ TITLE TITRE DATE LIEU VENUE THEME "
    "THÈME OBJECTIVE OBJECTIF RECOMMENDATION RECOMMANDATION".split())


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


def _plausible(name: str) -> bool:
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
            name, start = _tail_name(name, start)
            if re.search(r"(?:^|\s)(?:les|des|de|du|la|le|aux|au|à|of|the|for|pour|sur|on)\s+$",
                         text[max(0, start - 8) : start]):
                continue  # « … pour les Migrations Internationales, … »: not a person
        if _plausible(name):
            hits.append(NameHit(name, start, start + len(name),
                                method="model+rule" if model else "rule"))
    return hits


def _tail_name(run: str, start: int) -> tuple[str, int]:
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
            name, name_start = model.text, model.start
        else:
            name, name_start = _last_names(run, role.end())
        if not name or not _plausible(name) or name_start <= role.end():
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
        if not name[:1].isupper() or not _plausible(name):
            continue
        model = any(s.label == "PER" and s.start <= match.start(2) < s.end for s in spans)
        hits.append(NameHit(name, match.start(2), match.end(2), role=match.group(1),
                            role_start=match.start(1), method="model+rule" if model else "rule"))
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


_CAPITAL_PAIR = re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN})+")


def needs_model(text: str, taken: list[tuple[int, int]]) -> bool:
    """Whether a sentence has a capitalised run that a speech verb attaches to and that no
    rule has explained yet: only then are the model's candidates worth computing.

    >>> needs_model("At the closing, Kwame Asante said the plan was sound.", [])
    True
    >>> needs_model("Ms. Jane Roe said the plan was sound.", [(0, 12)])
    False
    """
    for match in _CAPITAL_PAIR.finditer(text):
        if any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
            continue
        if _SPEECH.match(text[match.end() : match.end() + 200]) or \
                _SAID_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            return True
    return False


def spoken(text: str, spans: list[Span]) -> list[NameHit]:
    """Names the model proposes that a speech verb attaches to: "Jane Roe said …",
    "…, said Jane Roe", « Jane Roe a déclaré … ».
    """
    hits = []
    for span in spans:
        if span.label != "PER" or len(span.text.split()) < 2 or not _plausible(span.text):
            continue
        if _SPEECH.match(text[span.end : span.end + 200]) or \
                _SAID_BEFORE.search(text[max(0, span.start - 30) : span.start]):
            hits.append(NameHit(span.text, span.start, span.end, method="model+rule"))
    return hits


def speaker_turns(text: str) -> list[NameHit]:
    """A speaker label opening a paragraph: "DOWNER: …", "Mr. SMITH: …"."""
    match = _TURN.match(text)
    if match is None or match.group(1).split()[0] in _TURN_STOP:
        return []
    if countries().find(match.group(1).title()) or organisations().find(match.group(1)):
        return []
    return [NameHit(match.group(1), match.start(1), match.end(1))]


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
    before = text[:start]
    words = list(re.finditer(r"[\w.’'-]+|,", before))
    index = len(words) - 1
    while index >= 0:
        word = words[index].group(0)
        if word == "," or word[:1].isupper() or word.lower() in ("and", "et", "of", "de", "the"):
            index -= 1
            continue
        break
    head = before[: words[index].end()] if index >= 0 else ""
    return not _PAST_AGENT.search(head)
