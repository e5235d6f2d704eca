"""Named pieces of evidence for and against a candidate name.

Each piece is a small function of a sentence's text and the candidate's span in it
(``text[start:end]``) that says whether one general form of the two languages is there. A
candidate comes from the statistical model or from a rule (:mod:`candidates`); the pieces it
gathers are weighed by the decision table (:mod:`decide`) and recorded on the person, so a
researcher can see what each name stands on.

For a person:

==================  ============================================================  =======
piece               form (English, French)                                        weight
==================  ============================================================  =======
``honorific``       Ms., Mr, Dr, Hon, Senator the Hon, Mme, M., Monsieur …         for
``role-before``     "Prime Minister X", « le démographe X », « chancelier X »      for
``role-after``      "X, Director of …", « X, cofondatrice de … »                   for
``post-nominal``    "X MP", "X QC", "X, PhD"                                       for
``speech-verb``     "X said", "said X", « X a souligné », « …, explique X »,       for
                    « selon X », "according to X", « pour X, »
``meeting-verb``    "chaired by X", "met with X", "X hosted", « présidé par X »     for
``speaker-label``   "DOWNER:", "Downer:", "Mr Downer:" opening a paragraph         for
``list-entry``      a list item "X, Role, Org", "X (Org)", "X – Org"               for
``gazetteer``       the span is a country or a well-known organisation            against
``eponym``          « le plan X », "the X Plan", "X Act"                           against
``markup``          inside a link address or image markup                        against
``bullet-verb``     a capitalised verb opening a bullet ("Improve …")             against
``hypothetical``    « si X s'appelle … », "if X", "a man called X"                 against
``in-organisation`` part of an organisation's name ("Robert Bosch Stiftung")     against
``model-other``     the model reads it as a place or an organisation, not a       against
                    person
==================  ============================================================  =======

>>> text = "« Il faut agir », explique Fabienne Roux, cofondatrice de SOS Horizon."
>>> at = text.index("Fabienne")
>>> [p.name for p in gather(text, at, at + len("Fabienne Roux"))]
['role-after', 'speech-verb']
>>> text = "Le plan Martin a été adopté."
>>> [p.name for p in gather(text, 8, 14)]
['eponym']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from idm_graph.extract.gazetteer import countries, organisations
from idm_graph.extract.lexicon import (
    HONORIFIC,
    INCLUDING,
    MEETING_AFTER,
    MEETING_BEFORE,
    PARTICIPATION,
    PARTICIPATION_BEFORE,
    ROLE_HEAD,
    SPEECH_AFTER,
    SPEECH_BEFORE,
)
from idm_graph.extract.ner import Span, Token
from idm_graph.text.document import fold, is_abbreviation

__all__ = [
    "AGAINST",
    "FOR",
    "Piece",
    "bullet_verb",
    "clause_ends",
    "eponym",
    "gather",
    "gazetteer",
    "honorific",
    "hypothetical",
    "in_organisation",
    "led_in",
    "list_entry",
    "markup",
    "meeting_verb",
    "meets",
    "model_other",
    "role_after",
    "role_before",
    "role_span_before",
    "speaker_label",
    "speech_verb",
    "taking_part",
]

#: Pieces for a candidate, and against it.
FOR = ("honorific", "role-before", "role-after", "post-nominal", "speech-verb",
       "meeting-verb", "speaker-label", "list-entry")
AGAINST = ("gazetteer", "eponym", "markup", "bullet-verb", "hypothetical", "in-organisation",
           "model-other")


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of evidence: its name and whether it speaks for the candidate."""

    name: str
    supports: bool


def _for(name: str) -> Piece:
    return Piece(name, True)


def _against(name: str) -> Piece:
    return Piece(name, False)


_HONORIFIC_BEFORE = re.compile(rf"(?:^|[\s(«\"“—-])(?:{HONORIFIC})\s*$")


def honorific(text: str, start: int, end: int) -> Piece | None:
    """An honorific or form of address right before the name.

    >>> honorific("Senator the Hon Chris Evans said", 16, 27).name
    'honorific'
    >>> honorific("Mr Ahmed replied", 3, 8).name, honorific("Hon Jane Roe", 4, 12).name
    ('honorific', 'honorific')
    >>> honorific("Ahmed replied", 0, 5) is None
    True
    """
    return _for("honorific") if _HONORIFIC_BEFORE.search(text[max(0, start - 30) : start]) \
        else None


_ROLE_WORD = re.compile(rf"(?<![\w-]){ROLE_HEAD}\b", re.IGNORECASE)
_FILLER = re.compile(r"^(?:of|for|to|the|and|on|in|at|de|du|des|d|la|l|le|aux|au|à|en|"
                     r"pour|auprès|chargée?|adjointe?|générale?|exécutive?|"
                     r"[a-zà-ÿ]+(?:ien|ienne|ais|aise|ain|aine|an|ane|ois|oise|ish|ese|i|"
                     r"ique|al|ale|aux|el|elle|éen|éenne|ien)|[A-ZÀ-Þ][\w.'’-]*)$")


#: Words after which a lower-case noun is the complement of a role: « ministre de
#: l'intérieur », "minister of labour".
_COMPLEMENT_LEAD = frozenset({"de", "du", "des", "d", "l", "la", "of", "the", "for"})


def role_span_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of a role or title written right before ``text[start:]`` (see
    :func:`role_before`), from its first capitalised qualifier or its head noun.

    >>> text = "Le premier ministre italien Giulio Rossi a pris la parole."
    >>> a, b = role_span_before(text, 28); text[a:b]
    'premier ministre italien'
    >>> text = "Today, National Security Adviser Mara Quill spoke."
    >>> a, b = role_span_before(text, 33); text[a:b]
    'National Security Adviser'
    >>> text = "Le ministre de l'intérieur Paul Arnaud a présenté le texte."
    >>> a, b = role_span_before(text, 27); text[a:b]
    "ministre de l'intérieur"
    """
    offset = max(0, start - 90)
    before = fold(text[offset:start])
    if not re.search(r"\s$", before):
        return None
    best = None
    for match in reversed(list(_ROLE_WORD.finditer(before))):
        rest = before[match.end() :].rstrip()
        rest = rest[:-1] if rest.endswith(",") else rest
        words = re.findall(r"[^\s'’]+", rest)
        if len(words) > 6 or not all(
                _FILLER.match(w) or _ROLE_WORD.fullmatch(w)
                or (i > 0 and w.islower() and words[i - 1].lower() in _COMPLEMENT_LEAD)
                for i, w in enumerate(words)):
            break
        best = match.start()
    if best is None:
        return None
    head = before[:best]
    for word in reversed(list(re.finditer(r"[^\s]+", head))):  # "Mexican President"
        if before[word.end() : best].strip() or not (word.group(0)[:1].isupper() and
                                                     _FILLER.match(word.group(0))):
            break
        if word.group(0) in ("The", "Le", "La", "Les", "A", "An", "Un", "Une"):
            break
        best = word.start()
    end = len(before.rstrip().rstrip(","))
    return offset + best, offset + end


def role_before(text: str, start: int, end: int) -> Piece | None:
    """A role or title written before the name, with or without a comma, in either case:
    "Prime Minister X", "Mexican President X", « le premier ministre italien X »,
    « par la voix du chancelier X », « le démographe X », "The Director, X".

    >>> text = "Le premier ministre italien Giulio Rossi a pris la parole."
    >>> role_before(text, 28, 40).name
    'role-before'
    >>> text = "par la voix du chancelier Karl Huber"
    >>> role_before(text, 26, 36).name
    'role-before'
    >>> role_before("the new plan Karl Huber", 13, 23) is None
    True
    """
    return _for("role-before") if role_span_before(text, start) is not None else None


_ROLE_START = re.compile(
    rf"^\s*,\s*(?:(?:le|la|l'|les|the|an?|un|une|its|his|her|son|sa)\s*)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?{ROLE_HEAD}\b|^\s*\(\s*(?:[\w'’-]+\s+){{0,3}}?{ROLE_HEAD}\b",
    re.IGNORECASE)


def role_after(text: str, start: int, end: int) -> Piece | None:
    """A role in apposition after the name: "X, Director of …", « X, cofondatrice de … »,
    "X (Senior Adviser, …)"; also after a quotation and before a full stop.

    >>> role_after("Jane Roe, Executive Director of the Fund, spoke.", 0, 8).name
    'role-after'
    >>> role_after("Jane Roe, the plan, said", 0, 8) is None
    True
    """
    return _for("role-after") if _ROLE_START.match(fold(text[end : end + 120])) else None


_POST_NOMINAL = re.compile(
    r"^,?\s+(?:MP|MEP|MdB|MLA|MPP|MSP|QC|KC|SC|OBE|CBE|MBE|KBE|DBE|AC|AO|AM|OAM|PhD|Ph\.D\.|"
    r"MD|Esq\.?|Jr\.?|Sr\.?|FRS|FBA)\b")


def post_nominal(text: str, start: int, end: int) -> Piece | None:
    """Post-nominal letters after the name: "Jane Roe MP", "John Doe QC", "Jane Roe, PhD".

    >>> post_nominal("Stephen Doe MP Minister for Trade", 0, 11).name
    'post-nominal'
    >>> post_nominal("Jane Roe MPs", 0, 8) is None
    True
    """
    return _for("post-nominal") if _POST_NOMINAL.match(text[end : end + 12]) else None


def speech_verb(text: str, start: int, end: int) -> Piece | None:
    """A speech or stance verb attached to the name, after it ("X said", « X a souligné »,
    "X, the minister, warned") or before it ("said X", « …, explique X », « selon X »,
    "according to X", « pour X, »), in any tense or person.

    >>> speech_verb("Jane Roe stressed the need.", 0, 8).name
    'speech-verb'
    >>> text = "« Rien ne change », déplore Karl Huber."
    >>> speech_verb(text, text.index("Karl"), text.index(".")).name
    'speech-verb'
    >>> text = "« Rien ne change », s'est félicité à son tour M. Karl Huber."
    >>> speech_verb(text, text.index("Karl"), text.rindex(".")).name
    'speech-verb'
    >>> speech_verb("Jane Roe visited.", 0, 8) is None
    True
    """
    after = fold(text[end : end + 200])
    before = fold(text[max(0, start - 80) : start])
    titled = _HONORIFIC_BEFORE.search(before)
    if titled:  # « …, déplore M. Karl Huber »: the verb stands before the honorific
        before = before[: titled.start() + 1].rstrip() + " "
    if SPEECH_AFTER.match(after) or re.search(SPEECH_BEFORE + r"$", before, re.IGNORECASE):
        return _for("speech-verb")
    return None


def meeting_verb(text: str, start: int, end: int) -> Piece | None:
    """The name as the agent or partner of a meeting (:func:`meets`), or the sentence says it
    took part (:func:`taking_part`).

    >>> meeting_verb("The session was chaired by Jane Roe.", 27, 35).name
    'meeting-verb'
    >>> meeting_verb("Jane Roe met the ministers.", 0, 8).name
    'meeting-verb'
    >>> meeting_verb("Jane Roe is right.", 0, 8) is None
    True
    """
    return _for("meeting-verb") if meets(text, start, end) or taking_part(text, start, end) \
        else None


def meets(text: str, start: int, end: int) -> bool:
    """Whether a meeting verb governs the name: "chaired by X", "met with X", "X hosted",
    « présidé par X », « X s'est entretenu avec … ».

    >>> meets("Jane Roe met the ministers.", 0, 8), meets("Jane Roe is right.", 0, 8)
    (True, False)
    """
    after = fold(text[end : end + 200])
    before = fold(text[max(0, start - 80) : start])
    return bool(MEETING_AFTER.match(after) or MEETING_BEFORE.search(before))


def taking_part(text: str, start: int, end: int) -> bool:
    """Whether the sentence says the name took part, before or after it: "X attended",
    « X, Y et Z ont participé à la réunion », "The delegation included X and Y",
    "civil society leaders, including X", « avec la participation de X ».

    >>> text = "The delegation included Rosa Lemus and Carl Ibarra."
    >>> taking_part(text, text.index("Carl"), text.index("."))
    True
    >>> text = "She met leaders, including Rosa Lemus of the Network."
    >>> taking_part(text, text.index("Rosa"), text.index(" of"))
    True
    >>> text = "Rosa Lemus wrote the report."
    >>> taking_part(text, 0, 10)
    False
    """
    taken = PARTICIPATION.search(text, end)
    if taken is not None and not clause_ends(text[end : taken.start()]):
        return True
    return led_in(text, start, PARTICIPATION_BEFORE) or led_in(text, start, INCLUDING)


def clause_ends(text: str) -> bool:
    """Whether a clause ends in ``text``: a semicolon, a colon, or a full stop the sentence
    splitter would end a sentence at (not that of "Ms." or "Dr.").

    >>> clause_ends(", Head of Unit, and Ms. Lee, Adviser, "), clause_ends(" spoke; then ")
    (False, True)
    """
    return ";" in text or ":" in text or any(
        char == "." and not is_abbreviation(text, index) for index, char in enumerate(text))


def led_in(text: str, start: int, leads: re.Pattern[str]) -> bool:
    """Whether a participation phrase governs the list of names and roles in which the name
    at ``start`` stands: "Joining the panel were A, previous Chair, and B", "was represented
    by B", « avec la participation de A et de B ».

    >>> text = "Joining the panel were Ann Lee, former Chair, and Mr. Bo Chan, Head of Unit."
    >>> led_in(text, text.index("Bo"), PARTICIPATION_BEFORE)
    True
    >>> text = "Joining the panel were Ann Lee and Bo Chan. Then Carl Roe spoke at length."
    >>> led_in(text, text.index("Carl"), PARTICIPATION_BEFORE)
    False
    """
    found = list(leads.finditer(text, 0, start))
    if not found:
        return False
    lead = found[-1]
    between = text[lead.end() : start]
    return not clause_ends(between) and all(
        len(part.split()) <= 12 for part in re.split(r",|\band\b|\bet\b", between))


_LABEL = re.compile(rf"^\s*(?:(?:{HONORIFIC})\s+)?[\w.'’ -]{{2,60}}?\s*:\s")


def speaker_label(text: str, start: int, end: int) -> Piece | None:
    """The name is a speaker label opening a paragraph, in any case: "DOWNER: …",
    "Downer: …", "Mr Downer: …" (``text`` is the paragraph).

    >>> speaker_label("Downer: We agreed on the plan.", 0, 6).name
    'speaker-label'
    >>> speaker_label("We met Downer: he agreed.", 7, 13) is None
    True
    """
    label = _LABEL.match(text)
    if label is None or not text[end:].lstrip().startswith(":"):
        return None
    return _for("speaker-label") if text[:start].strip() in ("",) or \
        re.fullmatch(rf"(?:{HONORIFIC})", text[:start].strip()) else None


_ENTRY_TAIL = re.compile(r"^\s*(?:,\s*\S|\(\s*\S[^()]{1,120}\)\s*[,.;]?\s*$|[–—-]\s+\S)")


def list_entry(text: str, start: int, end: int, *, item: str) -> Piece | None:
    """The name opens an entry of a list of speakers or participants (``item``: ``text`` is
    a ``bullet`` or a short ``line``): "X, Role, Org", "X (Org)", "X – Org"; a bullet may
    hold the name alone. A name alone on a line is not an entry (a signature is not).

    >>> list_entry("Jane Roe (Acme Foundation)", 0, 8, item="line").name
    'list-entry'
    >>> list_entry("Jane Roe, Director, Acme Ltd", 0, 8, item="bullet").name
    'list-entry'
    >>> list_entry("Jane Roe", 0, 8, item="line") is None, list_entry("Jane Roe", 0, 8,
    ...                                                              item="bullet").name
    (True, 'list-entry')
    >>> list_entry("Jane Roe said it", 0, 8, item="bullet") is None
    True
    """
    if not item or text[:start].strip(" -*•·\t") or len(text) > 300:
        return None
    tail = text[end:]
    if _ENTRY_TAIL.match(tail) or (item == "bullet" and not tail.strip(" .;:")):
        return _for("list-entry")
    return None


def gazetteer(text: str, start: int, end: int) -> Piece | None:
    """The span is (or ends in) a country or a well-known organisation.

    >>> gazetteer("Costa Rica said", 0, 10).name
    'gazetteer'
    >>> gazetteer("Jane Roe said", 0, 8) is None
    True
    """
    name = text[start:end]
    for found in (countries().find(name), organisations().find(name)):
        if found and any(m.end - m.start >= len(name) - 3 for m in found):
            return _against("gazetteer")
    return None


_EPONYM_BEFORE = re.compile(
    r"\b(?:plan|loi|doctrine|méthode|rapport|accord|accords|réforme|règlement|dispositif|"
    r"fondation|prix|institut|université|rue|avenue|boulevard|place|pont|hôpital|lycée|"
    r"école|stade|gare|aéroport|gouvernement|cabinet|administration|ère|époque|"
    r"modèle|formule|amendement|directive|paquet|protocole|mémorandum)\s+(?:de\s+|d')?$",
    re.IGNORECASE)
_EPONYM_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Plan|Doctrine|Act|Law|Rule|Rules|Report|Amendment|Foundation|"
    r"Institute|University|Center|Centre|Street|Avenue|Square|Bridge|Hospital|School|"
    r"College|Prize|Award|Fellowship|Scholarship|administration|Administration|era|"
    r"government|Government|Agreement|Accord|Accords|Protocol|Directive|Regulation|"
    r"Initiative|Formula|Model|Method|Index)\b")


def eponym(text: str, start: int, end: int) -> Piece | None:
    """The name is part of the name of a plan, a law, a place or an administration (« le
    plan X », "the X Plan", "X Act", « le gouvernement d'X »): an eponym, not a person who
    takes part.

    >>> eponym("le plan Juncker prévoit", 8, 15).name, eponym("the Marshall Plan", 4, 12).name
    ('eponym', 'eponym')
    >>> eponym("Jane Roe said", 0, 8) is None
    True
    """
    before = fold(text[max(0, start - 30) : start])
    if _EPONYM_BEFORE.search(before) or _EPONYM_AFTER.match(text[end : end + 30]):
        return _against("eponym")
    return None


_LINK = re.compile(r"\]\([^)\s]*\)|<https?://[^>\s]*>|https?://\S+|www\.\S+|!\[[^\]]*\]")


def markup(text: str, start: int, end: int) -> Piece | None:
    """The span lies inside a link address, a bare URL or image markup.

    >>> text = "See [the post](https://example.org/jane-roe-speech) and ![Jane Roe](x.png)."
    >>> markup(text, text.index("jane-roe"), text.index("jane-roe") + 8).name
    'markup'
    >>> markup(text, text.index("the post"), text.index("the post") + 8) is None
    True
    """
    for match in _LINK.finditer(text):
        if match.start() <= start and end <= match.end():
            return _against("markup")
    return None


def bullet_verb(text: str, start: int, end: int, tokens: Sequence[Token] = (), *,
                item: str = "") -> Piece | None:
    """A capitalised verb opening a bullet, read as a name by the model ("Improve Data
    Sharing"): the model's part of speech of the span's first word is a verb.

    >>> bullet_verb("Strengthen Border Cooperation", 0, 29,
    ...             [Token(0, 10, "strengthen", "VERB")], item="bullet").name
    'bullet-verb'
    """
    if not item or text[:start].strip(" -*•·\t"):
        return None
    first = next((t for t in tokens if t.start == start), None)
    return _against("bullet-verb") if first is not None and first.pos in ("VERB", "AUX") \
        else None


_HYPOTHETICAL = re.compile(
    r"(?:\b(?:si|if|suppose|imaginons|imagine|disons|say)\s+(?:que\s+|that\s+)?|"
    r"\b(?:s['’]appelle|s['’]appelait|nommée?|prénommée?|called|named)\s+)$", re.IGNORECASE)


def hypothetical(text: str, start: int, end: int) -> Piece | None:
    """A name given as an example, not a person: « si X s'appelle … », "if X", "a man
    called X".

    >>> text = "Si Michel Dupont s'appelait Karim Dupont, il serait discriminé."
    >>> hypothetical(text, 3, 16).name, hypothetical(text, 28, 40).name
    ('hypothetical', 'hypothetical')
    """
    if _HYPOTHETICAL.search(fold(text[max(0, start - 25) : start])) or \
            re.match(r"\s+s['’]appel", fold(text[end : end + 15])):
        return _against("hypothetical")
    return None


def in_organisation(start: int, end: int, organisations: Sequence[tuple[int, int]],
                    bodies: Sequence[tuple[int, int]] = (),
                    introduced: Sequence[tuple[int, int]] = ()) -> Piece | None:
    """The span lies inside an organisation's name found in the same text: a well-known or
    model-found one (``organisations``: "SOS Horizon Méditerranée"), or a body named by its
    head noun that goes on after the span (``bodies``: "Robert Bosch Stiftung"; a name that
    ends such a span is more often a person written right after the body: "… Drug Control
    Policy Adam Cohen"), or the name a kind noun introduces when the span starts where that
    name does (``introduced``: « l'association Passerelles Sahel »; in « l'association
    MigraLink Aïcha Benali » the person is written after the name).

    >>> in_organisation(4, 24, [(0, 24)]).name
    'in-organisation'
    >>> in_organisation(20, 29, [], [(0, 29)]) is None, in_organisation(0, 12, [], [(0, 29)]).name
    (True, 'in-organisation')
    """
    for a, b in organisations:
        if a <= start and end <= b and (a, b) != (start, end):
            return _against("in-organisation")
    for a, b in bodies:
        if a <= start and end < b:
            return _against("in-organisation")
    if any(a == start for a, _ in introduced):
        return _against("in-organisation")
    return None


def model_other(start: int, end: int, spans: Sequence[Span]) -> Piece | None:
    """The model reads the span as something other than a person: a place, an organisation
    or a work (a span of another label with the same bounds, and no person span overlapping
    it; a span of another label that runs over the name, as in "Mexico Jane Roe", is the
    model's boundary error, not a reading of the name).

    >>> model_other(4, 24, [Span(4, 24, "LOC", "Horizon Méditerranée")]).name
    'model-other'
    >>> model_other(0, 8, [Span(0, 8, "PER", "Jane Roe")]) is None
    True
    """
    if any(s.label == "PER" and s.start < end and start < s.end for s in spans):
        return None
    for span in spans:
        if span.label != "PER" and abs(span.start - start) <= 1 and abs(span.end - end) <= 1:
            return _against("model-other")
    return None


def gather(text: str, start: int, end: int, *, tokens: Sequence[Token] = (),
           spans: Sequence[Span] = (),
           item: str = "", paragraph_start: bool = False,
           organisations: Sequence[tuple[int, int]] = (),
           bodies: Sequence[tuple[int, int]] = (),
           introduced: Sequence[tuple[int, int]] = ()) -> list[Piece]:
    """Every piece of evidence for and against ``text[start:end]`` as a person's name.

    ``item``: the text is a ``bullet`` or a short ``line``; ``paragraph_start``: it opens
    its paragraph (speaker labels); ``organisations``, ``bodies`` and ``introduced``: spans
    of organisation names (see :func:`in_organisation`); ``spans``: the model's entity spans.
    """
    pieces = [honorific(text, start, end), role_before(text, start, end),
              role_after(text, start, end), post_nominal(text, start, end),
              speech_verb(text, start, end),
              meeting_verb(text, start, end),
              speaker_label(text, start, end) if paragraph_start else None,
              list_entry(text, start, end, item=item), gazetteer(text, start, end),
              eponym(text, start, end), markup(text, start, end),
              bullet_verb(text, start, end, tokens, item=item),
              hypothetical(text, start, end),
              in_organisation(start, end, organisations, bodies, introduced),
              model_other(start, end, spans)]
    return [p for p in pieces if p is not None]
