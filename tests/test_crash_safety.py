"""Crash safety: killed runs, damaged files, readers beside an indexer, read-only and full disks.

The kill test runs the real engine in a subprocess and SIGKILLs it at random moments (the
seed is printed; set ``BYLINE_CRASH_SEED`` to replay one). The rest use a fake engine or
none, so they check the library's own behaviour. Every test gets its own library,
annotation cache and (absent) config file.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.library import Library, LibraryError
from tui.library.db import BACKUP_INFIX, DamagedLibrary, NotALibrary
from tui.model import Annotation, Article

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED_ANNOTATION = Path(__file__).resolve().parent / "data" / "seed-annotation.json"
WORDS = "The council met on Tuesday to debate the new bridge over the river, residents said. "


# every test gets its own library, cache and config (the ``isolated`` fixture, conftest.py)
pytestmark = pytest.mark.usefixtures("isolated")


def write_articles(folder: Path, count: int, *, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"{n:03d}.txt").write_text(
            f"Story {n}\n\nIn story {n}: {WORDS * (n % 7 + 20)}\n", encoding="utf-8"
        )
    return folder


def rows(db: Path) -> dict[str, tuple[int, bytes]]:
    """Each stored annotation by article id: (number, stored data); one per article."""
    connection = sqlite3.connect(db)
    try:
        found = connection.execute(
            "SELECT a.id, n.n, n.data FROM annotations n JOIN articles a ON a.n = n.article"
        ).fetchall()
        assert connection.execute(
            "SELECT count(*), count(DISTINCT article) FROM annotations"
        ).fetchone() == (len(found), len(found))
    finally:
        connection.close()
    return {r[0]: (r[1], r[2]) for r in found}


def summary(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("added "))


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("byline: ")
    return lines[0]


def backups(db: Path) -> list[Path]:
    """The backups of the library file itself (not of its companions)."""
    found = db.parent.glob(f"{db.name}{BACKUP_INFIX}*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


# -- kills at random moments (real engine) ------------------------------------------------


@pytest.mark.slow
def test_random_kills_leave_a_sound_library_and_a_rerun_finishes(
    tmp_path: Path, isolated: Path, repo_root: Path, capsys
):
    seed = int(os.environ.get("BYLINE_CRASH_SEED") or random.randrange(2**32))
    replay = f"replay with BYLINE_CRASH_SEED={seed}"  # in every failure message
    print(replay)
    rng = random.Random(seed)
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:12]:
        shutil.copy(path, folder / path.name)
    command = [sys.executable, "-m", "tui", "index", str(folder), "--batch-size", "1"]
    stored: dict[str, tuple[int, bytes]] = {}
    for round_ in range(4):
        jobs = ["--jobs", "2"] if round_ == 1 else []
        delay = rng.uniform(0.2, 3.5)
        process = subprocess.Popen(
            [*command, *jobs],
            cwd=repo_root,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # so the kill takes its worker processes too
        )
        try:
            time.sleep(delay)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)
        if not isolated.exists():  # killed before it made the library
            continue
        now = rows(isolated)
        with Library(isolated, recover=True) as library:
            assert library.recovered is None, f"round {round_}: {library.recovered}; {replay}"
            assert library.integrity_check() == "ok", f"round {round_}; {replay}"
            for article_id in now:
                found = library.current_annotation(article_id)  # None: unreadable
                assert found is not None, f"round {round_}: {article_id} unreadable; {replay}"
        assert {k: now[k] for k in stored} == stored, f"round {round_}: a row changed; {replay}"
        stored = now
    assert not backups(isolated), replay

    assert main(["index", str(folder), "--batch-size", "1"]) == 0
    line = summary(capsys.readouterr().out)
    assert f"annotated {12 - len(stored)}, skipped {len(stored)} (already" in line, replay
    final = rows(isolated)
    assert len(final) == 12, replay
    assert {k: final[k] for k in stored} == stored, replay  # nothing stored twice
    with Library(isolated) as library:
        assert library.integrity_check() == "ok"
        assert library.article_count() == 12
        assert all(row.annotated for row in library.articles())


# -- damaged files -------------------------------------------------------------------------


def make_library(db: Path, articles: int = 30) -> None:
    """A library of ``articles`` stored, annotated articles, checkpointed into one file."""
    texts = [
        Article.from_text(f"Story {n}. {WORDS * 40}", title=f"Story {n}") for n in range(articles)
    ]
    with Library(db) as library:
        for article in texts:
            library.store_annotation(Annotation(article), "test", "model")


def truncated(db: Path) -> None:
    make_library(db)
    size = db.stat().st_size
    with db.open("r+b") as file:
        file.truncate(size // 2 + 1000)  # mid-page


def garbage(db: Path) -> None:
    db.write_bytes(random.Random(7).randbytes(50_000))


def zero_length(db: Path) -> None:
    db.write_bytes(b"")


def garbage_header(db: Path) -> None:
    make_library(db, 3)
    with db.open("r+b") as file:
        file.write(b"not an SQLite file at all")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated mid-page": truncated,
    "random garbage": garbage,
    "zero-length": zero_length,
    "garbage header": garbage_header,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
@pytest.mark.parametrize("command", ["library", "add"])
def test_a_damaged_library_is_moved_aside_and_a_fresh_one_started(
    tmp_path: Path, isolated: Path, damage: str, command: str, fake_engine, capsys
):
    DAMAGE[damage](isolated)
    Path(f"{isolated}-wal").write_bytes(b"")  # a companion goes along
    damaged = isolated.read_bytes()
    argv = ["add", str(write_articles(tmp_path / "in", 1))] if command == "add" else ["library"]

    assert main(argv) == 0
    line = one_line(capsys.readouterr().err)
    [backup] = backups(isolated)
    assert re.fullmatch(rf"{re.escape(isolated.name)}\.corrupt-\d{{8}}-\d{{6}}", backup.name)
    assert "was damaged" in line and f"moved it to {backup}" in line
    assert backup.read_bytes() == damaged
    # SQLite deletes an empty log when it closes a file it could read
    assert Path(f"{backup}-wal").exists() or damage == "truncated mid-page"
    with Library(isolated) as library:
        assert library.integrity_check() == "ok"
        assert library.article_count() == (1 if command == "add" else 0)


def test_an_earlier_backup_is_never_overwritten(isolated: Path, capsys):
    contents = []
    for n in range(3):
        isolated.write_bytes(f"damaged library number {n}".encode() * 100)
        contents.append(isolated.read_bytes())
        assert main(["library"]) == 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 3
    assert sorted(p.read_bytes() for p in backups(isolated)) == sorted(contents)


def test_without_recover_a_damaged_library_raises_and_stays(isolated: Path):
    garbage(isolated)
    with pytest.raises(DamagedLibrary, match="damaged"):
        Library(isolated)
    assert not backups(isolated) and isolated.stat().st_size == 50_000


def test_a_garbage_log_is_moved_aside_and_the_library_kept(isolated: Path, capsys):
    make_library(isolated, 3)
    Path(f"{isolated}-wal").write_bytes(random.Random(3).randbytes(9000))
    assert main(["library"]) == 0
    out, err = capsys.readouterr()
    assert "write-ahead log was unreadable" in one_line(err)
    assert out.count("Story") == 3  # the articles are all still there
    [log] = isolated.parent.glob(f"{isolated.name}{BACKUP_INFIX}*-wal")
    assert log.stat().st_size == 9000 and not backups(isolated)


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path, capsys):
    other = tmp_path / "contacts.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Anna', '123')")
    connection.commit()
    connection.close()
    before = other.read_bytes()
    for argv in (["library", "--db", str(other)], ["--db", str(other)]):
        assert main(argv) == 1
        line = one_line(capsys.readouterr().err)
        assert "another program" in line and "contacts" in line and "--db" in line
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.db"]
    with pytest.raises(NotALibrary):
        Library(other, recover=True)


def test_the_app_is_told_where_the_backup_is(isolated: Path, monkeypatch, capsys):
    started: list[Any] = []
    monkeypatch.setattr("tui.app.BylineApp.run", lambda self, **_: started.append(self))
    garbage(isolated)
    assert main([]) == 0
    [backup] = backups(isolated)
    [app] = started
    assert f"moved it to {backup}" in app.notice
    assert one_line(capsys.readouterr().err).endswith(app.notice)


async def test_the_recovery_notice_is_a_notification():
    from tui.app import BylineApp

    notice = "lib.sqlite3 was damaged (file is not a database); moved it to lib.sqlite3.corrupt-x"
    app = BylineApp([], notice=notice)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [notice]
        assert next(iter(app._notifications)).severity == "warning"


# -- two readers and an indexer ------------------------------------------------------------

FAKE_INDEX = """
import dataclasses, sys
from pathlib import Path
from tui.model import Annotation
import tui.nlp.annotator
seed = Annotation.from_json(Path(sys.argv[1]).read_text(encoding="utf-8"))
def annotate_many(self, articles, **_):
    for article in articles:
        yield dataclasses.replace(seed, article=article)
tui.nlp.annotator.Annotator.annotate_many = annotate_many
from tui.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_two_readers_and_an_indexer_at_once(tmp_path: Path, isolated: Path, repo_root: Path):
    count = 60
    folder = write_articles(tmp_path / "in", count)
    Library(isolated).close()
    arguments = ["index", str(folder), "--batch-size", "1"]
    indexer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(FAKE_INDEX), str(SEED_ANNOTATION), *arguments],
        cwd=repo_root,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    failures: list[BaseException] = []
    reads = [0, 0]

    def read(slot: int) -> None:
        try:
            with Library(isolated, recover=True) as library:
                while indexer.poll() is None:
                    articles = library.articles()
                    library.search("bridge")
                    library.search("speaker:trump")
                    library.people()
                    for row in articles[:3]:
                        library.current_annotation(row.id)
                        library.mark_read(row.id, read=slot == 0)
                    reads[slot] += 1
        except BaseException as error:  # reported below, with the indexer's output
            failures.append(error)

    threads = [threading.Thread(target=read, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    out, err = indexer.communicate(timeout=120)
    for thread in threads:
        thread.join(30)
    assert not failures, failures
    assert indexer.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err
    assert f"added {count} articles; annotated {count}, skipped 0" in summary(out)
    assert min(reads) > 0
    with Library(isolated) as library:
        assert library.integrity_check() == "ok"
        assert len(rows(isolated)) == count == library.article_count()


# -- read-only and full -------------------------------------------------------------------


def connect_with(monkeypatch: pytest.MonkeyPatch, adjust: Callable[[Any, Any], Any]) -> None:
    """Make the library's connections through ``adjust(real_connect, path)``."""
    real = sqlite3.connect

    def connect(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        return adjust(lambda *a, **k: real(*a, **{**kwargs, **k}), path)

    monkeypatch.setattr("tui.library.db.sqlite3.connect", connect)


def test_a_read_only_library_is_one_line(
    tmp_path: Path, isolated: Path, monkeypatch, fake_engine, capsys
):
    """Opened with SQLite's ``mode=ro`` (chmod does not stop root; the next test uses it)."""
    make_library(isolated, 2)
    connect_with(monkeypatch, lambda real, path: real(f"file:{path}?mode=ro", uri=True))
    assert main(["library"]) == 0
    assert capsys.readouterr().out.count("Story") == 2
    assert main(["add", str(write_articles(tmp_path / "in", 1))]) == 1
    assert "read-only" in one_line(capsys.readouterr().err)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes through chmod 444; the mode=ro test covers the read-only path",
)
def test_a_chmod_read_only_library_is_one_line(tmp_path: Path, isolated: Path, fake_engine, capsys):
    make_library(isolated, 2)
    isolated.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert main(["add", str(write_articles(tmp_path.parent / f"{tmp_path.name}-in", 1))]) == 1
        line = one_line(capsys.readouterr().err)
        assert "read-only" in line or "cannot open" in line
    finally:
        tmp_path.chmod(0o755)
        isolated.chmod(0o644)


def test_a_full_disk_is_one_line_and_keeps_the_library(
    tmp_path: Path, isolated: Path, monkeypatch, fake_engine, capsys
):
    """SQLITE_FULL, as from a full disk, by capping the file at its current size."""
    make_library(isolated, 2)

    def capped(real: Any, path: Any) -> sqlite3.Connection:
        connection = real(path)
        connection.execute("PRAGMA max_page_count=1")  # rounds up to the current size
        return connection

    connect_with(monkeypatch, capped)
    # texts that do not compress, too big for the free space of the library's pages
    folder = tmp_path / "in"
    folder.mkdir()
    rng = random.Random(5)
    for n in range(3):
        words = " ".join("".join(rng.choices("abcdefghij", k=7)) for _ in range(40_000))
        (folder / f"{n}.txt").write_text(f"Story {n}\n\n{words}.\n", encoding="utf-8")
    assert main(["add", str(folder)]) == 1
    assert "disk is full" in one_line(capsys.readouterr().err)
    assert main(["index", str(tmp_path / "in")]) == 1
    assert "disk is full" in one_line(capsys.readouterr().err)
    monkeypatch.undo()
    with Library(isolated) as library:
        assert library.integrity_check() == "ok" and library.article_count() == 2


def test_a_library_in_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["library", "--db", str(blocker / "lib.sqlite3")]) == 1
    assert "cannot open the library" in one_line(capsys.readouterr().err)
    with pytest.raises(LibraryError):
        Library(blocker / "lib.sqlite3")
