"""The text layer of a PDF, repaired for analysis, with the offset where each page starts.

pdfminer.six gives every character with its position, size and font. From them this module
rebuilds lines (one or two columns: a gutter is a vertical band no body line crosses), then
paragraphs, and repairs what typesetting does to text, generally, not for one document:

- running headers and footers (a line in the top or bottom margin that recurs, digits aside,
  on at least half of the pages) and page numbers (``3``, ``- 3 -``, ``Page 3 of 9``);
- footnote marks (raised small characters after a word) are dropped from the body; the
  footnotes (small lines at the foot of a page) are moved to a ``Notes`` section at the end;
- words hyphenated at a line end are joined (``migra-``/``tions``), hyphens that belong to
  the word are kept (``COVID-19``, ``Marta-Lucía``: the next part starts with a capital or a
  digit);
- a paragraph that runs across a page break is one paragraph;
- bullets become ``- `` items; lines in a larger font become ``##`` headings and paragraphs
  wholly in bold become ``**…**`` pseudo-headings, as in the markdown the document layer reads;
- justified text's stretched spaces become single spaces.

The result is markdown-like text: the document's text, the one every offset counts in.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idm_graph.core.errors import InputError

__all__ = ["PdfText", "read_pdf"]

_BULLETS = "•◦▪▫●○■□‣⁃–—-*·"
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of|sur|de)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?:;»\"”)")


@dataclass(frozen=True, slots=True)
class PdfText:
    """What a PDF holds for idm-graph: text, the start offset of each page, metadata."""

    text: str
    pages: tuple[int, ...]
    metadata: dict[str, str]


@dataclass(slots=True)
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    column: int = 0
    kind: str = "body"  # body, margin, footnote
    lead_bold: int = 0  # characters of text at its start set in bold


@dataclass(slots=True)
class _Paragraph:
    lines: list[_Line] = field(default_factory=list)
    kind: str = "text"  # text, heading, bullet


def read_pdf(path: Path, data: bytes) -> PdfText:
    """The repaired text layer of the PDF ``path`` (its bytes ``data``)."""
    where = str(path)
    pages = _pages(where, data)
    if not any(page for page in pages):
        raise InputError(where, "has no text layer (a scanned PDF?); run OCR on it first "
                                "(e.g. ocrmypdf) and build the result")
    _mark_margins(pages)
    body = [line for page in pages for line in page if line.kind == "body"]
    if not body:
        raise InputError(where, "holds no text beyond running headers and page numbers")
    size = statistics.median(line.size for line in body)
    for page in pages:
        _mark_footnotes(page, size)
    text, starts = _write(pages, size)
    return PdfText(text, starts, _metadata(data))


def _pages(where: str, data: bytes) -> list[list[_Line]]:
    import io

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[list[_Line]] = []
    try:
        # No layout analysis: the characters are enough, and pdfminer's grouping of text
        # boxes cost a third of the reading time. (``high_level.extract_pages`` cannot skip
        # it: given ``laparams=None`` it uses the defaults, so the aggregator is driven here.)
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), 1):
            interpreter.process_page(page)
            pages.append(_lines(number, device.get_result()))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(where, "is encrypted; save an unencrypted copy first") from None
    except PDFSyntaxError as exc:
        raise InputError(where, f"not a readable PDF: {exc}") from None
    except Exception as exc:
        name = type(exc).__name__
        if "Encrypt" in name or "Password" in name:
            raise InputError(where, "is encrypted; save an unencrypted copy first") from None
        raise InputError(where, f"not a readable PDF ({name}: "
                                f"{' '.join(str(exc).split())[:120]})") from None
    return pages


def _chars(item: Any) -> list[Any]:
    from pdfminer.layout import LTChar

    if isinstance(item, LTChar):
        return [item]
    found: list[Any] = []
    if hasattr(item, "__iter__"):
        for child in item:
            found.extend(_chars(child))
    return found


def _lines(number: int, layout: Any) -> list[_Line]:
    """The lines of one page, in reading order (columns left to right)."""
    chars = [c for c in _chars(layout) if c.get_text().strip() or c.get_text() == " "]
    if not chars:
        return []
    height = float(layout.height)
    edge = [c for c in chars if c.y0 > height * 0.94 or c.y1 < height * 0.06]
    inner = [c for c in chars if not (c.y0 > height * 0.94 or c.y1 < height * 0.06)]
    gutter = _gutter(inner, float(layout.width)) if inner else None
    lines: list[_Line] = []
    for column in (0, 1, -1):  # -1: the page's top and bottom edges, read across columns
        if column == -1:
            mine = edge
        else:
            mine = [c for c in inner if (gutter is None or c.x1 <= gutter) == (column == 0)]
        mine.sort(key=lambda c: (-round(c.y0, 1), c.x0))
        rows: list[list[Any]] = []
        for char in mine:
            if rows:
                row = rows[-1]
                base = statistics.median(c.y0 for c in row)
                height = max(char.size, *(c.size for c in row))
                if abs(char.y0 - base) <= height * 0.45:
                    row.append(char)
                    continue
            rows.append([char])
        lines += [line for row in rows for line in [_line(number, max(column, 0), row)]
                  if line.text]

    def band(line: _Line) -> int:  # 0 the top edge, 1 the body, 2 the bottom edge
        if line.bottom > height * 0.94:
            return 0
        return 2 if line.top < height * 0.06 else 1

    lines.sort(key=lambda line: (band(line), line.column, -line.top, line.x0))
    return lines


def _gutter(chars: list[Any], width: float) -> float | None:
    """The x of a vertical band in the middle of the page that text does not cross, if the
    page is set in two columns.
    """
    low, high = int(width * 0.3), int(width * 0.7)
    counts = [0] * (high - low)
    rows: set[int] = set()
    for char in chars:
        rows.add(round(char.y0))
        for x in range(max(low, int(char.x0)), min(high, int(char.x1) + 1)):
            counts[x - low] += 1
    left = sum(1 for c in chars if c.x1 < width * 0.45)
    right = sum(1 for c in chars if c.x0 > width * 0.55)
    if min(left, right) < len(chars) * 0.2:
        return None
    best = min(range(len(counts)), key=lambda i: (counts[i], abs(i - len(counts) / 2)))
    if counts[best] > max(2, len(rows) * 0.02):
        return None
    return float(low + best)


def _line(number: int, column: int, row: list[Any]) -> _Line:
    row.sort(key=lambda c: c.x0)
    size = statistics.median(c.size for c in row)
    base = statistics.median(c.y0 for c in row if c.size >= size * 0.9)
    kept = [c for c in row if not (c.size < size * 0.8 and c.y0 > base + size * 0.15
                                   and c.get_text().strip())]  # superscript marks
    parts: list[str] = []
    previous = None
    lead, leading = 0, True
    for char in kept:
        text = char.get_text()
        if previous is not None and char.x0 - previous.x1 > size * 0.22 and text != " " \
                and not parts[-1].endswith(" "):
            parts.append(" ")
        if leading and text.strip() and "bold" not in char.fontname.lower() and not (
                text in _BULLETS and not "".join(parts).strip()):
            leading = False
            lead = len(re.sub(r"\s+", " ", "".join(parts)).strip())
        parts.append(text)
        previous = char
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    bold = sum(1 for c in kept if "bold" in c.fontname.lower() and c.get_text().strip()) > \
        0.6 * max(1, sum(1 for c in kept if c.get_text().strip()))
    return _Line(number, min(c.x0 for c in row), max(c.x1 for c in row),
                 max(c.y1 for c in row), min(c.y0 for c in row), size, bold, text, column,
                 lead_bold=lead if not leading else len(text))


def _mark_margins(pages: list[list[_Line]]) -> None:
    """Running headers and footers, and page numbers, are margin lines, not text."""
    if not pages:
        return
    shapes: Counter[str] = Counter()
    edges: list[list[_Line]] = []
    for page in pages:
        ordered = sorted(page, key=lambda line: -line.top)
        edge = ordered[:2] + ordered[-2:] if len(ordered) > 4 else ordered
        edges.append(edge)
        for shape in {_shape(line.text) for line in edge}:
            shapes[shape] += 1
    recurring = {shape for shape, count in shapes.items()
                 if len(pages) >= 2 and count >= max(2, len(pages) / 2)}
    for edge in edges:
        for line in edge:
            if _shape(line.text) in recurring or _PAGE_NUMBER.match(line.text):
                line.kind = "margin"


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _mark_footnotes(page: list[_Line], size: float) -> None:
    """Small lines below the last body line of a page, starting with a mark, are notes."""
    body = [line for line in page if line.kind == "body"]
    if not body:
        return
    ordered = sorted(body, key=lambda line: line.top)  # bottom first
    notes: list[_Line] = []
    for line in ordered:
        if line.size < size * 0.85:
            notes.append(line)
            continue
        break
    if notes and re.match(r"^[\divxIVX*†‡]{1,4}[.)]?\s", min(notes, key=lambda n: -n.top).text):
        for line in notes:
            line.kind = "footnote"


def _layout(page: list[_Line]) -> tuple[float, dict[int, float]]:
    """The usual space between two lines of a paragraph on ``page``, and the right edge of
    each column.
    """
    body = [line for line in page if line.kind == "body"]
    gaps = [a.bottom - b.top for a, b in itertools.pairwise(body)
            if a.column == b.column and abs(a.size - b.size) < 0.5 and a.bottom > b.top]
    edges: dict[int, float] = {}
    for line in body:
        edges[line.column] = max(edges.get(line.column, 0.0), line.x1)
    return (statistics.median(gaps) if gaps else 0.0), edges


def _write(pages: list[list[_Line]], size: float) -> tuple[str, tuple[int, ...]]:
    """Paragraphs as markdown-like text; the offset where each page's text starts."""
    paragraphs: list[_Paragraph] = []
    notes: list[_Line] = []
    for page in pages:
        previous: _Line | None = None
        usual, edges = _layout(page)
        for line in page:
            if line.kind == "margin":
                continue
            if line.kind == "footnote":
                notes.append(line)
                continue
            kind = _kind(line, size)
            current = paragraphs[-1] if paragraphs else None
            if current is not None and _continues(current, line, previous, kind, size,
                                                  usual, edges):
                current.lines.append(line)
            else:
                paragraphs.append(_Paragraph([line], kind))
            previous = line
    if notes:
        paragraphs.append(_Paragraph([_Line(notes[0].page, 0, 0, 0, 0, size * 1.3, True,
                                            "Notes")], "heading"))
        for note in notes:
            if re.match(r"^[\divxIVX*†‡]{1,4}[.)]?\s", note.text) or not paragraphs[-1].lines \
                    or paragraphs[-1].kind == "heading":
                paragraphs.append(_Paragraph([note], "text"))
            else:
                paragraphs[-1].lines.append(note)
    text_parts: list[str] = []
    starts: dict[int, int] = {}
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        if index:
            text_parts.append("\n\n")
            offset += 2
        prefix, suffix = _decoration(paragraph, size)
        text_parts.append(prefix)
        offset += len(prefix)
        for position, line in enumerate(paragraph.lines):
            piece = line.text
            lead = line.lead_bold
            if position == 0 and paragraph.kind == "bullet":
                stripped = piece.lstrip(_BULLETS).lstrip()
                lead -= len(piece) - len(stripped)
                piece = stripped
            if position == 0 and prefix in ("", "- ") and 0 < lead < len(piece):
                run = piece[:lead].rstrip()  # a bold lead-in: « **Panel 7** : »
                if run.strip():
                    piece = f"**{run}**{piece[len(run):]}"
            if position:
                joined = _join(text_parts[-1], piece)
                if joined is not None:
                    text_parts[-1], piece = joined
                else:
                    text_parts.append(" ")
                    offset += 1
                offset = sum(len(p) for p in text_parts)
            starts.setdefault(line.page, offset)
            text_parts.append(piece)
            offset += len(piece)
        text_parts.append(suffix)
        offset += len(suffix)
    text = "".join(text_parts) + "\n"
    ordered = tuple(starts[page] for page in sorted(starts))
    return text, ordered


def _kind(line: _Line, size: float) -> str:
    if line.size >= size * 1.15:
        return "heading"
    if line.text[:1] in _BULLETS and line.text[1:2] == " ":
        return "bullet"
    return "text"


def _continues(current: _Paragraph, line: _Line, previous: _Line | None, kind: str,
               size: float, usual: float, edges: dict[int, float]) -> bool:
    """Whether ``line`` goes on the paragraph ``current``: same kind and font weight, no
    more space above it than between the lines of a paragraph, and the line before it did
    not end a sentence well short of the column's right edge.
    """
    last = current.lines[-1]
    if kind == "bullet" or (kind == "heading") != (current.kind == "heading"):
        return False
    if kind == "heading":
        return abs(line.size - last.size) < 0.5 and line.page == last.page and \
            last.bottom - line.top < line.size * 0.8
    if line.bold != last.bold and current.kind != "bullet":
        return False
    if previous is None or line.page != last.page or line.column != last.column:
        # a new page or column: the paragraph goes on when it did not end a sentence, and
        # either the next line starts in lower case or the last one ran to the column's
        # edge (« … de réponse à la | COVID-19 soient … »)
        if last.text.endswith(_SENTENCE_END):
            return False
        full = last.x1 >= edges.get(last.column, last.x1) - size * 2
        return line.text[:1].islower() or full
    gap = last.bottom - line.top
    if gap > usual + size * 0.3:
        return False
    short = last.x1 < edges.get(last.column, last.x1) - size * 2
    if short and last.text.endswith(_SENTENCE_END):
        return False
    return not (current.kind == "bullet" and line.x0 < current.lines[0].x0 - 1)


def _join(before: str, after: str) -> tuple[str, str] | None:
    """Join a word hyphenated at a line end (``migra-`` + ``tions``); ``None`` otherwise."""
    if before.endswith("\u00ad"):
        return before[:-1], after
    if re.search(r"[^\W\d_]-$", before) and after[:1].islower():
        return before[:-1], after
    return None


def _decoration(paragraph: _Paragraph, size: float) -> tuple[str, str]:
    if paragraph.kind == "heading":
        level = 2 if paragraph.lines[0].size >= size * 1.3 else 3
        return "#" * level + " ", ""
    if paragraph.kind == "bullet":
        return "- ", ""
    if all(line.bold for line in paragraph.lines):
        return "**", "**"
    return "", ""


def _metadata(data: bytes) -> dict[str, str]:
    """Title, author and dates from the PDF's information dictionary."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSLiteral

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        info = document.info[0] if document.info else {}
    except Exception:
        return {}
    out = {}
    for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "created"),
                      ("ModDate", "modified")):
        value = info.get(key)
        if isinstance(value, PSLiteral):
            value = value.name
        if isinstance(value, bytes):
            value = _pdf_string(value)
        if isinstance(value, str) and value.strip():
            out[name] = value.strip()
    for key in ("created", "modified"):
        if key in out:
            match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", out[key])
            out[key] = "-".join(p for p in match.groups() if p) if match else out[key]
    return out


def _pdf_string(value: bytes) -> str:
    if value.startswith(b"\xfe\xff"):
        return value[2:].decode("utf-16-be", "replace")
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")
