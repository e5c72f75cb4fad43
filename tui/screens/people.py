"""People: every speaker across the library, a page at a time, and what each one said.

The speakers' totals are kept by the library as annotations are stored, so the list pages
through ``Library.people`` like the library screen pages through articles. Enter lists a
person's quotes (the newest articles quoting them, in a worker); Enter there reads one.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from tui.highlight import Selection, displayable, quiet_style
from tui.humantime import listing_date, plural
from tui.library.db import PEOPLE_SORTS as PEOPLE_ORDER
from tui.model import NOT_SAID, Article, Quote
from tui.screens.base import (
    NO_ARTICLES,
    NO_LIBRARY,
    LibraryView,
    NoLibrary,
    fit,
    library_path,
    with_library,
)
from tui.screens.master_detail import MasterDetailView
from tui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from tui.library import Person

__all__ = [
    "NO_ARTICLES",
    "NO_LIBRARY",
    "LibraryView",
    "NoLibrary",
    "PeopleScreen",
    "library_path",
    "with_library",
]

PEOPLE_SORTS = ("quotes", "articles", "name")
SORTED_COLUMN = {"quotes": 2, "articles": 3, "name": 0}  # the column each sorts by
COLUMNS = (
    Column("Name"),
    Column("Kind", 12),
    Column("Quotes", 8, "right"),
    Column("Articles", 10, "right"),
)


def person_cells(person: Person) -> tuple[Text, ...]:
    return (
        Text(fit(person.name, 200)),
        Text(displayable(person.kind)),
        Text(str(person.quotes)),
        Text(str(person.articles)),
    )


class PeopleScreen(MasterDetailView):
    """Speakers across the library; Enter lists one person's quotes, Enter again reads one."""

    MASTER = "people-table"
    DETAIL = ("quotes-title", "people-quotes")

    BINDINGS = [
        Binding("s", "sort", "Sort", id="people.sort"),
        Binding("j", "cursor('down')", "Down", show=False, id="people.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="people.up"),
        Binding("escape", "back", "Back", id="people.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[tuple[Article, Quote]] = []
        self.person: Person | None = None
        self.sort = "quotes"

    def compose(self) -> ComposeResult:
        yield Static(Text("People", style="bold"), id="people-title", classes="view-title")
        yield Static(classes="view-message")
        yield VirtualTable(COLUMNS, person_cells, id="people-table")
        yield Static(id="quotes-title", classes="view-title")
        yield DataTable(id="people-quotes", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def table(self) -> VirtualTable[Person]:
        return self.query_one("#people-table", VirtualTable)

    def on_mount(self) -> None:
        self.query_one("#people-quotes", DataTable).add_columns("Date", "Article", "Quote")
        self.show_detail(False)
        self.connect()
        self.relist()

    def library_changed(self) -> None:
        self.relist(index=self.table.cursor_row)

    def _page(self, sort: str, offset: int, limit: int) -> list[Person]:
        if self.library is None:
            return []
        try:
            return self.library.people(sort=sort, offset=offset, limit=limit, named_only=True)
        except Exception as error:
            self.report(error)
            return []

    def relist(self, *, index: int = 0) -> None:
        """Page through the people in the current sort; the counts come from the library."""
        library = self.library
        count = 0
        if library is None:
            self._say(NO_LIBRARY)
        else:
            try:
                articles = library.article_count()
                count = library.person_count(named_only=True) if articles else 0
            except Exception as error:
                self.report(error)
                return
            if not articles:
                self._say(NO_ARTICLES)
            else:
                self._say("" if count else "No speakers in the library yet")
        self.table.load(partial(self._page, self.sort), count, cursor=index)
        # high to low when the library's order for this sort says so
        descending = PEOPLE_ORDER[self.sort].split(",")[0].endswith("DESC")
        self.table.mark_sorted(SORTED_COLUMN[self.sort], descending=descending)
        noun = "person" if count == 1 else "people"
        title = Text("People", style="bold")
        title.append(f" — {count:,} {noun}, by {self.sort}", style=quiet_style(self.app))
        self.query_one("#people-title", Static).update(title)

    def action_sort(self) -> None:
        self.sort = PEOPLE_SORTS[(PEOPLE_SORTS.index(self.sort) + 1) % len(PEOPLE_SORTS)]
        self.relist()
        self.notify(f"sorted by {self.sort}", markup=False)

    def on_virtual_table_row_selected(self, message: VirtualTable.RowSelected) -> None:
        message.stop()
        self.person = message.row
        self.load_quotes(message.row.key)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        key = message.row_key.value
        if key is None:
            return
        index = int(key)
        if 0 <= index < len(self.quotes):
            article, quote = self.quotes[index]
            self.open_article(article.id, Selection("quote", quote.id))

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self, key: str) -> None:
        # someone never quoted is listed for what else the articles attribute to them
        speech = self.person is None or self.person.quotes > 0
        self.from_library(lambda library: library.quotes_of(key, speech=speech), self._quotes_ready)

    def _quotes_ready(self, quotes: list[tuple[Article, Quote]]) -> None:
        self.quotes = quotes
        name = self.person.name if self.person else "?"
        if quotes and not any(quote.is_speech for _, quote in quotes):
            what = plural(len(quotes), "other attribution")
            heading = f"{name}: no quotes; {what} ({NOT_SAID})"
        else:
            heading = f"{name}: {plural(len(quotes), 'quote')}, newest first"
        title = displayable(heading)
        self.query_one("#quotes-title", Static).update(Text(title, style="bold"))
        table = self.query_one("#people-quotes", DataTable)
        table.clear()
        # the quote takes two thirds of what the date column, the cells' padding and
        # the scroll bar leave; the article's title the rest
        room = max(self.app.size.width - 11 - 8, 30)
        title_width = min(room // 3, 40)
        for index, (article, quote) in enumerate(quotes):
            table.add_row(
                Text(listing_date(displayable(article.date or ""))),
                Text(fit(article.title or "(untitled)", title_width)),
                Text(fit(quote.text, room - title_width)),
                key=str(index),
            )
        self.show_detail(True)
