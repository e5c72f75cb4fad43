"""Fuzzing the real engine where ``test_engine_properties`` is thin.

That module covers generated Unicode without surrogates, quotation-mark soup and 2,000-word
sentences. Here: text that mixes lone surrogates, C0/C1 controls, bidi controls, RTL
scripts and combining marks with quotation marks and "said"; a 3,000-word sentence; a
30,000-character paragraph with no space; and, for every annotation, that ``to_json`` is
valid JSON (``json.loads``), that it round-trips, and that the printable form
(:func:`tui.model.safe_json`) encodes to UTF-8 and decodes to the same document.
One module-scoped :class:`Annotator`; examples are few (spaCy is slow), deadline off.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.model import Annotation, Article, iter_spans, safe_json

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engine() -> Any:
    from tui.nlp import Annotator

    return Annotator()


def check(engine: Any, text: str) -> Annotation:
    """Annotate ``text``; every span indexes it and the JSON is valid and round-trips."""
    article = Article.from_text(text, title=text[:40] or None)
    annotation = engine.annotate(article)
    assert annotation.article == article
    assert len(article.text) == len(text)  # surrogates (not Unicode): U+FFFD, one for one
    assert not any("\ud800" <= c <= "\udfff" for c in article.text)
    text = article.text
    for span in iter_spans(annotation):
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    for quote in annotation.quotes:
        assert text[quote.start : quote.end] == quote.text, quote
    document = annotation.to_json()
    assert json.loads(document) == annotation.to_dict()
    assert Annotation.from_json(document) == annotation
    document.encode("utf-8")  # printable, whatever the input held
    assert safe_json(document) == document
    return annotation


QUOTE_MARKS = list("\"“”‘’'«»„")
HOSTILE = [
    "\ud800",
    "\udfff",
    "\udc80x",
    "\x1b[31m",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b2J",
    "\x9d0;t\x9c",
    "\x85",
    "\x00",
    "\x08",
    "\r",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u0301",
    "\u0308\u0308\u0308",
    "שלום",
    "مرحبا",
    "[bold]",
    "[/]",
]
WORDS = ["said", "says", "told", "Smith", "Anna Kowalska", "he", "she", "the", "minister"]
TOKEN = st.one_of(
    st.characters(),  # surrogates included
    st.sampled_from(HOSTILE),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(WORDS).map(lambda w: f" {w} "),
    st.sampled_from([" ", "\n", "\n\n", ". ", ", "]),
)


@FUZZ
@given(text=st.lists(TOKEN, max_size=150).map("".join))
@example(text='"\ud800," Smith said.')
@example(text="“\x1b]52;c;ZXZpbA==\x07 now,” said Mallory \x1b[31mEvil.")
@example(text="«\u202eevil\u202c» Anna Kowalska said \udfff.")
@example(text="\u05e9\u05dc\u05d5\u05dd said “\u0301\u0301”")
def test_hostile_unicode_with_quotes(engine: Any, text: str) -> None:
    check(engine, text)


SOUP = st.lists(
    st.one_of(
        st.sampled_from(QUOTE_MARKS),
        st.sampled_from(QUOTE_MARKS).map(lambda m: m * 2),
        st.sampled_from(WORDS),
        st.text(st.characters(codec="utf-8"), max_size=6),
    ),
    max_size=120,
).map(" ".join)


@FUZZ
@given(text=SOUP)
@example(text='" " " said " " "')
@example(text="„ “ ” ‘ ’ « » said Smith said")
def test_quotation_mark_soup_with_arbitrary_words(engine: Any, text: str) -> None:
    check(engine, text)


def _sentence(words: int) -> str:
    vocabulary = ["the", "minister", "said", "that", "Smith", "would", "“we", "will", "go,”"]
    return " ".join(vocabulary[(i * 5) % len(vocabulary)] for i in range(words))


def test_a_3000_word_sentence_without_a_period(engine: Any) -> None:
    check(engine, _sentence(3000))


def test_a_3000_word_quotation_with_controls(engine: Any) -> None:
    check(engine, "“" + _sentence(3000).replace("that", "\x1b[2J\u202e") + ",” Smith said")


def test_a_30000_character_paragraph_without_spaces(engine: Any) -> None:
    check(engine, ("abc“def”said\u0301" * 2500)[:30000])


def test_a_30000_character_token_with_one_quote_around_it(engine: Any) -> None:
    check(engine, "“" + "x" * 30000 + ",” Anna Kowalska said.")
