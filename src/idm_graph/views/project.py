"""Project the RDF graph to NetworkX through SPARQL, so a file and an endpoint work alike.

A view is a ``.rq`` file of ``views/queries`` returning edges ``?s ?p ?o ?basis`` between
resources. :func:`project` turns them into a ``MultiDiGraph`` keyed by predicate, whose nodes
are resources (never literals) with attributes: ``label`` (and ``label_fr``, ``label_en``),
``type``, ``short_id``, ``evidence`` (count), ``role``, ``organisation``, ``quote``.

>>> from idm_graph.pipeline.build import build
>>> graph = project(build().store(), "actors")
>>> graph.nodes["person/amy-pope"]["type"], graph.nodes["person/amy-pope"]["label"]
('Person', 'Amy Pope')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.term import Node

from idm_graph.core.errors import QueryError
from idm_graph.core.sources import DataSource, Result, table
from idm_graph.core.vocab import BASE, GCM, IDM, PREFIXES, THEME
from idm_graph.querying.sparql import NamedQuery, library, prepare, query

__all__ = ["EdgeBases", "display_type", "edge_bases", "project", "short_id", "view_description",
           "view_empty", "view_names", "view_queries"]

_TYPES = [  # display type by priority: (name, class IRI)
    ("Person", PREFIXES["schema"]["Person"]), ("Delegation", IDM.Delegation),
    ("Organization", PREFIXES["org"]["Organization"]), ("Country", PREFIXES["schema"]["Country"]),
    ("Session", IDM.DialogueSession), ("Panel", IDM.Panel), ("Opening", IDM.Opening),
    ("Closing", IDM.Closing), ("Conclusion", IDM.Conclusion),
    ("ConclusionPoint", IDM.ConclusionPoint), ("Recommendation", IDM.Recommendation),
    ("Contribution", IDM.Contribution), ("ObjectiveLink", IDM.ObjectiveLink),
    ("Membership", PREFIXES["org"]["Membership"]),
    ("Framework", IDM.Framework), ("Summary", IDM.Summary),
    ("Series", PREFIXES["schema"]["EventSeries"]), ("Event", PREFIXES["schema"]["Event"]),
    ("Place", PREFIXES["schema"]["Place"]),
]


def view_queries() -> dict[str, NamedQuery]:
    """The views' queries (``views/queries/*.rq``), loaded and bound by the code that runs
    the named queries: a view is a file whose header has ``# view:``.
    """
    return library("views", "queries")


def view_names(scope: str | None = None) -> tuple[str, ...]:
    """The views a build may draw, in their ``# order:``: the view files that need no focus
    node (``ego`` does); with ``scope``, only those of that ``# scope:`` (``document``, the
    default: a view of every node; ``corpus``: a view of the sessions).
    """
    views = [q for q in view_queries().values() if "view" in q.fields and "focus" not in q.params
             and scope in (None, q.fields.get("scope", "document"))]
    return tuple(q.name for q in sorted(views, key=lambda q: (int(q.fields.get("order", 99)),
                                                              q.name)))


#: Nodes all of whose evidence is curated (a curated objective link): their edges are curated.
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def short_id(node: str, base: str = BASE) -> str:
    """A readable id: ``person/amy-pope``, ``gcm:objective-19``, ``theme:diaspora``."""
    if node.startswith(base):
        return node[len(base) :]
    for prefix, namespace in PREFIXES.items():
        if node.startswith(str(namespace)):
            return f"{prefix}:{node[len(str(namespace)) :]}"
    return node


def display_type(types: set[str], schemes: set[str]) -> str:
    """The type a view shows for a node with these classes and concept schemes."""
    if str(GCM["objectives"]) in schemes:
        return "Objective"
    if str(THEME["themes"]) in schemes:
        return "Theme"
    for name, cls in _TYPES:
        if str(cls) in types:
            return name
    return "Concept" if schemes else "Resource"


def project(data: DataSource, view: str, *, focus: str | None = None,
            base: str = BASE) -> nx.MultiDiGraph:
    """The NetworkX graph of ``view`` (``speakers-themes``, ``objectives``, ``actors``,
    ``full``, or ``ego`` with ``focus``: a node IRI, short id or label).
    """
    queries = view_queries()
    views = {name: q for name, q in queries.items() if "view" in q.fields}
    if view not in views:
        known = ", ".join([*view_names(), *sorted(set(views) - set(view_names()))])
        raise QueryError(view, f"unknown view; the views are: {known}")
    params = {"base": base} if "base" in queries[view].params else {}
    if "focus" in queries[view].params:
        if not focus:
            raise QueryError(view, "needs a node (--focus ID or label)")
        node = _resolve_focus(data, focus, base)
        try:  # the IRI is checked as a parameter: text never becomes query syntax
            params["focus"] = node
            prepare(view, params, queries=queries)
        except QueryError:
            raise QueryError(focus, "not a node id, IRI or label of this graph") from None
        focus = short_id(node, base)
    edges = table(query(data, view, params, queries=queries), f"view {view}")
    bases = edge_bases(data)
    fields = queries[view].fields
    graph = nx.MultiDiGraph(view=view, layout=fields.get("layout", ""),
                            highlight=fields.get("highlight", ""),  # scalars only: GraphML
                            weighted="weight" in edges.variables)
    if "focus" in queries[view].params:
        graph.graph["focus"] = focus
    for row in edges.rows:
        s, p, o = row.get("s"), row.get("p"), row.get("o")
        if not (isinstance(s, URIRef) and isinstance(o, URIRef) and p is not None):
            continue
        subject, obj = short_id(str(s), base), short_id(str(o), base)
        predicate = short_id(str(p), base)
        basis = str(row.get("basis") or bases.basis(str(s), str(p), str(o), base))
        graph.add_node(subject, iri=str(s))
        graph.add_node(obj, iri=str(o))
        weight = row.get("weight")  # an aggregated view: how many facts the link stands for
        why, why_lang = bases.rationale.get((str(s), str(p), str(o)), ("", ""))
        graph.add_edge(subject, obj, key=predicate, predicate=predicate, basis=basis,
                       rationale=why, rationale_lang=why_lang,
                       weight=int(str(weight)) if weight is not None else 1)
    top = int(queries[view].fields.get("top", 0))
    if top:  # only the heaviest links of each node they start from
        for node in list(graph.nodes):
            ranked = sorted(graph.out_edges(node, keys=True, data=True),
                            key=lambda e: (-int(e[3]["weight"]), e[1], e[2]))
            graph.remove_edges_from([(a, b, k) for a, b, k, _ in ranked[top:]])
        graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    if view == "objectives":
        for number in range(1, 24):
            iri = str(GCM[f"objective-{number}"])
            graph.add_node(short_id(iri, base), iri=iri)
    _attributes(data, graph, base)
    return graph


@dataclass(frozen=True, slots=True)
class EdgeBases:
    """The basis of every edge a view may draw, read from the graph by one rule set.

    The rules, in order:

    1. a shortcut (``idm:relatedObjective``, ``schema:performer``, ``idm:atEvent``,
       ``skos:related``) takes the basis of the qualified node behind it, as the named query
       ``link-basis`` says (explicit wins when the text states it too);
    2. an edge from a node whose every evidence is curated (a curated objective link) is
       curated;
    3. an edge between two vocabulary terms (neither under the base IRI) is ``vocabulary``;
    4. anything else is ``explicit``.
    """

    links: dict[tuple[str, str, str], str]
    #: the curator's rationale of a link, and the language it is written in
    rationale: dict[tuple[str, str, str], tuple[str, str]]
    curated_nodes: frozenset[str]

    def basis(self, s: str, p: str, o: str, base: str = BASE) -> str:
        """The basis of the edge ``s p o``."""
        if (s, p, o) in self.links:
            return self.links[(s, p, o)]
        if s in self.curated_nodes:
            return "curated"
        if not s.startswith(base) and not o.startswith(base):
            return "vocabulary"
        return "explicit"


def edge_bases(data: DataSource) -> EdgeBases:
    """Read the bases of the shortcut links and the curated nodes of ``data``."""
    links: dict[tuple[str, str, str], str] = {}
    rationale: dict[tuple[str, str, str], tuple[str, str]] = {}
    for row in table(query(data, "link-basis"), "link-basis").rows:
        key = (str(row["subject"]), str(row["predicate"]), str(row["object"]))
        links[key] = str(row["basis"])
        written = row.get("rationale")
        if written is not None and str(written):
            rationale[key] = (str(written), str(getattr(written, "language", None) or ""))
    curated = frozenset(str(r["n"]) for r in _lookup(data, "curated-nodes").rows)
    return EdgeBases(links, rationale, curated)


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces: how labels are compared in searches.

    >>> _plain("  Marta-Lucía   RAMÍREZ ")
    'marta-lucia ramirez'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _lookup(data: DataSource, name: str, params: dict[str, str] | None = None) -> Result:
    """The rows of the views' query ``name`` (a lookup of ``views/queries``) on ``data``."""
    return table(query(data, name, params, queries=view_queries()), name)


def _resolve_focus(data: DataSource, focus: str, base: str) -> str:
    """The IRI of the node ``focus`` names: an IRI, a prefixed name, a key
    (``person/…``), or a label, matched without regard to case and accents, whole or as a
    part when only one node's label contains it. An unknown focus gets suggestions.
    """
    iri = None
    if focus.startswith(("http://", "https://", "urn:")):
        iri = focus
    elif ":" in focus and focus.partition(":")[0] in PREFIXES:
        prefix, _, rest = focus.partition(":")
        iri = str(PREFIXES[prefix][rest])
    elif "/" in focus and " " not in focus.strip():
        iri = base + focus
    if iri is not None:
        if not _IRI.fullmatch(iri):
            raise QueryError(focus, "not a valid IRI")
        if _lookup(data, "node-exists", {"node": iri}).rows:
            return iri
    labels = _lookup(data, "node-labels").rows
    wanted = _plain(focus)
    exact = sorted({str(r["n"]) for r in labels if _plain(str(r["l"])) == wanted})
    if exact:
        return exact[0]
    partial: dict[str, str] = {}
    for row in labels:  # a part of a label names things, not the links between them
        if wanted and wanted in _plain(str(row["l"])) and not row["qualified"]:
            partial.setdefault(str(row["n"]), " ".join(str(row["l"]).split()))
    if len(partial) == 1:
        return next(iter(partial))
    if partial:
        shown = "; ".join(f"{label} ({short_id(node, base)})"
                          for node, label in sorted(partial.items())[:6])
        more = f" and {len(partial) - 6} more" if len(partial) > 6 else ""
        raise QueryError(focus, f"names {len(partial)} nodes: {shown}{more}; give one of "
                                "these ids")
    raise QueryError(focus, "no node has this IRI, id or label (labels are matched whole or "
                            "in part, ignoring case and accents)")


def _attributes(data: DataSource, graph: nx.MultiDiGraph, base: str) -> None:
    if graph.number_of_nodes() == 0:
        return
    iris = " ".join(graph.nodes[n]["iri"] for n in sorted(graph.nodes))
    rows = _lookup(data, "nodes", {"nodes": iris}).rows
    info: dict[str, dict[str, Any]] = {n: {"types": set(), "schemes": set(), "labels": {},
                                           "roles": set(), "orgs": set(), "dates": set(),
                                           "evidence": {}, "titles": {}}
                                       for n in graph.nodes}
    for row in rows:
        node = short_id(str(row["node"]), base)
        entry = info[node]
        _collect(entry, row)
    for node, entry in info.items():
        labels = entry["labels"]
        attrs = graph.nodes[node]
        attrs["type"] = display_type(entry["types"], entry["schemes"])
        attrs["short_id"] = node
        attrs["label_fr"] = labels.get("fr") or labels.get("") or labels.get("en") or node
        attrs["label_en"] = labels.get("en") or labels.get("") or labels.get("fr") or node
        attrs["label"] = attrs["label_fr"]
        evidence = entry["evidence"]  # (source, start, end, annotation) → quote and where
        attrs["evidence"] = len({key[3] for key in evidence})
        attrs["role"] = "; ".join(sorted(entry["roles"]))
        attrs["organisation"] = "; ".join(sorted(entry["orgs"]))
        if entry["dates"]:  # an event's start date: sessions are drawn in time order
            attrs["date"] = min(entry["dates"])
        first = evidence[min(evidence, key=lambda k: (k[1], k[2], k[0], k[3]))] \
            if evidence else {"quote": "", "page": 0}
        attrs["quote"] = first["quote"]  # the earliest quote in the text
        if first["page"]:  # its page in a PDF
            attrs["page"] = first["page"]
        if evidence:  # kept beside the nodes: network formats hold scalars only
            graph.graph.setdefault("evidence", {})[node] = [evidence[k]
                                                            for k in sorted(evidence)]
        titles = entry["titles"]
        if attrs["type"] == "Objective" and titles:
            attrs["title_fr"] = titles.get("fr") or titles.get("en", "")
            attrs["title_en"] = titles.get("en") or titles.get("fr", "")


def collect_kind(entry: dict[str, Any], row: dict[str, Node | None]) -> None:
    """Add a row's ``type``, ``scheme`` and ``label`` to ``entry`` (``types``, ``schemes``, and
    ``labels`` by language, the smallest label of each language kept): what
    :func:`display_type` and a node's label are read from.
    """
    if row.get("type") is not None:
        entry["types"].add(str(row["type"]))
    if row.get("scheme") is not None:
        entry["schemes"].add(str(row["scheme"]))
    label = row.get("label")
    if isinstance(label, Literal):
        lang = label.language or ""
        current = entry["labels"].get(lang)
        if current is None or str(label) < current:
            entry["labels"][lang] = str(label)


def _collect(entry: dict[str, Any], row: dict[str, Node | None]) -> None:
    collect_kind(entry, row)
    if row.get("role") is not None:
        entry["roles"].add(str(row["role"]))
    if row.get("organisation") is not None:
        entry["orgs"].add(str(row["organisation"]))
    if row.get("date") is not None:
        entry["dates"].add(str(row["date"]))
    if row.get("ann") is not None and row.get("quote") is not None:
        start = int(str(row["start"])) if row.get("start") is not None else 0
        page = int(str(row["page"])) if row.get("page") is not None else 0
        end = int(str(row["end"])) if row.get("end") is not None else start
        source = str(row.get("source") or "")
        entry["evidence"].setdefault((source, start, end, str(row["ann"])), {
            "quote": str(row["quote"]), "start": start, "end": end, "page": page,
            "sentence": str(row.get("sentence") or ""), "basis": str(row.get("basis") or ""),
            "document": source.rsplit("/", 1)[-1]})
    title = row.get("title")
    if isinstance(title, Literal) and title.language:
        entry["titles"].setdefault(title.language, str(title))


def view_empty(view: str, lang: str = "en") -> str:
    """Why a view can have nothing to draw (its ``# empty:`` line), in English or French."""
    fields = view_queries()[view].fields
    english = fields.get("empty", "")
    return fields.get("empty-fr", english) if lang == "fr" else english


def view_description(view: str, lang: str = "en") -> str:
    """The one-line description of a view, in English or French."""
    fields = view_queries()[view].fields
    english = fields.get("description", "")
    return fields.get("description-fr", english) if lang == "fr" else english

