"""Reading the articles named on the command line: files, directories of articles and
standard input, with dates checked and each unusable input reported as one line."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.cli.common import STDIN, CommandError, error, warn

if TYPE_CHECKING:
    from tui.model import Article

SKIPPED_PREFIXES = ("readme", "attribution")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LOADABLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".rss", ".xml", ".atom")


@dataclass(frozen=True, slots=True)
class Input:
    """One article the user asked for: where it comes from and how to name it in errors."""

    name: str
    path: Path | None  # None for stdin


def parse_date(value: str | None) -> str | None:
    """A validated ``YYYY-MM-DD`` date (or None); raise :class:`CommandError` otherwise."""
    if value is None:
        return None
    if not _ISO_DATE.fullmatch(value):
        raise CommandError(f"--date {value!r}: expected YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise CommandError(f"--date {value!r}: {exc}") from None


def is_article_file(path: Path) -> bool:
    """Whether a directory entry is an article: a ``.txt`` file that is not a README/notice."""
    return (
        path.suffix.lower() == ".txt"
        and not path.name.lower().startswith(SKIPPED_PREFIXES)
        and path.is_file()
    )


def expand_inputs(arguments: Sequence[str]) -> Iterator[Input | CommandError]:
    """The articles named on the command line, directories expanded to their sorted ``*.txt``."""
    for argument in arguments:
        if argument == STDIN:
            yield Input("<stdin>", None)
            continue
        path = Path(argument)
        if path.is_dir():
            try:
                entries = sorted(p for p in path.iterdir() if is_article_file(p))
            except OSError as exc:
                yield CommandError(f"{argument}: {exc.strerror or exc}")
                continue
            if not entries:
                yield CommandError(f"{argument}: no .txt articles in this directory")
            yield from (Input(str(p), p) for p in entries)
        else:
            yield Input(argument, path)


def read_stdin(date: str | None) -> Article:
    from tui.sources.plaintext import decode_bytes, parse_plain_text

    stream: TextIO = sys.stdin
    buffer = getattr(stream, "buffer", None)
    raw = decode_bytes(buffer.read()) if buffer is not None else stream.read()
    return parse_plain_text(raw, date=date)


def load_input(item: Input, date: str | None) -> list[Article]:
    """Read one input (a feed gives several articles); ``date`` fills a missing date.

    Raise :class:`CommandError` naming the input when it cannot be used.
    """
    from dataclasses import replace

    from tui.sources import SourceError, load_path

    try:
        articles = [read_stdin(date)] if item.path is None else load_path(item.path, report=warn)
    except SourceError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{item.name}: {exc.strerror or exc}") from None
    articles = [a for a in articles if a.text.strip()]
    if not articles:
        raise CommandError(f"{item.name}: no article text")
    return [a if a.date or not date else replace(a, date=date) for a in articles]


def _path_loader() -> tuple[Callable[[Path], list[Article]], tuple[str, ...]]:
    """``tui.sources.load_path`` (every supported format) or, without it, plain text only."""
    from tui.sources import load_text_file

    try:
        from tui.sources import load_path  # type: ignore[attr-defined]
    except ImportError:
        return (lambda path: [load_text_file(path)]), (".txt",)
    return (lambda path: load_path(path, report=warn)), LOADABLE_SUFFIXES  # e.g. a feed cut


def load_paths(arguments: Sequence[str]) -> tuple[list[Article], list[str]]:
    """Articles from files and directories (their loadable files, sorted), and the errors."""
    from tui.sources import SourceError

    load, suffixes = _path_loader()
    articles: list[Article] = []
    errors: list[str] = []
    for argument in arguments:
        path = Path(argument)
        files = [path]
        if path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in suffixes
                and not p.name.lower().startswith(SKIPPED_PREFIXES)
                and p.is_file()
            )
            if not files:
                errors.append(f"{argument}: no articles in this directory")
        for file in files:
            try:
                articles.extend(a for a in load(file) if a.text.strip())
            except SourceError as exc:
                errors.append(str(exc))
            except OSError as exc:
                errors.append(f"{file}: {exc.strerror or exc}")
    return articles, errors


def stream_paths(arguments: Sequence[str], errors: list[str]) -> Iterator[Article]:
    """:func:`load_paths`, one file at a time, so ``index`` reads a corpus of any size
    without holding it; each error is printed when met and kept in ``errors``."""
    _, suffixes = _path_loader()

    def report(message: str) -> None:
        errors.append(message)
        error(message)

    for argument in arguments:
        path = Path(argument)
        files = [path]
        if path.is_dir():
            try:
                files = sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in suffixes
                    and not p.name.lower().startswith(SKIPPED_PREFIXES)
                    and p.is_file()
                )
            except OSError as exc:
                report(f"{argument}: {exc.strerror or exc}")
                continue
            if not files:
                report(f"{argument}: no articles in this directory")
        for file in files:
            articles, problems = load_paths([str(file)])
            for message in problems:
                report(message)
            yield from articles
