"""Corpus builds: several documents in one graph, resolution across sessions, the merge
audit, the Oxigraph store, deterministic outputs, both stores giving the same rows."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from conftest import as_source
from idm_graph import build
from idm_graph.core.errors import InputError
from idm_graph.core.resources import default_source
from idm_graph.core.vocab import OA, RDF, SDO, iri
from idm_graph.graph.export import serialize
from idm_graph.interfaces.synthetic import write_corpus
from idm_graph.pipeline.build import CORPUS_AT
from idm_graph.querying.data import open_source as open_data
from idm_graph.querying.sparql import named_queries, query
from idm_graph.querying.store import OxigraphStore

pytestmark = pytest.mark.corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def params_for(name: str) -> list[dict[str, str]]:
    named = named_queries()[name]
    base = {"node": "Leon Isaacs"} if "node" in named.params else {}
    langs = ["fr", "en"] if "lang" in named.params else [None]
    return [dict(base, **({"lang": lang} if lang else {})) for lang in langs]


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_gives_the_same_rows_on_rdflib_and_oxigraph(dataset: Dataset,
                                                                     name: str) -> None:
    store = OxigraphStore(None)
    store.load_nquads(serialize(dataset, "nquads"))
    for params in params_for(name):
        assert query(store, name, params).as_dicts() == \
            query(as_source(dataset), name, params).as_dicts()


@pytest.fixture(scope="module")
def two_sessions(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("two")
    return build([default_source(), FIXTURES / "idm-2023-s1.en.md"], out=out, views=False)


def test_same_person_across_sessions_is_one_resource_with_evidence_from_each(
        two_sessions: Any) -> None:
    dataset = two_sessions.dataset
    person = iri("person/leon-isaacs")
    assert (person, RDF.type, SDO.Person) in dataset
    sources = {str(dataset.value(dataset.value(ann, OA.hasTarget), OA.hasSource))
               for ann in dataset.subjects(OA.hasBody, person)}
    assert {s.rsplit("/", 1)[1] for s in sources} == {"idm-2021-s2-fr", "idm-2023-s1-en"}
    roles = {str(r) for r in dataset.objects(person, SDO.jobTitle)}
    assert roles == {"fondateur et directeur général de DMA Global",
                     "Chief Executive Officer of DMA Global"}
    across = {r["person"]: r["sessions"] for r in
              query(as_source(dataset), "persons-across-sessions").as_dicts()}
    assert across == {"Amy Pope": 2, "Leon Isaacs": 2}
    organisations = {r["organisation"]: r["sessions"] for r in
                     query(as_source(dataset), "organisations-across-sessions",
                           {"lang": "en"}).as_dicts()}
    assert organisations == {"International Organization for Migration": 2, "DMA Global": 2}


def test_merge_audit_says_what_was_merged_and_why(two_sessions: Any) -> None:
    rows = list(csv.DictReader((two_sessions.out / "merge-audit.csv").open(encoding="utf-8")))
    by_key = {r["key"]: r for r in rows}
    assert set(by_key) == {"org/dma-global", "org/iom", "org/un", "person/amy-pope",
                           "person/leon-isaacs"}
    assert by_key["org/iom"]["reason"] == "same well-known organisation (gazetteer entry 'iom')"
    assert by_key["org/iom"]["names"] == ("International Organization for Migration | "
                                          "Organisation internationale pour les migrations")
    assert by_key["person/leon-isaacs"]["documents"] == "idm-2021-s2.fr idm-2023-s1.en"
    assert "same full name" in by_key["person/leon-isaacs"]["reason"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    write_corpus(CORPUS_AT + 4, directory)
    return directory


def test_corpus_build_in_memory_and_on_disk_give_identical_files(corpus: Path,
                                                                 tmp_path: Path) -> None:
    memory = build([corpus], out=tmp_path / "memory", views=False, workers=2)
    disk = build([corpus], out=tmp_path / "disk", views=False,
                 store=f"oxigraph:{tmp_path / 'store'}", workers=1)
    assert isinstance(memory.dataset, OxigraphStore)
    assert memory.quads == disk.quads > 10_000
    assert len(memory.documents) == CORPUS_AT + 4
    names = sorted(p.name for p in (tmp_path / "memory").iterdir())
    assert names == [".idm-graph-build", "idm.jsonld", "idm.nq", "idm.trig", "idm.ttl",
                     "merge-audit.csv"]
    for name in names:
        assert (tmp_path / "memory" / name).read_bytes() == (tmp_path / "disk" / name)\
            .read_bytes(), name
    for name, fmt in (("idm.trig", "trig"), ("idm.nq", "nquads"), ("idm.jsonld", "json-ld"),
                      ("idm.ttl", "turtle")):
        back = Dataset(default_union=True)
        back.parse(tmp_path / "memory" / name, format=fmt)
        assert len(back) > 10_000, name
    countries = [r for r in csv.DictReader((tmp_path / "memory" / "merge-audit.csv").open())
                 if r["kind"] == "Country"]
    assert countries
    assert all(r["reason"].startswith("same ISO 3166-1 alpha-3 code") for r in countries)


def test_store_build_is_queryable_from_the_cli_spec(corpus: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build([corpus], store=f"oxigraph:{store_path}", views=False)
    store = open_data(f"oxigraph:{store_path}")
    sessions = query(store, "objectives-by-session").as_dicts()
    assert {r["objective"] for r in sessions} >= {19, 20}
    assert len(query(store, "panels")) == 3 * (CORPUS_AT + 4)


def test_corpus_documents_are_validated_one_by_one(tmp_path: Path) -> None:
    from idm_graph.core.vocab import BASE
    from idm_graph.pipeline.corpus import _process, _Task

    directory = tmp_path / "c"
    write_corpus(1, directory)
    part = _process(_Task(next(directory.iterdir()), False, BASE, BASE + "build/x", True))
    assert part.violations == ()
    assert part.rendered.nquads.count(b"\n") > 1000
    assert part.rendered.trig.count(b" {\n") >= 1
    assert len(part.rendered.jsonld) >= 1


def test_regression_corpus_files_keep_the_offsets_datatype(corpus: Path, tmp_path: Path) -> None:
    """An Oxigraph store turns xsd:nonNegativeInteger into xsd:integer (a known behaviour of
    its storage); corpus files are written from the quads as encoded, so they keep it."""
    from rdflib.namespace import XSD

    result = build([corpus], out=tmp_path / "out", views=False)
    for name, fmt in (("idm.nq", "nquads"), ("idm.jsonld", "json-ld"), ("idm.trig", "trig")):
        back = Dataset(default_union=True)
        back.parse(tmp_path / "out" / name, format=fmt)
        types = {o.datatype for o in back.objects(None, OA.start)}
        assert types == {XSD.nonNegativeInteger}, name
    stored = {row["t"] for row in query(result.store(), "SELECT DISTINCT ?t WHERE { ?s "
                                        "<http://www.w3.org/ns/oa#start> ?o BIND(DATATYPE(?o) "
                                        "AS ?t) }").as_dicts()}
    assert stored == {str(XSD.integer)}  # what the store hands back
    store_as_rdflib = Dataset(default_union=True)
    store_as_rdflib.parse(data=result.dataset.nquads().decode(), format="nquads")
    from idm_graph.graph.shacl import validate

    assert validate(store_as_rdflib).conforms  # the shapes accept both integer types


def test_a_failed_store_build_leaves_the_previous_store_whole(corpus: Path, tmp_path: Path,
                                                              monkeypatch: Any) -> None:
    """The store is loaded as documents arrive, into a folder beside the old one; a document
    that does not conform stops the build, and the old store is still there, unchanged, with
    no half-built folder left.
    """
    import dataclasses

    import pyoxigraph

    from idm_graph.core.errors import ShaclValidationError
    from idm_graph.pipeline import corpus as pipeline

    store_path = tmp_path / "store"
    build([corpus], store=f"oxigraph:{store_path}", views=False)
    before = len(pyoxigraph.Store.read_only(str(store_path)))
    real, seen = pipeline._process, []

    def fifth_fails(task: Any) -> Any:
        seen.append(task)
        part = real(task)
        return dataclasses.replace(part, violations=("x p: broken",)) if len(seen) == 5 \
            else part

    monkeypatch.setattr(pipeline, "_process", fifth_fails)
    with pytest.raises(ShaclValidationError):
        build([corpus], store=f"oxigraph:{store_path}", views=False, workers=1)
    assert len(seen) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert len(pyoxigraph.Store.read_only(str(store_path))) == before


def test_trig_and_jsonld_can_be_left_out(corpus: Path, tmp_path: Path) -> None:
    """``without``: a corpus is written as N-Quads and Turtle only, with the same quads; a
    one-document rebuild into a folder that held JSON-LD removes it (the folder's manifest).
    """
    out = tmp_path / "lean"
    full = build([corpus], out=tmp_path / "full", views=False)
    lean = build([corpus], out=out, views=False, without=["trig", "jsonld"])
    assert sorted(p.name for p in out.iterdir()) == [".idm-graph-build", "idm.nq", "idm.ttl",
                                                      "merge-audit.csv"]
    assert (out / "idm.nq").read_bytes() == (tmp_path / "full" / "idm.nq").read_bytes()
    assert (out / "idm.ttl").read_bytes() == (tmp_path / "full" / "idm.ttl").read_bytes()
    assert lean.quads == full.quads
    one = tmp_path / "one"
    build(out=one, views=False)
    assert (one / "idm.jsonld").is_file()
    build(out=one, views=False, without=["jsonld"])
    assert not (one / "idm.jsonld").exists()
    assert (one / "idm.trig").is_file()
    with pytest.raises(InputError, match="only jsonld and trig"):
        build(out=one, views=False, without=["turtle"])
