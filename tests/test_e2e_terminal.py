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
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="the e2e tests need pexpect (test extras)")
pyte = pytest.importorskip("pyte", reason="the e2e tests need pyte (test extras)")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty"),
]

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = Path("samples") / "seed-trump-zelenskyy-nato.txt"
COLUMNS, ROWS = 80, 24

FIRST_SCREEN = "Donald Trump said he will look into"
FIRST_SCREEN_TIMEOUT = 30.0  # the first screen needs no spaCy; this only covers a slow start
ANNOTATION_TIMEOUT = 60.0  # an empty cache: spaCy loads, then the seed article is annotated
KEY_TIMEOUT = 10.0
EXIT_TIMEOUT = 10.0

TABS = "1 Speakers  2 Quotes  3 Events"
SPEAKER_STATUS = re.compile(r"^Donald Trump(?: \([^)]*\))?: \d+ quotes · n/N walk them$")
QUOTE_STATUS = re.compile(r"^Donald Trump(?: — (?P<cue>.+?))? \((?:direct|indirect|mixed)\)$")
# Environment variables of the calling shell that would change what the child draws.
INHERITED_NOISE = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


def byline_executable() -> str | None:
    """``byline`` from this interpreter's environment (its bin dir), else from PATH."""
    name = "byline.exe" if sys.platform == "win32" else "byline"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("byline")


class Terminal:
    """A child process in a pty, with its output rendered by a pyte screen."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False

    # ------------------------------------------------------------------ reading
    def pump(self, timeout: float = 0.1) -> int:
        """Feed what the child wrote (waiting up to ``timeout``); bytes read, -1 once it ended."""
        if self.eof:
            return -1
        try:
            data = self.child.read_nonblocking(size=65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return 0
        except pexpect.EOF:
            self.eof = True
            return -1
        self.stream.feed(data)
        return len(data)

    def drain(self) -> None:
        """Read everything already written, without waiting for more."""
        while self.pump(timeout=0.05) > 0:
            pass

    def settle(self, quiet: float = 0.3, timeout: float = KEY_TIMEOUT) -> None:
        """Read until the child has been silent for ``quiet`` seconds (a whole frame is in)."""
        deadline = time.monotonic() + timeout
        last_output = time.monotonic()
        while time.monotonic() < deadline and not self.eof:
            if self.pump(timeout=0.05) > 0:
                last_output = time.monotonic()
            elif time.monotonic() - last_output >= quiet:
                return

    # ------------------------------------------------------------------ looking
    def screen_text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def status_line(self) -> str:
        """The reader's status line: the row above the footer."""
        return self.screen.display[ROWS - 2].strip()

    def _tabs_at(self) -> tuple[int, int] | None:
        """(row, column) of the narrow layout's tab line (the footer repeats it lower down)."""
        for row, line in enumerate(self.screen.display[: ROWS - 2]):
            column = line.find(TABS)
            if column >= 0:
                return row, column
        return None

    def side_text(self) -> str:
        """The side pane below the tab line (the right-hand columns above the status line)."""
        found = self._tabs_at()
        if found is None:
            return ""
        row, column = found
        left = max(column - 1, 0)
        return "\n".join(line[left:].rstrip() for line in self.screen.display[row + 1 : ROWS - 2])

    def active_tab(self) -> str:
        """The tab drawn in reverse video on the tab line (the pane that is showing)."""
        found = self._tabs_at()
        if found is None:
            return ""
        row, column = found
        cells = self.screen.buffer[row]
        return "".join(cells[x].data for x in range(column, COLUMNS) if cells[x].reverse).strip()

    def describe(self) -> str:
        state = "exited" if self.eof else "running"
        rule = "-" * COLUMNS
        return f"(child {state}) screen:\n{rule}\n{self.screen_text()}\n{rule}"

    # ------------------------------------------------------------------ waiting
    def wait_for(
        self,
        expected: str | Callable[[Terminal], bool],
        timeout: float,
        what: str | None = None,
    ) -> float:
        """Read until ``expected`` (text on screen, or a predicate) holds; return the seconds.

        Fails the test with the emulated screen when it times out or the child exits first.
        """
        if isinstance(expected, str):
            text = expected

            def check(terminal: Terminal) -> bool:
                return text in terminal.screen_text()

            label = what or repr(text)
        else:
            check, label = expected, what or getattr(expected, "__name__", "condition")
        started = time.monotonic()
        deadline = started + timeout
        while True:
            if check(self):
                return time.monotonic() - started
            if self.eof:
                status = self.child.wait() if not self.child.isalive() else None
                pytest.fail(
                    f"byline exited (status {status}) while waiting for {label}\n" + self.describe()
                )
            if time.monotonic() >= deadline:
                pytest.fail(
                    f"timed out after {timeout:.0f}s waiting for {label}\n{self.describe()}"
                )
            self.pump(timeout=0.1)

    def press(self, key: str) -> None:
        self.drain()
        self.child.send(key)

    def snapshot(self) -> tuple[tuple[tuple[str, str, str, bool, bool, bool], ...], ...]:
        """Every cell's character and look, to notice changes that are not text."""
        return tuple(
            tuple(
                (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse, cell.underscore)
                for cell in (self.screen.buffer[y][x] for x in range(COLUMNS))
            )
            for y in range(ROWS)
        )


@pytest.fixture
def spawn_byline(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    """Start ``byline`` on the seed article in an 80×24 pty; always stop it afterwards."""
    executable = byline_executable()
    if executable is None:
        pytest.skip(f"no `byline` executable beside {sys.executable} or on PATH")
    children: list[pexpect.spawn] = []

    def spawn(**extra_env: str) -> Terminal:
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
        env |= extra_env
        child = pexpect.spawn(
            executable,
            [str(SEED)],
            cwd=str(REPO_ROOT),
            env=env,
            dimensions=(ROWS, COLUMNS),
            timeout=KEY_TIMEOUT,
        )
        children.append(child)
        return Terminal(child)

    try:
        yield spawn
    finally:
        for child in children:
            if child.isalive():
                child.terminate(force=True)
            child.close(force=True)


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
    assert any(line.startswith("Donald Trump — said") for line in seen), (
        f"no `Donald Trump — said …` among {seen}\n{terminal.describe()}"
    )

    quit_cleanly(terminal)


def test_reader_without_colour_on_a_linux_console(spawn_byline: Callable[..., Terminal]) -> None:
    started = time.monotonic()
    terminal = spawn_byline(NO_COLOR="1", TERM="linux")
    open_and_annotate(terminal, started, "NO_COLOR, TERM=linux")
    quit_cleanly(terminal)
