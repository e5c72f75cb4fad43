"""Progress shown on stderr while articles are annotated or stories linked: the one-line
``annotating done/total`` counter and the rich progress bar of ``byline index``. Both are
drawn only when stderr is a terminal; rich is imported only when the bar is made."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.library.batch import IndexStats


@contextmanager
def _annotating_line() -> Iterator[Callable[[IndexStats], None] | None]:
    """An ``annotating done/total`` line redrawn on stderr and erased at the end, only
    when stderr is a terminal (logs and pipes get just the summary)."""
    if not sys.stderr.isatty():
        yield None
        return

    def progress(stats: IndexStats) -> None:
        if stats.total:
            print(f"\rannotating {stats.done}/{stats.total}", end="", file=sys.stderr, flush=True)

    try:
        yield progress
    finally:
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def _index_progress(label: str = "annotating") -> Any:
    """A rich progress bar on stderr (done/total, articles/s, elapsed, ETA), drawn only
    when stderr is a terminal, so logs and pipes get just the summary."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = f"{speed:.1f}" if speed else "-"
            return Text(f"{shown} articles/s", style="progress.data.speed")

    console = Console(stderr=True)
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
