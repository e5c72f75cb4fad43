"""Linking across articles: the same real-world event, the same person.

Events are linked on what identifies an event rather than on when it was reported: a
compatible trigger (same lemma or same group of event words and the same coarse type), a
compatible normalised time that is the event's own (never the publication-date default:
articles keep mentioning older events), and a shared participant or place. Precision is
favoured: events without a shared named argument, or whose own times conflict, are not
linked; statements need the same own time, and other events need either that or articles
published within :data:`LINK_WINDOW_DAYS` of each other (a "story" never joins articles
years apart on a shared name alone).

:func:`link_terms` and :func:`query_terms` make linking incremental: every pair
:func:`same_event` accepts shares a term, so a new event only needs comparing with the
events stored under its query terms (see :mod:`tui.library.stories`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.model import Annotation, Event
from tui.nlp.eventlexicon import LIGHT_VERBS, NAME_STOPWORDS, same_event_group
from tui.nlp.names import fold, name_key

LINK_WINDOW_DAYS = 7
"""Events without agreeing own times link only if their articles are this close in date."""

YEAR_CHARS = 4
"""A time shorter than a year ("201", a decade) is too vague to say two events are one."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Term = tuple[int | str, str, str, str | int]
"""An index term: (trigger group or lemma, name word, kind, a time prefix or date window)."""


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
    date: str | None = None  # the article's publication date, YYYY-MM-DD


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
        elif participant.mention is not None and _looks_named(participant.mention.text):
            names.add(fold(participant.mention.text))
    if event.place_id in entities:
        names.add(fold(entities[event.place_id].name))
    return frozenset(n for n in names if name_words(n))


def _looks_named(text: str) -> bool:
    """Words that name someone have a capital beyond function words: "The crash" or "Some
    museums" owe theirs to starting a sentence."""
    return any(word[:1].isupper() and name_words(fold(word)) for word in text.split())


def name_words(name: str) -> frozenset[str]:
    """The words of a folded name that identify something: function words left out."""
    return frozenset(word for word in name.split() if word not in NAME_STOPWORDS)


def publication_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` prefix of an article date, or None when it is not a real date."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10]


def event_keys(annotation: Annotation) -> list[EventKey]:
    """One key per event of the article, in the order of ``annotation.events``."""
    timexes = {t.id: t for t in annotation.timexes}
    date = publication_date(annotation.article.date)
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
                date=date,
            )
        )
    return keys


def _time_can_agree(value: str | None) -> bool:
    """A time precise enough to identify an event: a year or finer, not a vague reference."""
    return value is not None and len(value) >= YEAR_CHARS and not value.endswith("_REF")


def _times_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or not _time_can_agree(a) or not _time_can_agree(b):
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


def _day(date: str) -> int:
    return dt.date.fromisoformat(date).toordinal()


def _dates_near(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and abs(_day(a) - _day(b)) <= LINK_WINDOW_DAYS


def _needs_own_time(key: EventKey) -> bool:
    """Statements and light verbs recur too often to link on anything but their own time."""
    return key.type == "statement" or key.lemma in LIGHT_VERBS


def same_event(a: EventKey, b: EventKey) -> bool:
    """Whether two events of different articles are one real-world event.

    The trigger must match and a named participant or place must be shared. Statements
    and light verbs recur too often to link without agreeing own times ("Jobs said …" is
    many events); other events link when their own times agree, or when those do not
    conflict and the articles appeared within :data:`LINK_WINDOW_DAYS` of each other.
    """
    if a.article_id == b.article_id:
        return False
    trigger_match = a.lemma == b.lemma or (a.group is not None and a.group == b.group)
    if not trigger_match or not _names_shared(a.names, b.names):
        return False
    if _needs_own_time(a) or _needs_own_time(b):
        return _times_agree(a.time, b.time)
    if not _times_compatible(a.time, b.time):
        return False
    return _times_agree(a.time, b.time) or _dates_near(a.date, b.date)


# -- index terms: incremental linking --------------------------------------------------------

TIME_LEVELS = (YEAR_CHARS, 10)
"""Prefix lengths own times are indexed at (year, day): a day only meets its own day and
the bare years and days that contain or equal it, not every event of its year."""


def trigger_key(key: EventKey) -> int | str:
    """What two linked events' triggers always share: the word group, else the lemma."""
    return key.group if key.group is not None else key.lemma


def _bucket(date: str) -> int:
    """The date window a day falls in: dates within the window are in neighbouring ones."""
    return _day(date) // max(LINK_WINDOW_DAYS, 1)


def _time_slots(time: str, *, query: bool) -> list[tuple[str, str | int]]:
    """Agreeing times are nested prefixes. Each time is stored exactly ("te") at its
    deepest level and as a prefix ("tp") at the shallower ones; a lookup asks for exact
    times at its own levels (the same or shorter time) and for prefixes at its deepest
    level (longer times)."""
    levels = [length for length in TIME_LEVELS if length <= len(time)]
    top = levels[-1]
    if not query:
        return [*(("tp", time[:length]) for length in levels[:-1]), ("te", time[:top])]
    slots: list[tuple[str, str | int]] = [("te", time[:length]) for length in levels]
    if top != TIME_LEVELS[-1]:
        slots.append(("tp", time[:top]))
    return slots


def _terms(key: EventKey, buckets: Sequence[int], *, query: bool) -> frozenset[Term]:
    words = {word for name in key.names for word in name_words(name)}
    slots: list[tuple[str, str | int]] = []
    if key.time is not None and _time_can_agree(key.time):
        slots.extend(_time_slots(key.time, query=query))
    if key.date is not None and not _needs_own_time(key):
        slots.extend(("d", bucket) for bucket in buckets)
    trigger = trigger_key(key)
    return frozenset((trigger, word, kind, value) for word in words for kind, value in slots)


def link_terms(key: EventKey) -> frozenset[Term]:
    """The terms an event is stored under; empty when it can never link.

    Whenever ``same_event(a, b)``, ``query_terms(a) & link_terms(b)`` is not empty: linked
    events share a trigger group, a name word (one name's words lie within the other's)
    and either nested own times or neighbouring date windows.
    """
    return _terms(key, () if key.date is None else (_bucket(key.date),), query=False)


def query_terms(key: EventKey) -> frozenset[Term]:
    """The terms to look up for a new event (its date's window and both neighbours)."""
    if key.date is None:
        return _terms(key, (), query=True)
    bucket = _bucket(key.date)
    return _terms(key, (bucket - 1, bucket, bucket + 1), query=True)


def term_hash(term: Term) -> int:
    """A term as a signed 64-bit integer, the form SQLite stores compactly."""
    text = "\x1f".join(f"{type(part).__name__[0]}{part}" for part in term)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


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
