"""The RDF graph: evidence re-anchors, SHACL accepts it and rejects violations, provenance,
exports round-trip, builds are byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from idm_graph import build
from idm_graph.core.resources import default_source
from idm_graph.core.vocab import IDM, KIND, OA, PROV, RDF, SDO, iri
from idm_graph.graph import checks, shacl
from idm_graph.graph.encode import encode, encode_nquads, graph_iri
from idm_graph.graph.export import FORMATS, serialize
from idm_graph.graph.shacl import validate
from idm_graph.interfaces.synthetic import write_corpus
from idm_graph.pipeline.build import read_source
from idm_graph.querying.store import load


def quads(dataset: Dataset) -> set[tuple[Any, ...]]:
    return {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))
            if g is not None and str(g) != "urn:x-rdflib:default"}


def copy(dataset: Dataset) -> Dataset:
    """A copy to break on purpose (the shared fixture must stay intact)."""
    out = Dataset(default_union=True)
    for quad in dataset.quads((None, None, None, None)):
        out.add(quad)
    return out


def test_every_annotation_re_anchors(dataset: Dataset) -> None:
    text = default_source().read_text(encoding="utf-8")
    count = 0
    for selector in dataset.subjects(RDF.type, OA.TextPositionSelector):
        target = next(dataset.subjects(OA.hasSelector, selector))
        quote = next(q for q in dataset.objects(target, OA.hasSelector)
                     if (q, RDF.type, OA.TextQuoteSelector) in dataset)
        start = int(dataset.value(selector, OA.start))
        end = int(dataset.value(selector, OA.end))
        assert text[start:end] == str(dataset.value(quote, OA.exact))
        assert text[:start].endswith(str(dataset.value(quote, OA.prefix)))
        assert text[end:].startswith(str(dataset.value(quote, OA.suffix)))
        count += 1
    assert count > 150


def test_every_fact_node_has_evidence(dataset: Dataset) -> None:
    classes = [SDO.Person, IDM.Panel, IDM.Contribution, IDM.ObjectiveLink, IDM.Recommendation,
               IDM.ConclusionPoint, SDO.Country, IDM.Delegation]
    for cls in classes:
        nodes = set(dataset.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            assert list(dataset.subjects(OA.hasBody, node)), node


#: Both validators: pySHACL (the reference, ``validate --engine pyshacl``) and the shapes
#: compiled to SPARQL (what builds run).
ENGINES = pytest.mark.parametrize("validate", [shacl.validate, checks.validate],
                                  ids=["pyshacl", "sparql"])


@ENGINES
def test_built_graph_conforms(dataset: Dataset, validate: Any) -> None:
    assert validate(dataset).conforms


@ENGINES
def test_shapes_reject_a_deliberate_violation_with_its_focus_node(dataset: Dataset,
                                                                  validate: Any) -> None:
    broken = copy(dataset)
    panel = iri("idm/2021/2/panel/3")
    broken.remove((panel, IDM.panelNumber, None, None))
    country = iri("country/QAT")
    broken.remove((country, SDO.identifier, None, None))
    broken.add((country, SDO.identifier, Literal("QA"), graph_iri("source/idm-2021-s2-fr")))
    report = validate(broken)
    assert not report.conforms
    focus = {v.focus for v in report.violations}
    assert str(panel) in focus
    assert str(country) in focus
    assert any(v.path == "panelNumber" for v in report.violations)
    assert len(quads(broken)) == len(quads(dataset)) - 1  # validation did not touch the data


@ENGINES
def test_curated_link_without_rationale_is_rejected(dataset: Dataset, validate: Any) -> None:
    broken = copy(dataset)
    link = iri("idm/2021/2/objective-link/19/panel-7/curated")
    broken.remove((link, IDM.rationale, None, None))
    report = validate(broken)
    assert str(link) in {v.focus for v in report.violations}


def test_provenance(dataset: Dataset) -> None:
    source = iri("source/idm-2021-s2-fr")
    assert (source, RDF.type, PROV.Entity) in dataset
    import hashlib

    digest = hashlib.sha256(default_source().read_bytes()).hexdigest()
    assert str(dataset.value(source, IDM.sha256)) == digest
    assert str(dataset.value(source, SDO.inLanguage)) == "fr"
    activity = next(dataset.subjects(PROV.used, source))
    agent = dataset.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in dataset
    assert dataset.value(agent, SDO.softwareVersion) is not None
    assert dataset.value(activity, PROV.endedAtTime) is None  # no wall clock by default


def test_extracted_and_curated_facts_are_apart(dataset: Dataset) -> None:
    curated_graph = dataset.graph(graph_iri("curation/idm-2021-s2-fr"))
    links = set(curated_graph.subjects(RDF.type, IDM.ObjectiveLink))
    assert len(links) == 18
    for link in links:
        assert (link, IDM.basis, KIND.curated) in curated_graph
    source_graph = dataset.graph(graph_iri("source/idm-2021-s2-fr"))
    assert not set(source_graph.subjects(IDM.basis, KIND.curated)) - set()
    annotations = set(dataset.subjects(IDM.basis, KIND.curated))
    assert annotations
    assert (None, OA.hasBody, None) in curated_graph


def test_named_graphs(dataset: Dataset) -> None:
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    base = "https://w3id.org/idm-graph/id/graph/"
    assert names == {base + n for n in ("ontology", "vocabularies", "provenance",
                                        "source/idm-2021-s2-fr", "curation/idm-2021-s2-fr")}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_exports_round_trip(dataset: Dataset, fmt: str) -> None:
    payload = serialize(dataset, fmt)
    back = Dataset(default_union=True)
    back.parse(data=payload.decode("utf-8"), format=FORMATS[fmt][1])
    if fmt in ("trig", "nquads", "jsonld"):
        assert quads(back) == quads(dataset)
        for graph in dataset.graphs():
            if len(graph):
                assert isomorphic(back.graph(graph.identifier), graph), graph.identifier
    else:
        assert set(back.triples((None, None, None))) == set(dataset.triples((None, None, None)))
    assert serialize(dataset, fmt) == payload


def test_turtle_binds_every_prefix(built: Any) -> None:
    head = (built.out / "idm.ttl").read_text("utf-8")[:2000]
    for prefix in ("idm", "kind", "gcm", "theme", "schema", "org", "prov", "oa", "skos"):
        assert f"PREFIX {prefix}:" in head or f"@prefix {prefix}:" in head, prefix
    text = (built.out / "idm.ttl").read_text("utf-8")
    assert "http://schema.org/" not in text
    assert "\\/" not in text  # resource IRIs stay whole: no escaped slashes in local names
    assert "<https://w3id.org/idm-graph/id/person/" in text


def test_trig_groups_statements_under_the_projects_prefixes(built: Any) -> None:
    """TriG is written by pyoxigraph (``export._trig``): the project's vocabularies as
    prefixed names, a subject's statements grouped with ``;``, resource IRIs whole."""
    text = (built.out / "idm.trig").read_text("utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert "rdfs:label" in body
    assert "<http://www.w3.org/2000/01/rdf-schema#label>" not in body
    assert " ;\n" in body
    assert "\\/" not in body
    assert len(body.splitlines()) < len(built.dataset)  # a subject is written once


def test_load_reads_back_every_output(built: Any) -> None:
    for name in ("idm.ttl", "idm.trig", "idm.jsonld"):
        loaded = load(built.out / name)
        assert set(loaded.triples((None, None, None))) == set(
            built.dataset.triples((None, None, None)))


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "987"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        subprocess.run([sys.executable, "-m", "idm_graph.cli", "build", "--out", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append(out)
    files = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*") if p.is_file())
    assert len(files) == 10  # 3 graph files, 5 views, the evidence reader, the manifest
    for rel in files:
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes(), rel


def test_source_date_epoch_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1634169600")
    dataset = build(views=False).dataset
    ended = list(dataset.objects(None, PROV.endedAtTime))
    assert [str(e) for e in ended] == ["2021-10-14T00:00:00+00:00"]


def test_base_iri_is_configurable() -> None:
    dataset = build(views=False, base="https://example.org/idm/").dataset
    person = URIRef("https://example.org/idm/person/amy-pope")
    assert (person, RDF.type, SDO.Person) in dataset
    assert validate(dataset).conforms


@pytest.mark.parametrize("source", ["bundled", "idm-2023-s1.en.md", "idm-2022-s1.fr.txt",
                                    "synthetic", "escapes"])
def test_direct_nquads_are_the_statements_rdflib_writes(source: str, tmp_path: Path) -> None:
    """A corpus's workers write N-Quads without an rdflib graph (``encode_nquads``): the
    lines must be exactly those rdflib's serializer writes for the same record, curated facts
    and literals that need escaping included.
    """
    if source == "bundled":
        path = default_source()
    elif source == "synthetic":
        path = write_corpus(1, tmp_path)[0]
    elif source == "escapes":
        path = tmp_path / "escapes.en.md"
        path.write_text('# Summary\n\nMs. Jane Roe, Director of "Acme\\Beta" Ltd, said that '
                        'C:\\path and a "quoted" word\tmatter.\n', encoding="utf-8")
    else:
        path = Path(__file__).parent / "fixtures" / source
    record = read_source(path)
    build = iri("build/test")
    direct = encode_nquads(record, build=build).decode("utf-8").splitlines()
    dataset = encode([record], vocabularies=False, provenance=False, build=build)
    written = dataset.serialize(format="nquads").splitlines()
    assert len(direct) > 50
    assert sorted(set(direct)) == sorted(line for line in set(written) if line.strip())
    if source == "bundled":
        assert any("/graph/curation/" in line for line in direct)
    if source == "escapes":
        assert any('\\"Acme\\\\Beta\\"' in line for line in direct)


def test_the_dataset_encoded_on_demand_holds_the_written_statements(built: Any) -> None:
    """A build in memory writes its files from the encoder's N-Quads and encodes the rdflib
    dataset only when asked: both must be the same graph, provenance and vocabularies
    included, and the Turtle written must be that graph's union.
    """
    assert built.nquads is not None
    written = set(built.nquads.decode("utf-8").splitlines())
    encoded = {line for line in built.dataset.serialize(format="nquads").splitlines()
               if line.strip()}
    assert len(written) == built.quads > 10_000
    assert written == encoded
    turtle = Dataset().parse(built.out / "idm.ttl", format="turtle")
    assert len(turtle) == len({(s, p, o) for s, p, o, _ in built.dataset.quads()})
