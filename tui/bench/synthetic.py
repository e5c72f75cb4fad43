"""Synthetic libraries for ``byline bench --scale N``: many articles without running spaCy.

Annotating 100,000 articles would take the engine hours, and the scale benchmark measures
the library, not the engine. So each bundled sample's paragraphs are annotated once (each
as a small article of its own) and cached on disk; a synthetic article is then a random
run of those paragraphs whose records are moved to their new offsets and renumbered, as if
the engine had read the whole text. The articles look like the real ones to everything
that reads a library: real quotes, speakers who recur across articles, events with
places, participants and times, dates spread over a reader's days. Articles come in story
threads of a few, each thread with its own spelling of every name, so a library's people
and stories grow with it as real news does, not with the samples' few hundred names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import string
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    iter_spans,
    safe_json,
)
from tui.nlp.events.lexicon import NAME_STOPWORDS
from tui.nlp.events.linking import speaker_key
from tui.nlp.speakers.names import fold

if TYPE_CHECKING:
    from tui.nlp import Annotator

BENCH_CACHE_ENV = "BYLINE_BENCH_CACHE_DIR"
# bump when the choice or splitting of paragraphs changes, so old cache files are missed
PIECES_FORMAT = 1
MIN_WORDS = 6  # shorter paragraphs are captions, bylines and headings, not news text
PARAGRAPHS_PER_ARTICLE = (4, 12)
ARTICLES_PER_DAY = 500  # a reader of ~20 feeds
FIRST_DATE = dt.date(2023, 1, 1)
LAST_DATE = dt.date(2025, 12, 31)
SOURCE = "Byline benchmark (synthetic)"
# articles between progress reports, and per transaction where the store is batched
PROGRESS_EVERY = 100

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Wikinews opens its body with the publication date: "Monday, January 7, 2019"
_DATELINE = re.compile(rf"^(?:{_WEEKDAYS}),? +\w+ +\d{{1,2}},? +\d{{4}}$")
_PHOTO_CREDIT = re.compile(r"\bImage: [^\n]{1,80}$")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$", re.DOTALL)
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})(.*)$", re.DOTALL)
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})(\D.*)?$", re.DOTALL)
_YEAR_VALUE = re.compile(r"^(\d{4})(-\D.*)?$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ParagraphPiece:
    """One sample paragraph and the engine's annotation of it as an article of its own.

    ``annotation.article`` keeps the source article's title and date: the date is what
    its time expressions were resolved against, so what they are shifted from.
    """

    source_id: str
    annotation: Annotation

    def to_dict(self) -> dict[str, Any]:
        return {"source_id": self.source_id, "annotation": self.annotation.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParagraphPiece:
        return cls(str(data["source_id"]), Annotation.from_dict(data["annotation"]))


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What :func:`build_library` stored and how long it took."""

    articles: int
    paragraphs: int  # distinct paragraphs the articles were made from
    characters: int
    quotes: int
    speakers: int
    events: int
    timexes: int
    entities: int
    seconds: float
    database_bytes: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "quotes": self.quotes,
            "speakers": self.speakers,
            "events": self.events,
            "timexes": self.timexes,
            "entities": self.entities,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
            "database_bytes": self.database_bytes,
        }


# -- paragraphs, annotated once ----------------------------------------------------------


def bench_cache_dir() -> Path:
    """``$BYLINE_BENCH_CACHE_DIR``, else ``bench`` in platformdirs' user cache directory
    (apart from the annotation cache, which the bench's own runs point elsewhere)."""
    explicit = os.environ.get(BENCH_CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("byline", appauthor=False) / "bench"


def sample_paragraphs(article: Article) -> list[str]:
    """The paragraphs of an article worth reusing: the engine's own split, less the
    dateline, photo credits and other scraps of a few words."""
    from tui.nlp.text.paragraphs import split_paragraphs

    kept = []
    for paragraph in split_paragraphs(article.text):
        text = paragraph.text
        if len(text.split()) < MIN_WORDS or _DATELINE.match(text) or _PHOTO_CREDIT.search(text):
            continue
        kept.append(text)
    return kept


def pieces_key(articles: Sequence[Article], engine_version: str, model: str) -> str:
    """The cache key: engine version, model, and every sample's text and date."""
    digest = hashlib.sha256(f"{PIECES_FORMAT}\0{engine_version}\0{model}\0".encode())
    for article in articles:
        for part in (article.id, article.date or "", article.text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()[:24]


def paragraph_annotations(
    articles: Sequence[Article], annotator: Annotator, *, cache_dir: Path | None = None
) -> list[ParagraphPiece]:
    """Every reusable paragraph of ``articles``, annotated by the real engine as an article
    of its own, from the on-disk cache when this engine, model and samples made it before
    (so a second run never loads spaCy)."""
    from tui.nlp.annotator import ENGINE_VERSION

    directory = cache_dir if cache_dir is not None else bench_cache_dir()
    path = directory / f"paragraphs-{pieces_key(articles, ENGINE_VERSION, annotator.model)}.jsonl"
    cached = _read_pieces(path)
    if cached is not None:
        return cached
    sources: list[str] = []
    paragraphs: list[Article] = []
    for article in articles:
        for text in sample_paragraphs(article):
            sources.append(article.id)
            paragraphs.append(
                Article.from_text(
                    text, title=article.title, date=article.date, source=article.source
                )
            )
    pieces = [
        ParagraphPiece(source, annotation)
        for source, annotation in zip(sources, annotator.annotate_many(paragraphs), strict=True)
    ]
    _write_pieces(path, pieces)
    return pieces


def _read_pieces(path: Path) -> list[ParagraphPiece] | None:
    """The cached pieces, or None when the file is missing, partial or unreadable."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        if header.get("format") != PIECES_FORMAT or header.get("count") != len(lines) - 1:
            return None
        return [ParagraphPiece.from_dict(json.loads(line)) for line in lines[1:]]
    except (OSError, UnicodeDecodeError, LookupError, TypeError, ValueError, AttributeError):
        return None  # ModelError and JSONDecodeError are ValueErrors


def _write_pieces(path: Path, pieces: Sequence[ParagraphPiece]) -> None:
    """Write atomically (temporary file, then rename); a cache that cannot be written is
    skipped: the next run annotates again."""
    header = {"format": PIECES_FORMAT, "count": len(pieces)}
    lines = [json.dumps(header)]
    lines.extend(safe_json(json.dumps(p.to_dict(), ensure_ascii=False)) for p in pieces)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


# -- story threads and their names -------------------------------------------------------

THREADS_OPEN = 4  # the latest threads an article may continue
NEW_THREAD = 0.4  # the chance an article starts a thread of its own
THREAD_ARTICLES = 10  # the most articles one thread runs to
THREAD_DAYS = 3  # a thread's articles appear within this many days of its first
# a word: a dotted abbreviation ("U.S.", one token to the engine) or a run of letters
_LETTERS = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")
_VOWELS = "aeiou"
_CONSONANTS = "bdfglmnprstvz"
ENDING_LETTERS = 5  # a respelt name is this much longer: 21,125 spellings of each
ACRONYM_LETTERS = 3  # and an acronym this much (17,576), a dotted one undotted first
_PLACEHOLDER = "\0"  # where a respelt word goes before a thread's spelling is known


@dataclass(slots=True)
class _Thread:
    number: int
    day: int  # days before LAST_DATE of its first article
    articles: int = 0


def story_threads(n: int, *, seed: int = 0, days: int | None = None) -> Iterator[tuple[int, str]]:
    """The story thread (numbered from 1) and date of each of ``n`` articles.

    Real news runs as stories of a few articles over a few days: each article starts a
    thread (:data:`NEW_THREAD`) or continues one of the latest :data:`THREADS_OPEN`, up to
    :data:`THREAD_ARTICLES`, within :data:`THREAD_DAYS` of the thread's first; threads
    start on days of the last ``days`` up to :data:`LAST_DATE` (all since
    :data:`FIRST_DATE` when None), uniformly.
    """
    import random

    rng = random.Random(f"byline-threads-{seed}")
    span = (
        (LAST_DATE - FIRST_DATE).days if days is None else min(days, (LAST_DATE - FIRST_DATE).days)
    )
    span = max(span, 1)
    recent: list[_Thread] = []
    started = 0
    for _ in range(n):
        if not recent or rng.random() < NEW_THREAD:
            started += 1
            thread = _Thread(started, rng.randrange(span))
            recent.append(thread)
            if len(recent) > THREADS_OPEN:
                recent.pop(0)
        else:
            thread = rng.choice(recent)
        thread.articles += 1
        if thread.articles >= THREAD_ARTICLES:
            recent.remove(thread)
        day = max(thread.day - rng.randrange(THREAD_DAYS), 0)
        yield thread.number, (LAST_DATE - dt.timedelta(days=day)).isoformat()


def name_words(pieces: Sequence[ParagraphPiece]) -> frozenset[str]:
    """The words the pieces name people, organisations and places with, which a thread
    respells: capitalised words of entities' and named speakers' names and mentions that
    are acronyms ("DMCA"), capitalised inside ("YouTube") or that no text writes in lower
    case ("Trump", "Gdańsk"; not "President", "Congress" or "Police"), less function words.

    Acronyms are respelt too: "ISIS" or "US" left alone would link every story they are
    in with every other (:func:`tui.nlp.events.linking.same_event` needs one shared name)."""
    common: set[str] = set()
    named: set[str] = set()
    for piece in pieces:
        annotation = piece.annotation
        common.update(w for w in _LETTERS.findall(annotation.article.text) if w.islower())
        strings = [e.name for e in annotation.entities]
        strings.extend(m.text for e in annotation.entities for m in e.mentions)
        for speaker in annotation.speakers:
            if speaker.kind in ("person", "organization"):
                strings.extend((speaker.name, *speaker.aliases))
                strings.extend(m.text for m in speaker.mentions)
        for name in strings:
            named.update(_LETTERS.findall(name))
    return frozenset(
        word
        for word in named
        if len(word) > 1
        and word[0].isupper()
        and (not word[1:].islower() or word.lower() not in common)
        and fold(word) not in NAME_STOPWORDS
    )


def _code(text: str) -> int:
    """A stable 64-bit number for ``text`` (``hash`` changes between runs)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _moved(annotation: Annotation, text: str, move: Callable[[Span], Span]) -> Annotation:
    """``annotation`` over ``text``, every span through ``move``; everything else kept."""

    def maybe(span: Span | None) -> Span | None:
        return None if span is None else move(span)

    def quote(record: Quote) -> Quote:
        span = move(Span(record.start, record.end, record.text))
        return replace(
            record,
            start=span.start,
            end=span.end,
            text=span.text,
            cue=maybe(record.cue),
            speaker_mention=maybe(record.speaker_mention),
        )

    def timex(record: TimeExpression) -> TimeExpression:
        span = move(Span(record.start, record.end, record.text))
        return replace(record, start=span.start, end=span.end, text=span.text)

    def event(record: Event) -> Event:
        return replace(
            record,
            trigger=move(record.trigger),
            sentence=maybe(record.sentence),
            participants=tuple(replace(p, mention=maybe(p.mention)) for p in record.participants),
            mentions=tuple(map(move, record.mentions)),
            quantities=tuple(replace(q, span=move(q.span)) for q in record.quantities),
        )

    return replace(
        annotation,
        article=replace(annotation.article, text=text),
        entities=tuple(
            replace(e, mentions=tuple(map(move, e.mentions))) for e in annotation.entities
        ),
        speakers=tuple(
            replace(s, mentions=tuple(map(move, s.mentions))) for s in annotation.speakers
        ),
        quotes=tuple(map(quote, annotation.quotes)),
        events=tuple(map(event, annotation.events)),
        timexes=tuple(map(timex, annotation.timexes)),
    )


@dataclass(frozen=True, slots=True)
class _Template:
    """A text with its name words taken out: ``form.format(*spellings of words)``."""

    form: str
    words: tuple[str, ...]

    @classmethod
    def cut(cls, text: str, matches: Sequence[re.Match[str]]) -> _Template:
        parts: list[str] = []
        last = 0
        for match in matches:
            parts.append(_braces(text[last : match.start()]))
            last = match.end()
        parts.append(_braces(text[last:]))
        return cls("{}".join(parts), tuple(match.group() for match in matches))


def _braces(literal: str) -> str:
    return literal.replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True, slots=True)
class _Layout:
    """A paragraph laid out for respelling: every name word replaced by as many
    placeholders as it will have letters (:func:`spelt_length`), every span moved to match
    (its text holds placeholders when it covers a name word, and only then needs slicing
    from a respelt text)."""

    annotation: Annotation
    template: _Template


class NameIndex:
    """The pieces' name words (:func:`name_words`), each piece laid out for respelling,
    once for every thread's :class:`NameVariant`.

    A word's spelling has the same length in every thread, so where a span lands does not
    depend on the thread: only the text does. A word is left as it is where a span
    boundary falls inside it (the engine split it), so every span boundary stays on a word
    boundary.
    """

    def __init__(self, pieces: Sequence[ParagraphPiece]) -> None:
        self.words = name_words(pieces)
        self.codes = {word: _code(fold(word)) for word in self.words}
        self._templates: dict[str, _Template | None] = {}
        self._pieces = pieces  # keeps the annotations, so the ids keying their layouts, alive
        self._layouts = {id(p.annotation): self._layout(p.annotation) for p in pieces}

    def _layout(self, annotation: Annotation) -> _Layout | None:
        text = annotation.article.text
        if _PLACEHOLDER in text:
            return None
        cuts = {p for span in iter_spans(annotation) for p in (span.start, span.end)}
        found = [
            match
            for match in _LETTERS.finditer(text)
            if match.group() in self.words
            and not any(p in cuts for p in range(match.start() + 1, match.end()))
        ]
        if not found:
            return None
        laid: list[str] = []
        ends: list[int] = []
        shifts = [0]  # how far a position moves after the first i words
        last = 0
        for match in found:
            word = match.group()
            letters = spelt_length(word)
            laid.extend((text[last : match.start()], _PLACEHOLDER * letters))
            ends.append(match.end())
            shifts.append(shifts[-1] + letters - len(word))
            last = match.end()
        laid.append(text[last:])
        laid_text = "".join(laid)

        def move(span: Span) -> Span:
            # the words ending at or before a position push it on
            start = span.start + shifts[bisect_right(ends, span.start)]
            end = span.end + shifts[bisect_right(ends, span.end)]
            return Span(start, end, laid_text[start:end])

        return _Layout(_moved(annotation, laid_text, move), _Template.cut(text, found))

    def layout(self, annotation: Annotation) -> _Layout | None:
        """``annotation`` laid out for respelling (made again if it is not one of the
        pieces); None when it has no name words to respell."""
        key = id(annotation)
        return self._layouts[key] if key in self._layouts else self._layout(annotation)

    def template(self, text: str) -> _Template | None:
        """``text`` cut at its name words; None when it has none."""
        try:
            return self._templates[text]
        except KeyError:
            found = [m for m in _LETTERS.finditer(text) if m.group() in self.words]
            template = self._templates[text] = _Template.cut(text, found) if found else None
            return template

    def variant(self, salt: str) -> NameVariant:
        return NameVariant(self, salt)


def spelt_length(word: str) -> int:
    """How long ``word`` is once respelt, in any thread."""
    if word.isupper():  # "ISIS" -> "ISISKRT", "U.S." -> "USKRT"
        return len(word) - word.count(".") + ACRONYM_LETTERS
    return len(word) + ENDING_LETTERS


def _endings(*alphabets: Sequence[str]) -> tuple[str, ...]:
    """Every ending taking its letters from the alphabets in turn."""
    endings = [""]
    for alphabet in alphabets:
        endings = [ending + letter for ending in endings for letter in alphabet]
    return tuple(endings)


_V, _C = _VOWELS, _CONSONANTS
_AFTER_CONSONANT = _endings(_V, _C, _V, _C, _V)  # Trump -> Trumporela
_AFTER_VOWEL = _endings(_C, _V, _C, _V, _C)  # Obama -> Obamatiruz
_ACRONYM = _endings(*[string.ascii_uppercase] * ACRONYM_LETTERS)  # ISIS -> ISISKRT


class NameVariant:
    """One thread's spelling of every name word: the word and a pronounceable ending drawn
    from the thread and the folded word ("Trump" -> "Trumporela"; acronyms take capitals,
    "U.S." -> "USKRT"), so the text still reads as news and forms the engine folds
    together ("Erdoğan", "Erdogan") stay together."""

    __slots__ = ("_code", "_index", "_spelt")

    def __init__(self, index: NameIndex, salt: str) -> None:
        self._index = index
        self._code = _code(salt)
        self._spelt: dict[str, str] = {}

    def spelling(self, word: str) -> str:
        """``word`` in this thread; a word that is not a name word stays as it is."""
        spelt = self._spelt.get(word)
        if spelt is None:
            code = self._index.codes.get(word)
            if code is None:
                return word
            mixed = ((code ^ self._code) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
            if word.isupper():
                # undotted: the engine folds "U.S.K.R.T." to five one-letter words, and
                # two such sets of letters are often one within the other
                stem, endings = word.replace(".", ""), _ACRONYM
            else:
                vowel = fold(word)[-1:] in _VOWELS
                stem, endings = word, _AFTER_VOWEL if vowel else _AFTER_CONSONANT
            spelt = self._spelt[word] = stem + endings[(mixed >> 24) % len(endings)]
        return spelt

    def fill(self, template: _Template) -> str:
        return template.form.format(*map(self.spelling, template.words))

    def rename(self, text: str) -> str:
        """``text`` (a name, an alias, a title) with its name words respelt."""
        template = self._index.template(text)
        return text if template is None else self.fill(template)

    def speaker(self, speaker: Speaker) -> Speaker:
        """``speaker`` under its respelt names, its key made from the new name as the
        engine makes it (a speaker without a key keeps none)."""
        name = self.rename(speaker.name)
        aliases = tuple(map(self.rename, speaker.aliases))
        role = None if speaker.role is None else self.rename(speaker.role)
        if name == speaker.name and aliases == speaker.aliases and role == speaker.role:
            return speaker
        key = speaker_key(name) if speaker.key else ""
        return replace(speaker, name=name, aliases=aliases, role=role, key=key)

    def rewrite(self, annotation: Annotation) -> tuple[Annotation, str] | None:
        """``annotation`` laid out for respelling and its respelt text; None when it has
        no name words."""
        layout = self._index.layout(annotation)
        return None if layout is None else (layout.annotation, self.fill(layout.template))


# -- one synthetic article ---------------------------------------------------------------


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


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def shift_value(value: str | None, original: dt.date, target: dt.date) -> str | None:
    """A TIMEX3 value moved as its article moves from ``original`` to ``target``.

    Days move by days, weeks by whole weeks, months by months and years (seasons,
    quarters, halves) by years, each measured between the two publication dates, so
    "last Friday" stays last week and "in March" stays in the same year relative to the
    article. Durations, ``PAST_REF`` and the like, and anything unparseable stay as they are.
    """
    if not value:
        return value
    try:
        if match := _DAY_VALUE.match(value):
            year, month, day, rest = match.groups()
            moved = dt.date(int(year), int(month), int(day)) + (target - original)
            return moved.isoformat() + rest
        if match := _WEEK_VALUE.match(value):
            year, week, rest = match.groups()
            weeks = (_monday(target) - _monday(original)).days // 7
            moved = dt.date.fromisocalendar(int(year), int(week), 1) + dt.timedelta(weeks=weeks)
            iso = moved.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}{rest}"
        if (match := _MONTH_VALUE.match(value)) and 1 <= int(match.group(2)) <= 12:
            year, month, rest = match.groups()
            months = (target.year - original.year) * 12 + target.month - original.month
            new_year, new_month = _add_months(int(year), int(month), months)
            return f"{new_year:04d}-{new_month:02d}{rest or ''}"
        if match := _YEAR_VALUE.match(value):
            year, rest = match.groups()
            return f"{int(year) + target.year - original.year:04d}{rest or ''}"
    except (ValueError, OverflowError):
        return value
    return value


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


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


# -- many articles, and a library of them ------------------------------------------------


def days_of_reading(n: int) -> int:
    """How many days a reader takes to gather ``n`` articles at :data:`ARTICLES_PER_DAY`: a
    library grows by days, not by news getting denser, so the bench spreads its articles
    over as many days as a real reader's would span."""
    return max(1, -(-n // ARTICLES_PER_DAY))


def synthetic_annotations(
    pieces: Sequence[ParagraphPiece], n: int, *, seed: int = 0, first: int = 1
) -> Iterator[Annotation]:
    """``n`` synthetic articles, numbered from ``first``, one at a time (memory holds one).

    Each takes 4-12 distinct paragraphs in random order and the title of its first
    paragraph's source, and belongs to a story thread (:func:`story_threads`, which gives
    its date) whose names it is written with (:class:`NameVariant`): the paragraphs would
    otherwise name the same few hundred people in every story. The same ``seed`` and
    pieces give the same articles.
    """
    import random

    if not pieces:
        raise ValueError("no paragraphs to build articles from")
    rng = random.Random(seed)
    names = NameIndex(pieces)
    variants: dict[int, NameVariant] = {}  # of the threads that may still continue
    low, high = PARAGRAPHS_PER_ARTICLE
    threads = story_threads(n, seed=seed, days=days_of_reading(first + n - 1))
    for number, (thread, date) in zip(range(first, first + n), threads, strict=True):
        count = rng.randint(low, high)
        # distinct paragraphs, unless there are too few (a test's handful)
        enough = count <= len(pieces)
        chosen = rng.sample(pieces, count) if enough else rng.choices(pieces, k=count)
        variant = variants.get(thread)
        if variant is None:
            variants.pop(thread - THREADS_OPEN - 1, None)  # older threads never continue
            variant = variants[thread] = names.variant(f"{seed}/{thread}")
        yield combine(chosen, chosen[0].annotation.article.title, date, number, variant)


def _stored_bytes(path: Path) -> int:
    return sum(
        Path(f"{path}{end}").stat().st_size for end in ("", "-wal") if Path(f"{path}{end}").exists()
    )


def build_library(
    path: str | os.PathLike[str],
    n: int,
    *,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    pieces: Sequence[ParagraphPiece] | None = None,
    model: str | None = None,
) -> BuildStats:
    """A new library at ``path`` holding ``n`` synthetic articles, stored through the
    library's public API as ``byline add`` would store them.

    ``pieces`` defaults to the bundled samples' paragraphs (:func:`paragraph_annotations`,
    cached; annotated by ``model``). Articles are made and stored as a stream, so memory
    does not grow with ``n``; ``progress(done, n)`` hears every :data:`PROGRESS_EVERY`
    articles and at the end. An existing file is refused: the bench never writes into a
    library someone reads.
    """
    from tui.library import Library
    from tui.nlp.annotator import ENGINE_VERSION
    from tui.nlp.pipeline import resolve_model_name

    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target}: already exists; a synthetic library needs a new file")
    model_name = resolve_model_name(model)
    if pieces is None:
        from tui.bench.corpus import sample_articles
        from tui.nlp import Annotator

        pieces = paragraph_annotations(sample_articles(), Annotator(model_name))
    totals = dict.fromkeys(("characters", "quotes", "speakers", "events", "timexes", "entities"), 0)

    def counted(annotations: Iterable[Annotation]) -> Iterator[Annotation]:
        for annotation in annotations:
            totals["characters"] += len(annotation.article.text)
            totals["quotes"] += len(annotation.quotes)
            totals["speakers"] += len(annotation.speakers)
            totals["events"] += len(annotation.events)
            totals["timexes"] += len(annotation.timexes)
            totals["entities"] += len(annotation.entities)
            yield annotation

    started = time.perf_counter()
    done = 0
    with Library(target) as library:
        store_many = getattr(library, "store_annotations", None)
        stream = counted(synthetic_annotations(pieces, n, seed=seed))
        if callable(store_many):  # the batched store, where the library has one
            batch: list[Annotation] = []
            for annotation in stream:
                batch.append(annotation)
                if len(batch) >= PROGRESS_EVERY:
                    store_many(batch, ENGINE_VERSION, model_name)
                    done += len(batch)
                    batch.clear()
                    if progress is not None and done < n:
                        progress(done, n)
            if batch:
                store_many(batch, ENGINE_VERSION, model_name)
                done += len(batch)
        else:
            for annotation in stream:
                library.store_annotation(annotation, ENGINE_VERSION, model_name)
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0 and done < n:
                    progress(done, n)
    seconds = time.perf_counter() - started
    if progress is not None:
        progress(done, n)
    return BuildStats(
        articles=done,
        paragraphs=len(pieces),
        seconds=seconds,
        database_bytes=_stored_bytes(target),
        **totals,
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


__all__ = [
    "BuildStats",
    "NameIndex",
    "NameVariant",
    "ParagraphPiece",
    "bench_cache_dir",
    "build_library",
    "check_references",
    "combine",
    "days_of_reading",
    "name_words",
    "paragraph_annotations",
    "shift_value",
    "story_threads",
    "synthetic_annotations",
]
