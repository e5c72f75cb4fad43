"""Time expressions found in parsed text: spans shaped as MEANTIME shapes them, values from
the tense of their clause, and a floor on the MEANTIME gold.

Sentences are invented for the tests, except the seed article (``samples/``) and the
MEANTIME documents (``../shared/eval/meantime-dev``, skipped when absent).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from meantime_timexes import Timex, evaluate, score_timexes

from tui.model import TimeExpression
from tui.nlp.annotator import parser_text
from tui.nlp.text.paragraphs import split_paragraphs
from tui.nlp.time.expressions import extract_timexes, governing_tense, parse_anchor

pytestmark = pytest.mark.slow  # the spaCy pipeline parses every text

DATE = "2025-06-25"  # a Wednesday


def timexes(annotator: Any, text: str, date: str | None = DATE) -> list[TimeExpression]:
    paragraphs = split_paragraphs(text)
    docs = annotator.nlp.pipe(parser_text(p.text) for p in paragraphs)
    return extract_timexes(text, list(zip(paragraphs, docs, strict=True)), date)


def readings(annotator: Any, text: str, date: str | None = DATE) -> dict[str, str | None]:
    return {t.text: t.value for t in timexes(annotator, text, date)}


# ------------------------------------------------------------------------- seed article


@pytest.fixture(scope="module")
def seed(annotator: Any, samples_dir: Path) -> list[TimeExpression]:
    text = (samples_dir / "seed-trump-zelenskyy-nato.txt").read_text(encoding="utf-8")
    return timexes(annotator, text)


@pytest.mark.parametrize(
    ("context", "span", "value"),
    [
        ("summit on Wednesday", "Wednesday", "2025-06-25"),
        ("in April, where", "April", "2025-04"),
        ("since March", "March", "2025-03"),
        ("earlier this month", "earlier this month", "2025-06"),
        ("in recent weeks", "recent weeks", "PAST_REF"),
        ("strikes on Tuesday", "Tuesday", "2025-06-24"),
        ("the February 2022 invasion", "February 2022", "2022-02"),
        ("meeting in February", "February", "2025-02"),
        ("deal in May", "May", "2025-05"),
        ("out in the summer", "the summer", "2025-SU"),
        ("war, currently", "currently", "PRESENT_REF"),
        ("the 45-minute encounter", "45-minute", "PT45M"),
        ("about 15 minutes", "about 15 minutes", "PT15M"),
    ],
)
def test_seed_article(
    seed: list[TimeExpression], samples_dir: Path, context: str, span: str, value: str
) -> None:
    text = (samples_dir / "seed-trump-zelenskyy-nato.txt").read_text(encoding="utf-8")
    where = text.index(context) + context.index(span)
    found = [t for t in seed if t.start == where]
    assert found, f"no time expression at {span!r} in {context!r}"
    assert (found[0].text, found[0].value) == (span, value)


def test_seed_since_keeps_its_modifier(seed: list[TimeExpression]) -> None:
    march = next(t for t in seed if t.text == "March")
    assert march.mod == "SINCE"


def test_seed_records_are_valid(seed: list[TimeExpression], samples_dir: Path) -> None:
    text = (samples_dir / "seed-trump-zelenskyy-nato.txt").read_text(encoding="utf-8")
    assert [t.id for t in seed] == [f"t{i}" for i in range(1, len(seed) + 1)]
    assert [t.start for t in seed] == sorted(t.start for t in seed)
    for timex in seed:
        assert text[timex.start : timex.end] == timex.text
    assert all(a.end <= b.start for a, b in pairwise(seed))


# -------------------------------------------------------------------- tense and values


def test_future_tense_looks_forward(annotator: Any) -> None:
    found = readings(annotator, "Trump said he will meet Putin on Friday.")
    assert found == {"Friday": "2025-06-27"}


def test_past_tense_looks_back(annotator: Any) -> None:
    found = readings(annotator, "Trump met Putin on Friday.")
    assert found == {"Friday": "2025-06-20"}


def test_scheduled_infinitives_are_future(annotator: Any) -> None:
    assert readings(annotator, "The trial is set to begin on Monday.") == {"Monday": "2025-06-30"}
    found = readings(annotator, "The talks are due to resume in September.")
    assert found == {"September": "2025-09"}


def test_months_follow_the_tense(annotator: Any) -> None:
    assert readings(annotator, "The company cut jobs in September.") == {"September": "2024-09"}
    found = readings(annotator, "The company will cut jobs in September.")
    assert found == {"September": "2025-09"}


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("He met the minister on Friday.", "past"),
        ("He has met the minister on Friday.", "past"),
        ("He will meet the minister on Friday.", "future"),
        ("He is going to meet the minister on Friday.", "future"),
        ("He meets the minister on Friday.", "present"),
    ],
)
def test_governing_tense(annotator: Any, sentence: str, tense: str) -> None:
    doc = annotator.nlp(sentence)
    friday = next(t for t in doc if t.text == "Friday")
    assert governing_tense(friday) == tense


def test_a_clock_time_takes_the_day_of_its_sentence(annotator: Any) -> None:
    found = readings(annotator, "The jet made its first flight Tuesday at 18:00 UTC.")
    assert found == {"Tuesday": "2025-06-24", "18:00 UTC": "2025-06-24T18:00Z"}


def test_a_clock_time_alone_is_on_the_publication_day(annotator: Any) -> None:
    found = readings(annotator, "The shooting began at 10:39 a.m. near the store.")
    assert found == {"10:39 a.m.": "2025-06-25T10:39"}


# ------------------------------------------------------------------------------ spans


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose by 15 a year.", {"a year": "P1Y"}),  # the SET is "a year"
        ("He signed a 27-year contract.", {"27-year": "P27Y"}),
        ("The results came at this year's conference.", {"this year": "2025"}),
        ("The store opened on Friday morning.", {"Friday morning": "2025-06-20TMO"}),
        ("The first orders were recently announced.", {"recently": "PAST_REF"}),
        ("Yesterday the board resigned.", {"Yesterday": "2025-06-24"}),
        ("The plane was unveiled on 7/8/07.", {"7/8/07": "2007-07-08"}),
        ("It is almost two and a half years behind schedule.",
         {"almost two and a half years": "P2.5Y"}),
        ("The fair is held annually in the city.", {"annually": "P1Y"}),
        ("Sales were strong in the past decade.", {"the past decade": "201"}),
    ],
)  # fmt: skip
def test_spans_as_meantime_shapes_them(annotator: Any, sentence: str, expected: dict) -> None:
    assert readings(annotator, sentence) == expected


def test_prepositions_stay_outside_the_span(annotator: Any) -> None:
    found = timexes(annotator, "The factory has been closed since 2004 and reopens in April.")
    assert [t.text for t in found] == ["2004", "April"]
    assert found[0].mod == "SINCE"


@pytest.mark.parametrize(
    "sentence",
    [
        "The 95-year-old man was found at home.",
        "Papermaster, 49, left the company.",
        "Jobs, aged 55, took medical leave.",
        "He died at the age of 56 in his home.",
        "The 2019-nCoV virus spread quickly.",
        "Officials may decide to march on the capital.",
        "The Six-Day War changed the region.",
        "The daily newspaper Magyar Nemzet reported the deal.",
        "The company raised its quarterly dividend to 12 cents.",
        "Shareholders approved the plan at the annual meeting.",
        "Troops withdrew soon after the vote.",
    ],
)
def test_not_time_expressions(annotator: Any, sentence: str) -> None:
    assert timexes(annotator, sentence) == []


def test_without_a_date_relative_values_stay_unresolved(annotator: Any) -> None:
    found = timexes(annotator, "Talks resumed on Tuesday, after a pause since June 8, 2010.", None)
    assert [(t.text, t.value, t.resolved) for t in found] == [
        ("Tuesday", None, False),
        ("June 8, 2010", "2010-06-08", True),
    ]


def test_parse_anchor() -> None:
    assert str(parse_anchor("2025-06-25T10:00:00Z")) == "2025-06-25"
    assert parse_anchor("yesterday") is None
    assert parse_anchor(None) is None


# --------------------------------------------------------------------------- MEANTIME


def test_score_timexes_counts_exact_and_overlapping_matches() -> None:
    gold = [Timex(0, 5, "April", "DATE", "2025-04"), Timex(10, 20, "the summer", "DATE", "SU")]
    predicted = [
        Timex(0, 5, "April", "DATE", "2025-04"),
        Timex(14, 20, "summer", "DATE", "2025-SU"),
        Timex(30, 35, "today", "DATE", "2025-06-25"),
    ]
    scores = score_timexes(gold, predicted)
    assert (scores.exact, scores.overlap, scores.values_right) == (1, 2, 1)
    assert scores.exact_prf == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert scores.value_accuracy == 0.5


def test_meantime_floor(annotator: Any, shared_dir: Path) -> None:
    folder = shared_dir / "eval" / "meantime-dev"
    if not folder.is_dir():
        pytest.skip(f"MEANTIME dev set not found at {folder}")
    scores, _ = evaluate(folder, annotator.nlp)
    assert scores.gold > 40
    assert scores.value_accuracy >= 0.80  # measured 0.93
    assert scores.overlap_prf[2] >= 0.85  # measured 0.95
    assert scores.exact_prf[2] >= 0.85  # measured 0.95


def test_a_plan_in_the_present_looks_ahead(annotator) -> None:  # type: ignore[no-untyped-def]
    """ "Elections are scheduled for May", written in June: next May, not the last."""
    from tui.model import Article

    article = Article("t", "T", "2019-06-12", None, None, "Elections are scheduled for May.")
    assert [t.value for t in annotator.annotate(article).timexes] == ["2020-05"]


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        # a report to come is about the quarter just closed
        ("The company expects to report a loss for the third quarter.", "1989-10-26", "1989-Q3"),
        # a past clause tells of a plan for the month about to begin
        ("Saudi Arabia told oil companies of a cutback in September.", "1990-08-16", "1990-09"),
        # farther off, the tense decides
        ("Sales fell in the third quarter.", "2025-06-25", "2024-Q3"),
        ("The plant closed in September.", "1990-06-16", "1989-09"),
    ],
)
def test_periods_near_the_publication_day(
    annotator: Any, sentence: str, date: str, expected: str
) -> None:
    assert [t.value for t in timexes(annotator, sentence, date)] == [expected]


def test_a_frequency_said_of_the_action_is_a_set(annotator: Any) -> None:
    assert readings(annotator, "Sales should rise 8% annually.") == {"annually": "P1Y"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a reduced clause tells what was done: the past Friday, even under "would"
        ("Under the terms, announced Friday, holders would receive $42.", "2025-06-20"),
        # unless it is a plan
        ("The vote, scheduled for Friday, would settle it.", "2025-06-27"),
    ],
)
def test_a_reduced_participle_keeps_its_own_tense(
    annotator: Any, sentence: str, expected: str
) -> None:
    assert [t.value for t in timexes(annotator, sentence)] == [expected]
