"""Do two names refer to the same speaker? A lenient, explainable comparison for scoring.

Gold ``reference`` names are the fullest form an article allows ("Recep Tayyip Erdoğan"),
while a system's canonical name may be shorter, spelled differently or carry a title
("Erdogan", "President Erdoğan"). Scoring should not punish those differences, but must
still tell apart different people who share a name part ("Joe Biden" / "Hunter Biden").

The rule: after normalising (case, diacritics, punctuation, a leading "the", possessive
"'s"), equal names match; otherwise the content tokens (stopwords and generic titles
dropped) of one name must all be found in the other's, a token matching an equal token, a
close spelling variant (``difflib`` ratio >= 0.85, so "Zelenskiy" ~ "Zelenskyy") or, for
a one-letter initial, a token it begins.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

SIMILARITY = 0.85
STOPWORDS = frozenset({"the", "of", "and", "a", "an", "for", "de", "in"})
# Words that describe an office rather than name a holder: "President Trump" and
# "Mr Trump" are the same person, so these never decide a comparison.
TITLE_WORDS = frozenset(
    {
        "president",
        "vice",
        "minister",
        "prime",
        "secretary",
        "chancellor",
        "premier",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "former",
        "deputy",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "general",
        "gen",
        "king",
        "queen",
        "pope",
    }
)
_POSSESSIVE = re.compile(r"(?<=\w)['’](?:s\b|(?=\s|$))")
_JOINING = re.compile(r"[.'’`]")
_NON_WORD = re.compile(r"[^\w]+|_")


def normalise(name: str) -> str:
    """A comparable form: casefolded, no diacritics or punctuation, no leading "the"."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    text = _POSSESSIVE.sub("", text)
    # Dots and apostrophes join ("U.S." -> "us", "O'Brien" -> "obrien"); the rest separates.
    text = _JOINING.sub("", text)
    tokens = _NON_WORD.sub(" ", text).split()
    while tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def content_tokens(name: str) -> tuple[str, ...]:
    """The tokens of a normalised name that can identify someone (no stopwords or titles)."""
    return tuple(t for t in normalise(name).split() if t not in STOPWORDS and t not in TITLE_WORDS)


def _tokens_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def _covered(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    """Whether every token of ``small`` matches its own distinct token of ``large``."""
    free = list(large)
    for token in small:
        # Prefer an exact partner so a fuzzy match cannot steal another token's partner.
        index = next((i for i, t in enumerate(free) if t == token), None)
        if index is None:
            index = next((i for i, t in enumerate(free) if _tokens_match(token, t)), None)
        if index is None:
            return False
        del free[index]
    return True


def same_person(a: str, b: str) -> bool:
    """Whether two names plausibly refer to the same person or body (symmetric)."""
    norm_a, norm_b = normalise(a), normalise(b)
    if not norm_a or not norm_b:
        return False
    if norm_a == norm_b:
        return True
    tokens_a, tokens_b = content_tokens(a), content_tokens(b)
    if not tokens_a or not tokens_b:
        # Only a title or stopwords ("the president"): nothing to identify anyone by.
        return False
    if len(tokens_a) > len(tokens_b):
        tokens_a, tokens_b = tokens_b, tokens_a
    return _covered(tokens_a, tokens_b)
