"""The main text of a web page (UN meetings coverage, GFMD and IMRF reports, readouts).

A readability-style extractor on the standard library's HTML parser, chosen over
trafilatura and selectolax (see the README's "Reading PDF and HTML"): it keeps the page's own
headings, paragraphs and list items in order, and drops what is not the document:

- scripts, styles, forms, navigation, headers, footers, asides, dialogs, and elements whose
  role, class or id says navigation, banner, cookie or consent notice, breadcrumb, share
  buttons, newsletter, related links, sidebar or menu; hidden elements;
- everything outside ``<article>`` (or ``<main>``, or ``role="main"``) when the page has one.

The result is markdown-like text (``#`` headings, ``- `` items, a bold lead-in as
``**…**``), the text every offset of the graph counts in.

>>> page = read_html(b'<html lang="en"><head><title>T</title></head><body><nav>Home</nav>'
...                  b'<main><h1>Summary</h1><p>The <b>Chair</b> spoke.</p></main></body></html>')
>>> page.text
'# Summary\\n\\nThe Chair spoke.\\n'
>>> page.metadata["title"], page.metadata["language"]
('T', 'en')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from idm_graph.core.errors import InputError

__all__ = ["HtmlText", "decode_html", "read_html"]

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer",
              "aside", "form", "button", "select", "iframe", "dialog", "menu", "figure"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
               "alertdialog", "menu", "menubar"}
_SKIP_NAMES = re.compile(r"(?:^|[-_\s])(?:cookie|consent|gdpr|banner|breadcrumbs?|share|sharing|"
                         r"social|newsletter|subscribe|related|sidebar|menu|navbar|nav|"
                         r"skip-link|footer|header|masthead|toolbar|popup|modal)(?:$|[-_\s])",
                         re.IGNORECASE)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "dd",
           "dt", "section", "article", "main", "pre", "td", "th", "caption", "ul", "ol",
           "table", "body"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr"}


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The main text of a page and what its head says about it."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


def decode_html(data: bytes, where: str) -> str:
    """The page's text: the byte-order mark, else the declared charset, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(where, f"declares an unknown character set {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid {encoding} (byte {exc.start}); it declares "
                                f"{'that' if declared else 'no'} character set") from None


def read_html(data: bytes, where: str = "page") -> HtmlText:
    """The main text of the HTML page ``data``."""
    parser = _Reader()
    parser.feed(decode_html(data, where))
    parser.close()
    blocks = parser.result()
    text = "\n\n".join(blocks)
    if not text.strip():
        raise InputError(where, "holds no text in its body (nothing but navigation, scripts "
                                "or an empty page)")
    return HtmlText(text + "\n", parser.metadata())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, main
        self.skip_depth = 0
        self.blocks: list[tuple[bool, str]] = []  # (inside main content, text)
        self.current: list[str] = []
        self.bold_lead: list[str] | None = None
        self.heading = 0
        self.item = False
        self.main_seen = False
        self.main_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.lang = ""

    # ---------------------------------------------------------------- events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"]
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            name = (values.get("name") or values.get("property") or "").lower()
            if name and values.get("content"):
                self.meta.setdefault(name, values["content"].strip())
            return
        if tag in _VOID:
            if tag == "br":
                self.current.append("\n")
            return
        skipped = self.skip_depth > 0 or self._skipped(tag, values)
        main = tag in ("article", "main") or values.get("role") == "main"
        if tag in _BLOCKS:
            self._flush()
        self.stack.append((tag, skipped, main))
        if skipped:
            self.skip_depth += 1
            return
        if main:
            self.main_seen = True
            self.main_depth += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = int(tag[1])
        elif tag == "li":
            self.item = True
        elif tag in ("b", "strong") and not "".join(self.current).strip():
            self.bold_lead = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            name, skipped, main = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
            if main and not skipped:
                self.main_depth -= 1
            if name in _BLOCKS and not skipped:
                self._flush()
            if name in ("b", "strong") and self.bold_lead is not None and not skipped:
                lead = " ".join("".join(self.bold_lead).split())
                body = " ".join("".join(self.current).split())
                if lead and body.endswith(lead):
                    self.current = [body[: len(body) - len(lead)], f"**{lead}**"]
                self.bold_lead = None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        self.current.append(data)
        if self.bold_lead is not None:
            self.bold_lead.append(data)

    # ---------------------------------------------------------------- helpers

    @staticmethod
    def _skipped(tag: str, values: dict[str, str]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if "hidden" in values or values.get("aria-hidden") == "true":
            return True
        if values.get("role", "").lower() in _SKIP_ROLES:
            return True
        names = f"{values.get('class', '')} {values.get('id', '')}"
        return bool(tag not in ("body", "html", "main", "article") and _SKIP_NAMES.search(names))

    def _flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self.current).split("\n"))
        text = "\n".join(line for line in lines if line)
        self.current = []
        self.bold_lead = None
        if text:
            if self.heading:
                text = "#" * self.heading + " " + text.replace("**", "")
            elif self.item:
                text = "- " + text
            self.blocks.append((self.main_depth > 0, text))
        self.heading = 0
        self.item = False

    def result(self) -> list[str]:
        self._flush()
        if self.main_seen:
            return [text for inside, text in self.blocks if inside]
        return [text for _, text in self.blocks]

    def metadata(self) -> dict[str, str]:
        meta = self.meta
        out: dict[str, str] = {}
        title = (meta.get("og:title") or meta.get("dc.title") or meta.get("dcterms.title")
                 or meta.get("citation_title") or " ".join("".join(self.title).split()))
        if title:
            out["title"] = title
        author = meta.get("author") or meta.get("dc.creator") or meta.get("citation_author")
        if author:
            out["author"] = author
        date = (meta.get("article:published_time") or meta.get("dc.date")
                or meta.get("dcterms.date") or meta.get("citation_date")
                or meta.get("citation_publication_date"))
        if date:
            out["created"] = date[:10]
        language = (self.lang or meta.get("dc.language") or meta.get("og:locale") or "")
        if language:
            out["language"] = language.replace("_", "-").split("-")[0].lower()
        if meta.get("og:site_name"):
            out["site"] = meta["og:site_name"]
        return out
