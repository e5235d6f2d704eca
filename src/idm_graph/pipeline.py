"""The pipeline: documents → facts (extracted + curated) → RDF → SHACL → files.

>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp())
>>> result = build(out=out, views=False)
>>> sorted(p.name for p in result.files)
['idm.jsonld', 'idm.trig', 'idm.ttl']
>>> result.report.conforms
True
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset

from idm_graph.curation import find_curation, load_curation
from idm_graph.document import SUFFIXES, load_document
from idm_graph.encode import SourceRecord, encode
from idm_graph.errors import InputError, ShaclValidationError
from idm_graph.export import write_format
from idm_graph.extract import extract
from idm_graph.resources import curation_dir, default_source
from idm_graph.validate import Report, validate
from idm_graph.vocab import BASE

__all__ = ["OUTPUTS", "BuildResult", "build", "collect_sources", "read_source"]

#: The graph files every build writes: file name → export format.
OUTPUTS = {"idm.ttl": "turtle", "idm.trig": "trig", "idm.jsonld": "jsonld"}


@dataclass(slots=True)
class BuildResult:
    """What a build made: the dataset, its sources, the files written, the SHACL report."""

    dataset: Dataset
    records: list[SourceRecord]
    report: Report
    files: list[Path] = field(default_factory=list)
    out: Path | None = None

    def counts(self) -> dict[str, int]:
        """Number of extracted entities per kind, over all sources."""
        counts: dict[str, int] = {}
        for record in self.records:
            for entity in record.facts.entities.values():
                counts[entity.kind] = counts.get(entity.kind, 0) + 1
        return dict(sorted(counts.items()))


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
                raise InputError(str(path), "directory holds no .md or .txt document")
            found.extend(inside)
        else:
            found.append(path)
    return found


def read_source(path: Path, *, curation: bool | Path = True) -> SourceRecord:
    """Load, extract and curate one document."""
    document = load_document(path)
    facts = extract(document)
    record = SourceRecord(document, facts, metadata=_metadata(path, document.key))
    if curation is False:
        return record
    if isinstance(curation, Path):
        curation_file = curation if curation.is_file() else find_curation(document, [curation])
        if curation.exists() is False:
            raise InputError(str(curation), "no such curation file or directory")
    else:
        curation_file = find_curation(document, [path.parent.parent / "curation",
                                                 path.parent, curation_dir()])
    if curation_file is not None:
        curated, digest = load_curation(curation_file, document, facts)
        record.curated, record.curation_path, record.curation_sha256 = (
            curated, curation_file, digest)
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


def build(sources: Sequence[Path | str] | None = None, *, out: Path | str | None = None,
          base: str = BASE, curation: bool | Path = True, views: bool = True,
          check: bool = True, lang: str = "fr",
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the graph of ``sources`` (default: the bundled document).

    With ``out``, write ``idm.ttl``, ``idm.trig``, ``idm.jsonld`` (and ``views/`` when
    ``views``) there. Nothing is written unless the graph conforms to the SHACL shapes, and
    files appear all together (they are staged in a temporary directory first).
    """
    paths = collect_sources(sources)
    records = []
    for index, path in enumerate(paths, 1):
        records.append(read_source(path, curation=curation))
        if progress is not None:
            progress(index, len(paths))
    dataset = encode(records, base=base)
    report = validate(dataset) if check else Report(True, ())
    if not report.conforms:
        raise ShaclValidationError("built graph", f"{len(report.violations)} SHACL violation(s); "
                                              f"first: {report.violations[0]}")
    result = BuildResult(dataset, records, report)
    if out is not None:
        result.out = Path(out)
        result.files = _write(result, Path(out), views=views, lang=lang)
    return result


def _write(result: BuildResult, out: Path, *, views: bool, lang: str) -> list[Path]:
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".idm-graph-", dir=out))
    except OSError as exc:
        raise InputError(str(out), f"cannot write output directory: {exc.strerror}") from None
    try:
        written = [write_format(result.dataset, fmt, staging / name)
                   for name, fmt in OUTPUTS.items()]
        if views:
            from idm_graph.views.render import write_views

            written += write_views(result.dataset, staging / "views", lang=lang)
        final = []
        for path in written:
            target = out / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            final.append(target)
        return final
    except OSError as exc:
        raise InputError(str(out), f"cannot write output: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
