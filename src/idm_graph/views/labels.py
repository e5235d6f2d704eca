"""Labels cut to fit a drawing or a table: at a word boundary, and kept distinct.

>>> short("Organisation internationale pour les migrations", limit=30)
'Organisation internationale…'
"""

from __future__ import annotations

from collections import Counter

__all__ = ["short", "short_labels"]


def short(label: str, limit: int = 48, tail: int = 16, *, middle: bool = False) -> str:
    """A label of at most ``limit`` characters, cut at a word boundary: at the end, or in the
    middle with ``middle`` (names that differ only at the end stay apart: sessions of one
    series). The whole label is in the node's tooltip and the details panel.

    >>> short("19. Créer les conditions permettant aux migrants et aux diasporas de "
    ...        "contribuer pleinement au développement durable dans tous les pays")
    '19. Créer les conditions permettant aux…'
    >>> short("Session 1 of the International Dialogue on Migration 1980", middle=True)
    'Session 1 of the International… Migration 1980'
    """
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    if not middle:
        return _words(label[: limit - 1]) + "…"
    end = label[-tail:]
    end = end[end.find(" ") + 1 :] if " " in end[:-1] else end
    return _words(label[: limit - 2 - len(end)]) + "… " + end


def _words(text: str) -> str:
    """``text`` without the word its end cuts through (unless that leaves too little)."""
    cut = text.rsplit(" ", 1)[0] if " " in text and not text.endswith(" ") else text
    if len(cut) < len(text) // 2:
        cut = text
    return cut.rstrip(" ,;:–—-(")


def short_labels(labels: dict[str, str], limit: int = 48) -> dict[str, str]:
    """Each label cut at its end, or in its middle where two cut at the end would read the
    same (« Session 1 of the International Dialogue … » of 1980 and of 1981).

    >>> sorted(short_labels({"a": "Seconde session du Dialogue international sur la "
    ...                           "migration 2021", "b": "Seconde session du Dialogue "
    ...                           "international sur la migration 2021 (document)"},
    ...                     limit=40).values())
    ['Seconde session du… 2021 (document)', 'Seconde session du… migration 2021']
    """
    ends = {node: short(label, limit) for node, label in labels.items()}
    seen = Counter(ends.values())
    return {node: short(labels[node], limit, middle=True) if seen[ends[node]] > 1
            else ends[node] for node in labels}
