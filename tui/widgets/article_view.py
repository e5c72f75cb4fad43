"""The article, wrapped and highlighted, drawn line by line (Textual's Line API).

The widget keeps a map from wrapped lines to character offsets of ``article.text``, so
"scroll to this quote" and "which sentence is under the cursor" are exact. It is given the
annotation, the selection and the layers (attributes down) and repaints; it never runs NLP.
A key press must repaint a 20,000-word article within a frame: painted spans are indexed by
line once per highlight change, and rendered lines are cached under what they show, so a
line whose spans did not change is not styled again.
Article text is shown as text: control characters become U+FFFD one for one (so offsets
still hold, see :func:`tui.highlight.displayable`) and nothing in it is read as markup.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.highlight import Layers, Painted, Palette, Selection, displayable, paint
from tui.humantime import article_date
from tui.model import Annotation, Article
from tui.nlp.text.paragraphs import split_paragraphs
from tui.textfit import clip, outlet

SPAN_CHUNK = 64  # text lines indexed together (a few screens)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences for the reading cursor: paragraph by paragraph, split after . ! ? …"""
    spans: list[tuple[int, int]] = []
    for paragraph in split_paragraphs(text):
        start = paragraph.start
        for match in _SENTENCE_END.finditer(paragraph.text):
            end = paragraph.start + match.start() + len(match.group(0).rstrip())
            spans.append((start, end))
            start = paragraph.start + match.end()
        if start < paragraph.end:
            spans.append((start, paragraph.end))
    return spans


@dataclass(frozen=True, slots=True)
class Line:
    """One wrapped line: its text and the article offsets it shows (None for headers)."""

    start: int | None
    end: int | None
    header: Text | None = None


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_R = TypeVar("_R", bound=_Ranged)


def spans_by_line(spans: Sequence[_R], lines: Sequence[tuple[int, int]]) -> list[list[_R]]:
    """For each line ``(start, end)``, the spans overlapping it, in their painting order.

    ``lines`` are in text order and do not overlap (wrapped lines, with gaps between
    paragraphs). A span overlaps a line when ``span.start < end and start < span.end``.
    Each span costs two bisections, so indexing is linear in the spans, not lines × spans.
    """
    starts = [start for start, _ in lines]
    found: list[list[_R]] = [[] for _ in lines]
    for span in spans:
        span_start, span_end = span.start, span.end
        first = max(bisect_right(starts, span_start) - 1, 0)
        last = bisect_left(starts, span_end)  # lines from here on start at or after the end
        for k in range(first, last):
            if span_start < lines[k][1]:
                found[k].append(span)
    return found


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` to ``width`` cells, as offset pairs."""
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    line_start = start
    line_width = 0
    for match in re.finditer(r"\S+\s*", text[start:end]):
        word_start = start + match.start()
        word = match.group(0)
        word_width = cell_len(word.rstrip())
        if line_width and line_width + word_width > width:
            lines.append((line_start, word_start))
            line_start, line_width = word_start, 0
        while word_width > width:  # a word longer than the line is cut
            cut = word_start
            used = 0
            while cut < end and used + cell_len(text[cut]) <= width:
                used += cell_len(text[cut])
                cut += 1
            cut = max(cut, word_start + 1)
            lines.append((line_start, cut))
            line_start = word_start = cut
            word = text[cut : word_start + len(word)]
            word_width = cell_len(text[cut : start + match.end()].rstrip())
            line_width = 0
        line_width += cell_len(word)
    if line_start < end or not lines:
        lines.append((line_start, end))
    return lines


class ArticleView(ScrollView, can_focus=True):
    """The article pane."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding(
            "space,ctrl+d,pagedown", "page_down", "Page down", show=False, id="article.page_down"
        ),
        Binding(
            "shift+space,ctrl+u,pageup", "page_up", "Page up", show=False, id="article.page_up"
        ),
        Binding(
            "right_square_bracket",
            "sentence(1)",
            "Next sentence",
            show=False,
            id="article.next_sentence",
        ),
        Binding(
            "left_square_bracket",
            "sentence(-1)",
            "Prev sentence",
            show=False,
            id="article.prev_sentence",
        ),
        Binding(
            "right_curly_bracket",
            "paragraph(1)",
            "Next paragraph",
            show=False,
            id="article.next_paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "paragraph(-1)",
            "Prev paragraph",
            show=False,
            id="article.prev_paragraph",
        ),
    ]

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self._text = displayable(article.text)
        self.annotation: Annotation | None = None
        self.palette = Palette()
        self.shown_layers = Layers()
        self.picked = Selection()
        self.search: str | None = None
        self.sentences = sentence_spans(article.text)
        self.paragraphs = [(p.start, p.end) for p in split_paragraphs(article.text)]
        self.cursor: int | None = None  # index into self.sentences
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._line_index: list[int] = []
        self._text_line: dict[int, int] = {}  # wrapped line -> position in _line_index
        self._text_lines: list[tuple[int, int]] = []  # offsets of each text line
        self._painted: list[Painted] = []
        self._chunks: dict[int, list[list[Painted]]] = {}  # chunk -> spans of its lines
        # rendered lines keyed by what they show, so unchanged lines survive a repaint
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        self._base_style: Style | None = None
        self._wrapped_width = -1
        self._pending_offset: int | None = None  # scroll there once the view has a size
        self._first_paint = True  # FirstPainted not posted yet

    # ------------------------------------------------------------------ state in
    def show(
        self,
        annotation: Annotation | None = None,
        *,
        palette: Palette | None = None,
        layers: Layers | None = None,
        selection: Selection | None = None,
    ) -> None:
        """Set what to paint (any subset) and repaint."""
        if annotation is not None:
            self.annotation = annotation
        if palette is not None:
            self.palette = palette
        if layers is not None:
            self.shown_layers = layers
        if selection is not None:
            self.picked = selection
        self._painted = (
            paint(self.annotation, self.palette, self.shown_layers, self.picked)
            if self.annotation
            else []
        )
        self._chunks.clear()
        self.refresh()

    def set_article(self, article: Article) -> None:
        """The same text with other metadata (a date given): the heading is redrawn."""
        if article.text != self.article.text:
            raise ValueError("an article view shows one text")
        self.article = article
        self._wrapped_width = -1
        self.on_resize()
        self.refresh()

    def set_search(self, query: str | None) -> None:
        self.search = query or None
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _wrap(self, width: int) -> None:
        lines: list[Line] = []
        title = self.article.title or "(untitled)"
        for start, end in wrap_offsets(displayable(title), 0, len(title), width):
            lines.append(
                Line(None, None, Text(displayable(title)[start:end].rstrip(), style="bold"))
            )
        source = outlet(self.article.source) if self.article.source else None
        meta = " · ".join(v for v in (article_date(self.article.date), source) if v)
        if meta:
            lines.append(Line(None, None, clip(Text(displayable(meta), style="dim"), width)))
        lines.append(Line(None, None, Text("")))
        for index, (start, end) in enumerate(self.paragraphs):
            if index:
                lines.append(Line(None, None, Text("")))
            for line_start, line_end in wrap_offsets(self._text, start, end, width):
                lines.append(Line(line_start, line_end))
        self._lines = lines
        self._line_index = [i for i, line in enumerate(lines) if line.start is not None]
        self._line_starts = [lines[i].start for i in self._line_index]  # type: ignore[misc]
        self._text_line = {index: k for k, index in enumerate(self._line_index)}
        self._text_lines = [(lines[i].start or 0, lines[i].end or 0) for i in self._line_index]
        self._chunks.clear()
        self._strips.clear()
        self._wrapped_width = width
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        width = max(self.scrollable_content_region.width, 8)
        if width != self._wrapped_width:
            self._wrap(width)
        if self._pending_offset is not None and self.scrollable_content_region.height:
            # after this resize is through: the scroll view settles its scrollbars (and
            # its scroll position) from the new size once the handlers have run
            offset, self._pending_offset = self._pending_offset, None
            self.call_after_refresh(self.scroll_to_offset, offset)

    def line_of(self, offset: int) -> int:
        """The wrapped line showing character ``offset`` of the article text."""
        if not self._line_starts:
            return 0
        position = max(bisect_right(self._line_starts, offset) - 1, 0)
        return self._line_index[position]

    def scroll_to_offset(self, offset: int, *, animate: bool = False) -> None:
        """Bring character ``offset`` near the top; before the view has its size (a reader
        opened on a quote), as soon as it has: lines wrapped at no width place nothing."""
        if not self.scrollable_content_region.height:
            self._pending_offset = offset
            return
        self._pending_offset = None  # this scroll is the latest: an older one must not win
        if self._wrapped_width < 0:
            self.on_resize()
        target = max(self.line_of(offset) - 2, 0)
        self.scroll_to(y=target, animate=animate, immediate=True)

    # ------------------------------------------------------------------ drawing
    def _spans_of(self, index: int) -> list[Painted]:
        """The painted spans overlapping wrapped line ``index``, in painting order.

        Spans are indexed by line a chunk of lines at a time, once per paint, and only for
        chunks that are drawn: a key press pays for the lines on screen, not the article.
        """
        position = self._text_line.get(index)
        if position is None:
            return []
        chunk, offset = divmod(position, SPAN_CHUNK)
        spans = self._chunks.get(chunk)
        if spans is None:
            lines = self._text_lines[chunk * SPAN_CHUNK : (chunk + 1) * SPAN_CHUNK]
            first, last = lines[0][0], lines[-1][1]
            near = [p for p in self._painted if p.start < last and first < p.end]
            spans = self._chunks[chunk] = spans_by_line(near, lines)
        return spans[offset]

    def _styled(self, start: int, end: int, spans: Sequence[Painted]) -> Text:
        text = Text(self._text[start:end].rstrip(" "))
        length = len(text.plain)
        for painted in spans:
            if painted.end <= start or painted.start >= start + length:
                continue
            text.stylize(
                painted.style, max(painted.start - start, 0), min(painted.end - start, length)
            )
        cursor = self._cursor_on(start, length)
        if cursor is not None:
            s_start, s_end, style = cursor
            text.stylize(style, max(s_start - start, 0), min(s_end - start, length))
        if self.search:
            lowered = self._text[start : start + length].lower()
            needle = self.search.lower()
            position = lowered.find(needle)
            match = self._match_style()
            while position >= 0:
                text.stylize(match, position, position + len(needle))
                position = lowered.find(needle, position + 1)
        return text

    def _match_style(self) -> Style:
        """A search match: a stronger neutral background than the cursor's, legible under
        every speaker colour (reverse where there is no colour to choose)."""
        theme = self.palette.theme
        if self.palette.no_color or theme is None or theme.match == "default":
            return Style(reverse=True)
        return Style(bgcolor=theme.match, bold=True)

    def _cursor_on(self, start: int, length: int) -> tuple[int, int, Style] | None:
        """The sentence cursor's span and style if it shows on this stretch of text."""
        if self.cursor is None or self.cursor >= len(self.sentences):
            return None
        s_start, s_end = self.sentences[self.cursor]
        if s_start < start + length and start < s_end:
            return s_start, s_end, self._cursor_style()
        return None

    def _cursor_style(self) -> Style:
        """A sentence-cursor background that suits a dark or a light theme (or none)."""
        theme = self.palette.theme
        if self.palette.no_color or (theme is not None and theme.cursor == "default"):
            return Style(underline=True)  # no colour, or 16 colours: no grey to spare
        if theme is not None:
            return Style(bgcolor=theme.cursor)
        dark = getattr(self.app.current_theme, "dark", True)
        return Style(bgcolor="grey23" if dark else "grey89")

    def _line_strip(self, index: int) -> Strip:
        """Wrapped line ``index`` rendered, from the cache when nothing on it changed.

        The key is everything the line shows (its spans, the cursor and search on it),
        so a new selection restyles only the lines it touches.
        """
        line = self._lines[index]
        width = self._wrapped_width
        if line.header is not None or line.start is None or line.end is None:
            key: tuple[object, ...] = (index, width)
            text = line.header
        else:
            spans = self._spans_of(index)
            length = len(self._text[line.start : line.end].rstrip(" "))
            key = (
                index,
                width,
                tuple(spans),
                self._cursor_on(line.start, length),
                self.search if self.search and length else None,
            )
            text = None
        strip = self._strips.get(key)
        if strip is None:
            if text is None:
                text = self._styled(line.start or 0, line.end or 0, spans)
            strip = Strip(list(text.render(self.app.console, end="")))
            self._strips.set(key, strip)
        return strip

    def render_lines(self, crop: Region) -> list[Strip]:
        # the widget's base style walks every ancestor's styles: work it out once a pass
        self._base_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None
            if self._first_paint and (self._lines or not self._text.strip()):
                # handled after this frame is written: the text is on screen by then
                self._first_paint = False
                self.post_message(self.FirstPainted(self))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self._base_style if self._base_style is not None else self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._line_strip(index)
        return strip.crop(scroll_x, scroll_x + width).extend_cell_length(width).apply_style(base)

    # ------------------------------------------------------------------ cursor
    def action_sentence(self, step: int) -> None:
        if not self.sentences:
            return
        if self.cursor is None:
            first_visible = self.scroll_offset.y
            self.cursor = next(
                (i for i, (s, _) in enumerate(self.sentences) if self.line_of(s) >= first_visible),
                0,
            )
        else:
            self.cursor = min(max(self.cursor + step, 0), len(self.sentences) - 1)
        self._cursor_moved()

    def action_paragraph(self, step: int) -> None:
        if not self.sentences or not self.paragraphs:
            return
        current = (
            self.sentences[self.cursor][0] if self.cursor is not None else self.paragraphs[0][0]
        )
        index = max(bisect_right([p[0] for p in self.paragraphs], current) - 1, 0)
        index = min(max(index + step, 0), len(self.paragraphs) - 1)
        start = self.paragraphs[index][0]
        self.cursor = next((i for i, (s, _) in enumerate(self.sentences) if s >= start), 0)
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        if self.cursor is not None:
            start, _ = self.sentences[self.cursor]
            line = self.line_of(start)
            if not (self.scroll_offset.y <= line < self.scroll_offset.y + self.size.height - 1):
                self.scroll_to(y=max(line - 2, 0), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def cursor_span(self) -> tuple[int, int] | None:
        if self.cursor is None or self.cursor >= len(self.sentences):
            return None
        return self.sentences[self.cursor]

    class FirstPainted(Message):
        """The article's text is in the frame being written (posted once, from the
        render: handled once the frame is out)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class CursorMoved(Message):
        """The reading cursor moved to another sentence (messages up)."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view
