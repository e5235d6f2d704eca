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
from collections.abc import Iterable

from idm_graph.core.facts import Entity
from idm_graph.extract.context import Context
from idm_graph.extract.contributions import KINDS, attach, contribute, specific_kind
from idm_graph.extract.delegations import delegation_acts, delegation_members
from idm_graph.extract.evidence import (
    led_in,
    meets,
    speech_verb,
    taking_part,
)
from idm_graph.extract.lexicon import (
    MEETING_LEADS,
    SPEECH_WORD,
)
from idm_graph.extract.mentions import People, find_mentions
from idm_graph.extract.names import (
    took_part,
    turn_label,
)
from idm_graph.extract.person import Person
from idm_graph.text.document import Block, Sentence

__all__ = ["KINDS", "Person", "extract_people"]

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
            mentions = find_mentions(ctx, block, sentence, people)
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
            delegation_members(sentence.text, mentions, members)
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
            elif members and (acting := delegation_acts(sentence.text)) is not None:
                for person in members.values():  # "the full delegation met with …"
                    contribute(ctx, block, sentence, person, 0, 0, verb=acting)
                    person.took_part = True
                group = list(members.values())  # "They discussed …" goes on with them
                continue
            elif len(group) > 1 and _PLURAL.match(sentence.text):
                for person in group:
                    attach(ctx, sentence, person)
                continue  # "They discussed … They also agreed …": the same persons go on
            elif gathered := group_members(sentence.text, people.values()):
                for person in gathered:  # "Ministers agreed …": the ministers who took part
                    attach(ctx, sentence, person)
                continue
            # a pronoun goes on with the last person named in this paragraph; one opening
            # the paragraph ("She added …", « "…", a-t-il ajouté ») may also go on with the
            # person the paragraph before ended on
            elif ((who := last if last is not None else carried if index == 0 else None)
                  is not None and who.contributions
                  and not _IMPERSONAL.search(sentence.text[:160])
                  and (_PRONOUN_LEAD.match(sentence.text)
                       or _PRONOUN_INCISE.search(sentence.text)
                       or (who is last and _PRONOUN.search(sentence.text[:160])))):
                attach(ctx, sentence, who)
                last = who
            if not mentions:
                group = []  # "They" refers to the subjects of the sentence just before
        carried = last
    for person in people.values():
        ctx.facts.entities[person.key].attrs["tookPart"] = person.took_part


#: A collective subject that names a kind of office and a verb of speech, stance or
#: agreement: "Ministers agreed …", "The leaders reaffirmed …", « Les ministres ont
#: souligné … ». Each group noun goes with the roles of its members.
_GROUP_SUBJECT = re.compile(
    rf"^(?:(?:the|all|both|les|tous les|l['’]ensemble des|the two|les deux)\s+)?"
    rf"(?P<noun>ministers|ministres|leaders|dirigeants|heads of state(?: and government)?|"
    rf"chefs d['’][ée]tat(?: et de gouvernement)?)\b(?![^.;:]{{0,30}}\b(?:of|from|de|des|du)\s+"
    rf"[A-ZÀ-Þ])[^.;:]{{0,60}}?\b(?:{SPEECH_WORD}|agreed|ont convenu|sont convenus|"
    rf"se sont accordés|ont décidé|decided|adopted|ont adopté)\b", re.IGNORECASE)
_MEMBER_ROLE = {
    "minist": re.compile(r"\bminist", re.IGNORECASE),
    "leader": re.compile(r"\b(?:president|présidente?|prime minister|premier ministre|"
                         r"chancell?or|chancelière?|king|roi|queen|reine|emir|émir|sultan|"
                         r"head of (?:state|government)|chef de l['’][ée]tat|"
                         r"chef du gouvernement)\b", re.IGNORECASE),
}


def group_members(text: str, people: Iterable[Person]) -> list[Person]:
    """The persons a collective statement speaks for: those who took part (they have a
    contribution) and whose role is of the group the sentence names ("Ministers agreed …":
    the ministers). A group of a named place ("Ministers from Asia …") is left alone.

    >>> ann = Person("person/ann", "Ann", ["ann"], role="Foreign Minister of Chile",
    ...              contributions=["c"])
    >>> bo = Person("person/bo", "Bo", ["bo"], role="Director", contributions=["d"])
    >>> [p.name for p in group_members("Ministers agreed to cooperate.", [ann, bo])]
    ['Ann']
    >>> group_members("Ministers from Asia agreed to cooperate.", [ann, bo])
    []
    """
    match = _GROUP_SUBJECT.match(text)
    if match is None:
        return []
    noun = match.group("noun").lower()
    role = _MEMBER_ROLE["minist" if noun.startswith("minist") else "leader"]
    return [p for p in people if p.contributions and p.role and role.search(p.role)]


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
_OPEN_QUOTE = re.compile(r"[«“\"]")
_CLOSE_QUOTE = re.compile(r"[»”\"]")


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
    if taking_part(text, start, end):
        return "participation"  # "Joining the panel were X and Y", "X attended", "including X"
    if meets(text, start, end) or led_in(text, start, MEETING_LEADS):
        return "meeting"  # "X met Y", "met with A, Minister, and B" (taking part: above)
    return None


