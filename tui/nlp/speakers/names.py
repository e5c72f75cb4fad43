"""Comparing people's and organisations' names as news text writes them.

Pure string functions: normalising away case, diacritics and punctuation, and deciding
when two written forms name the same person ("Zelenskyy" and "Zelenskiy", "Erdogan" and
"Recep Tayyip Erdoğan", "Trump" and "Donald Trump").
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

SPELLING_SIMILARITY = 0.85
_DROP = str.maketrans({c: " " for c in ".,;:!?()[]{}\"“”‘’'`-–—/\\"})


# letters Unicode does not decompose into a base letter and a mark
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def plain_letters(text: str) -> str:
    """``text`` casefolded and without diacritics ("Gdańsk" → "gdansk", "Łódź" → "lodz"):
    the one folding every comparison of names and places starts from."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """A name for comparing: :func:`plain_letters`, no possessive, punctuation as spaces,
    single-spaced."""
    plain = plain_letters(text).replace("’s", "").replace("'s", "")
    return " ".join(plain.translate(_DROP).split())


def name_key(name: str) -> str:
    """A stable key for a person across articles: the folded full name."""
    return fold(name)


@lru_cache(maxsize=65536)
def similar_words(a: str, b: str) -> bool:
    """Two words are one spelled two ways (Zelenskyy/Zelenskiy), not two names (Tusk/Trump)."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SPELLING_SIMILARITY


@lru_cache(maxsize=16384)
def tokens_of(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


def same_surname(a: str, b: str) -> bool:
    ta, tb = tokens_of(a), tokens_of(b)
    return bool(ta and tb) and similar_words(ta[-1], tb[-1])


@lru_cache(maxsize=65536)
def full_names_match(a: str, b: str) -> bool:
    """Two multi-word names are one name (all words alike, or one's words end the other's)."""
    ta, tb = tokens_of(a), tokens_of(b)
    if not ta or not tb:
        return False
    if len(ta) == len(tb):
        return all(similar_words(x, y) for x, y in zip(ta, tb, strict=True))
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    # "Recep Erdoğan" ~ "Recep Tayyip Erdoğan": same first and last word
    if len(short) >= 2 and similar_words(short[0], long[0]) and similar_words(short[-1], long[-1]):
        return True
    return len(short) >= 2 and all(
        similar_words(x, y) for x, y in zip(short, long[-len(short) :], strict=True)
    )


@lru_cache(maxsize=65536)
def refers_to(short: str, full: str) -> bool:
    """Whether a shorter form (a surname, a full name) can stand for ``full``."""
    ts, tf = tokens_of(short), tokens_of(full)
    if not ts or not tf:
        return False
    if len(ts) == 1:
        return similar_words(ts[0], tf[-1])
    return full_names_match(short, full)


@cache
def _gender_detector():  # type: ignore[no-untyped-def]
    try:
        import gender_guesser.detector as detector
    except ImportError:  # optional evidence only
        return None
    return detector.Detector(case_sensitive=False)


def first_name_gender(first: str) -> str | None:
    """The gender a first name usually has, or None for a word that is no first name."""
    detector = _gender_detector()
    if detector is None or len(first) < 2:
        return None
    guess = detector.get_gender(first)
    if guess in {"male", "mostly_male"}:
        return "male"
    if guess in {"female", "mostly_female"}:
        return "female"
    return None
