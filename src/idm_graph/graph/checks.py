"""The SHACL shapes compiled to SPARQL queries, run on an Oxigraph store: the build's validator.

pySHACL is the reference (``idm-graph validate`` gives its full report) but costs about
100 ms per document, most of a corpus build. The shapes idm-graph uses are a small part of
SHACL Core, so each is compiled once into SPARQL: one query per top-level constraint of a
shape with a target, returning the focus nodes that violate it. Oxigraph answers them on a
document's quads plus the ontology and vocabularies.

A shape that uses a construct this compiler does not know is refused when the shapes are
compiled (:class:`UnsupportedShapeError`), never skipped; a test breaks every constraint of the
shapes in turn and checks that this validator and pySHACL name the same (focus, path) pairs.

Semantics followed (SHACL Core): targets by ``sh:targetClass`` (with ``rdfs:subClassOf*``),
``sh:targetSubjectsOf``, ``sh:targetNode``; ``sh:class`` through ``rdf:type/rdfs:subClassOf*``;
``sh:datatype`` also requires a well-formed lexical form; comparisons that cannot be made
(``sh:minInclusive`` on a string, ``sh:lessThan`` across types) are violations; ``sh:in`` and
``sh:hasValue`` compare terms, not values. One violation is reported per focus node and path
(pySHACL reports one per value node).

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name" ] .
... ''', format="turtle")
>>> [c.path for c in compile_shapes(shapes)]
['name']
>>> import pyoxigraph
>>> store = pyoxigraph.Store()
>>> store.load(b"<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
...            b"<http://example.org/C> .", format=pyoxigraph.RdfFormat.N_TRIPLES)
>>> [str(v) for v in run(store, compile_shapes(shapes)).violations]
['http://example.org/a name: needs a name']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from idm_graph.core.errors import InputError
from idm_graph.core.formats import by_suffix, oxigraph_format
from idm_graph.graph.shacl import Report, Violation, shapes, short_name

__all__ = ["Check", "UnsupportedShapeError", "compile_shapes", "project_checks", "run", "validate",
           "validate_nquads", "validate_path"]

#: Datatypes whose lexical form is checked by a cast (an ill-formed literal fails the cast).
_CASTS = {XSD.integer: "xsd:integer", XSD.decimal: "xsd:decimal", XSD.double: "xsd:double",
          XSD.float: "xsd:float", XSD.boolean: "xsd:boolean", XSD.date: "xsd:date",
          XSD.dateTime: "xsd:dateTime", XSD.time: "xsd:time"}
#: Derived integer types: the integer cast and the bound of the type.
_INTEGERS = {XSD.nonNegativeInteger: ">= 0", XSD.positiveInteger: ">= 1",
             XSD.nonPositiveInteger: "<= 0", XSD.negativeInteger: "<= -1"}
_NODE_KINDS = {SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
               SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
               SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
               SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))"}
#: Keys of a shape that are not constraints, or are handled with another key.
_NOT_CONSTRAINTS = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.message,
                    SH.path, SH.name, SH.description, SH.severity, SH.order, SH.group}
_PREFIXES = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL construct the compiler does not translate."""


@dataclass(frozen=True, slots=True)
class Check:
    """One top-level constraint of a shape: its path (short form), message and query."""

    shape: str
    path: str
    message: str
    query: str


class _Compiler:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.names = itertools.count()

    def var(self) -> str:
        return f"?v{next(self.names)}"

    def term(self, node: Node) -> str:
        if isinstance(node, BNode):
            raise UnsupportedShapeError(f"a blank node as a value: {node}")
        return str(node.n3())

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.graph, node))

    def path(self, shape: Node) -> str:
        path = self.graph.value(shape, SH.path)
        if isinstance(path, URIRef):
            return self.term(path)
        inverse = self.graph.value(path, SH.inversePath) if path is not None else None
        if isinstance(inverse, URIRef):
            return "^" + self.term(inverse)
        raise UnsupportedShapeError(f"path of {shape}: only an IRI or sh:inversePath of one")

    def conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression true when the node ``x`` conforms to ``shape``."""
        if self.graph.value(shape, SH.path) is not None:
            return self.property_conforms(shape, x)
        parts = self.node_constraints(shape, x)
        parts += [self.property_conforms(p, x)
                  for p in _nodes(self.graph.objects(shape, SH.property))]
        return " && ".join(f"({p})" for p in parts) or "true"

    def node_constraints(self, shape: Node, x: str) -> list[str]:
        """The constraints of a node shape on its focus node itself (its property shapes
        aside), one SPARQL expression each.
        """
        return [self.node_constraint(shape, key, value, x)
                for key, value in _pairs(self.graph.predicate_objects(shape))
                if key not in _NOT_CONSTRAINTS and key != SH.property]

    def node_constraint(self, shape: Node, key: Any, value: Any, x: str) -> str:
        """A constraint of a node shape: one on the focus node as a value."""
        if key == SH.hasValue:
            return f"sameTerm({x}, {self.term(value)})"
        return self.value_constraint(key, value, x)

    def value_constraint(self, key: Any, value: Any, v: str) -> str:
        """A constraint on one value node ``v``."""
        if key == SH.datatype:
            return self.datatype(value, v)
        if key == SH["class"]:
            return (f"((isIRI({v}) || isBlank({v})) && "
                    f"EXISTS {{ {v} rdf:type/rdfs:subClassOf* {self.term(value)} }})")
        if key == SH.nodeKind and value in _NODE_KINDS:
            return _NODE_KINDS[value].format(v=v)
        if key == SH["in"]:
            options = " || ".join(f"sameTerm({v}, {self.term(i)})" for i in self.items(value))
            return f"({options or 'false'})"
        if key == SH.pattern:
            return f'(!isBlank({v}) && REGEX(STR({v}), {Literal(str(value)).n3()}))'
        if key == SH.minLength:
            return f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(value)})"
        if key == SH.maxLength:
            return f"(!isBlank({v}) && STRLEN(STR({v})) <= {int(value)})"
        comparisons = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=",
                       SH.maxExclusive: "<"}
        if key in comparisons:
            return f"COALESCE({v} {comparisons[key]} {self.term(value)}, false)"
        if key == SH["or"]:
            options = " || ".join(f"({self.conforms(s, v)})" for s in self.items(value))
            return f"({options or 'false'})"
        if key == SH["and"]:
            return " && ".join(f"({self.conforms(s, v)})" for s in self.items(value)) or "true"
        if key == SH["not"]:
            return f"!({self.conforms(value, v)})"
        if key == SH.node:
            return f"({self.conforms(value, v)})"
        if key == SH.property:
            return f"({self.property_conforms(value, v)})"
        raise UnsupportedShapeError(f"constraint {key} {value}")

    def datatype(self, datatype: Any, v: str) -> str:
        if datatype == RDF.langString:
            return f'(isLiteral({v}) && LANG({v}) != "")'
        typed = f"(isLiteral({v}) && DATATYPE({v}) = {self.term(datatype)}"
        if datatype in _CASTS:
            return f"{typed} && COALESCE(isLiteral({_CASTS[datatype]}(STR({v}))), false))"
        if datatype in _INTEGERS:
            return f"{typed} && COALESCE(xsd:integer(STR({v})) {_INTEGERS[datatype]}, false))"
        return typed + ")"

    def property_conforms(self, shape: Node, x: str, *, nested: bool = True) -> str:
        """A SPARQL expression true when ``x`` meets every constraint of the property shape
        (without the property shapes nested in it when not ``nested``: those report on the
        value nodes themselves, as checks of their own).
        """
        path = self.path(shape)
        parts: list[str] = []
        values: list[str] = []
        v = self.var()
        for key, value in _pairs(self.graph.predicate_objects(shape)):
            if key in _NOT_CONSTRAINTS or (key == SH.property and not nested):
                continue
            if key == SH.minCount:
                count = int(value)
                names = [self.var() for _ in range(count)]
                if count:
                    parts.append(f"EXISTS {{ {self.distinct(x, path, names)} }}")
            elif key == SH.maxCount:
                names = [self.var() for _ in range(int(value) + 1)]
                parts.append(f"NOT EXISTS {{ {self.distinct(x, path, names)} }}")
            elif key == SH.hasValue:
                parts.append(f"EXISTS {{ {x} {path} {self.term(value)} }}")
            elif key == SH.uniqueLang:
                if value.toPython() is True:
                    a, b = self.var(), self.var()
                    parts.append(f"NOT EXISTS {{ {x} {path} {a} . {x} {path} {b} "
                                 f'FILTER(!sameTerm({a}, {b}) && LANG({a}) != "" '
                                 f"&& LANG({a}) = LANG({b})) }}")
            elif key in (SH.lessThan, SH.lessThanOrEquals):
                w = self.var()
                operator = "<" if key == SH.lessThan else "<="
                parts.append(f"NOT EXISTS {{ {x} {path} {v} . {x} {self.term(value)} {w} "
                             f"FILTER(!COALESCE({v} {operator} {w}, false)) }}")
            else:
                values.append(self.value_constraint(key, value, v))
        if values:
            condition = " && ".join(values)
            parts.append(f"NOT EXISTS {{ {x} {path} {v} FILTER(!({condition})) }}")
        return " && ".join(f"({p})" for p in parts) or "true"

    @staticmethod
    def distinct(x: str, path: str, names: Sequence[str]) -> str:
        """Patterns binding ``names`` to pairwise different values of ``x path``."""
        patterns = " . ".join(f"{x} {path} {n}" for n in names)
        different = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2))
        return patterns + (f" FILTER({different})" if different else "")

    def targets(self, shape: Node, x: str) -> list[str]:
        found = [f"{{ {x} rdf:type/rdfs:subClassOf* {self.term(c)} }}"
                 for c in _nodes(self.graph.objects(shape, SH.targetClass))]
        found += [f"{{ {x} {self.term(p)} [] }}"
                  for p in _nodes(self.graph.objects(shape, SH.targetSubjectsOf))]
        found += [f"{{ BIND({self.term(n)} AS {x}) }}"
                  for n in _nodes(self.graph.objects(shape, SH.targetNode))]
        return found


def compile_shapes(graph: Graph) -> tuple[Check, ...]:
    """One :class:`Check` per top-level constraint of each shape that has a target, and one
    per property shape nested in a property shape (whose violations are reported on the
    value nodes, as SHACL's ``sh:property`` component says).
    """
    compiler = _Compiler(graph)
    checks: list[Check] = []
    for shape in _nodes(set(graph.subjects(RDF.type, SH.NodeShape))):
        targets = compiler.targets(shape, "?focus")
        if not targets:
            continue
        target = " UNION ".join(targets)
        message = str(graph.value(shape, SH.message) or "")
        name = short_name(shape)
        node_parts = compiler.node_constraints(shape, "?focus")
        if node_parts:
            condition = " && ".join(f"({p})" for p in node_parts)
            checks.append(Check(name, "(node)", message or _describe(graph, shape),
                                _select(target, condition)))
        for prop in _nodes(graph.objects(shape, SH.property)):
            checks += _property_checks(compiler, name, prop, target, message)
    return tuple(checks)


def _property_checks(compiler: _Compiler, name: str, prop: Node, target: str,
                     message: str) -> list[Check]:
    graph = compiler.graph
    condition = compiler.property_conforms(prop, "?focus", nested=False)
    text = str(graph.value(prop, SH.message) or message or _describe(graph, prop))
    found = [Check(name, _path_name(graph, prop), text, _select(target, condition))]
    for inner in _nodes(graph.objects(prop, SH.property)):
        outer = compiler.var()
        values = (f"{{ {target.replace('?focus', outer)} }} "
                  f"{outer} {compiler.path(prop)} ?focus .")
        found += _property_checks(compiler, name, inner, values, "")
    return found


def _path_name(graph: Graph, prop: Node) -> str:
    path = graph.value(prop, SH.path)
    inverse = graph.value(path, SH.inversePath) if isinstance(path, BNode) else None
    return "^" + short_name(inverse) if inverse is not None else short_name(path)


@cache
def project_checks() -> tuple[Check, ...]:
    """The project's shapes (``ontology/shapes.ttl``), compiled once."""
    return compile_shapes(shapes())


def run(store: Any, checks: Iterable[Check] | None = None, *, union: bool = True) -> Report:
    """Run ``checks`` (default: the project's) on a ``pyoxigraph.Store`` (its default graph
    taken as the union of its graphs, unless not ``union``: a store whose default graph
    already holds the union), and report the violations, sorted.
    """
    violations = sorted(
        {Violation(focus, check.path, check.message)
         for check in (project_checks() if checks is None else checks)
         for focus in _focus_nodes(store, check.query, union)},
        key=lambda v: (v.focus, v.path, v.message))
    return Report(not violations, tuple(violations))


def validate_nquads(nquads: bytes, context: bytes = b"") -> Report:
    """Validate a document's N-Quads (with ``context``, N-Quads or N-Triples of the ontology
    and vocabularies it relies on) against the project's shapes.
    """
    import pyoxigraph

    store = pyoxigraph.Store()
    for payload in (nquads, context):
        if payload:
            store.bulk_load(payload, format=pyoxigraph.RdfFormat.N_QUADS)
    return run(store)


def validate(data: Graph | Dataset, *, context: Graph | None = None) -> Report:
    """:func:`validate_nquads` for an rdflib graph or dataset (its named graphs taken as
    one union, as pySHACL reads it), with ``context`` added as :func:`shacl.validate` does.
    """
    payload = data.serialize(format="nquads" if isinstance(data, Dataset) else "nt",
                             encoding="utf-8")
    extra = context.serialize(format="nt", encoding="utf-8") if context is not None else b""
    return validate_nquads(payload, extra)


def validate_path(path: Path) -> Report:
    """Validate a graph file (N-Quads, TriG, Turtle, N-Triples read by Oxigraph itself; other
    formats through rdflib).
    """
    import pyoxigraph

    fmt = by_suffix(path.suffix)
    if fmt is None or fmt.name == "jsonld":  # JSON-LD: rdflib, with the published context
        from idm_graph.querying.store import load

        return validate(load(path))
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=oxigraph_format(fmt))
    except SyntaxError as exc:
        raise InputError(str(path), f"not a valid {path.suffix[1:]} file: "
                                    f"{' '.join(str(exc).split())[:200]}") from None
    return run(store)


def _focus_nodes(store: Any, query: str, union: bool) -> Iterator[str]:
    for solution in store.query(query, use_default_graph_as_union=union):
        yield solution["focus"].value


def _nodes(nodes: Iterable[Node]) -> list[Any]:
    """Terms in a stable order (the compiled queries are the same in every run)."""
    return sorted(nodes, key=lambda n: (type(n).__name__, str(n)))


def _pairs(pairs: Iterable[tuple[Node, Node]]) -> list[tuple[Any, Any]]:
    return sorted(pairs, key=lambda kv: (str(kv[0]), type(kv[1]).__name__, str(kv[1])))


def _select(target: str, condition: str) -> str:
    return f"{_PREFIXES}SELECT DISTINCT ?focus WHERE {{ {target} FILTER(!({condition})) }}"


def _describe(graph: Graph, shape: Node) -> str:
    """A message for a constraint without ``sh:message``: its constraints, in Turtle terms."""
    words = []
    for key, value in _pairs(graph.predicate_objects(shape)):
        if key in _NOT_CONSTRAINTS or isinstance(value, BNode):
            continue
        shown = short_name(value) if isinstance(value, URIRef) else value
        words.append(f"{short_name(key)} {shown}")
    return "does not meet " + (", ".join(words) or "the shape")
