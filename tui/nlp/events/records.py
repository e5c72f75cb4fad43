"""From clusters of mentions to :class:`~tui.model.Event` records, with salience and
background; :func:`extract_events` runs the whole events stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.model import Event, Participant, Quantity, TimeExpression
from tui.nlp.events.lexicon import LIGHT_VERBS
from tui.nlp.text.paragraphs import Paragraph
from tui.nlp.time.values import time_start

if TYPE_CHECKING:
    from spacy.tokens import Doc
from tui.nlp.events.context import Context, Mention
from tui.nlp.events.coreference import Cluster, cluster_mentions
from tui.nlp.events.details import longest_per_count
from tui.nlp.events.triggers import find_event_mentions

BACKGROUND_DAYS = 31
QUOTED_ONLY_PENALTY = 0.3  # salience an event loses when only a direct quotation names it


def build_events(clusters: Sequence[Cluster], context: Context, parsed_count: int) -> list[Event]:
    events: list[Event] = []
    for index, cluster in enumerate(
        sorted(clusters, key=lambda c: c.mentions[0].trigger.start), start=1
    ):
        head = cluster.head
        mentions = sorted(cluster.mentions, key=lambda m: m.trigger.start)
        participants = _merge_participants(m.participants for m in mentions)
        time_mention = next((m for m in mentions if m.time_anchor == "explicit"), None) or next(
            (m for m in mentions if m.time is not None), head
        )
        quantities = _merge_quantities(q for m in mentions for q in m.quantities)
        events.append(
            Event(
                id=f"v{index}",
                trigger=head.trigger,
                lemma=head.lemma,
                type=head.type
                if head.type != "other"
                else next((m.type for m in mentions if m.type != "other"), "other"),
                sentence=head.sentence,
                participants=participants,
                place_id=head.place_id or next((m.place_id for m in mentions if m.place_id), None),
                time_id=time_mention.time.id if time_mention.time is not None else None,
                time_anchor=time_mention.time_anchor,
                status=head.status,
                reported_by=head.reported_by,
                mentions=tuple(m.trigger for m in mentions if m is not head),
                quantities=quantities,
                salience=_salience(mentions, parsed_count),
                background=_is_background(time_mention.time, context.date),
            )
        )
    return events


def _merge_participants(groups) -> tuple[Participant, ...]:  # type: ignore[no-untyped-def]
    seen: dict[tuple[str, str | None, int, int], Participant] = {}
    for group in groups:
        for participant in group:
            span = participant.mention
            key = (
                participant.role,
                participant.ref,
                span.start if span else -1,
                span.end if span else -1,
            )
            seen.setdefault(key, participant)
    return tuple(seen.values())


def _merge_quantities(quantities) -> tuple[Quantity, ...]:  # type: ignore[no-untyped-def]
    return tuple(longest_per_count(list(quantities)))


def _salience(mentions: Sequence[Mention], paragraphs: int) -> float:
    first = mentions[0]
    position = 1.0 / (1 + first.paragraph)
    typed = 0.3 if first.type != "other" else 0.0
    repeated = min(0.3, 0.1 * (len(mentions) - 1))
    nominal = 0.1 if any(m.is_noun for m in mentions) else 0.0
    light = 0.3 if all(m.lemma in LIGHT_VERBS for m in mentions) else 0.0
    dated = 0.1 if any(m.time_anchor == "explicit" for m in mentions) else 0.0
    counted = 0.15 if any(m.quantities for m in mentions) else 0.0
    # only ever in a source's own words ("“…casualties in the Raqqa battle”"): what a
    # speaker mentions in passing, not what the article reports
    quoted = QUOTED_ONLY_PENALTY if all(m.verbatim for m in mentions) else 0.0
    score = 0.4 * position + typed + repeated + nominal + dated + counted - light - quoted
    return round(max(0.0, min(1.0, score)), 3)


def _is_background(time: TimeExpression | None, date: dt.date | None) -> bool:
    if time is None or date is None:
        return False
    start = time_start(time.value)
    return start is not None and (date - start).days > BACKGROUND_DAYS


def extract_events(parsed: Sequence[tuple[Paragraph, Doc]], context: Context) -> list[Event]:
    """Events of an article, one record per event, in order of first mention."""
    mentions = find_event_mentions(parsed, context)
    clusters = cluster_mentions(mentions)
    return build_events(clusters, context, len(parsed))
