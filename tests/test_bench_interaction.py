"""The cached-open and interaction bench figures (small inputs), and the span index.

The figures are only checked for shape: timings depend on the machine, so no test here
asserts a duration. The span index is checked against brute force on random inputs.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.bench.figures import Figure
from tui.bench.interaction import (
    CACHED_OPEN,
    CACHED_OPEN_TARGET_MS,
    INTERACTION,
    INTERACTION_TARGET_MS,
    long_annotation,
    measure_cached_open,
    measure_interaction,
)
from tui.highlight import Painted
from tui.widgets.article_view import spans_by_line


def _check(figure: Figure, name: str, target: float) -> None:
    assert isinstance(figure, Figure)
    assert figure.name == name
    assert figure.unit == "ms"
    assert figure.target == target
    assert figure.better == "lower"
    assert math.isfinite(figure.value) and figure.value > 0


@pytest.mark.slow
def test_cached_open_is_a_figure() -> None:
    figure = measure_cached_open(words=300, repeats=1)
    _check(figure, CACHED_OPEN, CACHED_OPEN_TARGET_MS)
    assert figure.detail["words"] >= 300
    assert figure.detail["repeats"] == 1


@pytest.mark.slow
def test_interaction_is_a_figure() -> None:
    figure = measure_interaction(words=2000, repeats=3)
    _check(figure, INTERACTION, INTERACTION_TARGET_MS)
    assert figure.detail["words"] >= 2000
    assert figure.detail["spans"] > 0
    assert figure.detail["next_quote_ms"] > 0 and figure.detail["select_speaker_ms"] > 0


@pytest.mark.slow
def test_long_annotation_is_valid_with_unique_ids() -> None:
    annotation = long_annotation(2000)
    annotation.validate()
    ids = [s.id for s in annotation.speakers] + [q.id for q in annotation.quotes]
    ids += [e.id for e in annotation.events] + [t.id for t in annotation.timexes]
    assert len(ids) == len(set(ids))
    speakers = {s.id for s in annotation.speakers}
    assert all(q.speaker_id is None or q.speaker_id in speakers for q in annotation.quotes)


# ------------------------------------------------------------------ the span index


def _brute_force(spans: list[Painted], lines: list[tuple[int, int]]) -> list[list[Painted]]:
    return [[s for s in spans if s.start < end and start < s.end] for start, end in lines]


def _lines(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Ordered, non-overlapping lines, some empty, some with gaps between them."""
    lines: list[tuple[int, int]] = []
    position = rng.randrange(0, 5)
    for _ in range(count):
        start = position + rng.choice((0, 0, 0, 1, 2))
        end = start + rng.randrange(0, 12)
        lines.append((start, end))
        position = end
    return lines


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_spans_by_line_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    lines = _lines(rng, rng.randrange(0, 30))
    limit = (lines[-1][1] if lines else 0) + 10
    spans = []
    for index in range(rng.randrange(0, 60)):
        start = rng.randrange(0, limit)
        spans.append(Painted(start, start + rng.randrange(0, 40), index))  # type: ignore[arg-type]
    assert spans_by_line(spans, lines) == _brute_force(spans, lines)


def test_spans_by_line_keeps_painting_order() -> None:
    spans = [Painted(5, 9, "a"), Painted(0, 20, "b"), Painted(6, 7, "c")]  # type: ignore[arg-type]
    assert spans_by_line(spans, [(0, 4), (4, 8), (8, 12)]) == [
        [spans[1]],
        [spans[0], spans[1], spans[2]],
        [spans[0], spans[1]],
    ]
