"""What event extraction works on: an event :class:`Mention` before merging, and the
:class:`Context` it reads besides the parse (the rest of the annotation, indexed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.model import Entity, Participant, Quantity, Quote, Span, Speaker, TimeExpression
from tui.nlp.text.intervals import Intervals

if TYPE_CHECKING:
    from spacy.tokens import Doc


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class Mention:
    """One event trigger in the text, before mentions of one event are merged."""

    trigger: Span
    lemma: str
    type: str
    paragraph: int
    sentence: Span
    token: int
    doc: Doc
    offset: int
    is_noun: bool
    definite: bool
    participants: list[Participant] = field(default_factory=list)
    place_id: str | None = None
    time: TimeExpression | None = None
    time_anchor: str | None = None
    status: str = "happened"
    reported_by: str | None = None
    verbatim: bool = False  # inside a direct quotation: a source's words, not the report's
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Context:
    """What event extraction reads besides the parse: the rest of the annotation."""

    text: str
    date: dt.date | None
    timexes: Sequence[TimeExpression]
    quotes: Sequence[Quote]
    speakers: Sequence[Speaker]
    entities: Sequence[Entity]
    verbs: frozenset[str] = frozenset()
    references: Intervals[str] = field(init=False, repr=False, compare=False)
    places: Intervals[str] = field(init=False, repr=False, compare=False)
    timex_spans: Intervals[TimeExpression] = field(init=False, repr=False, compare=False)
    quote_spans: Intervals[Quote] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the spans that every trigger is checked against."""
        mentioned = [(m.start, m.end, s.id) for s in self.speakers for m in s.mentions]
        mentioned += [(m.start, m.end, e.id) for e in self.entities for m in e.mentions]
        places = [
            (m.start, m.end, e.id)
            for e in self.entities
            if e.label in PLACE_LABELS
            for m in e.mentions
        ]
        object.__setattr__(self, "references", Intervals(mentioned))
        object.__setattr__(self, "places", Intervals(places))
        object.__setattr__(
            self, "timex_spans", Intervals((t.start, t.end, t) for t in self.timexes)
        )
        object.__setattr__(self, "quote_spans", Intervals((q.start, q.end, q) for q in self.quotes))
