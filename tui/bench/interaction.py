"""Two of ``byline bench``'s figures: opening a cached article, and reacting to a key.

Both run the real app headless (``App.run_test``, no terminal) on a temporary annotation
cache and library, so they never touch the user's. Articles are built from the bundled
samples: the cached-open article is annotated once by the engine (as ``byline add`` would);
the long interaction article is the samples' own annotations laid end to end with shifted
offsets and renamed ids, so 20,000 words cost seconds of NLP, not a minute.
"""

from __future__ import annotations

import asyncio
import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.bench.corpus import sample_articles, word_count
from tui.bench.figures import Figure
from tui.model import (
    Annotation,
    Article,
    Entity,
    Event,
    Participant,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpression,
)

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app import BylineApp
    from tui.nlp import Annotator

CACHED_OPEN = "cached open"
INTERACTION = "interaction"
CACHED_OPEN_TARGET_MS = 50.0
INTERACTION_TARGET_MS = 16.0
SIZE = (80, 24)
TIMEOUT = 30.0
PARAGRAPH_BREAK = "\n\n"


# -- articles and annotations ----------------------------------------------------------


@cache
def _annotator() -> Annotator:
    from tui.nlp import Annotator

    return Annotator()


@cache
def _sample_annotation(index: int) -> Annotation:
    """One sample annotated by the engine (once per process)."""
    return _annotator().annotate(sample_articles()[index])


def article_of_words(words: int) -> Article:
    """A realistic article of at least ``words`` words: sample paragraphs in turn."""
    paragraphs = [p for a in sample_articles() for p in a.text.split(PARAGRAPH_BREAK) if p.strip()]
    chosen: list[str] = []
    count = 0
    while count < words:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        count += word_count(paragraph)
    return Article.from_text(
        PARAGRAPH_BREAK.join(chosen), title=f"Benchmark article ({count} words)", date="2025-06-25"
    )


def _span(span: Span, shift: int) -> Span:
    return replace(span, start=span.start + shift, end=span.end + shift)


def _maybe(span: Span | None, shift: int) -> Span | None:
    return None if span is None else _span(span, shift)


def _renamed(value: str | None, suffix: str) -> str | None:
    return None if value is None else value + suffix


def shifted(annotation: Annotation, shift: int, suffix: str) -> Annotation:
    """The annotation's records moved ``shift`` characters on, every id ending in ``suffix``."""

    def entity(e: Entity) -> Entity:
        return replace(e, id=e.id + suffix, mentions=tuple(_span(m, shift) for m in e.mentions))

    def speaker(s: Speaker) -> Speaker:
        return replace(
            s,
            id=s.id + suffix,
            entity_id=_renamed(s.entity_id, suffix),
            mentions=tuple(_span(m, shift) for m in s.mentions),
            quote_ids=tuple(q + suffix for q in s.quote_ids),
        )

    def quote(q: Quote) -> Quote:
        return replace(
            q,
            id=q.id + suffix,
            start=q.start + shift,
            end=q.end + shift,
            cue=_maybe(q.cue, shift),
            speaker_id=_renamed(q.speaker_id, suffix),
            speaker_mention=_maybe(q.speaker_mention, shift),
        )

    def participant(p: Participant) -> Participant:
        return replace(p, mention=_maybe(p.mention, shift), ref=_renamed(p.ref, suffix))

    def quantity(q: Quantity) -> Quantity:
        return replace(q, span=_span(q.span, shift))

    def event(e: Event) -> Event:
        return replace(
            e,
            id=e.id + suffix,
            trigger=_span(e.trigger, shift),
            sentence=_maybe(e.sentence, shift),
            participants=tuple(participant(p) for p in e.participants),
            place_id=_renamed(e.place_id, suffix),
            time_id=_renamed(e.time_id, suffix),
            reported_by=_renamed(e.reported_by, suffix),
            mentions=tuple(_span(m, shift) for m in e.mentions),
            quantities=tuple(quantity(q) for q in e.quantities),
        )

    def timex(t: TimeExpression) -> TimeExpression:
        return replace(t, id=t.id + suffix, start=t.start + shift, end=t.end + shift)

    return replace(
        annotation,
        entities=tuple(entity(e) for e in annotation.entities),
        speakers=tuple(speaker(s) for s in annotation.speakers),
        quotes=tuple(quote(q) for q in annotation.quotes),
        events=tuple(event(e) for e in annotation.events),
        timexes=tuple(timex(t) for t in annotation.timexes),
    )


def long_annotation(words: int) -> Annotation:
    """Sample annotations laid end to end until the article has at least ``words`` words.

    Each copy's offsets move by its position in the joined text and its ids get a ``-N``
    suffix, so the result validates and every id is unique; only as many samples as the
    length needs are annotated.
    """
    samples = sample_articles()
    parts: list[Annotation] = []
    texts: list[str] = []
    position = count = 0
    while count < words:
        index = len(parts)
        base = _sample_annotation(index % len(samples))
        parts.append(shifted(base, position, f"-{index}"))
        texts.append(base.article.text)
        position += len(base.article.text) + len(PARAGRAPH_BREAK)
        count += word_count(base.article.text)
    article = Article.from_text(
        PARAGRAPH_BREAK.join(texts), title=f"Long benchmark article ({count} words)"
    )
    annotation = Annotation(
        article=article,
        entities=tuple(e for p in parts for e in p.entities),
        speakers=tuple(s for p in parts for s in p.speakers),
        quotes=tuple(q for p in parts for q in p.quotes),
        events=tuple(e for p in parts for e in p.events),
        timexes=tuple(t for p in parts for t in p.timexes),
        engine=parts[0].engine,
    )
    annotation.validate()
    return annotation


def painted_spans(annotation: Annotation) -> int:
    """How many spans the reader paints for this annotation with the default layers."""
    from tui.highlight import Layers, Palette, Selection, paint

    return len(paint(annotation, Palette.for_annotation(annotation), Layers(), Selection()))


# -- running the app --------------------------------------------------------------------


@contextmanager
def _environment(directory: Path) -> Iterator[None]:
    """Point the app's annotation cache at ``directory`` for the duration (then restore)."""
    from tui.cache import CACHE_ENV

    saved = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(directory / "cache")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = saved


def _store(directory: Path, annotation: Annotation) -> Path:
    """Store the annotation as ``byline add`` leaves it: library row and annotation cache."""
    from tui.cache import AnnotationCache
    from tui.library import Library
    from tui.service import engine_key

    version, model = engine_key(None)
    db = directory / "library.sqlite"
    with Library(db) as library:
        library.store_annotation(annotation, version, model)
    AnnotationCache(directory / "cache").put(annotation, version, model)
    return db


def _bench_app(articles: list[Article], db: Path, open_single: bool) -> BylineApp:
    """The app on the library ``db`` (no ``articles``: its library view), with a hook that
    stamps when a frame is drawn and its condition holds."""
    from textual.screen import Screen

    from tui.app import BylineApp

    class BenchApp(BylineApp):
        shown_at: float | None = None
        ready: Callable[[], bool] | None = None

        def _display(self, screen: Screen[Any], renderable: Any) -> None:
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(self.console)  # what a terminal would be sent
            super()._display(screen, renderable)
            if self.shown_at is None and self.ready is not None and self.ready():
                self.shown_at = time.perf_counter()

    app = BenchApp(articles, open_single=open_single, db=db)
    app.animation_level = "none"
    return app


async def _until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + TIMEOUT
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await pilot.pause(0.001)


def row_annotated(app: BylineApp, article_id: str) -> bool:
    """Whether the library view's cursor is on the article and its row shows it annotated
    (its counts, not "…"): Enter now opens it with its stored annotation."""
    from tui.screens.library import LibraryScreen

    screen = app.screen
    if not isinstance(screen, LibraryScreen):
        return False
    row = screen.table.highlighted
    return row is not None and row.id == article_id and row.annotated


def reader_filled(app: BylineApp) -> bool:
    from tui.screens.reader import ReaderScreen
    from tui.widgets.panes import QuotesPane

    screen = app.screen
    if not isinstance(screen, ReaderScreen) or screen.annotation is None:
        return False
    pane = screen.query_one(QuotesPane)
    return pane.option_count > 0 and pane.get_option_at_index(0).id is not None


# -- cached open ------------------------------------------------------------------------


def measure_cached_open(words: int = 1000, repeats: int = 5) -> Figure:
    """Milliseconds from Enter on a library row to the first frame with the panes filled.

    The article (``words`` words of sample paragraphs) is annotated once and stored in a
    temporary library and annotation cache; the app starts on the library view, its cursor
    on the article's row, which shows the article annotated. Each repeat stamps the clock,
    sends Enter, and takes the time the app finishes drawing (compositor update and its
    terminal output, written nowhere) the first frame in which the reader shows the
    annotation in its panes. That is the user's wait:
    key dispatch, reading the article and its stored annotation from the library, the
    screen build, filling the panes and the frame pacing; Pilot's own waits after the key
    are not in it. Then Esc back to the library.
    """
    from tui.screens.library import LibraryScreen

    article = article_of_words(words)
    annotation = _annotator().annotate(article)
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        directory = Path(folder)
        db = _store(directory, annotation)
        with _environment(directory):
            app = _bench_app([], db, open_single=False)
            article_id = annotation.article.id

            async def run() -> None:
                async with app.run_test(size=SIZE) as pilot:
                    await _until(pilot, lambda: isinstance(app.screen, LibraryScreen))
                    library = app.screen
                    assert isinstance(library, LibraryScreen)
                    for _ in range(repeats):
                        await _until(pilot, lambda: row_annotated(app, article_id))
                        app.ready = lambda: reader_filled(app)
                        app.shown_at = None
                        started = time.perf_counter()
                        await pilot.press("enter")
                        await _until(pilot, lambda: app.shown_at is not None)
                        assert app.shown_at is not None
                        times.append((app.shown_at - started) * 1000)
                        app.ready = None
                        await pilot.press("escape")
                        await _until(pilot, lambda: app.screen is library)

            asyncio.run(run())
    return Figure(
        CACHED_OPEN,
        _median(times),
        "ms",
        CACHED_OPEN_TARGET_MS,
        "lower",
        {
            "words": word_count(article.text),
            "spans": painted_spans(annotation),
            "quotes": len(annotation.quotes),
            "repeats": repeats,
            "runs_ms": [round(t, 2) for t in times],
            "method": "Enter on the library row to the first drawn frame with the panes filled",
        },
    )


# -- interaction ------------------------------------------------------------------------


def measure_interaction(words: int = 20000, repeats: int = 21) -> Figure:
    """Median milliseconds of the app's work for ``n`` and for selecting a speaker.

    The reader is open on a long article (``words`` words, thousands of painted spans).
    Each sample is timed with ``time.perf_counter`` around synchronous work only: the key's
    handling (``n``: the real binding lookup and action; a speaker: the handler the speaker
    pane's Enter reaches, ``ReaderScreen.on_pane_picked``) with every watcher it sets off,
    then one forced screen update (``Screen._on_timer_update``: layout, the compositor's
    render of what changed, and the terminal output it would write). Event-queue hops and
    Textual's frame pacing are not work and are not timed; queued messages are flushed
    (untimed) before the next sample. Speakers are taken in turn, most-quoted first.
    """
    from tui.screens.reader import ReaderScreen
    from tui.widgets.panes import Pane

    annotation = long_annotation(words)
    quoted = sorted(
        (s for s in annotation.speakers if annotation.quotes_of(s.id)),
        key=lambda s: -len(annotation.quotes_of(s.id)),
    )
    if not quoted:
        raise RuntimeError("the benchmark article has no attributed quotes")
    next_quote: list[float] = []
    select_speaker: list[float] = []
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        directory = Path(folder)
        db = _store(directory, annotation)
        with _environment(directory):
            app = _bench_app([annotation.article], db, open_single=True)

            async def run() -> None:
                async with app.run_test(size=SIZE) as pilot:
                    await _until(pilot, lambda: reader_filled(app))
                    screen = app.screen
                    assert isinstance(screen, ReaderScreen)
                    await pilot.pause()
                    for index in range(repeats):
                        started = time.perf_counter()
                        await app._check_bindings("n")
                        screen._on_timer_update()
                        next_quote.append((time.perf_counter() - started) * 1000)
                        await pilot.pause()

                        speaker = quoted[index % len(quoted)]
                        started = time.perf_counter()
                        screen.on_pane_picked(Pane.Picked("speaker", speaker.id))
                        screen._on_timer_update()
                        select_speaker.append((time.perf_counter() - started) * 1000)
                        await pilot.pause()

            asyncio.run(run())
    both = next_quote + select_speaker
    return Figure(
        INTERACTION,
        _median(both),
        "ms",
        INTERACTION_TARGET_MS,
        "lower",
        {
            "next_quote_ms": round(_median(next_quote), 3),
            "select_speaker_ms": round(_median(select_speaker), 3),
            "words": word_count(annotation.article.text),
            "spans": painted_spans(annotation),
            "quotes": len(annotation.quotes),
            "repeats": repeats,
            "method": "perf_counter around key handling plus one forced screen update",
        },
    )


def _median(values: list[float]) -> float:
    if not values:
        return math.nan
    return float(statistics.median(values))
