"""Event triggers: which verbs and nouns name an event, and every trigger of an article as a
:class:`~tui.nlp.events.context.Mention` with its details."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.attrs import POS
from spacy.symbols import AUX, NOUN, VERB

from tui.model import Span
from tui.nlp.events.lexicon import EVENT_NOUNS, event_type
from tui.nlp.text.paragraphs import Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from tui.nlp.events.context import Context, Mention
from tui.nlp.events.details import (
    casualty_quantities,
    longest_per_count,
    participants_of,
    place_of,
    quantities_of,
    status_of,
)
from tui.nlp.events.times import attach_time, sentence_anchors

# ------------------------------------------------------------------ triggers


NOMINAL_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("ate", "e", "")),
    ("ition", ("ite", "e", "")),
    ("tion", ("te", "t", "")),
    ("sion", ("de", "se", "d", "t")),
    ("ment", ("",)),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("al", ("e", "")),
    ("ure", ("", "e")),
    ("ing", ("", "e")),
    ("age", ("",)),
)
# Nouns that are verbs too but name things, not happenings, in news text.
THING_NOUNS: frozenset[str] = frozenset(
    """
    people time place state house water name man woman book plane face company group
    number part line mind side head hand home air power market product model system phone
    city country world family member official leader party government office building
    school police army force week month year day night morning evening today share stock
    contract store parent service founder officer crew equipment fleet firm body flag
    sky skies value figure figures rights partner partners
    cost rate price money dollar percent percentage record list table board chair screen
    camera iphone device computer aircraft jet engine airline carrier network site website
    page video photo picture image story article paper letter card code data file
    material metal oil gas fuel energy water food coffee drink point term word language
    area region border street road room floor door window wall seat land field ground
    source sources answer question issue matter case fact reason way kind sort type form
    level size range series set amount lot total
    """.split()
)


TRIGGER_PARTS = frozenset({VERB, AUX, NOUN})
"""The parts of speech :func:`is_trigger` can accept (as spaCy's symbol ids)."""


def is_trigger(token: Token, verbs: frozenset[str] = frozenset()) -> bool:
    """A verb that is not an auxiliary, a main-verb "be"/"have", or a noun naming an event.

    Recall comes first here (the reader ranks by salience): light verbs count, and a noun
    counts when it is listed, when the same word is a verb ("bid", "leave", "claim"), or
    when it nominalises a verb ("evaluation", "development", "arrival").
    """
    if token.is_punct or token.is_space or (not token.is_alpha and "-" not in token.text):
        return False
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return token.dep_ not in {"aux", "auxpass", "amod"} and lemma != "accord"
    if token.pos_ == "AUX":
        return token.dep_ not in {"aux", "auxpass"} and lemma in {"be", "have"}
    if token.pos_ != "NOUN":
        return False
    if lemma in EVENT_NOUNS or token.lower_ in EVENT_NOUNS:
        return True
    if lemma in THING_NOUNS or not verbs:
        return False
    return lemma in verbs or _nominalises_a_verb(lemma, verbs)


def _nominalises_a_verb(noun: str, verbs: frozenset[str]) -> bool:
    for suffix, replacements in NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            if any(stem + ending in verbs for ending in replacements):
                return True
            if suffix == "ing" and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs:
                return True  # "bidding" → bid
    return False


def _is_definite(token: Token) -> bool:
    for child in token.lefts:
        if child.dep_ in {"det", "poss"} and child.lower_ in {
            "the",
            "this",
            "that",
            "these",
            "those",
            "their",
            "his",
            "her",
            "its",
            "our",
        }:
            return True
        if child.dep_ == "poss":
            return True
    return False


# ------------------------------------------------------------------ assembly


def find_event_mentions(parsed: Sequence[tuple[Paragraph, Doc]], context: Context) -> list[Mention]:
    """Every trigger in reading order, with its details."""
    mentions: list[Mention] = []
    text = context.text
    timex_starts = [t.start for t in context.timexes]  # extract_timexes gives text order
    for index, (paragraph, doc) in enumerate(parsed):
        offset = paragraph.start
        # Parts of speech as one array: only a verb or a noun can be a trigger, and making
        # a Token object for every word of every sentence cost more than the test itself.
        parts = doc.to_array(POS).tolist()
        for sentence in doc.sents:
            casualties = None
            first = bisect_left(timex_starts, offset + sentence.start_char)
            last = bisect_left(timex_starts, offset + sentence.end_char)
            anchors = sentence_anchors(sentence, offset, context.timexes[first:last])
            for i in range(sentence.start, sentence.end):
                if parts[i] not in TRIGGER_PARTS:
                    continue
                token = doc[i]
                if not is_trigger(token, context.verbs):
                    continue
                lemma = token.lemma_.lower()
                start = offset + token.idx
                mention = Mention(
                    trigger=Span.of(text, start, start + len(token.text)),
                    lemma=lemma,
                    type=event_type(lemma),
                    paragraph=index,
                    sentence=Span.of(
                        text, offset + sentence.start_char, offset + sentence.end_char
                    ),
                    token=token.i,
                    doc=doc,
                    offset=offset,
                    is_noun=token.pos_ == "NOUN",
                    definite=_is_definite(token),
                )
                mention.participants = [
                    p
                    for p in participants_of(token, offset, context)
                    if p.mention is None or not _inside_timex(p.mention, context)
                ]
                mention.place_id = place_of(token, offset, context)
                mention.status = status_of(token)
                attach_time(mention, token, context, paragraph, anchors)
                mention.reported_by = _reporter(mention.trigger.start, context)
                mention.verbatim = _verbatim(mention.trigger.start, context)
                mention.quantities = [
                    q
                    for q in quantities_of(token, offset, text)
                    if not _inside_timex(q.span, context)
                ]
                if mention.type in {"attack", "disaster", "military action"}:
                    if casualties is None:
                        casualties = casualty_quantities(list(sentence), offset, text)
                    mention.quantities = longest_per_count([*mention.quantities, *casualties])
                mentions.append(mention)
    return mentions


def _inside_timex(span: Span, context: Context) -> bool:
    """ "the February 2022 invasion": 2022 is a date, not a count or a participant."""
    return context.timex_spans.containing(span.start, span.end) is not None


def _reporter(position: int, context: Context) -> str | None:
    quote = context.quote_spans.containing(position, position + 1)
    return None if quote is None else quote.speaker_id


def _verbatim(position: int, context: Context) -> bool:
    quote = context.quote_spans.containing(position, position + 1)
    return quote is not None and quote.kind == "direct"
