"""The SQLite library: annotate-once indexing, search, people, migrations, two processes.

The 60-article corpus is annotated once per session (~20 s); every other test uses the
stored seed annotation or a couple of tiny articles.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tui.cache import CACHE_ENV, AnnotationCache
from tui.cli import main
from tui.cli.inputs import load_paths
from tui.cli.main import _split_reader_paths
from tui.config import CONFIG_ENV
from tui.library import DB_ENV, MIGRATIONS, Library
from tui.library.batch import index
from tui.model import Annotation, Article
from tui.nlp.events.linking import speaker_key
from tui.nlp.pipeline import MODEL_ENV

CORPUS_SIZE = 60


class CountingAnnotator:
    """A real annotator that counts the articles it is asked to annotate."""

    def __init__(self, annotator) -> None:
        self.inner = annotator
        self.model = annotator.model
        self.count = 0

    def annotate_many(self, articles: Sequence[Article]) -> Iterator[Annotation]:
        for article in articles:
            self.count += 1
            yield from self.inner.annotate_many([article])


@dataclass
class CorpusLibrary:
    path: Path
    articles: list[Article]
    annotated: int
    counted: int
    seconds: float


@pytest.fixture(scope="session")
def corpus_library(tmp_path_factory, shared_dir: Path, annotator) -> Iterator[CorpusLibrary]:
    """The corpus added to a fresh library and annotated once, for the whole session."""
    corpus = shared_dir / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"corpus not found at {corpus}")
    root = tmp_path_factory.mktemp("library")
    patch = pytest.MonkeyPatch()
    patch.setenv(CACHE_ENV, str(root / "cache"))
    patch.setenv(CONFIG_ENV, str(root / "no-config.toml"))
    patch.delenv(MODEL_ENV, raising=False)
    articles, errors = load_paths([str(corpus)])
    assert not errors
    counting = CountingAnnotator(annotator)
    path = root / "library.sqlite3"
    with Library(path) as library:
        result = index(library, articles, annotator=counting)  # type: ignore[arg-type]
    yield CorpusLibrary(path, articles, result.annotated, counting.count, result.seconds)
    patch.undo()


@pytest.fixture
def corpus_db(corpus_library: CorpusLibrary) -> Iterator[Library]:
    with Library(corpus_library.path) as library:
        yield library


def test_corpus_is_annotated_once(corpus_library: CorpusLibrary):
    assert len({a.id for a in corpus_library.articles}) == CORPUS_SIZE
    assert corpus_library.annotated == corpus_library.counted == CORPUS_SIZE


def test_reopening_annotates_nothing(corpus_library: CorpusLibrary, monkeypatch, tmp_path):
    from tui.nlp import Annotator

    def refuse(*_args, **_kwargs):
        raise AssertionError("the engine ran for an article the library already has")

    monkeypatch.setattr(Annotator, "annotate_many", refuse)
    started = time.perf_counter()
    with Library(corpus_library.path) as library:
        result = index(library, corpus_library.articles, cache=AnnotationCache(tmp_path / "empty"))
        assert library.migrations_applied == 0
        assert library.user_version == len(MIGRATIONS)
    assert (result.added, result.annotated, result.reused) == (0, 0, 0)
    assert result.skipped == CORPUS_SIZE
    assert time.perf_counter() - started < 5


def test_indexing_again_reads_no_cached_annotation(
    corpus_library: CorpusLibrary, monkeypatch, tmp_path
):
    """Articles the library already holds need nothing from the file cache: a second
    `byline index` of a folder parses no cached annotation."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a cached annotation was read for an article already stored")

    monkeypatch.setattr(AnnotationCache, "for_article", refuse)
    with Library(corpus_library.path) as library:
        result = index(library, corpus_library.articles, cache=AnnotationCache(tmp_path / "c"))
    assert result.added == 0 and result.skipped == CORPUS_SIZE


def test_search_finds_a_quote_by_its_words(corpus_db: Library):
    for annotation in corpus_db.current_annotations():
        words = (
            [w for w in annotation.quotes[0].text.split() if w.isalpha()]
            if annotation.quotes
            else []
        )
        if len(words) >= 4:
            break
    else:
        pytest.fail("no quote with four plain words in the corpus")
    phrase = " ".join(words[:4])
    hits = corpus_db.search(phrase)
    assert annotation.article.id in {h.article_id for h in hits}, phrase
    assert any("[" in h.snippet for h in hits)


def test_bad_fts_syntax_falls_back_to_words(corpus_db: Library):
    assert isinstance(corpus_db.search('Trump AND ("'), list)


def test_speaker_search(corpus_db: Library):
    person = corpus_db.people()[0]
    expected = {
        a.article.id
        for a in corpus_db.current_annotations()
        if any((s.key or speaker_key(s.name)) == person.key for s in a.speakers)
    }
    hits = corpus_db.search(f"speaker:{person.name.upper()}")
    assert expected <= {h.article_id for h in hits}
    surname = person.name.split()[-1]
    assert expected <= {h.article_id for h in corpus_db.search(f"speaker:{surname}")}


def test_people_counts_match_the_annotations(corpus_db: Library):
    articles: dict[str, set[str]] = defaultdict(set)
    quotes: dict[str, int] = defaultdict(int)
    for annotation in corpus_db.current_annotations():
        for speaker in annotation.speakers:
            key = speaker.key or speaker_key(speaker.name)
            if not key:  # a name that folds to nothing is nobody People can list
                continue
            articles[key].add(annotation.article.id)
            quotes[key] += sum(q.is_speech for q in annotation.quotes_of(speaker.id))
    people = {p.key: (p.articles, p.quotes) for p in corpus_db.people()}
    assert people == {key: (len(ids), quotes[key]) for key, ids in articles.items()}


def test_people_named_only_lists_people_and_organisations(corpus_db: Library):
    everyone = corpus_db.people()
    named = corpus_db.people(named_only=True)
    assert {p.kind for p in everyone} > {"person", "organization"}  # groups, unnamed too
    assert named == [p for p in everyone if p.kind in {"person", "organization"}]
    assert corpus_db.person_count(named_only=True) == len(named) < len(everyone)


def test_quotes_of_a_person_newest_first(corpus_db: Library):
    person = corpus_db.people()[0]
    found = corpus_db.quotes_of(person.key)
    assert len(found) == person.quotes
    dates = [article.date or "" for article, _ in found]
    assert dates == sorted(dates, reverse=True)


def test_listing_and_stories(corpus_db: Library):
    rows = corpus_db.articles()
    assert len(rows) == CORPUS_SIZE and all(r.annotated for r in rows)
    assert sum(r.quotes for r in rows) == sum(
        sum(q.is_speech for q in a.quotes) for a in corpus_db.current_annotations()
    )
    assert all(len(story.article_ids) > 1 for story in corpus_db.stories())


# -- small libraries ---------------------------------------------------------------------


def test_schema_version_and_migrations_run_once(tmp_path: Path):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        assert library.migrations_applied == len(MIGRATIONS)
        assert library.user_version == len(MIGRATIONS)
    with Library(path) as library:
        assert library.migrations_applied == 0
        assert library.user_version == len(MIGRATIONS)


def test_feeds_and_read_marks(tmp_path: Path, seed_annotation: Annotation):
    with Library(tmp_path / "lib.sqlite3") as library:
        feed = library.add_feed("https://example.org/rss", "Example")
        assert library.add_feed("https://example.org/rss") == feed
        assert library.add_articles([seed_annotation.article], feed_id=feed) == [
            seed_annotation.article.id
        ]
        assert library.add_articles([seed_annotation.article]) == []
        assert [(f.title, f.unread) for f in library.feeds()] == [("Example", 1)]
        library.mark_read(seed_annotation.article.id)
        assert library.feeds()[0].unread == 0
        assert library.articles(unread_only=True) == []


WRITER = """
import sys
from dataclasses import replace
from pathlib import Path
from tui.library import Library
from tui.model import Annotation, Article
seed = Annotation.from_json(Path(sys.argv[2]).read_text(encoding="utf-8"))
with Library(sys.argv[1]) as library:
    for i in range(int(sys.argv[3])):
        article = Article.from_text(seed.article.text + f"\\n{i}", title=f"copy {i}")
        library.store_annotation(replace(seed, article=article), "test", "model")
"""

READER = """
import sys
from tui.library import Library
with Library(sys.argv[1]) as library:
    for _ in range(int(sys.argv[3])):
        library.search("Zelenskyy")
        library.people()
        library.articles()
"""


def test_two_processes_at_once(tmp_path: Path, repo_root: Path):
    path = tmp_path / "shared.sqlite3"
    seed = repo_root / "tests" / "data" / "seed-annotation.json"
    count = 80
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(script), str(path), str(seed), str(count)],
            cwd=repo_root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for script in (WRITER, READER, WRITER)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "locked" not in err
    with Library(path) as library:
        assert library.integrity_check() == "ok"
        assert len(library.articles()) == count
        assert library.people()


def test_cli_export_escapes_a_hostile_title(tmp_path: Path, seed_annotation: Annotation, capsys):
    title = "<script>alert(1)</script> Leaders meet at the summit"
    hostile = replace(seed_annotation, article=replace(seed_annotation.article, title=title))
    db = tmp_path / "lib.sqlite3"
    with Library(db) as library:
        library.store_annotation(hostile, "test", "model")
    prefix = hostile.article.id[:8]

    assert main(["--db", str(db), "export", prefix, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Leaders meet at the summit" in page and "<h2>Timeline</h2>" in page
    assert main(["export", prefix, "--format", "md", "--db", str(db)]) == 0
    report = capsys.readouterr().out
    assert report.startswith("# ") and "Leaders meet at the summit" in report
    assert "<script>" not in report and "## Who said what" in report

    assert main(["--db", str(db), "export", "ffffffffff"]) == 1
    assert "no article" in capsys.readouterr().err


def test_cli_add_search_people_library(tmp_path: Path, monkeypatch, capsys, annotator):
    monkeypatch.setenv(DB_ENV, str(tmp_path / "lib.sqlite3"))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "no-config.toml"))
    monkeypatch.delenv(MODEL_ENV, raising=False)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge.txt").write_text(
        "Title: Council approves the new bridge\nDate: 2021-03-04\n\n"
        '"We will finish the bridge by spring," Mayor Anna Kowalska said on Monday.\n',
        encoding="utf-8",
    )
    assert main(["add", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("added 1 of 1 articles")
    assert main(["add", str(folder)]) == 0
    assert "annotated 0, reused 1" in capsys.readouterr().out
    assert main(["search", "spring"]) == 0
    assert "[spring]" in capsys.readouterr().out
    assert main(["search", "speaker:kowalska"]) == 0
    assert "Council approves the new bridge" in capsys.readouterr().out
    assert main(["people"]) == 0
    assert "Anna Kowalska" in capsys.readouterr().out
    assert main(["library"]) == 0
    assert "Council approves the new bridge" in capsys.readouterr().out


def test_db_option_before_a_command_is_not_a_reader_path():
    argv = ["--db", "lib.sqlite3", "search", "x"]
    assert _split_reader_paths(argv) == (argv, [])
    assert _split_reader_paths(["--db", "lib.sqlite3", "a.txt"]) == (
        ["--db", "lib.sqlite3"],
        ["a.txt"],
    )


def test_stories_command_lists_the_stories_view(corpus_library: CorpusLibrary, capsys):
    from tui.cli import main

    with Library(corpus_library.path) as library:
        expected = library.story_list(limit=5, articles_each=2)
        total = len(library.story_list(limit=10_000, articles_each=1))  # entries, merged
    assert (
        main(
            [
                "stories",
                "--db",
                str(corpus_library.path),
                "--json",
                "--limit",
                "5",
                "--articles",
                "2",
            ]
        )
        == 0
    )
    listed = json.loads(capsys.readouterr().out)
    assert [(s["label"], s["articles"], s["events"]) for s in listed] == [
        (s.label, s.articles, s.events) for s in expected
    ]
    for story, summary in zip(listed, expected, strict=True):
        assert [a["id"] for a in story["first_articles"]] == [
            row.id for row in summary.first_articles
        ]
        assert story["articles"] >= 2 and len(story["first_articles"]) <= 2
        dates = [a["date"][:10] for a in story["first_articles"] if a["date"]]
        if dates:
            assert story["first_date"] <= min(dates) <= story["last_date"]

    assert main(["stories", "--db", str(corpus_library.path), "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["articles", "events", "dates", "story"]
    if expected:
        assert out[1].split()[0] == str(expected[0].articles)
        assert out[1].rstrip().endswith(expected[0].label)
    if total > 1:
        assert out[-1] == f"(1 of {total} stories; --limit N for more)"


def test_stories_command_finishes_a_relink_first(
    tmp_path: Path, seed_annotation, capsys, monkeypatch: pytest.MonkeyPatch
):
    """After an upgrade changed the link rules, ``byline stories`` links the rest of the
    library again (saying so on stderr) before listing: never half the stories."""
    from tui.cli import main
    from tui.library import stories
    from tui.nlp import ENGINE_VERSION

    path = tmp_path / "lib.sqlite3"
    follow_up = replace(
        seed_annotation,
        article=replace(
            seed_annotation.article, id="follow-up", text=seed_annotation.article.text + "\nMore."
        ),
    )
    with Library(path) as library:
        library.store_annotations([seed_annotation, follow_up], ENGINE_VERSION, "m")
        before = library.stories(limit=None)
    assert before
    assert main(["stories", "--db", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(stories, "rules_stamp", lambda: 99)
    assert main(["stories", "--db", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == listed
    assert "linking the stories again under this version's rules (2 articles)" in captured.err
    with Library(path) as library:
        assert library.relink_progress() is None and library.stories(limit=None) == before


def test_stories_command_on_an_empty_library(tmp_path: Path, capsys):
    from tui.cli import main

    assert main(["stories", "--db", str(tmp_path / "new.sqlite3")]) == 0
    assert (
        "No stories yet: no event is reported by more than one article" in capsys.readouterr().out
    )
    assert main(["stories", "--db", str(tmp_path / "new.sqlite3"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_set_date_drops_the_annotations_placed_against_the_old_date(
    tmp_path: Path, seed_annotation
):
    from tui.nlp import ENGINE_VERSION

    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        library.store_annotation(seed_annotation, ENGINE_VERSION, "m")
        article_id = seed_annotation.article.id
        assert library.people() and library.current_annotation(article_id) is not None
        assert library.set_date(article_id, "2025-07-01")
        assert not library.set_date("no-such-article", "2025-07-01")
        assert library.article(article_id).date == "2025-07-01"
        assert library.current_annotation(article_id) is None
        assert library.missing_annotation_ids(ENGINE_VERSION, "m") == [article_id]
        assert library.people(quoted_only=False) == []
        assert library.articles()[0].date == "2025-07-01"
        assert library.integrity_check() == "ok"


def test_a_cached_annotation_placed_against_another_date_is_not_reused(
    tmp_path: Path, seed_annotation
):
    from dataclasses import replace

    import tui.service
    from tui.nlp import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    cache = AnnotationCache(tmp_path / "cache")
    cache.put(seed_annotation, ENGINE_VERSION, resolve_model_name(None))
    article = seed_annotation.article
    assert tui.service.cached(article, None, cache) is not None
    retitled = replace(article, title="Another title")
    assert tui.service.cached(retitled, None, cache).article == retitled
    assert tui.service.cached(replace(article, date="2025-07-01"), None, cache) is None


def test_stories_linked_under_other_rules_are_linked_again_on_open(
    tmp_path: Path, seed_annotation, monkeypatch: pytest.MonkeyPatch
):
    """A word list or window changed by an upgrade changes the link terms: a library
    whose stories were linked under other rules links them again when it opens."""
    from dataclasses import replace

    from tui.library import stories
    from tui.nlp import ENGINE_VERSION

    path = tmp_path / "lib.sqlite3"
    follow_up = replace(
        seed_annotation,
        article=replace(
            seed_annotation.article,
            id="follow-up",
            text=seed_annotation.article.text + "\nMore.",
            date="2025-06-26",
        ),
    )
    with Library(path) as library:
        assert library.stories_relinked  # a new library is stamped with today's rules
        for annotation in (seed_annotation, follow_up):
            library.store_annotation(annotation, ENGINE_VERSION, "m")
        before = library.stories(limit=None)
        assert before
    with Library(path) as library:
        assert not library.stories_relinked  # same rules: nothing to do
        assert library.stories(limit=None) == before
    # an upgrade that treats meetings as states: their stories must go, their terms too
    meetings = frozenset({"meet", "meeting", "summit", "encounter", "huddle"})
    assert any(story.lemma in meetings for story in before)
    monkeypatch.setattr(stories, "rules_stamp", lambda: 12345)
    monkeypatch.setattr("tui.nlp.events.linking.STATE_VERBS", meetings)
    with Library(path) as library:
        assert library.stories_relinked
        assert library.stories(limit=None) == []  # emptied at once, linked again by steps
        assert library.relink_progress() == (0, 2)
        seen: list[tuple[int, int]] = []
        assert library.relink_stories(articles=1, progress=lambda *p: seen.append(p)) == (1, 2)
        assert seen == [(1, 2)]
    with Library(path) as library:  # another run takes it on where it stopped
        assert not library.stories_relinked
        assert library.relink_stories() is None and library.relink_progress() is None
        after = library.stories(limit=None)
        assert after and all(story.lemma not in meetings for story in after)
        db = library._db
        stored = db.execute("SELECT count(*) FROM story_terms").fetchone()[0]
        expected = sum(
            len(stories._term_rows(n, stories._terms(stories._decode(n, blob))))
            for n, blob in db.execute("SELECT n, keys FROM story_keys")
        )
        assert stored == expected
        assert library.integrity_check() == "ok"


def test_counts_of_quotes_are_of_words_said(tmp_path: Path, seed_annotation) -> None:
    """A belief, evidence or an endorsement is listed with its speaker but is no quote:
    the people's and the articles' counts of quotes leave it out."""
    from tui.evaluation.quotes import score_article
    from tui.model import Quote
    from tui.nlp import ENGINE_VERSION

    speaker = seed_annotation.speakers[0]
    said = len(seed_annotation.quotes_of(speaker.id))
    text = seed_annotation.article.text
    belief = Quote("q-belief", 0, 10, text[:10], "belief", speaker_id=speaker.id)
    annotation = replace(seed_annotation, quotes=(*seed_annotation.quotes, belief))
    with Library(tmp_path / "lib.sqlite3") as library:
        library.store_annotation(annotation, ENGINE_VERSION, "m")
        person = next(p for p in library.people() if p.name == speaker.name)
        (row,) = library.articles()
    assert person.quotes == said and row.quotes == len(seed_annotation.quotes)
    assert score_article([], annotation).predicted == len(seed_annotation.quotes)


def test_a_library_made_before_the_name_tokens_gets_them_by_a_relink(
    tmp_path: Path, seed_annotation
) -> None:
    """Version-4 stories had no story_tokens table: opening such a library adds it, and
    the stories are linked again (which fills it), a step at a time."""
    import sqlite3

    from tui.library import stories
    from tui.nlp import ENGINE_VERSION

    path = tmp_path / "lib.sqlite3"
    follow_up = replace(
        seed_annotation,
        article=replace(seed_annotation.article, id="f", text=seed_annotation.article.text + "\n."),
    )
    with Library(path) as library:
        library.store_annotations([seed_annotation, follow_up], ENGINE_VERSION, "m")
        before = library.stories(limit=None)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE story_tokens")
    db.execute("UPDATE tallies SET value = value + 1 WHERE name = ?", (stories.RULES_TALLY,))
    db.commit()
    db.close()
    with Library(path) as library:
        assert library.stories_relinked and library.relink_progress() == (0, 2)
        assert library.relink_stories() is None
        assert library.stories(limit=None) == before
        tokens = library._db.execute("SELECT count(*) FROM story_tokens").fetchone()[0]
    assert tokens > 0


def test_stories_told_by_the_same_articles_are_listed_once(tmp_path: Path, capsys) -> None:
    """Two stored stories of exactly the same two articles (the wall's funding and the
    budget) are one entry, also when the page ends between them; the count says so."""
    import sqlite3

    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        library.add_articles(
            [
                Article.from_text(
                    f"Title: Report {k}\n\nWords of report {k}.", date=f"2019-01-0{k}"
                )
                for k in (1, 2, 3)
            ]
        )
    db = sqlite3.connect(path)
    with db:
        date_of = dict(db.execute("SELECT n, date FROM articles"))
        n1, n2, n3 = sorted(date_of)
        rows = [
            (1, "funding", [(n1, 0), (n2, 0)]),
            (2, "budget", [(n1, 1), (n1, 2), (n2, 1)]),
            (3, "battle", [(n2, 3), (n3, 0)]),
        ]
        for story, label, members in rows:
            db.executemany(
                "INSERT INTO story_members (n, event, story) VALUES (?, ?, ?)",
                [(n, e, story) for n, e in members],
            )
            dates = sorted({date_of[n] for n, _ in members})
            db.execute(
                "INSERT INTO story_clusters (id, label, events, articles, first_date, last_date)"
                " VALUES (?, ?, ?, 2, ?, ?)",
                (story, label, len(members), dates[0], dates[-1]),
            )
    db.close()
    with Library(path) as library:
        first = library.story_list(limit=1, articles_each=2)
        every = library.story_list(limit=10, articles_each=2)
    assert [(s.label, s.events, s.merged) for s in first] == [("budget", 5, 1)]
    assert [(s.label, s.events, s.merged) for s in every] == [
        ("budget", 5, 1),
        ("battle", 2, 0),
    ]
    assert main(["stories", "--db", str(path), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "budget" in out and "funding" not in out
    assert "(1 of 2 stories; --limit N for more)" in out
    assert main(["stories", "--db", str(path)]) == 0
    assert "stories; --limit" not in capsys.readouterr().out


def test_an_article_added_with_its_annotation_is_never_seen_unannotated(tmp_path: Path) -> None:
    """An annotation at hand (the file cache's) is stored in the transaction that adds the
    article: no reader of the library sees it pending in between."""
    from conftest import fake_annotation

    article = Article.from_text("Title: Bridge\n\nThe council approved the bridge, Kowalska said.")
    annotation = fake_annotation(article)
    with Library(tmp_path / "lib.sqlite3") as library:
        with pytest.raises(ValueError):
            library.add([article], annotations={article.id: annotation})
        result = library.add(
            [article], annotations={article.id: annotation}, engine=("9.9.9", "test-model")
        )
        assert result.added == (article.id,) and result.annotated == (article.id,)
        assert library.missing_annotation_ids("9.9.9", "test-model") == []
        assert library.annotation(article.id, "9.9.9", "test-model") == annotation


def test_someone_never_quoted_is_listed_with_what_else_is_attributed(corpus_db: Library):
    """People lists a body the articles attribute only beliefs or evidence to ("the CIA
    concluded …") with no quotes: asked for those, the library gives them, none speech."""
    silent = [p for p in corpus_db.people(named_only=True) if p.quotes == 0]
    assert silent, "the corpus has someone with attributions but no quotes"
    for person in silent:
        assert corpus_db.quotes_of(person.key) == []
        others = corpus_db.quotes_of(person.key, speech=False)
        assert others and not any(quote.is_speech for _, quote in others), person
