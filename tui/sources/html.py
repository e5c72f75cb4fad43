"""Web pages: the article in an HTML page, found by trafilatura, as an :class:`Article`.

A page is mostly navigation, sidebars and comments; trafilatura keeps the main text and
reads the metadata (title, date, author, site). Paragraphs are joined by one blank line,
the shape the paragraph splitter and the plain-text loader expect.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tui.model import Article
from tui.sources.errors import SourceError
from tui.sources.plaintext import MAX_ARTICLE_BYTES, MB, WIDE_BOMS, size_over_limit

# The largest page read (a file, or a download: the fetch limit is the same). Markup weighs
# several times its text, so this is five times the plain-text article limit (which still
# bounds the text extracted). Measured: 10 MB of paragraphs take trafilatura 10-20 s and
# 340 MB; 10 MB of <div>s nested two million deep, 1 s and 85 MB.
MAX_HTML_BYTES = 10 * MB
# A page whose longest paragraph is shorter than this has no article, only menus ("Home |
# About"), buttons or a cookie notice; trafilatura's fallback would otherwise return them.
MIN_PARAGRAPH_WORDS = 5
# libxml2 stops building the tree at this depth; what is nested deeper is lost.
LXML_MAX_DEPTH = 256
MAX_TITLE_CHARS = 500
_TITLE_SEPARATORS = re.compile(r"\s+(?:»|«|\||–|—|::|-|·)\s+")
_BLOCK_TAGS = frozenset(
    "p div blockquote li ul ol h1 h2 h3 h4 h5 h6 br tr table pre section article header "
    "footer figure figcaption dd dt dl hr address".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every odd page


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page says about its article; ``author`` has no place in :class:`Article`."""

    title: str | None
    date: str | None
    author: str | None
    sitename: str | None
    text: str


def _clip_title(title: str | None) -> str | None:
    if not title:
        return None
    title = " ".join(title.split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return title or None


def _document_title(html: str | bytes) -> str | None:
    """The ``<title>`` text, read by lxml (bounded: only the page head is parsed)."""
    import lxml.html

    head = html[:200_000]
    try:
        tree = lxml.html.fromstring(head)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    found = tree.find(".//title")
    return found.text_content() if found is not None else None


def _best_title(extracted: str | None, html: str | bytes) -> str | None:
    """The headline: the longest part of a ``Site » Headline`` title beats a bare site name.

    trafilatura sometimes returns only the site's part of such a title; sites put their
    name in the short part, so when the extracted title is one part, the longest one wins.
    """
    full = _document_title(html)
    if not full:
        return extracted
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(" ".join(full.split()))]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return extracted or full
    if not extracted or extracted.strip() in parts or extracted.strip() == full.strip():
        return max(parts, key=len)
    return extracted


def _no_text(html: str | bytes) -> str:
    """Why a page gave no article: usually it has none, but markup nested past libxml2's
    depth limit loses its text, and the reader should know it was the markup."""
    import lxml.etree

    reason = "no article text found in the page"
    parser = lxml.etree.HTMLParser(recover=True)
    try:
        lxml.etree.fromstring(html, parser)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        return reason
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        return f"{reason} (its markup is nested more than {LXML_MAX_DEPTH} levels deep)"
    return reason


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def extract_page(html: str | bytes, *, url: str | None = None) -> HtmlPage:
    """The main text and metadata of a page; :class:`SourceError` when it has no article."""
    import trafilatura

    size = len(html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html)
    if size > MAX_HTML_BYTES:
        raise SourceError(f"too large: {size_over_limit(size, MAX_HTML_BYTES, 'page')}")
    if not html.strip():
        raise SourceError("page is empty")
    if isinstance(html, bytes) and b"\x00" in html[:4096] and not html.startswith(WIDE_BOMS):
        raise SourceError("looks like a binary file, not a web page")
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as error:  # trafilatura/lxml raise many types on hostile input
        raise SourceError(f"could not read the page: {type(error).__name__}") from None
    if document is None:
        raise SourceError(_no_text(html))
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    title = _clip_title(_best_title(data.get("title"), html))
    text = _paragraphs(data.get("text") or "")
    first, _, rest = text.partition("\n\n")
    if title and rest and first == title:  # the headline is the title, not the first paragraph
        text = rest
    if not text or max(len(p.split()) for p in text.split("\n\n")) < MIN_PARAGRAPH_WORDS:
        raise SourceError(_no_text(html))
    if len(text) > MAX_ARTICLE_BYTES:  # characters, a lower bound on its bytes
        too_long = size_over_limit(len(text.encode("utf-8")), MAX_ARTICLE_BYTES, "article")
        raise SourceError(f"the page's article text is too long: {too_long}")
    sitename = data.get("sitename") or data.get("hostname")
    if not sitename and url:
        sitename = urlsplit(url).hostname
    return HtmlPage(
        title=title,
        date=data.get("date") or None,
        author=_clip_title(data.get("author")),
        sitename=_clip_title(sitename),
        text=text + "\n",
    )


def article_from_html(html: str | bytes, *, url: str | None = None) -> Article:
    """The article in a web page, or :class:`SourceError` when the page has none."""
    page = extract_page(html, url=url)
    return Article.from_text(
        page.text, title=page.title, date=page.date, source=page.sitename, url=url
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's body), one blank line per block.

    Feed bodies are already the article, so no boilerplate removal: every block is kept.
    """
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return ""
    pieces: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS:
            pass
        else:
            block = tag in _BLOCK_TAGS
            if block:
                pieces.append("\n")
            if element.text and isinstance(element.tag, str):
                pieces.append(element.text)
            for child in element:
                walk(child)
            if block:
                pieces.append("\n")
        if element.tail:
            pieces.append(element.tail)

    try:
        walk(root)
    except RecursionError:  # absurdly deep markup: lose the block structure, keep the words
        return " ".join(root.text_content().split())
    return _paragraphs("".join(pieces))
