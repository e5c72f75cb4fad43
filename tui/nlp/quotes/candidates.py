"""All the quote rules over one parsed paragraph, in order (:func:`find_candidates`): direct,
reported, transcript turns, then overlaps removed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.nlp.quotes.marks import QuotedSpan
from tui.nlp.speakers.sourcewords import DOCUMENT_NOUNS
from tui.nlp.speakers.words import INSTITUTION_NOUNS, PERSON_ROLE_NOUNS, SPEAKER_LABELS
from tui.nlp.text.dateline import dateline_end
from tui.nlp.text.doctext import first_token_at, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from tui.nlp.quotes.cue_uses import find_cue_uses
from tui.nlp.quotes.direct import end_unclosed_at_attribution, quotes_from_marks
from tui.nlp.quotes.record import Candidate
from tui.nlp.quotes.reported import quotes_from_cues


def find_candidates(doc: Doc, spans: Sequence[QuotedSpan], offset: int) -> list[Candidate]:
    """All quote candidates in one paragraph (offsets relative to the paragraph)."""
    heading = _heading(doc)
    if heading is not None:
        turn = (headline_attribution(doc, heading) if offset == 0 else None) or (
            transcript_turn(doc, heading)
        )
        if turn is not None:  # the whole paragraph is the turn: its parts are no quotes apart
            return [turn]
    spans = [end_unclosed_at_attribution(doc, span, offset) for span in spans]
    quoted = [(s.start - offset, s.end - offset) for s in spans]
    uses = find_cue_uses(doc, quoted)
    from_cues = quotes_from_cues(doc, uses, quoted)
    from_cues = _without_overlaps(from_cues)
    from_marks = quotes_from_marks(doc, uses, spans, from_cues, offset)
    found = _after_dateline(doc, from_cues + from_marks, quoted)
    return sorted(found, key=lambda c: (c.start, c.end))


TURN_NAME = re.compile(r"(?:[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,3}(?=: )")
"""A transcript's speaker heading: "TAPPER: …", "Jake Tapper: …" (at most four words,
each capitalised)."""
TURN_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class _Heading:
    """A "Name: words" paragraph's heading: where it ends and its tokens."""

    end: int
    names: list[Token]

    def candidate(self, start: int, end: int, kind: str, rule: str, confidence: float) -> Candidate:
        """The words from ``start`` to ``end``, the heading's; the colon is the cue."""
        return Candidate(
            start,
            end,
            kind,
            rule,
            confidence,
            cue=(self.end, self.end + 1),
            speaker=(0, self.end),
            speaker_head=self.names[-1].i,
        )


def _heading(doc: Doc) -> _Heading | None:
    """The paragraph's "Name:" heading (:data:`TURN_NAME`), when its words are no clause."""
    match = TURN_NAME.match(text_of(doc))
    if match is None:
        return None
    names = list(doc[: first_token_at(doc, match.end())])
    if not names or any(t.pos_ in {"VERB", "AUX"} for t in names):
        return None
    return _Heading(match.end(), names)


def transcript_turn(doc: Doc, heading: _Heading) -> Candidate | None:
    """A paragraph of an interview or debate transcript, "FALLIN: Well, I think …": the
    words after the heading are the named speaker's own (PolNeAR's convention: the colon
    is the cue). Not a headline ("UN: PEACEKEEPERS PAYING…", "Poll: A Seismic Shift"):
    the turn must read as a sentence, mostly in lower case."""
    text = text_of(doc)
    words = text[heading.end + 2 :].split()
    lower = sum(w[:1].islower() for w in words)
    if len(words) < TURN_MIN_WORDS or lower * 2 < len(words):
        return None
    start = heading.end + 2
    while start < len(text) and text[start].isspace():
        start += 1
    return heading.candidate(start, len(text.rstrip()), "direct", "transcript-turn", 0.8)


HEADLINE_WORDS = (3, 30)  # the claim's words: fewer is a label, more is no headline
SOURCE_NOUNS = PERSON_ROLE_NOUNS | INSTITUTION_NOUNS | DOCUMENT_NOUNS


HEADLINE_NAMED_AGAIN = "headline-named-again"
"""The rule of a headline whose source is a name: it stands if the article names it again."""
HEADLINE_LABELS = frozenset(
    """
    watch video videos update updated breaking exclusive analysis opinion editorial live
    photos photo gallery explainer review quiz podcast timeline factbox recap correction
    read listen note wrap graphic graphics chart map interactive opinions comment
    """.split()
)
"""The newsroom's section labels that head a headline ("Watch: …", "Exclusive: …"): a
kind of story, never who says what follows."""


def _reads_as_a_name(words: Sequence[Token]) -> bool:
    """Capitalised words that are no newsroom label, as a headline's source is named
    without context ("Trump: Cruz Has …", which the tagger sees no name in)."""
    return all(
        t.text[:1].isupper() and t.is_alpha and not t.is_stop and t.lower_ not in HEADLINE_LABELS
        for t in words
    )


def headline_attribution(doc: Doc, heading: _Heading) -> Candidate | None:
    """A headline in the news convention "Graham: Trump's 'Hateful Rhetoric' Destroying
    GOP's Chance", "Poll: Trump Ties Clinton": the claim after the colon is the named
    source's (the colon is the cue, as PolNeAR marks it). For an article's first line
    (where a text keeps its headline; the caller gives only that), a source before the
    colon: a name (the article must name it again, :mod:`.records`), or a word for people,
    a body or a document ("Poll:"), never a newsroom label ("Watch:")."""
    text = text_of(doc).rstrip()
    if "\n" in text:
        return None
    names = heading.names
    if len(names) == 1 and names[0].lower_ in HEADLINE_LABELS:
        return None  # "Analysis: …" is the story's kind, though analyses speak elsewhere
    described = names[-1].lemma_.lower() in SOURCE_NOUNS  # "Poll:", "Report:"
    named = any(t.ent_type_ in SPEAKER_LABELS for t in names) or _reads_as_a_name(names)
    if not described and not named:
        return None
    start = heading.end + 2
    end = len(text) - 1 if text.endswith(".") else len(text)
    if not HEADLINE_WORDS[0] <= len(text[start:end].split()) <= HEADLINE_WORDS[1]:
        return None
    # a name is a source only if the article names it again (records.py): "Trump: …" over
    # a story of Donald Trump, not a topic ("Coronavirus: …", "Brexit: …")
    rule = "headline" if described else HEADLINE_NAMED_AGAIN
    return heading.candidate(start, end, "indirect", rule, 0.7)


def _after_dateline(
    doc: Doc, candidates: list[Candidate], quoted: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """The candidates without the paragraph's dateline ("LONDON (Reuters) –"): it is part
    of no quote, and a quote that was only its dateline away from a quotation is that
    quotation, direct."""
    text = text_of(doc)
    edge = dateline_end(text)
    if not edge:
        return candidates
    kept = []
    for candidate in candidates:
        if candidate.end <= edge:
            continue
        if candidate.start < edge:
            kind = "direct" if (edge, candidate.end) in quoted else candidate.kind
            candidate = replace(candidate, start=edge, kind=kind)
        speaker = candidate.speaker
        if speaker is not None and speaker[0] < edge:
            speaker = (edge, speaker[1]) if speaker[1] > edge else None
            candidate = replace(candidate, speaker=speaker)
        kept.append(candidate)
    return kept


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep quotes disjoint: on overlap the more confident, then the shorter, wins."""
    ranked = sorted(candidates, key=lambda c: (-c.confidence, c.end - c.start))
    kept: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
