"""How the PDF and HTML readers were chosen: text fidelity and time on the test documents.

    python benchmarks/readers.py

PDF: the bundled summary typeset by ``tests/pdfs.py`` (one column with running header, page
numbers, a footnote and hyphenation; two columns), read by pypdf (plain and layout modes),
pdfminer.six's ``extract_text``, and idm-graph's reader (pdfminer.six characters, with the
repairs of ``idm_graph.text.readers.pdf``). HTML: the three test texts wrapped in a page with
navigation, cookie banner, aside and footer (``tests/test_readers.page``), read by trafilatura
(if installed) and idm-graph's reader. Fidelity is difflib's ratio between the word
sequences of the result and of the source text (markup aside); "chrome" says whether the
page's navigation, banner or footer text leaked in.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from idm_graph.text.readers.html import read_html  # noqa: E402
from idm_graph.text.readers.pdf import read_pdf  # noqa: E402
from pdfs import render  # noqa: E402
from test_readers import BUNDLED, CASES, FOOTNOTE, HEADER, _words, page  # noqa: E402


def ratio(text: str, source: str) -> float:
    return difflib.SequenceMatcher(None, _words(text), _words(source), autojunk=False).ratio()


def timed(func: object) -> tuple[str, float]:
    start = time.perf_counter()
    text = func()  # type: ignore[operator]
    return text, time.perf_counter() - start


def pdf_rows(directory: Path) -> None:
    import pypdf
    from pdfminer.high_level import extract_text

    source = BUNDLED.read_text("utf-8")
    files = {"one column, header, footnote, hyphenation": render(
        source, directory / "one.pdf", header=HEADER, footnotes=[FOOTNOTE], hyphenate=True),
        "two columns": render(source, directory / "two.pdf", columns=2, header=HEADER)}
    print("| PDF | reader | fidelity | header or page number left | time |")
    print("|---|---|---|---|---|")
    for label, path in files.items():
        data = path.read_bytes()
        readers = {
            "pypdf": lambda p=path: "\n".join(x.extract_text() for x in
                                              pypdf.PdfReader(p).pages),
            "pypdf, layout mode": lambda p=path: "\n".join(
                x.extract_text(extraction_mode="layout") for x in pypdf.PdfReader(p).pages),
            "pdfminer.six extract_text": lambda p=path: extract_text(p),
            "idm-graph (pdfminer.six characters)": lambda p=path, d=data: read_pdf(p, d).text,
        }
        for name, reader in readers.items():
            text, seconds = timed(reader)
            leaked = HEADER in text or "Page 2" in text
            print(f"| {label} | {name} | {ratio(text, source):.4f} | "
                  f"{'yes' if leaked else 'no'} | {seconds:.2f} s |", flush=True)


def html_rows() -> None:
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    print()
    print("| page | reader | fidelity | chrome left | time |")
    print("|---|---|---|---|---|")
    for name, path in sorted(CASES.items()):
        source = path.read_text("utf-8")
        for article in (True, False):
            data = page(source, article=article, lang="")
            readers = {"idm-graph (html.parser, readability-style)":
                       lambda d=data: read_html(d).text}
            if trafilatura is not None:
                readers["trafilatura"] = lambda d=data: trafilatura.extract(
                    d.decode("utf-8"), include_comments=False, favor_recall=True) or ""
            for reader_name, reader in readers.items():
                text, seconds = timed(reader)
                leaked = any(w in text for w in ("cookies", "Press releases", "webmaster",
                                                 "Jane Doe"))
                where = "in <article>" if article else "no <article>"
                print(f"| {name} ({where}) | {reader_name} | {ratio(text, source):.4f} | "
                      f"{'yes' if leaked else 'no'} | {seconds * 1000:.0f} ms |", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf_rows(Path(tmp))
    html_rows()


if __name__ == "__main__":
    main()
