"""Rules for dates written out: ISO and numeric dates, month and day, month and year, holidays,
years and decades."""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.calendar import _day, exists, month_value, safe_date, year_for
from tui.nlp.time.reading import Normalised, _relative, made
from tui.nlp.time.words import FULL_MONTHS, FUTURE, HOLIDAYS, MONTHS, PAST, REFERENCES, WEEKDAYS

# -------------------------------------------------------------------------- recognisers

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20|21)\d\d)"
_PART = r"(?P<part>morning|afternoon|evening|night)"


def reference(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "recently", "in recent weeks", "currently", "now", "in the future"."""
    value = REFERENCES.get(phrase)
    return None if value is None else made("DATE", value)


def iso_date(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "2010-06-08", "2010-06", "2010-06-08T10:39"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:t(\d{2}:\d{2}(?::\d{2})?)z?)?", phrase)
    if not match:
        return None
    year, month, day, clock = match.groups()
    if not 1 <= int(month) <= 12 or (day and not exists(int(year), int(month), int(day))):
        return None
    if clock:
        return made("TIME", f"{year}-{month}-{day}T{clock}")
    return made("DATE", f"{year}-{month}" + (f"-{day}" if day else ""))


def numeric_date(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "7/8/07", "25/06/2025": month first as in American news unless that cannot be."""
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", phrase)
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if year < 100:
        year += 2000 if year < 50 else 1900
    month, day = (first, second) if first <= 12 else (second, first)
    try:
        return made("DATE", _day(dt.date(year, month, day)))
    except ValueError:
        return None


def full_date(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "June 8, 2010", "8 June 2010", "Wednesday, June 25, 2025", "the 8th of June 2010"."""
    patterns = (
        rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}",
        rf"(?:{_WEEKDAY},? )?(?:the )?{_DAY} (?:of )?{_MONTH},? {_YEAR}",
    )
    for pattern in patterns:
        match = re.fullmatch(pattern, phrase)
        if match:
            year, month, day = int(match["year"]), MONTHS[match["month"]], int(match["day"])
            try:
                return made("DATE", _day(dt.date(year, month, day)))
            except ValueError:
                return None
    return None


def month_year(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "February 2022", "June of 2010", "June of this year"."""
    match = re.fullmatch(rf"{_MONTH},? (?:of )?{_YEAR}", phrase)
    if match:
        return made("DATE", month_value(int(match["year"]), MONTHS[match["month"]]))
    relative = re.fullmatch(rf"{_MONTH},? (?:of )?(?P<rel>this|last|next) year", phrase)
    if not relative:
        return None
    month = MONTHS[relative["month"]]
    shift = {"this": 0, "last": -1, "next": 1}[relative["rel"]]
    return _relative("DATE", anchor, lambda a: month_value(a.year + shift, month))


def month_day(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "June 18", "April 2nd", "the 18th of June", "Friday, June 27": the year from the
    anchor, the most recent such day unless the clause is about the future."""
    patterns = (
        rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}",
        rf"(?:{_WEEKDAY},? )?(?:the )?{_DAY} (?:of )?{_MONTH}",
    )
    for pattern in patterns:
        match = re.fullmatch(pattern, phrase)
        if match:
            month, day = MONTHS[match["month"]], int(match["day"])
            if not 1 <= day <= 31:
                return None

            def value(anchor: dt.date, month: int = month, day: int = day) -> str | None:
                year = year_for(anchor, month, day, tense)
                found = safe_date(year, month, day, -1 if tense != FUTURE else 1)
                return None if found is None else _day(found)

            return _relative("DATE", anchor, value)
    return None


def month_name(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "April", "last April", "next March", "this May"."""
    match = re.fullmatch(
        rf"(?P<rel>last|next|this|this past|this coming|coming)? ?{_MONTH}", phrase
    )
    if not match or (phrase == match["month"] and phrase not in FULL_MONTHS):
        return None  # "mar", "jun": an abbreviation alone is too ambiguous
    month = MONTHS[match["month"]]
    relation = {"this past": "last", "this coming": "next", "coming": "next"}.get(
        match["rel"] or "", match["rel"]
    )

    def value(anchor: dt.date) -> str:
        if relation == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif relation == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif relation == "this":
            year = anchor.year
        else:
            year = year_for(anchor, month, None, tense)
        return month_value(year, month)

    return _relative("DATE", anchor, value)


def holiday(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "Christmas", "New Year's Day 2020", "last Halloween"."""
    match = re.fullmatch(r"(?P<rel>last |next |this )?(?P<name>.+?)(?: (?P<year>\d{4}))?", phrase)
    if not match or match["name"] not in HOLIDAYS:
        return None
    month, day = HOLIDAYS[match["name"]]
    if match["year"]:
        return made("DATE", _day(dt.date(int(match["year"]), month, day)))
    rel = (match["rel"] or "").strip()

    def value(anchor: dt.date) -> str:
        year = year_for(anchor, month, day, {"last": PAST, "next": FUTURE}.get(rel, tense))
        return _day(dt.date(year, month, day))

    return _relative("DATE", anchor, value)


def year_number(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "2008", "the year 2008", "fiscal 2024"."""
    match = re.fullmatch(rf"(?:the year |fiscal (?:year )?|fy ?|calendar year )?{_YEAR}", phrase)
    return None if not match else made("DATE", match["year"])


def decade(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the 1990s" → 199, "the '80s" → 198, "the past decade" → the one before the anchor's,
    "the 20th century" → 19."""
    match = re.fullmatch(r"(?:the )?(?:(?P<full>1\d|20)(?P<d>\d)0|'?(?P<short>[1-9])0)'?s", phrase)
    if match:
        if match["full"]:
            return made("DATE", f"{match['full']}{match['d']}")
        return made("DATE", f"19{match['short']}")
    named = re.fullmatch(r"(?:the )?(twen|thir|for|fif|six|seven|eigh|nine)ties", phrase)
    if named:
        digit = "twen thir for fif six seven eigh nine".split().index(named.group(1)) + 2
        return made("DATE", f"19{digit}")
    century = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", phrase)
    if century:
        return made("DATE", f"{int(century.group(1)) - 1:02d}")
    relative = re.fullmatch(
        r"(?:the )?(?P<rel>this|last|past|previous|next|coming|current) (?P<unit>decade|century)",
        phrase,
    )
    if relative:
        shift = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(relative["rel"], -1)
        size = 10 if relative["unit"] == "decade" else 100
        return _relative("DATE", anchor, lambda a: f"{a.year // size + shift}")
    return None
