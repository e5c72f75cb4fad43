"""The events of an annotation on a timeline: dated events in time order, undated apart.

A pure view over the model (no NLP), shared by the CLI and the reader's events pane.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui.model import Annotation, Event, TimeExpression
from tui.nlp.time.values import time_start


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event with the time it is placed at (None in the undated lane)."""

    event: Event
    value: str | None
    start: dt.date | None
    anchor: str | None

    @property
    def dated(self) -> bool:
        return self.start is not None


@dataclass(frozen=True, slots=True)
class Timeline:
    dated: tuple[TimelineEntry, ...]
    undated: tuple[TimelineEntry, ...]


def event_time(annotation: Annotation, event: Event) -> tuple[str | None, dt.date | None]:
    """The TIMEX3 value an event is placed at and the first day it covers.

    An event attached only to the publication date is placed there; vague references
    ("PAST_REF") and unresolved expressions leave the event undated.
    """
    timex: TimeExpression | None = next(
        (t for t in annotation.timexes if t.id == event.time_id), None
    )
    if timex is not None and timex.value is not None:
        start = time_start(timex.value)
        if start is not None:
            return timex.value, start
    if event.time_anchor == "publication" and annotation.article.date:
        return annotation.article.date, time_start(annotation.article.date)
    return None, None


def timeline(annotation: Annotation, *, min_salience: float = 0.0) -> Timeline:
    """Events ordered by normalised time (ties by position in the text), undated apart."""
    dated: list[TimelineEntry] = []
    undated: list[TimelineEntry] = []
    for event in annotation.events:
        if event.salience < min_salience:
            continue
        value, start = event_time(annotation, event)
        entry = TimelineEntry(event, value, start, event.time_anchor)
        (dated if start is not None else undated).append(entry)
    dated.sort(key=lambda e: (e.start, len(e.value or ""), e.event.trigger.start))
    undated.sort(key=lambda e: (-e.event.salience, e.event.trigger.start))
    return Timeline(tuple(dated), tuple(undated))
