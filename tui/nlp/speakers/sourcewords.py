"""Word classes that decide whether a noun phrase can be the source of a report.

Language data, kept apart from the rules in :mod:`tui.nlp.extract` that use it. Each class
is a class of English nouns, not a list of words met in the dev articles:

- documents speak for their authors ("the decree signed by the Pope"), and without an
  author stand as unnamed sources (PolNeAR counts "the report", "polls" as sources);
- communication acts ("the calls by officials", "at the request of the Prime Minister")
  speak only through their agent: without one they are nobody;
- partitives ("a number of senators", "most of the protesters") name their ``of`` object;
- abstract nominals ("his presence", "the importance") name a state or a quality, which
  never speaks; English forms them with a handful of suffixes.
"""

from __future__ import annotations

DOCUMENT_NOUNS = frozenset(
    """
    statement report decree filing data database survey study summary estimate estimates
    release letter document order ruling judgment judgement verdict memo website post tweet
    announcement notice analysis figures records poll survey video footage photo photograph
    census audit banner sign placard poster text complaint numbers statistics guideline
    guidelines rule rules law policy doctrine doctrines treaty constitution research
    information evidence
    """.split()
)
"""Written or recorded artefacts (Quirk et al.'s *concrete* communication nouns)."""

COMMUNICATION_NOUNS = frozenset(
    """
    call request demand appeal plea warning claim criticism comment remark accusation
    proposal invitation urging insistence suggestion recommendation
    """.split()
)
"""Speech acts as nouns: the act, not the actor (the nominal forms of speech-act verbs)."""

PARTITIVE_NOUNS = frozenset(
    """
    number majority minority handful dozen dozens hundred hundreds thousand thousands
    million millions couple lot plenty rest half part most some many several few all none
    each either neither one two three four five percent pct % third quarter
    fifth tenth
    """.split()
)
"""Quantifier heads whose ``of`` object is what they count ("a number of senators",
"44 percent of registered voters", "a third of respondents": how polls report)."""

ABSTRACT_SUFFIXES: tuple[str, ...] = ("ence", "ance", "ness", "ism", "hood")
"""Suffixes that form nouns of state or quality from adjectives and verbs (not ``-ity``
or ``-ing``: "a celebrity", "a charity", "the briefing" are often agents or documents)."""

AGENT_ABSTRACTS = frozenset(
    """
    audience alliance conference intelligence resistance witness business
    """.split()
)
"""Nouns with those suffixes that name a body of people after all (metonymy)."""


def is_abstract_noun(lemma: str) -> bool:
    """A noun of state or quality ("presence", "importance"), which no one speaks as."""
    word = lemma.lower()
    return (
        len(word) > 5
        and word.endswith(ABSTRACT_SUFFIXES)
        and word not in AGENT_ABSTRACTS
        and word not in DOCUMENT_NOUNS
    )
