"""What every ``byline`` command shares: the program name and exit codes,
:class:`CommandError` and the one-line ``byline: …`` messages, the help texts of the
common options, argparse types, opening the library, the engine's errors as one line,
and writing a file whole or not at all.

Nothing here imports more than the standard library at module level.
"""

from __future__ import annotations

import argparse
import os
import sys
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
