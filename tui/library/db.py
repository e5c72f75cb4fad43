"""The article library: one SQLite file shared by the reader and the ``byline`` commands.

Two processes may use it at once (the reader refreshing while ``byline add`` runs), so the
database is in WAL mode with a busy timeout, every write is one short ``BEGIN IMMEDIATE``
transaction, and a ``database is locked`` that still gets through is retried. The schema
is versioned with ``PRAGMA user_version``: :data:`MIGRATIONS` run in order, each once.
SQLite failures a user can meet (a damaged, read-only or full disk, a library kept busy
too long) come out as one-line :class:`LibraryError` messages; opening with
``recover=True`` also moves a damaged file aside (see :class:`Library`).

Annotations are stored per (engine version, model), so an engine upgrade re-annotates
without losing the old rows; listings, people and search use each article's newest one.

Where each part lives: this module opens the file (creating, checking, recovering and
migrating it) and is the :class:`Library` every caller imports; its methods come by concern
from :mod:`~tui.library.articles` (listing, read state, removal),
:mod:`~tui.library.annotations`, :mod:`~tui.library.queries` (search, People, Stories) and
:mod:`~tui.library.feeds`, all on :class:`~tui.library.connection.Connection` (locks,
retries, one-line errors, write transactions). The records they return are in
:mod:`~tui.library.records`; the file-level steps of opening in :mod:`~tui.library.opening`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.library import store
from tui.library.annotations import LibraryAnnotations
from tui.library.articles import SORT_DIRECTION, SORT_KEYS, SORTS, LibraryArticles
from tui.library.connection import (
    BUSY_TIMEOUT_MS,
    LOCK_RETRIES,
    DamagedLibrary,
    LibraryError,
    NotALibrary,
)
from tui.library.feeds import LibraryFeeds
from tui.library.opening import (
    BACKUP_INFIX,
    COMPANIONS,
    DB_ENV,
    _backup_path,
    _move_aside,
    _opening_lock,
    _wal_is_garbage,
    default_db_path,
)
from tui.library.queries import (
    NAMED_KINDS,
    PEOPLE_SORTS,
    QUOTED_ARTICLES,
    SEARCH_WINDOW,
    SPEAKER_KEYS,
    LibraryQueries,
)
from tui.library.records import (
    _CURRENT_ANNOTATIONS,
    AddResult,
    ArticleRow,
    Feed,
    Hit,
    Person,
    Story,
    StorySummary,
    _decoded,
)
from tui.library.schema import LIBRARY_TABLES, MIGRATIONS
from tui.model import Annotation

__all__ = [
    "BACKUP_INFIX",
    "BUSY_TIMEOUT_MS",
    "CACHE_KIB",
    "COMPANIONS",
    "DB_ENV",
    "LOCK_RETRIES",
    "MIGRATIONS",
    "NAMED_KINDS",
    "PAGE_SIZE",
    "PEOPLE_SORTS",
    "QUICK_CHECK_MAX_BYTES",
    "QUOTED_ARTICLES",
    "RELINK_GROUP",
    "SEARCH_WINDOW",
    "SORTS",
    "SORT_DIRECTION",
    "SORT_KEYS",
    "SPEAKER_KEYS",
    "AddResult",
    "ArticleRow",
    "DamagedLibrary",
    "Feed",
    "Hit",
    "Library",
    "LibraryError",
    "NotALibrary",
    "Person",
    "Story",
    "StorySummary",
    "default_db_path",
]


# PRAGMA quick_check reads every page: 1-3 ms per MB (6-18 ms for the 60-article, 6 MB
# corpus). Above this size ``recover=True`` checks the header and schema only, and damage
# deeper in the file is reported by the first query that meets it.
QUICK_CHECK_MAX_BYTES = 24 * 2**20
PAGE_SIZE = 16_384
CACHE_KIB = 4_096  # SQLite's page cache per connection (its default is 2 MiB)
RELINK_GROUP = 100  # articles linked again per transaction (about half a second)


class Library(LibraryArticles, LibraryAnnotations, LibraryQueries, LibraryFeeds):
    """The article library in one SQLite file (created, and migrated, on open).

    Opening checks the file is a Byline library: it has a SQLite header and Byline's
    tables, and with ``recover=True`` (what the ``byline`` commands and the app use) also
    passes ``PRAGMA quick_check`` when it is at most :data:`QUICK_CHECK_MAX_BYTES`.

    What is recovered on its own, and what is refused:

    * a file SQLite cannot read (garbage, truncated, zero-length, "malformed") raises
      :class:`DamagedLibrary`; with ``recover=True`` it is renamed to
      ``NAME.corrupt-YYYYmmdd-HHMMSS`` (never over an earlier one; its ``-wal``/``-shm``
      go along) and a fresh library is started: nothing in it can be read by Byline, and
      the copy keeps whatever a salvage tool could still get back;
    * a ``-wal`` file with no WAL header is moved aside the same way, keeping the library:
      SQLite would drop it silently, and the main file is intact;
    * a healthy SQLite database without Byline's tables (or with only some) raises
      :class:`NotALibrary` and is never moved or written: it belongs to another program,
      and most likely ``--db`` or ``$BYLINE_DB`` points at the wrong file.

    ``recovered`` is then the one-line notice to show the user, ``backup`` the new name.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, recover: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.migrations_applied = 0
        self.stories_relinked = False  # whether opening linked the stories again
        self.recovered: str | None = None
        self.backup: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"{self.path}: cannot open the library ({error})") from None
        with _opening_lock(self.path) as locked:
            can_move = recover and locked
            if can_move and _wal_is_garbage(self.path):
                self.backup = _backup_path(self.path)
                _move_aside(self.path, self.backup, COMPANIONS)
                self.recovered = (
                    f"{self.path}: its write-ahead log was unreadable; moved it to"
                    f" {self.backup}-wal and opened the library without it"
                )
            try:
                self._db = self._open(thorough=recover)
            except DamagedLibrary as damage:
                if not can_move:
                    raise
                self.backup = self.backup or _backup_path(self.path)
                try:
                    _move_aside(self.path, self.backup, (*COMPANIONS, ""))
                except OSError as error:
                    raise LibraryError(
                        f"{damage}; could not move it aside ({error.strerror or error})"
                    ) from None
                self.recovered = (
                    f"{self.path} was damaged ({damage.reason}); moved it to {self.backup}"
                    " and started a fresh library"
                )
                self._db = self._open(thorough=False)

    def _open(self, *, thorough: bool) -> sqlite3.Connection:
        """Connect, check the file is a Byline library, switch to WAL and migrate."""
        try:
            size: int | None = self.path.stat().st_size
        except FileNotFoundError:
            size = None
        except OSError as error:
            raise LibraryError(f"{self.path}: cannot open the library ({error})") from None
        if size == 0:
            # never one of ours: a new library is made aside and linked in whole
            raise DamagedLibrary(f"{self.path}: the library file is empty", "0 bytes")
        if size is None:
            self._create()
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise LibraryError(f"{self.path}: cannot open the library ({error})") from None
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys=ON")
            self._db = db
            self._run(lambda: self._check(thorough=thorough))
            db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._run(lambda: db.execute("PRAGMA journal_mode=WAL").fetchone())
            self.migrations_applied += self._run(self._migrate)
            self.stories_relinked = self._run(self._relink_stories)
        except sqlite3.DatabaseError as error:  # none a user can fix (those are translated)
            db.close()
            raise LibraryError(f"{self.path}: not a usable library ({error})") from None
        except BaseException:
            db.close()
            raise
        return db

    def _relink_stories(self) -> bool:
        """Start linking the stories again when they were linked under other rules than
        today's (an upgrade changed a word list or a window): stored link terms must be
        the ones the code computes, or lookups miss and removals leave rows behind. The
        stories are emptied at once and linked again by :meth:`relink_stories` (in the
        app, in the background). Whether a relink began."""
        from tui.library import stories

        if not stories.has_every_table(self._db):
            with self._write() as db:
                stories.complete_tables(db)  # a library made before a table was
        if stories.linked_by_current_rules(self._db):
            return False
        with self._write() as db:
            if stories.linked_by_current_rules(db):  # another process just did it
                return False
            stories.begin_relink(db)
        return True

    def relink_progress(self) -> tuple[int, int] | None:
        """(articles linked again, articles to link) while the stories are being linked
        again under new rules; None when they are whole."""
        from tui.library import stories

        return self._run(lambda: stories.relink_progress(self._db))

    def relink_stories(
        self, *, articles: int | None = None, progress: Callable[[int, int], None] | None = None
    ) -> tuple[int, int] | None:
        """Go on linking the stories again under today's rules (see :meth:`_relink_stories`),
        a transaction per :data:`RELINK_GROUP` articles so that other writers get their
        turn: ``articles`` of them, or all that are left. ``progress`` hears (done, total)
        after each group. What remains, as :meth:`relink_progress` says it."""
        from tui.library import stories

        left = articles
        while left is None or left > 0:
            group = RELINK_GROUP if left is None else min(left, RELINK_GROUP)

            def step(group: int = group) -> bool:
                with self._write() as db:
                    span = stories.relink_span(db)
                    if span is None:
                        return False
                    rows = db.execute(
                        f"{_CURRENT_ANNOTATIONS} WHERE a.n BETWEEN ? AND ? ORDER BY a.n LIMIT ?",
                        (*span, group),
                    ).fetchall()
                    if not rows:  # the rest were removed meanwhile
                        stories.relink_next(db, [(span[1], None)])
                    else:
                        stories.relink_next(db, ((int(row["n"]), _decoded(row)) for row in rows))
                    return True

            if not self._run(step):
                break
            if left is not None:
                left -= group
            if progress is not None and (state := self.relink_progress()) is not None:
                progress(*state)
        return self.relink_progress()

    def _create(self) -> None:
        """Make a new library aside and hard-link it in, so the path never names a half-made
        (or, after a kill, zero-length) file; if another process got there first, use its."""
        fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        try:
            for end in ("", *COMPANIONS):
                Path(f"{fresh}{end}").unlink(missing_ok=True)
            db = sqlite3.connect(fresh, isolation_level=None)
            db.row_factory = sqlite3.Row
            try:
                # before the first table: rows up to ~16 KB (a compressed article, its
                # annotation) then sit in their page instead of half-filling overflow pages
                db.execute(f"PRAGMA page_size={PAGE_SIZE}")
                db.execute("PRAGMA journal_mode=WAL")
                self._db = db
                self.migrations_applied = self._migrate()
            finally:
                db.close()  # the last connection checkpoints: all of it is in the file
            try:
                os.link(fresh, self.path)
            except FileExistsError:
                pass
            except OSError:  # no hard links here (FAT, some network shares)
                if not self.path.exists():
                    os.rename(fresh, self.path)
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"{self.path}: cannot create the library ({error})") from None
        finally:
            for end in ("", *COMPANIONS):
                Path(f"{fresh}{end}").unlink(missing_ok=True)

    def _check(self, *, thorough: bool) -> None:
        """Raise :class:`NotALibrary` for another program's database and
        :class:`DamagedLibrary` (via :meth:`_run`) for one SQLite cannot read."""
        tables = {
            str(r[0])
            for r in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        }
        if tables and not tables >= LIBRARY_TABLES:
            shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
            raise NotALibrary(
                f"{self.path}: an SQLite database of another program (tables: {shown}), not a"
                " Byline library; left untouched (check --db or $BYLINE_DB)"
            )
        if not thorough:
            return
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        page_size = self._db.execute("PRAGMA page_size").fetchone()[0]
        if pages * page_size > QUICK_CHECK_MAX_BYTES:
            return
        problems = [str(r[0]) for r in self._db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            reason = "; ".join(problems)[:200]
            raise DamagedLibrary(f"{self.path}: the library file is damaged ({reason})", reason)

    @property
    def user_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> int:
        """Apply the pending migrations in one write transaction; return how many ran."""
        if self.user_version >= len(MIGRATIONS):
            return 0
        with self._write() as db:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            for migration in MIGRATIONS[current:]:
                if callable(migration):
                    migration(db)
                else:
                    for statement in migration:
                        db.execute(statement)
            db.execute(f"PRAGMA user_version={len(MIGRATIONS)}")
            return len(MIGRATIONS) - current

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])

    # -- the batched store: Library's own method, not its annotation part's, so that it can
    # be taken off the class (as a test does to try the path of a library without it:
    # tui.bench.synthetic asks for it with getattr); an inherited one would stay behind

    def store_annotations(
        self, annotations: Iterable[Annotation], engine_version: str, model: str
    ) -> int:
        """:meth:`store_annotation` for many, in one transaction (bulk imports)."""

        def write() -> int:
            count = 0
            with self._write() as db:
                for annotation in annotations:
                    store.store_annotation(db, annotation, engine_version, model)
                    count += 1
            return count

        batch = list(annotations)
        return self._run(lambda: write() if batch else 0) if batch else 0
