"""The compiled SHACL checks (the build's validator) against pySHACL (the reference).

Every top-level constraint of ``ontology/shapes.ttl`` is broken in turn, in seven ways, on a
node of its target in the bundled build; both validators must then name the same
(focus node, path) pairs. Each way of breaking is one graph (each constraint on a node of
its own where the target has enough), so pySHACL runs seven times, not hundreds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from idm_graph.core.vocab import union
from idm_graph.graph import checks, shacl

Mutation = Callable[[Graph, Node, URIRef, bool], None]


def _values(graph: Graph, focus: Node, path: URIRef, inverse: bool) -> list[Any]:
    pattern = (None, path, focus) if inverse else (focus, path, None)
    return list(graph.triples(pattern))


def _replace(value: Node) -> Mutation:
    def mutate(graph: Graph, focus: Node, path: URIRef, inverse: bool) -> None:
        for triple in _values(graph, focus, path, inverse):
            graph.remove(triple)
        if not inverse:
            graph.add((focus, path, value))
    return mutate


def _drop(graph: Graph, focus: Node, path: URIRef, inverse: bool) -> None:
    for triple in _values(graph, focus, path, inverse):
        graph.remove(triple)


def _extra(graph: Graph, focus: Node, path: URIRef, inverse: bool) -> None:
    if not inverse:
        graph.add((focus, path, Literal("zz")))


def _two_french(graph: Graph, focus: Node, path: URIRef, inverse: bool) -> None:
    if not inverse:
        graph.add((focus, path, Literal("un", lang="fr")))
        graph.add((focus, path, Literal("deux", lang="fr")))


MUTATIONS: dict[str, Mutation] = {
    "drop": _drop, "extra": _extra, "negative": _replace(Literal(-5)),
    "iri": _replace(URIRef("urn:x:y")),
    "ill-formed": _replace(Literal("abc", datatype=XSD.integer)),
    "other-node": _replace(URIRef("https://w3id.org/idm-graph/id/idm/2021/2")),
    "two-french": _two_french,
}


def _constraints(shapes: Graph, data: Graph) -> list[tuple[Node, URIRef, bool]]:
    """(focus, path, inverse) for every property constraint of a targeted shape, each on a
    node of the target not used before when there is one.
    """
    used: set[Node] = set()
    found = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        nodes: list[Node] = []
        for cls in sorted(shapes.objects(shape, SH.targetClass)):
            nodes += sorted(set(data.subjects(RDF.type, cls)))
        for prop in sorted(set(shapes.subjects(SH.targetSubjectsOf, None)) & {shape}):
            for p in shapes.objects(prop, SH.targetSubjectsOf):
                nodes += sorted(set(data.subjects(p, None)))
        if not nodes:
            continue
        for prop in sorted(shapes.objects(shape, SH.property)):
            path = shapes.value(prop, SH.path)
            inverse = isinstance(path, BNode)
            if inverse:
                path = shapes.value(path, SH.inversePath)
            assert isinstance(path, URIRef)
            focus = next((n for n in nodes if n not in used), nodes[0])
            used.add(focus)
            found.append((focus, path, inverse))
    return found


def _copy(graph: Graph) -> Graph:
    """A graph of its own (``copy.copy`` of an rdflib graph shares the store)."""
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def _pairs(report: shacl.Report) -> set[tuple[str, str]]:
    return {(v.focus, v.path) for v in report.violations}


@pytest.fixture(scope="module")
def data(dataset: Dataset) -> Graph:
    return union(dataset)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_both_validators_name_the_same_violations(data: Graph, name: str) -> None:
    broken = _copy(data)
    constraints = _constraints(shacl.shapes(), data)
    assert len(constraints) >= 60
    for focus, path, inverse in constraints:
        MUTATIONS[name](broken, focus, path, inverse)
    reference = _pairs(shacl.validate(broken))
    compiled = _pairs(checks.validate(broken))
    assert compiled == reference
    assert len(reference) >= 5  # the mutations broke something


def test_nested_shapes_are_checked(data: Graph) -> None:
    """sh:node (an objective link's objective) and a property shape inside a property shape
    (a theme tag's theme in the theme scheme): the constructs a Rust validator missed.
    """
    from idm_graph.core.vocab import IDM, THEME

    broken = _copy(data)
    link = sorted(broken.subjects(RDF.type, IDM.ObjectiveLink))[0]
    tag = sorted(broken.subjects(RDF.type, IDM.ThemeTag))[0]
    broken.remove((link, IDM.objective, None))
    broken.add((link, IDM.objective, THEME.diaspora))
    broken.remove((tag, IDM.theme, None))
    broken.add((tag, IDM.theme, URIRef("https://w3id.org/idm-graph/gcm/objective-19")))
    # sh:node reports on the link; a nested property shape on the value node itself
    expected = {(str(link), "objective"),
                ("https://w3id.org/idm-graph/gcm/objective-19", "inScheme")}
    assert _pairs(shacl.validate(broken)) == expected
    assert _pairs(checks.validate(broken)) == expected


def test_the_bundled_build_conforms_to_both(dataset: Dataset) -> None:
    assert checks.validate(dataset).conforms
    assert shacl.validate(dataset).conforms


def test_an_unknown_construct_is_refused_not_skipped() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ] .""", format="turtle")
    with pytest.raises(checks.UnsupportedShapeError, match="qualifiedMinCount"):
        checks.compile_shapes(shapes)


def test_the_validate_command_gives_the_same_answer_with_both_engines(data: Graph,
                                                                       tmp_path: Path) -> None:
    """``idm-graph validate`` on a broken Turtle file and on an Oxigraph store made from it:
    the compiled checks (default) and pySHACL (``--engine pyshacl``) name the same nodes.
    """
    import subprocess
    import sys

    from idm_graph.core.vocab import SDO
    from idm_graph.querying.store import OxigraphStore

    broken = _copy(data)
    country = sorted(broken.subjects(RDF.type, SDO.Country))[0]
    broken.remove((country, SDO.identifier, None))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")
    store = OxigraphStore(tmp_path / "store")
    store.load_nquads(broken.serialize(format="nt", encoding="utf-8"))
    store.flush()
    del store
    for spec in (str(path), f"oxigraph:{tmp_path / 'store'}"):
        outputs = []
        for engine in ("sparql", "pyshacl"):
            done = subprocess.run([sys.executable, "-m", "idm_graph.cli", "validate", "--data",
                                   spec, "--engine", engine], capture_output=True, text=True,
                                  check=False)
            assert done.returncode == 1, done.stderr
            outputs.append({line.split()[0] for line in done.stderr.splitlines()[:-1]})
        assert outputs[0] == outputs[1] == {str(country)}
