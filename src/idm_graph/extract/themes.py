"""Themes: the SKOS scheme of migration-governance themes (``ontology/themes.ttl``) and the
tagging of text units, matched on lemmas.

A theme's ``skos:hiddenLabel`` values are its terms in English (``@en``) and French (``@fr``).
A term and a sentence are lemmatised by the same spaCy pipeline (the one the document is read
with), articles and punctuation dropped, and a theme is tagged where the sentence's lemmas hold
one of its terms' lemmas in a row: "smugglers" matches the term "smuggler", « réfugiées »
matches « réfugié », "trafficking in persons" its term whatever the inflection. Without the
model (``--no-model``), both sides are reduced the same plain way instead (lower case, a
plural ``s`` or ``x`` dropped).

>>> themes_in("Les rapatriements de fonds des migrants et la diaspora", "fr")
['theme:diaspora', 'theme:remittances']
>>> themes_in("Smugglers exploited migrants at the border.", "en")
['theme:border-management', 'theme:smuggling']
>>> themes_in("Frontex a signalé moins d'entrées irrégulières et plus de débarquements.", "fr")
['theme:border-management', 'theme:irregular-migration', 'theme:missing-migrants']

Each tag is a qualified ``ThemeTag`` fact whose evidence is the term that triggered it, in its
sentence. A term inside an enumeration of services or items (« … l'épargne, l'assurance, les
envois de fonds et les pensions … ») does not make a contribution's theme: the speaker listed
it, they did not speak about it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from idm_graph.core import keys
from idm_graph.core.facts import Entity
from idm_graph.core.resources import ontology_file
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import organisations
from idm_graph.extract.ner import Token, analyse
from idm_graph.extract.organisations import body_names
from idm_graph.text.document import Block, fold

__all__ = ["ThemeVocabulary", "extract_themes", "lemmas", "match_themes", "themes_in",
           "unit_themes", "vocabulary"]

T = TypeVar("T")

#: Articles, dropped from terms and sentences before matching (lemmas, lower case).
_ARTICLES = frozenset("the a an le la les l' l un une".split())


@dataclass(frozen=True, slots=True)
class ThemeVocabulary:
    """Theme keys with their terms by language, the objectives each theme relates to, and
    their preferred labels by language.
    """

    terms: dict[str, dict[str, tuple[str, ...]]]
    objectives: dict[str, frozenset[int]]
    labels: dict[str, dict[str, str]]

    @property
    def patterns(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """The themes and their terms (kept under this name for callers that list keys)."""
        return self.terms

    def related_themes(self, number: int) -> set[str]:
        """Themes the vocabulary relates to GCM objective ``number``."""
        return {key for key, numbers in self.objectives.items() if number in numbers}


@cache
def vocabulary() -> ThemeVocabulary:
    """Read ``themes.ttl`` (once) without rdflib: a light line parser for its fixed layout."""
    text = ontology_file("themes.ttl").read_text(encoding="utf-8")
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    objectives: dict[str, frozenset[int]] = {}
    labels: dict[str, dict[str, str]] = {}
    for block in re.split(r"\n(?=theme:[\w-]+ a skos:Concept ;)", text)[1:]:
        key = "theme:" + block.split()[0].split(":", 1)[1]
        hidden = re.search(r"skos:hiddenLabel (.+?)(?: ;| \.)\n", block, re.DOTALL)
        found: dict[str, list[str]] = {}
        for term, lang in re.findall(r'"((?:[^"\\]|\\.)+)"@(\w+)',
                                     hidden.group(1) if hidden else ""):
            found.setdefault(lang, []).append(term.replace('\\"', '"'))
        terms[key] = {lang: tuple(values) for lang, values in found.items()}
        objectives[key] = frozenset(int(n) for n in re.findall(r"gcm:objective-(\d+)", block))
        preferred = re.search(r"skos:prefLabel (.+?) ;\n", block)
        labels[key] = {lang: label for label, lang in re.findall(
            r'"([^"]+)"@(\w+)', preferred.group(1) if preferred else "")}
    return ThemeVocabulary(terms, objectives, labels)


# ------------------------------------------------------------------------------ lemmas

def _plain(word: str) -> str:
    """A word reduced the plain way (without a model): lower case, a plural dropped."""
    word = fold(word).lower()
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def _plain_tokens(text: str) -> list[Token]:
    """Tokens of ``text`` with plain lemmas (``l'homme`` → ``l'``, ``homme``)."""
    tokens = []
    for match in re.finditer(r"[^\W_]+['’]?", text):
        word = match.group(0)
        tokens.append(Token(match.start(), match.end(), _plain(word).replace("’", "'"), ""))
    return tokens


def _keep(token: Token) -> bool:
    lemma = token.lemma.replace("’", "'")
    return bool(lemma) and lemma not in _ARTICLES and token.pos not in ("DET", "PUNCT", "SPACE") \
        and any(c.isalnum() for c in lemma)


Forms = frozenset[str]


def lemmas(tokens: Sequence[Token], text: str) -> list[tuple[Forms, Token]]:
    """The forms a match compares, with their tokens: each token's lemma and its own
    spelling (lower case, typographic apostrophes made plain: a tagger may read "smuggling"
    as a noun in a term and a verb in a sentence), articles and punctuation dropped.
    """
    out = []
    for token in tokens:
        if _keep(token):
            surface = fold(text[token.start : token.end]).lower()
            out.append((frozenset({fold(token.lemma).lower(), surface, _plain(surface)}), token))
    return out


@cache
def _index(lang: str, model: bool) -> dict[str, list[tuple[tuple[Forms, ...], str, str]]]:
    """Every term of ``lang`` as its sequence of forms, indexed by each form of its first
    word: ``form → [(forms, theme, term)]``, longest first.
    """
    found: list[tuple[str, str]] = [(theme, term) for theme, by_lang in
                                    sorted(vocabulary().terms.items())
                                    for term in by_lang.get(lang, ())]
    analysed = analyse([(str(i), term) for i, (_, term) in enumerate(found)], lang) \
        if model else {}
    index: dict[str, list[tuple[tuple[Forms, ...], str, str]]] = {}
    for i, (theme, term) in enumerate(found):
        reading = analysed.get(str(i))
        tokens = list(reading.tokens) if reading is not None else _plain_tokens(term)
        sequence = tuple(forms for forms, _ in lemmas(tokens, term))
        if sequence:
            for form in sequence[0]:
                index.setdefault(form, []).append((sequence, theme, term))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def match_themes(tokens: Sequence[Token], text: str, lang: str, *, model: bool,
                 skip: Sequence[tuple[int, int]] = ()) -> list[tuple[str, int, int, str]]:
    """``(theme, start, end, term)`` for the first occurrence of each theme whose term's
    words occur in a row among ``tokens`` of ``text`` (by lemma or spelling), outside the
    spans of ``skip`` (names of persons and organisations: "Harbour Refugee Council" is not
    about refugees) unless the name is the term ("the Global Compact"). ``model``: the
    tokens' lemmas are the model's (else plain).
    """
    index = _index(lang, model)
    words = lemmas(tokens, text)
    hits: list[tuple[str, int, int, str]] = []
    for i, (forms, _) in enumerate(words):
        candidates = {id(entry): entry for form in forms for entry in index.get(form, ())}
        for terms, theme, term in candidates.values():
            window = words[i : i + len(terms)]
            if len(window) == len(terms) and all(a & b for a, (b, _) in zip(terms, window,
                                                                             strict=True)):
                hits.append((theme, words[i][1].start, words[i + len(terms) - 1][1].end, term))
    # a term inside a longer term of another theme is part of it: « rapatriement » (return)
    # inside « rapatriement de fonds » (remittances)
    kept = [h for h in hits if not any(o[0] != h[0] and o[1] <= h[1] and h[2] <= o[2]
                                       and o[2] - o[1] > h[2] - h[1] for o in hits)]
    # a term inside a name is part of the name ("Harbour Refugee Council"), unless the name
    # is the term itself: "the Global Compact", « le Pacte mondial » name their theme
    kept = [h for h in kept if not any(a < h[2] and h[1] < b and not _is_term(text, a, b, h)
                                       for a, b in skip)]
    kept = [h for h in kept if not _other_sense(h[0], text, h[1], h[2])
            and not _in_proper_name(text, h[1])]
    seen: dict[str, tuple[str, int, int, str]] = {}
    for hit in sorted(kept, key=lambda hit: (hit[1], -hit[2], hit[0])):
        seen.setdefault(hit[0], hit)
    return sorted(seen.values(), key=lambda hit: (hit[1], hit[0]))


#: Words that give a term another sense than its theme's: the trafficking or smuggling of
#: drugs, arms or goods is not the trafficking in persons or the smuggling of migrants.
#: An objective of the Compact cited by its number ("objective 19 of the Global Compact",
#: « l'objectif 20 du Pacte mondial ») is the objective's subject, not the Compact's review.
_GOODS = re.compile(r"\b(?:drugs?|narcotics?|fentanyl|cocaine|heroin|opioids?|weapons?|arms|"
                    r"guns?|firearms?|goods|cigarettes?|wildlife|oil|fuel|drogues?|"
                    r"stupéfiants?|armes?|marchandises?|cigarettes?|carburant)\b", re.IGNORECASE)
_OTHER_SENSE: dict[str, re.Pattern[str]] = {
    "theme:trafficking": _GOODS, "theme:smuggling": _GOODS,
    "theme:gcm-review": re.compile(
        r"\bobjecti(?:f|fs|ve|ves)\s+\d+(?:\s*(?:,|et|and)\s*\d+)*\s+(?:du|of the)\s+"
        r"(?:Pacte|Global Compact)", re.IGNORECASE)}


_CONNECTOR = frozenset(
    "and for of the on to in at & et de des du d' la le l' les pour aux au".split())


def _is_term(text: str, start: int, end: int, hit: tuple[str, int, int, str]) -> bool:
    """Whether the name ``text[start:end]`` is no more than the term ``hit`` matched (an
    article before it aside).

    >>> text = "at which the Global Compact will be adopted"
    >>> _is_term(text, 9, 27, ("theme:gcm", 13, 27, "Global Compact"))
    True
    >>> text = "the Harbour Refugee Council said"
    >>> _is_term(text, 4, 27, ("theme:refugees", 12, 19, "refugee"))
    False
    """
    name = re.sub(r"^(?:(?:the|le|la|les)\s+|l['’]\s*)", "", text[start:end],
                  flags=re.IGNORECASE)  # an article, not a word's start
    start = end - len(name)
    return hit[1] <= start and end <= hit[2]


def _in_proper_name(text: str, start: int) -> bool:
    """Whether a term written with a capital is part of a proper name or a title, after
    other capitalised words ("Minister for Immigration and Citizenship", "High Commissioner
    for Refugees"): a name, not something said about the theme.

    >>> _in_proper_name("the Minister for Immigration and Citizenship", 33)
    True
    >>> _in_proper_name("He praised the Global Compact", 15)
    False
    """
    if not text[start : start + 1].isupper():
        return False
    words = re.findall(r"[\w'’&-]+", text[max(0, start - 80) : start])
    while words and fold(words[-1]).lower() in _CONNECTOR:
        words.pop()
    return bool(words) and words[-1][:1].isupper() and not re.search(
        r"[.!?:;»”]\s*$", text[max(0, start - 80) : start])


def _other_sense(theme: str, text: str, start: int, end: int) -> bool:
    """Whether the words around a term give it another sense than its theme's."""
    pattern = _OTHER_SENSE.get(theme)
    return pattern is not None and bool(pattern.search(text[max(0, start - 30) : end + 60]))


def themes_in(text: str, lang: str) -> list[str]:
    """Theme keys whose terms occur in ``text``, sorted (the model's lemmas when it is on)."""
    reading = analyse([("t", text)], lang).get("t")
    tokens = reading.tokens if reading is not None else tuple(_plain_tokens(text))
    return sorted({hit[0] for hit in match_themes(tokens, text, lang,
                                                  model=reading is not None)})


# ------------------------------------------------------------------------------ tagging

class _SpanIndex(Generic[T]):
    """Units (blocks or sentences) in document order, found by offset in logarithmic time
    (a scan of every unit per tagged entity made theme tagging quadratic in the text).
    """

    def __init__(self, units: list[tuple[T, tuple[int, int]]]) -> None:
        self.units = units
        self.starts = [span[0] for _, span in units]
        self.ends = [span[1] for _, span in units]

    def near(self, start: int, end: int) -> list[tuple[T, tuple[int, int]]]:
        """The units whose span may meet ``[start, end]`` (callers apply the exact test)."""
        low = bisect.bisect_left(self.ends, start)
        high = bisect.bisect_right(self.starts, end)
        return self.units[low:high]


def unit_themes(ctx: Context, block: Block, start: int, end: int) -> \
        list[tuple[str, int, int, str]]:
    """Themes of ``block.text[start:end]``: ``(theme, start, end, term)`` in block offsets."""
    model = ctx.model(block)
    if model is not None:
        tokens: Sequence[Token] = [t for t in model.tokens if start <= t.start and t.end <= end]
    else:
        tokens = [Token(t.start + start, t.end + start, t.lemma, t.pos)
                  for t in _plain_tokens(block.text[start:end])]
    names = [(s.start, s.end) for s in (model.spans if model is not None else ())
             if s.label in ("PER", "ORG")]
    names += ctx.name_spans.get(block.id, [])
    names += ctx.title_spans.get(block.id, [])  # "Minister for Immigration and Citizenship"
    names += [(m.start, m.end) for m in organisations().find(block.text)]
    names += body_names(block.text, ctx.doc.language)
    return match_themes(tokens, block.text, ctx.doc.language, model=model is not None,
                        skip=names)


def extract_themes(ctx: Context) -> None:
    """Tag panels, conclusions, points, recommendations and contributions with themes, each
    tag with the term that triggered it as evidence.
    """
    sentences = {s.id: s for s in ctx.doc.sentences()}
    block_index = _SpanIndex([(b, b.span()) for b in ctx.doc.blocks])
    sentence_index = _SpanIndex([(s, s.span()) for s in ctx.doc.sentences()])
    for entity in list(ctx.facts.entities.values()):
        if entity.kind == "Panel":
            places = [(b, 0, len(b.text)) for e in entity.evidence[:1]
                      for b, (b0, b1) in block_index.near(e.start, e.end)
                      if e.start <= b0 < e.end or b0 <= e.start < b1]
        elif entity.kind in ("Conclusion", "ConclusionPoint", "Recommendation"):
            found = {id(s): s for e in entity.evidence
                     for s, (s0, s1) in sentence_index.near(e.start, e.end)
                     if s0 < e.end and e.start < s1}
            places = [(s.block, s.start, s.end) for s in sorted(found.values(),
                                                                key=lambda s: s.span())]
        elif entity.kind == "Contribution":
            places = [(sentences[i].block, sentences[i].start, sentences[i].end)
                      for i in entity.attrs.get("sentences", ()) if i in sentences]
        else:
            continue
        seen: set[str] = set()
        for block, start, end in places:
            for theme, a, b, _term in unit_themes(ctx, block, start, end):
                if theme in seen or (entity.kind == "Contribution" and _in_enumeration(
                        block.text[start:end], a - start, b - start)):
                    continue
                seen.add(theme)
                key = keys.theme_tag(entity.key, theme)
                ctx.facts.add(Entity(key, "ThemeTag", attrs={
                    "target": entity.key, "theme": theme, "term": block.text[a:b],
                    "method": "gazetteer"},
                    evidence=[ctx.evidence(block, a, b)]))
                ctx.facts.relate(entity.key, "about", theme)


def _in_enumeration(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one item of a list of three or more short items.

    >>> text = "It offers loans, savings, insurance, remittances and pensions to migrants."
    >>> _in_enumeration(text, text.index("remittances"), text.index(" and pensions"))
    True
    >>> text = "He stressed that remittances remain costly, and urged action."
    >>> _in_enumeration(text, text.index("remittances"), text.index(" remain"))
    False
    """
    left = text.rfind(",", 0, start)
    if left < 0 or len(text[left + 1 : start].split()) > 5:
        return False  # not right after a comma: not an item of a list
    before = text[:left].split(",")
    if len(before) < 3:
        return False
    items = [item.split() for item in before[-2:]]
    return all(0 < len(item) <= 8 for item in items)
