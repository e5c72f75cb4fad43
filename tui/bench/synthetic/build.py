"""Many synthetic articles, streamed, and a library of them stored as ``byline add`` would."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.bench.synthetic.combine import combine
from tui.bench.synthetic.names import NameIndex, NameVariant
from tui.bench.synthetic.pieces import ParagraphPiece, paragraph_annotations
from tui.bench.synthetic.threads import THREADS_OPEN, days_of_reading, story_threads
from tui.model import Annotation

PARAGRAPHS_PER_ARTICLE = (4, 12)
# articles between progress reports, and per transaction where the store is batched
PROGRESS_EVERY = 100


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What :func:`build_library` stored and how long it took."""

    articles: int
    paragraphs: int  # distinct paragraphs the articles were made from
    characters: int
    quotes: int
    speakers: int
    events: int
    timexes: int
    entities: int
    seconds: float
    database_bytes: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "quotes": self.quotes,
            "speakers": self.speakers,
            "events": self.events,
            "timexes": self.timexes,
            "entities": self.entities,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
            "database_bytes": self.database_bytes,
        }


def synthetic_annotations(
    pieces: Sequence[ParagraphPiece], n: int, *, seed: int = 0, first: int = 1
) -> Iterator[Annotation]:
    """``n`` synthetic articles, numbered from ``first``, one at a time (memory holds one).

    Each takes 4-12 distinct paragraphs in random order and the title of its first
    paragraph's source, and belongs to a story thread (:func:`story_threads`, which gives
    its date) whose names it is written with (:class:`NameVariant`): the paragraphs would
    otherwise name the same few hundred people in every story. The same ``seed`` and
    pieces give the same articles.
    """
    import random

    if not pieces:
        raise ValueError("no paragraphs to build articles from")
    rng = random.Random(seed)
    names = NameIndex(pieces)
    variants: dict[int, NameVariant] = {}  # of the threads that may still continue
    low, high = PARAGRAPHS_PER_ARTICLE
    threads = story_threads(n, seed=seed, days=days_of_reading(first + n - 1))
    for number, (thread, date) in zip(range(first, first + n), threads, strict=True):
        count = rng.randint(low, high)
        # distinct paragraphs, unless there are too few (a test's handful)
        enough = count <= len(pieces)
        chosen = rng.sample(pieces, count) if enough else rng.choices(pieces, k=count)
        variant = variants.get(thread)
        if variant is None:
            variants.pop(thread - THREADS_OPEN - 1, None)  # older threads never continue
            variant = variants[thread] = names.variant(f"{seed}/{thread}")
        yield combine(chosen, chosen[0].annotation.article.title, date, number, variant)


def _stored_bytes(path: Path) -> int:
    return sum(
        Path(f"{path}{end}").stat().st_size for end in ("", "-wal") if Path(f"{path}{end}").exists()
    )


def build_library(
    path: str | os.PathLike[str],
    n: int,
    *,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    pieces: Sequence[ParagraphPiece] | None = None,
    model: str | None = None,
) -> BuildStats:
    """A new library at ``path`` holding ``n`` synthetic articles, stored through the
    library's public API as ``byline add`` would store them.

    ``pieces`` defaults to the bundled samples' paragraphs (:func:`paragraph_annotations`,
    cached; annotated by ``model``). Articles are made and stored as a stream, so memory
    does not grow with ``n``; ``progress(done, n)`` hears every :data:`PROGRESS_EVERY`
    articles and at the end. An existing file is refused: the bench never writes into a
    library someone reads.
    """
    from tui.library import Library
    from tui.nlp.annotator import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target}: already exists; a synthetic library needs a new file")
    model_name = resolve_model_name(model)
    if pieces is None:
        from tui.bench.corpus import sample_articles
        from tui.nlp import Annotator

        pieces = paragraph_annotations(sample_articles(), Annotator(model_name))
    totals = dict.fromkeys(("characters", "quotes", "speakers", "events", "timexes", "entities"), 0)

    def counted(annotations: Iterable[Annotation]) -> Iterator[Annotation]:
        for annotation in annotations:
            totals["characters"] += len(annotation.article.text)
            totals["quotes"] += len(annotation.quotes)
            totals["speakers"] += len(annotation.speakers)
            totals["events"] += len(annotation.events)
            totals["timexes"] += len(annotation.timexes)
            totals["entities"] += len(annotation.entities)
            yield annotation

    started = time.perf_counter()
    done = 0
    with Library(target) as library:
        store_many = getattr(library, "store_annotations", None)
        stream = counted(synthetic_annotations(pieces, n, seed=seed))
        if callable(store_many):  # the batched store, where the library has one
            batch: list[Annotation] = []
            for annotation in stream:
                batch.append(annotation)
                if len(batch) >= PROGRESS_EVERY:
                    store_many(batch, ENGINE_VERSION, model_name)
                    done += len(batch)
                    batch.clear()
                    if progress is not None and done < n:
                        progress(done, n)
            if batch:
                store_many(batch, ENGINE_VERSION, model_name)
                done += len(batch)
        else:
            for annotation in stream:
                library.store_annotation(annotation, ENGINE_VERSION, model_name)
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0 and done < n:
                    progress(done, n)
    seconds = time.perf_counter() - started
    if progress is not None:
        progress(done, n)
    return BuildStats(
        articles=done,
        paragraphs=len(pieces),
        seconds=seconds,
        database_bytes=_stored_bytes(target),
        **totals,
    )
