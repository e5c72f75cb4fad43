"""Split an article body into paragraphs, keeping offsets into the whole text.

Byline parses each paragraph on its own: a headline fused to the lead sentence, or two
paragraphs fused into one "sentence", is the parser's most common failure on news text.
Blank lines always separate paragraphs. A single newline separates them too when the line
before it reads as finished (ends a sentence or a quotation, or is a short headline-like
line); otherwise it is a soft wrap inside one paragraph. "Short" is relative to the block:
in text hard-wrapped at 60–80 columns every line is under 80 characters, so a line only
reads as a headline when it is also well short of the block's longest line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = (".", "!", "?", "…", ":", '"', "”", "’", "'", "»", ")", "]")
_SHORT_LINE = 80
_SHORT_RATIO = 0.7


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


def _ends_block(line: str, width: int) -> bool:
    """Whether ``line`` ends a paragraph in a block whose longest line is ``width`` long."""
    stripped = line.rstrip()
    if stripped.endswith(_SENTENCE_END):
        return True
    return len(stripped) < _SHORT_LINE and len(stripped) < _SHORT_RATIO * width


def _lines(block: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs in one blank-line-free block."""
    pieces: list[tuple[int, int]] = []
    start = 0
    position = 0
    lines = block.split("\n")
    width = max(len(line.rstrip()) for line in lines)
    for line in lines:
        end = position + len(line)
        if _ends_block(line, width) and block[start:end].strip():
            pieces.append((start, end))
            start = end + 1
        position = end + 1
    if block[start:].strip():
        pieces.append((start, len(block)))
    return [(offset + s, offset + e) for s, e in pieces]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[Paragraph]:
    """The non-empty paragraphs of ``text``, trimmed of surrounding white space."""
    paragraphs: list[Paragraph] = []
    block_start = 0
    boundaries = [(m.start(), m.end()) for m in _BLANK_LINES.finditer(text)]
    boundaries.append((len(text), len(text)))
    for gap_start, gap_end in boundaries:
        block = text[block_start:gap_start]
        for start, end in _lines(block, block_start):
            start, end = _trim(text, start, end)
            if start < end:
                paragraphs.append(Paragraph(start, end, text[start:end]))
        block_start = gap_end
    return paragraphs


PARSE_LIMIT = 20_000  # characters one Doc may hold; longer paragraphs are cut
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’»)\]]*\s+")


def bounded(paragraphs: list[Paragraph], limit: int = PARSE_LIMIT) -> list[Paragraph]:
    """The same text, with any paragraph longer than ``limit`` cut into pieces that fit.

    A wall of text with no paragraph breaks (a scraped page, a transcript) would otherwise
    become one enormous ``Doc``: a 20,000-word one peaks at gigabytes. Pieces end at a
    sentence end when there is one in the back half of the window, else at white space,
    else (one endless token) at the limit itself.
    """
    result: list[Paragraph] = []
    for paragraph in paragraphs:
        start = paragraph.start
        text = paragraph.text
        while len(text) > limit:
            cut = _cut_point(text, limit)
            piece_end = len(text[:cut].rstrip())
            result.append(Paragraph(start, start + piece_end, text[:piece_end]))
            rest = len(text) - len(text[cut:].lstrip())
            start += rest
            text = text[rest:]
        if text:
            result.append(Paragraph(start, start + len(text), text))
    return result


def _cut_point(text: str, limit: int) -> int:
    window = text[:limit]
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(window, limit // 2)]
    if ends:
        return ends[-1]
    space = max(window.rfind(" "), window.rfind("\n"))
    return space + 1 if space > limit // 2 else limit
