"""Mentions of one event inside the article ("a meeting … the encounter … the meeting") grouped
into clusters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.model import TimeExpression
from tui.nlp.events.lexicon import same_event_group

if TYPE_CHECKING:
    pass
from tui.nlp.events.context import Mention


def _times_compatible(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def corefer(antecedent: Mention, mention: Mention) -> bool:
    """Whether a later mention refers back to an earlier one's event."""
    group = same_event_group(mention.lemma)
    if group is None or group != same_event_group(antecedent.lemma):
        return False
    if _named_participants_conflict(antecedent, mention):
        return False  # "a NATO summit" is not "the Group of Seven summit"
    if not mention.is_noun:
        # a verb repeats an event only with the same explicit time ("met … in April")
        return (
            mention.time is not None
            and antecedent.time is not None
            and (mention.time.value is not None and mention.time.value == antecedent.time.value)
        )
    if not _times_compatible(
        antecedent.time if antecedent.time_anchor == "explicit" else None,
        mention.time if mention.time_anchor == "explicit" else None,
    ):
        return False
    if mention.time_anchor == "explicit" and antecedent.time_anchor == "explicit":
        return True  # same kind of event, same explicit time
    if mention.time_anchor == "explicit" and not antecedent.is_noun:
        return False  # "the April meeting" is not whatever earlier "met" had no date
    return mention.definite


def _names(mention: Mention) -> set[str]:
    return {
        p.mention.text.lower()
        for p in mention.participants
        if p.mention is not None and p.mention.text[:1].isupper() and p.role == "other"
    }


def _named_participants_conflict(a: Mention, b: Mention) -> bool:
    names_a, names_b = _names(a), _names(b)
    return bool(names_a and names_b) and not (names_a & names_b)


@dataclass(slots=True)
class Cluster:
    mentions: list[Mention]

    @property
    def head(self) -> Mention:
        """The most informative mention: an explicit time, then a noun, then the first."""
        return max(
            self.mentions,
            key=lambda m: (
                m.time_anchor == "explicit",
                m.time is not None,
                len(m.participants),
                -m.trigger.start,
            ),
        )


def cluster_mentions(mentions: Sequence[Mention]) -> list[Cluster]:
    """Merge mentions of one event, in reading order.

    A mention with an explicit time joins a compatible cluster with the same explicit time
    first ("the April meeting" → "met … in April"); otherwise the nearest compatible one.
    """
    clusters: list[Cluster] = []
    by_group: dict[int, list[Cluster]] = {}
    for mention in mentions:
        group = same_event_group(mention.lemma)
        if group is None:  # a word of no group refers back to nothing
            clusters.append(Cluster([mention]))
            continue
        candidates = [
            cluster
            for cluster in reversed(by_group.get(group, []))
            if any(corefer(previous, mention) for previous in cluster.mentions)
            and _cluster_time_ok(cluster, mention)
        ]
        same_time = [c for c in candidates if _shares_explicit_time(c, mention)]
        target = (same_time or candidates or [None])[0]
        if target is None:
            target = Cluster([mention])
            clusters.append(target)
            by_group.setdefault(group, []).append(target)
        else:
            target.mentions.append(mention)
    return clusters


def _shares_explicit_time(cluster: Cluster, mention: Mention) -> bool:
    if mention.time_anchor != "explicit" or mention.time is None or mention.time.value is None:
        return False
    return any(
        m.time_anchor == "explicit" and m.time is not None and m.time.value == mention.time.value
        for m in cluster.mentions
    )


def _cluster_time_ok(cluster: Cluster, mention: Mention) -> bool:
    if mention.time_anchor != "explicit":
        return True
    return all(
        _times_compatible(m.time, mention.time)
        for m in cluster.mentions
        if m.time_anchor == "explicit"
    )
