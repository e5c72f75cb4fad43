"""An option list that answers the keys of a terminal reader (j/k, g/G) as well as arrows."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


def list_bindings(prefix: str) -> list[Binding]:
    """j/k to move, g/G to the first and the last, with ids ``prefix.down`` and so on."""
    return [
        Binding("j", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("k", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
        Binding("g", "first", "First", show=False, id=f"{prefix}.first"),
        Binding("G", "last", "Last", show=False, id=f"{prefix}.last"),
    ]


class KeyedList(OptionList):
    """Search results and the like."""

    BINDINGS = list_bindings("list")
