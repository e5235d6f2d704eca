"""SHACL validation with pySHACL, never mutating the data graph.

>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rdflib import Dataset, Graph
from rdflib.namespace import SH

from idm_graph.core.errors import ShaclValidationError
from idm_graph.core.resources import ontology_file
from idm_graph.core.sources import DataSource
from idm_graph.core.vocab import union

__all__ = ["Report", "Violation", "failure", "shapes", "short_name", "validate"]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the focus node, the path, the message."""

    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Whether a graph conforms, and its violations; ``validated`` is false when SHACL was
    not run at all (``--skip-validation``): such a graph is *not validated*, not "conforming".

    >>> Report(True, (), validated=False).status
    'not validated'
    """

    conforms: bool
    violations: tuple[Violation, ...]
    validated: bool = True

    @property
    def status(self) -> str:
        """``conforms``, ``not validated`` or ``N violation(s)``."""
        if not self.validated:
            return "not validated"
        return "conforms" if self.conforms else f"{len(self.violations)} violation(s)"

    def text(self, limit: int = 20) -> str:
        """The first ``limit`` violations, one per line."""
        lines = [str(v) for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(lines)


@cache
def shapes() -> Graph:
    """The project's SHACL shapes (``ontology/shapes.ttl``)."""
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph | Dataset | DataSource, *, context: Graph | None = None) -> Report:
    """Validate ``data`` (a graph, the union of a dataset, or a data source's) against the
    shapes.

    ``context`` adds triples the data relies on (the ontology and vocabularies, when a corpus
    build validates one document at a time). The ontology's class hierarchy is used for
    ``sh:class`` checks (RDFS entailment is not applied).
    """
    import pyshacl

    if isinstance(data, DataSource):
        data = data.dataset()
    graph = union(data)  # a private copy: validating it in place leaves ``data`` untouched
    if context is not None:
        for triple in context:
            graph.add(triple)
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes(), inference="none", abort_on_first=False,
        allow_warnings=True, inplace=True, advanced=True)
    violations = []
    # the report's own results; the sh:detail results nested in them (pySHACL adds one per
    # failing value of an sh:node) are the same violation seen from inside
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        inverse = results.value(path, SH.inversePath) if path is not None else None
        message = results.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), "^" + short_name(inverse) if inverse is not None
                                    else short_name(path), str(message or "")))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return Report(bool(conforms), tuple(violations))


def failure(where: str, violations: Sequence[object]) -> ShaclValidationError:
    """The one-line error for a graph that does not conform: how many violations, the first.

    >>> str(failure("doc", ["a", "b"]))
    'doc: 2 SHACL violation(s); first: a'
    """
    first = violations[0] if violations else None
    return ShaclValidationError(where, f"{len(violations)} SHACL violation(s); first: {first}")


def short_name(path: object) -> str:
    """The local name of an IRI, as a violation shows its path (``(node)`` for none).

    >>> short_name("https://schema.org/name"), short_name(None)
    ('name', '(node)')
    """
    if path is None:
        return "(node)"
    text = str(path)
    for sep in ("#", "/"):
        if sep in text:
            return text.rsplit(sep, 1)[1] or text
    return text
