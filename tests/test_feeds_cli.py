"""``byline feed refresh``, OPML import/export and first-run seeding. No spaCy, no network.

Feeds are served by a local HTTP server on 127.0.0.1; the annotation step is replaced by a
fake so only fetching, parsing and storing are exercised.
"""

from __future__ import annotations

import http.server
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from local_server import serve

from tui.cli import main
from tui.cli.reader import seed_library
from tui.library import DB_ENV, Library
from tui.library.batch import IndexStats
from tui.model import Article

REAL_FEED = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / "feeds"
    / "globalvoices-feature-2009-06-11.rss"
)
PARAGRAPH = (
    "The city council met on Tuesday evening to debate the new bridge over the river, "
    "which residents have asked for since the old ferry stopped running last winter. "
    '"We will finish the bridge by spring," Mayor Anna Kowalska told the packed hall. '
)
PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
    "<h1>{title}</h1>"
    + "".join(f"<p>{{title}}: {PARAGRAPH} Part {n}.</p>" for n in range(6))
    + "</article>"
    "</body></html>"
)
TEASER_ITEMS = (("Bridge approved", "/pages/bridge.html"), ("Ferry returns", "/pages/ferry.html"))
BROKEN_ITEM = ("Gone away", "/pages/missing.html")


def teaser_feed(items: Iterable[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>A short teaser.</description>"
        f"<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate></item>"
        for title, link in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Local Teasers</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    )


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/real.rss" and REAL_FEED.is_file():
            self._send(REAL_FEED.read_bytes(), "application/rss+xml")
        elif self.path == "/teasers.rss":
            self._send(teaser_feed(TEASER_ITEMS).encode(), "application/rss+xml")
        elif self.path == "/broken.rss":
            self._send(teaser_feed([*TEASER_ITEMS, BROKEN_ITEM]).encode(), "application/rss+xml")
        elif self.path.startswith("/pages/") and self.path != BROKEN_ITEM[1]:
            title = self.path.rsplit("/", 1)[-1].removesuffix(".html").title()
            self._send(PAGE.format(title=title).encode(), "text/html; charset=utf-8")
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(Handler) as url:
        yield url


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids given to the annotation step, replaced by a fake that annotates nothing."""
    seen: list[str] = []

    def fake_index(
        library: Library,
        articles: Iterable[Article] | None = None,
        *,
        ids: Iterable[str] | None = None,
        **kw: Any,
    ) -> IndexStats:
        given = [a.id for a in articles or []] + list(ids or [])
        seen.extend(given)
        return IndexStats(requested=len(given), skipped=len(given))

    monkeypatch.setattr("tui.library.batch.index", fake_index)
    monkeypatch.setattr("tui.cli.feeds.FETCH_TIMEOUT", 5.0)
    return seen


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: list[str]) -> Path:
    """A fresh library in BYLINE_DB."""
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv(DB_ENV, str(path))
    return path


def feed_articles(path: Path) -> list[tuple[int | None, str | None, str | None]]:
    with Library(path) as library:
        rows = library.articles()
    return [(r.feed_id, r.source, r.url) for r in rows]


def test_refresh_adds_the_real_feed_once(
    server: str, db: Path, indexed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    if not REAL_FEED.is_file():
        pytest.skip(f"feed not found at {REAL_FEED}")
    assert main(["feed", "add", f"{server}/real.rss"]) == 0
    assert main(["feed", "refresh", "--all"]) == 0
    out = capsys.readouterr().out
    rows = feed_articles(db)
    assert len(rows) == 15 and "15 new, 0 failed" in out
    assert {feed_id for feed_id, _, _ in rows} == {1}
    assert {source for _, source, _ in rows} == {"Global Voices Online » Feature"}
    assert len(indexed) == 15
    with Library(db) as library:
        (feed,) = library.feeds()
    assert feed.last_refreshed is not None and feed.title == "Global Voices Online » Feature"

    assert main(["feed", "refresh"]) == 0
    assert "0 new, 0 failed" in capsys.readouterr().out
    assert len(feed_articles(db)) == 15 and len(indexed) == 15


def test_teasers_are_fetched_and_a_failing_link_is_a_warning(
    server: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["feed", "add", f"{server}/broken.rss", "--title", "Mine"]) == 0
    assert main(["feed", "add", f"{server}/teasers.rss"]) == 0
    assert main(["feed", "refresh", f"{server}/broken.rss"]) == 0
    captured = capsys.readouterr()
    assert "Mine: 2 new, 1 failed" in captured.out
    warnings = [line for line in captured.err.splitlines() if "missing.html" in line]
    assert len(warnings) == 1 and warnings[0].startswith("byline: warning:")
    rows = feed_articles(db)
    assert sorted(url for _, _, url in rows) == [f"{server}{link}" for _, link in TEASER_ITEMS]
    assert {source for _, source, _ in rows} == {"Mine"}

    # the same pages through the other feed are already in the library: nothing to add
    assert main(["feed", "refresh", "--all"]) == 0
    out = capsys.readouterr().out
    assert "Local Teasers: 0 new" in out and "Mine: 0 new, 1 failed" in out
    assert len(feed_articles(db)) == 2


def test_a_removed_article_does_not_come_back_with_its_feed(
    server: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["feed", "add", f"{server}/teasers.rss"]) == 0
    assert main(["feed", "refresh"]) == 0
    assert "2 new" in capsys.readouterr().out
    with Library(db) as library:
        gone = next(r for r in library.articles() if r.url == f"{server}/pages/bridge.html")
    assert main(["rm", gone.id]) == 0
    assert main(["feed", "refresh"]) == 0
    assert "Local Teasers: 0 new, 0 failed" in capsys.readouterr().out
    assert [url for _, _, url in feed_articles(db)] == [f"{server}/pages/ferry.html"]


def test_a_removed_article_under_another_link_is_still_removed(db: Path) -> None:
    """The same story from another feed (another link, the same text) stays removed; the
    reader adding it by name gets it back."""
    article = Article.from_text(PARAGRAPH, title="Bridge", url="https://example.org/a?utm_source=x")
    moved = Article.from_text(PARAGRAPH, title="Bridge (syndicated)", url="https://example.net/b")
    with Library(db) as library:
        assert library.add([article]).added == (article.id,)
        assert library.delete_articles([article.id]) == 1
        assert library.knows_url("https://example.org/a")  # its canonical URL
        assert not library.knows_url("https://example.org/other")
        result = library.add([moved], from_feed=True)
        assert result.added == () and result.removed == (moved.id,)
        assert library.add([moved]).added == (moved.id,)


def test_refresh_errors(server: str, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "refresh"]) == 1
    assert "no feeds" in capsys.readouterr().err
    assert main(["feed", "add", f"{server}/nothing.rss"]) == 0
    assert main(["feed", "refresh", f"{server}/other.rss"]) == 1
    assert "not subscribed" in capsys.readouterr().err
    assert main(["feed", "refresh", "--all"]) == 1
    assert "HTTP 404" in capsys.readouterr().err


def test_opml_round_trip(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed", "add", "https://example.org/a.rss", "--title", "A & B"]) == 0
    assert main(["feed", "add", "https://example.org/b.rss"]) == 0
    capsys.readouterr()
    assert main(["export-opml"]) == 0
    stdout = capsys.readouterr().out
    assert stdout.startswith("<?xml") and "A &amp; B" in stdout
    opml = tmp_path / "subs.opml"
    assert main(["export-opml", str(opml)]) == 0
    assert opml.read_text(encoding="utf-8") == stdout

    other = tmp_path / "other.sqlite3"
    assert main(["--db", str(other), "import-opml", str(opml)]) == 0
    assert "imported 2 feeds (2 new)" in capsys.readouterr().out
    assert main(["import-opml", str(opml), "--db", str(other)]) == 0
    assert "imported 2 feeds (0 new)" in capsys.readouterr().out
    with Library(other) as library:
        feeds = [(f.url, f.title) for f in library.feeds()]
    assert feeds == [("https://example.org/a.rss", "A & B"), ("https://example.org/b.rss", None)]

    assert main(["import-opml", str(tmp_path / "absent.opml")]) == 1
    assert "absent.opml" in capsys.readouterr().err


def test_first_run_seeds_the_samples_once(db: Path, indexed: list[str], samples_dir: Path) -> None:
    samples = [p for p in samples_dir.glob("*.txt") if not p.name.lower().startswith("readme")]
    with Library(db) as library:
        added = seed_library(library)
        assert len(added) == len(samples) > 0
        assert seed_library(library) == []
        records = list(library.all_articles())
    assert len(records) == len(samples) and all(r.text.strip() for r in records)
    assert indexed == []  # seeding annotates nothing up front


def test_seeding_leaves_a_used_library_alone(db: Path) -> None:
    with Library(db) as library:
        library.add_articles([Article.from_text("Just one article.\n", title="One")])
        assert seed_library(library) == []
        assert [a.title for a in library.all_articles()] == ["One"]
