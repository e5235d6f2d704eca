"""Graph analytics on a projected view: centrality, the actor co-panel network, communities.

>>> from idm_graph.pipeline.build import build
>>> result = analyse(build().store(), view="speakers-themes")
>>> result.degree[0][0] in {n for n, _, _ in result.betweenness}
True
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

from idm_graph.core.sources import DataSource
from idm_graph.views.labels import short_labels
from idm_graph.views.project import project

__all__ = ["Analysis", "actor_network", "analyse", "report"]

_ACTORS = ("Person", "Delegation")
_EVENTS = ("Panel", "Opening", "Closing", "Session")


@dataclass(frozen=True, slots=True)
class Analysis:
    """Rankings (node id, label, score) and the actor network's communities."""

    view: str
    nodes: int
    edges: int
    degree: list[tuple[str, str, float]]
    betweenness: list[tuple[str, str, float]]
    actors: nx.Graph
    communities: list[list[str]]


def actor_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Actors (persons, delegations) linked when they contributed to the same event."""
    events = [n for n, d in graph.nodes(data=True) if d.get("type") in _EVENTS]
    actors = [n for n, d in graph.nodes(data=True) if d.get("type") in _ACTORS]
    two_mode = nx.Graph()
    two_mode.add_nodes_from(sorted(actors), bipartite=0)
    two_mode.add_nodes_from(sorted(events), bipartite=1)
    for source, target in graph.edges():
        if source in actors and target in events:
            two_mode.add_edge(source, target)
        elif target in actors and source in events:
            two_mode.add_edge(target, source)
    projected = bipartite.weighted_projected_graph(two_mode, sorted(actors))
    for node in projected.nodes:
        projected.nodes[node]["label"] = graph.nodes[node].get("label", node)
    return projected


def analyse(data: DataSource, *, view: str = "full", top: int = 15) -> Analysis:
    """Centralities of the view's nodes and the communities of the actor network."""
    graph = project(data, view)
    simple = nx.Graph(graph.to_undirected())
    degree = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {}
    between = nx.betweenness_centrality(simple, seed=42) if simple.number_of_nodes() > 2 else {}

    def ranked(scores: dict[str, float]) -> list[tuple[str, str, float]]:
        items = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return [(n, graph.nodes[n].get("label", n), round(s, 4)) for n, s in items]

    actors = actor_network(project(data, "speakers-themes"))
    communities: list[list[str]] = []
    if actors.number_of_edges():
        found = nx.community.greedy_modularity_communities(actors, weight="weight")
        communities = sorted((sorted(actors.nodes[n]["label"] for n in c) for c in found),
                             key=lambda c: (-len(c), c))
    return Analysis(view, graph.number_of_nodes(), graph.number_of_edges(), ranked(degree),
                    ranked(between), actors, communities)


def report(data: DataSource, *, view: str = "full", top: int = 15) -> str:
    """The analysis as text tables."""
    result = analyse(data, view=view, top=top)
    lines = [f"view {result.view}: {result.nodes} nodes, {result.edges} edges", ""]
    for title, rows in (("degree centrality", result.degree),
                        ("betweenness centrality", result.betweenness)):
        lines.append(f"{title}:")
        # cut at a word's end, and in the middle where two would then read the same (a
        # session and its summary)
        shown = short_labels({node: label for node, label, _ in rows}, limit=60)
        width = max((len(shown[node]) for node, _, _ in rows), default=5)
        lines += [f"  {shown[node]:<{width}}  {score:.4f}" for node, _, score in rows]
        lines.append("")
    actors = result.actors
    lines.append(f"actor co-panel network: {actors.number_of_nodes()} actors, "
                 f"{actors.number_of_edges()} links (shared panel, opening or closing)")
    for u, v, data_ in sorted(actors.edges(data=True), key=lambda e: (-e[2]["weight"],
                                                                       e[0], e[1]))[:top]:
        lines.append(f"  {actors.nodes[u]['label']} — {actors.nodes[v]['label']} "
                     f"({data_['weight']})")
    lines.append("")
    lines.append(f"communities of the actor network: {len(result.communities)}")
    for index, community in enumerate(result.communities, 1):
        lines.append(f"  {index}. {', '.join(community)}")
    return "\n".join(lines) + "\n"
