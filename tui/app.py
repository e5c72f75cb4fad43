"""The Textual application: the library, the reader and help, driven from the keyboard.

Nothing here imports spaCy: the first screen is drawn from the article text alone, and
annotation happens in worker threads (see :mod:`tui.service`). Started with no articles the
app lists the library; with one file it reads it; with several files it lists them through
a throwaway library of their own, so every listing is the same paged table.
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.notifications import Notify
from textual.screen import Screen

from tui.highlight import Selection, displayable
from tui.model import Annotation, Article
from tui.palette import sixteen_colours
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.state import load_state, remember


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
    NOTIFICATION_TIMEOUT = 3  # short: a toast says what happened, then gets out of the way
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
        keymap_warning: str | None = None,
    ) -> None:
        """``articles``: none to list the library (``db``), files to read or list;
        ``notice``: a library recovery (a damaged file moved aside) to show on start."""
        super().__init__()
        self.articles = articles
        self.model = model
        self.db = db  # the library file; None: $BYLINE_DB or the default
        self._keymap = keymap or {}
        self.open_single = open_single
        self.notice = notice
        self.keymap_warning = keymap_warning  # remaps dropped (tui.keymap), said on start
        self._session: tempfile.TemporaryDirectory[str] | None = None

    def key_for(self, binding_id: str, default: str) -> str:
        """How to write the key of a binding as the user has it (their remap, if any)."""
        keys = self._keymap.get(binding_id)
        if not keys:
            return default
        return self.get_key_display(Binding(keys.split(",")[0], ""))

    def _on_notify(self, event: Notify) -> None:
        """One toast at a time: a new one replaces the last instead of stacking over the
        text (the notification arrives as a message, so this is where it is shown)."""
        self._notifications.clear()
        super()._on_notify(event)

    def on_mount(self) -> None:
        if sixteen_colours():
            self.add_class("-sixteen")  # the stylesheet's 16-colour rules
        theme = load_state().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.watch(self, "theme", lambda name: remember("theme", name), init=False)
        if self._keymap:
            self.set_keymap(self._keymap)
        if len(self.articles) == 1 and self.open_single:
            self.push_screen(ReaderScreen(self.articles[0], model=self.model))
        else:
            from tui.screens.library import LibraryScreen

            self.push_screen(LibraryScreen(self._listed(), model=self.model))
        if self.keymap_warning:
            self.notify(self.keymap_warning, severity="warning", timeout=10, markup=False)
        if self.notice:
            self.notify(
                self.notice, title="Library recovered", severity="warning", timeout=30, markup=False
            )

    def _listed(self) -> Path | None:
        """The library the first screen lists: the app's (None), or for files given on
        the command line a throwaway one holding them, removed when the app ends."""
        if not self.articles:
            return None
        from tui.library import Library

        self._session = tempfile.TemporaryDirectory(prefix="byline-")
        path = Path(self._session.name) / "files.sqlite3"
        with Library(path) as library:
            library.add_articles(self.articles)
        return path

    def on_unmount(self) -> None:
        if self._session is not None:
            self._session.cleanup()

    def action_open_file(self) -> None:
        from tui.screens.open_file import OpenFileScreen

        def opened(article: Article | None) -> None:
            if article is not None:
                self.push_screen(ReaderScreen(article, model=self.model))

        self.push_screen(OpenFileScreen(), opened)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIBRARY_VIEWS:
            screen = self.screen
            if isinstance(screen, HelpScreen):  # listed for the library, not run from help
                return None if _is_library(screen.target) else False
            return _is_library(screen)
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

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------------ palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        # Textual's own "Keys" (its key panel) would stand beside ours under the same name
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
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
                "Download it as JSON" if self.is_web else "Write it as JSON to a file",
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
        """Ask where to write the annotation JSON (the current folder's
        ``byline-<id>.json``, shown absolute), then write it and say where; served to a
        browser, send it to the visitor as a download instead (the server's folders are
        not theirs)."""
        annotation = screen.annotation
        if annotation is None:
            self.notify("Not annotated yet", markup=False)
            return
        name = f"byline-{annotation.article.id}.json"
        if self.is_web:
            from tui.library import export_annotation

            self.deliver_text(
                io.StringIO(export_annotation(annotation, "json")),
                save_filename=name,
                open_method="download",
                mime_type="application/json",
            )
            self.notify(f"Sent {name} to your browser as a download", markup=False)
            return
        from tui.screens.dialogs import AskScreen

        try:
            suggested = str(Path.cwd() / name)
        except OSError:  # the current folder is gone
            suggested = name

        def chosen(answer: str | None) -> None:
            if answer:
                self._write_export(annotation, answer, name)

        self.push_screen(AskScreen("Export the annotation as JSON to", value=suggested), chosen)

    def _write_export(self, annotation: Annotation, answer: str, name: str) -> None:
        from tui.library import export_annotation

        try:
            path = Path(answer).expanduser()
        except RuntimeError:  # ~someone who does not exist: the path as typed
            path = Path(answer)
        if path.is_dir():
            path = path / name
        try:
            path.write_text(export_annotation(annotation, "json"), encoding="utf-8")
        except OSError as error:
            shown = displayable(str(path))
            self.notify(
                f"Could not write {shown}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
            return
        self.notify(f"Wrote {displayable(str(path.resolve()))}", markup=False)
