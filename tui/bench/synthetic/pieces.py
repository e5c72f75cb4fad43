"""Paragraph pieces: each bundled sample's paragraphs annotated once by the real engine,
each as an article of its own, and cached on disk so a second run never loads spaCy.

The cache file is named by :func:`pieces_key` (engine version, model, every sample's text
and date, :data:`PIECES_FORMAT`), so a change to any of them is a miss, never a stale hit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.model import Annotation, Article, safe_json

if TYPE_CHECKING:
    from tui.nlp import Annotator

BENCH_CACHE_ENV = "BYLINE_BENCH_CACHE_DIR"
# bump when the choice or splitting of paragraphs changes, so old cache files are missed
PIECES_FORMAT = 1
MIN_WORDS = 6  # shorter paragraphs are captions, bylines and headings, not news text

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Wikinews opens its body with the publication date: "Monday, January 7, 2019"
_DATELINE = re.compile(rf"^(?:{_WEEKDAYS}),? +\w+ +\d{{1,2}},? +\d{{4}}$")
_PHOTO_CREDIT = re.compile(r"\bImage: [^\n]{1,80}$")


@dataclass(frozen=True, slots=True)
class ParagraphPiece:
    """One sample paragraph and the engine's annotation of it as an article of its own.

    ``annotation.article`` keeps the source article's title and date: the date is what
    its time expressions were resolved against, so what they are shifted from.
    """

    source_id: str
    annotation: Annotation

    def to_dict(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "annotation": self.annotation.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParagraphPiece:
        return cls(str(data["source_id"]), Annotation.from_dict(data["annotation"]))


def bench_cache_dir() -> Path:
    """``$BYLINE_BENCH_CACHE_DIR``, else ``bench`` in platformdirs' user cache directory
    (apart from the annotation cache, which the bench's own runs point elsewhere)."""
    explicit = os.environ.get(BENCH_CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("byline", appauthor=False) / "bench"


def sample_paragraphs(article: Article) -> list[str]:
    """The paragraphs of an article worth reusing: the engine's own split, less the
    dateline, photo credits and other scraps of a few words."""
    from tui.nlp.text.paragraphs import split_paragraphs

    kept = []
    for paragraph in split_paragraphs(article.text):
        text = paragraph.text
        if len(text.split()) < MIN_WORDS or _DATELINE.match(text) or _PHOTO_CREDIT.search(text):
            continue
        kept.append(text)
    return kept


def pieces_key(articles: Sequence[Article], engine_version: str, model: str) -> str:
    """The cache key: engine version, model, and every sample's text and date."""
    digest = hashlib.sha256(f"{PIECES_FORMAT}\0{engine_version}\0{model}\0".encode())
    for article in articles:
        for part in (article.id, article.date or "", article.text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()[:24]


def paragraph_annotations(
    articles: Sequence[Article], annotator: Annotator, *, cache_dir: Path | None = None
) -> list[ParagraphPiece]:
    """Every reusable paragraph of ``articles``, annotated by the real engine as an article
    of its own, from the on-disk cache when this engine, model and samples made it before
    (so a second run never loads spaCy)."""
    from tui.nlp.annotator import ENGINE_VERSION

    directory = cache_dir if cache_dir is not None else bench_cache_dir()
    path = directory / f"paragraphs-{pieces_key(articles, ENGINE_VERSION, annotator.model)}.jsonl"
    cached = _read_pieces(path)
    if cached is not None:
        return cached
    sources: list[str] = []
    paragraphs: list[Article] = []
    for article in articles:
        for text in sample_paragraphs(article):
            sources.append(article.id)
            paragraphs.append(
                Article.from_text(
                    text, title=article.title, date=article.date, source=article.source
                )
            )
    pieces = [
        ParagraphPiece(source, annotation)
        for source, annotation in zip(sources, annotator.annotate_many(paragraphs), strict=True)
    ]
    _write_pieces(path, pieces)
    return pieces


def _read_pieces(path: Path) -> list[ParagraphPiece] | None:
    """The cached pieces, or None when the file is missing, partial or unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        if header.get("format") != PIECES_FORMAT or header.get("count") != len(lines) - 1:
            return None
        return [ParagraphPiece.from_dict(json.loads(line)) for line in lines[1:]]
    except (OSError, UnicodeDecodeError, LookupError, TypeError, ValueError, AttributeError):
        return None  # ModelError and JSONDecodeError are ValueErrors


def _write_pieces(path: Path, pieces: Sequence[ParagraphPiece]) -> None:
    """Write atomically (temporary file, then rename); a cache that cannot be written is
    skipped: the next run annotates again."""
    header = {"format": PIECES_FORMAT, "count": len(pieces)}
    lines = [json.dumps(header)]
    lines.extend(safe_json(json.dumps(p.to_dict(), ensure_ascii=False)) for p in pieces)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass
