"""Killing a process while it stores annotations (and so links their Stories) loses nothing.

A child process stores synthetic articles one by one (each store updates the speakers,
people totals, search words and the incremental Stories in one transaction) and is
SIGKILLed at random moments. After each kill the library opens, passes
``integrity_check``, still holds every annotation it held before, and its stored Stories
are exactly what linking the stored annotations from scratch gives.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.library import Library
from tui.model import SALIENT_EVENT
from tui.nlp.events.linking import link_events

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals"),
]

ARTICLES = 60
CHILD = """
import sys
from tui.library import Library
from tui.model import Annotation

path, source = sys.argv[1], sys.argv[2]
with Library(path) as library:
    for line in open(source, encoding="utf-8"):
        annotation = Annotation.from_json(line)
        if library.current_annotation(annotation.article.id) is not None:
            continue
        library.store_annotation(annotation, "bench", "synthetic")
        print("stored", annotation.article.id, flush=True)
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def annotations_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tui.bench.corpus import sample_articles
    from tui.bench.synthetic import paragraph_annotations, synthetic_annotations
    from tui.nlp import Annotator

    folder = tmp_path_factory.mktemp("stories-crash")
    pieces = paragraph_annotations(sample_articles(), Annotator(None), cache_dir=folder)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for annotation in synthetic_annotations(pieces, ARTICLES, seed=7):
            out.write(annotation.to_json() + "\n")
    return path


def stored_clusters(library: Library) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(story.members) for story in library.stories(limit=None)}


def recomputed_clusters(library: Library) -> set[frozenset[tuple[str, str]]]:
    annotations = list(library.current_annotations())
    return {frozenset(c) for c in link_events(annotations, min_salience=SALIENT_EVENT)}


def test_kills_while_linking_stories_lose_nothing(annotations_file: Path, tmp_path: Path):
    seed = int(os.environ.get("BYLINE_CRASH_SEED") or random.randrange(2**32))
    replay = f"replay with BYLINE_CRASH_SEED={seed}"
    rng = random.Random(seed)
    db = tmp_path / "library.sqlite3"
    Library(db).close()
    held: dict[str, object] = {}
    kills = 0
    for round_ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), str(annotations_file)],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # one store done: the child is in its loop
        if first.startswith("done"):
            child.wait(30)
            break
        time.sleep(rng.uniform(0.0, 0.4))
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(30)
        kills += 1
        with Library(db) as library:
            assert library.integrity_check() == "ok", f"round {round_}; {replay}"
            for article_id, annotation in held.items():
                assert library.current_annotation(article_id) == annotation, replay
            held = {a.article.id: a for a in library.current_annotations()}
            assert stored_clusters(library) == recomputed_clusters(library), (
                f"round {round_}: stories differ from a recomputation; {replay}"
            )
    assert kills >= 1, replay
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(annotations_file)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert finished.stdout.rstrip().endswith("done")
    with Library(db) as library:
        assert library.integrity_check() == "ok"
        assert library.article_count() == ARTICLES
        for article_id, annotation in held.items():
            assert library.current_annotation(article_id) == annotation, replay
        assert stored_clusters(library) == recomputed_clusters(library), replay
        assert library.story_count() == len(recomputed_clusters(library)) > 0
