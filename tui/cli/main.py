"""The ``byline`` entry point: the whole argument parser (each command group adds its own
subcommands, in the order ``byline --help`` lists them) and :func:`main`, which runs the
reader or a command and turns every failure into one line and an exit status.

The command groups are imported only when the full parser is built: ``byline PATH`` needs
just the reader's options.
"""

from __future__ import annotations

import argparse
import os
import sys

from tui import __version__
from tui.cli.common import (
    DB_HELP,
    EXIT_BROKEN_PIPE,
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    MODEL_HELP,
    PROG,
    CommandError,
    HelpFormatter,
    error,
)
from tui.cli.reader import READER_HELP, run_library_reader, run_reader


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False``: just the reader's options (a faster start)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [PATH …] | {PROG} COMMAND …",
        description="Byline: a terminal news reader that shows who said what.",
        epilog=READER_HELP,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--model", help=MODEL_HELP)
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    from tui.bench.command import add_bench_command
    from tui.cli.annotate import add_annotate_commands
    from tui.cli.feeds import add_feed_commands
    from tui.cli.index import add_index_command
    from tui.cli.library import add_add_command, add_library_commands
    from tui.cli.serve import add_serve_command

    # prog: a subcommand's usage starts "byline NAME", not the whole usage line above
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)
    add_annotate_commands(subcommands)  # annotate, eval
    # The commands on the library take --db after their name too.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    add_add_command(subcommands, db)
    add_index_command(subcommands, db)
    add_library_commands(subcommands, db)  # search, people, stories, export, library, rm, read
    add_feed_commands(subcommands, db)  # feed, import-opml, export-opml
    add_serve_command(subcommands, db)
    add_bench_command(subcommands)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


COMMANDS = frozenset(
    {
        "annotate",
        "eval",
        "add",
        "index",
        "bench",
        "search",
        "people",
        "stories",
        "export",
        "library",
        "rm",
        "read",
        "feed",
        "import-opml",
        "export-opml",
        "serve",
    }
)
_VALUE_OPTIONS = frozenset({"--model", "--db"})


def _split_reader_paths(argv: list[str]) -> tuple[list[str], list[str]]:
    """argparse cannot mix subcommands with bare paths: take the paths off first."""
    words = [
        w
        for i, w in enumerate(argv)
        if not w.startswith("-") and (i == 0 or argv[i - 1] not in _VALUE_OPTIONS)
    ]
    if not words or words[0] in COMMANDS:
        return argv, []
    options, paths, skip = [], [], False
    for word in argv:
        if skip:
            options.append(word)
            skip = False
        elif word in _VALUE_OPTIONS:
            options.append(word)
            skip = True
        elif word.startswith("-") and word != "-":
            options.append(word)
        else:
            paths.append(word)
    return options, paths


def _command_hint(paths: list[str]) -> str:
    """A word taken for a path that names no file but is close to a command (``byline
    libary``): say which command it may have meant."""
    if len(paths) != 1 or os.path.exists(paths[0]) or any(c in paths[0] for c in "/.\\"):
        return ""
    import difflib

    close = difflib.get_close_matches(paths[0], sorted(COMMANDS), n=1, cutoff=0.75)
    return f" (did you mean `{PROG} {close[0]}`?)" if close else ""


def main(argv: list[str] | None = None) -> int:
    """Run ``byline``; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    argv, reader_paths = _split_reader_paths(argv)
    asks_help = any(word in ("-h", "--help") for word in argv)
    parser = build_parser(commands=not reader_paths or asks_help)
    try:
        args = parser.parse_args(argv)
        args.reader_paths = reader_paths
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        if exc.code is None:
            return EXIT_OK
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command is None:
            if args.reader_paths:
                return run_reader(args.reader_paths, model=args.model, db=args.db)
            return run_library_reader(args)
        return args.func(args)
    except CommandError as exc:
        error(str(exc) + _command_hint(args.reader_paths))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:
        from tui.library.db import LibraryError

        if isinstance(exc, LibraryError):  # a full disk, a read-only library, …: say so
            error(str(exc))
            return EXIT_FAILURE
        error(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_FAILURE
