"""The English words of time: months, weekdays, seasons, units, holidays, signals and modifiers
(language data)."""

from __future__ import annotations

PAST, PRESENT, FUTURE = "past", "present", "future"


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
_ORDINAL_UNITS = [
    *ORDINALS,
    *"thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(),
]
DAY_ORDINALS: dict[str, int] = (
    {word: n for n, word in enumerate(_ORDINAL_UNITS, start=1)}
    | {"twentieth": 20, "thirtieth": 30}
    | {f"twenty{sep}{word}": 20 + n for n, word in enumerate(_ORDINAL_UNITS[:9], start=1)
       for sep in ("-", " ")}
    | {"thirty-first": 31, "thirty first": 31}
)  # fmt: skip
"""The days of a month as spoken ordinals ("March eighth", "the twenty-first of June")."""
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
