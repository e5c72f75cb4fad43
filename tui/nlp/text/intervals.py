"""Which recorded span overlaps a position, without scanning every span.

Event extraction asks, for thousands of tokens, which speaker or entity mention, time
expression or quote covers them; a linear scan per question made long articles quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Half-open ``[start, end)`` spans with values; earlier-given spans win ties."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        ranked = sorted(
            ((start, end, rank, value) for rank, (start, end, value) in enumerate(spans)),
            key=lambda item: (item[0], item[2]),
        )
        self._items = ranked
        self._starts = [item[0] for item in ranked]
        self._longest = max((end - start for start, end, _, _ in ranked), default=0)

    def _candidates(self, start: int, end: int) -> list[tuple[int, int, int, T]]:
        """Spans that start late enough to reach ``start`` and before ``end``."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return self._items[low:high]

    def overlapping(self, start: int, end: int) -> T | None:
        """The first-given span's value that shares a character with ``[start, end)``."""
        best: tuple[int, T] | None = None
        for s, e, rank, value in self._candidates(start, end):
            if s < end and start < e and (best is None or rank < best[0]):
                best = (rank, value)
        return None if best is None else best[1]

    def containing(self, start: int, end: int) -> T | None:
        """The first-given span's value that contains all of ``[start, end)``."""
        best: tuple[int, T] | None = None
        for s, e, rank, value in self._candidates(start, max(end, start + 1)):
            if s <= start and end <= e and (best is None or rank < best[0]):
                best = (rank, value)
        return None if best is None else best[1]
