"""Annotation for the app: the cache first, then the engine, one article at a time.

Called from worker threads, never from the UI thread. spaCy is imported only when an
article is not in the cache, and a lock keeps two workers from using one pipeline at once.
"""

from __future__ import annotations

import threading

from tui.cache import AnnotationCache
from tui.model import Annotation, Article

_lock = threading.Lock()
_annotators: dict[str, object] = {}


def engine_key(model: str | None) -> tuple[str, str]:
    """(engine version, model name) without loading spaCy."""
    from tui.nlp.annotator import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    return ENGINE_VERSION, resolve_model_name(model)


def cached(
    article: Article, model: str | None = None, cache: AnnotationCache | None = None
) -> Annotation | None:
    version, name = engine_key(model)
    found = (cache or AnnotationCache()).get(article.text, version, name)
    if found is None:
        return None
    # metadata may have changed (a title fixed, a date given); the text is what is keyed
    from dataclasses import replace

    return replace(found, article=article) if found.article != article else found


def annotate_cached(
    article: Article, model: str | None = None, cache: AnnotationCache | None = None
) -> Annotation:
    """The article's annotation from the cache, or freshly computed (and cached)."""
    cache = cache or AnnotationCache()
    found = cached(article, model, cache)
    if found is not None:
        return found
    from tui.nlp import Annotator

    version, name = engine_key(model)
    with _lock:
        annotator = _annotators.get(name)
        if annotator is None:
            annotator = Annotator(name)
            _annotators[name] = annotator
        annotation = annotator.annotate(article)  # type: ignore[attr-defined]
    cache.put(annotation, version, name)
    return annotation
