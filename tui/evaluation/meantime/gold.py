"""MEANTIME gold records: a document's rebuilt text, tokens, markables and the links we score.

Every record holds character offsets into the rebuilt text (:mod:`.reader`), so gold
markables are exact spans of the text the engine annotates. :class:`MeantimeDocument` also
says which of them are scored: the exhaustively annotated region, the dateline's time
expressions left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from tui.evaluation.quotes import GoldError
from tui.model import Article

TITLE_SENTENCE = 0
DATELINE_SENTENCE = 1
LAST_ANNOTATED_SENTENCE = 5  # the README: title, dateline and body sentences 2–5

Pieces: TypeAlias = tuple[tuple[int, int], ...]


class MeantimeError(GoldError):
    """A MEANTIME file cannot be used; the message is fit to show on one line."""


@dataclass(frozen=True, slots=True)
class Token:
    """One gold token and where it lies in the rebuilt text (``text[start:end] == word``)."""

    t_id: int
    sentence: int
    number: int
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Markable:
    """A gold markable: its tag, tokens, character pieces and XML attributes.

    A markable may skip tokens ("obtained … published"), so it is a tuple of ``pieces``, one
    ``(start, end)`` per run of consecutive tokens; ``t_ids`` is empty (and so are the
    pieces) for a TIMEX3 that only serves as an anchor value. ``instance_ids`` are the
    corpus-level EVENT/ENTITY instances it refers to (one mention may name two).
    """

    m_id: str
    tag: str
    t_ids: tuple[int, ...]
    pieces: Pieces
    sentence: int | None
    attributes: tuple[tuple[str, str], ...] = ()
    instance_ids: tuple[str, ...] = ()
    instance_class: str = ""

    def get(self, name: str, default: str = "") -> str:
        """An XML attribute ("pred", "tense", "value", "functionInDocument", …)."""
        return next((value for key, value in self.attributes if key == name), default)

    @property
    def document_level(self) -> bool:
        """Whether it was annotated at the document level (corpus-level additions bear only
        an ``m_id``): only document-level annotation is exhaustive."""
        return any(key != "m_id" for key, _ in self.attributes)

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else -1

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else -1

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.pieces)


@dataclass(frozen=True, slots=True)
class GoldParticipant:
    """A ``HAS_PARTICIPANT`` link: event mention ``event`` has argument ``target``."""

    event: str
    target: str
    sem_role: str
    framework: str = ""


@dataclass(frozen=True, slots=True)
class MeantimeDocument:
    """One MEANTIME document: rebuilt text, tokens, markables and the links we score."""

    name: str
    topic: str
    doc_id: str
    url: str | None
    text: str
    title: str
    date: str | None
    tokens: tuple[Token, ...]
    markables: tuple[Markable, ...]
    participants: tuple[GoldParticipant, ...]
    last_annotated_sentence: int
    region_end: int
    dateline: tuple[int, int]

    def article(self) -> Article:
        """The article the engine annotates: exactly the rebuilt text and its metadata."""
        return Article.from_text(self.text, title=self.title, date=self.date, url=self.url)

    def markable(self, m_id: str) -> Markable | None:
        return next((m for m in self.markables if m.m_id == m_id), None)

    def in_region(self, markable: Markable) -> bool:
        return (
            markable.sentence is not None
            and markable.sentence <= self.last_annotated_sentence
            and bool(markable.pieces)
        )

    @property
    def event_mentions(self) -> tuple[Markable, ...]:
        """Gold event mentions of the annotated region (corpus-level additions there too)."""
        return tuple(m for m in self.markables if m.tag == "EVENT_MENTION" and self.in_region(m))

    @property
    def timexes(self) -> tuple[Markable, ...]:
        """Gold time expressions of the annotated region, the dateline's left out."""
        return tuple(
            m
            for m in self.markables
            if m.tag == "TIMEX3" and self.in_region(m) and m.sentence != DATELINE_SENTENCE
        )

    @property
    def scored_participants(self) -> tuple[GoldParticipant, ...]:
        """``HAS_PARTICIPANT`` links whose event mention lies in the annotated region."""
        events = {m.m_id for m in self.event_mentions}
        spanned = {m.m_id for m in self.markables if m.pieces}
        return tuple(p for p in self.participants if p.event in events and p.target in spanned)
