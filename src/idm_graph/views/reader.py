"""The evidence reader: a document's text with every annotated span highlighted by the kind
of what it is evidence for, linked both ways with the graph views.

Clicking a span lists the facts it is evidence for, each with a link that opens the node in
the full view (``full.html#node=ID``); the views' details panel links each quote back here
(``text-KEY.html#node=ID&at=START``), which highlights every span of that node and scrolls
to the quote. The page is one offline file; the text is inserted as text nodes, never parsed
as HTML.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from idm_graph.core import keys
from idm_graph.core.resources import package_file
from idm_graph.core.sources import DataSource, table
from idm_graph.core.vocab import BASE, IDM, iri, slug
from idm_graph.graph.export import write_atomic
from idm_graph.querying.sparql import query
from idm_graph.text.document import Document

__all__ = ["reader_file", "segments", "write_reader"]

_WORDS = {
    "fr": {"title": "Texte annoté", "facts": "Ce passage est la preuve de", "open": "ouvrir "
           "dans le graphe", "hint": "Cliquez sur un passage surligné pour voir ce qu'il "
           "établit.", "explicit": "explicite", "curated": "curation", "none": "Aucun fait "
           "n'est tiré de ce passage.", "found": "passages de", "legend": "Surligner"},
    "en": {"title": "Annotated text", "facts": "This passage is evidence for", "open": "open "
           "in the graph", "hint": "Click a highlighted passage to see what it establishes.",
           "explicit": "explicit", "curated": "curated", "none": "No fact is drawn from this "
           "passage.", "found": "passages of", "legend": "Highlight"},
}
#: The kinds highlighted when the reader opens: who and what a researcher looks for. Themes,
#: contributions, conclusions and the like cover whole sentences; the reader ticks them on.
SHOWN = ("Person", "Delegation", "Organization", "Country", "Objective")


def reader_file(document_key: str) -> str:
    """The file name of a document's evidence reader.

    >>> reader_file("idm-2021-s2.fr")
    'text-idm-2021-s2-fr.html'
    """
    return f"text-{slug(document_key)}.html"


def segments(length: int, spans: list[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """Cut ``[0, length)`` at every span boundary: ``(start, end, covering span indices)``.

    >>> segments(10, [(2, 6), (4, 8)])
    [(0, 2, []), (2, 4, [0]), (4, 6, [0, 1]), (6, 8, [1]), (8, 10, [])]
    """
    cuts = sorted({0, length, *(s for s, _ in spans), *(e for _, e in spans)})
    cuts = [c for c in cuts if 0 <= c <= length]
    covering: list[list[int]] = [[] for _ in cuts[:-1]]
    for index, (start, end) in enumerate(spans):
        first = bisect.bisect_left(cuts, start)
        last = bisect.bisect_left(cuts, end)
        for piece in range(first, last):
            covering[piece].append(index)
    return [(cuts[i], cuts[i + 1], covering[i]) for i in range(len(cuts) - 1)]


def _reader_kind(types: set[str]) -> str | None:
    """A passage that tags a theme is a theme's, one that links an objective an objective's.

    >>> _reader_kind({"https://w3id.org/idm-graph/ontology#ThemeTag"})
    'Theme'
    """
    for cls, kind in ((IDM.ThemeTag, "Theme"), (IDM.ObjectiveLink, "Objective")):
        if str(cls) in types:
            return kind
    return None


def _legend(annotations: list[dict[str, Any]]) -> list[list[Any]]:
    """``[kind, its name, colour, passages]`` per kind, the kinds shown first.

    >>> _legend([{"type": "Theme", "type_label": "theme", "color": "#5"},
    ...          {"type": "Person", "type_label": "person", "color": "#2"},
    ...          {"type": "Person", "type_label": "person", "color": "#2"}])
    [['Person', 'person', '#2', 2], ['Theme', 'theme', '#5', 1]]
    """
    counts: dict[tuple[str, str, str], int] = {}
    for a in annotations:
        key = (a["type"], a["type_label"], a["color"])
        counts[key] = counts.get(key, 0) + 1
    order = {kind: index for index, kind in enumerate(SHOWN)}
    return [[*key, count] for key, count in sorted(
        counts.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1]))]


def write_reader(data: DataSource, document: Document, directory: Path, *, lang: str = "fr",
                 base: str = BASE) -> Path:
    """Write the evidence reader of ``document`` (its annotations read from ``data``)."""
    from markupsafe import Markup

    from idm_graph.views.project import collect_kind, display_type, short_id, view_queries
    from idm_graph.views.render import COLOURS, page_json, type_label

    source = iri(keys.source(slug(document.key)), base)
    rows = table(query(data, "document-annotations", {"source": source},
                       queries=view_queries()), "evidence reader").rows
    found: dict[tuple[str, int, int], dict[str, Any]] = {}
    for row in rows:
        node = str(row["node"])
        key = (node, int(str(row["start"])), int(str(row["end"])))
        entry = found.setdefault(key, {"node": node, "basis": str(row["basis"]),
                                       "types": set(), "schemes": set(), "labels": {}})
        collect_kind(entry, row)
    annotations = []
    for (node, start, end), entry in sorted(found.items(), key=lambda kv: (kv[0][1], kv[0][2],
                                                                            kv[0][0])):
        kind = _reader_kind(entry["types"]) or display_type(entry["types"], entry["schemes"])
        labels = entry["labels"]
        annotations.append({
            "id": short_id(node, base), "start": start, "end": end, "basis": entry["basis"],
            "type": kind, "type_label": type_label(kind, lang),
            "color": COLOURS.get(kind, ("#9aa5b1",))[0],
            "label": labels.get(lang) or labels.get("") or next(iter(labels.values()), "")
            or short_id(node, base)})
    pieces = segments(len(document.text), [(a["start"], a["end"]) for a in annotations])
    data_json = {"segments": [[document.text[s:e], cover] for s, e, cover in pieces],
                 "annotations": annotations, "words": _WORDS.get(lang, _WORDS["en"]),
                 "legend": _legend(annotations), "shown": list(SHOWN)}
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(package_file("views", "templates"))),
                      autoescape=True)
    words = _WORDS.get(lang, _WORDS["en"])
    page = env.get_template("text.html").render(
        lang=lang, title=f"{words['title']} — {document.key}", hint=words["hint"],
        data_json=Markup(page_json(data_json)))  # noqa: S704 - JSON escaped for <script>
    path = directory / reader_file(document.key)
    write_atomic(path, page.encode("utf-8"))
    return path
