"""Time expressions that refer back to a time the article already gave.

"On March 3 the plant closed. The same day, workers protested": *the same day* is March 3,
not the publication day. TIMEX3 calls these anaphoric (the guidelines' "that day", "the
next day", "the previous year", "two years earlier"): their value is computed from the
*reference time*, the last calendar point the text mentioned before them, and from the
publication date when the text has mentioned none. :func:`resolve` gives the value;
:func:`reference_point` says which values can serve as a reference.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.calendar import add_months, parse_number, quarter_of
from tui.nlp.time.words import _UNIT_WORD, PARTS_OF_DAY, UNITS, VAGUE_NUMBERS

_SAME = r"that|that same|the same|this same|the|later that|earlier that|later in the|earlier in the"
_NEXT = r"the next|the following|the subsequent"
_PREVIOUS = r"the previous|the preceding|the prior"
_UNIT = r"day|week|month|quarter|year|decade|morning|afternoon|evening|night"
_BACK = re.compile(rf"(?P<rel>{_SAME}|{_NEXT}|{_PREVIOUS}) (?P<unit>{_UNIT})")
_SHIFTED = re.compile(
    rf"(?P<amount>.+?)[ -](?P<unit>{_UNIT_WORD})s? (?P<dir>earlier|before|later|after)"
)
_YEAR_BACK = re.compile(r"(?:a|one) year (?:ago|earlier|before)|(?:the )?year-(?:ago|earlier)")
"""A comparison with the year before ("up from $3 million a year ago"): in a report about a
quarter it means that quarter a year back, and it never moves the reference time."""
_BARE_PART = re.compile(rf"(?:in the )?(?P<unit>{'|'.join(PARTS_OF_DAY)})")
"""A part of the day said alone ("in the morning"): of the day the text is about."""
_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4]))?(?:T.*)?")


_UNKNOWN = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX"}
"""TIMEX3's values for a day, week, month, year or decade that is not known."""


def _text(phrase: str) -> str:
    """The phrase as the patterns read it: a bare part of the day as "the morning"."""
    text = phrase.lower().strip()
    bare = _BARE_PART.fullmatch(text)
    return f"the {bare['unit']}" if bare else text


def is_anaphoric(phrase: str) -> bool:
    """Whether the phrase is placed by an earlier time, not by the publication date."""
    text = _text(phrase)
    return bool(_BACK.fullmatch(text) or _SHIFTED.fullmatch(text))


def compares(phrase: str) -> bool:
    """Whether the phrase compares with the year before rather than moving the story on."""
    return bool(_YEAR_BACK.fullmatch(phrase.lower().strip()))


def year_back(report_quarter: str) -> str:
    """ "a year ago" in a report about a quarter: that quarter the year before."""
    return _shift(report_quarter, "Y", -1)


def is_period_phrase(phrase: str) -> bool:
    """Whether the phrase names the quarter a report is about ("the quarter")."""
    back = _BACK.fullmatch(_text(phrase))
    return bool(back and back["unit"] == "quarter")


def reference_point(value: str | None) -> str | None:
    """A value that can be the reference time ("2019-03-03", "2019-W10", "2019-03",
    "2019-Q3", "2019", a clock time's day), or None for a duration, a set or a vague
    reference."""
    if value is None:
        return None
    match = _POINT.fullmatch(value)
    if match is None:
        return None
    year, month, day, week, quarter = match.groups()
    if week:
        return f"{year}-W{week}"
    if quarter:
        return f"{year}-Q{quarter}"
    if day:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}" if month else year


def _level(reference: str) -> str:
    """The reference's granularity: D, W, M, Q or Y."""
    if "-W" in reference:
        return "W"
    if "-Q" in reference:
        return "Q"
    return {10: "D", 7: "M", 4: "Y"}.get(len(reference), "Y")


def _first_day(reference: str) -> dt.date:
    if "-W" in reference:
        year, week = reference.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if "-Q" in reference:
        year, quarter = reference.split("-Q")
        return dt.date(int(year), 3 * int(quarter) - 2, 1)
    parts = [int(p) for p in reference.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _at(day: dt.date, level: str) -> str:
    """The calendar unit holding ``day`` at a granularity (D, W, M, Y, DE)."""
    if level == "D":
        return day.isoformat()
    if level == "W":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if level == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if level == "Q":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if level == "DE":
        return f"{day.year // 10:03d}"
    return f"{day.year:04d}"


def _shift(reference: str, unit: str, count: int) -> str:
    """``reference`` moved by ``count`` units, at the finer of the two granularities the
    reference can carry ("2019-03-03" + 2 years is "2021": the unit's granularity). A
    quarter moved by whole quarters stays a quarter: "a year earlier" after "the third
    quarter" is the third quarter of the year before, as periodic reports compare."""
    day = _first_day(reference)
    order = "DWMQY"
    level = _level(reference)
    months = {"M": count, "Y": 12 * count}.get(unit)
    if level == "Q" and months is not None and months % 3 == 0:
        return _at(dt.date(*add_months(day.year, day.month, months), 1), "Q")
    if unit == "DE":
        return _at(dt.date(day.year + 10 * count, 1, 1), "DE")
    if order.index(unit) < order.index(level):
        # "the next day" after "in March": the day is unknown; the month's first day moved
        # by as many days gives the month (or the next) at the reference's granularity
        days = {"D": 1, "W": 7, "M": 30}[unit] * count
        return _at(day + dt.timedelta(days=days), level)
    if unit == "D":
        return _at(day + dt.timedelta(days=count), "D")
    if unit == "W":
        return _at(day + dt.timedelta(weeks=count), "W")
    if unit == "M":
        return _at(dt.date(*add_months(day.year, day.month, count), 1), "M")
    return _at(dt.date(day.year + count, 1, 1), "Y")


def _unit_letter(word: str) -> tuple[str, int] | None:
    """A unit word as (D, W, M, Y or DE, multiple): "fortnight" is two weeks."""
    if word in PARTS_OF_DAY:
        return "D", 1
    entry = UNITS.get(word.rstrip("s")) or UNITS.get(word)
    if entry is None:
        return None
    letter, clock, multiple = entry
    if clock:
        return "D", 0
    if letter == "Q":
        return "M", 3 * multiple
    if letter in {"D", "W", "M", "Y", "DE"}:
        return letter, multiple
    return None  # centuries, millennia: far beyond what a reference anchors


def resolve(phrase: str, reference: str) -> tuple[str, str] | None:
    """(type, value) of an anaphoric phrase against the reference time, or None when the
    phrase is no such expression (or names an amount that is no number)."""
    text = _text(phrase)
    back = _BACK.fullmatch(text)
    if back:
        unit = back["unit"]
        found = _unit_letter(unit)
        if found is None:
            return None
        letter, _ = found
        rel = back["rel"]
        count = 1 if re.fullmatch(_NEXT, rel) else -1 if re.fullmatch(_PREVIOUS, rel) else 0
        if unit == "quarter":
            # "the quarter", "the latest quarter" of a report: the quarter it is about
            if _level(reference) == "Y":
                return "DATE", f"{reference}-QX"
            return "DATE", _at(_first_day(_shift(reference, "M", 3 * count)), "Q")
        value = _shift(reference, letter, count)
        if unit in PARTS_OF_DAY:
            if _level(reference) != "D":
                return "TIME", value
            return "TIME", f"{value}{PARTS_OF_DAY[unit]}"
        return "DATE", value
    shifted = _SHIFTED.fullmatch(text)
    if shifted:
        amount = re.sub(r"^(?:just|only|some|about|around|nearly|almost) ", "", shifted["amount"])
        number = None if amount in VAGUE_NUMBERS else parse_number(amount)
        found = _unit_letter(shifted["unit"])
        if found is None:
            return None
        letter, multiple = found
        if number is None or number != int(number):
            # "a few days later": some day after the reference, which one unknown
            return "DATE", _UNKNOWN[letter]
        sign = -1 if shifted["dir"] in {"earlier", "before"} else 1
        return "DATE", _shift(reference, letter, sign * int(number) * multiple)
    return None
