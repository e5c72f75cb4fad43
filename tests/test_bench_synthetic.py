"""The synthetic library behind ``byline bench --scale``: articles stitched from annotated
paragraphs must read exactly like engine output (offsets, ids, references, merged speakers),
story threads must each have their own names, and the same seed must give the same
library."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from tui.bench.synthetic import (
    ENDING_LETTERS,
    LAST_DATE,
    THREAD_ARTICLES,
    THREAD_DAYS,
    NameIndex,
    NameVariant,
    ParagraphPiece,
    build_library,
    check_references,
    closing_line,
    combine,
    days_of_reading,
    name_words,
    paragraph_annotations,
    sample_paragraphs,
    shift_value,
    story_threads,
    synthetic_annotations,
)
from tui.model import (
    Annotation,
    Article,
    EngineInfo,
    Entity,
    Event,
    Participant,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpression,
    iter_spans,
)
from tui.nlp.events.linking import speaker_key

ENGINE = EngineInfo("1.0.0", "en_test-0.0")


def _span(text: str, words: str, occurrence: int = 1) -> Span:
    """The ``occurrence``-th place ``words`` appear in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return Span.of(text, start, start + len(words))


def _trump_on_friday() -> Annotation:
    text = (
        'Donald Trump said on Friday: "We will build it this year." '
        "He spoke in Washington for about 20 minutes."
    )
    article = Article.from_text(text, title="Wall", date="2019-01-07", source="Wikinews")
    quote = _span(text, '"We will build it this year."')
    return Annotation(
        article=article,
        entities=(
            Entity("e1", "PERSON", "Donald Trump", (_span(text, "Donald Trump"),)),
            Entity("e2", "GPE", "Washington", (_span(text, "Washington"),)),
        ),
        speakers=(
            Speaker(
                id="s1",
                name="Donald Trump",
                kind="person",
                role="President",
                aliases=("Trump",),
                entity_id="e1",
                mentions=(_span(text, "Donald Trump"), _span(text, "He")),
                quote_ids=("q1",),
                key="donald trump",
            ),
        ),
        quotes=(
            Quote(
                id="q1",
                start=quote.start,
                end=quote.end,
                text=quote.text,
                kind="direct",
                cue=_span(text, "said"),
                speaker_id="s1",
                speaker_mention=_span(text, "Donald Trump"),
                confidence=0.9,
            ),
        ),
        events=(
            Event(
                id="v1",
                trigger=_span(text, "said"),
                lemma="say",
                type="statement",
                sentence=_span(text, text[: text.index(".") + 2]),
                participants=(Participant("agent", _span(text, "Donald Trump"), "s1"),),
                time_id="t1",
                time_anchor="explicit",
                salience=0.7,
            ),
            Event(
                id="v2",
                trigger=_span(text, "build"),
                lemma="build",
                status="planned",
                participants=(Participant("patient", _span(text, "it"), None),),
                time_id="t2",
                time_anchor="explicit",
                reported_by="s1",
                background=True,
            ),
            Event(
                id="v3",
                trigger=_span(text, "spoke"),
                lemma="speak",
                participants=(Participant("agent", _span(text, "He"), "s1"),),
                place_id="e2",
                time_anchor="publication",
                mentions=(_span(text, "said"),),
                quantities=(Quantity(_span(text, "about 20 minutes"), 20.0, "minute", "about"),),
            ),
        ),
        timexes=(
            TimeExpression("t1", *_offsets(text, "Friday"), value="2019-01-04"),
            TimeExpression("t2", *_offsets(text, "this year"), value="2019"),
            TimeExpression(
                "t3", *_offsets(text, "about 20 minutes"), type="DURATION", value="PT20M"
            ),
        ),
        engine=ENGINE,
    )


def _trump_in_march() -> Annotation:
    text = (
        "Trump told reporters in Washington that 21 people were hurt in March. "
        '"It is sad," Donald Trump said.'
    )
    article = Article.from_text(text, title="March", date="2019-03-28", source="Wikinews")
    quote = _span(text, '"It is sad,"')
    return Annotation(
        article=article,
        entities=(
            Entity("e1", "PERSON", "Trump", (_span(text, "Trump"),)),
            Entity("e2", "GPE", "Washington", (_span(text, "Washington"),)),
            Entity("e3", "PERSON", "Donald Trump", (_span(text, "Donald Trump"),)),
        ),
        speakers=(
            Speaker(
                id="s1",
                name="Trump",
                kind="person",
                country="US",
                entity_id="e1",
                mentions=(_span(text, "Trump"), _span(text, "Donald Trump")),
                quote_ids=("q1",),
                key="donald trump",
            ),
        ),
        quotes=(
            Quote("q1", quote.start, quote.end, quote.text, "direct", _span(text, "said"), "s1"),
        ),
        events=(
            Event(
                id="v1",
                trigger=_span(text, "told"),
                lemma="tell",
                participants=(Participant("agent", _span(text, "Trump"), "s1"),),
                place_id="e2",
                time_id="t1",
                time_anchor="sentence",
            ),
            Event(
                id="v2",
                trigger=_span(text, "hurt"),
                lemma="hurt",
                type="injury",
                participants=(Participant("patient", _span(text, "21 people"), None),),
                time_id="t1",
                time_anchor="explicit",
                quantities=(Quantity(_span(text, "21 people"), 21.0, "people"),),
            ),
        ),
        timexes=(TimeExpression("t1", *_offsets(text, "March"), value="2019-03"),),
        engine=ENGINE,
    )


def _an_official() -> Annotation:
    text = "An official said the talks last week lasted three days."
    article = Article.from_text(text, title="Talks", date="2019-10-08")
    quote = _span(text, "the talks last week lasted three days")
    return Annotation(
        article=article,
        speakers=(
            Speaker(
                "s1",
                "An official",
                "unnamed",
                mentions=(_span(text, "An official"),),
                quote_ids=("q1",),
            ),
        ),
        quotes=(
            Quote("q1", quote.start, quote.end, quote.text, "indirect", _span(text, "said"), "s1"),
        ),
        events=(
            Event(
                "v1",
                _span(text, "lasted"),
                "last",
                time_id="t1",
                reported_by="s1",
                participants=(Participant("agent", _span(text, "the talks"), None),),
            ),
        ),
        timexes=(
            TimeExpression("t1", *_offsets(text, "last week"), value="2019-W40"),
            TimeExpression("t2", *_offsets(text, "three days"), type="DURATION", value="P3D"),
        ),
        engine=ENGINE,
    )


def _offsets(text: str, words: str) -> tuple[int, int, str]:
    span = _span(text, words)
    return span.start, span.end, span.text


@pytest.fixture
def pieces() -> list[ParagraphPiece]:
    return [
        ParagraphPiece("a", _trump_on_friday()),
        ParagraphPiece("b", _trump_in_march()),
        ParagraphPiece("c", _an_official()),
    ]


def _assert_sound(annotation: Annotation) -> None:
    annotation.validate()
    check_references(annotation)
    text = annotation.article.text
    for span in iter_spans(annotation):
        assert text[span.start : span.end] == span.text
    assert Annotation.from_json(annotation.to_json()) == annotation


def test_the_hand_made_pieces_are_sound(pieces: Sequence[ParagraphPiece]) -> None:
    for piece in pieces:
        _assert_sound(piece.annotation)


def test_combined_article_validates_and_round_trips(pieces: Sequence[ParagraphPiece]) -> None:
    combined = combine([pieces[2], pieces[0], pieces[1]], "A title", "2024-05-01", 7)
    _assert_sound(combined)
    text = combined.article.text
    assert text.endswith("\n\n" + closing_line(7))
    assert text.startswith(pieces[2].annotation.article.text + "\n\n")
    assert combined.article.title == "A title"
    assert combined.article.date == "2024-05-01"
    assert len(combined.quotes) == 3
    assert len(combined.events) == 6
    assert len(combined.timexes) == 6


def test_ids_are_renumbered_in_reading_order(pieces: Sequence[ParagraphPiece]) -> None:
    combined = combine(list(pieces), None, "2024-05-01", 1)
    for prefix, records in (
        ("q", combined.quotes),
        ("v", combined.events),
        ("t", combined.timexes),
        ("s", combined.speakers),
        ("e", combined.entities),
    ):
        assert [r.id for r in records] == [f"{prefix}{i}" for i in range(1, len(records) + 1)]
    starts = [q.start for q in combined.quotes]
    assert starts == sorted(starts)
    # the second paragraph's event keeps pointing at its own paragraph's records
    told = next(e for e in combined.events if e.lemma == "tell")
    place = next(e for e in combined.entities if e.id == told.place_id)
    assert place.name == "Washington"
    time = next(t for t in combined.timexes if t.id == told.time_id)
    assert time.text == "March"


def test_speakers_with_one_key_merge(pieces: Sequence[ParagraphPiece]) -> None:
    combined = combine([pieces[1], pieces[0]], None, None, 1)
    (trump,) = combined.speakers
    assert trump.name == "Donald Trump"  # the fullest name, though "Trump" came first
    assert trump.key == "donald trump"
    assert "Trump" in trump.aliases and "Donald Trump" not in trump.aliases
    assert trump.quote_ids == ("q1", "q2")
    assert [q.speaker_id for q in combined.quotes] == ["s1", "s1"]
    assert len(trump.mentions) == 4
    assert trump.role == "President" and trump.country == "US"
    entity = next(e for e in combined.entities if e.id == trump.entity_id)
    assert entity.name == "Trump"  # the first paragraph's link is kept
    reported = [e for e in combined.events if e.reported_by is not None]
    assert {e.reported_by for e in reported} == {"s1"}
    agents = [p.ref for e in combined.events for p in e.participants if p.role == "agent"]
    assert set(agents) == {"s1"}


def test_entities_with_one_label_and_name_merge(pieces: Sequence[ParagraphPiece]) -> None:
    combined = combine([pieces[0], pieces[1]], None, None, 1)
    names = [(e.label, e.name) for e in combined.entities]
    assert len(names) == len(set(names))
    washington = next(e for e in combined.entities if e.name == "Washington")
    assert len(washington.mentions) == 2
    assert {e.place_id for e in combined.events if e.place_id} == {washington.id}
    donald = [e for e in combined.entities if e.name == "Donald Trump"]
    assert len(donald) == 1 and len(donald[0].mentions) == 2


def test_speakers_without_a_key_stay_apart(pieces: Sequence[ParagraphPiece]) -> None:
    combined = combine([pieces[2], pieces[2]], None, None, 1)
    _assert_sound(combined)
    assert [s.id for s in combined.speakers] == ["s1", "s2"]
    assert [q.speaker_id for q in combined.quotes] == ["s1", "s2"]
    assert [e.reported_by for e in combined.events] == ["s1", "s2"]
    assert [e.time_id for e in combined.events] == ["t1", "t3"]


def test_one_piece_on_its_own_date_is_unchanged(pieces: Sequence[ParagraphPiece]) -> None:
    """Every field survives the copy (a field added to a record later must be carried)."""
    for piece in pieces:
        original = piece.annotation
        combined = combine([piece], "t", original.article.date, 3)
        assert combined.entities == original.entities
        assert combined.speakers == original.speakers
        assert combined.quotes == original.quotes
        assert combined.events == original.events
        assert combined.timexes == original.timexes
        assert combined.engine == original.engine


def test_time_values_move_with_the_article(pieces: Sequence[ParagraphPiece]) -> None:
    # 2019-01-07 -> 2023-01-09: 1463 days, 48 months, 4 years, 209 weeks later
    combined = combine([pieces[0]], None, "2023-01-09", 1)
    values = {t.text: t.value for t in combined.timexes}
    assert values == {"Friday": "2023-01-06", "this year": "2023", "about 20 minutes": "PT20M"}
    combined = combine([pieces[1], pieces[2]], None, "2024-02-29", 1)
    values = {t.text: t.value for t in combined.timexes}
    # March 2019 from 2019-03-28 is the month itself; last week from 2019-10-08 the week before
    assert values["March"] == "2024-02"
    assert values["last week"] == "2024-W08"
    assert values["three days"] == "P3D"
    assert combine([pieces[0]], None, None, 1).timexes == pieces[0].annotation.timexes


def test_shift_value() -> None:
    before, after = dt.date(2019, 1, 7), dt.date(2023, 3, 10)
    assert shift_value("2019-01-04", before, after) == "2023-03-07"
    assert shift_value("2019-01-04T20:30", before, after) == "2023-03-07T20:30"
    assert shift_value("2018-12", before, after) == "2023-02"
    assert shift_value("2019", before, after) == "2023"
    assert shift_value("2019-SU", before, after) == "2023-SU"
    assert shift_value("2018-Q4", before, after) == "2022-Q4"
    assert shift_value("2019-W02", before, after) == "2023-W10"  # the week of the date
    assert shift_value("2019-W02-WE", before, after) == "2023-W10-WE"
    for unchanged in ("P3D", "PT20M", "PAST_REF", "PRESENT_REF", "XXXX", "201", None, ""):
        assert shift_value(unchanged, before, after) == unchanged
    assert shift_value("2019-02-30", before, after) == "2019-02-30"  # not a day: left


def test_same_seed_same_articles(pieces: Sequence[ParagraphPiece]) -> None:
    first = list(synthetic_annotations(pieces, 25, seed=5))
    assert first == list(synthetic_annotations(pieces, 25, seed=5))
    assert first != list(synthetic_annotations(pieces, 25, seed=6))


def test_a_thousand_articles_are_distinct_and_sound(pieces: Sequence[ParagraphPiece]) -> None:
    ids: set[str] = set()
    texts: set[str] = set()
    dates: set[str] = set()
    for annotation in synthetic_annotations(pieces, 1000, seed=0):
        _assert_sound(annotation)
        paragraphs = annotation.article.text.split("\n\n")
        assert 4 <= len(paragraphs) - 1 <= 12
        ids.add(annotation.article.id)
        texts.add(annotation.article.text)
        assert annotation.article.date is not None
        dates.add(annotation.article.date)
    assert len(ids) == len(texts) == 1000
    # a reader's two days of news, both of them
    assert dates == {(LAST_DATE - dt.timedelta(days=d)).isoformat() for d in (0, 1)}


# -- story threads and their names --------------------------------------------------------


def _variant(pieces: Sequence[ParagraphPiece], salt: str = "1/1") -> NameVariant:
    return NameIndex(pieces).variant(salt)


def _unspelt(text: str, variant: NameVariant, words: Iterable[str]) -> str:
    """``text`` with ``variant``'s spellings of ``words`` put back."""
    for word in words:
        text = re.sub(rf"\b{variant.spelling(word)}\b", word, text)
    return text


def test_name_words_are_the_words_of_names(pieces: Sequence[ParagraphPiece]) -> None:
    assert name_words(pieces) == {"Donald", "Trump", "Washington"}  # not "He", "An official"
    text = "The White House told us the US would house them on YouTube (youtube-dl, U.S. ads)."
    annotation = Annotation(
        Article.from_text(text),
        entities=(
            Entity("e1", "ORG", "White House", (_span(text, "White House"),)),
            Entity("e2", "GPE", "US", (_span(text, "US"),)),
            Entity("e3", "ORG", "YouTube", (_span(text, "YouTube"),)),
            Entity("e4", "GPE", "U.S.", (_span(text, "U.S."),)),
        ),
        engine=ENGINE,
    )
    # "house" is a common word; "White" is not written in lower case; "US" and "YouTube"
    # are names whatever the text writes in lower case
    piece = ParagraphPiece("x", annotation)
    assert name_words([piece]) == {"White", "US", "YouTube", "U.S."}
    variant = _variant([piece])
    assert re.fullmatch("US[A-Z]{3}", variant.spelling("US"))
    assert re.fullmatch("US[A-Z]{3}", variant.spelling("U.S."))  # one word to the engine
    assert re.fullmatch("YouTube[a-z]{5}", variant.spelling("YouTube"))
    respelt = combine([piece], None, None, 1, variant)
    _assert_sound(respelt)
    assert respelt.entities[3].mentions[0].text == variant.spelling("U.S.")


def test_a_variant_respells_text_and_records_consistently(
    pieces: Sequence[ParagraphPiece],
) -> None:
    variant = _variant(pieces)
    plain = combine(list(pieces), "Trump in Washington", "2024-05-01", 7)
    respelt = combine(list(pieces), "Trump in Washington", "2024-05-01", 7, variant)
    _assert_sound(respelt)
    trump, donald, washington = (variant.spelling(w) for w in ("Trump", "Donald", "Washington"))
    assert trump.startswith("Trump") and len(trump) == len("Trump") + ENDING_LETTERS
    assert trump.isalpha() and trump != donald
    text = respelt.article.text
    assert not re.search(r"\b(Trump|Donald|Washington)\b", text)
    assert text.count(trump) == plain.article.text.count("Trump")
    assert respelt.article.title == f"{trump} in {washington}"
    speaker, *_, official = respelt.speakers
    assert speaker.name == f"{donald} {trump}"
    assert speaker.key == f"{donald} {trump}".lower()
    assert trump in speaker.aliases
    # keys are made from the new names as the engine makes them (the hand-made "Trump" of
    # the second piece, keyed "donald trump", is now a speaker of its own)
    assert all(s.key == speaker_key(s.name) for s in respelt.speakers if s.key)
    assert official.name == "An official" and official.key == ""
    assert {e.name for e in respelt.entities} == {trump, washington, f"{donald} {trump}"}
    # everything but the names is as it was: the same records, spans over the same words
    words = ("Donald", "Trump", "Washington")
    assert _unspelt(text, variant, words) == plain.article.text
    assert {s.role for s in respelt.speakers} == {s.role for s in plain.speakers}
    assert [t.value for t in respelt.timexes] == [t.value for t in plain.timexes]
    assert [e.lemma for e in respelt.events] == [e.lemma for e in plain.events]
    pairs = list(zip(iter_spans(respelt), iter_spans(plain), strict=True))
    assert all(_unspelt(new.text, variant, words) == old.text for new, old in pairs)
    assert any(new.start != old.start for new, old in pairs)
    # pieces the variant's index has not seen are respelt alike
    copies = [
        ParagraphPiece(p.source_id, Annotation.from_json(p.annotation.to_json())) for p in pieces
    ]
    assert combine(copies, "Trump in Washington", "2024-05-01", 7, variant) == respelt


def test_a_word_the_engine_split_is_left_as_it_is() -> None:
    text = "Donald Trump said Donald would go."
    annotation = Annotation(
        Article.from_text(text),
        entities=(Entity("e1", "PERSON", "Donald Trump", (_span(text, "Donald Trump"),)),),
        timexes=(TimeExpression("t1", 0, 3, "Don"),),  # ends inside the first "Donald"
        engine=ENGINE,
    )
    piece = ParagraphPiece("x", annotation)
    variant = _variant([piece])
    respelt = combine([piece], None, None, 1, variant)
    _assert_sound(respelt)
    donald, trump = variant.spelling("Donald"), variant.spelling("Trump")
    assert respelt.article.text.startswith(f"Donald {trump} said {donald} would go.")
    assert respelt.entities[0].name == f"{donald} {trump}"


def test_story_threads_are_small_short_and_deterministic() -> None:
    threads = list(story_threads(5000, seed=3, days=30))
    assert threads == list(story_threads(5000, seed=3, days=30))
    assert threads != list(story_threads(5000, seed=4, days=30))
    sizes = Counter(thread for thread, _ in threads)
    assert sorted(sizes) == list(range(1, len(sizes) + 1))
    assert max(sizes.values()) <= THREAD_ARTICLES
    assert 1.5 < statistics.mean(sizes.values()) < 4  # most stories are a few articles
    assert sizes.most_common()[-1][1] == 1
    days: dict[int, set[dt.date]] = {}
    for thread, date in threads:
        days.setdefault(thread, set()).add(dt.date.fromisoformat(date))
    assert all(max(d) - min(d) < dt.timedelta(days=THREAD_DAYS) for d in days.values())
    dates = {date for _, date in threads}
    assert len(dates) == 30 and max(dates) == LAST_DATE.isoformat()


def test_articles_of_a_thread_share_names_and_threads_differ(
    pieces: Sequence[ParagraphPiece],
) -> None:
    n = 300
    threads = list(story_threads(n, seed=2, days=days_of_reading(n)))
    surnames: dict[int, set[str]] = {}
    for (thread, date), annotation in zip(
        threads, synthetic_annotations(pieces, n, seed=2), strict=True
    ):
        assert annotation.article.date == date
        # every article has a paragraph with Trump in it (three pieces, four or more taken)
        keys = {s.key for s in annotation.speakers if s.kind == "person"}
        assert keys
        surnames.setdefault(thread, set()).update(key.split()[-1] for key in keys)
    assert max(Counter(t for t, _ in threads).values()) > 1
    assert all(len(names) == 1 for names in surnames.values())  # one Trump a thread
    everyone = [name for names in surnames.values() for name in names]
    assert len(set(everyone)) > 0.95 * len(everyone)  # and another in (almost) every other
    assert all(name.startswith("trump") and name != "trump" for name in everyone)


class _CountingAnnotator:
    """Stands in for the engine: an empty annotation per article, and a count of calls."""

    model = "en_test"

    def __init__(self) -> None:
        self.calls = 0

    def annotate_many(self, articles: Sequence[Article]) -> list[Annotation]:
        self.calls += 1
        return [Annotation(article, engine=ENGINE) for article in articles]


def test_paragraph_annotations_are_cached(tmp_path: Path) -> None:
    body = (
        "Monday, January 7, 2019\n\n"
        "Officials said the bridge would reopen next month after repairs.\n\n"
        "Parliament Square. Image: Mirrys.\n\n"
        "Protesters at the march in the capital. Image: Andrew Gray (flickr).\n\n"
        "The minister told reporters the work had cost more than expected."
    )
    article = Article.from_text(body, title="Bridge", date="2019-01-07")
    assert sample_paragraphs(article) == [
        "Officials said the bridge would reopen next month after repairs.",
        "The minister told reporters the work had cost more than expected.",
    ]
    annotator = _CountingAnnotator()
    first = paragraph_annotations([article], annotator, cache_dir=tmp_path)  # type: ignore[arg-type]
    again = paragraph_annotations([article], annotator, cache_dir=tmp_path)  # type: ignore[arg-type]
    assert annotator.calls == 1
    assert again == first
    assert [p.annotation.article.date for p in first] == ["2019-01-07"] * 2
    assert {p.source_id for p in first} == {article.id}
    (cached,) = tmp_path.glob("*.jsonl")
    cached.write_text("garbage\n", encoding="utf-8")  # a damaged file is annotated again
    assert paragraph_annotations([article], annotator, cache_dir=tmp_path) == first  # type: ignore[arg-type]
    assert annotator.calls == 2


@pytest.mark.parametrize("batched", [True, False], ids=["batched", "one-by-one"])
def test_build_library_streams_into_a_new_library(
    tmp_path: Path, pieces: Sequence[ParagraphPiece], batched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import Library

    if not batched:  # the library API without a batched store still works
        monkeypatch.delattr(Library, "store_annotations", raising=False)

    path = tmp_path / "synthetic.sqlite3"
    heard: list[tuple[int, int]] = []
    stats = build_library(
        path,
        30,
        seed=1,
        progress=lambda done, total: heard.append((done, total)),
        pieces=pieces,
        model="en_test",
    )
    assert stats.articles == 30 and stats.paragraphs == 3
    assert stats.quotes > 0 and stats.database_bytes > 0
    assert heard[-1] == (30, 30)
    expected = {a.article.id: a for a in synthetic_annotations(pieces, 30, seed=1)}
    with Library(path) as library:
        assert library.article_count() == 30
        for article_id, annotation in list(expected.items())[:5]:
            assert library.current_annotation(article_id) == annotation
    with pytest.raises(FileExistsError):
        build_library(path, 1, pieces=pieces, model="en_test")


@pytest.mark.slow
def test_real_sample_paragraphs_combine_soundly(annotator: object, tmp_path: Path) -> None:
    from tui.bench.corpus import sample_articles

    pieces = paragraph_annotations(sample_articles(), annotator, cache_dir=tmp_path)  # type: ignore[arg-type]
    assert len(pieces) > 100
    recurring = 0
    index = NameIndex(pieces)
    assert {"Trump", "Gdańsk", "ISIS", "YouTube"} <= index.words
    assert not {"The", "President", "Congress"} & index.words
    for annotation in synthetic_annotations(pieces, 60, seed=2):
        _assert_sound(annotation)
        assert not re.search(r"\bTrump\b", annotation.article.text)
        text = annotation.article.text
        for speaker in annotation.speakers:
            paragraphs = {text.count("\n\n", 0, m.start) for m in speaker.mentions}
            recurring += len(paragraphs) > 1
    assert recurring > 0  # someone (Trump, say) is quoted in two paragraphs and merged
