"""Every named query on the bundled document: rows, not only counts."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import as_source
from idm_graph.core.errors import QueryError
from idm_graph.querying.sparql import format_result, named_queries, query


def rows(data: Any, name: str, **params: str) -> list[dict[str, Any]]:
    return query(as_source(data), name, params).as_dicts()


def test_library_headers_are_complete() -> None:
    library = named_queries()
    for name in ("persons", "speakers-by-panel", "organisations", "countries",
                 "objective-links", "recommendations", "evidence"):
        assert name in library
    for named in library.values():
        assert named.question.endswith(("?", ".")), named.name
        assert named.columns, named.name


def test_contract_columns(dataset: Any) -> None:
    expected = {
        "persons": ["name", "honorific", "role", "organisation", "country"],
        "speakers-by-panel": ["panel", "panel_title", "person", "contribution"],
        "organisations": ["name", "acronym", "kind"],
        "countries": ["iso3", "name", "role"],
        "objective-links": ["objective", "objective_title", "target", "target_kind", "basis",
                            "evidence"],
        "recommendations": ["number", "text"],
    }
    for name, columns in expected.items():
        assert query(as_source(dataset), name).variables == columns, name
        assert list(named_queries()[name].columns) == columns, name


def test_persons(dataset: Any) -> None:
    found = {r["name"]: r for r in rows(dataset, "persons")}
    assert len(found) == 10
    arriola = found["Sarah Lou Ysmael Arriola"]
    assert arriola["honorific"] == "Mme"
    assert arriola["role"] == ("Sous-secrétaire chargée des travailleurs migrants au Département "
                               "des affaires étrangères des Philippines")
    assert arriola["organisation"] == "Département des affaires étrangères des Philippines"
    assert arriola["country"] == "PHL"
    assert found["António Vitorino"]["organisation"] == (
        "Organisation internationale pour les migrations")
    assert found["Marta-Lucía Ramírez"]["country"] == "COL"
    assert found["Caroline Caporossi"]["role"] is None
    english = {r["name"]: r for r in rows(dataset, "persons", lang="en")}
    assert english["António Vitorino"]["organisation"] == (
        "International Organization for Migration")


def test_speakers_by_panel(dataset: Any) -> None:
    result = rows(dataset, "speakers-by-panel")
    moderators = {(r["panel"], r["person"]) for r in result if r["contribution"] == "moderation"}
    assert moderators == {(1, "Amy Pope"), (2, "Ugochi Daniels")}
    assert {"panel": None, "panel_title": "Ouverture", "person": "Anuradha Gupta",
            "contribution": "keynote"} in result
    assert {"panel": None, "panel_title": "Clôture", "person": "António Vitorino",
            "contribution": "closing remarks"} in result
    curated = [r for r in result if r["contribution"].endswith("(curated)")]
    assert {(r["panel"], r["person"]) for r in curated} == {
        (7, "Leon Isaacs"), (6, "Caroline Caporossi"), (1, "Jessica Bither")}
    assert result[0]["panel"] == 1  # panels first, in order


def test_organisations(dataset: Any) -> None:
    found = {r["name"]: (r["acronym"], r["kind"]) for r in rows(dataset, "organisations")}
    assert found["Organisation internationale pour les migrations"] == ("OIM", "un-body")
    assert found["Robert Bosch Stiftung GmbH"] == (None, "foundation")
    assert found["DMA Global"] == (None, "private-company")
    assert found["Atiak Sugar"] == (None, "project")
    assert found["Matrice de suivi des déplacements"] == ("DTM", "data-tool")
    assert len(found) == 11


def test_countries(dataset: Any) -> None:
    found = {(r["iso3"], r["name"], r["role"]) for r in rows(dataset, "countries")}
    assert ("QAT", "Qatar", "delegation-statement") in found
    assert ("LBY", "Libye", "delegation-statement") in found
    assert ("PHL", "Philippines", "speaker-country") in found
    assert ("UGA", "Ouganda", "organisation-location") in found
    assert ("ITA", "Italie", "organisation-location") in found
    english = {(r["iso3"], r["name"]) for r in rows(dataset, "countries", lang="en")}
    assert ("CHN", "China") in english


def test_objective_links(dataset: Any) -> None:
    result = rows(dataset, "objective-links")
    explicit = [r for r in result if r["basis"] == "explicit"]
    assert {(r["objective"], r["target"]) for r in explicit} >= {
        (19, "Conclusion 3.10"), (20, "Conclusion 3.10"), (20, "Recommandation 15")}
    rec15 = next(r for r in explicit if r["target"] == "Recommandation 15")
    assert rec15["target_kind"] == "Recommendation"
    assert "comme le souligne l'objectif 20 du Pacte mondial" in rec15["evidence"]
    assert rec15["objective_title"].startswith("Rendre les envois de fonds plus rapides")
    curated = [r for r in result if r["basis"] == "curated"]
    assert len(curated) == 18
    only19 = rows(dataset, "objective-links", objective="19")
    assert only19
    assert {r["objective"] for r in only19} == {19}


def test_recommendations(dataset: Any) -> None:
    result = rows(dataset, "recommendations")
    assert [r["number"] for r in result[:16]] == list(range(1, 17))
    assert result[14]["text"].startswith("Poursuivre le travail avec les acteurs nationaux")
    assert result[16]["number"] is None
    assert "il a été recommandé de renforcer la coopération internationale" in result[16]["text"]


def test_evidence_by_label_and_iri(dataset: Any) -> None:
    by_label = rows(dataset, "evidence", node="Anuradha Gupta")
    quotes = [r["quote"] for r in by_label]
    assert "Mme Anuradha Gupta" in quotes
    assert "Mme Gupta" in quotes
    iri = by_label[0]["node"]
    assert rows(dataset, "evidence", node=iri) == by_label


def test_research_queries(dataset: Any) -> None:
    kinds = {r["kind"]: r["contributions"] for r in
             rows(dataset, "contributions-by-organisation-kind")}
    assert kinds["delegation"] == 5
    statements = {r["iso3"]: r for r in rows(dataset, "country-statements")}
    assert set(statements) == {"CHN", "JOR", "LBY", "QAT", "THA"}
    assert statements["QAT"]["called_for"].startswith("que les programmes nationaux")
    by_objective = {(r["objective"], r["recommendation"], r["basis"])
                    for r in rows(dataset, "recommendations-by-objective")}
    assert (20, 15, "explicit") in by_objective
    assert (17, 4, "curated") in by_objective
    diaspora = rows(dataset, "diaspora-remittances")
    assert {r["objective"] for r in diaspora} == {19, 20}
    assert all(r["evidence"] for r in diaspora)
    assert all(r["rationale"] for r in diaspora if r["basis"] == "curated")
    themes = {(r["panel"], r["theme"]) for r in rows(dataset, "themes-by-panel")}
    assert (7, "diaspora") in themes
    assert (7, "rapatriements de fonds") in themes
    assert (7, "inclusion financière") in themes
    members = {(r["organisation"], r["person"]) for r in rows(dataset, "persons-by-organisation")}
    assert ("DMA Global", "Leon Isaacs") in members
    panels = rows(dataset, "panels")
    assert [r["panel"] for r in panels] == list(range(1, 9))
    conclusions = rows(dataset, "conclusions")
    assert len(conclusions) == 26
    speakers = {(r["speaker"], r["theme"]) for r in rows(dataset, "themes-by-speaker")}
    assert ("Leon Isaacs", "diaspora") in speakers


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_formats(dataset: Any, fmt: str) -> None:
    import csv
    import io
    import json

    text = format_result(query(as_source(dataset), "persons"), fmt)
    if fmt == "json":
        data = json.loads(text)
        assert data["head"]["vars"][0] == "name"
        first = data["results"]["bindings"][0]
        assert first["name"]["type"] == "literal"
        assert first["role"]["xml:lang"] == "fr"
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == ["name", "honorific", "role", "organisation", "country"]
        assert len(table) == 11
    else:
        assert text.splitlines()[-1] == "(10 rows)"


def test_unknown_query_lists_the_known_ones(dataset: Any) -> None:
    with pytest.raises(QueryError, match=r"the named queries are: .*persons"):
        query(as_source(dataset), "people")


def test_malformed_query_reports_line_and_column(dataset: Any) -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+"):
        query(as_source(dataset), "SELECT ?x WHERE {\n  ?x ?y . FILTER( }")


def test_parameters_are_typed_and_escaped(dataset: Any) -> None:
    with pytest.raises(QueryError, match="must be an integer"):
        query(as_source(dataset), "objective-links", {"objective": "19 || true"})
    assert query(as_source(dataset), "evidence", {"node": 'x" } UNION { ?s ?p ?o'}).rows == []
    with pytest.raises(QueryError, match="unknown parameter"):
        query(as_source(dataset), "persons", {"nope": "1"})


def test_public_api_for_notebooks(tmp_path: Any) -> None:
    import idm_graph
    import idm_graph.graph.shacl
    import idm_graph.pipeline.build
    import idm_graph.querying.sparql  # importing the modules must not shadow the functions

    result = idm_graph.build(out=tmp_path, views=False)
    rows = idm_graph.query(result.store(), "persons").as_dicts()
    assert rows[0]["name"] == "Amina Hersi Moghe"
    loaded = idm_graph.load(tmp_path)
    assert idm_graph.validate(loaded).conforms
    with pytest.raises(AttributeError):
        _ = idm_graph.nothing


def test_parameters_take_only_valid_values(dataset: Any) -> None:
    """Regression (#12): `lang=de` and `objective=99` were accepted and gave empty answers."""
    from idm_graph.core.errors import QueryError

    with pytest.raises(QueryError, match="parameter lang must be one of auto, fr, en, not 'de'"):
        query(as_source(dataset), "persons", {"lang": "de"})
    with pytest.raises(QueryError, match="parameter objective must be between 0 and 23"):
        query(as_source(dataset), "objective-links", {"objective": "99"})
    assert len(query(as_source(dataset), "objective-links", {"objective": "19"})) > 0


def test_push_password_is_read_from_the_environment() -> None:
    from click.testing import CliRunner

    from idm_graph.cli import cli

    shown = CliRunner().invoke(cli, ["push", "--help"]).output
    assert "IDM_GRAPH_PASSWORD" in shown


def test_a_node_parameter_is_found_by_label_in_any_case_or_by_iri(dataset: Any) -> None:
    """``evidence`` finds its node before it runs (idm:labelKey, or the IRI); a label that
    names nothing gives no rows; unresolved text cannot be bound without the data."""
    from idm_graph.querying.data import to_oxigraph
    from idm_graph.querying.sparql import prepare, resolve

    store = to_oxigraph(dataset)
    for data in (dataset, store):
        found = resolve(as_source(data), "evidence", {"node": "amy POPE"})["node"]
        assert found == "https://w3id.org/idm-graph/id/person/amy-pope"
        assert resolve(as_source(data), "evidence", {"node": found})["node"] == found
        by_label = query(as_source(data), "evidence", {"node": "AMY POPE"}).as_dicts()
        assert by_label
        assert by_label == query(as_source(data), "evidence", {"node": found}).as_dicts()
        assert len(query(as_source(data), "evidence", {"node": "Nobody Named Here"})) == 0
    with pytest.raises(QueryError, match="names a node by label"):
        prepare("evidence", {"node": "Amy Pope"})
