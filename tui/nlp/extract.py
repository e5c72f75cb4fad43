"""The engine: named stages over an article's parsed paragraphs, ending in an
:class:`~tui.model.Annotation`.

:data:`STAGES` lists the stages once, in the order they run, each with what it reads from
the article's :class:`Work` record and what it adds to it; :func:`extract_annotation` runs
them. The order matters: quote candidates are found per paragraph (offsets made absolute
here), then speakers are resolved across the whole article in reading order, so that a
pronoun or a floating quote can use what came before it; time expressions and events come
last, because they read the quotes, speakers and entities.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tui.model import Annotation, Article, EngineInfo, Entity, Event, TimeExpression
from tui.nlp.entities import collect_entities
from tui.nlp.events.context import Context as EventContext
from tui.nlp.events.records import extract_events
from tui.nlp.quotes.candidates import find_candidates
from tui.nlp.quotes.marks import QuotedSpan, find_quoted_spans
from tui.nlp.quotes.records import build_records
from tui.nlp.speakers.mentions import NameMention, collect_name_mentions
from tui.nlp.speakers.quote_speakers import Found, note_mistagged_names, resolve_speakers
from tui.nlp.speakers.resolver import SpeakerResolver
from tui.nlp.text.language import reads_as_english
from tui.nlp.text.paragraphs import Paragraph
from tui.nlp.time.expressions import extract_timexes, parse_anchor

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Work:
    """One article on its way through the stages: the inputs, then what the stages add
    (a field is set by the stage that :attr:`Stage.adds` it; reading it earlier fails)."""

    article: Article
    parsed: list[tuple[Paragraph, Doc]]
    engine: EngineInfo
    verbs: frozenset[str]
    quoted: list[QuotedSpan] = field(init=False)
    found: list[Found] = field(init=False)
    names: list[NameMention] = field(init=False)
    resolver: SpeakerResolver = field(init=False)
    entities: list[Entity] = field(init=False)
    annotation: Annotation = field(init=False)
    timexes: list[TimeExpression] = field(init=False)
    events: list[Event] = field(init=False)


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step of the engine: what it reads of :class:`Work`, what it adds, and how."""

    name: str
    reads: str
    adds: str
    run: Callable[[Work], None]


def _english_only(work: Work) -> None:
    # English rules read English only: other languages' paragraphs (a quoted blog post)
    # yield no quotes, names, entities, times or events
    work.parsed = [(p, doc) for p, doc in work.parsed if reads_as_english(p.text)]


def _quote_marks(work: Work) -> None:
    paragraphs = [p for p, _ in work.parsed]
    work.quoted = find_quoted_spans(work.article.text, paragraphs)


def _quote_candidates(work: Work) -> None:
    work.found = []
    for index, (paragraph, doc) in enumerate(work.parsed):
        spans = [s for s in work.quoted if paragraph.start <= s.start < paragraph.end]
        for candidate in find_candidates(doc, spans, paragraph.start):
            work.found.append(Found(candidate, index, paragraph.start, doc))


def _name_mentions(work: Work) -> None:
    work.names = collect_name_mentions([(p.start, d) for p, d in work.parsed])
    work.resolver = SpeakerResolver(work.names, work.article.date)


def _mistagged_names(work: Work) -> None:
    note_mistagged_names(work.parsed, work.names, work.resolver)


def _speaker_resolution(work: Work) -> None:
    resolve_speakers(work.found, work.resolver)


def _entities(work: Work) -> None:
    work.entities = collect_entities(work.article.text, work.parsed, work.resolver)


def _records(work: Work) -> None:
    work.annotation = build_records(work.article, work.engine, work.found, work.entities)


def _time_expressions(work: Work) -> None:
    work.timexes = extract_timexes(work.article.text, work.parsed, work.article.date)


def _events(work: Work) -> None:
    annotation = work.annotation
    article = annotation.article
    context = EventContext(
        text=article.text,
        date=parse_anchor(article.date),
        timexes=work.timexes,
        quotes=annotation.quotes,
        speakers=annotation.speakers,
        entities=annotation.entities,
        verbs=work.verbs,
    )
    work.events = extract_events(work.parsed, context)


STAGES: tuple[Stage, ...] = (
    Stage(
        "english_only",
        reads="parsed paragraphs",
        adds="parsed narrowed to the paragraphs that read as English",
        run=_english_only,
    ),
    Stage(
        "quote_marks",
        reads="article text, parsed paragraphs",
        adds="quoted: the spans in quotation marks (tui.nlp.quotes.marks)",
        run=_quote_marks,
    ),
    Stage(
        "quote_candidates",
        reads="parsed, quoted",
        adds="found: each paragraph's quote candidates with absolute offsets "
        "(tui.nlp.quotes.candidates)",
        run=_quote_candidates,
    ),
    Stage(
        "name_mentions",
        reads="parsed, article date",
        adds="names: the article's name mentions; resolver: a speaker resolver over them "
        "(tui.nlp.speakers.mentions, .resolver)",
        run=_name_mentions,
    ),
    Stage(
        "mistagged_names",
        reads="parsed, names, resolver",
        adds="to resolver: known names the tagger took for common nouns "
        "(tui.nlp.speakers.quote_speakers)",
        run=_mistagged_names,
    ),
    Stage(
        "speaker_resolution",
        reads="found, resolver",
        adds="to found: each candidate's speaker cluster and mention, in reading order "
        "(tui.nlp.speakers.quote_speakers)",
        run=_speaker_resolution,
    ),
    Stage(
        "entities",
        reads="article text, parsed, resolver",
        adds="entities: named entities, one per real-world name (tui.nlp.entities)",
        run=_entities,
    ),
    Stage(
        "records",
        reads="article, engine, found, entities",
        adds="annotation: quotes, speakers and entities as records (tui.nlp.quotes.records)",
        run=_records,
    ),
    Stage(
        "time_expressions",
        reads="article text and date, parsed",
        adds="timexes: time expressions with TIMEX3 values (tui.nlp.time.expressions)",
        run=_time_expressions,
    ),
    Stage(
        "events",
        reads="parsed, article date, timexes, annotation's quotes, speakers and entities, verbs",
        adds="events: one record per event, with participants, place and time "
        "(tui.nlp.events.records)",
        run=_events,
    ),
)
"""The engine's stages in the order they run."""


def extract_annotation(
    article: Article,
    parsed: list[tuple[Paragraph, Doc]],
    engine: EngineInfo,
    verbs: frozenset[str] = frozenset(),
) -> Annotation:
    """Run :data:`STAGES` over one article's parsed paragraphs."""
    work = Work(article, parsed, engine, verbs)
    for stage in STAGES:
        stage.run(work)
    return replace(work.annotation, timexes=tuple(work.timexes), events=tuple(work.events))
