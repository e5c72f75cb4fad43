"""``byline index``: add and annotate many articles into the library (in this process,
in worker processes or on a Dask cluster), resumable, with a progress bar; and its
subparser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.annotate import _make_annotator
from tui.cli.common import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    MODEL_HELP,
    CommandError,
    HelpFormatter,
    _open_library,
    _positive,
    _resolved_model,
    error,
)
from tui.cli.feeds import refresh_feeds
from tui.cli.inputs import stream_paths
from tui.cli.progress import _index_progress
from tui.humantime import plural

if TYPE_CHECKING:
    from tui.library import Library
    from tui.library.batch import BatchIndexer

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
        formatter_class=HelpFormatter,
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
