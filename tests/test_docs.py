"""The generated documentation is current: regenerating it changes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_docs_are_current(tmp_path: Path) -> None:
    pylode = Path(sys.executable).parent / "pylode"
    if not pylode.exists():
        pytest.skip("pyLODE is not installed (test extras)")
    subprocess.run([sys.executable, str(ROOT / "docs" / "generate.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("ontology.html", "vocabularies.md"):
        assert (tmp_path / name).read_bytes() == (ROOT / "docs" / name).read_bytes(), (
            f"docs/{name} is stale: run `make docs`")


def test_docs_cover_the_ontology_and_the_objectives() -> None:
    html = (ROOT / "docs" / "ontology.html").read_text(encoding="utf-8")
    for term in ("DialogueSession", "Contribution", "ObjectiveLink", "Delegation"):
        assert term in html
    vocabularies = (ROOT / "docs" / "vocabularies.md").read_text(encoding="utf-8")
    assert vocabularies.count("| `gcm:objective-") == 23
    assert "secondary source" in vocabularies


def test_the_ontology_page_documents_the_ontology_alone_in_english() -> None:
    html = (ROOT / "docs" / "ontology.html").read_text(encoding="utf-8")
    assert "<title>idm-graph ontology</title>" in html  # not a concept scheme's title
    assert "panelpanel" not in html  # English and French labels were glued together
    assert "https://w3id.org/idm-graph/ontology" in html
    assert "contribution-kinds" not in html  # the schemes are in vocabularies.md
    vocabularies = (ROOT / "docs" / "vocabularies.md").read_text(encoding="utf-8")
    assert "`kind:panellist` | panellist | intervenant" in vocabularies
