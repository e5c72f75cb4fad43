"""Writing to the library: articles, annotations and everything derived from them.

Each function works on a connection that is already inside a write transaction (the
:class:`~tui.library.db.Library` methods and the schema migration open it), so a
derived table can never disagree with what it was derived from. Deriving happens here,
once, when an annotation is stored, so that reading stays cheap at any library size:

* the article row keeps its counts of quotes and speakers (the listing reads no JSON);
* ``speakers`` holds one row per speaker of each article's *current* annotation, and
  ``people`` the running totals per person (People is one indexed query);
* the full-text index gets the speakers' names (the quotes are words of the text);
* :mod:`tui.library.stories` links the article's events to other articles' events.

An article's current annotation is the one stored last. Storing another first takes the
previous one's contributions back out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from tui.library import stories
from tui.library.codec import pack_annotation, pack_text, unpack_text
from tui.library.identity import canonical_url, text_key
from tui.model import Annotation, Article, Quote
from tui.nlp.events.linking import speaker_key


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def sort_date(date: str | None) -> str:
    return date or ""


def sort_title(title: str | None) -> str:
    return (title or "").casefold()


@dataclass(frozen=True, slots=True)
class Added:
    """What storing one article did: its number, or the article it duplicates."""

    n: int | None  # the new row, None when it was already there
    existing: str | None = None  # id of the article it duplicates (or its own id)
    removed: bool = False  # not stored: the reader removed this article before


def _removed_keys(url: str | None, text_hash: str) -> list[str]:
    """The ``removed`` table's keys of an article: its canonical URL and its text."""
    return ([f"u {url}"] if url else []) + [f"t {text_hash}"]


def was_removed(db: sqlite3.Connection, article: Article) -> bool:
    """Whether the reader removed this article (same canonical URL or folded text)."""
    keys = _removed_keys(canonical_url(article.url), text_key(article.text))
    marks = ", ".join("?" * len(keys))
    return db.execute(f"SELECT 1 FROM removed WHERE key IN ({marks})", keys).fetchone() is not None


def url_was_removed(db: sqlite3.Connection, url: str) -> bool:
    key = canonical_url(url)
    return key is not None and (
        db.execute("SELECT 1 FROM removed WHERE key = ?", (f"u {key}",)).fetchone() is not None
    )


def find_existing(db: sqlite3.Connection, article: Article) -> str | None:
    """The id of an article already stored that is this one: same id, same canonical URL
    or the same text once typography is folded."""
    row = db.execute("SELECT id FROM articles WHERE id = ?", (article.id,)).fetchone()
    if row is not None:
        return str(row[0])
    url = canonical_url(article.url)
    if url is not None:
        row = db.execute(
            "SELECT id FROM articles WHERE canonical_url = ? LIMIT 1", (url,)
        ).fetchone()
        if row is not None:
            return str(row[0])
    row = db.execute(
        "SELECT id FROM articles WHERE text_hash = ? LIMIT 1", (text_key(article.text),)
    ).fetchone()
    return None if row is None else str(row[0])


def insert_article(
    db: sqlite3.Connection,
    article: Article,
    *,
    feed_id: int | None = None,
    added_at: str | None = None,
    read: bool = False,
    n: int | None = None,
    unless_removed: bool = False,
) -> Added:
    """Store ``article`` unless the library already has it (see :func:`find_existing`)
    or, with ``unless_removed`` (what a feed brings), the reader removed it before."""
    existing = find_existing(db, article)
    if existing is not None:
        return Added(None, existing)
    if unless_removed and was_removed(db, article):
        return Added(None, removed=True)
    cursor = db.execute(
        "INSERT INTO articles (n, id, title, date, source, url, canonical_url,"
        " text_bytes, text_hash, added_at, read, feed_id, sort_date, sort_title)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            n,
            article.id,
            article.title,
            article.date,
            article.source,
            article.url,
            canonical_url(article.url),
            len(article.text.encode("utf-8", "surrogatepass")),
            text_key(article.text),
            added_at or now(),
            int(read),
            feed_id,
            sort_date(article.date),
            sort_title(article.title),
        ),
    )
    number = int(cursor.lastrowid or 0)
    db.execute("INSERT INTO texts (n, body) VALUES (?, ?)", (number, pack_text(article.text)))
    _index_text(db, number, article.title, article.text, "")
    return Added(number)


def _index_text(db: sqlite3.Connection, n: int, title: str | None, text: str, names: str) -> None:
    db.execute(
        "INSERT INTO search (rowid, title, text, speakers) VALUES (?, ?, ?, ?)",
        (n, title or "", text, names),
    )


def _unindex_text(db: sqlite3.Connection, n: int, title: str | None, text: str, names: str) -> None:
    """Take a row out of the contentless full-text index: FTS5 needs the very values it
    was given, which is why the article keeps the speaker names it was indexed with."""
    db.execute(
        "INSERT INTO search (search, rowid, title, text, speakers) VALUES ('delete', ?, ?, ?, ?)",
        (n, title or "", text, names),
    )


def _speaker_names(annotation: Annotation) -> str:
    return " ".join(s.name for s in annotation.speakers)


def _article_row(db: sqlite3.Connection, n: int) -> sqlite3.Row:
    row = db.execute(
        "SELECT a.n, a.id, a.title, a.date, t.body, a.indexed, a.annotation,"
        " a.canonical_url, a.text_hash FROM articles a"
        " JOIN texts t ON t.n = a.n WHERE a.n = ?",
        (n,),
    ).fetchone()
    if row is None:
        raise KeyError(n)
    return row


def _withdraw_current(db: sqlite3.Connection, row: sqlite3.Row, text: str) -> None:
    """Take the current annotation's speakers, people totals, search words and story links
    out (the annotation row itself stays: older annotations are kept)."""
    n = int(row["n"])
    if row["annotation"] is None:
        return
    stories.unindex_article(db, n)
    speakers = db.execute(
        "SELECT key, name, quotes FROM speakers WHERE article = ?", (n,)
    ).fetchall()
    totals: dict[str, int] = {}
    names: dict[str, set[str]] = {}
    for speaker in speakers:
        totals[speaker["key"]] = totals.get(speaker["key"], 0) + int(speaker["quotes"])
        names.setdefault(speaker["key"], set()).add(speaker["name"])
    db.execute("DELETE FROM speakers WHERE article = ?", (n,))
    for key, quotes in totals.items():
        db.execute(
            "UPDATE people SET articles = articles - 1, quotes = quotes - ? WHERE key = ?",
            (quotes, key),
        )
        person = db.execute("SELECT articles, name FROM people WHERE key = ?", (key,)).fetchone()
        if person is None:
            continue
        if person["articles"] <= 0:
            db.execute("DELETE FROM people WHERE key = ?", (key,))
        elif person["name"] in names[key]:
            _rename_person(db, key)
    _unindex_text(db, n, row["title"], text, row["indexed"] or "")
    _index_text(db, n, row["title"], text, "")
    db.execute(
        "UPDATE articles SET annotation = NULL, quotes = 0, speakers = 0, indexed = NULL"
        " WHERE n = ?",
        (n,),
    )


def _rename_person(db: sqlite3.Connection, key: str) -> None:
    """The person's fullest name among the articles still quoting them."""
    best = db.execute(
        "SELECT name, kind FROM speakers WHERE key = ? ORDER BY length(name) DESC LIMIT 1",
        (key,),
    ).fetchone()
    if best is not None:
        db.execute("UPDATE people SET name = ?, kind = ? WHERE key = ?", (best[0], best[1], key))


def store_annotation(
    db: sqlite3.Connection,
    annotation: Annotation,
    engine_version: str,
    model: str,
    *,
    created_at: str | None = None,
    add_missing: bool = True,
) -> int | None:
    """Store ``annotation`` as its article's current one (adding the article when it is
    not there yet, unless ``add_missing`` is False: an indexer must not bring back an
    article deleted while it was being annotated); return the article's number."""
    article = annotation.article
    found = db.execute("SELECT n FROM articles WHERE id = ?", (article.id,)).fetchone()
    if found is None and not add_missing:
        return None
    if found is None:
        added = insert_article(db, article)
        if added.n is None:
            # the same story under another id: its offsets index another text, and the
            # article already there gets (or has) an annotation of its own
            existing = db.execute("SELECT n FROM articles WHERE id = ?", (added.existing,))
            return int(existing.fetchone()[0])
        n = added.n
    else:
        n = int(found[0])
    row = _article_row(db, n)
    text = unpack_text(row["body"])
    _withdraw_current(db, row, text)
    db.execute(
        "DELETE FROM annotations WHERE article = ? AND engine_version = ? AND model = ?",
        (n, engine_version, model),
    )
    cursor = db.execute(
        "INSERT INTO annotations (article, engine_version, model, data, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (n, engine_version, model, pack_annotation(annotation), created_at or now()),
    )
    names = _speaker_names(annotation)
    db.execute(
        "UPDATE articles SET annotation = ?, quotes = ?, speakers = ?, indexed = ? WHERE n = ?",
        (cursor.lastrowid, _speech_count(annotation.quotes), len(annotation.speakers), names, n),
    )
    _unindex_text(db, n, row["title"], text, "")
    _index_text(db, n, row["title"], text, names)
    _add_speakers(db, n, annotation, sort_date(row["date"]))
    stories.index_article(db, n, annotation)
    return n


def _speech_count(quotes: Iterable[Quote]) -> int:
    """Quotes that are words said: a person's count of quotes leaves out what they
    believe or endorse (and a poll's findings)."""
    return sum(q.is_speech for q in quotes)


def _add_speakers(db: sqlite3.Connection, n: int, annotation: Annotation, date: str) -> None:
    by_key: dict[str, tuple[int, str, str]] = {}
    rows = []
    for speaker in annotation.speakers:
        key = speaker.key or speaker_key(speaker.name)
        if not key:
            continue
        attributed = annotation.quotes_of(speaker.id)
        speech = [q for q in attributed if q.is_speech]
        shown = speech or attributed  # where the speaker is first quoted, else attributed
        first = (shown[0].start, shown[0].end) if shown else (None, None)
        said = len(speech)
        rows.append((n, speaker.id, key, speaker.name, speaker.kind, said, *first, date))
        count, name, kind = by_key.get(key, (0, "", speaker.kind))
        if len(speaker.name) > len(name):
            name, kind = speaker.name, speaker.kind
        by_key[key] = (count + said, name, kind)
    db.executemany("INSERT OR REPLACE INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for key, (quotes, name, kind) in by_key.items():
        db.execute(
            "INSERT INTO people (key, name, kind, articles, quotes) VALUES (?, ?, ?, 1, ?)"
            " ON CONFLICT(key) DO UPDATE SET articles = articles + 1,"
            " quotes = quotes + excluded.quotes,"
            " kind = CASE WHEN length(excluded.name) > length(name) THEN excluded.kind"
            " ELSE kind END,"
            " name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name"
            " ELSE name END",
            (key, name, kind, quotes),
        )


def set_date(db: sqlite3.Connection, n: int, date: str | None) -> None:
    """Give article ``n`` a publication date. Its annotations placed times against the old
    one ("Wednesday" is another day now), so they are dropped, with what derives from the
    current one; the next indexing annotates the article anew."""
    row = _article_row(db, n)
    _withdraw_current(db, row, unpack_text(row["body"]))
    db.execute("DELETE FROM annotations WHERE article = ?", (n,))
    db.execute(
        "UPDATE articles SET date = ?, sort_date = ? WHERE n = ?", (date, sort_date(date), n)
    )


def delete_article(db: sqlite3.Connection, n: int) -> None:
    """Remove the article with every row derived from it, and remember that it was
    removed (:func:`was_removed`): a feed refresh must not bring it back."""
    row = _article_row(db, n)
    db.executemany(
        "INSERT OR REPLACE INTO removed (key, removed_at) VALUES (?, ?)",
        [(key, now()) for key in _removed_keys(row["canonical_url"], row["text_hash"])],
    )
    text = unpack_text(row["body"])
    _withdraw_current(db, row, text)
    _unindex_text(db, n, row["title"], text, "")
    db.execute("DELETE FROM annotations WHERE article = ?", (n,))
    db.execute("DELETE FROM texts WHERE n = ?", (n,))
    db.execute("DELETE FROM articles WHERE n = ?", (n,))


def delete_articles(db: sqlite3.Connection, numbers: Iterable[int]) -> int:
    count = 0
    for n in numbers:
        try:
            delete_article(db, n)
        except KeyError:
            continue
        count += 1
    return count
