"""The state the extractors share while they read one document.

>>> from idm_graph.text.document import parse_text
>>> ctx = Context(parse_text("Hello world.", key="d"))
>>> block = ctx.doc.blocks[0]
>>> ctx.evidence(block, 0, 5)
Evidence(source='d', start=0, end=5, sentence='s0.p1.t1')
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from idm_graph.core import keys
from idm_graph.core.facts import Evidence, FactSet
from idm_graph.core.vocab import slug
from idm_graph.extract.ner import Analysis, Span, Token
from idm_graph.text.document import Block, Document, Sentence

__all__ = ["Context"]


@dataclass(slots=True)
class Context:
    """A document, the facts found so far, and the keys later extractors need."""

    doc: Document
    facts: FactSet = field(init=False)
    session: str = ""
    summary: str = ""
    panels: dict[int, str] = field(default_factory=dict)
    panel_titles: dict[str, str] = field(default_factory=dict)
    unit_of_block: dict[str, str] = field(default_factory=dict)
    event_of_section: dict[str, str] = field(default_factory=dict)
    opening: str | None = None
    closing: str | None = None
    start_date: str | None = None
    name_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: spans of persons' roles and titles, by block (a theme's term in a title is not spoken)
    title_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _model: dict[str, Analysis] | None = None
    _labels: dict[str, int] | None = None
    _starts: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.facts = FactSet(source_key=self.doc.key)
        self.session = keys.session("idm", slug(self.doc.key))
        self.summary = keys.source(slug(self.doc.key))

    def evidence(self, block: Block, start: int, end: int) -> Evidence:
        """Evidence for ``block.text[start:end]``, with the id of the sentence holding it."""
        a, b = block.span(start, end)
        return Evidence(self.doc.key, a, b, block.sentence_at(start).id if block.sentences
                        else None)

    def sentence_evidence(self, sentence: Sentence) -> Evidence:
        """Evidence quoting a whole sentence."""
        a, b = sentence.span()
        return Evidence(self.doc.key, a, b, sentence.id)

    def model(self, block: Block) -> Analysis | None:
        """The statistical model's reading of ``block`` (offsets in its text): its entity
        spans, lemmas and parts of speech. The model reads every block of the document in
        one pass the first time this is asked; None when the model is switched off.
        """
        if self._model is None:
            from idm_graph.extract.ner import analyse

            self._model = analyse([(b.id, b.text) for b in self.doc.blocks if b.text.strip()],
                                  self.doc.language)
        return self._model.get(block.id)

    def model_spans(self, block: Block, label: str) -> list[Span]:
        """The model's spans of ``label`` in ``block``; empty without a model."""
        found = self.model(block)
        return [s for s in found.spans if s.label == label] if found is not None else []

    def model_within(self, block: Block, start: int, end: int
                     ) -> tuple[tuple[Token, ...], tuple[Span, ...]]:
        """The model's tokens and spans of ``block`` that start in ``[start, end)``, found by
        bisection (a sentence of a long paragraph costs its own length, not the paragraph's).
        """
        found = self.model(block)
        if found is None:
            return (), ()
        starts = self._starts.get(block.id)
        if starts is None:
            starts = ([t.start for t in found.tokens], [s.start for s in found.spans])
            self._starts[block.id] = starts
        tokens = found.tokens[bisect_left(starts[0], start) : bisect_left(starts[0], end)]
        spans = found.spans[bisect_left(starts[1], start) : bisect_left(starts[1], end)]
        return tuple(tokens), tuple(spans)

    def tokens(self, block: Block) -> tuple[Token, ...]:
        """The model's tokens of ``block`` (lemma, part of speech); empty without a model."""
        found = self.model(block)
        return found.tokens if found is not None else ()

    def turn_labels(self) -> dict[str, int]:
        """How many paragraphs each speaker label opens ("Downer: …"), for transcripts."""
        if self._labels is None:
            from idm_graph.extract.turns import turn_label

            self._labels = {}
            for block in self.doc.blocks:
                found = turn_label(block.text) if block.kind != "heading" else None
                if found is not None:
                    self._labels[found[1]] = self._labels.get(found[1], 0) + 1
        return self._labels

    def in_name(self, block: Block, start: int, end: int) -> bool:
        """Whether ``block.text[start:end]`` lies inside a person's name."""
        return any(a <= start and end <= b for a, b in self.name_spans.get(block.id, ()))
