"""Where articles come from. Every loader raises :class:`SourceError` and nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from tui.model import Article
from tui.sources.errors import SourceError
from tui.sources.feeds import Feed, FeedItem, Subscription, parse_feed, read_opml, write_opml
from tui.sources.html import article_from_html
from tui.sources.markdown import parse_markdown
from tui.sources.plaintext import (
    decode_bytes_reporting,
    load_text_file,
    parse_plain_text,
    read_source_bytes,
)
from tui.sources.url import Fetched, fetch, load_url

__all__ = [
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


def load_path(path: str | os.PathLike[str]) -> list[Article]:
    """The articles in a file, chosen by its extension (anything unknown is read as text).

    A feed gives the items that carry their full text; teaser-only items are skipped,
    and a feed with none at all is an error rather than an empty list.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        text, _replaced = decode_bytes_reporting(read_source_bytes(path))
        return [parse_markdown(text)]
    if suffix in HTML_SUFFIXES:
        data = read_source_bytes(path)
        try:
            return [article_from_html(data)]
        except SourceError as error:
            raise SourceError(f"{path}: {error}") from None
    if suffix in FEED_SUFFIXES:
        data = read_source_bytes(path)
        try:
            feed = parse_feed(data, url=None)
        except SourceError as error:
            raise SourceError(f"{path}: {error}") from None
        articles = feed.articles()
        if not articles:
            raise SourceError(
                f"{path}: none of the feed's {len(feed.items)} items carries its full text"
            )
        return articles
    return [load_text_file(path)]
