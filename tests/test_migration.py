"""Upgrading a version-1 library (raw JSON annotations) to the current schema.

A version-1 file is built the way Byline 1 left it: only ``MIGRATIONS[0]`` run, then its
rows written directly. Opening it must keep every article, read mark, feed and annotation
(each engine's and model's), and a migration killed midway must leave the version-1
library whole, so the next start migrates it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from tui.library import Library
from tui.library.schema import MIGRATIONS
from tui.model import Annotation, Article
from tui.nlp.events.linking import speaker_key

OLD_ENGINE = "0.9.0"


@dataclass
class V1Article:
    """One article of a version-1 library, with its annotations oldest first."""

    article: Article
    read: bool = False
    feed_id: int | None = None
    annotations: list[tuple[str, str, Annotation]] = field(default_factory=list)


@dataclass(frozen=True)
class V1Feed:
    id: int
    url: str
    title: str | None
    added_at: str
    last_refreshed: str | None


def stamp(minutes: int) -> str:
    start = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)
    return (start + dt.timedelta(minutes=minutes)).isoformat(timespec="seconds")


def make_v1(path: Path, articles: list[V1Article], feeds: list[V1Feed]) -> None:
    """A version-1 library: the first migration's tables, filled as version 1 filled them."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN")
        first = MIGRATIONS[0]
        assert isinstance(first, tuple)
        for statement in first:
            db.execute(statement)
        db.executemany(
            "INSERT INTO feeds (id, url, title, added_at, last_refreshed) VALUES (?, ?, ?, ?, ?)",
            [(f.id, f.url, f.title, f.added_at, f.last_refreshed) for f in feeds],
        )
        created = 0
        for number, item in enumerate(articles):
            a = item.article
            db.execute(
                "INSERT INTO articles (id, title, date, source, url, text, text_hash, added_at,"
                " read, feed_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    a.id,
                    a.title,
                    a.date,
                    a.source,
                    a.url,
                    a.text,
                    hashlib.sha256(a.text.encode()).hexdigest(),
                    stamp(number),
                    int(item.read),
                    item.feed_id,
                ),
            )
            for engine, model, annotation in item.annotations:
                created += 1
                db.execute(
                    "INSERT INTO annotations VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.id,
                        engine,
                        model,
                        annotation.to_json(),
                        stamp(1000 + created),
                        len(annotation.quotes),
                        len(annotation.speakers),
                    ),
                )
                db.executemany(
                    "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            a.id,
                            engine,
                            model,
                            s.id,
                            s.key or speaker_key(s.name),
                            s.name,
                            s.kind,
                            len(annotation.quotes_of(s.id)),
                        )
                        for s in annotation.speakers
                    ],
                )
            current = item.annotations[-1][2] if item.annotations else None
            db.execute(
                "INSERT INTO search (title, text, speakers, quotes) VALUES (?, ?, ?, ?)",
                (
                    a.title or "",
                    a.text,
                    " ".join(s.name for s in current.speakers) if current else "",
                    "\n".join(q.text for q in current.quotes) if current else "",
                ),
            )
        db.execute("PRAGMA user_version=1")
        db.execute("COMMIT")
    finally:
        db.close()


def version_of(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


# -- every row survives ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_annotations(annotator, samples_dir: Path) -> list[Annotation]:
    """Two short samples annotated by the engine, once per session."""
    from tui.sources import load_text_file

    paths = sorted(samples_dir.glob("0*.txt"), key=lambda p: p.stat().st_size)[:2]
    return list(annotator.annotate_many([load_text_file(p) for p in paths]))


@pytest.mark.slow
def test_a_version_1_library_keeps_everything(tmp_path: Path, sample_annotations, capsys):
    first, second = sample_annotations
    model = first.engine.model.rsplit("-", 1)[0]
    feeds = [
        V1Feed(1, "https://example.org/world.rss", "World", stamp(0), stamp(5)),
        V1Feed(2, "https://example.org/empty.rss", None, stamp(1), None),
    ]
    plain = Article.from_text("No annotation yet.\n", title="Pending", date="2020-01-01")
    articles = [
        V1Article(
            first.article,
            read=True,
            feed_id=1,
            annotations=[
                (OLD_ENGINE, model, replace(first, quotes=first.quotes[:1])),
                (first.engine.version, model, first),
            ],
        ),
        V1Article(
            second.article,
            annotations=[
                (second.engine.version, model, second),
                (second.engine.version, "other_model", replace(second, quotes=())),
            ],
        ),
        V1Article(plain, read=True),
    ]
    path = tmp_path / "v1.sqlite3"
    make_v1(path, articles, feeds)

    with Library(path, recover=True) as library:
        assert library.recovered is None
        assert library.migrations_applied == len(MIGRATIONS) - 1
        assert library.user_version == len(MIGRATIONS)
        assert library.integrity_check() == "ok"

        stored = {a.id: a for a in library.all_articles()}
        assert stored == {item.article.id: item.article for item in articles}
        rows = library.rows([item.article.id for item in articles])
        for item in articles:
            row = rows[item.article.id]
            assert (row.read, row.feed_id) == (item.read, item.feed_id)
            for engine, name, annotation in item.annotations:
                assert library.annotation(item.article.id, engine, name) == annotation
            current = library.current_annotation(item.article.id)
            last = item.annotations[-1][2] if item.annotations else None
            assert current == last  # the one stored last stays the current one
            assert row.annotated == (last is not None)
            assert row.quotes == (len(last.quotes) if last else 0)
        assert [(f.id, f.url, f.title, f.added_at, f.last_refreshed) for f in library.feeds()] == [
            (f.id, f.url, f.title, f.added_at, f.last_refreshed) for f in feeds
        ]
        assert [(f.articles, f.unread) for f in library.feeds()] == [(1, 0), (0, 0)]
        assert library.article_count() == 3 and library.article_count(unread_only=True) == 1

        # what is derived from the annotations is there too
        quoted = next(q for q in second.quotes if len(q.text.split()) >= 4)
        words = " ".join(w for w in quoted.text.split() if w.isalpha())
        assert second.article.id in {h.article_id for h in library.search(words)}
        assert library.people()
        with closing(sqlite3.connect(path)) as raw:
            old = raw.execute("SELECT name FROM sqlite_master WHERE name LIKE 'v1%'").fetchall()
        assert not old  # the version-1 tables are gone
    with Library(path) as library:
        assert library.migrations_applied == 0


# -- a kill midway ------------------------------------------------------------------------

COPIES = 100  # a migration of seconds: long enough to be killed inside
KILLS = 3

CHILD = """
import sys
from tui.library import schema
from tui.library.db import Library

real = schema.MIGRATIONS[1]

def announced(db):
    print("migrating", flush=True)
    real(db)

schema.MIGRATIONS[1] = announced  # the list db.py runs
Library(sys.argv[1]).close()
print("migrated", flush=True)
"""


def copies(seed: Annotation, count: int) -> list[V1Article]:
    """The seed annotation on ``count`` texts that differ by a last line (offsets hold)."""
    found = []
    for n in range(count):
        text = seed.article.text + f"\nCopy {n} of the story.\n"
        article = Article.from_text(text, title=f"Copy {n}", date=seed.article.date)
        annotation = replace(seed, article=article)
        found.append(
            V1Article(article, read=n % 3 == 0, annotations=[("1.0", "model", annotation)])
        )
    return found


def migrate_and_kill(path: Path, repo_root: Path, delay: float) -> bool:
    """Start a process migrating ``path`` and SIGKILL it ``delay`` s into the migration;
    return whether it was still inside the migration then."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(path)],
        cwd=repo_root,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == "migrating\n", line + (process.stderr.read() if process.stderr else "")
        time.sleep(delay)
        inside = process.poll() is None
        process.kill()
        out, err = process.communicate(timeout=30)
        assert "Traceback" not in err, err
        return inside and "migrated" not in out
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)


@pytest.mark.slow
def test_a_migration_killed_midway_leaves_version_1_and_then_completes(
    tmp_path: Path, repo_root: Path, seed_annotation: Annotation
):
    seed = int(os.environ.get("BYLINE_CRASH_SEED") or random.randrange(2**32))
    replay = f"replay with BYLINE_CRASH_SEED={seed}"
    rng = random.Random(seed)
    path = tmp_path / "big-v1.sqlite3"
    articles = copies(seed_annotation, COPIES)
    make_v1(path, articles, [])

    kills = attempts = 0
    longest = 1.0  # a guess at how long the migration takes, cut when one finishes first
    while kills < KILLS:
        attempts += 1
        assert attempts <= 4 * KILLS, f"the migration always finished first; {replay}"
        delay = rng.uniform(0.05, 0.8) * longest
        if not migrate_and_kill(path, repo_root, delay):
            longest = delay / 2  # it finished before the kill: start again, sooner
            for end in ("", "-wal", "-shm"):
                Path(f"{path}{end}").unlink(missing_ok=True)
            make_v1(path, articles, [])
            continue
        kills += 1
        assert version_of(path) == 1, f"kill {kills}: the library left version 1; {replay}"
        check = sqlite3.connect(path)
        try:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok", replay
            assert check.execute("SELECT count(*) FROM annotations").fetchone()[0] == COPIES
        finally:
            check.close()

    with Library(path, recover=True) as library:
        assert library.recovered is None, replay
        assert library.migrations_applied == len(MIGRATIONS) - 1
        assert library.integrity_check() == "ok", replay
        assert library.article_count() == COPIES
        unread = sum(not item.read for item in articles)
        assert library.article_count(unread_only=True) == unread
        for item in articles:
            [(engine, model, annotation)] = item.annotations
            assert library.annotation(item.article.id, engine, model) == annotation, replay
