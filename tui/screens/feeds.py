"""Feeds: the library's subscriptions, refreshed in a worker, and each feed's articles.

``r`` refreshes the highlighted feed, ``R`` every feed; the new articles are annotated in
the same worker and announced with :class:`FeedsScreen.ArticlesAdded` (the app passes them
on to the library screen). Enter lists a feed's articles, Enter again reads one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, ProgressBar, Static

from tui.model import Article
from tui.screens.people import NO_LIBRARY, LibraryView, NoLibrary, _fit, library_path
from tui.widgets.article_view import displayable

if TYPE_CHECKING:
    from tui.library import ArticleRow, Feed, Library

_T = TypeVar("_T")


def with_feeds(app: Any, action: Callable[[Library], _T]) -> _T:
    """Like :func:`tui.screens.people.with_library`, but subscriptions alone will do.

    A library with feeds and no articles yet is where refreshing starts.
    """
    from tui.library import Library

    path = library_path(app)
    if not path.is_file():
        raise NoLibrary(NO_LIBRARY)
    with Library(path) as library:
        if not library.feeds() and not library.article_count():
            raise NoLibrary(NO_LIBRARY)
        return action(library)


def feed_name(feed: Feed) -> str:
    return feed.title or feed.url


class FeedsScreen(LibraryView):
    """Subscriptions with unread counts; ``r``/``R`` refresh, Enter lists a feed's articles."""

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="feeds.refresh"),
        Binding("R", "refresh_all", "Refresh all", id="feeds.refresh_all"),
        Binding("j", "cursor('down')", "Down", show=False, id="feeds.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="feeds.up"),
        Binding("escape", "back", "Back", id="feeds.back"),
    ]

    class ArticlesAdded(Message):
        """Articles a refresh added to the library (again once they are annotated)."""

        def __init__(self, articles: list[Article]) -> None:
            super().__init__()
            self.articles = articles

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[Feed] = []
        self.feed: Feed | None = None
        self.rows: list[ArticleRow] = []
        self.status = ""  # the last progress line, kept for tests and the title

    def compose(self) -> ComposeResult:
        yield Static(Text("Feeds", style="bold"), id="feeds-title", classes="view-title")
        yield Static(Text("Loading…"), classes="view-message")
        yield ProgressBar(id="feeds-progress", show_eta=False)
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="feed-articles-title", classes="view-title")
        yield DataTable(id="feed-articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#feeds-table", DataTable)
        table.add_columns("Title", "URL", "Unread", "Refreshed")
        self.query_one("#feed-articles", DataTable).add_columns("Date", "Title", "")
        self.query_one("#feeds-progress").display = False
        self._show_articles(False)
        table.focus()
        self.load_feeds()

    def _show_articles(self, shown: bool) -> None:
        self.query_one("#feed-articles-title").display = shown
        self.query_one("#feed-articles").display = shown

    # ------------------------------------------------------------------ the feed list
    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load_feeds(self) -> None:
        self.from_library(lambda library: library.feeds(), self._feeds_ready, opener=with_feeds)

    def _feeds_ready(self, feeds: list[Feed]) -> None:
        self.feeds = feeds
        if not self.status:
            self._say("" if feeds else "No feeds yet — subscribe with `byline feed add URL`")
        table = self.query_one("#feeds-table", DataTable)
        current = table.cursor_row
        table.clear()
        width = max(self.app.size.width - 70, 16)
        for feed in feeds:
            table.add_row(
                Text(_fit(feed_name(feed), 36)),
                Text(_fit(feed.url, width)),
                Text(str(feed.unread), justify="right"),
                Text(displayable((feed.last_refreshed or "never")[:16].replace("T", " "))),
                key=str(feed.id),
            )
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))

    def _highlighted(self) -> Feed | None:
        table = self.query_one("#feeds-table", DataTable)
        if not table.row_count:
            return None
        index = table.cursor_row
        return self.feeds[index] if 0 <= index < len(self.feeds) else None

    # ------------------------------------------------------------------ refreshing
    def action_refresh(self) -> None:
        feed = self._highlighted()
        if feed is None:
            self.notify("No feed to refresh", markup=False)
            return
        self.refresh_feeds([feed])

    def action_refresh_all(self) -> None:
        if not self.feeds:
            self.notify("No feeds to refresh", markup=False)
            return
        self.refresh_feeds(list(self.feeds))

    def _progress(self, done: int, total: int, line: str) -> None:
        bar = self.query_one("#feeds-progress", ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
        self.status = line
        self._say(line)

    def _finished(self, line: str) -> None:
        self.query_one("#feeds-progress").display = False
        self.status = line
        self._say(line)

    def _arrived(self, articles: list[Article], feeds: list[Feed]) -> None:
        if articles:
            self.post_message(self.ArticlesAdded(articles))
        self._feeds_ready(feeds)
        if self.feed is not None and self.query_one("#feed-articles").display:
            self.load_articles(self.feed.id)

    def _warn(self, message: str) -> None:
        self.app.notify(displayable(message)[:200], severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_feeds(self, feeds: list[Feed]) -> None:
        """Refresh ``feeds`` one by one (rows arrive per feed), then annotate what is new."""
        from tui.library import Library
        from tui.library.refresh import refresh_feed
        from tui.sources import SourceError

        call = self.app.call_from_thread
        path = library_path(self.app)
        if not path.is_file():
            call(self.report, NoLibrary(NO_LIBRARY))
            return
        added: list[Article] = []
        failed = 0
        try:
            with Library(path) as library:
                known = library.article_urls()
                for index, feed in enumerate(feeds):
                    line = f"refreshing {index + 1}/{len(feeds)}: {feed_name(feed)}…"
                    call(self._progress, index, len(feeds), displayable(line))
                    try:
                        result = refresh_feed(
                            library,
                            feed.id,
                            feed.url,
                            feed.title,
                            known,
                            on_warning=lambda text: call(self._warn, text),
                        )
                    except SourceError as error:
                        failed += 1
                        call(self._warn, str(error))
                        continue
                    new = [a for a in map(library.article, result.added) if a is not None]
                    added += new
                    call(self._arrived, new, library.feeds())
                if added:
                    self._annotate(library, added)
                    call(self._arrived, added, library.feeds())
        except Exception as error:
            call(self._finished, "")
            call(self.report, error)
            return
        plural = "feed" if len(feeds) == 1 else "feeds"
        line = f"refreshed {len(feeds)} {plural}: {len(added)} new"
        call(self._finished, line + (f", {failed} failed" if failed else ""))

    def _annotate(self, library: Library, articles: list[Article]) -> None:
        """Annotate the new articles in this worker; a missing model is a warning."""
        import tui.library

        call = self.app.call_from_thread

        def progress(done: int, total: int, article: Article) -> None:
            call(self._progress, done, total, f"annotating {done}/{total}…")

        try:
            tui.library.index_articles(
                library, articles, getattr(self.app, "model", None), progress
            )
        except Exception as error:  # no model: the articles are there, just not annotated
            call(self._warn, f"Annotating: {error}")

    # ------------------------------------------------------------------ a feed's articles
    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        key = message.row_key.value
        if key is None:
            return
        if message.data_table.id == "feeds-table":
            self.feed = next((f for f in self.feeds if str(f.id) == key), None)
            if self.feed is not None:
                self.load_articles(self.feed.id)
        else:
            self.mark_read(key)
            self.open_article(key)

    @work(thread=True, exclusive=True, group="feed-articles", exit_on_error=False)
    def load_articles(self, feed_id: int) -> None:
        self.from_library(
            lambda library: library.articles(feed_id=feed_id),
            self._articles_ready,
            opener=with_feeds,
        )

    def _articles_ready(self, rows: list[ArticleRow]) -> None:
        self.rows = rows
        name = feed_name(self.feed) if self.feed else "?"
        plural = "article" if len(rows) == 1 else "articles"
        title = displayable(f"{name}: {len(rows)} {plural}, newest first")
        self.query_one("#feed-articles-title", Static).update(Text(title, style="bold"))
        table = self.query_one("#feed-articles", DataTable)
        shown = table.display
        table.clear()
        width = max(self.app.size.width - 20, 20)
        for row in rows:
            table.add_row(
                Text(displayable(row.date or "")),
                Text(_fit(row.title or "(untitled)", width)),
                Text("" if row.read else "●", style="bold"),
                key=row.id,
            )
        if not shown:
            self._show_articles(True)
            table.focus()

    @work(thread=True, group="mark-read", exit_on_error=False)
    def mark_read(self, article_id: str) -> None:
        self.from_library(
            lambda library: (library.mark_read(article_id), library.feeds())[1],
            self._feeds_ready,
            opener=with_feeds,
        )
        if self.feed is not None:
            self.app.call_from_thread(self.load_articles, self.feed.id)

    def action_cursor(self, direction: str) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None:
            return
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_back(self) -> None:
        if self.query_one("#feed-articles").display:
            self._show_articles(False)
            self.query_one("#feeds-table", DataTable).focus()
            return
        self.app.pop_screen()
