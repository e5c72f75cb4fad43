"""Date shifting: a piece's time expressions moved with its article's new publication date,
so relative times ("last Friday", "in March") keep their place relative to the article.
"""

from __future__ import annotations

import datetime as dt
import re

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$", re.DOTALL)
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})(.*)$", re.DOTALL)
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})(\D.*)?$", re.DOTALL)
_YEAR_VALUE = re.compile(r"^(\d{4})(-\D.*)?$", re.DOTALL)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def shift_value(value: str | None, original: dt.date, target: dt.date) -> str | None:
    """A TIMEX3 value moved as its article moves from ``original`` to ``target``.

    Days move by days, weeks by whole weeks, months by months and years (seasons,
    quarters, halves) by years, each measured between the two publication dates, so
    "last Friday" stays last week and "in March" stays in the same year relative to the
    article. Durations, ``PAST_REF`` and the like, and anything unparseable stay as they are.
    """
    if not value:
        return value
    try:
        if match := _DAY_VALUE.match(value):
            year, month, day, rest = match.groups()
            moved = dt.date(int(year), int(month), int(day)) + (target - original)
            return moved.isoformat() + rest
        if match := _WEEK_VALUE.match(value):
            year, week, rest = match.groups()
            weeks = (_monday(target) - _monday(original)).days // 7
            moved = dt.date.fromisocalendar(int(year), int(week), 1) + dt.timedelta(weeks=weeks)
            iso = moved.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}{rest}"
        if (match := _MONTH_VALUE.match(value)) and 1 <= int(match.group(2)) <= 12:
            year, month, rest = match.groups()
            months = (target.year - original.year) * 12 + target.month - original.month
            new_year, new_month = _add_months(int(year), int(month), months)
            return f"{new_year:04d}-{new_month:02d}{rest or ''}"
        if match := _YEAR_VALUE.match(value):
            year, rest = match.groups()
            return f"{int(year) + target.year - original.year:04d}{rest or ''}"
    except (ValueError, OverflowError):
        return value
    return value


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
