"""Names and roles written in capitals, read in the case a sentence gives them.

A transcript or a release often opens with a title in capitals that holds the only full
names and roles of its speakers: "JOINT PRESS CONFERENCE WITH THE MINISTER FOR IMMIGRATION,
SENATOR KAREN DALBY, AND THE INDONESIAN FOREIGN MINISTER, DR ARIF WIBOWO". In a block written
in capitals, each name that follows a form of address (``SENATOR``, ``DR``, ``MR``…) and the
role written before it (``THE MINISTER FOR IMMIGRATION,``) are given their usual case; the rest
of the block is left as it is. The block's text has the same length, so every offset, and so
every quote, stays that of the source.

>>> from idm_graph.text.document import parse_text
>>> doc = parse_text("WITH THE MINISTER FOR IMMIGRATION, SENATOR KAREN DALBY, AND DR ARIF "
...                  "WIBOWO-SANTOSO\\n\\nDALBY: Thank you.")
>>> recased(doc).blocks[0].text
'with the Minister for Immigration, Senator Karen Dalby, and Dr Arif Wibowo-Santoso'
>>> recased(doc).blocks[1].text == doc.blocks[1].text
True
"""

from __future__ import annotations

import re
from dataclasses import replace

from idm_graph.text.document import Block, Document, Sentence

__all__ = ["recased", "shouted"]

#: Words that end a name written in capitals.
_NOT_NAME = frozenset(
    "AND THE OF FOR WITH TO IN ON AT BY FROM MP OBE QC KC ET DE DU DES LA LE LES AU AUX POUR "
    "AVEC SUR".split())
#: A form of address in capitals, then two to four words of a name.
_ADDRESSED = re.compile(
    r"(?<![\w.])(?P<address>SENATOR THE HON\.?|THE HON\.?|HON\.?|SENATOR|DR\.?|MR\.?|MRS\.?|"
    r"MS\.?|PROF\.?|PROFESSOR|AMBASSADOR|SIR|DAME|MME|MLLE|M\.|H\.\s?E\.|S\.\s?E\.)\s+"
    r"(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’-]+(?:[ ]+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+){1,3})")
#: The role written right before a name and its comma: "THE MINISTER FOR IMMIGRATION, ".
_ROLE_BEFORE = re.compile(r"(?:^|,|\bWITH\b|\bAND\b|\bET\b|\bAVEC\b|:)\s*"
                          r"(?P<role>(?:THE|LE|LA|L['’])\s*[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,80}?)\s*,\s*$")
#: Words that join the names and roles of a title in capitals.
_CONNECTOR = re.compile(r"(?<![\w'’-])(?:AND|WITH|ET|AVEC)(?![\w'’-])")
#: Words of a role or a name kept in lower case, as a sentence writes them.
_SMALL = frozenset("and the of for to in on at by de du des la le les l et au aux pour".split())


def shouted(text: str) -> bool:
    """Whether ``text`` is written in capitals (nine letters in ten, eight letters at least).

    >>> shouted("JOINT PRESS CONFERENCE"), shouted("Joint press conference")
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def recased(document: Document) -> Document:
    """``document`` with the names and roles of its blocks in capitals recased (see the
    module); the document itself when it has none.
    """
    blocks = [_recased_block(block) if shouted(block.text) else block
              for block in document.blocks]
    if all(new is old for new, old in zip(blocks, document.blocks, strict=True)):
        return document
    return replace(document, blocks=blocks)


def _recased_block(block: Block) -> Block:
    chars = list(block.text)
    changed = False
    for match in _ADDRESSED.finditer(block.text):
        words = match.group("name").split()
        kept = []
        for word in words:
            if word.strip("'’-") in _NOT_NAME:
                break
            kept.append(word)
        if len(kept) < 2:
            continue
        end = match.start("name") + len(" ".join(kept))
        _put(chars, match.start("address"), _cased(match.group("address"), small=True))
        _put(chars, match.start("name"), _cased(block.text[match.start("name") : end],
                                                small=False))
        role = _ROLE_BEFORE.search(block.text, 0, match.start())
        if role is not None:
            _put(chars, role.start("role"), _cased(role.group("role"), small=True))
        changed = True
    if not changed:
        return block
    for match in _CONNECTOR.finditer(block.text):  # "…, AND THE …": joins, not names
        _put(chars, match.start(), match.group(0).lower())
    new = replace(block, text="".join(chars), sentences=[])
    new.sentences.extend(Sentence(s.id, new, s.start, s.end) for s in block.sentences)
    return new


def _put(chars: list[str], start: int, text: str) -> None:
    chars[start : start + len(text)] = list(text)


def _cased(text: str, *, small: bool) -> str:
    """``text`` with each word capitalised (each part of a hyphenated or elided word), and,
    when ``small``, the small words of a role in lower case; the same length as ``text``.

    >>> _cased("THE MINISTER FOR IMMIGRATION", small=True)
    'the Minister for Immigration'
    >>> _cased("KAREN SHERWOOD-RANDALL O'NEIL", small=False)
    "Karen Sherwood-Randall O'Neil"
    """
    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        if small and token.lower() in _SMALL:
            return token.lower()
        return re.sub(r"[^\W\d_]+", lambda part: part.group(0)[:1] + part.group(0)[1:].lower()
                      if len(part.group(0)) > 0 else "", token)

    cased = re.sub(r"[^\s]+", word, text)
    return cased if len(cased) == len(text) else text
