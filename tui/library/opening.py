"""The library file on disk: where it is, the lock held while it is opened, and moving a
damaged file (or an unreadable write-ahead log) aside.

These are the file-level steps of :class:`~tui.library.db.Library`'s opening, which says
what is recovered on its own and what is refused.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tui.library.connection import BUSY_TIMEOUT_MS

DB_ENV = "BYLINE_DB"
BACKUP_INFIX = ".corrupt-"  # library.sqlite3.corrupt-20250101-120000 (+ -wal, -shm)
COMPANIONS = ("-wal", "-shm")
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # big-endian 0x377f0682 / 3


def default_db_path() -> Path:
    """``$BYLINE_DB``, else ``library.sqlite3`` in platformdirs' user data directory."""
    explicit = os.environ.get(DB_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_data_path

    return user_data_path("byline", appauthor=False) / "library.sqlite3"


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
