"""Plain-text articles: the corpus header format, or a bare file whose first line is a headline.

The corpus format is a block of ``Key: value`` lines (``Title``, ``Date``, ``Source``, ``URL``,
``License``), one blank line, then the body. A bare file whose first line is short and
unpunctuated (a headline) gives that line as the title. Either way the article's ``text``
is exactly the body, so every offset the engine produces indexes what a reader sees.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from tui.model import Article
from tui.sources.errors import SourceError

HEADER_KEYS = {"title", "date", "source", "url", "license", "author", "byline"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z-]{0,20}):[ \t]*(.*)$")
MB = 1_000_000
# The largest text or markdown article file read (checked with stat, then by a bounded read,
# so a hostile file costs at most this much memory to load). The longest real long-form
# articles are under 0.5 MB. Annotating is the real cost, and it grows faster than the
# text (speakers are resolved across the whole article): a 1 MB article takes the engine
# minutes and most of a gigabyte, so twice that is the most it is given.
MAX_ARTICLE_BYTES = 2 * MB
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


_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = rf"(?:{'|'.join(_MONTHS)}|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)"
# a line that is a date ("Monday, January 7, 2019", "7 January 2019", "2019-01-07"), or
# a dateline opening the first paragraph ("WASHINGTON, Jan. 7, 2019 (Reuters) —")
_DATE_IN_TEXT = re.compile(
    rf"^(?:[A-Z][A-Za-z .'-]{{1,40}},\s+)?{_WEEKDAY}?"
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    r"(?P<rest>\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:|]|$))",
    re.IGNORECASE,
)
DATE_LINES = 3
"""How many first lines of a body may state its date."""


def date_in_text(body: str) -> str | None:
    """The publication date an article states at its start: a line that is a date
    ("Monday, January 7, 2019", as Wikinews opens) or a dateline ("LONDON, 7 January
    2019 (AP) — …"); None when its first lines state none."""
    lines = [line.strip() for line in body.split("\n") if line.strip()][:DATE_LINES]
    for line in lines:
        match = _DATE_IN_TEXT.match(line[:120])
        if match is None:
            continue
        if match["iso"]:
            return normalise_date(match["iso"])
        month = match["month"] or match["month2"]
        day = match["day"] or match["day2"]
        year = match["year"] or match["year2"]
        number = next(
            (i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower().rstrip("."))),
            None,
        )
        if number is None:
            continue
        try:
            return dt.date(int(year), number, int(day)).isoformat()
        except ValueError:
            continue
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
            date=normalise_date(fields.get("date")) or date or date_in_text(body),
            source=fields.get("source") or source,
            url=fields.get("url") or None,
        )
    first, newline, rest = raw.partition("\n")
    if newline and rest.strip() and _looks_like_headline(first):
        return Article.from_text(
            rest, title=first.strip(), date=date or date_in_text(rest), source=source
        )
    return Article.from_text(raw, title=None, date=date or date_in_text(raw), source=source)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # text with NUL bytes
_replaced = threading.local()


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    """Like the ``replace`` handler, but counts, so a caller can tell the reader."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _replaced.count = getattr(_replaced, "count", 0) + 1
    return "\ufffd", error.end


codecs.register_error("byline-count-replace", _count_and_replace)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def decode_bytes_reporting(data: bytes, declared: str | None = None) -> tuple[str, int]:
    """Text and the number of replaced characters: a BOM decides, then ``declared``, then UTF-8.

    Undeclared bytes are never guessed at (a wrong guess silently garbles names); they
    are read as UTF-8 and every invalid sequence becomes U+FFFD and is counted.
    """
    encoding, start = "utf-8", 0
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, start = name, len(bom)
            break
    else:
        encoding = _known_codec(declared) or "utf-8"
    _replaced.count = 0
    try:
        text = data[start:].decode(encoding, errors="byline-count-replace")
    except (LookupError, UnicodeError):  # a codec that cannot take an error handler
        encoding = "utf-8"
        _replaced.count = 0
        text = data[start:].decode(encoding, errors="byline-count-replace")
    return text, _replaced.count


def decode_bytes(data: bytes) -> str:
    """Text from bytes: a BOM decides, else UTF-8 with invalid sequences replaced."""
    return decode_bytes_reporting(data)[0]


def size_over_limit(size: int, limit: int, what: str) -> str:
    """``10.0 MB is over the 2 MB article limit``: the size as a reader would say it."""
    shown = f"{size / MB:.1f} MB"
    if size / MB < limit / MB + 0.05:  # 2.0 MB would look like it is not over 2 MB
        shown = f"{size:,} bytes"
    return f"{shown} is over the {limit / MB:g} MB {what} limit"


def read_source_bytes(
    path: str | os.PathLike[str], *, limit: int = MAX_ARTICLE_BYTES, what: str = "article"
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`SourceError`.

    The size is checked with ``stat`` before anything is read, and the read itself stops
    one byte past ``limit`` (a file may grow, and ``/proc`` files claim size 0), so memory
    stays bounded. A FIFO or device is refused from ``stat`` without being opened, and the
    open is non-blocking and re-checked with ``fstat`` in case the path was swapped since.
    """
    path = Path(path)
    try:
        info = path.stat()
        _check_regular(path, info, limit, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except SourceError:
        raise
    except OSError as error:
        raise SourceError(f"{path}: {_os_reason(error)}") from None
    except ValueError:  # a NUL in the path
        raise SourceError(f"{str(path)!r}: not a valid path") from None
    try:
        with os.fdopen(fd, "rb") as stream:
            _check_regular(path, os.fstat(stream.fileno()), limit, what)
            data = stream.read(limit + 1)
    except OSError as error:
        raise SourceError(f"{path}: {_os_reason(error)}") from None
    if len(data) > limit:
        raise SourceError(f"{path}: {size_over_limit(len(data), limit, what)}")
    return data


def _check_regular(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: not a regular file")
    if info.st_size > limit:
        raise SourceError(f"{path}: {size_over_limit(info.st_size, limit, what)}")


def _os_reason(error: OSError) -> str:
    """The OS's reason in a reader's words (lower-case, no errno, no repeated path)."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return (error.strerror or type(error).__name__).lower()


_C1_CONTROLS = {chr(c) for c in range(0x80, 0xA0)}


def decode_text_file(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, replaced characters) for the bytes of an undeclared text file.

    A BOM decides (named as ``UTF-16 LE`` etc., so a caller can say what was read); else
    UTF-8 if it decodes cleanly; else Windows-1252 when every byte maps to a printable
    character (the legacy encoding of undeclared Western news text, and the one browsers
    assume); else UTF-8 with each invalid sequence replaced and counted.
    """
    text, replaced = decode_bytes_reporting(data)
    for bom, name in _BOMS:
        if data.startswith(bom) and name != "utf-8":
            return text, name.upper().replace("-LE", " LE").replace("-BE", " BE"), replaced
    if replaced == 0 or data.startswith(b"\xef\xbb\xbf"):
        return text, "utf-8", replaced
    try:
        legacy = data.decode("cp1252")
    except UnicodeDecodeError:
        return text, "utf-8", replaced
    if any(c in _C1_CONTROLS for c in legacy):
        return text, "utf-8", replaced
    return legacy, "windows-1252", 0


def refuse_binary(path: Path, data: bytes, text: str, replaced: int) -> None:
    """:class:`SourceError` for bytes that are not text: NULs (a PNG, a PDF, an executable)
    outside UTF-16/32, or so many undecodable bytes that what is left would be noise."""
    if b"\x00" in data[:4096] and not data.startswith(WIDE_BOMS):
        raise SourceError(f"{path}: looks like a binary file, not text")
    if replaced > 16 and replaced * 4 > len(text):
        raise SourceError(f"{path}: looks like a binary file, not text ({replaced} bad bytes)")


def load_text_file(
    path: str | os.PathLike[str],
    *,
    date: str | None = None,
    report: Callable[[str], None] | None = None,
) -> Article:
    """Read an article file; raise :class:`SourceError` with a one-line reason on failure.

    At most :data:`MAX_ARTICLE_BYTES` are read. ``report`` hears, in one line, what the
    user should know but that is not fatal: a file read as UTF-16/32 (it has a byte-order
    mark) or Windows-1252 rather than UTF-8, or bytes that had to be replaced.
    """
    path = Path(path)
    data = read_source_bytes(path)
    text, encoding, replaced = decode_text_file(data)
    refuse_binary(path, data, text, replaced)
    if report is not None and encoding != "utf-8":
        report(f"{path}: not UTF-8; read as {encoding}")
    if report is not None and replaced:
        report(f"{path}: {replaced} undecodable character(s) replaced with U+FFFD")
    return parse_plain_text(text, date=date, source=None)
