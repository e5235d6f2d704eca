"""Curation files: good ones add curated facts; bad ones fail with file:line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from idm_graph.core.errors import CurationError
from idm_graph.core.resources import curation_dir, default_source
from idm_graph.extract import extract
from idm_graph.extract.curation import load_curation, parse_curation
from idm_graph.text.document import load_document


@pytest.fixture(scope="module")
def doc_and_facts():
    document = load_document(default_source())
    return document, extract(document)


def curate(text: str, doc_and_facts) -> object:
    document, facts = doc_and_facts
    return parse_curation(text, "c.yaml", document, facts)


def test_bundled_curation_loads(doc_and_facts) -> None:
    document, facts = doc_and_facts
    curated, digest = load_curation(curation_dir() / "idm-2021-s2.fr.yaml", document, facts)
    links = list(curated.of_kind("ObjectiveLink"))
    assert len(links) == 18
    assert {e.attrs["objective"] for e in links} >= {"gcm:objective-19", "gcm:objective-20"}
    for entity in curated.entities.values():
        assert entity.basis == "curated"
        assert entity.attrs["rationale"]
        for ev in entity.evidence:
            assert document.text[ev.start:ev.end]
    assert len(digest) == 64


GOOD = """document: idm-2021-s2.fr.md
links:
  - target: recommendation 9
    objective: 7
    quote: "Répondre aux besoins de protection particuliers des enfants migrants"
    rationale: Protecting migrant children addresses vulnerabilities (Objective 7).
"""


def test_a_new_curated_link(doc_and_facts) -> None:
    curated = curate(GOOD, doc_and_facts)
    link = next(curated.of_kind("ObjectiveLink"))
    assert link.attrs["target"] == "idm/2021/2/recommendation/9"
    assert link.attrs["objective"] == "gcm:objective-7"


def test_a_rationale_keeps_the_language_it_is_written_in(doc_and_facts,
                                                         tmp_path: Path) -> None:
    from idm_graph import build
    from idm_graph.querying.sparql import query

    english = next(curate(GOOD, doc_and_facts).of_kind("ObjectiveLink"))
    assert english.attrs["rationale_lang"] == "en"  # the default
    french = curate("language: fr\n" + GOOD.replace(
        "Protecting migrant children addresses vulnerabilities (Objective 7).",
        "Protéger les enfants migrants répond à leurs vulnérabilités (objectif 7)."),
        doc_and_facts)
    link = next(french.of_kind("ObjectiveLink"))
    assert link.attrs["rationale_lang"] == "fr"
    curation = tmp_path / "c.yaml"
    curation.write_text("language: fr\n" + GOOD.replace(
        "Protecting migrant children addresses vulnerabilities (Objective 7).",
        "Protéger les enfants migrants répond à leurs vulnérabilités."), "utf-8")
    built = build([default_source()], curation=curation, views=False)
    rows = query(built.store(), "SELECT ?r WHERE { ?l idm:rationale ?r }").rows
    assert [(str(r["r"]), r["r"].language) for r in rows] == [
        ("Protéger les enfants migrants répond à leurs vulnérabilités.", "fr")]
    with pytest.raises(CurationError, match=r"c.yaml:1: 'language' must be a language tag"):
        curate("language: French!\n" + GOOD, doc_and_facts)


def test_quote_across_a_page_break_anchors(doc_and_facts) -> None:
    text = GOOD.replace("Répondre aux besoins de protection particuliers des enfants migrants",
                        "tels que le Centre d'analyse des données migratoires mondiales")
    text = text.replace("recommendation 9", "conclusion 1.3")
    curated = curate(text.replace("déjà en place", ""), doc_and_facts)
    assert next(curated.of_kind("ObjectiveLink")).evidence


@pytest.mark.parametrize(("text", "where", "problem"), [
    (GOOD.replace("enfants migrants", "enfants martiens"), "c.yaml:3",
     "quote 'Répondre aux besoins de protection particuliers des enfan…' does not occur in"),
    (GOOD.replace("objective: 7", "objective: 24"), "c.yaml:3", "unknown GCM objective 24"),
    (GOOD.replace("objective: 7", "objective: seven"), "c.yaml:3", "unknown GCM objective"),
    (GOOD.replace("recommendation 9", "recommendation 99"), "c.yaml:3",
     "target 'recommendation 99' is not in the extracted facts"),
    (GOOD.replace("recommendation 9", "chapter 2"), "c.yaml:3", "unknown target"),
    (GOOD.replace("    rationale: Protecting migrant children addresses vulnerabilities "
                  "(Objective 7).\n", ""), "c.yaml:3", "missing 'rationale'"),
    ("document: x\nlinks: [\n", "c.yaml:3", "malformed YAML"),
    ("- just\n- a list\n", "c.yaml", "expected a mapping"),
    (GOOD.replace("idm-2021-s2.fr.md", "other.md"), "c.yaml:1", "curates 'other.md'"),
])
def test_bad_curation_names_file_line_and_problem(doc_and_facts, text: str, where: str,
                                                  problem: str) -> None:
    with pytest.raises(CurationError) as info:
        curate(text, doc_and_facts)
    message = str(info.value)
    assert message.startswith(where + ":"), message
    assert problem in message
    assert "\n" not in message


def test_unreadable_curation_file(doc_and_facts, tmp_path: Path) -> None:
    document, facts = doc_and_facts
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xff\xfe bad")
    with pytest.raises(CurationError, match="not valid UTF-8"):
        load_curation(path, document, facts)
