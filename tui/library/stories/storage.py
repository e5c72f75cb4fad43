"""The story tables and what their rows hold: the schema, each article's linkable events
stored as a deflated line each (:func:`_encode`, read back by :class:`_Keys`), and the
hashed rows of ``story_terms`` and ``story_tokens`` (see :mod:`tui.library.stories`)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from tui.model import SALIENT_EVENT, Annotation
from tui.nlp.events.linking import EventKey, Term, event_keys, link_terms, term_hash, trigger_key

STORY_VERSION = 5
"""Bump when the keys' encoding or the link terms change: stored stories must be rebuilt."""

STORY_SCHEMA: tuple[str, ...] = (
    "CREATE TABLE story_keys (n INTEGER PRIMARY KEY, keys BLOB NOT NULL)",
    """CREATE TABLE story_terms (
        term INTEGER NOT NULL,
        n INTEGER NOT NULL,
        event INTEGER NOT NULL,
        PRIMARY KEY (term, n, event)
    ) WITHOUT ROWID""",
    "CREATE TABLE story_tokens (token INTEGER PRIMARY KEY)",
    """CREATE TABLE story_members (
        n INTEGER NOT NULL,
        event INTEGER NOT NULL,
        story INTEGER NOT NULL,
        PRIMARY KEY (n, event)
    ) WITHOUT ROWID""",
    "CREATE INDEX story_members_story ON story_members(story)",
    """CREATE TABLE story_clusters (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL,
        events INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        first_date TEXT,
        last_date TEXT
    )""",
    "CREATE INDEX story_clusters_top ON story_clusters(articles DESC, id)",
)

STORY_TABLES: tuple[str, ...] = (
    "story_keys",
    "story_terms",
    "story_tokens",
    "story_members",
    "story_clusters",
)

_CHUNK = 500  # bound parameters per statement (old SQLite builds allow 999)

Member = tuple[int, int]  # (article n, event number in the article's stored keys)


# -- stored keys ------------------------------------------------------------------------------


def _linkable_keys(n: int, annotation: Annotation) -> list[EventKey]:
    """The article's events that make stories: what it reports (:data:`SALIENT_EVENT`,
    what the reader's Events pane shows), not what it mentions in passing, and only
    those with a link term (the others can never link)."""
    return [
        replace(key, article_id=str(n))
        for event, key in zip(annotation.events, event_keys(annotation), strict=True)
        if event.salience >= SALIENT_EVENT and link_terms(key)
    ]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _line(key: EventKey) -> str:
    """One key as a line led by its trigger, so a candidate's other events are skipped
    unparsed (JSON escapes every tab and newline inside the values). The trigger is the
    group or the lemma's stem; the lemma follows when it differs from the trigger. Of the
    type only "statement" matters."""
    rest: list[Any] = [key.time, sorted(key.names)]
    trigger = trigger_key(key)
    if trigger != key.lemma:
        rest += [int(key.type == "statement"), key.lemma]
    elif key.type == "statement":
        rest.append(1)
    return f"{_dumps(trigger)}\t{_dumps(key.event_id)}\t{_dumps(rest)}"


def _encode(keys: Sequence[EventKey]) -> bytes:
    """The article's date and one line per key, raw deflated (no zlib header)."""
    text = "\n".join([_dumps(keys[0].date), *map(_line, keys)])
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(text.encode("utf-8", "surrogatepass")) + packer.flush()


def _unpack(blob: bytes) -> tuple[str | None, list[str]]:
    first, *lines = zlib.decompress(blob, -15).decode("utf-8", "surrogatepass").split("\n")
    return json.loads(first), lines


def _key(n: int, date: str | None, line: str) -> EventKey:
    trigger, event_id, rest = line.split("\t", 2)
    time, names, *extra = json.loads(rest)
    group_or_lemma = json.loads(trigger)
    grouped = isinstance(group_or_lemma, int)
    return EventKey(
        article_id=str(n),
        event_id=json.loads(event_id),
        lemma=extra[1] if len(extra) > 1 else group_or_lemma,
        group=group_or_lemma if grouped else None,
        type="statement" if extra and extra[0] else "other",
        time=time,
        names=frozenset(names),
        date=date,
    )


def _decode(n: int, blob: bytes) -> list[EventKey]:
    date, lines = _unpack(blob)
    return [_key(n, date, line) for line in lines]


class _Keys:
    """Stored keys of articles, each blob unpacked at most once per call and a key parsed
    only when asked for (a candidate article's other events mostly are not)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.lines: dict[int, tuple[str | None, list[str]]] = {}
        self.built: dict[Member, EventKey] = {}

    def add(self, n: int, keys: Sequence[EventKey]) -> None:
        """Keys not stored yet (the article being indexed)."""
        self.lines[n] = (keys[0].date if keys else None, [_line(k) for k in keys])
        self.built.update(((n, j), key) for j, key in enumerate(keys))

    def load(self, articles: Iterable[int]) -> None:
        missing = sorted(set(articles) - self.lines.keys())
        for chunk in _chunks(missing):
            marks = ",".join("?" * len(chunk))
            for n, blob in self.db.execute(
                f"SELECT n, keys FROM story_keys WHERE n IN ({marks})", chunk
            ):
                self.lines[int(n)] = _unpack(blob)
        for n in missing:
            self.lines.setdefault(n, (None, []))

    def date(self, n: int) -> str | None:
        if n not in self.lines:
            self.load((n,))
        return self.lines[n][0]

    def of(self, member: Member) -> EventKey:
        key = self.built.get(member)
        if key is None:
            if member[0] not in self.lines:
                self.load((member[0],))
            date, lines = self.lines[member[0]]
            key = self.built[member] = _key(member[0], date, lines[member[1]])
        return key


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


TERM_BITS = 32


def _stored_hash(term: Term) -> int:
    """The top half of the term's 64-bit hash: four bytes a row instead of eight. A
    collision only adds a candidate, which same_event then turns down."""
    return term_hash(term) >> 32


def _terms(keys: Sequence[EventKey]) -> list[frozenset[Term]]:
    """Each key's link terms, computed once for the rows of both tables."""
    return [link_terms(key) for key in keys]


def _term_rows(n: int, terms: Sequence[frozenset[Term]]) -> list[tuple[int, int, int]]:
    """The article's story_terms rows from its keys' :func:`_terms` (a collision within one
    event is one row)."""
    return sorted(
        {(_stored_hash(term), n, event) for event, found in enumerate(terms) for term in found}
    )


@lru_cache(maxsize=1 << 16)
def _token_hash(token: str) -> int:
    """A name token as an unsigned 32-bit integer (an INTEGER PRIMARY KEY of five bytes;
    a collision only keeps a lookup that finds nothing)."""
    digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def _token_rows(terms: Iterable[frozenset[Term]]) -> list[tuple[int]]:
    """The story_tokens rows of keys' :func:`_terms`: the name tokens of their link terms."""
    return sorted({(_token_hash(term[1]),) for found in terms for term in found})


def has_every_table(db: sqlite3.Connection) -> bool:
    """Whether the library has every story table (one made before a table lacks it)."""
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_tokens'").fetchone() is not None
    )


def complete_tables(db: sqlite3.Connection) -> bool:
    """Add the story tables a library made before them lacks (``story_tokens``, new with
    :data:`STORY_VERSION` 5: such a library's stories are linked by older rules, so the
    relink fills it). Whether one was missing."""
    if has_every_table(db):
        return False
    db.execute(next(sql for sql in STORY_SCHEMA if "story_tokens" in sql))
    return True
