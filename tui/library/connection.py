"""How the library talks to SQLite: one connection, and every statement run through it.

Two processes may use the library at once, so a ``database is locked`` that outlasts the
busy timeout is retried, every write is one short ``BEGIN IMMEDIATE`` transaction, and the
SQLite failures a user can meet come out as one-line :class:`LibraryError` messages.
:class:`Connection` is the base of :class:`~tui.library.db.Library` and of each of its
parts, so that they share these helpers rather than each reaching for ``sqlite3``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 5
_T = TypeVar("_T")


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


class Connection:
    """The library's open SQLite connection and how its statements run.

    :class:`~tui.library.db.Library` sets ``path`` and ``_db`` when it opens the file; its
    parts (:mod:`~tui.library.articles`, :mod:`~tui.library.annotations`,
    :mod:`~tui.library.queries`, :mod:`~tui.library.feeds`) read through :meth:`_query`,
    write in :meth:`_write` inside :meth:`_run`, and hand ``_db`` to the helpers of
    :mod:`~tui.library.store` and :mod:`~tui.library.stories`.
    """

    path: Path
    _db: sqlite3.Connection

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, action: Callable[[], _T]) -> _T:
        """:func:`_retry`, with the failures a user can meet as a one-line :class:`LibraryError`."""
        try:
            return _retry(action)
        except sqlite3.Error as error:
            translated = _user_error(self.path, error)
            if translated is None:
                raise
            raise translated from error

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


def _chunks(items: list[_T], size: int) -> Iterator[list[_T]]:
    """``items`` a slice of ``size`` at a time: an ``IN (?, …)`` list per statement, kept
    well under SQLite's limit on parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
