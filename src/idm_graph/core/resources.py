"""Where the project's data files are: ontology, bundled sources, curation, queries, templates.

In a source checkout they are read from the repository (``ontology/``, ``data/``); an
installed wheel carries the same files under ``idm_graph/_bundled``.

>>> ontology_file("idm.ttl").name
'idm.ttl'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = [
    "DEFAULT_SOURCE",
    "curation_dir",
    "default_source",
    "ontology_file",
    "package_file",
    "sources_dir",
]

_PACKAGE = Path(__file__).resolve().parents[1]  # src/idm_graph: this file is in core/
DEFAULT_SOURCE = "idm-2021-s2.fr.md"


@cache
def _root(kind: str) -> Path:
    bundled = _PACKAGE / "_bundled" / kind
    if bundled.is_dir():
        return bundled
    repo = _PACKAGE.parent.parent
    return repo / ("ontology" if kind == "ontology" else f"data/{kind}")


def ontology_file(name: str) -> Path:
    """A file of ``ontology/`` (``idm.ttl``, ``gcm.ttl``, ``themes.ttl``, ``shapes.ttl``…)."""
    return _root("ontology") / name


def sources_dir() -> Path:
    """The directory of bundled source documents."""
    return _root("sources")


def default_source() -> Path:
    """The bundled default document (IDM 2021, second session, French)."""
    return sources_dir() / DEFAULT_SOURCE


def curation_dir() -> Path:
    """The directory of bundled curation files."""
    return _root("curation")


def package_file(*parts: str) -> Path:
    """A data file shipped inside the package (queries, templates, gazetteers)."""
    return _PACKAGE.joinpath(*parts)
