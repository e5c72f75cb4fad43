"""Score records made of counts, which add up exactly when micro-averaging."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from typing import Any


def add_counts(total: Any, other: Any) -> None:
    """Add every int and Counter field of ``other`` to ``total`` (same dataclass)."""
    for field in fields(total):
        mine = getattr(total, field.name)
        theirs = getattr(other, field.name)
        if isinstance(mine, Counter):
            mine.update(theirs)
        elif isinstance(mine, int) and not isinstance(mine, bool):
            setattr(total, field.name, mine + theirs)
