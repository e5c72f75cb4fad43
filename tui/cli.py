"""The ``byline`` command: the reader, the library's commands, annotating articles to JSON
or text, and scoring the engine on gold data.

Startup stays cheap: spaCy (via :mod:`tui.nlp`) is imported inside the commands that
annotate, never at module import. Every failure a user can cause ends as one line on
stderr (``byline: …``) and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from tui.library import Feed, Library
    from tui.library.batch import BatchIndexer, IndexStats
    from tui.library.refresh import RefreshResult
    from tui.model import Article
    from tui.nlp import Annotator

PROG = "byline"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # what a shell reports for a writer killed by SIGPIPE
EXIT_INTERRUPTED = 130
STDIN = "-"
SKIPPED_PREFIXES = ("readme", "attribution")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


# -- annotate ---------------------------------------------------------------------------


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


def cmd_annotate(args: argparse.Namespace) -> int:
    """Read every input first (reporting bad ones), then annotate the rest with one model."""
    date = parse_date(args.date)
    articles: list[Article] = []
    undated: list[str] = []  # said once the articles are annotated
    failed = False
    requested = 0
    for item in expand_inputs(args.paths):
        if isinstance(item, CommandError):
            error(str(item))
            failed = True
            continue
        requested += 1
        try:
            loaded = load_input(item, date)
        except CommandError as exc:
            error(str(exc))
            failed = True
            continue
        articles.extend(loaded)
        undated.extend(_undated_notice(item.name, a) for a in loaded if a.date is None)
    if articles:
        # One indented object only when exactly one file was named; anything plural is
        # JSON Lines, so its shape never depends on how many inputs happened to fail.
        single = (
            len(args.paths) == 1
            and requested == 1
            and len(articles) == 1
            and not _is_dir(args.paths[0])
        )
        write_annotations(articles, args.format, args.model, pretty=single)
        for notice in undated:
            warn(notice)
    return EXIT_FAILURE if failed else EXIT_OK


def _undated_notice(name: str, article: Article) -> str:
    """One line saying an article has no date and what that costs."""
    which = f" ({article.title})" if article.title and name == STDIN else ""
    return (
        f"{name}{which}: no publication date (none in its header or first lines), so times "
        "like “Wednesday” stay unresolved; give one with --date YYYY-MM-DD"
    )


def _is_dir(argument: str) -> bool:
    return argument != STDIN and Path(argument).is_dir()


def _make_annotator(model: str | None) -> Annotator:
    from tui.config import ConfigError
    from tui.nlp import Annotator

    try:
        return Annotator(model)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None


def write_annotations(
    articles: list[Article], output_format: str, model: str | None, *, pretty: bool
) -> None:
    """Annotate and print each article as soon as it is done (input order)."""
    from tui.nlp.pipeline import ModelNotAvailable

    annotator = _make_annotator(model)
    out = sys.stdout
    console = _console() if output_format == "text" else None
    try:
        for index, annotation in enumerate(annotator.annotate_many(articles)):
            if console is not None:
                from tui.render_text import render_annotation

                if index:
                    console.rule(style="dim")
                render_annotation(annotation, console)
            elif output_format == "json" and pretty:
                out.write(annotation.to_json(indent=2) + "\n")
            else:
                out.write(annotation.to_json() + "\n")
            out.flush()
    except ModelNotAvailable as exc:
        raise CommandError(str(exc)) from None


def _console() -> Console:
    """A console on the current stdout; rich is imported only when text is printed."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, emoji=False)


# -- eval -------------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the engine on a gold file; with ``--min-f1``, fail below that lenient F1."""
    given = [args.gold, args.meantime, args.polnear, args.timeml]
    if sum(value is not None for value in given) != 1:
        raise CommandError(
            "eval needs exactly one of GOLD.jsonl, --meantime DIR, --polnear DIR, --timeml DIR"
        )
    for option in _DATASETS:
        if getattr(args, option) is not None:
            return _eval_dataset(args, option)

    from tui.evaluation import evaluate

    if args.min_f1 is not None and not 0 <= args.min_f1 <= 100:
        raise CommandError(f"--min-f1 {args.min_f1}: expected a number from 0 to 100")
    if args.corpus is not None and not Path(args.corpus).is_dir():
        raise CommandError(f"{args.corpus}: not a directory")
    from tui.render_text import render_eval_report

    report = _run_report(
        lambda annotator: evaluate(
            args.gold, annotator, corpus=args.corpus, warn=warn, only=args.only or ()
        ),
        render_eval_report,
        args,
    )
    f1 = report.total.lenient[2]
    if args.min_f1 is not None and f1 < args.min_f1:
        error(f"lenient F1 {f1:.1f} is below --min-f1 {args.min_f1:g}")
        return EXIT_FAILURE
    return EXIT_OK


_DATASETS = ("meantime", "polnear", "timeml")
"""``eval --NAME DIR``: scored by ``tui.evaluation.NAME.evaluate_NAME`` and printed by
``tui.render_text.render_NAME_report`` (MEANTIME events, times and cross-document links;
PolNeAR attribution spans; TimeML time expressions)."""


def _eval_dataset(args: argparse.Namespace, option: str) -> int:
    """Score on a gold folder (MEANTIME, PolNeAR or TimeML), whose report says what it is."""
    import importlib

    from tui import render_text

    folder = getattr(args, option)
    for other, value in (
        ("--corpus", args.corpus),
        ("--min-f1", args.min_f1),
        ("--only", args.only),
    ):
        if value is not None:
            raise CommandError(f"{other} applies to GOLD.jsonl quote gold, not --{option}")
    if not Path(folder).is_dir():
        raise CommandError(f"{folder}: not a directory")
    evaluate = getattr(importlib.import_module(f"tui.evaluation.{option}"), f"evaluate_{option}")
    render = getattr(render_text, f"render_{option}_report")
    _run_report(lambda annotator: evaluate(folder, annotator, warn=warn), render, args)
    return EXIT_OK


def _run_report(
    score: Callable[[Annotator], Any],
    render: Callable[[Any, Console], None],
    args: argparse.Namespace,
) -> Any:
    """Annotate and score with one model, then print the report as JSON or tables."""
    import json

    from tui.evaluation import GoldError
    from tui.nlp.pipeline import ModelNotAvailable

    annotator = _make_annotator(args.model)
    try:
        report = score(annotator)
    except (GoldError, ModelNotAvailable) as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        render(report, _console())
    sys.stdout.flush()
    return report


# -- library --------------------------------------------------------------------------

LOADABLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".rss", ".xml", ".atom")


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


@contextmanager
def _annotating_line() -> Iterator[Callable[[IndexStats], None] | None]:
    """An ``annotating done/total`` line redrawn on stderr and erased at the end, only
    when stderr is a terminal (logs and pipes get just the summary)."""
    if not sys.stderr.isatty():
        yield None
        return

    def progress(stats: IndexStats) -> None:
        if stats.total:
            print(f"\rannotating {stats.done}/{stats.total}", end="", file=sys.stderr, flush=True)

    try:
        yield progress
    finally:
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


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
        f"library now has {total} articles"
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
        f"library now has {total} articles"
    )
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        hits = library.search(" ".join(args.query), limit=args.limit)
    if not hits:
        error(f"no matches for {' '.join(args.query)!r}")
        return EXIT_FAILURE
    for hit in hits:
        who = f" [{shown(hit.speaker)}]" if hit.speaker else ""
        title = shown(hit.title or "(untitled)")
        print(f"{hit.article_id[:10]}  {shown(hit.date or '-'):10}  {title}{who}")
        if hit.snippet:
            print(f"    {shown(hit.snippet)}")
    return EXIT_OK


def cmd_people(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        people = library.people(limit=args.limit, quoted_only=not args.all, named_only=not args.all)
    print(f"{'quotes':>6} {'articles':>8}  name")
    for person in people:
        name = shown(person.name)
        print(f"{person.quotes:>6} {person.articles:>8}  {name} ({shown(person.kind)})")
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
    print(f"{'articles':>8} {'events':>6}  {'dates':21}  story")
    for story in stories:
        dates = _date_range(story.first_date, story.last_date)
        print(f"{story.articles:>8} {story.events:>6}  {dates:21}  {shown(story.label)}")
        for row in story.first_articles:
            print(f"{'':>18}{shown(row.date or '-')[:10]:10}  {shown(row.title or '(untitled)')}")
        if story.articles > len(story.first_articles):
            print(f"{'':>28}  … {story.articles - len(story.first_articles)} more")
    if total > len(stories):
        print(f"({len(stories)} of {total} stories; --limit N for more)")
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


LIST_PAGE = 500  # rows `byline library` reads per query


def cmd_library(args: argparse.Namespace) -> int:
    """List the articles newest first, ``*`` marking the unread ones, a page at a time
    (a library of any size starts printing at once and is never held whole)."""
    printed = 0
    with _open_library(args) as library:
        while args.limit is None or printed < args.limit:
            size = LIST_PAGE if args.limit is None else min(LIST_PAGE, args.limit - printed)
            rows = library.articles(unread_only=args.unread, offset=printed, limit=size)
            for row in rows:
                mark = " " if row.read else "*"
                counts = f"{row.quotes:>3}q {row.speakers:>3}s" if row.annotated else "  (pending)"
                title = shown(row.title or "(untitled)")
                print(f"{mark} {row.id[:10]}  {shown(row.date or '-'):10} {counts}  {title}")
            printed += len(rows)
            if len(rows) < size:
                break
    return EXIT_OK


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


def cmd_rm(args: argparse.Namespace) -> int:
    """Remove articles with everything derived from them; no confirmation, but every id
    must name an article, or nothing is removed."""
    with _open_library(args) as library:
        ids = resolve_ids(library, args.ids, "nothing removed")
        removed = library.delete_articles(ids)
    print(f"removed {plural(removed, 'article')}")
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
        for feed in library.feeds():
            title, url = shown(feed.title or "-"), shown(feed.url)
            print(f"{feed.id:>4}  {feed.unread:>4} unread  {title}  {url}")
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


# -- index ------------------------------------------------------------------------------

INDEX_DESCRIPTION = """\
Add articles to the library and annotate every one that has no annotation by this engine
version and model yet, with a progress bar and a summary (added / annotated / skipped,
articles/s, words/s). Batches of --batch-size articles are annotated together; with
--jobs N, N worker processes each load the spaCy pipeline once and this process stores
the results as they arrive.

Resuming: every annotation is stored as soon as its batch is done, so an interrupted run
(Ctrl-C, a crash, a kill) loses at most the batches in flight; run the same command again
and what is already annotated is skipped.

--feeds first refreshes the subscribed feeds (as `byline feed refresh` does; --no-refresh
skips the fetching), then annotates every stored feed article not annotated yet, including
those added earlier by the reader. PATHs and --feeds can be combined.

--dask ADDRESS annotates on a running Dask cluster (pip install 'byline[dask]'; byline and
the spaCy model installed in the same versions on every worker); with --out DIR the workers
write JSON Lines shards to DIR (storage they share) instead, for `byline add --annotations
DIR` to import.
"""


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


def _index_feeds(library: Library, indexer: BatchIndexer, *, refresh: bool) -> bool:
    """Refresh the subscribed feeds (unless told not to), then ask for every stored feed
    article to be annotated; return whether a feed failed."""

    feeds = library.feeds()
    if not feeds:
        raise CommandError("no feeds subscribed (use `byline feed add URL`)")
    failed = False
    if refresh:
        added, failed = refresh_feeds(library, feeds)
        indexer.stats.added += len(added)
    indexer.want(row.id for feed in feeds for row in library.articles(feed_id=feed.id))
    return failed


def _index_progress(label: str = "annotating") -> Any:
    """A rich progress bar on stderr (done/total, articles/s, elapsed, ETA), drawn only
    when stderr is a terminal, so logs and pipes get just the summary."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = f"{speed:.1f}" if speed else "-"
            return Text(f"{shown} articles/s", style="progress.data.speed")

    console = Console(stderr=True)
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )


def cmd_index(args: argparse.Namespace) -> int:
    """Plan from the library, annotate on the chosen backend, store as results arrive."""
    from concurrent.futures.process import BrokenProcessPool
    from contextlib import ExitStack

    from tui.cache import AnnotationCache
    from tui.library import LibraryError
    from tui.library.batch import Backend, BatchIndexer, in_process, in_processes
    from tui.nlp.pipeline import ModelNotAvailable

    if not args.paths and not args.feeds:
        raise CommandError("index needs PATHs or --feeds")
    if args.no_refresh and not args.feeds:
        raise CommandError("--no-refresh goes with --feeds")
    if args.out is not None and args.dask is None:
        raise CommandError("--out needs --dask (without it, annotations go to the library)")
    if args.dask is not None and args.jobs != 1:
        raise CommandError("--jobs is for local processes; with --dask the cluster does the work")
    model = _resolved_model(args.model)
    out = Path(args.out) if args.out is not None else None
    failed = False
    indexer: BatchIndexer | None = None
    try:
        with _open_library(args) as library, ExitStack() as stack:
            indexer = BatchIndexer(
                library,
                model,
                batch_size=args.batch_size,
                cache=AnnotationCache() if out is None else None,
            )
            backend: Backend
            if args.dask is not None:
                from tui.library.distributed import dask_backend

                backend = stack.enter_context(dask_backend(args.dask, model, out))
            elif args.jobs > 1:
                backend = in_processes(model, args.jobs)
            else:
                backend = in_process(_make_annotator(model))
            if args.feeds:
                failed = _index_feeds(library, indexer, refresh=not args.no_refresh)
            if args.paths:
                errors: list[str] = []
                indexer.add(stream_paths(args.paths, errors))
                failed = failed or bool(errors)
                if not indexer.stats.requested and not args.feeds:
                    if errors:  # each already said why, in its own line
                        return EXIT_FAILURE
                    raise CommandError("no articles to index")
            progress = stack.enter_context(_index_progress())
            task = progress.add_task("annotating", total=None)
            stats = indexer.run(
                backend, lambda s: progress.update(task, total=s.total, completed=s.done)
            )
    except KeyboardInterrupt:
        done = indexer.stats.done if indexer is not None else 0
        total = indexer.stats.total if indexer is not None else 0
        error(
            f"interrupted: {done} of {total} articles annotated and stored; "
            "run the same command again to resume"
        )
        return EXIT_INTERRUPTED
    except (ModelNotAvailable, LibraryError) as exc:
        raise CommandError(str(exc)) from None
    except BrokenProcessPool:
        raise CommandError("a worker process died (out of memory?); run again to resume") from None
    rate = stats.annotated / stats.seconds if stats.seconds else 0.0
    words = stats.words / stats.seconds if stats.seconds else 0.0
    shards = (
        f"; wrote {stats.shards} shards to {out} (import them with "
        f"`byline add --annotations {out}`)"
        if out is not None
        else ""
    )
    same = (
        f" ({plural(stats.duplicates, 'duplicate')} of stored articles)" if stats.duplicates else ""
    )
    print(
        f"added {stats.added} articles{same}; annotated {stats.annotated}, "
        f"skipped {stats.skipped} "
        f"(already annotated), reused {stats.reused} (file cache); {stats.seconds:.1f} s, "
        f"{rate:.2f} articles/s, {words:.0f} words/s{shards}"
    )
    return EXIT_FAILURE if failed else EXIT_OK


def add_index_command(commands: Any, db: argparse.ArgumentParser) -> None:
    from tui.library.batch import DEFAULT_BATCH_SIZE

    index = commands.add_parser(
        "index",
        parents=[db],
        help="annotate many articles into the library (parallel, resumable)",
        description=INDEX_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    index.add_argument("paths", nargs="*", metavar="PATH", help="article file or directory")
    index.add_argument(
        "--feeds",
        action="store_true",
        help="refresh the subscribed feeds, then annotate every feed article not yet annotated",
    )
    index.add_argument(
        "--no-refresh",
        action="store_true",
        help="with --feeds: fetch nothing, annotate the feed articles already stored",
    )
    index.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="worker processes, each loading the pipeline once (default: 1, this process)",
    )
    index.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_SIZE,
        metavar="B",
        help="articles annotated together; an interruption loses at most the batches in "
        f"flight (default: {DEFAULT_BATCH_SIZE})",
    )
    index.add_argument("--model", help=MODEL_HELP)
    index.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="annotate on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786)",
    )
    index.add_argument(
        "--out",
        metavar="DIR",
        help="with --dask: workers write annotations to DIR/part-NNNNN.jsonl (shared storage) "
        "instead of sending them back; import them with `byline add --annotations DIR`",
    )
    index.set_defaults(func=cmd_index)


# -- OPML -------------------------------------------------------------------------------


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


def add_library_commands(commands: Any) -> None:
    """The commands that work on the library (each takes ``--db`` after its name too)."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)

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
    add_index_command(commands, db)

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


# -- entry point ------------------------------------------------------------------------


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False``: just the reader's options (a faster start)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [PATH …] | {PROG} COMMAND …",
        description="Byline: a terminal news reader that shows who said what.",
        epilog=READER_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--model", help=MODEL_HELP)
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")

    annotate = subcommands.add_parser(
        "annotate",
        help="annotate articles: speakers, quotes and cues",
        description=(
            "Annotate plain-text articles. One file with the default json format prints one "
            "indented JSON object; several inputs (or a directory, or --format jsonl) print "
            "one compact JSON object per line, in input order."
        ),
    )
    annotate.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article file, directory of .txt articles, or - for stdin",
    )
    annotate.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    annotate.add_argument("--model", help=MODEL_HELP)
    annotate.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date for inputs that state none"
    )
    annotate.set_defaults(func=cmd_annotate)

    evaluation = subcommands.add_parser(
        "eval",
        help="score quote extraction (gold JSONL) or events and times (MEANTIME)",
        description=(
            "Score quote extraction against gold quotes, or events, participants, time "
            "expressions and cross-document event links against MEANTIME XML (see shared "
            "eval/README.md). Give exactly one of GOLD.jsonl and --meantime DIR."
        ),
    )
    evaluation.add_argument("gold", metavar="GOLD.jsonl", nargs="?")
    evaluation.add_argument(
        "--meantime",
        metavar="DIR",
        help="score on the MEANTIME .xml documents under DIR (searched recursively)",
    )
    evaluation.add_argument(
        "--only",
        action="append",
        metavar="GLOB",
        help="GOLD.jsonl only: score just the articles whose file name matches (repeatable; "
        "DEVELOPERS.md gives the tuning and validation splits)",
    )
    evaluation.add_argument(
        "--polnear",
        metavar="DIR",
        help="score attribution spans on a PolNeAR split (DIR with text/ and attributions/, "
        "e.g. PolNeAR's data/dev; its test split is held out)",
    )
    evaluation.add_argument(
        "--timeml",
        metavar="DIR",
        help="score time expressions on the TimeML .tml files under DIR (e.g. TempEval-3's "
        "TBAQ-cleaned training data; its platinum set is held out)",
    )
    evaluation.add_argument(
        "--corpus", metavar="DIR", help="load each article from DIR/<file> instead of the gold text"
    )
    evaluation.add_argument("--model", help=MODEL_HELP)
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.add_argument(
        "--min-f1",
        type=float,
        metavar="X",
        help="exit 1 when the lenient quote F1 is below X (GOLD.jsonl only)",
    )
    evaluation.set_defaults(func=cmd_eval)
    add_library_commands(subcommands)
    from tui.bench.command import add_bench_command

    add_bench_command(subcommands)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


READER_HELP = """\
With no command, byline opens the reader: `byline` shows your library (seeded with the
bundled samples on first run); `byline PATH…` adds those articles to your library and
shows it, and one article opens straight into the reader (not added).

Reader keys: 1/2/3 speakers/quotes/events · t next pane · Enter select · n/N next/previous
quote · b beliefs, evidence and endorsements on/off · [ ] sentence cursor · / search ·
a highlights on/off · y copy quote · o open URL · Esc back · ? all keys · Ctrl+P command
palette · q quit. Keys are remapped in the config file's [keys] table by binding id (the ?
screen lists the ids).

Environment: BYLINE_DB (the library file), BYLINE_CACHE_DIR (the annotation cache),
BYLINE_CONFIG (the config file), BYLINE_MODEL (the spaCy pipeline).
"""


def samples_dir() -> Path:
    """The bundled sample articles (beside the package in a checkout or an editable install)."""
    beside = Path(__file__).resolve().parent.parent / "samples"
    return beside if beside.is_dir() else Path.cwd() / "samples"


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
    if len(articles) == 1:
        return _start_app(articles, model=model, db=db)
    with _open_library(argparse.Namespace(db=db)) as library:
        library.add(articles)
        notice = library.recovered
        path = library.path
    return _start_app([], model=model, open_single=False, db=path, notice=notice)


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
        error(str(exc))
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
