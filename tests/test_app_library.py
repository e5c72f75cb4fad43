"""The library screen as a daily driver, by Pilot: paging a large library, read state,
deleting, noticing other processes, annotating in the background, exporting.

Libraries are built with ``Library.add_articles`` (unannotated) and stored annotations;
the engine is a stand-in (see ``app_helpers``), so nothing here loads spaCy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from app_helpers import help_text, row_cells, shown_rows, stand_in_engine, wait_until
from textual.widgets import Input, Static

from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.library import DB_ENV, Library
from tui.model import Annotation, Article, Quote, Span, Speaker
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import ModelNotAvailable, resolve_model_name
from tui.screens.dialogs import AskScreen, ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.virtual_table import PAGE_SIZE

SIZE = (100, 30)
FIRST_DAY = dt.date(2020, 1, 1)
NO_MODEL = ModelNotAvailable("no spaCy pipeline in tests")


def numbered(number: int) -> Article:
    """Article ``number``: a distinct text, title and date (a higher number is newer)."""
    text = f"Story {number} of the test library. The council met and talked.\n"
    day = FIRST_DAY + dt.timedelta(days=number)
    return Article.from_text(text, title=f"Story {number:04d}", date=day.isoformat())


@pytest.fixture
def library_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: AnnotationCache
) -> Any:
    """``library_of(n)``: a library of ``n`` unannotated articles (and $BYLINE_DB for it)."""
    path = tmp_path / "library.sqlite3"
    monkeypatch.setenv(DB_ENV, str(path))

    def build(count: int) -> Path:
        with Library(path) as library:
            library.add_articles(numbered(n) for n in range(count))
        return path

    return build


class RecordingApp(BylineApp):
    """The app on a library, remembering every notification's text."""

    def __init__(self, db: Path, articles: list[Article] | None = None) -> None:
        super().__init__(articles or [], db=db, open_single=articles is not None)
        self.animation_level = "none"
        self.notes: list[str] = []

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.notes.append(str(message))
        super().notify(message, **options)


def title_of(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-title", Static).render())


async def library_screen(pilot: Any) -> LibraryScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen))
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


@asynccontextmanager
async def library_app(
    path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[RecordingApp, Any, LibraryScreen]]:
    """The app on the library at ``path`` (no engine: annotating says the model is
    missing), once its library screen shows: (app, pilot, screen)."""
    stand_in_engine(monkeypatch, error=NO_MODEL)
    app = RecordingApp(path)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await library_screen(pilot)


async def test_a_large_library_is_paged_not_loaded(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library_of(2000)
    stand_in_engine(monkeypatch, error=NO_MODEL)
    asked: list[int | None] = []
    listing = Library.articles

    def articles(self: Library, **options: Any) -> Any:
        asked.append(options.get("limit"))
        return listing(self, **options)

    monkeypatch.setattr(Library, "articles", articles)
    app = RecordingApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library_screen(pilot)
        table = screen.table
        assert title_of(screen).startswith("Library — 2,000 articles · 2,000 unread")
        assert table.row_count == 2000
        rows = shown_rows(table)
        assert rows[0].startswith("● Story 1999") and "22 Jun 2025" in rows[0]  # newest first
        assert rows[1].startswith("● Story 1998")
        assert table.fetched == PAGE_SIZE  # one page for one screen

        await pilot.press("G")  # the far end: one more page
        assert table.cursor_row == 1999
        assert shown_rows(table)[-1].startswith("● Story 0000")
        await pilot.press("pageup", "pageup", "g", "j", "j")
        assert table.cursor_row == 2 and table.highlighted.title == "Story 1997"
        assert table.fetched <= 4 * PAGE_SIZE

        await pilot.press("slash", *"Story 19")  # filtered in the library, not in memory
        await wait_until(pilot, lambda: table.row_count == 100)
        # the matches, then the view keys: the line keeps them at 80 columns
        assert "100 of 2,000 match 'Story 19' · P people" in title_of(screen)
        assert title_of(screen).endswith("W feeds")
        assert shown_rows(table)[0].startswith("● Story 1999")
        await pilot.press("escape")
        await wait_until(pilot, lambda: table.row_count == 2000)

        # the missing model is said once, and nothing is annotated
        await wait_until(pilot, lambda: any(n.startswith("Annotating: ") for n in app.notes))
        assert len([n for n in app.notes if "no spaCy pipeline" in n]) == 1
    assert asked and all(limit is not None and limit <= PAGE_SIZE for limit in asked)


async def test_read_state_keys(library_of: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = library_of(150)
    with Library(path) as library:  # rows 1 and 2 (Story 0148, 0147) read already
        library.mark_read([numbered(148).id, numbered(147).id])
    async with library_app(path, monkeypatch) as (app, pilot, screen):
        table = screen.table
        assert "148 unread" in title_of(screen)
        assert [row_cells(table, i)[0] for i in range(4)] == ["●", "", "", "●"]

        await pilot.press("N")  # toggles the row under the cursor
        assert row_cells(table, 0)[0] == "" and "147 unread" in title_of(screen)
        await pilot.press("N")
        assert row_cells(table, 0)[0] == "●" and "148 unread" in title_of(screen)

        await pilot.press("n")  # the next unread skips the read ones
        assert table.cursor_row == 3
        await pilot.press("G", "N", "k", "n")  # the last is read now: wrap round to the top
        assert table.cursor_row == 0

        await pilot.press("A")  # more than one: asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.screen is screen and "147 unread" in title_of(screen)
        await pilot.press("A", "y")
        assert "· 0 unread" in title_of(screen)
        assert all(row_cells(table, i)[0] == "" for i in range(10))
        assert "Marked 147 articles read" in app.notes
        await pilot.press("n")
        assert app.notes[-1] == "No unread articles"

        await pilot.press("j", "N", "k", "ctrl+a")  # one unread: no question
        assert app.screen is screen and "· 0 unread" in title_of(screen)
    with Library(path) as library:
        assert library.count(unread_only=True) == 0


async def test_enter_reads_and_marks_read(library_of: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = library_of(5)
    async with library_app(path, monkeypatch) as (app, pilot, screen):
        table = screen.table
        await pilot.press("j", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Story 0003"  # type: ignore[attr-defined]
        with Library(path) as library:  # at once, before the reader is left
            assert library.rows([numbered(3).id])[numbered(3).id].read
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert table.cursor_row == 1 and row_cells(table, 1)[0] == ""
        assert "4 unread" in title_of(screen)

        await pilot.click("#library-table", offset=(3, 4))  # a click moves the cursor
        assert table.cursor_row == 3
        await pilot.click("#library-table", offset=(3, 4))  # and on the cursor row reads
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Story 0001"  # type: ignore[attr-defined]


async def test_delete_asks_and_removes(library_of: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = library_of(5)
    stand_in_engine(monkeypatch, error=NO_MODEL)
    doomed = numbered(3)
    app = RecordingApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library_screen(pilot)
        table = screen.table
        await pilot.press("j", "D")
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert str(dialog.query_one("#dialog-detail", Static).render()) == "Story 0003"
        await pilot.press("n")  # no: kept
        assert app.screen is screen and table.row_count == 5
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no again
        assert table.row_count == 5
        await pilot.press("delete", "enter")
        assert app.screen is screen
        assert table.row_count == 4 and "4 articles" in title_of(screen)
        assert table.cursor_row == 1 and table.highlighted.title == "Story 0002"
        assert "Deleted Story 0003" in app.notes
    with Library(path) as library:
        assert library.article(doomed.id) is None
        assert library.count() == 4


async def test_another_process_adding_and_removing_shows(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library_of(100)
    async with library_app(path, monkeypatch) as (_app, pilot, screen):
        table = screen.table
        await pilot.press("j", "j", "j")
        kept = table.highlighted.id
        with Library(path) as other:  # byline add in another terminal
            other.add_articles([numbered(500), numbered(501)])
        await wait_until(pilot, lambda: table.row_count == 102, timeout=2.5)
        assert shown_rows(table)[0].startswith("● Story 0501")
        assert "102 articles" in title_of(screen)
        assert table.highlighted.id == kept and table.cursor_row == 5  # the same article

        with Library(path) as other:
            other.delete_articles([numbered(501).id])
        await wait_until(pilot, lambda: table.row_count == 101, timeout=2.5)
        assert table.highlighted.id == kept and table.cursor_row == 4


def said(article: Article, speaker: str, words: str) -> Annotation:
    """A hand-made annotation: ``speaker`` said ``words`` (which the text holds)."""
    start = article.text.index(words)
    end = start + len(words)
    person = Speaker(
        "s1", speaker, "person", mentions=(Span(0, len(speaker), speaker),), quote_ids=("q1",)
    )
    quote = Quote("q1", start, end, words, "direct", speaker_id="s1")
    return Annotation(article=article, speakers=(person,), quotes=(quote,))


async def test_background_annotation_fills_rows_and_stores_them(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_cache: AnnotationCache,
    seed_article: Article,
) -> None:
    text = "Jane Doe said: “The bridge reopens in spring.”\n"
    mayor = Article.from_text(text, title="Bridge", date="2025-07-01")
    unknown = Article.from_text("Nothing to see.\n", title="Mystery", date="2025-07-02")
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        library.add_articles([seed_article, mayor, unknown])
    engine = stand_in_engine(monkeypatch, [said(mayor, "Jane Doe", "The bridge reopens")])
    app = RecordingApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await library_screen(pilot)
        table = screen.table

        def counts() -> dict[str, tuple[str, str]]:
            cells = [row_cells(table, i) for i in range(table.row_count)]
            return {c[1]: (c[4], c[5]) for c in cells}

        await wait_until(pilot, lambda: counts()[seed_article.title or ""] == ("17", "4"))
        await wait_until(pilot, lambda: counts()["Bridge"] == ("1", "1"))
        assert counts()["Mystery"] == ("…", "…")  # the engine failed on it: said, skipped
        await wait_until(pilot, lambda: any(n.startswith("Mystery: ") for n in app.notes))
        assert seed_article.id not in engine.seen  # from the annotation cache, not the engine
    model = resolve_model_name(None)
    with Library(path) as library:
        assert library.annotation(seed_article.id, ENGINE_VERSION, model) is not None
        assert library.annotation(mayor.id, ENGINE_VERSION, model) is not None
        assert library.annotation(unknown.id, ENGINE_VERSION, model) is None


async def test_the_reader_stores_its_annotation_in_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: AnnotationCache
) -> None:
    text = "Jane Doe said: “The bridge reopens in spring.”\n"
    mayor = Article.from_text(text, title="Bridge", date="2025-07-01")
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        library.add_articles([mayor])
    stand_in_engine(monkeypatch, [said(mayor, "Jane Doe", "The bridge reopens")])
    app = RecordingApp(path, [mayor])  # one file, which the library holds
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.annotation is not None)
    with Library(path) as library:
        assert library.current_annotation(mayor.id) is not None


async def test_help_lists_the_library_keys(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library_of(3)
    async with library_app(path, monkeypatch, size=(160, 60)) as (app, pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app.screen)
        for ident in (
            "library.toggle_read",
            "library.next_unread",
            "library.mark_all_read",
            "library.delete",
            "library.people",
            "library.feeds",
            "table.down",
            "table.select",
        ):
            assert ident in text
        assert "A / ctrl+a" in text or "A / ^a" in text


async def test_export_asks_where_and_says_where_it_wrote(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_cache: AnnotationCache,
    seed_article: Article,
) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "none.sqlite3"))
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    app = RecordingApp(tmp_path / "none.sqlite3", [seed_article])
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await wait_until(pilot, lambda: reader.annotation is not None)
        commands = {c.title: c for c in app.get_system_commands(reader)}
        commands["Export annotation"].callback()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AskScreen)
        expected = folder.resolve() / f"byline-{seed_article.id}.json"
        box = dialog.query_one(Input)
        assert box.value == str(expected)  # the current folder, shown absolute
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader
        assert app.notes[-1] == f"Wrote {expected}"
        assert Annotation.from_json(expected.read_text(encoding="utf-8")).article == seed_article

        commands["Export annotation"].callback()  # a folder: the file goes in it
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.notes[-1] == f"Wrote {tmp_path.resolve() / expected.name}"


async def test_a_filter_matching_nothing_says_so_not_that_the_library_is_empty(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library_of(5)
    async with library_app(path, monkeypatch) as (_app, pilot, screen):
        table = screen.table
        await pilot.press("slash", *"zzz")
        await wait_until(pilot, lambda: screen.matches == 0 and table.row_count == 0)
        await pilot.pause()
        shown = "\n".join(line.text for line in table.render_lines(table.region.reset_offset))
        assert "No article matches 'zzz' — Esc clears the filter" in shown
        assert "No articles yet" not in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: table.row_count == 5)
        assert table.empty.startswith("No articles yet")


async def test_enter_in_the_filter_opens_the_first_match_and_down_leaves_it(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens.reader import ReaderScreen

    path = library_of(150)
    async with library_app(path, monkeypatch) as (app, pilot, screen):
        table = screen.table
        await pilot.press("slash", *"Story 004")
        await pilot.press("down")  # out of the filter, into the filtered list
        await wait_until(pilot, lambda: table.row_count == 10)
        assert app.focused is table and screen.filter_text == "Story 004"
        await pilot.press("slash", *"Story 0042", "enter")  # the one match, opened at once
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Story 0042"


async def test_a_filter_keeps_the_view_keys_on_an_80_column_title(
    library_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns a filter's words are cut, not the P/F/T/W keys after them."""
    path = library_of(30)
    async with library_app(path, monkeypatch, size=(80, 24)) as (_app, pilot, screen):
        await pilot.press("slash", *"Story 1 and a great many more words than fit")
        await wait_until(pilot, lambda: "match" in title_of(screen))
        title = title_of(screen)
        assert len(title) <= 80 and title.endswith("W feeds"), title
