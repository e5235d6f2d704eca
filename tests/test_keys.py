"""Keys: every key the bundled build and an English summary produce is one ``keys`` builds,
parses back to its parts and is written again the same; its kind matches its entity's."""

from __future__ import annotations

from pathlib import Path

import pytest

from idm_graph.core import keys
from idm_graph.core.resources import default_source
from idm_graph.pipeline.build import read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The kind of key each kind of entity has.
KIND_OF_ENTITY = {
    "Person": "person", "Organization": "org", "Country": "country",
    "Delegation": "delegation", "DialogueSession": "session", "Panel": "panel",
    "Opening": "opening", "Closing": "closing", "Conclusion": "conclusion",
    "ConclusionPoint": "point", "Recommendation": "recommendation",
    "Contribution": "contribution", "Membership": "membership",
    "ObjectiveLink": "objective-link", "ThemeTag": "theme-tag",
}


@pytest.fixture(scope="module", params=["bundled", "english"])
def record(request: pytest.FixtureRequest) -> object:
    path = default_source() if request.param == "bundled" else FIXTURES / "idm-2023-s1.en.md"
    return read_source(path)


def _all_keys(record: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for facts in (record.facts, record.curated):  # type: ignore[attr-defined]
        if facts is None:
            continue
        for entity in facts.entities.values():
            found[entity.key] = entity.kind
        for relation in facts.relations:
            for key in (relation.subject, relation.object):
                found.setdefault(key, "")
    return {k: v for k, v in found.items() if ":" not in k.split("/", 1)[0]}  # not gcm:, theme:


def test_every_key_parses_back_to_itself(record: object) -> None:
    found = _all_keys(record)
    assert len(found) > 50
    for key, kind in found.items():
        parsed = keys.parse(key)
        assert str(parsed) == key
        if kind in KIND_OF_ENTITY:
            assert parsed.kind == KIND_OF_ENTITY[kind], key
        if parsed.kind in keys.GLOBAL:
            assert keys.is_global(key)
            assert not parsed.session
        else:
            assert key.startswith(parsed.session)


def test_builders_and_parse_agree() -> None:
    session = "idm/2021/2"
    built = [keys.panel(session, 7), keys.point(keys.conclusion(session, 3), 11),
             keys.recommendation(session, "s4.p2.t1"),
             keys.contribution(session, keys.person("leon-isaacs"), "panellist", "-panel-7"),
             keys.membership(session, keys.person("amy-pope"), keys.organisation("iom")),
             keys.objective_link(session, 19, keys.panel(session, 7), curated=True),
             keys.theme_tag(keys.panel(session, 7), "theme:diaspora"),
             keys.country("QAT"), keys.delegation("QAT"), keys.event("imrf-2022")]
    assert [keys.parse(k).kind for k in built] == [
        "panel", "point", "recommendation", "contribution", "membership", "objective-link",
        "theme-tag", "country", "delegation", "event"]
    assert all(str(keys.parse(k)) == k for k in built)
    with pytest.raises(ValueError, match="not a key"):
        keys.parse("nothing-like-a-key")
