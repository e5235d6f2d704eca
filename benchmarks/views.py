"""Time to interactive and label overlaps of a build's views, in headless Chromium.

    idm-graph build --out /tmp/demo
    python benchmarks/views.py /tmp/demo/views

Opens every ``*.html`` view of the folder (the index and the evidence readers aside) at
1600×1000 in Debian's Chromium, and prints, per view: nodes, seconds from navigation until
the page says it is ready (``window.idmReady``: layout done, starting zoom set), the
starting zoom, and how many pairs of node labels overlap (their boxes as vis-network drew
them, in canvas coordinates, so the count does not depend on the zoom).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

#: The label box of every node, where vis-network draws it: [id, left, top, width, height].
LABEL_BOXES = """(function () { var out = []; var nodes = window.idmNetwork.body.nodes;
  var ctx = window.idmNetwork.canvas.getContext();
  Object.keys(nodes).forEach(function (id) { var n = nodes[id];
    if (!n.options.label || n.options.hidden) return;
    // also the nodes off screen, never drawn: below the shape, or inside a box or ellipse
    n.updateBoundingBox(ctx, false, false);
    if (["box", "ellipse", "circle", "database", "text"].indexOf(n.options.shape) >= 0) {
      n.labelModule.calculateLabelSize(ctx, false, false, n.x, n.y, "middle"); }
    var s = n.labelModule.size;
    out.push([id, s.left, s.top, s.width, s.height]); }); return out; })()"""


def overlaps(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes intersect (a sweep over the boxes sorted by left edge).

    >>> overlaps([["a", 0, 0, 10, 5], ["b", 5, 2, 10, 5], ["c", 20, 0, 5, 5]])
    [('a', 'b')]
    """
    ordered = sorted(boxes, key=lambda b: (b[1], b[0]))
    found = []
    for i, (a, left, top, width, height) in enumerate(ordered):
        for b, left2, top2, _width2, height2 in ordered[i + 1 :]:
            if left2 >= left + width:
                break
            if top < top2 + height2 and top2 < top + height:
                found.append((a, b))
    return found


def main() -> None:
    """Print one line per view."""
    from playwright.sync_api import sync_playwright

    folder = Path(sys.argv[1])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    pages = sorted(p for p in folder.glob("*.html")
                   if p.name != "index.html" and not p.name.startswith("text-"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox", "--disable-gpu"])
        for path in pages:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.idmReady === true", timeout=600_000, polling=50)
            seconds = time.perf_counter() - start
            boxes = page.evaluate(LABEL_BOXES)
            scale = page.evaluate("window.idmNetwork.getScale()")
            print(f"{path.stem:20} {len(boxes):6} nodes {seconds:7.2f} s to interactive"
                  f"  zoom {scale:.2f}  {len(overlaps(boxes))} overlapping labels", flush=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
