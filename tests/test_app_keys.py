"""Keys a terminal reader expects: J/K for the next and previous article, h to go back,
Space to page."""

from __future__ import annotations

from pathlib import Path


async def test_j_and_k_read_the_next_and_previous_article_and_h_goes_back(
    library: tuple[Path, list[object]],
) -> None:
    """From the reader: J opens the next article of the library's list, K the previous,
    h (or Backspace) returns to the list, on the row last read."""
    from test_app_views import make_app, wait_until

    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    app = make_app(library[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        listing = app.screen
        await pilot.pause(0.2)
        first = listing.table.row(0).id
        second = listing.table.row(1).id
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.id == first
        await pilot.press("J")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.article.id == second
        )
        await pilot.press("K")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.article.id == first
        )
        reader = app.screen
        await pilot.press("K")  # the first: nowhere to go, the reader stays and says so
        await pilot.pause()
        assert app.screen is reader and listing.table.cursor_row == 0
        assert "No previous article" in [str(n.message) for n in app._notifications]
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is listing


async def test_space_pages_the_article_down(seed_article: object, seeded_cache: object) -> None:
    from test_app import RecordingApp, loaded_reader

    from tui.widgets.article_view import ArticleView

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        view.focus()
        await pilot.press("space")
        await pilot.pause()
        page = view.scrollable_content_region.height
        assert view.scroll_offset.y >= page - 2
        await pilot.press("shift+space")
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_one_toast_at_a_time(seed_article: object, seeded_cache: object) -> None:
    """A new notification replaces the last instead of stacking over the article."""
    from test_app import RecordingApp, loaded_reader

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded_reader(pilot)
        app.notify("first")
        app.notify("second")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["second"]
        assert app.NOTIFICATION_TIMEOUT <= 3


async def test_help_pages_with_the_reader_keys(seed_article: object, seeded_cache: object) -> None:
    """? opens a long list: Space (or Ctrl+D, PageDown) pages it, G goes to the legend."""
    from test_app import RecordingApp, loaded_reader
    from textual.containers import VerticalScroll

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded_reader(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("space")
        await pilot.pause()
        assert body.scroll_y > 5
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0


async def test_the_sentence_cursor_moves_from_a_pane_too(
    seed_article: object, seeded_cache: object
) -> None:
    """`]` after picking a pane (1) still walks the article's sentences: no key a reader
    sees in the help goes dead because another part of the screen has the focus."""
    from test_app import RecordingApp, loaded_reader

    from tui.widgets.article_view import ArticleView
    from tui.widgets.panes import Pane

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.focused, Pane)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert view.cursor == 1
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.cursor == 0
        assert isinstance(app.focused, Pane)  # the pane keeps the focus


async def test_clearing_the_selection_brings_back_the_summary(
    seed_article: object, seeded_cache: object
) -> None:
    """Esc after picking a speaker: the status line says again what the article holds,
    and an event is described in words, without its TIMEX3 value."""
    from test_app import RecordingApp, loaded_reader, status

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        summary = status(screen)
        assert summary.startswith("4 speakers")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert status(screen) != summary
        await pilot.press("escape")
        await pilot.pause()
        assert status(screen) == summary
        await pilot.press("3", "enter")
        await pilot.pause()
        described = status(screen)
        assert described and "(20" not in described and "TNI" not in described, described


async def test_escape_in_a_lone_article_says_how_to_quit(
    seed_article: object, seeded_cache: object
) -> None:
    """`byline FILE` opens one article with no list behind it: Esc says so, and q quits."""
    from test_app import RecordingApp, loaded_reader

    app = RecordingApp([seed_article])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded_reader(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert any("q quits" in message for message, _ in app.notes), app.notes
