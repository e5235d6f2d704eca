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

import contextlib
import hashlib
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset, URIRef

from idm_graph.core.errors import InputError
from idm_graph.core.facts import FactSet
from idm_graph.core.formats import BUILD_FILES, OPTIONAL
from idm_graph.core.processes import die_with_parent, owned_tempdir, sweep
from idm_graph.core.resources import default_source
from idm_graph.core.vocab import BASE, check_base, slug
from idm_graph.extract import extract
from idm_graph.extract.curation import curation_file, load_curation
from idm_graph.graph.checks import validate_nquads
from idm_graph.graph.encode import (
    NQuadsDataset,
    SourceRecord,
    add_provenance,
    add_vocabularies,
    build_iri,
    encode,
    encode_nquads,
)
from idm_graph.graph.export import (
    CorpusFiles,
    RenderedPart,
    render_part,
    serialize,
    sorted_lines,
    write_formats,
)
from idm_graph.graph.outfolder import MANIFEST, OutputFolder, check_store_folder, replace_folder
from idm_graph.graph.shacl import Report, failure
from idm_graph.pipeline.audit import MergeRow, Sighting, merges, sightings, write_audit
from idm_graph.querying.store import OXIGRAPH, OxigraphStore
from idm_graph.text.document import SUFFIXES, load_document

__all__ = ["CORPUS_AT", "MANIFEST", "OUTPUTS", "BuildResult", "MergeRow", "OutputWriter", "build",
           "collect_sources", "read_source", "skipped_files"]

#: The graph files a build writes in memory: file name → export format.
OUTPUTS = BUILD_FILES
#: From this many documents on, documents are processed in worker processes.
CORPUS_AT = 8
_SUBSTANTIVE = ("DialogueSession", "Panel", "Person")


@dataclass(slots=True)
class BuildResult:
    """What a build made: the queryable graph (an rdflib dataset or an Oxigraph store), its
    sources, the SHACL report, the merge audit and the files written.

    A build in memory makes its N-Quads (:attr:`nquads`) without rdflib; its rdflib dataset
    is encoded the first time :attr:`dataset` is asked for. A corpus built into files
    without a store is loaded into an in-memory Oxigraph store from its ``idm.nq`` then.
    """

    data: Any
    records: list[SourceRecord]
    report: Report
    files: list[Path] = field(default_factory=list)
    out: Path | None = None
    documents: list[str] = field(default_factory=list)
    #: distinct resources per kind in the built graph (after the merge across documents)
    entity_counts: dict[str, int] = field(default_factory=dict)
    #: per kind, the sum over documents of each document's resources (a merged resource
    #: counts once per document that names it)
    entity_sums: dict[str, int] = field(default_factory=dict)
    curated_count: int = 0
    merges: list[MergeRow] = field(default_factory=list)
    quads: int = 0
    #: documents in which no session, panel or person was recognised (not summaries?)
    empty: list[str] = field(default_factory=list)
    #: the whole graph as N-Quads, for a build in memory
    nquads: bytes | None = None
    base: str = BASE
    #: what the outputs have to say (a view with nothing to draw, and why)
    notes: list[str] = field(default_factory=list)

    @property
    def dataset(self) -> Any:
        """The graph, queryable with :func:`idm_graph.query` and the views: an rdflib
        dataset for a build in memory, an Oxigraph store for a corpus.
        """
        if self.data is None and self.nquads is not None:
            self.data = encode(self.records, base=self.base, validated=self.report.validated)
        elif self.data is None and self.out is not None:
            store = OxigraphStore(None)
            store.load_nquads((self.out / "idm.nq").read_bytes())
            self.data = store
        return self.data

    def store(self) -> Any:
        """The graph in an Oxigraph store, for SPARQL at speed: a corpus's store, or an
        in-memory store loaded from the N-Quads of a build in memory.
        """
        if self.data is None and self.nquads is not None:
            store = OxigraphStore(None)
            store.load_nquads(self.nquads)
            return store
        from idm_graph.querying.data import to_oxigraph

        return to_oxigraph(self.dataset)

    def counts(self) -> dict[str, int]:
        """Number of distinct resources per kind in the graph, after the merge."""
        return dict(sorted(self.entity_counts.items()))


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
        sweep(_STAGING)
        tmp = owned_tempdir(_STAGING)
        try:
            return _build_corpus(paths, base=base, curation=curation, check=check,
                                 store=store, workers=workers, progress=progress,
                                 files=CorpusFiles(tmp, without=skipped), keep=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    corpus_files = CorpusFiles(folder.staging, without=skipped)
    result = _build_corpus(paths, base=base, curation=curation, check=check,
                           store=store, workers=workers, progress=progress,
                           files=corpus_files, keep=bool(outputs))
    result.files = folder.commit(_extras(result, corpus_files.close(), folder.staging,
                                         outputs))
    return result


#: Temporary folders of builds without an output folder (``.idm-graph-<pid>-XXXX``).
_STAGING = ".idm-graph-"


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
    nquads = b"".join([_vocabulary_quads(base),
                       *(encode_nquads(record, build=build, base=base) for record in records),
                       _provenance_quads([(r.document.key, r.curated is not None)
                                          for r in records], build, base, check)])
    if check:
        stage("validating (SHACL)")
    report = validate_nquads(nquads) if check else Report(True, (), validated=False)
    if not report.conforms:
        raise failure("built graph", report.violations)
    tally = _Tally()
    audit: dict[str, list[tuple[str, str, str, str]]] = {}
    empty = []
    for record in records:
        counted = _count(record.facts)
        tally.add(counted)
        if not any(counted.get(kind) for kind in _SUBSTANTIVE):
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


@dataclass(frozen=True, slots=True)
class _Task:
    path: Path
    curation: bool | Path
    base: str
    build: str
    check: bool
    json_ld: bool = True


@dataclass(frozen=True, slots=True)
class _Part:
    key: str
    rendered: RenderedPart
    counts: dict[str, tuple[str, ...]]
    curated: int
    has_curation: bool
    entities: list[Sighting]
    violations: tuple[str, ...]


def _curation_digest(path: Path, curation: bool | Path) -> str | None:
    """The sha256 of the curation file that applies to ``path``, before it is read."""
    chosen = curation_file(path, path.name[: -len(path.suffix)], curation)
    return hashlib.sha256(chosen.read_bytes()).hexdigest() if chosen is not None else None


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a document") from None


@cache
def _vocabulary_quads(base: str) -> bytes:
    """The ontology and vocabularies as N-Quads: the context a document is validated in."""
    dataset = Dataset(default_union=True)
    add_vocabularies(dataset, base)
    return serialize(dataset, "nquads")


def _provenance_quads(sources: Sequence[tuple[str, bool]], build: URIRef, base: str,
                      validated: bool) -> bytes:
    """The provenance graph of a build as N-Quads (see :func:`encode.add_provenance`)."""
    dataset = NQuadsDataset()
    add_provenance(dataset, sources, build, base, validated=validated)
    return dataset.serialize()


def _process(task: _Task) -> _Part:
    """Worker: one document → its named graphs as N-Quads, validated on their own."""
    record = read_source(task.path, curation=task.curation)
    nquads = encode_nquads(record, build=URIRef(task.build), base=task.base)
    violations: tuple[str, ...] = ()
    if task.check:
        report = validate_nquads(nquads, _vocabulary_quads(task.base))
        violations = tuple(str(v) for v in report.violations)
    return _Part(record.document.key, render_part(nquads, json_ld=task.json_ld),
                 _count(record.facts),
                 len(record.curated.entities) if record.curated is not None else 0,
                 record.curated is not None,
                 sightings(record.facts, record.document.language), violations)


def _build_corpus(paths: list[Path], *, base: str, curation: bool | Path, check: bool,
                  store: str | None, workers: int | None,
                  progress: Callable[[int, int], None] | None, files: CorpusFiles,
                  keep: bool) -> BuildResult:
    """Build documents in workers (which also render every output format of their part);
    write the parts as they arrive, and load them into the store (asked for, or needed:
    ``keep``) in batches as they arrive.
    """
    build = build_iri([(_digest(p), _curation_digest(p, curation)) for p in paths], base)
    tasks = [_Task(p, curation, base, str(build), check, "idm.jsonld" in files.names)
             for p in paths]
    tally = _Tally()
    audit: dict[str, list[tuple[str, str, str, str]]] = {}
    documents, curated_total, sources = [], 0, []
    empty: list[str] = []
    final = Path(store[len(OXIGRAPH) :]) if store else None
    if final is not None:
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep(_STAGING, final.parent)  # stores left half-built by a killed build
    staged = owned_tempdir(_STAGING, final.parent) / "store" if final else None
    # the store is loaded part by part as the workers deliver (memory of one part, and the
    # loading overlaps the work); an on-disk store is built beside the old one and replaces
    # it only when every document has conformed
    target = OxigraphStore(staged) if staged is not None else OxigraphStore(None) if keep \
        else None
    batch = _Batch(target)
    try:
        for index, part in enumerate(_run(tasks, workers), 1):
            if part.violations:
                raise failure(part.key, part.violations)
            files.add(part.rendered)
            batch.add(part.rendered)
            documents.append(part.key)
            sources.append((part.key, part.has_curation))
            curated_total += part.curated
            tally.add(part.counts)
            if not any(part.counts.get(kind) for kind in _SUBSTANTIVE):
                empty.append(part.key)
            for key, kind, name, reason in part.entities:
                audit.setdefault(key, []).append((part.key, kind, name, reason))
            if progress is not None:
                progress(index, len(tasks))
        rendered = render_part(_vocabulary_quads(base)
                               + _provenance_quads(sources, build, base, check))
        files.add(rendered)
        batch.add(rendered)
        batch.load()
        if target is not None:
            target.flush()
            target.optimize()
        if staged is not None and final is not None:
            # RocksDB lets go of the folder when the last reference to the store is dropped
            batch.store = target = None
            replace_folder(staged, final)
            shutil.rmtree(staged.parent, ignore_errors=True)
            target = OxigraphStore(final)
    except BaseException:
        if staged is not None:
            batch.store = target = None
            shutil.rmtree(staged.parent, ignore_errors=True)
        raise
    finally:
        files.close()
    return BuildResult(target, [], Report(True, (), validated=check), documents=documents,
                       entity_counts=tally.distinct(), entity_sums=tally.sums,
                       curated_count=curated_total, empty=empty,
                       merges=merges(audit), quads=files.quads)


class _Batch:
    """Parts waiting to be loaded into the store, loaded :data:`BATCH_BYTES` at a time: one
    bulk load per part cost a quarter more time, one for the whole corpus held it all in
    memory (1.8 GiB at 1,000 documents).
    """

    def __init__(self, store: OxigraphStore | None) -> None:
        self.store = store
        self.nquads: list[bytes] = []
        self.triples: list[bytes] = []
        self.size = 0

    def add(self, part: RenderedPart) -> None:
        if self.store is None:
            return
        self.nquads.append(part.nquads)
        self.triples.extend(part.triples)
        self.size += len(part.nquads)
        if self.size >= BATCH_BYTES:
            self.load()

    def load(self) -> None:
        if self.store is not None and self.nquads:
            self.store.load_part(b"".join(self.nquads), self.triples)
        self.nquads, self.triples, self.size = [], [], 0


#: N-Quads bytes loaded into a corpus store at a time.
BATCH_BYTES = 48 * 2**20


def _count(facts: FactSet) -> dict[str, tuple[str, ...]]:
    """The keys of one document's resources, by kind."""
    found: dict[str, list[str]] = {}
    for entity in facts.entities.values():
        found.setdefault(entity.kind, []).append(entity.key)
    return {kind: tuple(keys) for kind, keys in found.items()}


class _Tally:
    """Resources by kind over documents: distinct keys (one per resource of the merged graph)
    and the per-document sum.

    >>> tally = _Tally()
    >>> tally.add({"Country": ("country/fra", "country/sen")})
    >>> tally.add({"Country": ("country/fra",)})
    >>> tally.distinct(), tally.sums
    ({'Country': 2}, {'Country': 3})
    """

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}
        self.sums: dict[str, int] = {}

    def add(self, counted: dict[str, tuple[str, ...]]) -> None:
        for kind, found in counted.items():
            self.keys.setdefault(kind, set()).update(found)
            self.sums[kind] = self.sums.get(kind, 0) + len(found)

    def distinct(self) -> dict[str, int]:
        return {kind: len(found) for kind, found in self.keys.items()}


def _run(tasks: list[_Task], workers: int | None) -> Iterator[_Part]:
    """The parts of ``tasks`` in their order, made by ``workers`` processes in chunks of up
    to 16 documents, with at most :data:`AHEAD` chunks per worker submitted ahead of the one
    being read: when the main process is the slower (it loads the store), finished parts wait
    in a bounded queue, so memory does not grow with the number of documents.
    """
    count = workers or min(2, os.cpu_count() or 1)
    if count <= 1 or len(tasks) < 4:
        yield from map(_process, tasks)
        return
    size = max(1, min(16, len(tasks) // (4 * count)))
    chunks = iter([tasks[i : i + size] for i in range(0, len(tasks), size)])
    pool = ProcessPoolExecutor(max_workers=count, initializer=die_with_parent)
    try:
        pending = deque(pool.submit(_process_chunk, chunk)
                        for chunk in islice(chunks, AHEAD * count))
        while pending:
            parts = pending.popleft().result()
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(_process_chunk, chunk))
            yield from parts
    except BaseException:  # interrupted (SIGTERM, Ctrl-C) or abandoned: stop now, not after
        _kill_workers(pool)  # the chunks in progress (up to 16 documents each)
        raise
    pool.shutdown()


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes and drop its queued work, without waiting."""
    processes = getattr(pool, "_processes", None) or {}  # no public way before Python 3.14
    for process in list(processes.values()):
        with contextlib.suppress(OSError, AttributeError):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


#: Chunks of documents submitted ahead per worker (see :func:`_run`).
AHEAD = 2


def _process_chunk(tasks: list[_Task]) -> list[_Part]:
    """Worker: several documents in one round trip."""
    return [_process(task) for task in tasks]
