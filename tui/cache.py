"""A file cache of annotations, keyed by article text, engine version and pipeline.

Reopening an article the engine has seen is instant, and an engine or model upgrade simply
misses the cache. Files are JSON in platformdirs' user cache directory (``$BYLINE_CACHE_DIR``
overrides it); a damaged entry is treated as a miss and replaced, never shown as an error.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from tui.model import Annotation, Article, ModelError

CACHE_ENV = "BYLINE_CACHE_DIR"


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("byline", appauthor=False) / "annotations"


def cache_key(text: str, engine_version: str, model: str) -> str:
    digest = hashlib.sha256()
    for part in (engine_version, model, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


class AnnotationCache:
    """Get and put annotations by (text, engine version, model)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, text: str, engine_version: str, model: str) -> Annotation | None:
        path = self._path(cache_key(text, engine_version, model))
        try:
            annotation = Annotation.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ModelError):
            return None
        return annotation if annotation.article.text == text else None

    def for_article(self, article: Article, engine_version: str, model: str) -> Annotation | None:
        """The cached annotation of ``article``: of its text and placed against its date
        (another date puts "Wednesday" on another day), carrying its metadata (a title
        fixed since is the article's, not the cache's)."""
        found = self.get(article.text, engine_version, model)
        if found is None or found.article.date != article.date:
            return None
        return replace(found, article=article) if found.article != article else found

    def put(self, annotation: Annotation, engine_version: str, model: str) -> None:
        """Store atomically (write then rename); a cache that cannot be written is skipped."""
        key = cache_key(annotation.article.text, engine_version, model)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(annotation.to_json())
            os.replace(temporary, self._path(key))
        except OSError:
            return
