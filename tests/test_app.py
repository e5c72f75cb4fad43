"""The Textual app driven from the keyboard with Textual's Pilot.

Every test runs on the stored seed annotation (``seeded_cache``), so no test here loads
spaCy; articles that are not in the cache get a stand-in engine that fails fast (or waits,
to see the screen before the annotation arrives). No test sees the user's library.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from app_helpers import fail_uncached, help_text, row_cells, wait_until
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

import tui.app
import tui.service
from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.highlight import Layers, Selection, paint
from tui.library import DB_ENV
from tui.model import Annotation, Article, Quote, Span, Speaker
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import resolve_model_name
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.sources import load_text_file
from tui.widgets.article_view import ArticleView
from tui.widgets.panes import Pane

NARROW = (80, 24)
WIDE = (160, 45)
LIBRARY_SAMPLES = (
    "004-president-trump-says-he-can-and-may-put-us-into-state-of.txt",
    "035-us-president-trump-announces-troop-withdrawal-from-syria.txt",
)
TRUMP = "s1"
PANE_NAMES = ("speakers", "quotes", "events")


@pytest.fixture(autouse=True)
def _cache(
    seeded_cache: AnnotationCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AnnotationCache:
    """Every test reads the temporary cache, never the user's, and no library."""
    monkeypatch.setenv(DB_ENV, str(tmp_path / "no-library" / "library.sqlite3"))
    return seeded_cache


class RecordingApp(BylineApp):
    """The app, remembering every notification (message, severity) it shows."""

    def __init__(self, articles: list[Article], **options: Any) -> None:
        super().__init__(articles, **options)
        self.animation_level = "none"
        self.notes: list[tuple[str, str]] = []

    def notify(self, message: str, **options: Any) -> None:  # type: ignore[override]
        self.notes.append((str(message), str(options.get("severity", "information"))))
        super().notify(message, **options)


async def loaded_reader(pilot: Pilot[Any]) -> ReaderScreen:
    """The reader on screen, once its annotation has arrived."""
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    await wait_until(pilot, lambda: screen.annotation is not None)
    await pilot.pause()
    return screen


def status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def option_ids(pane: OptionList) -> list[str | None]:
    return [pane.get_option_at_index(i).id for i in range(pane.option_count)]


def prompts(pane: OptionList) -> list[str]:
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


def line_text(view: ArticleView, y: int) -> str:
    """What the article view shows on its row ``y``."""
    return view.render_line(y).text


def shows(view: ArticleView, offset: int) -> bool:
    """Whether the line holding character ``offset`` is within the view."""
    top = view.scroll_offset.y
    return top <= view.line_of(offset) < top + view.scrollable_content_region.height


def quote(annotation: Annotation, quote_id: str | None) -> Quote:
    return next(q for q in annotation.quotes if q.id == quote_id)


# ---------------------------------------------------------------------- the cache


def test_seed_fixture_matches_the_sample(
    seed_article: Article, seed_annotation: Annotation, seeded_cache: AnnotationCache
) -> None:
    assert seed_annotation.article.text == seed_article.text
    seed_annotation.validate()
    found = tui.service.cached(seed_article)
    assert found is not None
    assert found.article == seed_article
    assert found.quotes == seed_annotation.quotes


def test_cache_hit_draws_the_reader_without_spacy(
    seeded_cache: AnnotationCache, repo_root: Path
) -> None:
    """In a fresh interpreter (this one may have loaded spaCy for other tests)."""
    script = textwrap.dedent(
        """
        import asyncio, sys
        from tui.app import BylineApp
        from tui.sources import load_text_file

        async def main() -> None:
            app = BylineApp([load_text_file(sys.argv[1], date="2025-06-25")])
            async with app.run_test(size=(80, 24)) as pilot:
                for _ in range(100):
                    if app.screen.annotation is not None:
                        break
                    await pilot.pause(0.05)
                assert app.screen.annotation is not None, "no annotation"
                assert len(app.screen.annotation.quotes) == 17
            print("spacy" in sys.modules, "tui.nlp.extract" in sys.modules)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(repo_root / "samples" / "seed-trump-zelenskyy-nato.txt"),
        ],
        cwd=repo_root,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "False"]


# ---------------------------------------------------------------------- the reader


async def test_seed_opens_the_reader_with_the_text_before_the_annotation(
    monkeypatch: pytest.MonkeyPatch, seed_article: Article, seed_annotation: Annotation
) -> None:
    release = threading.Event()

    def slow(article: Article, model: str | None = None, cache: Any = None) -> Annotation:
        release.wait(5)
        return seed_annotation

    monkeypatch.setattr(tui.service, "annotate_cached", slow)
    app = RecordingApp([seed_article])
    try:
        async with app.run_test(size=NARROW) as pilot:
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            view = screen.query_one(ArticleView)
            assert screen.annotation is None
            assert view.virtual_size.height > 10
            assert line_text(view, 0).startswith("Trump says U.S. to consider")
            body = "\n".join(line_text(view, y) for y in range(view.size.height))
            assert "Donald Trump said he will look" in body
            assert status(screen).startswith("Annotating")
            await pilot.pause()  # the panes are built once the text's first frame is out
            assert prompts(screen.query_one("#speakers", Pane)) == ["Annotating…"]
            release.set()
            await loaded_reader(pilot)
            assert status(screen).startswith("4 speakers · 17 quotes")
            assert screen.query_one("#speakers", Pane).option_count == 4
    finally:
        release.set()


async def test_narrow_shows_one_pane_and_keys_switch_it(seed_article: Article) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        panes = {
            name: screen.query_one(f"#{name}", Pane) for name in ("speakers", "quotes", "events")
        }

        def shown() -> list[str]:
            return [name for name, pane in panes.items() if pane.display]

        assert shown() == ["speakers"]
        assert screen.query_one("#pane-tabs").display
        await pilot.press("t")
        assert shown() == ["quotes"] and app.focused is panes["quotes"]
        await pilot.press("t")
        assert shown() == ["events"] and app.focused is panes["events"]
        await pilot.press("t")
        assert shown() == ["speakers"] and app.focused is panes["speakers"]
        for key, name in (("3", "events"), ("1", "speakers"), ("2", "quotes")):
            await pilot.press(key)
            assert shown() == [name]
            assert app.focused is panes[name]
            assert screen.active_pane == name


async def test_resizing_to_80x24_turns_panes_into_tabs(seed_article: Article) -> None:
    from tui.widgets.article_view import ArticleView

    app = RecordingApp([seed_article])
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded_reader(pilot)
        assert all(
            screen.query_one(f"#{n}", Pane).display for n in ("speakers", "quotes", "events")
        )
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        shown = [
            n for n in ("speakers", "quotes", "events") if screen.query_one(f"#{n}", Pane).display
        ]
        assert len(shown) == 1
        assert screen.query_one(ArticleView).size.width >= 0.6 * 80 - 2
        await pilot.resize_terminal(*WIDE)
        await pilot.pause(0.1)
        assert all(
            screen.query_one(f"#{n}", Pane).display for n in ("speakers", "quotes", "events")
        )


async def test_wide_shows_all_three_panes(
    seed_article: Article, seed_annotation: Annotation
) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded_reader(pilot)
        for name in ("speakers", "quotes", "events"):
            pane = screen.query_one(f"#{name}", Pane)
            assert pane.display
            assert pane.size.height > 3
        assert not screen.query_one("#pane-tabs").display
        # stacked panes say what they are, how many they list, and which has the keys
        titles = [str(screen.query_one(f"#{n}", Pane).border_title) for n in PANE_NAMES]
        assert titles[0] == "1 Speakers · 4" and titles[1].startswith("2 Quotes · ")
        assert titles[2].startswith("3 Events · ")
        await pilot.press("3")
        assert all(screen.query_one(f"#{n}", Pane).display for n in ("speakers", "quotes"))
        events = screen.query_one("#events", Pane)
        assert events.has_focus and events.styles.border_top[0] == "heavy"
        assert screen.query_one("#speakers", Pane).styles.border_top[0] == "solid"
        # the cursor starts on the article's own news, not on its years-old background
        ids = option_ids(events)
        assert events.highlighted is not None and ids[events.highlighted] is not None
        chosen = next(e for e in seed_annotation.events if e.id == ids[events.highlighted])
        assert not chosen.background
        assert any(
            e.background for e in seed_annotation.events if e.id in ids[: events.highlighted]
        )


async def test_speaker_filters_quotes_and_n_walks_them(
    seed_article: Article, seed_annotation: Annotation
) -> None:
    trump = [q.id for q in seed_annotation.quotes_of(TRUMP)]
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        speakers = screen.query_one("#speakers", Pane)
        await pilot.press("1")
        await pilot.press("j", "j", "k", "k")  # Trump, with the most quotes, comes first
        assert speakers.highlighted is not None
        assert option_ids(speakers)[speakers.highlighted] == TRUMP
        await pilot.press("enter")
        assert (screen.selection.kind, screen.selection.id) == ("speaker", TRUMP)
        assert option_ids(screen.query_one("#quotes", Pane)) == trump
        assert status(screen).startswith("Donald Trump")
        assert f"{len(trump)} quotes" in status(screen)

        await pilot.press("n")
        assert screen.selection.id == trump[0]
        await pilot.press("n")
        assert (screen.selection.kind, screen.selection.id) == ("quote", trump[1])
        assert view.scroll_offset.y > 0
        assert shows(view, quote(seed_annotation, trump[1]).start)
        assert status(screen).startswith(f"quote 2/{len(trump)} · Donald Trump")
        assert option_ids(screen.query_one("#quotes", Pane)) == trump  # still his only
        await pilot.press("N")
        assert screen.selection.id == trump[0]
        assert shows(view, quote(seed_annotation, trump[0]).start)
        await pilot.press("N")
        assert screen.selection.id == trump[-1]  # wraps round


async def test_quotes_pane_follows_the_speaker_until_the_selection_is_cleared(
    seed_article: Article, seed_annotation: Annotation
) -> None:
    everyone = [q.id for q in seed_annotation.quotes]
    zelenskyy = [q.id for q in seed_annotation.quotes_of("s2")]
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        quotes = screen.query_one("#quotes", Pane)
        await pilot.press("1", "enter", "n", "escape")  # walk Trump's quotes, then clear
        assert screen.selection.kind is None
        assert option_ids(quotes) == everyone
        await pilot.press("2", "j", "enter", "n")  # after a walk, n walks everyone's again
        assert screen.selection.id == everyone[2]
        await pilot.press("escape", "1", "j", "enter")  # Zelenskyy
        assert option_ids(quotes) == zelenskyy
        await pilot.press("2", "j", "enter")  # his second quote, picked in the pane
        assert screen.selection.id == zelenskyy[1]
        await pilot.press("n")  # walks his quotes, as the pane shows
        assert screen.selection.id == zelenskyy[2]
        assert quotes.highlighted == 2


async def test_picking_a_quote_or_an_event_scrolls_the_article(
    seed_article: Article, seed_annotation: Annotation
) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        quotes = screen.query_one("#quotes", Pane)
        await pilot.press("2", "G", "enter")
        last = option_ids(quotes)[-1]
        assert (screen.selection.kind, screen.selection.id) == ("quote", last)
        picked = quote(seed_annotation, last)
        assert view.scroll_offset.y > 0
        assert shows(view, picked.start)

        events = screen.query_one("#events", Pane)
        await pilot.press("3", "G", "enter")
        event_id = option_ids(events)[-1]
        assert (screen.selection.kind, screen.selection.id) == ("event", event_id)
        event = next(e for e in seed_annotation.events if e.id == event_id)
        target = event.sentence.start if event.sentence else event.trigger.start
        assert shows(view, target)
        assert event.type in status(screen)

        await pilot.press("escape")  # clears the selection, the reader stays
        assert screen.selection.kind is None
        assert app.screen is screen


async def test_a_toggles_highlights_and_i_shows_aliases(seed_article: Article) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        before = view.shown_layers
        assert before.speakers and before.quotes
        await pilot.press("a")
        assert view.shown_layers == Layers(False, False, False, False)
        assert status(screen) == "highlights: none"
        await pilot.press("a")
        assert view.shown_layers == before

        speakers = screen.query_one("#speakers", Pane)
        assert not any("the US president" in p for p in prompts(speakers))
        await pilot.press("i")
        assert any("aka" in p and "the US president" in p for p in prompts(speakers))
        await pilot.press("i")
        assert not any("aka" in p for p in prompts(speakers))


async def test_b_shows_and_hides_beliefs_and_evidence(
    seed_article: Article, seed_annotation: Annotation, seeded_cache: AnnotationCache
) -> None:
    """What is attributed without being said (a belief here) is listed apart from speech
    by its kind, and b hides it from the quotes pane and the article, and shows it again."""
    text = seed_annotation.article.text
    start = text.index("Zelenskyy")  # any words of the text will do for the belief
    belief = Quote(
        "q-belief", start, start + 9, text[start : start + 9], "belief", speaker_id=TRUMP
    )
    annotation = replace(seed_annotation, quotes=(*seed_annotation.quotes, belief))
    seeded_cache.put(annotation, ENGINE_VERSION, resolve_model_name(None))
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        quotes = screen.query_one("#quotes", Pane)
        speech = len(seed_annotation.quotes)
        assert "q-belief" in option_ids(quotes)
        assert any("· belief" in p for p in prompts(quotes))
        assert f"{speech} quotes · 1 other attribution" in status(screen)
        await pilot.press("b")
        assert "q-belief" not in option_ids(quotes) and len(option_ids(quotes)) == speech
        assert status(screen) == "beliefs, stances, evidence and endorsements (1): hidden"
        assert screen.annotation is not None and all(q.is_speech for q in screen.annotation.quotes)
        await pilot.press("b")
        assert "q-belief" in option_ids(quotes)


async def test_help_lists_keys_from_the_bindings(seed_article: Article) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        reader = await loaded_reader(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app.screen)
        assert "Next quote" in text and "reader.next_quote" in text
        assert "Next sentence" in text  # the focused article view's bindings too
        assert "Remap a key by its id in config.toml [keys]" in text
        # the reader's own keys first, in titled groups; Textual's generic ones (no id) last
        rows = [[c.strip() for c in line.split("│")] for line in text.splitlines()]
        keyed = [row for row in rows if len(row) == 3 and row[1]]
        ids = [row[2] for row in keyed]
        ranks = [0 if i.startswith("reader.") else 2 if not i else 1 for i in ids]
        assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2, ids
        titles = [row[0] for row in rows if len(row) == 3 and row[0] and not row[1]]
        assert titles[0] == "Reader" and titles[-1] == "Textual", titles
        assert "Everywhere" in titles and "Article text" in titles
        # and what the highlights mean, in the reader's styles
        assert "Highlights" in text and "a time expression" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader


async def test_search_finds_and_escape_closes(seed_article: Article) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        search = screen.query_one("#search", Input)
        assert not search.display
        await pilot.press("slash")
        assert search.display and app.focused is search
        await pilot.press(*"Patriot", "enter")
        assert view.search == "Patriot"
        assert status(screen) == "match 1/3: Patriot · Enter: next"
        first = view.cursor
        assert first is not None
        assert "Patriot" in seed_article.text[slice(*view.sentences[first])]
        await pilot.press("enter")  # the next match, further down
        assert status(screen).startswith("match 2/3: Patriot")
        assert view.cursor is not None and view.cursor > first
        start, end = view.sentences[view.cursor]
        assert "Patriot" in seed_article.text[start:end]
        assert view.scroll_offset.y > 0
        assert shows(view, seed_article.text.index("Patriot", start))
        await pilot.press("escape")
        assert not search.display
        assert view.search is None
        assert app.focused is view
        assert "match" not in status(screen)  # the search's status goes with it
        await pilot.press("slash", *"zzqx", "enter")
        assert status(screen) == "not found: zzqx"


async def test_sentence_cursor_says_who_speaks(
    seed_article: Article, seed_annotation: Annotation
) -> None:
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        assert view.cursor is None
        await pilot.press("right_square_bracket")
        assert view.cursor == 0
        seen = set()
        for _ in range(12):
            span = view.cursor_span()
            assert span is not None
            said = next(
                (q for q in seed_annotation.quotes if q.start < span[1] and span[0] < q.end), None
            )
            text = status(screen)
            if said is not None:
                speaker = seed_annotation.speaker(said.speaker_id)
                assert text.startswith(f"says: {speaker.name if speaker else 'unattributed'}")
                seen.add("says")
            if "event: " in text:
                seen.add("event")
            await pilot.press("right_square_bracket")
        assert seen == {"says", "event"}
        assert view.cursor == 12
        await pilot.press("left_square_bracket")
        assert view.cursor == 11
        start, _ = view.sentences[11]
        assert shows(view, start)


async def test_keymap_remaps_next_quote(seed_article: Article) -> None:
    app = RecordingApp([seed_article], keymap={"reader.next_quote": "m"})
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        await pilot.press("n")
        assert screen.selection.kind is None
        await pilot.press("m")
        first = screen.selection.id
        assert screen.selection.kind == "quote"
        await pilot.press("m")
        assert screen.selection.id not in (None, first)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = [line for line in help_text(app.screen).splitlines() if "reader.next_quote" in line]
        assert len(rows) == 1 and rows[0].split()[0] == "m"


# ---------------------------------------------------------------------- the library


async def test_files_are_listed_filtered_sorted_and_read(
    monkeypatch: pytest.MonkeyPatch, seed_article: Article, samples_dir: Path
) -> None:
    """Several files on the command line: the library's paged table, over those files."""
    fail_uncached(monkeypatch)
    others = [load_text_file(samples_dir / name) for name in LIBRARY_SAMPLES]
    app = RecordingApp([*others, seed_article])
    async with app.run_test(size=WIDE) as pilot:
        library = app.screen
        assert isinstance(library, LibraryScreen)
        table = library.table

        def titles() -> list[str]:
            return [row_cells(table, i)[1] for i in range(table.row_count)]

        def counts(article: Article) -> tuple[str, str]:
            index = next(i for i in range(table.row_count) if table.row(i).id == article.id)
            cells = row_cells(table, index)
            return cells[4], cells[5]

        # the uncached two fail (a warning each); the app carries on
        await wait_until(pilot, lambda: len([n for n in app.notes if n[1] == "warning"]) == 2)
        assert all("engine unavailable" in message for message, _ in app.notes)
        await wait_until(pilot, lambda: counts(seed_article) == ("17", "4"))
        assert counts(others[0]) == ("…", "…")
        assert sorted(titles()) == sorted(a.title or "" for a in [*others, seed_article])
        assert titles()[0] == seed_article.title  # newest first
        assert not library.annotating  # the status line is gone once it is done

        for sort in ("quotes", "speakers", "title", "date"):  # s cycles the sort
            await pilot.press("s")
            assert library.sort == sort
            assert app.notes[-1] == (f"sorted by {sort}", "information")
            if sort == "title":
                assert titles() == sorted(titles(), key=str.lower)
            elif sort in ("quotes", "speakers"):
                assert titles()[0] == seed_article.title  # the only one with counts
        assert titles()[0] == seed_article.title

        await pilot.press("slash", *"syri")  # filters as you type
        await wait_until(pilot, lambda: table.row_count == 1)
        assert titles() == [others[1].title]
        assert "1 of 3 match 'syri'" in str(library.query_one("#library-title").render())
        await pilot.press("a")
        await pilot.pause(0.3)
        assert table.row_count == 1  # "syria" matches the same one
        await pilot.press("escape")
        assert table.row_count == 3 and app.focused is table
        assert str(library.query_one("#library-title").render()).startswith(
            "Library — 3 articles · 3 unread"
        )

        await pilot.press("g", "enter")
        reader = await loaded_reader(pilot)
        assert reader.article == seed_article
        assert len(reader.annotation.quotes) == 17  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library
        assert row_cells(table, 0)[0] == ""  # read now
        assert row_cells(table, 1)[0] == "●"
        assert "2 unread" in str(library.query_one("#library-title").render())


# ---------------------------------------------------------------------- hostile input

HOSTILE_TITLE = "[bold]x[/bold] \x1b[31mred"
HOSTILE_BODY = (
    "Alice Smith said: “Click [link=http://x]y[/link] now.” The screen \x1b[2J stays.\n"
    "\n"
    "A second paragraph mentions [red]nothing[/red] at all.\n"
)


def hostile_annotation() -> Annotation:
    article = Article.from_text(HOSTILE_BODY, title=HOSTILE_TITLE, date="2025-01-01")
    text = article.text
    start = text.index("“")
    end = text.index("”") + 1
    speaker = Speaker(
        "s1",
        "[red]Alice[/red] \x1b[5mSmith",
        "person",
        aliases=("[b]A[/b]",),
        mentions=(Span.of(text, 0, 11),),
        quote_ids=("q1",),
    )
    said = Quote("q1", start, end, text[start:end], "direct", speaker_id="s1")
    return Annotation(article=article, speakers=(speaker,), quotes=(said,))


async def test_hostile_text_is_shown_literally(
    seeded_cache: AnnotationCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_uncached(monkeypatch)
    annotation = hostile_annotation()
    seeded_cache.put(annotation, ENGINE_VERSION, resolve_model_name(None))
    uncached = Article.from_text("Nothing here.\n", title="\x1b[2J[b]gone[/b]")
    app = RecordingApp([annotation.article, uncached])
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.table
        await wait_until(pilot, lambda: row_cells(table, 0)[4] == "1")
        title = row_cells(table, 0)[1]
        assert title == "[bold]x[/bold] \ufffd[31mred"
        assert row_cells(table, 1)[1] == "\ufffd[2J[b]gone[/b]"
        assert "[bold]x[/bold] \ufffd[31mred" in table.render_line(1).text
        await wait_until(pilot, lambda: bool(app.notes))
        assert app.notes[0][0].startswith("\ufffd[2J[b]gone[/b]: ")  # no raw ESC in a toast
        await pilot.press("enter")
        screen = await loaded_reader(pilot)
        view = screen.query_one(ArticleView)
        assert line_text(view, 0).startswith("[bold]x[/bold] \ufffd[31mred")
        body = "\n".join(line_text(view, y) for y in range(view.size.height))
        assert "[link=http://x]y[/link]" in body
        assert "\x1b" not in body and "\ufffd[2J" in body
        assert "[red]nothing[/red]" in body
        speakers = screen.query_one("#speakers", Pane)
        await pilot.press("1", "i")
        assert "[red]Alice[/red] \ufffd[5mSmith" in prompts(speakers)[0]
        assert "[b]A[/b]" in prompts(speakers)[0]
        quotes = prompts(screen.query_one("#quotes", Pane))
        assert "[link=http://x]y[/link]" in quotes[0]
        await pilot.press("enter")  # the alias toggle kept the pane's cursor
        assert screen.selection.id == "s1"
        assert status(screen).startswith("[red]Alice[/red] \ufffd[5mSmith: 1 quote ")
        assert not [note for note in app.notes if note[1] == "error"]


async def test_annotation_failure_is_a_notification(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(article: Article, model: str | None = None, cache: Any = None) -> Annotation:
        raise ValueError("unreadable annotation \x1b[31m[bold]boom[/bold]")

    monkeypatch.setattr(tui.service, "annotate_cached", broken)
    article = Article.from_text("Nobody said anything.\n", title="Quiet")
    app = RecordingApp([article])
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_until(pilot, lambda: bool(app.notes))
        message, severity = app.notes[0]
        assert severity == "error"
        assert "unreadable annotation" in message and "\x1b" not in message
        assert status(screen).startswith("Could not annotate this article")
        assert prompts(screen.query_one("#speakers", Pane)) == ["Not annotated"]
        await pilot.press("n", "a", "right_square_bracket", "2", "t", "y")  # all still work
        assert screen.annotation is None
        assert screen.query_one(ArticleView).cursor == 0
        assert app.is_running and app.screen is screen


async def test_no_color_still_tells_the_layers_apart(
    monkeypatch: pytest.MonkeyPatch, seed_article: Article, seed_annotation: Annotation
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        palette = screen.palette
        assert palette.no_color and screen.query_one(ArticleView).palette is palette
        assert app.no_color

    def styles(layers: Layers) -> set[str]:
        painted = paint(seed_annotation, palette, layers, Selection())
        assert painted
        for span in painted:
            assert span.style.color is None and span.style.bgcolor is None
            assert (
                span.style.bold or span.style.italic or span.style.underline or span.style.reverse
            )
        return {str(span.style) for span in painted}

    speakers = styles(Layers(True, False, False, False))
    quotes = styles(Layers(False, True, False, False))
    events = styles(Layers(False, False, True, False))
    assert speakers.isdisjoint(quotes) and speakers.isdisjoint(events)
    assert quotes.isdisjoint(events)  # a cue (underlined) is neither a date nor an event
    # a quote and an event word look different
    quote_spans = {(q.start, q.end) for q in seed_annotation.quotes}
    trigger_spans = {(e.trigger.start, e.trigger.end) for e in seed_annotation.events}
    quote_body = {
        str(s.style)
        for s in paint(seed_annotation, palette, Layers(False, True, False, False), Selection())
        if (s.start, s.end) in quote_spans
    }
    trigger = {
        str(s.style)
        for s in paint(seed_annotation, palette, Layers(False, False, True, False), Selection())
        if (s.start, s.end) in trigger_spans
    }
    assert quote_body and trigger and quote_body.isdisjoint(trigger)
    # the case: a selected speaker's quotes and an event word must not look alike,
    # nor an event and a date; compared as drawn, every layer combined on each character
    chosen = paint(seed_annotation, palette, Layers(), Selection("speaker", TRUMP))

    def drawn(position: int) -> tuple[bool, bool, bool]:
        covering = [p.style for p in chosen if p.start <= position < p.end]
        style = Style.combine(covering) if covering else Style()
        return bool(style.bold), bool(style.italic), bool(style.underline)

    def looks(spans: set[tuple[int, int]], others: set[tuple[int, int]]) -> set[tuple[bool, ...]]:
        """How the characters of ``spans`` outside ``others`` are drawn."""
        inside = {i for a, b in others for i in range(a, b)}
        return {drawn(i) for a, b in spans for i in range(a, b) if i not in inside}

    timex = {(t.start, t.end) for t in seed_annotation.timexes}
    names = {(m.start, m.end) for sp in seed_annotation.speakers for m in sp.mentions}
    cues = {(q.cue.start, q.cue.end) for q in seed_annotation.quotes if q.cue}
    trump_quotes = {(q.start, q.end) for q in seed_annotation.quotes_of(TRUMP)}
    selected_quote = looks(trump_quotes, trigger_spans | timex | names | cues)
    shown_events = {
        (e.trigger.start, e.trigger.end) for e in seed_annotation.events if e.salience >= 0.45
    }
    event_word = looks(shown_events, quote_spans | timex | names | cues)
    dates = looks(timex, quote_spans | trigger_spans | names)
    assert selected_quote and event_word and dates
    assert selected_quote.isdisjoint(event_word) and event_word.isdisjoint(dates)


async def test_the_events_pane_says_why_events_are_undated(seed_annotation: Annotation) -> None:
    from dataclasses import replace

    from textual.app import App, ComposeResult

    from tui.highlight import Palette
    from tui.widgets.panes import EventsPane

    class PaneApp(App[None]):
        def compose(self) -> ComposeResult:
            yield EventsPane(id="events")

    undated = replace(seed_annotation, article=replace(seed_annotation.article, date=None))
    async with PaneApp().run_test(size=(80, 40)) as pilot:
        pane = pilot.app.query_one(EventsPane)
        for annotation, reason in (
            (seed_annotation, "no time of their own"),
            (undated, "the article has no date"),
        ):
            pane.show_annotation(annotation, Palette())
            await pilot.pause()
            texts = prompts(pane)
            headings = [i for i, t in enumerate(texts) if t.startswith("Undated (")]
            assert len(headings) == 1 and reason in texts[headings[0]]
            heading = pane.get_option_at_index(headings[0])
            assert heading.disabled and heading.id is None
            below = option_ids(pane)[headings[0] + 1 :]
            assert below and all(below)  # the undated events follow, each selectable


async def test_the_events_pane_marks_days_assumed_from_the_publication(
    seed_annotation: Annotation,
) -> None:
    """An event the text gives no time for is placed on the day the article appeared, and the
    pane says so; a day the text gives is bold and unmarked."""
    from textual.app import App, ComposeResult

    from tui.highlight import Palette
    from tui.timeline import timeline
    from tui.widgets.panes import EVENT_MIN_SALIENCE, EventsPane

    class PaneApp(App[None]):
        def compose(self) -> ComposeResult:
            yield EventsPane(id="events")

    entries = timeline(seed_annotation, min_salience=EVENT_MIN_SALIENCE).dated
    assumed = [e.event.id for e in entries if e.anchor == "publication"]
    given = [e.event.id for e in entries if e.anchor == "explicit"]
    assert assumed and given
    async with PaneApp().run_test(size=(80, 40)) as pilot:
        pane = pilot.app.query_one(EventsPane)
        pane.show_annotation(seed_annotation, Palette())
        await pilot.pause()
        prompts = {
            pane.get_option_at_index(i).id: str(pane.get_option_at_index(i).prompt)
            for i in range(pane.option_count)
        }
    assert all(prompts[i].split("\n")[0].endswith("(published)") for i in assumed)
    assert not any("(published)" in prompts[i] for i in given)


def test_the_status_line_counts_as_a_sentence_would() -> None:
    from tui.humantime import plural

    assert plural(1, "speaker") == "1 speaker"
    assert plural(0, "quote") == "0 quotes"
    assert plural(3, "other attribution") == "3 other attributions"


async def test_an_event_s_status_line_names_its_type_once(
    seeded_cache: Any, seed_article: Article
) -> None:
    """ "meeting · meeting · …" said nothing twice: the type shows where the word does not."""
    app = RecordingApp([seed_article])
    async with app.run_test(size=NARROW) as pilot:
        screen = await loaded_reader(pilot)
        annotation = screen.annotation
        assert annotation is not None
        same = next(e for e in annotation.events if e.type in e.trigger.text.lower())
        assert screen._event_summary(same.id).startswith(f"{same.trigger.text} · ")
        other = next(e for e in annotation.events if e.type not in e.trigger.text.lower())
        assert screen._event_summary(other.id).startswith(f"{other.type} · {other.trigger.text}")
