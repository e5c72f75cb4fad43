"""What a verb of judging is about: "Cruz accused Trump of lying about his record" holds no
words of Cruz's, but it attributes a stance to him, about "Trump of lying about his record"
(PolNeAR's content span: the object with the phrases that say what it is judged for)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.nlp.quotes.record import _inside, trim_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

GROUNDS = frozenset({"of", "for", "over", "as", "on", "about"})
"""Prepositions after the object that give the grounds of a judgement ("accused X of …",
"praised X for …", "criticised X over …"); others are the circumstances of the act."""
POINTERS = frozenset({"it", "this", "that", "them", "him", "her", "these", "those"})


def stance_object(verb: Token, quoted: Sequence[tuple[int, int]]) -> list[Token]:
    """The object a verb of judging is about, with its grounds; empty when the sentence
    quotes words (those are what the speaker said) or the object only points back."""
    sentence = verb.sent
    if any(sentence.start_char <= start < sentence.end_char for start, _ in quoted):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects or objects[0].lower_ in POINTERS:
        return []
    tokens = list(objects[0].subtree)
    for other in objects[1:]:  # "anti-semitism" parsed as three objects: one phrase
        if other.left_edge.i != tokens[-1].i + 1:
            break
        tokens.extend(other.subtree)
    for child in verb.rights:
        if child.i <= tokens[-1].i:
            continue
        if child.dep_ == "prep" and child.lower_ in GROUNDS and child.i == tokens[-1].i + 1:
            tokens.extend(child.subtree)
        else:
            break
    if any(_inside(t.idx, quoted) for t in tokens):
        return []
    while len(tokens) > 2 and tokens[-1].ent_type_ in {"DATE", "TIME"}:
        tokens.pop()  # "criticised the delays on Friday": when, not what
        if tokens[-1].dep_ == "prep":
            tokens.pop()
    return trim_tokens(tokens)
