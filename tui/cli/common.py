"""What every ``byline`` command shares: the program name and exit codes,
:class:`CommandError` and the one-line ``byline: …`` messages, the help texts of the
common options and the help formatter that wraps them to the terminal, argparse types,
listing rows fitted to the terminal's width, opening the library, the engine's errors as
one line, and writing a file whole or not at all.

Nothing here imports more than the standard library at module level.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from tui.library import Library

PROG = "byline"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a writer killed by SIGPIPE
EXIT_INTERRUPTED = 130
STDIN = "-"

MODEL_HELP = "spaCy pipeline (default: $BYLINE_MODEL, then engine.model in the config file)"
DB_HELP = "library database (default: $BYLINE_DB, then library.sqlite3 in the user data folder)"


class CommandError(Exception):
    """A user-facing failure: the message is printed as ``byline: <message>``."""


def shown(text: object) -> str:
    """Untrusted text (a title, a URL, an error naming them) as one line a terminal only
    shows (:func:`tui.render_text.clean`: control and bidi characters become U+FFFD)."""
    from tui.render_text import clean

    return clean(str(text), single_line=True)


def error(message: str) -> None:
    """Print one ``byline: …`` line on stderr (newlines folded, so it stays one line)."""
    print(f"{PROG}: {shown(message)}", file=sys.stderr)


def warn(message: str) -> None:
    error(f"warning: {message}")


def _console() -> Console:
    """A console on the current stdout; rich is imported only when text is printed."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, emoji=False)


def output_width() -> int | None:
    """The terminal's width in cells when stdout is a terminal; None for a pipe or a file,
    which gets every line whole, so a script reading a listing loses nothing."""
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return None
    return shutil.get_terminal_size().columns


MIN_TEXT_CELLS = 12  # what a row keeps of its text however narrow the terminal


def fit_row(fixed: str, text: str, width: int | None) -> str:
    """A listing's row: ``fixed`` (the columns that keep their width: ids, dates, counts),
    then ``text`` (a title, a snippet, a name) cut with "…" to the rest of ``width`` cells;
    whole when ``width`` is None (see :func:`output_width`). A terminal too narrow for even
    :data:`MIN_TEXT_CELLS` of text wraps the row rather than show no title at all."""
    if width is None:
        return fixed + text
    from rich.cells import cell_len

    from tui.textfit import cut

    return fixed + cut(text, max(width - cell_len(fixed), MIN_TEXT_CELLS))


ITEM_SEPARATOR = " · "  # between the entries of a list written as a paragraph (keys)


def fill_paragraph(text: str, width: int, indent: str = "") -> str:
    """A paragraph of prose re-wrapped to ``width`` columns. A list run together with " · "
    (the reader's keys) breaks only between its entries, so a key never ends one line and
    its meaning begins the next; an entry longer than a line wraps at its spaces. The help
    texts are ASCII but for "…" and "·", so characters count as cells here."""
    entries = " ".join(text.split()).split(ITEM_SEPARATOR)
    lines: list[str] = []
    line = ""
    for number, entry in enumerate(entries):
        piece = entry + ITEM_SEPARATOR.rstrip() if number < len(entries) - 1 else entry
        joined = f"{line} {piece}" if line else indent + piece
        if line and len(joined) > width:
            lines.append(line)
            joined = indent + piece
        if len(joined) > width:
            # never inside a word: an --option or a path is not split at its hyphens
            *full, joined = textwrap.wrap(
                joined,
                width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
            lines += full
        line = joined
    return "\n".join([*lines, line])


class HelpFormatter(argparse.HelpFormatter):
    """Help whose descriptions and epilogs keep their paragraphs (and their indented
    lines: examples, commands) but re-wrap the prose of each paragraph to the width argparse
    wraps the options to (two columns less than the terminal, or than 80 when there is none).
    :class:`argparse.RawDescriptionHelpFormatter` kept the line breaks written for one
    width, which a narrower terminal broke again mid-word."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.strip("\n").split("\n\n"):
            lines = paragraph.splitlines()
            if any(line[:1].isspace() for line in lines):  # laid out by hand: kept
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(fill_paragraph(paragraph, width, indent))
        return "\n\n".join(paragraphs)


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return number


def _resolved_model(model: str | None) -> str:
    """The model name the library files annotations under (``--model``, env, config)."""
    from tui.config import ConfigError
    from tui.nlp.pipeline import resolve_model_name

    try:
        return resolve_model_name(model)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None


@contextmanager
def _engine_errors() -> Iterator[None]:
    """A model that is not installed, or a config naming a bad one: one line, not a
    traceback (raised only once something really needs annotating)."""
    from tui.config import ConfigError
    from tui.nlp.pipeline import ModelNotAvailable

    try:
        yield
    except (ModelNotAvailable, ConfigError) as exc:
        raise CommandError(str(exc)) from None


def _open_library(args: argparse.Namespace) -> Library:
    """Open (or create) the library; a damaged file is moved aside and a fresh library
    started, with a one-line warning (see :class:`tui.library.Library`)."""
    from tui.library import Library, LibraryError

    try:
        library = Library(getattr(args, "db", None), recover=True)
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    if library.recovered:
        warn(library.recovered)
    return library


def resolve_ids(library: Library, prefixes: Sequence[str], nothing_done: str) -> list[str]:
    """The article ids the prefixes name (each given once), or a :class:`CommandError`
    for the first that names none or several, ending with what was therefore not done."""
    from tui.library import LibraryError

    ids: list[str] = []
    for prefix in prefixes:
        try:
            ids.append(library.resolve_id(prefix))
        except LibraryError as exc:
            raise CommandError(f"{exc}; {nothing_done}") from None
    return list(dict.fromkeys(ids))


def write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file beside it, then a
    rename), so an export that fails midway never leaves half a report over a good one."""
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"{path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
