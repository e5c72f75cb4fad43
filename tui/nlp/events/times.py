"""An event's time: the time expression in its clause, else the sentence, else the paragraph,
else the publication date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.model import TimeExpression
from tui.nlp.text.paragraphs import Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Span as Span_
    from spacy.tokens import Token
from tui.nlp.events.context import Context, Mention
from tui.nlp.events.details import clause_head

VAGUE_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})


# ------------------------------------------------------------------ time


CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "acl", "xcomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class TimexAnchor:
    """A time expression of a sentence with the tokens above it in the parse.

    Precomputed once per sentence so that attaching times stays linear in the number of
    triggers (a 2,000-word run-on sentence must not cost a quadratic walk per trigger).
    """

    timex: TimeExpression
    path: tuple[int, ...]  # the timex's first token and its ancestors, bottom up
    barriers: tuple[int, ...]  # positions in ``path`` of clausal verbs
    clause: int  # the verb whose clause the timex sits in


def sentence_anchors(
    sentence: Span_, offset: int, timexes: Sequence[TimeExpression]
) -> list[TimexAnchor]:
    """The usable time expressions that start inside ``sentence``, with their parse paths.

    ``timexes`` may be the article's (in text order); only those inside count.
    """
    anchors: list[TimexAnchor] = []
    if not timexes:
        return anchors
    by_start = {offset + t.idx: t for t in sentence}
    for timex in timexes:
        if not (timex.type in {"DATE", "TIME"} or timex.value in VAGUE_VALUES):
            continue
        token = next((by_start[s] for s in range(timex.start, timex.end) if s in by_start), None)
        if token is None:
            continue
        path = [token, *token.ancestors]
        barriers = tuple(
            index
            for index, node in enumerate(path)
            if node.dep_ in CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"}
        )
        anchors.append(TimexAnchor(timex, tuple(n.i for n in path), barriers, clause_head(token).i))
    return anchors


def _in_clause(anchor: TimexAnchor, clause: int) -> bool:
    """The timex hangs in ``clause`` itself, not in a clause embedded below it."""
    if clause not in anchor.path:
        return False
    position = anchor.path.index(clause)
    return not any(barrier < position for barrier in anchor.barriers)


def attach_time(
    mention: Mention,
    token: Token,
    context: Context,
    paragraph: Paragraph,
    anchors: Sequence[TimexAnchor],
) -> None:
    """The trigger's own time expression, else its clause's, sentence's or paragraph's."""
    clause = clause_head(token)
    ancestors = {a.i for a in clause.ancestors} | {clause.i}
    candidates = []
    if token.pos_ == "NOUN":
        candidates = [a for a in anchors if token.i in a.path]
    if not candidates:
        candidates = [a for a in anchors if _in_clause(a, clause.i)]
    if candidates:
        mention.time, mention.time_anchor = _best(candidates), "explicit"
        return
    # a time in a clause that contains this one ("On Tuesday, officials said the plant
    # closed"), never one of a clause beside or below it ("… soon after he ordered the
    # February 2022 invasion" is no time for the talks earlier in the sentence)
    enclosing = [a for a in anchors if a.clause in ancestors]
    if enclosing:
        mention.time, mention.time_anchor = _best(enclosing), "sentence"
        return
    in_paragraph = [
        t
        for t in context.timexes
        if paragraph.start <= t.start < paragraph.end and t.start < mention.trigger.start
    ]
    if in_paragraph and mention.status in {"happened", "ongoing"}:
        mention.time, mention.time_anchor = in_paragraph[-1], "paragraph"
        return
    if context.date is not None and mention.status in {"happened", "ongoing"}:
        mention.time_anchor = "publication"


def _best(anchors: Sequence[TimexAnchor]) -> TimeExpression:
    """Prefer a resolved value, then the longer expression."""
    return max((a.timex for a in anchors), key=lambda t: (t.value is not None, t.end - t.start))
