"""The annotation model: the one shape every part of Byline reads and writes.

Records are frozen dataclasses holding plain values (str, int, float, None, tuples of
records), so an :class:`Annotation` is immutable, hashable where it matters and
round-trips through JSON unchanged. Every offset is a Python string index into
``Annotation.article.text`` (end exclusive); ``text[start:end]`` always equals the
record's ``text``. The JSON field names are a public contract (``schema: byline/3``; a
``byline/2`` document, which had no ``stance`` quotes yet, and a ``byline/1`` one, which
had no event details yet, still read).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# json.dumps(ensure_ascii=False) escapes C0 controls but writes these raw: C1 controls and
# DEL (a terminal acts on them), bidi controls (they reorder what is shown) and lone
# surrogates (UTF-8 cannot encode them). As \uXXXX escapes they decode to the same string.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_json(document: str) -> str:
    """A JSON document with the characters above written as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


SCHEMA = "byline/3"
READABLE_SCHEMAS = frozenset({"byline/1", "byline/2", SCHEMA})

SpeakerKind = Literal["person", "organization", "group", "unnamed"]
QuoteKind = Literal["direct", "mixed", "indirect", "belief", "stance", "evidence", "endorsement"]
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "group", "unnamed")
QUOTE_KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")
"""Speech: words someone said or wrote, quoted (direct), in part (mixed) or reported."""
ATTRIBUTION_KINDS: tuple[str, ...] = ("belief", "stance", "evidence", "endorsement")
"""Attributions that are no speech: what someone believes, expects or wants ("Smith
believes the plan will fail"), whom or what someone criticises, praises or accuses (a
stance: "Cruz accused Trump of lying"), what a poll, a study or records show, whom someone
endorses. The reader shows or hides them apart; a person's quote counts leave them out."""
ALL_QUOTE_KINDS: tuple[str, ...] = QUOTE_KINDS + ATTRIBUTION_KINDS
NOT_SAID = "beliefs, stances, evidence and endorsements"
""":data:`ATTRIBUTION_KINDS` as the reader, People and the help name them."""


class ModelError(ValueError):
    """Raised when a JSON document is not a valid Byline annotation."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``, the one safe way to build a span."""
        return cls(start, end, text[start:end])

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _span_or_none(data: Any) -> Span | None:
    return None if data is None else Span.from_dict(data)


def content_id(text: str) -> str:
    """A stable id for an article body: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """An article's body text and metadata; all offsets in the model index ``text``."""

    id: str
    title: str | None
    date: str | None
    source: str | None
    url: str | None
    text: str

    def __post_init__(self) -> None:
        """Surrogate code points are not Unicode (no file decodes to them, but a Python
        string can hold them), and JSON cannot keep two adjacent ones apart from a pair:
        each becomes U+FFFD, one for one, so offsets hold and the JSON round-trips."""
        for name in ("title", "date", "source", "url", "text"):
            value = getattr(self, name)
            if value is not None and _SURROGATE.search(value):
                object.__setattr__(self, name, _SURROGATE.sub("\ufffd", value))

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        date: str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> Article:
        return cls(content_id(text), title, date, source, url, text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            title=data.get("title"),
            date=data.get("date"),
            source=data.get("source"),
            url=data.get("url"),
            text=str(data["text"]),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing the article mentions (spaCy NER, clustered by name)."""

    id: str
    label: str
    name: str
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "name": self.name,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(
            id=str(data["id"]),
            label=str(data["label"]),
            name=str(data["name"]),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", ())),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone (or some body) the article quotes, with every way it is referred to."""

    id: str
    name: str
    kind: SpeakerKind
    role: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    entity_id: str | None = None
    mentions: tuple[Span, ...] = ()
    quote_ids: tuple[str, ...] = ()
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "country": self.country,
            "aliases": list(self.aliases),
            "entity_id": self.entity_id,
            "mentions": [m.to_dict() for m in self.mentions],
            "quote_ids": list(self.quote_ids),
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        kind = str(data.get("kind", "unnamed"))
        if kind not in SPEAKER_KINDS:
            raise ModelError(f"speaker {data.get('id')!r}: unknown kind {kind!r}")
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=kind,  # type: ignore[arg-type]
            role=data.get("role"),
            country=data.get("country"),
            aliases=tuple(str(a) for a in data.get("aliases", ())),
            entity_id=data.get("entity_id"),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", ())),
            quote_ids=tuple(str(q) for q in data.get("quote_ids", ())),
            key=str(data.get("key", "")),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: what was said (the span), how (kind, cue) and by whom."""

    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: Span | None = None
    speaker_id: str | None = None
    speaker_mention: Span | None = None
    confidence: float = 0.5

    @property
    def is_speech(self) -> bool:
        """Words said (:data:`QUOTE_KINDS`), not a belief, evidence or an endorsement."""
        return self.kind in QUOTE_KINDS

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": None if self.cue is None else self.cue.to_dict(),
            "speaker_id": self.speaker_id,
            "speaker_mention": (
                None if self.speaker_mention is None else self.speaker_mention.to_dict()
            ),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        kind = str(data["kind"])
        if kind not in ALL_QUOTE_KINDS:
            raise ModelError(f"quote {data.get('id')!r}: unknown kind {kind!r}")
        return cls(
            id=str(data["id"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=kind,  # type: ignore[arg-type]
            cue=_span_or_none(data.get("cue")),
            speaker_id=data.get("speaker_id"),
            speaker_mention=_span_or_none(data.get("speaker_mention")),
            confidence=float(data.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Participant:
    """Who or what takes part in an event, in which role, named by which words.

    ``role`` is ``agent``, ``patient`` or ``other``; ``mention`` is the argument's words in
    the event's sentence; ``ref`` is the entity or speaker id when the argument is one.
    """

    role: str
    mention: Span | None = None
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "mention": None if self.mention is None else self.mention.to_dict(),
            "ref": self.ref,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Participant:
        return cls(
            role=str(data["role"]),
            mention=_span_or_none(data.get("mention")),
            ref=data.get("ref"),
        )


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number that belongs to an event: "21 people killed", "more than 300 wounded"."""

    span: Span
    value: float | None
    unit: str | None = None
    qualifier: str | None = None  # "more than", "at least", "about"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            # always a float, so a record read back serialises to the same JSON text
            "value": None if self.value is None else float(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quantity:
        value = data.get("value")
        return cls(
            span=Span.from_dict(data["span"]),
            value=None if value is None else float(value),
            unit=data.get("unit"),
            qualifier=data.get("qualifier"),
        )


EVENT_STATUSES: tuple[str, ...] = ("happened", "ongoing", "planned", "hypothetical", "negated")
TIME_ANCHORS: tuple[str, ...] = ("explicit", "sentence", "paragraph", "publication")


SALIENT_EVENT = 0.45
"""Events at least this salient are what an article reports rather than mentions in
passing: the reader's Events pane shows them and the library links them into Stories."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened, is happening or may happen, as the article reports it.

    One record per real-world event in the article: ``trigger`` is its most informative
    mention and ``mentions`` the others that refer to it ("the meeting", "the encounter").
    ``time_id`` names a :class:`TimeExpression`; ``time_anchor`` says how it was attached
    (explicit in the clause, inherited from the sentence or paragraph, or the publication
    date). ``reported_by`` is the speaker id when the event is asserted inside a quote.
    """

    id: str
    trigger: Span
    lemma: str
    type: str = "other"
    sentence: Span | None = None
    participants: tuple[Participant, ...] = ()
    place_id: str | None = None
    time_id: str | None = None
    time_anchor: str | None = None
    status: str = "happened"
    reported_by: str | None = None
    mentions: tuple[Span, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    salience: float = 0.0
    background: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "trigger": self.trigger.to_dict(),
            "lemma": self.lemma,
            "type": self.type,
            "sentence": None if self.sentence is None else self.sentence.to_dict(),
            "participants": [p.to_dict() for p in self.participants],
            "place_id": self.place_id,
            "time_id": self.time_id,
            "time_anchor": self.time_anchor,
            "status": self.status,
            "reported_by": self.reported_by,
            "mentions": [m.to_dict() for m in self.mentions],
            "quantities": [q.to_dict() for q in self.quantities],
            "salience": self.salience,
            "background": self.background,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            id=str(data["id"]),
            trigger=Span.from_dict(data["trigger"]),
            lemma=str(data.get("lemma", "")),
            type=str(data.get("type", "other")),
            sentence=_span_or_none(data.get("sentence")),
            participants=_records(Participant, data.get("participants", [])),
            place_id=data.get("place_id"),
            time_id=data.get("time_id"),
            time_anchor=data.get("time_anchor"),
            status=str(data.get("status", "happened")),
            reported_by=data.get("reported_by"),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", ())),
            quantities=_records(Quantity, data.get("quantities", [])),
            salience=float(data.get("salience", 0.0)),
            background=bool(data.get("background", False)),
        )


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its TIMEX3-style normalised value.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` is a TIMEX3 value ("2025-06-24",
    "2025-04", "2025-SU", "P3D", "PAST_REF", "PRESENT_REF"), None when it cannot be
    resolved (no publication date, say: then ``resolved`` is False and the text is kept);
    ``mod`` is a TIMEX3 modifier ("START", "END", "APPROX", "BEFORE", "AFTER", "SINCE").
    """

    id: str
    start: int
    end: int
    text: str
    type: str = "DATE"
    value: str | None = None
    mod: str | None = None
    resolved: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "resolved": self.resolved,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimeExpression:
        return cls(
            id=str(data["id"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            type=str(data.get("type", "DATE")),
            value=data.get("value"),
            mod=data.get("mod"),
            resolved=bool(data.get("resolved", True)),
        )


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """Which engine and pipeline produced an annotation (the cache key needs both)."""

    version: str
    model: str

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "model": self.model}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> EngineInfo:
        data = data or {}
        if not isinstance(data, Mapping):
            raise ModelError("engine must be a JSON object")
        return cls(str(data.get("version", "")), str(data.get("model", "")))


@dataclass(frozen=True, slots=True)
class Annotation:
    """An article and everything Byline found in it."""

    article: Article
    entities: tuple[Entity, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()
    engine: EngineInfo = field(default_factory=lambda: EngineInfo("", ""))

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """The speaker with this id, or None."""
        if speaker_id is None:
            return None
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def quotes_of(self, speaker_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.speaker_id == speaker_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "engine": self.engine.to_dict(),
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "speakers": [s.to_dict() for s in self.speakers],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "timexes": [t.to_dict() for t in self.timexes],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """JSON that is safe to print and to encode as UTF-8, whatever the article held."""
        return safe_json(json.dumps(self.to_dict(), ensure_ascii=False, indent=indent))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation:
        if not isinstance(data, Mapping):
            raise ModelError("an annotation must be a JSON object")
        schema = data.get("schema")
        if not isinstance(schema, str) or schema not in READABLE_SCHEMAS:
            raise ModelError(f"unsupported schema {schema!r} (expected {SCHEMA!r})")
        try:
            return cls(
                article=Article.from_dict(data["article"]),
                entities=_records(Entity, data.get("entities", ())),
                speakers=_records(Speaker, data.get("speakers", ())),
                quotes=_records(Quote, data.get("quotes", ())),
                events=_records(Event, data.get("events", ())),
                timexes=_records(TimeExpression, data.get("timexes", ())),
                engine=EngineInfo.from_dict(data.get("engine")),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as error:
            raise ModelError(f"malformed annotation: {error!r}") from error

    @classmethod
    def from_json(cls, text: str) -> Annotation:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ModelError(f"not JSON: {error}") from error
        except RecursionError:
            raise ModelError("not an annotation: JSON nested too deeply") from None
        return cls.from_dict(data)

    def validate(self) -> None:
        """Raise :class:`ModelError` if any span does not index the article text."""
        text = self.article.text
        for span in iter_spans(self):
            if not (0 <= span.start <= span.end <= len(text)):
                raise ModelError(f"span {span} lies outside the text")
            if text[span.start : span.end] != span.text:
                raise ModelError(f"span {span} does not match the text")


def _records(kind: Any, items: Any) -> tuple[Any, ...]:
    if not isinstance(items, list | tuple):
        raise ModelError(f"{kind.__name__.lower()} records must be a JSON list")
    for item in items:
        if not isinstance(item, Mapping):
            raise ModelError(f"each {kind.__name__.lower()} must be a JSON object")
    return tuple(kind.from_dict(item) for item in items)


def iter_spans(annotation: Annotation) -> Iterable[Span]:
    """Every span of an annotation, for validation and highlighting."""
    for entity in annotation.entities:
        yield from entity.mentions
    for speaker in annotation.speakers:
        yield from speaker.mentions
    for quote in annotation.quotes:
        yield Span(quote.start, quote.end, quote.text)
        if quote.cue is not None:
            yield quote.cue
        if quote.speaker_mention is not None:
            yield quote.speaker_mention
    for event in annotation.events:
        yield event.trigger
        yield from event.mentions
        if event.sentence is not None:
            yield event.sentence
        for participant in event.participants:
            if participant.mention is not None:
                yield participant.mention
        for quantity in event.quantities:
            yield quantity.span
    for timex in annotation.timexes:
        yield Span(timex.start, timex.end, timex.text)
