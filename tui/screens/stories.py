"""Stories: events reported by several articles of the library, with their articles.

The library links events as annotations are stored, so this asks for the top stories
(``Library.story_list``: stored clusters and the listing rows of their first articles),
never for every article or event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.highlight import Selection, displayable, quiet_style
from tui.humantime import listing_date
from tui.screens.master_detail import MasterDetailView
from tui.textfit import FittedLines

if TYPE_CHECKING:
    from tui.library import Library


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as shown: its event word, counts and first articles (id, title, date)."""

    lemma: str
    events: int
    articles: tuple[tuple[str, str, str], ...]
    total: int = 0  # articles telling it (``articles`` holds the first few)
    events_of: tuple[str, ...] = ()  # the story's event in each of ``articles`` ("": ask)
    id: int = 0  # the story's id in the library
    merged: int = 0  # other stored stories of the same articles, listed in this one


STORIES_SHOWN = 100
FIRST_SHOWN = 12  # drawn first: more than a 45-row screen holds
ARTICLES_SHOWN = 8  # per story; the rest are counted


def load_stories(library: Library, limit: int = STORIES_SHOWN) -> list[StoryRow]:
    """The ``limit`` stories told by the most articles, with their first articles' rows."""
    return [
        StoryRow(
            story.label,
            story.events,
            tuple(
                (row.id, row.title or "(untitled)", row.date or "") for row in story.first_articles
            ),
            story.articles,
            story.first_events,
            story.id,
            story.merged,
        )
        for story in library.story_list(limit=limit, articles_each=ARTICLES_SHOWN)
    ]


def story_prompt(story: StoryRow, quiet: Style | str = "dim") -> FittedLines:
    """The story's label and size, then its articles' dates (in ``quiet``) and titles."""
    total = max(story.total, len(story.articles))
    plural = "article" if total == 1 else "articles"
    prompt = Text(displayable(story.lemma), style="bold")
    prompt.append(f"  {total} {plural}", style=quiet)
    for _, title, date in story.articles:
        prompt.append("\n  ")
        prompt.append(f"{listing_date(displayable(date)) or 'undated':<11}", style=quiet)
        prompt.append("  ")
        prompt.append(displayable(title))
    if total > len(story.articles):
        prompt.append(f"\n  … and {total - len(story.articles)} more", style=quiet)
    return FittedLines(prompt)


def _stories(count: int) -> str:
    return f"{count:,} {'story' if count == 1 else 'stories'}"


class StoriesScreen(MasterDetailView):
    """Linked events across articles; Enter opens a story's first article."""

    MASTER = "stories-list"

    BINDINGS = [
        Binding("j", "cursor('down')", "Down", show=False, id="stories.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="stories.up"),
        Binding("escape", "back", "Back", id="stories.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[StoryRow] = []
        self._relinking: tuple[int, int] | None = None  # (done, total) while relinking
        self._total = 0
        self._reading: tuple[StoryRow, list[str], int] | None = None  # story, its ids, where

    def compose(self) -> ComposeResult:
        yield Static(Text("Stories", style="bold"), classes="view-title")
        yield Static(Text("Loading…"), classes="view-message")
        yield OptionList(id="stories-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stories-list", OptionList).focus()
        self.connect()
        self.load()

    def library_changed(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def load(self) -> None:
        """The first screenful at once (the rest follows it: :meth:`load_rest`)."""
        self.from_library(
            lambda library: (
                load_stories(library, FIRST_SHOWN),
                library.story_count(),
                library.relink_progress(),
            ),
            self._first,
        )

    @work(thread=True, exclusive=True, group="stories-rest", exit_on_error=False)
    def load_rest(self) -> None:
        """The rest of the list, once the first screenful is on screen."""
        self.from_library(lambda library: load_stories(library), self._more)

    def _tell(self, shown: int) -> None:
        # stored stories of the same articles are one entry: count entries, not rows
        from tui.library.records import story_entries  # the library loads after the frame

        total = max(story_entries(self._total, self.stories), shown)
        if self._relinking is not None:  # an upgrade changed the link rules
            done, articles = self._relinking
            self._say(
                f"Linking stories again under this version's rules: {done:,} of {articles:,}"
                f" articles; {_stories(total)} so far"
            )
        elif not shown:
            self._say("No stories yet: no event is reported by more than one article")
        elif total > shown:
            self._say(
                f"{_stories(total)} told by more than one article; the {shown} told by the most"
            )
        else:
            self._say(f"{_stories(total)} told by more than one article")

    def _first(self, found: tuple[list[StoryRow], int, tuple[int, int] | None]) -> None:
        """The first screenful only (a big story lists several articles): drawing more
        before the first frame would only delay it; the rest come with :meth:`_more`."""
        stories, total, self._relinking = found
        height = max(self.app.size.height, 1)
        lines = 0
        for index, story in enumerate(stories):
            lines += 1 + len(story.articles) + (story.total > len(story.articles))
            if lines >= height:
                stories = stories[: index + 1]
                break
        self._ready((stories, total))
        if stories:  # after the first frame: a hundred stories drawn before it delay it
            self.call_after_refresh(self.load_rest)

    def _ready(self, found: tuple[list[StoryRow], int]) -> None:
        stories, total = found
        listing = self.query_one("#stories-list", OptionList)
        highlighted = listing.highlighted
        self.stories = stories
        self._total = total
        self._tell(len(stories))
        listing.clear_options()
        quiet = quiet_style(self.app)
        listing.add_options(
            Option(story_prompt(story, quiet), id=str(index)) for index, story in enumerate(stories)
        )
        if stories:
            listing.highlighted = min(highlighted or 0, len(stories) - 1)

    def _more(self, stories: list[StoryRow]) -> None:
        """The stories after the first screenful (those already shown stay as they are)."""
        if stories[: len(self.stories)] != self.stories:
            self._ready((stories, max(len(stories), self._total)))
            return
        listing = self.query_one("#stories-list", OptionList)
        quiet = quiet_style(self.app)
        listing.add_options(
            Option(story_prompt(story, quiet), id=str(index))
            for index, story in enumerate(stories)
            if index >= len(self.stories)
        )
        self.stories = stories
        self._tell(len(stories))

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        index = int(message.option.id or -1)
        if 0 <= index < len(self.stories) and self.stories[index].articles:
            story = self.stories[index]
            self._reading = (story, self._article_ids(story), 0)
            self._open_reading()

    def _article_ids(self, story: StoryRow) -> list[str]:
        """Every article of the story (the list shows the first few), in its order."""
        listed = [article_id for article_id, _, _ in story.articles]
        if not story.id or self.library is None or story.total <= len(listed):
            return listed
        try:
            return self.library.story_article_ids(story.id) or listed
        except Exception:  # the listed ones are walked instead
            return listed

    def _open_reading(self) -> None:
        """The story's current article, opened on the story's event in it (selected, its
        sentence scrolled to)."""
        if self._reading is None:
            return
        story, ids, position = self._reading
        article_id = ids[position]
        known = dict(zip((a[0] for a in story.articles), story.events_of, strict=False))
        event = known.get(article_id, "")  # the first article's is looked up with the list
        if not event and story.id and self.library is not None:
            try:
                event = self.library.story_event(story.id, article_id)
            except Exception:  # the article opens at its top instead
                event = ""
        self.open_article(article_id, Selection("event", event) if event else None)

    # The reader's J/K walk the articles of the story it was opened from. The story is
    # kept whole: the list reloads under the reader (reading marks articles read).
    def has_neighbour(self, step: int) -> bool:
        if self._reading is None:
            return False
        _, ids, position = self._reading
        return 0 <= position + step < len(ids)

    def read_neighbour(self, step: int) -> None:
        if self._reading is None or not self.has_neighbour(step):
            return
        story, ids, position = self._reading
        self._reading = (story, ids, position + step)
        self._open_reading()
