"""Source forms without a cue verb: "according to X", with X's apposition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    cue_lemma,
)

if TYPE_CHECKING:
    from spacy.tokens import Token
from tui.nlp.quotes.record import CueUse, char_span, contiguous, subtree_tokens, trim_tokens
from tui.nlp.quotes.subjects import speaker_fields


def _comma_apposition(noun: Token) -> Token | None:
    """ "the El Paso mayor, Dee Margo, …": the name set off by commas after a description."""
    if noun.pos_ != "NOUN":
        return None
    doc = noun.doc
    after = noun.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].text != ",":
        return None
    first = doc[after + 1]
    if first.pos_ != "PROPN":
        return None
    last = first
    while last.i + 1 < len(doc) and doc[last.i + 1].pos_ == "PROPN":
        last = doc[last.i + 1]
    if last.i + 1 < len(doc) and doc[last.i + 1].text == "," and last.ent_type_ == "PERSON":
        return last
    return None


def according_to(token: Token) -> CueUse | None:
    """ "According to X, P" and a sentence-initial "Per X, P": X is the source of P."""
    doc = token.doc
    if token.lower_ == "according":
        if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            return None
        to = doc[token.i + 1]
        cue_tokens = [token, to]
        objects = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
    else:
        if token.i != token.sent.start or token.text != "Per":
            return None
        to = token
        cue_tokens = [token]
        objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    pp_root = token
    clause = pp_root.head if pp_root.head.i != pp_root.i else None
    while clause is not None and clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    if clause is None or clause.i == pp_root.i:
        clause = token.sent.root
    while (
        clause.dep_ in {"advcl", "acl", "csubj"}
        and clause.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
    ):
        # "Rescuers, working in the cold, according to the ministry recovered …": the
        # parser hangs the aside on the participle; what it attributes is the clause
        clause = clause.head
    # "P, according to police, who said Q": the source's own report is not its content
    if (
        cue_lemma(clause.text, clause.lemma_)
        and clause.i > token.i
        and clause.dep_ in {"conj", "parataxis"}
    ):
        clause = clause.head
    excluded = [pp_root]
    tokens = [t for t in subtree_tokens(clause, excluded) if t.i not in {x.i for x in cue_tokens}]
    runs = [trim_tokens(run) for run in contiguous(tokens)]
    runs = [run for run in runs if run and any(t.is_alpha for t in run)]
    if len(runs) > 1 and not all(any(t.pos_ in {"VERB", "AUX"} for t in run) for run in runs):
        # "The decision, according to sources, was made on Friday": the clause around
        # the aside is one content; a piece without a verb says nothing on its own (pieces
        # that do are two quotes, as an interrupted quotation is)
        runs = [list(doc[runs[0][0].i : runs[-1][-1].i + 1])]
    source = _comma_apposition(source) or source
    head, span, antecedent = speaker_fields(source)
    head_token = doc[head] if head is not None else None
    if head_token is not None and head_token.pos_ not in {"PROPN", "PRON"}:
        phrase = list(source.subtree)
        for index, token in enumerate(phrase):
            if token.i > source.i and token.text in {",", ";", "—"}:
                phrase = phrase[:index]
                break
        span = char_span(trim_tokens(phrase) or [source])
    return CueUse(
        token=token.i,
        cue=(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)),
        lemma="according to" if token.lower_ == "according" else "per",
        speaker_head=head,
        speaker=span,
        antecedent_head=antecedent,
        content=tuple(char_span(run) for run in runs),
        rule="according-to",
        own_subject=True,
    )
