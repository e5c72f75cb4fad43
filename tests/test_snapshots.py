"""Screenshots of the library, the reader (narrow and wide) and help, compared as SVG.

The stored screenshots live in ``tests/__snapshots__/test_snapshots/``; after a deliberate
change to what a screen shows, look at the report and rerun with ``--snapshot-update``.
Everything shown comes from the annotation cache (``seeded_cache``), animations are off and
no screen shows a clock, so the pictures are the same on every run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import stand_in_engine
from textual.pilot import Pilot

import tui.service
from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.library import DB_ENV
from tui.model import Annotation, Article, Quote, Speaker
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import resolve_model_name
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.sources import load_text_file

SnapCompare = Callable[..., bool]
LIBRARY_SAMPLES = (
    "004-president-trump-says-he-can-and-may-put-us-into-state-of.txt",
    "035-us-president-trump-announces-troop-withdrawal-from-syria.txt",
)


@pytest.fixture(autouse=True)
def _no_engine(
    seeded_cache: AnnotationCache, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A cache miss would show as an error in the picture instead of loading spaCy; the
    terminal's colour settings and the user's library do not change the pictures."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv(DB_ENV, str(tmp_path / "no-library" / "library.sqlite3"))
    stand_in_engine(monkeypatch)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)

    def annotate(article: Article, model: str | None = None, cache: Any = None) -> Annotation:
        found = tui.service.cached(article, model, cache)
        if found is None:
            raise RuntimeError("not in the test cache")
        return found

    monkeypatch.setattr(tui.service, "annotate_cached", annotate)


def still(articles: list[Article]) -> BylineApp:
    app = BylineApp(articles)
    app.animation_level = "none"
    return app


def stand_in(article: Article, speakers: int, quotes: int) -> Annotation:
    """A hand-made annotation with these counts (all the library shows of it)."""
    people = tuple(Speaker(f"s{n}", f"Speaker {n}", "person") for n in range(1, speakers + 1))
    said = tuple(
        Quote(f"q{n}", 0, 1, article.text[:1], "direct", speaker_id="s1")
        for n in range(1, quotes + 1)
    )
    return Annotation(article=article, speakers=people, quotes=said)


async def _until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    for _ in range(100):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the app")


async def annotated(pilot: Pilot[Any]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    await _until(pilot, lambda: screen.annotation is not None)


def then_help(before: Callable[[Pilot[Any]], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await before(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    return run


def test_library(
    snap_compare: SnapCompare,
    seeded_cache: AnnotationCache,
    seed_article: Article,
    samples_dir: Path,
) -> None:
    others = [load_text_file(samples_dir / name) for name in LIBRARY_SAMPLES]
    model = resolve_model_name(None)
    for article, (speakers, quotes) in zip(others, ((3, 7), (2, 4)), strict=True):
        seeded_cache.put(stand_in(article, speakers, quotes), ENGINE_VERSION, model)

    async def counted(pilot: Pilot[Any]) -> None:
        screen = pilot.app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.table

        def filled() -> bool:
            rows = [table.row(i) for i in range(table.row_count)]
            return len(rows) == 3 and all(r is not None and r.annotated for r in rows)

        await _until(pilot, filled)

    assert snap_compare(still([*others, seed_article]), run_before=counted)


def test_reader_narrow(snap_compare: SnapCompare, seed_article: Article) -> None:
    assert snap_compare(still([seed_article]), terminal_size=(80, 24), run_before=annotated)


def test_reader_wide(snap_compare: SnapCompare, seed_article: Article) -> None:
    assert snap_compare(still([seed_article]), terminal_size=(160, 45), run_before=annotated)


def test_help(snap_compare: SnapCompare, seed_article: Article) -> None:
    assert snap_compare(
        still([seed_article]), terminal_size=(100, 32), run_before=then_help(annotated)
    )
