"""Time expressions in a parsed article, with TIMEX3 values against the publication date.

spaCy's DATE and TIME entities are the starting point, but they are neither complete nor
shaped like TIMEX3 spans, so rules fix them the way the MEANTIME annotators did:

- a leading preposition is a *signal*, outside the span ("since March" → "March"), though
  "since", "before", "after" and "by" still give the record its modifier;
- determiners and modifiers stay inside ("the summer", "this year", "the past decade",
  "almost two years"), a possessive "'s" does not ("this year's");
- adjectival durations are time expressions ("a 27-year contract" → "27-year", P27Y), ages
  are not ("95-year-old", "aged 55"), nor are bare numbers or codes ("2019-nCoV");
- "15 a year" is the SET "a year"; a date then a part of the day is one TIME ("Friday
  morning"); a clock time takes its day from a date in its sentence ("Tuesday … at 18:00");
- words spaCy rarely tags are added: "recently", "currently", "now", "yesterday",
  weekday and month names, "annually", numeric dates ("7/8/07").

The tense of the clause (see :func:`governing_tense`) picks which "Friday" or "September"
is meant; :mod:`tui.nlp.time.normalise` does the calendar work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.model import TimeExpression
from tui.nlp.text.doctext import expanded_span, text_of
from tui.nlp.text.paragraphs import Paragraph
from tui.nlp.time import anaphora
from tui.nlp.time.normalise import normalise, recognises
from tui.nlp.time.words import (
    FULL_MONTHS,
    FUTURE,
    PARTS_OF_DAY,
    PAST,
    PRESENT,
    SEASONS,
    SET_WORDS,
    SIGNALS,
    WEEKDAYS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TIME_LABELS = frozenset({"DATE", "TIME"})
MOD_SIGNALS = frozenset({"since", "before", "after", "by"})
TIME_ZONES = frozenset("utc gmt bst cet cest est edt cst cdt mst mdt pst pdt".split())
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "ll", "wo", "would", "’ll"})
MODAL_AUXILIARIES = frozenset({"can", "could", "may", "might", "must", "should", "ought"})
# "is set to begin", "is due to run out", "is going to meet": the infinitive is future.
FUTURE_CONTROLLERS = frozenset(
    """
    set schedule due expect slate plan go intend aim poise prepare hope promise pledge vow
    threaten agree decide about likely bound scheduled expected slated poised
    """.split()
)
# Participles that plan rather than report: "the vote scheduled for May".
PLANNED = frozenset("schedule slate plan expect due intend propose".split())
# Words that make a spaCy DATE a time expression even when no rule can give its value.
_TEMPORAL_NOUNS = """
    second seconds minute minutes hour hours day days night nights week weeks weekend
    fortnight month months year years decade decades century centuries millennium era
    morning afternoon evening noon midnight dawn dusk time times period season
    anniversary birthday eve holiday holidays christmas easter ramadan thanksgiving eid
    hanukkah passover diwali
""".split()
TEMPORAL_WORDS = (
    frozenset(_TEMPORAL_NOUNS) | set(PARTS_OF_DAY) | set(SEASONS) | set(WEEKDAYS) | FULL_MONTHS
)
PUBLICATIONS = frozenset("newspaper paper magazine tabloid publication bulletin edition".split())
# Leading words that modify the expression and belong inside its span.
LEFT_MODIFIERS = frozenset(
    """
    this that last next past coming previous following the early earlier late later mid
    current same recent these those
    """.split()
)
_AGE = re.compile(r"\w+[- ](?:year|month|week|day)s?[- ]old|\bage of \d+|\baged? \d+", re.I)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A token span of one paragraph's doc, with where the span came from."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str  # DATE or TIME (spaCy's, or the rule's guess)


def extract_timexes(
    text: str, parsed: list[tuple[Paragraph, Doc]], date: str | None
) -> list[TimeExpression]:
    """Every time expression of the article, in text order, ids "t1", "t2", …"""
    anchor = parse_anchor(date)
    found: list[tuple[int, int, str, str | None, str | None, bool]] = []
    for paragraph, doc in parsed:
        found.extend(_paragraph_timexes(paragraph, doc, anchor))
    found.sort(key=lambda item: (item[0], -item[1]))
    records: list[TimeExpression] = []
    last_end = -1
    for start, end, kind, value, mod, resolved in found:
        if start < last_end:
            continue  # overlapping readings: the earlier, longer one wins
        records.append(
            TimeExpression(
                id=f"t{len(records) + 1}",
                start=start,
                end=end,
                text=text[start:end],
                type=kind,
                value=value,
                mod=mod,
                resolved=resolved,
            )
        )
        last_end = end
    return _with_references(records, anchor)


def _with_references(records: list[TimeExpression], anchor: dt.date | None) -> list[TimeExpression]:
    """Give "the same day", "the previous year", "two years earlier" their values from the
    last calendar point before them (the publication day before the first)."""
    reference = anchor.isoformat() if anchor is not None else None
    finer = reference  # the last point finer than a year: what "the quarter" is of
    resolved: list[TimeExpression] = []
    for record in records:
        comparison = anaphora.compares(record.text)
        if comparison and finer is not None and "-Q" in finer:
            value = anaphora.year_back(finer)
            record = replace(record, type="DATE", value=value, resolved=True)
        elif reference is not None and anaphora.is_anaphoric(record.text):
            against = finer if anaphora.is_period_phrase(record.text) else reference
            found = anaphora.resolve(record.text, against or reference)
            if found is not None:
                kind, value = found
                record = replace(record, type=kind, value=value, resolved=True)
        point = anaphora.reference_point(record.value)
        if point is not None and not comparison:
            reference = point
            finer = point if len(point) > 4 else finer
        resolved.append(record)
    return resolved


def parse_anchor(date: str | None) -> dt.date | None:
    """The publication day of an article date ("2025-06-25", "2025-06-25T10:00Z")."""
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date.strip()[:10])
    except ValueError:
        return None


def _paragraph_timexes(
    paragraph: Paragraph, doc: Doc, anchor: dt.date | None
) -> list[tuple[int, int, str, str | None, str | None, bool]]:
    candidates = _merge_adjacent(_entity_candidates(doc) + _rule_candidates(doc))
    readings: list[tuple[Span, str, str | None, str | None, bool]] = []
    for candidate in candidates:
        fixed = _fix_span(doc, candidate)
        if fixed is None:
            continue
        span, label, phrase = fixed
        if not _is_temporal(span, phrase):
            continue
        tense = governing_tense(span.root)
        reading = normalise(phrase, anchor, tense=tense)
        kind = reading.type if recognises(phrase) else label
        readings.append((span, kind, reading.value, reading.mod, reading.resolved))
    readings = _clock_times_on_their_day(readings, anchor)
    offset = paragraph.start
    return [
        (offset + span.start_char, offset + span.end_char, kind, value, mod, resolved)
        for span, kind, value, mod, resolved in readings
    ]


# ------------------------------------------------------------------------- candidates


def _entity_candidates(doc: Doc) -> list[_Candidate]:
    return [_Candidate(e.start, e.end, e.label_) for e in doc.ents if e.label_ in TIME_LABELS]


_COUNT = (
    "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a few|a couple of)"
)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"\b(?i:(?:earlier |later )?(?:today|yesterday|tomorrow)|tonight|last night|overnight)\b",
         "DATE"),
        (r"\b(?i:recently|lately|currently|presently|nowadays|at present|right now)\b", "DATE"),
        (r"\b(?i:recent (?:days|weeks|months|years))\b", "DATE"),
        (r"\b(?i:(?:the )?coming (?:days|weeks|months|years))\b", "DATE"),
        (r"(?<=\b[Ii]n )the (?:past|future|near future)\b", "DATE"),
        (r"\b(?i:annually|yearly|annual|weekly|monthly|quarterly|every (?:year|month|week|day))\b",
         "DATE"),
        (r"\b(?i:(?:first|second|third|fourth|1st|2nd|3rd|4th)-quarter)\b", "DATE"),
        (r"\b(?i:the (?:latest |most recent |same |previous |next |following )?quarter)\b"
         r"(?![- ](?:of|point|percent|century|mile|hour)\b|-)", "DATE"),
        (r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", "DATE"),
        (r"\b(?:January|February|March|April|June|July|August|September|October|November|"
         r"December)\b", "DATE"),
        (r"\b(?i:(?:this|last|next|earlier this|later this) (?:week|month|year|weekend))\b",
         "DATE"),
        (r"\b(?i:(?:the|this|last|next) (?:spring|summer|autumn|winter))\b", "DATE"),
        (r"\b(?i:(?:a|an) (?:later|earlier) (?:time|date))\b", "DATE"),
        (r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", "DATE"),
        (r"\b\d{4}-\d{2}-\d{2}\b", "DATE"),
        (r"\b\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?", "TIME"),
        (r"\b(?i:now|soon)\b", "DATE"),
        (rf"\b(?i:(?:(?:almost|nearly|about|around|roughly|more than|over|less than|at least|"
         rf"some) )?(?:\d+(?:\.\d+)?|{_COUNT}|{_COUNT}[- ]{_COUNT})(?: and a half)?[- ]"
         rf"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries))\b", "DATE"),
    )
)  # fmt: skip


def _rule_candidates(doc: Doc) -> list[_Candidate]:
    """Expressions spaCy's NER tends to miss, matched on the text and snapped to tokens."""
    found: list[_Candidate] = []
    text = text_of(doc)
    for pattern, label in _RULES:
        for match in pattern.finditer(text):
            span = expanded_span(doc, match.start(), match.end())
            if span is None or not _rule_applies(span):
                continue
            found.append(_Candidate(span.start, span.end, label))
    return found


def _rule_applies(span: Span) -> bool:
    """Reject the readings that only look temporal: "May" the verb, "now that", "soon after"."""
    first = span[0]
    word = first.lower_
    if len(span) == 1 and word == "now":
        following = first.nbor(1).lower_ if first.i + 1 < len(first.doc) else ""
        return first.pos_ == "ADV" and following not in ("that", ",")
    if len(span) == 1 and word == "soon":
        following = first.nbor(1).lower_ if first.i + 1 < len(first.doc) else ""
        return following not in ("after", "before", "as", "enough", "afterwards", "thereafter")
    # "March" and "August" are also a verb and an adjective ("they march", "august body").
    return first.text not in ("March", "August") or first.pos_ in ("PROPN", "NOUN")


def _merge_adjacent(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per stretch: nested ones dropped, "Friday" + "morning" joined."""
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))
    merged: list[_Candidate] = []
    for candidate in ordered:
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = _Candidate(last.start, max(last.end, candidate.end), last.label)
            continue
        if (
            merged
            and candidate.start == merged[-1].end
            and "TIME"
            in (
                candidate.label,
                merged[-1].label,
            )
        ):
            last = merged[-1]
            merged[-1] = _Candidate(last.start, candidate.end, "TIME")
            continue
        merged.append(candidate)
    return merged


# -------------------------------------------------------------------------- span fixes


def _fix_span(doc: Doc, candidate: _Candidate) -> tuple[Span, str, str] | None:
    """The MEANTIME-shaped span, its label, and the phrase to normalise (with the signal)."""
    start, end = candidate.start, candidate.end
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    if end < len(doc) and doc[end].lower_ in TIME_ZONES and doc[end - 1].like_num:
        end += 1  # "18:00 UTC", "1639 GMT": the zone belongs to the time
    signal = ""
    while start < end and _is_signal(doc, start, end):
        signal = doc[start].lower_
        start += 1
    while start < end and doc[start].is_punct:
        start += 1
    if start >= end:
        return None
    if not signal and start > 0 and doc[start - 1].lower_ in MOD_SIGNALS:
        signal = doc[start - 1].lower_
    span = doc[start:end]
    phrase = span.text
    per_unit = re.fullmatch(r"(?:[\d.,]+|\w+) (?P<rate>(?:a|an|per) \w+)", phrase, re.I)
    if per_unit and doc[start].like_num:
        span = doc[start + 1 : end]  # "15 a year": the SET is "a year"
        return span, "DATE", phrase
    while span.start > 0 and _modifies(doc[span.start - 1], span):
        span = doc[span.start - 1 : span.end]
    if not recognises(span.text):
        span = _recognised_core(span) or span
    phrase = f"{signal} {span.text}" if signal in MOD_SIGNALS else span.text
    return span, candidate.label, phrase


def _recognised_core(span: Span) -> Span | None:
    """The longest (then leftmost) stretch of an over-long entity that reads as a time
    expression: spaCy's "10 days Date" is "10 days"."""
    if len(span) > 8:
        return None
    doc = span.doc
    for length in range(len(span) - 1, 0, -1):
        for start in range(span.start, span.end - length + 1):
            end = start + length
            if start > span.start and not doc[start - 1].whitespace_:
                continue  # never cut a word: "2019-nCoV" holds no "2019"
            if end < span.end and not doc[end - 1].whitespace_:
                continue
            part = doc[start:end]
            if not part[0].is_punct and not part[-1].is_punct and recognises(part.text):
                return part
    return None


def _is_signal(doc: Doc, start: int, end: int) -> bool:
    """A leading preposition ("in April", "since March") that MEANTIME leaves outside."""
    word = doc[start].lower_
    if word == "over" and start + 1 < end:
        return not doc[start + 1].like_num  # "over two years" is an approximate duration
    return word in SIGNALS


def _modifies(token: Token, span: Span) -> bool:
    """Whether the word before a span is part of the expression ("this" + "year")."""
    return token.lower_ in LEFT_MODIFIERS and span.start <= token.head.i < span.end


def _is_temporal(span: Span, phrase: str) -> bool:
    """Drop what spaCy calls a date but TIMEX3 does not: ages, bare numbers, codes."""
    text, doc = span.text, span.doc
    if _AGE.search(doc[max(0, span.start - 3) : span.end + 2].text):
        return False
    following = doc[span.end] if span.end < len(doc) else None
    if (
        following is not None
        and not span[-1].whitespace_
        and not following.is_punct
        and following.tag_ != "POS"
        and following.lower_ not in ("'s", "’s")
    ):
        return False  # part of a longer word: "2019-nCoV", "1990s-era"
    if following is not None and following.text == "-" and not following.whitespace_:
        return False
    if "-" in text and text[0].isupper() and following is not None and following.is_title:
        return False  # a name: the "Six-Day War", the "Hundred Years' War"
    if following is not None and following.lemma_.lower() in PUBLICATIONS:
        return False  # "a daily newspaper" names a kind of paper, not a recurrence
    if _describes_a_thing(span):
        return False
    if recognises(phrase):
        return True
    words = {w.strip(".,'’").lower() for w in re.split(r"[\s-]+", text)}
    return bool(words & TEMPORAL_WORDS)


def _describes_a_thing(span: Span) -> bool:
    """A frequency adjective on a noun says what kind of thing it is, not when: the
    "quarterly dividend", the "annual meeting", "average daily volume" (TimeBank leaves
    them unmarked). Said of the action ("paid quarterly", "rises 8% annually") it is a SET."""
    if len(span) != 1:
        return False
    word = span[0]
    return (
        word.lower_ in SET_WORDS
        and word.dep_ == "amod"
        and word.head.i > word.i
        and word.head.pos_ in ("NOUN", "PROPN")
    )


# ------------------------------------------------------------------------------ tense


def governing_tense(token: Token) -> str | None:
    """ "past", "present" or "future": the tense of the verb that governs ``token``.

    Walks the head chain to the nearest verb; "will"/"shall"/"'ll"/"would", a modal, or an
    infinitive under "set to", "due to", "going to" make it future; a past form or a
    perfect ("has intensified") makes it past; a present form present. Participles and
    infinitives that say nothing of time defer to the verb above them.
    """
    verb = _verb_above(token)
    seen = 0
    while verb is not None and seen < 12:
        tense = _tense_of(verb)
        if tense is not None:
            return tense
        verb = _verb_above(verb)
        seen += 1
    return None


def _verb_above(token: Token) -> Token | None:
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _tense_of(verb: Token) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return FUTURE
    if any(a.lemma_ == "have" for a in auxiliaries):
        return PAST  # the perfect looks back: "has intensified … on Tuesday"
    if words & MODAL_AUXILIARIES:
        return FUTURE
    if "to" in words and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() in FUTURE_CONTROLLERS or head.lower_ in FUTURE_CONTROLLERS:
            return FUTURE
        return None
    if any(a.tag_ == "VBD" for a in auxiliaries) or verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and verb.lemma_.lower() in FUTURE_CONTROLLERS and auxiliaries:
        return FUTURE  # "is scheduled for May", "are set for Friday": a plan ahead
    if _reduced_participle(verb, auxiliaries):
        # a reduced clause tells what was done to its noun ("the terms, announced Friday",
        # "shares issued July 1"), unless it is a plan ("the vote scheduled for May")
        return FUTURE if verb.lemma_.lower() in PLANNED else PAST
    if any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries) or verb.tag_ in ("VBZ", "VBP"):
        return PRESENT
    return None


def _reduced_participle(verb: Token, auxiliaries: list[Token]) -> bool:
    """A past participle heading a clause with no auxiliary and no subject of its own."""
    return (
        verb.tag_ == "VBN"
        and not auxiliaries
        and verb.dep_ in ("acl", "advcl")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


# ---------------------------------------------------------------------- clock times


def _clock_times_on_their_day(
    readings: list[tuple[Span, str, str | None, str | None, bool]], anchor: dt.date | None
) -> list[tuple[Span, str, str | None, str | None, bool]]:
    """ "made its first flight Tuesday … at 18:00 UTC": a clock time with no date of its
    own happened on the day its sentence names, not on the publication day."""
    if anchor is None:
        return readings
    today = anchor.isoformat() + "T"
    fixed = list(readings)
    for index, (span, kind, value, mod, resolved) in enumerate(readings):
        if kind != "TIME" or value is None or not value.startswith(today):
            continue
        if normalise(span.text, None).type != "TIME":
            continue
        day = _day_in_sentence(readings, index)
        if day is not None and day != anchor.isoformat():
            fixed[index] = (span, kind, day + value[len(anchor.isoformat()) :], mod, resolved)
    return fixed


def _day_in_sentence(
    readings: list[tuple[Span, str, str | None, str | None, bool]], index: int
) -> str | None:
    """The nearest full date in the same sentence, before the time expression first."""
    span = readings[index][0]
    sentence = span.sent
    days = [
        (abs(other.start - span.start) + (0 if other.start < span.start else 1000), value)
        for i, (other, kind, value, _, _) in enumerate(readings)
        if i != index
        and kind == "DATE"
        and value is not None
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        and other.sent == sentence
    ]
    return min(days)[1] if days else None
