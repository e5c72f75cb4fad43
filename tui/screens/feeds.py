"""Feeds: the library's subscriptions, refreshed in a worker, and each feed's articles.

``r`` refreshes the highlighted feed, ``R`` every feed; new articles are annotated in the
same worker through :func:`tui.service.index_library`, and every library screen notices
them by itself (they poll the library). ``a`` subscribes to a feed, ``d`` unsubscribes
after asking. Enter lists a feed's articles (paged, like the library, with the same read
state); Enter again reads one.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, ProgressBar, Static

from tui.highlight import displayable
from tui.humantime import listing_date, plural
from tui.screens.base import NO_LIBRARY, NoLibrary, fit
from tui.screens.library import UNREAD
from tui.screens.master_detail import MasterDetailView
from tui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from tui.library import ArticleRow, Feed, Library

NO_FEEDS = "No feeds yet: press a to subscribe to one (or run `byline feed add URL`)"
ARTICLE_COLUMNS = (Column("", 1), Column("Date", 11), Column("Title"))


def feed_name(feed: Feed) -> str:
    return feed.title or feed.url


def feed_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a feed's address (None: it can): plain http(s) only."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return "A feed is fetched over the web: give an http:// or https:// address"
    if any(c.isspace() for c in url):
        return "A feed's address has no spaces"
    return None


def feed_article_cells(row: ArticleRow) -> tuple[Text, ...]:
    return (
        Text("" if row.read else UNREAD, style="bold"),
        Text(listing_date(displayable(row.date or ""))),
        Text(fit(row.title or "(untitled)", 400)),
    )


class FeedsScreen(MasterDetailView):
    """Subscriptions with unread counts; ``r``/``R`` refresh, Enter lists a feed's articles."""

    MASTER = "feeds-table"
    DETAIL = ("feed-articles-title", "feed-articles")

    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="feeds.refresh"),
        Binding("R", "refresh_all", "Refresh all", id="feeds.refresh_all"),
        Binding("a", "add_feed", "Add", id="feeds.add"),
        Binding("d", "remove_feed", "Remove", id="feeds.remove"),
        Binding("j", "cursor('down')", "Down", show=False, id="feeds.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="feeds.up"),
        Binding("escape", "back", "Back", id="feeds.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[Feed] = []
        self.feed: Feed | None = None  # the feed whose articles are listed
        self.status = ""  # the last progress line, kept for tests and the title

    def compose(self) -> ComposeResult:
        yield Static(Text("Feeds", style="bold"), id="feeds-title", classes="view-title")
        yield Static(classes="view-message")
        yield ProgressBar(id="feeds-progress", show_eta=False)
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="feed-articles-title", classes="view-title")
        yield VirtualTable(ARTICLE_COLUMNS, feed_article_cells, id="feed-articles")
        yield Footer()

    @property
    def articles(self) -> VirtualTable[ArticleRow]:
        return self.query_one("#feed-articles", VirtualTable)

    def on_mount(self) -> None:
        table = self.query_one("#feeds-table", DataTable)
        table.add_columns("Title", "URL", "Unread", "Refreshed")
        self.query_one("#feeds-progress").display = False
        self.show_detail(False)
        self.connect()
        self.show_feeds()

    def on_screen_resume(self) -> None:
        """Back from the reader: the unread counts and marks changed."""
        if self.feeds or self.feed is not None:
            self.library_changed()

    def library_changed(self) -> None:
        self.show_feeds()
        if self.feed is not None and self.articles.display:
            self.list_articles(self.feed, keep_cursor=True)

    # ------------------------------------------------------------------ the feed list
    def show_feeds(self) -> None:
        library = self.library
        if library is None:
            self.feeds = []
            self._say(NO_LIBRARY)
            return
        try:
            self.feeds = library.feeds()
        except Exception as error:
            self.report(error)
            return
        if not self.status:
            self._say("" if self.feeds else NO_FEEDS)
        table = self.query_one("#feeds-table", DataTable)
        current = table.cursor_row
        table.clear()
        width = max(self.app.size.width - 70, 16)
        for feed in self.feeds:
            table.add_row(
                Text(fit(feed_name(feed), 36)),
                Text(fit(feed.url, width)),
                Text(str(feed.unread), justify="right"),
                Text(displayable((feed.last_refreshed or "never")[:16].replace("T", " "))),
                key=str(feed.id),
            )
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))
        if self.feed is not None:  # its counts and title, as stored now
            self.feed = next((f for f in self.feeds if f.id == self.feed.id), None)
            if self.feed is None:
                self.show_detail(False)

    def _highlighted(self) -> Feed | None:
        table = self.query_one("#feeds-table", DataTable)
        if not table.row_count:
            return None
        index = table.cursor_row
        return self.feeds[index] if 0 <= index < len(self.feeds) else None

    # ------------------------------------------------------------------ subscribing
    def action_add_feed(self) -> None:
        from tui.screens.dialogs import AskScreen

        self.app.push_screen(
            AskScreen(
                "Subscribe to a feed (RSS or Atom)",
                placeholder="https://example.org/feed.xml",
                check=feed_url_problem,
            ),
            self._subscribe,
        )

    def _subscribe(self, url: str | None) -> None:
        if not url:
            return
        from tui.library import Library

        try:
            if self.library is None:  # asked for: the one place the app makes a library
                self.library = Library(self.path)
                self._version = self.library.data_version()
            self.library.add_feed(url)
        except Exception as error:
            self.report(error)
            return
        self.show_feeds()
        self.notify(f"Subscribed to {displayable(url)}; r refreshes it", markup=False)

    def action_remove_feed(self) -> None:
        feed = self._highlighted()
        if feed is None:
            self.notify("No feed to remove", markup=False)
            return
        from tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Unsubscribe from this feed? Its articles stay in the library.",
                feed_name(feed),
            ),
            partial(self._unsubscribe, feed),
        )

    def _unsubscribe(self, feed: Feed, yes: bool | None) -> None:
        if not yes or self.library is None:
            return
        try:
            self.library.remove_feed(feed.id)
        except Exception as error:
            self.report(error)
            return
        if self.feed is not None and self.feed.id == feed.id:
            self.feed = None
            self.show_detail(False)
        self.show_feeds()
        self.notify(f"Unsubscribed from {fit(feed_name(feed), 60)}", markup=False)

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
        self.library_changed()

    def _warn(self, message: str) -> None:
        self.app.notify(displayable(message)[:200], severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def refresh_feeds(self, feeds: list[Feed]) -> None:
        """Refresh ``feeds`` one by one (rows arrive per feed), then annotate what is new."""
        from tui.library import Library
        from tui.library.refresh import refresh_feed
        from tui.sources import SourceError

        call = self.app.call_from_thread
        path = self.path
        if not path.is_file():
            call(self.report, NoLibrary(NO_LIBRARY))
            return
        added: list[str] = []
        failed = 0
        problem = ""  # the first failure's reason, kept on the status line (a toast goes)
        try:
            with Library(path) as library:
                seen: set[str] = set()  # links taken in this run, shared by the feeds
                for index, feed in enumerate(feeds):
                    line = f"refreshing {index + 1}/{len(feeds)}: {feed_name(feed)}…"
                    call(self._progress, index, len(feeds), displayable(line))
                    try:
                        result = refresh_feed(
                            library,
                            feed.id,
                            feed.url,
                            feed.title,
                            seen,
                            on_warning=lambda text: call(self._warn, text),
                        )
                    except SourceError as error:
                        failed += 1
                        problem = problem or displayable(str(error))
                        call(self._warn, str(error))
                        continue
                    added += result.added
                    call(self.library_changed)
                if added:
                    self._annotate(library, added)
        except Exception as error:
            call(self._finished, "")
            call(self.report, error)
            return
        line = f"refreshed {plural(len(feeds), 'feed')}: {len(added)} new"
        if failed:
            line += f", {failed} failed ({'' if failed == 1 else 'first: '}{problem})"
        call(self._finished, line)

    def _annotate(self, library: Library, ids: list[str]) -> None:
        """Annotate the new articles in this worker; a missing model is a warning."""
        from tui.library.batch import IndexStats
        from tui.service import index_library

        call = self.app.call_from_thread

        def progress(stats: IndexStats) -> None:
            if stats.total:
                line = f"annotating {stats.done}/{stats.total}…"
                call(self._progress, stats.done, stats.total, line)

        try:
            model = getattr(self.app, "model", None)
            index_library(library, ids=ids, model=model, progress=progress)
        except Exception as error:  # no model: the articles are there, just not annotated
            call(self._warn, f"Annotating: {error}")

    # ------------------------------------------------------------------ a feed's articles
    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        key = message.row_key.value
        feed = next((f for f in self.feeds if str(f.id) == key), None)
        if feed is not None:
            self.list_articles(feed)

    def _page(self, feed_id: int, offset: int, limit: int) -> list[ArticleRow]:
        if self.library is None:
            return []
        try:
            return self.library.articles(feed_id=feed_id, offset=offset, limit=limit)
        except Exception as error:
            self.report(error)
            return []

    def list_articles(self, feed: Feed, *, keep_cursor: bool = False) -> None:
        """A feed's articles, newest first, paged; shown and focused the first time."""
        library = self.library
        if library is None:
            return
        self.feed = feed
        table = self.articles
        try:
            count = library.count(feed_id=feed.id)
        except Exception as error:
            self.report(error)
            return
        table.load(
            partial(self._page, feed.id), count, cursor=table.cursor_row if keep_cursor else 0
        )
        noun = "article" if count == 1 else "articles"
        title = displayable(f"{feed_name(feed)}: {count:,} {noun}, newest first")
        self.query_one("#feed-articles-title", Static).update(Text(title, style="bold"))
        if not table.display:
            self.show_detail(True)

    def on_virtual_table_row_selected(self, message: VirtualTable.RowSelected) -> None:
        message.stop()
        self.open_article(message.row.id)
