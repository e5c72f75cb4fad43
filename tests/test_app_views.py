"""The app's cross-article views (people, search, stories) on a small library, by Pilot.

The library holds three articles with stored annotations (the seed, a copy of the seed
with a line more, and a hand-made one), so nothing here loads spaCy. The app starts on the
library, as ``byline`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import stand_in_engine
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.highlight import Selection
from tui.library import DB_ENV, Library
from tui.model import Annotation, Article
from tui.screens.feeds import NO_FEEDS, FeedsScreen
from tui.screens.library import LibraryScreen
from tui.screens.people import NO_ARTICLES, NO_LIBRARY, PeopleScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen, snippet_text
from tui.screens.stories import StoriesScreen
from tui.widgets.article_view import ArticleView

SIZE = (120, 40)


def make_app(path: Path) -> BylineApp:
    app = BylineApp([], db=path, open_single=False)
    app.animation_level = "none"
    return app


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the app")


def message(screen: Any) -> str:
    return str(screen.query_one(".view-message", Static).render())


def cells(table: DataTable[Any], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_people_quotes_and_the_reader_on_the_quote(
    library: tuple[Path, list[Annotation]],
) -> None:
    path, annotations = library
    seed, follow_up, _ = annotations
    trump = list(seed.quotes_of("s1"))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        table = screen.table
        await wait_until(pilot, lambda: table.row_count > 0)
        people = [table.row(i) for i in range(table.row_count)]
        assert people[0].name == "Donald Trump"  # most quoted first
        assert (people[0].quotes, people[0].articles) == (2 * len(trump), 2)
        doe = next(p for p in people if p.name == "Jane Doe")
        assert (doe.quotes, doe.articles) == (1, 1)
        assert "Donald Trump" in table.render_line(1).text
        assert f"{table.row_count} people, by quotes" in str(
            screen.query_one("#people-title", Static).render()
        )

        await pilot.press("s")  # by articles, then by name
        await pilot.press("s")
        names = sorted((p.name for p in people), key=str.lower)
        assert table.row(0).name == names[0]
        await pilot.press("s")  # back to quotes
        assert table.row(0).name == "Donald Trump"

        await pilot.press("enter")
        quotes = screen.query_one("#people-quotes", DataTable)
        await wait_until(pilot, lambda: quotes.row_count == 2 * len(trump))
        assert quotes.has_focus
        assert cells(quotes, 0)[0] == "26 Jun 2025"  # the newer article first
        assert cells(quotes, len(trump))[0] == "25 Jun 2025"

        await pilot.press("j", "enter")  # Trump's second quote, in the follow-up
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article.id == follow_up.article.id
        await wait_until(pilot, lambda: reader.selection.kind is not None)
        assert reader.selection == Selection("quote", trump[1].id)

        await pilot.press("escape", "escape")  # clear the selection, leave the reader
        assert app.screen is screen
        await pilot.press("escape")  # the quotes list closes, then the view
        assert not quotes.display
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_a_quote_opened_from_people_is_on_screen_at_80_columns(
    library: tuple[Path, list[Annotation]],
) -> None:
    """The reader opens on the quote scrolled into view, even though it is laid out (and
    learns its width) after the quote was chosen."""
    path, annotations = library
    seed = annotations[0]
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("P")
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        await wait_until(pilot, lambda: screen.table.row_count > 0)
        await pilot.press("enter")  # Donald Trump's quotes, newest first
        quotes = screen.query_one("#people-quotes", DataTable)
        await wait_until(pilot, lambda: quotes.row_count > 0)
        # his last quote in the older article: far down it
        await pilot.press(*["down"] * (quotes.row_count - 1), "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        await wait_until(pilot, lambda: reader.selection.kind == "quote")
        await pilot.pause()
        view = reader.query_one(ArticleView)
        quote = next(q for q in seed.quotes if q.id == reader.selection.id)
        line = view.line_of(quote.start)
        top = round(view.scroll_offset.y)
        assert line > view.size.height  # it would be off screen at the top
        assert top <= line < top + view.size.height, (line, top, view.size.height)


async def test_search_highlights_the_match_and_opens_the_article(
    library: tuple[Path, list[Annotation]],
) -> None:
    path, annotations = library
    mayor = annotations[2].article
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"bridge")
        results = screen.query_one("#search-results", OptionList)
        await wait_until(pilot, lambda: results.option_count == 1)
        prompt = results.get_option_at_index(0).prompt.text  # the styled lines
        assert "Bridge to reopen" in str(prompt)
        assert "1 article" in message(screen)
        matched = [str(prompt)[s.start : s.end] for s in prompt.spans if "reverse" in str(s.style)]
        assert [m.lower() for m in matched] == ["bridge"]

        await pilot.press("enter", "enter")  # to the results, then open the first
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.id == mayor.id

        await pilot.press("escape")  # leave the reader: the results again
        await pilot.press("k", "j")  # j/k move in the results
        await pilot.press("slash")  # and / (or Ctrl+F) goes back to the query
        query = screen.query_one("#search-query", Input)
        assert query.has_focus
        query.value = "speaker:doe"
        await wait_until(pilot, lambda: bool(screen.hits) and screen.hits[0].speaker == "Jane Doe")
        query.value = "zzzqqq"
        await wait_until(pilot, lambda: "Nothing found" in message(screen))
        await pilot.press("escape")  # one Esc leaves Search, from the query too
        assert isinstance(app.screen, LibraryScreen)


def test_snippet_marks_become_styles_not_markup() -> None:
    text = snippet_text("a [b] \ue000match\ue001 and \x1b[31m")
    assert text.plain.startswith("a [b] match and ")
    assert "\x1b" not in text.plain
    assert [text.plain[s.start : s.end] for s in text.spans] == ["match"]


async def open_stories(pilot: Pilot[Any]) -> StoriesScreen:
    """From the library screen, T: the Stories view, once it has loaded."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
    await pilot.press("T")
    screen = app.screen
    assert isinstance(screen, StoriesScreen)
    await wait_until(pilot, lambda: "Loading" not in message(screen))
    return screen


async def test_stories_list_linked_events_and_open_the_first_article(
    library: tuple[Path, list[Annotation]],
) -> None:
    path, annotations = library
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        listing = screen.query_one("#stories-list", OptionList)
        if not screen.stories:  # the engine linked nothing: the screen says so
            assert "No stories yet" in message(screen)
            return
        assert listing.option_count == len(screen.stories)
        first = str(listing.get_option_at_index(0).prompt)
        assert "25 Jun 2025" in first and "26 Jun 2025" in first
        assert "Follow-up: air defense for Ukraine" in first
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert reader.article.id == annotations[0].article.id  # the older one first
        # open on the story's event: selected, its sentence scrolled into view
        await wait_until(pilot, lambda: reader.selection.kind == "event")
        event = next(e for e in annotations[0].events if e.id == reader.selection.id)
        label = screen.stories[0].lemma
        assert label in (event.lemma, event.trigger.text.lower()) or label in {
            m.text.lower() for m in event.mentions
        }, (label, event.lemma)

        # J: the story's next article, opened on the story's event in it; K back; no third
        await pilot.press("J")
        await wait_until(
            pilot, lambda: app.screen is not reader and isinstance(app.screen, ReaderScreen)
        )
        second = app.screen
        assert second.article.id == annotations[1].article.id
        await wait_until(pilot, lambda: second.selection.kind == "event")
        with Library(path) as db:
            assert second.selection.id == db.story_event(
                screen.stories[0].id, annotations[1].article.id
            )
            # J/K walk every article of the story, in the list's order
            walked = db.story_article_ids(screen.stories[0].id)
            assert walked == [a[0] for a in screen.stories[0].articles]
            assert db.story_article_ids(screen.stories[0].id, limit=1) == walked[:1]
        await pilot.press("J")
        await pilot.pause()
        assert app.screen is second  # the story has two articles: nothing after the second
        await pilot.press("K")
        await wait_until(pilot, lambda: app.screen is not second)
        assert app.screen.article.id == annotations[0].article.id


async def test_stories_linked_again_after_an_upgrade_say_so_then_fill_in(
    library: tuple[Path, list[Annotation]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade that changes the link rules empties the stories; the library screen
    links them again in the background while the Stories view says how far it is."""
    from tui.library import stories
    from tui.screens.library import LibraryScreen as Screen

    path, _ = library
    with Library(path) as db:
        before = db.stories(limit=None)
        listed = len(db.story_list())  # stories of the same articles are one entry
    assert before
    monkeypatch.setattr(stories, "rules_stamp", lambda: 777)
    waiting = Screen._relink
    monkeypatch.setattr(Screen, "_relink", lambda self, library: None)  # not yet
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        assert message(screen) == (
            "Linking stories again under this version's rules: 0 of 3 articles; 0 stories so far"
        )
    monkeypatch.setattr(Screen, "_relink", waiting)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await wait_until(pilot, lambda: "told by more than one article" in message(screen))
        await wait_until(pilot, lambda: len(screen.stories) == listed)  # rest after first
    with Library(path) as db:
        assert db.relink_progress() is None and db.stories(limit=None) == before


@pytest.mark.parametrize("key", ["P", "F", "T"])
async def test_without_a_library_the_views_say_so(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded_cache: AnnotationCache,
    seed_article: Article,
    key: str,
) -> None:
    missing = tmp_path / "none" / "library.sqlite3"
    monkeypatch.setenv(DB_ENV, str(missing))
    app = BylineApp([seed_article], open_single=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press(key)
        screen = app.screen
        assert isinstance(screen, PeopleScreen | SearchScreen | StoriesScreen)
        if isinstance(screen, SearchScreen):
            await pilot.press(*"trump")
        await wait_until(pilot, lambda: NO_LIBRARY in message(screen))
    assert not missing.exists()  # looking never creates a library


@pytest.mark.parametrize("key", ["P", "F", "T", "W"])
async def test_an_empty_library_is_not_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: AnnotationCache, key: str
) -> None:
    """Started on an existing library with no articles, the views say how to add some."""
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    monkeypatch.setenv(DB_ENV, str(tmp_path / "elsewhere.sqlite3"))  # the app's db wins
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.screen.table.render_line(1).text.strip() == NO_ARTICLES
        await pilot.press(key)
        screen = app.screen
        if isinstance(screen, SearchScreen):
            await pilot.press(*"trump")
        expected = NO_FEEDS if isinstance(screen, FeedsScreen) else NO_ARTICLES
        await wait_until(pilot, lambda: message(screen) == expected)
        assert NO_LIBRARY not in message(screen)


async def test_views_are_in_the_palette_and_keys_only_on_the_library(
    library: tuple[Path, list[Annotation]],
) -> None:
    path, _ = library
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"People", "Search library", "Stories"} <= set(titles)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("P")  # not a reader key: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_a_quick_enter_waits_for_the_results_of_what_was_typed(
    library: tuple[Path, list[Annotation]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a new query and pressing Enter at once must not open the previous query's
    first result (a new user's trial did, and marked the wrong article read)."""
    import threading

    from tui.library import Library

    path, annotations = library
    mayor = annotations[2].article
    release = threading.Event()
    search = Library.search

    def slow_search(self: Library, query: str, **options: Any) -> Any:
        if "bridge" in query:
            release.wait(5)
        return search(self, query, **options)

    monkeypatch.setattr(Library, "search", slow_search)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("ctrl+f")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        query = screen.query_one("#search-query", Input)
        query.value = "a"
        await wait_until(pilot, lambda: screen.hits_for == "a" and len(screen.hits) > 1)
        assert screen.hits[0].article_id != mayor.id

        query.value = "bridge"
        await pilot.pause()
        await pilot.press("enter", "enter")  # faster than the search
        assert isinstance(app.screen, SearchScreen) and query.has_focus
        release.set()
        results = screen.query_one("#search-results", OptionList)
        await wait_until(pilot, lambda: results.has_focus)
        assert screen.hits_for == "bridge" and results.option_count == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.id == mayor.id


async def test_giving_an_article_a_date_places_it_anew_and_the_library_keeps_it(
    library: tuple[Path, list[Annotation]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """D in the reader asks the publication date; the annotation is made again against
    it (the library drops the one placed against the old date) and the date is stored."""
    from tui.screens.dialogs import AskScreen
    from tui.widgets.article_view import ArticleView

    path, annotations = library
    mayor = annotations[2]
    engine = stand_in_engine(monkeypatch, [mayor])
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        with Library(path) as db:
            stored_article = db.article(mayor.article.id)
        assert stored_article is not None
        reader = ReaderScreen(stored_article, db=path)
        await app.push_screen(reader)
        await wait_until(pilot, lambda: reader.annotation is not None)

        await pilot.press("D")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"2025-13-40", "enter")  # refused, asked again
        assert isinstance(app.screen, AskScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"2025-07-01", "enter")
        await wait_until(pilot, lambda: app.screen is reader)
        await wait_until(pilot, lambda: mayor.article.id in engine.seen)
        await wait_until(
            pilot,
            lambda: (
                reader.annotation is not None and reader.annotation.article.date == "2025-07-01"
            ),
        )
        assert reader.query_one(ArticleView).article.date == "2025-07-01"
    with Library(path) as db:
        stored = db.current_annotation(mayor.article.id)
        assert db.article(mayor.article.id).date == "2025-07-01"
        assert stored is not None and stored.article.date == "2025-07-01"
