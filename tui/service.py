"""Annotation for the app: the library first, then the file cache, then the engine.

Called from worker threads, never from the UI thread. spaCy is imported only when an
article is new, one pipeline per model is shared by every worker of the app, and a lock
keeps two workers from using it at once. An article that is in the library has its
annotation stored there (the library is where annotations live); the file cache is the
second level, for files opened outside the library.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cache import AnnotationCache
from tui.model import Annotation, Article

if TYPE_CHECKING:
    from tui.library.batch import IndexStats
    from tui.library.db import Library

_lock = threading.Lock()
_annotators: dict[str, object] = {}


def engine_key(model: str | None) -> tuple[str, str]:
    """(engine version, model name) without loading spaCy."""
    from tui.nlp.annotator import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    return ENGINE_VERSION, resolve_model_name(model)


class SharedAnnotator:
    """The app's one pipeline per model, used by one worker at a time."""

    def __init__(self, model: str) -> None:
        from tui.nlp import Annotator

        self.model = model
        self._annotator = Annotator(model)

    def annotate(self, article: Article) -> Annotation:
        with _lock:
            return self._annotator.annotate(article)

    def annotate_many(self, articles: Iterable[Article]) -> Generator[Annotation, None, None]:
        """Annotate a batch holding the lock; each annotation is handed over as made."""
        batch = list(articles)
        with _lock:
            made = list(self._annotator.annotate_many(batch))
        yield from made


def shared_annotator(model: str | None) -> SharedAnnotator:
    _, name = engine_key(model)
    with _lock:
        annotator = _annotators.get(name)
        if annotator is None:
            annotator = SharedAnnotator(name)
            _annotators[name] = annotator
    return annotator  # type: ignore[return-value]


def cached(
    article: Article, model: str | None = None, cache: AnnotationCache | None = None
) -> Annotation | None:
    version, name = engine_key(model)
    return (cache or AnnotationCache()).for_article(article, version, name)


def annotate_cached(
    article: Article, model: str | None = None, cache: AnnotationCache | None = None
) -> Annotation:
    """The article's annotation from the cache, or freshly computed (and cached)."""
    cache = cache or AnnotationCache()
    found = cached(article, model, cache)
    if found is not None:
        return found
    version, name = engine_key(model)
    annotation = shared_annotator(name).annotate(article)
    cache.put(annotation, version, name)
    return annotation


def open_library(db: str | Path | None) -> Library | None:
    """The app's library, or None when there is none (opening never creates one)."""
    from tui.library import Library, default_db_path

    path = Path(db).expanduser() if db else default_db_path()
    if not path.is_file():
        return None
    return Library(path)


def annotate(
    article: Article, model: str | None = None, db: str | Path | None = None
) -> Annotation:
    """The annotation the reader shows: the library's, or made and stored there when the
    article is in the library, else from the file cache or the engine."""
    library = open_library(db)
    if library is None:
        return annotate_cached(article, model)
    with library:
        version, name = engine_key(model)
        stored = library.annotation(article.id, version, name)
        if stored is not None:
            return replace(stored, article=article) if stored.article != article else stored
        if library.article(article.id) is None:
            return annotate_cached(article, model)
        index_library(library, ids=[article.id], model=model)
        stored = library.annotation(article.id, version, name)
    return stored if stored is not None else annotate_cached(article, model)


def index_library(
    library: Library,
    articles: Iterable[Article] | None = None,
    *,
    ids: Iterable[str] | None = None,
    model: str | None = None,
    progress: Callable[[IndexStats], None] | None = None,
) -> IndexStats:
    """:func:`tui.library.batch.index` with the app's shared pipeline."""
    from tui.library.batch import index

    return index(
        library,
        articles,
        ids=ids,
        annotator=shared_annotator(model),
        progress=progress,  # type: ignore[arg-type]
        batch_size=1,
    )
