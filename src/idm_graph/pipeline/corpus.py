"""The corpus path of a build: documents read, extracted, encoded and checked one by one in
worker processes, their parts written to the corpus files and loaded into the store in
batches as they arrive.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path

from rdflib import Dataset, URIRef

from idm_graph.core.errors import InputError
from idm_graph.core.processes import die_with_parent, owned_tempdir, sweep
from idm_graph.extract.curation import curation_file
from idm_graph.graph.checks import validate_nquads
from idm_graph.graph.encode import (
    NQuadsDataset,
    add_provenance,
    add_vocabularies,
    build_iri,
    encode_nquads,
)
from idm_graph.graph.export import (
    CorpusFiles,
    RenderedPart,
    render_part,
    serialize,
)
from idm_graph.graph.outfolder import replace_folder
from idm_graph.graph.shacl import Report, failure
from idm_graph.pipeline.audit import Sighting, merges, sightings
from idm_graph.pipeline.inputs import read_source
from idm_graph.pipeline.result import SUBSTANTIVE, BuildResult, Tally, count_facts
from idm_graph.querying.store import OXIGRAPH, OxigraphStore

__all__ = ["STAGING", "build_corpus", "provenance_quads", "vocabulary_quads"]

#: Temporary folders of builds without an output folder (``.idm-graph-<pid>-XXXX``).
STAGING = ".idm-graph-"


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
def vocabulary_quads(base: str) -> bytes:
    """The ontology and vocabularies as N-Quads: the context a document is validated in."""
    dataset = Dataset(default_union=True)
    add_vocabularies(dataset, base)
    return serialize(dataset, "nquads")


def provenance_quads(sources: Sequence[tuple[str, bool]], build: URIRef, base: str,
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
        report = validate_nquads(nquads, vocabulary_quads(task.base))
        violations = tuple(str(v) for v in report.violations)
    return _Part(record.document.key, render_part(nquads, json_ld=task.json_ld),
                 count_facts(record.facts),
                 len(record.curated.entities) if record.curated is not None else 0,
                 record.curated is not None,
                 sightings(record.facts, record.document.language), violations)


def build_corpus(paths: list[Path], *, base: str, curation: bool | Path, check: bool,
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
    tally = Tally()
    audit: dict[str, list[tuple[str, str, str, str]]] = {}
    documents, curated_total, sources = [], 0, []
    empty: list[str] = []
    final = Path(store[len(OXIGRAPH) :]) if store else None
    if final is not None:
        final.parent.mkdir(parents=True, exist_ok=True)
        sweep(STAGING, final.parent)  # stores left half-built by a killed build
    staged = owned_tempdir(STAGING, final.parent) / "store" if final else None
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
            if not any(part.counts.get(kind) for kind in SUBSTANTIVE):
                empty.append(part.key)
            for key, kind, name, reason in part.entities:
                audit.setdefault(key, []).append((part.key, kind, name, reason))
            if progress is not None:
                progress(index, len(tasks))
        rendered = render_part(vocabulary_quads(base)
                               + provenance_quads(sources, build, base, check))
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
