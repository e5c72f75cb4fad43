"""Linking across articles: the same real-world event, the same person.

Events are linked on what identifies an event rather than on when it was reported: a
compatible trigger (same lemma or same group of event words and the same coarse type), a
compatible normalised time that is the event's own (never the publication-date default:
articles keep mentioning older events), and a shared participant or place. Precision is
favoured: events without a shared named argument, or whose own times conflict, are not
linked, and statements need the same own time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.model import Annotation, Event
from tui.nlp.eventlexicon import LIGHT_VERBS, same_event_group
from tui.nlp.names import fold, name_key


@dataclass(frozen=True, slots=True)
class EventKey:
    """What one event offers for comparison with events of other articles."""

    article_id: str
    event_id: str
    lemma: str
    group: int | None
    type: str
    time: str | None
    names: frozenset[str]


def speaker_key(name: str) -> str:
    """A stable key for a person across articles: the folded full name."""
    return name_key(name)


def _argument_names(annotation: Annotation, event: Event) -> frozenset[str]:
    names: set[str] = set()
    speakers = {s.id: s for s in annotation.speakers}
    entities = {e.id: e for e in annotation.entities}
    for participant in event.participants:
        if participant.ref in speakers:
            names.add(speaker_key(speakers[participant.ref].name))
        elif participant.ref in entities:
            names.add(fold(entities[participant.ref].name))
        elif participant.mention is not None and participant.mention.text[:1].isupper():
            names.add(fold(participant.mention.text))
    if event.place_id in entities:
        names.add(fold(entities[event.place_id].name))
    return frozenset(n for n in names if n)


def event_keys(annotation: Annotation) -> list[EventKey]:
    timexes = {t.id: t for t in annotation.timexes}
    keys = []
    for event in annotation.events:
        own_time = None
        if event.time_anchor in {"explicit", "sentence"} and event.time_id in timexes:
            own_time = timexes[event.time_id].value
        keys.append(
            EventKey(
                article_id=annotation.article.id,
                event_id=event.id,
                lemma=event.lemma,
                group=same_event_group(event.lemma),
                type=event.type,
                time=own_time,
                names=_argument_names(annotation, event),
            )
        )
    return keys


def _times_agree(a: str | None, b: str | None) -> bool:
    if not a or not b or a.endswith("_REF") or b.endswith("_REF"):
        return False
    return a.startswith(b) or b.startswith(a)


def _names_shared(a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    # "Boeing" ~ "Boeing Co": one name's words within the other's
    return any(
        set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in a for y in b
    )


def _times_compatible(a: str | None, b: str | None) -> bool:
    """No conflict: equal or nested values, or at least one side without its own time."""
    known_a = a if a and not a.endswith("_REF") else None
    known_b = b if b and not b.endswith("_REF") else None
    if known_a is None or known_b is None:
        return True
    return known_a.startswith(known_b) or known_b.startswith(known_a)


def same_event(a: EventKey, b: EventKey) -> bool:
    """Whether two events of different articles are one real-world event.

    The trigger must match and a named participant or place must be shared. Statements
    and light verbs recur too often to link without agreeing own times ("Jobs said …" is
    many events); other events link unless their own times conflict.
    """
    if a.article_id == b.article_id:
        return False
    trigger_match = a.lemma == b.lemma or (a.group is not None and a.group == b.group)
    if not trigger_match or not _names_shared(a.names, b.names):
        return False
    if a.type == "statement" or b.type == "statement" or a.lemma in LIGHT_VERBS:
        return _times_agree(a.time, b.time)
    return _times_compatible(a.time, b.time)


def link_events(annotations: Sequence[Annotation]) -> list[list[tuple[str, str]]]:
    """Clusters of (article id, event id) naming one event in two or more articles."""
    keys = [key for annotation in annotations for key in event_keys(annotation)]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_group: dict[object, list[int]] = {}
    for index, key in enumerate(keys):
        by_group.setdefault(key.group if key.group is not None else key.lemma, []).append(index)
    for members in by_group.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if same_event(keys[i], keys[j]):
                    parent[find(i)] = find(j)
    clusters: dict[int, list[tuple[str, str]]] = {}
    for index, key in enumerate(keys):
        clusters.setdefault(find(index), []).append((key.article_id, key.event_id))
    return [
        members for members in clusters.values() if len({article for article, _ in members}) > 1
    ]


def link_speakers(annotations: Sequence[Annotation]) -> dict[str, list[tuple[str, str]]]:
    """Every speaker key with the (article id, speaker id) pairs it appears as."""
    people: dict[str, list[tuple[str, str]]] = {}
    for annotation in annotations:
        for speaker in annotation.speakers:
            key = speaker.key or speaker_key(speaker.name)
            people.setdefault(key, []).append((annotation.article.id, speaker.id))
    return people
