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

import json
import math
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from idm_graph.export import write_atomic
from idm_graph.resources import package_file
from idm_graph.views.project import VIEWS, project, view_description

__all__ = ["COLOURS", "PHYSICS_LIMIT", "render_html", "write_view", "write_views"]

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
           "vocabulary": "correspondance du vocabulaire"},
    "en": {"search": "Search", "nodes": "nodes", "edges": "edges", "role": "Role",
           "organisation": "Organisation", "type": "Type", "evidence": "Evidence",
           "explicit": "explicit link", "curated": "curated link",
           "vocabulary": "vocabulary mapping"},
}


@cache
def _asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        encoding="utf-8")


def _json(value: Any) -> str:
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
    scale = 35 * math.sqrt(max(graph.number_of_nodes(), 1))
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for n, (x, y) in positions.items()}


def render_html(graph: nx.MultiDiGraph, *, title: str, description: str, lang: str = "fr",
                highlight: frozenset[str] = frozenset()) -> str:
    """The HTML page of a projected view."""
    from pyvis.network import Network

    words = _TEXT.get(lang, _TEXT["en"])
    positions = _layout(graph)
    physics = graph.number_of_nodes() <= PHYSICS_LIMIT
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    degrees = dict(graph.degree())
    counts = Counter(graph.nodes[n].get("type", "Resource") for n in graph.nodes)
    dimmed = "objectives" in graph.graph.get("view", "") and bool(highlight)
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        kind = attrs.get("type", "Resource")
        colour, shape, _ = COLOURS.get(kind, _DEFAULT)
        label = attrs.get(f"label_{lang}") or attrs.get("label") or node
        size = 12 + min(degrees.get(node, 0), 20)
        item: dict[str, Any] = {"id": node, "label": _short(label), "group": kind,
                                "shape": shape, "color": colour, "size": size,
                                "quote": attrs.get("quote", ""),
                                "page": int(attrs.get("page", 0) or 0),
                                "details": _details(attrs, words, label)}
        if dimmed and kind == "Objective":
            if node in highlight:
                item.update(size=40, color="#f2c94c", borderWidth=3,
                            font={"size": 22, "bold": True})
            else:
                item.update(color="rgba(200,200,200,0.45)", font={"color": "#9aa5b1"})
        if node in positions:
            item["x"], item["y"] = positions[node]
        net.nodes.append(item)
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True)):
        basis = attrs.get("basis", "explicit")
        edge: dict[str, Any] = {"from": source, "to": target, "label": "", "arrows": "to",
                                "tip": f"{key} ({words.get(basis, basis)})" + (
                                    f" — {attrs['rationale']}" if attrs.get("rationale")
                                    else ""),
                                "color": {"color": "#7b8794"}, "predicate": key}
        if basis == "curated":
            edge["dashes"] = [8, 6]
            edge["color"] = {"color": "#d97706"}
        elif basis == "vocabulary":
            edge["dashes"] = [2, 5]
            edge["color"] = {"color": "#b0b8c1"}
        net.edges.append(edge)
    options = {
        "physics": {"enabled": physics, "stabilization": {"iterations": 200, "fit": True},
                    "barnesHut": {"gravitationalConstant": -2200, "springLength": 95,
                                  "centralGravity": 0.35, "avoidOverlap": 0.1}},
        "layout": {"randomSeed": 42, "improvedLayout": physics},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "edges": {"smooth": physics, "width": 1.2},
        "nodes": {"borderWidth": 1, "scaling": {"label": {"drawThreshold": 2}},
                  "font": {"size": 15, "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
    }
    legend = [{"group": kind, "label": COLOURS.get(kind, _DEFAULT)[2], "color":
               COLOURS.get(kind, _DEFAULT)[0], "count": count}
              for kind, count in sorted(counts.items())]
    bases = sorted({d.get("basis", "explicit") for _, _, d in graph.edges(data=True)})
    edge_legend = [{"basis": b, "label": words.get(b, b)} for b in bases]
    data = {"nodes": net.nodes, "edges": net.edges, "legend": legend,
            "edge_legend": edge_legend}
    net.set_template_dir(str(package_file("views", "templates")) + "/", "view.html")
    net.templateEnv.autoescape = True
    counts_text = (f"{graph.number_of_nodes()} {words['nodes']} · "
                   f"{graph.number_of_edges()} {words['edges']}")
    net.templateEnv.globals.update(
        vis_js=_Markup(_asset("vis-network.min.js").replace("</script", "<\\/script")),
        vis_css=_Markup(_asset("vis-network.css").replace("</style", "<\\/style")),
        data_json=_Markup(_json(data)), options_json=_Markup(_json(options)),
        meta={"title": title, "description": description, "lang": lang,
              "search_label": words["search"], "counts": counts_text})
    return str(net.generate_html())


class _Markup(str):
    """Trusted text for the template (already escaped for its context)."""

    def __html__(self) -> str:
        return str(self)


def _short(label: str, limit: int = 48) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _details(attrs: dict[str, Any], words: dict[str, str], label: str) -> list[list[str]]:
    lines = [[words["type"], COLOURS.get(attrs.get("type", ""), _DEFAULT)[2]]]
    if attrs.get("role"):
        lines.append([words["role"], attrs["role"]])
    if attrs.get("organisation"):
        lines.append([words["organisation"], attrs["organisation"]])
    if attrs.get("evidence"):
        lines.append([words["evidence"], str(attrs["evidence"])])
    if len(label) > 48:
        lines.insert(0, ["", label])
    return lines


def write_view(data: Any, view: str, path: Path, *, lang: str = "fr",
               focus: str | None = None) -> tuple[Path, int, int]:
    """Project ``view`` of ``data`` and write its page to ``path``."""
    graph = project(data, view, focus=focus)
    title = f"idm-graph — {view}" + (f" — {focus}" if focus else "")
    highlight = frozenset({"gcm:objective-19", "gcm:objective-20"})
    page = render_html(graph, title=title, description=view_description(view), lang=lang,
                       highlight=highlight)
    write_atomic(path, page.encode("utf-8"))
    return path, graph.number_of_nodes(), graph.number_of_edges()


def write_views(data: Any, directory: Path, *, lang: str = "fr") -> list[Path]:
    """Write every view and ``index.html`` linking them, with their counts."""
    written, rows = [], []
    for view in VIEWS:
        path, nodes, edges = write_view(data, view, directory / f"{view}.html", lang=lang)
        written.append(path)
        rows.append({"name": view, "file": path.name, "nodes": nodes, "edges": edges,
                     "description": view_description(view)})
    written.append(_index(directory / "index.html", rows, lang))
    return written


def _index(path: Path, rows: list[dict[str, Any]], lang: str) -> Path:
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(package_file("views", "templates"))),
                      autoescape=True)
    intro = ("Vues interactives du graphe de connaissances (hors ligne, aucun accès réseau)."
             if lang == "fr" else "Interactive views of the knowledge graph (offline, no "
             "network access).")
    page = env.get_template("index.html").render(
        title="idm-graph — views", intro=intro, views=rows, lang=lang,
        footer="Open any page in a browser; each file is self-contained.")
    write_atomic(path, page.encode("utf-8"))
    return path

