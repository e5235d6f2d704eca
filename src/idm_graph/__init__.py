"""idm-graph: knowledge graphs of IOM International Dialogue on Migration summaries.

The public API, for notebooks and scripts (imported lazily, so ``import idm_graph`` is cheap):

- :func:`build` — documents (and their curation) → a graph, optionally written to a directory;
- :func:`load` — a built graph (file, build directory, ``oxigraph:PATH``) as a data source,
  in an in-memory Oxigraph store;
- :func:`query` — run a named query or SPARQL text on a data source (``load(…)``,
  ``build().store()``): rows (``.as_dicts()``), a boolean or triples;
- :func:`validate` — SHACL-validate a graph.

>>> import idm_graph
>>> idm_graph.__version__
'0.1.0'
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "build", "load", "query", "validate"]

_LAZY = {
    "build": "idm_graph.api",
    "load": "idm_graph.querying.data",
    "query": "idm_graph.querying.sparql",
    "validate": "idm_graph.graph.shacl",
}


#: public names whose function has another name in its module
_RENAMED = {"load": "open_source"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(_LAZY[name])
        return getattr(module, _RENAMED.get(name, name))
    raise AttributeError(f"module 'idm_graph' has no attribute {name!r}")
