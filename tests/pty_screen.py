"""A program in a pseudo-terminal, read back through a VT emulator (shared by the e2e tests).

The child runs in a pty (pexpect); everything it writes is fed into a ``pyte.Screen`` so
the assertions see what a user would see, not escape sequences. The tests import this the
way they import ``local_server`` (``tests/`` is on ``sys.path``)::

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

COLUMNS, ROWS = 80, 24
KEY_TIMEOUT = 10.0
TABS = "1 Speakers  2 Quotes  3 Events"
# Environment variables of the calling shell that would change what the child draws.
INHERITED_NOISE = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


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
    """``spawn(args, env)`` starting ``executable`` in an 80×24 pty; every child started
    is stopped and closed when the block ends, whatever the test did."""
    children: list[pexpect.spawn] = []

    def spawn(args: Sequence[str], env: Mapping[str, str]) -> Terminal:
        child = pexpect.spawn(
            executable,
            list(args),
            cwd=str(cwd),
            env=dict(env),
            dimensions=(ROWS, COLUMNS),
            timeout=timeout,
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


class Terminal:
    """A child process in a pty, with its output rendered by a pyte screen."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False
        self.received = bytearray()  # every byte the child wrote, for tests of what it sends

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
        self.received.extend(data)
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
