"""One visitor's app process: started without a shell in a process group of its own, and
stopped for certain when the visitor's tab goes away.

textual-serve's :class:`AppService` starts the app through ``sh -c`` and stops it by
asking it to quit and waiting as long as that takes; an app stuck in a slow worker (or
its annotation workers) would outlive the tab. Here the quit request gets a few seconds,
then the whole group is terminated, then killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Sequence
from typing import Any

from textual_serve.app_service import AppService

QUIT_GRACE = 3.0
"""Seconds an app has to quit by itself once its tab is gone."""
TERM_GRACE = 2.0
"""Seconds between SIGTERM and SIGKILL to the app's process group."""
GONE_WAIT = 1.0
"""Seconds at most to wait for the killed group to be gone (an unreaped zombie stays)."""


class AppSession(AppService):
    """An :class:`AppService` that runs ``argv`` directly and always ends its process."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)

    @property
    def process(self) -> Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,  # its own group: its workers end with it
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's output; once it has gone (quit, crashed, killed), close the
        tab's socket, so the page says the session ended and its slot is free at once."""
        try:
            await super().run()
        finally:
            with contextlib.suppress(Exception):
                await self.remote_close()

    async def stop(self) -> None:
        """Ask the app to quit; if it has not within :data:`QUIT_GRACE` s, end its group."""
        try:
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        except (TimeoutError, ConnectionError, RuntimeError):
            pass
        finally:
            await self._end_process()

    async def _end_process(self) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            _signal_group(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), TERM_GRACE)
            except TimeoutError:
                _signal_group(process.pid, signal.SIGKILL)
                await process.wait()
        # the app is gone; anything it started in its group goes with it
        _signal_group(process.pid, signal.SIGKILL)
        await _group_gone(process.pid)


async def _group_gone(pgid: int, timeout: float = GONE_WAIT) -> None:
    """Wait (a moment at most) until the kernel has ended every process of the group: a
    signalled process lingers briefly, and a caller counting processes must not see it."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return
        await asyncio.sleep(0.01)


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
