"""Helpers the app tests share: a stand-in engine, waiting for the app, reading tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

import tui.service
from tui.cache import AnnotationCache
from tui.library import DB_ENV, Library
from tui.model import Annotation, Article, Quote, Span, Speaker
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import resolve_model_name
from tui.widgets.virtual_table import VirtualTable


class StandInEngine:
    """What :func:`tui.service.shared_annotator` returns in tests: the annotations it was
    given, and for any other article an error (never spaCy)."""

    def __init__(self, known: Iterable[Annotation] = (), error: Exception | None = None) -> None:
        self.model = resolve_model_name(None)
        self.known = {a.article.text: a for a in known}
        self.error = error
        self.seen: list[str] = []  # ids of the articles it was asked to annotate

    def annotate(self, article: Article) -> Annotation:
        self.seen.append(article.id)
        if self.error is not None:
            raise self.error
        found = self.known.get(article.text)
        if found is None:
            raise RuntimeError(f"engine unavailable in tests ({article.id})")
        return replace(found, article=article)

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[Annotation]:
        for article in articles:
            yield self.annotate(article)


def stand_in_engine(
    monkeypatch: pytest.MonkeyPatch, known: Iterable[Annotation] = (), **options: Any
) -> StandInEngine:
    """Put a :class:`StandInEngine` behind every annotation path of the app."""
    engine = StandInEngine(known, **options)
    monkeypatch.setattr(tui.service, "shared_annotator", lambda model=None: engine)
    return engine


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5.0
) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the app")


def row_cells(table: VirtualTable[Any], index: int) -> list[str]:
    """What a paged table shows in row ``index``, cell by cell."""
    row = table.row(index)
    assert row is not None, f"no row {index}"
    return [str(cell) for cell in table.cells(row)]


def shown_rows(table: VirtualTable[Any]) -> list[str]:
    """The table's lines on screen below the header, as text."""
    return [table.render_line(y).text for y in range(1, table.size.height)]


def help_text(screen: Screen[Any]) -> str:
    """The help screen's text, as a terminal 200 columns wide would show it."""
    from io import StringIO

    from rich.console import Console

    console = Console(width=200, file=StringIO(), record=True, color_system=None)
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


MAYOR_TEXT = "Mayor Jane Doe said the old bridge will reopen in the spring."


def mayor_annotation() -> Annotation:
    article = Article.from_text(
        MAYOR_TEXT, title="Bridge to reopen", date="2025-06-20", source="Local"
    )
    start = MAYOR_TEXT.index("the old")
    end = len(MAYOR_TEXT) - 1
    doe = Speaker(
        "s1",
        "Jane Doe",
        "person",
        role="Mayor",
        mentions=(Span(6, 14, "Jane Doe"),),
        quote_ids=("q1",),
    )
    said = Quote(
        "q1",
        start,
        end,
        MAYOR_TEXT[start:end],
        "indirect",
        cue=Span(15, 19, "said"),
        speaker_id="s1",
    )
    return Annotation(article=article, speakers=(doe,), quotes=(said,))


def fail_uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles missing from the cache fail to annotate at once instead of loading spaCy."""

    def annotate(article: Article, model: str | None = None, cache: Any = None) -> Annotation:
        found = tui.service.cached(article, model, cache)
        if found is None:
            raise RuntimeError(f"engine unavailable in tests ({article.id})")
        return found

    monkeypatch.setattr(tui.service, "annotate_cached", annotate)
    stand_in_engine(monkeypatch)


def views_library(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_cache: AnnotationCache,
    seed_annotation: Annotation,
) -> tuple[Path, list[Annotation]]:
    """$BYLINE_DB holding three annotated articles (the seed, a follow-up of it and a
    hand-made one); articles not cached never hit spaCy. The ``library`` fixture."""
    fail_uncached(monkeypatch)
    seed = seed_annotation.article
    follow_up = Article.from_text(
        seed.text + "\nMore to follow.",
        title="Follow-up: air defense for Ukraine",
        date="2025-06-26",
        source=seed.source,
    )
    annotations = [seed_annotation, replace(seed_annotation, article=follow_up), mayor_annotation()]
    path = tmp_path / "library.sqlite3"
    with Library(path) as db:
        for annotation in annotations:
            db.store_annotation(annotation, ENGINE_VERSION, resolve_model_name(None))
    monkeypatch.setenv(DB_ENV, str(path))
    return path, annotations
