"""The library as a daily driver: ``rm``, ``read``, ``feed add``/``remove``, duplicates,
``export --output``, ``library``/``people --limit``, listings fitted to the terminal's
width and ``byline PATH…`` opening the library.

No spaCy: annotations come from the stored seed annotation or a fake engine. Every test
gets its own library, annotation cache and (absent) config file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tui.cli import main
from tui.library import Library
from tui.model import Annotation, Article
from tui.nlp import ENGINE_VERSION

pytestmark = pytest.mark.usefixtures("isolated")

BRIDGE = (
    "Title: Council approves the new bridge\nDate: 2021-03-04\n{url}\n"
    "{open}We will finish the bridge by spring,{close} Mayor Anna Kowalska said on Monday.\n"
    "The council voted {votes} to approve the plan after a long debate.\n"
)


def bridge(url: str | None = None, *, curly: bool = False, votes: str = "seven to two") -> str:
    """The same story, typed with curly or straight quotes, with or without a URL line."""
    quotes = ("\u201c", "\u201d") if curly else ('"', '"')
    line = f"URL: {url}\n" if url else ""
    return BRIDGE.format(url=line, open=quotes[0], close=quotes[1], votes=votes)


def copies(seed: Annotation, count: int) -> list[Annotation]:
    """The seed annotation on ``count`` texts that differ by a last line (offsets hold)."""
    return [
        replace(
            seed,
            article=Article.from_text(
                seed.article.text + f"\nCopy {n}.", title=f"Copy {n}", date=seed.article.date
            ),
        )
        for n in range(count)
    ]


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("byline: ")
    return lines[0]


def counts(db: Path, word: str) -> dict[str, int]:
    """Rows of every table an article leaves traces in (``word``: a word of its text)."""
    connection = sqlite3.connect(db)
    try:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        found = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "annotations", "speakers", "people")
        }
        found["people without articles"] = connection.execute(
            "SELECT count(*) FROM people WHERE articles <= 0 OR quotes < 0"
        ).fetchone()[0]
        found["people not quoted anywhere"] = connection.execute(
            "SELECT count(*) FROM people p WHERE NOT EXISTS"
            " (SELECT 1 FROM speakers s WHERE s.key = p.key)"
        ).fetchone()[0]
        found["search"] = connection.execute(
            "SELECT count(*) FROM search WHERE search MATCH ?", (word,)
        ).fetchone()[0]
        found["people_words"] = connection.execute(
            "SELECT count(*) FROM people_words WHERE people_words MATCH 'zelenskyy'"
        ).fetchone()[0]
        # story_tokens holds names, not articles: one left over only costs a lookup
        for table in sorted(t for t in tables if t.startswith("story_") and t != "story_tokens"):
            column = "n" if table != "story_clusters" else "id"
            if table == "story_clusters":
                found[table] = connection.execute(
                    "SELECT count(*) FROM story_clusters c WHERE NOT EXISTS"
                    " (SELECT 1 FROM story_members m WHERE m.story = c.id)"
                ).fetchone()[0]
            else:
                found[table] = connection.execute(
                    f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT n FROM articles)"
                ).fetchone()[0]
    finally:
        connection.close()
    return found


# -- rm -----------------------------------------------------------------------------------


def test_empty_listings_say_so_on_stderr(isolated: Path, capsys):
    assert main(["library"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == "byline: the library has no articles yet\n"
    assert main(["library", "--unread"]) == 0
    assert capsys.readouterr() == ("", "byline: no unread articles\n")
    assert main(["feed", "list"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("byline: no feeds subscribed")


def test_rm_leaves_no_orphan_rows(isolated: Path, seed_annotation: Annotation, capsys):
    annotations = copies(seed_annotation, 3)
    with Library(isolated) as library:
        library.store_annotations(annotations, ENGINE_VERSION, "model")
        library.store_annotation(annotations[0], "0.old", "model")  # an older engine's too
        people = library.person_count()
        named = library.person_count(named_only=True)
        assert named == len(library.people(named_only=True)) > 0
        assert library.story_count() > 0  # the copies report the same events
    before = counts(isolated, "zelenskyy")
    assert before["articles"] == 3 and before["annotations"] == 4 and before["search"] == 3
    assert people > 0 and before["people_words"] > 0

    assert main(["rm", annotations[0].article.id[:12]]) == 0
    title = annotations[0].article.title
    assert capsys.readouterr().out == f"removed 1 article: {title}\n"  # which one, by title
    middle = counts(isolated, "zelenskyy")
    assert (middle["articles"], middle["annotations"], middle["search"]) == (2, 2, 2)
    assert middle["people"] == people  # still quoted by the other two

    ids = [a.article.id for a in annotations[1:]]
    assert main(["rm", *ids, ids[0][:10]]) == 0  # a prefix of one already named: once
    assert capsys.readouterr().out == "removed 2 articles\n"
    after = counts(isolated, "zelenskyy")
    assert all(value == 0 for value in after.values()), after
    with Library(isolated) as library:
        assert library.integrity_check() == "ok"
        assert library.article_count() == library.article_count(unread_only=True) == 0
        assert library.people() == [] and library.stories() == []
        assert library.person_count(named_only=True) == 0  # People's kept tally too
        assert library.search("zelenskyy") == [] and library.search("speaker:zelenskyy") == []


def test_rm_an_unknown_id_removes_nothing(isolated: Path, seed_annotation: Annotation, capsys):
    annotations = copies(seed_annotation, 2)
    with Library(isolated) as library:
        library.store_annotations(annotations, ENGINE_VERSION, "model")
    before = counts(isolated, "zelenskyy")
    for unknown in ("ffffffffffff", ""):
        assert main(["rm", annotations[0].article.id, unknown]) == 1
        line = one_line(capsys.readouterr().err)
        assert "no article with this id" in line and "nothing removed" in line
    assert counts(isolated, "zelenskyy") == before


def test_read_marks_articles_read_and_unread(isolated: Path, capsys):
    articles = [Article.from_text(f"Story {n}.\n", title=f"Story {n}") for n in range(3)]
    with Library(isolated) as library:
        library.add_articles(articles)
    first, second = articles[0].id, articles[1].id

    assert main(["read", first[:8], second]) == 0
    assert capsys.readouterr().out == "marked 2 articles read\n"
    assert main(["library"]) == 0
    marks = {line[2:12]: line[0] for line in capsys.readouterr().out.splitlines()}
    assert marks == {first[:10]: " ", second[:10]: " ", articles[2].id[:10]: "*"}
    assert main(["library", "--unread"]) == 0
    assert capsys.readouterr().out.count("\n") == 1

    assert main(["read", "--unread", first, articles[2].id]) == 0
    assert capsys.readouterr().out == "marked 1 article unread (1 already were)\n"
    with Library(isolated) as library:
        assert library.article_count(unread_only=True) == 2
    assert main(["read", "nope"]) == 1
    assert "nothing marked read" in one_line(capsys.readouterr().err)


# -- library and people listings ------------------------------------------------------------


def test_library_limit_and_pages(isolated: Path, monkeypatch, capsys):
    articles = [
        Article.from_text(f"Story {n}.\n", title=f"Story {n}", date=f"2021-01-{n + 1:02d}")
        for n in range(7)
    ]
    with Library(isolated) as library:
        library.add_articles(articles)
    newest_first = [a.title for a in reversed(articles)]

    monkeypatch.setattr("tui.cli.library.LIST_PAGE", 2)  # several pages, read one after another
    assert main(["library"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit("  ", 1)[1] for line in lines] == newest_first
    assert main(["library", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit("  ", 1)[1] for line in lines] == newest_first[:3]
    assert main(["library", "--limit", "0"]) == 2


def test_people_limit(isolated: Path, seed_annotation: Annotation, capsys):
    with Library(isolated) as library:
        library.store_annotation(seed_annotation, ENGINE_VERSION, "model")
        quoted = library.people(quoted_only=True)
    assert len(quoted) > 2
    assert main(["people", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and quoted[0].name in lines[1] and quoted[1].name in lines[2]


# A title much wider than a terminal, with wide (two-cell) characters: widths are cells.
LONG_TITLE = (
    "Zelenskyy and Trump meet at the NATO summit in The Hague to talk about air defence, "
    "sanctions and the 東京 talks, and what the allies promised to spend on defence"
)
FEED_URL = "https://example.org/news/world/international/a-very-long-feed-address/rss.xml"
LISTINGS = [["library"], ["search", "zelenskyy"], ["stories"], ["people"], ["feed", "list"]]


def long_titled_library(db: Path, seed_annotation: Annotation) -> None:
    """Three copies of the seed article under long titles (so they tell the same stories,
    and search finds them with a snippet) and a feed with a long title and URL."""
    annotations = [
        replace(a, article=replace(a.article, title=f"{LONG_TITLE} ({n})"))
        for n, a in enumerate(copies(seed_annotation, 3))
    ]
    with Library(db) as library:
        library.store_annotations(annotations, ENGINE_VERSION, "model")
        library.add_feed(FEED_URL, LONG_TITLE)
        assert library.story_count() > 0


@pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
def test_listings_fit_the_terminal(
    isolated: Path, seed_annotation: Annotation, as_terminal, argv: list[str], capsys
):
    """In an 80-column terminal no row wraps: each is the piped row with its end (the
    title, snippet, label or name) cut with "…", so the ids, dates and counts before it
    keep their columns."""
    long_titled_library(isolated, seed_annotation)
    assert main(argv) == 0
    whole = capsys.readouterr().out.splitlines()
    width = as_terminal()
    assert main(argv) == 0
    fitted = capsys.readouterr().out.splitlines()
    assert len(fitted) == len(whole) > 0
    assert [line for line in fitted if cell_len(line) > width] == []
    for short, full in zip(fitted, whole, strict=True):
        assert short == full or (short.endswith("…") and full.startswith(short[:-1]))
    if argv != ["people"]:  # the names are short
        assert any("NATO summit" in line and line.endswith("…") for line in fitted)


def test_piped_listings_keep_the_whole_title(isolated: Path, seed_annotation: Annotation, capsys):
    """Not a terminal (a pipe, a file): every row whole, as a script reading it expects."""
    long_titled_library(isolated, seed_annotation)
    for argv in (["library"], ["search", "zelenskyy"], ["stories"]):
        assert main(argv) == 0
        assert f"  {LONG_TITLE} (" in capsys.readouterr().out, argv
    assert main(["feed", "list"]) == 0
    assert capsys.readouterr().out.endswith(f"  {LONG_TITLE}  {FEED_URL}\n")


# -- feeds ----------------------------------------------------------------------------------

BAD_FEED_URLS = [
    "file:///etc/passwd",
    "/srv/feeds/news.rss",
    "news.rss",
    "javascript:alert(1)",
    "data:text/xml,<rss/>",
    "ftp://example.org/feed.rss",
    "http://",
    "https:///feed.rss",
    "http://exa mple.org/feed",
    "http://example.org:port/feed",
    "http://example.org/\x1b[31mred",
]


@pytest.mark.parametrize("url", BAD_FEED_URLS)
def test_feed_add_refuses_what_is_not_a_web_url(isolated: Path, url: str, capsys):
    assert main(["feed", "add", url]) == 1
    out, err = capsys.readouterr()
    line = one_line(err)
    assert "not a feed URL" in line and "\x1b" not in line and out == ""
    if isolated.exists():
        with Library(isolated) as library:
            assert library.feeds() == []


def test_feed_add_takes_http_and_https(isolated: Path, capsys):
    assert main(["feed", "add", " HTTPS://Example.org/feed.rss "]) == 0
    assert main(["feed", "add", "http://127.0.0.1:8080/rss?x=1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "feed 1: HTTPS://Example.org/feed.rss",
        "feed 2: http://127.0.0.1:8080/rss?x=1",
    ]


def test_import_opml_skips_what_is_not_a_web_url(isolated: Path, tmp_path: Path, capsys):
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Good" type="rss" xmlUrl="https://example.org/a.rss"/>'
        '<outline text="Local" type="rss" xmlUrl="file:///etc/passwd"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    assert main(["import-opml", str(opml)]) == 0
    out, err = capsys.readouterr()
    assert out == "imported 1 feeds (1 new)\n"
    assert "file:///etc/passwd" in one_line(err) and "skipped" in err
    with Library(isolated) as library:
        assert [f.url for f in library.feeds()] == ["https://example.org/a.rss"]


def test_feed_remove_by_number_or_url_keeps_the_articles(isolated: Path, capsys):
    with Library(isolated) as library:
        first = library.add_feed("https://example.org/a.rss", "A")
        second = library.add_feed("https://example.org/b.rss", "B")
        items = [Article.from_text(f"Item {n}.\n", title=f"Item {n}") for n in range(2)]
        library.add_articles(items, feed_id=first)

    assert main(["feed", "remove", str(first)]) == 0
    assert capsys.readouterr().out == (
        "removed feed 1: https://example.org/a.rss (2 articles of it stay in the library)\n"
    )
    assert main(["feed", "remove", "https://example.org/b.rss"]) == 0
    assert capsys.readouterr().out.startswith(f"removed feed {second}: ")
    with Library(isolated) as library:
        assert library.feeds() == []
        assert library.article_count() == library.article_count(unread_only=True) == 2
        assert {row.feed_id for row in library.articles()} == {None}

    for unknown in ("1", "https://example.org/a.rss", "x"):
        assert main(["feed", "remove", unknown]) == 1
        assert "no such feed" in one_line(capsys.readouterr().err)


# -- duplicates through `byline add` ---------------------------------------------------------


def test_add_recognises_the_same_story_typed_differently(
    isolated: Path, tmp_path: Path, fake_engine: list[str], capsys
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "curly.txt").write_text(bridge(curly=True), encoding="utf-8")
    (folder / "straight.txt").write_text(bridge(curly=False), encoding="utf-8")

    assert main(["add", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(
        "added 1 of 2 articles (0 already in the library, 1 duplicates of stored articles);"
        " annotated 1, reused 0;"
    )
    assert main(["add", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(
        "added 0 of 2 articles (1 already in the library, 1 duplicates of stored articles);"
        " annotated 0, reused 1;"
    )
    assert len(fake_engine) == 1
    with Library(isolated) as library:
        assert library.article_count() == 1


def test_add_recognises_the_same_url_with_tracking_parameters(
    isolated: Path, tmp_path: Path, fake_engine: list[str], capsys
):
    page = "https://www.example.org/news/bridge"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(bridge(f"{page}?utm_source=feed&utm_medium=rss"), encoding="utf-8")
    second.write_text(bridge("http://example.org/news/bridge/#comments", votes="8-1"), "utf-8")

    assert main(["add", str(first)]) == 0
    assert capsys.readouterr().out.startswith("added 1 of 1 articles (0 already")
    assert main(["add", str(second)]) == 0
    assert capsys.readouterr().out.startswith(
        "added 0 of 1 articles (0 already in the library, 1 duplicates of stored articles)"
    )
    with Library(isolated) as library:
        assert library.article_count() == 1
        assert library.knows_url(f"{page}?utm_campaign=x")


def test_a_duplicate_given_to_index_has_its_stored_twin_annotated(
    isolated: Path, tmp_path: Path, fake_engine: list[str], capsys
):
    stored = Article.from_text(bridge(curly=True).split("\n\n", 1)[-1], title="Stored")
    with Library(isolated) as library:
        library.add_articles([stored])  # not annotated yet
    (tmp_path / "straight.txt").write_text(bridge(curly=False), encoding="utf-8")

    assert main(["index", str(tmp_path / "straight.txt")]) == 0
    assert "added 0 articles (1 duplicate of stored articles); annotated 1" in (
        capsys.readouterr().out
    )
    assert fake_engine == [stored.id]


# -- export ---------------------------------------------------------------------------------


def test_export_output_writes_the_file_and_says_where(
    isolated: Path, tmp_path: Path, seed_annotation: Annotation, capsys
):
    with Library(isolated) as library:
        library.store_annotation(seed_annotation, ENGINE_VERSION, "model")
    prefix = seed_annotation.article.id[:8]
    assert main(["export", prefix, "--format", "md"]) == 0
    printed = capsys.readouterr().out

    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("an older report", encoding="utf-8")
    assert main(["export", prefix, "--format", "md", "--output", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]  # no temporary left

    assert main(["export", prefix, "-o", str(tmp_path / "absent" / "r.json")]) == 1
    assert "absent" in one_line(capsys.readouterr().err)
    assert main(["export", prefix, "-o", str(target.parent)]) == 1
    one_line(capsys.readouterr().err)


def test_export_annotates_a_pending_article(isolated: Path, fake_engine: list[str], capsys):
    article = Article.from_text(bridge().split("\n\n", 1)[-1], title="Pending")
    with Library(isolated) as library:
        library.add_articles([article])
    assert main(["export", article.id[:8]]) == 0
    assert Annotation.from_json(capsys.readouterr().out).article == article
    assert fake_engine == [article.id]
    with Library(isolated) as library:
        assert library.current_annotation(article.id) is not None
        assert library.article_count(unread_only=True) == 0  # exporting reads it


# -- byline PATH… ---------------------------------------------------------------------------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The apps ``main`` would have run (``BylineApp.run`` replaced)."""
    apps: list[Any] = []
    monkeypatch.setattr("tui.app.BylineApp.run", lambda self, **_: apps.append(self))
    return apps


def test_several_paths_are_added_to_the_library_and_open_it(
    isolated: Path, tmp_path: Path, started: list[Any], fake_engine: list[str], capsys
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(bridge(curly=True), encoding="utf-8")
    (folder / "b.txt").write_text("Title: Ferry\n\nThe ferry returns in May.\n", "utf-8")
    twin = tmp_path / "twin.txt"
    twin.write_text(bridge(curly=False), encoding="utf-8")

    assert main([str(folder), str(twin)]) == 0
    assert capsys.readouterr() == ("", "")  # nothing printed before the app
    [app] = started
    assert app.articles == [] and app.open_single is False
    assert Path(app.db) == isolated
    with Library(isolated) as library:
        assert sorted(a.title or "" for a in library.all_articles()) == [
            "Council approves the new bridge",
            "Ferry",
        ]
    assert fake_engine == []  # the app annotates, in the background

    assert main([str(twin), str(folder / "b.txt")]) == 0  # both already there
    with Library(isolated) as library:
        assert library.article_count() == 2


def test_one_file_opens_straight_and_is_not_added(
    isolated: Path, tmp_path: Path, started: list[Any], capsys
):
    path = tmp_path / "one.txt"
    path.write_text(bridge(), encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr() == ("", "")
    [app] = started
    assert [a.title for a in app.articles] == ["Council approves the new bridge"]
    assert app.open_single is True
    assert not isolated.exists()  # no library made for it


def test_bare_byline_opens_the_library_without_loading_it(
    isolated: Path, started: list[Any], capsys
):
    assert main([]) == 0  # first run: seeded with the samples
    [app] = started
    assert app.articles == [] and app.open_single is False and Path(app.db) == isolated
    with Library(isolated) as library:
        assert library.article_count() > 0
    assert capsys.readouterr() == ("", "")


def test_add_date_fills_in_the_articles_that_state_none(
    isolated: Path, tmp_path: Path, fake_engine: list[str], capsys
):
    undated = tmp_path / "undated.txt"
    undated.write_text("Harbour reopens\nThe harbour reopened on Tuesday.\n", encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text(
        "Title: Bridge opens\nDate: 2021-03-04\n\nThe bridge opened on Monday.\n", "utf-8"
    )
    assert main(["add", str(undated), str(dated), "--date", "2021-03-10"]) == 0
    with Library(isolated) as library:
        dates = {row.title: row.date for row in library.articles()}
    assert dates == {"Harbour reopens": "2021-03-10", "Bridge opens": "2021-03-04"}
    assert main(["add", str(undated), "--date", "2021-02-30"]) == 1
    assert "2021-02-30" in capsys.readouterr().err
