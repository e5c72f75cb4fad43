"""The library's schema, as the migrations that build it (``PRAGMA user_version`` counts them).

Each migration runs once, in one write transaction with the version bump, so a library is
always at one version or the next, never between: a kill during a migration leaves the
previous version, which the next start migrates again. Never edit a released migration;
append a new one. A new library runs them all (the first on empty tables is instant).

Version 2 is the schema for libraries of 10^5 articles: texts and annotations compressed
(:mod:`tui.library.codec`), everything a screen lists kept in indexed columns and running
totals (counts on the article row, ``people``, ``tallies``, feed counters), a contentless
full-text index, and stories linked as annotations are stored (:mod:`tui.library.stories`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from tui.library import stories

Migration = tuple[str, ...] | Callable[[sqlite3.Connection], None]

_V1: tuple[str, ...] = (
    """CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        added_at TEXT NOT NULL,
        last_refreshed TEXT
    )""",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        date TEXT,
        source TEXT,
        url TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        added_at TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL
    )""",
    "CREATE INDEX articles_feed ON articles(feed_id, read)",
    """CREATE TABLE annotations (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        engine_version TEXT NOT NULL,
        model TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        quote_count INTEGER NOT NULL DEFAULT 0,
        speaker_count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, engine_version, model)
    )""",
    """CREATE TABLE speakers (
        article_id TEXT NOT NULL,
        engine_version TEXT NOT NULL,
        model TEXT NOT NULL,
        speaker_id TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        quote_count INTEGER NOT NULL,
        PRIMARY KEY (article_id, engine_version, model, speaker_id),
        FOREIGN KEY (article_id, engine_version, model)
            REFERENCES annotations(article_id, engine_version, model) ON DELETE CASCADE
    )""",
    "CREATE INDEX speakers_key ON speakers(key)",
    """CREATE VIEW current_annotations AS
        SELECT * FROM annotations
        WHERE rowid IN (SELECT max(rowid) FROM annotations GROUP BY article_id)""",
    """CREATE VIRTUAL TABLE search USING fts5(
        title, text, speakers, quotes, tokenize = 'unicode61 remove_diacritics 2'
    )""",
)

# -- version 2 ----------------------------------------------------------------------------

V2_TABLES: tuple[str, ...] = (
    """CREATE TABLE articles (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT,
        date TEXT,
        source TEXT,
        url TEXT,
        canonical_url TEXT,
        text_bytes INTEGER NOT NULL,
        text_hash TEXT NOT NULL,
        added_at TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
        annotation INTEGER,
        quotes INTEGER NOT NULL DEFAULT 0,
        speakers INTEGER NOT NULL DEFAULT 0,
        indexed TEXT,
        sort_date TEXT NOT NULL DEFAULT '',
        sort_title TEXT NOT NULL DEFAULT ''
    )""",
    # the compressed texts, apart: a listing or a scan of the articles never reads them
    """CREATE TABLE texts (
        n INTEGER PRIMARY KEY REFERENCES articles(n) ON DELETE CASCADE,
        body BLOB NOT NULL
    )""",
    # one index per sort of the listing, walked backwards for newest/most first
    "CREATE INDEX articles_by_date ON articles(sort_date, added_at, n)",
    "CREATE INDEX articles_unread ON articles(read, sort_date, added_at, n)",
    "CREATE INDEX articles_by_title ON articles(sort_title, n)",
    "CREATE INDEX articles_by_quotes ON articles(quotes, n)",
    "CREATE INDEX articles_by_speakers ON articles(speakers, n)",
    "CREATE INDEX articles_feed ON articles(feed_id, read)",
    "CREATE INDEX articles_canonical ON articles(canonical_url) WHERE canonical_url IS NOT NULL",
    "CREATE INDEX articles_text_hash ON articles(text_hash)",
    """CREATE TABLE annotations (
        n INTEGER PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
        engine_version TEXT NOT NULL,
        model TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (article, engine_version, model)
    )""",
    # the speakers of each article's current annotation
    """CREATE TABLE speakers (
        article INTEGER NOT NULL REFERENCES articles(n) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        quotes INTEGER NOT NULL,
        first_quote INTEGER,
        first_quote_end INTEGER,
        sort_date TEXT NOT NULL,
        PRIMARY KEY (article, speaker_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX speakers_by_key ON speakers(key, sort_date)",
    # running totals per person over the current annotations
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        articles INTEGER NOT NULL,
        quotes INTEGER NOT NULL
    )""",
    "CREATE INDEX people_by_quotes ON people(quotes, articles)",
    "CREATE INDEX people_by_articles ON people(articles, quotes)",
    "CREATE INDEX people_by_name ON people(name COLLATE NOCASE)",
    # whole words of each person's key, for speaker:NAME
    """CREATE VIRTUAL TABLE people_words USING fts5(
        key, content = 'people', content_rowid = 'id', tokenize = 'unicode61'
    )""",
    """CREATE TRIGGER people_words_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_words (rowid, key) VALUES (new.id, new.key);
    END""",
    """CREATE TRIGGER people_words_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_words (people_words, rowid, key) VALUES ('delete', old.id, old.key);
    END""",
    # rowid = articles.n; contentless: the texts are in texts.body (quotes are words
    # of the text, so they are found there; speakers are added as their fullest names)
    """CREATE VIRTUAL TABLE search USING fts5(
        title, text, speakers, content = '', columnsize = 0,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    # counts a screen shows without counting
    "CREATE TABLE tallies (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO tallies VALUES ('articles', 0), ('unread', 0)",
    "ALTER TABLE feeds ADD COLUMN articles INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE feeds ADD COLUMN unread INTEGER NOT NULL DEFAULT 0",
    """CREATE TRIGGER articles_tally_insert AFTER INSERT ON articles BEGIN
        UPDATE tallies SET value = value + 1 WHERE name = 'articles';
        UPDATE tallies SET value = value + (new.read = 0) WHERE name = 'unread';
        UPDATE feeds SET articles = articles + 1, unread = unread + (new.read = 0)
            WHERE id = new.feed_id;
    END""",
    """CREATE TRIGGER articles_tally_delete AFTER DELETE ON articles BEGIN
        UPDATE tallies SET value = value - 1 WHERE name = 'articles';
        UPDATE tallies SET value = value - (old.read = 0) WHERE name = 'unread';
        UPDATE feeds SET articles = articles - 1, unread = unread - (old.read = 0)
            WHERE id = old.feed_id;
    END""",
    """CREATE TRIGGER articles_tally_update AFTER UPDATE OF read, feed_id ON articles BEGIN
        UPDATE tallies SET value = value - (old.read = 0) + (new.read = 0)
            WHERE name = 'unread';
        UPDATE feeds SET articles = articles - 1, unread = unread - (old.read = 0)
            WHERE id = old.feed_id;
        UPDATE feeds SET articles = articles + 1, unread = unread + (new.read = 0)
            WHERE id = new.feed_id;
    END""",
    *stories.STORY_SCHEMA,
)

# what a database needs to be taken for a Byline library (of any version)
LIBRARY_TABLES = frozenset({"feeds", "articles", "annotations", "speakers", "search"})


def _to_v2(db: sqlite3.Connection) -> None:
    """Convert a version-1 library (raw JSON, per-engine speaker rows) to version 2,
    keeping every article, read mark, feed and annotation (each engine's)."""
    from tui.library import store
    from tui.model import Annotation, Article, ModelError

    db.execute("DROP VIEW current_annotations")
    db.execute("DROP TABLE speakers")
    db.execute("DROP TABLE search")
    db.execute("ALTER TABLE annotations RENAME TO v1_annotations")
    db.execute("ALTER TABLE articles RENAME TO v1_articles")
    db.execute("DROP INDEX IF EXISTS articles_feed")
    for statement in V2_TABLES:
        db.execute(statement)
    articles = db.execute(
        "SELECT rowid, id, title, date, source, url, text, added_at, read, feed_id"
        " FROM v1_articles ORDER BY rowid"
    )
    for row in iter(lambda: articles.fetchmany(200), []):
        for rowid, id_, title, date, source, url, text, added_at, read, feed_id in row:
            article = Article(id_, title, date, source, url, text)
            if article.id != id_:  # never: ids are stored as given
                continue
            store.insert_article(
                db, article, feed_id=feed_id, added_at=added_at, read=bool(read), n=rowid
            )
    # every annotation, oldest first: the last stored for an article ends up current
    annotations = db.execute(
        "SELECT a.n, n.engine_version, n.model, n.json, n.created_at, x.id"
        " FROM v1_annotations n JOIN v1_articles x ON x.id = n.article_id"
        " JOIN articles a ON a.id = n.article_id ORDER BY n.rowid"
    )
    for row in iter(lambda: annotations.fetchmany(50), []):
        for number, version, model, document, created_at, _ in row:
            try:
                annotation = Annotation.from_json(document)
            except ModelError:
                continue  # unreadable before too: it was treated as missing
            text = store.unpack_text(
                db.execute("SELECT body FROM texts WHERE n = ?", (number,)).fetchone()[0]
            )
            if annotation.article.text != text:
                continue
            stored = db.execute("SELECT * FROM articles WHERE n = ?", (number,)).fetchone()
            article = Article(
                stored["id"], stored["title"], stored["date"], stored["source"], stored["url"], text
            )
            from dataclasses import replace

            store.store_annotation(
                db, replace(annotation, article=article), version, model, created_at=created_at
            )
    db.execute("DROP TABLE v1_annotations")
    db.execute("DROP TABLE v1_articles")


_V3: tuple[str, ...] = (
    # what the reader removed, so that a feed refresh does not bring it back: "u " and
    # its canonical URL, "t " and its folded text's key (the same story under a new link)
    "CREATE TABLE removed (key TEXT PRIMARY KEY, removed_at TEXT NOT NULL) WITHOUT ROWID",
)

_NAMED = "('person', 'organization')"  # the kinds People lists (queries.NAMED_KINDS)
_V4: tuple[str, ...] = (
    # People's header counts the people and organisations quoted: kept, not counted
    f"""INSERT INTO tallies VALUES
        ('people_named', (SELECT count(*) FROM people WHERE kind IN {_NAMED}))""",
    f"""CREATE TRIGGER people_named_insert AFTER INSERT ON people
        WHEN new.kind IN {_NAMED} BEGIN
        UPDATE tallies SET value = value + 1 WHERE name = 'people_named';
    END""",
    f"""CREATE TRIGGER people_named_delete AFTER DELETE ON people
        WHEN old.kind IN {_NAMED} BEGIN
        UPDATE tallies SET value = value - 1 WHERE name = 'people_named';
    END""",
    f"""CREATE TRIGGER people_named_update AFTER UPDATE OF kind ON people
        WHEN (old.kind IN {_NAMED}) != (new.kind IN {_NAMED}) BEGIN
        UPDATE tallies SET value = value + (CASE WHEN new.kind IN {_NAMED} THEN 1 ELSE -1 END)
            WHERE name = 'people_named';
    END""",
)

# Stories linked under older rules (a library of last version 2, or any rule changed since)
# are not a schema matter: the library links them again when it opens (``story_rules``).
MIGRATIONS: list[Migration] = [_V1, _to_v2, _V3, _V4]
