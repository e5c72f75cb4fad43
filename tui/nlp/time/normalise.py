"""TIMEX3 values for English time expressions, relative to an article's publication date.

Pure string-and-calendar code (no spaCy), so every rule is testable on its own. News text
refers to time mostly relative to the day it was written: "on Tuesday", "in April", "last
month". Such expressions need the publication date (the *anchor*) and, when the calendar
allows two readings, the tense of the clause: "in September" is last September in a story
about what happened, next September in "will meet in September". Without a tense the news
default applies: the most recent such day, month or season, counting the current one.

Values follow TIMEX3 as the TimeML and MEANTIME guidelines use it: "2025-06-24",
"2025-04", "2025-W26", "2025-SU", "2025-Q1", "199" (the 1990s), "2025-06-25T10:39",
"2025-06-25TMO" (that morning), "P3D", "PT45M", "PXY" (some years), "PAST_REF",
"PRESENT_REF", "FUTURE_REF"; "X" marks an unknown digit ("XXXX-XX-XX": a day we cannot
place). Without an anchor a relative expression keeps its type but gets no value.

This module is the entry point (:func:`normalise`, :func:`recognises`) and the driver that
tries each rule in turn, with the rules that read another time expression inside theirs
(clock times on a day, positions and parts of a period). The other rules are in
:mod:`~tui.nlp.time.dates`, :mod:`~tui.nlp.time.relative` and :mod:`~tui.nlp.time.durations`;
the periods named by what they are to the writer (the fiscal year, year-end, the year-ago
quarter) in :mod:`~tui.nlp.time.periods`; the words in :mod:`~tui.nlp.time.words`, the
calendar arithmetic in :mod:`~tui.nlp.time.calendar`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from tui.nlp.time.calendar import _day, month_value, week_value
from tui.nlp.time.dates import (
    decade,
    full_date,
    holiday,
    iso_date,
    month_day,
    month_name,
    month_year,
    numeric_date,
    reference,
    year_number,
)
from tui.nlp.time.durations import duration, ordinal_period, set_expression
from tui.nlp.time.periods import latest_quarter, named_year, part_of_day, year_ago, year_end
from tui.nlp.time.reading import Normalised, _relative, made, with_mod, word_bounded
from tui.nlp.time.relative import (
    ago,
    anaphoric,
    day_word,
    quarter,
    relative_unit,
    season,
    weekday,
    weekend,
)
from tui.nlp.time.spoken import in_digits
from tui.nlp.time.words import APPROXIMATORS, POSITIONS, SIGNALS


def normalise(text: str, anchor: dt.date | None, *, tense: str | None = None) -> Normalised:
    """The TIMEX3 reading of ``text`` ("on Tuesday", "the summer", "45 minutes").

    ``anchor`` is the publication date; ``tense`` is "past", "present" or "future" (the
    clause's), which picks the year of a bare month or the week of a bare weekday.
    Unrecognised text is a DATE with no value.
    """
    found = _parse(text, anchor, tense)
    return found if found is not None else Normalised("DATE", None, None, False)


@lru_cache(maxsize=16384)
def recognises(text: str) -> bool:
    """Whether ``text`` reads as a time expression at all (with or without an anchor)."""
    return _parse(text, dt.date(2000, 1, 1), None) is not None


# ------------------------------------------------------------------------------ driver

_Recogniser = Callable[[str, dt.date | None, str | None], "Normalised | None"]


def _parse(text: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    phrase = _clean(text)
    phrase, signal_mod = _strip_signal(phrase)
    if not phrase:
        return None
    for recognise in _RECOGNISERS:
        found = recognise(phrase, anchor, tense)
        if found is not None:
            return with_mod(found, signal_mod) if signal_mod else found
    return None


def _clean(text: str) -> str:
    """Lower case, plain apostrophes and spaces, no possessive or trailing punctuation."""
    phrase = " ".join(text.replace("’", "'").replace("‘", "'").lower().split())
    phrase = re.sub(r" ([,.](?: |$))", r"\1", phrase)  # tokenised text: "June 24 , 1955"
    phrase = in_digits(phrase.strip(',;:!?"()[]“”'))
    if phrase.endswith(".") and not re.search(r"\b[ap]\.m\.$", phrase):
        phrase = phrase[:-1]
    return re.sub(r"(?:'s|s')$", lambda m: "s" if m.group() == "s'" else "", phrase).strip()


def _strip_signal(phrase: str) -> tuple[str, str | None]:
    """ "since March" is March with a SINCE modifier; "in April" is simply April."""
    if any(phrase.startswith(words + " ") for words in APPROXIMATORS if " " in words):
        return phrase, None  # "at least three weeks" starts with "at" but is no signal
    for signal in sorted(SIGNALS, key=len, reverse=True):
        if phrase.startswith(signal + " "):
            rest = phrase[len(signal) + 1 :]
            if signal == "over" and duration(rest, None, None) is not None:
                return phrase, None  # "over two years" is an approximate duration
            return rest, SIGNALS[signal]
    return phrase, None


_ZONE_WORDS = "utc|gmt|z|bst|cet|cest|est|edt|pst|pdt|cst|cdt|mst|mdt"
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?"
    r"(?:\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|o'clock|h))?"
    rf"(?:\s*(?P<zone>{_ZONE_WORDS}))?"
)
ZONES = {
    "utc": "Z",
    "gmt": "Z",
    "z": "Z",
    "bst": "+01:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "est": "-05:00",
    "edt": "-04:00",
    "cst": "-06:00",
    "cdt": "-05:00",
    "mst": "-07:00",
    "mdt": "-06:00",
    "pst": "-08:00",
    "pdt": "-07:00",
}


def clock_time(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "10:39 a.m." (on the anchor day), "18:00 UTC", "1639 UTC", "noon", "3 p.m. on
    Friday", "Friday at 3 p.m."."""
    military = re.fullmatch(
        rf"(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d) (?P<zone>{_ZONE_WORDS})", phrase
    )
    if military:
        clock = f"T{military['hour']}:{military['minute']}{ZONES[military['zone']]}"
        return _relative("TIME", anchor, lambda a: _day(a) + clock)
    match = None
    for found in _CLOCK.finditer(phrase):
        named = found.group("minute") or found.group("ampm") or found.group("zone")
        if named and found.group() and word_bounded(phrase, found.start(), found.end()):
            match = found
            break
    special = re.search(r"\b(noon|midday|midnight)\b", phrase)
    if match is None and special is None:
        return None
    if match is not None:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        ampm = (match["ampm"] or "").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        clock = f"T{hour:02d}:{minute:02d}" + ZONES.get(match["zone"] or "", "")
        rest = phrase[: match.start()] + " " + phrase[match.end() :]
    else:
        assert special is not None
        clock = "T24:00" if special.group(1) == "midnight" else "T12:00"
        rest = phrase[: special.start()] + " " + phrase[special.end() :]
    rest = re.sub(r"\b(?:at|on|of|in the|the|,)\b|,", " ", rest)
    rest = " ".join(rest.split())
    if not rest or rest in ("today", "this"):
        return _relative("TIME", anchor, lambda a: _day(a) + clock)
    day = _parse(rest, anchor, tense)
    if day is None or day.type != "DATE":
        return None
    if day.value is None:
        return made("TIME", None)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return None
    return made("TIME", day.value + clock)


def positioned(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "early 2009", "the end of June", "mid-March", "the beginning of the year": the
    period itself, with START, MID or END."""
    for words in sorted(POSITIONS, key=len, reverse=True):
        if re.match(re.escape(words) + r"[ -]\w", phrase):
            rest = phrase[len(words) + 1 :]
            if rest in ("the year", "the month", "the week", "the day"):
                rest = "this " + rest[4:]
            inner = _parse(rest, anchor, tense)
            if inner is None or inner.type not in ("DATE", "TIME"):
                return None
            return made(inner.type, inner.value, POSITIONS[words] or inner.mod)
    return None


def relative_day(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "earlier Sunday", "later this week": the day or period named after the word, which
    only places the event within it."""
    match = re.fullmatch(r"(?:earlier|later) (?P<rest>.+)", phrase)
    if not match:
        return None
    inner = _parse(match["rest"], anchor, tense)
    if inner is None or inner.type not in ("DATE", "TIME") or (inner.value or "").endswith("_REF"):
        return None
    return inner


_PART_OF = re.compile(
    r"the (?P<ord>first|second|third|fourth|last|final|opening|closing) "
    r"(?P<unit>days?|weeks?|months?) of (?P<rest>.+)"
)
_PART_ORDER = {"first": 1, "opening": 1, "second": 2, "third": 3, "fourth": 4}


def part_of_period(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the last week of March" (that week), "the first day of 2019" (that day), "the final
    days of 2019" (the year, END): a part of a month or a year the phrase names."""
    match = _PART_OF.fullmatch(phrase)
    if not match:
        return None
    inner = _parse(match["rest"], anchor, tense)
    if inner is None or inner.type != "DATE" or inner.value is None:
        return None
    period = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", inner.value)
    if period is None:
        return None
    year, month = int(period[1]), int(period[2]) if period[2] else None
    last = match["ord"] in ("last", "final", "closing")
    unit = match["unit"]
    if unit.endswith("s"):  # "the first days of May": the month's start
        return made("DATE", inner.value, "END" if last else "START")
    if unit == "month":
        if month is not None:
            return None
        return made("DATE", month_value(year, 12 if last else _PART_ORDER[match["ord"]]))
    first = dt.date(year, month or 1, 1)
    end = dt.date(year + (month or 12) // 12, (month or 12) % 12 + 1, 1) - dt.timedelta(days=1)
    if unit == "day":
        day = end if last else first + dt.timedelta(days=_PART_ORDER[match["ord"]] - 1)
        return made("DATE", _day(day))
    # a week is the calendar week holding most of its seven days ("the last week of March"
    # when March 31 is a Monday is the week before)
    if last:
        day = end - dt.timedelta(days=3)
    else:
        day = first + dt.timedelta(days=7 * (_PART_ORDER[match["ord"]] - 1) + 3)
    return made("DATE", week_value(day))


_RECOGNISERS: tuple[_Recogniser, ...] = (
    reference,
    iso_date,
    numeric_date,
    full_date,
    month_year,
    month_day,
    month_name,
    holiday,
    year_number,
    decade,
    day_word,
    weekday,
    relative_unit,
    weekend,
    season,
    quarter,
    named_year,
    year_ago,
    latest_quarter,
    ago,
    set_expression,
    clock_time,
    duration,
    part_of_period,
    ordinal_period,
    positioned,
    year_end,
    anaphoric,
    part_of_day,
    relative_day,
)
