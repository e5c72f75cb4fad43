"""Stories kept up to date as annotations are stored: events linked across articles.

Linking every event with every other (:func:`tui.nlp.events.linking.link_events`) grows with the
square of the library, so a library never does it. Instead each article's linkable events
are stored under the index terms of :func:`~tui.nlp.events.linking.link_terms`; a new article
looks its events' :func:`~tui.nlp.events.linking.query_terms` up, checks
:func:`~tui.nlp.events.linking.same_event` exactly against the candidates found (one link to a
story is enough: its other candidates are skipped unread), and merges their stories (the
smaller story's members are renumbered). Adding an article costs what its candidates
cost, whatever the size of the library; removing one recomputes only the stories it was
in. The result is always the clustering ``link_events(..., min_salience=SALIENT_EVENT)``
computes from scratch: stories are made of what articles report, not of what they
mention in passing.

Everything here runs on a connection the caller holds inside a write transaction, next to
the article rows it derives from: nothing opens, commits or rolls back on its own. An
article is its integer number ``n`` (the ``articles`` table's INTEGER PRIMARY KEY).

Tables (rows kept small: the whole library's size is budgeted):

* ``story_keys`` — per article, its events that can link at all (one JSON line each,
  deflated); the only copy of what linking needs, so neither linking nor unlinking reads
  an annotation.
* ``story_terms`` — (term hash, article, event) for every link term of a stored event
  (32 bits of hash); no index on the article: removing one recomputes its terms from
  ``story_keys``.
* ``story_tokens`` — every name token (the second part of a link term) any stored event
  was ever stored under, as a 32-bit hash: a lookup group asks the big
  ``story_terms`` only when each of its tokens exists at all (most subsets of a long name
  are no stored name). Never shrunk by a removal: a token left over only costs a lookup.
* ``story_members`` — the story of each linked event (unlinked events have no row).
* ``story_clusters`` — one row per story with its counts and dates, indexed by size so
  the top stories are one query.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from tui.model import SALIENT_EVENT, Annotation
from tui.nlp.events.linking import (
    EventKey,
    Term,
    event_keys,
    link_rules_digest,
    link_terms,
    query_groups,
    query_terms,
    same_event,
    sought_tokens,
    term_hash,
    trigger_key,
)

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


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as the reader lists it: members are (article n, event id)."""

    id: int
    label: str
    members: tuple[tuple[int, str], ...]
    articles: int
    first_date: str | None
    last_date: str | None


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


def event_id_at(db: sqlite3.Connection, n: int, index: int) -> str | None:
    """The annotation's event id of member ``(n, index)`` of a story (its stored key)."""
    row = db.execute("SELECT keys FROM story_keys WHERE n = ?", (n,)).fetchone()
    if row is None:
        return None
    date, lines = _unpack(row[0])
    return _key(n, date, lines[index]).event_id if 0 <= index < len(lines) else None


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


# -- clusters ---------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, item: object) -> object:
        parent = self.parent.setdefault(item, item)
        while parent != item:
            grand = self.parent[parent]
            self.parent[item] = grand
            item, parent = parent, grand
        return item

    def union(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)

    def joined(self, a: object, b: object) -> bool:
        """Whether a and b are already one group (neither is added when not)."""
        return a in self.parent and b in self.parent and self.find(a) == self.find(b)

    def groups(self) -> list[list[Any]]:
        found: dict[object, list[Any]] = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return list(found.values())


def _has_article(db: sqlite3.Connection, story: int, n: int) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM story_members WHERE story = ? AND n = ? LIMIT 1", (story, n)
        ).fetchone()
        is not None
    )


def _earlier(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _later(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _relabel(db: sqlite3.Connection, story: int, keys: _Keys) -> None:
    """Label a story with the lemma of its earliest-added member (the lowest article n)."""
    first = db.execute(
        "SELECT n, event FROM story_members WHERE story = ? ORDER BY n, event LIMIT 1", (story,)
    ).fetchone()
    label = keys.of((int(first[0]), int(first[1]))).lemma
    db.execute("UPDATE story_clusters SET label = ? WHERE id = ?", (label, story))


def _join(
    db: sqlite3.Connection, stories: Sequence[int], free: Sequence[Member], keys: _Keys
) -> None:
    """Make one story of some existing stories and events in none: the largest story
    absorbs the others (only their members are renumbered), then the free events."""
    sizes = {
        int(row[0]): row[1:]
        for chunk in _chunks(sorted(stories))
        for row in db.execute(
            "SELECT id, events, articles, first_date, last_date FROM story_clusters"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
    }
    if sizes:
        target = max(sizes, key=lambda s: (sizes[s][0], -s))
        events, articles, first, last = sizes[target]
    else:
        target = int(
            db.execute(
                "INSERT INTO story_clusters (label, events, articles) VALUES ('', 0, 0)"
            ).lastrowid
            or 0
        )
        events, articles, first, last = 0, 0, None, None
    for other in sizes:
        if other == target:
            continue
        other_events, _, other_first, other_last = sizes[other]
        moving = [
            int(row[0])
            for row in db.execute("SELECT DISTINCT n FROM story_members WHERE story = ?", (other,))
        ]
        articles += sum(not _has_article(db, target, n) for n in moving)
        events += other_events
        first, last = _earlier(first, other_first), _later(last, other_last)
        db.execute("UPDATE story_members SET story = ? WHERE story = ?", (target, other))
        db.execute("DELETE FROM story_clusters WHERE id = ?", (other,))
    for n in sorted({n for n, _ in free}):
        articles += not _has_article(db, target, n)
        date = keys.date(n)
        first, last = _earlier(first, date), _later(last, date)
    db.executemany(
        "INSERT INTO story_members (n, event, story) VALUES (?, ?, ?)",
        [(n, event, target) for n, event in sorted(free)],
    )
    events += len(free)
    db.execute(
        "UPDATE story_clusters SET events = ?, articles = ?, first_date = ?, last_date = ?"
        " WHERE id = ?",
        (events, articles, first, last, target),
    )
    _relabel(db, target, keys)


def _components(members: Sequence[Member], keys: _Keys) -> list[list[Member]]:
    """The members grouped by same_event, comparing only members that share a term."""
    keys.load({n for n, _ in members})
    stored: dict[Term, list[Member]] = {}
    for member in members:
        for term in link_terms(keys.of(member)):
            stored.setdefault(term, []).append(member)
    links = _UnionFind()
    for member in members:
        links.find(member)
    whole: set[Term] = set()  # terms whose members are all one group already
    for member in members:
        key = keys.of(member)
        for term in query_terms(key):
            others = stored.get(term, ())
            if term in whole:
                # one group: joining it once is enough, and being in it is enough
                if not links.joined(member, others[0]):
                    for other in others:
                        if same_event(key, keys.of(other)):
                            links.union(member, other)
                            break
                continue
            for other in others:
                # members already joined need no comparing: a story that stays whole
                # costs about one comparison per member, not one per pair
                if not links.joined(member, other) and same_event(key, keys.of(other)):
                    links.union(member, other)
            if others and all(links.joined(others[0], other) for other in others):
                whole.add(term)
    return links.groups()


def _write_story(
    db: sqlite3.Connection, story: int | None, members: Sequence[Member], keys: _Keys
) -> None:
    """Store ``members`` as one story: ``story`` rewritten, or a new one when None."""
    dates = [d for d in (keys.of(m).date for m in members) if d is not None]
    values = (
        keys.of(min(members)).lemma,  # the earliest-added member names it
        len(members),
        len({n for n, _ in members}),
        min(dates, default=None),
        max(dates, default=None),
    )
    if story is not None:
        db.execute(
            "UPDATE story_clusters SET label = ?, events = ?, articles = ?, first_date = ?,"
            " last_date = ? WHERE id = ?",
            (*values, story),
        )
        return
    story = db.execute(
        "INSERT INTO story_clusters (label, events, articles, first_date, last_date)"
        " VALUES (?, ?, ?, ?, ?)",
        values,
    ).lastrowid
    db.executemany(
        "UPDATE story_members SET story = ? WHERE n = ? AND event = ?",
        [(story, n, event) for n, event in members],
    )


def _split(db: sqlite3.Connection, story: int, keys: _Keys) -> None:
    """Recompute a story from its remaining members: it may fall apart or vanish."""
    members = [
        (int(n), int(event))
        for n, event in db.execute(
            "SELECT n, event FROM story_members WHERE story = ?", (story,)
        ).fetchall()
    ]
    parts = [part for part in _components(members, keys) if len({n for n, _ in part}) > 1]
    kept = {member for part in parts for member in part}
    db.executemany(
        "DELETE FROM story_members WHERE n = ? AND event = ?",
        [member for member in members if member not in kept],
    )
    if not parts:
        db.execute("DELETE FROM story_clusters WHERE id = ?", (story,))
        return
    parts.sort(key=len, reverse=True)
    _write_story(db, story, parts[0], keys)
    for part in parts[1:]:
        _write_story(db, None, part, keys)


RECENT_PER_TERM = 128
"""A new event is compared with the most recent stored events under each of its lookup
terms: those of the article holding the term's 128th newest row and of every later one
(an article with several events under one term counts each). A term that names a busy
week's commonest event ("Trump said") holds thousands of events, nearly all in one or
two big stories; their latest members
decide whether the new event joins them as well as all of them would, and linking one
article reads a bounded number of rows however large the library grows."""


def candidates_sql(recent: int) -> str:
    """The candidates query, each term's rows taken from the article holding its
    ``recent``-th newest row on (articles are numbered as they are stored): found by
    stepping back along the primary key, never by sorting."""
    since = f"""t.n >= coalesce((SELECT r.n FROM story_terms r WHERE r.term = sought.term
        ORDER BY r.n DESC LIMIT 1 OFFSET {int(recent) - 1}), 0)"""
    return f"""
WITH sought(slot, grp, size, term) AS (
    SELECT value >> 52, (value >> 43) & 511, (value >> {TERM_BITS}) & 7,
        (value & 4294967295) - ((value & 2147483648) << 1) FROM json_each(?)
), hits(slot, n, member_event) AS (
    SELECT sought.slot, t.n, t.event FROM sought JOIN story_terms t
    ON t.term = sought.term AND {since}
    WHERE sought.size = 1
    UNION ALL
    SELECT sought.slot, t.n, t.event FROM sought JOIN story_terms t
    ON t.term = sought.term AND {since}
    WHERE sought.size > 1
    GROUP BY sought.slot, sought.grp, t.n, t.event HAVING count(*) = max(sought.size)
)
SELECT hits.slot, hits.n, hits.member_event, m.story FROM hits
LEFT JOIN story_members m ON m.n = hits.n AND m.event = hits.member_event
"""


_CANDIDATES = candidates_sql(RECENT_PER_TERM)
"""The stored events holding every term of one of a new event's lookup groups, each with
its story, as SQLite finds them: nothing is sorted or de-duplicated, so a lookup that
meets a big story (thousands of members in the week) streams them instead of sorting
them, and linking skips the rest of a story once one member joined it (in whatever order
they come). Only groups of several terms are counted. Each sought term comes as one
integer (:func:`_sought`), which SQLite unpacks with shifts: reading four JSON fields per
term cost more than the lookups."""

_SLOTS = 1 << 11  # lookup slots of one query (an event takes one per _GROUPS groups)
_GROUPS = 1 << 9  # lookup groups in one slot
_SIZES = 1 << 3  # terms in one group: at most SUBSET_WORDS


def _sought(slot: int, group: int, size: int, term: int) -> int:
    """One sought term as a non-negative 63-bit integer: slot (11 bits), group (9),
    group size (3) and the 32-bit stored term."""
    if not (0 <= slot < _SLOTS and 0 <= group < _GROUPS and 0 < size < _SIZES):
        raise ValueError(f"cannot pack a lookup of slot {slot}, group {group}, size {size}")
    return (slot << 52) | (group << 43) | (size << TERM_BITS) | (term & 0xFFFFFFFF)


@lru_cache(maxsize=1 << 16)
def _token_hash(token: str) -> int:
    """A name token as an unsigned 32-bit integer (an INTEGER PRIMARY KEY of five bytes;
    a collision only keeps a lookup that finds nothing)."""
    digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big")


def _token_rows(terms: Iterable[frozenset[Term]]) -> list[tuple[int]]:
    """The story_tokens rows of keys' :func:`_terms`: the name tokens of their link terms."""
    return sorted({(_token_hash(term[1]),) for found in terms for term in found})


@lru_cache(maxsize=1 << 12)
def _lookups(key: EventKey, present: frozenset[str]) -> tuple[frozenset[int], ...]:
    """The hashed lookup groups of a key whose name tokens are all ``present`` (computed
    without its article and event: the news of a week repeats the same names, triggers
    and dates, so most are computed once)."""
    return tuple({frozenset(map(_stored_hash, terms)) for terms in query_groups(key, present)})


def _present(db: sqlite3.Connection, tokens: Iterable[str]) -> frozenset[str]:
    """Which of these name tokens some stored event was stored under."""
    hashes: dict[int, list[str]] = {}
    for token in set(tokens):
        hashes.setdefault(_token_hash(token), []).append(token)
    found = db.execute(
        "SELECT token FROM story_tokens WHERE token IN (SELECT value FROM json_each(?))",
        (_dumps(sorted(hashes)),),
    )
    return frozenset(token for (h,) in found for token in hashes[int(h)])


def _candidates(
    db: sqlite3.Connection, new: Sequence[EventKey]
) -> Iterator[tuple[int, Member, int | None]]:
    """(new event, stored event, its story or None) for each stored event holding every
    term of one of the new event's lookup groups (hashed): those same_event may accept,
    and few others. Only groups whose name tokens all exist are looked up: most subsets
    of a name are no stored name, and one probe of the small token table spares a probe
    of story_terms per slot."""
    bare = [replace(key, article_id="", event_id="") for key in new]
    sought = [sought_tokens(key) for key in bare]
    present = _present(db, (token for tokens in sought for token in tokens))
    # events with the same lookups (an article repeats its story's trigger, names and
    # dates) are looked up once: a big story is then read once, not once per event
    events_of: dict[tuple[frozenset[int], ...], list[int]] = {}
    for event, (key, tokens) in enumerate(zip(bare, sought, strict=True)):
        events_of.setdefault(_lookups(key, tokens & present), []).append(event)
    # slots: (events, their groups), at most _GROUPS groups each and _SLOTS a query
    slots = [
        (events, groups[first : first + _GROUPS])
        for groups, events in events_of.items()
        for first in range(0, len(groups), _GROUPS)
    ]
    for first in range(0, len(slots), _SLOTS):
        chunk = slots[first : first + _SLOTS]
        packed = [
            _sought(slot, group, len(hashes), h)
            for slot, (_, groups) in enumerate(chunk)
            for group, hashes in enumerate(groups)
            for h in hashes
        ]
        # a stored event met twice (two groups, two slots) is taken as it comes: a
        # second link to a story one is in already is a no-op
        for slot, m, j, story in db.execute(_CANDIDATES, (_dumps(packed),)):
            member, found = (int(m), int(j)), None if story is None else int(story)
            for event in chunk[int(slot)][0]:
                yield event, member, found


# -- the public operations --------------------------------------------------------------------


def index_article(db: sqlite3.Connection, n: int, annotation: Annotation) -> None:
    """Link article ``n``'s events into the stories (its earlier links replaced)."""
    unindex_article(db, n)
    _link(db, n, _linkable_keys(n, annotation))


def _link(db: sqlite3.Connection, n: int, new: Sequence[EventKey]) -> None:
    """Link an article's linkable keys (none of it stored yet) and store them."""
    if not new:
        return
    keys = _Keys(db)
    keys.add(n, new)
    links = _UnionFind()
    for event, member, story in _candidates(db, new):
        me = (n, event)
        other = member if story is None else ("story", story)
        # a story this event already joined needs no second link (nor its keys read)
        if not links.joined(me, other) and same_event(new[event], keys.of(member)):
            links.union(me, other)
    for group in links.groups():
        joined = [item[1] for item in group if item[0] == "story"]
        free = [item for item in group if item[0] != "story"]
        _join(db, joined, free, keys)
    db.execute("INSERT INTO story_keys (n, keys) VALUES (?, ?)", (n, _encode(new)))
    terms = _terms(new)
    db.executemany(
        "INSERT INTO story_terms (term, n, event) VALUES (?, ?, ?)", _term_rows(n, terms)
    )
    db.executemany("INSERT OR IGNORE INTO story_tokens (token) VALUES (?)", _token_rows(terms))


def unindex_article(db: sqlite3.Connection, n: int) -> None:
    """Take article ``n`` out of the stories; the stories it was in are recomputed."""
    row = db.execute("SELECT keys FROM story_keys WHERE n = ?", (n,)).fetchone()
    if row is None:
        return
    db.executemany(
        "DELETE FROM story_terms WHERE term = ? AND n = ? AND event = ?",
        _term_rows(n, _terms(_decode(n, row[0]))),
    )
    stories = [
        int(story)
        for (story,) in db.execute(
            "SELECT DISTINCT story FROM story_members WHERE n = ?", (n,)
        ).fetchall()
    ]
    db.execute("DELETE FROM story_members WHERE n = ?", (n,))
    db.execute("DELETE FROM story_keys WHERE n = ?", (n,))
    if db.execute("SELECT 1 FROM story_keys LIMIT 1").fetchone() is None:
        db.execute("DELETE FROM story_tokens")  # else kept: one left over costs a lookup
    keys = _Keys(db)
    for story in stories:
        _split(db, story, keys)


def rebuild(db: sqlite3.Connection, annotations: Iterable[tuple[int, Annotation]]) -> None:
    """Fill the story tables from scratch from each article's current annotation."""
    for table in STORY_TABLES:
        db.execute(f"DELETE FROM {table}")
    for n, annotation in annotations:
        index_article(db, n, annotation)


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


RULES_TALLY = "story_rules"
"""The ``tallies`` row holding the link rules (and key encoding) the stories were made by."""


def rules_stamp() -> int:
    """What the stories stored now must have been linked by: the key encoding
    (:data:`STORY_VERSION`) and the link rules
    (:func:`~tui.nlp.events.linking.link_rules_digest`)."""
    return link_rules_digest() ^ STORY_VERSION


def linked_by_current_rules(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT value FROM tallies WHERE name = ?", (RULES_TALLY,)).fetchone()
    return row is not None and int(row[0]) == rules_stamp()


RELINK_NEXT, RELINK_LAST = "story_relink_next", "story_relink_last"
"""The ``tallies`` rows of a relink under way: the next article to link again and the last
(articles added since are linked as they come)."""


def _set_tally(db: sqlite3.Connection, name: str, value: int) -> None:
    db.execute(
        "INSERT INTO tallies (name, value) VALUES (?, ?)"
        " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def begin_relink(db: sqlite3.Connection) -> None:
    """Start linking every story again under today's rules (a word list or window changed
    since they were linked): the story tables are emptied and stamped with today's rules
    at once, and the stored articles are linked again a few at a time by
    :func:`relink_next` (a library of 10^5 articles takes minutes; nobody waits for it
    to open). Articles stored meanwhile link as they come: linking does not depend on
    the order articles are linked in."""
    for table in STORY_TABLES:
        db.execute(f"DELETE FROM {table}")
    _set_tally(db, RULES_TALLY, rules_stamp())
    first, last = db.execute(
        "SELECT min(n), max(n) FROM articles WHERE annotation IS NOT NULL"
    ).fetchone()
    if first is None:
        db.execute("DELETE FROM tallies WHERE name IN (?, ?)", (RELINK_NEXT, RELINK_LAST))
        return
    _set_tally(db, RELINK_NEXT, int(first))
    _set_tally(db, RELINK_LAST, int(last))


def relink_span(db: sqlite3.Connection) -> tuple[int, int] | None:
    """(next, last) article of the relink under way; None when there is none."""
    found = dict(
        db.execute(
            "SELECT name, value FROM tallies WHERE name IN (?, ?)", (RELINK_NEXT, RELINK_LAST)
        ).fetchall()
    )
    if RELINK_NEXT not in found or RELINK_LAST not in found:
        return None
    return int(found[RELINK_NEXT]), int(found[RELINK_LAST])


def relink_progress(db: sqlite3.Connection) -> tuple[int, int] | None:
    """(articles linked again, articles to link again) of the relink under way, or None."""
    span = relink_span(db)
    if span is None:
        return None
    done, total = db.execute(
        "SELECT count(*) FILTER (WHERE n < ?), count(*) FROM articles"
        " WHERE annotation IS NOT NULL AND n <= ?",
        span,
    ).fetchone()
    return int(done), int(total)


def relink_next(
    db: sqlite3.Connection, annotations: Iterable[tuple[int, Annotation | None]]
) -> None:
    """Link again the articles of the relink under way given (the next ones, in order of
    ``n``, each with its current annotation: None when unreadable, which links nothing),
    and move the relink past them; it ends when it passes the last article."""
    span = relink_span(db)
    if span is None:
        return
    reached, last = span
    for n, annotation in annotations:
        if reached <= n <= last:
            if annotation is not None:
                index_article(db, n, annotation)
            reached = n + 1
    if reached > last:
        db.execute("DELETE FROM tallies WHERE name IN (?, ?)", (RELINK_NEXT, RELINK_LAST))
    else:
        _set_tally(db, RELINK_NEXT, reached)


def top_stories(db: sqlite3.Connection, limit: int | None = 200) -> list[StoryRow]:
    """The stories reported by the most articles, most first (ties: oldest story first)."""
    rows = db.execute(
        "SELECT id, label, articles, first_date, last_date FROM story_clusters"
        " ORDER BY articles DESC, id LIMIT ?",
        (-1 if limit is None else limit,),
    ).fetchall()
    members = {
        int(story): [
            (int(m), int(j))
            for m, j in db.execute(
                "SELECT n, event FROM story_members WHERE story = ? ORDER BY n, event", (story,)
            )
        ]
        for story, *_ in rows
    }
    ids = _event_ids(db, sorted({m for found in members.values() for m, _ in found}))
    return [
        StoryRow(
            id=int(story),
            label=str(label),
            members=tuple((m, ids[m][j]) for m, j in members[int(story)]),
            articles=int(articles),
            first_date=first,
            last_date=last,
        )
        for story, label, articles, first, last in rows
    ]


def _event_ids(db: sqlite3.Connection, articles: Sequence[int]) -> dict[int, list[str]]:
    """The event ids of articles' stored keys, without building the keys."""
    ids: dict[int, list[str]] = {}
    for chunk in _chunks(articles):
        marks = ",".join("?" * len(chunk))
        for n, blob in db.execute(f"SELECT n, keys FROM story_keys WHERE n IN ({marks})", chunk):
            ids[int(n)] = [json.loads(line.split("\t", 2)[1]) for line in _unpack(blob)[1]]
    return ids


def story_count(db: sqlite3.Connection) -> int:
    """How many stories there are (events reported by two or more articles)."""
    return int(db.execute("SELECT count(*) FROM story_clusters").fetchone()[0])
