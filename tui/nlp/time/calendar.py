"""Calendar arithmetic on the anchor date and the numbers written in time expressions."""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.words import FUTURE, NUMBER_WORDS, PAST, PRESENT, UNITS

# ------------------------------------------------------------------------ calendar math


def _day(d: dt.date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shifted_quarter(d: dt.date, shift: int) -> str:
    """The quarter ``shift`` quarters from the one holding ``d`` ("2019-Q3")."""
    year, month = add_months(d.year, (quarter_of(d) - 1) * 3 + 1, 3 * shift)
    return f"{year:04d}-Q{quarter_of(dt.date(year, month, 1))}"


def season_of(d: dt.date) -> tuple[int, int]:
    """(year, index into SP SU FA WI); January and February belong to last year's winter."""
    if d.month in (1, 2):
        return d.year - 1, 3
    return d.year, (d.month - 3) // 3


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


NEAR_DAYS = 45
"""How far from the publication day a date or a period may lie on the other side of its
clause's tense: a past-tense clause gives deadlines and plans to come ("extended the offer
to Nov. 20", "told oil companies of a cutback in September"), and a clause read as future
may hold a date just past ("as laid down by the Feb. 23 accord") or the quarter a report
to come is about ("expects to report a loss for the third quarter", in October); farther
off, the tense decides."""


def period_year(
    anchor: dt.date, first_month: int, months: int, tense: str | None, *, reported: bool = False
) -> int:
    """The year of a month, quarter or half named without one ("in April", "the third
    quarter"): the one holding the anchor; else the one on the tense's side (the past when
    no tense is given: news reports what happened; the nearer for the present). A month
    that begins within :data:`NEAR_DAYS` is the one a past clause plans; a ``reported``
    period (a quarter, a half: reports follow its close) that ended within them is the one
    a future clause reports on."""

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, first_month, 1), dt.date(*add_months(year, first_month, months), 1)

    start, end = bounds(anchor.year)
    if start <= anchor < end:
        return anchor.year
    before = anchor.year if end <= anchor else anchor.year - 1
    after = anchor.year if start > anchor else anchor.year + 1
    gap_before = (anchor - bounds(before)[1]).days + 1
    gap_after = (bounds(after)[0] - anchor).days
    if tense == FUTURE:
        return before if reported and gap_before <= NEAR_DAYS else after
    if tense == PRESENT:
        return after if gap_after < gap_before else before
    return after if not reported and gap_after <= NEAR_DAYS else before


def year_for(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of "June 18" or "in April", read from the anchor and the tense. A day
    is the one on the tense's side of the publication day (the nearest without a tense),
    unless the one on the other side lies within :data:`NEAR_DAYS`."""
    if day is None:
        return period_year(anchor, month, 1, tense)
    before = anchor.year if _on(anchor.year, month, day) <= anchor else anchor.year - 1
    after = anchor.year if _on(anchor.year, month, day) >= anchor else anchor.year + 1
    gap_before = (anchor - _on(before, month, day)).days
    gap_after = (_on(after, month, day) - anchor).days
    if tense == PAST:
        return after if gap_after <= NEAR_DAYS else before
    if tense == FUTURE:
        return before if gap_before <= NEAR_DAYS else after
    return after if gap_after < gap_before else before


def _on(year: int, month: int, day: int) -> dt.date:
    """That month and day in ``year`` (February 29 as the 28th when there is none)."""
    return dt.date(year, month, day if exists(year, month, day) else 28)


def exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def safe_date(year: int, month: int, day: int, step: int) -> dt.date | None:
    """The date, moving ``step`` years while it does not exist (February 29)."""
    for _ in range(8):
        if exists(year, month, day):
            return dt.date(year, month, day)
        year += step
    return None


def weekday_date(anchor: dt.date, weekday: int, tense: str | None, relation: str) -> dt.date:
    """The date of a weekday: "last", "next", "this", or as the tense reads it."""
    delta = weekday - anchor.weekday()
    if relation == "this":
        return anchor + dt.timedelta(days=delta)
    if relation == "last":
        return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7 or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    forward = delta % 7
    backward = (-delta) % 7
    if tense == FUTURE:
        return anchor + dt.timedelta(days=forward)
    if tense == PRESENT and forward < backward:
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=backward)


# ------------------------------------------------------------------------------ numbers


def parse_number(words: str) -> float | None:
    """ "two and a half" → 2.5, "twenty-five" → 25, "1,000" → 1000; None if not a number."""
    words = words.strip().replace("-", " ")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    half = re.fullmatch(r"(.+?) and a half", words)
    if half:
        whole = parse_number(half.group(1))
        return None if whole is None else whole + 0.5
    if words in ("half a", "half an", "a half"):
        return 0.5
    parts = words.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens % 10 == 0 and tens >= 20 and 0 < ones < 10:
            return float(tens + ones)
    return None


def _amount(number: float | None) -> str:
    if number is None:
        return "X"
    return str(int(number)) if number == int(number) else f"{number:g}"


def period(number: float | None, unit: str) -> str | None:
    """A TIMEX3 duration: P3D, PT45M, P2.5Y, PXY; quarters are three months."""
    letter, clock, multiple = UNITS[unit]
    if number is not None:
        number *= multiple
    if letter == "Q":
        letter = "M"
        number = None if number is None else number * 3
    return f"{'PT' if clock else 'P'}{_amount(number)}{letter}"
