"""Dates said in words, as broadcast transcripts write them: "nineteen ninety-six", "two
thousand and three", "March eighth", "the twenty-first of June". :func:`in_digits`
rewrites them as the digits the date rules read ("1996", "2003", "March 8", "21st of
June"); nothing else in the phrase changes."""

from __future__ import annotations

import re

from tui.nlp.time.words import _SMALL_NUMBERS, _TENS, DAY_ORDINALS, MONTHS, NUMBER_WORDS

_UNIT = "|".join(_SMALL_NUMBERS[1:10])
_TEEN = "|".join(_SMALL_NUMBERS[10:])
_TWO_DIGITS = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_UNIT}))?|{_TEEN}|ten|oh (?:{_UNIT}))"
_CENTURY = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
"""The centuries a spoken year names; "eleven thirty", "twelve fifteen" are clock times."""
_NOT_A_COUNT = r"(?! (?:hundred|thousand|years?|months?|weeks?|days?|hours?|people|of)\b)"

_YEAR_OF_CENTURY = re.compile(
    rf"\b(?P<century>{_CENTURY})(?: hundred(?: and)?)? (?P<rest>{_TWO_DIGITS})\b{_NOT_A_COUNT}"
)
_HUNDRED = re.compile(rf"\b(?P<century>{_CENTURY}) hundred\b{_NOT_A_COUNT}")
_MILLENNIUM = re.compile(
    rf"\btwo thousand(?:(?: and)? (?P<rest>{_TWO_DIGITS}|{_UNIT}))?\b{_NOT_A_COUNT}"
)
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_ORDINAL = "|".join(sorted(DAY_ORDINALS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH}),? (?:the )?(?P<ord>{_ORDINAL})\b")
_DAY_OF_MONTH = re.compile(rf"\b(?:the )?(?P<ord>{_ORDINAL}) of (?P<month>{_MONTH})\b")


_SPOKEN = re.compile(r"teen|thousand|th\b|first|second|third")
"""A cheap test first: most phrases hold no spoken number at all."""


def _number(words: str) -> int:
    """ "ninety-six" → 96, "oh five" → 5, "seven" → 7."""
    words = words.replace("-", " ").removeprefix("oh ")
    return sum(NUMBER_WORDS[word] for word in words.split())


def _suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def in_digits(phrase: str) -> str:
    """``phrase`` (lower case) with its spoken years and month days in digits."""
    if not _SPOKEN.search(phrase):
        return phrase
    phrase = _YEAR_OF_CENTURY.sub(
        lambda m: str(NUMBER_WORDS[m["century"]] * 100 + _number(m["rest"])), phrase
    )
    phrase = _HUNDRED.sub(lambda m: str(NUMBER_WORDS[m["century"]] * 100), phrase)
    phrase = _MILLENNIUM.sub(lambda m: str(2000 + (_number(m["rest"]) if m["rest"] else 0)), phrase)
    phrase = _MONTH_DAY.sub(lambda m: f"{m['month']} {DAY_ORDINALS[m['ord']]}", phrase)
    return _DAY_OF_MONTH.sub(
        lambda m: f"{DAY_ORDINALS[m['ord']]}{_suffix(DAY_ORDINALS[m['ord']])} of {m['month']}",
        phrase,
    )
