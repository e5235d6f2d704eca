"""Labels follow the data (issue 22, item 6): a named query shows labels in the language of
the documents unless ``lang`` says otherwise, and a corpus that mixes languages shows each
organisation by its own name.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import FIXTURES, as_source
from idm_graph import build
from idm_graph.querying.sparql import data_language, query


@pytest.fixture(scope="module")
def english() -> Any:
    return build([FIXTURES / "idm-2023-s1.en.md"], curation=False, views=False).dataset


@pytest.fixture(scope="module")
def mixed() -> Any:
    return build([FIXTURES / "idm-2023-s1.en.md", FIXTURES / "idm-2022-s1.fr.txt"],
                 curation=False, views=False).dataset


def names(data: Any, **params: str) -> set[str]:
    return {str(row["name"]) for row in query(as_source(data), "organisations", params).as_dicts()}


def test_an_english_document_speaks_english_by_default(english: Any) -> None:
    assert data_language(as_source(english)) == "en"
    shown = names(english)
    assert "International Organization for Migration" in shown
    assert "Organisation internationale pour les migrations" not in shown
    assert "United Nations" in shown


def test_lang_still_chooses(english: Any) -> None:
    shown = names(english, lang="fr")
    assert "Organisation internationale pour les migrations" in shown
    assert "Nations Unies" in shown


def test_a_french_document_speaks_french(dataset: Any) -> None:
    assert data_language(as_source(dataset)) == "fr"
    assert "Organisation internationale pour les migrations" in names(dataset)


def test_a_mixed_corpus_shows_each_organisation_by_its_own_name(mixed: Any) -> None:
    shown = names(mixed)
    # named only in the French document: its French name, not the English translation of
    # the gazetteer; named only in the English one: its English name
    assert "Centre d'analyse des données migratoires mondiales" in shown
    assert "Global Migration Data Analysis Centre" not in shown
    assert "United Nations" in shown
    # an explicit language gives the translation where there is one
    assert "Global Migration Data Analysis Centre" in names(mixed, lang="en")
