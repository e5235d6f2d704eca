"""Persons, their roles as written, organisations and countries, and their contributions.

A person is found by an honorific (« Mme », « M. », « Ms. », « H.E. »…) or an official title
(« Director General António Vitorino ») before a capitalised name. The role is the apposition
after the name (« M. X, Directeur général de l'OIM, a ouvert… ») or before it (« La Directrice
générale adjointe …, Mme Y, a animé… »). Later mentions resolve to the same person: surname
only (« Mme Gupta »), role (« Le Directeur général »), or a pronoun opening a sentence of the
same paragraph (« Elle a souligné… »).

>>> from idm_graph.text.document import parse_text
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
from collections.abc import Sequence

from idm_graph.core import keys
from idm_graph.core.facts import Entity
from idm_graph.core.vocab import slug
from idm_graph.extract.affiliations import (
    add_country,
    affiliation,
    bare_head,
    body_after,
    organisation_of,
    role_after,
    role_before,
    role_head,
)
from idm_graph.extract.context import Context
from idm_graph.extract.contributions import KINDS, attach, contribute, specific_kind
from idm_graph.extract.decide import Decision, decide, mode
from idm_graph.extract.evidence import (
    FOR,
    gather,
    meeting_verb,
    role_span_before,
    speech_verb,
)
from idm_graph.extract.gazetteer import (
    adjectives,
    countries,
    organisations,
)
from idm_graph.extract.lexicon import (
    MEETING_LEADS,
    PARTICIPATION,
    PARTICIPATION_BEFORE,
    SPEECH_WORD,
)
from idm_graph.extract.names import (
    HONORIFIC,
    UPPER,
    NameHit,
    appositions,
    plausible,
    role_then_name,
    speaker_turns,
    tail_name,
    titled,
    took_part,
    turn_label,
)
from idm_graph.extract.ner import Span, Token
from idm_graph.extract.organisations import body_names, named_by_kind
from idm_graph.extract.person import Person
from idm_graph.text.document import Block, Sentence, is_abbreviation

__all__ = ["KINDS", "Person", "extract_people"]

_TOKEN = rf"[{UPPER}](?:[^\W\d_]|['’-](?=[^\W\d_]))*"


_PARTICLE = r"(?:de|da|del|della|di|dos|das|do|du|van|von|der|den|ter|bin|ibn|al|el|y)"


_NAME = rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{0,4}}"


_MENTION = re.compile(rf"(?<![\w.])({HONORIFIC})\s+({_NAME})")


_TITLES = (r"Deputy Director[- ]General|Director[- ]General|Deputy Secretary[- ]General|"
           r"Secretary[- ]General|Under[- ]Secretary[- ]General|Assistant Secretary[- ]General|"
           r"Deputy Minister|Prime Minister|Minister|Vice[- ]President|President|Ambassador|"
           r"Permanent Representative|Deputy Executive Director|Executive Director|"
           r"Special Representative|Special Rapporteur|High Commissioner|Commissioner|Mayor|"
           r"Directrice générale adjointe|Directeur général adjoint|Directeur général|"
           r"Directrice générale|Ministre|Ambassadeur|Ambassadrice|Secrétaire générale?|"
           r"Vice-Présidente?|Présidente?|Maire")


_TITLED = re.compile(rf"(?<![\w])((?:[{UPPER}]{{2,6}}\s+)?(?:{_TITLES}))\s+"
                     rf"({_TOKEN}(?:\s+(?:{_PARTICLE}\s+)?{_TOKEN}){{1,4}})")


_NOT_NAME = frozenset(
    "Le La Les L The Un Une A An Des De Du Dans Pour Selon Comme Par Panel Session".split())


_REPRESENTING = re.compile(r"\b(?:Représentante?|Representing|Au nom de|On behalf of)\s+"
                           r"(?:l'|la |le |les |the |du |de la |de l')?"
                           rf"([{UPPER}][^,;]*?)(?=\s+(?:basée?s?|based|située?|located|in|en)\b|,|;|$)")


_IMPERSONAL = re.compile(r"\b(?:il|it)\s+(?:s'agi|est |faut|a été|y a|convient|importe|"
                         r"semble|reste|was |is |has been|seems)", re.IGNORECASE)


_PRONOUN = re.compile(r"(?:^|,\s|\bet\s|\band\s)(?:il|elle|he|she)\s", re.IGNORECASE)


#: A pronoun incise after a quotation: « "…", a-t-il déclaré », « …, explique-t-elle », '"…,"
#: she said'. It may stand anywhere in the sentence, after however long a quotation.
_PRONOUN_INCISE = re.compile(
    rf"[,»”\"]\s*(?:\w+(?:-t)?-(?:il|elle)\b|(?:he|she)\s+(?:also\s+|then\s+)?{SPEECH_WORD}\b)",
    re.IGNORECASE)
_PRONOUN_LEAD = re.compile(r"^(?:selon (?:elle|lui)|pour (?:elle|lui)|according to (?:her|him)|"
                           r"(?:il|elle|he|she)\b)", re.IGNORECASE)


def extract_people(ctx: Context) -> None:
    """Find persons, roles, memberships, countries and contributions.

    A sentence is evidence of a person's contribution when a verb of speech, stance or
    meeting is attached to their name (or the name is explicit and the sentence names a kind
    of contribution); it goes on with a pronoun, the role or the surname; a paragraph opened
    by a speaker label (a transcript's turn) is that speaker's statement as a whole.
    """
    people = People()
    speaker: Person | None = None  # a label alone on its line speaks in what follows it
    members: dict[str, Person] = {}  # the persons of the delegation the text describes
    present: list[Person] = []  # who met, spoke or took part in the latest such sentence
    carried: Person | None = None  # the person the previous paragraph ended on
    for block in ctx.doc.blocks:
        if block.kind in ("heading", "footnote"):
            speaker = carried = None
            continue
        last: Person | None = None
        group: list[Person] = []  # the persons the previous sentence named: "They …"
        turn: Person | None = speaker  # the speaker whose label opens this paragraph
        for index, sentence in enumerate(block.sentences):
            mentions = _mentions(ctx, block, sentence, people)
            if index == 0:
                alone = _LABEL_ALONE.match(block.text)
                labelled = _turn_speaker(block, mentions) or (
                    mentions[0][0] if alone and mentions and mentions[0][2] <= 12 else None)
                if labelled is not None:  # a new turn: this paragraph, and the next ones
                    turn = labelled   # after a label alone or in a transcript
                    transcript = sum(ctx.turn_labels().values()) >= 2
                    speaker = labelled if alone or transcript else None
                elif _ANY_LABEL.match(block.text):  # "Journalist: …", "Q: …": another turn
                    turn = speaker = None
            if turn is not None and turn.contributions and all(
                    person is not turn for person, _, _, _ in mentions):
                attach(ctx, sentence, turn)
            _delegation_members(sentence.text, mentions, members)
            if mentions:
                any_explicit = any(explicit for _, explicit, _, _ in mentions)
                verbs: dict[str, str | None] = {}  # each person's verb, their turn aside
                for person, explicit, start, end in mentions:
                    person.took_part = person.took_part or took_part(sentence.text, start)
                    ev = ctx.evidence(block, sentence.start + start, sentence.start + end)
                    ctx.facts.add(Entity(person.key, "Person", attrs={}, evidence=[ev]))
                    verb = _attached(sentence.text, start, end, turn is person)
                    verbs[person.key] = verb if turn is not person else \
                        _attached(sentence.text, start, end, False)
                    # a later mention (surname, role) goes on with the person's turn; it
                    # opens one only for a person who has none yet ("Ms. Roe said …")
                    later = verb and not explicit and person.contributions and \
                        not specific_kind(sentence)
                    if (explicit or verb or (not any_explicit and specific_kind(sentence))) \
                            and not later:
                        contribute(ctx, block, sentence, person, start, end, verb=verb)
                    elif person.contributions:
                        attach(ctx, sentence, person)
                    if verb == "speech":
                        for earlier in _quoted_before(block, index):
                            attach(ctx, earlier, person)
                last = mentions[-1][0]
                # the subjects of the sentence: the persons a verb is attached to
                named = {p.key: p for p, _, _, _ in mentions}
                verbs = {key: verb for key, verb in verbs.items() if named[key].contributions}
                group = [p for key, p in named.items() if verbs.get(key)]
                if "meeting" in verbs.values():  # a new meeting: « the meeting » is this one
                    present = group
                elif group:  # more who spoke or took part in the same one
                    present = list({p.key: p for p in [*present, *group]}.values())
            elif turn is not None:
                continue  # attached above, as the speaker's turn
            elif present and _EVENT_SUBJECT.match(sentence.text):
                for person in present:  # "The meeting focused on …": what they discussed
                    attach(ctx, sentence, person)
                continue
            elif members and (acting := _delegation_acts(sentence.text)) is not None:
                for person in members.values():  # "the full delegation met with …"
                    contribute(ctx, block, sentence, person, 0, 0, verb=acting)
                    person.took_part = True
                group = list(members.values())  # "They discussed …" goes on with them
                continue
            elif len(group) > 1 and _PLURAL.match(sentence.text):
                for person in group:
                    attach(ctx, sentence, person)
                continue  # "They discussed … They also agreed …": the same persons go on
            elif (last is not None and last.contributions
                  and not _IMPERSONAL.search(sentence.text[:160])
                  and (_PRONOUN.search(sentence.text[:160])
                       or _PRONOUN_LEAD.match(sentence.text)
                       or _PRONOUN_INCISE.search(sentence.text))):
                attach(ctx, sentence, last)
            elif (index == 0 and carried is not None and carried.contributions
                  and not _IMPERSONAL.search(sentence.text[:160])
                  and (_PRONOUN_LEAD.match(sentence.text)
                       or _PRONOUN_INCISE.search(sentence.text))):
                attach(ctx, sentence, carried)  # a paragraph opening "She added …" goes on
                last = carried  # with the person the paragraph before ended on
            if not mentions:
                group = []  # "They" refers to the subjects of the sentence just before
        carried = last
    for person in people.values():
        ctx.facts.entities[person.key].attrs["tookPart"] = person.took_part


#: A speaker's label alone on its line, with or without a role ("Marielle Roe, présidente :",
#: "Mr SMITH:"): the paragraphs after it, up to the next label or heading, are the turn.
_LABEL_ALONE = re.compile(r"^[^.!?:]{2,140}:\s*$")
#: Any speaker label, a person's or not ("Journalist:", "Question:", "Q:").
_ANY_LABEL = re.compile(r"^[A-ZÀ-Þ][\w'’. -]{0,40}:\s")
#: A sentence that goes on with the persons of the previous one: "They discussed …",
#: « Ils ont convenu … », "Both leaders agreed …", "The two delegations …".
_PLURAL = re.compile(rf"^(?:they|ils|elles|both|tous deux|toutes deux|the two|les deux|"
                     rf"together,? they)\b[^.;]{{0,80}}?\b(?:{SPEECH_WORD}|discussed|agreed|"
                     rf"ont convenu|ont discuté|se sont entretenus|met)\b", re.IGNORECASE)
#: A sentence whose subject is the meeting or event just reported and whose verb says what
#: it was about: "The meeting focused on …", "Discussions centred on …", « Les échanges ont
#: porté sur … », « La réunion a permis d'aborder … ». It is what the persons who met there
#: discussed.
_EVENT_SUBJECT = re.compile(
    r"^(?:[^,.;]{0,60},\s*)?(?:(?:the|this|that|their|these|today's|le|la|les|l'|cette|ce|"
    r"ces|leur|leurs)\s*(?:[\w'’-]+\s+){0,4}?)?(?:meetings?|talks|discussions?|conversations?|"
    r"call|exchanges?|dialogue|session|event|panel|workshop|roundtable|round table|"
    r"conference|summit|forum|visit|consultations|debate|briefing|réunions?|rencontres?|"
    r"entretiens?|échanges?|séance|atelier|table ronde|conférence|sommet|visite|débats?)\b"
    r"[^.;]{0,60}?\b(?:focused|focussed|focuses|centred|centered|covered|addressed|reflected|"
    r"discussed|examined|explored|considered|dealt|touched|looked|highlighted|emphasi[sz]ed|"
    r"stressed|concentrated|revolved|was devoted|were devoted|was dedicated|reviewed|"
    r"underscored|a porté|ont porté|portait|portaient|porte|portent|a été consacrée?|"
    r"ont été consacrée?s|était consacrée?|a abordé|ont abordé|a examiné|ont examiné|"
    r"s'est concentrée?|se sont concentrée?s|s'est penchée?|se sont penchée?s|"
    r"a permis d'aborder|a permis de discuter|ont permis d'aborder|a mis l'accent|"
    r"ont mis l'accent|a traité|ont traité|a passé en revue)\b", re.IGNORECASE)
#: A delegation of persons and who is in it: "X led an interagency delegation", "A, B and C
#: accompanied X on this delegation", "The delegation included A and B", « X conduisait une
#: délégation », « la délégation comprenait A et B ».
_LED = re.compile(r"\b(?:led|leads|headed|heads|conduit|conduisait|a conduit|dirigeait|a dirigé)"
                  r"\s+(?:a|an|the|une|la|sa|his|her)\s+(?:[\w.-]+\s+){0,3}?d[eé]l[eé]gation\b",
                  re.IGNORECASE)
_ACCOMPANIED = re.compile(r"\b(?:accompanied|accompany|accompanies|accompagnaient|accompagnait|"
                          r"ont accompagné|a accompagné|accompagnent|accompagne)\b", re.IGNORECASE)
_INCLUDED = re.compile(r"\bd[eé]l[eé]gation\s+(?:also\s+)?(?:included|includes|comprised|"
                       r"was composed of|consisted of|comprenait|comprend|était composée de|"
                       r"se composait de)\b", re.IGNORECASE)
#: A sentence whose subject is that delegation: "Additionally, the full interagency delegation
#: met with counterparts …", « La délégation a ensuite rencontré … ».
_DELEGATION_SUBJECT = re.compile(
    rf"^(?:[^,.;]{{0,40}},\s*)?(?:the|our|this|la|notre|cette)\s+(?P<between>(?:[\w.-]+\s+)"
    rf"{{0,3}}?)d[eé]l[eé]gation\s+(?:[^.;]{{0,40}}?\s)?(?:(?P<meeting>met|meets|held|visited|"
    rf"a rencontré|ont rencontré|a tenu)|{SPEECH_WORD})\b", re.IGNORECASE)
_DELEGATION_WORD = re.compile(r"d[eé]l[eé]gation", re.IGNORECASE)
_OPEN_QUOTE = re.compile(r"[«“\"]")
_CLOSE_QUOTE = re.compile(r"[»”\"]")


def _delegation_members(text: str, mentions: list[tuple[Person, bool, int, int]],
                        members: dict[str, Person]) -> None:
    """Add to ``members`` the persons a sentence puts in a delegation: the one who led it,
    those who accompanied the leader on it ("accompanied by music" is no delegation), those
    it included.
    """
    for match in _LED.finditer(text):
        before = [p for p, _, _, end in mentions if end <= match.start()]
        if before:
            members.setdefault(before[-1].key, before[-1])
    for match in _ACCOMPANIED.finditer(text) if _DELEGATION_WORD.search(text) else ():
        found = [p for p, _, _, end in mentions if end <= match.start()]
        found += [p for p, _, start, _ in mentions if start >= match.end()][:1]
        for person in found:
            members.setdefault(person.key, person)
    for match in _INCLUDED.finditer(text):
        for person in (p for p, _, start, _ in mentions if start >= match.end()):
            members.setdefault(person.key, person)


def _delegation_acts(text: str) -> str | None:
    """``meeting`` or ``speech`` if the sentence's subject is the delegation the text
    describes and it meets or speaks; never a State's delegation ("the Mexican delegation").

    >>> _delegation_acts("Additionally, the full interagency delegation met with counterparts.")
    'meeting'
    >>> _delegation_acts("The Mexican delegation said it would help.") is None
    True
    """
    match = _DELEGATION_SUBJECT.match(text)
    if match is None:
        return None
    between = match.group("between") + "delegation"
    if countries().find(between) or adjectives().find(between, "en") or \
            adjectives().find(between, "fr"):
        return None
    return "meeting" if match.group("meeting") else "speech"


def _quoted_before(block: Block, index: int) -> list[Sentence]:
    """The earlier sentences of a quotation that ends in sentence ``index`` ("“One. Two,”
    said X."): they are the speaker's words too.
    """
    text = block.sentences[index].text
    close = _CLOSE_QUOTE.search(text)
    if close is None or _OPEN_QUOTE.search(text[: close.start()]):
        return []
    earlier: list[Sentence] = []
    for sentence in reversed(block.sentences[:index]):
        earlier.append(sentence)
        if _OPEN_QUOTE.search(sentence.text):
            return earlier
        if len(earlier) >= 6:
            break
    return []


def _turn_speaker(block: Block, mentions: list[tuple[Person, bool, int, int]]) -> \
        Person | None:
    """The person whose speaker label opens ``block`` ("DOWNER: …"), if a mention is it."""
    label = turn_label(block.text)
    if label is None:
        return None
    return next((person for person, _, start, _ in mentions if start == label[2]), None)


def _attached(text: str, start: int, end: int, turn: bool) -> str | None:
    """The verb attached to a mention: ``speech`` (a speech or stance verb, or the mention is
    a speaker's turn), ``participation`` (the sentence says the persons it names before a
    participation verb took part: « X, Y et Z ont participé à la réunion », "X attended"),
    ``meeting`` (a meeting verb), or None.
    """
    if turn or speech_verb(text, start, end) is not None:
        return "speech"
    taking_part = PARTICIPATION.search(text, end)
    if taking_part is not None and not _clause_ends(text[end : taking_part.start()]):
        return "participation"
    if _led_in(text, start, PARTICIPATION_BEFORE):
        return "participation"  # "Joining the panel were X and Y", "represented by X"
    if meeting_verb(text, start, end) is not None or _led_in(text, start, MEETING_LEADS):
        return "meeting"  # "X met Y", "met with A, Minister, and B"
    return None


def _clause_ends(text: str) -> bool:
    """Whether a clause ends in ``text``: a semicolon, a colon, or a full stop the sentence
    splitter would end a sentence at (not that of "Ms." or "Dr.").

    >>> _clause_ends(", Head of Unit, and Ms. Lee, Adviser, "), _clause_ends(" spoke; then ")
    (False, True)
    """
    return ";" in text or ":" in text or any(
        char == "." and not is_abbreviation(text, index) for index, char in enumerate(text))


def _led_in(text: str, start: int, leads: re.Pattern[str]) -> bool:
    """Whether a participation phrase governs the list of names and roles in which the name
    at ``start`` stands: "Joining the panel were A, previous Chair, and B", "was represented
    by B", « avec la participation de A et de B ».

    >>> text = "Joining the panel were Ann Lee, former Chair, and Mr. Bo Chan, Head of Unit."
    >>> _led_in(text, text.index("Bo"), PARTICIPATION_BEFORE)
    True
    >>> text = "Joining the panel were Ann Lee and Bo Chan. Then Carl Roe spoke at length."
    >>> _led_in(text, text.index("Carl"), PARTICIPATION_BEFORE)
    False
    """
    found = list(leads.finditer(text, 0, start))
    if not found:
        return False
    lead = found[-1]
    between = text[lead.end() : start]
    return not _clause_ends(between) and all(
        len(part.split()) <= 12 for part in re.split(r",|\band\b|\bet\b", between))


def _mentions(ctx: Context, block: Block, sentence: Sentence,
              people: People) -> list[tuple[Person, bool, int, int]]:
    """Mentions in a sentence: (person, explicit?, start, end) relative to the sentence."""
    text = sentence.text
    found: list[tuple[Person, bool, int, int]] = []
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
            _record(ctx, person, _Setting(ctx, block, sentence).decide(
                match.start(2), end, model=False, rule="honorific"))
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
        decision = _Setting(ctx, block, sentence).decide(match.start(2), end, model=False,
                                                         rule="role-before")
        if not decision.accept:
            continue
        person = _resolve(name, people) or _register(ctx, name, people)
        _record(ctx, person, decision)
        title = match.group(1)
        _describe(ctx, block, sentence, person, None, name, match.start(2), end,
                  title=(title, match.start(1)))
        found.append((person, True, match.start(), end))
        taken.append((match.start(), end))
        _mark_name(ctx, block, sentence.start + match.start(2), sentence.start + end)
    spans: list[Span] = []
    if mode() != "rules":
        spans = [Span(m.start - sentence.start, m.end - sentence.start, m.label, m.text)
                 for m in ctx.model_within(block, sentence.start, sentence.start + len(text))[1]
                 if m.label == "PER" and m.end <= sentence.start + len(text)]
    hits = [*titled(text, spans), *appositions(text, spans), *role_then_name(text, spans)]
    if sentence is block.sentences[0]:
        hits += speaker_turns(text, ctx.turn_labels())
        label = turn_label(text)
        if label is not None and not hits[-1:] and _resolve(label[1], people) is not None:
            hits.append(NameHit(label[1], label[2], label[3], kind="speaker-turn"))
    if mode() == "model":
        hits = []
    setting = _Setting(ctx, block, sentence)
    hits.sort(key=lambda h: (h.start, -h.end))
    decisions = [setting.decide(h.start, h.end, rule=_PIECE[h.kind], model=any(
        s.start <= h.start and h.end <= s.end for s in spans)) for h in hits]
    accepted = [(h.start, h.end) for h, d in zip(hits, decisions, strict=True) if d.accept]
    for hit, decision in zip(hits, decisions, strict=True):
        if any(a <= hit.start < b or a < hit.end <= b for a, b in taken):
            continue
        if not decision.accept:
            continue
        person = _resolve(hit.name, people) or _register(ctx, hit.name, people)
        _record(ctx, person, decision)
        title = (hit.role, hit.role_start) if hit.role and hit.role_start is not None else None
        _describe(ctx, block, sentence, person, None, hit.name, hit.start, hit.end, title=title,
                  others=[span for span in accepted if span != (hit.start, hit.end)])
        found.append((person, True, hit.start, hit.end))
        taken.append((hit.start, hit.end))
        _mark_name(ctx, block, sentence.start + hit.start, sentence.start + hit.end)
    for span in spans:  # the model's candidates that no rule explained
        if any(a < span.end and span.start < b for a, b in taken):
            continue
        start, end = _clean_span(text, span.start, span.end)
        name = text[start:end]
        if end <= start or (len(name.split()) < 2 and _resolve(name, people) is None):
            continue
        if len(name.split()) >= 2 and not plausible(name):
            continue
        decision = setting.decide(start, end, model=True)
        if not decision.accept:
            continue
        known = _resolve(name, people)
        person = known or _register(ctx, name, people)
        _record(ctx, person, decision)
        explicit = known is None or len(name.split()) > 1
        if explicit:
            role = role_span_before(text, start)
            title = (text[role[0] : role[1]], role[0]) if role else None
            _describe(ctx, block, sentence, person, None, name, start, end, title=title)
        found.append((person, explicit, start, end))
        taken.append((start, end))
        _mark_name(ctx, block, sentence.start + start, sentence.start + end)
    heads, pattern = people.by_role()
    for match in pattern.finditer(text) if pattern is not None else ():
        if any(a - 120 <= match.start() < b + 5 for a, b in taken):
            continue
        holders = heads[match.group(1) or match.group(2)]
        if len(holders) == 1:  # a role two persons hold names neither
            found.append((holders[0], False, match.start(), match.end()))
    found.sort(key=lambda item: item[2])
    return found


#: The piece of evidence each rule's hit stands on.
_PIECE = {"titled": "role-before", "apposition": "role-after", "role-then-name": "role-before",
          "speaker-turn": "speaker-label"}


class _Setting:
    """Where candidates of one sentence are judged: the evidence pieces of a span, weighed
    by the decision table.
    """

    def __init__(self, ctx: Context, block: Block, sentence: Sentence) -> None:
        self.ctx, self.block, self.sentence = ctx, block, sentence
        text = block.text
        short = len(text) < 160 and not text.rstrip().endswith((".", "!", "?", "»", "\""))
        self.item = "bullet" if block.kind == "bullet" else "line" if short else ""
        self.first = sentence is block.sentences[0]
        tokens, spans = ctx.model_within(block, sentence.start,
                                         sentence.start + len(sentence.text))
        self.tokens = [Token(t.start - sentence.start, t.end - sentence.start, t.lemma, t.pos)
                       for t in tokens]
        self.spans = [Span(m.start - sentence.start, m.end - sentence.start, m.label, m.text)
                      for m in spans]
        self._organisations: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        self.introduced = named_by_kind(sentence.text)  # « l'association Passerelles Sahel »

    def organisations(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans of organisation names in the sentence: well-known ones, and bodies named by
        their head noun or proposed by the model.
        """
        if self._organisations is None:
            text = self.sentence.text
            known = [(m.start, m.end) for m in organisations().find(text)]
            # the model's ORG spans, like bodies found by their head noun, often run on into
            # a name written right after them ("… Mexico Jane Roe"): a name counts as inside
            # only when the span goes on after it
            bodies = body_names(text, self.ctx.doc.language)
            bodies += [(m.start - self.sentence.start, m.end - self.sentence.start)
                       for m in self.ctx.model_spans(self.block, "ORG")
                       if self.sentence.start <= m.start
                       and m.end <= self.sentence.start + len(text)]
            self._organisations = known, bodies
        return self._organisations

    def decide(self, start: int, end: int, *, model: bool, rule: str | None = None) -> Decision:
        text = self.sentence.text
        known, bodies = self.organisations()
        pieces = {p.name for p in gather(text, start, end, tokens=self.tokens, spans=self.spans,
                                         item=self.item,
                                         paragraph_start=self.first, organisations=known,
                                         bodies=bodies, introduced=self.introduced)
                  if p.supports or rule is None or rule not in _STRONG}
        if rule is not None:
            pieces.add(rule)
        return decide(frozenset(pieces), model=model, rule=rule is not None)


#: Pieces a rule found that no piece against overrules (the rule checked the name itself).
_STRONG = frozenset({"honorific", "speaker-label"})


def _record(ctx: Context, person: Person, decision: Decision) -> None:
    """Keep the method and the pieces of evidence that decided a person."""
    attrs = ctx.facts.entities[person.key].attrs
    methods = set(str(attrs.get("method", "")).split("+")) - {""}
    methods |= set(decision.method.split("+"))
    attrs["method"] = "+".join(sorted(methods))
    pieces = attrs.setdefault("pieces", [])
    pieces.extend(p for p in decision.pieces if p not in pieces
                  and p in ("model", *FOR))
    if "model" in decision.method and "model" not in pieces:
        pieces.append("model")


_LEADING = re.compile(rf"^(?:(?:{HONORIFIC}|[Ll]e|[Ll]a|[Tt]he|[Ll]['’])\s*)+")


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The name in a model span: without a leading honorific, article or role words
    ("President Jane Roe" → "Jane Roe"), a trailing possessive or punctuation.
    """
    name = text[start:end]
    lead = _LEADING.match(name)
    if lead and lead.end() < len(name):
        start += lead.end()
        name = text[start:end]
    tail, offset = tail_name(name, start)
    start = offset if tail else start
    name = text[start:end]
    trimmed = re.sub(r"(?:['’]s|[\s,.;:!?»”\"')]+)$", "", name)
    return start, start + len(trimmed)


def _trim_name(name: str) -> str:
    tokens = name.split()
    while tokens and tokens[-1] in _NOT_NAME:
        tokens.pop()
    if tokens and tokens[0] in _NOT_NAME:
        return ""
    return " ".join(tokens)


class People(dict[str, Person]):
    """The persons of a document by key, indexed for later mentions: by each token after
    the first ("MONTOYA:" is Rafael Montoya Ruiz), and by each shorter ending of a name
    ("López Obrador" for "Andrés Manuel López Obrador"), so resolving a mention costs the
    same whatever the number of persons. Also the persons by the head of their role, for
    mentions by role alone (« Le Directeur général »).

    >>> people = People()
    >>> people["person/a"] = Person("person/a", "Andrés Manuel López Obrador",
    ...                             "Andrés Manuel López Obrador".split())
    >>> _resolve("López Obrador", people).name, _resolve("OBRADOR", people).name
    ('Andrés Manuel López Obrador', 'Andrés Manuel López Obrador')
    """

    def __init__(self) -> None:
        super().__init__()
        self.by_token: dict[str, list[Person]] = {}
        self.by_ending: dict[tuple[str, ...], list[Person]] = {}
        self._heads: tuple[int, dict[str, list[Person]], re.Pattern[str] | None] = (
            0, {}, None)
        self._waiting: list[Person] = []  # persons without a role at the last call
        self._order: list[Person] = []  # in the order they were met

    def __setitem__(self, key: str, person: Person) -> None:
        if key not in self:
            self._order.append(person)
        super().__setitem__(key, person)
        for word in {t.casefold() for t in person.tokens[1:]}:
            self.by_token.setdefault(word, []).append(person)
        for size in range(1, len(person.tokens)):
            self.by_ending.setdefault(tuple(person.tokens[-size:]), []).append(person)

    def by_role(self) -> tuple[dict[str, list[Person]], re.Pattern[str] | None]:
        """The persons by the head of their role, and one pattern that finds any such head
        after an article. A role, once set, stays: only the persons that had none at the
        last call are looked at again, and the pattern is rebuilt only for a new head.
        """
        seen, heads, pattern = self._heads
        if seen != len(self):
            self._waiting += self._order[seen:]
            seen = len(self)
        waiting = []
        new_head = False
        for person in self._waiting:
            if person.role is None:
                waiting.append(person)
                continue
            for head in (role_head(person.role), bare_head(person.role)):
                if head:
                    new_head |= head not in heads
                    heads.setdefault(head, []).append(person)
        self._waiting = waiting
        if new_head:
            alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)
                                    if " " in h)
            bare = "|".join(re.escape(h) for h in sorted(heads) if " " not in h)
            pattern = re.compile(
                rf"\b(?:[Ll]e|[Ll]a|[Tt]he|[Ll]')\s*(?:({alternatives or '(?!)'})\b"
                rf"(?!\s+adjoint)|({bare or '(?!)'})\b(?!\s+{_QUALIFIED}))")
        self._heads = (seen, heads, pattern)
        return heads, pattern


#: What makes a one-word role another one: "the Minister of Finance", « la ministre
#: déléguée », "the Deputy …", a name after it ("the Minister Jane Roe").
_QUALIFIED = (r"(?:of|for|on|in|at|to|de|du|des|d['’]|à|au|aux|chargée?|délégu\w*|adjointe?|"
              r"général\w*|deputy|general|[A-ZÀ-Þ])")


def _resolve(name: str, people: People) -> Person | None:
    key = keys.person(slug(name))
    if key in people:
        return people[key]
    tokens = name.split()
    if len(tokens) == 1:  # "MONTOYA:" is Rafael Montoya Ruiz
        matches = people.by_token.get(tokens[0].casefold(), [])
    else:  # a shorter form of a known name: "López Obrador" for "Andrés Manuel López Obrador"
        matches = people.by_ending.get(tuple(tokens), [])
    return matches[0] if len(matches) == 1 else None


def _register(ctx: Context, name: str, people: People) -> Person:
    person = Person(keys.person(slug(name)), name, name.split())
    people[person.key] = person
    ctx.facts.add(Entity(person.key, "Person", labels={"fr": name, "en": name},
                         attrs={"name": name}))
    return person


def _mark_name(ctx: Context, block: Block, start: int, end: int) -> None:
    ctx.name_spans.setdefault(block.id, []).append((start, end))


def _describe(ctx: Context, block: Block, sentence: Sentence, person: Person,
              honorific: str | None, name: str, name_start: int, name_end: int, *,
              title: tuple[str, int] | None = None,
              others: Sequence[tuple[int, int]] = ()) -> None:
    """Record honorific, role, organisation and country stated around an explicit mention."""
    entity = ctx.facts.entities[person.key]
    if honorific:
        entity.attrs.setdefault("honorific", honorific)
    text = sentence.text
    role_span = role_after(text, name_end)
    if role_span is not None and any(role_span[0] <= a and b <= role_span[1] for a, b in others):
        role_span = None  # "A, Deputy Secretary of State B, C …": the next entry, not A's role
    if role_span is None:
        role_span = role_before(text, name_start, honorific)
    if role_span is None and title is not None:
        role_span = (title[1], title[1] + len(title[0]))
    if role_span is not None:
        ctx.title_spans.setdefault(block.id, []).append(
            (sentence.start + role_span[0], sentence.start + role_span[1]))
    if role_span is not None and person.role is None:
        a, b = role_span
        while b > a and text[b - 1] in " :;":
            b -= 1  # « présidente : »
        role = text[a:b]
        person.role = role
        entity.attrs["role"] = role
        affiliation(ctx, block, sentence, person, a, b)
    stated = re.match(r"\s*\(([^()]{2,60})\)", text[name_end:])
    place = countries().find(stated.group(1)) if stated else []
    if stated and place and place[0].start == 0 and \
            len(place[0].name) == len(stated.group(1).strip()):
        # summary-record style « Mr. Ahmed (Bangladesh) »: the country the speaker speaks for
        at = name_end + stated.start(1)
        add_country(ctx, place[0].iso3, ctx.evidence(block, sentence.start + at,
                                                  sentence.start + at + len(place[0].name)))
        ctx.facts.relate(person.key, "country", keys.country(place[0].iso3))
    body = body_after(text, name_end) if person.role is None or role_span is None else None
    if body is not None and not organisations().find(text[body[0]:body[1]]):
        organisation_of(ctx, block, sentence, person, body[0], body[1], role=None)
    represented = _REPRESENTING.search(text)
    if represented and represented.end() <= name_start + 2:
        organisation_of(ctx, block, sentence, person, represented.start(1),
                         represented.end(1), role=None)
