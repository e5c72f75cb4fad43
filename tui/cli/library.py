"""The commands on the library's articles: ``add``, ``search``, ``people``,
``stories``, ``export``, ``library``, ``rm`` and ``read``, with their subparsers
(``index`` is in :mod:`tui.cli.index`, feeds in :mod:`tui.cli.feeds`)."""

from __future__ import annotations

import argparse
import sys
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
    _positive,
    _resolved_model,
    error,
    fit_row,
    output_width,
    resolve_ids,
    shown,
    write_file,
)
from tui.cli.inputs import load_paths, parse_date
from tui.cli.progress import _annotating_line, _index_progress
from tui.humantime import plural

if TYPE_CHECKING:
    from tui.library import Library


def cmd_add(args: argparse.Namespace) -> int:
    """Add articles to the library and annotate the new ones; one summary line."""
    from tui.library import batch

    if args.annotations is not None:
        if args.paths:
            raise CommandError("give PATHs or --annotations DIR, not both")
        return _import_annotations(args)
    if not args.paths:
        raise CommandError("add needs PATHs (or --annotations DIR)")
    articles, errors = load_paths(args.paths)
    if not articles and errors:  # one line per problem: the last one says nothing was added
        *earlier, last = errors
        for message in earlier:
            error(message)
        raise CommandError(f"{last}; nothing added")
    for message in errors:
        error(message)
    if not articles:
        raise CommandError("no articles to add")
    date = parse_date(args.date)
    if date is not None:
        from dataclasses import replace

        articles = [a if a.date else replace(a, date=date) for a in articles]
    with _open_library(args) as library:
        with _engine_errors(), _annotating_line() as progress:
            stats = batch.index(library, articles, model=args.model, progress=progress)
        total = library.article_count()
    known = stats.given - stats.added - stats.duplicates
    print(
        f"added {stats.added} of {stats.given} articles ({known} already in the library, "
        f"{stats.duplicates} duplicates of stored articles); annotated {stats.annotated}, "
        f"reused {stats.skipped + stats.reused}; {stats.seconds:.1f} s; "
        f"library now has {plural(total, 'article')}"
    )
    return EXIT_FAILURE if errors else EXIT_OK


def _import_annotations(args: argparse.Namespace) -> int:
    """``add --annotations``: store the annotations of JSON Lines shards (``index --out``)."""
    from tui.library import LibraryError
    from tui.library.batch import import_annotations

    failed = False

    def report(message: str) -> None:
        nonlocal failed
        failed = True
        error(message)

    model = _resolved_model(args.model)
    with _open_library(args) as library:
        before = library.article_count()
        try:
            result = import_annotations(library, Path(args.annotations), model, report)
        except LibraryError as exc:
            raise CommandError(str(exc)) from None
        total = library.article_count()
    print(
        f"imported {result.imported} annotations from {result.files} files "
        f"({result.bad_lines} bad lines); {total - before} new articles; "
        f"library now has {plural(total, 'article')}"
    )
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        hits = library.search(" ".join(args.query), limit=args.limit)
    if not hits:
        error(f"no matches for {' '.join(args.query)!r}")
        return EXIT_FAILURE
    width = output_width()
    for hit in hits:
        who = f" [{shown(hit.speaker)}]" if hit.speaker else ""
        title = shown(hit.title or "(untitled)")
        print(fit_row(f"{hit.article_id[:10]}  {shown(hit.date or '-'):10}  ", title + who, width))
        if hit.snippet:
            print(fit_row("    ", shown(hit.snippet), width))
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        people = library.people(limit=args.limit, quoted_only=not args.all, named_only=not args.all)
    width = output_width()
    print(f"{'quotes':>6} {'articles':>8}  name")
    for person in people:
        name = f"{shown(person.name)} ({shown(person.kind)})"
        print(fit_row(f"{person.quotes:>6} {person.articles:>8}  ", name, width))
    return EXIT_OK


def _finish_relink(library: Library) -> None:
    """Link the stories again to the end when an upgrade changed the link rules (the app
    does it in the background; a command that lists stories cannot show half of them)."""
    state = library.relink_progress()
    if state is None:
        return
    done, total = state
    error(f"linking the stories again under this version's rules ({total - done:,} articles)")
    with _index_progress("linking stories") as bar:
        task = bar.add_task("linking", total=total, completed=done)
        library.relink_stories(progress=lambda done, total: bar.update(task, completed=done))


def cmd_stories(args: argparse.Namespace) -> int:
    """The Stories view's clusters: events told by several articles, most articles first."""
    with _open_library(args) as library:
        _finish_relink(library)
        stories = library.story_list(limit=args.limit, articles_each=args.articles)
        total = library.story_count()
    if args.json:
        import json

        document = [
            {
                "label": story.label,
                "articles": story.articles,
                "events": story.events,
                "first_date": story.first_date,
                "last_date": story.last_date,
                "first_articles": [
                    {"id": row.id, "title": row.title, "date": row.date}
                    for row in story.first_articles
                ],
            }
            for story in stories
        ]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not stories:
        print("No stories yet: no event is reported by more than one article")
        return EXIT_OK
    width = output_width()
    print(f"{'articles':>8} {'events':>6}  {'dates':21}  story")
    for story in stories:
        dates = _date_range(story.first_date, story.last_date)
        columns = f"{story.articles:>8} {story.events:>6}  {dates:21}  "
        print(fit_row(columns, shown(story.label), width))
        for row in story.first_articles:
            columns = f"{'':>18}{shown(row.date or '-')[:10]:10}  "
            print(fit_row(columns, shown(row.title or "(untitled)"), width))
        if story.articles > len(story.first_articles):
            print(f"{'':>28}  … {story.articles - len(story.first_articles)} more")
    from tui.library.records import story_entries

    unlisted = story_entries(total, stories) - len(stories)
    if unlisted > 0:
        print(f"({len(stories)} of {len(stories) + unlisted} stories; --limit N for more)")
    return EXIT_OK


def _date_range(first: str | None, last: str | None) -> str:
    if first is None:
        return "undated"
    return first if last in (None, first) else f"{first}…{last}"


def cmd_export(args: argparse.Namespace) -> int:
    """Write one article's annotation as JSON or a Markdown/HTML report to stdout or
    ``--output`` (annotating it first if the library has no annotation of it yet)."""
    from tui.library import LibraryError, batch, export_annotation

    with _open_library(args) as library:
        try:
            article_id = library.resolve_id(args.id)
        except LibraryError as exc:
            raise CommandError(str(exc)) from None
        annotation = library.current_annotation(article_id)
        if annotation is None:
            with _engine_errors():
                batch.index(library, ids=[article_id], model=args.model)
            annotation = library.current_annotation(article_id)
        if annotation is None:  # deleted meanwhile, or its stored text is unreadable
            raise CommandError(f"{article_id}: no annotation of this article could be made")
        document = export_annotation(annotation, args.format)
        if args.output is None or args.output == STDIN:
            sys.stdout.write(document)
        else:
            write_file(Path(args.output), document)
            print(f"wrote {shown(args.output)}", file=sys.stderr)
        library.mark_read(article_id)
    return EXIT_OK


LIST_PAGE = 500  # rows `byline library` reads per query


def cmd_library(args: argparse.Namespace) -> int:
    """List the articles newest first, ``*`` marking the unread ones, a page at a time
    (a library of any size starts printing at once and is never held whole)."""
    printed = 0
    width = output_width()
    with _open_library(args) as library:
        while args.limit is None or printed < args.limit:
            size = LIST_PAGE if args.limit is None else min(LIST_PAGE, args.limit - printed)
            rows = library.articles(unread_only=args.unread, offset=printed, limit=size)
            for row in rows:
                mark = " " if row.read else "*"
                counts = f"{row.quotes:>3}q {row.speakers:>3}s" if row.annotated else "  (pending)"
                columns = f"{mark} {row.id[:10]}  {shown(row.date or '-'):10} {counts}  "
                print(fit_row(columns, shown(row.title or "(untitled)"), width))
            printed += len(rows)
            if len(rows) < size:
                break
        recovered = library.recovered  # its warning has said why the library is empty
    if not printed and not recovered:  # on stderr: a script still reads an empty list
        error("no unread articles" if args.unread else "the library has no articles yet")
    return EXIT_OK


def cmd_rm(args: argparse.Namespace) -> int:
    """Remove articles with everything derived from them; no confirmation, but every id
    must name an article, or nothing is removed."""
    with _open_library(args) as library:
        ids = resolve_ids(library, args.ids, "nothing removed")
        titles = [a.title for i in ids[:1] if (a := library.article(i)) is not None]
        removed = library.delete_articles(ids)
    named = f": {shown(titles[0] or '(untitled)')}" if removed == 1 and titles else ""
    print(f"removed {plural(removed, 'article')}{named}")
    return EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    """Mark articles read (or ``--unread``), as opening them in the reader does."""
    state = "unread" if args.unread else "read"
    with _open_library(args) as library:
        ids = resolve_ids(library, args.ids, f"nothing marked {state}")
        changed = library.mark_read(ids, read=not args.unread)
    already = len(ids) - changed
    print(
        f"marked {plural(changed, 'article')} {state}"
        + (f" ({already} already were)" if already else "")
    )
    return EXIT_OK


def add_add_command(commands: Any, db: argparse.ArgumentParser) -> None:
    """``add`` (``db``: the parent parser giving ``--db`` after the command's name)."""
    add = commands.add_parser(
        "add", parents=[db], help="add articles to the library and annotate them"
    )
    add.add_argument("paths", nargs="*", metavar="PATH", help="article file or directory")
    add.add_argument("--model", help=MODEL_HELP)
    add.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date for articles that state none"
    )
    add.add_argument(
        "--annotations",
        metavar="DIR",
        help="instead of PATHs, import annotations: the *.jsonl shards of `index --out DIR` "
        "(or one .jsonl file), one annotation per line; a bad line is reported as FILE:LINE "
        "and skipped",
    )
    add.set_defaults(func=cmd_add)


def add_library_commands(commands: Any, db: argparse.ArgumentParser) -> None:
    """The commands that read or change the library's articles, after ``add`` and
    ``index`` (each takes ``--db`` after its name too)."""
    search = commands.add_parser(
        "search",
        parents=[db],
        help="full-text search of the library (or speaker:NAME)",
        description="Search titles, text, speakers and quotes (FTS5 syntax: words, "
        '"a phrase", OR, NOT, prefix*); speaker:NAME lists the articles quoting NAME.',
    )
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.set_defaults(func=cmd_search)

    people = commands.add_parser("people", parents=[db], help="speakers across the library")
    people.add_argument(
        "--all",
        action="store_true",
        help="include speakers with no quotes, groups and unnamed sources",
    )
    people.add_argument(
        "--limit", type=_positive, metavar="N", help="the N most quoted only (default: all)"
    )
    people.set_defaults(func=cmd_people)

    stories = commands.add_parser(
        "stories",
        parents=[db],
        help="events told by several articles (the Stories view)",
        description="Stories: one real-world event reported by two or more articles of the "
        "library, most articles first, with their dates and first articles.",
    )
    stories.add_argument("--json", action="store_true", help="print one JSON array")
    stories.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="the N largest (default 20)"
    )
    stories.add_argument(
        "--articles",
        type=_positive,
        default=3,
        metavar="N",
        help="articles listed under each story (default 3)",
    )
    stories.set_defaults(func=cmd_stories)

    export = commands.add_parser(
        "export", parents=[db], help="write an article's annotation or report"
    )
    export.add_argument("id", metavar="ID", help="article id or a unique prefix of it")
    export.add_argument("--format", choices=("json", "md", "html"), default="json")
    export.add_argument(
        "-o", "--output", metavar="PATH", help="write to PATH instead of standard output"
    )
    export.add_argument("--model", help=MODEL_HELP)
    export.set_defaults(func=cmd_export)

    listing = commands.add_parser(
        "library",
        parents=[db],
        help="list the library's articles (* marks the unread)",
        description="List the articles, newest first: id, date, quotes and speakers (or "
        "pending before annotation) and title; * marks an unread article.",
    )
    listing.add_argument("--unread", action="store_true", help="only unread articles")
    listing.add_argument(
        "--limit", type=_positive, metavar="N", help="the N newest only (default: all)"
    )
    listing.set_defaults(func=cmd_library)

    remove = commands.add_parser(
        "rm",
        parents=[db],
        help="remove articles from the library",
        description="Remove articles with their annotations, search entries, speakers and "
        "story links. There is no confirmation; if an ID names no article (or several), "
        "nothing is removed. A feed refresh does not bring a removed article back; "
        "byline add does.",
    )
    remove.add_argument("ids", nargs="+", metavar="ID", help="article id or a unique prefix")
    remove.set_defaults(func=cmd_rm)

    read = commands.add_parser("read", parents=[db], help="mark articles read (or unread)")
    read.add_argument("ids", nargs="+", metavar="ID", help="article id or a unique prefix")
    read.add_argument("--unread", action="store_true", help="mark them unread instead")
    read.set_defaults(func=cmd_read)
