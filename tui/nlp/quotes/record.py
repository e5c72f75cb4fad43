"""The records the attribution rules produce (:class:`Candidate`, :class:`CueUse`), in
paragraph-relative offsets, and the token helpers the rules share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


TRAILING_PUNCT = ".,;:—–-…!?("


@dataclass(slots=True)
class Candidate:
    """A quote found by a rule, in paragraph-relative offsets, before speaker resolution."""

    start: int
    end: int
    kind: str
    rule: str
    confidence: float
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_head: int | None = None  # token index of the speaker mention's head
    antecedent_head: int | None = None  # for "who"/"which": the noun they stand for
    floating: bool = False


@dataclass(frozen=True, slots=True)
class CueUse:
    """A cue word in a sentence with the speaker and content the parse gives it."""

    token: int
    cue: tuple[int, int]
    lemma: str
    speaker_head: int | None
    speaker: tuple[int, int] | None
    antecedent_head: int | None
    content: tuple[tuple[int, int], ...]
    rule: str
    own_subject: bool
    content_kind: str = "clause"
    act: str = "speech"  # or a kind of ATTRIBUTION_KINDS: "belief", "evidence", "endorsement"


# ----------------------------------------------------------------------------- helpers


def char_span(tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def unquoted_tokens(doc: Doc, quoted: Sequence[tuple[int, int]]) -> Iterable[Token]:
    """The tokens that start outside every quoted span (one pass, not one scan per token)."""
    if not quoted:
        yield from doc
        return
    covered = {i for start, end in quoted for i in range(start, end)}
    for token in doc:
        if token.idx not in covered:
            yield token


def trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop leading commas/dashes and trailing sentence punctuation (not closing marks)."""
    while tokens and (tokens[0].is_space or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].text in TRAILING_PUNCT):
        tokens = tokens[:-1]
    return tokens


def subtree_tokens(token: Token, exclude: Iterable[Token] = ()) -> list[Token]:
    excluded: set[int] = set()
    for other in exclude:
        excluded.update(t.i for t in other.subtree)
    return [t for t in token.subtree if t.i not in excluded]


def contiguous(tokens: list[Token]) -> list[list[Token]]:
    """Split a token list into runs of consecutive indices."""
    runs: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs
