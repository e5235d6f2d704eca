"""Delegations of persons in a report: who led one, who accompanied the leader on it, who
it included, and the sentences whose subject it is ("the full delegation met with …").

>>> delegation_acts("Additionally, the full interagency delegation met with counterparts.")
'meeting'
"""

from __future__ import annotations

import re

from idm_graph.extract.gazetteer import (
    adjectives,
    countries,
)
from idm_graph.extract.lexicon import (
    SPEECH_WORD,
)
from idm_graph.extract.person import Person

__all__ = ["delegation_acts", "delegation_members"]

#: A delegation of persons and who is in it: "X led an interagency delegation", "A, B and C
#: accompanied X on this delegation", "The delegation included A and B", « X conduisait une
#: délégation », « la délégation comprenait A et B ».
_LED = re.compile(r"\b(?:led|leads|headed|heads|conduit|conduisait|a conduit|dirigeait|a dirigé)"
                  r"\s+(?:a|an|the|une|la|sa|his|her)\s+(?:[\w.-]+\s+){0,3}?d[eé]l[eé]gation\b",
                  re.IGNORECASE)
_ACCOMPANIED = re.compile(r"\b(?:accompanied|accompany|accompanies|accompagnaient|accompagnait|"
                          r"ont accompagné|a accompagné|accompagnent|accompagne)\b", re.IGNORECASE)
_INCLUDED = re.compile(r"\bd[eé]l[eé]gation\s+(?:also\s+)?(?:included|includes|comprised|"
                       r"was composed of|consisted of|comprenait|comprend|était composée de|"
                       r"se composait de)\b", re.IGNORECASE)
#: A sentence whose subject is that delegation: "Additionally, the full interagency delegation
#: met with counterparts …", « La délégation a ensuite rencontré … ».
_DELEGATION_SUBJECT = re.compile(
    rf"^(?:[^,.;]{{0,40}},\s*)?(?:the|our|this|la|notre|cette)\s+(?P<between>(?:[\w.-]+\s+)"
    rf"{{0,3}}?)d[eé]l[eé]gation\s+(?:[^.;]{{0,40}}?\s)?(?:(?P<meeting>met|meets|held|visited|"
    rf"a rencontré|ont rencontré|a tenu)|{SPEECH_WORD})\b", re.IGNORECASE)
_DELEGATION_WORD = re.compile(r"d[eé]l[eé]gation", re.IGNORECASE)

def delegation_members(text: str, mentions: list[tuple[Person, bool, int, int]],
                        members: dict[str, Person]) -> None:
    """Add to ``members`` the persons a sentence puts in a delegation: the one who led it,
    those who accompanied the leader on it ("accompanied by music" is no delegation), those
    it included.
    """
    for match in _LED.finditer(text):
        before = [p for p, _, _, end in mentions if end <= match.start()]
        if before:
            members.setdefault(before[-1].key, before[-1])
    for match in _ACCOMPANIED.finditer(text) if _DELEGATION_WORD.search(text) else ():
        found = [p for p, _, _, end in mentions if end <= match.start()]
        found += [p for p, _, start, _ in mentions if start >= match.end()][:1]
        for person in found:
            members.setdefault(person.key, person)
    for match in _INCLUDED.finditer(text):
        for person in (p for p, _, start, _ in mentions if start >= match.end()):
            members.setdefault(person.key, person)


def delegation_acts(text: str) -> str | None:
    """``meeting`` or ``speech`` if the sentence's subject is the delegation the text
    describes and it meets or speaks; never a State's delegation ("the Mexican delegation").

    >>> delegation_acts("Additionally, the full interagency delegation met with counterparts.")
    'meeting'
    >>> delegation_acts("The Mexican delegation said it would help.") is None
    True
    """
    match = _DELEGATION_SUBJECT.match(text)
    if match is None:
        return None
    between = match.group("between") + "delegation"
    if countries().find(between) or adjectives().find(between, "en") or \
            adjectives().find(between, "fr"):
        return None
    return "meeting" if match.group("meeting") else "speech"
