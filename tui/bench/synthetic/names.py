"""Names respelt per story thread, so a library's people and stories grow with it.

The samples name a few hundred people, organisations and places; left alone they would
recur in every story. :class:`NameIndex` finds the pieces' name words and lays each piece
out once for respelling; :class:`NameVariant` is one thread's spelling of every word.
"""

from __future__ import annotations

import hashlib
import re
import string
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.model import Annotation, Event, Quote, Span, Speaker, TimeExpression, iter_spans
from tui.nlp.events.lexicon import NAME_STOPWORDS
from tui.nlp.events.linking import speaker_key
from tui.nlp.speakers.names import fold

if TYPE_CHECKING:
    from tui.bench.synthetic.pieces import ParagraphPiece

# a word: a dotted abbreviation ("U.S.", one token to the engine) or a run of letters
_LETTERS = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+")
_VOWELS = "aeiou"
_CONSONANTS = "bdfglmnprstvz"
ENDING_LETTERS = 5  # a respelt name is this much longer: 21,125 spellings of each
ACRONYM_LETTERS = 3  # and an acronym this much (17,576), a dotted one undotted first
_PLACEHOLDER = "\0"  # where a respelt word goes before a thread's spelling is known


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
