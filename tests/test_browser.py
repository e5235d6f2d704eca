"""The HTML views in a real headless Chromium (Debian's, installed by `make test`).

Each view must load from a file URL with no request leaving the page and no console error,
hold as many vis nodes as the projection, show its legend; an injected label must show as
text. A PNG screenshot of each view is saved in tests/output/ to look at.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from idm_graph.views.project import project, view_names
from idm_graph.views.render import COLOURS, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("window.idmNetwork !== undefined", timeout=30_000)
    page.wait_for_timeout(2_500)
    return page, requests, problems


@pytest.mark.parametrize("view", list(view_names("document")))
def test_view_loads_offline(browser: Any, built: Any, output_dir: Path, view: str) -> None:
    path = built.out / "views" / f"{view}.html"
    page, requests, problems = open_page(browser, path)
    assert requests == [path.as_uri()]
    assert problems == []
    graph = project(built.store(), view)
    assert page.evaluate("window.idmNetwork.body.data.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("window.idmNetwork.body.data.edges.length") == graph.number_of_edges()
    legend = page.locator("#legend label:not(.edge-kind)")  # one per node type
    groups = {d["type"] if d["type"] in COLOURS else "other" for _, d in graph.nodes(data=True)}
    assert legend.count() == len(groups)  # types without a colour share one "other" entry
    assert page.locator("#legend").is_visible()
    page.screenshot(path=str(output_dir / f"view-{view}.png"))
    page.close()


def test_search_selects_a_node(browser: Any, built: Any) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    page.fill("#search", "Leon Isaacs")
    page.dispatch_event("#search", "change")
    assert page.evaluate("window.idmNetwork.getSelectedNodes()") == ["person/leon-isaacs"]
    page.uncheck('#legend input[data-group="Theme"]')
    visible = page.evaluate("window.idmNetwork.body.data.nodes.length")
    assert visible == project(built.store(), "speakers-themes").number_of_nodes() - sum(
        1 for _, d in project(built.store(), "speakers-themes").nodes(data=True)
        if d["type"] == "Theme")
    assert problems == []
    page.close()


def test_injected_label_shows_as_text(browser: Any, tmp_path: Path, output_dir: Path) -> None:
    evil = "<img src=x onerror=alert(1)>"
    graph = nx.MultiDiGraph(view="test")
    graph.add_node("n1", label=evil, label_fr=evil, label_en=evil, type="Person",
                   short_id="n1", evidence=1, role=evil, organisation="", quote=evil)
    graph.add_node("n2", label="B", label_fr="B", label_en="B", type="Theme", short_id="n2",
                   evidence=0, role="", organisation="", quote="")
    graph.add_edge("n1", "n2", key="schema:about", predicate="schema:about", basis="explicit")
    path = tmp_path / "evil.html"
    path.write_text(render_html(graph, title=evil, description=evil), encoding="utf-8")
    page, requests, problems = open_page(browser, path)
    assert requests == [path.as_uri()]
    assert problems == []
    assert page.locator("img").count() == 0
    assert page.locator("h1").inner_text() == evil
    assert page.evaluate("window.idmNetwork.body.data.nodes.get('n1').label") == evil
    tooltip = page.evaluate("window.idmNetwork.body.data.nodes.get('n1').title.textContent")
    assert evil in tooltip
    page.screenshot(path=str(output_dir / "view-injected-label.png"))
    page.close()


# ------------------------------------------------------------------ the explorer (issue 13)

def _ready(page: Any) -> None:
    page.wait_for_function("window.idmReady === true", timeout=60_000)


def _click_node(page: Any, node: str) -> None:
    """A real mouse click on the node's place on the canvas."""
    page.evaluate(f"window.idmNetwork.focus({node!r}, {{scale: 1.0}})")
    page.wait_for_timeout(200)
    box = page.locator("#network canvas").bounding_box()
    point = page.evaluate(f"(function () {{ var p = window.idmNetwork.getPositions([{node!r}])"
                          f"[{node!r}]; return window.idmNetwork.canvasToDOM(p); }})()")
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_timeout(300)


def test_click_opens_the_details_panel_with_every_quote(browser: Any, built: Any) -> None:
    page, requests, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    _click_node(page, "person/amy-pope")
    assert page.evaluate("window.idmNetwork.getSelectedNodes()") == ["person/amy-pope"]
    panel = page.locator("#panel")
    assert panel.is_visible()
    text = panel.inner_text()
    assert "Amy Pope" in text
    assert "« Mme Amy Pope »" in text
    assert "s3.p17.t1" in text  # sentence id
    assert "7251–7263" in text  # offsets
    assert "modération" in text.lower()  # the edges by kind, named in the page's language
    assert page.evaluate("window.getSelection().selectAllChildren(document.getElementById("
                         "'panel')) || window.getSelection().toString().length") > 50
    assert all(url.startswith("file://") for url in requests)
    assert problems == []
    page.close()


def test_search_finds_a_part_of_a_name_without_accents_or_case(browser: Any,
                                                               built: Any) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    page.fill("#search", "isaacs")
    page.dispatch_event("#search", "input")
    suggestions = page.locator("#suggest li")
    assert suggestions.count() >= 1
    assert "Leon Isaacs" in suggestions.first.inner_text()
    page.press("#search", "Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("window.idmNetwork.getSelectedNodes()") == ["person/leon-isaacs"]
    page.fill("#search", "RAMIREZ")
    page.dispatch_event("#search", "input")
    assert "Marta-Lucía Ramírez" in page.locator("#suggest li").first.inner_text()
    dimmed = page.evaluate("window.idmNetwork.body.data.nodes.get().filter("
                           "function (n) { return n.opacity < 1; }).length")
    assert dimmed > 0  # the neighbourhood of the selection stands out
    assert problems == []
    page.close()


def test_filters_change_the_counts(browser: Any, built: Any) -> None:
    graph = project(built.store(), "speakers-themes")
    page, _, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    total = f"{graph.number_of_nodes()} nœuds · {graph.number_of_edges()} liens"
    assert page.evaluate("window.idmCounts()") == total
    themes = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Theme")
    about = sum(1 for _, _, k in graph.edges(keys=True) if k == "schema:about")
    page.uncheck('#legend input[data-group="Theme"]')
    assert page.evaluate("window.idmCounts()") == (
        f"{graph.number_of_nodes() - themes} nœuds · {graph.number_of_edges() - about} liens")
    page.check('#legend input[data-group="Theme"]')
    page.uncheck('#legend input[data-kind="schema:about"]')
    assert page.evaluate("window.idmCounts()") == (
        f"{graph.number_of_nodes()} nœuds · {graph.number_of_edges() - about} liens")
    assert "porte sur (0)" in page.locator("#legend").inner_text()
    assert problems == []
    page.close()


def test_text_and_graph_are_linked_both_ways(browser: Any, built: Any,
                                             output_dir: Path) -> None:
    page, requests, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    page.evaluate("window.idmChoose('person/amy-pope')")
    page.locator("#panel a").first.click()  # "voir dans le texte"
    page.wait_for_url("**/text-idm-2021-s2-fr.html#node=*", timeout=30_000)
    page.wait_for_selector(".seg.hit", timeout=30_000)
    hits = page.locator(".seg.hit")
    assert hits.count() >= 1
    assert "Amy Pope" in hits.first.inner_text()
    assert "Amy Pope" in page.locator("#facts").inner_text()
    page.screenshot(path=str(output_dir / "evidence-reader.png"))
    page.locator("#facts a").first.click()  # "ouvrir dans le graphe"
    page.wait_for_url("**/full.html#node=*", timeout=30_000)
    page.wait_for_selector("#panel:not([hidden])", timeout=60_000)
    assert "Amy Pope" in page.locator("#panel").inner_text()
    assert all(url.startswith("file://") for url in requests)
    assert problems == []
    page.close()


def test_the_query_page_of_serve_runs_a_named_query_offline(browser: Any, built: Any) -> None:
    from conftest import start_serve, stop, wait_for

    process, port = start_serve(built.out)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, seconds=60)
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"http://127.0.0.1:{port}/")
        assert "PREFIX idm:" in page.input_value("#text")
        page.select_option("#named", "persons")
        assert "schema:Person" in page.input_value("#text")
        page.click("#run")
        page.wait_for_selector("#result table", timeout=30_000)
        assert page.locator("#result tr").count() == 11  # the header and ten persons
        assert "Amy Pope" in page.locator("#result").inner_text()
        # literals read as values: no « Conclusion 3@fr »; the language is a small mark
        # where a column holds more than one
        page.fill("#text", "SELECT ?label ?title WHERE { ?c a idm:Conclusion ; rdfs:label "
                           "?label . ?o skos:inScheme gcm:objectives ; skos:notation \"19\" ; "
                           "skos:prefLabel ?title } ORDER BY ?label ?title")
        page.click("#run")
        page.wait_for_selector("#result table", timeout=30_000)  # the click emptied it
        cells = page.locator("#result td").all_inner_texts()
        assert any(c.startswith("Conclusion 3") for c in cells)
        assert not any(re.search(r"@[a-z]{2}$", c) for c in cells), cells
        marks = page.locator("#result td .lang").all_inner_texts()
        assert set(marks) == {"en", "fr"}
        assert all(url.startswith(f"http://127.0.0.1:{port}/") for url in requests), requests
        page.close()
    finally:
        stop(process)


def test_speakers_themes_reads_left_to_right_without_overlap(browser: Any, built: Any,
                                                             output_dir: Path) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    nodes = page.evaluate("(function () { var n = window.idmNetwork.body.data.nodes.get();"
                          " var p = window.idmNetwork.getPositions(); return n.map(function"
                          " (x) { return [x.group, p[x.id].x, p[x.id].y]; }); })()")
    speakers = [(x, y) for group, x, y in nodes if group in ("Person", "Delegation")]
    themes = [(x, y) for group, x, y in nodes if group == "Theme"]
    assert max(x for x, _ in speakers) < min(x for x, _ in themes)
    for column in (speakers, themes):
        ys = sorted(y for _, y in column)
        assert min(b - a for a, b in itertools.pairwise(ys)) >= 50  # room for a label
    assert _outside_the_window(page, page.evaluate(_benchmark().LABEL_BOXES)) == []
    page.screenshot(path=str(output_dir / "view-speakers-themes-columns.png"))
    assert problems == []
    page.close()


def test_objectives_in_one_column_with_room_around_19_and_20(browser: Any, built: Any,
                                                             output_dir: Path) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "objectives.html")
    _ready(page)
    positions = page.evaluate("window.idmNetwork.getPositions()")
    objectives = sorted((p["y"], n) for n, p in positions.items() if n.startswith("gcm:objective-"))
    assert [n for _, n in objectives] == [f"gcm:objective-{i}" for i in range(1, 24)]
    assert len({round(positions[n]["x"]) for _, n in objectives}) == 1
    ys = [y for y, _ in objectives]
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    assert min(gaps) >= 50
    assert gaps[18] >= 100  # between 19 and 20, drawn larger
    page.screenshot(path=str(output_dir / "view-objectives-columns.png"))
    assert problems == []
    page.close()


def _benchmark() -> Any:
    """benchmarks/views.py, whose label measure the test uses as is."""
    import importlib.util

    path = Path(__file__).parents[1] / "benchmarks" / "views.py"
    spec = importlib.util.spec_from_file_location("views_benchmark", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outside_the_window(page: Any, boxes: list[list[Any]]) -> list[str]:
    """The nodes whose label box (canvas coordinates) is not wholly within the drawing's
    area on the screen."""
    rect = page.evaluate("(function () { var r = document.getElementById('network')"
                         ".getBoundingClientRect(); return [r.width, r.height]; })()")
    outside = []
    for node, left, top, width, height in boxes:
        corners = page.evaluate(f"[window.idmNetwork.canvasToDOM({{x: {left}, y: {top}}}), "
                                f"window.idmNetwork.canvasToDOM({{x: {left + width}, "
                                f"y: {top + height}}})]")
        (a, b) = corners
        if a["x"] < -1 or a["y"] < -1 or b["x"] > rect[0] + 1 or b["y"] > rect[1] + 1:
            outside.append(node)
    return outside


@pytest.mark.parametrize("view", [*view_names("document"), "ego"])
def test_no_two_labels_overlap(browser: Any, built: Any, tmp_path: Path, output_dir: Path,
                               view: str) -> None:
    """Every label's box as vis-network draws it (off-screen nodes too) is clear of every
    other: the full and actors views in layered columns, the ego view in three columns.
    """
    path = built.out / "views" / f"{view}.html"
    if view == "ego":
        path = tmp_path / "ego.html"
        graph = project(built.store(), "ego", focus="diaspora")
        assert graph.graph["focus"] == "theme:diaspora"
        assert not any(d["type"] == "Resource" for _, d in graph.nodes(data=True))  # no tags
        path.write_text(render_html(graph, title="ego", description="d"), encoding="utf-8")
    page, _, problems = open_page(browser, path)
    _ready(page)
    measure = _benchmark()
    boxes = page.evaluate(measure.LABEL_BOXES)
    assert len(boxes) == page.evaluate("window.idmNetwork.body.data.nodes.length")
    assert measure.overlaps(boxes) == []
    assert _outside_the_window(page, boxes) == []  # fitted on load: nothing clipped
    page.screenshot(path=str(output_dir / f"view-{view}-layout.png"))
    assert problems == []
    page.close()


@pytest.fixture(scope="module")
def two_sessions(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from idm_graph import build
    from idm_graph.core.resources import default_source

    fixture = Path(__file__).resolve().parent / "fixtures" / "idm-2023-s1.en.md"
    return build([default_source(), fixture], out=tmp_path_factory.mktemp("two-browser"))


@pytest.mark.parametrize("view", list(view_names("corpus")))
def test_session_views_of_a_corpus_have_no_overlapping_label(browser: Any, two_sessions: Any,
                                                             output_dir: Path,
                                                             view: str) -> None:
    page, requests, problems = open_page(browser, two_sessions.out / "views" / f"{view}.html")
    _ready(page)
    measure = _benchmark()
    boxes = page.evaluate(measure.LABEL_BOXES)
    assert len(boxes) == project(two_sessions.store(), view).number_of_nodes() > 2
    assert measure.overlaps(boxes) == []
    widths = page.evaluate("window.idmNetwork.body.data.edges.get().map(function (e) "
                           "{ return e.width; })")
    assert all(1.0 <= w <= 6.0 for w in widths)
    page.screenshot(path=str(output_dir / f"view-{view}.png"))
    assert len(requests) == 1
    assert problems == []
    page.close()


def test_speakers_themes_of_a_readout_shows_speakers_with_their_themes(
        browser: Any, tmp_path: Path, output_dir: Path) -> None:
    """A report that is not an IDM summary (our readout fixture): its speakers and the
    delegations taking part are drawn, each linked through its contribution to themes."""
    from conftest import FIXTURES
    from idm_graph import build

    result = build([FIXTURES / "reports.en.md"], out=tmp_path / "out", curation=False)
    page, requests, problems = open_page(browser, tmp_path / "out" / "views" /
                                         "speakers-themes.html")
    _ready(page)
    nodes = page.evaluate("window.idmNetwork.body.data.nodes.get().map(function (n) "
                          "{ return [n.group, n.label]; })")
    edges = page.evaluate("window.idmNetwork.body.data.edges.get().length")
    labels = {label for group, label in nodes if group in ("Person", "Delegation")}
    assert {"Mara Quillfeather", "Ines Korrvald", "Liam Ostrander", "Pablo Entrena"} <= labels
    assert sum(1 for group, _ in nodes if group == "Delegation") == 4
    assert sum(1 for group, _ in nodes if group == "Theme") >= 10
    graph = project(result.store(), "speakers-themes")
    assert edges == graph.number_of_edges()
    for speaker in ("Mara Quillfeather", "Liam Ostrander"):  # speaker → contribution → theme
        node = next(n for n, d in graph.nodes(data=True) if d.get("label") == speaker)
        reach = nx.descendants(graph, node)
        assert any(graph.nodes[n].get("type") == "Theme" for n in reach), speaker
    assert requests == [(tmp_path / "out" / "views" / "speakers-themes.html").as_uri()]
    assert problems == []
    page.screenshot(path=str(output_dir / "view-speakers-themes-readout.png"))
    page.close()


def test_choosing_a_node_fades_the_edges_and_labels_outside_its_neighbourhood(
        browser: Any, built: Any) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "actors.html")
    _ready(page)
    node = page.evaluate("window.idmNetwork.body.data.nodes.get().filter(function (n) "
                         "{ return n.group === 'Person'; })[0].id")
    page.evaluate(f"window.idmChoose({node!r})")
    near = page.evaluate(f"window.idmNetwork.getConnectedEdges({node!r}).length")
    total = page.evaluate("window.idmNetwork.body.data.edges.length")
    neighbours = page.evaluate(f"window.idmNetwork.getConnectedNodes({node!r}).length")
    nodes = page.evaluate("window.idmNetwork.body.data.nodes.length")
    dimmed = page.evaluate("window.idmDimmed()")
    assert dimmed["edges"] == total - near
    assert dimmed["labels"] == nodes - 1 - neighbours
    page.mouse.click(5, 300)  # an empty place: everything comes back
    page.wait_for_timeout(300)
    assert page.evaluate("window.idmDimmed()") == {"edges": 0, "labels": 0}
    assert problems == []
    page.close()


def test_the_details_panel_leaves_the_selection_visible(browser: Any, built: Any) -> None:
    page, _, problems = open_page(browser, built.out / "views" / "speakers-themes.html")
    _ready(page)
    node = page.evaluate("window.idmNetwork.body.data.nodes.get().filter(function (n) "
                         "{ return n.group === 'Person'; })[0].id")
    page.evaluate(f"window.idmChoose({node!r})")
    for _ in range(50):  # the page's CSP forbids wait_for_function's eval: poll
        if page.evaluate("window.idmFitted") == node:
            break
        page.wait_for_timeout(100)
    panel = page.locator("#panel").bounding_box()
    canvas = page.locator("#network canvas").bounding_box()
    ids = page.evaluate(f"[{node!r}].concat(window.idmNetwork.getConnectedNodes({node!r}))")
    for other in ids:
        x, y = page.evaluate(f"(function () {{ var p = window.idmNetwork.getPositions("
                             f"[{other!r}])[{other!r}]; var d = window.idmNetwork."
                             f"canvasToDOM(p); return [d.x, d.y]; }})()")
        assert 0 <= x <= panel["x"] - canvas["x"], other  # left of the panel
        assert 0 <= y <= canvas["height"], other
    assert problems == []
    page.close()


def test_a_curators_rationale_is_shown_as_written_with_its_language(browser: Any,
                                                                    built: Any) -> None:
    """The bundled curation's rationales are in English; on the French page the panel shows
    them as written, tagged lang="en" and marked « en »."""
    page, _, problems = open_page(browser, built.out / "views" / "objectives.html")
    _ready(page)
    panel = page.evaluate("window.idmNetwork.body.data.nodes.get().filter(function (n) {"
                          " return /panel\\/7$/.test(n.id); }).map(function (n) {"
                          " return n.id; })")
    assert panel, "panel 7 is in the objectives view"
    page.evaluate(f"window.idmChoose({panel[0]!r})")
    why = page.locator("#panel .rationale")
    assert why.count() >= 1
    assert why.first.get_attribute("lang") == "en"
    assert "Objective 19" in " ".join(why.all_inner_texts())  # as the curator wrote it
    assert set(page.locator("#panel .langmark").all_inner_texts()) == {"en"}
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert problems == []
    page.close()


def test_the_evidence_reader_lets_the_reader_choose_what_to_highlight(
        browser: Any, built: Any, output_dir: Path) -> None:
    """Persons, organisations, countries and objectives are highlighted on opening, theme
    terms and the sentence-long kinds are not; each kind shows its number of passages and a
    tick switches it."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.goto((built.out / "views" / "text-idm-2021-s2-fr.html").as_uri())
    page.wait_for_selector("#legend input", timeout=60_000)
    assert page.evaluate("window.idmReaderReady") is True
    boxes = page.locator("#legend input")
    kinds = {boxes.nth(i).get_attribute("data-kind"): boxes.nth(i).is_checked()
             for i in range(boxes.count())}
    assert {k for k, checked in kinds.items() if checked} == {
        "Person", "Delegation", "Organization", "Country", "Objective"}
    assert kinds["Theme"] is False
    legend = page.locator("#legend").inner_text()
    assert re.search(r"personne \(\d+\)", legend), legend
    lit, whole = page.evaluate("window.idmHighlighted()")
    assert lit < whole * 0.25, (lit, whole)  # not nearly the whole text
    page.screenshot(path=str(output_dir / "evidence-reader-default.png"))
    page.check('#legend input[data-kind="Theme"]')
    more, _ = page.evaluate("window.idmHighlighted()")
    assert more > lit
    page.uncheck('#legend input[data-kind="Theme"]')
    assert page.evaluate("window.idmHighlighted()")[0] == lit
    assert problems == []
    page.close()
