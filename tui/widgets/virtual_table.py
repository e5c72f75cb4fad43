"""A table of any length, drawn line by line (Textual's Line API) from rows fetched a page
at a time.

The table never holds its rows. It is told how many there are and given a function that
returns ``limit`` rows from ``offset`` (for the library, one indexed SQLite query), and it
fetches only the pages the screen shows, keeping the last few in an LRU cache. A library of
10^5 articles therefore costs what its visible rows cost. The screen owns the data and hands
it down (:meth:`VirtualTable.load`, :meth:`VirtualTable.reload`); the table reports the
cursor with messages (:class:`VirtualTable.RowHighlighted`, :class:`VirtualTable.RowSelected`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.textfit import clip, cut

RowT = TypeVar("RowT")
PAGE_SIZE = 64  # rows per fetch: a tall terminal's screen, so a screen is one or two pages
PAGES_CACHED = 16  # pages kept (about a thousand rows)
CELLS_CACHED = 256  # rows whose cells are kept (a few tall screens)
GAP = 1  # spaces between columns


@dataclass(frozen=True, slots=True)
class Column:
    """A column: ``width`` cells, or None to be as wide as the widest content it has
    shown where there is room, sharing what the fixed columns leave (see
    :func:`share_widths`)."""

    label: str
    width: int | None = None
    justify: str = "left"  # left, right or center
    weight: int = 1  # a flexible column's share of the room, against the others'


def share_widths(room: int, wants: Sequence[int], weights: Sequence[int]) -> list[int]:
    """``room`` cells shared among columns wanting ``wants``, by ``weights``: a column
    wanting less than its share gets what it wants and leaves the rest to the others
    (weighted max-min fairness); room left when every column is whole goes to the
    first. A short Source column is then whole, a long one gets its share, and the
    Title takes the rest, at every terminal width."""
    widths = [0] * len(wants)
    waiting = list(range(len(wants)))
    left = max(room, len(wants))
    while waiting:
        total = sum(weights[i] for i in waiting)
        whole = [i for i in waiting if wants[i] <= left * weights[i] // total]
        if not whole:
            break
        for index in whole:
            widths[index] = wants[index]
            left -= wants[index]
            waiting.remove(index)
    if waiting:
        total = sum(weights[i] for i in waiting)
        for index in waiting:
            widths[index] = left * weights[index] // total
        widths[waiting[0]] += left - sum(widths[i] for i in waiting)
    elif widths:
        widths[0] += left
    return widths


class VirtualTable(ScrollView, Generic[RowT], can_focus=True):
    """Rows from ``fetch(offset, limit)``, shown through ``cells(row)`` under a header."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="table.up"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="table.page_up"),
        Binding("g,home", "first", "First", show=False, id="table.first"),
        Binding("G,end", "last", "Last", show=False, id="table.last"),
        Binding("enter", "select", "Open", show=False, id="table.select"),
    ]
    COMPONENT_CLASSES = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
        "virtual-table--empty",
    }

    cursor_row: reactive[int] = reactive(0, init=False, always_update=True)

    class _RowMessage(Message):
        """Something happened at row ``index`` of ``table``."""

        def __init__(self, table: VirtualTable[RowT], index: int, row: RowT | None) -> None:
            super().__init__()
            self.table = table
            self.index = index
            self.row = row

        @property
        def control(self) -> VirtualTable[RowT]:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved to ``row`` (None: a row the source no longer has)."""

    class RowSelected(_RowMessage):
        """Enter (or a click on the cursor row) chose ``row``."""

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[RowT], Sequence[str | Text]],
        *,
        empty: str = "",
        page_size: int = PAGE_SIZE,
        zebra: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``cells`` gives one single-line cell per column; ``empty`` shows when no rows."""
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.cells = cells
        self.empty = empty
        self.page_size = page_size
        self.zebra = zebra
        self.row_count = 0
        self.fetched = 0  # rows read from the source so far (what paging saves)
        self._fetch: Callable[[int, int], Sequence[RowT]] = lambda offset, limit: ()
        self._pages: LRUCache[int, Sequence[RowT]] = LRUCache(PAGES_CACHED)
        # the cells of rows drawn, by row index: made once, not once per frame
        self._cells: LRUCache[int, Sequence[str | Text]] = LRUCache(CELLS_CACHED)
        self.sorted_by: tuple[int, bool] | None = None  # (column, descending): its marker
        self._wants = self._label_wants()  # content width of each flexible column
        self._layout: tuple[int, list[int]] = (-1, [])  # (table width, column widths)

    # ------------------------------------------------------------------ data in
    def load(
        self,
        fetch: Callable[[int, int], Sequence[RowT]],
        count: int,
        *,
        cursor: int = 0,
        first: Sequence[RowT] | None = None,
    ) -> None:
        """Show ``count`` rows from a new source; ``first``: its first page, if at hand."""
        self._fetch = fetch
        self._forget_pages()
        if first is not None:
            self._pages[0] = tuple(first[: self.page_size])
        self._set_count(count)
        self.move_cursor(cursor)

    def reload(self, count: int | None = None) -> None:
        """Fetch the rows again (they changed), keeping the cursor's place."""
        self._forget_pages()
        if count is not None:
            self._set_count(count)
            if self.cursor_row >= count:
                self.move_cursor(count - 1)
        self.refresh()

    def _set_count(self, count: int) -> None:
        self.row_count = max(count, 0)
        self.virtual_size = Size(0, self.row_count + 1)  # + the header; never wider
        self.refresh()

    # ------------------------------------------------------------------ rows out
    def row(self, index: int) -> RowT | None:
        """Row ``index``, fetching its page when it is not cached."""
        if not 0 <= index < self.row_count:
            return None
        number, within = divmod(index, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = tuple(self._fetch(number * self.page_size, self.page_size))
            self.fetched += len(page)
            self._pages[number] = page
        return page[within] if within < len(page) else None

    def _label_wants(self) -> list[int]:
        return [
            cell_len(label)
            for label, c in zip(self._labels(), self.columns, strict=True)
            if c.width is None
        ]

    def _labels(self) -> list[str]:
        """The header: each column's label, the sorted one marked ▾ (descending) or ▴."""
        labels = [c.label for c in self.columns]
        if self.sorted_by is not None:
            index, descending = self.sorted_by
            labels[index] = f"{labels[index]} {'▾' if descending else '▴'}"
        return labels

    def mark_sorted(self, column: int | None, *, descending: bool = False) -> None:
        """Mark the column the rows are sorted by in the header (None: no mark)."""
        self.sorted_by = None if column is None else (column, descending)
        self._widen(self._label_wants())

    def _forget_pages(self) -> None:
        """Drop the cached rows. The columns keep their widths: they only ever grow, so a
        reload (a row marked read) or a filter typed letter by letter never makes the
        table jump."""
        self._pages.clear()
        self._cells.clear()

    def _widen(self, wants: Sequence[int]) -> None:
        """Make the flexible columns at least ``wants`` wide; a change redraws every line
        (header and rows were drawn at the old widths)."""
        grown = [max(old, new) for old, new in zip(self._wants, wants, strict=True)]
        if grown != self._wants:
            self._wants = grown
            self._layout = (-1, [])
            self.refresh()

    def _cells_at(self, index: int, row: RowT) -> Sequence[str | Text]:
        found = self._cells.get(index)
        if found is None:
            found = self._cells[index] = self.cells(row)
        return found

    @property
    def highlighted(self) -> RowT | None:
        """The row under the cursor."""
        return self.row(self.cursor_row)

    def find(self, match: Callable[[RowT], bool], start: int, stop: int) -> int | None:
        """The first index from ``start`` towards ``stop`` (excluded, either direction)
        whose row matches, fetching pages as it goes."""
        step = 1 if stop >= start else -1
        for index in range(start, stop, step):
            found = self.row(index)
            if found is not None and match(found):
                return index
        return None

    # ------------------------------------------------------------------ cursor
    def validate_cursor_row(self, row: int) -> int:
        return min(max(row, 0), max(self.row_count - 1, 0))

    def move_cursor(self, row: int, *, scroll: bool = True) -> None:
        """Put the cursor on ``row`` (clamped) and bring it into view."""
        self.cursor_row = row
        if scroll:
            self.scroll_to_cursor()

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self.post_message(self.RowHighlighted(self, new, self.row(new)))

    def _visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def scroll_to_cursor(self) -> None:
        """Scroll the least that shows the cursor row below the header."""
        top = round(self.scroll_y)
        visible = self._visible_rows()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_page_down(self) -> None:
        visible = self._visible_rows()
        self.scroll_to(y=round(self.scroll_y) + visible, animate=False, force=True)
        self.move_cursor(self.cursor_row + visible)

    def action_page_up(self) -> None:
        visible = self._visible_rows()
        self.scroll_to(y=round(self.scroll_y) - visible, animate=False, force=True)
        self.move_cursor(self.cursor_row - visible)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_select(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.RowSelected(self, self.cursor_row, row))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the row; a click on the cursor row selects it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= self.row_count:
            return
        event.stop()
        if index == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(index)

    # ------------------------------------------------------------------ drawing
    def _widths(self, width: int) -> list[int]:
        known, widths = self._layout
        if known == width:
            return widths
        fixed = sum(c.width for c in self.columns if c.width is not None)
        room = width - fixed - GAP * (len(self.columns) - 1)
        weights = [c.weight for c in self.columns if c.width is None]
        shared = iter(share_widths(room, self._wants, weights))
        widths = [c.width if c.width is not None else next(shared) for c in self.columns]
        self._layout = (width, widths)
        return widths

    def _line(self, cells: Sequence[str | Text], style: Style, width: int) -> Strip:
        segments: list[Segment] = []
        console = self.app.console
        for number, (cell, column, size) in enumerate(
            zip(cells, self.columns, self._widths(width), strict=False)
        ):
            text = clip(cell if isinstance(cell, Text) else Text(cell), size).copy()
            text.align(column.justify, size)  # type: ignore[arg-type]
            if number:
                text = Text(" " * GAP) + text
            segments.extend(text.render(console))
        return Strip(Segment.apply_style(segments, style)).adjust_cell_length(width, style)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the rows on screen are fetched and measured before any line is drawn, so that
        # the header and every row of a frame are drawn at the same widths; a row's cells
        # are made only when it is drawn (``n`` scanning 500 rows makes none)
        flexible = [i for i, c in enumerate(self.columns) if c.width is None]
        wants = list(self._wants)
        top = round(self.scroll_y)
        for index in range(top, min(top + crop.bottom, self.row_count)):
            row = self.row(index)
            if row is None:
                continue
            cells = self._cells_at(index, row)
            for slot, column in enumerate(flexible):
                cell = cells[column]
                size = cell.cell_len if isinstance(cell, Text) else cell_len(cell)
                wants[slot] = max(wants[slot], size)
        self._widen(wants)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("virtual-table--header")
            return self._line(self._labels(), header, width)
        index = round(self.scroll_y) + y - 1
        if index >= self.row_count:
            if index == 0 and self.empty:
                style = base + self.get_component_rich_style("virtual-table--empty")
                text = Text(cut(self.empty, width), no_wrap=True)
                segments = Segment.apply_style(text.render(self.app.console), style)
                return Strip(segments).adjust_cell_length(width, style)
            return Strip.blank(width, base)
        row = self.row(index)
        style = base
        if self.zebra and index % 2:
            style += self.get_component_rich_style("virtual-table--even-row")
        if index == self.cursor_row:
            style += self.get_component_rich_style("virtual-table--cursor")
        if row is None:  # the source has fewer rows than it said (changed meanwhile)
            return Strip.blank(width, style)
        return self._line(self._cells_at(index, row), style, width)
