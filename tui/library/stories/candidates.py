"""The candidates query: a new event's hashed lookup groups, packed one integer per sought
term, and the SQL that finds the stored events holding every term of a group among each
term's most recent rows (:data:`RECENT_PER_TERM`). The package runs it (its
``_candidates``, next to ``_CANDIDATES``: the tests swap the query there)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import lru_cache

from tui.library.stories.storage import TERM_BITS, _dumps, _stored_hash, _token_hash
from tui.nlp.events.linking import EventKey, query_groups

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


_SLOTS = 1 << 11  # lookup slots of one query (an event takes one per _GROUPS groups)
_GROUPS = 1 << 9  # lookup groups in one slot
_SIZES = 1 << 3  # terms in one group: at most SUBSET_WORDS


def _sought(slot: int, group: int, size: int, term: int) -> int:
    """One sought term as a non-negative 63-bit integer: slot (11 bits), group (9),
    group size (3) and the 32-bit stored term."""
    if not (0 <= slot < _SLOTS and 0 <= group < _GROUPS and 0 < size < _SIZES):
        raise ValueError(f"cannot pack a lookup of slot {slot}, group {group}, size {size}")
    return (slot << 52) | (group << 43) | (size << TERM_BITS) | (term & 0xFFFFFFFF)


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
