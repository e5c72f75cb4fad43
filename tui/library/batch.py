"""Annotating many articles into the library (``byline index``): streamed, parallel, resumable.

The work is planned from the library, not from memory: inputs are added in small groups,
then only the *ids* of the articles with no annotation by this engine version and model
are kept, and each text is read back when its batch is built. Batches of ``batch_size``
articles go to a backend (this process, a pool of processes, or a Dask cluster, see
:mod:`tui.library.distributed`), at most a couple per worker at a time, and every
annotation is stored the moment it comes back. Memory therefore stays flat however large
the corpus, only this process writes to SQLite, and a killed run loses at most the batches
in flight: the next run skips everything already stored.

Nothing here prints: progress goes to a callback, so the CLI draws its own bar.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.library.db import Library, LibraryError
from tui.model import Annotation, Article, ModelError

if TYPE_CHECKING:
    from tui.cache import AnnotationCache
    from tui.nlp import Annotator

DEFAULT_BATCH_SIZE = 8  # articles per batch: enough paragraphs to fill nlp.pipe batches
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: it never idles, memory stays bounded
ADD_GROUP = 200  # articles added per write transaction while reading the inputs
SHARD_GLOB = "*.jsonl"


@dataclass(frozen=True, slots=True)
class Written:
    """A batch a worker wrote to a JSON Lines shard instead of sending it back."""

    path: str
    articles: int
    words: int


# What a backend yields for each finished article or batch, in any order.
Outcome = Annotation | Written
Backend = Callable[[Iterator[list[Article]]], Generator[Outcome, None, None]]
Progress = Callable[["IndexStats"], None]


@dataclass(slots=True)
class IndexStats:
    """What a run did so far (filled in as it goes, so an interrupted run can report it)."""

    given: int = 0  # distinct articles handed to :meth:`BatchIndexer.add`
    added: int = 0  # of those, new to the library
    duplicates: int = 0  # of those, the same story as a stored article under another id
    requested: int = 0  # distinct library articles asked for
    skipped: int = 0  # already annotated by this engine version and model
    total: int = 0  # to annotate or reuse in this run
    reused: int = 0  # taken from the annotation file cache
    annotated: int = 0  # run through the engine
    words: int = 0  # words of the annotated articles
    shards: int = 0  # JSON Lines files written (``--out``)
    started: float = 0.0
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.reused + self.annotated

    def tick(self) -> None:
        self.seconds = time.perf_counter() - self.started


def words_of(article: Article) -> int:
    return len(article.text.split())


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class BatchIndexer:
    """Plans and runs one ``byline index``: :meth:`add` / :meth:`want`, then :meth:`run`."""

    def __init__(
        self,
        library: Library,
        model: str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        cache: AnnotationCache | None = None,
    ) -> None:
        """``model`` is the resolved model name; ``cache`` None skips the file cache (as
        when the annotations go to shards, not to this library)."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        from tui.nlp.annotator import ENGINE_VERSION

        self.library = library
        self.model = model
        self.batch_size = batch_size
        self.engine_version = ENGINE_VERSION
        self.cache = cache
        self.stats = IndexStats(started=time.perf_counter())
        self._wanted: dict[str, None] | None = None
        self._given: set[str] = set()
        self._stored_on_add = 0  # given articles stored with their cached annotation

    def add(self, articles: Iterable[Article]) -> None:
        """Add articles to the library (a group at a time) and ask for them to be annotated.

        A duplicate of a stored article (same canonical URL or folded text, another id) is
        not stored again: the stored one is what the user will open, so it is annotated.
        """
        wanted = self._wanted if self._wanted is not None else {}
        self._wanted = wanted
        for group in batched(articles, ADD_GROUP):
            fresh = [a for a in {a.id: a for a in group}.values() if a.id not in self._given]
            self._given.update(a.id for a in fresh)
            result = self.library.add(
                fresh,
                annotations=self._at_hand(fresh),
                engine=(self.engine_version, self.model),
            )
            self.stats.added += len(result.added)
            self.stats.duplicates += len(result.duplicates)
            self.stats.reused += len(result.annotated)
            self._stored_on_add += len(result.annotated)
            stored = set(result.annotated)  # done: not asked for again
            wanted.update(
                dict.fromkeys(
                    result.duplicates.get(a.id, a.id) for a in fresh if a.id not in stored
                )
            )
        self.stats.given = len(self._given)
        self.stats.requested = len(wanted) + self._stored_on_add

    def _at_hand(self, articles: Sequence[Article]) -> dict[str, Annotation]:
        """The file cache's annotations of these articles (none without a cache), read only
        for those the library does not hold yet: indexing a folder again parses nothing."""
        if self.cache is None:
            return {}
        stored = self.library.rows([a.id for a in articles])
        found = {
            a.id: self.cache.for_article(a, self.engine_version, self.model)
            for a in articles
            if a.id not in stored
        }
        return {key: annotation for key, annotation in found.items() if annotation is not None}

    def want(self, ids: Iterable[str]) -> None:
        """Ask for articles already in the library (feed items) to be annotated."""
        wanted = self._wanted if self._wanted is not None else {}
        self._wanted = wanted
        wanted.update(dict.fromkeys(ids))
        self.stats.requested = len(wanted) + self._stored_on_add

    def pending(self) -> list[str]:
        """The ids still to annotate, oldest first (all of the library's when nothing was
        asked for); counts the rest as skipped. Asking about given ids costs what they do,
        whatever the size of the library."""
        if self._wanted is not None:
            missing = self.library.missing_annotation_ids(
                self.engine_version, self.model, among=self._wanted
            )
        else:
            missing = self.library.missing_annotation_ids(self.engine_version, self.model)
            self.stats.requested = self.library.article_count()
        # those stored with their annotation as they were added count as reused: done
        self.stats.total = len(missing) + self._stored_on_add
        self.stats.skipped = self.stats.requested - self._stored_on_add - len(missing)
        return missing

    def run(self, backend: Backend, progress: Progress | None = None) -> IndexStats:
        """Annotate what :meth:`pending` finds, storing each result as it arrives.

        The backend is started only when something really needs the engine, so a run with
        nothing new never loads spaCy or starts a worker.
        """
        stats = self.stats
        ids = self.pending()
        if progress is not None:
            progress(stats)
        batches = batched(self._to_annotate(ids, progress), self.batch_size)
        first = next(batches, None)
        if first is not None:
            with closing(backend(itertools.chain([first], batches))) as outcomes:
                for outcome in outcomes:
                    self._record(outcome)
                    if progress is not None:
                        progress(stats)
        stats.tick()
        return stats

    def _to_annotate(self, ids: Iterable[str], progress: Progress | None) -> Iterator[Article]:
        """Each pending article read back from the library; cache hits are stored on the way."""
        for article_id in ids:
            article = self.library.article(article_id)
            if article is None:  # deleted meanwhile
                self.stats.total -= 1
                continue
            found = (
                self.cache.for_article(article, self.engine_version, self.model)
                if self.cache is not None
                else None
            )
            if found is None:
                yield article
                continue
            self.library.store_annotation(
                found,
                self.engine_version,
                self.model,
                add_missing=False,  # deleted meanwhile: it stays deleted
            )
            self.stats.reused += 1
            self.stats.tick()
            if progress is not None:
                progress(self.stats)

    def _record(self, outcome: Outcome) -> None:
        stats = self.stats
        if isinstance(outcome, Written):
            stats.annotated += outcome.articles
            stats.words += outcome.words
            stats.shards += 1
        else:
            self.library.store_annotation(
                outcome, self.engine_version, self.model, add_missing=False
            )
            if self.cache is not None:
                self.cache.put(outcome, self.engine_version, self.model)
            stats.annotated += 1
            stats.words += words_of(outcome.article)
        stats.tick()


def index(
    library: Library,
    articles: Iterable[Article] | None = None,
    *,
    ids: Iterable[str] | None = None,
    model: str | None = None,
    annotator: Annotator | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    cache: AnnotationCache | bool | None = True,
    progress: Progress | None = None,
) -> IndexStats:
    """The one way anything is annotated into the library: ``byline add``, ``feed
    refresh``, ``index``, ``export`` and the app's background work all come here.

    ``articles`` are added first; ``ids`` names articles already stored; with neither,
    every article lacking an annotation by this engine and model is done. Annotations are
    reused from the file cache (``cache=True``: the default one; None/False: none), then
    made by ``annotator`` (one the caller shares, e.g. the app's), by a fresh one in this
    process, or by ``jobs`` worker processes. spaCy loads only when something is new.
    """
    from tui.nlp.pipeline import resolve_model_name

    if cache is True:
        from tui.cache import AnnotationCache

        cache = AnnotationCache()
    name = annotator.model if annotator is not None else resolve_model_name(model)
    indexer = BatchIndexer(library, name, batch_size=batch_size, cache=cache or None)
    if articles is not None:
        indexer.add(articles)
    if ids is not None:
        indexer.want(ids)
    if jobs > 1 and annotator is None:
        backend = in_processes(name, jobs)
    else:
        backend = in_process(annotator if annotator is not None else _lazy_annotator(name))
    return indexer.run(backend, progress)


def _lazy_annotator(model: str) -> Annotator:
    from tui.nlp import Annotator

    return Annotator(model)


# -- backends ---------------------------------------------------------------------------


def in_process(annotator: Annotator) -> Backend:
    """Annotate here, one batch at a time, each annotation handed over as soon as it is made."""

    def run(batches: Iterator[list[Article]]) -> Generator[Outcome, None, None]:
        for batch in batches:
            yield from annotator.annotate_many(batch)

    return run


def in_processes(model: str, jobs: int) -> Backend:
    """Annotate in ``jobs`` worker processes, each loading the pipeline once.

    Workers are spawned, not forked (a fork would copy this process's threads and SQLite
    handle); at most :data:`IN_FLIGHT_PER_WORKER` batches per worker are queued, and results
    come back as each batch finishes, in any order. On an interrupt the workers are killed
    at once rather than left to finish their batch.
    """

    def run(batches: Iterator[list[Article]]) -> Generator[Outcome, None, None]:
        import multiprocessing

        executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(model,),
        )
        in_flight: set[Future[list[Annotation]]] = set()
        finished = False
        try:
            for batch in itertools.islice(batches, jobs * IN_FLIGHT_PER_WORKER):
                in_flight.add(executor.submit(_annotate_batch, batch))
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    following = next(batches, None)
                    if following is not None:
                        in_flight.add(executor.submit(_annotate_batch, following))
                    yield from future.result()
            finished = True
        finally:
            if not finished:
                _kill_workers(executor)
            executor.shutdown(wait=finished, cancel_futures=True)

    return run


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now (Python 3.14 has ``terminate_workers``; older ones do not)."""
    terminate = getattr(executor, "terminate_workers", None)
    if callable(terminate):
        terminate()
        return
    for process in list(getattr(executor, "_processes", {}).values()):
        process.terminate()


_worker_annotator: Annotator | None = None
_worker_error: Exception | None = None


def _start_worker(model: str) -> None:
    """Load the pipeline once per worker process; a load error is raised with each batch.

    Ctrl-C reaches the whole process group: the workers ignore it and let the main
    process stop them, so the user sees one clean message, not a traceback per worker.
    """
    import signal

    global _worker_annotator, _worker_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from tui.nlp import Annotator
    from tui.nlp.pipeline import ModelNotAvailable

    _worker_annotator = Annotator(model)
    try:
        _worker_annotator.nlp  # noqa: B018 - load it now, not inside the first batch
    except ModelNotAvailable as exc:
        _worker_error = exc


def _annotate_batch(articles: list[Article]) -> list[Annotation]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_annotator is not None
    return list(_worker_annotator.annotate_many(articles))


# -- shards -----------------------------------------------------------------------------


def write_shard(path: Path, annotations: Iterable[Annotation]) -> int:
    """Write one annotation JSON per line, atomically (temporary file, then rename), so a
    reader never sees half a shard; return the number of lines."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for annotation in annotations:
                out.write(annotation.to_json() + "\n")
                count += 1
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def next_shard_number(directory: Path) -> int:
    """The first free ``part-NNNNN`` number, so a second run never overwrites earlier shards."""
    numbers = [
        int(p.stem[len("part-") :])
        for p in directory.glob("part-*.jsonl")
        if p.stem[len("part-") :].isdigit()
    ]
    return max(numbers, default=-1) + 1


def shard_name(number: int) -> str:
    return f"part-{number:05d}.jsonl"


@dataclass(frozen=True, slots=True)
class ImportResult:
    files: int
    imported: int
    bad_lines: int


def import_annotations(
    library: Library, source: Path, model: str, on_error: Callable[[str], None]
) -> ImportResult:
    """Store the annotations of JSON Lines shards (a file, or a directory's ``*.jsonl``).

    Each line is parsed and validated before anything of it is written, so a bad line is
    reported (``FILE:LINE: why``) and stored not at all; the good lines are still
    imported. Annotations are filed under their own engine version and ``model``, which
    must be the pipeline that made them (checked against the recorded pipeline name).
    """
    if source.is_dir():
        files = sorted(p for p in source.glob(SHARD_GLOB) if p.is_file())
        if not files:
            raise LibraryError(f"{source}: no {SHARD_GLOB} shards in this directory")
    elif source.is_file():
        files = [source]
    else:
        raise LibraryError(f"{source}: no such file or directory")
    imported = bad = 0
    for file in files:
        try:
            handle = file.open(encoding="utf-8")
        except OSError as exc:
            raise LibraryError(f"{file}: {exc.strerror or exc}") from None
        with handle:
            try:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        annotation = _checked(line, model)
                    except ModelError as exc:
                        on_error(f"{file}:{number}: {exc}")
                        bad += 1
                        continue
                    library.store_annotation(annotation, annotation.engine.version, model)
                    imported += 1
            except UnicodeDecodeError as exc:
                raise LibraryError(f"{file}: not UTF-8 text ({exc.reason})") from None
    return ImportResult(len(files), imported, bad)


def _checked(line: str, model: str) -> Annotation:
    annotation = Annotation.from_json(line)
    if not annotation.engine.version:
        raise ModelError("no engine version recorded")
    if not annotation.article.text.strip():
        raise ModelError("the article has no text")
    annotation.validate()
    pipeline = annotation.engine.model.rsplit("-", 1)[0]
    if "/" not in model and "\\" not in model and pipeline != model:
        raise ModelError(
            f"made by pipeline {annotation.engine.model!r}, not model {model!r} (pass --model)"
        )
    return annotation
