"""A one-line label that fits its text to the width it is drawn at, cut at a word."""

from __future__ import annotations

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static

from tui.textfit import clip


class OneLine(Static):
    """A status or title line: never wraps, never cuts a word in two (see
    :func:`tui.textfit.clip`), refitted on every resize because it fits when drawn."""

    DEFAULT_CSS = "OneLine { height: 1; }"

    def __init__(self, content: Text | str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._line = content if isinstance(content, Text) else Text(content)

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        """Show ``content`` (a :class:`Text` or plain string); one line high, so no layout."""
        self._line = content if isinstance(content, Text) else Text(str(content))
        self.refresh(layout=layout)

    def render(self) -> Text:
        return clip(self._line, self.content_size.width)
