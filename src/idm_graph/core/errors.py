"""The small exception hierarchy of idm-graph.

Every error a user can cause (bad input file, bad curation, bad query, unreachable endpoint)
is an :class:`IdmGraphError` whose message is one line naming the input and the problem; the
CLI prints it and exits with status 1.

>>> str(InputError("data/x.md", "file is empty"))
'data/x.md: file is empty'
"""

from __future__ import annotations

__all__ = [
    "CurationError",
    "EndpointError",
    "FormatError",
    "IdmGraphError",
    "InputError",
    "ModelError",
    "OutputError",
    "QueryError",
    "ShaclValidationError",
]


class IdmGraphError(Exception):
    """Base class: an error the user can fix, with a one-line message."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem

    def __reduce__(self) -> tuple[type[IdmGraphError], tuple[str, str]]:
        """Pickle by the two parts (errors cross process boundaries: workers, time limits)."""
        return type(self), (self.where, self.problem)


class InputError(IdmGraphError):
    """A source document or data file cannot be read."""


class OutputError(IdmGraphError):
    """An output file or directory cannot be written (read-only, full disk, not a directory)."""


class FormatError(IdmGraphError):
    """An output format (RDF, network or result format) is unknown."""


class ModelError(IdmGraphError):
    """A statistical model is installed but is not the pinned release."""


class CurationError(IdmGraphError):
    """A curation file is malformed, or one of its quotes does not anchor in the text."""


class QueryError(IdmGraphError):
    """A SPARQL query is unknown or malformed."""


class EndpointError(IdmGraphError):
    """A SPARQL endpoint cannot be reached or refuses a request."""


class ShaclValidationError(IdmGraphError):
    """The graph does not conform to the SHACL shapes."""
