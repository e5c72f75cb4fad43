"""A program in an 80×24 pseudo-terminal, its output read back through a VT emulator.

The benchmark times what a user sees: from starting a process to text on the emulated
screen (pexpect runs it in a pty, pyte keeps the screen), not what the program reports.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence

COLUMNS, ROWS = 80, 24
_NOISE = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


class ScreenTimeout(RuntimeError):
    """The expected text never showed (the message carries the screen)."""


class PtyScreen:
    """Spawn ``argv`` in a pty and feed everything it writes into a pyte screen."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        import pexpect
        import pyte

        base = {k: v for k, v in os.environ.items() if k not in _NOISE}
        base |= {"TERM": "xterm-256color", **(env or {})}
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0], list(argv[1:]), env=base, dimensions=(ROWS, COLUMNS), timeout=None
        )

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, expected: str, timeout: float = 60.0) -> float:
        """Seconds from the spawn until ``expected`` is on screen."""
        return self.wait_all((expected,), timeout)

    def wait_all(self, expected: Sequence[str], timeout: float = 60.0) -> float:
        """Seconds from the spawn (or the last :meth:`mark`) until every text of
        ``expected`` is on screen at once."""
        import pexpect

        deadline = time.perf_counter() + timeout
        while not all(part in self.text() for part in expected):
            if time.perf_counter() > deadline or not self.child.isalive():
                raise ScreenTimeout(f"{expected!r} never showed; screen:\n{self.text()}")
            try:
                self._stream.feed(self.child.read_nonblocking(65536, timeout=0.01))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        if not all(part in self.text() for part in expected):
            raise ScreenTimeout(f"exited before {expected!r} showed; screen:\n{self.text()}")
        return time.perf_counter() - self.started

    def send(self, keys: str) -> None:
        """Type ``keys`` and start timing from now (what :meth:`wait_all` then measures)."""
        self.child.send(keys)
        self.started = time.perf_counter()

    def settle(self, seconds: float) -> None:
        """Keep reading the screen for ``seconds`` (let a screen finish its work)."""
        import pexpect

        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            try:
                self._stream.feed(self.child.read_nonblocking(65536, timeout=0.02))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def close(self) -> None:
        self.child.terminate(force=True)
        self.child.close(force=True)

    def __enter__(self) -> PtyScreen:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
