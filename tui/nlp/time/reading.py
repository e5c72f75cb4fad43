"""A TIMEX3 reading (:class:`Normalised`) and the small helpers every rule makes one with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Normalised:
    """A TIMEX3 reading: ``resolved`` is False when ``value`` is missing or still has
    unknown ("X") parts, so callers can tell a placed date from a guess."""

    type: str
    value: str | None
    mod: str | None = None
    resolved: bool = True


def with_mod(found: Normalised, mod: str | None) -> Normalised:
    return Normalised(found.type, found.value, mod or found.mod, found.resolved)


def made(kind: str, value: str | None, mod: str | None = None) -> Normalised:
    """A reading; a SET is resolved whenever it has a value ("every Monday" is XXXX-WXX-1)."""
    resolved = value is not None and (kind == "SET" or "X" not in value)
    return Normalised(kind, value, mod, resolved)


def _relative(
    kind: str,
    anchor: dt.date | None,
    value: Callable[[dt.date], str | None],
    mod: str | None = None,
) -> Normalised:
    """A reading whose value needs the anchor: with none, the type survives alone."""
    return made(kind, None if anchor is None else value(anchor), mod)


def word_bounded(phrase: str, start: int, end: int) -> bool:
    before = phrase[start - 1] if start > 0 else " "
    after = phrase[end] if end < len(phrase) else " "
    return not before.isalnum() and not after.isalnum()
