"""A program in a pseudo-terminal, its output read back through a VT emulator.

The one screen reader of the project: the benchmark times what a user sees with it (from
starting a process, or a key, to text on the emulated screen), and the end-to-end tests
drive the real ``byline`` with it (``tests/pty_screen.py`` adds their assertions).
pexpect runs the program in a pty; pyte keeps the screen it draws.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Self

COLUMNS, ROWS = 80, 24
NOISE = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
"""Variables of the calling shell that would change what the child draws."""


class ScreenTimeout(RuntimeError):
    """The expected screen never showed (the message carries the screen)."""


class PtyScreen:
    """Spawn ``argv`` in a ``columns``×``rows`` pty and feed everything it writes into a
    pyte screen. ``env`` is added to this process's environment (minus :data:`NOISE`), or
    is the whole environment with ``inherit_env=False``."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        *,
        cwd: Path | str | None = None,
        columns: int = COLUMNS,
        rows: int = ROWS,
        inherit_env: bool = True,
    ) -> None:
        import pexpect

        if inherit_env:
            base = {k: v for k, v in os.environ.items() if k not in NOISE}
            environment = base | {"TERM": "xterm-256color", **(env or {})}
        else:
            environment = dict(env or {})
        child = pexpect.spawn(
            argv[0],
            list(argv[1:]),
            cwd=None if cwd is None else str(cwd),
            env=environment,
            dimensions=(rows, columns),
            timeout=None,
        )
        self._attach(child, columns, rows)

    @classmethod
    def attach(cls, child: Any, *, columns: int = COLUMNS, rows: int = ROWS) -> Self:
        """Read a child spawned elsewhere (over ssh, say) in a ``columns``×``rows`` pty."""
        screen = cls.__new__(cls)
        screen._attach(child, columns, rows)
        return screen

    def _attach(self, child: Any, columns: int, rows: int) -> None:
        import pyte

        self.child = child
        self.columns, self.rows = columns, rows
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.received = bytearray()  # every byte the child wrote
        self.eof = False
        self.started = time.perf_counter()

    # ------------------------------------------------------------------ reading
    def pump(self, timeout: float = 0.1) -> int:
        """Feed what the child wrote (waiting up to ``timeout``): bytes read, -1 once it
        has ended."""
        import pexpect

        if self.eof:
            return -1
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return 0
        except pexpect.EOF:
            self.eof = True
            return -1
        self.received.extend(data)
        self._stream.feed(data)
        return len(data)

    def drain(self) -> None:
        """Read everything already written, without waiting for more."""
        while self.pump(timeout=0.05) > 0:
            pass

    def read_for(self, seconds: float) -> None:
        """Keep reading the screen for ``seconds`` (let a screen finish its work)."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.pump(timeout=0.02) >= 0:
            pass

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Read until the child has been silent for ``quiet`` seconds (a whole frame in)."""
        deadline = time.monotonic() + timeout
        last_output = time.monotonic()
        while time.monotonic() < deadline and not self.eof:
            if self.pump(timeout=0.05) > 0:
                last_output = time.monotonic()
            elif time.monotonic() - last_output >= quiet:
                return

    # ------------------------------------------------------------------ looking
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def describe(self) -> str:
        state = "exited" if self.eof else "running"
        rule = "-" * self.columns
        return f"(child {state}) screen:\n{rule}\n{self.text()}\n{rule}"

    # ------------------------------------------------------------------ waiting
    def wait_until(
        self, check: Callable[[PtyScreen], bool], timeout: float, what: str = "the screen"
    ) -> float:
        """Read until ``check`` holds; seconds from the spawn (or the last :meth:`send`).
        Raises :class:`ScreenTimeout`, with the screen, on a timeout or an early exit."""
        deadline = time.perf_counter() + timeout
        while not check(self):
            if self.eof:
                raise ScreenTimeout(f"exited before {what} showed; {self.describe()}")
            if time.perf_counter() > deadline:
                raise ScreenTimeout(f"{what} never showed in {timeout:.0f}s; {self.describe()}")
            self.pump(timeout=0.01)
        return time.perf_counter() - self.started

    def wait_all(self, expected: Sequence[str], timeout: float = 60.0) -> float:
        """Seconds from the spawn (or the last :meth:`send`) until every text of
        ``expected`` is on screen at once."""
        return self.wait_until(
            lambda screen: all(part in screen.text() for part in expected),
            timeout,
            repr(tuple(expected)),
        )

    def wait_for(self, expected: str, timeout: float = 60.0) -> float:
        """Seconds from the spawn (or the last :meth:`send`) until ``expected`` shows."""
        return self.wait_all((expected,), timeout)

    # ------------------------------------------------------------------ typing
    def send(self, keys: str) -> None:
        """Type ``keys`` and start timing from now (what the waits then measure)."""
        self.child.send(keys)
        self.started = time.perf_counter()

    def press(self, keys: str) -> None:
        """Type ``keys`` after reading what is already on its way (a key answers a screen
        the child has finished drawing)."""
        self.drain()
        self.send(keys)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close(force=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
