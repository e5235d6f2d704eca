"""Named queries rewritten for Oxigraph's planner give the rows they gave before the rewrite.

``tests/fixtures/queries-before/`` holds the texts as they were; each is run next to the
library's query on the bundled document (rdflib and Oxigraph) and on a 50-document corpus in
an Oxigraph store, and the rows must be the same, in the same order. (The old ``evidence``
query is compared on the bundled document only: on the corpus it takes 93 s, the quadratic
plan the rewrite removes.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, as_source
from idm_graph import build
from idm_graph.querying.data import to_oxigraph
from idm_graph.querying.sparql import named_queries, query

BEFORE = Path(__file__).resolve().parent / "fixtures" / "queries-before"
CASES = [("objective-links", {}), ("objective-links", {"objective": "19"}),
         ("persons", {}), ("persons", {"lang": "en"}),
         ("evidence", {"node": "Leon Isaacs"}), ("evidence", {"node": "Amy Pope"}),
         ("evidence", {"node": "LEON isaacs"}),
         ("evidence", {"node": "https://w3id.org/idm-graph/id/person/amy-pope"}),
         ("countries", {}), ("countries", {"lang": "en"}),
         ("objectives-by-session", {}),
         ("country-statements", {}), ("country-statements", {"lang": "en"}),
         ("diaspora-remittances", {}), ("recommendations-by-objective", {}),
         ("persons-by-organisation", {})]
#: Rewrites that also made the order total: the old text left rows with equal sort keys in
#: the order the engine found them; the rows must be the same, and in the same order as far
#: as the old sort keys go.
TIES = {"objective-links": ("objective", "basis", "target_kind", "target"),
        "recommendations-by-objective": ("objective", "recommendation", "basis")}
#: The cases compared on the corpus too (the old evidence query is too slow there).
CORPUS_CASES = [case for case in CASES if case[0] != "evidence"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    where = tmp_path_factory.mktemp("corpus50")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "50",
                    str(where / "docs")], check=True, capture_output=True)
    return build([where / "docs"], views=False, check=False,
                 store=f"oxigraph:{where / 'store'}").dataset


def _rows(data: Any, name_or_path: str, params: dict[str, str]) -> list[dict[str, Any]]:
    return query(as_source(data), name_or_path, params).as_dicts()


def _same(name: str, rows: list[dict[str, Any]], before: list[dict[str, Any]]) -> None:
    if name not in TIES:
        assert rows == before
        return
    keys = TIES[name]
    assert [tuple(row[k] for k in keys) for row in rows] == \
        [tuple(row[k] for k in keys) for row in before]
    assert sorted(map(repr, rows)) == sorted(map(repr, before))


def test_the_rewritten_queries_are_the_ones_kept_before() -> None:
    for path in BEFORE.glob("*.rq"):
        assert path.stem in named_queries()
        assert path.read_text("utf-8") != named_queries()[path.stem].text, path.stem


@pytest.mark.parametrize(("name", "params"), CASES,
                         ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in CASES])
def test_same_rows_on_the_bundled_document(name: str, params: dict[str, str],
                                           dataset: Any) -> None:
    store = to_oxigraph(dataset)
    for data in (dataset, store):
        before = _rows(data, str(BEFORE / f"{name}.rq"), params)
        assert before, "the comparison needs rows"
        _same(name, _rows(data, name, params), before)


@pytest.mark.parametrize(("name", "params"), CORPUS_CASES,
                         ids=[f"{n}-{'-'.join(p.values()) or 'all'}" for n, p in CORPUS_CASES])
def test_same_rows_on_a_50_document_corpus(name: str, params: dict[str, str],
                                           corpus: Any) -> None:
    before = _rows(corpus, str(BEFORE / f"{name}.rq"), params)
    assert before
    _same(name, _rows(corpus, name, params), before)


@pytest.mark.parametrize("fixture", ["phrasings.en.txt", "phrasings.fr.txt"])
def test_mentioned_persons_same_rows_where_persons_are_only_mentioned(fixture: str) -> None:
    """The bundled summary and the synthetic corpus mention no one who did not take part;
    these texts do."""
    dataset = build([Path(__file__).resolve().parent / "fixtures" / fixture],
                    views=False).dataset
    for data in (dataset, to_oxigraph(dataset)):
        before = _rows(data, str(BEFORE / "mentioned-persons.rq"), {})
        assert before
        assert _rows(data, "mentioned-persons", {}) == before
