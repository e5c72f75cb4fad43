"""Story threads: which thread each synthetic article belongs to and the date it appears.

Real news runs as stories of a few articles over a few days, and a library grows by a
reader's days, not by news getting denser; each thread is also what a set of respelt names
(:class:`~tui.bench.synthetic.names.NameVariant`) belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

ARTICLES_PER_DAY = 500  # a reader of ~20 feeds
FIRST_DATE = dt.date(2023, 1, 1)
LAST_DATE = dt.date(2025, 12, 31)
THREADS_OPEN = 4  # the latest threads an article may continue
NEW_THREAD = 0.4  # the chance an article starts a thread of its own
THREAD_ARTICLES = 10  # the most articles one thread runs to
THREAD_DAYS = 3  # a thread's articles appear within this many days of its first


@dataclass(slots=True)
class _Thread:
    number: int
    day: int  # days before LAST_DATE of its first article
    articles: int = 0


def story_threads(n: int, *, seed: int = 0, days: int | None = None) -> Iterator[tuple[int, str]]:
    """The story thread (numbered from 1) and date of each of ``n`` articles.

    Real news runs as stories of a few articles over a few days: each article starts a
    thread (:data:`NEW_THREAD`) or continues one of the latest :data:`THREADS_OPEN`, up to
    :data:`THREAD_ARTICLES`, within :data:`THREAD_DAYS` of the thread's first; threads
    start on days of the last ``days`` up to :data:`LAST_DATE` (all since
    :data:`FIRST_DATE` when None), uniformly.
    """
    import random

    rng = random.Random(f"byline-threads-{seed}")
    span = (
        (LAST_DATE - FIRST_DATE).days if days is None else min(days, (LAST_DATE - FIRST_DATE).days)
    )
    span = max(span, 1)
    recent: list[_Thread] = []
    started = 0
    for _ in range(n):
        if not recent or rng.random() < NEW_THREAD:
            started += 1
            thread = _Thread(started, rng.randrange(span))
            recent.append(thread)
            if len(recent) > THREADS_OPEN:
                recent.pop(0)
        else:
            thread = rng.choice(recent)
        thread.articles += 1
        if thread.articles >= THREAD_ARTICLES:
            recent.remove(thread)
        day = max(thread.day - rng.randrange(THREAD_DAYS), 0)
        yield thread.number, (LAST_DATE - dt.timedelta(days=day)).isoformat()


def days_of_reading(n: int) -> int:
    """How many days a reader takes to gather ``n`` articles at :data:`ARTICLES_PER_DAY`: a
    library grows by days, not by news getting denser, so the bench spreads its articles
    over as many days as a real reader's would span."""
    return max(1, -(-n // ARTICLES_PER_DAY))
