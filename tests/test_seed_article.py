"""Acceptance on the seed article: every quotation is attributed to the right person.

The seed is the article Byline was designed around (Trump, Zelenskyy and Starmer at a NATO
summit). Its facts are asserted here exactly as a reader checks them; the engine has no rule
keyed to this text, so a failure here is a failure of the general rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.evaluation.names import same_person
from tui.model import Annotation, Quote
from tui.nlp.quotes.marks import find_quoted_spans
from tui.nlp.text.paragraphs import split_paragraphs
from tui.sources import load_text_file

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-trump-zelenskyy-nato.txt"

EXPECTED_SPEAKER_OF_QUOTATION = {
    "“a good”": "Donald Trump",
    "“long and substantive.”": "Volodymyr Zelenskyy",
    "“We’re going to see if we can make some available, they’re very hard to get,”": "Donald Trump",
    "“They do want that more than any other thing.”": "Donald Trump",
    "“We covered all the truly important issues,”": "Volodymyr Zelenskyy",
    "“We discussed how to achieve a ceasefire and a real peace.": "Volodymyr Zelenskyy",
    "“details will follow.”": "Volodymyr Zelenskyy",
    "“pretty well all participants”": "Keir Starmer",
    "“we need to now push harder on Ukraine”": "Keir Starmer",
    "“to come to the table.”": "Keir Starmer",
    "“attention and the readiness to help bring peace closer.”": "Volodymyr Zelenskyy",
    "“shooting missiles into civilian areas”": "Donald Trump",
    "“You know, we had rough times,”": "Donald Trump",
    "“He couldn’t have been nicer.”": "Donald Trump",
}


@pytest.fixture(scope="module")
def seed(annotator) -> Annotation:  # type: ignore[no-untyped-def]
    return annotator.annotate(load_text_file(SEED, date="2025-06-25"))


def _quote_covering(annotation: Annotation, start: int, end: int) -> Quote | None:
    return next((q for q in annotation.quotes if q.start <= start and end <= q.end), None)


def _speaker_name(annotation: Annotation, quote: Quote | None) -> str | None:
    if quote is None:
        return None
    speaker = annotation.speaker(quote.speaker_id)
    return speaker.name if speaker else None


def test_the_seed_has_a_headline_and_body(seed: Annotation) -> None:
    assert (
        seed.article.title == "Trump says U.S. to consider more air-defense batteries for Ukraine"
    )
    assert seed.article.text.startswith("Donald Trump said he will look into")


def test_every_quotation_mark_span_is_attributed_to_the_right_person(seed: Annotation) -> None:
    text = seed.article.text
    spans = find_quoted_spans(text, split_paragraphs(text))
    assert len(spans) == 14
    seen = set()
    for fragment, expected in EXPECTED_SPEAKER_OF_QUOTATION.items():
        start = text.index(fragment)
        span = next(s for s in spans if s.start == start)
        quote = _quote_covering(seed, span.start, span.end)
        assert quote is not None, f"{fragment} is in no quote"
        name = _speaker_name(seed, quote)
        assert name is not None and same_person(name, expected), f"{fragment}: {name!r}"
        seen.add(span.start)
    assert seen == {s.start for s in spans}


@pytest.mark.parametrize(
    ("sentence_start", "mention"),
    [
        ("“We covered all the truly important issues,” the president posted", "the president"),
        ("He didn’t elaborate", "He"),
        ("The Ukrainian president said", "The Ukrainian president"),
        ("He criticized Putin", "He"),
        ("“You know, we had rough times,” the US president said", "the US president"),
    ],
)
def test_descriptions_and_pronouns_are_resolved(
    seed: Annotation, sentence_start: str, mention: str
) -> None:
    text = seed.article.text
    position = text.index(sentence_start) + sentence_start.index(mention)
    quotes = [q for q in seed.quotes if q.speaker_mention and q.speaker_mention.start == position]
    assert quotes, f"no quote has the speaker mention {mention!r} at {position}"
    assert quotes[0].speaker_mention is not None and quotes[0].speaker_mention.text == mention


def test_reported_speech_is_found(seed: Annotation) -> None:
    text = seed.article.text
    for clause in (
        "he will look into sending more Patriot air-defense batteries",
        "he will be speaking with Putin",
    ):
        start = text.index(clause)
        quote = _quote_covering(seed, start, start + len(clause))
        assert quote is not None, clause
        assert quote.kind in {"indirect", "mixed"}
        assert same_person(_speaker_name(seed, quote) or "", "Donald Trump")
        assert quote.cue is not None and quote.cue.text == "said"


def test_zelenskyy_and_zelenskiy_are_one_speaker(seed: Annotation) -> None:
    zelenskyy = [s for s in seed.speakers if same_person(s.name, "Volodymyr Zelenskyy")]
    assert len(zelenskyy) == 1
    surfaces = {m.text for m in zelenskyy[0].mentions}
    assert {"Zelenskyy", "Zelenskiy"} <= surfaces
    assert zelenskyy[0].kind == "person"


def test_speakers_are_people_with_roles(seed: Annotation) -> None:
    by_name = {s.name: s for s in seed.speakers}
    trump = next(s for name, s in by_name.items() if same_person(name, "Donald Trump"))
    assert trump.kind == "person"
    assert "the US president" in trump.aliases
    starmer = next(s for name, s in by_name.items() if same_person(name, "Keir Starmer"))
    assert starmer.role == "U.K. Prime Minister"
    assert starmer.country == "United Kingdom"
