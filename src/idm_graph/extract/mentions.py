"""Mentions of persons in a sentence, and the index of the persons met so far.

A candidate name comes from a rule (an honorific, a title, an apposition, a speaker label…)
or from the statistical model; its pieces of evidence are weighed by the decision table
(:mod:`idm_graph.extract.decide`). A later mention resolves to a person already met: the
surname alone, a shorter ending of the name, or the role alone (:class:`People`). An explicit
mention records the honorific, the role, the organisation and the country written around it.
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
    member_of_known,
    organisation_of,
    role_after,
    role_before,
    role_head,
)
from idm_graph.extract.context import Context
from idm_graph.extract.decide import Decision, decide, mode
from idm_graph.extract.evidence import (
    FOR,
    gather,
    role_span_before,
)
from idm_graph.extract.gazetteer import (
    countries,
    organisations,
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
    turn_label,
)
from idm_graph.extract.ner import Span, Token
from idm_graph.extract.organisations import body_names, named_by_kind
from idm_graph.extract.person import Person
from idm_graph.text.document import Block, Sentence

__all__ = ["People", "find_mentions"]

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



def find_mentions(ctx: Context, block: Block, sentence: Sentence,
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
        holders = heads[match.group(1) or match.group(2).lower()]
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
                rf"(?!\s+adjoint)|(?i:({bare or '(?!)'}))\b(?!\s+{_QUALIFIED}))")
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
    known = organisations().find(text[body[0] : body[1]]) if body is not None else []
    if body is not None and not known:
        organisation_of(ctx, block, sentence, person, body[0], body[1], role=None)
    elif body is not None and known[0].start == 0 and known[0].end == body[1] - body[0]:
        member_of_known(ctx, block, sentence, person, body[0], known[0])  # "X of the IOM"
    represented = _REPRESENTING.search(text)
    if represented and represented.end() <= name_start + 2:
        organisation_of(ctx, block, sentence, person, represented.start(1),
                         represented.end(1), role=None)
