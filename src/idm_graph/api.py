"""The public build: the pipeline and the views, as ``idm_graph.build`` and ``idm-graph build``
run it. The pipeline (floor 4) knows nothing of the views (floor 5); this module, above both,
hands it the views as one more output to stage beside the graph files.

>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp()) / "out"
>>> result = build(out=out)
>>> sorted(p.name for p in (out / "views").glob("*.html"))[:3]
['actors.html', 'full.html', 'index.html']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from idm_graph.core.vocab import BASE
from idm_graph.pipeline.build import BuildResult
from idm_graph.pipeline.build import build as build_graph

__all__ = ["build"]


def build(sources: Sequence[Path | str] | None = None, *, out: Path | str | None = None,
          base: str = BASE, curation: bool | Path = True, views: bool = True,
          check: bool = True, lang: str = "fr", store: str | None = None,
          workers: int | None = None,
          progress: Callable[[int, int], None] | None = None,
          stage: Callable[[str], None] | None = None,
          without: Sequence[str] = ()) -> BuildResult:
    """Build the graph of ``sources`` (default: the bundled document) and, with ``out``, write
    its files and, when ``views``, its views in ``lang`` (see :func:`pipeline.build`).
    """
    outputs = []
    if views:
        from idm_graph.views.site import views_output

        outputs.append(views_output(lang))
    return build_graph(sources, out=out, base=base, curation=curation, check=check,
                       store=store, workers=workers, progress=progress, stage=stage,
                       outputs=outputs, without=without)
