"""Feed subscriptions: ``byline feed add|list|remove|refresh`` (refreshing prints a
line per feed, then annotates what was added) and ``import-opml`` / ``export-opml``,
with their subparsers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    MODEL_HELP,
    STDIN,
    CommandError,
    _engine_errors,
    _open_library,
    error,
    fit_row,
    output_width,
    shown,
    warn,
)
from tui.cli.progress import _annotating_line
from tui.humantime import plural

if TYPE_CHECKING:
    from tui.library import Feed, Library
    from tui.library.refresh import RefreshResult


def feed_url(url: str) -> str:
    """``url`` (trimmed) when it is an http or https URL with a host; anything else (a
    ``file:`` URL, a plain path, ``javascript:``…) would be fetched or shown as a link
    later, so it is refused here with a :class:`CommandError`."""
    from urllib.parse import urlsplit

    text = url.strip()
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port that is not a number
        usable = (
            parts.scheme.lower() in ("http", "https")
            and bool(parts.hostname)
            and not any(c.isspace() or not c.isprintable() for c in text)
        )
    except ValueError:
        usable = False
    if not usable:
        raise CommandError(f"{url}: not a feed URL (give an http:// or https:// address)")
    return text


def cmd_feed(args: argparse.Namespace) -> int:
    if args.feed_command == "refresh":
        return cmd_feed_refresh(args)
    if args.feed_command == "add":
        url = feed_url(args.url)
        with _open_library(args) as library:
            feed_id = library.add_feed(url, args.title)
        print(f"feed {feed_id}: {shown(url)}")
        return EXIT_OK
    with _open_library(args) as library:
        if args.feed_command == "remove":
            return _remove_feed(library, args.feed)
        feeds = library.feeds()
        width = output_width()
        for feed in feeds:
            title, url = shown(feed.title or "-"), shown(feed.url)
            print(fit_row(f"{feed.id:>4}  {feed.unread:>4} unread  ", f"{title}  {url}", width))
    if not feeds:  # on stderr: a script reading the list still gets an empty one
        error("no feeds subscribed (add one with `byline feed add URL`)")
    return EXIT_OK


def _remove_feed(library: Library, given: str) -> int:
    """Unsubscribe from the feed given by its URL or number; its articles stay."""
    feed_id = library.feed_id(given.strip())
    feed = next((f for f in library.feeds() if f.id == feed_id), None)
    if feed is None or not library.remove_feed(feed.id):
        raise CommandError(f"{given}: no such feed (`byline feed list` shows them)")
    print(
        f"removed feed {feed.id}: {shown(feed.url)} "
        f"({plural(feed.articles, 'article')} of it stay in the library)"
    )
    return EXIT_OK


# -- feed refresh -----------------------------------------------------------------------

FETCH_TIMEOUT = 10.0  # seconds, for a feed and for each item link


def refresh_feed(
    library: Library, feed_id: int, url: str, title: str | None, seen: set[str]
) -> RefreshResult:
    """:func:`tui.library.refresh.refresh_feed`, its warnings printed to stderr."""
    from tui.library.refresh import refresh_feed as refresh

    return refresh(library, feed_id, url, title, seen, on_warning=warn, timeout=FETCH_TIMEOUT)


def refresh_feeds(library: Library, feeds: Iterable[Feed]) -> tuple[list[str], bool]:
    """Refresh each feed, printing a line per feed (an error line for one that fails);
    return the new article ids and whether any feed failed."""
    from tui.sources import SourceError

    seen: set[str] = set()  # links taken in this run; the library answers for the rest
    added: list[str] = []
    failed = False
    for feed in feeds:
        try:
            result = refresh_feed(library, feed.id, feed.url, feed.title, seen)
        except SourceError as exc:
            error(str(exc))
            failed = True
            continue
        added += result.added
        same = f", {result.duplicates} duplicates of stored articles" if result.duplicates else ""
        later = f", {result.deferred} left for the next refresh" if result.deferred else ""
        print(
            f"{shown(result.title or feed.url)}: {len(result.added)} new, {result.failures} "
            f"failed{same}{later}; {result.seconds:.1f} s",
            flush=True,
        )
    return added, failed


def cmd_feed_refresh(args: argparse.Namespace) -> int:
    """Refresh the chosen feeds (all without URLs), then annotate what they added."""
    from tui.library import batch

    if args.all and args.urls:
        raise CommandError("give --all or feed URLs, not both")
    failed = False
    with _open_library(args) as library:
        feeds = library.feeds()
        if args.urls:
            by_url = {f.url: f for f in feeds}
            missing = [u for u in args.urls if u not in by_url]
            if missing:
                raise CommandError(f"{missing[0]}: not subscribed (use `byline feed add URL`)")
            feeds = [by_url[u] for u in dict.fromkeys(args.urls)]
        if not feeds:
            raise CommandError("no feeds to refresh (use `byline feed add URL`)")
        new_ids, failed = refresh_feeds(library, feeds)
        if new_ids:
            with _engine_errors(), _annotating_line() as progress:
                stats = batch.index(library, ids=new_ids, model=args.model, progress=progress)
            print(
                f"annotated {stats.annotated}, reused {stats.reused + stats.skipped}; "
                f"{stats.seconds:.1f} s"
            )
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_import_opml(args: argparse.Namespace) -> int:
    """Subscribe to every feed an OPML file lists."""
    from tui.sources import SourceError
    from tui.sources.feeds import read_opml

    try:
        subscriptions = read_opml(Path(args.file).read_bytes())
    except OSError as exc:
        raise CommandError(f"{args.file}: {exc.strerror or exc}") from None
    except SourceError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    usable = []
    for sub in subscriptions:
        try:
            usable.append((feed_url(sub.url), sub.title if sub.title != sub.url else None))
        except CommandError as exc:
            warn(f"{exc}; skipped")
    with _open_library(args) as library:
        known = {f.url for f in library.feeds()}
        for url, title in usable:
            library.add_feed(url, title)
    new = len({url for url, _ in usable} - known)
    print(f"imported {len(usable)} feeds ({new} new)")
    return EXIT_OK


def cmd_export_opml(args: argparse.Namespace) -> int:
    """Write the subscriptions as OPML to FILE, or to stdout."""
    from tui.sources.feeds import Subscription, write_opml

    with _open_library(args) as library:
        subscriptions = [Subscription(f.title or f.url, f.url) for f in library.feeds()]
    document = write_opml(subscriptions)
    if args.file is None or args.file == STDIN:
        sys.stdout.write(document)
        return EXIT_OK
    try:
        Path(args.file).write_text(document, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{args.file}: {exc.strerror or exc}") from None
    return EXIT_OK


def add_feed_commands(commands: Any, db: argparse.ArgumentParser) -> None:
    """``feed`` (with its actions), ``import-opml`` and ``export-opml``."""
    feed = commands.add_parser("feed", parents=[db], help="feed subscriptions")
    feed_commands = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    feed_add = feed_commands.add_parser(
        "add", parents=[db], help="subscribe to a feed URL (http or https)"
    )
    feed_add.add_argument("url", metavar="URL")
    feed_add.add_argument("--title")
    feed_commands.add_parser("list", parents=[db], help="feeds with unread counts")
    feed_remove = feed_commands.add_parser(
        "remove", parents=[db], help="unsubscribe (the feed's articles stay in the library)"
    )
    feed_remove.add_argument("feed", metavar="URL|NUMBER", help="as `byline feed list` shows")
    from tui.library.refresh import MAX_TEASER_FETCHES

    refresh = feed_commands.add_parser(
        "refresh",
        parents=[db],
        help="fetch feeds and add their new articles",
        description="Fetch the subscribed feeds (all of them, or the URLs given), add their "
        f"new items and annotate them. Teaser-only items have their page fetched, at most "
        f"{MAX_TEASER_FETCHES} per feed per refresh.",
    )
    refresh.add_argument("urls", nargs="*", metavar="URL", help="a subscribed feed's URL")
    refresh.add_argument("--all", action="store_true", help="every subscribed feed (default)")
    refresh.add_argument("--model", help=MODEL_HELP)
    feed.set_defaults(func=cmd_feed)

    opml_in = commands.add_parser(
        "import-opml", parents=[db], help="subscribe to the feeds of an OPML file"
    )
    opml_in.add_argument("file", metavar="FILE")
    opml_in.set_defaults(func=cmd_import_opml)
    opml_out = commands.add_parser(
        "export-opml", parents=[db], help="write the subscriptions as OPML (stdout by default)"
    )
    opml_out.add_argument("file", metavar="FILE", nargs="?")
    opml_out.set_defaults(func=cmd_export_opml)
