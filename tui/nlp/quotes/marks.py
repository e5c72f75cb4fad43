"""Find quotation-mark spans in article text, without a parser and without giving up.

Curly, straight and low double quotes, single quotes and guillemets are paired per
paragraph. Straight marks are classed as opening or closing by what surrounds them.
An apostrophe (don't, the protesters' demands) is never taken for a closing single quote
when a better reading exists. Unbalanced marks never abort the article: an opening mark
left open at the end of a paragraph either continues into the next paragraph (the
news convention: the next paragraph starts with an opening mark) or ends at the paragraph
end; a stray closing mark is ignored. Nested quotes are kept inside their outer span.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.nlp.text.paragraphs import Paragraph

DOUBLE_OPEN = "“„«‹"  # “ „ « ‹
DOUBLE_CLOSE = "”»›"  # ” » ›
SINGLE_OPEN = "‘‚"  # ‘ ‚
SINGLE_CLOSE = "’"  # ’
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
_OPENING_CONTEXT = " \t\n([{—–-/:;\u00a0"
_PAIR_FAMILY = {"“": "d", "„": "d", "«": "g", "‹": "g1", "”": "d", "»": "g", "›": "g1"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between a pair of quotation marks, marks included.

    ``closed`` is False when the span ran to the end of its paragraph without a closing
    mark; ``continues`` is True when it goes on in the next paragraph (a new quoted span
    that starts that paragraph, with ``continued`` True).
    """

    start: int
    end: int
    single: bool = False
    closed: bool = True
    continues: bool = False
    continued: bool = False

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _after(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _misused_as_closing(text: str, i: int) -> bool:
    """An opening curly mark typed where a closing one belongs ("…Françafrique“:")."""
    before, after = _before(text, i), _after(text, i)
    return not before.isspace() and not after.isalnum()


def _straight_double_role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight double quote at ``text[i]``."""
    before, after = _before(text, i), _after(text, i)
    if before.isdigit() and not after.isalnum():
        return "inch"
    if before in _OPENING_CONTEXT or i == 0:
        return "open" if not after.isspace() else "either"
    if after.isspace() or after in ".,;:!?)]}—–-…" or i + 1 == len(text):
        return "close"
    return "either"


def _single_role(text: str, i: int, char: str) -> str:
    """'open', 'close' or 'none' (an apostrophe) for a single quote mark."""
    before, after = _before(text, i), _after(text, i)
    if char in SINGLE_OPEN:
        return "open"
    if before.isalnum() and after.isalnum():
        return "none"  # don't, Kyiv’s
    if (before in _OPENING_CONTEXT or i == 0) and after.isalnum():
        return "open"
    if not before.isspace() and (
        after.isspace() or after in '.,;:!?)]}—–-…"”' or i + 1 == len(text)
    ):
        return "close"
    return "none"


def _scan_paragraph(
    text: str, start: int, end: int, opened_by: str | None
) -> tuple[list[tuple[int, int, bool, bool]], str | None]:
    """Pairs (start, end, single, closed) in ``text[start:end]`` and the mark left open."""
    spans: list[tuple[int, int, bool, bool]] = []
    open_at: int | None = start if opened_by else None
    open_kind: str | None = opened_by
    single_open_at: int | None = None
    for i in range(start, end):
        char = text[i]
        if open_at is not None and i == open_at and opened_by:
            continue
        if open_kind is None:
            if char in DOUBLE_OPEN or (
                char == STRAIGHT_DOUBLE and _straight_double_role(text, i) in {"open", "either"}
            ):
                open_at, open_kind = (
                    i,
                    ("straight" if char == STRAIGHT_DOUBLE else _PAIR_FAMILY[char]),
                )
                single_open_at = None
                continue
            if char in SINGLE_OPEN or char in (STRAIGHT_SINGLE, SINGLE_CLOSE):
                role = _single_role(text, i, char)
                if role == "open" and single_open_at is None:
                    single_open_at = i
                elif role == "close" and single_open_at is not None and i - single_open_at > 1:
                    spans.append((single_open_at, i + 1, True, True))
                    single_open_at = None
            continue
        # inside a double-quoted span: look for its closing mark
        if open_kind == "straight" and char == STRAIGHT_DOUBLE:
            if _straight_double_role(text, i) != "open" and i - (open_at or 0) > 1:
                spans.append((open_at or start, i + 1, False, True))
                open_at, open_kind = None, None
        elif (
            open_kind != "straight" and char in DOUBLE_CLOSE and _PAIR_FAMILY.get(char) == open_kind
        ):
            spans.append((open_at or start, i + 1, False, True))
            open_at, open_kind = None, None
        elif (
            open_kind == "d"
            and char == "“"
            and (text[open_at or start] == "„" or _misused_as_closing(text, i))
        ):
            spans.append((open_at or start, i + 1, False, True))  # German „…“, or a typo
            open_at, open_kind = None, None
    if open_at is not None:
        spans.append((open_at, end, False, False))
        return spans, open_kind
    return spans, None


def _opens_with_mark(text: str, paragraph: Paragraph) -> bool:
    first = text[paragraph.start] if paragraph.start < len(text) else ""
    return first in DOUBLE_OPEN or first == STRAIGHT_DOUBLE


DOUBLED_MARKS = ("''", "``")
"""Two apostrophes (or backticks) typed for a double quotation mark: ''…'' and ``…''."""


def _single_marks_doubled(text: str) -> str:
    """``text`` with each doubled mark read as a straight double quote and a space, the
    same length, so that offsets hold (the closing mark's second half is put back by
    :func:`find_quoted_spans`)."""
    for doubled in DOUBLED_MARKS:
        text = text.replace(doubled, '" ')
    return text


def find_quoted_spans(text: str, paragraphs: list[Paragraph]) -> list[QuotedSpan]:
    """Every quotation-mark span in ``text``, in order, none crossing a paragraph boundary."""
    original = text
    text = _single_marks_doubled(text)
    result: list[QuotedSpan] = []
    for index, paragraph in enumerate(paragraphs):
        pairs, left_open = _scan_paragraph(text, paragraph.start, paragraph.end, None)
        next_paragraph = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        continues = bool(left_open and next_paragraph and _opens_with_mark(text, next_paragraph))
        previous_continues = bool(result and result[-1].continues)
        for position, (start, end, single, closed) in enumerate(pairs):
            is_last_open = not closed and position == len(pairs) - 1
            result.append(
                QuotedSpan(
                    start=start,
                    end=_trim_end(text, start, end) if not closed else end,
                    single=single,
                    closed=closed,
                    continues=continues and is_last_open,
                    continued=previous_continues and position == 0 and start == paragraph.start,
                )
            )
    return [_whole_doubled_mark(original, span) for span in result if span.end - span.start >= 2]


def _whole_doubled_mark(text: str, span: QuotedSpan) -> QuotedSpan:
    """A span closed by a doubled mark ("…,'' she said") ends after both of its halves."""
    end = span.end
    if span.closed and end < len(text) and text[end - 1 : end + 1] in DOUBLED_MARKS:
        return QuotedSpan(
            span.start, end + 1, span.single, span.closed, span.continues, span.continued
        )
    return span


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end
