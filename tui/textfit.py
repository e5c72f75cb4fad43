"""Text cut to a width the way a person would cut it: at a word boundary, with "…".

Rich's ``overflow="ellipsis"`` cuts wherever the width runs out ("Wikinews (e…"); a
reader reads a cut word as a different word. Every place that shortens text for the
screen goes through :func:`cut` (plain strings, counted in terminal cells) or :func:`clip`
(styled :class:`rich.text.Text`, spans kept).
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

ELLIPSIS = "…"
TRAILING = " ,;:-–—("  # what a cut never ends on, before the ellipsis
WORD_SHARE = 1 / 3  # back off to a space only when it keeps this much of the room


def _end_for_cells(text: str, cells: int) -> int:
    """How many characters of ``text`` fit in ``cells`` terminal cells."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return index
    return len(text)


def cut_point(text: str, width: int) -> int | None:
    """Where to cut ``text`` (characters kept, before the ellipsis) so that it and "…"
    fit ``width`` cells; None when it fits whole."""
    if cell_len(text) <= width:
        return None
    room = max(width - 1, 0)
    end = _end_for_cells(text, room)
    if end < len(text) and not text[end].isspace():  # the cut falls inside a word
        space = text.rfind(" ", 0, end)
        if space >= 0 and space >= room * WORD_SHARE:
            end = space
    while end > 0 and text[end - 1] in TRAILING:
        end -= 1
    return end


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut at a word boundary where one is near."""
    end = cut_point(text, width)
    if end is None:
        return text
    return text[:end] + ELLIPSIS if width > 0 else ""


def clip(text: Text, width: int) -> Text:
    """:func:`cut` for styled text: the spans of what is kept stay as they were."""
    end = cut_point(text.plain, width)
    if end is None:
        return text
    if width <= 0:
        return Text()
    kept = text[:end]
    kept.append(ELLIPSIS)
    return kept


class FittedLines:
    """Lines of styled text kept to the width they are drawn at, whatever it becomes:
    each cut at a word with "…" (``wrap=False``), or wrapped under its own indent so a
    wrapped line never runs back to the left edge (``wrap=True``). ``str()`` is the text."""

    def __init__(self, text: Text, *, wrap: bool = False) -> None:
        self.text = text
        self.wrap = wrap

    def __str__(self) -> str:
        return self.text.plain

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.text.split("\n", allow_blank=True):
            for part in self._fit(line, width, console):
                yield from part.render(console)
                yield Segment.line()

    def _fit(self, line: Text, width: int, console: Console) -> list[Text]:
        if not self.wrap:
            return [clip(line, width)]
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        if indent >= width // 2:
            indent = 0
        body = line[indent:]
        wrapped = body.wrap(console, max(width - indent, 1))
        return [Text(" " * indent) + part for part in wrapped]


_NOTE = re.compile(r"\s+\(|;\s|\s[—–|]\s")  # " (", "; ", " — ": where a note starts


def outlet(source: str) -> str:
    """The outlet a source line names, without the note after it: "Wikinews
    (en.wikinews.org); text via …" is "Wikinews" where a listing or a header has room
    for a name, not for provenance (the full line stays in the article and its export)."""
    name = _NOTE.split(source.strip(), maxsplit=1)[0].strip()
    return name or source.strip()
