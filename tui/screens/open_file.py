"""Ask for a file to open (from the command palette); a bad path is a message, not a crash."""

from __future__ import annotations

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
        from tui.sources import SourceError, load_text_file

        path = message.value.strip()
        if not path:
            return
        try:
            article = load_text_file(path)
        except SourceError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        if not article.text.strip():
            self.app.notify(f"{path}: no article text", severity="error", markup=False)
            return
        self.dismiss(article)

    def action_cancel(self) -> None:
        self.dismiss(None)
