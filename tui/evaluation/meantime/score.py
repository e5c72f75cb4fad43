"""Scoring against MEANTIME gold: span matching, per-document scores for event triggers,
participants and time expressions, and pairwise cross-document event linking.

Scoring is pure, so tests can score hand-built annotations without loading spaCy; rates
follow :mod:`tui.evaluation.quotes` (×100, micro-averaged, an empty denominator scores 0 for
P/R/F1 and None for accuracies).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, TypeAlias

from tui.evaluation.counts import Counts, percent, prf, prf_dict, rounded
from tui.evaluation.meantime.gold import MeantimeDocument, MeantimeError, Pieces
from tui.model import Annotation, Span

# -- matching -------------------------------------------------------------------------------


def _overlap(pieces: Pieces, start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def match_spans(gold: Sequence[Pieces], predicted: Sequence[tuple[int, int]]) -> dict[int, int]:
    """A one-to-one matching ``{gold index: predicted index}`` of overlapping spans.

    Pairs are taken greedily by decreasing overlap, then augmenting paths add any pair the
    greedy order blocked: a maximum matching, so one long prediction covering two gold
    mentions counts once, and each gold mention gets its best-overlapping prediction.
    """
    candidates: dict[int, list[tuple[int, int]]] = {}
    pairs = []
    for g, pieces in enumerate(gold):
        for p, (start, end) in enumerate(predicted):
            size = _overlap(pieces, start, end)
            if size > 0:
                pairs.append((size, g, p))
                candidates.setdefault(g, []).append((size, p))
    for options in candidates.values():
        options.sort(key=lambda item: (-item[0], item[1]))
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for _size, g, p in sorted(pairs, key=lambda item: (-item[0], item[1], item[2])):
        if g not in gold_to_pred and p not in pred_to_gold:
            gold_to_pred[g], pred_to_gold[p] = p, g

    def augment(g: int, seen: set[int]) -> bool:
        for _size, p in candidates.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in pred_to_gold or augment(pred_to_gold[p], seen):
                gold_to_pred[g], pred_to_gold[p] = p, g
                return True
        return False

    for g in candidates:
        if g not in gold_to_pred:
            augment(g, set())
    return dict(sorted(gold_to_pred.items()))


def predicted_triggers(annotation: Annotation, region_end: int | None) -> list[tuple[str, Span]]:
    """Every predicted trigger mention starting before ``region_end``: ``(event id, span)``.

    Each span in ``event.trigger`` and ``event.mentions`` is one mention (an event's repeated
    span counts once); ``region_end`` None takes the whole text.
    """
    mentions = []
    for event in annotation.events:
        seen: set[tuple[int, int]] = set()
        for span in (event.trigger, *event.mentions):
            if region_end is not None and span.start >= region_end:
                continue
            if (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                mentions.append((event.id, span))
    return mentions


def match_events(
    document: MeantimeDocument, annotation: Annotation, *, whole_document: bool = False
) -> dict[str, str]:
    """Which of our events each matched gold event mention went to: ``{m_id: event id}``.

    By default in the annotated region; ``whole_document`` matches every gold event mention
    (the corpus-level ones further down included) against every predicted trigger.
    """
    if whole_document:
        gold = tuple(m for m in document.markables if m.tag == "EVENT_MENTION" and m.pieces)
        predicted = predicted_triggers(annotation, None)
    else:
        gold = document.event_mentions
        predicted = predicted_triggers(annotation, document.region_end)
    matching = match_spans([m.pieces for m in gold], [(s.start, s.end) for _, s in predicted])
    return {gold[g].m_id: predicted[p][0] for g, p in matching.items()}


# -- per-document scores ----------------------------------------------------------------------


@dataclass(slots=True)
class DocumentScore(Counts):
    """Counts for one document (or a sum of them); every rate derives from the counts."""

    COUNTED = (
        "documents",
        "events_gold",
        "events_predicted",
        "events_matched",
        "participants_gold",
        "participants_found",
        "timex_gold",
        "timex_predicted",
        "timex_matched",
        "timex_value_correct",
    )

    id: str = ""
    topic: str = ""
    documents: int = 1
    events_gold: int = 0
    events_predicted: int = 0
    events_matched: int = 0
    participants_gold: int = 0
    participants_found: int = 0
    timex_gold: int = 0
    timex_predicted: int = 0
    timex_matched: int = 0
    timex_value_correct: int = 0
    roles_gold: Counter[str] = field(default_factory=Counter)
    roles_found: Counter[str] = field(default_factory=Counter)

    @property
    def events(self) -> tuple[float, float, float]:
        return prf(self.events_matched, self.events_gold, self.events_predicted)

    @property
    def timex(self) -> tuple[float, float, float]:
        return prf(self.timex_matched, self.timex_gold, self.timex_predicted)

    @property
    def participant_recall(self) -> float | None:
        return percent(self.participants_found, self.participants_gold)

    @property
    def timex_value_accuracy(self) -> float | None:
        return percent(self.timex_value_correct, self.timex_matched)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "topic": self.topic,
            "counts": self.counts(),
            "event_triggers": prf_dict(self.events),
            "participant_recall": rounded(self.participant_recall),
            "timex_spans": prf_dict(self.timex),
            "timex_value_accuracy": rounded(self.timex_value_accuracy),
            "participants_by_role": {
                role: {
                    "gold": self.roles_gold[role],
                    "found": self.roles_found[role],
                    "recall": rounded(percent(self.roles_found[role], self.roles_gold[role])),
                }
                for role in sorted(self.roles_gold)
            },
        }


def _timex_in_scope(document: MeantimeDocument, start: int, end: int) -> bool:
    dateline_start, dateline_end = document.dateline
    in_dateline = start < dateline_end and dateline_start < end
    return start < document.region_end and not in_dateline


def score_document(document: MeantimeDocument, annotation: Annotation) -> DocumentScore:
    """Score one annotation's events, participants and time expressions in the region."""
    if annotation.article.text != document.text:
        raise MeantimeError(f"{document.name}: the annotation is of a different text")
    score = DocumentScore(id=document.name, topic=document.topic)

    gold_events = document.event_mentions
    predicted = predicted_triggers(annotation, document.region_end)
    matched = match_events(document, annotation)
    score.events_gold = len(gold_events)
    score.events_predicted = len(predicted)
    score.events_matched = len(matched)

    events = {event.id: event for event in annotation.events}
    markables = {m.m_id: m for m in document.markables}
    for link in document.scored_participants:
        score.roles_gold[link.sem_role] += 1
        event = events.get(matched.get(link.event, ""))
        target = markables[link.target]
        found = event is not None and any(
            p.mention is not None and target.overlaps(p.mention.start, p.mention.end)
            for p in event.participants
        )
        score.roles_found[link.sem_role] += found
    score.participants_gold = sum(score.roles_gold.values())
    score.participants_found = sum(score.roles_found.values())

    gold_timexes = document.timexes
    our_timexes = [t for t in annotation.timexes if _timex_in_scope(document, t.start, t.end)]
    timex_matching = match_spans(
        [m.pieces for m in gold_timexes], [(t.start, t.end) for t in our_timexes]
    )
    score.timex_gold = len(gold_timexes)
    score.timex_predicted = len(our_timexes)
    score.timex_matched = len(timex_matching)
    score.timex_value_correct = sum(
        our_timexes[p].value == gold_timexes[g].get("value") for g, p in timex_matching.items()
    )
    return score


# -- cross-document linking ---------------------------------------------------------------------

MentionKey: TypeAlias = tuple[int, str]  # (document index, gold event mention m_id)
Cluster: TypeAlias = Sequence[tuple[str, str]]  # (article id, event id)
LinkFunction: TypeAlias = Callable[[Sequence[Annotation]], Iterable[Cluster]]


@dataclass(slots=True)
class LinkScore(Counts):
    """Pairwise cross-document event coreference: pairs of gold event mentions in different
    documents, gold when they share an ``instance_id``, predicted when our clusters join the
    events they were matched to."""

    gold_pairs: int = 0
    predicted_pairs: int = 0
    correct_pairs: int = 0
    mentions: int = 0
    mentions_matched: int = 0

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.correct_pairs, self.gold_pairs, self.predicted_pairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            **prf_dict(self.prf),
            "pairs": {
                "gold": self.gold_pairs,
                "predicted": self.predicted_pairs,
                "correct": self.correct_pairs,
            },
            "mentions": {"gold": self.mentions, "matched": self.mentions_matched},
        }


def _pair(a: MentionKey, b: MentionKey) -> tuple[MentionKey, MentionKey]:
    return (a, b) if a <= b else (b, a)


def score_linking(
    documents: Sequence[MeantimeDocument],
    annotations: Sequence[Annotation],
    clusters: Iterable[Cluster],
    *,
    topic: str | None = None,
) -> LinkScore:
    """Pairwise precision/recall of our cross-article clusters against gold instance ids.

    Gold event mentions that belong to a corpus-level instance take part (grammatical events
    have none), in the whole document: the corpus-level annotation marks every mention of a
    cross-document instance, past the exhaustive region too, and in the region alone only
    three instances of the dev set cross documents. Each of our events stands for the gold
    mentions its trigger mentions matched; a link between events that match no such mention
    cannot be judged and is not counted. With ``topic``, only pairs within that topic.
    """
    chosen = [i for i, d in enumerate(documents) if topic is None or d.topic == topic]
    instances: dict[MentionKey, frozenset[str]] = {}
    owner: dict[tuple[str, str], list[MentionKey]] = defaultdict(list)
    for index in chosen:
        document, annotation = documents[index], annotations[index]
        for mention in document.markables:
            if mention.tag == "EVENT_MENTION" and mention.pieces and mention.instance_ids:
                instances[(index, mention.m_id)] = frozenset(mention.instance_ids)
        for m_id, event_id in match_events(document, annotation, whole_document=True).items():
            if (index, m_id) in instances:
                owner[(annotation.article.id, event_id)].append((index, m_id))

    by_instance: dict[str, set[MentionKey]] = defaultdict(set)
    for key, ids in instances.items():
        for instance in ids:
            by_instance[instance].add(key)
    gold: set[tuple[MentionKey, MentionKey]] = set()
    for keys in by_instance.values():
        gold.update(_pair(a, b) for a, b in combinations(sorted(keys), 2) if a[0] != b[0])

    predicted: set[tuple[MentionKey, MentionKey]] = set()
    for cluster in clusters:
        keys = sorted({key for member in cluster for key in owner.get(tuple(member), ())})
        predicted.update(_pair(a, b) for a, b in combinations(keys, 2) if a[0] != b[0])

    return LinkScore(
        gold_pairs=len(gold),
        predicted_pairs=len(predicted),
        correct_pairs=len(gold & predicted),
        mentions=len(instances),
        mentions_matched=sum(len(keys) for keys in owner.values()),
    )
