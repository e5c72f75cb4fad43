"""The library's feed subscriptions: subscribing, looking one up, unsubscribing (the
articles stay), and when each was last refreshed (fetching is :mod:`tui.library.refresh`).
"""

from __future__ import annotations

from tui.library import store
from tui.library.connection import Connection
from tui.library.records import Feed


class LibraryFeeds(Connection):
    """:class:`~tui.library.db.Library`'s feed methods, on the :class:`Connection`'s
    ``_query``, ``_run`` and ``_write``."""

    def add_feed(self, url: str, title: str | None = None) -> int:
        """Subscribe to a feed (again: the title is updated); return its id."""

        def insert() -> int:
            with self._write() as db:
                db.execute(
                    "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(url) DO UPDATE SET title = coalesce(excluded.title, title)",
                    (url, title, store.now()),
                )
                return int(db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0])

        return self._run(insert)

    def feed_id(self, url_or_id: str) -> int | None:
        """The id of a subscription given by its URL or its number."""
        rows = self._query("SELECT id FROM feeds WHERE url = ?", (url_or_id,))
        if not rows and url_or_id.isdigit():
            rows = self._query("SELECT id FROM feeds WHERE id = ?", (int(url_or_id),))
        return int(rows[0][0]) if rows else None

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe; the feed's articles stay in the library. Whether it was there."""

        def delete() -> bool:
            with self._write() as db:
                return db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

        return self._run(delete)

    def mark_feed_refreshed(self, feed_id: int) -> None:
        def update() -> None:
            with self._write() as db:
                db.execute(
                    "UPDATE feeds SET last_refreshed = ? WHERE id = ?", (store.now(), feed_id)
                )

        self._run(update)

    def feeds(self) -> list[Feed]:
        rows = self._query(
            "SELECT id, url, title, added_at, last_refreshed, articles, unread FROM feeds"
            " ORDER BY id"
        )
        return [
            Feed(
                r["id"],
                r["url"],
                r["title"],
                r["added_at"],
                r["last_refreshed"],
                r["articles"],
                r["unread"],
            )
            for r in rows
        ]
