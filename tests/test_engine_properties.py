"""Property tests of the real engine: whatever the text, the annotation is well formed.

These use the session ``annotator`` (the spaCy pipeline loads once). Every generated text
is annotated and checked for the model's invariants: spans index the text, the JSON
round-trips, ids cross-reference, quotes are sorted and disjoint.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.model import QUOTE_KINDS, SPEAKER_KINDS, Annotation, Article, iter_spans

pytestmark = pytest.mark.slow

# --- the invariants ---------------------------------------------------------------------


def annotate(annotator: Any, text: str) -> Annotation:
    article = Article.from_text(text)
    annotation = annotator.annotate(article)
    assert annotation.article == article
    return annotation


def check_spans(annotation: Annotation) -> None:
    """Every span lies inside the text and ``text[start:end] == span.text``."""
    annotation.validate()
    text = annotation.article.text
    for span in iter_spans(annotation):
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span


def check_round_trip(annotation: Annotation) -> None:
    back = Annotation.from_json(annotation.to_json())
    assert back == annotation
    assert Annotation.from_json(annotation.to_json(indent=2)) == annotation


def check_structure(annotation: Annotation) -> None:
    """Kinds are known, ids are unique and cross-reference both ways, quotes are ordered."""
    quotes = {q.id: q for q in annotation.quotes}
    speakers = {s.id: s for s in annotation.speakers}
    entities = {e.id: e for e in annotation.entities}
    assert len(quotes) == len(annotation.quotes), "duplicate quote ids"
    assert len(speakers) == len(annotation.speakers), "duplicate speaker ids"
    assert len(entities) == len(annotation.entities), "duplicate entity ids"
    for quote in annotation.quotes:
        assert quote.kind in QUOTE_KINDS, quote
        assert quote.start < quote.end, f"empty quote {quote}"
        assert 0.0 <= quote.confidence <= 1.0, quote
        if quote.speaker_id is not None:
            assert quote.speaker_id in speakers, f"{quote.id} names unknown {quote.speaker_id}"
            assert quote.id in speakers[quote.speaker_id].quote_ids, (
                f"{quote.id} is not listed by its speaker {quote.speaker_id}"
            )
    for speaker in annotation.speakers:
        assert speaker.kind in SPEAKER_KINDS, speaker
        assert len(set(speaker.quote_ids)) == len(speaker.quote_ids), speaker
        for quote_id in speaker.quote_ids:
            assert quote_id in quotes, f"{speaker.id} lists unknown quote {quote_id}"
            assert quotes[quote_id].speaker_id == speaker.id, (
                f"{speaker.id} lists {quote_id}, which belongs to {quotes[quote_id].speaker_id}"
            )
        if speaker.entity_id is not None:
            assert speaker.entity_id in entities, speaker
    for before, after in zip(annotation.quotes, annotation.quotes[1:], strict=False):
        assert (before.start, before.end) <= (after.start, after.end), "quotes not sorted"
        assert before.end <= after.start, f"quotes overlap: {before} / {after}"


def check_all(annotator: Any, text: str) -> Annotation:
    annotation = annotate(annotator, text)
    check_spans(annotation)
    check_round_trip(annotation)
    check_structure(annotation)
    return annotation


# --- (a) arbitrary Unicode ----------------------------------------------------------------

QUOTE_MARKS = list("“”‘’\"'«»‹›„‚「」")
SPECIAL = [
    *QUOTE_MARKS,
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\f",
    "\v",
    " ",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",  # zero-width, joiners, BOM, soft hyphen
    "😀",
    "👍🏽",
    "🇺🇦",
    "👩‍👩‍👧",
    "🏳️‍🌈",  # emoji, skin tone, flags, ZWJ sequences
    "\u0301",
    "\u0308",
    "\u20dd",
    "e\u0301",
    "\u0915\u094d\u0937",  # combining marks
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",  # controls, bidi
    "—",
    "–",
    "…",
    ".",
    ",",
    "?",
    "!",
    ":",
    ";",
    "(",
    ")",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "١٢٣",
    "שלום",
    "東京",
    "Ωμέγα",
]
WORDS = [
    "said",
    "says",
    "told",
    "according",
    "to",
    "he",
    "she",
    "they",
    "it",
    "the",
    "a",
    "Smith",
    "Anna",
    "Kowalska",
    "Reuters",
    "Mr.",
    "Dr.",
    "President",
    "Ministry",
    "police",
    "added",
    "warned",
    "asked",
    '"',
    "I",
    "we",
    "will",
    "not",
    "don't",
    "protesters'",
]
BROAD = st.one_of(
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from(SPECIAL),
    st.sampled_from(WORDS).map(lambda w: f" {w} "),
)
UNICODE_TEXT = st.lists(BROAD, max_size=120).map("".join)


@settings(max_examples=120, deadline=None)
@given(text=UNICODE_TEXT)
@example(text="")
@example(text="\n\n\n")
@example(text="\x00")
@example(text='"')
@example(text="“")
@example(text="”“")
@example(text="e\u0301 said “👩‍👩‍👧”")
@example(text="«\n\n»")
@example(text='"\u2028" Smith said.')
@example(text=" the  Smith ")  # once an IndexError in SpeakerResolver._add_name
def test_arbitrary_unicode_never_breaks_the_engine(annotator: Any, text: str) -> None:
    check_all(annotator, text)


@settings(max_examples=40, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
def test_arbitrary_code_points(annotator: Any, text: str) -> None:
    check_all(annotator, text)


# --- (b) quotation-mark soup ------------------------------------------------------------

SOUP_WORDS = [
    "said",
    "says",
    "told",
    "reporters",
    "according",
    "to",
    "he",
    "she",
    "they",
    "who",
    "Smith",
    "John",
    "Anna",
    "Kowalska",
    "the",
    "minister",
    "police",
    "Reuters",
    "added",
    "I",
    "we",
    "it's",
    "protesters'",
    "'90s",
    "rock'n'roll",
    "5'10\"",
    ",",
    ".",
    ":",
    "—",
]
SOUP_TOKEN = st.one_of(
    st.sampled_from(SOUP_WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(["\n", "\n\n", " \n", "\n\n\n"]),
)
SEPARATOR = st.sampled_from([" ", "", " ", " "])


@st.composite
def soup(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(SOUP_TOKEN, max_size=80))
    pieces: list[str] = []
    for token in tokens:
        pieces.append(token)
        pieces.append(draw(SEPARATOR))
    return "".join(pieces)


@settings(max_examples=150, deadline=None)
@given(text=soup())
@example(text='" " " "')
@example(text="“ ” ” “ “")
@example(text="' ' Smith said '")
@example(text='"We will, " Smith said. "\n\n"And then," he added')
@example(text="«‹ Smith » said ›")
@example(text='"\n\n"\n\n"\n\n"')
def test_quotation_mark_soup(annotator: Any, text: str) -> None:
    check_all(annotator, text)


# --- (c) very long sentences -----------------------------------------------------------


def long_words(count: int) -> str:
    vocabulary = [
        "the",
        "council",
        "said",
        "that",
        "Smith",
        "would",
        "build",
        "a",
        "bridge",
        "and",
        "road",
        "near",
        "river",
        "while",
        "officials",
        "in",
        "Warsaw",
        "told",
    ]
    return " ".join(vocabulary[(i * 7) % len(vocabulary)] for i in range(count))


def test_very_long_sentence_without_a_period(annotator: Any) -> None:
    check_all(annotator, long_words(2000))


def test_very_long_quotation_without_a_period(annotator: Any) -> None:
    annotation = check_all(annotator, '"' + long_words(2000) + '," Anna Kowalska said')
    assert annotation.quotes, "a closed quotation with a named speaker was not found"


def test_very_long_unclosed_quotation(annotator: Any) -> None:
    check_all(annotator, "Smith said: “" + long_words(2000))


def test_many_short_paragraphs(annotator: Any) -> None:
    text = "\n\n".join(
        f'"Point number {i} stands," Smith said.' if i % 2 else f"Paragraph {i}."
        for i in range(300)
    )
    annotation = check_all(annotator, text)
    assert len(annotation.quotes) >= 100


# --- (d) realistic news fragments ---------------------------------------------------------

PEOPLE = [
    "Anna Kowalska",
    "John Smith",
    "Maria García",
    "Olaf Scholz",
    "Volodymyr Zelenskyy",
    "Ngozi Okonjo-Iweala",
    "Jean-Luc Mélenchon",
    "Li Wei",
    "Mr. Brown",
    "Dr. Aisha Khan",
    "Smith",
    "Sen. Elizabeth Warren",
    "O'Brien",
]
ORGS = [
    "the Ministry of Health",
    "Reuters",
    "the United Nations",
    "NATO",
    "the police",
    "Amnesty International",
    "the World Bank",
    "Google",
    "the European Commission",
]
ROLES = ["the mayor", "a spokesperson", "the minister", "officials", "witnesses", "the company"]
CLAUSES = [
    "the bridge will be finished by spring",
    "we are not going to give up",
    "the talks had failed",
    "prices will rise again next year",
    "nobody was hurt in the fire",
    "this is a difficult moment for all of us",
    "the decision was made in good faith",
    "I don't know what happens next",
    "the results speak for themselves",
]
TEMPLATES = [
    '{name} said "{clause}."',
    '"{Clause}," {name} said.',
    '"{Clause}," said {name}.',
    "“{Clause},” {name} said on Monday.",
    "“{Clause},” said {name}, {role}.",
    "According to {org}, {clause}.",
    "{name} told reporters that {clause}.",
    "{name} said {clause}.",
    "{Role} said {clause}, according to {org}.",
    "{name} warned: “{Clause}.”",
    "“{Clause},” {name} said. “{Clause2}.”",
    "“{Clause}.”",
    "{Org} said in a statement that {clause}.",
    "“{Clause},” the statement said.",
    "{name}, {role}, said the “{clause}” was unfair.",
    "{name} added: '{Clause}.'",
    "«{Clause}», a déclaré {name}.",
    "{name} told {org}: “{Clause}, and {clause2}.”",
    "She said {clause}.",
    "“{Clause},” {name} told {org}, adding that {clause2}.",
    "{Org} reported that {clause}, {name} said.",
    "“{Clause},” he said.",
]
JOINERS = [" ", "\n", "\n\n"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    clause = draw(st.sampled_from(CLAUSES))
    clause2 = draw(st.sampled_from(CLAUSES))
    role = draw(st.sampled_from(ROLES))
    org = draw(st.sampled_from(ORGS))
    return template.format(
        name=draw(st.sampled_from(PEOPLE)),
        clause=clause,
        Clause=_cap(clause),
        clause2=clause2,
        Clause2=_cap(clause2),
        role=role,
        Role=_cap(role),
        org=org,
        Org=_cap(org),
    )


@st.composite
def news_text(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(news_sentence(), min_size=1, max_size=8))
    pieces = [sentences[0]]
    for sentence in sentences[1:]:
        pieces.append(draw(st.sampled_from(JOINERS)))
        pieces.append(sentence)
    return "".join(pieces)


@settings(max_examples=120, deadline=None)
@given(text=news_text())
@example(text='"The bridge will be finished by spring," Anna Kowalska said.')
@example(text="According to Reuters, the talks had failed.")
@example(
    text="“We are not going to give up,” John Smith said. “The talks had failed.”\n\n"
    "“Prices will rise again next year,” he said."
)
def test_news_fragments_give_consistent_quotes_and_speakers(annotator: Any, text: str) -> None:
    annotation = check_all(annotator, text)
    for quote in annotation.quotes:
        if quote.kind == "direct":
            stripped = quote.text.strip()
            assert stripped, quote
            assert stripped[0] in QUOTE_MARKS or stripped[-1] in QUOTE_MARKS, (
                f"direct quote without a quotation mark at either end: {quote}"
            )


def test_a_plain_attributed_quote_is_found(annotator: Any) -> None:
    annotation = check_all(annotator, '"We will finish the bridge by spring," Anna Kowalska said.')
    assert [q.kind for q in annotation.quotes] == ["direct"]
    quote = annotation.quotes[0]
    speaker = annotation.speaker(quote.speaker_id)
    assert speaker is not None and "Kowalska" in speaker.name
    assert speaker.quote_ids == (quote.id,)


def test_lone_surrogates_do_not_break_the_engine(annotator) -> None:  # type: ignore[no-untyped-def]
    text = "Ana Silva said \ud800 the port \udfff reopened. “It is done,” she said."
    annotation = annotator.annotate(Article.from_text(text))
    annotation.validate()
    assert annotation.article.text == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert any(q.text == "“It is done,”" for q in annotation.quotes)


def test_bounded_cuts_walls_of_text_into_parse_sized_pieces_at_sentence_ends() -> None:
    from tui.nlp.text.paragraphs import bounded, split_paragraphs

    sentence = "The minister said the plan would work. "
    text = "Intro line.\n\n" + sentence * 400 + "\n\nLast one."
    pieces = bounded(split_paragraphs(text), limit=1000)
    assert all(len(p.text) <= 1000 for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)  # cut after a sentence, not mid-word
    covered = "".join(p.text for p in pieces).replace(" ", "")
    assert covered == text.replace(" ", "").replace("\n", "")


def test_bounded_cuts_an_endless_token_at_the_limit() -> None:
    from tui.nlp.text.paragraphs import Paragraph, bounded

    text = "x" * 2500
    pieces = bounded([Paragraph(0, len(text), text)], limit=1000)
    assert [len(p.text) for p in pieces] == [1000, 1000, 500]
    assert [p.start for p in pieces] == [0, 1000, 2000]


def test_intervals_agree_with_a_linear_scan() -> None:
    import random

    from tui.nlp.text.intervals import Intervals

    rng = random.Random(7)
    spans = []
    for value in range(200):
        start = rng.randrange(0, 2000)
        spans.append((start, start + rng.randrange(1, 60), value))
    index = Intervals(spans)
    for _ in range(500):
        start = rng.randrange(0, 2100)
        end = start + rng.randrange(1, 30)
        overlapping = next((v for s, e, v in spans if s < end and start < e), None)
        containing = next((v for s, e, v in spans if s <= start and end <= e), None)
        assert index.overlapping(start, end) == overlapping
        assert index.containing(start, end) == containing
