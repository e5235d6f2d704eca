"""The HTML views in a real headless Chromium (Debian's, installed by `make test`).

Each view must load from a file URL with no request leaving the page and no console error,
hold as many vis nodes as the projection, show its legend; an injected label must show as
text. A PNG screenshot of each view is saved in tests/output/ to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from idm_graph.views.project import VIEWS, project
from idm_graph.views.render import render_html

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


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_loads_offline(browser: Any, built: Any, output_dir: Path, view: str) -> None:
    path = built.out / "views" / f"{view}.html"
    page, requests, problems = open_page(browser, path)
    assert requests == [path.as_uri()]
    assert problems == []
    graph = project(built.dataset, view)
    assert page.evaluate("window.idmNetwork.body.data.nodes.length") == graph.number_of_nodes()
    assert page.evaluate("window.idmNetwork.body.data.edges.length") == graph.number_of_edges()
    legend = page.locator("#legend label")
    assert legend.count() == len({d["type"] for _, d in graph.nodes(data=True)})
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
    assert visible == project(built.dataset, "speakers-themes").number_of_nodes() - sum(
        1 for _, d in project(built.dataset, "speakers-themes").nodes(data=True)
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
