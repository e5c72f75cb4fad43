"""The Textual application: the library, the reader and help, driven from the keyboard.

Nothing here imports spaCy: the first screen is drawn from the article text alone, and
annotation happens in worker threads (see :mod:`tui.service`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from tui.highlight import Selection, displayable
from tui.model import Article
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from tui.screens.feeds import FeedsScreen


def _is_library(screen: object) -> bool:
    """Whether ``screen`` is the library, without importing it for the reader's first screen."""
    module = sys.modules.get("tui.screens.library")
    return module is not None and isinstance(screen, module.LibraryScreen)


class BylineApp(App[None]):
    CSS_PATH = str(Path(__file__).with_name("byline.tcss"))
    TITLE = "Byline"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        # the library's cross-article views (app-level, active on the library screen only)
        Binding("P", "people", "People", show=False, id="library.people"),
        Binding("ctrl+f,F", "search", "Search", show=False, id="library.search"),
        Binding("T", "stories", "Stories", show=False, id="library.stories"),
        Binding("W", "feeds", "Feeds", show=False, id="library.feeds"),
    ]
    LIBRARY_VIEWS = frozenset({"people", "search", "stories", "feeds"})
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        articles: list[Article],
        *,
        model: str | None = None,
        keymap: dict[str, str] | None = None,
        open_single: bool = True,
        db: str | Path | None = None,
        notice: str | None = None,
    ) -> None:
        """``notice``: a library recovery (a damaged file moved aside) to show on start."""
        super().__init__()
        self.articles = articles
        self.model = model
        self.db = db  # the library file for People/Search/Stories; None: $BYLINE_DB or default
        self._keymap = keymap or {}
        self.open_single = open_single
        self.notice = notice

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if len(self.articles) == 1 and self.open_single:
            self.push_screen(ReaderScreen(self.articles[0], model=self.model))
        else:
            from tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(self.articles, model=self.model))
        if self.notice:
            self.notify(
                self.notice, title="Library recovered", severity="warning", timeout=30, markup=False
            )

    def action_open_file(self) -> None:
        from tui.screens.open_file import OpenFileScreen

        def opened(article: Article | None) -> None:
            if article is not None:
                self.push_screen(ReaderScreen(article, model=self.model))

        self.push_screen(OpenFileScreen(), opened)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIBRARY_VIEWS:
            return _is_library(self.screen)
        return True

    def action_people(self) -> None:
        from tui.screens.people import PeopleScreen

        self.push_screen(PeopleScreen())

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_stories(self) -> None:
        from tui.screens.stories import StoriesScreen

        self.push_screen(StoriesScreen())

    def action_feeds(self) -> None:
        from tui.screens.feeds import FeedsScreen

        self.push_screen(FeedsScreen())

    def on_feeds_screen_articles_added(self, message: FeedsScreen.ArticlesAdded) -> None:
        """A refresh added articles: every library screen in the stack shows them."""
        for screen in self.screen_stack:
            if _is_library(screen):
                screen.add_articles(message.articles)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------------ palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        yield from super().get_system_commands(screen)
        yield SystemCommand("Keys", "Show every key of this screen", self.action_help)
        yield SystemCommand("Open file", "Open an article in the reader", self.action_open_file)
        yield SystemCommand("People", "Every speaker in the library", self.action_people)
        yield SystemCommand("Search library", "Full text, or speaker:NAME", self.action_search)
        yield SystemCommand("Stories", "Events told by several articles", self.action_stories)
        yield SystemCommand("Feeds", "Subscriptions: refresh, read new articles", self.action_feeds)
        if isinstance(screen, ReaderScreen):
            for layer in ("speakers", "quotes", "events", "entities"):
                yield SystemCommand(
                    f"Toggle {layer} highlights",
                    f"Show or hide the {layer} layer in the article",
                    lambda layer=layer: screen.action_toggle_layer(layer),
                )
            yield SystemCommand(
                "All highlights on/off", "The plain article", screen.action_toggle_all
            )
            yield SystemCommand(
                "Copy quote",
                "Copy the selected quote with its attribution",
                screen.action_copy_quote,
            )
            yield SystemCommand(
                "Open article URL", "In a browser, or copy it", screen.action_open_url
            )
            yield SystemCommand(
                "Export annotation",
                "Write the annotation JSON to the current folder",
                lambda: self.export(screen),
            )
            if screen.annotation is not None:
                for speaker in screen.annotation.speakers:
                    yield SystemCommand(
                        # the palette parses its titles as markup: a name is text
                        f"Jump to speaker: {escape(displayable(speaker.name))}",
                        "Select this speaker and show their quotes",
                        lambda sid=speaker.id: setattr(
                            screen, "selection", Selection("speaker", sid)
                        ),
                    )

    def export(self, screen: ReaderScreen) -> None:
        if screen.annotation is None:
            self.notify("Not annotated yet", markup=False)
            return
        name = f"byline-{screen.annotation.article.id}.json"
        try:
            Path(name).write_text(screen.annotation.to_json(indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not write {name}: {error.strerror}", severity="error", markup=False)
            return
        self.notify(f"Wrote {name}", markup=False)
