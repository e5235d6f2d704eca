"""Themes: the SKOS theme scheme (``ontology/themes.ttl``) and tagging of text units.

A theme's ``skos:hiddenLabel`` values are word stems matched at the start of a word,
case-insensitively, so the vocabulary (not the code) decides what a theme covers.

>>> themes_in("Les rapatriements de fonds des migrants et la diaspora")
['theme:diaspora', 'theme:remittances']

Each tag of a resource with a theme is a qualified ``ThemeTag`` fact whose evidence is the term
that triggered it, in its sentence. A term inside an enumeration of services or items
(« … l'épargne, l'assurance, les envois de fonds et les pensions … ») does not make a
contribution's theme: the speaker listed it, they did not speak about it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from idm_graph import keys
from idm_graph.document import fold
from idm_graph.extract.context import Context
from idm_graph.facts import Entity
from idm_graph.resources import ontology_file

__all__ = ["ThemeVocabulary", "extract_themes", "themes_in", "vocabulary"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ThemeVocabulary:
    """Theme keys with their match pattern, the objectives each theme relates to, and their
    preferred labels by language.
    """

    patterns: dict[str, re.Pattern[str]]
    objectives: dict[str, frozenset[int]]
    labels: dict[str, dict[str, str]]

    def related_themes(self, number: int) -> set[str]:
        """Themes the vocabulary relates to GCM objective ``number``."""
        return {key for key, numbers in self.objectives.items() if number in numbers}


@cache
def vocabulary() -> ThemeVocabulary:
    """Read ``themes.ttl`` (once) without rdflib: a light line parser for its fixed layout."""
    text = ontology_file("themes.ttl").read_text(encoding="utf-8")
    patterns: dict[str, re.Pattern[str]] = {}
    objectives: dict[str, frozenset[int]] = {}
    labels: dict[str, dict[str, str]] = {}
    for block in re.split(r"\n(?=theme:[\w-]+ a skos:Concept ;)", text)[1:]:
        key = "theme:" + block.split()[0].split(":", 1)[1]
        hidden = re.search(r"skos:hiddenLabel (.+?)(?: ;| \.)\n", block, re.DOTALL)
        stems = re.findall(r'"([^"]+)"', hidden.group(1)) if hidden else []
        alternatives = "|".join(re.escape(fold(s.lower())) for s in sorted(stems, key=len,
                                                                              reverse=True))
        patterns[key] = re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
        objectives[key] = frozenset(int(n) for n in re.findall(r"gcm:objective-(\d+)", block))
        preferred = re.search(r"skos:prefLabel (.+?) ;\n", block)
        labels[key] = {lang: label for label, lang in re.findall(
            r'"([^"]+)"@(\w+)', preferred.group(1) if preferred else "")}
    return ThemeVocabulary(patterns, objectives, labels)


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


def themes_in(text: str) -> list[str]:
    """Theme keys whose stems occur in ``text``, sorted."""
    folded = fold(text)
    return sorted(key for key, pattern in vocabulary().patterns.items()
                  if pattern.search(folded))


def extract_themes(ctx: Context) -> None:
    """Tag panels, conclusions, points, recommendations and contributions with themes, each
    tag with the term that triggered it as evidence.
    """
    sentences = {s.id: s for s in ctx.doc.sentences()}
    block_index = _SpanIndex([(b, b.span()) for b in ctx.doc.blocks])
    sentence_index = _SpanIndex([(s, s.span()) for s in ctx.doc.sentences()])
    for entity in list(ctx.facts.entities.values()):
        if entity.kind == "Panel":
            places = [(b, b.text) for e in entity.evidence[:1]
                      for b, (b0, b1) in block_index.near(e.start, e.end)
                      if e.start <= b0 < e.end or b0 <= e.start < b1]
        elif entity.kind in ("Conclusion", "ConclusionPoint", "Recommendation"):
            found = {id(s): s for e in entity.evidence
                     for s, (s0, s1) in sentence_index.near(e.start, e.end)
                     if s0 < e.end and e.start < s1}
            places = [(s.block, s.text) for s in sorted(found.values(),
                                                        key=lambda s: s.span())]
        elif entity.kind == "Contribution":
            places = [(sentences[i].block, sentences[i].text)
                      for i in entity.attrs.get("sentences", ()) if i in sentences]
        else:
            continue
        seen: set[str] = set()
        for block, text in places:
            offset = block.text.find(text)
            for theme, match in _matches(text):
                if theme in seen or (entity.kind == "Contribution" and
                                     _in_enumeration(text, match.start(), match.end())):
                    continue
                seen.add(theme)
                evidence = ctx.evidence(block, offset + match.start(), offset + match.end())
                key = keys.theme_tag(entity.key, theme)
                ctx.facts.add(Entity(key, "ThemeTag", attrs={
                    "target": entity.key, "theme": theme, "term": match.group(0),
                    "method": "gazetteer"},
                    evidence=[evidence]))
                ctx.facts.relate(entity.key, "about", theme)


def _matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """(theme, first match) for every theme whose stems occur in ``text``."""
    folded = fold(text)
    out = []
    for key, pattern in sorted(vocabulary().patterns.items()):
        match = pattern.search(folded)
        if match is not None:  # the whole word the stem starts: "remittances", not "remittance"
            whole = re.compile(rf"{re.escape(match.group(0))}[^\W\d_]*", re.IGNORECASE)
            out.append((key, whole.match(folded, match.start()) or match))
    return out


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
