"""Events: what happened, who took part, where and when, as the article reports it.

Triggers are verbs and event nouns (see :mod:`tui.nlp.eventlexicon`); recall is preferred
here and ranking (``salience``, ``background``) is left to whoever shows them. Each event's
details come from small functions over the parse: participants from its arguments, place
from a locative phrase naming a place, time from a time expression in its clause (else the
sentence, else the paragraph, else the publication date), status from tense, modality and
negation, numbers from counted arguments ("21 people killed"). Mentions of one event inside
the article ("a meeting … the encounter … the meeting") are merged into one record.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.model import Entity, Event, Participant, Quantity, Quote, Span, Speaker, TimeExpression
from tui.nlp.attribution import mention_tokens
from tui.nlp.eventlexicon import EVENT_NOUNS, LIGHT_VERBS, event_type, same_event_group
from tui.nlp.intervals import Intervals
from tui.nlp.paragraphs import Paragraph
from tui.nlp.time.values import time_start

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Span_

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "on"})
FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUXILIARIES = frozenset(
    {"would", "could", "might", "may", "should", "must", "can", "ca"}
)
PLANNING_VERBS = frozenset(
    """plan intend expect aim hope want seek prepare schedule propose promise pledge vow
    threaten""".split()
)
CASUALTY_WORDS = frozenset(
    "kill killed dead die died wound wounded injure injured hurt missing".split()
)
QUALIFIERS = (
    "more than",
    "at least",
    "less than",
    "fewer than",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "up to",
    "some",
)
BACKGROUND_DAYS = 31
QUOTED_ONLY_PENALTY = 0.3  # salience an event loses when only a direct quotation names it
VAGUE_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozens": 24,
    "dozen": 12,
    "hundreds": 200,
    "thousands": 2000,
}


@dataclass(slots=True)
class Mention:
    """One event trigger in the text, before mentions of one event are merged."""

    trigger: Span
    lemma: str
    type: str
    paragraph: int
    sentence: Span
    token: int
    doc: Doc
    offset: int
    is_noun: bool
    definite: bool
    participants: list[Participant] = field(default_factory=list)
    place_id: str | None = None
    time: TimeExpression | None = None
    time_anchor: str | None = None
    status: str = "happened"
    reported_by: str | None = None
    verbatim: bool = False  # inside a direct quotation: a source's words, not the report's
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Context:
    """What event extraction reads besides the parse: the rest of the annotation."""

    text: str
    date: dt.date | None
    timexes: Sequence[TimeExpression]
    quotes: Sequence[Quote]
    speakers: Sequence[Speaker]
    entities: Sequence[Entity]
    verbs: frozenset[str] = frozenset()
    references: Intervals[str] = field(init=False, repr=False, compare=False)
    places: Intervals[str] = field(init=False, repr=False, compare=False)
    timex_spans: Intervals[TimeExpression] = field(init=False, repr=False, compare=False)
    quote_spans: Intervals[Quote] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the spans that every trigger is checked against."""
        mentioned = [(m.start, m.end, s.id) for s in self.speakers for m in s.mentions]
        mentioned += [(m.start, m.end, e.id) for e in self.entities for m in e.mentions]
        places = [
            (m.start, m.end, e.id)
            for e in self.entities
            if e.label in PLACE_LABELS
            for m in e.mentions
        ]
        object.__setattr__(self, "references", Intervals(mentioned))
        object.__setattr__(self, "places", Intervals(places))
        object.__setattr__(
            self, "timex_spans", Intervals((t.start, t.end, t) for t in self.timexes)
        )
        object.__setattr__(self, "quote_spans", Intervals((q.start, q.end, q) for q in self.quotes))


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


# ------------------------------------------------------------------ details


def _char_span(doc: Doc, tokens: Sequence[Token], offset: int, text: str) -> Span:
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    return Span.of(text, start, end)


ARGUMENT_PREPOSITIONS: dict[str, str] = {
    "by": "agent",
    "of": "patient",
    "against": "patient",
    "with": "other",
    "between": "other",
    "for": "other",
    "from": "other",
    "to": "other",
    "into": "other",
    "on": "other",
    "over": "other",
    "about": "other",
    "in": "other",
    "at": "other",
    "near": "other",
}


def _argument_heads(token: Token) -> list[tuple[str, Token]]:
    """(role, head token) for each argument the parse gives the trigger directly."""
    found: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ in {"nsubj", "csubj"}:
            found.append(("agent", child))
        elif child.dep_ in {"nsubjpass", "dobj", "obj", "attr"}:
            found.append(("patient", child))
        elif child.dep_ == "agent":
            found += [("agent", g) for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in {"dative", "iobj"}:
            found.append(("other", child))
        elif child.dep_ == "poss" and token.pos_ == "NOUN":
            found.append(("agent", child))
        elif child.dep_ == "prep" and child.lower_ in ARGUMENT_PREPOSITIONS:
            role = ARGUMENT_PREPOSITIONS[child.lower_]
            if child.lower_ in {"in", "at", "on", "near"} and not any(
                g.ent_type_ in PLACE_LABELS | {"ORG"} or g.pos_ == "PROPN" for g in child.children
            ):
                continue  # "in recent weeks", "on the sidelines": no participant
            found += [(role, g) for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in {"compound", "nmod"} and token.pos_ == "NOUN" and child.pos_ == "PROPN":
            found.append(("other", child))
    if token.pos_ in {"VERB", "AUX"}:
        found += _implicit_arguments(token, {role for role, _ in found})
    return found


def _implicit_arguments(verb: Token, roles: set[str]) -> list[tuple[str, Token]]:
    """Arguments the parse leaves elsewhere: the noun a participle or relative clause
    modifies ("the aircraft built by Boeing", "the plane that crashed"), and the subject a
    coordinated or controlled verb shares ("Boeing unveiled X and announced Y")."""
    found: list[tuple[str, Token]] = []
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        found.append(("patient" if verb.tag_ == "VBN" else "agent", head))
    elif verb.dep_ == "relcl" and head.pos_ in {"NOUN", "PROPN"}:
        relative_subject = any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"who", "which", "that"}
            for c in verb.children
        )
        found.append(("agent" if relative_subject else "patient", head))
    elif (
        "agent" not in roles
        and verb.dep_ in {"conj", "xcomp", "advcl"}
        and head.pos_
        in {
            "VERB",
            "AUX",
        }
    ):
        found += [("agent", c) for c in head.children if c.dep_ == "nsubj"]
    return found


def participants_of(token: Token, offset: int, context: Context) -> list[Participant]:
    """Arguments of the trigger with a role: subject agent, object patient, others other."""
    result: list[Participant] = []
    for role, head in _argument_heads(token):
        if head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
            continue
        for argument in [head, *[c for c in head.children if c.dep_ == "conj"]]:
            tokens = mention_tokens(argument)
            span = _char_span(token.doc, tokens, offset, context.text)
            result.append(Participant(role=role, mention=span, ref=_reference(span, context)))
    return result


def _reference(span: Span, context: Context) -> str | None:
    """The speaker (first) or entity a mention overlaps."""
    return context.references.overlapping(span.start, span.end)


def place_of(token: Token, offset: int, context: Context) -> str | None:
    """An entity id for "in Istanbul", "at the Vatican", "at a NATO summit in the Hague"."""
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in PLACE_PREPOSITIONS:
            continue
        for place in (g for g in child.subtree if g.ent_type_ in PLACE_LABELS):
            start = offset + place.idx
            found = context.places.containing(start, start + 1)
            if found is not None:
                return found
    return None


def _clause_head(token: Token) -> Token:
    """The verb whose clause the trigger sits in (a noun's governing verb)."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return node


def status_of(token: Token) -> str:
    """happened, ongoing, planned, hypothetical or negated, from the trigger's clause."""
    verb = _clause_head(token)
    children = list(verb.children) + (list(token.children) if token.i != verb.i else [])
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if auxiliaries & FUTURE_AUXILIARIES or _going_to(verb):
        return "planned"
    if (
        verb.head.lemma_.lower() in PLANNING_VERBS
        and verb.dep_ in {"xcomp", "ccomp"}
        and any(c.lower_ == "to" for c in verb.children)
    ):
        return "planned"
    if auxiliaries & HYPOTHETICAL_AUXILIARIES or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children
    ):
        return "hypothetical"
    if verb.tag_ == "VBG" and any(
        c.lemma_ == "be" and c.tag_ in {"VBZ", "VBP"} for c in verb.children
    ):
        return "ongoing"
    return "happened"


def _going_to(verb: Token) -> bool:
    head = verb.head
    return (
        head.lower_ == "going"
        and verb.dep_ == "xcomp"
        and any(c.lower_ == "to" for c in verb.children)
        and any(c.lemma_ == "be" for c in head.children)
    )


def quantities_of(token: Token, offset: int, text: str) -> list[Quantity]:
    """Counted arguments of the trigger: "killed 21 people", "21 people killed"."""
    heads = [c for c in token.children if c.pos_ in {"NOUN", "PROPN", "NUM"}]
    if (
        token.pos_ == "VERB"
        and token.head.pos_ in {"NOUN", "PROPN"}
        and token.dep_ in {"acl", "amod"}
    ):
        heads.append(token.head)
    result: list[Quantity] = []
    for head in heads:
        numbers = [c for c in head.children if c.dep_ == "nummod"] or (
            [head] if head.pos_ == "NUM" else []
        )
        for number in numbers:
            result.append(_quantity(number, head, offset, text))
    return result


def _quantity(number: Token, unit: Token, offset: int, text: str) -> Quantity:
    """The count with its qualifier ("more than 300") and, when adjacent, its unit."""
    tokens = [t for t in number.subtree if t.i <= number.i and number.i - t.i <= 3]
    if unit.i != number.i and 0 < unit.i - number.i <= 2:
        tokens += list(number.doc[number.i + 1 : unit.i + 1])
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    while len(tokens) > 1 and tokens[0].i < number.i and tokens[1].i - tokens[0].i > 1:
        tokens = tokens[1:]
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    phrase = text[start:end].lower()
    qualifier = next((q for q in QUALIFIERS if phrase.startswith(q + " ")), None)
    return Quantity(
        span=Span.of(text, start, end),
        value=_number_value(number.text),
        unit=unit.lemma_.lower() if unit.i != number.i else None,
        qualifier=qualifier,
    )


def _number_value(word: str) -> float | None:
    cleaned = word.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return _NUMBER_WORDS.get(word.lower())


def casualty_quantities(sentence_tokens: Sequence[Token], offset: int, text: str) -> list[Quantity]:
    """ "with 21 people killed and more than 300 wounded": the toll of an attack or disaster."""
    found: list[Quantity] = []
    for token in sentence_tokens:
        if token.lemma_.lower() not in CASUALTY_WORDS and token.lower_ not in CASUALTY_WORDS:
            continue
        for candidate in [*token.children, token.head]:
            numbers = [c for c in candidate.children if c.dep_ == "nummod"]
            if candidate.pos_ == "NUM":
                numbers.append(candidate)
            for number in numbers:
                quantity = _quantity(number, candidate, offset, text)
                span = quantity.span
                # name the casualty word with the count: "21 people killed"
                end, start = span.end, span.start
                word_start = offset + token.idx
                if 0 <= word_start - span.end <= 2:
                    end = word_start + len(token.text)
                found.append(
                    Quantity(
                        Span.of(text, start, end), quantity.value, token.lower_, quantity.qualifier
                    )
                )
    return _longest_per_count(found)


def _longest_per_count(quantities: Sequence[Quantity]) -> list[Quantity]:
    """One quantity per count: "more than 300 wounded" rather than also "more than 300"."""
    kept: list[Quantity] = []
    for quantity in sorted(quantities, key=lambda q: -(q.span.end - q.span.start)):
        if not any(
            k.span.start <= quantity.span.start and quantity.span.end <= k.span.end for k in kept
        ):
            kept.append(quantity)
    return sorted(kept, key=lambda q: q.span.start)


# ------------------------------------------------------------------ time


CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "acl", "xcomp", "parataxis"})


@dataclass(frozen=True, slots=True)
class TimexAnchor:
    """A time expression of a sentence with the tokens above it in the parse.

    Precomputed once per sentence so that attaching times stays linear in the number of
    triggers (a 2,000-word run-on sentence must not cost a quadratic walk per trigger).
    """

    timex: TimeExpression
    path: tuple[int, ...]  # the timex's first token and its ancestors, bottom up
    barriers: tuple[int, ...]  # positions in ``path`` of clausal verbs
    clause: int  # the verb whose clause the timex sits in


def sentence_anchors(
    sentence: Span_, offset: int, timexes: Sequence[TimeExpression]
) -> list[TimexAnchor]:
    """The usable time expressions that start inside ``sentence``, with their parse paths.

    ``timexes`` may be the article's (in text order); only those inside count.
    """
    anchors: list[TimexAnchor] = []
    if not timexes:
        return anchors
    by_start = {offset + t.idx: t for t in sentence}
    for timex in timexes:
        if not (timex.type in {"DATE", "TIME"} or timex.value in VAGUE_VALUES):
            continue
        token = next((by_start[s] for s in range(timex.start, timex.end) if s in by_start), None)
        if token is None:
            continue
        path = [token, *token.ancestors]
        barriers = tuple(
            index
            for index, node in enumerate(path)
            if node.dep_ in CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"}
        )
        anchors.append(
            TimexAnchor(timex, tuple(n.i for n in path), barriers, _clause_head(token).i)
        )
    return anchors


def _in_clause(anchor: TimexAnchor, clause: int) -> bool:
    """The timex hangs in ``clause`` itself, not in a clause embedded below it."""
    if clause not in anchor.path:
        return False
    position = anchor.path.index(clause)
    return not any(barrier < position for barrier in anchor.barriers)


def attach_time(
    mention: Mention,
    token: Token,
    context: Context,
    paragraph: Paragraph,
    anchors: Sequence[TimexAnchor],
) -> None:
    """The trigger's own time expression, else its clause's, sentence's or paragraph's."""
    clause = _clause_head(token)
    ancestors = {a.i for a in clause.ancestors} | {clause.i}
    candidates = []
    if token.pos_ == "NOUN":
        candidates = [a for a in anchors if token.i in a.path]
    if not candidates:
        candidates = [a for a in anchors if _in_clause(a, clause.i)]
    if candidates:
        mention.time, mention.time_anchor = _best(candidates), "explicit"
        return
    # a time in a clause that contains this one ("On Tuesday, officials said the plant
    # closed"), never one of a clause beside or below it ("… soon after he ordered the
    # February 2022 invasion" is no time for the talks earlier in the sentence)
    enclosing = [a for a in anchors if a.clause in ancestors]
    if enclosing:
        mention.time, mention.time_anchor = _best(enclosing), "sentence"
        return
    in_paragraph = [
        t
        for t in context.timexes
        if paragraph.start <= t.start < paragraph.end and t.start < mention.trigger.start
    ]
    if in_paragraph and mention.status in {"happened", "ongoing"}:
        mention.time, mention.time_anchor = in_paragraph[-1], "paragraph"
        return
    if context.date is not None and mention.status in {"happened", "ongoing"}:
        mention.time_anchor = "publication"


def _best(anchors: Sequence[TimexAnchor]) -> TimeExpression:
    """Prefer a resolved value, then the longer expression."""
    return max((a.timex for a in anchors), key=lambda t: (t.value is not None, t.end - t.start))


# ------------------------------------------------------------------ assembly


def find_event_mentions(parsed: Sequence[tuple[Paragraph, Doc]], context: Context) -> list[Mention]:
    """Every trigger in reading order, with its details."""
    mentions: list[Mention] = []
    text = context.text
    timex_starts = [t.start for t in context.timexes]  # extract_timexes gives text order
    for index, (paragraph, doc) in enumerate(parsed):
        offset = paragraph.start
        for sentence in doc.sents:
            casualties = None
            first = bisect_left(timex_starts, offset + sentence.start_char)
            last = bisect_left(timex_starts, offset + sentence.end_char)
            anchors = sentence_anchors(sentence, offset, context.timexes[first:last])
            for token in sentence:
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
                    mention.quantities = _longest_per_count([*mention.quantities, *casualties])
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


def _times_compatible(a: TimeExpression | None, b: TimeExpression | None) -> bool:
    if a is None or b is None or a.value is None or b.value is None:
        return True
    return a.value.startswith(b.value) or b.value.startswith(a.value)


def corefer(antecedent: Mention, mention: Mention) -> bool:
    """Whether a later mention refers back to an earlier one's event."""
    group = same_event_group(mention.lemma)
    if group is None or group != same_event_group(antecedent.lemma):
        return False
    if _named_participants_conflict(antecedent, mention):
        return False  # "a NATO summit" is not "the Group of Seven summit"
    if not mention.is_noun:
        # a verb repeats an event only with the same explicit time ("met … in April")
        return (
            mention.time is not None
            and antecedent.time is not None
            and (mention.time.value is not None and mention.time.value == antecedent.time.value)
        )
    if not _times_compatible(
        antecedent.time if antecedent.time_anchor == "explicit" else None,
        mention.time if mention.time_anchor == "explicit" else None,
    ):
        return False
    if mention.time_anchor == "explicit" and antecedent.time_anchor == "explicit":
        return True  # same kind of event, same explicit time
    if mention.time_anchor == "explicit" and not antecedent.is_noun:
        return False  # "the April meeting" is not whatever earlier "met" had no date
    return mention.definite


def _names(mention: Mention) -> set[str]:
    return {
        p.mention.text.lower()
        for p in mention.participants
        if p.mention is not None and p.mention.text[:1].isupper() and p.role == "other"
    }


def _named_participants_conflict(a: Mention, b: Mention) -> bool:
    names_a, names_b = _names(a), _names(b)
    return bool(names_a and names_b) and not (names_a & names_b)


@dataclass(slots=True)
class Cluster:
    mentions: list[Mention]

    @property
    def head(self) -> Mention:
        """The most informative mention: an explicit time, then a noun, then the first."""
        return max(
            self.mentions,
            key=lambda m: (
                m.time_anchor == "explicit",
                m.time is not None,
                len(m.participants),
                -m.trigger.start,
            ),
        )


def cluster_mentions(mentions: Sequence[Mention]) -> list[Cluster]:
    """Merge mentions of one event, in reading order.

    A mention with an explicit time joins a compatible cluster with the same explicit time
    first ("the April meeting" → "met … in April"); otherwise the nearest compatible one.
    """
    clusters: list[Cluster] = []
    by_group: dict[int, list[Cluster]] = {}
    for mention in mentions:
        group = same_event_group(mention.lemma)
        if group is None:  # a word of no group refers back to nothing
            clusters.append(Cluster([mention]))
            continue
        candidates = [
            cluster
            for cluster in reversed(by_group.get(group, []))
            if any(corefer(previous, mention) for previous in cluster.mentions)
            and _cluster_time_ok(cluster, mention)
        ]
        same_time = [c for c in candidates if _shares_explicit_time(c, mention)]
        target = (same_time or candidates or [None])[0]
        if target is None:
            target = Cluster([mention])
            clusters.append(target)
            by_group.setdefault(group, []).append(target)
        else:
            target.mentions.append(mention)
    return clusters


def _shares_explicit_time(cluster: Cluster, mention: Mention) -> bool:
    if mention.time_anchor != "explicit" or mention.time is None or mention.time.value is None:
        return False
    return any(
        m.time_anchor == "explicit" and m.time is not None and m.time.value == mention.time.value
        for m in cluster.mentions
    )


def _cluster_time_ok(cluster: Cluster, mention: Mention) -> bool:
    if mention.time_anchor != "explicit":
        return True
    return all(
        _times_compatible(m.time, mention.time)
        for m in cluster.mentions
        if m.time_anchor == "explicit"
    )


def build_events(clusters: Sequence[Cluster], context: Context, parsed_count: int) -> list[Event]:
    events: list[Event] = []
    for index, cluster in enumerate(
        sorted(clusters, key=lambda c: c.mentions[0].trigger.start), start=1
    ):
        head = cluster.head
        mentions = sorted(cluster.mentions, key=lambda m: m.trigger.start)
        participants = _merge_participants(m.participants for m in mentions)
        time_mention = next((m for m in mentions if m.time_anchor == "explicit"), None) or next(
            (m for m in mentions if m.time is not None), head
        )
        quantities = _merge_quantities(q for m in mentions for q in m.quantities)
        events.append(
            Event(
                id=f"v{index}",
                trigger=head.trigger,
                lemma=head.lemma,
                type=head.type
                if head.type != "other"
                else next((m.type for m in mentions if m.type != "other"), "other"),
                sentence=head.sentence,
                participants=participants,
                place_id=head.place_id or next((m.place_id for m in mentions if m.place_id), None),
                time_id=time_mention.time.id if time_mention.time is not None else None,
                time_anchor=time_mention.time_anchor,
                status=head.status,
                reported_by=head.reported_by,
                mentions=tuple(m.trigger for m in mentions if m is not head),
                quantities=quantities,
                salience=_salience(mentions, parsed_count),
                background=_is_background(time_mention.time, context.date),
            )
        )
    return events


def _merge_participants(groups) -> tuple[Participant, ...]:  # type: ignore[no-untyped-def]
    seen: dict[tuple[str, str | None, int, int], Participant] = {}
    for group in groups:
        for participant in group:
            span = participant.mention
            key = (
                participant.role,
                participant.ref,
                span.start if span else -1,
                span.end if span else -1,
            )
            seen.setdefault(key, participant)
    return tuple(seen.values())


def _merge_quantities(quantities) -> tuple[Quantity, ...]:  # type: ignore[no-untyped-def]
    return tuple(_longest_per_count(list(quantities)))


def _salience(mentions: Sequence[Mention], paragraphs: int) -> float:
    first = mentions[0]
    position = 1.0 / (1 + first.paragraph)
    typed = 0.3 if first.type != "other" else 0.0
    repeated = min(0.3, 0.1 * (len(mentions) - 1))
    nominal = 0.1 if any(m.is_noun for m in mentions) else 0.0
    light = 0.3 if all(m.lemma in LIGHT_VERBS for m in mentions) else 0.0
    dated = 0.1 if any(m.time_anchor == "explicit" for m in mentions) else 0.0
    counted = 0.15 if any(m.quantities for m in mentions) else 0.0
    # only ever in a source's own words ("“…casualties in the Raqqa battle”"): what a
    # speaker mentions in passing, not what the article reports
    quoted = QUOTED_ONLY_PENALTY if all(m.verbatim for m in mentions) else 0.0
    score = 0.4 * position + typed + repeated + nominal + dated + counted - light - quoted
    return round(max(0.0, min(1.0, score)), 3)


def _is_background(time: TimeExpression | None, date: dt.date | None) -> bool:
    if time is None or date is None:
        return False
    start = time_start(time.value)
    return start is not None and (date - start).days > BACKGROUND_DAYS


def extract_events(parsed: Sequence[tuple[Paragraph, Doc]], context: Context) -> list[Event]:
    """Events of an article, one record per event, in order of first mention."""
    mentions = find_event_mentions(parsed, context)
    clusters = cluster_mentions(mentions)
    return build_events(clusters, context, len(parsed))
