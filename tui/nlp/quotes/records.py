"""The annotation's :class:`~tui.model.Quote` and :class:`~tui.model.Speaker` records from the
resolved candidates and the entities."""

from __future__ import annotations

from tui.model import Annotation, Article, EngineInfo, Entity, Quote, Span, Speaker
from tui.nlp.quotes.candidates import HEADLINE_NAMED_AGAIN
from tui.nlp.quotes.record import Candidate
from tui.nlp.speakers.clusters import Cluster, canonical_name, cluster_key, speaker_kind
from tui.nlp.speakers.quote_speakers import Found
from tui.nlp.speakers.words import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
)


def _shown_without_speaker(candidate: Candidate) -> bool:
    """A direct quote in marks stays even unattributed; an agentless report or a floating
    quote with nobody to inherit from does not."""
    return not candidate.floating and candidate.kind == "direct"


def _kept(item: Found) -> bool:
    """An agentless report, or a quote nobody can be found for, is not shown; a
    headline's source must be named again in the article."""
    if item.candidate.rule == HEADLINE_NAMED_AGAIN:
        return item.cluster is not None and len(item.cluster.mentions) >= 2
    return item.cluster is not None or _shown_without_speaker(item.candidate)


def build_records(
    article: Article, engine: EngineInfo, found: list[Found], entities: list[Entity]
) -> Annotation:
    text = article.text
    quotes: list[Quote] = []
    speaker_quotes: dict[int, list[str]] = {}
    order: list[Cluster] = []
    kept = [item for item in sorted(found, key=lambda f: f.start) if _kept(item)]
    for number, item in enumerate(kept, start=1):
        candidate = item.candidate
        quote_id = f"q{number}"
        cue = None
        if candidate.cue is not None:
            cue = Span.of(text, item.offset + candidate.cue[0], item.offset + candidate.cue[1])
        mention = Span.of(text, *item.mention) if item.mention is not None else None
        speaker_id = None
        if item.cluster is not None:
            if item.cluster.id not in speaker_quotes:
                speaker_quotes[item.cluster.id] = []
                order.append(item.cluster)
            speaker_quotes[item.cluster.id].append(quote_id)
            speaker_id = f"s{order.index(item.cluster) + 1}"
        confidence = (
            candidate.confidence if item.cluster is not None else candidate.confidence * 0.6
        )
        quotes.append(
            Quote(
                id=quote_id,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                kind=candidate.kind,  # type: ignore[arg-type]
                cue=cue,
                speaker_id=speaker_id,
                speaker_mention=mention,
                confidence=round(max(0.05, min(0.99, confidence)), 2),
            )
        )
    speakers = [
        _speaker_record(
            index,
            cluster,
            speaker_quotes[cluster.id],
            text,
            entities,
        )
        for index, cluster in enumerate(order, start=1)
    ]
    return Annotation(
        article=article,
        entities=tuple(entities),
        speakers=tuple(speakers),
        quotes=tuple(quotes),
        engine=engine,
    )


def _speaker_record(
    index: int, cluster: Cluster, quote_ids: list[str], text: str, entities: list[Entity]
) -> Speaker:
    name = canonical_name(cluster)
    mentions = sorted({(s, e) for s, e, _ in cluster.mentions if 0 <= s < e <= len(text)})
    aliases: list[str] = []
    for _, _, surface in sorted(cluster.mentions):
        if (
            surface.lower() in PERSON_PRONOUNS
            or surface.lower() in GROUP_PRONOUNS | THING_PRONOUNS | RELATIVE_PRONOUNS
        ):
            continue
        if surface != name and surface not in aliases:
            aliases.append(surface)
    entity_id = None
    for entity in entities:
        if any(any(m.start < e and s < m.end for s, e in mentions) for m in entity.mentions):
            entity_id = entity.id
            break
    role = max(cluster.roles, key=len) if cluster.roles else None
    country = sorted(cluster.countries)[0] if len(cluster.countries) == 1 else None
    return Speaker(
        id=f"s{index}",
        name=name,
        kind=speaker_kind(cluster),  # type: ignore[arg-type]
        role=role,
        country=country,
        aliases=tuple(aliases),
        entity_id=entity_id,
        mentions=tuple(Span.of(text, s, e) for s, e in mentions),
        quote_ids=tuple(quote_ids),
        key=cluster_key(cluster),
    )
