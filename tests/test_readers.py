"""PDF and HTML sources: the bundled summary typeset as a PDF (running header, page
numbers, a footnote, hyphenation; one and two columns) and wrapped in web pages (navigation,
cookie banner, footer; content in ``<article>`` or not) gives the same facts as its markdown,
with page numbers on the evidence; bad files are one clear line.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from idm_graph import build
from idm_graph.core.errors import InputError
from idm_graph.querying.data import open_source, to_oxigraph
from idm_graph.querying.sparql import query
from idm_graph.text.document import load_document
from pdfs import font, render
from test_extraction import CASES, GOLD, _expected, _observed

BUNDLED = ROOT / "data" / "sources" / "idm-2021-s2.fr.md"
HEADER = "OIM — Dialogue international sur la migration 2021"
FOOTNOTE = ("i", "Ce document n'a pas fait l'objet d'une révision par les Services de "
                 "traduction de l'OIM.")


def _words(text: str) -> list[str]:
    """The words of a text, markup aside (``#``, ``*``, ``<sup>…</sup>``, separators)."""
    text = re.sub(r"<sup>[^<]*</sup>", " ", text)
    text = re.sub(r"[#*]+|^-{2,}$", " ", text, flags=re.MULTILINE)
    return [w for w in text.split() if w not in ("-", "•")]


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    font("DejaVuSans.ttf")
    where = tmp_path_factory.mktemp("pdf")
    text = BUNDLED.read_text("utf-8")
    render(text, where / "idm-2021-s2.fr.pdf", header=HEADER, footnotes=[FOOTNOTE],
           hyphenate=True, title="Seconde session du Dialogue international sur la "
           "migration 2021", author="OIM")
    (where / "two").mkdir()
    render(text, where / "two" / "idm-2021-s2.fr.pdf", columns=2, header="OIM — IDM 2021")
    return where


@pytest.fixture(scope="module")
def from_pdf(pdf_dir: Path) -> Any:
    return build([pdf_dir / "idm-2021-s2.fr.pdf"], curation=False, views=False)


@pytest.fixture(scope="module")
def from_markdown() -> Any:
    return build([BUNDLED], curation=False, views=False)


def test_the_pdf_gives_the_gold_facts(from_pdf: Any) -> None:
    gold = __import__("yaml").safe_load((GOLD / "idm-2021-s2.fr.yaml").read_text("utf-8"))
    observed, expected = _observed(from_pdf.dataset, "fr"), _expected(gold)
    for kind in expected:
        assert observed[kind] == expected[kind], kind


def test_the_pdf_gives_the_facts_of_the_markdown(from_pdf: Any, from_markdown: Any) -> None:
    assert _observed(from_pdf.dataset, "fr") == _observed(from_markdown.dataset, "fr")
    assert from_pdf.counts() == from_markdown.counts()


def _rows(result: Any) -> dict[str, list[tuple[str, ...]]]:
    """The rows of every named query without parameters, white space normalised."""
    from idm_graph.querying.sparql import named_queries

    rows = {}
    store = to_oxigraph(result.dataset)
    for name, named in named_queries().items():
        if any(default is None for _, default in named.params.values()):
            continue
        found = query(store, name).as_dicts()
        rows[name] = sorted(tuple(" ".join(str(v).split()) for v in row.values())
                            for row in found)
    return rows


def test_the_readme_pdf_example_gives_the_facts_of_the_markdown(tmp_path: Path,
                                                                 from_markdown: Any) -> None:
    """docs/corpora.md's own example (a short running header): the page break in « … de
    réponse à la | COVID-19 soient inclusifs … » does not cut the paragraph, so every named
    query gives the markdown's rows and the build the same counts.
    """
    font("DejaVuSans.ttf")
    path = render(BUNDLED.read_text("utf-8"), tmp_path / "idm-2021-s2.fr.pdf",
                  header="OIM — IDM 2021")
    document = load_document(path)
    assert "de réponse à la COVID-19 soient inclusifs" in document.text
    from_pdf = build([path], curation=False, views=False)
    assert from_pdf.counts() == from_markdown.counts()
    assert _rows(from_pdf) == _rows(from_markdown)


def test_the_pdf_with_curation_anchors_every_curated_quote(pdf_dir: Path) -> None:
    result = build([pdf_dir / "idm-2021-s2.fr.pdf"], views=False)  # the bundled curation
    assert result.curated_count == 21


def test_the_text_layer_is_the_text_and_its_repairs_hold(pdf_dir: Path) -> None:
    document = load_document(pdf_dir / "idm-2021-s2.fr.pdf")
    text = document.text
    assert difflib.SequenceMatcher(None, _words(text), _words(BUNDLED.read_text("utf-8")),
                                   autojunk=False).ratio() > 0.995
    assert HEADER not in text  # running header
    assert not re.search(r"^Page \d+$", text, re.MULTILINE)  # page numbers
    assert "\u00ad" not in text
    assert not re.search(r"[a-zé]- [a-zé]", text)  # no hyphen left where a word was cut
    assert "## Notes\n\ni Ce document" in text  # the footnote, moved to the end
    assert "**Résumé des conclusions**" in text  # the footnote mark is gone from the body
    assert "**Panel 7** :" in text  # a bold lead-in
    assert len(document.pages) >= 5
    assert list(document.pages) == sorted(set(document.pages))
    assert document.pages[0] == 0
    assert document.media_type == "application/pdf"
    assert document.file_sha256 == hashlib.sha256(
        (pdf_dir / "idm-2021-s2.fr.pdf").read_bytes()).hexdigest()
    assert document.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_every_quote_is_on_its_page(pdf_dir: Path, from_pdf: Any) -> None:
    from pdfminer.high_level import extract_text

    path = pdf_dir / "idm-2021-s2.fr.pdf"
    document = from_pdf.records[0].document
    pages = []
    for number in range(len(document.pages)):
        raw = extract_text(str(path), page_numbers=[number])
        raw = re.sub(r"[\u00ad-]\s*\n\s*", "", raw)  # words cut at line ends
        pages.append(" ".join(raw.split()))
    rows = query(from_pdf.store(), """
        SELECT ?exact ?start ?page WHERE {
          ?ann idm:page ?page ; oa:hasTarget/oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start }""").as_dicts()
    assert len(rows) > 300
    misplaced = []
    for row in rows:
        assert document.text[row["start"]: row["start"] + len(row["exact"])] == row["exact"]
        head = " ".join(row["exact"].replace("**", "").split())[:24].lstrip("- ")
        head = re.sub(r"-", "", head)
        if head and head not in re.sub(r"-", "", pages[row["page"] - 1]):
            misplaced.append((row["page"], head))
    assert misplaced == []
    assert {row["page"] for row in rows} == set(range(1, len(document.pages) + 1))


def test_the_source_says_what_file_the_text_came_from(pdf_dir: Path, from_pdf: Any) -> None:
    row = query(from_pdf.store(), """
        SELECT ?title ?format ?text ?file ?pages ?creator WHERE {
          ?s a idm:Summary ; dcterms:title ?title ; schema:encodingFormat ?format ;
             idm:sha256 ?text ; idm:fileSha256 ?file ; schema:numberOfPages ?pages ;
             dcterms:creator ?creator }""").as_dicts()[0]
    assert row["title"] == "Seconde session du Dialogue international sur la migration 2021"
    assert row["format"] == "application/pdf"
    assert row["file"] == hashlib.sha256((pdf_dir / "idm-2021-s2.fr.pdf").read_bytes()
                                         ).hexdigest()
    assert row["text"] != row["file"]
    assert row["pages"] == len(from_pdf.records[0].document.pages)
    assert row["creator"] == "OIM"


def test_a_paragraph_across_page_breaks_stays_one(tmp_path: Path) -> None:
    font("DejaVuSans.ttf")
    long = " ".join(f"Le délégué numéro {n} a souligné l'importance des envois de fonds "
                    "pour les familles restées au pays et pour le développement local."
                    for n in range(1, 160))
    path = render(f"# Compte rendu\n\nIntroduction courte.\n\n{long}\n\nFin.", tmp_path /
                  "long.pdf", header="Compte rendu analytique", hyphenate=True)
    document = load_document(path)
    assert len(document.pages) >= 3
    assert document.text.split("\n\n") == ["## Compte rendu", "Introduction courte.", long,
                                            "Fin.\n"]


def test_the_views_show_the_page_of_a_quote(from_pdf: Any) -> None:
    from idm_graph.views.project import project

    graph = project(to_oxigraph(from_pdf.dataset), "actors")
    pages = {attrs["page"] for _, attrs in graph.nodes(data=True) if attrs.get("page")}
    assert pages
    assert pages <= set(range(1, len(from_pdf.records[0].document.pages) + 1))


def test_two_columns_are_read_in_order(pdf_dir: Path) -> None:
    text = load_document(pdf_dir / "two" / "idm-2021-s2.fr.pdf").text
    ratio = difflib.SequenceMatcher(None, _words(text), _words(BUNDLED.read_text("utf-8")),
                                    autojunk=False).ratio()
    assert ratio > 0.99
    assert "OIM — IDM 2021" not in text


def test_the_evidence_query_and_the_cli_show_pages(pdf_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "idm_graph.cli", "build",
                           str(pdf_dir / "idm-2021-s2.fr.pdf"), "--out", str(out),
                           "--no-views", "--no-curation"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    rows = query(open_source(out), "evidence", {"node": "Amy Pope"}).as_dicts()
    assert rows
    assert all(isinstance(r["page"], int) and r["page"] >= 1 for r in rows)


# ------------------------------------------------------------------------------- HTML

def _markdown_to_html(text: str) -> str:
    """A small markdown renderer for the test pages: headings, items, paragraphs, bold."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines or all(re.fullmatch(r"-{2,}", line) for line in lines):
            continue

        def inline(value: str) -> str:
            value = html.escape(value, quote=False)
            value = re.sub(r"&lt;sup&gt;(.*?)&lt;/sup&gt;", r"<sup>\1</sup>", value)
            value = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", value)
            return re.sub(r"(?<!\*)\*([^*]+)\*(?!\*)", r"<em>\1</em>", value)

        heading = re.match(r"^(#{1,6})\s+(.*)$", " ".join(lines))
        if heading:
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{'<br>'.join(inline(line) for line in lines)}</p>")
    return "\n".join(blocks)


def page(text: str, *, article: bool, lang: str = "fr", title: str = "Résumé") -> bytes:
    body = _markdown_to_html(text)
    content = f"<article>{body}</article>" if article else f'<div class="content">{body}</div>'
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Site</title>
<meta property="og:title" content="{title}"><script>var x = "<p>not text</p>";</script>
<style>p {{ color: red }}</style></head>
<body>
<div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience.
<button>Accept all</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/press">Press
releases</a></li><li><a href="/about">About IOM</a></li></ul></nav></header>
<nav class="breadcrumb">Home › Meetings › Summary</nav>
{content}
<aside class="related"><h3>Related</h3><p>Another meeting of Ms. Jane Doe, Minister.</p></aside>
<footer><p>© United Nations. Contact: Mr. John Smith, webmaster.</p></footer>
</body></html>""".encode()


@pytest.mark.parametrize("article", [True, False], ids=["article", "no-article"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_web_page_gives_the_facts_of_its_text(name: str, article: bool,
                                                tmp_path: Path) -> None:
    source = CASES[name]
    lang = "en" if ".en" in name else "fr"
    target = tmp_path / f"{name}.html"
    target.write_bytes(page(source.read_text("utf-8"), article=article, lang=lang))
    from_page = build([target], curation=False, views=False)
    from_text = build([source], curation=False, views=False)
    assert _observed(from_page.dataset, lang) == _observed(from_text.dataset, lang)
    text = from_page.records[0].document.text
    for chrome in ("cookies", "Press", "Home", "webmaster", "Jane Doe", "not text"):
        assert chrome not in text
    assert from_page.records[0].document.media_type == "text/html"


def test_the_page_title_and_language_are_the_metadata(tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    target.write_bytes(page(CASES["idm-2023-s1.en"].read_text("utf-8"), article=True,
                            lang="en", title="IDM 2023: summary"))
    document = load_document(target)
    assert document.metadata["title"] == "IDM 2023: summary"
    assert document.language == "en"
    result = build([target], curation=False, views=False)
    titles = query(result.store(), "SELECT ?t WHERE { ?s a idm:Summary ; dcterms:title ?t }")
    assert [str(r["t"]) for r in titles.rows] == ["IDM 2023: summary"]


# ------------------------------------------------------------------------- bad input

def _scanned(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page: no text layer
    pdf.output(str(path))
    return path


def _encrypted(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Panel 1 : a secret")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(("make", "needle"), [
    (_scanned, "has no text layer"),
    (_encrypted, "is encrypted"),
    (lambda p: (p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage"), p)[1],
     "not a readable PDF"),
    (lambda p: (p.write_bytes(b"hello, not a pdf at all"), p)[1], "not a PDF file"),
], ids=["scanned", "encrypted", "broken", "not-pdf"])
def test_bad_pdfs_are_one_line_and_write_nothing(make: Any, needle: str,
                                                 tmp_path: Path) -> None:
    source = make(tmp_path / "bad.pdf")
    with pytest.raises(InputError, match=needle):
        load_document(source)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "idm_graph.cli", "build", str(source),
                           "--out", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert needle in done.stderr
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(("content", "needle"), [
    (b"<html><head><title>x</title></head><body><nav>Home</nav><script>1</script></body>"
     b"</html>", "holds no text in its body"),
    (b'<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>',
     "not valid utf-8"),
    (b'<html><head><meta charset="klingon"></head><body><p>x</p></body></html>',
     "unknown character set"),
], ids=["no-body", "wrong-encoding", "unknown-charset"])
def test_bad_pages_are_one_line(content: bytes, needle: str, tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_bytes(content)
    with pytest.raises(InputError, match=needle):
        load_document(source)


def test_every_suffix_is_read_by_its_own_reader(tmp_path: Path) -> None:
    """The suffixes a build reads come from one table of readers: each suffix's bad file
    meets that reader's own check (a suffix cannot fall through to the text reader)."""
    from idm_graph.text.readers import READERS, SUFFIXES, read_file

    assert set(SUFFIXES) == set(READERS)
    expected = {".md": "not a text summary", ".txt": "not a text summary",
                ".pdf": "not a PDF file", ".html": "not a web page", ".htm": "not a web page"}
    assert set(expected) == set(READERS)
    for suffix, needle in expected.items():
        path = tmp_path / f"bad{suffix}"
        path.write_bytes(b"\x00\x01\x02binary" * 64)
        with pytest.raises(InputError, match=needle):
            read_file(path)
