"""End to end: the real ``byline`` in a pseudo-terminal, read back through a VT emulator.

The child runs in an 80×24 pty (pexpect); everything it writes is fed into a
``pyte.Screen`` so the assertions see what a user would see, not escape sequences.
The annotation cache starts empty, so the first annotation loads spaCy (a few seconds);
the waits are generous and every failure shows the emulated screen.

Run with ``-s`` to see the measured time to the first screen and to the filled panes.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_screen import (
    INHERITED_NOISE,
    KEY_TIMEOUT,
    Terminal,
    byline_executable,
    pexpect,
    spawned_terminals,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = Path("samples") / "seed-trump-zelenskyy-nato.txt"

FIRST_SCREEN = "Donald Trump said he will look into"
FIRST_SCREEN_TIMEOUT = 30.0  # the first screen needs no spaCy; this only covers a slow start
ANNOTATION_TIMEOUT = 60.0  # an empty cache: spaCy loads, then the seed article is annotated
EXIT_TIMEOUT = 10.0

SPEAKER_STATUS = re.compile(r"^Donald Trump(?: \([^)]*\))?: \d+ quotes · n/N walk them$")
QUOTE_STATUS = re.compile(
    r"^quote (?P<at>\d+)/(?P<of>\d+) · Donald Trump(?: — (?P<cue>.+?))?"
    r" \((?:direct|indirect|mixed)\)$"
)


@pytest.fixture
def spawn_byline(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start ``byline`` on the seed article in an 80×24 pty; always stop it afterwards."""
    executable = byline_executable()
    if executable is None:
        pytest.skip(f"no `byline` executable beside {sys.executable} or on PATH")

    def environment(extra_env: dict[str, str]) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in INHERITED_NOISE and not key.startswith(("BYLINE_", "TEXTUAL"))
        }
        env |= {
            "TERM": "xterm-256color",
            "BYLINE_CACHE_DIR": str(tmp_path / "cache"),
            "BYLINE_CONFIG": str(tmp_path / "no-such-config.toml"),
        }
        return env | extra_env

    with spawned_terminals(executable, REPO_ROOT) as spawn:
        yield lambda **extra_env: spawn([str(SEED)], environment(extra_env))


def open_and_annotate(terminal: Terminal, started: float, label: str) -> None:
    """Wait for the article, then for the filled panes; print both times."""
    terminal.wait_for(FIRST_SCREEN, FIRST_SCREEN_TIMEOUT, "the article's first screen")
    first_screen = time.monotonic() - started

    def panes_filled(t: Terminal) -> bool:
        return "speakers ·" in t.status_line() and "Donald Trump" in t.side_text()

    terminal.wait_for(panes_filled, ANNOTATION_TIMEOUT, "the panes to fill")
    filled = time.monotonic() - started
    print(
        f"\n[e2e {label}] first screen {first_screen:.2f}s · panes filled {filled:.2f}s"
        f" (annotation {filled - first_screen:.2f}s after the first screen)"
    )
    assert "Annotating" not in terminal.status_line(), terminal.describe()


def quit_cleanly(terminal: Terminal) -> None:
    terminal.press("q")
    try:
        terminal.child.expect(pexpect.EOF, timeout=EXIT_TIMEOUT)
    except pexpect.TIMEOUT:
        terminal.drain()
        pytest.fail(f"`q` did not end byline within {EXIT_TIMEOUT:.0f}s\n{terminal.describe()}")
    terminal.child.wait()
    status = terminal.child.exitstatus
    signal = terminal.child.signalstatus
    assert status == 0, f"byline exited with status {status} (signal {signal})"


def test_reader_walkthrough_in_a_terminal(spawn_byline: Callable[..., Terminal]) -> None:
    started = time.monotonic()
    terminal = spawn_byline()
    open_and_annotate(terminal, started, "xterm-256color")
    assert terminal.active_tab() == "1 Speakers", terminal.describe()

    # t cycles the one visible side pane: quotes, events, back to speakers.
    speakers_pane = terminal.side_text()
    terminal.press("t")
    terminal.wait_for(
        lambda t: (
            t.active_tab() == "2 Quotes"
            and "· said ·" in t.side_text()
            and "● Donald Trump" not in t.side_text()  # the speakers pane fully repainted
        ),
        KEY_TIMEOUT,
        "the quotes pane after `t`",
    )
    quotes_pane = terminal.side_text()
    assert "● Donald Trump" not in quotes_pane, terminal.describe()

    terminal.press("t")
    terminal.wait_for(
        lambda t: (
            t.active_tab() == "3 Events"
            and t.side_text() not in (speakers_pane, quotes_pane)
            and "· said ·" not in t.side_text()  # the repaint may arrive in pieces
        ),
        KEY_TIMEOUT,
        "the events pane after the second `t`",
    )
    assert "· said ·" not in terminal.side_text(), terminal.describe()

    terminal.press("t")
    terminal.wait_for(
        lambda t: t.active_tab() == "1 Speakers" and "● Donald Trump" in t.side_text(),
        KEY_TIMEOUT,
        "the speakers pane after the third `t`",
    )

    # 1 focuses the speakers; Trump (most quotes) is first; j/k come back to him; Enter picks.
    terminal.press("1")
    terminal.wait_for(lambda t: t.active_tab() == "1 Speakers", KEY_TIMEOUT, "the speakers tab")
    bullets = [line.strip() for line in terminal.side_text().splitlines() if "●" in line]
    assert bullets and bullets[0].startswith("● Donald Trump"), terminal.describe()
    for key in ("j", "k", "\r"):
        terminal.press(key)
    terminal.wait_for(
        lambda t: bool(SPEAKER_STATUS.match(t.status_line())),
        KEY_TIMEOUT,
        "Trump's speaker status after Enter",
    )
    status = terminal.status_line()
    assert "Donald Trump" in status and "quotes" in status, terminal.describe()

    # n walks Trump's quotes; every step describes one of his quotes.
    seen: list[str] = []
    for number in range(1, 4):
        terminal.settle()
        before = terminal.snapshot()
        terminal.press("n")
        terminal.wait_for(
            lambda t, before=before: (
                t.snapshot() != before and bool(QUOTE_STATUS.match(t.status_line()))
            ),
            KEY_TIMEOUT,
            f"a Trump quote in the status line after `n` #{number}",
        )
        terminal.settle()  # the status line and the scrolled article may come in two frames
        seen.append(terminal.status_line())
    print(f"[e2e] after n, n, n: {seen}")
    assert all(QUOTE_STATUS.match(line) for line in seen), terminal.describe()
    # the position shows and moves on: "quote 1/9", "quote 2/9", "quote 3/9"
    places = [QUOTE_STATUS.match(line)["at"] for line in seen]  # type: ignore[index]
    assert places == ["1", "2", "3"], seen
    assert any(" · Donald Trump — said" in line for line in seen), (
        f"no `Donald Trump — said …` among {seen}\n{terminal.describe()}"
    )

    quit_cleanly(terminal)


def test_reader_without_colour_on_a_linux_console(spawn_byline: Callable[..., Terminal]) -> None:
    started = time.monotonic()
    terminal = spawn_byline(NO_COLOR="1", TERM="linux")
    open_and_annotate(terminal, started, "NO_COLOR, TERM=linux")
    quit_cleanly(terminal)
