"""The real ``byline serve`` in a subprocess, for the server and browser tests.

:func:`served` starts it on a free loopback port (``--port 0``) with fresh data, cache,
config and state folders and a library of annotated articles (so no app process loads
spaCy), reads the address it prints, and stops it, and everything it started, when the
block ends. :func:`descendants` lists the processes a server has started, from ``/proc``,
which is how the tests count app sessions.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import pytest
from pty_screen import byline_executable, new_user_env

from tui.library import Library
from tui.model import Annotation, Article
from tui.nlp import ENGINE_VERSION
from tui.nlp.pipeline import resolve_model_name

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_ANNOTATION = REPO_ROOT / "tests" / "data" / "seed-annotation.json"
START_TIMEOUT = 60.0
ADDRESS = re.compile(r"http://127\.0\.0\.1:(?P<port>\d+)/\?token=(?P<token>[\w.~-]+)")
TOKEN = "test-token-0123456789abcdef"
T = TypeVar("T")


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    token: str
    output: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"

    def sessions(self) -> list[int]:
        """The pids of the app processes this server runs, one a session."""
        return children(self.process.pid)

    def wait_sessions(self, count: int, timeout: float = 20.0) -> list[int]:
        def counted() -> list[int] | None:
            pids = self.sessions()
            return pids if len(pids) == count else None

        return wait_until(counted, timeout, f"{count} app processes (have {self.sessions()})")


def wait_until(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll ``probe`` until it returns something other than ``None``; fail with ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def _processes() -> Iterator[tuple[int, int, int]]:
    """``(pid, parent pid, process group)`` of every live process (zombies left out)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp …: comm may hold spaces and parentheses
        state, ppid, pgrp = stat[stat.rindex(")") + 2 :].split()[:3]
        if state != "Z":
            yield int(entry.name), int(ppid), int(pgrp)


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (children, grandchildren, …)."""
    parents: dict[int, list[int]] = {}
    for child, parent, _ in _processes():
        parents.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def children(pid: int) -> list[int]:
    """The live processes ``pid`` started itself: a server's app sessions."""
    return [child for child, parent, _ in _processes() if parent == pid]


def left_behind(groups: Iterable[int]) -> list[int]:
    """Live processes in these process groups: every session runs in a group of its own
    (its pid), so after it ends nothing may be left there, not even reparented to init."""
    wanted = set(groups)
    return [pid for pid, _, group in _processes() if group in wanted]


def gone(groups: Iterable[int], timeout: float = 5.0) -> bool:
    """Whether nothing is left in these process groups once the kernel has caught up
    (a process just sent SIGKILL is still listed for a moment)."""
    wanted = list(groups)
    deadline = time.monotonic() + timeout
    while left_behind(wanted):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def annotated_library(path: Path) -> list[Article]:
    """A library of two annotated articles (the seed and a follow-up of it), newest first."""
    seed = Annotation.from_json(SEED_ANNOTATION.read_text(encoding="utf-8"))
    follow_up = Article.from_text(
        seed.article.text + "\nMore to follow.",
        title="Follow-up: air defense for Ukraine",
        date="2025-06-26",
        source=seed.article.source,
    )
    annotations = [replace(seed, article=follow_up), seed]
    with Library(path) as library:
        for annotation in annotations:
            library.store_annotation(annotation, ENGINE_VERSION, resolve_model_name(None))
    return [a.article for a in annotations]


@contextmanager
def served(tmp_path: Path, *options: str) -> Iterator[Served]:
    """``byline serve --port 0 --db LIB OPTIONS…`` running until the block ends."""
    executable = byline_executable()
    if executable is None:
        pytest.skip(f"no `byline` executable beside {sys.executable} or on PATH")
    db = tmp_path / "served.sqlite3"
    if not db.exists():
        annotated_library(db)
    env = new_user_env(tmp_path)
    env["BYLINE_SERVE_TOKEN"] = TOKEN
    output = tmp_path / "serve-output.txt"
    with output.open("w") as sink:
        process = subprocess.Popen(
            [executable, "serve", "--port", "0", "--db", str(db), *options],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:

        def address() -> re.Match[str] | None:
            if process.poll() is not None:
                pytest.fail(f"byline serve exited ({process.returncode}):\n{output.read_text()}")
            return ADDRESS.search(output.read_text())

        found = wait_until(address, START_TIMEOUT, "byline serve to print its address")
        yield Served(process, int(found["port"]), found["token"], output)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """Stop the server as Ctrl+C does; kill it, and whatever it left, if it will not go."""
    left = descendants(process.pid)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for pid in left:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
