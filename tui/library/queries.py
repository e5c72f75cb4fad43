"""The questions the Search, People and Stories views ask the library: full-text and
``speaker:`` search, people across the library, what a person said, and the stories
(linked as annotations are stored: :mod:`tui.library.stories`).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tui.library.codec import CodecError, unpack_text
from tui.library.connection import Connection, _chunks, _is_locked
from tui.library.records import (
    _ROW_COLUMNS,
    Hit,
    Person,
    Story,
    StorySummary,
    _article_row,
    _decoded,
)
from tui.library.snippets import snippet, snippet_terms
from tui.model import Article, Quote
from tui.nlp.events.linking import speaker_key
from tui.nlp.speakers.names import fold
from tui.textfit import cut

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


def _story_shape(row: Any) -> tuple[int, int, int, str | None, str | None]:
    """(id, events, articles, first date, last date) of a ``story_clusters`` row."""
    return (
        int(row["id"]),
        int(row["events"]),
        int(row["articles"]),
        row["first_date"],
        row["last_date"],
    )


def _story_articles(columns: str) -> str:
    """``columns`` of a story's first articles the library received (an index range, however
    large the story), listed by date, undated last: parameters (story, limit)."""
    return (
        f"SELECT {columns} FROM articles WHERE n IN"
        " (SELECT DISTINCT n FROM story_members WHERE story = ? ORDER BY n LIMIT ?)"
        " ORDER BY sort_date = '', sort_date, n"
    )


class LibraryQueries(Connection):
    """:class:`~tui.library.db.Library`'s search, People and Stories methods, on the
    :class:`Connection`'s ``_db``, ``_query`` and ``_run``."""

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
        self, person_key: str, *, limit: int = QUOTED_ARTICLES, speech: bool = True
    ) -> list[tuple[Article, Quote]]:
        """What this person is quoted as saying in the ``limit`` newest articles that
        quote them, newest article first; ``speech=False``: what else is attributed to
        them instead (beliefs, stances, evidence, endorsements: "the CIA concluded …")."""
        key = speaker_key(person_key) or fold(person_key)
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body, n.data, s.speaker_id"
            " FROM speakers s JOIN articles a ON a.n = s.article JOIN texts t ON t.n = a.n"
            " JOIN annotations n ON n.n = a.annotation"
            f" WHERE s.key = ?{' AND s.quotes > 0' if speech else ''}"
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
                    if q.is_speech == speech  # what they said, as People counts it
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
        from tui.library.stories import same_articles

        columns = "id, label, events, articles, first_date, last_date"
        stories = self._query(
            f"SELECT {columns} FROM story_clusters ORDER BY articles DESC, id LIMIT ?", (limit,)
        )
        if len(stories) == limit:
            # the stories past the page that the same articles as one on it may tell: as
            # many articles as the page's last, and the same dates as one of those
            last = stories[-1]
            for first, final in {
                (r["first_date"], r["last_date"])
                for r in stories
                if r["articles"] == last["articles"]
            }:
                stories += self._query(
                    f"SELECT {columns} FROM story_clusters WHERE articles = ? AND id > ?"
                    " AND first_date IS ? AND last_date IS ?",
                    (last["articles"], last["id"], first, final),
                )
        # two stories told by exactly the same articles (the wall's funding and the budget
        # in the same two reports; a report and its follow-up share twenty) are one entry
        # for a reader: the one of more events leads and names it, their events add up
        shapes = [_story_shape(r) for r in stories]
        groups = self._run(lambda: same_articles(self._db, shapes))[:limit]
        merged = {int(story["id"]): story for story in stories}
        found = []
        for group in groups:
            story = merged[group[0]]
            others = [merged[other] for other in group[1:]]
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
                    sum(int(s["events"]) for s in (story, *others)),
                    int(story["articles"]),
                    tuple(_article_row(r) for r in rows),
                    story["first_date"],
                    story["last_date"],
                    tuple(str(events.get(r["n"], "")) for r in rows),
                    len(others),
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


def _shorten(text: str, limit: int = 160) -> str:
    return cut(" ".join(text.split()), limit)
