"""What every screen drawn from the library shares: finding and opening the library, a
message line, noticing other processes, and opening an article in the reader.

Each screen opens one connection on the UI thread for what it shows a page at a time (an
indexed query costs about a millisecond in WAL mode); anything slower runs in a worker
with a connection of its own. A screen polls ``PRAGMA data_version`` (free) and reloads
when another connection has committed: ``byline add`` in another terminal, a feed refresh
or the background annotation. Opening never creates a library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from tui.highlight import Selection, displayable
from tui.textfit import cut

if TYPE_CHECKING:
    from tui.library import Library

NO_LIBRARY = "No library yet — add articles with `byline add`"
NO_ARTICLES = "No articles yet — add some with `byline add`"
POLL_SECONDS = 1.0

_T = TypeVar("_T")


class NoLibrary(Exception):
    """There is no library file, or it holds no articles: said on the screen, not raised."""


def library_path(app: Any) -> Path:
    """The app's library file: ``BylineApp.db``, else ``$BYLINE_DB`` or the default."""
    from tui.library import default_db_path

    given = getattr(app, "db", None)
    return Path(given).expanduser() if given else default_db_path()


def with_library(app: Any, action: Callable[[Library], _T], *, db: Path | None = None) -> _T:
    """Run ``action`` on the library (``db``, else the app's); from worker threads only.

    Raises :class:`NoLibrary` when there is no library file (:data:`NO_LIBRARY`) or it has
    no articles (:data:`NO_ARTICLES`); opening never creates one.
    """
    from tui.library import Library

    path = db or library_path(app)
    if not path.is_file():
        raise NoLibrary(NO_LIBRARY)
    with Library(path) as library:
        if not library.article_count():
            raise NoLibrary(NO_ARTICLES)
        return action(library)


def fit(text: str, width: int) -> str:
    """``text`` on one safe line of at most ``width`` characters."""
    return cut(" ".join(displayable(text).split()), width)


class LibraryView(Screen[None]):
    """A screen drawn from the library: a message line, a polled connection, the reader."""

    def __init__(self, db: Path | None = None) -> None:
        """``db``: the library to show; None: the app's."""
        super().__init__()
        self.db = db
        self.library: Library | None = None
        self._version: int | None = None

    @property
    def path(self) -> Path:
        return self.db or library_path(self.app)

    def connect(self) -> Library | None:
        """The screen's connection, opened on first use; None while there is no library."""
        if self.library is None and self.path.is_file():
            from tui.library import Library

            try:
                self.library = Library(self.path)
                self._version = self.library.data_version()
            except Exception as error:
                self.report(error)
                return None
        return self.library

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll, name="library-poll")
        # colours computed for the theme (tui.palette) are drawn again for a new one
        self.watch(self.app, "theme", lambda _theme: self.library_changed(), init=False)

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None

    def poll(self) -> None:
        """Reload when another connection committed (or the library file appeared)."""
        if self.library is None:
            if self.connect() is not None:
                self.library_changed()
            return
        try:
            version = self.library.data_version()
        except Exception:  # a busy or vanished file: ask again next time
            return
        if version != self._version:
            self._version = version
            self.library_changed()

    def library_changed(self) -> None:
        """Show the library again (another process changed it); screens override this."""

    # ------------------------------------------------------------------ messages
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
            if opener is not None:
                result = opener(self.app, operation)
            else:
                result = with_library(self.app, operation, db=self.db)
        except Exception as error:
            self.app.call_from_thread(self.report, error)
            return False
        self.app.call_from_thread(ready, result)
        return True

    def report(self, error: Exception) -> None:
        """A failure, on the UI thread: the no-library message or a notification."""
        if isinstance(error, NoLibrary):
            self._say(str(error))
            return
        message = displayable(f"Library: {error}")[:200]
        self._say(message)
        self.app.notify(message, severity="error", markup=False)

    # ------------------------------------------------------------------ reading
    def open_article(self, article_id: str, selection: Selection | None = None) -> None:
        """Read an article: marked read at once, its stored annotation shown with it."""
        from tui.screens.reader import ReaderScreen
        from tui.service import engine_key

        library = self.connect()
        if library is None:
            self.report(NoLibrary(NO_LIBRARY))
            return
        model = getattr(self.app, "model", None)
        try:
            article = library.article(article_id)
            if article is None:
                self.app.notify("That article is no longer in the library", markup=False)
                self.library_changed()
                return
            library.mark_read(article_id)
        except Exception as error:
            self.report(error)
            return
        try:
            stored = library.annotation(article_id, *engine_key(model))
        except Exception:  # the reader's worker tries again, and says what went wrong
            stored = None
        self.app.push_screen(
            ReaderScreen(
                article,
                model=model,
                initial_selection=selection,
                annotation=stored,
                db=self.path,
            )
        )

    def action_back(self) -> None:
        self.app.pop_screen()
