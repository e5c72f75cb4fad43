"""The library's annotations: stored per (engine version, model), the newest one being
each article's current annotation, and the articles that still need one.

Storing one also stores what is derived from it (search words, speakers, people totals,
story links): see :mod:`tui.library.store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from tui.library import store
from tui.library.connection import Connection, _chunks
from tui.library.records import _CURRENT_ANNOTATIONS, _decoded
from tui.model import Annotation, Article


class LibraryAnnotations(Connection):
    """:class:`~tui.library.db.Library`'s annotation methods, on the :class:`Connection`'s
    ``_query``, ``_run`` and ``_write``, and on ``article``: the library's
    :class:`~tui.library.articles.LibraryArticles` part gives it. The batched store,
    :meth:`~tui.library.db.Library.store_annotations`, is on the library itself."""

    article: Callable[[str], Article | None]  # LibraryArticles.article

    def _annotation_of(self, where: str, params: Sequence[Any]) -> Annotation | None:
        rows = self._query(
            "SELECT a.id, a.title, a.date, a.source, a.url, t.body, n.data FROM annotations n"
            " JOIN articles a ON a.n = n.article JOIN texts t ON t.n = a.n WHERE " + where,
            params,
        )
        return _decoded(rows[0]) if rows else None

    def annotation(self, article_id: str, engine_version: str, model: str) -> Annotation | None:
        return self._annotation_of(
            "a.id = ? AND n.engine_version = ? AND n.model = ?",
            (article_id, engine_version, model),
        )

    def current_annotation(self, article_id: str) -> Annotation | None:
        """The article's newest annotation, whatever engine made it."""
        return self._annotation_of("a.id = ? AND n.n = a.annotation", (article_id,))

    def current_annotations(self) -> Iterator[Annotation]:
        """Every article's current annotation, oldest article first, a page at a time."""
        last = 0
        while True:
            rows = self._query(
                f"{_CURRENT_ANNOTATIONS} WHERE a.n > ? ORDER BY a.n LIMIT 100", (last,)
            )
            if not rows:
                return
            for row in rows:
                found = _decoded(row)
                if found is not None:
                    yield found
            last = int(rows[-1]["n"])

    def store_annotation(
        self,
        annotation: Annotation,
        engine_version: str,
        model: str,
        *,
        add_missing: bool = True,
    ) -> bool:
        """Store (or replace) an annotation as its article's current one, with everything
        derived from it (see :mod:`tui.library.store`); the article is added first if the
        library does not have it, unless ``add_missing`` is False. Whether it was stored."""

        def write() -> bool:
            with self._write() as db:
                stored = store.store_annotation(
                    db, annotation, engine_version, model, add_missing=add_missing
                )
                return stored is not None

        return self._run(write)

    def missing_annotations(self, engine_version: str, model: str) -> list[Article]:
        """Articles with no annotation by this engine version and model, oldest first."""
        ids = self.missing_annotation_ids(engine_version, model)
        return [a for a in map(self.article, ids) if a is not None]

    def missing_annotation_ids(
        self, engine_version: str, model: str, among: Iterable[str] | None = None
    ) -> list[str]:
        """The ids of articles with no annotation by this engine version and model, oldest
        first; ``among`` limits the question to those ids (its cost is then theirs alone)."""
        sql = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM annotations n"
            " WHERE n.article = a.n AND n.engine_version = ? AND n.model = ?)"
        )
        if among is None:
            rows = self._query(sql + " ORDER BY a.n", (engine_version, model))
            return [str(r["id"]) for r in rows]
        found: list[tuple[int, str]] = []
        for chunk in _chunks(list(dict.fromkeys(among)), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                sql.replace("SELECT a.id", "SELECT a.n, a.id") + f" AND a.id IN ({marks})",
                (engine_version, model, *chunk),
            )
            found += [(int(r["n"]), str(r["id"])) for r in rows]
        return [article_id for _, article_id in sorted(found)]
