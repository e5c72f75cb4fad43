"""People: every speaker across the library, and what each one said, newest first.

Also home to the small helpers the cross-article views share (search and stories import
them): the library is opened inside worker threads only, and a missing library is a message
on the screen, not an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui.highlight import Selection
from tui.model import Article, Quote
from tui.widgets.article_view import displayable

if TYPE_CHECKING:
    from tui.library import Library, Person

NO_LIBRARY = "No library yet — add articles with `byline add`"
PEOPLE_SORTS = ("quotes", "articles", "name")

_T = TypeVar("_T")


class NoLibrary(Exception):
    """There is no library file (or it holds no articles): the app runs on plain files."""


def library_path(app: Any) -> Path:
    """The app's library file: ``BylineApp.db``, else ``$BYLINE_DB`` or the default."""
    from tui.library import default_db_path

    given = getattr(app, "db", None)
    return Path(given).expanduser() if given else default_db_path()


def with_library(app: Any, action: Callable[[Library], _T]) -> _T:
    """Run ``action`` on the library; call from a worker thread only (SQLite off the UI).

    Raises :class:`NoLibrary` when there is no library file or it is empty; opening never
    creates one.
    """
    from tui.library import Library

    path = library_path(app)
    if not path.is_file():
        raise NoLibrary(NO_LIBRARY)
    with Library(path) as library:
        if not library.articles():
            raise NoLibrary(NO_LIBRARY)
        return action(library)


def _fit(text: str, width: int) -> str:
    text = " ".join(displayable(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


class LibraryView(Screen[None]):
    """A screen drawn from the library: a title line, a message line and workers."""

    def _say(self, message: str) -> None:
        """Show ``message`` (or nothing) on the view's message line."""
        box = self.query_one(".view-message", Static)
        box.display = bool(message)
        box.update(Text(displayable(message)))

    def from_library(
        self,
        operation: Callable[[Library], Any],
        ready: Callable[[Any], None],
        *,
        opener: Callable[..., Any] | None = None,
    ) -> bool:
        """Run ``operation`` on the library in the calling worker thread, then hand its
        result to ``ready`` (or its error to :meth:`report`) on the UI thread."""
        try:
            result = (opener or with_library)(self.app, operation)
        except Exception as error:
            self.app.call_from_thread(self.report, error)
            return False
        self.app.call_from_thread(ready, result)
        return True

    def report(self, error: Exception) -> None:
        """A worker's failure, from the UI thread: the no-library message or a notification."""
        if isinstance(error, NoLibrary):
            self._say(str(error))
            return
        message = displayable(f"Library: {error}")[:200]
        self._say(message)
        self.app.notify(message, severity="error", markup=False)

    @work(thread=True, exclusive=True, group="open-article", exit_on_error=False)
    def open_article(self, article_id: str, selection: Selection | None = None) -> None:
        """Load the article (and put its stored annotation in the cache), then read it."""
        from tui.cache import AnnotationCache
        from tui.service import cached, engine_key

        model = getattr(self.app, "model", None)

        def load(library: Library) -> Article | None:
            article = library.article(article_id)
            if article is None:
                return None
            version, name = engine_key(model)
            stored = library.annotation(article_id, version, name)
            # the reader then finds it without running the engine
            if stored is not None and cached(article, model) is None:
                AnnotationCache().put(stored, version, name)
            return article

        try:
            article = with_library(self.app, load)
        except Exception as error:
            self.app.call_from_thread(self.report, error)
            return
        if article is None:
            self.app.call_from_thread(
                self.app.notify, "That article is no longer in the library", markup=False
            )
            return
        self.app.call_from_thread(self._read, article, selection)

    def _read(self, article: Article, selection: Selection | None) -> None:
        from tui.screens.reader import ReaderScreen

        model = getattr(self.app, "model", None)
        self.app.push_screen(ReaderScreen(article, model=model, initial_selection=selection))

    def action_back(self) -> None:
        self.app.pop_screen()


class PeopleScreen(LibraryView):
    """Speakers across the library; Enter lists one person's quotes, Enter again reads one."""

    BINDINGS = [
        Binding("s", "sort", "Sort", id="people.sort"),
        Binding("j", "cursor('down')", "Down", show=False, id="people.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="people.up"),
        Binding("escape", "back", "Back", id="people.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []
        self.quotes: list[tuple[Article, Quote]] = []
        self.person: Person | None = None
        self.sort = "quotes"

    def compose(self) -> ComposeResult:
        yield Static(Text("People", style="bold"), id="people-title", classes="view-title")
        yield Static(Text("Loading…"), classes="view-message")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="quotes-title", classes="view-title")
        yield DataTable(id="people-quotes", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#people-table", DataTable)
        table.add_columns("Name", "Kind", "Quotes", "Articles")
        self.query_one("#people-quotes", DataTable).add_columns("Date", "Article", "Quote")
        self._show_quotes(False)
        table.focus()
        self.load_people()

    def _show_quotes(self, shown: bool) -> None:
        self.query_one("#quotes-title").display = shown
        self.query_one("#people-quotes").display = shown

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def load_people(self) -> None:
        self.from_library(lambda library: library.people(), self._people_ready)

    def _people_ready(self, people: list[Person]) -> None:
        self.people = people
        self._say("" if people else "No speakers in the library yet")
        self._fill_people()

    def _sorted(self) -> list[Person]:
        if self.sort == "name":
            return sorted(self.people, key=lambda p: p.name.lower())
        if self.sort == "articles":
            return sorted(self.people, key=lambda p: (-p.articles, -p.quotes, p.name.lower()))
        return sorted(self.people, key=lambda p: (-p.quotes, -p.articles, p.name.lower()))

    def _fill_people(self) -> None:
        table = self.query_one("#people-table", DataTable)
        table.clear()
        for person in self._sorted():
            table.add_row(
                Text(_fit(person.name, 40)),
                Text(displayable(person.kind)),
                Text(str(person.quotes), justify="right"),
                Text(str(person.articles), justify="right"),
                key=person.key,
            )

    def action_sort(self) -> None:
        self.sort = PEOPLE_SORTS[(PEOPLE_SORTS.index(self.sort) + 1) % len(PEOPLE_SORTS)]
        self._fill_people()
        self.notify(f"sorted by {self.sort}", markup=False)

    def action_cursor(self, direction: str) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None:
            return
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        key = message.row_key.value
        if key is None:
            return
        if message.data_table.id == "people-table":
            self.person = next((p for p in self.people if p.key == key), None)
            self.load_quotes(key)
        else:
            index = int(key)
            if 0 <= index < len(self.quotes):
                article, quote = self.quotes[index]
                self.open_article(article.id, Selection("quote", quote.id))

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self, key: str) -> None:
        self.from_library(lambda library: library.quotes_of(key), self._quotes_ready)

    def _quotes_ready(self, quotes: list[tuple[Article, Quote]]) -> None:
        self.quotes = quotes
        name = self.person.name if self.person else "?"
        plural = "quote" if len(quotes) == 1 else "quotes"
        title = displayable(f"{name}: {len(quotes)} {plural}, newest first")
        self.query_one("#quotes-title", Static).update(Text(title, style="bold"))
        table = self.query_one("#people-quotes", DataTable)
        table.clear()
        width = max(self.app.size.width - 50, 20)
        for index, (article, quote) in enumerate(quotes):
            table.add_row(
                Text(displayable(article.date or "")),
                Text(_fit(article.title or "(untitled)", 30)),
                Text(_fit(quote.text, width)),
                key=str(index),
            )
        self._show_quotes(True)
        table.focus()

    def action_back(self) -> None:
        if self.query_one("#people-quotes").display:
            self._show_quotes(False)
            self.query_one("#people-table", DataTable).focus()
            return
        self.app.pop_screen()
