"""A person met during extraction: the state the people, affiliations and contributions
modules share (its own module, so that none of them imports another in a circle).

>>> Person("person/ada-roe", "Ada Roe", ["ada", "roe"]).contributions
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Person"]


@dataclass(slots=True)
class Person:
    """A person met in the document: key, name as first written, its tokens (for surname
    mentions), role, contributions so far, and whether they took part in the meeting.
    """

    key: str
    name: str
    tokens: list[str]
    role: str | None = None
    contributions: list[str] = field(default_factory=list)
    took_part: bool = False
