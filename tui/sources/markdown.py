"""Markdown articles: the first level-one heading is the headline, the rest is the body.

The body keeps its markdown as written (emphasis marks, links, lists): the engine reads
prose fine through them, and stripping syntax would break the promise that offsets index
exactly what a reader sees in the file.
"""

from __future__ import annotations

import re

from tui.model import Article
from tui.sources.plaintext import normalise_date

_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$")


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML-ish ``---`` front matter (flat ``key: value`` only) and the remaining lines."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    fields: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return fields, lines[index + 1 :]
        match = _FRONT_MATTER_KEY.match(line)
        if match:
            fields[match.group(1).lower()] = match.group(2).strip().strip("\"'")
    return {}, lines  # never closed: not front matter


def parse_markdown(text: str) -> Article:
    """An :class:`Article` from markdown: headline from the first ``# heading``, body as is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    fields, lines = _front_matter(text.split("\n"))
    title = fields.get("title") or None
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _ATX_H1.match(line)
        if match:
            title = title or match.group(1).strip()
            rest = lines[:index] + lines[index + 1 :]
            if not "\n".join(lines[:index]).strip():  # heading on top: drop the gap after it
                rest = lines[index + 1 :]
                while rest and not rest[0].strip():
                    rest.pop(0)
            lines = rest
            break
    return Article.from_text(
        "\n".join(lines),
        title=title,
        date=normalise_date(fields.get("date")),
        source=fields.get("source") or None,
        url=fields.get("url") or None,
    )
