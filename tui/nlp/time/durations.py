"""Rules for amounts of time: sets ("every Monday"), durations ("three weeks") and ordinal
periods."""

from __future__ import annotations

import datetime as dt
import re

from tui.nlp.time.calendar import parse_number, period
from tui.nlp.time.dates import _PART, _WEEKDAY
from tui.nlp.time.reading import Normalised, made
from tui.nlp.time.words import (
    _UNIT_WORD,
    APPROXIMATORS,
    ORDINALS,
    SET_WORDS,
    VAGUE_NUMBERS,
    WEEKDAYS,
)


def set_expression(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "every year", "annually", "weekly", "twice a week", "15 a year", "every Monday"."""
    if phrase in SET_WORDS:
        return made("SET", SET_WORDS[phrase])
    match = re.fullmatch(
        r"(?:(?P<lead>.+) )?(?P<q>every|each|per|a|an) "
        r"(?:(?P<other>other) )?(?:(?P<amount>\S+(?: and a half)?) )?(?P<unit>"
        + _UNIT_WORD
        + r")s?",
        phrase,
    )
    if match and _is_frequency(match["lead"], match["q"]):
        number = parse_number(match["amount"]) if match["amount"] else 1.0
        if number is None:
            return None
        if match["other"]:
            number *= 2
        return made("SET", period(number, match["unit"]))
    day = re.fullmatch(rf"(?:every|each) {_WEEKDAY}", phrase)
    if day:
        return made("SET", f"XXXX-WXX-{WEEKDAYS[day['weekday']] + 1}")
    part = re.fullmatch(rf"(?:every|each) {_PART}", phrase)
    if part:
        return made("SET", "P1D")
    return None


def _is_frequency(lead: str | None, quantifier: str) -> bool:
    """ "every year" alone, but "a year" only after a count: "twice a year", "15 a year"."""
    if lead is None:
        return quantifier in ("every", "each", "per")
    if lead in ("once", "twice", "thrice") or re.fullmatch(r"\S+ times", lead):
        return True
    return lead not in ("a", "an") and parse_number(lead) is not None


def duration(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "45 minutes", "two weeks" (P2W), "almost two and a half years", "the next six
    months", the "27-year" of "a 27-year contract", "several years" (PXY)."""
    mod = None
    for approx in sorted(APPROXIMATORS, key=len, reverse=True):
        if phrase.startswith(approx + " "):
            phrase, mod = phrase[len(approx) + 1 :], APPROXIMATORS[approx]
            break
    phrase = re.sub(
        r"^(?:the |a |an )?(?:next|past|last|previous|coming|following|first|final|"
        r"entire|whole|full|better part of the|remaining) ",
        "",
        phrase,
    )
    match = re.fullmatch(r"(?P<amount>.+?)[ -](?P<unit>" + _UNIT_WORD + r")s?(?:-long)?", phrase)
    if match is None:
        bare = re.fullmatch(r"(?:the )?(?P<unit>" + _UNIT_WORD + r")s", phrase)
        if bare and bare["unit"] not in ("sec", "min", "hr", "yr"):
            return made("DURATION", period(None, bare["unit"]), mod)
        return None
    amount = match["amount"].strip()
    if amount.startswith("the "):
        amount = amount[4:]
    if amount.endswith(" of"):
        amount = amount[:-3]
    if amount in VAGUE_NUMBERS:
        return made("DURATION", period(None, match["unit"]), mod)
    number = parse_number(amount)
    if number is None or (phrase.startswith("a ") and match["unit"] == "quarter"):
        return None
    return made("DURATION", period(number, match["unit"]), mod)


def ordinal_period(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "its fourth year", "the second day": counted from an event, so a date we cannot
    place on the calendar ("XXXX")."""
    match = re.fullmatch(
        r"(?:the |its |his |her |their |our |a )?(?P<ord>\w+?) (?P<unit>year|month|week|day)",
        phrase,
    )
    if not match:
        return None
    ordinal = match["ord"]
    if ordinal not in ORDINALS and not re.fullmatch(r"\d+(?:st|nd|rd|th)", ordinal):
        return None
    value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}
    return made("DATE", value[match["unit"]])
