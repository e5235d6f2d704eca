"""Test PDFs typeset by fpdf2 (a maintained PDF writer) from markdown-like text.

:func:`render` lays out headings (``#``…``####``, larger and bold), paragraphs (with
``**bold**`` and ``*italic*`` runs), bullets (``- ``), on one or two columns, with a running
header and a ``Page N`` footer on every page, optional footnotes at the bottom of the first
page (marks typeset as superscripts where ``<sup>x</sup>`` stands in the text) and optional
hyphenation of long words at line ends (soft hyphens, which the typesetter breaks and
shows as ``-``). The fonts are DejaVu (Unicode: ’ « » œ –), taken from the system.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"))


def font(name: str) -> Path:
    for directory in FONT_DIRS:
        if (directory / name).is_file():
            return directory / name
    pytest.skip(f"font {name} not installed (Debian: fonts-dejavu-core)")
    raise AssertionError  # unreachable


def _hyphenable(text: str) -> str:
    """Soft hyphens in the middle of words of 11 letters or more."""
    def cut(match: re.Match[str]) -> str:
        word = match.group(0)
        middle = len(word) // 2
        return word[:middle] + "\u00ad" + word[middle:]

    return re.sub(r"(?<![\w@/.-])[a-zàâçéèêëîïôûùüÿœ]{11,}(?![\w@/.-])", cut, text)


def render(text: str, path: Path, *, columns: int = 1, header: str | None = None,
           footnotes: list[tuple[str, str]] | None = None, hyphenate: bool = False,
           title: str | None = None, author: str | None = None) -> Path:
    """Typeset ``text`` into the PDF ``path``."""
    from fpdf import FPDF

    class Document(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("dejavu", "", 8)
                self.cell(0, 6, header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if footnotes and self.page_no() == 1:
                self.set_y(-38)
                self.set_font("dejavu", "", 7)
                self.line(self.l_margin, self.get_y(), self.l_margin + 40, self.get_y())
                self.ln(1.5)
                for mark, note in footnotes:
                    self.multi_cell(0, 3.5, f"{mark} {note}", new_x="LMARGIN", new_y="NEXT")
            self.set_y(-15)
            self.set_font("dejavu", "", 8)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Document(format="A4")
    pdf.add_font("dejavu", "", str(font("DejaVuSans.ttf")))
    pdf.add_font("dejavu", "B", str(font("DejaVuSans-Bold.ttf")))
    pdf.add_font("dejavu", "I", str(font("DejaVuSans-Oblique.ttf")))
    pdf.add_font("dejavu", "BI", str(font("DejaVuSans-BoldOblique.ttf")))
    pdf.set_auto_page_break(True, margin=42 if footnotes else 22)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creation_date(__import__("datetime").datetime(2021, 10, 20, tzinfo=__import__(
        "datetime").timezone.utc))
    pdf.add_page()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    region = pdf.text_columns(ncols=columns, gutter=8, text_align="J") if columns > 1 else None
    for paragraph in paragraphs:
        _paragraph(pdf, region, paragraph, hyphenate=hyphenate)
    if region is not None:
        region.render()
    pdf.output(str(path))
    return path


def _paragraph(pdf: object, region: object, paragraph: str, *, hyphenate: bool) -> None:
    lines = [line.strip() for line in paragraph.splitlines()]
    if all(re.fullmatch(r"-{2,}", line) for line in lines):
        return
    heading = re.match(r"^(#{1,4})\s+(.*)$", paragraph, re.DOTALL)
    if heading:
        size = {1: 16, 2: 14, 3: 12.5, 4: 11}[len(heading.group(1))]
        body = " ".join(heading.group(2).split())
        body = re.sub(r"<sup>.*?</sup>", "", body).replace("*", "")
        _write(pdf, region, body, style="B", size=size, gap=3)
        return
    if all(line.startswith("- ") for line in lines if line):
        for line in lines:
            _write(pdf, region, "• " + _inline(line[2:], hyphenate), size=10, gap=1,
                   markdown=True, indent=5)
        return
    _write(pdf, region, _inline(" ".join(lines), hyphenate), size=10, gap=2.5, markdown=True)


def _inline(text: str, hyphenate: bool) -> str:
    text = re.sub(r"<sup>.*?</sup>", "", text)
    text = re.sub(r"(?<!\*)\*(?!\*)([^*]+?)(?<!\*)\*(?!\*)", r"__\1__", text)  # italic
    text = text.replace("--", "–")
    return _hyphenable(text) if hyphenate else text


def _write(pdf: object, region: object, text: str, *, style: str = "", size: float = 10,
           gap: float = 2, markdown: bool = False, indent: float = 0) -> None:
    pdf.set_font("dejavu", style, size)  # type: ignore[attr-defined]
    if region is None:
        pdf.set_x(pdf.l_margin + indent)  # type: ignore[attr-defined]
        pdf.multi_cell(0, size * 0.5, text, markdown=markdown,  # type: ignore[attr-defined]
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)  # type: ignore[attr-defined]
        return
    with region.paragraph(bottom_margin=gap) as paragraph:  # type: ignore[attr-defined]
        paragraph.write(text.replace("**", "").replace("__", ""))


def main() -> None:
    """``python tests/pdfs.py TEXT.md OUT.pdf [--columns 2] [--header TEXT]``: typeset a text
    (used by the README's example of a PDF build)."""
    import argparse

    parser = argparse.ArgumentParser(description="Typeset a markdown text as a PDF.")
    parser.add_argument("text", type=Path)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--columns", type=int, default=1)
    parser.add_argument("--header", default=None)
    args = parser.parse_args()
    render(args.text.read_text("utf-8"), args.pdf, columns=args.columns, header=args.header,
           hyphenate=True)
    from pdfminer.pdfpage import PDFPage

    with args.pdf.open("rb") as handle:
        pages = sum(1 for _ in PDFPage.get_pages(handle))
    print(f"wrote {args.pdf} ({pages} pages)")


if __name__ == "__main__":
    main()
