"""``byline`` with no command: the reader's start-up, on the library (seeded with the
bundled samples on first run) or on the articles given; and the help text about it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import EXIT_OK, CommandError, _open_library, error, warn
from tui.cli.inputs import expand_inputs, load_input
from tui.model import NOT_SAID
from tui.samples import samples_dir

if TYPE_CHECKING:
    from tui.library import Library
    from tui.model import Article

# Paragraphs of prose: ``byline --help`` re-wraps each to the terminal's width, breaking the
# keys' list only between its " · "-separated entries (tui.cli.common.HelpFormatter).
READER_HELP = f"""\
With no command, byline opens the reader: `byline` shows your library (seeded with the
bundled samples on first run); `byline PATH…` adds those articles to your library and
shows it, and one article opens straight into the reader (not added).

Reader keys: 1/2/3 speakers/quotes/events · t next pane · Enter select · n/N next/previous
quote · b {NOT_SAID} on/off · [ ] sentence cursor · / search ·
a highlights on/off · y copy quote · o open URL · Esc back · ? all keys · Ctrl+P command
palette · q quit.

Keys are remapped in the config file's [keys] table by binding id (the ? screen lists the
ids).

Environment: BYLINE_DB (the library file), BYLINE_CACHE_DIR (the annotation cache),
BYLINE_CONFIG (the config file), BYLINE_MODEL (the spaCy pipeline).
"""


def seed_library(library: Library, folder: Path | None = None) -> list[str]:
    """Add the bundled samples to an empty library (not annotated); return the new ids.

    A library that already has articles is left alone, so this runs once, on first use.
    """
    if library.article_count():
        return []
    articles: list[Article] = []
    for item in expand_inputs([str(folder or samples_dir())]):
        if isinstance(item, CommandError):
            warn(str(item))
            continue
        try:
            articles.extend(load_input(item, None))
        except CommandError as exc:
            warn(str(exc))
    return library.add_articles(articles)


def run_library_reader(args: argparse.Namespace) -> int:
    """Open the reader on the library, seeding an empty library first. The app pages
    through the library itself, so nothing is read here but a count."""
    with _open_library(args) as library:
        seed_library(library)
        empty = not library.article_count()
        notice = library.recovered  # shown again in the app: the warning scrolls away
        path = library.path
    if empty:
        raise CommandError("the library is empty; add articles with `byline add PATH`")
    return _start_app([], model=args.model, open_single=False, db=path, notice=notice)


def _start_app(
    articles: list[Article],
    *,
    model: str | None,
    open_single: bool = True,
    db: str | Path | None = None,
    notice: str | None = None,
) -> int:
    """Run the Textual app: on one article (``[article]``, straight into the reader) or
    on the library (``[]`` and ``open_single=False``: its screens page through ``db``);
    ``notice``: a library recovery to tell the user about."""
    from tui.config import ConfigError, load_config

    try:
        config = load_config()
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    from tui.app import BylineApp
    from tui.keymap import check_keymap, warning_line

    keymap, problems = check_keymap(config.keys or {})
    warning = warning_line(problems) if problems else None
    if warning:
        print(f"byline: warning: {warning}", file=sys.stderr)
    app = BylineApp(
        articles,
        model=model,
        keymap=keymap,
        open_single=open_single,
        db=db,
        notice=notice,
        keymap_warning=warning,
    )
    app.run()
    return EXIT_OK


def run_reader(paths: Sequence[str], *, model: str | None, db: str | None = None) -> int:
    """Open these articles; unreadable ones are reported first (nothing else is printed).

    One article opens straight into the reader and is not added. Several are added to the
    library (a duplicate of a stored article is recognised and not added again) and the
    app opens on the library, so People, Search, Stories and Feeds cover them. Nothing is
    annotated here, so the app starts at once however many there are.
    """
    articles = read_articles(paths)
    if len(articles) == 1:
        return _start_app(articles, model=model, db=db)
    with _open_library(argparse.Namespace(db=db)) as library:
        library.add(articles)
        notice = library.recovered
        path = library.path
    return _start_app([], model=model, open_single=False, db=path, notice=notice)


def read_articles(paths: Sequence[str]) -> list[Article]:
    """The articles these paths hold; each unreadable one is reported in one line, and a
    :class:`CommandError` says so when none is left."""
    articles: list[Article] = []
    problems: list[str] = []
    for item in expand_inputs(paths):
        if isinstance(item, CommandError):
            problems.append(str(item))
            continue
        if item.path is None:
            problems.append("the reader cannot read standard input; use `byline annotate -`")
            continue
        try:
            articles.extend(load_input(item, None))
        except CommandError as exc:
            problems.append(str(exc))
    if not articles:  # one line per problem: the last one also says nothing opens
        for message in problems[:-1]:
            error(message)
        last = f"{problems[-1]}; " if problems else ""
        raise CommandError(f"{last}no articles to open")
    for message in problems:
        error(message)
    return articles
