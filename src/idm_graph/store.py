"""Reading built graphs back: a file in any export format, or a build directory.

>>> from idm_graph.errors import InputError
>>> try:
...     load("no/such/file.ttl")
... except InputError as exc:
...     print(exc)
no/such/file.ttl: no such file or directory
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from idm_graph.errors import InputError
from idm_graph.vocab import bind_prefixes

__all__ = ["PARSERS", "load", "resolve_data"]

#: file suffix → rdflib parser
PARSERS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
           ".jsonld": "json-ld", ".json": "json-ld"}
_BUILD_FILES = ("idm.trig", "idm.nq", "idm.ttl", "idm.jsonld")


def resolve_data(path: Path | str) -> Path:
    """The graph file for ``path``: the file itself, or the best file of a build directory."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if path.is_dir():
        for name in _BUILD_FILES:
            if (path / name).is_file():
                return path / name
        raise InputError(str(path), "directory holds no built graph "
                                    f"({', '.join(_BUILD_FILES)}); run 'idm-graph build'")
    if path.suffix.lower() not in PARSERS:
        raise InputError(str(path), f"unknown graph format {path.suffix!r}; expected one of "
                                    f"{', '.join(PARSERS)}")
    return path


def load(path: Path | str) -> Dataset:
    """Read a graph file or build directory into a dataset (named graphs kept)."""
    file = resolve_data(path)
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    try:
        dataset.parse(file, format=PARSERS[file.suffix.lower()])
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        raise InputError(str(file), f"not a valid {PARSERS[file.suffix.lower()]} file: "
                                    f"{message}") from None
    return dataset
