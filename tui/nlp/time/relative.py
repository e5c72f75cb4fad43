"""Rules for time relative to the anchor: today, weekdays, last/next units, weekends, seasons,
quarters, "… ago" and anaphoric phrases."""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.calendar import (
    _day,
    add_months,
    month_value,
    parse_number,
    period,
    period_year,
    season_of,
    shifted_quarter,
    week_value,
    weekday_date,
)
from tui.nlp.time.dates import _PART, _WEEKDAY, _YEAR
from tui.nlp.time.reading import Normalised, _relative, made
from tui.nlp.time.words import (
    _SEASON_ORDER,
    _UNIT_WORD,
    APPROXIMATORS,
    FUTURE,
    ORDINALS,
    PARTS_OF_DAY,
    PAST,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)


def day_word(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "today", "earlier today", "yesterday", "tomorrow", "tonight", "last night", "this
    morning", "yesterday afternoon", "the day before yesterday"."""
    days = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    # "earlier today", "later tomorrow": still that day
    phrase = re.sub(r"^(?:earlier|later|early|late) (?=today|yesterday|tomorrow)", "", phrase)
    if phrase in days:
        return _relative("DATE", anchor, lambda a: _day(a + dt.timedelta(days=days[phrase])))
    if phrase == "tonight" or phrase == "overnight":
        return _relative("TIME", anchor, lambda a: _day(a) + "TNI")
    if phrase == "last night":
        return _relative("TIME", anchor, lambda a: _day(a - dt.timedelta(days=1)) + "TNI")
    match = re.fullmatch(
        rf"(?P<which>this|today|yesterday|tomorrow|early this|late this|later this|earlier this)"
        rf" {_PART}",
        phrase,
    )
    if not match:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(match["which"], 0)
    part = PARTS_OF_DAY[match["part"]]
    mod = "START" if match["which"].startswith("early") else None
    mod = "END" if match["which"].startswith("late ") else mod
    return _relative("TIME", anchor, lambda a: _day(a + dt.timedelta(days=shift)) + part, mod)


def weekday(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "Tuesday", "last Friday", "next Monday", "Friday morning": the most recent such day
    (today included) unless the clause is about the future."""
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|this past|this coming|coming|past)? ?{_WEEKDAY}(?: {_PART})?",
        phrase,
    )
    if not match:
        return None
    if phrase == match["weekday"] and not phrase.endswith("day"):
        return None  # "sun", "wed": an abbreviation alone is too ambiguous
    number = WEEKDAYS[match["weekday"]]
    relation = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(
        match["rel"] or "", match["rel"] or ""
    )
    part = PARTS_OF_DAY.get(match["part"] or "", "")

    def value(anchor: dt.date) -> str:
        return _day(weekday_date(anchor, number, tense, relation)) + part

    return _relative("TIME" if part else "DATE", anchor, value)


_RELATIVE_UNIT = re.compile(
    r"(?:the )?(?P<pos>early |earlier |late |later |mid-?|the end of |the beginning of )?"
    r"(?P<rel>this|last|next|past|previous|coming|following|current|the same) "
    r"(?P<unit>week|weekend|month|year|quarter)"
)


def relative_unit(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "this year", "last month", "next week" (2025-W27), "earlier this month", "late last
    year" (with END), "this weekend" (2025-W26-WE), "the coming year"."""
    match = _RELATIVE_UNIT.fullmatch(phrase)
    if not match:
        return None
    if (
        phrase.startswith("the ")
        and match["rel"] in ("past", "last", "previous", "coming")
        and match["unit"] in ("week", "month", "year")
        and not match["pos"]
    ):
        return made("DURATION", period(1, match["unit"]))  # "the past year": a stretch
    if match["rel"] in ("following", "the same"):
        return made("DATE", None)  # anaphoric: relative to another event, not the anchor
    shift = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(match["rel"], -1)
    pos = (match["pos"] or "").strip()
    mod = {"early": "START", "late": "END", "the end of": "END", "the beginning of": "START"}.get(
        pos
    ) or ("MID" if pos.startswith("mid") else None)
    unit = match["unit"]

    def value(a: dt.date) -> str:
        if unit == "year":
            return f"{a.year + shift:04d}"
        if unit == "month":
            return month_value(*add_months(a.year, a.month, shift))
        if unit == "quarter":
            return shifted_quarter(a, shift)
        week = week_value(a + dt.timedelta(weeks=shift))
        return week + ("-WE" if unit == "weekend" else "")

    return _relative("DATE", anchor, value, mod)


def weekend(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the weekend": the last one in a past clause, the coming one in a future clause."""
    if phrase not in ("the weekend", "weekend"):
        return None

    def value(a: dt.date) -> str:
        if tense == FUTURE or a.weekday() >= 5:
            return week_value(a) + "-WE"
        return week_value(a - dt.timedelta(weeks=1)) + "-WE"

    return _relative("DATE", anchor, value)


def season(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the summer" (2025-SU), "last winter", "summer 2024", "the spring of 2010"."""
    match = re.fullmatch(
        r"(?:the )?(?P<rel>this|last|next|this past|this coming|coming|past)? ?"
        r"(?P<pos>early |late |mid-?)?(?P<season>spring|summer|autumn|fall|winter)"
        rf"(?:,? (?:of )?{_YEAR})?",
        phrase,
    )
    if not match or (match["season"] == "fall" and phrase == "fall"):
        return None
    code = SEASONS[match["season"]]
    pos = (match["pos"] or "").strip()
    mod = {"early": "START", "late": "END"}.get(pos) or ("MID" if pos.startswith("mid") else None)
    if match["year"]:
        return made("DATE", f"{match['year']}-{code}", mod)
    relation = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(
        match["rel"] or "", match["rel"] or ""
    )
    target = _SEASON_ORDER.index(code)

    def value(a: dt.date) -> str:
        year, current = season_of(a)
        if relation == "last":
            year += 0 if target < current else -1
        elif relation == "next":
            year += 0 if target > current else 1
        elif relation == "this":
            pass
        elif tense == PAST:
            year += -1 if target > current else 0
        elif tense == FUTURE:
            year += 1 if target < current else 0
        return f"{year:04d}-{code}"

    return _relative("DATE", anchor, value, mod)


def quarter(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "Q1", "Q3 2024", "the first quarter", "third-quarter", "the second half of 2024"."""
    short = re.fullmatch(rf"q(?P<n>[1-4])(?: {_YEAR})?", phrase) or re.fullmatch(
        rf"{_YEAR} q(?P<n>[1-4])", phrase
    )
    if short:
        number, part, year = int(short["n"]), "Q", short["year"]
    else:
        long = re.fullmatch(
            r"(?:the )?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]"
            rf"(?P<unit>quarter|half)(?: of (?:{_YEAR}|(?P<rel>this|last|next) year|the year))?",
            phrase,
        )
        if not long:
            return None
        ordinal = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(long["ord"]) or ORDINALS.get(
            long["ord"], 0
        )
        part = "Q" if long["unit"] == "quarter" else "H"
        if long["ord"] == "final":
            ordinal = 4 if part == "Q" else 2
        if part == "H" and ordinal > 2:
            return None
        number, year = ordinal, long["year"]
        if long["rel"]:
            shift = {"this": 0, "last": -1, "next": 1}[long["rel"]]
            return _relative("DATE", anchor, lambda a: f"{a.year + shift:04d}-{part}{number}")
    if year:
        return made("DATE", f"{year}-{part}{number}")
    months = 3 if part == "Q" else 6

    def value(a: dt.date) -> str:
        year = period_year(a, months * (number - 1) + 1, months, tense, reported=True)
        return f"{year:04d}-{part}{number}"

    return _relative("DATE", anchor, value)


def ago(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "three days ago" (a date), "two years ago" (a year), "years ago" (PAST_REF);
    "two days later" is relative to another event, so no value."""
    match = re.fullmatch(
        r"(?P<amount>.+?)[ -](?P<unit>"
        + _UNIT_WORD
        + r")s? (?P<dir>ago|earlier|before|later|after|from now|hence)",
        phrase,
    )
    bare = re.fullmatch(r"(?P<unit>" + _UNIT_WORD + r")s (?P<dir>ago|earlier|later)", phrase)
    if bare:
        if bare["dir"] == "ago":
            return made("DATE", "PAST_REF")
        return made("DATE", None)
    if not match:
        return None
    amount = re.sub(r"^(?:just|only|barely|some) ", "", match["amount"])
    number = parse_number(amount) if amount not in VAGUE_NUMBERS else None
    mod = None
    if number is None:
        approx = next((a for a in APPROXIMATORS if amount.startswith(a + " ")), None)
        if approx:
            number = parse_number(amount[len(approx) + 1 :])
            mod = APPROXIMATORS[approx]
    if match["dir"] in ("earlier", "before", "later", "after"):
        return made("DATE", None, mod)
    sign = -1 if match["dir"] == "ago" else 1
    if number is None or number != int(number):
        return made("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    count = int(number) * sign
    letter, clock, multiple = UNITS[match["unit"]]
    count *= multiple

    def value(a: dt.date) -> str:
        if letter == "D" or clock:
            return _day(a + dt.timedelta(days=count if not clock else 0))
        if letter == "W":
            return week_value(a + dt.timedelta(weeks=count))
        if letter == "M":
            return month_value(*add_months(a.year, a.month, count))
        if letter == "Q":
            return month_value(*add_months(a.year, a.month, 3 * count))
        if letter == "Y":
            return f"{a.year + count:04d}"
        if letter == "DE":
            return f"{(a.year + 10 * count) // 10}"
        return f"{(a.year + 100 * count) // 100:02d}"

    return _relative("DATE", anchor, value, mod)


_ANAPHORIC = re.compile(
    r"(?:that|that same|the same|the next|the following|the previous|the preceding|the prior|"
    r"a later|an earlier) (?P<unit>day|week|month|year|time|night|morning|afternoon|evening"
    r"|quarter)"
    r"|the quarter"
)


def anaphoric(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "that day", "the next day", "a later time", "the quarter" (of a periodic report):
    placed by another event, not by the anchor, so recognised but with no calendar value
    ("a later time" is "some day")."""
    match = _ANAPHORIC.fullmatch(phrase)
    if not match:
        return None
    if match["unit"] in PARTS_OF_DAY:
        return made("TIME", None)
    return made("DATE", "XXXX-XX-XX" if match["unit"] == "time" else None)
