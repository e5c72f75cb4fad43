"""The app remembers its theme, the library's sort, the reader's layers and last pane."""

from __future__ import annotations

import json
from pathlib import Path

from test_app import RecordingApp, loaded_reader

from tui.cache import AnnotationCache
from tui.highlight import Layers
from tui.model import Annotation, Article
from tui.state import load_state, remember


def test_a_missing_or_damaged_file_means_defaults(_own_state: Path) -> None:
    assert load_state() == {}
    _own_state.parent.mkdir(parents=True)
    _own_state.write_text("{not json", encoding="utf-8")
    assert load_state() == {}
    _own_state.write_text(json.dumps({"theme": 3, "other": "x", "library.sort": "title"}))
    assert load_state() == {"library.sort": "title"}  # wrong types and unknown keys dropped


def test_remember_keeps_the_other_values(_own_state: Path) -> None:
    remember("theme", "textual-light")
    remember("library.sort", "quotes")
    assert load_state() == {"theme": "textual-light", "library.sort": "quotes"}
    assert not list(_own_state.parent.glob(".state-*"))  # no temporary file left


async def test_theme_layers_pane_and_hidden_beliefs_survive_a_restart(
    seed_article: Article, seeded_cache: object
) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        app.theme = "textual-light"
        await pilot.press("3")  # the Events pane
        screen.action_toggle_layer("quotes")
        await pilot.press("b")  # beliefs, stances, evidence, endorsements hidden
        await pilot.pause()
        assert screen.show_attributions is False
    again = RecordingApp([seed_article])
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        assert again.theme == "textual-light"
        assert screen.active_pane == "events"
        assert screen.highlights == Layers(quotes=False)
        assert screen.show_attributions is False
        assert screen.annotation is not None
        assert all(quote.is_speech for quote in screen.annotation.quotes)


async def test_the_status_line_says_what_b_hides(
    seed_article: Article, seed_annotation: Annotation, seeded_cache: AnnotationCache
) -> None:
    """Beliefs hidden in an earlier run stay hidden: the summary says how many and which
    key shows them."""
    from dataclasses import replace

    from test_app import status

    from tui.nlp import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    belief = replace(seed_annotation.quotes[0], id="q-belief", kind="belief")
    annotation = replace(seed_annotation, quotes=(*seed_annotation.quotes, belief))
    seeded_cache.put(annotation, ENGINE_VERSION, resolve_model_name(None))
    remember("reader.attributions", False)
    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        assert "(+1 hidden: b)" in status(screen), status(screen)


async def test_the_library_sort_survives_a_restart(library: tuple[Path, list[object]]) -> None:
    from test_app_views import make_app, wait_until

    from tui.screens.library import LibraryScreen

    app = make_app(library[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("s")  # date → quotes
        await pilot.pause()
        assert app.screen.sort == "quotes"
    again = make_app(library[0])
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, LibraryScreen))
        assert again.screen.sort == "quotes"


async def test_a_brings_highlights_back_when_the_last_run_left_them_all_off(
    seed_article: Article, seeded_cache: object
) -> None:
    off = {"speakers": False, "quotes": False, "events": False, "entities": False}
    remember("reader.layers", off)
    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        assert screen.highlights == Layers(False, False, False, False)
        await pilot.press("a")
        assert screen.highlights == Layers()
