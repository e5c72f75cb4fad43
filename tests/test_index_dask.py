"""``byline index --dask``: a real two-process local Dask cluster gives the same annotations
as the single-process run, both streamed into the library and as ``--out`` shards imported
with ``byline add --annotations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cache import CACHE_ENV
from tui.cli import main
from tui.config import CONFIG_ENV
from tui.library.codec import unpack_annotation, unpack_text
from tui.model import Annotation, Article
from tui.nlp.pipeline import MODEL_ENV

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow
SAMPLE_COUNT = 5


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local cluster: two worker processes, one thread each."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def isolated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder of this module's own; no user config or ``$BYLINE_MODEL`` leaks in."""
    root = tmp_path_factory.mktemp("index-dask")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CONFIG_ENV, str(root / "no-config.toml"))
        patch.delenv(MODEL_ENV, raising=False)
        yield root


@pytest.fixture(scope="module")
def articles(isolated: Path, samples_dir: Path) -> Path:
    """The shortest few sample articles."""
    shortest = sorted(samples_dir.glob("*.txt"), key=lambda p: p.stat().st_size)
    folder = isolated / "articles"
    folder.mkdir()
    for path in shortest[:SAMPLE_COUNT]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def reference(isolated: Path, articles: Path) -> dict[str, tuple[str, str, str]]:
    """The annotations of the single-process run (``byline index`` without ``--dask``)."""
    db = isolated / "single.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(isolated / "cache-single"))
        assert main(["index", str(articles), "--db", str(db)]) == 0
    found = stored(db)
    assert len(found) == SAMPLE_COUNT
    return found


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh annotation cache per test, or every article would be reused from it."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))


def stored(db: Path) -> dict[str, tuple[str, str, str]]:
    """Engine version, model and JSON of each stored annotation, by article id."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body, n.engine_version, n.model,"
            " n.data FROM annotations n JOIN articles a ON a.n = n.article"
            " JOIN texts t ON t.n = a.n"
        ).fetchall()
    connection.close()
    found = {}
    for id_, title, date, source, url, body, engine, model, data in rows:
        article = Article(id_, title, date, source, url, unpack_text(body))
        found[id_] = (engine, model, unpack_annotation(data, article).to_json())
    return found


def test_dask_streams_the_same_annotations_into_the_library(
    scheduler: str, articles: Path, reference: dict, tmp_path: Path, capsys
):
    db = tmp_path / "dask.sqlite3"
    argv = ["index", "--dask", scheduler, str(articles), "--db", str(db), "--batch-size", "2"]
    assert main(argv) == 0
    assert "annotated 5, skipped 0" in capsys.readouterr().out
    assert stored(db) == reference

    assert main(["index", "--dask", scheduler, str(articles), "--db", str(db)]) == 0
    assert "annotated 0, skipped 5" in capsys.readouterr().out


def test_dask_shards_imported_with_add_equal_the_single_process_run(
    scheduler: str, articles: Path, reference: dict, tmp_path: Path, capsys
):
    shards = tmp_path / "shards"
    planning = tmp_path / "planning.sqlite3"
    argv = ["index", "--dask", scheduler, str(articles), "--out", str(shards), "--batch-size", "2"]
    assert main([*argv, "--db", str(planning)]) == 0
    assert "wrote 3 shards" in capsys.readouterr().out
    assert sorted(p.name for p in shards.iterdir()) == [f"part-0000{n}.jsonl" for n in range(3)]
    assert not stored(planning)  # the annotations went to the shards only

    imported = tmp_path / "imported.sqlite3"
    assert main(["add", "--annotations", str(shards), "--db", str(imported)]) == 0
    assert capsys.readouterr().out.startswith("imported 5 annotations from 3 files (0 bad")
    got = stored(imported)
    assert got.keys() == reference.keys()
    for article_id, (engine, model, text) in reference.items():
        # compared as records: a JSON round trip writes a whole-number float as 1.0, not 1
        assert got[article_id][:2] == (engine, model)
        assert Annotation.from_json(got[article_id][2]) == Annotation.from_json(text)
