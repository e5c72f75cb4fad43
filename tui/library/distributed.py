"""``byline index --dask ADDRESS``: annotate on an existing Dask cluster.

The client (this process) still plans the run from the library and is still its only
writer; the cluster only annotates. Each batch of articles is one task; a worker process
loads the pipeline once (a module-level :class:`Annotator` per process) and reuses it for
every task, and at most a couple of tasks per worker thread are in flight, so neither the
client nor the scheduler holds the corpus. Results come back as tasks finish, or, with
``out``, each task writes its annotations to a JSON Lines shard on storage the workers
share (``byline add --annotations DIR`` imports them later) and only a count comes back.

Dask is imported only here, and only when ``--dask`` is used; it is an optional extra.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.library.batch import (
    IN_FLIGHT_PER_WORKER,
    Backend,
    Outcome,
    Written,
    next_shard_number,
    shard_name,
    words_of,
    write_shard,
)
from tui.library.db import LibraryError

if TYPE_CHECKING:
    from distributed import Client

    from tui.model import Annotation, Article
    from tui.nlp import Annotator

INSTALL_HINT = "pip install 'byline[dask]'"
CONNECT_TIMEOUT = "10s"
WORKER_WAIT_SECONDS = 60


class ClusterError(LibraryError):
    """The cluster cannot be used: Dask missing, no scheduler, no workers, a worker failing."""


@contextmanager
def dask_backend(address: str, model: str, out: Path | None = None) -> Iterator[Backend]:
    """Connect to the scheduler at ``address`` and yield a backend for
    :meth:`tui.library.batch.BatchIndexer.run`; the connection is closed on exit."""
    try:
        from distributed import Client
        from distributed.comm import get_address_host_port
    except ImportError:
        raise ClusterError(f"--dask needs Dask, which is not installed: {INSTALL_HINT}") from None
    try:  # checked first: a Client failing on a malformed address hangs when collected
        get_address_host_port(address)
    except ValueError as exc:
        raise ClusterError(f"--dask {address}: expected tcp://HOST:PORT ({exc})") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        _check_workers(client, address)
        yield _backend(client, model, out.resolve() if out is not None else None)
    finally:
        client.close()


def _check_workers(client: Client, address: str) -> None:
    """Fail early, in one line, when no worker is there or a worker would annotate
    differently (another byline, engine or spaCy version) or cannot import byline."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise ClusterError(
            f"no Dask worker joined {address} within {WORKER_WAIT_SECONDS} s"
        ) from None
    try:
        found = client.run(worker_versions)
    except Exception as exc:
        raise ClusterError(
            f"a Dask worker cannot run byline ({type(exc).__name__}: {exc}); install byline "
            "and the spaCy model on every worker"
        ) from None
    here = worker_versions()
    for worker, versions in sorted(found.items()):
        if versions != here:
            raise ClusterError(
                f"Dask worker {worker} has {_describe(versions)}, this machine has "
                f"{_describe(here)}; install the same versions everywhere"
            )


def _describe(versions: dict[str, str | None]) -> str:
    return ", ".join(f"{name} {value or '?'}" for name, value in versions.items())


def worker_versions() -> dict[str, str | None]:
    """What decides an annotation besides the text (read from package metadata, so this
    imports neither spaCy nor the model)."""
    from importlib.metadata import PackageNotFoundError, version

    from tui import __version__
    from tui.nlp.annotator import ENGINE_VERSION

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except (PackageNotFoundError, ValueError):
            return None

    return {"byline": __version__, "engine": ENGINE_VERSION, "spacy": installed("spacy")}


def _backend(client: Client, model: str, out: Path | None) -> Backend:
    def run(batches: Iterator[list[Article]]) -> Generator[Outcome, None, None]:
        from distributed import as_completed

        limit = max(2, IN_FLIGHT_PER_WORKER * sum(client.nthreads().values()))
        shard = next_shard_number(out) if out is not None else 0
        submitted: list[Any] = []

        def submit(batch: list[Article]) -> Any:
            nonlocal shard
            target = str(out / shard_name(shard)) if out is not None else None
            shard += 1
            future = client.submit(annotate_partition, model, batch, target, pure=False)
            submitted.append(future)
            return future

        pending = as_completed([submit(b) for b in _take(batches, limit)], loop=client.loop)
        try:
            for future in pending:
                following = next(batches, None)
                if following is not None:
                    pending.add(submit(following))
                try:
                    result = future.result()
                except Exception as exc:
                    raise _worker_failure(exc) from None
                future.release()
                if isinstance(result, Written):
                    yield result
                else:
                    yield from result
        finally:
            client.cancel([f for f in submitted if not f.done()])

    return run


def _take(batches: Iterator[list[Article]], count: int) -> list[list[Article]]:
    taken = []
    for _ in range(count):
        batch = next(batches, None)
        if batch is None:
            break
        taken.append(batch)
    return taken


def _worker_failure(exc: Exception) -> Exception:
    from tui.nlp.pipeline import ModelNotAvailable

    if isinstance(exc, ModelNotAvailable):
        return exc  # already one clear line: which model, how to install it
    return ClusterError(f"a Dask worker failed: {type(exc).__name__}: {exc}")


# -- on the workers ---------------------------------------------------------------------

_annotators: dict[str, Annotator] = {}
# spaCy pipelines are not thread-safe: tasks of one worker process take turns
_worker_lock = threading.Lock()


def annotate_partition(
    model: str, articles: list[Article], shard: str | None
) -> list[Annotation] | Written:
    """One task: annotate a batch with this worker's pipeline (loaded on its first task);
    return the annotations, or write them to the ``shard`` path and return a count."""
    with _worker_lock:
        annotator = _annotators.get(model)
        if annotator is None:
            from tui.nlp import Annotator

            annotator = Annotator(model)
            annotator.nlp  # noqa: B018 - a model that cannot load fails this task, not later
            _annotators[model] = annotator
        annotations = list(annotator.annotate_many(articles))
    if shard is None:
        return annotations
    count = write_shard(Path(shard), annotations)
    return Written(shard, count, sum(words_of(a.article) for a in annotations))
