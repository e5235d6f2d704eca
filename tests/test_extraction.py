"""Extraction against gold annotations: field by field, precision and recall per kind.

The gold files (tests/gold) were written by reading each document. Each kind of fact is
compared as a set of tuples read from the built graph through the named queries, so the
whole chain (document → facts → RDF → SPARQL) is under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import as_source
from idm_graph import build
from idm_graph.core.resources import default_source
from idm_graph.querying.sparql import query

GOLD = Path(__file__).resolve().parent / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = {
    "idm-2021-s2.fr": default_source(),
    "idm-2023-s1.en": FIXTURES / "idm-2023-s1.en.md",
    "idm-2022-s1.fr": FIXTURES / "idm-2022-s1.fr.txt",
}


def _rows(data: Any, name: str, **params: str) -> list[dict[str, Any]]:
    return [{k: ("" if v is None else v) for k, v in row.items()}
            for row in query(as_source(data), name, params).as_dicts()]


def _observed(data: Any, lang: str) -> dict[str, set[tuple[Any, ...]]]:
    persons = {(r["name"], r["honorific"], r["role"], r["organisation"], r["country"])
               for r in _rows(data, "persons", lang=lang)}
    speakers = _rows(data, "speakers-by-panel", lang=lang)
    contributions = set()
    delegations = {r["name"]: r["iso3"] for r in _rows(data, "countries", lang=lang)}
    for row in speakers:
        kind = row["contribution"].replace(" (curated)", "")
        if row["contribution"].endswith("(curated)"):
            continue
        person = row["person"]
        for name, iso in delegations.items():
            if person.endswith((f": {name}", f" : {name}")):
                person = iso
        contributions.add((person, kind))
    panels = {(int(r["panel"]), r["title"]) for r in _rows(data, "panels", lang=lang)}
    moderators = {(int(r["panel"]), r["moderator"]) for r in _rows(data, "panels", lang=lang)
                  if r["moderator"]}
    days = {(int(r["panel"]), int(r["day"])) for r in _rows(data, "panels", lang=lang)
            if r["day"] != ""}
    organisations = {(r["name"], r["acronym"], r["kind"])
                     for r in _rows(data, "organisations", lang=lang)}
    countries = {(r["iso3"], r["role"]) for r in _rows(data, "countries", lang=lang)
                 if r["role"] != "mentioned"}
    objectives = {(int(r["objective"]), r["target"])
                  for r in _rows(data, "objective-links", lang=lang) if r["basis"] == "explicit"}
    return {"persons": persons, "contributions": contributions, "panels": panels,
            "moderators": moderators, "panel_days": days, "organisations": organisations,
            "countries": countries, "explicit_objectives": objectives}


def _expected(gold: dict[str, Any]) -> dict[str, set[tuple[Any, ...]]]:
    return {
        "persons": {tuple(p) for p in gold["persons"]},
        "contributions": {tuple(c) for c in gold["contributions"]},
        "panels": {(int(n), t) for n, t in gold["panels"].items()},
        "moderators": {tuple(m) for m in gold["moderators"]},
        "panel_days": {tuple(d) for d in gold["panel_days"]},
        "organisations": {tuple(o) for o in gold["organisations"]},
        "countries": {tuple(c) for c in gold["countries"]},
        "explicit_objectives": {tuple(o) for o in gold["explicit_objectives"]},
    }


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any], Any]:
    name = request.param
    gold = yaml.safe_load((GOLD / f"{name}.yaml").read_text("utf-8"))
    result = build([CASES[name]], curation=False, views=False)
    return name, gold, result


def test_precision_and_recall_per_kind(case: tuple[str, dict[str, Any], Any],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    name, gold, result = case
    lang = result.records[0].document.language
    observed, expected = _observed(result.dataset, lang), _expected(gold)
    report, failures = [], []
    for kind in expected:
        found, wanted = observed[kind], expected[kind]
        hits = len(found & wanted)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(wanted) if wanted else 1.0
        report.append(f"{name:16} {kind:20} P={precision:.2f} R={recall:.2f} "
                      f"({hits}/{len(wanted)} gold, {len(found)} found)")
        if found != wanted:
            failures.append(f"{kind}: missing {sorted(wanted - found)}; "
                            f"spurious {sorted(found - wanted)}")
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert failures == []


def test_session_fields(case: tuple[str, dict[str, Any], Any]) -> None:
    _, gold, result = case
    facts = result.records[0].facts
    session = next(facts.of_kind("DialogueSession"))
    expected = gold["session"]
    for field in ("year", "number", "startDate", "endDate", "format", "venue", "theme",
                  "speakerCount", "panelCount"):
        assert session.attrs.get(field) == expected[field], field
    organiser = facts.objects(session.key, "organizer")
    assert [facts.entities[o].labels[result.records[0].document.language]
            for o in organiser] == [expected["organiser"]]


def test_conclusions_and_recommendations(case: tuple[str, dict[str, Any], Any]) -> None:
    _, gold, result = case
    rows = query(result.store(), "conclusions").as_dicts()
    points: dict[int, int] = {}
    for row in rows:
        points[int(row["conclusion"])] = points.get(int(row["conclusion"]), 0) + 1
    assert points == {int(k): v for k, v in gold["conclusions"].items()}
    assert len(query(result.store(), "recommendations")) == gold["recommendations"]


def test_no_fact_without_evidence_and_every_quote_re_anchors(
        case: tuple[str, dict[str, Any], Any]) -> None:
    _, _, result = case
    record = result.records[0]
    for entity in record.facts.entities.values():
        assert entity.evidence, entity.key
        for evidence in entity.evidence:
            assert 0 <= evidence.start < evidence.end <= len(record.document.text)


def test_role_mentions_resolve_across_paragraphs() -> None:
    result = build(curation=False, views=False)
    facts = result.records[0].facts
    opening = facts.entities["idm/2021/2/contribution/antonio-vitorino/opening"]
    # « Pour le Directeur général, … » opens the next paragraph (s3.p15)
    assert any(s.startswith("s3.p15") for s in opening.attrs["sentences"])
    gupta = facts.entities["person/anuradha-gupta"]
    quotes = [result.records[0].document.text[e.start:e.end] for e in gupta.evidence]
    assert "Mme Gupta" in quotes
