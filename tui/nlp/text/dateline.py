"""Datelines: "LONDON (Reuters) –", "PARIS, June 3 (AFP) -", "KYIV —" opening a paragraph.

A dateline says where (and from which agency) a story was filed; it is never a speaker
nor part of a quotation, though the parser reads it into the first sentence's subject or
content. The place is written in capitals, which is what tells it from a sentence that
opens with a name and a dash.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3})"  # LONDON, SAN FRANCISCO
    r"(?:,[ \t]+[A-Z][\w.]*(?:[ \t]+[\w.]+){0,3})?"  # , June 3 · , Calif. · , D.C.
    r"(?:[ \t]+\([A-Za-z][\w .&/-]{0,30}\))?"  # (Reuters)
    r"[ \t]*(?:[–—]|--?)[ \t]+"  # the dash after it ("NAME:" heads a transcript's turn)
    r"(?=[A-Z\"“‘'])"  # then a sentence starts
)


def dateline_end(text: str) -> int:
    """Where the dateline opening ``text`` (a paragraph) ends: 0 when there is none."""
    found = DATELINE.match(text)
    if found is None or not any(c.isalpha() for c in found["place"]) or len(found["place"]) < 2:
        return 0
    return found.end()
