"""The state the extractors share while they read one document.

>>> from idm_graph.document import parse_text
>>> ctx = Context(parse_text("Hello world.", key="d"))
>>> block = ctx.doc.blocks[0]
>>> ctx.evidence(block, 0, 5)
Evidence(source='d', start=0, end=5, sentence='s0.p1.t1')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from idm_graph import keys
from idm_graph.document import Block, Document, Sentence
from idm_graph.extract.ner import Span
from idm_graph.facts import Evidence, FactSet
from idm_graph.vocab import slug

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
    _model: dict[str, list[Span]] | None = None

    def __post_init__(self) -> None:
        self.facts = FactSet(source_key=self.doc.key)
        self.session = f"idm/{slug(self.doc.key)}"
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

    def model_spans(self, block: Block, label: str) -> list[Span]:
        """The statistical model's spans of ``label`` in ``block`` (offsets in its text); the
        model runs on a block only when this is first asked for it (and loads only then), so
        a document whose names the rules settle alone never pays for it. Empty when no model
        is available for the document's language.
        """
        if self._model is None:
            self._model = {}
        if block.id not in self._model:
            from idm_graph.extract.ner import document_candidates

            found = document_candidates([(block.id, block.text)], self.doc.language)
            self._model[block.id] = found.get(block.id, [])
        return [s for s in self._model[block.id] if s.label == label]

    def in_name(self, block: Block, start: int, end: int) -> bool:
        """Whether ``block.text[start:end]`` lies inside a person's name."""
        return any(a <= start and end <= b for a, b in self.name_spans.get(block.id, ()))
