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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

PAST, PRESENT, FUTURE = "past", "present", "future"


@dataclass(frozen=True, slots=True)
class Normalised:
    """A TIMEX3 reading: ``resolved`` is False when ``value`` is missing or still has
    unknown ("X") parts, so callers can tell a placed date from a guess."""

    type: str
    value: str | None
    mod: str | None = None
    resolved: bool = True


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


# ------------------------------------------------------------------------------ lexicon

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
FULL_MONTHS = frozenset(name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july"))
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
PARTS_OF_DAY: dict[str, str] = {
    "morning": "TMO",
    "afternoon": "TAF",
    "evening": "TEV",
    "night": "TNI",
}
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS: dict[str, int] = (
    {word: n for n, word in enumerate(_SMALL_NUMBERS)}
    | {word: 10 * n for n, word in enumerate(_TENS, start=2)}
    | {"a": 1, "an": 1, "a single": 1, "a couple of": 2, "couple of": 2, "a dozen": 12}
    | {"dozen": 12, "a hundred": 100, "hundred": 100}
)
VAGUE_NUMBERS = frozenset(
    ("several", "few", "a few", "some", "many", "a number of", "numerous", "a couple")
)
ORDINALS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        start=1,
    )
}
# unit word -> (TIMEX3 letter, is a clock unit, how many of the letter one unit is)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1),
    "sec": ("S", True, 1),
    "minute": ("M", True, 1),
    "min": ("M", True, 1),
    "hour": ("H", True, 1),
    "hr": ("H", True, 1),
    "day": ("D", False, 1),
    "night": ("D", False, 1),
    "week": ("W", False, 1),
    "fortnight": ("W", False, 2),
    "month": ("M", False, 1),
    "quarter": ("Q", False, 1),
    "year": ("Y", False, 1),
    "yr": ("Y", False, 1),
    "decade": ("DE", False, 1),
    "century": ("CE", False, 1),
    "centurie": ("CE", False, 1),
    "millennium": ("ML", False, 1),
}
_UNIT_WORD = (
    r"(?:second|sec|minute|min|hour|hr|day|night|week|fortnight|month|quarter|year|yr|decade|"
    r"centur(?:y|ie)|millennium)"
)
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
    "bastille day": (7, 14),
    "halloween": (10, 31),
}
PAST_WORDS = (
    "recently", "lately", "previously", "formerly", "earlier", "past", "the past",
    "the recent past", "the distant past", "recent days", "recent weeks", "recent months",
    "recent years", "recent times",
)  # fmt: skip
PRESENT_WORDS = (
    "currently", "now", "right now", "just now", "present", "the present", "presently",
    "nowadays", "these days", "the moment", "the present day",
)  # fmt: skip
FUTURE_WORDS = (
    "future", "the future", "the near future", "the distant future", "soon", "shortly",
    "coming days", "coming weeks", "coming months", "coming years", "the coming days",
    "the coming weeks", "the coming months", "the coming years", "the days ahead",
    "the weeks ahead", "the months ahead", "the years ahead", "the weeks to come",
    "the months to come", "the years to come",
)  # fmt: skip
REFERENCES: dict[str, str] = (
    dict.fromkeys(PAST_WORDS, "PAST_REF")
    | dict.fromkeys(PRESENT_WORDS, "PRESENT_REF")
    | dict.fromkeys(FUTURE_WORDS, "FUTURE_REF")
)
SET_WORDS: dict[str, str] = {
    "annually": "P1Y",
    "annual": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P3M",
    "monthly": "P1M",
    "fortnightly": "P2W",
    "biweekly": "P2W",
    "weekly": "P1W",
    "daily": "P1D",
    "nightly": "P1D",
    "hourly": "PT1H",
}
# A leading preposition is the signal, outside the TIMEX3 span; a few carry a modifier.
SIGNALS: dict[str, str | None] = {
    "since": "SINCE",
    "before": "BEFORE",
    "after": "AFTER",
    "by": "ON_OR_BEFORE",
    "in": None,
    "on": None,
    "at": None,
    "during": None,
    "from": None,
    "for": None,
    "of": None,
    "as of": None,
    "until": None,
    "till": None,
    "through": None,
    "throughout": None,
    "within": None,
    "over": None,
    "into": None,
    "as early as": None,
    "as late as": None,
    "as recently as": None,
}
APPROXIMATORS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}
POSITIONS: dict[str, str | None] = {
    "earlier in": None,
    "later in": None,
    "early in": "START",
    "late in": "END",
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "the dawn of": "START",
    "mid": "MID",
    "the middle of": "MID",
    "late": "END",
    "the end of": "END",
    "the close of": "END",
}


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
            return _with_mod(found, signal_mod) if signal_mod else found
    return None


def _clean(text: str) -> str:
    """Lower case, plain apostrophes and spaces, no possessive or trailing punctuation."""
    phrase = " ".join(text.replace("’", "'").replace("‘", "'").lower().split())
    phrase = re.sub(r" ([,.](?: |$))", r"\1", phrase)  # tokenised text: "June 24 , 1955"
    phrase = phrase.strip(',;:!?"()[]“”')
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


def _with_mod(found: Normalised, mod: str | None) -> Normalised:
    return Normalised(found.type, found.value, mod or found.mod, found.resolved)


def _made(kind: str, value: str | None, mod: str | None = None) -> Normalised:
    """A reading; a SET is resolved whenever it has a value ("every Monday" is XXXX-WXX-1)."""
    resolved = value is not None and (kind == "SET" or "X" not in value)
    return Normalised(kind, value, mod, resolved)


def _relative(
    kind: str,
    anchor: dt.date | None,
    value: Callable[[dt.date], str | None],
    mod: str | None = None,
) -> Normalised:
    """A reading whose value needs the anchor: with none, the type survives alone."""
    return _made(kind, None if anchor is None else value(anchor), mod)


# ------------------------------------------------------------------------ calendar math


def _day(d: dt.date) -> str:
    return d.isoformat()


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week_value(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _season_of(d: dt.date) -> tuple[int, int]:
    """(year, index into SP SU FA WI); January and February belong to last year's winter."""
    if d.month in (1, 2):
        return d.year - 1, 3
    return d.year, (d.month - 3) // 3


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _cycle_shift(current: int, target: int, size: int, tense: str | None) -> int:
    """Cycles (years, say) to move so that ``target`` (a month, a quarter: a position in a
    cycle of ``size``) is the most recent one counting the current (past tense, or none
    given: news reports what happened), the next one counting the current (future), or
    the nearest (present; a tie goes to the past)."""
    if tense == FUTURE:
        return 0 if target >= current else 1
    if tense == PRESENT:
        back, ahead = (current - target) % size, (target - current) % size
        if ahead < back:
            return 0 if target >= current else 1
    return 0 if target <= current else -1


def _year_for(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of "June 18" or "in April", read from the anchor and the tense. A day
    is the nearest one, whatever the tense: news gives deadlines and dates to come in
    past-tense sentences ("extended the offer to Nov. 20", "asked it to respond by
    Oct. 31"); the tense only breaks a tie."""
    if day is None:
        return anchor.year + _cycle_shift(anchor.month, month, 12, tense)
    current = anchor.timetuple().tm_yday
    target = dt.date(anchor.year, month, day if _exists(anchor.year, month, day) else 28)
    nearest = PRESENT if tense != FUTURE else FUTURE
    return anchor.year + _cycle_shift(current, target.timetuple().tm_yday, 366, nearest)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _safe_date(year: int, month: int, day: int, step: int) -> dt.date | None:
    """The date, moving ``step`` years while it does not exist (February 29)."""
    for _ in range(8):
        if _exists(year, month, day):
            return dt.date(year, month, day)
        year += step
    return None


def _weekday_date(anchor: dt.date, weekday: int, tense: str | None, relation: str) -> dt.date:
    """The date of a weekday: "last", "next", "this", or as the tense reads it."""
    delta = weekday - anchor.weekday()
    if relation == "this":
        return anchor + dt.timedelta(days=delta)
    if relation == "last":
        return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7 or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    forward = delta % 7
    backward = (-delta) % 7
    if tense == FUTURE:
        return anchor + dt.timedelta(days=forward)
    if tense == PRESENT and forward < backward:
        return anchor + dt.timedelta(days=forward)
    return anchor - dt.timedelta(days=backward)


# ------------------------------------------------------------------------------ numbers


def parse_number(words: str) -> float | None:
    """ "two and a half" → 2.5, "twenty-five" → 25, "1,000" → 1000; None if not a number."""
    words = words.strip().replace("-", " ")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    if words in NUMBER_WORDS:
        return float(NUMBER_WORDS[words])
    half = re.fullmatch(r"(.+?) and a half", words)
    if half:
        whole = parse_number(half.group(1))
        return None if whole is None else whole + 0.5
    if words in ("half a", "half an", "a half"):
        return 0.5
    parts = words.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens % 10 == 0 and tens >= 20 and 0 < ones < 10:
            return float(tens + ones)
    return None


def _amount(number: float | None) -> str:
    if number is None:
        return "X"
    return str(int(number)) if number == int(number) else f"{number:g}"


def _period(number: float | None, unit: str) -> str | None:
    """A TIMEX3 duration: P3D, PT45M, P2.5Y, PXY; quarters are three months."""
    letter, clock, multiple = UNITS[unit]
    if number is not None:
        number *= multiple
    if letter == "Q":
        letter = "M"
        number = None if number is None else number * 3
    return f"{'PT' if clock else 'P'}{_amount(number)}{letter}"


# -------------------------------------------------------------------------- recognisers

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[0-9]|20|21)\d\d)"
_PART = r"(?P<part>morning|afternoon|evening|night)"


def reference(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "recently", "in recent weeks", "currently", "now", "in the future"."""
    value = REFERENCES.get(phrase)
    return None if value is None else _made("DATE", value)


def iso_date(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "2010-06-08", "2010-06", "2010-06-08T10:39"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:t(\d{2}:\d{2}(?::\d{2})?)z?)?", phrase)
    if not match:
        return None
    year, month, day, clock = match.groups()
    if not 1 <= int(month) <= 12 or (day and not _exists(int(year), int(month), int(day))):
        return None
    if clock:
        return _made("TIME", f"{year}-{month}-{day}T{clock}")
    return _made("DATE", f"{year}-{month}" + (f"-{day}" if day else ""))


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
        return _made("DATE", _day(dt.date(year, month, day)))
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
                return _made("DATE", _day(dt.date(year, month, day)))
            except ValueError:
                return None
    return None


def month_year(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "February 2022", "June of 2010", "June of this year"."""
    match = re.fullmatch(rf"{_MONTH},? (?:of )?{_YEAR}", phrase)
    if match:
        return _made("DATE", _month_value(int(match["year"]), MONTHS[match["month"]]))
    relative = re.fullmatch(rf"{_MONTH},? (?:of )?(?P<rel>this|last|next) year", phrase)
    if not relative:
        return None
    month = MONTHS[relative["month"]]
    shift = {"this": 0, "last": -1, "next": 1}[relative["rel"]]
    return _relative("DATE", anchor, lambda a: _month_value(a.year + shift, month))


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
                year = _year_for(anchor, month, day, tense)
                found = _safe_date(year, month, day, -1 if tense != FUTURE else 1)
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
            year = _year_for(anchor, month, None, tense)
        return _month_value(year, month)

    return _relative("DATE", anchor, value)


def holiday(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "Christmas", "New Year's Day 2020", "last Halloween"."""
    match = re.fullmatch(r"(?P<rel>last |next |this )?(?P<name>.+?)(?: (?P<year>\d{4}))?", phrase)
    if not match or match["name"] not in HOLIDAYS:
        return None
    month, day = HOLIDAYS[match["name"]]
    if match["year"]:
        return _made("DATE", _day(dt.date(int(match["year"]), month, day)))
    rel = (match["rel"] or "").strip()

    def value(anchor: dt.date) -> str:
        year = _year_for(anchor, month, day, {"last": PAST, "next": FUTURE}.get(rel, tense))
        return _day(dt.date(year, month, day))

    return _relative("DATE", anchor, value)


def year_number(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "2008", "the year 2008", "fiscal 2024"."""
    match = re.fullmatch(rf"(?:the year |fiscal (?:year )?|fy ?|calendar year )?{_YEAR}", phrase)
    return None if not match else _made("DATE", match["year"])


def decade(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the 1990s" → 199, "the '80s" → 198, "the past decade" → the one before the anchor's,
    "the 20th century" → 19."""
    match = re.fullmatch(r"(?:the )?(?:(?P<full>1\d|20)(?P<d>\d)0|'?(?P<short>[1-9])0)'?s", phrase)
    if match:
        if match["full"]:
            return _made("DATE", f"{match['full']}{match['d']}")
        return _made("DATE", f"19{match['short']}")
    named = re.fullmatch(r"(?:the )?(twen|thir|for|fif|six|seven|eigh|nine)ties", phrase)
    if named:
        digit = "twen thir for fif six seven eigh nine".split().index(named.group(1)) + 2
        return _made("DATE", f"19{digit}")
    century = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", phrase)
    if century:
        return _made("DATE", f"{int(century.group(1)) - 1:02d}")
    relative = re.fullmatch(
        r"(?:the )?(?P<rel>this|last|past|previous|next|coming|current) (?P<unit>decade|century)",
        phrase,
    )
    if relative:
        shift = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(relative["rel"], -1)
        size = 10 if relative["unit"] == "decade" else 100
        return _relative("DATE", anchor, lambda a: f"{a.year // size + shift}")
    return None


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
        return _day(_weekday_date(anchor, number, tense, relation)) + part

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
        return _made("DURATION", _period(1, match["unit"]))  # "the past year": a stretch
    if match["rel"] in ("following", "the same"):
        return _made("DATE", None)  # anaphoric: relative to another event, not the anchor
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
            return _month_value(*_add_months(a.year, a.month, shift))
        if unit == "quarter":
            year, month = _add_months(a.year, (_quarter_of(a) - 1) * 3 + 1, 3 * shift)
            return f"{year:04d}-Q{_quarter_of(dt.date(year, month, 1))}"
        week = _week_value(a + dt.timedelta(weeks=shift))
        return week + ("-WE" if unit == "weekend" else "")

    return _relative("DATE", anchor, value, mod)


def weekend(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "the weekend": the last one in a past clause, the coming one in a future clause."""
    if phrase not in ("the weekend", "weekend"):
        return None

    def value(a: dt.date) -> str:
        if tense == FUTURE or a.weekday() >= 5:
            return _week_value(a) + "-WE"
        return _week_value(a - dt.timedelta(weeks=1)) + "-WE"

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
        return _made("DATE", f"{match['year']}-{code}", mod)
    relation = {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(
        match["rel"] or "", match["rel"] or ""
    )
    target = _SEASON_ORDER.index(code)

    def value(a: dt.date) -> str:
        year, current = _season_of(a)
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
        return _made("DATE", f"{year}-{part}{number}")
    size = 4 if part == "Q" else 2

    def value(a: dt.date) -> str:
        current = _quarter_of(a) if part == "Q" else (1 if a.month <= 6 else 2)
        shift = _cycle_shift(current, number, size, tense)
        return f"{a.year + shift:04d}-{part}{number}"

    return _relative("DATE", anchor, value)


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
        if named and found.group() and _word_bounded(phrase, found.start(), found.end()):
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
        return _made("TIME", None)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value):
        return None
    return _made("TIME", day.value + clock)


def _word_bounded(phrase: str, start: int, end: int) -> bool:
    before = phrase[start - 1] if start > 0 else " "
    after = phrase[end] if end < len(phrase) else " "
    return not before.isalnum() and not after.isalnum()


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
            return _made("DATE", "PAST_REF")
        return _made("DATE", None)
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
        return _made("DATE", None, mod)
    sign = -1 if match["dir"] == "ago" else 1
    if number is None or number != int(number):
        return _made("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    count = int(number) * sign
    letter, clock, multiple = UNITS[match["unit"]]
    count *= multiple

    def value(a: dt.date) -> str:
        if letter == "D" or clock:
            return _day(a + dt.timedelta(days=count if not clock else 0))
        if letter == "W":
            return _week_value(a + dt.timedelta(weeks=count))
        if letter == "M":
            return _month_value(*_add_months(a.year, a.month, count))
        if letter == "Q":
            return _month_value(*_add_months(a.year, a.month, 3 * count))
        if letter == "Y":
            return f"{a.year + count:04d}"
        if letter == "DE":
            return f"{(a.year + 10 * count) // 10}"
        return f"{(a.year + 100 * count) // 100:02d}"

    return _relative("DATE", anchor, value, mod)


def set_expression(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "every year", "annually", "weekly", "twice a week", "15 a year", "every Monday"."""
    if phrase in SET_WORDS:
        return _made("SET", SET_WORDS[phrase])
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
        return _made("SET", _period(number, match["unit"]))
    day = re.fullmatch(rf"(?:every|each) {_WEEKDAY}", phrase)
    if day:
        return _made("SET", f"XXXX-WXX-{WEEKDAYS[day['weekday']] + 1}")
    part = re.fullmatch(rf"(?:every|each) {_PART}", phrase)
    if part:
        return _made("SET", "P1D")
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
            return _made("DURATION", _period(None, bare["unit"]), mod)
        return None
    amount = match["amount"].strip()
    if amount.startswith("the "):
        amount = amount[4:]
    if amount.endswith(" of"):
        amount = amount[:-3]
    if amount in VAGUE_NUMBERS:
        return _made("DURATION", _period(None, match["unit"]), mod)
    number = parse_number(amount)
    if number is None or (phrase.startswith("a ") and match["unit"] == "quarter"):
        return None
    return _made("DURATION", _period(number, match["unit"]), mod)


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
    return _made("DATE", value[match["unit"]])


_ANAPHORIC = re.compile(
    r"(?:that|that same|the same|the next|the following|the previous|the preceding|the prior|"
    r"a later|an earlier) (?P<unit>day|week|month|year|time|night|morning|afternoon|evening)"
)


def anaphoric(phrase: str, anchor: dt.date | None, tense: str | None) -> Normalised | None:
    """ "that day", "the next day", "a later time": placed by another event, not by the
    anchor, so recognised but with no calendar value ("a later time" is "some day")."""
    match = _ANAPHORIC.fullmatch(phrase)
    if not match:
        return None
    if match["unit"] in PARTS_OF_DAY:
        return _made("TIME", None)
    return _made("DATE", "XXXX-XX-XX" if match["unit"] == "time" else None)


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
            return _made(inner.type, inner.value, POSITIONS[words] or inner.mod)
    return None


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
        return _made("DATE", inner.value, "END" if last else "START")
    if unit == "month":
        if month is not None:
            return None
        return _made("DATE", _month_value(year, 12 if last else _PART_ORDER[match["ord"]]))
    first = dt.date(year, month or 1, 1)
    end = dt.date(year + (month or 12) // 12, (month or 12) % 12 + 1, 1) - dt.timedelta(days=1)
    if unit == "day":
        day = end if last else first + dt.timedelta(days=_PART_ORDER[match["ord"]] - 1)
        return _made("DATE", _day(day))
    # a week is the calendar week holding most of its seven days ("the last week of March"
    # when March 31 is a Monday is the week before)
    if last:
        day = end - dt.timedelta(days=3)
    else:
        day = first + dt.timedelta(days=7 * (_PART_ORDER[match["ord"]] - 1) + 3)
    return _made("DATE", _week_value(day))


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
    ago,
    set_expression,
    clock_time,
    duration,
    part_of_period,
    ordinal_period,
    positioned,
    anaphoric,
)
