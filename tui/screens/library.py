"""The library: every stored article, a page at a time, with what Byline found in each.

The table fetches only the rows it shows (see :class:`tui.widgets.virtual_table.VirtualTable`),
so opening a library of 10^5 articles costs what one screen of rows costs; counts come from
the library's tallies. ``/`` filters titles and sources as you type (Enter there searches the
full text), ``s`` changes the sort, Enter reads an article (and marks it read). Read state
follows newsboat: ``N`` toggles it, ``n`` jumps to the next unread, ``A`` marks everything
read; ``D`` deletes an article after asking.

Articles lacking an annotation by this engine and model are annotated by a worker through
:func:`tui.service.index_library` (the one indexing path), visible rows first; their rows
fill in as it goes. Another process adding or removing articles shows within a second.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from tui.highlight import displayable, quiet_style
from tui.humantime import listing_date
from tui.library.db import SORT_DIRECTION
from tui.screens.base import NO_ARTICLES, NO_LIBRARY, LibraryView, fit
from tui.state import load_state, remember
from tui.textfit import outlet
from tui.widgets.one_line import OneLine
from tui.widgets.virtual_table import PAGE_SIZE, Column, VirtualTable

if TYPE_CHECKING:
    from tui.library import ArticleRow, Library

SORTS = ("title", "date", "quotes", "speakers")
SORTED_COLUMN = {"title": 1, "date": 2, "quotes": 4, "speakers": 5}  # the column each sorts by
VIEW_KEYS = "P people · F search · T stories · W feeds"
COLUMNS = (
    Column("", 1),
    Column("Title", weight=3),
    Column("Date", 11),
    Column("Source"),
    Column("Quotes", 8, "right"),
    Column("Speakers", 10, "right"),
)
UNREAD = "●"
FILTER_DELAY = 0.12  # seconds of quiet typing before a filter query runs
SCAN_ROWS = 512  # rows ``n`` looks through in cached pages before asking the library
INDEX_CHUNK = 8  # articles per index_library call: progress, cancelling, one bad article
PROGRESS_SECONDS = 0.5  # at most two row refreshes a second while annotating
WARNINGS_SHOWN = 3  # failed articles named one by one; the rest are counted


def _is_model_missing(error: Exception) -> bool:
    from tui.nlp.pipeline import ModelNotAvailable

    return isinstance(error, ModelNotAvailable)


def article_cells(row: ArticleRow) -> tuple[Text, ...]:
    """A listing row as cells; an article not annotated yet has "…" for its counts."""
    quotes = str(row.quotes) if row.annotated else "…"
    speakers = str(row.speakers) if row.annotated else "…"
    return (
        Text("" if row.read else UNREAD, style="bold"),
        Text(fit(row.title or "(untitled)", 400)),
        Text(listing_date(displayable(row.date or ""))),
        Text(fit(outlet(row.source or ""), 60)),
        Text(quotes),
        Text(speakers),
    )


class LibraryScreen(LibraryView):
    """The library's articles in a paged table, with read state and housekeeping keys."""

    BINDINGS = [
        Binding("slash", "filter", "Filter", id="library.filter"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("n", "next_unread", "Next unread", id="library.next_unread"),
        Binding("N", "toggle_read", "Read/unread", id="library.toggle_read"),
        Binding("A,ctrl+a", "mark_all_read", "All read", show=False, id="library.mark_all_read"),
        Binding("D,delete", "delete", "Delete", show=False, id="library.delete"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="library.clear"),
        Binding("down", "to_table", "To the list", show=False, id="library.to_table"),
    ]

    def __init__(self, db: Path | None = None, *, model: str | None = None) -> None:
        """``db``: the library file (None: the app's); ``model``: for annotating."""
        super().__init__(db)
        self.model = model
        remembered = load_state().get("library.sort")
        self.sort = remembered if remembered in SORTS else "date"
        self.filter_text = ""
        self.matches = 0  # rows the filter lets through
        self.annotating = ""  # the background annotation's progress line
        self._generation = 0  # bumped by every listing; late worker answers are dropped
        self._filter_timer: Timer | None = None
        self._open_when: int | None = None  # the listing whose first row Enter opens
        self._shown = False

    def compose(self) -> ComposeResult:
        yield OneLine(id="library-title")
        yield Static(classes="view-message")
        yield VirtualTable(COLUMNS, article_cells, id="library-table", empty=NO_ARTICLES)
        yield Static(id="library-status")
        yield Input(
            placeholder="filter by title or source (Enter opens the first match, ↓ the list)",
            id="library-filter",
        )
        yield Footer()

    @property
    def table(self) -> VirtualTable[ArticleRow]:
        return self.query_one("#library-table", VirtualTable)

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).display = False
        self.query_one("#library-status").display = False
        self._say("")
        self.table.focus()
        self.connect()
        self.relist()
        if self.library is not None:
            self.annotate_library(self._unannotated_on_screen())

    def on_screen_resume(self) -> None:
        """Back from the reader or a view: its row (read, annotated) and the counts."""
        if self._shown:  # the first showing follows on_mount, which has just listed
            self.library_changed()
        self._shown = True

    def library_changed(self) -> None:
        row = self.table.highlighted
        self.relist(keep=row.id if row is not None else None, index=self.table.cursor_row)

    # ------------------------------------------------------------------ the listing
    def _page(self, sort: str, needle: str | None, offset: int, limit: int) -> list[ArticleRow]:
        library = self.library
        if library is None:
            return []
        try:
            return library.articles(sort=sort, needle=needle, offset=offset, limit=limit)
        except Exception as error:
            self.report(error)
            return []

    def relist(self, *, keep: str | None = None, index: int = 0) -> None:
        """List the articles for the sort and filter: the cursor on ``keep`` (an article
        id) while it is listed, else at ``index``. Unfiltered, the count is a stored tally
        and this is immediate; a filter counts and fetches its first page in a worker."""
        self._generation += 1
        library = self.library
        self.table.mark_sorted(
            SORTED_COLUMN[self.sort], descending=SORT_DIRECTION[self.sort] == "DESC"
        )
        if library is None:
            self.table.empty = NO_LIBRARY
        elif self.filter_text:
            needle = fit(self.filter_text, 40)
            self.table.empty = f"No article matches '{needle}' — Esc clears the filter"
        else:
            self.table.empty = NO_ARTICLES
        if library is None:
            self.table.load(self._page_of(), 0)
            self._show_title()
            return
        if self.filter_text:
            self.filter_rows(self._generation, self.sort, self.filter_text, keep, index)
            return
        try:
            self.matches = library.count()
        except Exception as error:
            self.report(error)
            return
        self.table.load(self._page_of(), self.matches, cursor=index)
        self._show_title()
        if keep is not None:
            self._keep_cursor(keep, index)

    def _page_of(self) -> partial[list[ArticleRow]]:
        return partial(self._page, self.sort, self.filter_text or None)

    @work(thread=True, exclusive=True, group="library-filter", exit_on_error=False)
    def filter_rows(
        self, generation: int, sort: str, needle: str, keep: str | None, index: int
    ) -> None:
        """Count a filter's matches and fetch its first page (a LIKE scan: tens of ms at
        10^5 articles), then show them if the listing is still this one."""
        from tui.library import Library

        worker = get_current_worker()
        try:
            with Library(self.path) as library:
                count = library.count(needle=needle)
                first = library.articles(sort=sort, needle=needle, limit=PAGE_SIZE) if count else []
        except Exception as error:
            self.app.call_from_thread(self.report, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._filtered, generation, count, first, keep, index)

    def _filtered(
        self,
        generation: int,
        count: int,
        first: list[ArticleRow],
        keep: str | None,
        index: int,
    ) -> None:
        if generation != self._generation:
            return
        self.matches = count
        self.table.load(self._page_of(), count, cursor=index, first=first)
        self._show_title()
        if keep is not None:
            self._keep_cursor(keep, index)
        self._open_if_asked(generation)

    def _keep_cursor(self, article_id: str, near: int) -> None:
        """Put the cursor back on ``article_id``: looked for around its old place (a few
        rows added or removed above it), else asked of the library in a worker."""
        table = self.table
        page = table.page_size
        found = table.find(lambda r: r.id == article_id, near, near + page)
        if found is None:
            found = table.find(lambda r: r.id == article_id, near - 1, near - page - 1)
        if found is not None:
            table.move_cursor(found)
        else:
            self.locate(self._generation, article_id)

    @work(thread=True, exclusive=True, group="library-locate", exit_on_error=False)
    def locate(self, generation: int, article_id: str) -> None:
        """Where an article moved to (a window over the listing: slow at scale)."""
        from tui.library import Library

        try:
            with Library(self.path) as library:
                where = library.position(
                    article_id, sort=self.sort, needle=self.filter_text or None
                )
        except Exception:
            return
        if where is not None:
            self.app.call_from_thread(self._located, generation, where)

    def _located(self, generation: int, where: int) -> None:
        if generation == self._generation:
            self.table.move_cursor(where)

    def _show_title(self) -> None:
        title = Text("Library — ", style="bold")
        library = self.library
        if library is None:
            title.append(NO_LIBRARY)
        else:
            try:
                total = library.count()
                # while filtering the line has no room for the unread count: not asked
                unread = 0 if self.filter_text else library.count(unread_only=True)
            except Exception:
                total = unread = 0
            if self.filter_text:
                # the matches and the view keys fit the line (at 80 columns too): the
                # filter's words are cut to what is left, the unread count left out
                found = f"{self.matches:,} of {total:,} match '"
                room = self.app.size.width - len(title) - len(found) - len(VIEW_KEYS) - 5
                needle = fit(self.filter_text, max(min(room, 40), 8))
                title.append(f"{found}{needle}'", style="bold")
            else:
                plural = "article" if total == 1 else "articles"
                title.append(f"{total:,} {plural}", style="bold")
                title.append(f" · {unread:,} unread")
        title.append(f" · {VIEW_KEYS}", style=quiet_style(self.app))
        self.query_one("#library-title", OneLine).update(title)

    # ------------------------------------------------------------------ reading
    def on_virtual_table_row_selected(self, message: VirtualTable.RowSelected) -> None:
        message.stop()
        self.open_article(message.row.id)

    def has_neighbour(self, step: int) -> bool:
        """Whether a loaded row lies ``step`` rows from the cursor (the reader's J/K)."""
        index = self.table.cursor_row + step
        return 0 <= index < self.table.row_count and self.table.row(index) is not None

    def read_neighbour(self, step: int) -> None:
        """Open the article ``step`` rows from the cursor, the cursor moved onto it."""
        if not self.has_neighbour(step):
            return
        index = self.table.cursor_row + step
        row = self.table.row(index)
        self.table.move_cursor(index)
        if row is not None:
            self.open_article(row.id)

    def action_toggle_read(self) -> None:
        row = self.table.highlighted
        if row is None or self.library is None:
            return
        try:
            self.library.mark_read(row.id, read=not row.read)
        except Exception as error:
            self.report(error)
            return
        self.table.reload()
        self._show_title()

    def _unread(self, none_left: str) -> int:
        """How many articles are unread (0, said as ``none_left``, when none or unknown)."""
        library = self.library
        if library is None:
            return 0
        try:
            unread = library.count(unread_only=True)
        except Exception as error:
            self.report(error)
            return 0
        if not unread:
            self.notify(none_left, markup=False)
        return unread

    def action_next_unread(self) -> None:
        """The next unread row below the cursor, wrapping round to the top."""
        table = self.table
        if not self._unread("No unread articles"):
            return
        start = table.cursor_row
        stop = min(start + 1 + SCAN_ROWS, table.row_count)
        found = table.find(lambda r: not r.read, start + 1, stop)
        if found is None and stop == table.row_count:  # the end is in reach: wrap round
            found = table.find(lambda r: not r.read, 0, min(start, SCAN_ROWS))
        if found is not None:
            table.move_cursor(found)
            return
        current = table.highlighted
        self.seek_unread(self._generation, current.id if current is not None else None)

    @work(thread=True, exclusive=True, group="library-locate", exit_on_error=False)
    def seek_unread(self, generation: int, after: str | None) -> None:
        """Ask the library for the next unread article when it is far from the cursor."""
        from tui.library import Library

        needle = self.filter_text or None
        try:
            with Library(self.path) as library:
                found = library.next_unread(after, sort=self.sort, needle=needle)
                where = (
                    library.position(found, sort=self.sort, needle=needle)
                    if found is not None
                    else None
                )
        except Exception as error:
            self.app.call_from_thread(self.report, error)
            return
        if where is None:
            self.app.call_from_thread(self.notify, "No unread articles here", markup=False)
        else:
            self.app.call_from_thread(self._located, generation, where)

    def action_mark_all_read(self) -> None:
        unread = self._unread("Nothing unread")
        if not unread:
            return
        if unread == 1:
            self._mark_all_read(True)
            return
        from tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(f"Mark all {unread:,} unread articles read?"), self._mark_all_read
        )

    def _mark_all_read(self, yes: bool | None) -> None:
        if not yes or self.library is None:
            return
        try:
            changed = self.library.mark_all_read()
        except Exception as error:
            self.report(error)
            return
        self.table.reload()
        self._show_title()
        plural = "article" if changed == 1 else "articles"
        self.notify(f"Marked {changed:,} {plural} read", markup=False)

    def action_delete(self) -> None:
        row = self.table.highlighted
        if row is None:
            return
        from tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen("Delete this article from the library?", row.title or "(untitled)"),
            partial(self._delete, row),
        )

    def _delete(self, row: ArticleRow, yes: bool | None) -> None:
        if not yes or self.library is None:
            return
        try:
            removed = self.library.delete_articles([row.id])
        except Exception as error:
            self.report(error)
            return
        self.relist(index=self.table.cursor_row)
        if removed:
            self.notify(f"Deleted {fit(row.title or '(untitled)', 60)}", markup=False)

    # ------------------------------------------------------------------ filter and sort
    def action_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        if message.value.strip() == self.filter_text:  # a space, or cleared by Esc
            return
        self.filter_text = message.value.strip()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.relist)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        """Enter with words: the list filtered by them, and its first article opened (F
        searches the text itself); empty: the list."""
        message.stop()
        query = message.value.strip()
        self.table.focus()
        if not query:
            return
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.filter_text = query
        self.relist()  # now, not after the typing delay
        self._open_when = self._generation

    def action_to_table(self) -> None:
        """↓ from the filter: into the list, the filter kept."""
        self.table.focus()

    def _open_if_asked(self, generation: int) -> None:
        """Open the first row of the listing Enter asked for, once it is shown."""
        if self._open_when != generation:
            return
        self._open_when = None
        row = self.table.highlighted
        if row is not None:
            self.open_article(row.id)

    def action_clear_filter(self) -> None:
        box = self.query_one("#library-filter", Input)
        if not box.display and not self.filter_text:
            return
        box.value = ""
        box.display = False
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.filter_text = ""
        row = self.table.highlighted
        self.relist(keep=row.id if row is not None else None)
        self.table.focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        remember("library.sort", self.sort)
        self.relist()
        self.notify(f"sorted by {self.sort}", markup=False)

    # ------------------------------------------------------------------ annotating
    def _unannotated_on_screen(self) -> list[str]:
        table = self.table
        top = round(table.scroll_y)
        rows = (table.row(i) for i in range(top, min(top + table.page_size, table.row_count)))
        return [row.id for row in rows if row is not None and not row.annotated]

    @work(thread=True, exclusive=True, group="library-annotate", exit_on_error=False)
    def annotate_library(self, first: list[str]) -> None:
        """Annotate what lacks an annotation by this engine and model, the rows on screen
        first, then the newest added; rows fill in as annotations are stored."""
        from tui.library import Library
        from tui.service import engine_key

        try:
            with Library(self.path) as library:
                self._annotate_missing(library, first, *engine_key(self.model))
                self._relink(library)
        except Exception as error:  # the library or the engine, not one article: stop
            self.app.call_from_thread(self._annotated, 0, 0, 0)
            self.app.call_from_thread(self._warn, f"Annotating: {error}")

    def _annotate_missing(
        self, library: Library, first: list[str], version: str, model: str
    ) -> None:
        """:func:`tui.service.index_library` a few articles at a time, so progress shows,
        leaving the screen stops it soon, and an article the engine fails on is named
        and skipped; a missing model stops it at once."""
        from tui.service import index_library

        worker = get_current_worker()
        call = self.app.call_from_thread
        missing = library.missing_annotation_ids(version, model)
        wanted = set(missing)
        order = [i for i in first if i in wanted]
        early = set(order)
        order += [i for i in reversed(missing) if i not in early]
        total, failed, shown = len(order), 0, 0.0
        for start in range(0, total, INDEX_CHUNK):
            if worker.is_cancelled:
                return
            chunk = order[start : start + INDEX_CHUNK]
            while chunk:
                try:
                    index_library(library, ids=chunk, model=self.model)
                    break
                except Exception as error:
                    if _is_model_missing(error):
                        raise
                    # the article the engine failed on is the oldest one still missing
                    left = library.missing_annotation_ids(version, model, among=chunk)
                    if not left:
                        break
                    bad, chunk = left[0], left[1:]
                    failed += 1
                    if failed <= WARNINGS_SHOWN:
                        row = library.rows([bad]).get(bad)
                        call(self._warn, f"{row.title if row else bad}: {error}")
            done = min(start + INDEX_CHUNK, total)
            if time.monotonic() - shown >= PROGRESS_SECONDS or done == total:
                shown = time.monotonic()
                call(self._annotated, done, total, failed)

    def _relink(self, library: Library) -> None:
        """Link the stories again under this version's rules when an upgrade changed
        them (:meth:`tui.library.Library.relink_stories`), a group of articles at a time,
        so the screen stays live and leaving it stops the work (the next run goes on)."""
        from tui.library.db import RELINK_GROUP

        worker = get_current_worker()
        state = library.relink_progress()
        shown = 0.0
        while state is not None and not worker.is_cancelled:
            state = library.relink_stories(articles=RELINK_GROUP)  # then look at the worker
            if state is None or time.monotonic() - shown >= PROGRESS_SECONDS:
                shown = time.monotonic()
                self.app.call_from_thread(self._linking, state)

    def _linking(self, state: tuple[int, int] | None) -> None:
        status = self.query_one("#library-status", Static)
        if state is None:
            status.display = False
            return
        done, total = state
        status.update(
            Text(
                f"linking stories again: {done:,} of {total:,} articles…",
                style=quiet_style(self.app),
            )
        )
        status.display = True

    def _warn(self, message: str) -> None:
        self.app.notify(displayable(message)[:200], severity="warning", markup=False)

    def _annotated(self, done: int, total: int, failed: int) -> None:
        """Progress from the annotating worker: the status line, and the rows refreshed."""
        status = self.query_one("#library-status", Static)
        if done >= total:
            self.annotating = ""
            status.display = False
            if failed > WARNINGS_SHOWN:
                self._warn(f"{failed:,} articles could not be annotated")
        else:
            self.annotating = f"annotating {done:,} of {total:,} articles…"
            status.update(Text(self.annotating, style=quiet_style(self.app)))
            status.display = True
        self.poll()
