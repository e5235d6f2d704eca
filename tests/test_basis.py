"""Every edge shows the basis of the link behind it (explicit / curated / vocabulary), in every
view and network export; a curated panel assignment annotates the existing contribution.

Regressions: the full and ego views and the GraphML/GEXF exports drew curated objective links
and curated speaker→panel edges as explicit; a curated panel assignment created a second
contribution, double counting and hiding the speaker's themes from the panel."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from conftest import as_source
from idm_graph.querying.sparql import query
from idm_graph.views.exchange import write_network
from idm_graph.views.project import project

CURATED_PANELS = {"Leon Isaacs": 7, "Caroline Caporossi": 6, "Jessica Bither": 1}


def bases(graph: nx.MultiDiGraph, predicate: str) -> Counter[str]:
    return Counter(d["basis"] for _, _, k, d in graph.edges(keys=True, data=True)
                   if k == predicate)


def test_link_basis_query_gives_every_shortcut_its_basis(dataset: Any) -> None:
    rows = query(as_source(dataset), "link-basis").as_dicts()
    links = query(as_source(dataset), "objective-links").as_dicts()
    curated_links = {(r["target"], r["objective"]) for r in links if r["basis"] == "curated"}
    related = [r for r in rows if r["predicate"].endswith("#relatedObjective")]
    assert Counter(r["basis"] for r in related)["curated"] >= len(curated_links) - 2 > 10
    performer = [r for r in rows if r["predicate"] == "https://schema.org/performer"]
    assert Counter(r["basis"] for r in performer)["curated"] == len(CURATED_PANELS)
    assert all(r["rationale"] for r in rows if r["basis"] == "curated")
    assert {r["basis"] for r in rows} == {"explicit", "curated", "vocabulary"}


def test_views_and_exports_draw_curated_links_as_curated(dataset: Any, tmp_path: Path) -> None:
    full = project(as_source(dataset), "full")
    expected = {(r["subject"], r["object"]): r["basis"]
                for r in query(as_source(dataset), "link-basis").as_dicts()
                if r["predicate"].endswith("#relatedObjective")}
    drawn = {(full.nodes[s]["iri"], full.nodes[o]["iri"]): d["basis"]
             for s, o, k, d in full.edges(keys=True, data=True) if k == "idm:relatedObjective"}
    assert drawn
    assert all(expected[edge] == basis for edge, basis in drawn.items())
    assert Counter(drawn.values())["curated"] == 18
    assert bases(full, "schema:performer")["curated"] == len(CURATED_PANELS)
    ego = project(as_source(dataset), "ego", focus="gcm:objective-19")
    ego_bases = bases(ego, "idm:relatedObjective")
    assert ego_bases["curated"] > 0
    assert set(ego_bases) <= {"explicit", "curated"}
    for fmt in ("graphml", "gexf"):
        path = tmp_path / f"full.{fmt}"
        write_network(full, path, fmt)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        curated = [d for _, _, d in back.edges(data=True) if d.get("basis") == "curated"]
        assert len(curated) == sum(1 for *_, d in full.edges(keys=True, data=True)
                                   if d["basis"] == "curated"), fmt
    themes = project(as_source(dataset), "speakers-themes")
    curated_kinds = [(s, o) for s, o, k, d in themes.edges(keys=True, data=True)
                     if d["basis"] == "curated"]
    assert len(curated_kinds) == len(CURATED_PANELS)
    assert {o for _, o in curated_kinds} == {f"idm/2021/2/panel/{n}"
                                             for n in CURATED_PANELS.values()}


def test_curated_panel_assignment_does_not_duplicate_the_contribution(dataset: Any) -> None:
    labels = query(as_source(dataset), """SELECT ?label (COUNT(DISTINCT ?c) AS ?n) WHERE {
        ?c a idm:Contribution ; rdfs:label ?label FILTER(lang(?label) = "en") }
        GROUP BY ?label HAVING (COUNT(DISTINCT ?c) > 1)""")
    assert len(labels) == 0, labels.as_dicts()
    kinds = {r["kind"]: r for r in query(as_source(dataset),
                                          "contributions-by-organisation-kind").as_dicts()}
    assert kinds["foundation"]["contributions"] == kinds["foundation"]["speakers"]
    rows = {r["person"]: r["panel"]
            for r in query(as_source(dataset), "speakers-by-panel").as_dicts()}
    for person, panel in CURATED_PANELS.items():
        assert rows[person] == panel
    remittances_at_7 = query(as_source(dataset), """SELECT DISTINCT ?name WHERE {
        ?c idm:atEvent ?panel ; schema:about ?theme ; schema:agent/schema:name ?name .
        ?theme skos:prefLabel ?l FILTER(STRSTARTS(STR(?l), "remittances"))
        ?panel a idm:Panel ; idm:panelNumber 7 }""").as_dicts()
    assert {"name": "Leon Isaacs"} in remittances_at_7
