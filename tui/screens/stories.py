"""Stories: events reported by several articles of the library, with their articles.

The library links events as annotations are stored, so this asks for the top stories
(``Library.stories(limit=…)``) and the listing rows of their articles only, never for
every article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.highlight import displayable
from tui.screens.base import LibraryView

if TYPE_CHECKING:
    from tui.library import Library


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as shown: its event word and its articles (id, title, date), oldest first."""

    lemma: str
    events: int
    articles: tuple[tuple[str, str, str], ...]


STORIES_SHOWN = 200


def load_stories(library: Library, limit: int = STORIES_SHOWN) -> list[StoryRow]:
    """The ``limit`` stories told by the most articles, with those articles' rows."""
    stories = library.stories(limit=limit)
    rows = library.rows([aid for story in stories for aid in story.article_ids])
    found = []
    for story in stories:
        articles = [
            (aid, rows[aid].title or "(untitled)", rows[aid].date or "")
            for aid in story.article_ids
            if aid in rows
        ]
        articles.sort(key=lambda a: (a[2] or "9999", a[1]))  # undated last
        found.append(StoryRow(story.lemma, len(story.members), tuple(articles)))
    return found


def story_prompt(story: StoryRow) -> Text:
    plural = "article" if len(story.articles) == 1 else "articles"
    prompt = Text(displayable(story.lemma), style="bold")
    prompt.append(f"  {len(story.articles)} {plural}", style="dim")
    for _, title, date in story.articles:
        prompt.append("\n  ")
        prompt.append(f"{displayable(date) or 'undated':<10}", style="dim")
        prompt.append("  ")
        prompt.append(displayable(title))
    return prompt


class StoriesScreen(LibraryView):
    """Linked events across articles; Enter opens a story's first article."""

    BINDINGS = [
        Binding("j", "cursor('down')", "Down", show=False, id="stories.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="stories.up"),
        Binding("escape", "back", "Back", id="stories.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[StoryRow] = []

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
        self.from_library(
            lambda library: (load_stories(library), library.story_count()), self._ready
        )

    def _ready(self, found: tuple[list[StoryRow], int]) -> None:
        stories, total = found
        listing = self.query_one("#stories-list", OptionList)
        highlighted = listing.highlighted
        self.stories = stories
        if not stories:
            self._say("No stories yet: no event is reported by more than one article")
        elif total > len(stories):
            self._say(
                f"{total:,} stories told by more than one article;"
                f" the {len(stories)} told by the most"
            )
        else:
            self._say(f"{total:,} stories told by more than one article")
        listing.clear_options()
        listing.add_options(
            Option(story_prompt(story), id=str(index)) for index, story in enumerate(stories)
        )
        if stories:
            listing.highlighted = min(highlighted or 0, len(stories) - 1)

    def action_cursor(self, direction: str) -> None:
        listing = self.query_one("#stories-list", OptionList)
        if direction == "down":
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        index = int(message.option.id or -1)
        if 0 <= index < len(self.stories) and self.stories[index].articles:
            self.open_article(self.stories[index].articles[0][0])
