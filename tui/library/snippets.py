"""Search snippets: a few words around the first match, the matched words marked.

The full-text index is contentless (the texts live compressed in the articles table), so
SQLite's ``snippet()`` has nothing to cut from; this does the same for the handful of hits
a search shows, from the article text, folding case and diacritics as the index does.
"""

from __future__ import annotations

import re
import unicodedata

SNIPPET_WORDS = 16
_WORD = re.compile(r"\w+", re.UNICODE)
# FTS5 query syntax that is not a word to look for
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def snippet_terms(query: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of an FTS5 query (whole words, and prefixes written ``word*``)."""
    words: set[str] = set()
    prefixes: list[str] = []
    for match in re.finditer(r"(\w+)(\*?)", query, re.UNICODE):
        word, star = match.group(1), match.group(2)
        if word in _OPERATORS:  # FTS5 operators are upper case; "and" is a word
            continue
        if ":" in query[match.end() : match.end() + 1]:  # a column filter, "title:"
            continue
        folded = _fold(word)
        if star:
            prefixes.append(folded)
        else:
            words.add(folded)
    return frozenset(words), tuple(prefixes)


def snippet(
    text: str,
    terms: tuple[frozenset[str], tuple[str, ...]],
    marks: tuple[str, str] = ("[", "]"),
    size: int = SNIPPET_WORDS,
) -> str:
    """About ``size`` words of ``text`` around its first matching word, every matching
    word between ``marks``, with an ellipsis where the text goes on."""
    words, prefixes = terms
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""

    def hit(token: re.Match[str]) -> bool:
        folded = _fold(token.group())
        return folded in words or any(folded.startswith(p) for p in prefixes)

    first = next((i for i, t in enumerate(tokens) if hit(t)), 0)
    begin = max(0, first - size // 4)
    end = min(len(tokens), begin + size)
    begin = max(0, end - size)
    out: list[str] = []
    cursor = tokens[begin].start()
    for token in tokens[begin:end]:
        out.append(text[cursor : token.start()])
        out.append(f"{marks[0]}{token.group()}{marks[1]}" if hit(token) else token.group())
        cursor = token.end()
    body = " ".join("".join(out).split())
    return ("…" if begin else "") + body + ("…" if end < len(tokens) else "")
