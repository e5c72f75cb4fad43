"""Stories joined and split: a new article's links merge stories (the largest absorbs the
others), and removing one recomputes the stories it was in from their remaining members."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from tui.library.stories.storage import Member, _chunks, _Keys
from tui.nlp.events.linking import Term, link_terms, query_terms, same_event


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
