"""The paged table draws its header and every row at the same column widths, however the
pages its rows come from arrive (a reload, a scroll across a page boundary)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.virtual_table import Column, VirtualTable

ROWS = [
    (f"Title number {n}", "Local" if n < 6 else "Wikinews (en.wikinews.org)") for n in range(12)
]


def cells(row: tuple[str, str]) -> tuple[str, str]:
    return row


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualTable([Column("Title", weight=3), Column("Source")], cells, page_size=4)

    def on_mount(self) -> None:
        table = self.query_one(VirtualTable)
        table.load(lambda offset, limit: ROWS[offset : offset + limit], len(ROWS))


def _screen_lines(app: App[None]) -> list[str]:
    """What the screen shows (lines drawn earlier and not redrawn included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def _aligned(lines: list[str]) -> None:
    """The Source column starts where the header says, on every row shown."""
    column = lines[0].index("Source")
    sources = [line for line in lines[1:] if "Local" in line or "Wikinews" in line]
    assert sources
    for line in sources:
        start = line.find("Local") if "Local" in line else line.find("Wikinews")
        assert start == column, (column, lines)


async def test_the_header_and_rows_share_widths_across_pages_and_reloads() -> None:
    app = TableApp()
    async with app.run_test(size=(70, 12)) as pilot:
        table = app.query_one(VirtualTable)
        await pilot.pause()
        _aligned(_screen_lines(app))  # rows 0-9: three pages, the wide sources in the second
        table.reload()
        await pilot.pause()
        _aligned(_screen_lines(app))
        table.move_cursor(11)  # to the last page
        await pilot.pause()
        _aligned(_screen_lines(app))
        assert "Wikinews (en.wikinews.org)" in "\n".join(_screen_lines(app))  # whole: room
