"""One synthetic article: pieces combined into the annotation the engine would have made of
the whole text, every record moved to its new offset and renumbered, and the check that
renumbering kept every reference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from tui.bench.synthetic.dates import _parse_date, shift_value
from tui.bench.synthetic.names import _PLACEHOLDER, NameVariant
from tui.bench.synthetic.pieces import ParagraphPiece
from tui.model import (
    Annotation,
    Article,
    EngineInfo,
    Entity,
    Event,
    ModelError,
    Participant,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpression,
    content_id,
)

SOURCE = "Byline benchmark (synthetic)"


def closing_line(number: int) -> str:
    """The last line of synthetic article ``number``: it makes the text, so the content id,
    unique even when the same paragraphs come up in the same order."""
    return f"(Synthetic article {number} of the Byline benchmark.)"


def _mover(offset: int, text: str | None) -> Callable[[Span], Span]:
    """Moves a paragraph's span to the paragraph's ``offset`` in the article; a span of a
    laid-out paragraph (:class:`NameIndex`) that covers a respelt word takes its text from
    the respelt ``text``."""
    if text is None:
        return lambda span: Span(span.start + offset, span.end + offset, span.text)

    def move(span: Span) -> Span:
        words = span.text
        if _PLACEHOLDER in words:
            words = text[span.start : span.end]
        return Span(span.start + offset, span.end + offset, words)

    return move


@dataclass(slots=True)
class _MergedSpeaker:
    """A speaker being assembled from the paragraphs that quote or mention it."""

    id: str
    first: Speaker
    name: str
    role: str | None
    country: str | None
    entity_id: str | None
    names: list[str] = field(default_factory=list)  # every name and alias, in order
    mentions: list[Span] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)

    def record(self) -> Speaker:
        aliases = tuple(dict.fromkeys(n for n in self.names if n != self.name))
        return replace(
            self.first,
            id=self.id,
            name=self.name,
            role=self.role,
            country=self.country,
            aliases=aliases,
            entity_id=self.entity_id,
            mentions=tuple(self.mentions),
            quote_ids=tuple(self.quote_ids),
        )


def combine(
    pieces: Sequence[ParagraphPiece],
    title: str | None,
    date: str | None,
    number: int,
    variant: NameVariant | None = None,
) -> Annotation:
    """Synthetic article ``number``: the pieces' paragraphs joined by blank lines, plus
    :func:`closing_line`, annotated as the engine would have annotated the whole.

    Every record moves to its paragraph's offset and is renumbered in reading order
    (``q``, ``s``, ``v``, ``t``, ``e``), every cross-reference with it; speakers with the
    same ``key`` and entities with the same label and name become one. Time expressions
    move with the article's ``date`` (see :func:`shift_value`). With a ``variant`` (its
    story thread's names) name words are respelt in the text, the title and every name,
    and spans follow their words. The article id is the text's :func:`content_id`, as
    for any other article.
    """
    rewrites = [None if variant is None else variant.rewrite(p.annotation) for p in pieces]
    parts = [p.annotation if r is None else r[0] for p, r in zip(pieces, rewrites, strict=True)]
    texts = [
        part.article.text if r is None else r[1] for part, r in zip(parts, rewrites, strict=True)
    ]
    text = "\n\n".join([*texts, closing_line(number)])
    if variant is not None and title is not None:
        title = variant.rename(title)
    target = _parse_date(date)

    entities: dict[tuple[str, str], tuple[str, list[Span], Entity]] = {}  # by label, name
    speakers: dict[str, _MergedSpeaker] = {}  # by key (or a fresh id when it has none)
    quotes: list[Quote] = []
    events: list[Event] = []
    timexes: list[TimeExpression] = []

    offset = 0
    for part, paragraph, rewrite in zip(parts, texts, rewrites, strict=True):
        original = _parse_date(part.article.date)
        move = _mover(offset, None if rewrite is None else paragraph)

        entity_ids: dict[str, str] = {}
        for entity in part.entities:
            name = entity.name if variant is None else variant.rename(entity.name)
            merged = entities.setdefault(
                (entity.label, name), (f"e{len(entities) + 1}", [], entity)
            )
            merged[1].extend(move(m) for m in entity.mentions)
            entity_ids[entity.id] = merged[0]

        quote_ids = {q.id: f"q{len(quotes) + i}" for i, q in enumerate(part.quotes, start=1)}
        timex_ids = {t.id: f"t{len(timexes) + i}" for i, t in enumerate(part.timexes, start=1)}

        speaker_ids: dict[str, str] = {}
        for speaker in part.speakers:
            if variant is not None:
                speaker = variant.speaker(speaker)
            slot = speaker.key or f"\0{len(speakers)}"  # no key: never merged
            merged_speaker = speakers.get(slot)
            if merged_speaker is None:
                merged_speaker = speakers[slot] = _MergedSpeaker(
                    id=f"s{len(speakers) + 1}",
                    first=speaker,
                    name=speaker.name,
                    role=speaker.role,
                    country=speaker.country,
                    entity_id=entity_ids.get(speaker.entity_id or ""),
                )
            elif len(speaker.name) > len(merged_speaker.name):
                merged_speaker.name = speaker.name
            merged_speaker.role = merged_speaker.role or speaker.role
            merged_speaker.country = merged_speaker.country or speaker.country
            merged_speaker.entity_id = merged_speaker.entity_id or entity_ids.get(
                speaker.entity_id or ""
            )
            merged_speaker.names.extend((speaker.name, *speaker.aliases))
            merged_speaker.mentions.extend(move(m) for m in speaker.mentions)
            merged_speaker.quote_ids.extend(
                quote_ids[q] for q in speaker.quote_ids if q in quote_ids
            )
            speaker_ids[speaker.id] = merged_speaker.id

        # records are built field by field (dataclasses.replace costs a third of the
        # time); the single-piece round trip in the tests catches a field added later
        for quote in part.quotes:
            moved = move(Span(quote.start, quote.end, quote.text))
            quotes.append(
                Quote(
                    id=quote_ids[quote.id],
                    start=moved.start,
                    end=moved.end,
                    text=moved.text,
                    kind=quote.kind,
                    cue=None if quote.cue is None else move(quote.cue),
                    speaker_id=speaker_ids.get(quote.speaker_id or ""),
                    speaker_mention=(
                        None if quote.speaker_mention is None else move(quote.speaker_mention)
                    ),
                    confidence=quote.confidence,
                )
            )

        for timex in part.timexes:
            value = timex.value
            if original is not None and target is not None:
                value = shift_value(value, original, target)
            moved = move(Span(timex.start, timex.end, timex.text))
            timexes.append(
                TimeExpression(
                    id=timex_ids[timex.id],
                    start=moved.start,
                    end=moved.end,
                    text=moved.text,
                    type=timex.type,
                    value=value,
                    mod=timex.mod,
                    resolved=timex.resolved,
                )
            )

        for event in part.events:
            events.append(
                Event(
                    id=f"v{len(events) + 1}",
                    trigger=move(event.trigger),
                    lemma=event.lemma,
                    type=event.type,
                    sentence=None if event.sentence is None else move(event.sentence),
                    participants=tuple(
                        Participant(
                            p.role,
                            None if p.mention is None else move(p.mention),
                            speaker_ids.get(p.ref or "") or entity_ids.get(p.ref or ""),
                        )
                        for p in event.participants
                    ),
                    place_id=entity_ids.get(event.place_id or ""),
                    time_id=timex_ids.get(event.time_id or ""),
                    time_anchor=event.time_anchor,
                    status=event.status,
                    reported_by=speaker_ids.get(event.reported_by or ""),
                    mentions=tuple(move(m) for m in event.mentions),
                    quantities=tuple(
                        Quantity(move(q.span), q.value, q.unit, q.qualifier)
                        for q in event.quantities
                    ),
                    salience=event.salience,
                    background=event.background,
                )
            )
        offset += len(paragraph) + 2  # the "\n\n" between paragraphs

    article = Article(content_id(text), title, date, SOURCE, None, text)
    return Annotation(
        article=article,
        entities=tuple(
            replace(entity, id=new_id, name=name, mentions=tuple(mentions))
            for (_, name), (new_id, mentions, entity) in entities.items()
        ),
        speakers=tuple(s.record() for s in speakers.values()),
        quotes=tuple(quotes),
        events=tuple(events),
        timexes=tuple(timexes),
        engine=pieces[0].annotation.engine if pieces else EngineInfo("", ""),
    )


def check_references(annotation: Annotation) -> None:
    """Raise :class:`ModelError` if an id is repeated or a reference names no record
    (what :meth:`Annotation.validate` does not check, and renumbering could break)."""
    ids: dict[str, set[str]] = {}
    for kind, records in (
        ("entity", annotation.entities),
        ("speaker", annotation.speakers),
        ("quote", annotation.quotes),
        ("event", annotation.events),
        ("timex", annotation.timexes),
    ):
        seen = {r.id for r in records}
        if len(seen) != len(records):
            raise ModelError(f"repeated {kind} ids")
        ids[kind] = seen

    def need(kind: str, ref: str | None, where: str) -> None:
        if ref is not None and ref not in ids[kind]:
            raise ModelError(f"{where}: no {kind} {ref!r}")

    for speaker in annotation.speakers:
        need("entity", speaker.entity_id, speaker.id)
        for quote_id in speaker.quote_ids:
            need("quote", quote_id, speaker.id)
    for quote in annotation.quotes:
        need("speaker", quote.speaker_id, quote.id)
        owner = annotation.speaker(quote.speaker_id)
        if owner is not None and quote.id not in owner.quote_ids:
            raise ModelError(f"{quote.id}: not among {owner.id}'s quote ids")
    for event in annotation.events:
        need("entity", event.place_id, event.id)
        need("timex", event.time_id, event.id)
        need("speaker", event.reported_by, event.id)
        for participant in event.participants:
            if participant.ref is not None and not (
                participant.ref in ids["speaker"] or participant.ref in ids["entity"]
            ):
                raise ModelError(f"{event.id}: no speaker or entity {participant.ref!r}")
