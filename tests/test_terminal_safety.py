"""The terminal is a security boundary: article content is shown, never acted on.

An article, page or feed is untrusted. Whatever it carries (C0/C1 controls, CSI and OSC
sequences such as OSC 52 clipboard writes and OSC 8 hyperlinks, bidi overrides, Rich or
Textual markup, HTML) must reach every channel as visible text: the CLI's text output,
the Markdown/HTML/JSON exports, the app (through Pilot) and a real terminal (``byline`` in
a pty, read back through pyte). Unsafe characters show as U+FFFD; markup shows literally.

The hostile article is annotated twice: by hand (every record field carries the hostile
strings, no spaCy) and once by the real engine, so the engine's own output path is covered.
Bidi controls are replaced like the rest (RTL letters stay): our columns never reorder.

``Annotation.to_json`` writes lone surrogates, C1 and bidi controls as JSON escapes, so
every JSON channel (the CLI, exports, the cache, the library) is inert and encodable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from app_helpers import row_cells, stand_in_engine
from rich.console import Console
from textual.content import Content
from textual.strip import Strip

from tui.app import BylineApp
from tui.cache import AnnotationCache
from tui.highlight import UNSAFE, Selection, displayable
from tui.library import DB_ENV, Library, export_annotation
from tui.model import (
    Annotation,
    Article,
    Entity,
    Event,
    Participant,
    Quote,
    Span,
    Speaker,
    TimeExpression,
    safe_json,
)
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import resolve_model_name
from tui.render_text import clean, render_annotation
from tui.screens.library import LibraryScreen
from tui.screens.people import PeopleScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen

REPO_ROOT = Path(__file__).resolve().parent.parent
FFFD = "\ufffd"

# --- the corpus ----------------------------------------------------------------------------

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # writes "evil" to the clipboard
OSC8 = "\x1b]8;;http://evil\x1b\\text\x1b]8;;\x1b\\"  # a hyperlink to http://evil
HOSTILE: list[str] = [
    OSC52,
    OSC8,
    "\x1b]0;pwned\x07",  # window title (BEL-terminated)
    "\x1b]2;pwned\x1b\\",  # window title (ST-terminated)
    "\x1b[2J\x1b[H",  # clear the screen, cursor home
    "\x1b[31mred\x1b[0m",  # colours
    "\x1b[5;1H",  # cursor move
    "\x1b[?1049l",  # leave the alternate screen
    "\x1b[6n",  # device status report: the terminal would type a reply
    "\x1bc",  # full reset
    "\x9b2J",  # C1 CSI
    "\x9d0;pwned\x9c",  # C1 OSC ... ST
    "\x90qdcs\x9c",  # C1 DCS
    "\x85",  # NEL
    "\x07",  # BEL
    "back\x08\x08\x08",  # BS
    "over\rwrite",  # CR without LF
    "\x7f",  # DEL
    "\x00",  # NUL
    "\u202egnp.exe",  # right-to-left override
    "\u2066isolate\u2069",  # left-to-right isolate
    "\u200f\u061c",  # RLM, Arabic letter mark
    "[bold red]markup[/]",
    "[link=http://evil]link[/link]",
    "[@click=app.quit]quit[/]",
    "[/]",
    "<script>alert(1)</script>",
    "&lt;entity&gt;",
    "[x](http://evil) ![i](http://evil/i.png)",
    "`code` *em* _em_ | cell |",
]
LONE_SURROGATE = "\ud800"

NAME = f"{OSC52}Mal [bold]Evil[/bold]"  # a speaker name carrying an OSC 52 and markup
NAME2 = "Eve\x1b[31m Smith\u202e"
ROLE = "[link=http://evil]minister[/link] \x9d0;pwned\x9c"
QUOTE1 = "We will [@click=app.quit]quit[/] the \x1b[2J talks \x9b31m now \x07 \x08\x08"
QUOTE2 = f"Read {OSC8} and <script>alert(1)</script> [x](http://evil) `t` *s* | p"
TEXT = (
    f"“{QUOTE1},” said {NAME}, {ROLE}.\n\n"
    f"“{QUOTE2},” {NAME2} told reporters on Monday.\n\n"
    f"Officials said the \x1b[6n talks would resume\ron Friday {LONE_SURROGATE} \u202egnp.exe.\n"
)
TITLE = "Breaking \x1b]0;pwned\x07 [bold]news[/bold] \u202eevil \x9b2J"
SOURCE = "\x1b]8;;http://evil\x1b\\Wire\x1b]8;;\x1b\\ [link=http://evil]x[/link]"
DATE = "2024-05-06\x1b[2J"
URL = f"http://example.com/a{OSC52}\n rm -rf ~"

# What must show (visibly replaced, markup literal) wherever the name is shown whole.
NAME_SHOWN = f"{FFFD}]52;c;ZXZpbA=={FFFD}Mal [bold]Evil[/bold]"
SGR = re.compile(r"\x1b\[[0-9;]*m")
TEXTUAL_OSC = re.compile(r"\x1b\]22;[a-z-]*\x07")  # the pointer shape Textual itself sets


def hostile_article(*, surrogate: bool = True) -> Article:
    text = TEXT if surrogate else TEXT.replace(LONE_SURROGATE, "?")
    return Article.from_text(text, title=TITLE, date=DATE, source=SOURCE, url=URL)


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span.of(text, start, start + len(needle))


def hand_annotation(article: Article) -> Annotation:
    """Every record field that reaches a screen carries hostile strings."""
    text = article.text
    q1 = _span(text, f"“{QUOTE1},”")
    q2 = _span(text, f"“{QUOTE2},”")
    name = _span(text, NAME)
    name2 = _span(text, NAME2)
    cue1 = _span(text, "said", q1.end)
    cue2 = _span(text, "told", q2.end)
    trigger = _span(text, "resume")
    sentence = _span(text, "Officials said the")
    sentence = Span.of(text, sentence.start, len(text) - 1)
    monday = _span(text, "Monday")
    speakers = (
        Speaker(
            "s1",
            NAME,
            "person",
            ROLE,
            "\x1b[2Jland",
            (NAME, f"{OSC8}Mal"),
            "e1",
            (name,),
            ("q1",),
            "mal",
        ),
        Speaker("s2", NAME2, "person", None, None, (NAME2,), None, (name2,), ("q2",), "eve"),
    )
    quotes = (
        Quote("q1", q1.start, q1.end, q1.text, "direct", cue1, "s1", name, 0.9),
        Quote("q2", q2.start, q2.end, q2.text, "direct", cue2, "s2", name2, 0.9),
    )
    event = Event(
        "ev1",
        trigger,
        "resume",
        "meeting",
        sentence,
        (Participant("agent", name, "s1"),),
        time_anchor="publication",
        status="\x1b[2Jplanned",
        salience=0.9,
    )
    return Annotation(
        article,
        entities=(Entity("e1", "PERSON", NAME, (name,)),),
        speakers=speakers,
        quotes=quotes,
        events=(event,),
        timexes=(
            TimeExpression(
                "t1", monday.start, monday.end, monday.text, "DATE", "2024-05-06\x1b[2J"
            ),
        ),
    )


def assert_inert(output: str, what: str) -> None:
    """``output`` carries no character a terminal acts on (SGR from rich aside)."""
    rest = SGR.sub("", output)
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(rest.replace("\n", ""))})
    assert not found, f"{what} lets through {found}"
    assert "\x1b" not in rest, f"{what} lets an ESC through"


@pytest.fixture(scope="module")
def engine_annotation(annotator: Any) -> Annotation:
    """The hostile article through the real engine, once for this module."""
    annotation = annotator.annotate(hostile_article())
    annotation.validate()
    return annotation


@pytest.fixture(params=["hand", "engine"])
def annotation(request: pytest.FixtureRequest) -> Annotation:
    if request.param == "hand":
        return hand_annotation(hostile_article())
    return request.getfixturevalue("engine_annotation")  # type: ignore[no-any-return]


def test_the_engine_output_carries_the_hostile_strings(engine_annotation: Annotation) -> None:
    """Guard for the tests below: the engine's records do hold control characters."""
    names = [s.name for s in engine_annotation.speakers]
    assert any("\x1b" in n or "\u202e" in n for n in names), names
    assert any("\x1b" in q.text for q in engine_annotation.quotes)


# --- the sanitiser -------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", [*HOSTILE, LONE_SURROGATE, "a\r\nb", "x\u2028y\tz"])
def test_displayable_keeps_length_and_leaves_nothing_active(hostile: str) -> None:
    shown = displayable(hostile)
    assert len(shown) == len(hostile)  # annotation offsets still index it
    assert_inert(shown, "displayable")
    assert "\n" not in shown and "\t" not in shown
    shown.encode("utf-8")  # a lone surrogate would fail here
    assert_inert(clean(hostile), "clean")


def test_zero_width_characters_are_drawn_as_spaces() -> None:
    """Terminals disagree on the width of a zero-width joiner or space (one opening a
    quote left a stale row in the People view): each is drawn as one space, in place."""
    text = "\u200dhay muchos\u200babortos\u2060 \ufeffpese\u200c"
    shown = displayable(text)
    assert shown == " hay muchos abortos   pese " and len(shown) == len(text)


# --- (1) the CLI's text output -------------------------------------------------------------


@pytest.mark.parametrize("colour", [False, True])
def test_text_output_is_inert(annotation: Annotation, colour: bool) -> None:
    out = StringIO()
    console = Console(file=out, width=120, force_terminal=colour, color_system="truecolor")
    render_annotation(annotation, console)
    printed = out.getvalue()
    assert_inert(printed, "render_annotation")
    printed.encode("utf-8")
    plain = SGR.sub("", printed)
    assert "[bold]news[/bold]" in plain and f"{FFFD}]0;pwned{FFFD}" in plain  # the title
    if annotation.engine.version == "":  # by hand: the exact fields are known
        assert NAME_SHOWN in plain and "[@click=app.quit]quit[/]" in plain


def test_cli_text_output_bytes_are_inert(tmp_path: Path) -> None:
    """``python -m tui annotate FILE --format text``: the real engine, the real stdout."""
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_article(surrogate=False).text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "annotate", str(path), "--format", "text"],
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    printed = result.stdout.decode("utf-8")
    assert_inert(printed, "byline annotate --format text")
    assert "[@click=app.quit]quit[/]" in printed and f"{FFFD}[2J" in printed


# --- (2) exports and JSON ------------------------------------------------------------------


def test_html_export_escapes_everything(annotation: Annotation) -> None:
    page = export_annotation(annotation, "html")
    assert_inert(page, "the HTML export")
    body = page.split("<body>", 1)[1]
    for tag in ("<script", "<b>", "<a "):
        assert tag not in body
    assert "&lt;script&gt;" in page or annotation.engine.version  # the engine may cut it
    assert "&lt;entity&gt;" not in page or "&amp;lt;entity&amp;gt;" in page
    # every attribute-breaking quote is escaped: the only raw ones are our own
    assert page.count('"') == page.count('charset="utf-8"') * 2 + page.count('lang="en"') * 2
    page.encode("utf-8")


def test_markdown_export_cannot_inject(annotation: Annotation) -> None:
    report = export_annotation(annotation, "md")
    assert_inert(report, "the Markdown export")
    report.encode("utf-8")
    assert "<" not in report  # no raw HTML, no <autolink>
    unescaped = re.compile(r"(?<!\\)[\[\]`*_]")
    for line in report.splitlines():
        body = re.sub(r"^(#+ |- \*\*|\| |- )", "", line)  # our own markers
        body = body.replace("**:", ":").replace(" | ", " ").removesuffix(" |")
        if line.startswith("|---"):
            continue
        assert not unescaped.search(body), f"markdown syntax gets through: {line!r}"
    assert "\\[x\\](http://evil)" in report or annotation.engine.version


def test_json_export_is_inert_and_round_trips(annotation: Annotation) -> None:
    document = export_annotation(annotation, "json")
    assert_inert(document, "the JSON export")
    document.encode("utf-8")  # no raw lone surrogate
    assert json.loads(document) == json.loads(annotation.to_json())
    assert Annotation.from_json(document) == annotation


def test_to_json_round_trips_lone_surrogates() -> None:
    """``to_json`` writes a lone surrogate as an escape: UTF-8 encodes it, JSON decodes it."""
    annotation = hand_annotation(hostile_article())
    document = annotation.to_json()
    document.encode("utf-8")
    assert Annotation.from_json(document) == annotation
    assert json.loads(document)["article"]["text"] == annotation.article.text
    assert safe_json(document) == document


def test_cli_json_output_is_inert(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_article(surrogate=False).text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "annotate", str(path), "--format", "json"],
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    printed = result.stdout.decode("utf-8")
    assert json.loads(printed)["article"]["text"] == path.read_text(encoding="utf-8")
    assert_inert(printed, "byline annotate --format json")


# --- (3) the app, through Pilot ------------------------------------------------------------


def screen_lines(app: BylineApp) -> list[Strip]:
    return app.screen._compositor.render_strips()


def assert_screen_inert(app: BylineApp) -> str:
    """The composed screen: no unsafe character, no link or click action from content."""
    lines = screen_lines(app)
    for strip in lines:
        for segment in strip:
            assert not UNSAFE.search(segment.text), repr(segment.text)
            style = segment.style
            if style is None:
                continue
            assert not (style.link or "").startswith("http://evil"), segment
            assert "app.quit" not in str(style.meta.get("@click", "")), segment
    return "\n".join(strip.text for strip in lines)


async def settle(pilot: Any, condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.fixture
def serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: AnnotationCache
) -> Callable[[Annotation], None]:
    """The app's engine (:func:`tui.service.shared_annotator`, behind the reader and the
    library's background annotation) answers with the given annotations, never spaCy;
    ``$BYLINE_DB`` names a library that does not exist, so no user library is read."""
    monkeypatch.setenv(DB_ENV, str(tmp_path / "no-library.sqlite3"))
    engine = stand_in_engine(monkeypatch)

    def put(annotation: Annotation) -> None:
        engine.known[annotation.article.text] = annotation

    return put


async def test_reader_shows_the_hostile_article_as_text(annotation: Annotation, serve: Any) -> None:
    serve(annotation)
    app = BylineApp([annotation.article])
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await settle(pilot, lambda: screen.annotation is not None)
        shown = assert_screen_inert(app)
        assert "[bold]news[/bold]" in shown and f"{FFFD}]0;pwned{FFFD}" in shown  # title
        assert "[@click=app.quit]quit[/]" in shown  # the article text
        assert f"{FFFD}2J" in shown  # C1 CSI, visible

        speaker = screen.annotation.speakers[0] if screen.annotation else None
        assert speaker is not None
        screen.selection = Selection("speaker", speaker.id)
        await pilot.pause()
        shown = assert_screen_inert(app)
        assert displayable(speaker.name).strip()[:20] in shown  # the status line and pane
        for quote in screen.annotation.quotes if screen.annotation else ():
            screen.selection = Selection("quote", quote.id)
            await pilot.pause()
            assert_screen_inert(app)
            screen.action_copy_quote()
            assert not UNSAFE.search(app.clipboard) and "\n" not in app.clipboard
        screen.action_open_url()  # no browser in tests: the URL goes to the clipboard
        assert "\n" not in app.clipboard and not UNSAFE.search(app.clipboard)
        await pilot.press("t", "t", "t", "a", "a")  # every pane, highlights off and on
        await pilot.pause()
        assert_screen_inert(app)
        assert app.is_running  # no [@click=app.quit] ran


async def test_library_views_show_the_hostile_article_as_text(
    tmp_path: Path, serve: Any, seed_annotation: Annotation
) -> None:
    # the library cannot store a lone surrogate (see the module docstring)
    annotation = hand_annotation(hostile_article(surrogate=False))
    db = tmp_path / "library.sqlite3"
    with Library(db) as library:
        library.store_annotation(annotation, ENGINE_VERSION, resolve_model_name(None))
        library.store_annotation(seed_annotation, ENGINE_VERSION, resolve_model_name(None))
    app = BylineApp([], open_single=False, db=db)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.table
        await settle(pilot, lambda: table.row_count == 2)
        where = table.find(lambda row: row.id == annotation.article.id, 0, table.row_count)
        assert where is not None
        await settle(pilot, lambda: row_cells(table, where)[4:] == ["2", "2"])  # annotated
        cells = row_cells(table, where)
        assert cells[1] == displayable(TITLE) and cells[2] == displayable(DATE)  # made visible
        shown = assert_screen_inert(app)
        assert "[bold]news[/bold]" in shown and f"{FFFD}]0;pwned{FFFD}" in shown  # the title
        assert "2024-05-06…" in shown  # the Date column (11 cells) cuts the date short
        assert f"{FFFD}]8;;http://evil" in shown  # the source, its hyperlink shown, not made
        assert app.is_running

        app.push_screen(PeopleScreen())
        await settle(pilot, lambda: isinstance(app.screen, PeopleScreen))
        people = app.screen
        assert isinstance(people, PeopleScreen)
        await settle(pilot, lambda: people.table.row_count == 6)  # 4 in the seed, 2 here
        shown = assert_screen_inert(app)
        assert NAME_SHOWN in shown and f"Eve{FFFD}[31m Smith{FFFD}" in shown
        mal = people.table.find(lambda p: "Mal" in p.name, 0, people.table.row_count)
        assert mal is not None
        people.table.move_cursor(mal)
        await pilot.press("enter")  # Mal's quotes
        await settle(pilot, lambda: bool(people.quotes))
        shown = assert_screen_inert(app)
        assert f"{NAME_SHOWN}: 1 quote, newest first" in shown
        assert "[@click=app.quit]quit[/]" in shown and f"{FFFD}[2J talks" in shown
        app.pop_screen()
        await pilot.pause()

        app.push_screen(SearchScreen("talks"))
        await settle(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        shown = assert_screen_inert(app)
        assert f"{FFFD}]0;pwned{FFFD}" in shown
        app.pop_screen()
        app.push_screen(SearchScreen("speaker:Mal"))
        await settle(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        assert_screen_inert(app)
        assert app.is_running  # no [@click=app.quit] ran


async def test_library_toast_for_a_hostile_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_cache: AnnotationCache
) -> None:
    """An engine error, and the hostile title naming its article, reach a toast as text."""
    monkeypatch.setenv(DB_ENV, str(tmp_path / "no-library.sqlite3"))
    error = RuntimeError(f"{OSC52}[bold]boom[/bold] {LONE_SURROGATE}")
    engine = stand_in_engine(monkeypatch, error=error)
    hostile = hostile_article()
    shown: list[Any] = []  # every toast, though each replaces the one before on screen

    class Recording(BylineApp):
        def _on_notify(self, event: Any) -> None:
            shown.append(event.notification)
            super()._on_notify(event)

    app = Recording([hostile, Article.from_text("Plain.\n", title="plain")])
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        await settle(pilot, lambda: len(shown) == 2)
        assert hostile.id in engine.seen and len(set(engine.seen)) == 2  # both tried
        assert len(list(app._notifications)) == 1  # one toast at a time
        messages = [note.message for note in shown]
        for note in shown:
            assert not note.markup, note
            assert_inert(note.message, "a toast")
            assert "[bold]boom[/bold]" in note.message
        assert any(m.startswith(displayable(TITLE)) for m in messages)  # the hostile title
        assert any(m.startswith("plain: ") for m in messages)
        assert_screen_inert(app)
        assert app.is_running


async def test_command_palette_shows_speaker_names_as_text(serve: Any) -> None:
    annotation = hand_annotation(hostile_article())
    serve(annotation)
    app = BylineApp([annotation.article])
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        await settle(pilot, lambda: getattr(screen, "annotation", None) is not None)
        titles = [c.title for c in app.get_system_commands(screen)]
        jumps = [t for t in titles if t.startswith("Jump to speaker")]
        assert jumps
        shown = [Content.from_markup(title).plain for title in jumps]
        assert not any(UNSAFE.search(title) for title in shown)
        assert any("[bold]Evil[/bold]" in title for title in shown)  # markup shown as text


# --- (4) a real terminal -------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")
def test_a_real_terminal_shows_and_never_acts(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    pytest.importorskip("pyte")
    from pty_screen import COLUMNS, INHERITED_NOISE, ROWS, Terminal, byline_executable

    executable = byline_executable()
    if executable is None:
        pytest.skip("no `byline` executable")
    article = hostile_article(surrogate=False)
    front = "\n".join(
        f"{key}: {value}" for key, value in (("title", TITLE), ("source", SOURCE), ("date", DATE))
    )
    path = tmp_path / "hostile.md"
    path.write_text(f"---\n{front}\nurl: {URL.splitlines()[0]}\n---\n{article.text}", "utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in INHERITED_NOISE and not k.startswith(("BYLINE_", "TEXTUAL"))
    }
    env |= {
        "TERM": "xterm-256color",
        "BYLINE_CACHE_DIR": str(tmp_path / "cache"),
        "BYLINE_CONFIG": str(tmp_path / "no-config.toml"),
    }
    child = pexpect.spawn(executable, [str(path)], env=env, dimensions=(ROWS, COLUMNS), timeout=10)
    try:
        terminal = Terminal.attach(child)
        terminal.wait_for("[bold]news[/bold]", 30.0, "the hostile title")
        terminal.wait_for(lambda t: "speakers ·" in t.status_line(), 90.0, "the annotation")
        terminal.settle()
        first = terminal.screen_text()
        assert "[bold]news[/bold]" in first and FFFD in first, terminal.describe()
        terminal.press("1")
        terminal.press("\r")  # select the first speaker: the name shows in the status line
        terminal.wait_for(
            lambda t: f"{FFFD}]52;c;ZXZpbA=={FFFD}Mal" in t.status_line(), 10.0, "the name"
        )
        colours = {cell.fg for row in terminal.screen.buffer.values() for cell in row.values()}
        assert "red" not in colours, "an SGR from the article coloured the screen"
        # Textual's own OSC 22 (pointer shape) reads as a title to pyte: only it may be there
        for name in (terminal.screen.title, terminal.screen.icon_name):
            assert "pwned" not in name and name in ("", ";default", "2;default"), name
        assert terminal.screen.cursor.hidden, "the cursor was shown"
        terminal.press("q")
        child.expect(pexpect.EOF, timeout=10)
        child.wait()
        assert child.exitstatus == 0, terminal.describe()
    finally:
        if child.isalive():
            child.terminate(force=True)
        child.close(force=True)
    written = bytes(terminal.received).decode("utf-8", errors="replace")
    osc = re.findall(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?", written)
    assert {o for o in osc if not TEXTUAL_OSC.fullmatch(o)} == set(), "a foreign OSC"
    written = TEXTUAL_OSC.sub("", written)
    assert "\x1b]52" not in written, "an OSC 52 clipboard write reached the terminal"
    assert "\x1b]8;;http://evil" not in written, "an OSC 8 hyperlink reached the terminal"
    assert "\x1b]0;pwned" not in written and "\x1b]2;pwned" not in written
    assert "\x07" not in written, "a BEL reached the terminal"
    for c1 in ("\x9b", "\x9d", "\x90", "\x85"):
        assert c1 not in written, f"U+{ord(c1):04X} reached the terminal"
    assert "\u202e" not in written and "\u2066" not in written
    assert "\x1b[6n" not in written and "\x1bc" not in written


def test_cli_listings_print_library_text_inert(tmp_path: Path) -> None:
    """``byline library``, ``search``, ``people`` and ``feed list`` print stored titles,
    names, snippets and URLs: as text, never as terminal commands."""
    db = tmp_path / "library.db"
    annotation = hand_annotation(hostile_article(surrogate=False))
    with Library(db) as library:
        library.store_annotation(annotation, ENGINE_VERSION, resolve_model_name(None))
        library.add_feed("https://example.org/feed\x1b]52;c;ZXZpbA==\x07", "Feed \x1b[2J\x9b31m")
    env = {**os.environ, "BYLINE_DB": str(db), "BYLINE_CONFIG": str(tmp_path / "none.toml")}
    for command in (["library"], ["search", "Mal"], ["people", "--all"], ["feed", "list"]):
        result = subprocess.run(
            [sys.executable, "-m", "tui", *command],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        printed = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
        assert "Traceback" not in printed, printed
        assert not UNSAFE.search(printed), (command, printed)
        assert "\ufffd" in printed, (command, printed)  # shown, not dropped
