"""Projection to NetworkX, analytics, network files, and the offline HTML pages."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from conftest import as_source
from idm_graph.core.errors import QueryError
from idm_graph.core.sources import table
from idm_graph.core.vocab import BASE
from idm_graph.querying.sparql import prefixes, prepare, query
from idm_graph.views.analytics import actor_network, analyse
from idm_graph.views.exchange import write_network
from idm_graph.views.project import project, view_names, view_queries
from idm_graph.views.render import render_html, write_view

VIEW_NAMES = list(view_names("document"))


def sparql_counts(dataset: Any, view: str) -> tuple[int, int]:
    """Nodes and (subject, predicate, object) edges of a view, counted by SPARQL alone."""
    queries = view_queries()
    params = {"base": BASE} if "base" in queries[view].params else {}
    _, text = prepare(view, params, queries=queries, prefixed=False)  # bound as views are
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    nodes_q = (f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ {{ {body} }} "
               "VALUES ?side { 1 2 } BIND(IF(?side = 1, ?s, ?o) AS ?n) FILTER(isIRI(?n)) }")
    edges_q = (f"SELECT (COUNT(DISTINCT CONCAT(STR(?s), ' ', STR(?p), ' ', STR(?o))) AS ?c) "
               f"WHERE {{ {{ {body} }} FILTER(isIRI(?s) && isIRI(?o)) }}")
    nodes = int(table(query(as_source(dataset), prefixes() + nodes_q), 'count').rows[0]["c"])
    edges = int(table(query(as_source(dataset), prefixes() + edges_q), 'count').rows[0]["c"])
    if view == "objectives":  # the view shows all 23 objectives, linked or not
        unlinked = (f"SELECT (COUNT(DISTINCT ?x) AS ?c) WHERE {{ ?x skos:inScheme gcm:objectives "
                    f"FILTER NOT EXISTS {{ {{ {body} }} FILTER(?s = ?x || ?o = ?x) }} }}")
        nodes += int(table(query(as_source(dataset), prefixes() + unlinked), 'count').rows[0]["c"])
    return nodes, edges


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_projection_counts_equal_sparql_counts(dataset: Any, view: str) -> None:
    graph = project(as_source(dataset), view)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == sparql_counts(dataset, view)
    assert graph.number_of_nodes() > 10


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_nodes_are_resources_with_attributes_and_edges_have_predicates(dataset: Any,
                                                                       view: str) -> None:
    graph = project(as_source(dataset), view)
    for node, data in graph.nodes(data=True):
        assert data["iri"].startswith("https://"), node
        assert data["type"] != "Resource", node
        assert data["label_fr"]
        assert data["label_en"]
        assert data["short_id"] == node
        assert isinstance(data["evidence"], int)
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert data["predicate"] == key
        assert data["basis"] in ("explicit", "curated", "vocabulary")


def test_speakers_themes_edges_are_typed_by_contribution(dataset: Any) -> None:
    graph = project(as_source(dataset), "speakers-themes")
    kinds = {key for _, _, key in graph.edges(keys=True) if key.startswith("kind:")}
    assert kinds == {"kind:opening", "kind:keynote", "kind:moderation", "kind:panellist",
                     "kind:video-message", "kind:delegation-statement", "kind:closing"}
    assert graph.has_edge("person/amy-pope", "idm/2021/2/panel/1", key="kind:moderation")
    assert graph.has_edge("delegation/QAT", "idm/2021/2", key="kind:delegation-statement")
    curated = [(u, v) for u, v, d in graph.edges(data=True) if d["basis"] == "curated"]
    assert ("person/leon-isaacs", "idm/2021/2/panel/7") in curated


def test_objectives_view(dataset: Any) -> None:
    graph = project(as_source(dataset), "objectives")
    objectives = [n for n, d in graph.nodes(data=True) if d["type"] == "Objective"]
    assert len(objectives) == 23
    bases = {d["basis"] for _, v, d in graph.edges(data=True) if v == "gcm:objective-19"}
    assert {"explicit", "curated"} <= bases
    html = render_html(graph, title="t", description="d",
                       highlight=frozenset({"gcm:objective-19", "gcm:objective-20"}))
    assert '"id":"gcm:objective-19","label":"Objectif 19 du Pacte mondial"' in html or \
        '"size":40' in html


def test_ego_view_by_label_and_unknown_view(dataset: Any) -> None:
    graph = project(as_source(dataset), "ego", focus="Leon Isaacs")
    assert "person/leon-isaacs" in graph
    assert "org/dma-global" in graph
    with pytest.raises(QueryError, match="unknown view"):
        project(as_source(dataset), "nope")
    with pytest.raises(QueryError, match="no node"):
        project(as_source(dataset), "ego", focus="Nobody Here")


def test_analytics(dataset: Any) -> None:
    result = analyse(as_source(dataset), view="speakers-themes", top=5)
    assert len(result.degree) == 5
    actors = actor_network(project(as_source(dataset), "speakers-themes"))
    assert actors.has_edge("person/antonio-vitorino", "person/anuradha-gupta")  # opening
    assert actors.has_edge("person/amy-pope", "person/jessica-bither")  # panel 1 (curated)
    assert result.communities


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_re_read_to_the_same_graph(dataset: Any, tmp_path: Path, fmt: str) -> None:
    graph = project(as_source(dataset), "speakers-themes")
    path = tmp_path / f"g.{fmt}"
    write_network(graph, path, fmt)
    back = (nx.read_graphml(path, force_multigraph=True) if fmt == "graphml"
            else nx.read_gexf(path))
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        for key, value in data.items():
            if value not in ("", None):
                assert back.nodes[node][key] == value, (node, key)
    assert "=\"\"" not in path.read_text("utf-8")


def test_csv_network(dataset: Any, tmp_path: Path) -> None:
    files = write_network(project(as_source(dataset), "actors"), tmp_path / "actors.csv", "csv")
    nodes, edges = (f.read_text("utf-8").splitlines() for f in files)
    assert nodes[0].startswith("id,")
    assert edges[0] == "source,target,predicate,basis"
    assert len(edges) == project(as_source(dataset), "actors").number_of_edges() + 1


def test_pages_are_self_contained_and_escape_labels(dataset: Any, tmp_path: Path) -> None:
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        path, _, _ = write_view(as_source(dataset), "actors", tmp_path / "v" / "actors.html")
    finally:
        os.chdir(cwd)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["actors.html", "v"]
    html = path.read_text("utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=", html)
    assert "Content-Security-Policy" in html
    graph = nx.MultiDiGraph(view="x")
    evil = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    graph.add_node("n", label=evil, label_fr=evil, label_en=evil, type="Person",
                   short_id="n", evidence=0, role=evil, organisation="", quote=evil)
    page = render_html(graph, title=evil, description=evil)
    assert "<img src=x" not in page
    assert "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the title, HTML-escaped


def test_build_writes_index_with_counts(built: Any) -> None:
    index = (built.out / "views" / "index.html").read_text("utf-8")
    for view in VIEW_NAMES:
        graph = project(built.store(), view)
        assert f'href="{view}.html"' in index
        row = index.split(f'href="{view}.html"')[1].split("</tr>")[0]
        assert f'<td class="num">{graph.number_of_nodes()}</td>' in row
        assert f'<td class="num">{graph.number_of_edges()}</td>' in row


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_projection_is_the_same_on_every_input_kind(built: Any, view: str) -> None:
    """The build's own store and its TriG file read back give the same view."""
    from idm_graph.querying.data import open_source

    on_rdflib, on_oxigraph = project(built.store(), view), project(open_source(built.out), view)
    assert dict(on_rdflib.nodes(data=True)) == dict(on_oxigraph.nodes(data=True))
    assert sorted(on_rdflib.edges(keys=True, data=True)) == sorted(
        on_oxigraph.edges(keys=True, data=True))


def test_ego_view_reaches_a_speakers_themes_and_objectives(dataset: Any) -> None:
    """Two hops through the speaker's contribution (its themes and event) and membership
    (the organisation), and the objectives of those themes; each node placed on the side of
    what leads to it, further out."""
    from idm_graph.views.render import _positions

    graph = project(as_source(dataset), "ego", focus="Leon Isaacs")
    types = {attrs["type"] for _, attrs in graph.nodes(data=True)}
    assert {"Contribution", "Theme", "Objective", "Organization"} <= types
    themes = {n for n, a in graph.nodes(data=True) if a["type"] == "Theme"}
    assert {"theme:diaspora", "theme:remittances"} <= themes
    objectives = {n for n, a in graph.nodes(data=True) if a["type"] == "Objective"}
    assert {"gcm:objective-19", "gcm:objective-20"} <= objectives
    labels = {n: str(a.get("label_fr") or n) for n, a in graph.nodes(data=True)}
    positions = _positions(graph, "fr", labels, frozenset())
    assert positions is not None
    assert set(positions) == set(graph.nodes)
    contribution = next(n for n, a in graph.nodes(data=True) if a["type"] == "Contribution")
    for theme in themes:  # outwards from the contribution, on its side
        assert abs(positions[theme][0]) > abs(positions[contribution][0])
    for objective in objectives:
        assert abs(positions[objective][0]) > abs(positions[contribution][0])


def test_ego_focus_is_never_pasted_into_the_query(dataset: Any) -> None:
    """Regression (#12): a focus holding '/' was pasted into the query text, so
    `person/x> . } UNION { ?s ?p ?o . } #` returned the whole graph."""

    with pytest.raises(QueryError, match="no node has this IRI, id or label"):
        project(as_source(dataset), "ego", focus="person/x> . } UNION { ?s ?p ?o . } #")
    assert project(as_source(dataset), "ego", focus="person/amy-pope").number_of_nodes() < 40


def test_a_view_with_nothing_to_draw_says_why(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "weather.md"
    source.write_text("The weather was fine in the morning and the afternoon.\n",
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "idm_graph.cli", "build", str(source),
                           "--out", str(tmp_path / "out"), "--lang", "en"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "note: view speakers-themes has nothing to draw: No speaker has a theme" in done.stderr
    page = (tmp_path / "out" / "views" / "speakers-themes.html").read_text(encoding="utf-8")
    assert '<p class="empty" role="status"><strong>No speaker has a theme' in page
    index = (tmp_path / "out" / "views" / "index.html").read_text(encoding="utf-8")
    assert '<strong class="empty">No speaker has a theme' in index
    drawn = (tmp_path / "out" / "views" / "objectives.html").read_text(encoding="utf-8")
    assert 'class="empty"' not in drawn  # the 23 objectives are always there
