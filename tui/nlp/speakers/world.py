"""A little world knowledge: countries, their seats of power, and who held which office when.

News text often names a role instead of a person ("the Kremlin said", "the British prime
minister told reporters") after naming the person elsewhere in the article. Speaker
resolution uses these lookups only to choose among people the article itself names, and only
for the article's publication date, so the tables never introduce a speaker of their own.

The data lives in ``tui/data/countries.json`` and ``tui/data/officeholders.json`` and is read
once, on first use, through :mod:`importlib.resources` (so it works from a wheel too). Every
lookup is pure: same input, same answer, no I/O after the first call.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources

from tui.nlp.speakers.names import plain_letters

OFFICES: frozenset[str] = frozenset(
    {
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "monarch",
        "pope",
        "foreign minister",
        "supreme leader",
        "secretary-general",
        "vice president",
        "chief executive",
        "chief adviser",
        "general secretary",
    }
)
# Offices that "leader" (or no office at all) stands for: heads of state or government —
# every office above but a deputy's, a minister's and an international body's.
LEADER_OFFICES: frozenset[str] = OFFICES - {
    "vice president",
    "foreign minister",
    "secretary-general",
}
# China's head of government is the "premier"; news also says "premier" for prime ministers.
_HEAD_OF_GOVERNMENT = frozenset({"prime minister", "premier"})
_GENERIC_ROLES = frozenset(
    {"leader", "head of state", "head of government", "ruler", "strongman", "leadership"}
)

_OFFICE_WORDS: dict[str, str] = {
    "president": "president",
    "vice president": "vice president",
    "vp": "vice president",
    "prime minister": "prime minister",
    "pm": "prime minister",
    "premier": "prime minister",
    "taoiseach": "prime minister",
    "chancellor": "chancellor",
    "king": "monarch",
    "queen": "monarch",
    "monarch": "monarch",
    "emperor": "monarch",
    "empress": "monarch",
    "emir": "monarch",
    "amir": "monarch",
    "sultan": "monarch",
    "grand duke": "monarch",
    "grand duchess": "monarch",
    "sovereign": "monarch",
    "pope": "pope",
    "pontiff": "pope",
    "supreme pontiff": "pope",
    "holy father": "pope",
    "foreign minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "minister for foreign affairs": "foreign minister",
    "foreign affairs minister": "foreign minister",
    "foreign affairs secretary": "foreign minister",
    "external affairs minister": "foreign minister",
    "minister of external affairs": "foreign minister",
    "top diplomat": "foreign minister",
    "chief diplomat": "foreign minister",
    "foreign policy chief": "foreign minister",
    "high representative": "foreign minister",
    "supreme leader": "supreme leader",
    "ayatollah": "supreme leader",
    "secretary general": "secretary-general",
    "un chief": "secretary-general",
    "general secretary": "general secretary",
    "party chief": "general secretary",
    "communist party chief": "general secretary",
    "party general secretary": "general secretary",
    "chief executive": "chief executive",
    "chief adviser": "chief adviser",
    "chief advisor": "chief adviser",
}
# Words that may precede a role without changing it ("acting president" is still president).
_ROLE_MODIFIERS = frozenset({"the", "acting", "interim", "caretaker", "federal", "current"})

# Letters NFKD does not decompose into a base letter plus accent.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ə": "e",
        "Ə": "E",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "‐": "-",
        "–": "-",
        "—": "-",
    }
)
_POSSESSIVE = re.compile(r"'s?$")
_SPACES = re.compile(r"\s+")
_SHORT_ABBREVIATION = re.compile(r"^[A-Z]{2,3}$")


def _fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive form of ``text`` (punctuation kept: a
    place's key is made from it, :func:`_phrase_key`)."""
    return plain_letters(text.translate(_LETTERS))


def _phrase_key(phrase: str) -> str:
    """The lookup key of a place phrase: folded, no periods, no "the ", no possessive."""
    key = _fold(phrase).replace(".", "").replace("-", " ")
    key = _SPACES.sub(" ", key).strip(" \"'()[],;:")
    key = _POSSESSIVE.sub("", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _abbreviation_key(phrase: str) -> str:
    """Case-preserving key for short all-capital abbreviations ("U.S." -> "US")."""
    text = phrase.translate(_LETTERS).strip().strip("\"'()[],;:")
    text = _POSSESSIVE.sub("", text).strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    return text.replace(".", "").replace(" ", "")


@dataclass(frozen=True, slots=True)
class Country:
    """A country (or territory, or international body) and the words news uses for it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OfficeHolder:
    """One continuous term of one person in one office (``end`` None: still in office)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    start: dt.date
    end: dt.date | None
    body: str | None = None

    def held_on(self, day: dt.date) -> bool:
        """True if the term covers ``day`` (both ends inclusive: handover days match both)."""
        return self.start <= day and (self.end is None or day <= self.end)


def _read_json(filename: str) -> list[dict]:
    text = resources.files("tui.data").joinpath(filename).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def countries() -> tuple[Country, ...]:
    """Every entry of ``countries.json``, in file order."""
    return tuple(
        Country(
            name=row["name"],
            kind=row.get("kind", "country"),
            aliases=tuple(row.get("aliases", ())),
            demonyms=tuple(row.get("demonyms", ())),
            capital=row.get("capital"),
            metonyms=tuple(row.get("metonyms", ())),
        )
        for row in _read_json("countries.json")
    )


@cache
def officeholders() -> tuple[OfficeHolder, ...]:
    """Every record of ``officeholders.json``, in file order."""
    return tuple(
        OfficeHolder(
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            country=row["country"],
            office=row["office"],
            start=dt.date.fromisoformat(row["start"]),
            end=dt.date.fromisoformat(row["end"]) if row.get("end") else None,
            body=row.get("body"),
        )
        for row in _read_json("officeholders.json")
    )


@cache
def _country_index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(folded word -> country, abbreviation -> country, folded demonym -> country).

    Short all-capital abbreviations ("US", "UN", "EU", "AU") only match in capitals: folded,
    they would be the pronoun "us" or the French "un". Earlier kinds of word win over later
    ones (names, then aliases, demonyms, metonyms) so a metonym never hides a country name.
    """
    words: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for kind in ("name", "aliases", "demonyms", "metonyms"):
        for country in countries():
            values = (country.name,) if kind == "name" else getattr(country, kind)
            for value in values:
                short = _abbreviation_key(value)
                if _SHORT_ABBREVIATION.match(short):
                    abbreviations.setdefault(short, country.name)
                    continue
                words.setdefault(_phrase_key(value), country.name)
                if kind == "demonyms":
                    demonyms.setdefault(_phrase_key(value), country.name)
    return words, abbreviations, demonyms


@lru_cache(maxsize=65536)
def country_of(phrase: str) -> str | None:
    """The canonical country a name, alias, demonym or seat of power stands for, if any.

    Tolerates case, accents, periods ("U.S." is "US"), a leading "the", a trailing
    possessive ("Mexico's") and plural demonyms ("Americans").
    """
    if not phrase or not phrase.strip():
        return None
    words, abbreviations, demonyms = _country_index()
    found = abbreviations.get(_abbreviation_key(phrase))
    if found:
        return found
    key = _phrase_key(phrase)
    if not key:
        return None
    found = words.get(key)
    if found is None and key.endswith("s"):
        found = demonyms.get(key[:-1])
    return found


def people_of(phrase: str) -> str | None:
    """The country whose people a plural demonym names ("Iranians", "the Saudis"), if any:
    a group of people, where :func:`country_of` also reads the country itself."""
    words, _, demonyms = _country_index()
    key = _phrase_key(phrase)
    if not key.endswith("s") or key in words:
        return None  # "the Philippines" is a country
    return demonyms.get(key[:-1])


def is_country_word(token: str) -> bool:
    """True if ``token`` names a country, its people or its seat of power."""
    return country_of(token) is not None


@cache
def country_names() -> frozenset[str]:
    """The canonical names ``country_of`` can return."""
    return frozenset(c.name for c in countries())


def normalize_office(title: str) -> str | None:
    """The office a role word or phrase denotes ("Foreign Secretary" -> "foreign minister").

    Leading country words and harmless modifiers are skipped ("the Russian acting president"
    is "president"); generic words such as "leader" give None, as does anything unknown or
    qualified ("deputy prime minister", "former president").
    """
    # Split the text as written: "U.S." must keep its capitals to read as a country.
    tokens = title.split()
    while tokens:
        if _phrase_key(tokens[0]) in _ROLE_MODIFIERS:
            tokens = tokens[1:]
            continue
        for size in range(min(4, len(tokens) - 1), 0, -1):
            if is_country_word(" ".join(tokens[:size])):
                tokens = tokens[size:]
                break
        else:
            break
    return _OFFICE_WORDS.get(_phrase_key(" ".join(tokens)))


def _wanted_offices(office: str | None) -> frozenset[str] | None:
    if office is None or _phrase_key(office) in _GENERIC_ROLES:
        return LEADER_OFFICES
    wanted = office if office in OFFICES else normalize_office(office)
    if wanted is None:
        return None
    return _HEAD_OF_GOVERNMENT if wanted in _HEAD_OF_GOVERNMENT else frozenset({wanted})


def holders(
    country: str | None = None, office: str | None = None, on: dt.date | None = None
) -> list[OfficeHolder]:
    """Every term matching ``country``, ``office`` and date ``on``, earliest first.

    ``country`` may be any phrase :func:`country_of` understands; None means any country.
    ``office`` None or "leader" means any head of state or government; "premier" and "prime
    minister" are one office here. ``on`` None means at any time. Unknown country or office
    phrases match nothing rather than everything.
    """
    wanted_country: str | None = None
    if country is not None:
        wanted_country = country if country in country_names() else country_of(country)
        if wanted_country is None:
            return []
    wanted_offices = _wanted_offices(office)
    if wanted_offices is None:
        return []
    found = [
        holder
        for holder in officeholders()
        if (wanted_country is None or holder.country == wanted_country)
        and holder.office in wanted_offices
        and (on is None or holder.held_on(on))
    ]
    return sorted(found, key=lambda holder: holder.start)


# Words dropped from personal names before comparing them: titles and name particles.
_TITLE_WORDS = """
    mr mrs ms miss dr sir dame lord lady baroness president vice prime minister premier
    chancellor king queen pope emperor empress sheikh sheik shaikh emir amir sultan prince
    princess crown ayatollah grand duke duchess general gen secretary foreign state supreme
    leader his her majesty highness excellency saint st senior chairman comrade marshal
    mullah madame monsieur herr frau senor senora
"""
_PARTICLE_WORDS = "al el de da do dos das del della di du la le van von der den ter ten y e"
_TITLES = frozenset(_TITLE_WORDS.split())
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})
_SUFFIX = re.compile(r"^(?:[IVX]{1,4}|Jr|JR|Sr|SR)\.?$")
_NAME_SPLIT = re.compile(r"[\s\-.,]+")
_CLOSE_SURNAME = 0.85
_CLOSE_GIVEN_NAME = 0.8


@dataclass(frozen=True, slots=True)
class _Name:
    tokens: frozenset[str]
    key: str  # the token a name is called by alone: the surname, or a patronymic's given name
    suffixes: frozenset[str]


@lru_cache(maxsize=65536)
def _parse_name(name: str) -> _Name | None:
    """Tokens of a personal name without titles or particles, plus its call-by token."""
    text = _POSSESSIVE.sub("", name.translate(_LETTERS).strip())
    raw = [t for t in _NAME_SPLIT.split(text) if t]
    tokens: list[str] = []
    suffixes: set[str] = set()
    key: str | None = None
    for index, token in enumerate(raw):
        folded = _fold(token).replace("'", "")
        if not folded or folded in _TITLES or folded in _PARTICLES:
            continue
        if index and _SUFFIX.match(token):
            suffixes.add(folded)
            continue
        if folded in _PATRONYMIC:
            key = key or (tokens[-1] if tokens else None)
            continue
        tokens.append(folded)
    if not tokens:
        return None
    return _Name(frozenset(tokens) | suffixes, key or tokens[-1], frozenset(suffixes))


@lru_cache(maxsize=65536)
def _close(a: str, b: str, threshold: float) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= threshold


def _names_match(written: _Name, full: _Name) -> bool:
    words = written.tokens - written.suffixes
    if len(words) == 1 and not written.suffixes:
        (word,) = words
        return _close(word, full.key, _CLOSE_SURNAME)
    if written.tokens <= full.tokens:
        return True
    if not _close(written.key, full.key, _CLOSE_SURNAME) or written.suffixes - full.suffixes:
        return False
    others = words - {written.key}
    return all(
        word in full.tokens
        or any(
            (len(word) == 1 and token.startswith(word)) or _close(word, token, _CLOSE_GIVEN_NAME)
            for token in full.tokens
        )
        for word in others
    )


def holder_names_match(holder: OfficeHolder, name: str) -> bool:
    """True if ``name`` as written in an article can refer to ``holder``.

    Accents, case, titles ("President", "Sheikh") and particles ("al-", "von") are ignored.
    A single word must be the holder's surname (or a one-word alias such as "Xi" or "Lula");
    several words must all belong to one of the holder's names, or differ only by
    transliteration (difflib ratio >= 0.85 on the surname: "Zelenskiy" for "Zelenskyy").
    """
    written = _parse_name(name)
    if written is None:
        return False
    return any(
        full is not None and _names_match(written, full)
        for full in map(_parse_name, _candidate_names(holder))
    )


def _candidate_names(holder: OfficeHolder) -> Iterable[str]:
    yield holder.name
    yield from holder.aliases
