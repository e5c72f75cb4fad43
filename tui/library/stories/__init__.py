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

- :mod:`.storage`: the tables, the stored keys' encoding, the term and token rows;
- :mod:`.candidates`: the candidates query and the packed lookups it is given;
- :mod:`.clusters`: stories joined and split (a union-find over their members);
- :mod:`.reading`: the stories as the reader lists them;
- here: linking an article (its candidates looked up with :data:`_CANDIDATES`, which the
  tests swap here) and unlinking it, rebuilding, and relinking under new rules.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from tui.library.stories.candidates import (
    _GROUPS,
    _SLOTS,
    RECENT_PER_TERM,
    _lookups,
    _present,
    _sought,
    candidates_sql,
)
from tui.library.stories.clusters import _join, _split, _UnionFind
from tui.library.stories.reading import (
    StoryRow,
    event_id_at,
    same_articles,
    story_count,
    top_stories,
)
from tui.library.stories.storage import (
    STORY_SCHEMA,
    STORY_TABLES,
    STORY_VERSION,
    TERM_BITS,
    Member,
    _decode,
    _dumps,
    _encode,
    _Keys,
    _linkable_keys,
    _term_rows,
    _terms,
    _token_rows,
    complete_tables,
    has_every_table,
)
from tui.model import Annotation
from tui.nlp.events.linking import EventKey, link_rules_digest, same_event, sought_tokens

__all__ = [
    "RECENT_PER_TERM",
    "RELINK_LAST",
    "RELINK_NEXT",
    "RULES_TALLY",
    "STORY_SCHEMA",
    "STORY_TABLES",
    "STORY_VERSION",
    "TERM_BITS",
    "Member",
    "StoryRow",
    "begin_relink",
    "candidates_sql",
    "complete_tables",
    "event_id_at",
    "has_every_table",
    "index_article",
    "linked_by_current_rules",
    "rebuild",
    "relink_next",
    "relink_progress",
    "relink_span",
    "rules_stamp",
    "same_articles",
    "story_count",
    "top_stories",
    "unindex_article",
]

_CANDIDATES = candidates_sql(RECENT_PER_TERM)
"""The stored events holding every term of one of a new event's lookup groups, each with
its story, as SQLite finds them: nothing is sorted or de-duplicated, so a lookup that
meets a big story (thousands of members in the week) streams them instead of sorting
them, and linking skips the rest of a story once one member joined it (in whatever order
they come). Only groups of several terms are counted. Each sought term comes as one
integer (:func:`_sought`), which SQLite unpacks with shifts: reading four JSON fields per
term cost more than the lookups."""


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
