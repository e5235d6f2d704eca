"""The document layer: artefact repair, stable ids, offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from idm_graph.core.errors import InputError
from idm_graph.core.resources import default_source
from idm_graph.text.document import load_document, parse_text


@pytest.fixture(scope="module")
def bundled():
    return load_document(default_source())


def test_page_break_is_repaired(bundled) -> None:
    texts = [b.text for b in bundled.blocks]
    assert any("Tout au long des deux jours de réunion, les participants" in t for t in texts)
    assert any("grâce aux outils déjà en place, tels que le Centre" in t for t in texts)
    assert any("ainsi que l'entrepreneuriat et les échanges commerciaux" in t for t in texts)


def test_markup_and_separators_are_removed(bundled) -> None:
    for block in bundled.blocks:
        assert "**" not in block.text
        assert "<sup>" not in block.text
        assert block.text != "--"
    assert any(b.text == "Résumé des conclusions" for b in bundled.blocks)


def test_every_sentence_re_anchors(bundled) -> None:
    count = 0
    for sentence in bundled.sentences():
        start, end = sentence.span()
        original = bundled.text[start:end]
        squeezed = " ".join(original.replace("**", "").replace("*", "").split())
        assert squeezed.startswith(sentence.text[:20].strip()), sentence.id
        count += 1
    assert count > 100


def test_ids_are_stable_and_unique(bundled) -> None:
    ids = [s.id for s in bundled.sentences()]
    assert len(ids) == len(set(ids))
    again = load_document(default_source())
    assert ids == [s.id for s in again.sentences()]
    assert bundled.language == "fr"


def test_abbreviations_do_not_split_sentences() -> None:
    doc = parse_text("M. Jean Dupont a parlé. Ms. Roe agreed with H.E. Mr. Li. End.")
    assert [s.text for s in doc.sentences()] == [
        "M. Jean Dupont a parlé.", "Ms. Roe agreed with H.E. Mr. Li.", "End."]


def test_english_language_is_detected() -> None:
    assert parse_text("The panel discussed the role of the diaspora and remittances.").language \
        == "en"


@pytest.mark.parametrize(("content", "problem"), [
    (None, "no such file"),
    (b"", "file is empty"),
    (b"   \n\n", "only whitespace"),
    (b"\x00\x01binary\x00", "binary"),
    ("Résumé des conclusions".encode("latin-1"), "not valid UTF-8"),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, content: bytes | None,
                                      problem: str) -> None:
    path = tmp_path / "summary.md"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_document(path)
    assert str(path) in str(info.value)
    assert problem in str(info.value)
    assert "\n" not in str(info.value)


def test_wrong_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "summary.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unsupported file type"):
        load_document(path)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_parses_and_every_span_re_anchors(text: str) -> None:
    doc = parse_text(text)
    for block in doc.blocks:
        assert len(block.offsets) == len(block.text)
        for index, char in enumerate(block.text):
            original = doc.text[block.offsets[index]]
            assert original == char or (char == " " and (original.isspace()
                                                         or original == "\ufeff"))
        for sentence in block.sentences:
            start, end = sentence.span()
            assert 0 <= start <= end <= len(doc.text)
