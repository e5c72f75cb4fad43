"""Attributions made with "as": the passive "identified as Y by X" and the relay "cited X
as saying Y". In both the source is not the verb's subject, so the subject rules of
:mod:`~tui.nlp.quotes.cue_uses` would give the words to the wrong one (or no one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.nlp.quotes.content import clause_content
from tui.nlp.quotes.cues import CLAUSE_CUES, QUOTING_VERBS, REPORTED_AS_CUES, cue_lemma
from tui.nlp.quotes.record import CueUse, char_span, trim_tokens
from tui.nlp.quotes.subjects import speaker_fields

if TYPE_CHECKING:
    from spacy.tokens import Token


def reported_as(verb: Token, lemma: str) -> CueUse | None:
    """The attribution of a cue verb built with "as", or None when it is not one."""
    if lemma in QUOTING_VERBS:
        relayed = _relayed(verb)
        if relayed is not None:
            return relayed
    if lemma in REPORTED_AS_CUES and verb.tag_ == "VBN":
        return _passive_as(verb, lemma)
    return None


def _passive_as(verb: Token, lemma: str) -> CueUse | None:
    """ "The seaman was identified as Jaypee Galicha by a Coast Guard spokesperson", "a
    plane, reported by local press as belonging to the military": the agent said the
    "as" phrase."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    reporter = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if reporter is None:
        return None
    content = _as_phrase(verb) or _as_phrase(reporter)
    if not content:
        return None
    return _use(verb, lemma, reporter, [verb], content, "reported-as")


def _relayed(verb: Token) -> CueUse | None:
    """ "It cited the Air Force as stating Saha Airlines owned the plane": the words are
    the object's, said with the inner cue verb."""
    source = next((c for c in verb.children if c.dep_ == "dobj"), None)
    marker = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if source is None or marker is None:
        return None
    inner = next((c for c in marker.children if c.dep_ == "pcomp"), None)
    if inner is None:
        return None
    inner_lemma = cue_lemma(inner.text, inner.lemma_)
    if inner_lemma not in CLAUSE_CUES:
        return None
    kind, runs = clause_content(inner, inner_lemma)
    tokens = [t for run in runs for t in run]
    if kind != "clause" or not tokens:
        # the parser hung the reported clause on the outer verb ("stating [Saha Airlines]
        # owned the plane"): what follows the inner verb to the sentence's end
        doc = verb.doc
        end = verb.sent.end
        while end > inner.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        tokens = list(doc[inner.i + 1 : end])
    tokens = trim_tokens(tokens)
    if not tokens:
        return None
    return _use(inner, inner_lemma, source, [inner], tokens, "relayed-as")


def _as_phrase(head: Token) -> list[Token]:
    """The phrase an "as" under ``head`` introduces ("as belonging to the military", "as
    convicted of assaults"), without the "as" and without a coordinated "and by …" that
    reports another source's words."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if not objects:
                continue
            tokens = list(objects[0].subtree)
        elif child.dep_ == "advcl":
            marker = next(
                (c for c in child.children if c.dep_ == "mark" and c.lower_ == "as"), None
            )
            if marker is None:
                continue
            tokens = [t for t in child.subtree if t.i != marker.i]
        else:
            continue
        cut = next((t.i for t in tokens if t.dep_ == "cc" and t.i > tokens[0].i), None)
        return trim_tokens([t for t in tokens if cut is None or t.i < cut])
    return []


def _use(
    cue: Token, lemma: str, source: Token, cue_tokens: list[Token], content: list[Token], rule: str
) -> CueUse:
    head, span, antecedent = speaker_fields(source)
    if span is not None and span[1] > content[0].idx > source.idx:
        # "described by analysts as a takeover target": the source ends before its "as"
        phrase = trim_tokens([t for t in source.subtree if t.i < content[0].i and t.lower_ != "as"])
        span = char_span(phrase) if phrase else span
    return CueUse(
        token=cue.i,
        cue=char_span(cue_tokens),
        lemma=lemma,
        speaker_head=head,
        speaker=span,
        antecedent_head=antecedent,
        content=(char_span(content),),
        rule=rule,
        own_subject=True,
        content_kind="clause",
    )
