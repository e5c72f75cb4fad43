"""TIMEX3 normalisation of time expressions: pure calendar rules, no spaCy.

The anchor is the publication date of the seed article, Wednesday 2025-06-25, unless a
case says otherwise. Expected values follow TIMEX3 as MEANTIME uses it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tui.nlp.time.calendar import parse_number
from tui.nlp.time.normalise import normalise, recognises
from tui.nlp.time.reading import Normalised

ANCHOR = dt.date(2025, 6, 25)  # a Wednesday


def value(text: str, tense: str | None = None, anchor: dt.date | None = ANCHOR) -> str | None:
    return normalise(text, anchor, tense=tense).value


# ------------------------------------------------------------------------- seed cases


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Wednesday", None, "2025-06-25"),  # the publication day itself
        ("on Wednesday", "past", "2025-06-25"),
        ("Tuesday", None, "2025-06-24"),
        ("on Tuesday", "past", "2025-06-24"),
        ("in April", None, "2025-04"),
        ("since March", "past", "2025-03"),
        ("February 2022", None, "2022-02"),
        ("earlier this month", None, "2025-06"),
        ("the summer", None, "2025-SU"),
        ("in the summer", "future", "2025-SU"),
        ("in recent weeks", "past", "PAST_REF"),
        ("currently", "present", "PRESENT_REF"),
        ("Friday", "future", "2025-06-27"),  # "will meet on Friday"
        ("on Friday", "future", "2025-06-27"),
        ("in May", "past", "2025-05"),
        ("in February", "past", "2025-02"),
    ],
)
def test_seed_cases(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


def test_since_keeps_its_modifier() -> None:
    assert normalise("since March", ANCHOR) == Normalised("DATE", "2025-03", "SINCE", True)


# -------------------------------------------------------------------- relative to anchor


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Thursday", None, "2025-06-19"),  # past or today: news reports what happened
        ("Thursday", "past", "2025-06-19"),
        ("Thursday", "future", "2025-06-26"),
        ("Thursday", "present", "2025-06-26"),  # present: the nearest one
        ("Monday", "present", "2025-06-23"),
        ("Wednesday", "future", "2025-06-25"),
        ("last Friday", None, "2025-06-20"),
        ("next Monday", None, "2025-06-30"),
        ("this Friday", None, "2025-06-27"),
        ("Friday morning", "past", "2025-06-20TMO"),
        ("today", None, "2025-06-25"),
        ("earlier today", "past", "2025-06-25"),
        ("later today", "future", "2025-06-25"),
        ("yesterday", None, "2025-06-24"),
        ("tomorrow", None, "2025-06-26"),
        ("tonight", None, "2025-06-25TNI"),
        ("last night", None, "2025-06-24TNI"),
        ("this morning", None, "2025-06-25TMO"),
        ("yesterday afternoon", None, "2025-06-24TAF"),
    ],
)
def test_days(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("April", "past", "2025-04"),
        ("June", None, "2025-06"),
        ("in September", "past", "2024-09"),
        ("in September", None, "2024-09"),
        ("in September", "future", "2025-09"),
        ("in September", "present", "2025-09"),  # three months ahead beats nine back
        ("in January", "present", "2025-01"),
        ("in March", "future", "2026-03"),
        ("last April", None, "2025-04"),
        ("next March", None, "2026-03"),
        ("June 18", "past", "2025-06-18"),
        # a past clause may give a day to come, when it is near: "asked it to respond by
        # June 30"; farther ahead, the day is the last one ("the fiscal year ended Jan. 31",
        # written in October, is this January, not the next)
        ("June 30", "past", "2025-06-30"),
        ("July 31", "past", "2025-07-31"),
        ("September 30", "past", "2024-09-30"),
        ("December 30", "past", "2024-12-30"),
        # a clause read as future may hold a day just past ("the June 20 accord")
        ("June 20", "future", "2025-06-20"),
        ("May 1", "future", "2026-05-01"),
        ("September 30", None, "2025-09-30"),  # no tense: the nearest
        ("the third quarter", "past", "2024-Q3"),
        ("third-quarter", None, "2024-Q3"),
        ("June 30", "future", "2025-06-30"),
        ("April 2nd", None, "2025-04-02"),
        ("the 18th of June", None, "2025-06-18"),
        ("Friday, June 27", "future", "2025-06-27"),
        ("February 29", "past", "2024-02-29"),  # the last one that existed
        ("Christmas", "past", "2024-12-25"),
        ("June of this year", None, "2025-06"),
    ],
)
def test_months_and_month_days(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this year", "2025"),
        ("last year", "2024"),
        ("next year", "2026"),
        ("this month", "2025-06"),
        ("last month", "2025-05"),
        ("next month", "2025-07"),
        ("this week", "2025-W26"),
        ("last week", "2025-W25"),
        ("next week", "2025-W27"),
        ("this weekend", "2025-W26-WE"),
        ("earlier this year", "2025"),
        ("later this month", "2025-06"),
        ("this quarter", "2025-Q2"),
        ("last quarter", "2025-Q1"),
        ("the past decade", "201"),  # the 2010s, as MEANTIME reads it
        ("this decade", "202"),
        ("three days ago", "2025-06-22"),
        ("two weeks ago", "2025-W24"),
        ("a year ago", "2024"),
        ("six months ago", "2024-12"),
        ("years ago", "PAST_REF"),
    ],
)
def test_relative_periods(text: str, expected: str) -> None:
    assert value(text) == expected


def test_positions_in_a_period_become_modifiers() -> None:
    assert normalise("late last year", ANCHOR) == Normalised("DATE", "2024", "END", True)
    assert normalise("early 2009", ANCHOR) == Normalised("DATE", "2009", "START", True)
    assert normalise("mid-March", ANCHOR) == Normalised("DATE", "2025-03", "MID", True)
    assert normalise("the end of June", ANCHOR).mod == "END"
    assert value("the beginning of the year") == "2025"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("the summer", "past", "2025-SU"),  # we are in it
        ("the winter", "past", "2024-WI"),  # later than the anchor's season: last year's
        ("the autumn", "past", "2024-FA"),
        ("the autumn", "future", "2025-FA"),
        ("the spring", None, "2025-SP"),
        ("the spring", "future", "2026-SP"),
        ("last summer", None, "2024-SU"),
        ("next summer", None, "2026-SU"),
        ("summer 2024", None, "2024-SU"),
        ("the spring of 2010", None, "2010-SP"),
    ],
)
def test_seasons(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


def test_winter_in_january_belongs_to_the_previous_year() -> None:
    assert value("this winter", anchor=dt.date(2025, 1, 10)) == "2024-WI"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Q1", None, "2025-Q1"),
        ("the first quarter", None, "2025-Q1"),
        ("the fourth quarter", "past", "2024-Q4"),
        ("the fourth quarter", "future", "2025-Q4"),
        ("Q3 2024", None, "2024-Q3"),
        ("the second half of 2024", None, "2024-H2"),
        ("the first half of next year", None, "2026-H1"),
    ],
)
def test_quarters_and_halves(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:39 a.m.", "2025-06-25T10:39"),
        ("3 p.m.", "2025-06-25T15:00"),
        ("18:00 UTC", "2025-06-25T18:00Z"),
        ("1639 UTC", "2025-06-25T16:39Z"),
        ("10:30 BST", "2025-06-25T10:30+01:00"),
        ("noon", "2025-06-25T12:00"),
        ("Tuesday at 3 p.m.", "2025-06-24T15:00"),
        ("10:39 a.m. on June 8, 2010", "2010-06-08T10:39"),
    ],
)
def test_clock_times(text: str, expected: str) -> None:
    reading = normalise(text, ANCHOR)
    assert (reading.type, reading.value) == ("TIME", expected)


# ---------------------------------------------------------------------------- absolute


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 8, 2010", "2010-06-08"),
        ("8 June 2010", "2010-06-08"),
        ("2010-06-08", "2010-06-08"),
        ("June 8th, 2010", "2010-06-08"),
        ("Jun. 8, 2010", "2010-06-08"),
        ("Sept. 3, 2019", "2019-09-03"),
        ("the 8th of June 2010", "2010-06-08"),
        ("Wednesday, June 25, 2025", "2025-06-25"),
        ("February 24 , 1955", "1955-02-24"),  # tokenised text
        ("7/8/07", "2007-07-08"),  # American order
        ("25/06/2025", "2025-06-25"),  # a day-first date that cannot be read otherwise
        ("February 2022", "2022-02"),
        ("June of 2010", "2010-06"),
        ("2008", "2008"),
        ("in 2008", "2008"),
        ("the year 2000", "2000"),
        ("the 1990s", "199"),
        ("the '80s", "198"),
        ("the nineties", "199"),
        ("the 2000s", "200"),
        ("the 20th century", "19"),
        ("Q3 2024", "2024-Q3"),
        ("summer 2024", "2024-SU"),
    ],
)
def test_absolute_dates_resolve_with_or_without_anchor(text: str, expected: str) -> None:
    for anchor in (ANCHOR, None):
        reading = normalise(text, anchor)
        assert reading.value == expected
        assert reading.resolved


def test_impossible_dates_are_not_dates() -> None:
    assert value("February 30, 2010") is None
    assert value("2010-13-01") is None


# --------------------------------------------------------------------------- no anchor


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Wednesday", "DATE"),
        ("in April", "DATE"),
        ("since March", "DATE"),
        ("earlier this month", "DATE"),
        ("the summer", "DATE"),
        ("yesterday", "DATE"),
        ("next week", "DATE"),
        ("the first quarter", "DATE"),
        ("10:39 a.m.", "TIME"),
        ("Friday morning", "TIME"),
    ],
)
def test_relative_expressions_without_anchor_keep_their_type_only(text: str, kind: str) -> None:
    reading = normalise(text, None, tense="past")
    assert (reading.type, reading.value, reading.resolved) == (kind, None, False)


def test_since_without_anchor_still_has_its_modifier() -> None:
    assert normalise("since March", None) == Normalised("DATE", None, "SINCE", False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recently", "PAST_REF"),
        ("in the past", "PAST_REF"),
        ("in recent weeks", "PAST_REF"),
        ("currently", "PRESENT_REF"),
        ("now", "PRESENT_REF"),
        ("at present", "PRESENT_REF"),
        ("in the future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
        ("in the coming weeks", "FUTURE_REF"),
    ],
)
def test_reference_words_need_no_anchor(text: str, expected: str) -> None:
    for anchor in (ANCHOR, None):
        assert normalise(text, anchor) == Normalised("DATE", expected, None, True)


# ----------------------------------------------------------------- durations and sets


@pytest.mark.parametrize(
    ("text", "expected", "mod"),
    [
        ("45 minutes", "PT45M", None),
        ("45-minute", "PT45M", None),  # "the 45-minute encounter": MEANTIME's "27-year"
        ("27-year", "P27Y", None),
        ("fifty-year", "P50Y", None),
        ("two weeks", "P2W", None),
        ("three days", "P3D", None),
        ("18 months", "P18M", None),
        ("Five years", "P5Y", None),
        ("six hours", "PT6H", None),
        ("twenty-five years", "P25Y", None),
        ("a decade", "P1DE", None),
        ("a fortnight", "P2W", None),
        ("almost two and a half years", "P2.5Y", "LESS_THAN"),
        ("about 15 minutes", "PT15M", "APPROX"),
        ("more than a year", "P1Y", "MORE_THAN"),
        ("over two years", "P2Y", "MORE_THAN"),
        ("at least three weeks", "P3W", "EQUAL_OR_MORE"),
        ("the next six months", "P6M", None),
        ("the last 27 years", "P27Y", None),
        ("several years", "PXY", None),
        ("a few days", "PXD", None),
        ("decades", "PXDE", None),
    ],
)
def test_durations(text: str, expected: str, mod: str | None) -> None:
    reading = normalise(text, ANCHOR)
    assert (reading.type, reading.value, reading.mod) == ("DURATION", expected, mod)


def test_vague_durations_are_not_resolved() -> None:
    assert not normalise("several years", ANCHOR).resolved
    assert normalise("two weeks", None).resolved  # a duration needs no anchor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every year", "P1Y"),
        ("each year", "P1Y"),
        ("annually", "P1Y"),
        ("annual", "P1Y"),
        ("yearly", "P1Y"),
        ("weekly", "P1W"),
        ("daily", "P1D"),
        ("monthly", "P1M"),
        ("quarterly", "P3M"),
        ("every two weeks", "P2W"),
        ("every other week", "P2W"),
        ("twice a week", "P1W"),
        ("15 a year", "P1Y"),
        ("per day", "P1D"),
        ("every Monday", "XXXX-WXX-1"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    reading = normalise(text, None)
    assert (reading.type, reading.value, reading.resolved) == ("SET", expected, True)


def test_a_year_alone_is_a_duration_not_a_set() -> None:
    assert normalise("a year", ANCHOR).type == "DURATION"
    assert normalise("nearly a year", ANCHOR) == Normalised("DURATION", "P1Y", "LESS_THAN", True)


def test_ordinal_periods_are_dates_counted_from_an_event() -> None:
    reading = normalise("its fourth year", ANCHOR)
    assert (reading.type, reading.value, reading.resolved) == ("DATE", "XXXX", False)
    assert normalise("the second day", ANCHOR).value == "XXXX-XX-XX"


def test_anaphoric_days_are_recognised_without_a_value() -> None:
    for text in ("that day", "the next day", "the same week"):
        reading = normalise(text, ANCHOR)
        assert reading.type == "DATE"
        assert not reading.resolved
    assert normalise("a later time", ANCHOR).value == "XXXX-XX-XX"


# --------------------------------------------------------------------- non-expressions


@pytest.mark.parametrize(
    "text", ["95-year-old", "2019-nCoV", "49", "the age of 56", "mar", "sun", "the", "banana"]
)
def test_non_temporal_text_is_not_recognised(text: str) -> None:
    assert not recognises(text)
    assert normalise(text, ANCHOR) == Normalised("DATE", None, None, False)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("two and a half", 2.5),
        ("twenty-five", 25.0),
        ("1,000", 1000.0),
        ("a", 1.0),
        ("a dozen", 12.0),
        ("half a", 0.5),
        ("several", None),
        ("banana", None),
    ],
)
def test_parse_number(words: str, expected: float | None) -> None:
    assert parse_number(words) == expected


def test_normalised_is_frozen() -> None:
    reading = normalise("Tuesday", ANCHOR)
    with pytest.raises(AttributeError):
        reading.value = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("the last week of March", "2025-W13", None),  # 2025-03-31 is a Monday
        ("the first week of May 2018", "2018-W18", None),
        ("the second week of June", "2025-W24", None),  # June 1 is a Sunday
        ("the first day of 2019", "2019-01-01", None),
        ("the last day of February 2024", "2024-02-29", None),
        ("the last month of 2018", "2018-12", None),
        ("the final days of 2019", "2019", "END"),
        ("the first months of 2020", "2020", "START"),
    ],
)
def test_parts_of_periods(text: str, value: str, mod: str | None) -> None:
    found = normalise(text, ANCHOR, tense="past")
    assert (found.type, found.value, found.mod) == ("DATE", value, mod)


# ------------------------------------------------------------------ periods by their role


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("the fiscal year", None, "2025"),
        ("the current fiscal year", "present", "2025"),
        ("the full year", "future", "2025"),
        ("the latest fiscal year", "past", "2024"),
        ("year-end", "future", "2025"),
        ("year end", None, "2025"),
        # periodic reports come after the period closes: the last quarter before the
        # publication day (2025-Q2 for a June article is still open: 2025-Q1), a year back
        ("the year-ago quarter", "past", "2024-Q1"),
        ("the year-earlier period", "past", "2024-Q1"),
        ("year-earlier", None, "2024-Q1"),
        ("the year-ago month", None, "2024-05"),
        ("a year ago", "past", "2024"),  # a date, not the reports' adjective
        ("an additional year", "future", "P1Y"),
        ("a fiscal year", None, "P1Y"),
        ("morning", "past", "2025-06-25TMO"),
        ("the evening", None, "2025-06-25TEV"),
        ("earlier Tuesday", "past", "2025-06-24"),
        ("later this week", "future", "2025-W26"),
    ],
)
def test_periods_named_by_their_role(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


def test_year_end_early_in_a_year_is_the_last_one() -> None:
    reading = normalise("year-end", dt.date(2025, 2, 10), tense="past")
    assert (reading.value, reading.mod) == ("2024", "END")
    assert normalise("year-end", dt.date(2025, 2, 10), tense="future").value == "2025"


def test_year_ago_early_in_a_year_is_the_last_quarter_of_two_years_back() -> None:
    assert value("the year-ago quarter", anchor=dt.date(2025, 2, 10)) == "2023-Q4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nineteen ninety-six", "1996"),
        ("in nineteen oh five", "1905"),
        ("January nineteen ninety-seven", "1997-01"),
        ("the winter of nineteen ninety-four", "1994-WI"),
        ("the year two thousand", "2000"),
        ("two thousand and three", "2003"),
        ("March eighth", "2025-03-08"),
        ("June the twenty-second", "2025-06-22"),
        ("the twenty-first of March", "2025-03-21"),
    ],
)
def test_dates_said_in_words(text: str, expected: str) -> None:
    """Broadcast transcripts write dates as they are said."""
    assert value(text) == expected


@pytest.mark.parametrize("text", ["two thousand years", "nineteen hundred people"])
def test_spoken_counts_are_no_years(text: str) -> None:
    assert value(text) not in {"2000", "1900"}


@pytest.mark.parametrize("text", ["eleven thirty", "twelve fifteen"])
def test_a_spoken_clock_time_is_no_year(text: str) -> None:
    assert value(text) not in {"1130", "1215"}
