"""RSS/Atom feeds (via feedparser) and OPML subscription lists.

A feed item often carries the whole article (``content:encoded``); then it is read
without fetching anything. When it carries only a teaser, :meth:`FeedItem.article` says
so (None) and the caller fetches the item's link on demand.

XML safety: documents declaring entities (``<!ENTITY``) are refused before any parser sees
them, so neither entity expansion ("billion laughs") nor external entities can happen.
"""

from __future__ import annotations

import calendar
import io
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from tui.model import Article
from tui.sources.errors import SourceError
from tui.sources.html import html_to_text

MAX_FEED_BYTES = 20 * 1024 * 1024
FULL_TEXT_MIN_WORDS = 150
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry; ``content`` is the full-text HTML when the feed has it, else empty."""

    title: str | None
    link: str | None
    published: str | None
    summary: str
    content: str
    guid: str | None
    source: str | None = None

    def article(self, min_words: int = FULL_TEXT_MIN_WORDS) -> Article | None:
        """The item as an article when its body is the full text, else None (fetch ``link``)."""
        for html in (self.content, self.summary):
            text = html_to_text(html)
            if len(text.split()) >= min_words:
                return Article.from_text(
                    text + "\n",
                    title=self.title,
                    date=self.published,
                    source=self.source,
                    url=self.link,
                )
        return None


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its own title/link, where it was read from, and its items."""

    title: str | None
    link: str | None
    url: str | None
    items: tuple[FeedItem, ...]

    def articles(self, min_words: int = FULL_TEXT_MIN_WORDS) -> list[Article]:
        """The items that carry their full text, as articles (teaser-only items skipped)."""
        found = (item.article(min_words) for item in self.items)
        return [article for article in found if article is not None]


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _refuse_entities(data: bytes, what: str) -> None:
    if _ENTITY_DECL.search(data[:65536]):
        raise SourceError(f"{what} declares XML entities; refused for safety")


def _iso_date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
    except (OverflowError, ValueError, TypeError):
        return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:500] or None


def _item(entry: dict, source: str | None) -> FeedItem:
    contents = entry.get("content") or []
    content = max((c.get("value", "") for c in contents), key=len, default="")
    return FeedItem(
        title=_clean(entry.get("title")),
        link=_clean(entry.get("link")),
        published=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=entry.get("summary") or "",
        content=content,
        guid=_clean(entry.get("id")),
        source=source,
    )


def parse_feed(data: bytes | str, *, url: str | None = None) -> Feed:
    """A feed from RSS/Atom bytes; :class:`SourceError` when it is not a readable feed.

    A feed with small XML errors but readable items is accepted (feedparser's lenient
    mode; real feeds often have them); one with no items and an XML error is refused.
    """
    import feedparser

    raw = _as_bytes(data)
    if len(raw) > MAX_FEED_BYTES:
        raise SourceError(f"feed too large ({len(raw)} bytes; limit {MAX_FEED_BYTES})")
    if not raw.strip():
        raise SourceError("feed is empty")
    _refuse_entities(raw, "feed")
    try:  # a stream, so feedparser never treats the data as a URL or a file name
        parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    except Exception as error:  # feedparser's lenient parser can raise almost anything
        raise SourceError(f"could not read the feed: {type(error).__name__}") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "")).split())[:200]
            raise SourceError(f"malformed feed XML: {reason or 'unreadable'}")
        if not parsed.get("version"):
            raise SourceError("not an RSS or Atom feed")
    channel = parsed.get("feed") or {}
    title = _clean(channel.get("title"))
    return Feed(
        title=title,
        link=_clean(channel.get("link")),
        url=url,
        items=tuple(_item(entry, title) for entry in entries),
    )


# --- OPML -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed a reader follows."""

    title: str
    url: str


def read_opml(text: str | bytes) -> list[Subscription]:
    """The feeds of an OPML file (nested outlines flattened); DOCTYPEs are refused."""
    raw = _as_bytes(text)
    if _DOCTYPE.search(raw) or _ENTITY_DECL.search(raw):
        raise SourceError("OPML file declares a DOCTYPE or entities; refused for safety")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise SourceError(f"malformed OPML: {' '.join(str(error).split())}") from None
    if root.tag.lower() != "opml":
        raise SourceError("not an OPML file")
    found: list[Subscription] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = outline.get("title") or outline.get("text") or url
        found.append(Subscription(" ".join(title.split()), url))
    return found


def write_opml(subscriptions: list[Subscription], title: str = "Byline subscriptions") -> str:
    """An OPML 2.0 document listing ``subscriptions`` (what other readers import)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_escape_text(title)}</title>",
        "  </head>",
        "  <body>",
    ]
    for sub in subscriptions:
        name = _quoteattr(sub.title)
        lines.append(
            f'    <outline type="rss" text={name} title={name} xmlUrl={_quoteattr(sub.url)}/>'
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoteattr(value: str) -> str:
    """An XML attribute value in double quotes (newlines kept as character references)."""
    escaped = _escape_text(value).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'
