"""The library: every article at hand, with what Byline found in each.

Counts come from the annotation cache at once; articles not annotated yet are annotated in
a background worker and their rows fill in. ``/`` filters as you type (Enter there searches
the library's full text for the same words), ``s`` changes the sort, Enter opens the reader.
Articles a feed refresh adds arrive through :meth:`LibraryScreen.add_articles`.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from tui.model import Annotation, Article
from tui.widgets.article_view import displayable

SORTS = ("title", "date", "quotes", "speakers")
VIEW_KEYS = "P people · F search · T stories · W feeds"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("g", "first", "First", show=False, id="library.first"),
        Binding("G", "last", "Last", show=False, id="library.last"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear"),
    ]

    def __init__(self, articles: list[Article], *, model: str | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.model = model
        self.annotations: dict[str, Annotation] = {}
        self.read: set[str] = set()
        self.sort = "date"
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="library-title")
        yield DataTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Input(placeholder="filter by title or source", id="library-filter")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Date", "Source", "Quotes", "Speakers", "")
        self.query_one("#library-filter", Input).display = False
        self._fill()
        table.focus()
        self.annotate_library()

    def on_screen_resume(self) -> None:
        self._fill()

    def _title(self) -> Text:
        title = Text(f"Library — {len(self.articles)} articles", style="bold")
        title.append(f" · {VIEW_KEYS}", style="dim")
        return title

    def add_articles(self, articles: list[Article]) -> None:
        """Show articles added elsewhere (a feed refresh); counts come from the cache."""
        known = {a.id for a in self.articles}
        self.articles.extend(a for a in articles if a.id not in known)
        self.query_one("#library-title", Static).update(self._title())
        self._fill()
        self.count_cached(articles)

    @work(thread=True, group="library-added", exit_on_error=False)
    def count_cached(self, articles: list[Article]) -> None:
        """Counts for ``articles`` from the annotation cache only (the refresh annotates)."""
        from tui.service import cached

        found = {a.id: hit for a in articles if (hit := cached(a, self.model)) is not None}
        if found:
            self.annotations.update(found)
            self.app.call_from_thread(self._fill)

    def _visible(self) -> list[Article]:
        needle = self.filter_text.lower()
        chosen = [
            a
            for a in self.articles
            if not needle or needle in (a.title or "").lower() or needle in (a.source or "").lower()
        ]

        def key(article: Article) -> tuple:  # type: ignore[type-arg]
            annotation = self.annotations.get(article.id)
            if self.sort == "title":
                return ((article.title or "").lower(),)
            if self.sort == "quotes":
                return (-(len(annotation.quotes) if annotation else -1),)
            if self.sort == "speakers":
                return (-(len(annotation.speakers) if annotation else -1),)
            return (article.date or "",)

        return sorted(chosen, key=key, reverse=self.sort == "date")

    def _title_width(self) -> int:
        """What is left for titles once date, source and counts have their columns."""
        return max(self.app.size.width - 52, 16)

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        current = table.cursor_row
        table.clear()
        for article in self._visible():
            annotation = self.annotations.get(article.id)
            quotes = str(len(annotation.quotes)) if annotation else "…"
            speakers = str(len(annotation.speakers)) if annotation else "…"
            unread = "" if article.id in self.read else "●"
            table.add_row(
                Text(_fit(displayable(article.title or "(untitled)"), self._title_width())),
                Text(displayable(article.date or "")),
                Text(_fit(displayable(article.source or ""), 12)),
                Text(quotes, justify="right"),
                Text(speakers, justify="right"),
                Text(unread, style="bold"),
                key=article.id,
            )
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def annotate_library(self) -> None:
        """Counts from the cache first, then annotate the rest one by one."""
        from tui.service import annotate_cached, cached

        missing = []
        for article in self.articles:
            found = cached(article, self.model)
            if found is None:
                missing.append(article)
            else:
                self.annotations[article.id] = found
        self.app.call_from_thread(self._fill)
        for article in missing:
            try:
                self.annotations[article.id] = annotate_cached(article, self.model)
            except Exception as error:  # one bad article must not stop the library
                self.app.call_from_thread(
                    self.app.notify,
                    displayable(f"{article.title}: {error}")[:200],  # no raw ESC in a toast
                    severity="warning",
                    markup=False,
                )
                continue
            self.app.call_from_thread(self._fill)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        article = next((a for a in self.articles if a.id == message.row_key.value), None)
        if article is None:
            return
        from tui.screens.reader import ReaderScreen

        self.read.add(article.id)
        known = self.annotations.get(article.id)
        self.app.push_screen(ReaderScreen(article, model=self.model, annotation=known))

    def action_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, message: Input.Changed) -> None:
        self.filter_text = message.value
        self._fill()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        """Enter with words: the full-text Search view, run at once; empty: the table."""
        query = message.value.strip()
        self.query_one(DataTable).focus()
        if query:
            from tui.screens.search import SearchScreen

            self.app.push_screen(SearchScreen(query))

    def action_clear_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.value = ""
        box.display = False
        self.filter_text = ""
        self._fill()
        self.query_one(DataTable).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill()
        self.notify(f"sorted by {self.sort}", markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_first(self) -> None:
        self.query_one(DataTable).move_cursor(row=0)

    def action_last(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(table.row_count - 1, 0))
