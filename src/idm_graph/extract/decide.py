"""The decision over a candidate's evidence: one explicit table, read top to bottom.

A candidate name comes from the statistical model, from a rule, or from both
(:mod:`candidates`); the pieces of evidence of :mod:`evidence` are gathered for it, and the
first row of :data:`TABLE` whose condition holds decides. The table is also in
``docs/extraction.md``; its rows were set on the design part of the development set, never on
the texts it is measured on.

=====  ==================================================================  ========
row    condition                                                           decision
=====  ==================================================================  ========
1      a piece against it (gazetteer, eponym, markup, hypothetical,         reject
       in-organisation, bullet-verb) and no honorific
2      an honorific                                                        accept
3      the model reads it as a place or an organisation (model-other),     reject
       and fewer than two pieces speak for it
4      a speaker label                                                     accept
5      a role before or after the name, or post-nominal letters            accept
6      an entry of a list of speakers or participants                      accept
7      the model proposed it, and a speech or meeting verb is attached     accept
8      anything else (the model alone; a verb without the model)           reject
=====  ==================================================================  ========

The method recorded on an accepted person is ``model+rule`` when the model proposed the span
and a rule's piece decided, ``rule`` when only rules saw it.

>>> decide(frozenset({"speech-verb"}), model=True).accept
True
>>> decide(frozenset({"speech-verb"}), model=False).accept
False
>>> decide(frozenset({"role-before", "eponym"}), model=True)
Decision(accept=False, row=1, method='model', pieces=('eponym', 'role-before'))
>>> decide(frozenset({"role-before", "model-other"}), model=False).accept
False
>>> decide(frozenset({"role-before", "role-after", "model-other"}), model=False).accept
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from idm_graph.extract.evidence import AGAINST, FOR

__all__ = ["TABLE", "Decision", "decide", "mode"]

Pieces = frozenset[str]
_HARD = frozenset(AGAINST) - {"model-other"}


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a candidate is accepted, by which row, with which method and pieces."""

    accept: bool
    row: int
    method: str
    pieces: tuple[str, ...]


#: (row, description, condition over (pieces, model proposed it, a rule found it), accept)
TABLE: list[tuple[int, str, Callable[[Pieces, bool, bool], bool], bool]] = [
    (1, "a piece against it (other than model-other), and no honorific",
     lambda p, m, r: bool(p & _HARD) and "honorific" not in p, False),
    (2, "an honorific", lambda p, m, r: "honorific" in p, True),
    (3, "the model reads it as a place or an organisation, and fewer than two pieces "
        "speak for it", lambda p, m, r: "model-other" in p and len(p & set(FOR)) < 2, False),
    (4, "a speaker label", lambda p, m, r: "speaker-label" in p, True),
    (5, "a role before or after the name, or post-nominal letters",
     lambda p, m, r: bool(p & {"role-before", "role-after", "post-nominal"}), True),
    (6, "an entry of a list of speakers or participants",
     lambda p, m, r: "list-entry" in p, True),
    (7, "the model proposed it, and a speech or meeting verb is attached",
     lambda p, m, r: m and bool(p & {"speech-verb", "meeting-verb"}), True),
    (8, "anything else (the model alone; a verb without the model)",
     lambda p, m, r: True, False),
]


def mode() -> str:
    """Which candidates are used: ``both`` (default), ``rules`` or ``model`` (the ablation
    of ``benchmarks/README.md``), from ``IDM_GRAPH_CANDIDATES``; ``--no-model`` is ``rules``.
    """
    chosen = os.environ.get("IDM_GRAPH_CANDIDATES", "both").lower()
    if os.environ.get("IDM_GRAPH_NER", "on").lower() in ("off", "0", "no", "false"):
        return "rules"
    return chosen if chosen in ("both", "rules", "model") else "both"


def decide(pieces: Pieces, *, model: bool, rule: bool = False) -> Decision:
    """The first row of :data:`TABLE` that holds for these pieces.

    ``model``: the statistical model proposed the span; ``rule``: a rule found it.
    """
    shown = tuple(sorted(pieces))
    if mode() == "model":  # ablation: the model's spans are persons, whatever the evidence
        return Decision(model, 0, "model", shown)
    for row, _, condition, accept in TABLE:
        if condition(pieces, model, rule):
            method = ("model+rule" if model else "rule") if accept and (pieces - {"model"}) \
                else ("model" if model else "rule")
            return Decision(accept, row, method, shown)
    return Decision(False, len(TABLE), "rule", shown)  # pragma: no cover - last row holds
