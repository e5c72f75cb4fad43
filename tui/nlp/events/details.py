"""An event's details from the parse: participants from its arguments, place from a locative
phrase, status from tense, modality and negation, and counted quantities ("21 people
killed")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.model import Participant, Quantity, Span
from tui.nlp.speakers.mention_spans import mention_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from tui.nlp.events.context import PLACE_LABELS, Context

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


# ------------------------------------------------------------------ details


def char_span(doc: Doc, tokens: Sequence[Token], offset: int, text: str) -> Span:
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
            span = char_span(token.doc, tokens, offset, context.text)
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


def clause_head(token: Token) -> Token:
    """The verb whose clause the trigger sits in (a noun's governing verb)."""
    node = token
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return node


def status_of(token: Token) -> str:
    """happened, ongoing, planned, hypothetical or negated, from the trigger's clause."""
    verb = clause_head(token)
    # the verb's children, made once: each walk of .children builds new Token objects
    own = list(verb.children)
    children = own + (list(token.children) if token.i != verb.i else [])
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    auxiliaries = {c.lower_ for c in own if c.dep_ in {"aux", "auxpass"}}
    if auxiliaries & FUTURE_AUXILIARIES or _going_to(verb, own):
        return "planned"
    if (
        verb.head.lemma_.lower() in PLANNING_VERBS
        and verb.dep_ in {"xcomp", "ccomp"}
        and any(c.lower_ == "to" for c in own)
    ):
        return "planned"
    if auxiliaries & HYPOTHETICAL_AUXILIARIES or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in own
    ):
        return "hypothetical"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in {"VBZ", "VBP"} for c in own):
        return "ongoing"
    return "happened"


def _going_to(verb: Token, children: Sequence[Token]) -> bool:
    head = verb.head
    return (
        head.lower_ == "going"
        and verb.dep_ == "xcomp"
        and any(c.lower_ == "to" for c in children)
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
    return longest_per_count(found)


def longest_per_count(quantities: Sequence[Quantity]) -> list[Quantity]:
    """One quantity per count: "more than 300 wounded" rather than also "more than 300"."""
    kept: list[Quantity] = []
    for quantity in sorted(quantities, key=lambda q: -(q.span.end - q.span.start)):
        if not any(
            k.span.start <= quantity.span.start and quantity.span.end <= k.span.end for k in kept
        ):
            kept.append(quantity)
    return sorted(kept, key=lambda q: q.span.start)
