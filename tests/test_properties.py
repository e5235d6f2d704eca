"""Property-based tests (hypothesis, fixed example budget): the document layer and the
extractors never crash on any text, and every offset they return re-anchors."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idm_graph.extract import extract
from idm_graph.text.document import parse_text

FRAGMENTS = [
    "M. ", "Mme ", "Ms. ", "H.E. Mr. ", "Dr. ", "S.E. M. ", "António Vitorino", "Jane Roe",
    "Marta-Lucía Ramírez", ", Directeur général de l'OIM, ", ", Minister of Labour of Kenya, ",
    " a ouvert la réunion. ", " moderated the panel on data. ",
    " a animé la réunion consacrée aux ",
    "la Chine", "du Qatar", "des Philippines", "the Philippines", "Colombia", "en Ouganda",
    "- **Panel 1** : ", "Panel 2: ", "### **3. ", "**", "<sup>i</sup>", "--\n", "\n\n", "\n- ",
    "l'objectif 20 du Pacte mondial", "les objectifs 19 et 20 du Pacte mondial",
    "Objective 19 of the Global Compact", "GCM objectives 1 to 23", " (GMDAC) ", "DTM",
    "Plusieurs délégations, parmi lesquelles celles de la Chine et du Qatar, ont demandé ",
    "Le Directeur général ", "Elle a souligné ", "« ", " »", "14 et 15 octobre 2021",
    "Centre international de Conférences Genève (hybride)", "Recommandations\n", "## Clôture\n",
    "Dans un message vidéo, ", " discours liminaire ", "remarques de clôture", "’", "\u00a0",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS),
                           st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                                   max_size=12)),
                 max_size=40).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extractors_never_crash_and_every_offset_re_anchors(text: str) -> None:
    document = parse_text(text, key="prop")
    facts = extract(document)
    for entity in facts.entities.values():
        assert entity.evidence, entity.key
        for evidence in entity.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text), entity.key
            assert text[evidence.start:evidence.end].strip(), entity.key
    for relation in facts.relations:
        for key in (relation.subject, relation.object):
            assert ":" in key or key in facts.entities or key.startswith("source/"), key


@settings(max_examples=100, deadline=None, derandomize=True)
@given(texts)
def test_sentences_cover_their_blocks(text: str) -> None:
    document = parse_text(text)
    for block in document.blocks:
        covered = "".join(block.text[s.start:s.end] for s in block.sentences)
        assert covered.replace(" ", "") == block.text.replace(" ", "")
