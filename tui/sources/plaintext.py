"""Plain-text articles: the corpus header format, or a bare file whose first line is a headline.

The corpus format is a block of ``Key: value`` lines (``Title``, ``Date``, ``Source``, ``URL``,
``License``), one blank line, then the body. A bare file whose first line is short and
unpunctuated (a headline) gives that line as the title. Either way the article's ``text``
is exactly the body, so every offset the engine produces indexes what a reader sees.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

from tui.model import Article
from tui.sources.errors import SourceError

HEADER_KEYS = {"title", "date", "source", "url", "license", "author", "byline"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z-]{0,20}):[ \t]*(.*)$")
MAX_FILE_BYTES = 50 * 1024 * 1024
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 25


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a header value, or None when it is not one."""
    if not value:
        return None
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(value[:40], fmt).date().isoformat()
        except ValueError:
            continue
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    return None


def _split_header(raw: str) -> tuple[dict[str, str], str] | None:
    """The header fields and the body, when ``raw`` starts with a header block."""
    lines = raw.split("\n")
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        if line.strip() == "":
            if "title" in fields or len(fields) >= 2:
                return fields, "\n".join(lines[index + 1 :])
            return None
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if not match or match.group(1).lower() not in HEADER_KEYS:
            return None
        fields[match.group(1).lower()] = match.group(2).strip()
    return None


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > HEADLINE_MAX_CHARS:
        return False
    if len(stripped.split()) > HEADLINE_MAX_WORDS:
        return False
    return not stripped.endswith((".", "!", "?", ":", ";", ",", "”", '"', "’"))


def parse_plain_text(raw: str, *, date: str | None = None, source: str | None = None) -> Article:
    """An :class:`Article` from the text of a plain file (header block or headline first)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    header = _split_header(raw)
    if header is not None:
        fields, body = header
        return Article.from_text(
            body,
            title=fields.get("title") or None,
            date=normalise_date(fields.get("date")) or date,
            source=fields.get("source") or source,
            url=fields.get("url") or None,
        )
    first, newline, rest = raw.partition("\n")
    if newline and rest.strip() and _looks_like_headline(first):
        return Article.from_text(rest, title=first.strip(), date=date, source=source)
    return Article.from_text(raw, title=None, date=date, source=source)


def decode_bytes(data: bytes) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else cp1252 with replacement."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def load_text_file(path: str | os.PathLike[str], *, date: str | None = None) -> Article:
    """Read an article file; raise :class:`SourceError` with a one-line reason on failure."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise SourceError(f"{path}: too large ({info.st_size} bytes; limit {MAX_FILE_BYTES})")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: {error.strerror or error}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{path}: looks like a binary file, not text")
    return parse_plain_text(decode_bytes(data), date=date, source=None)
