"""Cheap access to a parsed paragraph's text and token offsets.

spaCy rebuilds ``Doc.text`` from its tokens on every access and ``Doc.char_span`` with
``alignment_mode="expand"`` walks every token, so rules that call them once per candidate
turn a linear pass into a quadratic one. Both are computed once per ``Doc`` here and kept
in its ``user_data``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TEXT = "byline.text"
_STARTS = "byline.token_starts"
_ENDS = "byline.token_ends"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT] = text
    return text


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        from spacy.attrs import IDX, LENGTH  # here: the UI imports this package without spaCy

        columns = doc.to_array([IDX, LENGTH]).reshape(-1, 2)  # no Token objects made
        starts = columns[:, 0].tolist()
        ends = (columns[:, 0] + columns[:, 1]).tolist()
        doc.user_data[_STARTS] = starts
        doc.user_data[_ENDS] = ends
    return starts, doc.user_data[_ENDS]


def first_token_at(doc: Doc, char: int) -> int:
    """The index of the first token starting at or after character ``char`` (``len(doc)``
    when there is none), found by bisection: no Token objects made on the way."""
    return bisect_left(_offsets(doc)[0], char)


def expanded_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens that overlap characters ``start:end`` (``char_span(..., "expand")``)."""
    if start >= end:
        return None
    starts, ends = _offsets(doc)
    first = bisect_right(ends, start)  # first token ending after ``start``
    last = bisect_left(starts, end)  # tokens starting before ``end``
    if first >= last:
        return None
    return doc[first:last]
