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
import hashlib
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from tui.model import Annotation, Article, Quote
from tui.nlp.linking import link_events, speaker_key
from tui.nlp.names import fold

DB_ENV = "BYLINE_DB"
BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 5
BACKUP_INFIX = ".corrupt-"  # library.sqlite3.corrupt-20250101-120000 (+ -wal, -shm)
# PRAGMA quick_check reads every page: 1-3 ms per MB (6-18 ms for the 60-article, 6 MB
# corpus). Above this size ``recover=True`` checks the header and schema only, and damage
# deeper in the file is reported by the first query that meets it.
QUICK_CHECK_MAX_BYTES = 24 * 2**20
COMPANIONS = ("-wal", "-shm")
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # big-endian 0x377f0682 / 3
# what MIGRATIONS[0] creates: a database with all of these is a Byline library
_SCHEMA = frozenset(
    {"feeds", "articles", "annotations", "speakers", "current_annotations", "search"}
)
_T = TypeVar("_T")

# Each migration is a list of statements run in one transaction; never edit a released one,
# append a new one instead (its index + 1 becomes the user_version).
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            added_at TEXT NOT NULL,
            last_refreshed TEXT
        )""",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            date TEXT,
            source TEXT,
            url TEXT,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            added_at TEXT NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL
        )""",
        "CREATE INDEX articles_feed ON articles(feed_id, read)",
        """CREATE TABLE annotations (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            engine_version TEXT NOT NULL,
            model TEXT NOT NULL,
            json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            quote_count INTEGER NOT NULL DEFAULT 0,
            speaker_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, engine_version, model)
        )""",
        # one row per speaker of each stored annotation: people and speaker: search by SQL
        """CREATE TABLE speakers (
            article_id TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            model TEXT NOT NULL,
            speaker_id TEXT NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            quote_count INTEGER NOT NULL,
            PRIMARY KEY (article_id, engine_version, model, speaker_id),
            FOREIGN KEY (article_id, engine_version, model)
                REFERENCES annotations(article_id, engine_version, model) ON DELETE CASCADE
        )""",
        "CREATE INDEX speakers_key ON speakers(key)",
        # each article's newest annotation (a re-stored row gets a new rowid)
        """CREATE VIEW current_annotations AS
            SELECT * FROM annotations
            WHERE rowid IN (SELECT max(rowid) FROM annotations GROUP BY article_id)""",
        # rowid = articles.rowid; stored content so snippet() can highlight
        """CREATE VIRTUAL TABLE search USING fts5(
            title, text, speakers, quotes, tokenize = 'unicode61 remove_diacritics 2'
        )""",
    ),
]


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

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(article for article, _ in self.members))


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str | None
    added_at: str
    last_refreshed: str | None
    articles: int
    unread: int


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
            self._run(lambda: db.execute("PRAGMA journal_mode=WAL").fetchone())
            self.migrations_applied += self._run(self._migrate)
        except sqlite3.DatabaseError as error:  # none a user can fix (those are translated)
            db.close()
            raise LibraryError(f"{self.path}: not a usable library ({error})") from None
        except BaseException:
            db.close()
            raise
        return db

    def _create(self) -> None:
        """Make a new library aside and hard-link it in, so the path never names a half-made
        (or, after a kill, zero-length) file; if another process got there first, use its."""
        fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        try:
            for end in ("", *COMPANIONS):
                Path(f"{fresh}{end}").unlink(missing_ok=True)
            db = sqlite3.connect(fresh, isolation_level=None)
            try:
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
        if tables and not tables >= _SCHEMA:
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
            for statements in MIGRATIONS[current:]:
                for statement in statements:
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

    def add_articles(self, articles: Iterable[Article], *, feed_id: int | None = None) -> list[str]:
        """Store articles not already present (same id = same text); return the new ids."""
        batch = list({a.id: a for a in articles}.values())

        def insert() -> list[str]:
            added = []
            with self._write() as db:
                for article in batch:
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO articles (id, title, date, source, url, text,"
                        " text_hash, added_at, feed_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            article.id,
                            article.title,
                            article.date,
                            article.source,
                            article.url,
                            article.text,
                            hashlib.sha256(
                                article.text.encode("utf-8", "surrogatepass")
                            ).hexdigest(),
                            _now(),
                            feed_id,
                        ),
                    )
                    if cursor.rowcount:
                        added.append(article.id)
                        db.execute(
                            "INSERT INTO search (rowid, title, text, speakers, quotes)"
                            " VALUES (?, ?, ?, '', '')",
                            (cursor.lastrowid, article.title or "", article.text),
                        )
            return added

        return self._run(insert)

    def article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _article(rows[0]) if rows else None

    def all_articles(self) -> list[Article]:
        """Every article as a record with its text, in :meth:`articles` order."""
        rows = self._query(
            "SELECT * FROM articles ORDER BY coalesce(date, '') DESC, added_at DESC, rowid DESC"
        )
        return [_article(r) for r in rows]

    def article_count(self) -> int:
        return int(self._query("SELECT count(*) FROM articles")[0][0])

    def article_urls(self) -> set[str]:
        """The URLs of the articles in the library (to skip feed items already added)."""
        rows = self._query("SELECT DISTINCT url FROM articles WHERE url IS NOT NULL")
        return {str(r["url"]) for r in rows}

    def resolve_id(self, prefix: str) -> str:
        """The one article id starting with ``prefix``; raise :class:`LibraryError` if not one."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
        )
        if not rows or not prefix:
            raise LibraryError(f"{prefix!r}: no article with this id in the library")
        if len(rows) > 1:
            raise LibraryError(f"{prefix!r}: several articles start with this id; give more")
        return str(rows[0]["id"])

    def articles(
        self, *, unread_only: bool = False, feed_id: int | None = None
    ) -> list[ArticleRow]:
        """Articles newest first (by date, then by when they were added)."""
        where, params = [], []
        if unread_only:
            where.append("a.read = 0")
        if feed_id is not None:
            where.append("a.feed_id = ?")
            params.append(feed_id)
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, a.added_at, a.read, a.feed_id,"
            " c.article_id IS NOT NULL AS annotated,"
            " coalesce(c.quote_count, 0) AS quotes, coalesce(c.speaker_count, 0) AS speakers"
            " FROM articles a LEFT JOIN current_annotations c ON c.article_id = a.id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(a.date, '') DESC, a.added_at DESC, a.rowid DESC",
            params,
        )
        return [
            ArticleRow(
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
            )
            for r in rows
        ]

    def mark_read(self, article_id: str, read: bool = True) -> None:
        def update() -> None:
            with self._write() as db:
                db.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))

        self._run(update)

    # -- annotations ------------------------------------------------------------------

    def annotation(self, article_id: str, engine_version: str, model: str) -> Annotation | None:
        rows = self._query(
            "SELECT json FROM annotations WHERE article_id = ? AND engine_version = ?"
            " AND model = ?",
            (article_id, engine_version, model),
        )
        return _annotation(rows[0]["json"]) if rows else None

    def current_annotation(self, article_id: str) -> Annotation | None:
        """The article's newest annotation, whatever engine made it."""
        rows = self._query(
            "SELECT json FROM current_annotations WHERE article_id = ?", (article_id,)
        )
        return _annotation(rows[0]["json"]) if rows else None

    def current_annotations(self) -> list[Annotation]:
        rows = self._query("SELECT json FROM current_annotations ORDER BY rowid")
        return [a for a in (_annotation(r["json"]) for r in rows) if a is not None]

    def store_annotation(self, annotation: Annotation, engine_version: str, model: str) -> None:
        """Store (or replace) an annotation, its speaker rows and the article's search row.

        The article is added first if it is not in the library yet.
        """
        self.add_articles([annotation.article])
        article_id = annotation.article.id
        speakers = [
            (
                article_id,
                engine_version,
                model,
                s.id,
                s.key or speaker_key(s.name),
                s.name,
                s.kind,
                len(annotation.quotes_of(s.id)),
            )
            for s in annotation.speakers
        ]
        names = " ".join(s.name for s in annotation.speakers)
        quotes = "\n".join(q.text for q in annotation.quotes)

        def write() -> None:
            with self._write() as db:
                # a REPLACE would cascade-delete the speaker rows anyway; do it explicitly
                db.execute(
                    "DELETE FROM annotations WHERE article_id = ? AND engine_version = ?"
                    " AND model = ?",
                    (article_id, engine_version, model),
                )
                db.execute(
                    "INSERT INTO annotations (article_id, engine_version, model, json,"
                    " created_at, quote_count, speaker_count) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        article_id,
                        engine_version,
                        model,
                        annotation.to_json(),
                        _now(),
                        len(annotation.quotes),
                        len(annotation.speakers),
                    ),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?)", speakers
                )
                rowid = db.execute(
                    "SELECT rowid FROM articles WHERE id = ?", (article_id,)
                ).fetchone()[0]
                db.execute(
                    "UPDATE search SET speakers = ?, quotes = ? WHERE rowid = ?",
                    (names, quotes, rowid),
                )

        self._run(write)

    def missing_annotations(self, engine_version: str, model: str) -> list[Article]:
        """Articles with no annotation by this engine version and model, oldest first."""
        rows = self._query(
            "SELECT * FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotations n"
            " WHERE n.article_id = a.id AND n.engine_version = ? AND n.model = ?)"
            " ORDER BY a.rowid",
            (engine_version, model),
        )
        return [_article(r) for r in rows]

    # -- search, people, stories ------------------------------------------------------

    def search(
        self, query: str, *, limit: int = 50, marks: tuple[str, str] = ("[", "]")
    ) -> list[Hit]:
        """FTS5 search over titles, text, speaker names and quotes, best first.

        ``speaker:NAME`` instead finds the articles quoting that person (folded name,
        whole words, so ``speaker:pelosi`` finds Nancy Pelosi). A query FTS5 cannot parse
        is retried as plain words.
        """
        query = query.strip()
        if query.lower().startswith("speaker:"):
            return self._speaker_hits(query[len("speaker:") :], limit)
        if not query:
            return []
        sql = (
            "SELECT a.id, a.title, a.date,"
            " snippet(search, -1, ?, ?, '…', 16) AS snippet"
            " FROM search JOIN articles a ON a.rowid = search.rowid"
            " WHERE search MATCH ? ORDER BY bm25(search, 10.0, 1.0, 5.0, 2.0) LIMIT ?"
        )
        try:
            rows = self._query(sql, (*marks, query, limit))
        except sqlite3.OperationalError as error:
            if _is_locked(error):
                raise
            words = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            if not words:
                return []
            rows = self._query(sql, (*marks, words, limit))
        return [Hit(r["id"], r["title"], r["date"], r["snippet"]) for r in rows]

    def _speaker_hits(self, name: str, limit: int) -> list[Hit]:
        key = speaker_key(name)
        if not key:
            return []
        rows = self._query(
            # the first quote's text straight from the JSON, without parsing it in Python
            "SELECT a.id, a.title, a.date, s.name, (SELECT json_extract(q.value, '$.text')"
            " FROM json_each(c.json, '$.quotes') q"
            " WHERE json_extract(q.value, '$.speaker_id') = s.speaker_id LIMIT 1) AS quote"
            " FROM speakers s"
            " JOIN current_annotations c ON c.article_id = s.article_id"
            " AND c.engine_version = s.engine_version AND c.model = s.model"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE ' ' || s.key || ' ' LIKE ? ESCAPE '\\'"
            " ORDER BY s.key = ? DESC, s.quote_count DESC, coalesce(a.date, '') DESC LIMIT ?",
            (
                "% " + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %",
                key,
                limit,
            ),
        )
        return [
            Hit(r["id"], r["title"], r["date"], _shorten(r["quote"] or ""), speaker=r["name"])
            for r in rows
        ]

    def people(self) -> list[Person]:
        """Every speaker in the library by key, most quoted first."""
        rows = self._query(
            "SELECT s.key, s.name, s.kind, count(DISTINCT s.article_id) AS articles,"
            " sum(s.quote_count) AS quotes"
            " FROM speakers s JOIN current_annotations c ON c.article_id = s.article_id"
            " AND c.engine_version = s.engine_version AND c.model = s.model"
            " GROUP BY s.key ORDER BY quotes DESC, articles DESC, s.key"
        )
        names = self._longest_names()
        return [
            Person(r["key"], names.get(r["key"], r["name"]), r["kind"], r["articles"], r["quotes"])
            for r in rows
        ]

    def _longest_names(self) -> dict[str, str]:
        """The fullest spelling of each key's name (for display)."""
        rows = self._query("SELECT key, name FROM speakers")
        names: dict[str, str] = {}
        for r in rows:
            if len(r["name"]) > len(names.get(r["key"], "")):
                names[r["key"]] = r["name"]
        return names

    def quotes_of(self, person_key: str) -> list[tuple[Article, Quote]]:
        """Everything this person is quoted as saying, newest article first."""
        key = speaker_key(person_key) or fold(person_key)
        rows = self._query(
            "SELECT c.json, s.speaker_id FROM speakers s"
            " JOIN current_annotations c ON c.article_id = s.article_id"
            " AND c.engine_version = s.engine_version AND c.model = s.model"
            " JOIN articles a ON a.id = s.article_id WHERE s.key = ?"
            " ORDER BY coalesce(a.date, '') DESC, a.added_at DESC, a.rowid DESC",
            (key,),
        )
        found = []
        for r in rows:
            annotation = _annotation(r["json"])
            if annotation is not None:
                found.extend((annotation.article, q) for q in annotation.quotes_of(r["speaker_id"]))
        return found

    def stories(self) -> list[Story]:
        """Events reported by more than one article (see :func:`link_events`)."""
        annotations = self.current_annotations()
        lemmas = {(a.article.id, e.id): e.lemma for a in annotations for e in a.events}
        clusters = link_events(annotations)
        stories = [Story(lemmas[c[0]], tuple(c)) for c in clusters]
        return sorted(stories, key=lambda s: -len(s.article_ids))

    # -- feeds ------------------------------------------------------------------------

    def add_feed(self, url: str, title: str | None = None) -> int:
        """Subscribe to a feed (again: the title is updated); return its id."""

        def insert() -> int:
            with self._write() as db:
                db.execute(
                    "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(url) DO UPDATE SET title = coalesce(excluded.title, title)",
                    (url, title, _now()),
                )
                return int(db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0])

        return self._run(insert)

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe; the feed's articles stay in the library."""

        def delete() -> None:
            with self._write() as db:
                db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

        self._run(delete)

    def mark_feed_refreshed(self, feed_id: int) -> None:
        def update() -> None:
            with self._write() as db:
                db.execute("UPDATE feeds SET last_refreshed = ? WHERE id = ?", (_now(), feed_id))

        self._run(update)

    def feeds(self) -> list[Feed]:
        rows = self._query(
            "SELECT f.*, count(a.id) AS articles, coalesce(sum(a.read = 0), 0) AS unread"
            " FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id ORDER BY f.id"
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

    def missing_annotation_ids(self, engine_version: str, model: str) -> list[str]:
        """The ids of :meth:`missing_annotations`, without their texts (``byline index``
        plans a large corpus without holding it in memory)."""
        rows = self._query(
            "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotations n"
            " WHERE n.article_id = a.id AND n.engine_version = ? AND n.model = ?)"
            " ORDER BY a.rowid",
            (engine_version, model),
        )
        return [str(r["id"]) for r in rows]


def _article(row: sqlite3.Row) -> Article:
    return Article(row["id"], row["title"], row["date"], row["source"], row["url"], row["text"])


def _annotation(text: str) -> Annotation | None:
    """A stored annotation, or None when the row cannot be read (treated as missing)."""
    try:
        return Annotation.from_json(text)
    except ValueError:  # ModelError included
        return None


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
