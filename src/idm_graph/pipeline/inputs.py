"""The inputs of a build: the source files a path names, and one source read into a record
(its document, extracted facts, curation and metadata).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from idm_graph.core.errors import InputError
from idm_graph.core.resources import default_source
from idm_graph.core.vocab import slug
from idm_graph.extract import extract
from idm_graph.extract.curation import curation_file, load_curation
from idm_graph.graph.encode import (
    SourceRecord,
)
from idm_graph.text.document import SUFFIXES, load_document

__all__ = ["collect_sources", "read_source", "skipped_files"]


def collect_sources(paths: Sequence[Path | str] | None) -> list[Path]:
    """Source files from files and directories (``.md``/``.txt``); default: the bundled one."""
    if not paths:
        return [default_source()]
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir()
                            if p.suffix.lower() in SUFFIXES and p.is_file())
            if not inside:
                raise InputError(str(path), "directory holds no document (.md, .txt, .pdf, .html)")
            found.extend(inside)
        else:
            found.append(path)
    seen: dict[str, Path] = {}
    unique: list[Path] = []
    for path in found:  # two files, one key: their resources would merge into one
        key = slug(path.name[: -len(path.suffix)] if path.suffix else path.name)
        if key in seen:
            if seen[key].resolve() == path.resolve():
                continue  # the same file named twice
            raise InputError(f"{seen[key]} and {path}",
                             f"both name the document {key!r} (the file name without its "
                             "suffix); rename one of them")
        seen[key] = path
        unique.append(path)
    return unique


def skipped_files(paths: Sequence[Path | str] | None) -> list[Path]:
    """Files of the given directories that a build does not read (not ``.md``/``.txt``,
    and not a document's ``KEY.meta.yaml`` metadata, which it does read).
    """
    skipped: list[Path] = []
    for raw in paths or ():
        path = Path(raw)
        if path.is_dir():
            skipped += sorted(p for p in path.iterdir() if p.is_file() and
                              p.suffix.lower() not in SUFFIXES and not p.name.startswith(".")
                              and not p.name.endswith(".meta.yaml"))
    return skipped


def read_source(path: Path, *, curation: bool | Path = True) -> SourceRecord:
    """Load, extract and curate one document."""
    document = load_document(path)
    facts = extract(document)
    record = SourceRecord(document, facts, metadata=_metadata(path, document.key))
    chosen = curation_file(path, document.key, curation)
    if chosen is not None:
        curated, digest = load_curation(chosen, document, facts)
        record.curated, record.curation_path, record.curation_sha256 = (
            curated, chosen, digest)
    return record


def _metadata(path: Path, key: str) -> dict[str, Any]:
    sidecar = path.with_name(f"{key}.meta.yaml")
    if not sidecar.is_file():
        return {}
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(str(sidecar), f"malformed metadata: {str(exc).splitlines()[0]}") \
            from None
    if not isinstance(data, dict):
        raise InputError(str(sidecar), "metadata must be a mapping")
    return data
