"""Whether a paragraph is written in English, the one language Byline's rules read.

News in English quotes other languages at length (a French blog post inside a Global
Voices article), and English rules run on French find French words as events ("offre",
"entre") and capitalised French words as people. A paragraph is told apart by its
function words — the most frequent words of a language, which every paragraph of it uses
and which no topic changes (the idea of Grefenstette's "small words" language guessing,
1995). The lists leave out words English shares ("a", "in", "on", "so", "die"), so a
French name in an English sentence ("Jeunesse Unie pour la Démocratie") does not outweigh
the English around it.
"""

from __future__ import annotations

import re

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """
        the of and to a an in on at as is are was were that this with for from by it its be
        been has have had not but or they their them he she his her we our you which who
        will would said
        """.split()
    ),
    "fr": frozenset(
        """
        le la les des du un une et sont dans par sur avec qui que pas au aux cette ces il
        elle ils nous vous leur ou où été être avoir comme très ses lui je tu
        """.split()
    ),
    "es": frozenset(
        """
        el los las del una y es para por con que se su sus como más pero muy este esta
        estos fue han hay le les nos yo está están
        """.split()
    ),
    "pt": frozenset(
        """
        da das dos um uma é são para por com que se seu sua não muito este esta isso foi
        tem há ao aos pela pelo eu você nós está
        """.split()
    ),
    "de": frozenset(
        """
        der das und ist sind nicht mit dem des ein eine einen sich auf für von zu auch wie
        wir ihr sie es im aus bei nach oder aber wird wurde haben
        """.split()
    ),
    "it": frozenset(
        """
        il gli della delle dei degli di è sono con che non più ma una uno nel nella alla
        anche questo questa sua suo loro hanno stato essere
        """.split()
    ),
    "nl": frozenset(
        """
        de het een en niet met op voor dat dit ook maar wordt werd naar bij uit aan hun wij
        ze heeft hebben zijn
        """.split()
    ),
}
"""Each language's commonest words, less any that are English words too ("as", "do",
"die", "is", "son", "come"): a word English shares counts for English only."""

NAMES: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
}

MIN_WORDS = 8
"""Fewer words than this tell nothing: a headline, a name, a one-line quote stay English."""

MIN_FOREIGN = 3
"""Function words of another language a paragraph needs at least to read as that language."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def language_counts(text: str) -> dict[str, int]:
    """How many of the text's words are function words of each language."""
    words = [word.lower() for word in _WORD.findall(text)]
    return {language: sum(w in table for w in words) for language, table in FUNCTION_WORDS.items()}


def reads_as_english(text: str) -> bool:
    """False only when another language's function words clearly outnumber English ones:
    at least :data:`MIN_FOREIGN` of them and more than twice the English ones."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return True
    counts = language_counts(text)
    english = counts.pop("en")
    foreign = max(counts.values())
    return not (foreign >= MIN_FOREIGN and foreign > 2 * english)


def english_share(texts: list[str]) -> float:
    """The share of the characters of ``texts`` in paragraphs that read as English."""
    total = sum(len(t) for t in texts)
    if total == 0:
        return 1.0
    return sum(len(t) for t in texts if reads_as_english(t)) / total


def foreign_language(paragraphs: list[str]) -> str | None:
    """The name of the language most of an article is written in when that is not
    English (by characters, see :func:`reads_as_english`); None for an English article."""
    if english_share(paragraphs) >= 0.5:
        return None
    totals: dict[str, int] = {}
    for text in paragraphs:
        for language, count in language_counts(text).items():
            totals[language] = totals.get(language, 0) + count
    totals.pop("en", None)
    best = max(totals, key=lambda language: totals[language], default=None)
    return NAMES.get(best or "", "another language")
