"""The stories as the reader lists them: the top stories with their members' event ids,
how many there are, the event id of one member, and which stories the same articles tell."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from tui.library.stories.storage import _chunks, _key, _unpack


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story as the reader lists it: members are (article n, event id)."""

    id: int
    label: str
    members: tuple[tuple[int, str], ...]
    articles: int
    first_date: str | None
    last_date: str | None


def event_id_at(db: sqlite3.Connection, n: int, index: int) -> str | None:
    """The annotation's event id of member ``(n, index)`` of a story (its stored key)."""
    row = db.execute("SELECT keys FROM story_keys WHERE n = ?", (n,)).fetchone()
    if row is None:
        return None
    date, lines = _unpack(row[0])
    return _key(n, date, lines[index]).event_id if 0 <= index < len(lines) else None


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


SAME_ARTICLES_MAX = 64
"""Stories of at most this many articles are compared article by article for
:func:`same_articles`; bigger ones are not read whole (two big stories of exactly the same
articles are rare, and reading them would cost what the listing must not)."""

Shape = tuple[int, int, int, str | None, str | None]
"""A story as listed: (id, events, articles, first date, last date)."""


def same_articles(db: sqlite3.Connection, shapes: Sequence[Shape]) -> list[list[int]]:
    """The stories given, grouped where several are told by exactly the same articles (two
    events of one real-world story, linked apart: the wall's funding and the budget in
    the same reports), in the order given. Each group is led by its story of most events
    (ties: the one given first). Only stories of equal article count and dates are
    compared, each read once."""
    events = {story: count for story, count, *_ in shapes}
    alike: dict[tuple[int, str | None, str | None], list[int]] = {}
    for story, _, articles, first, last in shapes:
        alike.setdefault((articles, first, last), []).append(story)
    leader: dict[int, int] = {}
    for (articles, _, _), stories in alike.items():
        if len(stories) < 2 or articles > SAME_ARTICLES_MAX:
            continue
        told_by: dict[tuple[int, ...], list[int]] = {}
        for story in stories:
            members = db.execute(
                "SELECT DISTINCT n FROM story_members WHERE story = ? ORDER BY n", (story,)
            )
            told_by.setdefault(tuple(int(n) for (n,) in members), []).append(story)
        for same in told_by.values():
            lead = max(same, key=lambda story: events[story])
            leader.update((story, lead) for story in same)
    groups: dict[int, list[int]] = {}
    for story, *_ in shapes:
        lead = leader.get(story, story)
        group = groups.setdefault(lead, [lead])
        if story != lead:
            group.append(story)
    return list(groups.values())
