"""idm-graph: knowledge graphs of IOM International Dialogue on Migration summaries.

The public API, for notebooks and scripts (imported lazily, so ``import idm_graph`` is cheap):

- :func:`build` — documents (and their curation) → a graph, optionally written to a directory;
- :func:`load` — read a built graph (file or build directory) back;
- :func:`query` — run a named query or SPARQL text, rows as dicts;
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
    "load": "idm_graph.querying.store",
    "query": "idm_graph.querying.sparql",
    "validate": "idm_graph.graph.shacl",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'idm_graph' has no attribute {name!r}")
