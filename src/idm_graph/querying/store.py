"""Stores: Oxigraph, embedded, on disk for corpora (``oxigraph:PATH``) or in memory for a
graph file or build folder (:func:`open_file`: every user query runs on Oxigraph); and rdflib's
reading of the same files (:func:`load`), where an rdflib dataset is the right tool.

>>> from idm_graph.core.errors import InputError
>>> try:
...     load("no/such/file.ttl")
... except InputError as exc:
...     print(exc)
no/such/file.ttl: no such file or directory
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from idm_graph.core.errors import InputError, OutputError, QueryError
from idm_graph.core.formats import READ_ORDER, by_suffix, oxigraph_format, suffixes
from idm_graph.core.sources import Result, Triples, sorted_lines
from idm_graph.core.vocab import bind_prefixes

if TYPE_CHECKING:
    from idm_graph.core.sources import Answer

__all__ = ["OXIGRAPH", "PARSERS", "OxigraphStore", "dataset_nquads", "load", "open_file",
           "resolve_data"]

OXIGRAPH = "oxigraph:"

#: file suffix → rdflib parser, from the registry :mod:`idm_graph.core.formats`
PARSERS = {suffix: f.rdflib for suffix, f in suffixes().items()}
_BUILD_FILES = READ_ORDER


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
    if path.stat().st_size == 0:
        raise InputError(str(path), "file is empty: no graph to read")
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


def dataset_nquads(dataset: Dataset) -> bytes:
    """Sorted N-Quads of an rdflib dataset (rdflib writes, Oxigraph's parser canonicalises).

    >>> from rdflib import URIRef
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    >>> dataset_nquads(ds)
    b'<urn:s> <urn:p> <urn:o> .\\n'
    """
    import pyoxigraph

    text = dataset.serialize(format="nquads").encode("utf-8")
    quads = pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS)
    return sorted_lines(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b"")


def open_file(path: Path | str) -> OxigraphStore:
    """A graph file (any format of the registry) or build directory, parsed by Oxigraph into
    an in-memory store. Its :meth:`~OxigraphStore.nquads` give the quads as the file states
    them (a store would turn ``xsd:nonNegativeInteger`` into ``xsd:integer``).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.ttl").write_text('<urn:s> <urn:p> "1"^^<http://www.w3.org/2001/'
    ...                                   'XMLSchema#nonNegativeInteger> .')
    >>> open_file(folder / "g.ttl").nquads()
    b'<urn:s> <urn:p> "1"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\\n'
    """
    import pyoxigraph

    file = resolve_data(path)
    fmt = by_suffix(file.suffix)
    assert fmt is not None  # resolve_data refuses an unknown suffix
    try:
        quads = [q if isinstance(q, pyoxigraph.Quad) else
                 pyoxigraph.Quad(q.subject, q.predicate, q.object, pyoxigraph.DefaultGraph())
                 for q in pyoxigraph.parse(path=str(file), format=oxigraph_format(fmt))]
    except (SyntaxError, ValueError, OSError, UnicodeError) as exc:
        message = " ".join(str(exc).split())[:200]
        raise InputError(str(file), f"not a valid {fmt.rdflib} file: {message}") from None
    store = OxigraphStore(None)
    store.load_nquads(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b"")
    return store


class OxigraphStore:
    """An embedded Oxigraph store on disk (or in memory with ``path=None``).

    Queries see the union of the named graphs as a *set*, as on a loaded rdflib dataset:
    every load also puts the triples into the default graph, which queries read (Oxigraph's
    own union-of-named-graphs mode is a multiset, so a triple stated in 1,000 documents would
    come back 1,000 times and multiply joins). Rows are rdflib terms, so every named query
    gives the same rows on both stores.
    """

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph

        self.path = path
        if path is not None and read_only:
            if not path.is_dir():
                raise InputError(f"{OXIGRAPH}{path}", "no Oxigraph store at this path")
            try:
                self._store = pyoxigraph.Store.read_only(str(path))
            except OSError as exc:
                raise InputError(f"{OXIGRAPH}{path}", "not an Oxigraph store: "
                                 f"{' '.join(str(exc).split())[:160]}") from None
        elif path is not None:
            try:
                path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(path))
            except OSError as exc:
                raise OutputError(f"{OXIGRAPH}{path}", "cannot open the store for writing: "
                                  f"{' '.join(str(exc).split())[:160]}") from None
        else:
            self._store = pyoxigraph.Store()
        #: what an in-memory store was loaded from, as written (see :meth:`nquads`)
        self._as_loaded: bytes | None = None

    def __len__(self) -> int:
        return len(self._store)

    @property
    def pyoxigraph(self) -> Any:
        """The ``pyoxigraph.Store`` underneath (its default graph holds the union)."""
        return self._store

    def clear(self) -> None:
        """Remove everything."""
        self._store.clear()
        self._as_loaded = None

    def load_nquads(self, data: bytes) -> None:
        """Add N-Quads (or N-Triples) to their graphs, and every named graph's triples to the
        default graph too. The library parses: a line without a graph term is a default-graph
        triple, whatever its object looks like.
        """
        import pyoxigraph

        first = self.path is None and len(self._store) == 0
        self._store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        self._as_loaded = data if first else None
        default = pyoxigraph.DefaultGraph()
        self._store.bulk_extend(
            pyoxigraph.Quad(q.subject, q.predicate, q.object, default)
            for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS)
            if not isinstance(q.graph_name, pyoxigraph.DefaultGraph))

    def load_part(self, nquads: bytes, triples: Sequence[bytes]) -> None:
        """Add one document's named graphs (N-Quads) and their triples (N-Triples statements)
        to the default graph. A store is a set: a triple another document stated too is kept
        once. Memory stays that of one part, however many parts are loaded.
        """
        import pyoxigraph

        self._as_loaded = None
        self._store.bulk_load(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        if triples:
            self._store.bulk_load(b"\n".join(triples) + b"\n",
                                  format=pyoxigraph.RdfFormat.N_TRIPLES)

    def optimize(self) -> None:
        """Compact an on-disk store (RocksDB merges the many files that loading in batches
        left): at 1000 documents, 5 s that make the slowest named queries 2.5–4× faster.
        """
        if self.path is not None:
            self._store.optimize()

    def load_files(self, nquads: Path, union: Path) -> None:
        """Bulk-load an N-Quads file into the named graphs and a Turtle or N-Triples file
        holding their union into the default graph (one call each: fast).
        """
        import pyoxigraph

        self._as_loaded = None
        self._store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
        self._store.bulk_load(path=str(union), format=pyoxigraph.RdfFormat.TURTLE)

    def flush(self) -> None:
        """Write pending data to disk."""
        self._store.flush()

    def dump(self, fmt: str) -> bytes:
        """The store as ``nquads``, ``trig``, ``jsonld`` (named graphs) or ``turtle`` (the
        union), deterministic (see :func:`idm_graph.graph.export.from_nquads`).
        """
        from idm_graph.graph.export import from_nquads

        return from_nquads(self.nquads(), fmt)

    def nquads(self) -> bytes:
        """Every quad of the named graphs as sorted N-Quads lines (deterministic); a store
        that holds only a default graph (loaded from a Turtle file) gives its triples. An
        in-memory store gives the quads it was loaded from, datatypes as written.
        """
        import pyoxigraph

        if self._as_loaded is not None:
            quads = list(pyoxigraph.parse(self._as_loaded, format=pyoxigraph.RdfFormat.N_QUADS))
            named = [q for q in quads if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
            quads = named or quads
        else:
            quads = [quad for quad in self._store.quads_for_pattern(None, None, None, None)
                     if not isinstance(quad.graph_name, pyoxigraph.DefaultGraph)]
            if not quads:
                quads = list(self._store.quads_for_pattern(None, None, None,
                                                           pyoxigraph.DefaultGraph()))
        return sorted_lines(pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
                            or b"")

    def dataset(self) -> Dataset:
        """The store's quads as an rdflib dataset (for SHACL and rdflib's writers)."""
        dataset = Dataset(default_union=True)
        bind_prefixes(dataset)
        dataset.parse(data=self.nquads().decode("utf-8"), format="nquads")
        return dataset

    def select(self, sparql: str) -> tuple[list[str], list[dict[str, Node | None]]]:
        """Run a SELECT query over the union of the named graphs (the default graph)."""
        answer = self.answer(sparql)
        if not isinstance(answer, Result):
            raise QueryError("query", "only SELECT queries give tables")
        return answer.variables, answer.rows

    def answer(self, sparql: str) -> Answer:
        """Run any query: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
        Errors met while the answer is computed (a bad regex, a failed ``SERVICE``) are one
        :class:`~idm_graph.core.errors.QueryError` line, as syntax errors are.
        """
        import pyoxigraph

        try:
            solutions = self._store.query(sparql)
            if isinstance(solutions, pyoxigraph.QueryBoolean):
                return bool(solutions)
            if isinstance(solutions, pyoxigraph.QueryTriples):
                data = pyoxigraph.serialize(solutions, format=pyoxigraph.RdfFormat.N_TRIPLES)
                return Triples.of(data or b"")
            variables = [v.value for v in solutions.variables]
            rows = [{v: _term(solution[v]) for v in variables} for solution in solutions]
        except SyntaxError as exc:
            raise QueryError("query", f"SPARQL syntax error: {' '.join(str(exc).split())}") \
                from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError("query", f"query failed: {' '.join(str(exc).split())[:200]}") \
                from None
        return Result(variables, rows)


def _term(term: Any) -> Node | None:
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = URIRef(term.datatype.value)
        return Literal(term.value) if datatype == XSD.string else Literal(term.value,
                                                                          datatype=datatype)
    raise TypeError(f"unexpected term {term!r}")
