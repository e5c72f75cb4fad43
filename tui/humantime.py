"""TIMEX3 values as a person writes them: "Tue 24 Jun 2025", "night of 13 Jan 2019", "June
2025"; and counts ("1 quote", "3 quotes").

The panes show these; the value itself ("2019-01-13TNI") stays in the detail line for those
who want it. Anything this does not recognise is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import re


def plural(count: int, noun: str) -> str:
    """ "1 quote", "3 quotes": a count with its noun, as a sentence would have it."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFERENCES = {"PAST_REF": "the past", "PRESENT_REF": "now", "FUTURE_REF": "the future"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "DE": "decade"}
_UNKNOWN = {
    "XXXX-XX-XX": "some day",
    "XXXX-WXX": "some week",
    "XXXX-XX": "some month",
    "XXXX": "some year",
    "XXX": "some decade",
}
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(?:(MO|AF|EV|NI|DT)|(\d{2}):(\d{2}))[^ ]*)?")


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def human_time(value: str | None) -> str:
    """``value`` for reading; "undated" for none."""
    if not value:
        return "undated"
    if value in _REFERENCES:
        return _REFERENCES[value]
    if value in _UNKNOWN:
        return _UNKNOWN[value]
    match = _DAY.fullmatch(value)
    if match:
        year, month, day, part, hour, minute = match.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError:
            return value
        if part:
            return f"{_PARTS[part]} of {date.day} {date:%b %Y}"
        if hour:
            return f"{_day(date)} {hour}:{minute}"
        return _day(date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = (int(p) for p in value.split("-"))
        if 1 <= month <= 12:
            return f"{dt.date(year, month, 1):%B} {year}"
        return value
    week = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if week:
        try:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:
            return value
        if week[3]:
            saturday = monday + dt.timedelta(days=5)
            return f"weekend of {saturday.day} {saturday:%b %Y}"
        return f"week of {monday.day} {monday:%b %Y}"
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if season:
        return f"{_SEASONS[season[2]]} {season[1]}"
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if quarter:
        return f"Q{quarter[2]} {quarter[1]}"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    duration = re.fullmatch(r"P(\d+|X)(DE|Y|M|W|D|H)", value)
    if duration:
        amount, unit = duration[1], _UNITS[duration[2]]
        if amount == "X":
            return f"{unit}s"
        return f"{amount} {unit}{'' if amount == '1' else 's'}"
    return value


def _calendar_day(value: str) -> dt.date | None:
    """The day of an ISO date or date-time, None for anything else (shown as it is)."""
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if value[10:11] == "T":
            return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


def listing_date(value: str | None) -> str:
    """An article's date for a list: "25 Jun 2025" (11 cells at most, so a column fits
    it); a value that is not an ISO date is shown as it is."""
    day = _calendar_day(value or "")
    return f"{day.day} {day:%b %Y}" if day else value or ""


def article_date(value: str | None) -> str:
    """An article's date at the head of the reader: "Wed 25 Jun 2025"."""
    day = _calendar_day(value or "")
    return _day(day) if day else value or ""
