"""Where articles come from. Every loader raises :class:`SourceError` and nothing else."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.model import Article
from tui.sources.errors import SourceError
from tui.sources.markdown import parse_markdown
from tui.sources.plaintext import (
    MAX_ARTICLE_BYTES,
    decode_bytes_reporting,
    load_text_file,
    parse_plain_text,
    read_source_bytes,
    refuse_binary,
)

if TYPE_CHECKING:
    from tui.sources.feeds import (
        MAX_FEED_BYTES,
        MAX_FEED_ITEMS,
        Feed,
        FeedItem,
        Subscription,
        parse_feed,
        read_opml,
        write_opml,
    )
    from tui.sources.html import MAX_HTML_BYTES, article_from_html
    from tui.sources.url import Fetched, fetch, load_url

# Pages, feeds and URLs bring XML, HTML and HTTP modules along: they load on first use, so
# opening a text file (the reader's start) does not pay for them.
_LAZY = {
    **dict.fromkeys(
        (
            "MAX_FEED_BYTES",
            "MAX_FEED_ITEMS",
            "Feed",
            "FeedItem",
            "Subscription",
            "parse_feed",
            "read_opml",
            "write_opml",
        ),
        "tui.sources.feeds",
    ),
    **dict.fromkeys(("MAX_HTML_BYTES", "article_from_html"), "tui.sources.html"),
    **dict.fromkeys(("Fetched", "fetch", "load_url"), "tui.sources.url"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_FEED_BYTES",
    "MAX_FEED_ITEMS",
    "MAX_HTML_BYTES",
    "Feed",
    "FeedItem",
    "Fetched",
    "SourceError",
    "Subscription",
    "article_from_html",
    "decode_bytes_reporting",
    "fetch",
    "load_path",
    "load_text_file",
    "load_url",
    "parse_feed",
    "parse_markdown",
    "parse_plain_text",
    "read_opml",
    "write_opml",
]

FEED_SUFFIXES = frozenset({".rss", ".xml", ".atom"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def load_path(
    path: str | os.PathLike[str], *, report: Callable[[str], None] | None = None
) -> list[Article]:
    """The articles in a file, chosen by its extension (anything unknown is read as text).

    Every failure is one :class:`SourceError` line naming the file; a file with no article
    text is one too. Memory stays bounded: text and markdown files over
    :data:`MAX_ARTICLE_BYTES` (2 MB), and pages and feeds over :data:`MAX_HTML_BYTES` /
    :data:`MAX_FEED_BYTES` (10 MB), are refused from ``stat`` before they are read.

    A feed gives the items that carry their full text; teaser-only items are skipped, and
    a feed with none at all is an error rather than an empty list. Only the first
    :data:`MAX_FEED_ITEMS` (200) items of a feed are read. ``report`` hears, in one line,
    what is not fatal but worth knowing (an encoding guessed, bytes replaced, a feed cut).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        data = read_source_bytes(path)
        text, replaced = decode_bytes_reporting(data)
        refuse_binary(path, data, text, replaced)
        if report is not None and replaced:
            report(f"{path}: {replaced} undecodable character(s) replaced with U+FFFD")
        articles = [parse_markdown(text)]
    elif suffix in HTML_SUFFIXES:
        from tui.sources.html import MAX_HTML_BYTES, article_from_html

        data = read_source_bytes(path, limit=MAX_HTML_BYTES, what="page")
        try:
            articles = [article_from_html(data)]
        except SourceError as error:
            raise SourceError(f"{path}: {error}") from None
    elif suffix in FEED_SUFFIXES:
        return _load_feed(path, report)
    else:
        articles = [load_text_file(path, report=report)]
    if not any(article.text.strip() for article in articles):
        raise SourceError(f"{path}: no article text")
    return articles


def _load_feed(path: Path, report: Callable[[str], None] | None) -> list[Article]:
    from tui.sources.feeds import MAX_FEED_BYTES, parse_feed

    data = read_source_bytes(path, limit=MAX_FEED_BYTES, what="feed")
    try:
        feed = parse_feed(data, url=None)
    except SourceError as error:
        raise SourceError(f"{path}: {error}") from None
    articles = feed.articles()
    if not articles:
        raise SourceError(f"{path}: {feed.no_full_text()}")
    if report is not None and feed.omitted:
        report(f"{path}: {feed.cut_note()}")
    return articles
