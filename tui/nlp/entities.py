"""Named entities: spaCy's NER mentions, grouped into one entity per real-world name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.model import Entity, Span
from tui.nlp.speakers.names import fold
from tui.nlp.text.paragraphs import Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from tui.nlp.speakers.resolver import SpeakerResolver

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)


def collect_entities(
    text: str, parsed: list[tuple[Paragraph, Doc]], resolver: SpeakerResolver
) -> list[Entity]:
    """One :class:`Entity` per name cluster (people via the speaker resolver's name
    clusters, so "Trump" joins "Donald Trump"), others by folded name."""
    groups: dict[str, dict[str, object]] = {}
    order: list[str] = []
    for paragraph, doc in parsed:
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start = paragraph.start + ent.start_char
            end = paragraph.start + ent.end_char
            cluster = resolver.cluster_at(start, end)
            key = (
                f"c{cluster.id}"
                if cluster is not None and not cluster.common
                else f"{ent.label_}:{fold(ent.text)}"
            )
            if key not in groups:
                groups[key] = {"labels": {}, "names": [], "mentions": []}
                order.append(key)
            group = groups[key]
            labels: dict[str, int] = group["labels"]  # type: ignore[assignment]
            labels[ent.label_] = labels.get(ent.label_, 0) + 1
            group["names"].append(ent.text)  # type: ignore[union-attr]
            group["mentions"].append(Span.of(text, start, end))  # type: ignore[union-attr]
    entities: list[Entity] = []
    for index, key in enumerate(order, start=1):
        group = groups[key]
        labels = group["labels"]  # type: ignore[assignment]
        names: list[str] = group["names"]  # type: ignore[assignment]
        label = max(labels, key=lambda name: labels[name])
        if key.startswith("c") and "PERSON" in labels:
            label = "PERSON"
        entities.append(
            Entity(
                id=f"e{index}",
                label=label,
                name=max(names, key=lambda n: (len(n.split()), names.count(n))),
                mentions=tuple(group["mentions"]),  # type: ignore[arg-type]
            )
        )
    return entities
