"""The library's articles: adding them, reading them, the listing (its sorts, filters,
pages and positions), read state and removal.

Every listing sort walks an index, so a page, a position or the next unread article costs
the same at any library size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from tui.library import store
from tui.library.connection import Connection, LibraryError, _chunks
from tui.library.records import _ROW_COLUMNS, AddResult, ArticleRow, _article, _article_row
from tui.model import Annotation, Article

SORTS = {
    "date": "sort_date DESC, added_at DESC, n DESC",
    "title": "sort_title, n",
    "quotes": "quotes DESC, n DESC",
    "speakers": "speakers DESC, n DESC",
}
# the same orders as row values, for keyset steps (every direction within a sort agrees)
SORT_KEYS = {
    "date": "sort_date, added_at, n",
    "title": "sort_title, n",
    "quotes": "quotes, n",
    "speakers": "speakers, n",
}
SORT_DIRECTION = {"date": "DESC", "title": "ASC", "quotes": "DESC", "speakers": "DESC"}


class LibraryArticles(Connection):
    """:class:`~tui.library.db.Library`'s article methods, on the :class:`Connection`'s
    ``_db``, ``_query``, ``_run`` and ``_write``."""

    def add(
        self,
        articles: Iterable[Article],
        *,
        feed_id: int | None = None,
        from_feed: bool = False,
        annotations: Mapping[str, Annotation] | None = None,
        engine: tuple[str, str] | None = None,
    ) -> AddResult:
        """Store the articles the library does not have yet; report the new ids and the
        duplicates (same id, canonical URL or folded text as an article already there).
        ``from_feed``: what a feed brings, so not the articles the reader removed (what
        the reader adds by name is added again). A new article whose annotation is in
        ``annotations`` (by id; made by ``engine``, its version and model) is stored with
        it in the same transaction: it is never seen unannotated, and costs one commit."""
        batch = list({a.id: a for a in articles}.values())
        at_hand = annotations or {}
        if at_hand and engine is None:
            raise ValueError("annotations need the engine version and model that made them")

        def insert() -> AddResult:
            added: list[str] = []
            duplicates: dict[str, str] = {}
            removed: list[str] = []
            annotated: list[str] = []
            with self._write() as db:
                for article in batch:
                    outcome = store.insert_article(
                        db, article, feed_id=feed_id, unless_removed=from_feed
                    )
                    if outcome.n is not None:
                        added.append(article.id)
                        annotation = at_hand.get(article.id)
                        if annotation is not None and engine is not None:
                            store.store_annotation(db, annotation, *engine, add_missing=False)
                            annotated.append(article.id)
                    elif outcome.removed:
                        removed.append(article.id)
                    elif outcome.existing is not None and outcome.existing != article.id:
                        duplicates[article.id] = outcome.existing
            return AddResult(tuple(added), duplicates, tuple(removed), tuple(annotated))

        return self._run(insert)

    def add_articles(self, articles: Iterable[Article], *, feed_id: int | None = None) -> list[str]:
        """Store articles not already present; return the new ids (see :meth:`add`)."""
        return list(self.add(articles, feed_id=feed_id).added)

    def article(self, article_id: str) -> Article | None:
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body FROM articles a"
            " JOIN texts t ON t.n = a.n WHERE a.id = ?",
            (article_id,),
        )
        return _article(rows[0]) if rows else None

    def all_articles(self) -> Iterator[Article]:
        """Every article with its text, in :meth:`articles` order, read a page at a time."""
        last: tuple[str, str, int] | None = None
        while True:
            after = "" if last is None else " WHERE (sort_date, added_at, n) < (?, ?, ?)"
            rows = self._query(
                "SELECT n, id, title, date, source, url, sort_date, added_at,"
                " (SELECT body FROM texts t WHERE t.n = articles.n) AS body FROM articles"
                + after
                + " ORDER BY sort_date DESC, added_at DESC, n DESC LIMIT 200",
                last or (),
            )
            if not rows:
                return
            for row in rows:
                yield _article(row)
            tail = rows[-1]
            last = (tail["sort_date"], tail["added_at"], tail["n"])

    def article_count(self, *, unread_only: bool = False) -> int:
        """How many articles (unread ones) there are: a stored tally, not a count."""
        name = "unread" if unread_only else "articles"
        return int(self._query("SELECT value FROM tallies WHERE name = ?", (name,))[0][0])

    def knows_url(self, url: str) -> bool:
        """Whether an article with this (canonical) URL is in the library, or was and the
        reader removed it (a feed must not fetch it again)."""
        key = store.canonical_url(url)
        if key is None:
            return bool(self._query("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))
        if self._query("SELECT 1 FROM articles WHERE canonical_url = ? LIMIT 1", (key,)):
            return True
        return self._run(lambda: store.url_was_removed(self._db, url))

    def resolve_id(self, prefix: str) -> str:
        """The one article id starting with ``prefix``; raise :class:`LibraryError` if not one."""
        rows = (
            self._query(
                "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (prefix, prefix + "\U0010ffff"),
            )
            if prefix
            else []
        )
        if not rows:
            raise LibraryError(f"{prefix!r}: no article with this id in the library")
        if len(rows) > 1 and rows[0]["id"] != prefix:
            raise LibraryError(f"{prefix!r}: several articles start with this id; give more")
        return str(rows[0]["id"])

    def _listing(
        self, unread_only: bool, feed_id: int | None, needle: str | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if unread_only:
            where.append("read = 0")
        if feed_id is not None:
            where.append("feed_id = ?")
            params.append(feed_id)
        if needle:
            pattern = "%" + _like_escape(needle) + "%"
            where.append("(title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        return where, params

    def articles(
        self,
        *,
        unread_only: bool = False,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """A page of the listing: ``sort`` is one of :data:`SORTS` (date: newest first;
        title: A to Z; quotes, speakers: most first); ``needle`` filters titles and
        sources. Every sort walks an index, so a page costs the same at any size."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        where, params = self._listing(unread_only, feed_id, needle)
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM articles"
            + (" WHERE " + " AND ".join(where) if where else "")
            # a filter matches few rows: scan them in table order and sort those, rather
            # than walk the whole sort index fetching each row (25x slower for a rare word)
            + f" ORDER BY {('+' if needle else '') + SORTS[sort]} LIMIT ? OFFSET ?"
        )
        rows = self._query(sql, (*params, -1 if limit is None else limit, offset))
        return [_article_row(r) for r in rows]

    def count(
        self, *, unread_only: bool = False, feed_id: int | None = None, needle: str | None = None
    ) -> int:
        """How many rows :meth:`articles` has with these filters (tallies when unfiltered)."""
        if feed_id is None and not needle:
            return self.article_count(unread_only=unread_only)
        where, params = self._listing(unread_only, feed_id, needle)
        sql = "SELECT count(*) FROM articles WHERE " + " AND ".join(where)
        return int(self._query(sql, params)[0][0])

    def rows(self, article_ids: Sequence[str]) -> dict[str, ArticleRow]:
        """The listing rows of these articles (those still in the library)."""
        found: dict[str, ArticleRow] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids)), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)
            found.update((r["id"], _article_row(r)) for r in rows)
        return found

    def _keyset(self, article_id: str, sort: str) -> tuple[str, str, tuple[Any, ...]] | None:
        """For ``sort``: (columns, the ordering of those columns as a row value, this
        article's values of them), so rows before or after it are a range of the index."""
        columns = SORT_KEYS[sort]
        rows = self._query(f"SELECT {columns} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        return columns, SORT_DIRECTION[sort], tuple(rows[0])

    def position(
        self,
        article_id: str,
        *,
        unread_only: bool = False,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
    ) -> int | None:
        """The row number of ``article_id`` in that listing (None: not in it): the rows
        before it are counted along the sort's index."""
        keyset = self._keyset(article_id, sort)
        if keyset is None:
            return None
        columns, direction, values = keyset
        where, params = self._listing(unread_only, feed_id, needle)
        if where:
            rows = self._query(
                "SELECT 1 FROM articles WHERE id = ? AND " + " AND ".join(where),
                (article_id, *params),
            )
            if not rows:
                return None
        marks = ", ".join("?" * len(values))
        before = f"({columns}) {'>' if direction == 'DESC' else '<'} ({marks})"
        sql = "SELECT count(*) FROM articles WHERE " + " AND ".join([*where, before])
        return int(self._query(sql, (*params, *values))[0][0])

    def next_unread(
        self,
        after: str | None,
        *,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
    ) -> str | None:
        """The first unread article after ``after`` in that listing, wrapping round to the
        top (None when nothing is unread): one step along the sort's index."""
        where, params = self._listing(True, feed_id, needle)
        order = SORTS[sort]
        keyset = self._keyset(after, sort) if after else None
        if keyset is not None:
            columns, direction, values = keyset
            marks = ", ".join("?" * len(values))
            following = f"({columns}) {'<' if direction == 'DESC' else '>'} ({marks})"
            rows = self._query(
                "SELECT id FROM articles WHERE "
                + " AND ".join([*where, following])
                + f" ORDER BY {order} LIMIT 1",
                (*params, *values),
            )
            if rows:
                return str(rows[0][0])
        rows = self._query(
            "SELECT id FROM articles WHERE " + " AND ".join(where) + f" ORDER BY {order} LIMIT 1",
            params,
        )
        return str(rows[0][0]) if rows else None

    def set_date(self, article_id: str, date: str | None) -> bool:
        """Give an article a publication date (``YYYY-MM-DD``, or None for none); its
        annotations are dropped, to be made anew against that date. False when the
        library has no such article."""

        def write() -> bool:
            with self._write() as db:
                row = db.execute("SELECT n FROM articles WHERE id = ?", (article_id,)).fetchone()
                if row is None:
                    return False
                store.set_date(db, int(row[0]), date)
                return True

        return self._run(write)

    def mark_read(self, article_ids: str | Iterable[str], read: bool = True) -> int:
        """Mark articles read (or unread); return how many changed."""
        ids = [article_ids] if isinstance(article_ids, str) else list(article_ids)

        def update() -> int:
            changed = 0
            with self._write() as db:
                for chunk in _chunks(ids, 500):
                    marks = ", ".join("?" * len(chunk))
                    changed += db.execute(
                        f"UPDATE articles SET read = ? WHERE read != ? AND id IN ({marks})",
                        (int(read), int(read), *chunk),
                    ).rowcount
            return changed

        return self._run(update)

    def mark_all_read(self, *, feed_id: int | None = None) -> int:
        """Mark every article (of one feed) read; return how many changed."""

        def update() -> int:
            with self._write() as db:
                if feed_id is None:
                    return db.execute("UPDATE articles SET read = 1 WHERE read = 0").rowcount
                return db.execute(
                    "UPDATE articles SET read = 1 WHERE read = 0 AND feed_id = ?", (feed_id,)
                ).rowcount

        return self._run(update)

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles with their annotations, search words, speakers, people totals
        and story links; return how many were removed."""
        ids = list(dict.fromkeys(article_ids))

        def delete() -> int:
            removed = 0
            with self._write() as db:
                for chunk in _chunks(ids, 500):
                    marks = ", ".join("?" * len(chunk))
                    numbers = [
                        int(r[0])
                        for r in db.execute(f"SELECT n FROM articles WHERE id IN ({marks})", chunk)
                    ]
                    removed += store.delete_articles(db, numbers)
            return removed

        return self._run(delete)

    def data_version(self) -> int:
        """Changes whenever another connection commits (SQLite's ``data_version``): a
        screen polls it to notice articles another process added or removed."""
        return int(self._query("PRAGMA data_version")[0][0])


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
