"""RSS/Atom feeds (via feedparser) and OPML subscription lists.

A feed item often carries the whole article (``content:encoded``); then it is read
without fetching anything. When it carries only a teaser, :meth:`FeedItem.article` says
so (None) and the caller fetches the item's link on demand.

XML safety: documents declaring entities (``<!ENTITY``) are refused before any parser sees
them, so neither entity expansion ("billion laughs") nor external entities can happen.

Bounds: a feed of at most :data:`MAX_FEED_BYTES` is read, and only its first
:data:`MAX_FEED_ITEMS` items are parsed: the rest are cut from the bytes before feedparser
sees them (it takes about half a millisecond per item, so 10,000 items would cost seconds
and every one would become an article to annotate). News feeds carry 10 to 100 items;
200 is every item of any real news feed, and an archive feed is cut with a warning.
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
from tui.sources.plaintext import MB, size_over_limit

MAX_FEED_BYTES = 10 * MB  # as for a web page: markup several times the size of its text
MAX_FEED_ITEMS = 200
FULL_TEXT_MIN_WORDS = 150
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
# &#xD800;-&#xDFFF; name lone surrogates, which no text can hold (feedparser fails on them)
_SURROGATE_REF = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}"
    rb"|0*(?:5529[6-9]|55[3-9]\d\d|56\d\d\d|57[0-2]\d\d|573[0-3]\d|5734[0-3]));"
)
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
    omitted: int = 0  # items past MAX_FEED_ITEMS that were not read
    malformed: str | None = None  # the XML error feedparser read past, if any

    def no_full_text(self) -> str:
        """Why the feed gave no article, in one line (an XML error first: it may be why)."""
        items = f"the feed's {len(self.items)} items"
        if self.omitted:
            items = (
                f"the first {len(self.items)} of the feed's {len(self.items) + self.omitted} items"
            )
        found = f"none of {items} carries its full text"
        return f"malformed feed XML ({self.malformed}); {found}" if self.malformed else found

    def cut_note(self) -> str:
        """The warning for a feed cut at :data:`MAX_FEED_ITEMS`."""
        total = len(self.items) + self.omitted
        return f"the feed has {total} items; read the first {len(self.items)} (the limit per feed)"

    def articles(self, min_words: int = FULL_TEXT_MIN_WORDS) -> list[Article]:
        """The items that carry their full text, as articles (teaser-only items skipped)."""
        found = (item.article(min_words) for item in self.items)
        return [article for article in found if article is not None]


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _refuse_entities(data: bytes, what: str) -> None:
    # the whole document: comments before the DOCTYPE could push it past any prefix
    if _ENTITY_DECL.search(data):
        raise SourceError(f"{what} declares XML entities; refused for safety")


def _first_items(raw: bytes, limit: int) -> tuple[bytes, int]:
    """The document without its items past ``limit`` (the tail after the last item is
    kept, so the closing tags stay) and how many items were cut."""
    cut = last_end = None
    count = 0
    for match in _ITEM_START.finditer(raw):
        if count == limit:
            cut = match.start()
        count += 1
    if cut is None:
        return raw, 0
    for match in _ITEM_END.finditer(raw, cut):
        last_end = match.end()
    return raw[:cut] + (raw[last_end:] if last_end is not None else b""), count - limit


def _xml_error(error: object) -> str | None:
    """feedparser's XML complaint as ``line 2, column 28: unclosed token``; None when there
    is none, or it is only about a declared encoding (harmless, and no help to a reader)."""
    import xml.sax

    if not isinstance(error, xml.sax.SAXException):
        return None
    message = " ".join(str(error).split())[:200]
    return re.sub(r"^<unknown>:(\d+):(\d+):\s*", r"line \1, column \2: ", message) or None


def _iso_date(parsed: time.struct_time | None) -> str | None:
    """The date, or None when there is none or it cannot be a news item's: feedparser makes
    dates out of garbage (``-99999`` becomes 2099-11-01), so years past next one are None."""
    if not parsed:
        return None
    try:
        moment = time.gmtime(calendar.timegm(parsed))
    except (OverflowError, ValueError, TypeError, OSError):  # dates no calendar has
        return None
    if not 1800 <= moment.tm_year <= time.gmtime().tm_year + 1:
        return None
    return time.strftime("%Y-%m-%d", moment)


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
        published=_iso_date(
            entry.get("published_parsed")  # ``in`` first: a bare get warns (feedparser #310)
            or (entry.get("updated_parsed") if "updated_parsed" in entry else None)
        ),
        summary=entry.get("summary") or "",
        content=content,
        guid=_clean(entry.get("id")),
        source=source,
    )


def parse_feed(data: bytes | str, *, url: str | None = None) -> Feed:
    """A feed from RSS/Atom bytes; :class:`SourceError` when it is not a readable feed.

    A feed with small XML errors but readable items is accepted (feedparser's lenient
    mode; real feeds often have them); one with no items and an XML error is refused.
    Only the first :data:`MAX_FEED_ITEMS` items are read; ``omitted`` counts the rest.
    """
    import feedparser

    raw = _as_bytes(data)
    if len(raw) > MAX_FEED_BYTES:
        raise SourceError(f"too large: {size_over_limit(len(raw), MAX_FEED_BYTES, 'feed')}")
    if not raw.strip():
        raise SourceError("feed is empty")
    _refuse_entities(raw, "feed")
    raw, omitted = _first_items(raw, MAX_FEED_ITEMS)
    raw = _SURROGATE_REF.sub(b"&#xFFFD;", raw)
    try:  # a stream, so feedparser never treats the data as a URL or a file name
        parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    except Exception as error:  # feedparser's lenient parser can raise almost anything
        raise SourceError(f"could not read the feed: {type(error).__name__}") from None
    entries = parsed.get("entries") or []
    reason = _xml_error(parsed.get("bozo_exception"))
    if len(entries) > MAX_FEED_ITEMS:  # items the byte-level cut could not see
        omitted += len(entries) - MAX_FEED_ITEMS
        entries = entries[:MAX_FEED_ITEMS]
    if not entries:
        if parsed.get("bozo"):
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
        omitted=omitted,
        malformed=reason,
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
