"""The pipeline: documents → facts (extracted + curated) → RDF → SHACL → files.

One document (or a few) is built in memory with rdflib. A corpus (``CORPUS_AT`` documents or
more, or any build into ``store="oxigraph:PATH"``) is built one document at a time in worker
processes (both cores), each document SHACL-validated on its own; the parts are then merged
into one rdflib dataset or an on-disk Oxigraph store. Resources with the same key in several
documents (a person, an organisation, a country, a delegation, the Review Forum) become one
resource with evidence from each; ``merge-audit.csv`` says what was merged and why.

>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp())
>>> result = build(out=out)
>>> sorted(p.name for p in result.files)
['idm.jsonld', 'idm.trig', 'idm.ttl']
>>> result.report.conforms
True
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from idm_graph.core.errors import InputError
from idm_graph.core.formats import BUILD_FILES, OPTIONAL
from idm_graph.core.processes import owned_tempdir, sweep
from idm_graph.core.vocab import BASE, check_base
from idm_graph.graph.checks import validate_nquads
from idm_graph.graph.encode import (
    build_iri,
    encode_nquads,
)
from idm_graph.graph.export import (
    CorpusFiles,
    sorted_lines,
    write_formats,
)
from idm_graph.graph.outfolder import MANIFEST, OutputFolder, check_store_folder
from idm_graph.graph.shacl import Report, failure
from idm_graph.pipeline.audit import MergeRow, merges, sightings, write_audit
from idm_graph.pipeline.corpus import STAGING, build_corpus, provenance_quads, vocabulary_quads
from idm_graph.pipeline.inputs import collect_sources, read_source, skipped_files
from idm_graph.pipeline.result import SUBSTANTIVE, BuildResult, Tally, count_facts
from idm_graph.querying.store import OXIGRAPH

__all__ = ["CORPUS_AT", "MANIFEST", "OUTPUTS", "BuildResult", "MergeRow", "OutputWriter", "build",
           "collect_sources", "read_source", "skipped_files"]

#: The graph files a build writes in memory: file name → export format.
OUTPUTS = BUILD_FILES
#: From this many documents on, documents are processed in worker processes.
CORPUS_AT = 8


#: Writes further outputs of a build into its staging folder, beside the graph files:
#: ``(result, folder) → files written`` (the views are one: ``views.site.views_output``).
OutputWriter = Callable[["BuildResult", Path], list[Path]]


def build(sources: Sequence[Path | str] | None = None, *, out: Path | str | None = None,
          base: str = BASE, curation: bool | Path = True, check: bool = True,
          store: str | None = None, workers: int | None = None,
          progress: Callable[[int, int], None] | None = None,
          stage: Callable[[str], None] | None = None,
          outputs: Sequence[OutputWriter] = (),
          without: Sequence[str] = ()) -> BuildResult:
    """Build the graph of ``sources`` (default: the bundled document).

    With ``out``, write the graph files (``idm.ttl``, ``idm.trig``, ``idm.jsonld``, and
    ``idm.nq`` for a corpus), ``merge-audit.csv`` for several documents, and what each of
    ``outputs`` writes (:func:`idm_graph.api.build` adds the views). Nothing is written unless
    every document conforms to the SHACL shapes (with ``check``), and files appear all
    together (they are staged in a temporary directory).
    ``store="oxigraph:PATH"`` builds into an on-disk Oxigraph store (replacing its content).
    ``without`` names graph files not to write (``trig``, ``jsonld``; Turtle, and N-Quads for
    a corpus, are always written).
    ``workers`` defaults to the number of cores (at most 2) for corpora. ``progress`` hears
    (documents done, total); ``stage`` hears the name of each step of a one-document build.
    """
    check_base(base)
    skipped = frozenset(without)
    if not skipped <= set(OPTIONAL):
        raise InputError(", ".join(sorted(skipped - set(OPTIONAL))),
                         f"only {' and '.join(OPTIONAL)} can be left out")
    paths = collect_sources(sources)
    if store is not None and not store.startswith(OXIGRAPH):
        raise InputError(store, f"unknown store; use {OXIGRAPH}PATH")
    if store is not None:
        check_store_folder(Path(store[len(OXIGRAPH):]))
    if out is None:
        return _build(paths, None, base=base, curation=curation, check=check, store=store,
                      workers=workers, progress=progress, stage=stage or _quiet,
                      outputs=outputs, skipped=skipped)
    with OutputFolder(Path(out)) as folder:  # locked and checked before any work
        result = _build(paths, folder, base=base, curation=curation, check=check,
                        store=store, workers=workers, progress=progress,
                        stage=stage or _quiet, outputs=outputs, skipped=skipped)
    result.out = folder.out if Path(out).is_absolute() else Path(out)
    result.files = [Path(out) / p.relative_to(folder.out) for p in result.files]
    return result


def _build(paths: list[Path], folder: OutputFolder | None, *, base: str,
           curation: bool | Path, check: bool, store: str | None, workers: int | None,
           progress: Callable[[int, int], None] | None, stage: Callable[[str], None],
           outputs: Sequence[OutputWriter], skipped: frozenset[str]) -> BuildResult:
    """A build into ``folder``'s staging folder (committed at the end), or without files."""
    if store is None and len(paths) < CORPUS_AT:
        result = _build_in_memory(paths, base=base, curation=curation, check=check,
                                  progress=progress, stage=stage)
        if folder is not None:
            stage("writing")
            files = write_formats(result.nquads or b"", {
                name: fmt for name, fmt in OUTPUTS.items() if fmt not in skipped},
                folder.staging)
            result.files = folder.commit(_extras(result, files, folder.staging, outputs))
        return result
    if folder is None:  # the files are written to a temporary directory, for the store only
        sweep(STAGING)
        tmp = owned_tempdir(STAGING)
        try:
            return build_corpus(paths, base=base, curation=curation, check=check,
                                 store=store, workers=workers, progress=progress,
                                 files=CorpusFiles(tmp, without=skipped), keep=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    corpus_files = CorpusFiles(folder.staging, without=skipped)
    result = build_corpus(paths, base=base, curation=curation, check=check,
                           store=store, workers=workers, progress=progress,
                           files=corpus_files, keep=bool(outputs))
    result.files = folder.commit(_extras(result, corpus_files.close(), folder.staging,
                                         outputs))
    return result




def _extras(result: BuildResult, files: list[Path], staging: Path,
            outputs: Sequence[OutputWriter]) -> list[Path]:
    """The merge audit and what ``outputs`` write, staged beside the graph files."""
    written = list(files)
    if len(result.documents) > 1:
        written.append(write_audit(result.merges, staging / "merge-audit.csv"))
    for writer in outputs:
        written += writer(result, staging)
    return written


def _quiet(step: str) -> None:
    """No report of steps."""


def _build_in_memory(paths: list[Path], *, base: str, curation: bool | Path, check: bool,
                     progress: Callable[[int, int], None] | None,
                     stage: Callable[[str], None]) -> BuildResult:
    """The build of a few documents in this process: their N-Quads, written by the encoder
    without rdflib, validated, and kept on the result (the files are written from them).
    """
    records = []
    stage("reading and extracting")
    for index, path in enumerate(paths, 1):
        records.append(read_source(path, curation=curation))
        if progress is not None:
            progress(index, len(paths))
    stage("encoding")
    build = build_iri([(r.document.sha256, r.curation_sha256) for r in records], base)
    nquads = b"".join([vocabulary_quads(base),
                       *(encode_nquads(record, build=build, base=base) for record in records),
                       provenance_quads([(r.document.key, r.curated is not None)
                                          for r in records], build, base, check)])
    if check:
        stage("validating (SHACL)")
    report = validate_nquads(nquads) if check else Report(True, (), validated=False)
    if not report.conforms:
        raise failure("built graph", report.violations)
    tally = Tally()
    audit: dict[str, list[tuple[str, str, str, str]]] = {}
    empty = []
    for record in records:
        counted = count_facts(record.facts)
        tally.add(counted)
        if not any(counted.get(kind) for kind in SUBSTANTIVE):
            empty.append(record.document.key)
        for key, kind, name, reason in sightings(record.facts, record.document.language):
            audit.setdefault(key, []).append((record.document.key, kind, name, reason))
    nquads = sorted_lines(nquads)
    return BuildResult(None, records, report, documents=[r.document.key for r in records],
                       entity_counts=tally.distinct(), entity_sums=tally.sums, empty=empty,
                       curated_count=sum(len(r.curated.entities) for r in records
                                         if r.curated is not None),
                       merges=merges(audit), quads=nquads.count(b"\n"), nquads=nquads,
                       base=base)
