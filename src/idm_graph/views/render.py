"""Render a projected view as one self-contained, offline HTML page with pyvis.

pyvis 0.3.2 is used for what it does well (the network's nodes, edges and vis.js options,
and ``generate_html`` through a Jinja template), never ``show()`` or ``write_html()``: our
template inlines vis-network from pyvis's own bundled copy, so the page makes no network
request, and it builds every tooltip from text nodes (labels and quotes are never parsed as
HTML). Node data is embedded as JSON with ``<``, ``>`` and ``&`` escaped.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x", label="<img src=x onerror=alert(1)>", type="Person", short_id="x",
...            evidence=0, role="", organisation="", quote="",
...            label_fr="<img src=x onerror=alert(1)>", label_en="<b>")
>>> html = render_html(g, title="t", description="d")
>>> "<img src=x" in html, "\\\\u003cimg src=x" in html
(False, True)
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from idm_graph.core.resources import package_file
from idm_graph.core.sources import DataSource
from idm_graph.core.vocab import kind_labels
from idm_graph.graph.export import write_atomic
from idm_graph.views.labels import short_labels
from idm_graph.views.project import project, view_description, view_empty

__all__ = ["COLOURS", "MAX_SCALE", "PHYSICS_LIMIT", "page_json", "render_html", "type_label",
           "write_view"]

#: Above this many nodes, physics is off and the NetworkX layout is used as is.
PHYSICS_LIMIT = 300

COLOURS: dict[str, tuple[str, str, str]] = {  # type → (colour, shape, legend label)
    "Person": ("#2f80ed", "dot", "person"),
    "Delegation": ("#eb5757", "diamond", "delegation (State)"),
    "Organization": ("#f2994a", "square", "organisation"),
    "Country": ("#27ae60", "triangle", "country"),
    "Session": ("#333333", "star", "session"),
    "Panel": ("#9b51e0", "hexagon", "panel"),
    "Opening": ("#6c5ce7", "hexagon", "opening"),
    "Closing": ("#6c5ce7", "hexagon", "closing"),
    "Event": ("#a29bfe", "hexagon", "other event"),
    "Theme": ("#56ccf2", "ellipse", "theme"),
    "Objective": ("#f2c94c", "star", "GCM objective"),
    "Conclusion": ("#219653", "box", "conclusion"),
    "ConclusionPoint": ("#6fcf97", "dot", "conclusion point"),
    "Recommendation": ("#bb6bd9", "triangleDown", "recommendation"),
    "Contribution": ("#828282", "dot", "contribution"),
    "ObjectiveLink": ("#bdbdbd", "dot", "objective link"),
    "Membership": ("#bdbdbd", "dot", "membership"),
}
_DEFAULT = ("#9aa5b1", "dot", "other")
_TEXT = {
    "fr": {"search": "Rechercher", "nodes": "nœuds", "edges": "liens", "role": "Rôle",
           "organisation": "Organisation", "type": "Type", "evidence": "Preuves",
           "explicit": "lien explicite", "curated": "lien ajouté (curation)",
           "vocabulary": "correspondance du vocabulaire", "sentence": "phrase",
           "show_in_text": "voir dans le texte", "close": "fermer", "title": "Titre",
           "nothing": "Rien à dessiner."},
    "en": {"search": "Search", "nodes": "nodes", "edges": "edges", "role": "Role",
           "organisation": "Organisation", "type": "Type", "evidence": "Evidence",
           "explicit": "explicit link", "curated": "curated link",
           "vocabulary": "vocabulary mapping", "sentence": "sentence",
           "show_in_text": "show in text", "close": "close", "title": "Title",
           "nothing": "Nothing to draw."},
}
#: Type names in French (the English ones are the legend labels of COLOURS).
_TYPES_FR = {
    "Person": "personne", "Delegation": "délégation (État)", "Organization": "organisation",
    "Country": "pays", "Session": "session", "Panel": "panel", "Opening": "ouverture",
    "Closing": "clôture", "Event": "autre événement", "Theme": "thème",
    "Objective": "objectif du Pacte mondial", "Conclusion": "conclusion",
    "ConclusionPoint": "point de conclusion", "Recommendation": "recommandation",
    "Contribution": "contribution", "ObjectiveLink": "lien à un objectif",
    "Membership": "appartenance", "Resource": "autre", "Concept": "concept",
}
#: Link kinds, as the views' filters and the details panel name them.
_KINDS = {
    "schema:about": ("porte sur", "is about"), "schema:agent": ("par", "by"),
    "idm:linkedResource": ("lie", "links"), "idm:relatedObjective": ("sert l'objectif",
                                                                     "serves objective"),
    "skos:related": ("apparenté", "related"),
    "schema:performerIn": ("a participé à", "took part in"), "schema:performer": ("intervenant",
                                                                   "performer"),
    "schema:location": ("lieu", "location"), "schema:isPartOf": ("fait partie de",
                                                                 "is part of"),
    "org:subOrganizationOf": ("relève de", "part of organisation"),
    "org:memberOf": ("membre de", "member of"), "idm:forCountry": ("pour le pays",
                                                                   "for country"),
    "idm:country": ("a pour pays", "has country"),  # never the node type's « pays »
    "idm:atEvent": ("à l'événement", "at event"),
    "idm:objective": ("objectif", "objective"), "schema:superEvent": ("dans", "part of event"),
    "org:organization": ("organisation", "organisation"), "org:member": ("membre", "member"),
    "schema:organizer": ("organisé par", "organised by"),
    "idm:curatedEvent": ("événement (curation)", "event (curated)"),
}
#: The largest starting zoom. A view opens fitted to the window (nothing clipped; on a large
#: graph the labels are small until the user zooms in), but a view of a handful of nodes is
#: not blown up past this.
MAX_SCALE = 1.2
#: Evidence quotes shown per node in the details panel.
_EVIDENCE_SHOWN = 60


@cache
def _asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        encoding="utf-8")


def page_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (``<``, ``>``, ``&`` and line separators
    escaped).
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(graph.to_undirected())
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(simple.nodes))
    ordered.add_edges_from(sorted(tuple(sorted(e)) for e in simple.edges))
    positions = nx.spring_layout(ordered, seed=42, iterations=60)
    scale = 60 * math.sqrt(max(graph.number_of_nodes(), 1))
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for n, (x, y) in positions.items()}


#: Horizontal distance between the columns of a ``columns`` layout.
_COLUMN_GAP = 520.0


def _columns_spec(spec: str) -> tuple[dict[str, int], int | None, int]:
    """A view's ``# layout: columns A B / C / D`` read as (column of each type, column of
    the other types — the one holding ``*`` —, number of columns).

    >>> _columns_spec("columns * / Objective / Theme")
    ({'Objective': 1, 'Theme': 2}, 0, 3)
    """
    sides: dict[str, int] = {}
    default = None
    columns = spec.removeprefix("columns").split("/")
    for index, column in enumerate(columns):
        for kind in column.split():
            if kind == "*":
                default = index
            else:
                sides[kind] = index
    return sides, default, len(columns)




def _group(attrs: dict[str, Any]) -> str:
    """The legend group of a node: its type, or one "other" group for every type the views
    have no colour for (the legend listed three "other (1)" entries).
    """
    kind = str(attrs.get("type", "Resource"))
    return kind if kind in COLOURS else "Resource"


def _in_columns(graph: nx.MultiDiGraph, lang: str, spec: str,
                highlight: frozenset[str]) -> dict[str, tuple[float, float]] | None:
    """Columns as the view's ``# layout: columns …`` says (see :func:`_columns_spec`), each
    in type and label order (objectives by number, events by date): a picture that reads
    left to right with no overlapping label. A node of a type no column takes, with no ``*``
    column, means no columns (``None``). A shorter column is spread over the height of the
    tallest, and highlighted nodes (drawn larger) get twice the room above and below.
    """
    sides, default, count = _columns_spec(spec)
    columns: dict[int, list[str]] = {index: [] for index in range(count)}
    for node, attrs in graph.nodes(data=True):
        side = sides.get(attrs.get("type", ""), default)
        if side is None:
            return None
        columns[side].append(node)

    def order(node: str) -> tuple[str, int, str, str]:
        """Type; objectives and panels by number (a panel's day, when only some panels
        state one, must not move it behind the others); then date and label.
        """
        attrs = graph.nodes[node]
        numbered = re.search(r"(\d+)$", node) if attrs.get("type") in ("Objective",
                                                                       "Panel") else None
        return (str(attrs.get("type", "")), int(numbered.group(1)) if numbered else 0,
                str(attrs.get("date", "")), str(attrs.get(f"label_{lang}") or node).casefold())

    positions: dict[str, tuple[float, float]] = {}
    tallest = max(len(column) for column in columns.values())
    for side, nodes in columns.items():
        nodes.sort(key=order)
        step = max(_ROW, _ROW * tallest / max(len(nodes), 1))
        gaps = [step * (2.0 if {a, b} & highlight else 1.0) for a, b in itertools.pairwise(nodes)]
        y = -sum(gaps) / 2
        x = (side - (count - 1) / 2) * _COLUMN_GAP
        for index, node in enumerate(nodes):
            positions[node] = (x, round(y, 1))
            y += gaps[index] if index < len(gaps) else 0.0
    return positions


#: Stages of the layered picture (the full and actors views), left to right: who they are
#: for, memberships, who spoke, what they said, where, on what, what was concluded and
#: recommended, the links to objectives, the objectives. Other types go with the events.
_STAGES = {"Organization": 0, "Country": 0, "Membership": 1, "Person": 2, "Delegation": 2,
           "Contribution": 3, "Session": 4, "Opening": 4, "Closing": 4, "Panel": 4,
           "Event": 4, "Theme": 5, "Conclusion": 6, "ConclusionPoint": 6,
           "Recommendation": 7, "ObjectiveLink": 8, "Objective": 9}
_OTHER_STAGE = 4
#: Rows of a layered column before it wraps into a further column.
_ROWS = 36
_ROW = 52.0
#: Width of one character of a 15 px label, for spacing the columns.
_CHAR = 8.0


def _layered(graph: nx.MultiDiGraph,
             label_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Columns by stage (:data:`_STAGES`), each wide enough for its longest label and
    wrapped every :data:`_ROWS` rows; within a column, nodes are ordered by the mean row of
    their neighbours (four sweeps of the barycentre heuristic, from type and label order),
    which keeps most links short and uncrossed. Linear in the graph's size, unlike a force
    layout, and the same picture every time.
    """
    stages: dict[int, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        stages.setdefault(_STAGES.get(str(attrs.get("type", "")), _OTHER_STAGE), []).append(node)
    for nodes in stages.values():
        nodes.sort(key=_by_type_and_label(graph, label_of))
    rank = {n: float(i) / max(len(nodes) - 1, 1) for nodes in stages.values()
            for i, n in enumerate(nodes)}
    neighbours = {n: sorted(set(graph.predecessors(n)) | set(graph.successors(n)))
                  for n in graph.nodes}
    order = sorted(stages)
    for sweep in range(4):
        for stage in (order if sweep % 2 == 0 else reversed(order)):
            nodes = stages[stage]
            nodes.sort(key=lambda n: (sum(rank[m] for m in neighbours[n]) / len(neighbours[n])
                                      if neighbours[n] else rank[n], rank[n], n))
            rank.update({n: float(i) / max(len(nodes) - 1, 1) for i, n in enumerate(nodes)})
    positions: dict[str, tuple[float, float]] = {}
    x, previous = 0.0, None  # previous: half the widest label of the column before
    for stage in order:
        x, previous = _wrapped(stages[stage], label_of, positions, x, previous)
    return positions


def _wrapped(nodes: list[str], label_of: dict[str, str],
             positions: dict[str, tuple[float, float]], x: float, previous: float | None,
             sign: float = 1.0) -> tuple[float, float | None]:
    """Place ``nodes`` in columns of :data:`_ROWS` rows going away from ``x`` (rightwards,
    or leftwards with ``sign`` -1), each column as far from the one before as half their
    widest labels (``previous``: half the widest label before; ``None``: the first column
    stands at ``x``). Returns the last column's ``x`` and half its widest label.
    """
    for start in range(0, len(nodes), _ROWS):
        chunk = nodes[start : start + _ROWS]
        half = max(len(label_of[n]) for n in chunk) * _CHAR / 2 + 24.0
        x += previous + half if previous is not None else 0.0
        previous = half
        top = -(len(chunk) - 1) * _ROW / 2
        for index, node in enumerate(chunk):
            positions[node] = (round(sign * x, 1), round(top + index * _ROW, 1))
    return x, previous


def _by_type_and_label(graph: nx.MultiDiGraph, label_of: dict[str, str]) -> Any:
    """Sort key: type, then label (case ignored), then id."""
    return lambda n: (str(graph.nodes[n].get("type", "")), label_of[n].casefold(), n)


def _ego(graph: nx.MultiDiGraph, label_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    """The ego view in columns: what links to the focus on its left, what it links to on its
    right (each in type and label order, wrapped every :data:`_ROWS` rows), and what those
    contributions and memberships lead to (a speaker's themes, events, objectives, their
    organisation) one column further out on the same side.
    """
    focus = str(graph.graph.get("focus", ""))
    if focus not in graph:
        return {}
    into = {n for n in graph.predecessors(focus) if n != focus}
    sides = [sorted(into), sorted(set(graph.successors(focus)) - into - {focus})]
    positions = {focus: (0.0, 0.0)}
    ends: list[tuple[float, float | None]] = []
    for sign, nodes in zip((-1.0, 1.0), sides, strict=True):
        nodes.sort(key=_by_type_and_label(graph, label_of))
        ends.append(_wrapped(nodes, label_of, positions, 0.0,
                             len(label_of[focus]) * _CHAR / 2 + 24.0, sign))
    side_of = {n: side for side, nodes in enumerate(sides) for n in nodes}
    ring = set(side_of)
    while len(positions) < graph.number_of_nodes() and ring:  # rings going outwards
        outer: list[list[str]] = [[], []]
        for node in sorted(set(graph.nodes) - set(positions)):
            near = [side_of[m] for m in (*graph.predecessors(node), *graph.successors(node))
                    if m in ring]
            if near:
                side_of[node] = min(near)
                outer[side_of[node]].append(node)
        for index, (sign, nodes) in enumerate(zip((-1.0, 1.0), outer, strict=True)):
            if nodes:
                nodes.sort(key=_by_type_and_label(graph, label_of))
                ends[index] = _wrapped(nodes, label_of, positions, *ends[index], sign)
        ring = {n for nodes in outer for n in nodes}
    return positions


def _positions(graph: nx.MultiDiGraph, lang: str, labels: dict[str, str],
               highlight: frozenset[str]) -> dict[str, tuple[float, float]] | None:
    """The layout a view's ``# layout:`` names (``columns …``, ``layered``, ``ego``), or
    ``None`` for the force layout of any other graph.
    """
    layout = str(graph.graph.get("layout", ""))
    if layout.startswith("columns"):
        return _in_columns(graph, lang, layout, highlight)
    if layout == "layered":
        return _layered(graph, labels)
    if layout == "ego":
        return _ego(graph, labels)
    return None


def render_html(graph: nx.MultiDiGraph, *, title: str, description: str, lang: str = "fr",
                highlight: frozenset[str] | None = None,
                readers: dict[str, str] | None = None, empty: str = "") -> str:
    """The HTML page of a projected view; ``highlight``: nodes drawn larger, the others of
    their type dimmed (default: the view's ``# highlight:``); ``empty``: why there is nothing
    to draw, shown in the page when the graph has no node.
    """
    from pyvis.network import Network

    words = _TEXT.get(lang, _TEXT["en"])
    if highlight is None:
        highlight = frozenset(str(graph.graph.get("highlight", "")).split())
    labels = short_labels({node: _label(node, attrs, lang)
                            for node, attrs in graph.nodes(data=True)})
    columns = _positions(graph, lang, labels, highlight)
    positions = columns or _layout(graph)
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT and columns is None
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    degrees = dict(graph.degree())
    counts = Counter(_group(graph.nodes[n]) for n in graph.nodes)
    dimmed = bool(highlight)
    highlighted_kinds = {_group(graph.nodes[n]) for n in highlight if n in graph}
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = _group(attrs)
        colour, shape, _ = COLOURS.get(kind, _DEFAULT)
        label = _label(node, attrs, lang)
        title_text = attrs.get(f"title_{lang}", "")
        size = 11 if columns else 12 + min(degrees.get(node, 0), 20)
        item: dict[str, Any] = {"id": node, "label": labels[node], "group": kind,
                                "full_label": label, "type_label": type_label(kind, lang),
                                "title_text": title_text,
                                "shape": shape, "color": colour, "size": size,
                                "quote": attrs.get("quote", ""),
                                "page": int(attrs.get("page", 0) or 0),
                                "evidence": list(graph.graph.get("evidence", {}).get(
                                    node, []))[:_EVIDENCE_SHOWN],
                                "details": _details(attrs, words, label, lang)}
        if dimmed and kind in highlighted_kinds:
            if node in highlight:
                item.update(size=40, color="#f2c94c", borderWidth=3,
                            font={"size": 22, "bold": True})
            else:
                item.update(color="rgba(200,200,200,0.45)", font={"color": "#9aa5b1"})
        if node in positions:
            item["x"], item["y"] = positions[node]
        net.nodes.append(item)
    weighted = bool(graph.graph.get("weighted"))  # an aggregated view: links have weights
    weights = [int(d.get("weight", 1)) for _, _, d in graph.edges(data=True)]
    heaviest, lightest = max(weights, default=1), min(weights, default=1)
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True)):
        basis = attrs.get("basis", "explicit")
        weight = int(attrs.get("weight", 1))
        edge: dict[str, Any] = {"from": source, "to": target, "label": "", "arrows": "to",
                                "tip": f"{key} ({words.get(basis, basis)})" + (
                                    f" — {attrs['rationale']}" if attrs.get("rationale")
                                    else "") + (f" — ×{weight}" if weighted else ""),
                                "color": {"color": "#7b8794"}, "predicate": key,
                                "basis": basis, "rationale": attrs.get("rationale", ""),
                                "rationale_lang": attrs.get("rationale_lang", "")}
        if weighted:  # width by the number of facts behind a link
            edge["width"] = round(1.0 + 5.0 * (weight - lightest) / max(heaviest - lightest, 1),
                                  2)
            edge["weight"] = weight
        if basis == "curated":
            edge["dashes"] = [8, 6]
            edge["color"] = {"color": "#d97706"}
        elif basis == "vocabulary":
            edge["dashes"] = [2, 5]
            edge["color"] = {"color": "#b0b8c1"}
        net.edges.append(edge)
    options = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 120, "fit": True},
                    "barnesHut": {"gravitationalConstant": -5200, "springLength": 120,
                                  "centralGravity": 0.25, "avoidOverlap": 0.6}},
        "layout": {"randomSeed": 42, "improvedLayout": physics},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "edges": {"smooth": physics, "width": 1.2},
        "nodes": {"borderWidth": 1, "scaling": {"label": {"drawThreshold": 2}},
                  "font": {"size": 15, "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
    }
    legend = [{"group": kind, "label": type_label(kind, lang), "color":
               COLOURS.get(kind, _DEFAULT)[0], "count": count}
              for kind, count in sorted(counts.items())]
    bases = sorted({d.get("basis", "explicit") for _, _, d in graph.edges(data=True)})
    edge_legend = [{"basis": b, "label": words.get(b, b)} for b in bases]
    kinds = Counter(key for _, _, key in graph.edges(keys=True))
    kind_labels = {kind: _kind_label(kind, lang) for kind in kinds}
    data = {"nodes": net.nodes, "edges": net.edges, "legend": legend,
            "edge_legend": edge_legend, "words": words, "readers": dict(readers or {}),
            "edge_kinds": [{"kind": k, "label": kind_labels[k], "count": kinds[k]}
                           for k in sorted(kinds)],
            "kind_labels": kind_labels, "max_scale": MAX_SCALE}
    net.set_template_dir(str(package_file("views", "templates")) + "/", "view.html")
    net.templateEnv.autoescape = True
    counts_text = (f"{graph.number_of_nodes()} {words['nodes']} · "
                   f"{graph.number_of_edges()} {words['edges']}")
    net.templateEnv.globals.update(
        vis_js=_Markup(_asset("vis-network.min.js").replace("</script", "<\\/script")),
        vis_css=_Markup(_asset("vis-network.css").replace("</style", "<\\/style")),
        data_json=_Markup(page_json(data)), options_json=_Markup(page_json(options)),
        meta={"title": title, "description": description, "lang": lang,
              "search_label": words["search"], "counts": counts_text,
              "empty": (empty or words["nothing"]) if graph.number_of_nodes() == 0 else ""})
    return str(net.generate_html())


class _Markup(str):
    """Trusted text for the template (already escaped for its context)."""

    def __html__(self) -> str:
        return str(self)


def _label(node: str, attrs: dict[str, Any], lang: str) -> str:
    """A node's label in ``lang``; an objective's is its number and official title."""
    label = str(attrs.get(f"label_{lang}") or attrs.get("label") or node)
    title_text = attrs.get(f"title_{lang}", "")
    if attrs.get("type") == "Objective" and title_text:
        label = f"{node.rsplit('-', 1)[-1]}. {title_text}"
    return label


def type_label(kind: str, lang: str) -> str:
    """The name of a node type in the page's language."""
    if lang == "fr":
        return _TYPES_FR.get(kind, _TYPES_FR["Resource"])
    return COLOURS.get(kind, _DEFAULT)[2]


def _kind_label(kind: str, lang: str) -> str:
    """The name of a link kind in the page's language: the ontology's label of a
    ``kind:`` concept (a contribution kind), a name of :data:`_KINDS`, else the CURIE.
    """
    if kind.startswith("kind:"):
        return kind_labels().get((kind.split(":", 1)[1], lang)) or kind
    names = _KINDS.get(kind)
    if names is None:
        return kind
    return names[0] if lang == "fr" else names[1]


def _details(attrs: dict[str, Any], words: dict[str, str], label: str,
             lang: str = "en") -> list[list[str]]:
    lines = [[words["type"], type_label(attrs.get("type", ""), lang)]]
    if attrs.get("role"):
        lines.append([words["role"], attrs["role"]])
    if attrs.get("organisation"):
        lines.append([words["organisation"], attrs["organisation"]])
    if attrs.get("evidence"):
        lines.append([words["evidence"], str(attrs["evidence"])])
    if len(label) > 48:
        lines.insert(0, ["", label])
    return lines


def write_view(data: DataSource, view: str, path: Path, *, lang: str = "fr",
               focus: str | None = None,
               readers: dict[str, str] | None = None) -> tuple[Path, int, int]:
    """Project ``view`` of ``data`` and write its page to ``path``; ``readers`` maps a
    document's key to its evidence reader page (linked from the details panel).
    """
    graph = project(data, view, focus=focus)
    if readers is None:  # evidence readers a build wrote beside the page
        readers = {p.stem[len("text-"):]: p.name for p in sorted(path.parent.glob("text-*.html"))}
    title = f"idm-graph — {view}" + (f" — {focus}" if focus else "")
    page = render_html(graph, title=title, description=view_description(view, lang),
                       lang=lang, readers=readers, empty=view_empty(view, lang))
    write_atomic(path, page.encode("utf-8"))
    return path, graph.number_of_nodes(), graph.number_of_edges()
