"""Search the library: full text (FTS5) or ``speaker:NAME``, with highlighted snippets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.highlight import displayable, quiet_style
from tui.humantime import listing_date
from tui.screens.base import LibraryView, with_library
from tui.textfit import FittedLines
from tui.widgets.keyed_list import KeyedList

if TYPE_CHECKING:
    from tui.library import Hit

# private-use characters: FTS5 puts them around each match, and no article uses them
MARKS = ("\ue000", "\ue001")
MATCH_STYLE = "bold reverse"


def snippet_text(snippet: str, marks: tuple[str, str] = MARKS) -> Text:
    """The snippet as Text, its marked matches styled (never parsed as markup)."""
    opening, closing = marks
    text = Text()
    rest = snippet
    while rest:
        before, found, after = rest.partition(opening)
        text.append(displayable(before.replace(closing, "")))
        if not found:
            break
        match, _, rest = after.partition(closing)
        text.append(displayable(match.replace(opening, "")), style=MATCH_STYLE)
    return text


def hit_prompt(hit: Hit, quiet: Style | str = "dim") -> FittedLines:
    """Two lines: date (in ``quiet``) and title, then the snippet (or, for speaker:, who
    said what)."""
    prompt = Text()
    if hit.date:
        prompt.append(f"{listing_date(displayable(hit.date))}  ", style=quiet)
    prompt.append(displayable(hit.title or "(untitled)"), style="bold")
    prompt.append("\n  ")
    if hit.speaker:
        prompt.append(displayable(hit.speaker), style="italic")
        prompt.append(": ")
    prompt.append_text(snippet_text(" ".join(hit.snippet.split())))
    return FittedLines(prompt, wrap=True)


class SearchScreen(LibraryView):
    """Type to search the library; Enter (or ↓) moves to the results, Enter opens one."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="search.back"),
        Binding("ctrl+f,slash", "focus_query", "Query", show=False, id="search.query"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[Hit] = []
        self.hits_for: str | None = None  # the query self.hits answer
        self.submitted = False  # Enter was pressed before the hits of the query arrived

    def compose(self) -> ComposeResult:
        yield Static(Text("Search the library", style="bold"), classes="view-title")
        yield Input(
            value=self.initial_query,
            placeholder='words, "a phrase", title:word, or speaker:NAME',
            id="search-query",
        )
        yield Static(classes="view-message")
        yield KeyedList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self._say("")
        self.query_one("#search-query", Input).focus()
        self.connect()
        if self.initial_query:
            self.run_search(self.initial_query)

    def library_changed(self) -> None:
        query = self.query_one("#search-query", Input).value
        if query.strip():
            self.run_search(query)

    def on_input_changed(self, message: Input.Changed) -> None:
        message.stop()
        self.submitted = False
        self.run_search(message.value)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        """To the results, once they answer what was typed: a quick Enter after the last
        key must not land on the previous query's results."""
        message.stop()
        if self.hits_for == message.value:
            self._to_results()
        else:
            self.submitted = True

    def _to_results(self) -> None:
        self.submitted = False
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.focus()

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        try:
            hits = with_library(self.app, lambda library: library.search(query, marks=MARKS))
        except Exception as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._search_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._hits_ready, query, hits)

    def _search_failed(self, error: Exception) -> None:
        """No results for a failed search: nothing stale stays openable, Enter waits no more."""
        self.hits, self.hits_for, self.submitted = [], None, False
        self.query_one("#search-results", OptionList).clear_options()
        self.report(error)

    def _hits_ready(self, query: str, hits: list[Hit]) -> None:
        same = [h.article_id for h in hits] == [h.article_id for h in self.hits]
        self.hits = hits
        self.hits_for = query
        results = self.query_one("#search-results", OptionList)
        highlighted = results.highlighted if same else None  # the library changed under it
        results.clear_options()
        # a screenful now, the rest after the frame that shows it (50 snippets at once
        # delay the first row)
        first = len(hits) if highlighted is not None else max(self.app.size.height // 2, 1)
        quiet = quiet_style(self.app)
        results.add_options(
            Option(hit_prompt(hit, quiet), id=str(index)) for index, hit in enumerate(hits[:first])
        )
        if len(hits) > first:
            self.call_after_refresh(self._add_rest, hits, first)
        if highlighted is not None and hits:
            results.highlighted = min(highlighted, len(hits) - 1)
        if not query.strip():
            self._say("")
        elif not hits:
            self._say(f"Nothing found for {query.strip()}")
        else:
            plural = "article" if len(hits) == 1 else "articles"
            self._say(f"{len(hits)} {plural}")
        if self.submitted and query == self.query_one("#search-query", Input).value:
            self._to_results()

    def _add_rest(self, hits: list[Hit], first: int) -> None:
        if hits is not self.hits:
            return  # a newer search replaced them
        quiet = quiet_style(self.app)
        self.query_one("#search-results", OptionList).add_options(
            Option(hit_prompt(hit, quiet), id=str(index))
            for index, hit in enumerate(hits)
            if index >= first
        )

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        index = int(message.option.id or -1)
        if self.hits_for != self.query_one("#search-query", Input).value:
            return  # results of an earlier query, about to be replaced
        if 0 <= index < len(self.hits):
            self.open_article(self.hits[index].article_id)

    def action_back(self) -> None:
        """Esc leaves Search, from the query or the results alike (Ctrl+F returns to the
        query from the results)."""
        self.app.pop_screen()
