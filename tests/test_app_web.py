"""The app served to a browser (``byline serve``): what the terminal does by other means goes
to the visitor's browser through Textual's web APIs, never to the server's files or its
desktop. ``is_web`` is what Textual's web driver reports; here it is set, and the web calls
are recorded rather than sent.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from app_helpers import wait_until

from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.highlight import Selection
from tui.library import DB_ENV
from tui.model import Annotation, Article
from tui.screens.reader import ReaderScreen

SIZE = (100, 30)


class ServedApp(BylineApp):
    """The app as textual-serve runs it: in a browser, delivering to the visitor."""

    def __init__(self, articles: list[Article]) -> None:
        super().__init__(articles)
        self.animation_level = "none"
        self.notes: list[str] = []
        self.delivered: list[tuple[str, dict[str, Any]]] = []
        self.opened: list[str] = []

    @property
    def is_web(self) -> bool:
        return True

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.notes.append(str(message))
        super().notify(message, **options)

    def deliver_text(self, path_or_file: Any, **options: Any) -> str | None:  # type: ignore[override]
        assert isinstance(path_or_file, io.StringIO)
        self.delivered.append((path_or_file.getvalue(), options))
        return "key"

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


async def test_export_is_a_download_in_the_visitors_browser(
    tmp_path: Path, monkeypatch: Any, seeded_cache: AnnotationCache, seed_article: Article
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "none.sqlite3"))
    monkeypatch.chdir(tmp_path)
    app = ServedApp([seed_article])
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.annotation is not None)
        commands = {c.title: c for c in app.get_system_commands(reader)}
        assert commands["Export annotation"].help == "Download it as JSON"
        commands["Export annotation"].callback()
        await pilot.pause()
        assert app.screen is reader  # no question about a folder on the server
        ((text, options),) = app.delivered
        name = f"byline-{seed_article.id}.json"
        assert options["save_filename"] == name
        assert options["open_method"] == "download"
        assert Annotation.from_json(text).article == seed_article
        assert json.loads(text)["article"]["id"] == seed_article.id
        assert app.notes[-1] == f"Sent {name} to your browser as a download"
    assert list(tmp_path.glob("*.json")) == []  # nothing written on the server


async def test_copy_quote_and_open_url_reach_the_visitors_browser(
    tmp_path: Path, monkeypatch: Any, seeded_cache: AnnotationCache, seed_article: Article
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "none.sqlite3"))
    article = replace(seed_article, url="https://example.org/news/summit")
    app = ServedApp([article])
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.annotation is not None)
        annotation = reader.annotation
        assert annotation is not None
        quote = next(q for q in annotation.quotes if q.kind == "direct")
        reader.selection = Selection("quote", quote.id)
        await pilot.pause()
        await pilot.press("y")
        ((text, options),) = app.delivered
        assert options["open_method"] == "browser"
        assert options["save_filename"] == f"quote-{article.id}.txt"
        assert text == app.clipboard  # the same citation, in a tab and in the clipboard
        assert text.startswith("“") or text.startswith('"')
        assert app.notes[-1] == "Quotation copied, and opened as text in a new tab"

        await pilot.press("o")
        assert app.opened == ["https://example.org/news/summit"]
        assert app.notes[-1] == "Opened in a new tab: https://example.org/news/summit"


async def test_an_address_that_is_not_the_web_is_not_opened(
    tmp_path: Path, monkeypatch: Any, seeded_cache: AnnotationCache, seed_article: Article
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "none.sqlite3"))
    app = ServedApp([replace(seed_article, url="file:///etc/passwd")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == []
        assert app.clipboard == "file:///etc/passwd"
