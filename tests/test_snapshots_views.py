"""Screenshots of every screen at 80×24 and 160×45: the library, People (and a person's
quotes), Search with results, Stories, Feeds, help, and the delete dialog, compared as SVG.

The data is the ``library`` fixture (three hand-stored annotations, no spaCy), the theme
is Textual's dark one, animations are off and no screen shows a clock or a relative
date, so the pictures are the same on every run. After a deliberate change to what a
screen shows, look at the report and rerun with ``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from test_app_views import make_app, message, wait_until
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from tui.library import Library
from tui.screens.library import LibraryScreen

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]
SIZES = [(80, 24), (160, 45)]
SIZE_IDS = ["80x24", "160x45"]


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal's colour settings do not change the pictures."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)


async def _library(pilot: Pilot[Any]) -> LibraryScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    table = screen.table
    await wait_until(
        pilot,
        lambda: (
            table.row_count == 3
            and all((row := table.row(i)) is not None and row.annotated for i in range(3))
        ),
    )
    await pilot.pause()
    return screen


async def library_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)


async def people_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("P")
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "table", None) is not None)
    await wait_until(pilot, lambda: pilot.app.screen.table.row_count > 0)
    await pilot.pause()


async def person_quotes_view(pilot: Pilot[Any]) -> None:
    await people_view(pilot)
    await pilot.press("enter")
    quotes = pilot.app.screen.query_one("#people-quotes", DataTable)
    await wait_until(pilot, lambda: quotes.display and quotes.row_count > 0)
    await pilot.pause()


async def search_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("F", *"Ukraine")
    results = pilot.app.screen.query_one("#search-results", OptionList)
    await wait_until(pilot, lambda: results.option_count == 2)
    await pilot.press("enter")  # into the results: the first one highlighted
    await pilot.pause()


async def stories_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("T")
    await wait_until(pilot, lambda: "Loading" not in message(pilot.app.screen))
    await pilot.pause()


async def feeds_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("W")
    table = pilot.app.screen.query_one("#feeds-table", DataTable)
    await wait_until(pilot, lambda: table.row_count == 1)
    await pilot.pause()


async def help_view(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def delete_dialog(pilot: Pilot[Any]) -> None:
    await _library(pilot)
    await pilot.press("D")
    await pilot.pause()


VIEWS: dict[str, Steps] = {
    "library": library_view,
    "people": people_view,
    "person-quotes": person_quotes_view,
    "search": search_view,
    "stories": stories_view,
    "feeds": feeds_view,
    "help": help_view,
    "delete-dialog": delete_dialog,
}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(
    snap_compare: SnapCompare,
    library: tuple[Path, list[Any]],
    view: str,
    size: tuple[int, int],
) -> None:
    with Library(library[0]) as db:
        db.add_feed("https://news.example.org/world.rss", "Example World News")
    assert snap_compare(make_app(library[0]), terminal_size=size, run_before=VIEWS[view])
