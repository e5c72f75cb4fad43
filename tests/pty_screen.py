"""A program in a pseudo-terminal, read back through a VT emulator (shared by the e2e tests).

Built on the product's own screen reader (:mod:`tui.bench.terminal`, which the benchmark
times with): the child runs in a pty (pexpect); everything it writes is fed into a
``pyte.Screen`` so the assertions see what a user would see, not escape sequences. The
tests import this the way they import ``local_server`` (``tests/`` is on ``sys.path``)::

    from pty_screen import Terminal, byline_executable

Importing it skips the importing test module when pexpect or pyte is missing.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect", reason="the e2e tests need pexpect (test extras)")
pyte = pytest.importorskip("pyte", reason="the e2e tests need pyte (test extras)")

from tui.bench.terminal import COLUMNS, ROWS, PtyScreen, ScreenTimeout  # noqa: E402
from tui.bench.terminal import NOISE as INHERITED_NOISE  # noqa: E402

__all__ = [
    "COLUMNS",
    "INHERITED_NOISE",
    "KEY_TIMEOUT",
    "ROWS",
    "Terminal",
    "byline_executable",
    "new_user_env",
    "spawned_terminals",
]
KEY_TIMEOUT = 10.0
TABS = "1 Speakers  2 Quotes  3 Events"


def new_user_env(home: Path) -> dict[str, str]:
    """The environment of an account that has never run Byline, with its folders in ``home``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in INHERITED_NOISE and not key.startswith(("BYLINE_", "TEXTUAL", "XDG_"))
    }
    for name in ("DATA", "CACHE", "CONFIG", "STATE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    env["HOME"] = str(home / "home")
    return env


def byline_executable() -> str | None:
    """``byline`` from this interpreter's environment (its bin dir), else from PATH."""
    name = "byline.exe" if sys.platform == "win32" else "byline"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("byline")


@contextmanager
def spawned_terminals(
    executable: str, cwd: Path, timeout: float = KEY_TIMEOUT
) -> Iterator[Callable[[Sequence[str], Mapping[str, str]], Terminal]]:
    """``spawn(args, env)`` starting ``executable`` in an 80×24 pty with exactly ``env``;
    every child started is stopped and closed when the block ends, whatever the test did."""
    started: list[Terminal] = []

    def spawn(args: Sequence[str], env: Mapping[str, str]) -> Terminal:
        terminal = Terminal([executable, *args], env, cwd=cwd, inherit_env=False)
        started.append(terminal)
        return terminal

    try:
        yield spawn
    finally:
        for terminal in started:
            terminal.close()


class Terminal(PtyScreen):
    """The product's screen reader (:class:`tui.bench.terminal.PtyScreen`) with what the
    tests look at in the reader, and waits that fail the test with the screen."""

    def screen_text(self) -> str:
        return self.text()

    def status_line(self) -> str:
        """The reader's status line: the row above the footer."""
        return self.screen.display[self.rows - 2].strip()

    def _tabs_at(self) -> tuple[int, int] | None:
        """(row, column) of the narrow layout's tab line (the footer repeats it lower down)."""
        for row, line in enumerate(self.screen.display[: self.rows - 2]):
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
        lines = self.screen.display[row + 1 : self.rows - 2]
        return "\n".join(line[left:].rstrip() for line in lines)

    def active_tab(self) -> str:
        """The tab drawn in reverse video on the tab line (the pane that is showing)."""
        found = self._tabs_at()
        if found is None:
            return ""
        row, column = found
        cells = self.screen.buffer[row]
        return "".join(
            cells[x].data for x in range(column, self.columns) if cells[x].reverse
        ).strip()

    def wait_for(  # type: ignore[override]
        self,
        expected: str | Callable[[Terminal], bool],
        timeout: float,
        what: str | None = None,
    ) -> float:
        """Read until ``expected`` (text on screen, or a predicate) holds; the seconds it
        took. Fails the test with the emulated screen on a timeout or an early exit."""
        if isinstance(expected, str):
            text = expected

            def check(terminal: Terminal) -> bool:
                return text in terminal.screen_text()

            label = what or repr(text)
        else:
            check, label = expected, what or getattr(expected, "__name__", "condition")
        began = time.perf_counter()  # the product's waits time from the last send
        try:
            self.wait_until(check, timeout, label)  # type: ignore[arg-type]
            return time.perf_counter() - began
        except ScreenTimeout:
            if self.eof:
                status = self.child.wait() if not self.child.isalive() else None
                pytest.fail(
                    f"byline exited (status {status}) while waiting for {label}\n" + self.describe()
                )
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {label}\n{self.describe()}")

    def snapshot(self) -> tuple[tuple[tuple[str, str, str, bool, bool, bool], ...], ...]:
        """Every cell's character and look, to notice changes that are not text."""
        return tuple(
            tuple(
                (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse, cell.underscore)
                for cell in (self.screen.buffer[y][x] for x in range(self.columns))
            )
            for y in range(self.rows)
        )
