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
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tui.library import store
from tui.library.codec import CodecError, unpack_annotation, unpack_text
from tui.library.schema import LIBRARY_TABLES, MIGRATIONS
from tui.library.snippets import snippet, snippet_terms
from tui.model import Annotation, Article, Quote
from tui.nlp.events.linking import speaker_key
from tui.nlp.speakers.names import fold
from tui.textfit import cut

DB_ENV = "BYLINE_DB"
BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 5
BACKUP_INFIX = ".corrupt-"  # library.sqlite3.corrupt-20250101-120000 (+ -wal, -shm)
# PRAGMA quick_check reads every page: 1-3 ms per MB (6-18 ms for the 60-article, 6 MB
# corpus). Above this size ``recover=True`` checks the header and schema only, and damage
# deeper in the file is reported by the first query that meets it.
QUICK_CHECK_MAX_BYTES = 24 * 2**20
COMPANIONS = ("-wal", "-shm")
PAGE_SIZE = 16_384
CACHE_KIB = 4_096  # SQLite's page cache per connection (its default is 2 MiB)
RELINK_GROUP = 100  # articles linked again per transaction (about half a second)
_CURRENT_ANNOTATIONS = (
    "SELECT a.n, a.id, a.title, a.date, a.source, a.url, t.body, n.data"
    " FROM articles a JOIN annotations n ON n.n = a.annotation JOIN texts t ON t.n = a.n"
)
"""Articles with their current annotation, as :func:`_decoded` reads a row."""
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # big-endian 0x377f0682 / 3
_T = TypeVar("_T")


SORTS = {
    "date": "sort_date DESC, added_at DESC, n DESC",
    "title": "sort_title, n",
    "quotes": "quotes DESC, n DESC",
    "speakers": "speakers DESC, n DESC",
}
# the same orders as row values, for keyset steps (every direction within a sort agrees)
SORT_KEYS = {
    "date": "sort_date, added_at, n",
    "title": "sort_title, n",
    "quotes": "quotes, n",
    "speakers": "speakers, n",
}
SORT_DIRECTION = {"date": "DESC", "title": "ASC", "quotes": "DESC", "speakers": "DESC"}
PEOPLE_SORTS = {
    "quotes": "quotes DESC, articles DESC",
    "articles": "articles DESC, quotes DESC",
    "name": "name COLLATE NOCASE",
}
NAMED_KINDS = ("person", "organization")  # what People lists by default


def _people_where(*, quoted_only: bool, named_only: bool) -> str:
    conditions = (["quotes > 0"] if quoted_only else []) + (
        [f"kind IN {NAMED_KINDS!r}"] if named_only else []
    )
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


SEARCH_WINDOW = 1_000  # newest matches ranked per search
SPEAKER_KEYS = 20  # people a speaker: search may match
QUOTED_ARTICLES = 200  # articles People lists a person's quotes from


class LibraryError(Exception):
    """A user-facing library failure (bad search query, ambiguous id, unreadable file)."""


class DamagedLibrary(LibraryError):
    """The file is not a readable SQLite database (garbage, truncated, zero-length) or
    SQLite reports it malformed: ``Library(recover=True)`` moves it aside."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # what SQLite said, for the recovery notice


class NotALibrary(LibraryError):
    """A readable SQLite database without Byline's tables: someone else's, never touched."""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article in a listing, with counts from its newest annotation."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    added_at: str
    read: bool
    feed_id: int | None
    annotated: bool
    quotes: int
    speakers: int
    n: int = 0  # the article's number in this library (its rowid)


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``snippet`` has the matched words between the marks."""

    article_id: str
    title: str | None
    date: str | None
    snippet: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker across the library, keyed by folded full name."""

    key: str
    name: str
    kind: str
    articles: int
    quotes: int


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event reported by several articles: (article id, event id) pairs."""

    lemma: str
    members: tuple[tuple[str, str], ...]
    id: int = 0

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(article for article, _ in self.members))


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as the Stories view lists it: its label, how many events and articles tell
    it, and the first of those articles the library received (by date, undated last)."""

    id: int
    label: str
    events: int
    articles: int
    first_articles: tuple[ArticleRow, ...]
    first_date: str | None = None  # of its articles' publication dates
    last_date: str | None = None
    first_events: tuple[str, ...] = ()  # the story's event in each of first_articles ("": none)


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str | None
    added_at: str
    last_refreshed: str | None
    articles: int
    unread: int


def _story_articles(columns: str) -> str:
    """``columns`` of a story's first articles the library received (an index range, however
    large the story), listed by date, undated last: parameters (story, limit)."""
    return (
        f"SELECT {columns} FROM articles WHERE n IN"
        " (SELECT DISTINCT n FROM story_members WHERE story = ? ORDER BY n LIMIT ?)"
        " ORDER BY sort_date = '', sort_date, n"
    )


def default_db_path() -> Path:
    """``$BYLINE_DB``, else ``library.sqlite3`` in platformdirs' user data directory."""
    explicit = os.environ.get(DB_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_data_path

    return user_data_path("byline", appauthor=False) / "library.sqlite3"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _is_locked(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _retry(action: Callable[[], _T]) -> _T:
    """Run ``action``, retrying a few times when another process holds the lock too long."""
    for attempt in range(LOCK_RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not _is_locked(error) or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _user_error(path: Path, error: sqlite3.Error) -> LibraryError | None:
    """The one-line message for an SQLite failure a user can meet, or None (a bug: let it
    through). A plain SQL error, such as an FTS5 syntax error, is None."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedLibrary(
            f"{path}: the library file is damaged ({error}); move it aside and byline"
            " starts a fresh library",
            str(error),
        )
    if name.startswith("SQLITE_READONLY"):
        return LibraryError(
            f"{path}: the library is read-only ({error}); check the permissions of the file"
            " and its folder"
        )
    if name.startswith("SQLITE_FULL"):
        return LibraryError(
            f"{path}: the disk is full ({error}); free some space and run again"
            " (everything stored so far is kept)"
        )
    if name.startswith("SQLITE_IOERR"):
        return LibraryError(f"{path}: the library could not be read or written ({error})")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return LibraryError(
            f"{path}: the library is busy: another program kept it locked too long ({error});"
            " try again"
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return LibraryError(f"{path}: cannot open the library ({error})")
    return None


@contextmanager
def _opening_lock(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on the library's folder while a library is opened, created or
    moved aside; yield whether it is held.

    So two processes starting at once never both "recover" the same damaged file (the
    second moving away the fresh library the first just made), and a library being created
    is never seen half made. It is ``flock`` on the folder, not on the database file: a
    second descriptor on the database that is closed would drop SQLite's own POSIX locks.
    Without it (Windows, a folder that cannot be opened or locked, a holder past the busy
    timeout) nothing is moved aside.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        yield False
        return
    try:
        handle = os.open(path.parent, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.005)
                    continue
                locked = False
            except OSError:  # e.g. a file system without flock
                locked = False
            else:
                locked = True
            break
        yield locked
    finally:
        os.close(handle)  # releases the lock


def _wal_is_garbage(path: Path) -> bool:
    """Whether the library's ``-wal`` file has no WAL header (SQLite would silently drop it).

    Only the magic number is read: SQLite writes the 32-byte header in one write, so a live
    log always has it; a header with a bad checksum is left for SQLite to ignore.
    """
    try:
        with open(f"{path}-wal", "rb") as log:
            head = log.read(32)
    except OSError:
        return False
    return len(head) == 32 and head[:4] not in _WAL_MAGIC


def _backup_path(path: Path) -> Path:
    """A free ``NAME.corrupt-YYYYmmdd-HHMMSS[-N]`` beside ``path`` (with no companions)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in itertools.count():
        candidate = path.with_name(
            f"{path.name}{BACKUP_INFIX}{stamp}" + (f"-{number}" if number else "")
        )
        if not any(Path(f"{candidate}{end}").exists() for end in ("", *COMPANIONS)):
            return candidate
    raise AssertionError("unreachable")


def _move_aside(path: Path, backup: Path, ends: Sequence[str]) -> None:
    """Rename ``path`` + each end to ``backup`` + the same end, the log first: a fresh
    database must never meet its predecessor's ``-wal``, which SQLite would replay."""
    for end in ends:
        source = Path(f"{path}{end}")
        if source.exists():
            os.rename(source, f"{backup}{end}")


class Library:
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

    def _run(self, action: Callable[[], _T]) -> _T:
        """:func:`_retry`, with the failures a user can meet as a one-line :class:`LibraryError`."""
        try:
            return _retry(action)
        except sqlite3.Error as error:
            translated = _user_error(self.path, error)
            if translated is None:
                raise
            raise translated from error

    # -- plumbing ---------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, taken up front so it cannot deadlock on upgrade."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self._run(lambda: self._db.execute(sql, params).fetchall())

    # -- articles ---------------------------------------------------------------------

    def add(
        self, articles: Iterable[Article], *, feed_id: int | None = None, from_feed: bool = False
    ) -> AddResult:
        """Store the articles the library does not have yet; report the new ids and the
        duplicates (same id, canonical URL or folded text as an article already there).
        ``from_feed``: what a feed brings, so not the articles the reader removed (what
        the reader adds by name is added again)."""
        batch = list({a.id: a for a in articles}.values())

        def insert() -> AddResult:
            added: list[str] = []
            duplicates: dict[str, str] = {}
            removed: list[str] = []
            with self._write() as db:
                for article in batch:
                    outcome = store.insert_article(
                        db, article, feed_id=feed_id, unless_removed=from_feed
                    )
                    if outcome.n is not None:
                        added.append(article.id)
                    elif outcome.removed:
                        removed.append(article.id)
                    elif outcome.existing is not None and outcome.existing != article.id:
                        duplicates[article.id] = outcome.existing
            return AddResult(tuple(added), duplicates, tuple(removed))

        return self._run(insert)

    def add_articles(self, articles: Iterable[Article], *, feed_id: int | None = None) -> list[str]:
        """Store articles not already present; return the new ids (see :meth:`add`)."""
        return list(self.add(articles, feed_id=feed_id).added)

    def article(self, article_id: str) -> Article | None:
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body FROM articles a"
            " JOIN texts t ON t.n = a.n WHERE a.id = ?",
            (article_id,),
        )
        return _article(rows[0]) if rows else None

    def all_articles(self) -> Iterator[Article]:
        """Every article with its text, in :meth:`articles` order, read a page at a time."""
        last: tuple[str, str, int] | None = None
        while True:
            after = "" if last is None else " WHERE (sort_date, added_at, n) < (?, ?, ?)"
            rows = self._query(
                "SELECT n, id, title, date, source, url, sort_date, added_at,"
                " (SELECT body FROM texts t WHERE t.n = articles.n) AS body FROM articles"
                + after
                + " ORDER BY sort_date DESC, added_at DESC, n DESC LIMIT 200",
                last or (),
            )
            if not rows:
                return
            for row in rows:
                yield _article(row)
            tail = rows[-1]
            last = (tail["sort_date"], tail["added_at"], tail["n"])

    def article_count(self, *, unread_only: bool = False) -> int:
        """How many articles (unread ones) there are: a stored tally, not a count."""
        name = "unread" if unread_only else "articles"
        return int(self._query("SELECT value FROM tallies WHERE name = ?", (name,))[0][0])

    def knows_url(self, url: str) -> bool:
        """Whether an article with this (canonical) URL is in the library, or was and the
        reader removed it (a feed must not fetch it again)."""
        key = store.canonical_url(url)
        if key is None:
            return bool(self._query("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)))
        if self._query("SELECT 1 FROM articles WHERE canonical_url = ? LIMIT 1", (key,)):
            return True
        return self._run(lambda: store.url_was_removed(self._db, url))

    def resolve_id(self, prefix: str) -> str:
        """The one article id starting with ``prefix``; raise :class:`LibraryError` if not one."""
        rows = (
            self._query(
                "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (prefix, prefix + "\U0010ffff"),
            )
            if prefix
            else []
        )
        if not rows:
            raise LibraryError(f"{prefix!r}: no article with this id in the library")
        if len(rows) > 1 and rows[0]["id"] != prefix:
            raise LibraryError(f"{prefix!r}: several articles start with this id; give more")
        return str(rows[0]["id"])

    def _listing(
        self, unread_only: bool, feed_id: int | None, needle: str | None
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if unread_only:
            where.append("read = 0")
        if feed_id is not None:
            where.append("feed_id = ?")
            params.append(feed_id)
        if needle:
            pattern = "%" + _like_escape(needle) + "%"
            where.append("(title LIKE ? ESCAPE '\\' OR source LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        return where, params

    def articles(
        self,
        *,
        unread_only: bool = False,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """A page of the listing: ``sort`` is one of :data:`SORTS` (date: newest first;
        title: A to Z; quotes, speakers: most first); ``needle`` filters titles and
        sources. Every sort walks an index, so a page costs the same at any size."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        where, params = self._listing(unread_only, feed_id, needle)
        sql = (
            f"SELECT {_ROW_COLUMNS} FROM articles"
            + (" WHERE " + " AND ".join(where) if where else "")
            # a filter matches few rows: scan them in table order and sort those, rather
            # than walk the whole sort index fetching each row (25x slower for a rare word)
            + f" ORDER BY {('+' if needle else '') + SORTS[sort]} LIMIT ? OFFSET ?"
        )
        rows = self._query(sql, (*params, -1 if limit is None else limit, offset))
        return [_article_row(r) for r in rows]

    def count(
        self, *, unread_only: bool = False, feed_id: int | None = None, needle: str | None = None
    ) -> int:
        """How many rows :meth:`articles` has with these filters (tallies when unfiltered)."""
        if feed_id is None and not needle:
            return self.article_count(unread_only=unread_only)
        where, params = self._listing(unread_only, feed_id, needle)
        sql = "SELECT count(*) FROM articles WHERE " + " AND ".join(where)
        return int(self._query(sql, params)[0][0])

    def rows(self, article_ids: Sequence[str]) -> dict[str, ArticleRow]:
        """The listing rows of these articles (those still in the library)."""
        found: dict[str, ArticleRow] = {}
        for chunk in _chunks(list(dict.fromkeys(article_ids)), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT {_ROW_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)
            found.update((r["id"], _article_row(r)) for r in rows)
        return found

    def _keyset(self, article_id: str, sort: str) -> tuple[str, str, tuple[Any, ...]] | None:
        """For ``sort``: (columns, the ordering of those columns as a row value, this
        article's values of them), so rows before or after it are a range of the index."""
        columns = SORT_KEYS[sort]
        rows = self._query(f"SELECT {columns} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        return columns, SORT_DIRECTION[sort], tuple(rows[0])

    def position(
        self,
        article_id: str,
        *,
        unread_only: bool = False,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
    ) -> int | None:
        """The row number of ``article_id`` in that listing (None: not in it): the rows
        before it are counted along the sort's index."""
        keyset = self._keyset(article_id, sort)
        if keyset is None:
            return None
        columns, direction, values = keyset
        where, params = self._listing(unread_only, feed_id, needle)
        if where:
            rows = self._query(
                "SELECT 1 FROM articles WHERE id = ? AND " + " AND ".join(where),
                (article_id, *params),
            )
            if not rows:
                return None
        marks = ", ".join("?" * len(values))
        before = f"({columns}) {'>' if direction == 'DESC' else '<'} ({marks})"
        sql = "SELECT count(*) FROM articles WHERE " + " AND ".join([*where, before])
        return int(self._query(sql, (*params, *values))[0][0])

    def next_unread(
        self,
        after: str | None,
        *,
        feed_id: int | None = None,
        sort: str = "date",
        needle: str | None = None,
    ) -> str | None:
        """The first unread article after ``after`` in that listing, wrapping round to the
        top (None when nothing is unread): one step along the sort's index."""
        where, params = self._listing(True, feed_id, needle)
        order = SORTS[sort]
        keyset = self._keyset(after, sort) if after else None
        if keyset is not None:
            columns, direction, values = keyset
            marks = ", ".join("?" * len(values))
            following = f"({columns}) {'<' if direction == 'DESC' else '>'} ({marks})"
            rows = self._query(
                "SELECT id FROM articles WHERE "
                + " AND ".join([*where, following])
                + f" ORDER BY {order} LIMIT 1",
                (*params, *values),
            )
            if rows:
                return str(rows[0][0])
        rows = self._query(
            "SELECT id FROM articles WHERE " + " AND ".join(where) + f" ORDER BY {order} LIMIT 1",
            params,
        )
        return str(rows[0][0]) if rows else None

    def set_date(self, article_id: str, date: str | None) -> bool:
        """Give an article a publication date (``YYYY-MM-DD``, or None for none); its
        annotations are dropped, to be made anew against that date. False when the
        library has no such article."""

        def write() -> bool:
            with self._write() as db:
                row = db.execute("SELECT n FROM articles WHERE id = ?", (article_id,)).fetchone()
                if row is None:
                    return False
                store.set_date(db, int(row[0]), date)
                return True

        return self._run(write)

    def mark_read(self, article_ids: str | Iterable[str], read: bool = True) -> int:
        """Mark articles read (or unread); return how many changed."""
        ids = [article_ids] if isinstance(article_ids, str) else list(article_ids)

        def update() -> int:
            changed = 0
            with self._write() as db:
                for chunk in _chunks(ids, 500):
                    marks = ", ".join("?" * len(chunk))
                    changed += db.execute(
                        f"UPDATE articles SET read = ? WHERE read != ? AND id IN ({marks})",
                        (int(read), int(read), *chunk),
                    ).rowcount
            return changed

        return self._run(update)

    def mark_all_read(self, *, feed_id: int | None = None) -> int:
        """Mark every article (of one feed) read; return how many changed."""

        def update() -> int:
            with self._write() as db:
                if feed_id is None:
                    return db.execute("UPDATE articles SET read = 1 WHERE read = 0").rowcount
                return db.execute(
                    "UPDATE articles SET read = 1 WHERE read = 0 AND feed_id = ?", (feed_id,)
                ).rowcount

        return self._run(update)

    def delete_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles with their annotations, search words, speakers, people totals
        and story links; return how many were removed."""
        ids = list(dict.fromkeys(article_ids))

        def delete() -> int:
            removed = 0
            with self._write() as db:
                for chunk in _chunks(ids, 500):
                    marks = ", ".join("?" * len(chunk))
                    numbers = [
                        int(r[0])
                        for r in db.execute(f"SELECT n FROM articles WHERE id IN ({marks})", chunk)
                    ]
                    removed += store.delete_articles(db, numbers)
            return removed

        return self._run(delete)

    def data_version(self) -> int:
        """Changes whenever another connection commits (SQLite's ``data_version``): a
        screen polls it to notice articles another process added or removed."""
        return int(self._query("PRAGMA data_version")[0][0])

    # -- annotations ------------------------------------------------------------------

    def _annotation_of(self, where: str, params: Sequence[Any]) -> Annotation | None:
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body, n.data FROM annotations n"
            " JOIN articles a ON a.n = n.article JOIN texts t ON t.n = a.n WHERE " + where,
            params,
        )
        return _decoded(rows[0]) if rows else None

    def annotation(self, article_id: str, engine_version: str, model: str) -> Annotation | None:
        return self._annotation_of(
            "a.id = ? AND n.engine_version = ? AND n.model = ?",
            (article_id, engine_version, model),
        )

    def current_annotation(self, article_id: str) -> Annotation | None:
        """The article's newest annotation, whatever engine made it."""
        return self._annotation_of("a.id = ? AND n.n = a.annotation", (article_id,))

    def current_annotations(self) -> Iterator[Annotation]:
        """Every article's current annotation, oldest article first, a page at a time."""
        last = 0
        while True:
            rows = self._query(
                f"{_CURRENT_ANNOTATIONS} WHERE a.n > ? ORDER BY a.n LIMIT 100", (last,)
            )
            if not rows:
                return
            for row in rows:
                found = _decoded(row)
                if found is not None:
                    yield found
            last = int(rows[-1]["n"])

    def store_annotation(
        self,
        annotation: Annotation,
        engine_version: str,
        model: str,
        *,
        add_missing: bool = True,
    ) -> bool:
        """Store (or replace) an annotation as its article's current one, with everything
        derived from it (see :mod:`tui.library.store`); the article is added first if the
        library does not have it, unless ``add_missing`` is False. Whether it was stored."""

        def write() -> bool:
            with self._write() as db:
                stored = store.store_annotation(
                    db, annotation, engine_version, model, add_missing=add_missing
                )
                return stored is not None

        return self._run(write)

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

    def missing_annotations(self, engine_version: str, model: str) -> list[Article]:
        """Articles with no annotation by this engine version and model, oldest first."""
        ids = self.missing_annotation_ids(engine_version, model)
        return [a for a in map(self.article, ids) if a is not None]

    def missing_annotation_ids(
        self, engine_version: str, model: str, among: Iterable[str] | None = None
    ) -> list[str]:
        """The ids of articles with no annotation by this engine version and model, oldest
        first; ``among`` limits the question to those ids (its cost is then theirs alone)."""
        sql = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotations n"
            " WHERE n.article = a.n AND n.engine_version = ? AND n.model = ?)"
        )
        if among is None:
            rows = self._query(sql + " ORDER BY a.n", (engine_version, model))
            return [str(r["id"]) for r in rows]
        found: list[tuple[int, str]] = []
        for chunk in _chunks(list(dict.fromkeys(among)), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                sql.replace("SELECT a.id", "SELECT a.n, a.id") + f" AND a.id IN ({marks})",
                (engine_version, model, *chunk),
            )
            found += [(int(r["n"]), str(r["id"])) for r in rows]
        return [article_id for _, article_id in sorted(found)]

    # -- search, people, stories ------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 50, marks: tuple[str, str] = ("[", "]")
    ) -> list[Hit]:
        """Full-text search over titles, text, speaker names and quotes.

        The best ``limit`` matches by relevance (BM25) among the :data:`SEARCH_WINDOW`
        most recently added matches: a reader's question is about the news they have, and
        ranking all of a common word's matches would grow with the library. ``speaker:NAME``
        instead finds the articles quoting that person (folded name, whole words, so
        ``speaker:pelosi`` finds Nancy Pelosi). A query FTS5 cannot parse is retried as
        plain words.
        """
        query = query.strip()
        if query.lower().startswith("speaker:"):
            return self._speaker_hits(query[len("speaker:") :], limit)
        if not query:
            return []
        sql = (
            "SELECT rowid, bm25(search, 10.0, 1.0, 5.0) AS rank FROM search"
            " WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?"
        )
        try:
            ranked = self._query(sql, (query, SEARCH_WINDOW))
            words = query
        except sqlite3.OperationalError as error:
            if _is_locked(error):
                raise
            words = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            if not words:
                return []
            ranked = self._query(sql, (words, SEARCH_WINDOW))
        best = sorted(ranked, key=lambda r: (r["rank"], -r["rowid"]))[:limit]
        if not best:
            return []
        numbers = [int(r["rowid"]) for r in best]
        marks_sql = ", ".join("?" * len(numbers))
        rows = {
            int(r["n"]): r
            for r in self._query(
                "SELECT a.n, a.id, a.title, a.date, t.body FROM articles a"
                f" JOIN texts t ON t.n = a.n WHERE a.n IN ({marks_sql})",
                numbers,
            )
        }
        terms = snippet_terms(words)
        hits = []
        for number in numbers:
            row = rows.get(number)
            if row is None:
                continue
            text = _text_or_empty(row["body"])
            hits.append(Hit(row["id"], row["title"], row["date"], snippet(text, terms, marks)))
        return hits

    def _speaker_hits(self, name: str, limit: int) -> list[Hit]:
        key = speaker_key(name)
        if not key:
            return []
        phrase = '"' + key.replace('"', '""') + '"'
        try:
            people = self._query(
                "SELECT p.key FROM people_words w JOIN people p ON p.id = w.rowid"
                " WHERE people_words MATCH ? ORDER BY p.key = ? DESC, p.quotes DESC LIMIT ?",
                (phrase, key, SPEAKER_KEYS),
            )
        except sqlite3.OperationalError as error:
            if _is_locked(error):
                raise
            return []
        hits: list[Hit] = []
        for person in people:
            rows = self._query(
                "SELECT a.id, a.title, a.date, t.body, s.name, s.first_quote, s.first_quote_end"
                " FROM speakers s JOIN articles a ON a.n = s.article"
                " JOIN texts t ON t.n = a.n WHERE s.key = ?"
                " ORDER BY s.sort_date DESC, s.article DESC LIMIT ?",
                (person["key"], limit - len(hits)),
            )
            hits += [Hit(r["id"], r["title"], r["date"], _first_quote(r), r["name"]) for r in rows]
            if len(hits) >= limit:
                break
        return hits

    def people(
        self,
        *,
        sort: str = "quotes",
        offset: int = 0,
        limit: int | None = None,
        quoted_only: bool = False,
        named_only: bool = False,
    ) -> list[Person]:
        """Speakers across the library by key (totals kept as annotations are stored):
        ``sort`` quotes or articles (most first) or name (A to Z). ``named_only``: people
        and organisations, not the groups and unnamed sources ("officials", "a statement")
        that one description gathers across unrelated articles."""
        order = PEOPLE_SORTS[sort]
        where = _people_where(quoted_only=quoted_only, named_only=named_only)
        rows = self._query(
            f"SELECT key, name, kind, articles, quotes FROM people{where}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [Person(r["key"], r["name"], r["kind"], r["articles"], r["quotes"]) for r in rows]

    def person_count(self, *, quoted_only: bool = False, named_only: bool = False) -> int:
        if named_only and not quoted_only:  # People's header: kept by triggers (_V4)
            row = self._query("SELECT value FROM tallies WHERE name = 'people_named'")
            if row:
                return int(row[0][0])
        where = _people_where(quoted_only=quoted_only, named_only=named_only)
        return int(self._query(f"SELECT count(*) FROM people{where}")[0][0])

    def quotes_of(
        self, person_key: str, *, limit: int = QUOTED_ARTICLES
    ) -> list[tuple[Article, Quote]]:
        """What this person is quoted as saying in the ``limit`` newest articles that
        quote them, newest article first."""
        key = speaker_key(person_key) or fold(person_key)
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body, n.data, s.speaker_id"
            " FROM speakers s JOIN articles a ON a.n = s.article JOIN texts t ON t.n = a.n"
            " JOIN annotations n ON n.n = a.annotation"
            " WHERE s.key = ? AND s.quotes > 0"
            " ORDER BY s.sort_date DESC, s.article DESC LIMIT ?",
            (key, limit),
        )
        found = []
        for r in rows:
            annotation = _decoded(r)
            if annotation is not None:
                found.extend(
                    (annotation.article, q)
                    for q in annotation.quotes_of(r["speaker_id"])
                    if q.is_speech  # what they said, as People counts it
                )
        return found

    def stories(self, *, limit: int | None = 200) -> list[Story]:
        """Events reported by more than one article, most articles first (linked as each
        annotation is stored: see :mod:`tui.library.stories`)."""
        from tui.library import stories

        found = self._run(lambda: stories.top_stories(self._db, limit=limit))
        numbers = sorted({n for story in found for n, _ in story.members})
        ids: dict[int, str] = {}
        for chunk in _chunks(numbers, 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT n, id FROM articles WHERE n IN ({marks})", chunk)
            ids.update((int(r["n"]), str(r["id"])) for r in rows)
        return [
            Story(s.label, tuple((ids[n], e) for n, e in s.members if n in ids), s.id)
            for s in found
        ]

    def story_list(self, *, limit: int = 100, articles_each: int = 8) -> list[StorySummary]:
        """The ``limit`` stories told by the most articles, each with its count and the
        listing rows of the ``articles_each`` articles of it the library received first
        (by date): what the Stories view shows, read from the stored clusters without
        unpacking any event."""
        stories = self._query(
            "SELECT id, label, events, articles, first_date, last_date FROM story_clusters"
            " ORDER BY articles DESC, id LIMIT ?",
            (limit,),
        )

        found = []
        for story in stories:
            # the first articles the library received of it (an index range, however
            # large the story), listed by date
            rows = self._query(_story_articles(_ROW_COLUMNS), (story["id"], articles_each))
            # where the first article listed tells the story: its first event there (the
            # reader opens on it; the others are looked up when read: story_event)
            events: dict[int, str] = {}
            if rows:
                first = int(rows[0]["n"])
                events[first] = self._story_event(int(story["id"]), first)
            found.append(
                StorySummary(
                    int(story["id"]),
                    str(story["label"]),
                    int(story["events"]),
                    int(story["articles"]),
                    tuple(_article_row(r) for r in rows),
                    story["first_date"],
                    story["last_date"],
                    tuple(str(events.get(r["n"], "")) for r in rows),
                )
            )
        return found

    def story_article_ids(self, story: int, limit: int = 1000) -> list[str]:
        """The ids of a story's articles in the Stories view's order (by date, undated
        last), the first ``limit``: what the reader's J/K walk."""
        rows = self._query(_story_articles("id"), (story, limit))
        return [str(row[0]) for row in rows]

    def story_event(self, story: int, article_id: str) -> str:
        """The id of the first event by which ``article_id`` tells ``story`` ("": it does
        not, or either is gone): where the reader opens an article of a story."""
        rows = self._query("SELECT n FROM articles WHERE id = ?", (article_id,))
        return self._story_event(story, int(rows[0][0])) if rows else ""

    def _story_event(self, story: int, n: int) -> str:
        from tui.library import stories as story_tables

        member = self._query(
            "SELECT min(event) FROM story_members WHERE story = ? AND n = ?", (story, n)
        )
        if not member or member[0][0] is None:
            return ""
        return story_tables.event_id_at(self._db, n, int(member[0][0])) or ""

    def story_count(self) -> int:
        from tui.library import stories

        return self._run(lambda: stories.story_count(self._db))

    # -- feeds ------------------------------------------------------------------------

    def add_feed(self, url: str, title: str | None = None) -> int:
        """Subscribe to a feed (again: the title is updated); return its id."""

        def insert() -> int:
            with self._write() as db:
                db.execute(
                    "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(url) DO UPDATE SET title = coalesce(excluded.title, title)",
                    (url, title, store.now()),
                )
                return int(db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0])

        return self._run(insert)

    def feed_id(self, url_or_id: str) -> int | None:
        """The id of a subscription given by its URL or its number."""
        rows = self._query("SELECT id FROM feeds WHERE url = ?", (url_or_id,))
        if not rows and url_or_id.isdigit():
            rows = self._query("SELECT id FROM feeds WHERE id = ?", (int(url_or_id),))
        return int(rows[0][0]) if rows else None

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe; the feed's articles stay in the library. Whether it was there."""

        def delete() -> bool:
            with self._write() as db:
                return db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

        return self._run(delete)

    def mark_feed_refreshed(self, feed_id: int) -> None:
        def update() -> None:
            with self._write() as db:
                db.execute(
                    "UPDATE feeds SET last_refreshed = ? WHERE id = ?", (store.now(), feed_id)
                )

        self._run(update)

    def feeds(self) -> list[Feed]:
        rows = self._query(
            "SELECT id, url, title, added_at, last_refreshed, articles, unread FROM feeds"
            " ORDER BY id"
        )
        return [
            Feed(
                r["id"],
                r["url"],
                r["title"],
                r["added_at"],
                r["last_refreshed"],
                r["articles"],
                r["unread"],
            )
            for r in rows
        ]

    def integrity_check(self) -> str:
        return str(self._query("PRAGMA integrity_check")[0][0])


_ROW_COLUMNS = (
    "n, id, title, date, source, url, added_at, read, feed_id,"
    " annotation IS NOT NULL AS annotated, quotes, speakers"
)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Library.add` did: new ids, and each duplicate's id → the stored one's."""

    added: tuple[str, ...]
    duplicates: dict[str, str]
    removed: tuple[str, ...] = ()  # from a feed, and removed by the reader before


def _chunks(items: list[_T], size: int) -> Iterator[list[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _article_row(r: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        title=r["title"],
        date=r["date"],
        source=r["source"],
        url=r["url"],
        added_at=r["added_at"],
        read=bool(r["read"]),
        feed_id=r["feed_id"],
        annotated=bool(r["annotated"]),
        quotes=int(r["quotes"]),
        speakers=int(r["speakers"]),
        n=int(r["n"]),
    )


def _first_quote(row: sqlite3.Row) -> str:
    """The speaker's first quote, cut from the article text (rows keep only offsets)."""
    if row["first_quote"] is None:
        return ""
    text = _text_or_empty(row["body"])
    return _shorten(text[row["first_quote"] : row["first_quote_end"]])


def _text_or_empty(blob: bytes) -> str:
    try:
        return unpack_text(blob)
    except CodecError:
        return ""


def _article(row: sqlite3.Row) -> Article:
    return Article(
        row["id"], row["title"], row["date"], row["source"], row["url"], unpack_text(row["body"])
    )


def _decoded(row: sqlite3.Row) -> Annotation | None:
    """A stored annotation, or None when the row cannot be read (treated as missing)."""
    try:
        return unpack_annotation(row["data"], _article(row))
    except ValueError:  # ModelError and CodecError included
        return None


def _shorten(text: str, limit: int = 160) -> str:
    return cut(" ".join(text.split()), limit)
