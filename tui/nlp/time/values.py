"""Where a TIMEX3 value starts on the calendar, for ordering events on a timeline.

Kept apart from the engine so the reader's timeline can order events without importing it.
"""

from __future__ import annotations

import datetime as dt
import re

_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2})(?:-(\d{2}))?)?")
_PART_STARTS = {
    "SP": (3, 20),
    "SU": (6, 21),
    "FA": (9, 22),
    "WI": (12, 21),
    "Q1": (1, 1),
    "Q2": (4, 1),
    "Q3": (7, 1),
    "Q4": (10, 1),
    "H1": (1, 1),
    "H2": (7, 1),
}


def _calendar(value: str | None) -> tuple[str, str | None, str | None] | None:
    """A value's year, part (month, season, quarter, half, week) and day, as written."""
    match = _CALENDAR.match(value) if value else None
    return match.groups() if match else None  # type: ignore[return-value]


def time_start(value: str | None) -> dt.date | None:
    """The first day a TIMEX3 value covers ("2025-04" → 2025-04-01, "2025-SU" → the
    summer solstice, "2025-W26" → that week's Monday), for ordering on a timeline."""
    parts = _calendar(value)
    if parts is None:
        return None
    year, part, day = parts
    try:
        if part is None:
            return dt.date(int(year), 1, 1)
        if part in _PART_STARTS:
            month, first = _PART_STARTS[part]
            return dt.date(int(year), month, first)
        if part.startswith("W"):
            return dt.date.fromisocalendar(int(year), int(part[1:]), 1)
        return dt.date(int(year), int(part), int(day or 1))
    except ValueError:
        return None


def time_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a TIMEX3 value no longer than a month (a day, a time of
    day, a week or a month); None for longer or vaguer values, which say little about
    when something happened."""
    parts = _calendar(value)
    if parts is None:
        return None
    year, part, day = parts
    try:
        if part is None or part in _PART_STARTS:
            return None
        if part.startswith("W"):
            monday = dt.date.fromisocalendar(int(year), int(part[1:]), 1)
            return monday, monday + dt.timedelta(days=6)
        if day is not None:
            date = dt.date(int(year), int(part), int(day))
            return date, date
        first = dt.date(int(year), int(part), 1)
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    except ValueError:
        return None
