"""What the library's methods return: the records of listings, search, People, Stories
and feeds, and how a stored row becomes one (or an article, or an annotation).

An annotation that cannot be decoded reads as missing (:func:`_decoded`), so that the
engine makes it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.library.codec import unpack_annotation, unpack_text
from tui.model import Annotation, Article


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article in a listing, with counts from its newest annotation."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    added_at: str
    read: bool
    feed_id: int | None
    annotated: bool
    quotes: int
    speakers: int
    n: int = 0  # the article's number in this library (its rowid)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``snippet`` has the matched words between the marks."""

    article_id: str
    title: str | None
    date: str | None
    snippet: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker across the library, keyed by folded full name."""

    key: str
    name: str
    kind: str
    articles: int
    quotes: int


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event reported by several articles: (article id, event id) pairs."""

    lemma: str
    members: tuple[tuple[str, str], ...]
    id: int = 0

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(article for article, _ in self.members))


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as the Stories view lists it: its label, how many events and articles tell
    it, and the first of those articles the library received (by date, undated last)."""

    id: int
    label: str
    events: int
    articles: int
    first_articles: tuple[ArticleRow, ...]
    first_date: str | None = None  # of its articles' publication dates
    last_date: str | None = None
    first_events: tuple[str, ...] = ()  # the story's event in each of first_articles ("": none)
    merged: int = 0  # other stored stories told by the same articles, listed in this one


def story_entries(stored: int, listed: Iterable[Any]) -> int:
    """How many entries ``stored`` story rows make: a story merged into one of ``listed``
    (told by the same articles, :attr:`StorySummary.merged`) is no entry of its own."""
    return stored - sum(story.merged for story in listed)


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str | None
    added_at: str
    last_refreshed: str | None
    articles: int
    unread: int


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Library.add` did: new ids, and each duplicate's id → the stored one's."""

    added: tuple[str, ...]
    duplicates: dict[str, str]
    removed: tuple[str, ...] = ()  # from a feed, and removed by the reader before
    annotated: tuple[str, ...] = ()  # of ``added``: stored with the annotation given


# -- reading rows ----------------------------------------------------------------------

_ROW_COLUMNS = (
    "n, id, title, date, source, url, added_at, read, feed_id,"
    " annotation IS NOT NULL AS annotated, quotes, speakers"
)
"""The columns of a listing row, as :func:`_article_row` reads them."""

_CURRENT_ANNOTATIONS = (
    "SELECT a.n, a.id, a.title, a.date, a.source, a.url, t.body, n.data"
    " FROM articles a JOIN annotations n ON n.n = a.annotation JOIN texts t ON t.n = a.n"
)
"""Articles with their current annotation, as :func:`_decoded` reads a row."""


def _article_row(r: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        title=r["title"],
        date=r["date"],
        source=r["source"],
        url=r["url"],
        added_at=r["added_at"],
        read=bool(r["read"]),
        feed_id=r["feed_id"],
        annotated=bool(r["annotated"]),
        quotes=int(r["quotes"]),
        speakers=int(r["speakers"]),
        n=int(r["n"]),
    )


def _article(row: sqlite3.Row) -> Article:
    return Article(
        row["id"], row["title"], row["date"], row["source"], row["url"], unpack_text(row["body"])
    )


def _decoded(row: sqlite3.Row) -> Annotation | None:
    """A stored annotation, or None when the row cannot be read (treated as missing)."""
    try:
        return unpack_annotation(row["data"], _article(row))
    except ValueError:  # ModelError and CodecError included
        return None
