"""Periods a text names by what they are to the writer, not by the calendar: the current or
fiscal year, year-end, the year-ago quarter of periodic reporting, a part of the day said
alone.

TIMEX3 gives each a value (the guidelines' "the fiscal year", "the end of the year" with
``mod="END"``, "this morning"); they are rules about English, each named for the phrase it
reads ("earlier Sunday", which reads another expression inside it, is with the driver in
:mod:`~tui.nlp.time.normalise`). Periodic reports (earnings, statistics) compare a period
with the same one a year before and publish after the period closes: "the year-ago
quarter" is the last quarter that ended before the publication day, a year back.
"""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.calendar import _day, shifted_quarter
from tui.nlp.time.dates import _PART
from tui.nlp.time.reading import Normalised, _relative, made
from tui.nlp.time.words import PARTS_OF_DAY, PAST

_THIS_YEAR = re.compile(
    r"(?:the |this )?(?:current |present )?(?:full |whole |entire )?(?:fiscal|financial|"
    r"calendar|full|current) year"
)
_LAST_YEAR = re.compile(r"(?:the )?(?:latest|last|previous|prior|past) (?:fiscal|financial) year")
_ONE_YEAR = re.compile(
    r"(?:a|an|one|another) (?:additional |extra |further |full |whole |fiscal |financial )+year"
)
_YEAR_END = re.compile(r"(?:the )?(?:year[- ]end|end[- ]of[- ](?:the[- ])?year)")
_YEAR_AGO = re.compile(
    r"(?:the )?year-(?:ago|earlier)(?: (?P<unit>quarter|period|level|month))?"
    r"|(?:the )?year (?:ago|earlier) (?P<spaced>quarter|period|level|month)"
)
"""The adjective of periodic reports ("the year-ago quarter"), not "a year ago" (a date)."""


def named_year(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the fiscal year", "the current fiscal year", "the full year" (the publication
    year), "the latest fiscal year" (the one before), "an additional year" (P1Y)."""
    if _THIS_YEAR.fullmatch(phrase):
        return _relative("DATE", anchor, lambda a: f"{a.year:04d}")
    if _LAST_YEAR.fullmatch(phrase):
        return _relative("DATE", anchor, lambda a: f"{a.year - 1:04d}")
    if _ONE_YEAR.fullmatch(phrase):
        return made("DURATION", "P1Y")
    return None


def year_end(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "year-end", "year end", "the end of the year": that year with END; the year before
    in a past clause early in a year ("sales fell at year-end", written in February)."""
    if not _YEAR_END.fullmatch(phrase):
        return None

    def value(a: dt.date) -> str:
        return f"{a.year - 1 if tense == PAST and a.month <= 3 else a.year:04d}"

    return _relative("DATE", anchor, value, "END")


def year_ago(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the year-ago quarter", "the year-earlier period", "year-earlier": the last quarter
    that ended before the publication day, a year back ("the year-ago month": that month's)."""
    match = _YEAR_AGO.fullmatch(phrase)
    if not match:
        return None

    def value(a: dt.date) -> str:
        if "month" in (match["unit"], match["spaced"]):
            previous = a.replace(day=1) - dt.timedelta(days=1)
            return f"{previous.year - 1:04d}-{previous.month:02d}"
        return shifted_quarter(a, -5)

    return _relative("DATE", anchor, value)


_LATEST_QUARTER = re.compile(r"the (?:latest|most recent|last reported) quarter")


def latest_quarter(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the latest quarter": the last quarter that ended before the publication day (a
    report publishes after its period closes)."""
    if not _LATEST_QUARTER.fullmatch(phrase):
        return None

    return _relative("DATE", anchor, lambda a: shifted_quarter(a, -1))


def part_of_day(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "morning", "the evening", "mid afternoon" said alone: that part of the day the text
    is about, the publication day unless another day is given."""
    match = re.fullmatch(rf"(?:the |in the )?(?P<mid>mid[- ]?)?{_PART}", phrase)
    if not match:
        return None
    part = PARTS_OF_DAY[match["part"]]
    return _relative("TIME", anchor, lambda a: _day(a) + part, "MID" if match["mid"] else None)
