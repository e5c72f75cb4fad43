"""End to end: a new user's first day with the library, in a real pseudo-terminal.

Fresh data, cache, config and state folders (the XDG variables, as a new account has them,
not Byline's own overrides), the README's command, and what a person sees at 80×24: the
library seeds itself with the samples and annotates them, an article is opened and closed,
the app quits; then the command line sees the same library (speakers, nothing pending,
exactly that article read), and a restarted app shows it read. A second test keeps the app
open while ``byline add`` adds an article from another process.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_screen import (
    KEY_TIMEOUT,
    ROWS,
    Terminal,
    byline_executable,
    new_user_env,
    spawned_terminals,
)

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

REPO_ROOT = Path(__file__).resolve().parent.parent
FIRST_SCREEN_TIMEOUT = 60.0
SAMPLES = len(list((Path(__file__).resolve().parent.parent / "samples").glob("*.txt")))
ANNOTATION_TIMEOUT = 240.0  # spaCy loads, then the samples are annotated
EXIT_TIMEOUT = 15.0
UNREAD = "●"
ROW = re.compile(rf"^(?P<mark>{UNREAD}| ) (?P<title>\S.{{19}})")  # a title's first 20 cells


@pytest.fixture
def new_user(tmp_path: Path) -> dict[str, str]:
    """The environment of an account that has never run Byline."""
    return new_user_env(tmp_path) | {"TERM": "xterm-256color"}


@pytest.fixture
def byline(new_user: dict[str, str]) -> Iterator[Callable[..., Terminal]]:
    executable = byline_executable()
    if executable is None:
        pytest.skip(f"no `byline` executable beside {sys.executable} or on PATH")
    with spawned_terminals(executable, REPO_ROOT) as spawn:
        yield lambda *args: spawn(args, new_user)


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    executable = byline_executable()
    assert executable is not None
    return subprocess.run(
        [executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def rows(terminal: Terminal) -> list[tuple[bool, str, str]]:
    """(unread, the title's first 20 cells, whole line) of each article row."""
    found = []
    for line in terminal.screen_text().splitlines()[2 : ROWS - 2]:
        match = ROW.match(line)
        if match:
            found.append((match["mark"] == UNREAD, match["title"], line))
    return found


def counts_filled(terminal: Terminal) -> bool:
    """Every row shows its quote and speaker counts and nothing is being annotated."""
    listed = rows(terminal)
    text = terminal.screen_text()
    return (
        len(listed) >= SAMPLES
        and "annotating" not in text
        and all(re.search(r"\d+\s+\d+$", line) for _, _, line in listed)
    )


def quit_app(terminal: Terminal) -> None:
    terminal.press("q")
    terminal.child.expect(pexpect.EOF, timeout=EXIT_TIMEOUT)
    terminal.child.close()
    assert terminal.child.exitstatus == 0, terminal.describe()


def test_first_day(byline: Callable[..., Terminal], new_user: dict[str, str]) -> None:
    app = byline()
    app.wait_for("Library", FIRST_SCREEN_TIMEOUT)
    app.wait_for(counts_filled, ANNOTATION_TIMEOUT, "every sample annotated, counts shown")
    listed = rows(app)
    assert all(unread for unread, _, _ in listed), app.describe()
    opened = listed[0][1]

    app.press("\r")
    app.wait_for("1 Speakers", KEY_TIMEOUT, "the reader")
    app.press("\x1b")
    app.wait_for(lambda t: bool(rows(t)) and not rows(t)[0][0], KEY_TIMEOUT, "the row read")
    quit_app(app)

    people = run_cli(new_user, "people")
    assert people.returncode == 0, people.stderr
    assert "Donald Trump" in people.stdout
    assert len(people.stdout.splitlines()) > 20  # the samples quote dozens of people

    library = run_cli(new_user, "library")
    assert library.returncode == 0, library.stderr
    lines = library.stdout.splitlines()
    assert len(lines) == SAMPLES
    assert not [line for line in lines if "(pending)" in line]
    read = [line for line in lines if not line.startswith("*")]
    assert len(read) == 1 and opened in read[0], library.stdout

    again = byline()
    again.wait_for(lambda t: len(rows(t)) >= SAMPLES, FIRST_SCREEN_TIMEOUT, "the library again")
    state = {title: unread for unread, title, _ in rows(again)}
    assert [title for title, unread in state.items() if not unread] == [opened]
    quit_app(again)


def test_articles_added_elsewhere_appear(
    byline: Callable[..., Terminal], new_user: dict[str, str], tmp_path: Path
) -> None:
    app = byline()
    app.wait_for(lambda t: len(rows(t)) >= SAMPLES, FIRST_SCREEN_TIMEOUT, "the seeded library")
    article = tmp_path / "elsewhere.txt"
    article.write_text(
        "Title: Lighthouse keepers vote to strike\nDate: 2031-05-04\n\n"
        "Lighthouse keepers voted on Tuesday to strike over pay, the union said.\n"
        '"We keep the lights on," said Ada Brennan, the union\'s secretary.\n',
        encoding="utf-8",
    )
    added = run_cli(new_user, "add", str(article))
    assert added.returncode == 0, added.stderr
    app.wait_for("Lighthouse keepers vote", 15.0, "the article another process added")
    app.wait_for(f"{SAMPLES + 1} articles", 15.0, "the new count")
    quit_app(app)


def type_text(terminal: Terminal, text: str) -> None:
    for character in text:
        terminal.press(character)


def test_a_newcomers_task_list(byline: Callable[..., Terminal]) -> None:
    """Issue 13's task list, at 80×24, with the keys the screens and the README document:
    filter the library, open the match with Enter, page with Space, pick a speaker, walk
    their quotes with the position shown, jump to the next article, go back with h, open
    help, and quit with q from a text field after Esc."""
    app = byline()
    app.wait_for("Library", FIRST_SCREEN_TIMEOUT)
    app.wait_for(counts_filled, ANNOTATION_TIMEOUT, "every sample annotated, counts shown")

    app.press("/")
    type_text(app, "Trump")
    # the header and the rows are drawn in turn: wait until the list shows only matches
    app.wait_for(
        lambda t: (
            "match 'Trump'" in t.screen_text()
            and len(rows(t)) >= 2
            and all("Trump" in line for _, _, line in rows(t))
        ),
        KEY_TIMEOUT,
        "the filtered list",
    )
    app.settle()
    matched = [title for _, title, _ in rows(app)]
    app.press("\r")  # Enter in the filter opens the first match
    app.wait_for(
        lambda t: "1 Speakers" in t.screen_text() and matched[0][:12] in t.screen_text(),
        KEY_TIMEOUT,
        "the reader on the first match",
    )

    app.settle()
    top = app.screen.display[1]
    app.press(" ")  # Space pages down
    app.wait_for(lambda t: t.screen.display[1] != top, KEY_TIMEOUT, "the next page")

    app.press("1")
    app.press("\r")  # the first speaker
    app.wait_for(lambda t: "walk them" in t.status_line(), KEY_TIMEOUT, "a speaker picked")
    app.press("n")
    app.wait_for(lambda t: t.status_line().startswith("quote 1/"), KEY_TIMEOUT, "quote 1/…")
    app.press("n")
    app.wait_for(lambda t: t.status_line().startswith("quote 2/"), KEY_TIMEOUT, "quote 2/…")

    app.press("J")  # the next article of the filtered list
    app.wait_for(
        lambda t: "1 Speakers" in t.screen_text() and matched[1][:12] in t.screen_text(),
        KEY_TIMEOUT,
        "the next article",
    )
    app.press("h")  # back to the list, still filtered
    app.wait_for("match 'Trump'", KEY_TIMEOUT, "the filtered library again")

    app.press("?")
    app.wait_for("library.sort", KEY_TIMEOUT, "the library's keys in help")
    app.press("\x1b")
    app.wait_for(lambda t: "library.sort" not in t.screen_text(), KEY_TIMEOUT, "help closed")

    app.press("/")
    app.press("q")  # typed into the filter, not a quit
    app.settle()
    assert not app.eof, app.describe()
    app.press("\x1b")  # Esc leaves (and clears) the filter
    app.wait_for(lambda t: "match '" not in t.screen_text(), KEY_TIMEOUT, "the filter cleared")
    quit_app(app)  # and q quits
