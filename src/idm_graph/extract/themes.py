"""Themes: the SKOS theme scheme (``ontology/themes.ttl``) and tagging of text units.

A theme's ``skos:hiddenLabel`` values are word stems matched at the start of a word,
case-insensitively, so the vocabulary (not the code) decides what a theme covers.

>>> themes_in("Les rapatriements de fonds des migrants et la diaspora")
['theme:diaspora', 'theme:remittances-financial-inclusion']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from idm_graph.document import fold
from idm_graph.extract.context import Context
from idm_graph.resources import ontology_file

__all__ = ["ThemeVocabulary", "extract_themes", "themes_in", "vocabulary"]


@dataclass(frozen=True, slots=True)
class ThemeVocabulary:
    """Theme keys with their match pattern, and the objectives each theme relates to."""

    patterns: dict[str, re.Pattern[str]]
    objectives: dict[str, frozenset[int]]

    def related_themes(self, number: int) -> set[str]:
        """Themes the vocabulary relates to GCM objective ``number``."""
        return {key for key, numbers in self.objectives.items() if number in numbers}


@cache
def vocabulary() -> ThemeVocabulary:
    """Read ``themes.ttl`` (once) without rdflib: a light line parser for its fixed layout."""
    text = ontology_file("themes.ttl").read_text(encoding="utf-8")
    patterns: dict[str, re.Pattern[str]] = {}
    objectives: dict[str, frozenset[int]] = {}
    for block in re.split(r"\n(?=theme:[\w-]+ a skos:Concept ;)", text)[1:]:
        key = "theme:" + block.split()[0].split(":", 1)[1]
        hidden = re.search(r"skos:hiddenLabel (.+?)(?: ;| \.)\n", block, re.DOTALL)
        stems = re.findall(r'"([^"]+)"', hidden.group(1)) if hidden else []
        alternatives = "|".join(re.escape(fold(s.lower())) for s in sorted(stems, key=len,
                                                                              reverse=True))
        patterns[key] = re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
        objectives[key] = frozenset(int(n) for n in re.findall(r"gcm:objective-(\d+)", block))
    return ThemeVocabulary(patterns, objectives)


def themes_in(text: str) -> list[str]:
    """Theme keys whose stems occur in ``text``, sorted."""
    folded = fold(text)
    return sorted(key for key, pattern in vocabulary().patterns.items()
                  if pattern.search(folded))


def extract_themes(ctx: Context) -> None:
    """Tag panels, conclusions, points, recommendations and contributions with themes."""
    sentences = {s.id: s for s in ctx.doc.sentences()}
    for entity in list(ctx.facts.entities.values()):
        if entity.kind == "Panel":
            text = next(iter(entity.labels.values()))
        elif entity.kind in ("Conclusion", "ConclusionPoint", "Recommendation"):
            text = entity.attrs.get("text", "")
        elif entity.kind == "Contribution":
            text = entity.attrs.get("description") or " ".join(
                sentences[s].text for s in entity.attrs.get("sentences", ()) if s in sentences)
        else:
            continue
        for theme in themes_in(text):
            ctx.facts.relate(entity.key, "about", theme)
