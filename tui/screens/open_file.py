"""Ask for a file to open (from the command palette); a bad path is a message, not a crash.

Any format ``byline add`` reads opens here (text, markdown, a web page, a feed's first
full-text item). A file that cannot be read is an error notification and the dialog stays
open with the path, so it can be corrected; nothing a user types can raise out of it.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.model import Article


class OpenFileScreen(ModalScreen[Article | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="open.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="open-file"):
            yield Static("Open an article file (Enter to open, Esc to cancel)")
            yield Input(placeholder="path/to/article.txt", id="open-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        typed = message.value.strip()
        if typed:
            self._load(typed)

    @work(thread=True, exclusive=True, group="open-file")
    def _load(self, typed: str) -> None:
        """Read off the UI thread: a 10 MB page takes trafilatura seconds to parse."""
        from tui.sources import SourceError, load_path

        notes: list[str] = []
        try:
            path = Path(typed).expanduser()
        except RuntimeError:  # ~someone who does not exist: the path as typed
            path = Path(typed)
        try:
            articles = load_path(path, report=notes.append)
        except SourceError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self._opened, typed, articles, notes)

    def _opened(self, typed: str, articles: list[Article], notes: list[str]) -> None:
        for note in notes:  # read, but the reader should know (an encoding guessed, …)
            self.app.notify(note, severity="warning", markup=False)
        if len(articles) > 1:
            self.app.notify(
                f"{typed}: {len(articles)} articles in this feed; opened the first "
                "(`byline add` stores them all)",
                markup=False,
            )
        self.dismiss(articles[0])

    def action_cancel(self) -> None:
        self.dismiss(None)
