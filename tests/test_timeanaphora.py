"""Time expressions placed by an earlier time of the article (TIMEX3's anaphoric ones)."""

from __future__ import annotations

import pytest

from tui.model import Article
from tui.nlp.time.anaphora import is_anaphoric, reference_point, resolve


@pytest.mark.parametrize(
    ("phrase", "reference", "expected"),
    [
        ("the same day", "2019-03-03", ("DATE", "2019-03-03")),
        ("that day", "2019-03-03", ("DATE", "2019-03-03")),
        ("the next day", "2019-03-03", ("DATE", "2019-03-04")),
        ("the following day", "2019-12-31", ("DATE", "2020-01-01")),
        ("the previous day", "2019-03-01", ("DATE", "2019-02-28")),
        ("that morning", "2019-03-03", ("TIME", "2019-03-03TMO")),
        ("that night", "2019-03-03", ("TIME", "2019-03-03TNI")),
        ("that week", "2019-03-03", ("DATE", "2019-W09")),
        ("the following week", "2019-W52", ("DATE", "2020-W01")),
        ("that month", "2019-03-03", ("DATE", "2019-03")),
        ("the previous month", "2019-01", ("DATE", "2018-12")),
        ("the previous year", "2018", ("DATE", "2017")),
        ("the next year", "2019-03-03", ("DATE", "2020")),
        ("two years earlier", "2019-03-03", ("DATE", "2017")),
        ("three days later", "2019-03-30", ("DATE", "2019-04-02")),
        ("a week later", "2019-03-03", ("DATE", "2019-W10")),
        ("six months after", "2019-09", ("DATE", "2020-03")),
        ("two decades earlier", "2019", ("DATE", "199")),
        ("a few days later", "2019-03-03", ("DATE", "XXXX-XX-XX")),  # a vague amount
        ("later that evening", "2019-03-03", ("TIME", "2019-03-03TEV")),
        ("later in the day", "2019-03-03", ("DATE", "2019-03-03")),
        ("the night", "2019-03-03", ("TIME", "2019-03-03TNI")),
        # a part of the day said alone is of the day the text is about
        ("in the morning", "2019-03-03", ("TIME", "2019-03-03TMO")),
        ("evening", "2019-03-03", ("TIME", "2019-03-03TEV")),
        ("the next day", "2019-03", ("DATE", "2019-03")),  # the day is unknown: the month
        # a quarter moved by whole quarters stays a quarter (periodic reports compare them)
        ("a year earlier", "1989-Q3", ("DATE", "1988-Q3")),
        ("three months later", "1989-Q3", ("DATE", "1989-Q4")),
        ("the same day", "1989-Q3", ("DATE", "1989-Q3")),
        # "the quarter" of a report is the quarter of the time it is about
        ("the quarter", "1989-09-30", ("DATE", "1989-Q3")),
        ("the previous quarter", "1989-Q1", ("DATE", "1988-Q4")),
        ("the quarter", "1989", ("DATE", "1989-QX")),
    ],
)
def test_resolve(phrase: str, reference: str, expected: tuple[str, str] | None) -> None:
    assert resolve(phrase, reference) == expected


@pytest.mark.parametrize(
    ("value", "point"),
    [
        ("2019-03-03", "2019-03-03"),
        ("2019-03-03T16:08Z", "2019-03-03"),
        ("2019-W10", "2019-W10"),
        ("2019-03", "2019-03"),
        ("2019-Q3", "2019-Q3"),
        ("2019", "2019"),
        ("P1Y", None),
        ("PAST_REF", None),
        ("2019-SU", None),
        (None, None),
    ],
)
def test_reference_point(value: str | None, point: str | None) -> None:
    assert reference_point(value) == point


def test_deictic_phrases_are_not_anaphoric() -> None:
    assert is_anaphoric("The same day") and is_anaphoric("two years earlier")
    assert not any(is_anaphoric(p) for p in ("today", "last year", "two years ago", "a year"))


def test_the_article_gives_the_reference(annotator) -> None:  # type: ignore[no-untyped-def]
    """The last date the text gave places "the same day"; before any, the publication
    date does; a deictic "yesterday" stays on the publication date."""
    text = (
        "Two years earlier, the plant had been sold.\n\n"
        "On March 3, 2018 the plant closed. The same day, workers protested, and the next "
        "day the owners left. Yesterday the site was cleared."
    )
    article = Article("t", "Plant", "2019-06-12", None, None, text)
    values = {t.text: t.value for t in annotator.annotate(article).timexes}
    assert values["Two years earlier"] == "2017"
    assert values["The same day"] == "2018-03-03"
    assert values["the next day"] == "2018-03-04"
    assert values["Yesterday"] == "2019-06-11"


def test_a_report_compares_its_quarter_with_the_year_before(annotator) -> None:  # type: ignore[no-untyped-def]
    """Periodic reports: "the quarter" is the quarter the report is about, "a year ago" in
    it is that quarter a year back, and a comparison never becomes the time the next
    expression refers to (so "a year earlier" after "a year ago" is not two years back)."""
    text = (
        "Acme reported third-quarter profit of $5 million, up from $4 million a year ago. "
        "Sales rose to $90 million from $80 million a year earlier. Costs fell during the "
        "quarter. Acme expects to return to profit next year.\n\n"
        "Separately, Acme said the latest quarter was its best."
    )
    article = Article("t", "Acme", "1989-10-26", None, None, text)
    values = [(t.text, t.value) for t in annotator.annotate(article).timexes]
    assert values == [
        ("third-quarter", "1989-Q3"),
        ("a year ago", "1988-Q3"),
        ("a year earlier", "1988-Q3"),
        ("the quarter", "1989-Q3"),
        ("next year", "1990"),
        ("the latest quarter", "1989-Q3"),
    ]


def test_a_year_ago_outside_a_report_is_the_year(annotator) -> None:  # type: ignore[no-untyped-def]
    article = Article("t", "T", "2019-06-12", None, None, "A year ago the plant closed.")
    assert [t.value for t in annotator.annotate(article).timexes] == ["2018"]
