"""The one way to run a query (:func:`query`, on a :class:`~idm_graph.core.sources.DataSource`),
the named queries, and their answers as tables, CSV, SPARQL JSON or triples.

Each named query is a ``.rq`` file of ``idm_graph/queries`` whose header comment says the
question it answers (``# question:``), its columns (``# columns:``) and its parameters
(``# param: NAME TYPE [DEFAULT]``). A parameter appears in the query as ``$NAME`` and is
replaced by a SPARQL literal of its type, so user input never becomes query syntax.

>>> sorted(named_queries())[:3]
['conclusions', 'contributions-by-organisation-kind', 'countries']
>>> named_queries()["persons"].columns
('name', 'honorific', 'role', 'organisation', 'country')
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from idm_graph.core import keys
from idm_graph.core.errors import QueryError
from idm_graph.core.formats import RESULTS
from idm_graph.core.guard import check_query, remote_clauses, run_limited
from idm_graph.core.resources import package_file
from idm_graph.core.sources import Answer, DataSource, Result, Triples, table

__all__ = [
    "FORMATS",
    "WRITERS",
    "Answer",
    "DataSource",
    "NamedQuery",
    "Result",
    "Triples",
    "format_answer",
    "format_result",
    "library",
    "named_queries",
    "prepare",
    "query",
    "table",
]

FORMATS = RESULTS
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s+(string|integer|iri|iris|node)(?:\s+(.*))?$")
_FIELD = re.compile(r"^#\s*([\w-]+):\s*(.*)$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of a library: its name, question, columns, parameters, text, and every other
    ``# key: value`` line of its header in ``fields`` (a view's ``view``, ``description``,
    ``description-fr``, ``order``).
    """

    name: str
    question: str
    columns: tuple[str, ...]
    params: dict[str, tuple[str, str | None]]
    text: str
    path: Path
    fields: dict[str, str] = field(default_factory=dict)


@cache
def prefixes() -> str:
    """The PREFIX declarations every named query starts with."""
    return package_file("queries", "_prefixes.rq").read_text(encoding="utf-8")


@cache
def library(*folder: str) -> dict[str, NamedQuery]:
    """The ``.rq`` files of a package folder by name (``_``-prefixed files left out): the
    named queries (``queries``), the views' queries (``views``, ``queries``).
    """
    out = {}
    for path in sorted(package_file(*folder).glob("*.rq")):
        if path.name.startswith("_"):
            continue
        out[path.stem] = _parse_header(path.stem, path.read_text(encoding="utf-8"), path)
    return out


def named_queries() -> dict[str, NamedQuery]:
    """The query library by name."""
    return library("queries")


def _parse_header(name: str, text: str, path: Path) -> NamedQuery:
    question, columns, params = "", tuple[str, ...](), {}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if match := _PARAM.match(line):
            params[match.group(1)] = (match.group(2), match.group(3))
        elif match := _FIELD.match(line):
            fields.setdefault(match.group(1), match.group(2).strip())
    question = fields.pop("question", "")
    if "columns" in fields:
        columns = tuple(c.strip() for c in fields.pop("columns").split(","))
    return NamedQuery(name, question, columns, params, text, path, fields)


def prepare(name_or_text: str, params: Mapping[str, str] | None = None, *,
            queries: Mapping[str, NamedQuery] | None = None,
            prefixed: bool = True) -> tuple[str, str]:
    """The SPARQL text to run for a query name (of ``queries``, by default the named
    queries), a ``.rq`` file or SPARQL text, with its parameters bound; the project's
    prefixes are put in front unless not ``prefixed``.

    Returns ``(label, sparql)``; the label names the query in error messages.
    """
    params = dict(params or {})
    library = named_queries() if queries is None else queries
    label, text, declared = _find(name_or_text, library)
    unknown = set(params) - set(declared)
    if unknown:
        raise QueryError(label, f"unknown parameter(s) {', '.join(sorted(unknown))}; "
                                f"this query takes: {', '.join(declared) or 'none'}")
    for pname, (ptype, default) in declared.items():
        value = params.get(pname, default)
        if value is None:
            raise QueryError(label, f"needs the parameter {pname} (--param {pname}=VALUE)")
        _check_value(label, pname, value)
        value = _UNRESOLVED.get((pname, value), value)  # no data to ask (see resolve)
        text = _substitute(text, pname, _literal(label, pname, value, ptype))
    if prefixed and ("PREFIX" not in text.upper().split("SELECT")[0]
                     or name_or_text in library):
        text = prefixes() + text
    return label, text


def _find(name_or_text: str,
          library: Mapping[str, NamedQuery]) -> tuple[str, str, dict[str, tuple[str, Any]]]:
    """``(label, text, declared parameters)`` of a query name, ``.rq`` file or SPARQL text."""
    if name_or_text in library:
        named = library[name_or_text]
        return name_or_text, named.text, named.params
    if name_or_text.endswith(".rq") and "\n" not in name_or_text:
        path = Path(name_or_text)
        if not path.is_file():
            raise QueryError(name_or_text, "no such query file")
        text = path.read_text(encoding="utf-8")
        return str(path), text, _parse_header(path.stem, text, path).params
    if re.search(r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        return "query", name_or_text, {}
    known = ", ".join(sorted(library))
    raise QueryError(name_or_text, f"unknown query; the named queries are: {known}")


def resolve(data: DataSource, name_or_text: str, params: Mapping[str, str] | None = None, *,
            queries: Mapping[str, NamedQuery] | None = None) -> dict[str, str]:
    """``params`` with each parameter of type ``node`` (a node named by its IRI or by a label,
    in any case) replaced by the IRIs of the nodes it names in ``data``, found by one index
    lookup: the node with that IRI if it has a label, and the nodes whose ``idm:labelKey``
    is the value in lower case. A query then starts from those nodes (``VALUES``) instead of
    filtering every label of the store.

    >>> from idm_graph import build
    >>> found = resolve(build().store(), "evidence", {"node": "AMY pope"})
    >>> found["node"]
    'https://w3id.org/idm-graph/id/person/amy-pope'
    """
    params = dict(params or {})
    _, _, declared = _find(name_or_text, named_queries() if queries is None else queries)
    if "lang" in declared and params.get("lang", "auto") == "auto":
        params["lang"] = data_language(data)
        if "prefer" in declared:
            params.setdefault("prefer", "own")  # a node's own name before a translation
    if "prefer" in declared and params.get("prefer", "auto") == "auto":
        params["prefer"] = "lang"
    for pname, (ptype, _default) in declared.items():
        value = params.get(pname, "")
        if ptype != "node" or not value or (len(value.split()) > 1 and _is_iris(value)):
            continue  # not a node parameter, not given, or already a list of IRIs
        by_iri = (f"UNION {{ VALUES ?node {{ <{value}> }} ?node rdfs:label ?any }}"
                  if _is_iris(value) else "")
        lookup = (f"{prefixes()}SELECT DISTINCT ?node WHERE {{ {{ ?node idm:labelKey "
                  f"{Literal(keys.label_key(value)).n3()} }} {by_iri} }} ORDER BY ?node")
        nodes = [str(row["node"]) for row in data.select(lookup)[1]]
        params[pname] = " ".join(nodes) if nodes else _NOTHING
    return params


def data_language(data: DataSource) -> str:
    """The language most of the data's source documents are written in (``fr`` when the
    data says nothing): the labels named queries show unless ``lang`` says otherwise.
    """
    _, found = data.select(f"{prefixes()}SELECT ?l (COUNT(?s) AS ?n) WHERE {{ ?s a idm:Summary ; "
                           "dcterms:language ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1")
    language = str(found[0]["l"]) if found and found[0].get("l") is not None else "fr"
    return language if language in ("fr", "en") else "fr"


#: The value of a ``node`` parameter that names no node (the query gives no rows).
_NOTHING = "urn:idm-graph:no-such-node"


#: An absolute IRI, as a parameter may give it.
_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def _is_iris(value: str) -> bool:
    """Whether ``value`` is one or more absolute IRIs, separated by spaces."""
    parts = value.split()
    return bool(parts) and all(_IRI.fullmatch(part) for part in parts)


#: The values a parameter of this name may take, whatever the query.
_ALLOWED: dict[str, tuple[str, ...]] = {"lang": ("auto", "fr", "en"),
                                         "prefer": ("auto", "own", "lang")}
_RANGES: dict[str, tuple[int, int]] = {"objective": (0, 23)}
#: What ``auto`` means where no data was asked (:func:`resolve` asks the data itself).
_UNRESOLVED = {("lang", "auto"): "fr", ("prefer", "auto"): "lang"}


def _check_value(label: str, name: str, value: str) -> None:
    """Refuse values a parameter cannot take (``lang=de``, ``objective=99``).

    >>> _check_value("persons", "lang", "de")
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.QueryError: persons: parameter lang must be one of auto, fr, en, not 'de'
    """
    if name in _ALLOWED and value not in _ALLOWED[name]:
        raise QueryError(label, f"parameter {name} must be one of {', '.join(_ALLOWED[name])}, "
                                f"not {value!r}")
    if name in _RANGES and re.fullmatch(r"-?\d+", value.strip()):
        low, high = _RANGES[name]
        if not low <= int(value) <= high:
            raise QueryError(label, f"parameter {name} must be between {low} and {high}, "
                                    f"not {value}")


def _substitute(text: str, name: str, replacement: str) -> str:
    """Replace the parameter ``$name`` by ``replacement`` (taken literally)."""
    return re.sub(rf"\${name}\b", lambda _match: replacement, text)


def _literal(label: str, name: str, value: str, ptype: str) -> str:
    if ptype == "integer":
        if not re.fullmatch(r"-?\d+", value.strip()):
            raise QueryError(label, f"parameter {name} must be an integer, not {value!r}")
        return str(int(value))
    if ptype == "node" and not _is_iris(value):
        raise QueryError(label, f"parameter {name} names a node by label ({value!r}): run the "
                                "query on its data (idm_graph.query), which finds the node")
    if ptype in ("iri", "iris", "node"):
        iris = value.split() if ptype in ("iris", "node") else [value]
        for iri in iris:
            if not _IRI.fullmatch(iri):
                raise QueryError(label, f"parameter {name} is not a valid IRI: {iri!r}")
        return " ".join(f"<{iri}>" for iri in iris)
    return Literal(value).n3()


def query(source: DataSource, name_or_text: str, params: Mapping[str, str] | None = None,
          *, queries: Mapping[str, NamedQuery] | None = None, allow_remote: bool = False,
          timeout: float | None = None) -> Answer:
    """Run a query on ``source``: rows (SELECT, a :class:`Result`), a boolean (ASK) or
    triples (CONSTRUCT, DESCRIBE). The one way the views, the CLI, ``serve`` and the API query.

    ``name_or_text`` is a query of ``queries`` (by default the named queries, see
    ``idm-graph queries``), a ``.rq`` file, or SPARQL text; ``params`` bind its parameters.
    A query of the package's own libraries runs as it is. Any other text is checked first: a
    query that reads outside the data (``SERVICE``) is refused unless ``allow_remote``, and on
    a local store it runs cut off from the network (:mod:`idm_graph.core.guard`). ``timeout``
    (seconds) stops a query that runs longer.

    >>> from rdflib import Dataset, URIRef
    >>> from idm_graph.querying.data import to_oxigraph
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))
    >>> query(to_oxigraph(ds), "ASK { ?s ?p ?o }")
    True
    >>> query(to_oxigraph(ds), "CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }").ntriples
    b'<urn:o> <urn:p> <urn:s> .\\n'
    """
    if not isinstance(source, DataSource):
        raise TypeError(f"query takes a DataSource (idm_graph.load(PATH), a build's "
                        f".store()), not {type(source).__name__}")
    library = named_queries() if queries is None else queries
    trusted = name_or_text in library and library[name_or_text].path.is_relative_to(_PACKAGE)
    label, sparql = prepare(name_or_text, resolve(source, name_or_text, params,
                                                  queries=library), queries=library)
    local = not getattr(source, "remote", False)  # a local engine runs cut off the network
    if not trusted:
        check_query(label, sparql, allow_remote=allow_remote, from_fetches=False,
                    isolated=local)
    isolate = local and not allow_remote and not trusted
    try:
        return run_limited(lambda: source.answer(sparql), timeout, label, isolate=isolate,
                           unchecked=isolate and remote_clauses(sparql) is None)
    except QueryError as exc:
        if exc.where != "query":
            raise
        problem = exc.problem
        place = re.match(r"SPARQL syntax error: error at (\d+):(\d+): (.*)", problem)
        if place:  # Oxigraph counts the prefixes we add: give the line of the user's text
            shift = prefixes().count("\n") if sparql.startswith(prefixes()) else 0
            problem = (f"SPARQL syntax error at line {int(place[1]) - shift}, column "
                       f"{place[2]}: {place[3]}")
        raise QueryError(label, problem) from None


#: The package's folder: its query libraries are its own text, run as they are.
_PACKAGE = package_file()


# ------------------------------------------------------------------------------ output

def format_answer(result: Answer, fmt: str, *, width: int = 60) -> str:
    """Any answer as text: rows as :func:`format_result`; a boolean as ``true``/``false``
    (``json``: SPARQL JSON ``{"boolean": …}``); triples as Turtle (``table``, ``turtle``) or
    sorted N-Triples (``ntriples``).

    >>> format_answer(True, "table")
    'true\\n'
    >>> format_answer(False, "json")
    '{"head": {}, "boolean": false}\\n'
    """
    if isinstance(result, bool):
        return _BOOLEAN_WRITERS.get(fmt, _boolean_text)(result)
    if isinstance(result, Triples):
        triples = _TRIPLE_WRITERS.get(fmt)
        if triples is None:
            raise QueryError(fmt, "a CONSTRUCT or DESCRIBE query gives triples: use --format "
                                  "turtle or ntriples")
        return triples(result)
    if fmt not in _ROW_WRITERS and fmt in RESULTS:
        raise QueryError(fmt, "a SELECT query gives rows: use --format table, csv or json")
    return format_result(result, fmt, width=width)


def format_result(result: Result, fmt: str, *, width: int = 60) -> str:
    """``table`` (aligned text), ``csv`` or ``json`` (SPARQL 1.1 Query Results JSON)."""
    writer = _ROW_WRITERS.get(fmt)
    if writer is None:
        raise QueryError(fmt, f"unknown format; choose one of {', '.join(FORMATS)}")
    return writer(result, width)


def _json_rows(result: Result, width: int) -> str:
    return json.dumps(_results_json(result), ensure_ascii=False, indent=1) + "\n"


def _csv_rows(result: Result, width: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_text(row.get(v)) for v in result.variables])
    return buffer.getvalue()


def _boolean_text(result: bool) -> str:
    return f"{str(result).lower()}\n"


def _turtle_triples(result: Triples) -> str:
    from idm_graph.graph.export import turtle

    lines = [line for line in result.ntriples.split(b"\n") if line]
    return turtle(lines).decode("utf-8") if lines else ""




def _table(result: Result, width: int) -> str:
    cells = [[_clip(_text(row.get(v)), width) for v in result.variables] for row in result.rows]
    widths = [max([len(v), *(len(r[i]) for r in cells)]) for i, v in enumerate(result.variables)]
    line = "  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in cells]
    footer = f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *body, footer]) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _results_json(result: Result) -> dict[str, Any]:
    bindings = []
    for row in result.rows:
        binding: dict[str, Any] = {}
        for variable in result.variables:
            term = row.get(variable)
            if term is None:
                continue
            if isinstance(term, URIRef):
                binding[variable] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[variable] = {"type": "bnode", "value": str(term)}
            else:
                value: dict[str, Any] = {"type": "literal", "value": str(term)}
                if isinstance(term, Literal) and term.language:
                    value["xml:lang"] = term.language
                elif isinstance(term, Literal) and term.datatype:
                    value["datatype"] = str(term.datatype)
                binding[variable] = value
        bindings.append(binding)
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


#: The writer of each answer format (:data:`idm_graph.core.formats.RESULTS`), by kind of answer:
#: rows of a SELECT, the boolean of an ASK (any other format: ``true``/``false``), the
#: triples of a CONSTRUCT or DESCRIBE. A test checks that every format has a writer.
_ROW_WRITERS: dict[str, Callable[[Result, int], str]] = {
    "table": _table, "csv": _csv_rows, "json": _json_rows}
_BOOLEAN_WRITERS: dict[str, Callable[[bool], str]] = {
    "json": lambda result: json.dumps({"head": {}, "boolean": result}) + "\n",
    "csv": lambda result: f"boolean\n{str(result).lower()}\n"}
_TRIPLE_WRITERS: dict[str, Callable[[Triples], str]] = {
    "ntriples": lambda result: result.ntriples.decode("utf-8"),
    "turtle": _turtle_triples, "table": _turtle_triples}
WRITERS = {"rows": _ROW_WRITERS, "boolean": _BOOLEAN_WRITERS, "triples": _TRIPLE_WRITERS}
