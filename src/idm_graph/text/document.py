"""The document layer: a summary's text, its repaired reading text, and character offsets.

A summary converted from PDF keeps artefacts: paragraphs broken across page breaks, ``--``
separators, bold and italic markers, footnote marks. :func:`load_document` reads a ``.md`` or
``.txt`` file and builds *blocks* (headings, paragraphs, bullet points) whose ``text`` is
repaired for analysis, while ``offsets`` maps every character of that text back to the
original file text, so any span found in a block can be quoted from the original.

>>> doc = parse_text("# Title\\n\\nTout au long des deux jours\\n\\n"
...                  "de réunion, les **participants**.")
>>> [b.text for b in doc.blocks]
['Title', 'Tout au long des deux jours de réunion, les participants.']
>>> block = doc.blocks[1]
>>> at = block.text.index("participants")
>>> start, end = block.span(at, at + 12)
>>> doc.text[start:end]
'participants'
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from idm_graph.text.readers import SUFFIXES as READABLE
from idm_graph.text.readers import read_file

__all__ = [
    "SUFFIXES",
    "Block",
    "Document",
    "Sentence",
    "fold",
    "front_matter",
    "is_abbreviation",
    "load_document",
    "parse_text",
    "title_of",
]

#: The suffixes a build reads (``.md``, ``.txt``, ``.pdf``, ``.html``, ``.htm``).
SUFFIXES = tuple(READABLE)

_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+")
_QUOTE_MARK = re.compile(r"^[ \t]{0,3}>(?:[ \t]?>)*[ \t]?")
_SEPARATOR = re.compile(r"^[ \t]*(?:-{2,}|\*{3,}|_{3,}|={3,})[ \t]*$")
_ITEM_LINE = re.compile(r"^[ \t]*(?:Panel|Table ronde|Round ?table|Séance|Session|Objecti[fv]e?)"
                        r"\s+\d{1,2}\s*[:.–—-]\s", re.IGNORECASE)
_SECTION_TITLE = re.compile(
    r"^(?:Résumé des conclusions|Summary of conclusions|Conclusions?|Recommandations?\b.{0,60}|"
    r"Recommendations?\b.{0,60}|Clôture|Closing|Closing session|Séance de clôture|Ouverture|"
    r"Opening|Opening session|Séance d'ouverture|Voie à suivre|Way forward)$", re.IGNORECASE)
_FOOTNOTE_DEF = re.compile(r"^[ \t]*<sup>[^<]{1,8}</sup>")
_MARKUP = re.compile(r"<sup>[^<]{0,8}</sup>|</?[A-Za-z][^>]{0,40}>|\*\*|__|\*")
_TERMINAL = frozenset(".!?:;»”\")…")
_ABBREVIATIONS = frozenset((
    "m mme mlle mr mrs ms dr pr prof st no nos vol p pp cf etc e.g i.e h.e s.e amb sr jr "
    "art al fig env approx").split())
_SENTENCE_END = re.compile(r"[.!?…][»”\")\]]?(?=\s+[«\"“(\[]?\s?[A-ZÀ-ÖØ-Þ0-9])|"
                           # a space lost in copying: "… of Foreign Affairs.The first …"
                           r"(?<=[a-zà-öø-ÿ]{3})\.(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+\s)")
_FOLD = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-",
                      "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
                      "\u2009": " ", "\u2007": " "})


def fold(text: str) -> str:
    """Return ``text`` with typographic apostrophes, dashes and spaces made plain.

    The result has the same length, so offsets found in it hold for ``text``.

    >>> fold("l’OIM – 2021")
    "l'OIM - 2021"
    """
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a block: ``block.text[start:end]``, with a stable id."""

    id: str
    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        """The sentence's repaired text."""
        return self.block.text[self.start : self.end]

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Original-text offsets of ``self.text[start:end]``."""
        stop = self.end if end is None else self.start + end
        return self.block.span(self.start + start, stop)


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph or bullet point with its repaired text.

    ``offsets[i]`` is the index in the original text of ``text[i]``.
    ``bold`` says the whole block was bold (a pseudo-heading in converted PDFs).
    """

    id: str
    kind: str
    level: int
    section: str
    text: str
    offsets: tuple[int, ...]
    bold: bool = False
    sentences: list[Sentence] = field(default_factory=list, compare=False, repr=False)

    def span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Original-text offsets ``(start, end)`` of ``self.text[start:end]``."""
        stop = len(self.text) if end is None else end
        if not self.text or stop <= start:
            at = self.offsets[min(start, len(self.offsets) - 1)] if self.offsets else 0
            return at, at
        return self.offsets[start], self.offsets[stop - 1] + 1

    def sentence_at(self, position: int) -> Sentence:
        """The sentence that holds ``text[position]``."""
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return self.sentences[-1]


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: its original text and its blocks.

    ``key`` is the file stem (``idm-2021-s2.fr``); ``sha256`` is the digest of its text
    (UTF-8), the one offsets count in; for a PDF or a web page, ``file_sha256`` is the digest
    of the file, ``pages`` the offset where each page starts, ``metadata`` what the file says
    of itself (title, author, created, language).
    """

    key: str
    path: Path | None
    text: str
    sha256: str
    blocks: list[Block]
    language: str
    media_type: str = "text/markdown"
    file_sha256: str | None = None
    pages: tuple[int, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict, compare=False)

    def page(self, offset: int) -> int | None:
        """The page (from 1) holding ``text[offset]``, for a document read from a PDF.

        >>> parse_text("a\\n\\nb", pages=(0, 3)).page(3)
        2
        """
        if not self.pages:
            return None
        return bisect.bisect_right(self.pages, offset)

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence of every block, in document order."""
        for block in self.blocks:
            yield from block.sentences


def load_document(path: Path | str) -> Document:
    """Read a summary (``.md``, ``.txt``, ``.pdf``, ``.html``); :class:`InputError` on bad
    input (see :func:`idm_graph.text.readers.read_file`).
    """
    path = Path(path)
    source = read_file(path)
    name = path.name[: -len(path.suffix)]
    if path.suffix.lower() in (".md", ".txt"):
        return parse_text(source.text, key=name, path=path, digest=source.file_sha256,
                          media_type=source.media_type)
    return parse_text(source.text, key=name, path=path, digest=source.sha256,
                      media_type=source.media_type, file_digest=source.file_sha256,
                      pages=source.pages, metadata=source.metadata)


def parse_text(text: str, *, key: str = "document", path: Path | None = None,
               digest: str | None = None, media_type: str = "text/markdown",
               file_digest: str | None = None, pages: tuple[int, ...] = (),
               metadata: dict[str, str] | None = None) -> Document:
    """Build a :class:`Document` from text already in memory."""
    if digest is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    front, body_start = front_matter(text)
    metadata = {**front, **(metadata or {})}
    blocks = _number(_repair(_raw_blocks(text, body_start), text))
    language = metadata.get("language", "")
    return Document(key=key, path=path, text=text, sha256=digest, blocks=blocks,
                    language=_guess_language(blocks) if language not in ("fr", "en")
                    else language,
                    media_type=media_type, file_sha256=file_digest, pages=pages,
                    metadata=dict(metadata))


_CONTACT = re.compile(
    r"^(?:media contacts?|press contacts?|contacts?|for (?:more|further) information|"
    r"enquiries|inquiries|tel(?:ephone)?|phone|e-?mail|fax|source|photo|credits?|crédits?|"
    r"contact presse|renseignements|copyright|©|all rights reserved|tous droits réservés|"
    r"share|partager|read more|lire aussi|see also|voir aussi)\b"
    r"|\(\d{2,4}\)\s*\d{3,4}[\s-]?\d{3,4}|\b[\w.+-]+@[\w-]+\.[\w.]+\b|https?://",
    re.IGNORECASE)


def title_of(document: Document) -> tuple[str, Block | None]:
    """The document's title and the block it comes from: the metadata's title (YAML front
    matter, a PDF's or HTML page's title, a ``KEY.meta.yaml``), else its first heading, else
    the first sentence of its first paragraph, cut at a word; never a contact line or a
    footer, never the file's key. A block is returned where the title is one (its evidence).

    >>> title_of(parse_text("Media contacts: (02) 5550 1234\\n\\n# Ministers meet\\n"))[0]
    'Ministers meet'
    """
    title = document.metadata.get("title", "").strip()
    if title:
        return title, None
    usable = [b for b in document.blocks if b.kind != "footnote" and b.text.strip()
              and not _CONTACT.search(b.text[:200])]
    heading = next((b for b in usable if b.kind == "heading"), None)
    if heading is not None:
        return heading.text, heading
    first = next((b for b in usable if b.sentences), None)
    if first is None:
        return "Untitled document", None
    sentence = first.sentences[0].text
    if len(sentence) > 120:
        sentence = sentence[:120].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"
    return sentence, first


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
#: Front-matter keys read as metadata, and the names they go by.
_FRONT_KEYS = {"title": "title", "date": "date", "published_time": "date",
               "published": "date", "lang": "language", "language": "language",
               "source": "source", "url": "source", "link": "source",
               "canonical_url": "source", "author": "author", "authors": "author"}


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """A Markdown file's YAML front matter, as metadata (title, date, language, source,
    author), and the offset where the text proper begins (0 without front matter). The front
    matter is never text: no block, no sentence and no evidence comes from it.

    >>> meta, start = front_matter("---\\ntitle: 'A readout'\\ndate: '2022-09-27'\\n"
    ...                            "lang: en\\n---\\n# Heading\\n")
    >>> meta, start
    ({'title': 'A readout', 'date': '2022-09-27', 'language': 'en'}, 55)
    """
    import yaml

    match = _FRONT.match(text)
    if match is None:
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, 0  # not front matter after all: a rule and text
    if not isinstance(data, dict):
        return {}, 0
    found: dict[str, str] = {}
    for key, value in data.items():
        name = _FRONT_KEYS.get(str(key).lower())
        if name is None or name in found or value in (None, "", []):
            continue
        shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        found[name] = " ".join(shown.split())
    language = found.get("language", "").lower()[:2]
    if language:
        found["language"] = language
    return found, match.end()


# ------------------------------------------------------------------------------ internals

@dataclass(slots=True)
class _Raw:
    kind: str
    level: int
    chars: list[str]
    offsets: list[int]
    bold: bool


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in re.finditer(r"\r?\n|\r", text):
        yield start, text[start : match.start()]
        start = match.end()
    yield start, text[start:]


def _append_clean(raw: _Raw, line: str, base: int) -> None:
    """Append ``line`` (at ``base`` in the original) to ``raw`` without markup."""
    position = 0
    for match in _MARKUP.finditer(line):
        _append_chars(raw, line[position : match.start()], base + position)
        position = match.end()
    _append_chars(raw, line[position:], base + position)


def _append_chars(raw: _Raw, piece: str, base: int) -> None:
    for index, char in enumerate(piece):
        if char.isspace() or char == "\ufeff":
            if raw.chars and raw.chars[-1] != " ":
                raw.chars.append(" ")
                raw.offsets.append(base + index)
            continue
        raw.chars.append(char)
        raw.offsets.append(base + index)


def _raw_blocks(text: str, start: int = 0) -> list[_Raw]:
    blocks: list[_Raw] = []
    current: _Raw | None = None
    for raw_base, raw_line in _lines(text):
        if raw_base < start:
            continue  # front matter: metadata, not text
        # a block quote's marks are markup: its text is the line after them
        quoted = _QUOTE_MARK.match(raw_line)
        skip = quoted.end() if quoted else 0
        line, base = raw_line[skip:], raw_base + skip
        stripped = line.strip()
        if not stripped or _SEPARATOR.match(line):
            current = None
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            current = _Raw("heading", len(heading.group(1)), [], [], False)
            blocks.append(current)
            _append_clean(current, line[heading.end() :], base + heading.end())
            current.bold = stripped.lstrip("#").strip().startswith("**")
            current = None
            continue
        if bullet:
            current = _Raw("bullet", 0, [], [], False)
            blocks.append(current)
            _append_clean(current, line[bullet.end() :], base + bullet.end())
            continue
        if current is None or _ITEM_LINE.match(line):
            kind = "footnote" if _FOOTNOTE_DEF.match(line) else "paragraph"
            current = _Raw(kind, 0, [], [], stripped.startswith("**"))
            blocks.append(current)
        elif current.chars and current.chars[-1] != " ":
            current.chars.append(" ")
            current.offsets.append(base - 1)
        _append_clean(current, line, base)
    for raw in blocks:
        while raw.chars and raw.chars[-1] == " ":
            raw.chars.pop()
            raw.offsets.pop()
    return [raw for raw in blocks if raw.chars]


def _repair(raws: list[_Raw], text: str) -> list[_Raw]:
    """Join paragraphs a page break split, and mark all-bold paragraphs as pseudo-headings."""
    out: list[_Raw] = []
    for raw in raws:
        previous = out[-1] if out else None
        if (previous is not None and raw.kind == "paragraph" and previous.kind in
                ("paragraph", "bullet") and previous.chars[-1] not in _TERMINAL
                and _starts_lower(raw.chars)):
            previous.chars.append(" ")
            previous.offsets.append(previous.offsets[-1] + 1)
            previous.chars.extend(raw.chars)
            previous.offsets.extend(raw.offsets)
            continue
        if raw.kind == "paragraph" and raw.bold and _all_bold(text, raw):
            raw.kind, raw.level = "heading", 6
        elif raw.kind == "paragraph" and _SECTION_TITLE.match("".join(raw.chars)):
            raw.kind, raw.level = "heading", 2
        out.append(raw)
    return out


def _starts_lower(chars: Sequence[str]) -> bool:
    return bool(chars) and chars[0].islower()


def _all_bold(text: str, raw: _Raw) -> bool:
    start, end = raw.offsets[0], raw.offsets[-1] + 1
    line = text[max(0, start - 2) : end + 2].strip()
    return line.startswith("**") and line.endswith("**") and line.count("**") == 2


def _number(raws: list[_Raw]) -> list[Block]:
    blocks: list[Block] = []
    section, paragraph = 0, 0
    for raw in raws:
        if raw.kind == "heading":
            section += 1
            paragraph = 0
            block_id = f"s{section}"
        else:
            paragraph += 1
            block_id = f"s{section}.p{paragraph}"
        block = Block(id=block_id, kind=raw.kind, level=raw.level, section=f"s{section}",
                      text="".join(raw.chars), offsets=tuple(raw.offsets), bold=raw.bold)
        block.sentences.extend(_split_sentences(block))
        blocks.append(block)
    return blocks


def _split_sentences(block: Block) -> Iterator[Sentence]:
    text = block.text
    start, number = 0, 0
    if block.kind != "heading":
        for match in _SENTENCE_END.finditer(text):
            end = match.end()
            if is_abbreviation(text, match.start()):
                continue
            number += 1
            yield Sentence(f"{block.id}.t{number}", block, start, end)
            start = end
            while start < len(text) and text[start] == " ":
                start += 1
    if start < len(text):
        yield Sentence(f"{block.id}.t{number + 1}", block, start, len(text))


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` ends an abbreviation ("Ms.", "Dr.", an initial)
    rather than a sentence.

    >>> is_abbreviation("Ms. Lee", 2), is_abbreviation("It ended. Then", 8)
    (True, False)
    """
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 40) : dot])  # bounded: linear overall
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and text[dot - 1].isupper())


_FR = re.compile(r"\b(?:les|des|une|est|dans|pour|avec|sur|qui|aux)\b")
_EN = re.compile(r"\b(?:the|and|of|with|for|that|which|was|were|on)\b")


def _guess_language(blocks: list[Block]) -> str:
    sample = " ".join(block.text for block in blocks[:60]).lower()
    return "fr" if len(_FR.findall(sample)) >= len(_EN.findall(sample)) else "en"
