"""Extraction on the phrasings real documents of this family use, in both languages.

The fixtures ``tests/fixtures/phrasings.{en,fr}.txt`` are texts we wrote (MIT, like the project)
in the style of UN meetings coverage, summary records, readouts and workshop reports; every
person, body and place in them is invented. The expected values below are our own reading of
them. The development set in ``../shared/devset`` stays a measurement (``make devset``), never a
test expectation.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, as_source
from idm_graph import build
from idm_graph.extract import extract
from idm_graph.extract.ner import available
from idm_graph.querying.sparql import query
from idm_graph.text.document import parse_text


@pytest.fixture(scope="module", params=["en", "fr"])
def graph(request: pytest.FixtureRequest) -> tuple[str, Any]:
    lang = request.param
    result = build([FIXTURES / f"phrasings.{lang}.txt"], curation=False, views=False)
    return lang, result.dataset


def rows(data: Any, name: str) -> list[dict[str, Any]]:
    return query(as_source(data), name).as_dicts()


EXPECTED_PERSONS = {
    "en": {  # name: (honorific, role, country)
        "Amara Okonkwo": (None, "Deputy Minister of Labour", None),  # role before the name
        "Rafael Montoya Ruiz": (None, "Special Envoy of the Chair", None),  # apposition
        "Ana Beltrán Ochoa": (None, "President", None),  # "Mexican President …"
        "Haddad": ("Mr.", None, "LBN"),  # summary record: "Mr. Haddad (Lebanon)"
        "Lindqvist": ("Ms.", None, "SWE"),
        "Kofi Mensah": (None, "Executive Director of the Centre for Remittance Research (CRR)",
                        None),
    },
    "fr": {
        "Moussa Diallo": (None, "Directeur Général de l'Agence nationale de la Statistique",
                          None),  # « l'Ambassadeur X, Directeur Général du Y »
        "Giuseppe Verdi": (None, "premier ministre italien", "ITA"),  # role, then the name
        "Aïcha Benali": (None, "directrice exécutive de l'association MigraLink", None),
        "Fatou Ndiaye": ("Madame", "présidente", None),  # speaker label « …, présidente : »
    },
}
MENTIONED = {"en": {"Jorge Salinas", "Ruth Baker"}, "fr": {"Ibrahima Fall"}}
COUNTRIES = {"en": {"LBN", "MEX", "PHL", "SWE", "USA"},
             "fr": {"ITA", "SEN", "SYR", "TUN", "USA"}}
DELEGATIONS = {"en": {"PHL", "USA"}, "fr": {"SEN", "TUN"}}
ORGANISATIONS = {
    "en": {"Centre for Remittance Research", "Global Forum on Migration and Development"},
    "fr": {"Agence nationale de la Statistique", "MigraLink", "Union européenne",
           "Ministère de l'Intégration africaine et des Sénégalais de l'extérieur"},
}
OBJECTIVES = {"en": {4, 8, 11, 13}, "fr": {2, 5, 19, 20, 23}}


def test_persons_with_role_honorific_and_country(graph: tuple[str, Any]) -> None:
    lang, data = graph
    found = {r["name"]: (r["honorific"], r["role"], r["country"]) for r in rows(data, "persons")}
    assert found == EXPECTED_PERSONS[lang]


def test_named_persons_who_did_not_take_part(graph: tuple[str, Any]) -> None:
    lang, data = graph
    assert {r["name"] for r in rows(data, "mentioned-persons")} == MENTIONED[lang]


def test_countries_by_name_adjective_and_demonym(graph: tuple[str, Any]) -> None:
    lang, data = graph
    found = rows(data, "countries")
    assert {r["iso3"] for r in found} == COUNTRIES[lang]
    assert {r["iso3"] for r in found if r["role"] == "delegation-statement"} == DELEGATIONS[lang]


def test_organisations_in_the_documents_language(graph: tuple[str, Any]) -> None:
    lang, data = graph
    found = query(as_source(data), "organisations", {"lang": lang}).as_dicts()
    assert {r["name"] for r in found} == ORGANISATIONS[lang]
    languages = {r["l"] for r in query(as_source(data),
                 """SELECT DISTINCT (LANG(?label) AS ?l) WHERE {
        ?o a org:Organization ; rdfs:label ?label }""").as_dicts()}
    assert languages == {lang}  # the other language's official name is only an altLabel


def test_objectives_cited_in_every_list_form(graph: tuple[str, Any]) -> None:
    lang, data = graph
    cited = {int(r["objective"]) for r in rows(data, "objective-links")
             if r["basis"] == "explicit"}
    assert cited == OBJECTIVES[lang]


def test_every_fact_records_how_it_was_found(graph: tuple[str, Any]) -> None:
    _, data = graph
    bare = query(as_source(data),
                 """SELECT (COUNT(?a) AS ?n) WHERE { ?a a oa:Annotation .
                          FILTER NOT EXISTS { ?a idm:method ?m } }""").as_dicts()
    assert bare == [{"n": 0}]
    methods = {r["m"] for r in query(as_source(data),
                 """SELECT DISTINCT ?m WHERE {
        ?a idm:method/skos:notation ?m }""").as_dicts()}
    assert {"rule", "gazetteer"} <= methods


def test_theme_tags_keep_the_term_and_skip_lists() -> None:
    doc = parse_text("Ms. Ana Roe, Director of Acme Ltd, said that remittances cost too much. "
                     "Ms. Roe said her bank offers loans, savings, insurance, financial "
                     "inclusion products and pensions.", key="d")
    facts = extract(doc)
    tags = {e.attrs["theme"]: e for e in facts.of_kind("ThemeTag")
            if e.attrs["target"].endswith("/statement")}  # no panels: a general statement
    assert "theme:remittances" in tags
    assert "theme:financial-inclusion" not in tags  # one item of a list of services
    tag = tags["theme:remittances"]
    evidence = tag.evidence[0]
    assert doc.text[evidence.start : evidence.end] == tag.attrs["term"] == "remittances"


@pytest.mark.skipif(not available("en"), reason="the English model is not installed")
def test_the_model_finds_a_name_with_only_a_speech_verb(tmp_path: Path) -> None:
    """Rules alone need an honorific or a role; the model's candidate plus a speech verb
    finds a bare name, and the graph says the model took part in finding it."""
    source = tmp_path / "speech.en.txt"
    source.write_text("Closing session\n\nAt the closing, Kwame Asante said that the plan "
                      "was sound.\n", encoding="utf-8")
    script = ("import sys; from idm_graph.extract import extract; "
              "from idm_graph.text.document import load_document; "
              "f = extract(load_document(sys.argv[1])); "
              "print(sorted((e.key, e.attrs.get('method')) for e in f.of_kind('Person')))")
    found = {}
    for switch in ("on", "off"):
        done = subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True,
                              text=True, check=True,
                              env={**os.environ, "IDM_GRAPH_NER": switch})
        found[switch] = done.stdout.strip()
    assert found["on"] == "[('person/kwame-asante', 'model+rule')]"
    assert found["off"] == "[]"
