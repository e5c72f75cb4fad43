"""The benchmark's texts: the bundled sample articles, repeated to a word count."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from tui.model import Article


@cache
def sample_articles() -> tuple[Article, ...]:
    """The bundled samples (every loadable ``samples/*.txt``), in file-name order."""
    from tui.samples import samples_dir
    from tui.sources import SourceError, load_path

    articles: list[Article] = []
    for path in sorted(samples_dir().glob("*.txt")):
        try:
            articles.extend(load_path(path))
        except SourceError:
            continue
    if not articles:
        raise FileNotFoundError(f"no sample articles in {samples_dir()}")
    return tuple(articles)


def word_count(text: str) -> int:
    return len(text.split())


def repeated_samples(words: int) -> list[Article]:
    """Sample articles, cycled until they hold at least ``words`` words (ids kept unique)."""
    articles: list[Article] = []
    total = 0
    samples = sample_articles()
    while total < words:
        for article in samples:
            articles.append(replace(article, id=f"{article.id}#{len(articles)}"))
            total += word_count(article.text)
            if total >= words:
                break
    return articles
