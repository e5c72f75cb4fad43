"""The Feeds view and the library's ``/`` + Enter search, by Pilot. No spaCy, no network.

A local HTTP server on 127.0.0.1 serves a small full-text feed (and the real Global Voices
feed when ``../shared`` has it); the annotation step is replaced by a fake. ``a`` and ``d``
subscribe and unsubscribe through the app's dialogs.
"""

from __future__ import annotations

import http.server
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import row_cells
from local_server import serve
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tui.app import BylineApp
from tui.library import DB_ENV, Library
from tui.library.batch import IndexStats
from tui.model import Article
from tui.screens.dialogs import AskScreen, ConfirmScreen
from tui.screens.feeds import NO_FEEDS, FeedsScreen
from tui.screens.library import LibraryScreen
from tui.screens.people import NO_LIBRARY
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen

SIZE = (120, 40)
REAL_FEED = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / "feeds"
    / "globalvoices-feature-2009-06-11.rss"
)
BODY = (
    "The harbour board met on Monday to approve a new pier for the ferries. "
    "Residents had asked for it since the storm of last winter. " * 8
)
ITEMS = (("Pier approved", "/items/pier"), ("Ferries return", "/items/ferries"))


def full_text_feed() -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>http://127.0.0.1{link}</link>"
        f"<content:encoded><![CDATA[<p>{title}. {BODY}</p>]]></content:encoded>"
        f"<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate></item>"
        for title, link in ITEMS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour News</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/harbour.rss":
            body = full_text_feed()
        elif self.path == "/real.rss" and REAL_FEED.is_file():
            body = REAL_FEED.read_bytes()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids given to the annotation step, replaced by a fake that annotates nothing."""
    seen: list[str] = []

    def fake_index(
        library: Library,
        articles: Iterable[Article] | None = None,
        *,
        ids: Iterable[str] | None = None,
        **kw: Any,
    ) -> IndexStats:
        given = list(ids or [])
        seen.extend(given)
        return IndexStats(requested=len(given), skipped=len(given))

    def no_engine(article: Article, *args: Any, **kw: Any) -> Any:
        raise RuntimeError("engine unavailable in tests")

    monkeypatch.setattr("tui.service.index_library", fake_index)
    monkeypatch.setattr("tui.service.annotate_cached", no_engine)
    monkeypatch.setattr("tui.service.cached", lambda *args, **kw: None)
    return seen


def subscribed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *urls: str) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv(DB_ENV, str(path))
    with Library(path) as library:
        for url in urls:
            library.add_feed(url)
    return path


class RecordingApp(BylineApp):
    def __init__(self, articles: list[Article]) -> None:
        super().__init__(articles, open_single=False)
        self.animation_level = "none"
        self.notes: list[str] = []

    def notify(self, message: str, **kw: Any) -> None:  # type: ignore[override]
        self.notes.append(message)
        super().notify(message, **kw)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 8) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the app")


def cells(table: DataTable[Any], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def message(screen: Any) -> str:
    return str(screen.query_one(".view-message", Static).render())


async def test_feeds_refresh_lists_and_reads(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: list[str]
) -> None:
    subscribed(tmp_path, monkeypatch, f"{server}/harbour.rss")
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert "W feeds" in str(library.query_one("#library-title", Static).render())
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        table = screen.query_one("#feeds-table", DataTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert cells(table, 0)[1:] == [f"{server}/harbour.rss", "0", "never"]

        statuses: list[str] = []
        original = screen._progress

        def progress(done: int, total: int, line: str) -> None:
            statuses.append(line)
            original(done, total, line)

        monkeypatch.setattr(screen, "_progress", progress)
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.status.startswith("refreshed"))
        assert statuses[0] == f"refreshing 1/1: {server}/harbour.rss…"
        assert screen.status == "refreshed 1 feed: 2 new"
        assert cells(table, 0)[0] == "Harbour News"  # the feed's own title, now stored
        assert cells(table, 0)[2] == "2" and cells(table, 0)[3] != "never"
        assert len(indexed) == 2  # the new articles went to the (fake) annotation step

        # the library below noticed the rows (it polls the library)
        await wait_until(pilot, lambda: library.table.row_count == 2)
        titles = {row_cells(library.table, i)[1] for i in range(2)}
        assert titles == {"Ferries return", "Pier approved"}

        await pilot.press("enter")  # the feed's articles
        articles = screen.articles
        await wait_until(pilot, lambda: articles.display and articles.row_count == 2)
        assert app.focused is articles
        assert {row_cells(articles, i)[2] for i in range(2)} == {"Pier approved", "Ferries return"}
        assert all(row_cells(articles, i)[0] == "●" for i in range(2))
        first = row_cells(articles, 0)[2]
        await pilot.press("enter")  # read it
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == first  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen and cells(table, 0)[2] == "1")
        assert row_cells(articles, 0)[0] == ""  # read now, here and in the library
        read = next(i for i in range(2) if row_cells(library.table, i)[1] == first)
        await wait_until(pilot, lambda: row_cells(library.table, read)[0] == "")

        await pilot.press("R")  # again, all feeds: nothing new
        await wait_until(pilot, lambda: screen.status == "refreshed 1 feed: 0 new")
        await pilot.press("escape", "escape")
        assert app.screen is library

        table = library.table
        await pilot.press("slash", *"pier")  # filters the titles as you type
        await wait_until(pilot, lambda: table.row_count == 1)
        await pilot.press("enter")  # Enter opens the match
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Pier approved"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is library)
        await pilot.press("F", *"pier")  # F searches the full text
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert search.query_one("#search-query", Input).value == "pier"
        results = search.query_one("#search-results", OptionList)
        await wait_until(pilot, lambda: results.option_count == 2)  # both bodies say "pier"
        assert message(search) == "2 articles"


async def test_a_failing_feed_is_a_warning(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: list[str]
) -> None:
    subscribed(tmp_path, monkeypatch, f"{server}/gone.rss")
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        await wait_until(pilot, lambda: len(screen.feeds) == 1)
        await pilot.press("R")
        await wait_until(pilot, lambda: screen.status.startswith("refreshed"))
        # the reason stays on the status line (the toast goes)
        assert screen.status.startswith("refreshed 1 feed: 0 new, 1 failed (")
        assert "404" in screen.status
        assert any("404" in note for note in app.notes)


async def test_no_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "absent.sqlite3"))
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        await wait_until(pilot, lambda: message(screen) == NO_LIBRARY)
    assert not (tmp_path / "absent.sqlite3").exists()


async def test_real_feed_then_filter_and_search(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: list[str]
) -> None:
    if not REAL_FEED.is_file():
        pytest.skip(f"feed not found at {REAL_FEED}")
    subscribed(tmp_path, monkeypatch, f"{server}/real.rss")
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        library = app.screen
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        await wait_until(pilot, lambda: len(screen.feeds) == 1)
        await pilot.press("R")
        await wait_until(pilot, lambda: screen.status.startswith("refreshed"), timeout=15)
        assert screen.status == "refreshed 1 feed: 15 new"
        assert cells(screen.query_one("#feeds-table", DataTable), 0)[2] == "15"
        await pilot.press("escape")
        assert app.screen is library
        table = library.table
        await wait_until(pilot, lambda: table.row_count == 15)

        await pilot.press("slash", *"iran")  # filters as you type
        await wait_until(pilot, lambda: 0 < table.row_count < 15)
        await pilot.press("down")  # into the filtered list
        await pilot.press("F", *"iran")  # and F searches the full text
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        search = app.screen
        assert search.query_one("#search-query", Input).value == "iran"
        results = search.query_one("#search-results", OptionList)
        await wait_until(pilot, lambda: results.option_count > 0)
        assert results.option_count >= table.row_count


async def test_subscribe_and_unsubscribe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = subscribed(tmp_path, monkeypatch)
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        table = screen.query_one("#feeds-table", DataTable)
        await wait_until(pilot, lambda: message(screen) == NO_FEEDS)

        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AskScreen)
        await pilot.press(*"file:///etc/passwd", "enter")  # refused, and said why
        problem = dialog.query_one("#dialog-problem", Static)
        assert problem.display and "http:// or https://" in str(problem.render())
        assert app.screen is dialog
        dialog.query_one(Input).value = "https://example.org/feed.xml"
        await pilot.press("enter")
        await wait_until(pilot, lambda: table.row_count == 1)
        assert app.screen is screen
        assert cells(table, 0)[1] == "https://example.org/feed.xml"
        assert "Subscribed to https://example.org/feed.xml; r refreshes it" in app.notes

        await pilot.press("a", "escape")  # cancelled: nothing added
        assert app.screen is screen and table.row_count == 1

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "https://example.org/feed.xml" in str(
            app.screen.query_one("#dialog-detail").render()
        )
        await pilot.press("n")  # kept
        assert app.screen is screen and table.row_count == 1
        await pilot.press("d", "y")
        await wait_until(pilot, lambda: table.row_count == 0)
        assert message(screen) == NO_FEEDS
    with Library(path) as library:
        assert library.feeds() == []


async def test_subscribing_without_a_library_makes_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new" / "lib.sqlite3"
    monkeypatch.setenv(DB_ENV, str(path))
    app = RecordingApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        await wait_until(pilot, lambda: message(screen) == NO_LIBRARY)
        assert not path.exists()
        await pilot.press("a", *"http://127.0.0.1:9/feed", "enter")
        await wait_until(pilot, lambda: len(screen.feeds) == 1)
    with Library(path) as library:
        assert [f.url for f in library.feeds()] == ["http://127.0.0.1:9/feed"]
