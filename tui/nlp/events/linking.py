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
import itertools
import json
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from tui.model import Annotation, Event, Span
from tui.nlp.events.lexicon import (
    LIGHT_VERBS,
    NAME_STOPWORDS,
    STATE_VERBS,
    event_type,
    same_event_group,
    trigger_stem,
)
from tui.nlp.quotes.cues import CLAUSE_CUES
from tui.nlp.speakers.names import fold, name_key
from tui.nlp.time.values import time_span

LINK_WINDOW_DAYS = 7
"""Events without agreeing own times link only if their articles are this close in date."""

YEAR_CHARS = 4
"""A time shorter than a year ("201", a decade) is too vague to say two events are one."""

NAMED_SPEAKERS = frozenset({"person", "organization"})
"""Speaker kinds that are names; a group or an unnamed source is a description."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Term = tuple[int | str, str, str, str | int]
"""An index term: (trigger group or lemma, name token, kind, a time prefix or date window)."""


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
            speaker = speakers[participant.ref]
            if speaker.kind in NAMED_SPEAKERS:  # not "officials", "protesters with flags"
                names.add(speaker_key(speaker.name))
        elif participant.ref in entities:
            names.add(fold(entities[participant.ref].name))
        elif participant.mention is not None and _looks_named(participant.mention, event.sentence):
            names.add(fold(participant.mention.text))
    if event.place_id in entities:
        names.add(fold(entities[event.place_id].name))
    return frozenset(n for n in names if name_words(n))


SUBJECT_LABELS = frozenset({"PERSON", "ORG"})
"""Who an article is about: a person or an organisation (a place is the setting of many
unrelated events: "US", "London")."""


def article_subject(annotation: Annotation) -> frozenset[str]:
    """The name an article is about, standing in for an event's arguments when the parser
    found none of them named ("Jobs … on medical leave", "since its launch"): the person
    or organisation mentioned most, when it is mentioned at least twice and more than any
    other. Empty when no single name leads."""
    counts = sorted(
        (
            (len(entity.mentions), fold(entity.name))
            for entity in annotation.entities
            if entity.label in SUBJECT_LABELS and name_words(fold(entity.name))
        ),
        reverse=True,
    )
    if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return frozenset()
    return frozenset({counts[0][1]})


def _looks_named(mention: Span, sentence: Span | None) -> bool:
    """Words that name someone (no NER entity: a bare argument) are capitalised, function
    words aside; a first word's capital says nothing when it starts the sentence ("The
    crash", "Officials said"), nor does one capital in a description ("legislation to
    fund the government through September")."""
    words = mention.text.split()
    if sentence is not None and mention.start == sentence.start:
        words = words[1:]
    content = [word for word in words if name_words(fold(word))]
    return bool(content) and all(word[:1].isupper() or word[:1].isdigit() for word in content)


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
    subject = article_subject(annotation)
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
                names=_argument_names(annotation, event) or subject,
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


def _anchor(key: EventKey) -> tuple[int, int] | None:
    """When an event happened, as days (first, last): its own time when that is a day, a
    week or a month; else the day its article appeared (news reports what is recent)."""
    if key.time is not None and _time_can_agree(key.time):
        span = time_span(key.time)
        if span is not None:
            return span[0].toordinal(), span[1].toordinal()
    if key.date is None:
        return None
    day = _day(key.date)
    return day, day


def _near(a: EventKey, b: EventKey) -> bool:
    """Whether the two events' anchors lie within :data:`LINK_WINDOW_DAYS` of each other."""
    first, second = _anchor(a), _anchor(b)
    if first is None or second is None:
        return False
    gap = max(first[0] - second[1], second[0] - first[1], 0)
    return gap <= LINK_WINDOW_DAYS


def can_link(key: EventKey) -> bool:
    """Only occurrences make stories: never a light verb ("have", "make") nor a state, a
    perception, a mental attitude or an aspect (:data:`STATE_VERBS`: "think", "see",
    "want", "remain", "begin"), which many articles mention without one event behind."""
    lemma = key.lemma.lower()
    return lemma not in LIGHT_VERBS and lemma not in STATE_VERBS


def _needs_own_time(key: EventKey) -> bool:
    """Statements recur too often to link on anything but their own time: the statement
    type, and the verbs that report a clause ("add", "note") unless the lexicon gives them
    a type of their own ("rule", "attack"). A function of what the stored keys keep."""
    lemma = key.lemma.lower()
    return key.type == "statement" or (lemma in CLAUSE_CUES and event_type(lemma) == "other")


def same_event(a: EventKey, b: EventKey) -> bool:
    """Whether two events of different articles are one real-world event.

    Both must be occurrences (:func:`can_link`), the trigger must match and a named
    participant or place must be shared. Statements recur too often to link without
    agreeing own times ("Jobs said …" is many events); other events link when their own
    times agree, or when those do not conflict and they happened within
    :data:`LINK_WINDOW_DAYS` of each other (:func:`_anchor`: an event without a day, week
    or month of its own happened when its article appeared).
    """
    if a.article_id == b.article_id or not can_link(a) or not can_link(b):
        return False
    if trigger_key(a) != trigger_key(b) or not _names_shared(a.names, b.names):
        return False
    if _needs_own_time(a) or _needs_own_time(b):
        return _times_agree(a.time, b.time)
    if not _times_compatible(a.time, b.time):
        return False
    return _times_agree(a.time, b.time) or _near(a, b)


# -- index terms: incremental linking --------------------------------------------------------

TIME_LEVELS = (YEAR_CHARS, 7, 10)
"""Prefix lengths own times are indexed at (year, month, day): a day only meets its own
day and the bare years and months that contain it, not every event of its year."""


def trigger_key(key: EventKey) -> int | str:
    """What two linked events' triggers share: the word group, else the lemma's stem (a
    verb and its nominalisations are one trigger: "resign", "resignation")."""
    return key.group if key.group is not None else trigger_stem(key.lemma)


def _time_slots(time: str, *, query: bool) -> list[tuple[str, str | int]]:
    """Agreeing times are nested prefixes. A time is stored as itself ("te") cut to its
    deepest level and as a prefix ("tp") at the coarser ones; a lookup asks for itself
    cut to each of its levels (the same or a coarser time) and, unless it is a day, for
    the finer times it prefixes."""
    levels = [length for length in TIME_LEVELS if length <= len(time)]
    top = levels[-1]
    if not query:
        return [("te", time[:top]), *(("tp", time[:length]) for length in levels[:-1])]
    slots: list[tuple[str, str | int]] = [("te", time[:length]) for length in levels]
    if top != TIME_LEVELS[-1]:
        slots.append(("tp", time[:top]))
    return slots


SUBSET_WORDS = 4
"""A name of up to this many words looks up each of its subsets exactly; a longer one
(rare, and mostly a description) looks its words up one by one."""


def _stored_tokens(names: frozenset[str]) -> set[str]:
    """What names are stored under. Names are shared when one's words lie within the
    other's (:func:`_names_shared`). Every name is stored as itself (``n`` and its sorted
    words); a longer one also as ``w`` with each of its words, so that the names holding
    some words are found together."""
    tokens: set[str] = set()
    for name in names:
        words = sorted(name_words(name))
        tokens.add("n " + " ".join(words))
        if len(words) > 1:
            tokens.update(f"w {word}" for word in words)
    return tokens


def _sought_tokens(names: frozenset[str]) -> set[frozenset[str]]:
    """What names look up, as groups a stored name must hold all of: the longer names
    holding all of a name's words (``w``, every word), and the names made of some of its
    words (``n``, each subset exactly): together, exactly the names sharing one with it.
    Past :data:`SUBSET_WORDS` words, any one ``w`` or ``n`` word stands for the subsets."""
    groups: set[frozenset[str]] = set()
    for name in names:
        words = sorted(name_words(name))
        if not words:
            continue
        if len(words) > SUBSET_WORDS:  # each word alone finds what all of them would
            groups.update(frozenset({f"w {word}"}) for word in words)
            groups.update(frozenset({f"n {word}"}) for word in words)
            continue
        groups.add(frozenset(f"w {word}" for word in words))
        groups.update(
            frozenset({"n " + " ".join(subset)})
            for size in range(1, len(words) + 1)
            for subset in itertools.combinations(words, size)
        )
    return groups


def _slots(key: EventKey, *, query: bool) -> list[tuple[str, str | int]]:
    """Own-time slots, then the date windows of its anchor (:func:`_anchor`; a lookup
    also asks for the neighbouring windows): ``d`` for an event without a time precise
    enough to agree, ``dt`` for one with. Two timed events link only when their times
    agree (they meet in the time slots), so a timed event looks up only ``d`` windows."""
    slots: list[tuple[str, str | int]] = []
    timed = key.time is not None and _time_can_agree(key.time)
    if key.time is not None and timed:
        slots.extend(_time_slots(key.time, query=query))
    anchor = _anchor(key)
    if anchor is not None and not _needs_own_time(key):
        first, last = anchor[0] // LINK_WINDOW_DAYS, anchor[1] // LINK_WINDOW_DAYS
        buckets = range(first - 1, last + 2) if query else range(first, last + 1)
        kinds = ("d",) if query and timed else ("d", "dt") if query else ("dt" if timed else "d",)
        slots.extend((kind, bucket) for bucket in buckets for kind in kinds)
    return slots


def link_terms(key: EventKey) -> frozenset[Term]:
    """The terms an event is stored under; empty when it can never link.

    Whenever ``same_event(a, b)``, one of ``query_groups(a)`` lies wholly within
    ``link_terms(b)`` (so ``query_terms(a) & link_terms(b)`` is not empty), and the other
    way round: linked events share a trigger group, names (one's words within the
    other's) and either nested own times or neighbouring date windows.
    """
    if not can_link(key):
        return frozenset()
    slots = _slots(key, query=False)
    trigger = trigger_key(key)
    return frozenset(
        (trigger, token, kind, value)
        for token in _stored_tokens(key.names)
        for kind, value in slots
    )


def query_groups(
    key: EventKey, present: Container[str] | None = None
) -> frozenset[frozenset[Term]]:
    """The lookups for a new event (its date's window and both neighbours): a stored
    event is worth comparing only when it is stored under every term of some group.
    With ``present`` (the name tokens some stored event has, of :func:`sought_tokens`),
    only the groups whose tokens are all present: the others can find nothing."""
    if not can_link(key):
        return frozenset()
    slots = _slots(key, query=True)
    trigger = trigger_key(key)
    return frozenset(
        frozenset((trigger, token, kind, value) for token in group)
        for group in _sought_tokens(key.names)
        if present is None or all(token in present for token in group)
        for kind, value in slots
    )


def sought_tokens(key: EventKey) -> frozenset[str]:
    """Every name token :func:`query_groups` may look up."""
    if not can_link(key):
        return frozenset()
    return frozenset(token for group in _sought_tokens(key.names) for token in group)


def query_terms(key: EventKey) -> frozenset[Term]:
    """Every term :func:`query_groups` looks up."""
    return frozenset(term for group in query_groups(key) for term in group)


@cache
def link_rules_digest() -> int:
    """A fingerprint of everything :func:`link_terms` and :func:`same_event` depend on
    (the word lists, the windows and levels, the stemming and salience rules), as a
    signed 64-bit integer: a library whose stories were linked under other rules links
    them again (:mod:`tui.library.stories`)."""
    from tui.model import SALIENT_EVENT
    from tui.nlp.events import lexicon

    parts = [
        sorted(LIGHT_VERBS),
        sorted(STATE_VERBS),
        sorted(CLAUSE_CUES),
        sorted(NAME_STOPWORDS),
        [sorted(group) for group in lexicon.SAME_EVENT_WORDS],
        sorted(lexicon.EVENT_NOUNS),
        {kind: sorted(words.split()) for kind, words in lexicon._TYPE_WORDS.items()},
        list(lexicon.NOMINAL_SUFFIXES),
        list(lexicon._ION_AFTER),
        lexicon._MIN_STEM,
        sorted(NAMED_SPEAKERS),
        sorted(SUBJECT_LABELS),
        [LINK_WINDOW_DAYS, YEAR_CHARS, list(TIME_LEVELS), SUBSET_WORDS, SALIENT_EVENT],
    ]
    text = json.dumps(parts, sort_keys=True)
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@lru_cache(maxsize=1 << 16)
def term_hash(term: Term) -> int:
    """A term as a signed 64-bit integer: what an SQLite index can hold of it."""
    text = "\x1f".join(f"{type(part).__name__[0]}{part}" for part in term)
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def link_events(
    annotations: Sequence[Annotation], *, min_salience: float = 0.0
) -> list[list[tuple[str, str]]]:
    """Clusters of (article id, event id) naming one event in two or more articles;
    with ``min_salience``, among the events at least that salient only."""
    keys = [
        key
        for annotation in annotations
        for event, key in zip(annotation.events, event_keys(annotation), strict=True)
        if event.salience >= min_salience
    ]
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_group: dict[object, list[int]] = {}
    for index, key in enumerate(keys):
        by_group.setdefault(trigger_key(key), []).append(index)
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
