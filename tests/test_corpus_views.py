"""Views of a corpus: one link per session and theme, organisation, or objective, weighted by
the facts behind it; drawn for builds of two sessions or more, and alone above
``NODE_VIEWS_UP_TO`` documents.

The weights are checked against counts made here by walking the rdflib graph, not by SPARQL.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from conftest import as_source
from idm_graph import build
from idm_graph.core.resources import default_source
from idm_graph.core.vocab import IDM, OA, SDO, THEME
from idm_graph.views import render, site
from idm_graph.views.project import project, short_id, view_names

pytestmark = pytest.mark.corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The bundled French summary and an English one of another session, views drawn."""
    out = tmp_path_factory.mktemp("two-views")
    return build([default_source(), FIXTURES / "idm-2023-s1.en.md"], out=out)


def _session_of(data: Dataset, node: URIRef) -> set[URIRef]:
    """The sessions whose summaries give evidence for ``node``."""
    found = set()
    for annotation in data.subjects(OA.hasBody, node):
        for target in data.objects(annotation, OA.hasTarget):
            for source in data.objects(target, OA.hasSource):
                found |= {s for s in data.objects(source, SDO.about)
                          if (s, RDF.type, IDM.DialogueSession) in data}
    return found


def _weights(graph: Any) -> dict[tuple[str, str], int]:
    return {(a, b): int(d["weight"]) for a, b, d in graph.edges(data=True)}


def test_a_build_of_two_sessions_draws_the_session_views_too(two: Any) -> None:
    drawn = sorted(p.stem for p in (two.out / "views").glob("*.html"))
    assert set(view_names("corpus")) <= set(drawn)
    assert set(view_names("document")) <= set(drawn)
    index = (two.out / "views" / "index.html").read_text(encoding="utf-8")
    assert all(f"{view}.html" in index for view in view_names("corpus"))


def test_sessions_themes_weights_count_the_items_on_each_theme(two: Any) -> None:
    data = two.dataset
    expected: Counter[tuple[str, str]] = Counter()
    for item, theme in data.subject_objects(SDO.about):
        if (theme, SKOS.inScheme, THEME.themes) not in data:
            continue
        for session in _session_of(data, item):
            expected[(short_id(str(session)), short_id(str(theme)))] += 1
    top = {}  # the view keeps the three heaviest themes of each session
    for session in {a for a, _ in expected}:
        ranked = sorted((key for key in expected if key[0] == session),
                        key=lambda key: (-expected[key], key[1]))
        top.update({key: expected[key] for key in ranked[:3]})
    graph = project(as_source(data), "sessions-themes")
    assert _weights(graph) == top
    assert len(top) == 6  # both sessions
    assert max(expected.values()) > 1
    assert len(expected) > len(top)


def test_objectives_sessions_weights_and_basis(two: Any) -> None:
    data = two.dataset
    links: dict[tuple[str, str], set[str]] = {}
    for link in data.subjects(RDF.type, IDM.ObjectiveLink):
        objective = data.value(link, IDM.objective)
        basis = str(data.value(data.value(link, IDM.basis), SKOS.notation))
        for session in _session_of(data, link):
            links.setdefault((short_id(str(session)), short_id(str(objective))), set()).add(
                f"{basis} {link}")
    graph = project(as_source(data), "objectives-sessions")
    assert _weights(graph) == {key: len(found) for key, found in links.items()}
    for a, b, d in graph.edges(data=True):
        explicit = any(x.startswith("explicit ") for x in links[(a, b)])
        assert d["basis"] == ("explicit" if explicit else "curated")


def test_organisations_sessions_links_organisations_to_the_sessions_they_spoke_in(
        two: Any) -> None:
    graph = project(two.store(), "organisations-sessions")
    assert graph.number_of_edges() > 0
    for a, b, d in graph.edges(data=True):
        assert graph.nodes[a]["type"] == "Organization"
        assert graph.nodes[b]["type"] == "Session"
        assert d["weight"] >= 1


def test_above_the_limit_only_the_session_views_are_drawn(two: Any,
                                                          monkeypatch: Any) -> None:
    assert site.drawn_views(two.store()) == [*view_names("document"),
                                               *view_names("corpus")]
    monkeypatch.setattr(site, "NODE_VIEWS_UP_TO", 1)
    assert site.drawn_views(two.store()) == list(view_names("corpus"))


def test_one_session_draws_no_session_view(dataset: Dataset) -> None:
    assert site.drawn_views(as_source(dataset)) == list(view_names("document"))


def test_aggregated_links_are_drawn_as_thick_as_their_weight(two: Any) -> None:
    page = (two.out / "views" / "sessions-themes.html").read_text(encoding="utf-8")
    assert '"weight":' in page
    graph = project(two.store(), "sessions-themes")
    html = render.render_html(graph, title="t", description="d")
    widths = {float(re.match(r"[\d.]+", part).group()) for part in html.split('"width":')[1:]}
    assert len(widths) > 2  # widths vary with the weight
