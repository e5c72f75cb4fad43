"""``byline bench --scale N``: the library's costs at N articles against the same at 60.

Two synthetic libraries (:mod:`tui.bench.synthetic`: the samples' paragraphs recombined,
with fresh ids, dates and closing lines) are built once and kept in the bench cache. On
each the same things are measured, the way a user meets them:

* the library's first screen, People, Stories, a search and a ``speaker:`` search: the
  real ``byline`` in an 80×24 pseudo-terminal (a fresh process each run, median of
  three), from the key to the first row each shows (the searches' library queries alone,
  in process, are in the detail);
* adding one article (the one indexing path, with its annotation from the file cache:
  what the library adds to spaCy's work): in process, median of several runs;
* stored bytes per article over the article's text bytes, and the app's peak RSS after
  it has shown the library, People and Stories.

Screens and queries are judged by the ratio to their time at 60 articles; Stories open
also by an absolute bound.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.bench.figures import Figure
from tui.bench.terminal import PtyScreen

SMALL = 60
RATIO_TARGET = 1.5
STORIES_SECONDS = 0.5
STORAGE_TARGET = 4.0
QUERY_REPEATS = 7
ADD_REPEATS = 15
"""Articles added (each removed again) for the median add: articles differ in size and a
write-ahead-log checkpoint lands on one add in a few, so seven swung by half."""
SCREEN_REPEATS = 3


@dataclass(frozen=True, slots=True)
class Measured:
    """One library size's raw measurements (seconds, bytes, MiB)."""

    articles: int
    first_screen: float
    people_open: float
    stories_open: float
    search: float
    speaker_search: float
    search_query: float
    speaker_query: float
    add_one: float
    bytes_per_text_byte: float
    peak_rss_mb: float
    build_seconds: float | None


def library_path(n: int, seed: int) -> Path:
    """Where the synthetic library of ``n`` articles is kept between runs."""
    import hashlib

    from tui.bench.synthetic import bench_cache_dir
    from tui.library.codec import ANNOTATION_FORMAT, TEXT_FORMAT
    from tui.library.schema import MIGRATIONS, V2_TABLES
    from tui.library.stories import STORY_VERSION
    from tui.nlp.annotator import ENGINE_VERSION
    from tui.nlp.events.linking import link_rules_digest

    # what the stored bytes depend on: the tables, how many migrations, the blob formats
    shape = [*V2_TABLES, str(len(MIGRATIONS)), ANNOTATION_FORMAT.hex(), TEXT_FORMAT.hex()]
    schema = hashlib.blake2b("\n".join(shape).encode(), digest_size=4).hexdigest()
    # the link rules too: a library linked under others would relink when the app opens it
    rules = f"{link_rules_digest() & 0xFFFFFFFF:08x}"
    version = f"engine{ENGINE_VERSION}-schema{schema}-stories{STORY_VERSION}-rules{rules}"
    return bench_cache_dir() / f"scale-{n}-seed{seed}-{version}.sqlite3"


def ensure_library(
    n: int, seed: int, announce: Callable[[str], None], model: str | None = None
) -> tuple[Path, float | None]:
    """The kept library of ``n`` articles, built when missing; (path, build seconds)."""
    from tui.bench.synthetic import build_library

    path = library_path(n, seed)
    if path.exists():
        return path, None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".building")
    for end in ("", "-wal", "-shm"):
        Path(f"{partial}{end}").unlink(missing_ok=True)

    def progress(done: int, total: int) -> None:
        announce(f"building a library of {total:,} articles: {done:,}")

    stats = build_library(partial, n, seed=seed, progress=progress, model=model)
    from tui.library import Library

    with Library(partial) as library:  # fold the log in, so the file is the whole library
        library._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(path)
    return path, stats.seconds


@contextmanager
def _environment(home: Path, db: Path) -> Any:
    yield {
        "BYLINE_CACHE_DIR": str(home / "cache"),
        "BYLINE_DB": str(db),
        "BYLINE_CONFIG": str(home / "config.toml"),
        "BYLINE_STATE_DIR": str(home / "state"),
    }


def _fit(text: str, width: int = 18) -> str:
    """A piece of a row's text that fits any column it is drawn in."""
    words = " ".join(text.split())
    return words[:width].rstrip()


def _peak_rss(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return float("nan")


@dataclass(frozen=True, slots=True)
class _Seen:
    """What one run of the app took, from a key to the screen that answers it."""

    first: float
    people: float
    stories: float
    search: float
    speaker: float
    rss: float


def _surname(library: Any) -> str:
    """A quoted person's surname, as a reader would type it."""
    quoted = library.people(limit=50)
    person = next((p for p in quoted if p.kind == "person"), quoted[0])
    return person.name.split()[-1]


def _screens(db: Path) -> _Seen:
    """One fresh ``byline`` on the library: its first screen, then People, Stories, a
    search and a ``speaker:`` search, each from the key to the first row it shows."""
    from tui.library import Library

    with Library(db) as library:
        first_row = library.articles(limit=1)[0]
        person = library.people(limit=1, named_only=True)[0]  # what People lists first
        stories = library.story_list(limit=1, articles_each=1)
        word = _surname(library)
        hit = library.search(f"{word} said", limit=1)
        quoted = library.search(f"speaker:{word}", limit=1)
    first_mark = _fit(first_row.title or "(untitled)")
    person_mark = _fit(person.name)
    story_mark = _fit(stories[0].label, 12) if stories else "No stories"
    hit_mark = _fit(hit[0].title or "(untitled)") if hit else "No matches"
    quoted_mark = _fit(quoted[0].title or "(untitled)") if quoted else "No matches"
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as folder:
        home = Path(folder)
        with _environment(home, db) as env, PtyScreen([sys.executable, "-m", "tui"], env) as app:
            first = app.wait_all([first_mark, "Library"], timeout=120)
            app.read_for(0.5)
            app.send("P")
            people = app.wait_all(["People", person_mark], timeout=120)
            app.send("\x1b")
            app.read_for(0.5)
            app.send("T")
            told = app.wait_all(["Stories", story_mark], timeout=120)
            app.send("\x1b")
            app.read_for(0.5)
            app.send("F")
            app.read_for(0.5)
            app.send(f"{word} said")  # results come as one types
            found = app.wait_all(["Search", hit_mark], timeout=120)
            app.send("\x1b")
            app.read_for(0.5)
            app.send("F")
            app.read_for(0.5)
            app.send(f"speaker:{word}")
            speaker = app.wait_all(["Search", quoted_mark], timeout=120)
            app.read_for(0.3)
            rss = _peak_rss(app.child.pid)
    return _Seen(first, people, told, found, speaker, rss)


def _median_seconds(action: Callable[[], object], repeats: int = QUERY_REPEATS) -> float:
    action()  # warm: page cache, statement cache
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _queries(db: Path, n: int, seed: int) -> tuple[float, float, float]:
    """(search, speaker: search, adding one article) in seconds, on a copy-free library:
    the added article is removed again after each run."""
    from dataclasses import replace

    from tui.bench.synthetic import paragraph_annotations, synthetic_annotations
    from tui.cache import AnnotationCache
    from tui.library import Library
    from tui.library.batch import index
    from tui.nlp.annotator import ENGINE_VERSION

    with Library(db) as library:
        word = _surname(library)
        search = _median_seconds(lambda: library.search(f"{word} said"))
        speaker = _median_seconds(lambda: library.search(f"speaker:{word}"))
        from tui.bench.corpus import sample_articles
        from tui.nlp import Annotator
        from tui.nlp.pipeline import resolve_model_name

        model = resolve_model_name(None)
        pieces = paragraph_annotations(sample_articles(), Annotator(model))
        extra = list(synthetic_annotations(pieces, ADD_REPEATS + 1, seed=seed + 1, first=n + 1))
        with tempfile.TemporaryDirectory(prefix="byline-bench-cache-") as folder:
            cache = AnnotationCache(Path(folder))
            for annotation in extra:
                cache.put(annotation, ENGINE_VERSION, model)
            times = []
            for annotation in extra:
                article = replace(annotation.article)
                started = time.perf_counter()
                stats = index(library, [article], model=model, cache=cache)
                times.append(time.perf_counter() - started)
                if stats.reused != 1:
                    raise RuntimeError("the added article was not taken from the cache")
                library.delete_articles([article.id])
        add_one = statistics.median(times[1:])
    return search, speaker, add_one


def _stored_ratio(db: Path) -> float:
    import sqlite3

    connection = sqlite3.connect(db)
    try:
        text = connection.execute("SELECT sum(text_bytes) FROM articles").fetchone()[0] or 1
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    return pages * size / text


def measure_size(
    n: int, seed: int, announce: Callable[[str], None], model: str | None = None
) -> Measured:
    path, built = ensure_library(n, seed, announce, model)
    announce(f"screens of the {n:,}-article library (pseudo-terminal)")
    runs = [_screens(path) for _ in range(SCREEN_REPEATS)]

    def median(field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs)

    announce(f"queries on the {n:,}-article library")
    search, speaker, add_one = _queries(path, n, seed)
    return Measured(
        articles=n,
        first_screen=median("first"),
        people_open=median("people"),
        stories_open=median("stories"),
        search=median("search"),
        speaker_search=median("speaker"),
        search_query=search,
        speaker_query=speaker,
        add_one=add_one,
        bytes_per_text_byte=_stored_ratio(path),
        peak_rss_mb=median("rss"),
        build_seconds=built,
    )


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def scale_figures(small: Measured, big: Measured) -> list[Figure]:
    """The issue's targets, each with both sizes in its detail."""
    n = f"{big.articles:,}"

    def ratio(name: str, attribute: str, query: str | None = None) -> Figure:
        at_small, at_big = getattr(small, attribute), getattr(big, attribute)
        detail = {f"ms at {small.articles}": _ms(at_small), f"ms at {n}": _ms(at_big)}
        if query is not None:  # the library's own part of it, in process
            detail |= {
                f"query ms at {small.articles}": _ms(getattr(small, query)),
                f"query ms at {n}": _ms(getattr(big, query)),
            }
        return Figure(
            name=f"{name} at {n}",
            value=round(at_big / at_small, 2),
            unit=f"× at {small.articles}",
            target=RATIO_TARGET,
            better="lower",
            detail=detail,
        )

    return [
        ratio("library first screen", "first_screen"),
        ratio("People open", "people_open"),
        ratio("Stories open", "stories_open"),
        Figure(
            name=f"Stories open at {n}",
            value=round(big.stories_open, 3),
            unit="s",
            target=STORIES_SECONDS,
            better="lower",
            detail={"seconds at 60": round(small.stories_open, 3)},
        ),
        ratio("search", "search", "search_query"),
        ratio("speaker: search", "speaker_search", "speaker_query"),
        ratio("adding one article", "add_one"),
        Figure(
            name=f"storage at {n}",
            value=round(big.bytes_per_text_byte, 2),
            unit="× article text",
            target=STORAGE_TARGET,
            better="lower",
            detail={f"× at {small.articles}": round(small.bytes_per_text_byte, 2)},
        ),
        Figure(
            name=f"app peak RSS at {n}",
            value=round(big.peak_rss_mb / small.peak_rss_mb, 2),
            unit=f"× at {small.articles}",
            target=RATIO_TARGET,
            better="lower",
            detail={
                f"MB at {small.articles}": round(small.peak_rss_mb, 1),
                f"MB at {n}": round(big.peak_rss_mb, 1),
                "build seconds": None if big.build_seconds is None else round(big.build_seconds),
            },
        ),
    ]


def run_scale(
    n: int, announce: Callable[[str], None], *, seed: int = 0, model: str | None = None
) -> list[Figure]:
    small = measure_size(SMALL, seed, announce, model)
    big = measure_size(n, seed, announce, model)
    return scale_figures(small, big)
