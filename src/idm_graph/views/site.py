"""The views folder of a build: every drawn view, an evidence reader per document, and
``index.html`` linking them (above both the drawings, :mod:`~idm_graph.views.render`, and the
readers, :mod:`~idm_graph.views.reader`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from idm_graph.core.resources import package_file
from idm_graph.core.sources import DataSource, table
from idm_graph.core.vocab import slug
from idm_graph.graph.export import write_atomic
from idm_graph.querying.sparql import query
from idm_graph.text.document import Document
from idm_graph.views.project import view_description, view_empty, view_names, view_queries
from idm_graph.views.reader import write_reader
from idm_graph.views.render import write_view

__all__ = ["NODE_VIEWS_UP_TO", "Built", "drawn_views", "views_output", "write_views"]

#: Builds of more documents than this draw only the views of their sessions (the views of
#: every node stay one command away: ``idm-graph viz VIEW``).
NODE_VIEWS_UP_TO = 50


def write_views(data: DataSource, directory: Path, *, lang: str = "fr",
                documents: Sequence[Document] = (),
                notes: list[str] | None = None) -> list[Path]:
    """Write every view, an evidence reader per document in ``documents`` (their texts are
    needed: a graph holds quotes, not whole texts), and ``index.html`` linking them. A view
    with nothing to draw says why in its page and its row of the index, and in ``notes``.
    """
    written, rows = [], []
    readers: dict[str, str] = {}
    for document in documents:
        path = write_reader(data, document, directory, lang=lang)
        readers[slug(document.key)] = path.name
        written.append(path)
    for view in drawn_views(data):
        path, nodes, edges = write_view(data, view, directory / f"{view}.html", lang=lang,
                                        readers=readers)
        written.append(path)
        rows.append({"name": view, "file": path.name, "nodes": nodes, "edges": edges,
                     "description": view_description(view, lang),
                     "empty": view_empty(view, lang) if nodes == 0 else ""})
        if nodes == 0 and notes is not None:
            notes.append(f"view {view} has nothing to draw: {view_empty(view, 'en')}")
    written.append(_index(directory / "index.html", rows, lang, readers))
    return written


class Built(Protocol):
    """What the views read of a build (a :class:`~idm_graph.pipeline.result.BuildResult`):
    its graph as a data source, the documents it read, and its notes.
    """

    notes: list[str]

    @property
    def records(self) -> Sequence[Any]:
        """The documents' records (each has its ``document``)."""

    def store(self) -> DataSource:
        """The graph, queried on Oxigraph."""


def views_output(lang: str = "fr") -> Callable[[Built, Path], list[Path]]:
    """The views of a build as one of its outputs (``pipeline.build(outputs=[…])``): every
    drawn view, the evidence readers of its documents, ``views/index.html``.
    """
    def write(result: Built, folder: Path) -> list[Path]:
        return write_views(result.store(), folder / "views", lang=lang,
                           documents=[record.document for record in result.records],
                           notes=result.notes)

    return write


def drawn_views(data: DataSource) -> list[str]:
    """The views a build draws: those of its sessions (``# scope: corpus``) when it has two
    sessions or more, those of every node up to :data:`NODE_VIEWS_UP_TO` documents.
    """
    row = table(query(data, "documents-sessions", queries=view_queries()),
                "documents").rows[0]
    documents, sessions = int(str(row["docs"])), int(str(row["sessions"]))
    return [*(view_names("document") if documents <= NODE_VIEWS_UP_TO else ()),
            *(view_names("corpus") if sessions >= 2 else ())]


def _index(path: Path, rows: list[dict[str, Any]], lang: str,
           readers: dict[str, str] | None = None) -> Path:
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(package_file("views", "templates"))),
                      autoescape=True)
    intro = ("Vues interactives du graphe de connaissances (hors ligne, aucun accès réseau)."
             if lang == "fr" else "Interactive views of the knowledge graph (offline, no "
             "network access).")
    texts = [{"key": key, "file": name} for key, name in sorted((readers or {}).items())]
    page = env.get_template("index.html").render(
        title="idm-graph — vues" if lang == "fr" else "idm-graph — views", intro=intro,
        views=rows, lang=lang, texts=texts,
        heading=("Vue", "Nœuds", "Liens", "Ce qu'elle montre", "Textes annotés")
        if lang == "fr" else ("View", "Nodes", "Edges", "What it shows", "Annotated texts"),
        footer="Chaque page s'ouvre dans un navigateur ; chaque fichier est autonome."
        if lang == "fr" else "Open any page in a browser; each file is self-contained.")
    write_atomic(path, page.encode("utf-8"))
    return path

