"""Readers: the text of a source file, whatever its format, and what the file says of itself.

=============  ==========================================  ===============================
suffix         reader                                      what the text is
=============  ==========================================  ===============================
``.md .txt``   UTF-8 text                                  the file itself
``.pdf``       :mod:`~idm_graph.text.readers.pdf` (pdfminer.six)  the repaired text layer, pages
``.html .htm`` :mod:`~idm_graph.text.readers.html`              the page's main text
=============  ==========================================  ===============================

Offsets in the graph count characters of :attr:`SourceText.text`; for a PDF or a page that is
not the file, so both digests are kept (``sha256`` of the text, ``file_sha256`` of the file).

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "note.md"
>>> _ = path.write_text("Bonjour.")
>>> read_file(path).media_type
'text/markdown'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from idm_graph.core.errors import InputError

__all__ = ["MAX_FILE_BYTES", "MAX_TEXT_BYTES", "READERS", "SUFFIXES", "Reader", "SourceText",
           "read_file"]

#: The largest text one document may hold (UTF-8 bytes): it builds in under a minute.
MAX_TEXT_BYTES = 2 * 1024 * 1024
#: The largest PDF or HTML file read (images and markup make them larger than their text).
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """The text of a source file, the start offset of each page (PDF), what the file's own
    metadata says (title, author, created, language), its media type and digests.
    """

    text: str
    media_type: str
    file_sha256: str
    pages: tuple[int, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """The digest of the text (UTF-8), the one the offsets count in."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


#: What a reader gives: the text, the offset where each page starts, the file's metadata.
Read = tuple[str, tuple[int, ...], dict[str, str]]


@dataclass(frozen=True, slots=True)
class Reader:
    """How files of one suffix are read: their media type, the largest file read, and the
    function that turns the file's bytes into text (``read(path, data, where)``).
    """

    media_type: str
    limit: int
    read: Callable[[Path, bytes, str], Read]


def _text(path: Path, data: bytes, where: str) -> Read:
    return _plain_text(data, where), (), {}


def _pdf(path: Path, data: bytes, where: str) -> Read:
    if not data.startswith(b"%PDF"):
        raise InputError(where, "not a PDF file (it does not start with %PDF)")
    from idm_graph.text.readers.pdf import read_pdf

    found = read_pdf(path, data)
    return found.text, found.pages, found.metadata


def _html(path: Path, data: bytes, where: str) -> Read:
    if b"\x00" in data[:8192]:
        raise InputError(where, "looks like a binary file, not a web page")
    from idm_graph.text.readers.html import read_html

    page = read_html(data, where)
    return page.text, (), page.metadata


#: The reader of each suffix a build reads: one table, so a suffix cannot be listed without
#: the way it is read.
READERS = {".md": Reader("text/markdown", MAX_TEXT_BYTES, _text),
           ".txt": Reader("text/plain", MAX_TEXT_BYTES, _text),
           ".pdf": Reader("application/pdf", MAX_FILE_BYTES, _pdf),
           ".html": Reader("text/html", MAX_FILE_BYTES, _html),
           ".htm": Reader("text/html", MAX_FILE_BYTES, _html)}
#: The suffixes a build reads, and the media type of each.
SUFFIXES = {suffix: reader.media_type for suffix, reader in READERS.items()}


def read_file(path: Path) -> SourceText:
    """Read ``path`` with the reader of its suffix; :class:`InputError` on bad input."""
    where = str(path)
    if not path.exists():
        raise InputError(where, "no such file")
    if path.is_dir():
        raise InputError(where, "is a directory, not a document")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(where, f"unsupported file type {path.suffix or '(none)'!r}; "
                                f"expected one of {', '.join(SUFFIXES)}")
    size = path.stat().st_size
    if size == 0:
        raise InputError(where, "file is empty")
    reader = READERS[suffix]
    if size > reader.limit:
        raise InputError(where, _too_large(size, reader.limit))
    data = path.read_bytes()
    text, pages, metadata = reader.read(path, data, where)
    result = SourceText(text, reader.media_type, hashlib.sha256(data).hexdigest(), pages,
                        metadata)
    if len(result.text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise InputError(where, _too_large(len(result.text.encode("utf-8")), MAX_TEXT_BYTES,
                                           "its text"))
    return result


def _plain_text(data: bytes, where: str) -> str:
    """The text of a plain-text file: UTF-8, or UTF-16 with its byte-order mark.

    >>> _plain_text("\ufeffMs. Roe spoke.".encode("utf-16-le"), "a.txt")
    'Ms. Roe spoke.'
    >>> _plain_text("Ms. Roe".encode("utf-16-le"), "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.InputError: a.txt: looks like UTF-16 without a byte-order mark; ...
    """
    encoding = "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # the byte-order mark says which; it is not part of the text
    elif b"\x00" in data[:8192]:
        head = data[:8192]
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise InputError(where, "looks like UTF-16 without a byte-order mark; "
                                    "re-encode it as UTF-8")
        raise InputError(where, "looks like a binary file, not a text summary")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid {encoding.upper()} (byte {exc.start}); "
                                "re-encode it as UTF-8") from None
    if not text.strip():
        raise InputError(where, "file holds only whitespace")
    return text


def _too_large(size: int, limit: int, what: str = "file") -> str:
    return (f"{what} is {size / 2**20:.1f} MiB; the limit is {limit // 2**20} MiB for one "
            "document" + (" (about 60 summaries: it builds in under a minute); split it into "
                          "several files and build the folder" if limit == MAX_TEXT_BYTES
                          else ""))
