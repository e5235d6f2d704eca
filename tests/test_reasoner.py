"""A real OWL reasoner (HermiT, the jar owlready2 ships, run from its command line) over the
ontology, the vocabularies, the W3C ontologies they align to (PROV-O, ORG, Web Annotation,
SKOS; shipped in ontology/w3c) and a built graph: the whole must be consistent and every class
satisfiable.

Regression: ``idm:linkedResource`` ⊑ ``prov:entity`` (range ``prov:Entity``) while objective
links point at contributions (``prov:Activity``, disjoint with ``prov:Entity``) made the data
inconsistent under HermiT. The negative tests put such axioms back and must see the reasoner
fail, so this test can fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from rdflib import OWL, Graph

from conftest import ROOT

pytestmark = pytest.mark.reasoner
owlready2 = pytest.importorskip("owlready2")
if shutil.which("java") is None:  # pragma: no cover - make test installs a JRE where it can
    pytest.skip("HermiT needs Java (Debian: default-jre-headless)", allow_module_level=True)

ONTOLOGY = ROOT / "ontology"
W3C = ("prov.ttl", "org.ttl", "oa.ttl", "skos.ttl")


def combined(data: Any, extra: str = "") -> Graph:
    graph = Graph()
    for name in ("idm.ttl", "gcm.ttl", "themes.ttl"):
        graph.parse(ONTOLOGY / name, format="turtle")
    for name in W3C:
        graph.parse(ONTOLOGY / "w3c" / name, format="turtle")
    for triple in data.triples((None, None, None)):
        graph.add(triple)
    if extra:
        graph.parse(data=extra, format="turtle")
    return graph


class InconsistentError(AssertionError):
    """HermiT found the ontology and data inconsistent."""


def reason(graph: Graph, tmp_path: Path) -> list[str]:
    """Run HermiT; the unsatisfiable classes (raises :class:`InconsistentError`)."""
    graph.remove((None, OWL.imports, None))  # everything is here; nothing is fetched
    path = tmp_path / "all.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    jar = Path(owlready2.__file__).parent / "hermit"
    done = subprocess.run(["java", "-Xmx2000M", "-cp", f"{jar}:{jar / 'HermiT.jar'}",
                           "org.semanticweb.HermiT.cli.CommandLine", "-U", path.as_uri()],
                          capture_output=True, text=True, timeout=300, check=False)
    if "InconsistentOntologyException" in done.stderr + done.stdout:
        raise InconsistentError("HermiT: inconsistent ontology")
    assert done.returncode == 0, done.stderr[-2000:]
    _, _, listed = done.stdout.partition("Classes equivalent to 'owl:Nothing':")
    return sorted(line.strip().strip("<>") for line in listed.splitlines()
                  if line.strip() and line.strip() != "owl:Nothing")


def test_ontology_vocabularies_w3c_and_data_are_consistent(dataset: Any, tmp_path: Path) -> None:
    assert reason(combined(dataset), tmp_path) == []


def test_the_old_prov_alignment_is_found_inconsistent(dataset: Any, tmp_path: Path) -> None:
    old = """@prefix idm: <https://w3id.org/idm-graph/ontology#> .
             @prefix prov: <http://www.w3.org/ns/prov#> .
             @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
             idm:linkedResource rdfs:subPropertyOf prov:entity ."""
    with pytest.raises(InconsistentError):
        reason(combined(dataset, old), tmp_path)


def test_an_unsatisfiable_class_is_reported(dataset: Any, tmp_path: Path) -> None:
    bad = """@prefix idm: <https://w3id.org/idm-graph/ontology#> .
             @prefix prov: <http://www.w3.org/ns/prov#> .
             @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
             @prefix owl: <http://www.w3.org/2002/07/owl#> .
             idm:Impossible a owl:Class ; rdfs:subClassOf prov:Activity , prov:Entity ."""
    assert reason(combined(dataset, bad), tmp_path) == \
        ["https://w3id.org/idm-graph/ontology#Impossible"]
