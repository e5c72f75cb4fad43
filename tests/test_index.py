"""``byline index`` (batch annotation into the library) and ``byline add --annotations``.

The parallel and resume tests run the real engine (a handful of sample articles); the rest
replace the engine with a fake so they check planning, storing and error handling only.
Every test gets its own library, annotation cache and (absent) config file.
"""

from __future__ import annotations

import http.server
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import fake_annotation
from local_server import serve

from tui.cache import CACHE_ENV
from tui.cli import main
from tui.library import Library
from tui.model import Annotation, Article, EngineInfo
from tui.nlp import ENGINE_VERSION

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORDS = "The council met on Tuesday to debate the new bridge over the river, residents said. "


# every test gets its own library, cache and config (the ``isolated`` fixture, conftest.py)
pytestmark = pytest.mark.usefixtures("isolated")


def sample_dir(tmp_path: Path, count: int) -> Path:
    """The first ``count`` sample articles, copied into a folder of their own."""
    folder = tmp_path / f"articles-{count}"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def stored(db: Path) -> dict[str, tuple[int, str, str, str, bytes]]:
    """Each stored annotation row by article id: number, engine, model, created_at, data
    (read-only, so it can watch a library another process is writing)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT a.id, n.n, n.engine_version, n.model, n.created_at, n.data"
            " FROM annotations n JOIN articles a ON a.n = n.article"
        ).fetchall()
    connection.close()
    return {r[0]: tuple(r[1:]) for r in rows}


def summary(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("added "))


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("byline: ")
    return lines[0]


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(f"Story {n}\n\n{WORDS * (n + 1)}\n", encoding="utf-8")
    return folder


# -- the real engine ---------------------------------------------------------------------


@pytest.mark.slow
def test_two_jobs_store_the_same_annotations_as_one(tmp_path: Path, monkeypatch, capsys):
    articles = sample_dir(tmp_path, 6)
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"

    assert main(["index", str(articles), "--db", str(one), "--batch-size", "2"]) == 0
    assert summary(capsys.readouterr().out).startswith("added 6 articles; annotated 6, skipped 0")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache-two"))  # or all would be reused
    assert main(["index", str(articles), "--db", str(two), "--jobs", "2", "--batch-size", "2"]) == 0
    assert "annotated 6, skipped 0" in summary(capsys.readouterr().out)

    first, second = stored(one), stored(two)
    assert len(first) == 6
    assert {k: v[1:3] + v[4:] for k, v in first.items()} == {
        k: v[1:3] + v[4:] for k, v in second.items()
    }
    # a second run finds everything done and starts no worker
    assert main(["index", str(articles), "--db", str(two), "--jobs", "2"]) == 0
    assert "added 0 articles; annotated 0, skipped 6" in summary(capsys.readouterr().out)
    assert stored(two) == second


@pytest.mark.slow
def test_a_killed_run_resumes_without_annotating_again(tmp_path: Path, repo_root: Path, capsys):
    articles = sample_dir(tmp_path, 12)
    db = tmp_path / "killed.sqlite3"
    command = [sys.executable, "-m", "tui", "index", str(articles), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--batch-size", "1"],
        cwd=repo_root,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        before: dict[str, tuple[int, str, str, str, bytes]] = {}
        while not before:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "no annotation stored in time"
            time.sleep(0.02)
            try:
                before = stored(db)
            except sqlite3.OperationalError:  # not created yet
                continue
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(30)
        if process.stderr:
            process.stderr.close()
    before = stored(db)
    assert 0 < len(before) < 12, "the run was not stopped midway"

    assert main(["index", str(articles), "--db", str(db), "--batch-size", "1"]) == 0
    line = summary(capsys.readouterr().out)
    assert f"annotated {12 - len(before)}, skipped {len(before)} (already" in line
    after = stored(db)
    assert len(after) == 12
    assert {k: after[k] for k in before} == before  # same rows: not stored again


# -- planning, storing, errors (fake engine) ---------------------------------------------


def test_cache_hits_are_reused_not_annotated(tmp_path: Path, fake_engine: list[str], capsys):
    folder = write_articles(tmp_path / "in", 5)
    assert main(["index", str(folder)]) == 0
    assert "annotated 5, skipped 0 (already annotated), reused 0" in capsys.readouterr().out
    assert len(fake_engine) == 5

    other = tmp_path / "other.sqlite3"
    assert main(["index", str(folder), "--db", str(other), "--batch-size", "2"]) == 0
    assert "added 5 articles; annotated 0, skipped 0 (already annotated), reused 5" in (
        capsys.readouterr().out
    )
    assert len(fake_engine) == 5 and len(stored(other)) == 5


def test_ctrl_c_stops_cleanly_and_keeps_what_was_stored(
    tmp_path: Path, isolated: Path, monkeypatch, capsys
):
    def annotate_many(self: object, articles: Iterable[Article], **_: Any) -> Iterator[Annotation]:
        for article in articles:
            if len(stored(isolated)) == 3:
                raise KeyboardInterrupt
            yield fake_annotation(article)

    monkeypatch.setattr("tui.nlp.annotator.Annotator.annotate_many", annotate_many)
    folder = write_articles(tmp_path / "in", 7)
    assert main(["index", str(folder), "--batch-size", "2"]) == 130
    line = one_error_line(capsys.readouterr().err)
    assert "interrupted: 3 of 7 articles annotated and stored" in line and "resume" in line
    assert len(stored(isolated)) == 3


def test_feeds_without_refresh_index_only_the_stored_feed_items(
    isolated: Path, fake_engine: list[str], capsys
):
    feed_items = [Article.from_text(f"Feed item {n}. {WORDS}") for n in range(3)]
    loose = Article.from_text(f"Not from a feed. {WORDS}")
    with Library(isolated) as library:
        feed_id = library.add_feed("https://example.org/feed.rss", "Example")
        library.add_articles(feed_items, feed_id=feed_id)
        library.add_articles([loose])
        library.store_annotation(fake_annotation(feed_items[0]), ENGINE_VERSION, "x")

    assert main(["index", "--feeds", "--no-refresh"]) == 0
    assert "added 0 articles; annotated 3, skipped 0" in capsys.readouterr().out
    assert sorted(fake_engine) == sorted(a.id for a in feed_items)
    assert main(["index", "--feeds", "--no-refresh"]) == 0
    assert "annotated 0, skipped 3" in capsys.readouterr().out


FULL_TEXT = "".join(f"<p>{WORDS * 3} Part {n}.</p>" for n in range(5))


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        items = "".join(
            f"<item><title>Item {n}</title><link>/items/{n}.html</link>"
            f"<description><![CDATA[{FULL_TEXT} Item {n}.]]></description></item>"
            for n in range(2)
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Local</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_feeds_are_refreshed_then_indexed(isolated: Path, fake_engine: list[str], capsys):
    with serve(FeedHandler) as url:
        assert main(["feed", "add", f"{url}/feed.rss"]) == 0
        assert main(["index", "--feeds"]) == 0
    out = capsys.readouterr().out
    assert "Local: 2 new" in out
    assert "added 2 articles; annotated 2, skipped 0" in summary(out)
    assert len(stored(isolated)) == 2


@pytest.mark.parametrize(
    "arguments",
    [
        ["index"],
        ["index", "{tmp}/absent.txt"],
        ["index", "--feeds"],
        ["index", "--no-refresh", "{tmp}"],
        ["index", "--out", "{tmp}/shards", "{tmp}"],
        ["index", "--dask", "tcp://127.0.0.1:9", "--jobs", "2", "{tmp}"],
        ["add"],
        ["add", "--annotations", "{tmp}/absent"],
    ],
)
def test_errors_are_one_line(tmp_path: Path, arguments: list[str], fake_engine, capsys):
    assert main([a.format(tmp=tmp_path) for a in arguments]) == 1
    one_error_line(capsys.readouterr().err)
    assert not fake_engine


def test_bad_numbers_are_usage_errors(capsys):
    assert main(["index", "--jobs", "0", "x"]) == 2
    assert main(["index", "--batch-size", "many", "x"]) == 2


def test_dask_missing_says_how_to_install(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)
    folder = write_articles(tmp_path / "in", 1)
    assert main(["index", "--dask", "tcp://127.0.0.1:8786", str(folder)]) == 1
    assert "pip install 'byline[dask]'" in one_error_line(capsys.readouterr().err)


def test_add_annotations_reports_a_bad_line_and_imports_the_rest(
    tmp_path: Path, isolated: Path, capsys
):
    good = [fake_annotation(Article.from_text(f"Good {n}. {WORDS}")) for n in range(2)]
    wrong_span = Annotation.from_dict(
        {
            **fake_annotation(Article.from_text(f"Bad span. {WORDS}")).to_dict(),
            "timexes": [{"id": "t1", "start": 0, "end": 3, "text": "nope", "type": "date"}],
        }
    )
    other_model = Annotation(Article.from_text(f"Other. {WORDS}"), engine=EngineInfo("1", "xx-1"))
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "part-00000.jsonl").write_text(
        good[0].to_json() + "\n{not json\n" + wrong_span.to_json() + "\n", encoding="utf-8"
    )
    (shards / "part-00001.jsonl").write_text(
        "\n" + other_model.to_json() + "\n" + good[1].to_json() + "\n", encoding="utf-8"
    )

    assert main(["add", "--annotations", str(shards)]) == 1
    out, err = capsys.readouterr()
    errors = err.strip().splitlines()
    assert [e.split(": ", 2)[1] for e in errors] == [
        f"{shards / 'part-00000.jsonl'}:2",
        f"{shards / 'part-00000.jsonl'}:3",
        f"{shards / 'part-00001.jsonl'}:2",
    ]
    assert "Traceback" not in err and "pass --model" in errors[2]
    assert out.startswith("imported 2 annotations from 2 files (3 bad lines); 2 new articles")
    with Library(isolated) as library:
        assert {a.id for a in library.all_articles()} == {a.article.id for a in good}
    assert set(stored(isolated)) == {a.article.id for a in good}
