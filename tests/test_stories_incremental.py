"""Stories linked as articles are stored equal the full recomputation, at any order.

:func:`tui.nlp.events.linking.link_events` is the reference; :mod:`tui.library.stories` must
reach the same clusters one article at a time, undo them one article at a time, leave
no row behind and survive a transaction rolled back half-way. No spaCy: annotations are
built by hand from a small vocabulary so that events do link.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.library import stories
from tui.model import (
    SALIENT_EVENT,
    Annotation,
    Article,
    Entity,
    Event,
    Participant,
    Span,
    Speaker,
    TimeExpression,
)
from tui.nlp.events.lexicon import event_type, same_event_group
from tui.nlp.events.linking import (
    EventKey,
    event_keys,
    link_events,
    link_terms,
    name_words,
    query_groups,
    query_terms,
    same_event,
    term_hash,
)

LEMMAS = (
    "meet",
    "meeting",
    "attack",
    "strike",
    "say",
    "have",
    "add",
    "rule",
    "think",
    "resign",
    "resignation",
)
WORDS = ("boeing", "co", "jobs", "us", "the", "of")
MORE_WORDS = ("new", "york", "air", "force", "one", "steve", "paul")  # long names
TIMES = (
    None,
    "2011",
    "2011-08",
    "2011-W34",
    "2011-08-24",
    "2011-08-24T10:00",
    "201",
    "PAST_REF",
    "P3D",
)
BASE_DAY = dt.date(2011, 8, 20)
DAY_OFFSETS = st.one_of(st.integers(-10, 10), st.integers(-800, 800))


def _day(offset: int) -> str:
    return (BASE_DAY + dt.timedelta(days=offset)).isoformat()


# -- the guarantee behind incremental linking ---------------------------------------------------

names = st.lists(st.sampled_from(WORDS), min_size=1, max_size=2, unique=True).map(" ".join)
long_names = st.lists(st.sampled_from(WORDS + MORE_WORDS), min_size=3, max_size=8, unique=True).map(
    " ".join
)
valid_names = names.filter(lambda name: any(w not in ("the", "of") for w in name.split()))


@st.composite
def keys(draw: st.DrawFn) -> EventKey:
    lemma = draw(st.sampled_from(LEMMAS))
    kind = draw(st.sampled_from((event_type(lemma), "statement", "other")))
    date = draw(st.one_of(st.none(), DAY_OFFSETS.map(_day)))
    return EventKey(
        article_id=draw(st.sampled_from("abc")),
        event_id="v1",
        lemma=lemma,
        group=same_event_group(lemma),
        type=kind,
        time=draw(st.sampled_from(TIMES)),
        names=frozenset(draw(st.lists(st.one_of(valid_names, long_names), min_size=1, max_size=3))),
        date=date,
    )


@st.composite
def pairs(draw: st.DrawFn) -> tuple[EventKey, EventKey]:
    """Two keys, the second often close to the first: a shared or wider name, the same
    trigger, a nested time, a date a few days off."""
    a = draw(keys())
    b = draw(keys())
    if draw(st.booleans()):
        b = replace(b, lemma=a.lemma, group=a.group, type=a.type)
    if draw(st.booleans()):
        words = draw(st.sampled_from(sorted(a.names))).split()
        shuffled = draw(st.permutations(words))
        narrower = " ".join(shuffled[: draw(st.integers(1, len(words)))])
        if not name_words(narrower):  # names are never function words alone
            narrower = " ".join(words)
        extra = draw(st.lists(st.sampled_from(WORDS + MORE_WORDS), max_size=5, unique=True))
        wider = " ".join(dict.fromkeys(words + extra))
        b = replace(b, names=b.names | {draw(st.sampled_from((narrower, wider)))})
    if draw(st.booleans()) and a.time is not None:
        b = replace(b, time=a.time[: draw(st.integers(1, len(a.time)))])
    if draw(st.booleans()) and a.date is not None:
        day = dt.date.fromisoformat(a.date) + dt.timedelta(days=draw(st.integers(-9, 9)))
        b = replace(b, date=day.isoformat())
    return a, b


def _key(
    article: str,
    lemma: str = "attack",
    *,
    time: str | None = None,
    names: tuple[str, ...] = ("boeing",),
    date: str | None = BASE_DAY.isoformat(),
    **fields: Any,
) -> EventKey:
    """A key as an article's event would give it (its type and group from the lexicon)."""
    values: dict[str, Any] = {"type": event_type(lemma)} | fields
    return EventKey(
        article,
        "v1",
        lemma,
        same_event_group(lemma),
        time=time,
        names=frozenset(names),
        date=date,
        **values,
    )


def _found(a: EventKey, b: EventKey) -> bool:
    """Whether looking ``a`` up finds ``b``: a whole group of its lookups among b's terms
    (so a shared term, and a shared hash as SQLite stores them)."""
    stored = link_terms(b)
    hashes = {term_hash(t) for t in query_terms(a)} & {term_hash(t) for t in stored}
    return any(group <= stored for group in query_groups(a)) and bool(hashes)


@given(pairs())
def test_linked_events_share_a_term(pair: tuple[EventKey, EventKey]) -> None:
    a, b = pair
    assert same_event(a, b) == same_event(b, a)
    if same_event(a, b):
        assert _found(a, b) and _found(b, a)


GRID_NAMES = (
    "boeing",
    "co",
    "boeing co",
    "the boeing co",
    "new york",
    "new york air",
    "air force one new york",  # longer than SUBSET_WORDS: looked up word by word
    "steve air force new jobs",
)


def test_linked_events_share_a_term_on_a_grid() -> None:
    """Every pair of a grid of keys close enough to link often (the property, exhaustively)."""
    grid = [
        EventKey(article, "v1", lemma, same_event_group(lemma), event_type(lemma), t, n, d)
        for article, lemma, t, n, d in itertools.product(
            "ab",
            ("meet", "meeting", "say"),
            ("2011", "2011-08-24", None),
            [frozenset({name}) for name in GRID_NAMES],
            (None, _day(0), _day(7), _day(8)),
        )
    ]
    terms = [(query_groups(k), link_terms(k)) for k in grid]
    linked = 0
    for (a, (qa, _)), (b, (_, lb)) in itertools.product(zip(grid, terms, strict=True), repeat=2):
        if same_event(a, b):
            linked += 1
            assert any(group <= lb for group in qa), (a, b)
    assert linked > 1000


def test_lookups_find_only_names_sharing_one() -> None:
    """Lookups are exact about names (up to SUBSET_WORDS words): a stored name is found
    only when one name's words lie within the other's, so a library full of names that
    share some words ("world health organization", "respiratory syndrome") does not make
    every new event compare itself with all of them."""
    names = (
        "world health organization",
        "world health organizationx",
        "health",
        "world",
        "middle east respiratory syndrome",
        "middlex eastx respiratory syndrome",
        "respiratory syndrome",
        "syndrome",
    )

    for x, y in itertools.product(names, repeat=2):
        a, b = _key("a", names=(x,)), _key("b", names=(y,))
        found = _found(a, b)
        words_x, words_y = set(x.split()), set(y.split())
        assert found == (words_x <= words_y or words_y <= words_x), (x, y)
        assert found == same_event(a, b), (x, y)


def test_timed_events_meet_only_in_agreeing_times() -> None:
    """Two events with their own, conflicting times never link, however close their
    articles: their date windows do not meet either (an untimed one's do)."""

    def key(article: str, time: str | None, day: int) -> EventKey:
        return _key(article, time=time, names=("congress",), date=_day(day))

    found = _found
    assert not found(key("a", "2011-08-21", 0), key("b", "2011-08-19", 2))
    assert found(key("a", "2011-08-21", 0), key("b", "2011-08", 2))
    assert found(key("a", "2011-08-21", 0), key("b", None, 2))
    assert found(key("a", None, 0), key("b", "2011-08-19", 2))
    assert found(key("a", "2011-08-21", 0), key("b", "PAST_REF", 2))


def test_an_event_of_the_day_meets_a_later_report_of_that_day() -> None:
    """An article of 25 August reports Jobs resigning, without a date; one of 6 October
    tells that he resigned on 24 August. One event, though the articles are six weeks
    apart: an event without a time of its own happened about when its article appeared."""

    def key(article: str, time: str | None, day: str) -> EventKey:
        return _key(article, "resign", time=time, names=("steve jobs",), date=day)

    news = key("a", None, "2011-08-25")
    later = key("b", "2011-08-24", "2011-10-06")
    assert same_event(news, later) and same_event(later, news)
    assert _found(news, later) and _found(later, news)
    # a week of its own (2010-W22: 31 May to 6 June) meets a report of 8 June
    assert same_event(key("a", None, "2010-06-08"), key("b", "2010-W22", "2010-06-16"))
    # but not a report of that day's news months later, nor a year-long time
    assert not same_event(key("a", None, "2011-12-25"), later)
    assert not same_event(key("a", None, "2011-08-25"), key("b", "2011", "2011-10-06"))


def test_linking_rules() -> None:
    def key(article: str, lemma: str = "attack", **fields: Any) -> EventKey:
        names = tuple(fields.pop("names", ("boeing",)))
        return _key(article, lemma, names=names, **fields)

    assert same_event(key("a"), key("b", lemma="strike", date=_day(7)))
    assert not same_event(key("a"), key("b", date=_day(8)))  # a week is the window
    assert not same_event(key("a"), key("b", date=None))
    assert same_event(key("a", time="2009"), key("b", time="2009-05", date=_day(-900)))
    assert not same_event(key("a", time="200"), key("b", time="2009", date=_day(-900)))
    assert not same_event(key("a", time="2009"), key("b", time="2010"))  # conflicting
    # statements and light verbs need agreeing own times, however close the dates
    assert not same_event(key("a", lemma="say"), key("b", lemma="say"))
    assert same_event(key("a", lemma="say", time="2011"), key("b", lemma="say", time="2011-08"))
    assert not same_event(key("a", lemma="have"), key("b", lemma="have"))
    # names: one within the other
    assert same_event(key("a", names=frozenset({"boeing co"})), key("b"))
    assert not same_event(key("a", names=frozenset({"airbus"})), key("b"))


def _names_of(text: str, **records: Any) -> frozenset[str]:
    sentence = Span.of(text, 0, len(text))
    arguments = records.pop("arguments", ())
    event = Event("v1", Span(0, 0, ""), "visit", sentence=sentence, participants=arguments)
    article = Article("x", None, "2011-08-20T10:00:00Z", None, None, text)
    (key,) = event_keys(Annotation(article, events=(event,), **records))
    assert key.date == "2011-08-20"
    return key.names


def test_what_is_a_name() -> None:
    text = "Officials met the National Zoo and Boeing."

    def bare(words: str) -> Participant:
        start = text.index(words)
        return Participant("agent", Span.of(text, start, start + len(words)))

    entities = (Entity("e1", "ORG", "of the"), Entity("e2", "ORG", "Boeing"))
    arguments = (Participant("other", ref="e1"), Participant("other", ref="e2"))
    # function words alone name nothing
    assert _names_of(text, entities=entities, arguments=arguments) == frozenset({"boeing"})
    # a capital that only starts the sentence says nothing; capitals inside it do
    assert _names_of(text, arguments=(bare("Officials"),)) == frozenset()
    zoo = bare("the National Zoo")
    assert _names_of(text, arguments=(zoo,)) == frozenset({"the national zoo"})
    speakers = (
        Speaker("s1", "Officials", "group"),
        Speaker("s2", "Nancy Pelosi", "person"),
        Speaker("s3", "a German government source", "unnamed"),
    )
    refs = tuple(Participant("agent", ref=s.id) for s in speakers)
    assert _names_of(text, speakers=speakers, arguments=refs) == frozenset({"nancy pelosi"})


# -- annotations built by hand ----------------------------------------------------------------


@st.composite
def events(draw: st.DrawFn, index: int) -> tuple[Event, TimeExpression | None, tuple[str, ...]]:
    lemma = draw(st.sampled_from(LEMMAS))
    time = draw(st.sampled_from(TIMES))
    timex = None if time is None else TimeExpression(f"t{index}", 0, 0, "", value=time)
    people = tuple(
        draw(st.lists(valid_names, min_size=int(draw(st.integers(0, 5)) > 0), max_size=2))
    )
    event = Event(
        id=f"v{index}",
        trigger=Span(0, 0, ""),
        lemma=lemma,
        type=draw(st.sampled_from((event_type(lemma), "statement"))),
        participants=tuple(Participant("agent", ref=f"e{index}-{i}") for i in range(len(people))),
        time_id=None if timex is None else timex.id,
        time_anchor=draw(st.sampled_from(("explicit", "sentence", "publication"))),
        salience=draw(st.sampled_from((SALIENT_EVENT, 0.9, 0.1))),  # mostly reported
    )
    return event, timex, people


@st.composite
def annotations(draw: st.DrawFn, index: int) -> Annotation:
    offset = draw(st.sampled_from((None, 0, 3, 6, 9, 14, 400)))
    found = [draw(events(i)) for i in range(1, draw(st.integers(1, 4)) + 1)]
    entities = tuple(
        Entity(f"e{i}-{j}", "ORG", name)
        for i, (_, _, people) in enumerate(found, start=1)
        for j, name in enumerate(people)
    )
    article = Article(
        f"article-{index}", None, None if offset is None else _day(offset), None, None, ""
    )
    return Annotation(
        article,
        entities=entities,
        events=tuple(event for event, _, _ in found),
        timexes=tuple(timex for _, timex, _ in found if timex is not None),
    )


@st.composite
def libraries(draw: st.DrawFn) -> list[Annotation]:
    return [draw(annotations(i)) for i in range(draw(st.integers(2, 9)))]


def _connect() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE articles (n INTEGER PRIMARY KEY, id TEXT, date TEXT)")
    for statement in stories.STORY_SCHEMA:
        db.execute(statement)
    return db


def _add(db: sqlite3.Connection, annotation: Annotation) -> int:
    db.execute("BEGIN")
    article = annotation.article
    n = int(
        db.execute(
            "INSERT INTO articles (id, date) VALUES (?, ?)", (article.id, article.date)
        ).lastrowid
        or 0
    )
    stories.index_article(db, n, annotation)
    db.execute("COMMIT")
    return n


def _remove(db: sqlite3.Connection, n: int) -> None:
    db.execute("BEGIN")
    stories.unindex_article(db, n)
    db.execute("DELETE FROM articles WHERE n = ?", (n,))
    db.execute("COMMIT")


Clusters = set[frozenset[tuple[str, str]]]


def _stored(db: sqlite3.Connection, library: Sequence[Annotation]) -> Clusters:
    """The stored stories as (article id, event id) sets, counts and labels checked too."""
    lemmas = {(a.article.id, e.id): e.lemma for a in library for e in a.events}
    ids = {int(n): str(i) for n, i in db.execute("SELECT n, id FROM articles")}
    dates = {int(n): d[:10] for n, d in db.execute("SELECT n, date FROM articles") if d}
    found = stories.top_stories(db, limit=None)
    assert stories.story_count(db) == len(found)
    assert [s.articles for s in found] == sorted((s.articles for s in found), reverse=True)
    clusters: Clusters = set()
    for story in found:
        articles = {n for n, _ in story.members}
        assert story.articles == len(articles) >= 2
        known = sorted(dates[n] for n in articles if n in dates)
        assert (story.first_date, story.last_date) == (
            (known[0], known[-1]) if known else (None, None)
        )
        first_n, first_event = story.members[0]  # the earliest-added member names it
        assert story.label == lemmas[(ids[first_n], first_event)]
        clusters.add(frozenset((ids[n], event) for n, event in story.members))
    events = db.execute("SELECT sum(events) FROM story_clusters").fetchone()[0] or 0
    assert events == sum(len(c) for c in clusters)
    return clusters


def _reference(annotations: Sequence[Annotation]) -> Clusters:
    found = link_events(annotations, min_salience=SALIENT_EVENT)
    return {frozenset(cluster) for cluster in found}


def _dump(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(db.execute(f"SELECT * FROM {table}").fetchall())
        for table in (*stories.STORY_TABLES, "articles")
    }


@given(libraries(), st.randoms(use_true_random=False))
def test_incremental_equals_full_recomputation(
    library: list[Annotation], rng: random.Random
) -> None:
    db = _connect()
    order = list(library)
    rng.shuffle(order)
    numbers = {a.article.id: _add(db, a) for a in order}
    assert _stored(db, library) == _reference(library)

    removed = rng.sample(library, rng.randint(1, len(library)))
    for annotation in removed:
        _remove(db, numbers[annotation.article.id])
        remaining = [a for a in library if a not in removed[: removed.index(annotation) + 1]]
        assert _stored(db, library) == _reference(remaining)
    if len(removed) == len(library):
        assert all(rows == [] for rows in _dump(db).values())


@given(libraries())
def test_reindexing_an_article_changes_nothing(library: list[Annotation]) -> None:
    db = _connect()
    numbers = [_add(db, a) for a in library]
    before = _dump(db)
    db.execute("BEGIN")
    stories.index_article(db, numbers[0], library[0])
    db.execute("COMMIT")
    after = _stored(db, library)
    assert after == _reference(library)
    assert _dump(db)["story_terms"] == before["story_terms"]
    assert _dump(db)["story_keys"] == before["story_keys"]


def test_rebuild_equals_adding_one_by_one() -> None:
    library = [_fixed(i, offset) for i, offset in enumerate((0, 2, 5, 30, 31, None))]
    db = _connect()
    numbers = [_add(db, a) for a in library]
    clusters = _stored(db, library)
    assert clusters == _reference(library) and clusters
    db.execute("BEGIN")
    stories.rebuild(db, zip(numbers, library, strict=True))
    db.execute("COMMIT")
    assert _stored(db, library) == clusters


def test_states_and_light_verbs_never_make_a_story() -> None:
    def key(article: str, lemma: str, time: str | None = "2011-08-24") -> EventKey:
        return _key(article, lemma, time=time)

    for lemma in ("think", "see", "want", "know", "hope", "remain", "begin", "have", "make"):
        assert not same_event(key("a", lemma), key("b", lemma)), lemma
        assert not link_terms(key("a", lemma)) and not query_groups(key("a", lemma))
    assert same_event(key("a", "attack"), key("b", "attack", None))
    # a verb reporting a clause links only on its own time, like a statement
    assert same_event(key("a", "add"), key("b", "add"))
    assert not same_event(key("a", "add"), key("b", "add", None))


def test_deleting_everything_leaves_no_rows() -> None:
    library = [_fixed(i, offset) for i, offset in enumerate((0, 1, 2, 3, 4, 5, 6))]
    db = _connect()
    numbers = [_add(db, a) for a in library]
    assert stories.story_count(db) >= 1
    for n in reversed(numbers):
        _remove(db, n)
    assert all(rows == [] for rows in _dump(db).values())


def _fixed(index: int, offset: int | None) -> Annotation:
    """An article whose attack on Boeing links with its neighbours' within the week."""
    names = ("Boeing", "Boeing Co", "Steve Jobs")
    entities = tuple(Entity(f"e{i}", "ORG", name) for i, name in enumerate(names))
    event = Event(
        "v1",
        Span(0, 0, ""),
        "attack" if index % 2 else "strike",
        type="attack",
        participants=(Participant("agent", ref=f"e{index % 2}"),),
        salience=0.8,
    )
    meeting = Event(
        "v2",
        Span(0, 0, ""),
        "meet",
        type="meeting",
        participants=(Participant("agent", ref="e2"),),
        time_id="t1",
        time_anchor="explicit",
        salience=0.6,
    )
    timex = TimeExpression("t1", 0, 0, "", value="2011-08")
    date = None if offset is None else _day(offset)
    article = Article(f"fixed-{index}", None, date, None, None, "")
    return Annotation(article, entities=entities, events=(event, meeting), timexes=(timex,))


def test_a_new_event_meets_only_the_newest_events_under_a_term(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Linking reads at most RECENT_PER_TERM stored events per lookup term: with two, the
    fifth report of the week's attack still joins the story (through its newest members)
    and the lookup reads no older member."""
    monkeypatch.setattr(stories, "_CANDIDATES", stories.candidates_sql(2))
    db = _connect()
    library = [_fixed(2 * i + 1, 0) for i in range(5)]  # the same attack, the same day
    numbers = [_add(db, a) for a in library[:4]]
    assert _stored(db, library[:4]) == _reference(library[:4])  # the attack, the meeting
    new = stories._linkable_keys(99, library[4])
    met = {member[0] for _, member, _ in stories._candidates(db, new)}
    assert met and met <= set(numbers[-2:]), met  # the two newest articles only
    _add(db, library[4])
    assert _stored(db, library) == _reference(library)  # the same stories, of all five


class _Dies:
    """A connection that dies (raises) at its ``after``-th write, as if killed."""

    def __init__(self, db: sqlite3.Connection, after: int) -> None:
        self.db, self.after = db, after

    def _count(self, sql: str) -> None:
        if not sql.lstrip().upper().startswith("SELECT"):
            self.after -= 1
            if self.after < 0:
                raise KeyboardInterrupt

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        self._count(sql)
        return self.db.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> sqlite3.Cursor:
        self._count(sql)
        return self.db.executemany(sql, parameters)


@pytest.mark.parametrize("after", range(20))
def test_a_kill_mid_index_leaves_the_tables_as_they_were(after: int) -> None:
    library = [_fixed(i, offset) for i, offset in enumerate((0, 1, 2, 3, 40, 41))]
    db = _connect()
    numbers = [_add(db, a) for a in library]
    _remove(db, numbers[2])
    before = _dump(db)
    for n, annotation in ((numbers[1], library[1]), (numbers[-1] + 1, _fixed(9, 2))):
        db.execute("BEGIN")
        db.execute("INSERT OR IGNORE INTO articles (n, id) VALUES (?, 'new')", (n,))
        with pytest.raises(KeyboardInterrupt):
            stories.index_article(_Dies(db, after), n, annotation)  # type: ignore[arg-type]
            raise KeyboardInterrupt  # finished before its write number ``after``
        db.execute("ROLLBACK")
        assert _dump(db) == before


def test_a_verb_and_its_nominalisation_are_one_trigger() -> None:
    from tui.nlp.events.lexicon import trigger_stem

    pairs = [
        ("resign", "resignation"),
        ("announce", "announcement"),
        ("withdraw", "withdrawal"),
        ("arrive", "arrival"),
        ("elect", "election"),
        ("discuss", "discussion"),
        ("depart", "departure"),
        ("develop", "development"),
    ]
    for verb, noun in pairs:
        assert trigger_stem(verb) == trigger_stem(noun), (verb, noun)
    assert trigger_stem("trial") == "trial"  # too short a stem to be a nominalisation
    assert len({trigger_stem(w) for w in ("resign", "arrive", "trial", "elect")}) == 4

    def key(article: str, lemma: str) -> EventKey:
        return _key(article, lemma, names=("steve jobs",))

    assert same_event(key("a", "resign"), key("b", "resignation"))


def _library_clusters(library: Any) -> Clusters:
    return {
        frozenset((article_id, event_id) for article_id, event_id in story.members)
        for story in library.stories(limit=None)
    }


def test_a_relink_under_new_rules_goes_by_steps_and_takes_in_what_changes_meanwhile(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linking a library again under new rules takes minutes at 10^5 articles, so it runs
    in steps (the app's background work, another run taking it on) while articles come
    and go; at the end the stories are what linking the library from scratch gives."""
    from tui.library import Library

    def written(index: int, offset: int) -> Annotation:
        annotation = _fixed(index, offset)
        article = replace(annotation.article, text=f"Article number {index}.")
        return replace(annotation, article=article)

    first = [written(i, offset) for i, offset in enumerate((0, 1, 2, 3, 4, 5, 6))]
    path = tmp_path / "lib.sqlite3"
    with Library(path) as library:
        library.store_annotations(first, "1", "m")
        assert library.relink_progress() is None
    monkeypatch.setattr(stories, "rules_stamp", lambda: 4242)
    with Library(path) as library:
        assert library.stories_relinked and library.relink_progress() == (0, 7)
        assert library.relink_stories(articles=3) == (3, 7)
        late = written(7, 2)  # stored during the relink: linked as it comes
        library.store_annotation(late, "1", "m")
        library.delete_articles([first[4].article.id])  # not linked again yet
        library.delete_articles([first[0].article.id])  # linked again already
        assert library.relink_progress() == (2, 5)
    with Library(path) as library:  # another run takes it on where it stopped
        assert not library.stories_relinked
        assert library.relink_stories() is None
        kept = [a for a in [*first, late] if a not in (first[0], first[4])]
        found = _library_clusters(library)
    assert found and found == _reference(kept)


# ------------------------------------------------------------ stories of the same articles


def _cluster(db: sqlite3.Connection, story: int, label: str, members: list[tuple[int, int]]):
    """A stored story of these (article, event) members, dated by nothing."""
    db.executemany(
        "INSERT INTO story_members (n, event, story) VALUES (?, ?, ?)",
        [(n, event, story) for n, event in members],
    )
    articles = len({n for n, _ in members})
    db.execute(
        "INSERT INTO story_clusters (id, label, events, articles, first_date, last_date)"
        " VALUES (?, ?, ?, ?, NULL, NULL)",
        (story, label, len(members), articles),
    )
    return (story, len(members), articles, None, None)


def test_stories_of_exactly_the_same_articles_are_grouped() -> None:
    db = _connect()
    funding = _cluster(db, 1, "funding", [(1, 0), (2, 0)])
    budget = _cluster(db, 2, "budget", [(1, 1), (1, 2), (2, 1), (2, 3)])
    battle = _cluster(db, 3, "battle", [(3, 0), (4, 0)])
    overlap = _cluster(db, 4, "vote", [(1, 5), (3, 2)])  # shares one article: another story
    groups = stories.same_articles(db, [funding, budget, battle, overlap])
    # the story of more events leads, where the first of the two was listed
    assert groups == [[2, 1], [3], [4]]


def test_stories_too_big_to_compare_are_left_apart() -> None:
    db = _connect()
    size = stories.reading.SAME_ARTICLES_MAX + 1
    a = _cluster(db, 1, "a", [(n, 0) for n in range(size)])
    b = _cluster(db, 2, "b", [(n, 1) for n in range(size)])
    assert stories.same_articles(db, [a, b]) == [[1], [2]]
