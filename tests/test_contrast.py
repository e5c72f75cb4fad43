"""Every character the app draws is legible: WCAG AA contrast (4.5:1) in every theme.

Each test drives a screen with the keyboard into the states a reader sees (a selected
speaker, a selected quote, the sentence cursor, a search match) and measures every cell
(:mod:`contrast`), in Textual's dark and light themes and in the 16-colour palette.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from contrast import describe, illegible
from test_app import RecordingApp, _cache, loaded_reader  # noqa: F401 (_cache: autouse)

from tui.model import Article

THEMES = [
    ("textual-dark", False),
    ("textual-light", False),
    ("textual-dark", True),
    ("textual-light", True),
]
THEME_IDS = ["dark", "light", "16-colour-dark", "16-colour-light"]


def _check(app: Any, sixteen: bool, where: str, failures: list[str]) -> None:
    bad = illegible(app, sixteen=sixteen)
    if bad:
        failures.append(f"{where}:\n{describe(bad)}")


@pytest.mark.parametrize(("theme", "sixteen"), THEMES, ids=THEME_IDS)
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_the_reader_is_legible(
    seed_article: Article,
    theme: str,
    sixteen: bool,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if sixteen:
        monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    app = RecordingApp([seed_article])
    failures: list[str] = []
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await loaded_reader(pilot)
        await pilot.pause()
        _check(app, sixteen, "reader", failures)
        await pilot.press("1", "enter")  # the first speaker selected
        await pilot.pause()
        _check(app, sixteen, "a speaker selected", failures)
        await pilot.press("n")  # a quote selected
        await pilot.pause()
        _check(app, sixteen, "a quote selected", failures)
        await pilot.press("escape", "escape")
        await pilot.press("3", "enter")  # an event selected
        await pilot.pause()
        _check(app, sixteen, "an event selected", failures)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(("theme", "sixteen"), THEMES, ids=THEME_IDS)
async def test_the_library_views_are_legible(
    library: tuple[Path, list[Any]],
    theme: str,
    sixteen: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library, People, Search (with results), Stories, Feeds, help and the delete
    dialog, at 80×24."""
    from test_app_views import make_app, wait_until

    from tui.screens.library import LibraryScreen

    if sixteen:
        monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    app = make_app(library[0])
    failures: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.pause(0.3)
        _check(app, sixteen, "library", failures)
        for key, name in (
            ("P", "People"),
            ("T", "Stories"),
            ("W", "Feeds"),
            ("question_mark", "help"),
            ("D", "the delete dialog"),
        ):
            await pilot.press(key)
            await pilot.pause(0.3)
            _check(app, sixteen, name, failures)
            await pilot.press("escape")
            await pilot.pause(0.1)
        await pilot.press("F")
        await pilot.pause(0.1)
        await pilot.press(*"Ukraine", "enter")
        await pilot.pause(0.3)
        _check(app, sixteen, "Search", failures)
    assert not failures, "\n\n".join(failures)
