"""Cue words in use: each cue in a sentence with the speaker and content the parse gives it
(:func:`find_cue_uses`), the cue and source phrases, and the kind of act."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    BELIEF_CUES,
    DESIRE_CUES,
    ENDORSEMENT_CUES,
    NAMING_CUES,
    PHRASAL_CUES,
    SPEECH_CUES,
    STANCE_OBJECT_CUES,
    WORD_NOUNS,
    cue_lemma,
    is_evidence,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from tui.nlp.quotes.according_to import according_to
from tui.nlp.quotes.content import clause_content, is_speech_event, rest_of_clause
from tui.nlp.quotes.inverted import sentence_final_report
from tui.nlp.quotes.record import (
    CueUse,
    _inside,
    char_span,
    contiguous,
    trim_tokens,
    unquoted_tokens,
)
from tui.nlp.quotes.reported_as import reported_as
from tui.nlp.quotes.stance import stance_object
from tui.nlp.quotes.subjects import (
    QUANTIFIER_SPEAKERS,
    has_a_mind,
    speaker_fields,
    verb_subject,
)
from tui.nlp.speakers.mention_spans import without_dateline

CUE_PHRASE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
"""What a cue verb keeps before it as its cue phrase: "has repeatedly accused", "also
praised", "would later say" (the field's convention: PolNeAR's cue spans)."""


def cue_phrase(verb: Token) -> list[Token]:
    """The cue verb with the auxiliaries and adverbs right before it that are its own, its
    particle ("pointed out") or the preposition of a phrasal cue ("called for"), and a
    colon that opens what it reports ("said:")."""
    tokens = [verb]
    for child in reversed(list(verb.lefts)):
        if child.i != tokens[0].i - 1 or child.dep_ not in CUE_PHRASE_DEPS:
            break
        if child.dep_ == "aux" and child.lower_ == "to":
            break
        tokens.insert(0, child)
    lemma = verb.lemma_.lower()
    for child in verb.rights:
        if child.i != tokens[-1].i + 1:
            continue
        if child.dep_ == "prt" or (child.dep_ == "prep" and (lemma, child.lower_) in PHRASAL_CUES):
            tokens.append(child)
    doc = verb.doc
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].text == ":" and doc[after].head.i == verb.i:
        tokens.append(doc[after])
    return tokens


def source_phrase(subject: Token, cue: Sequence[Token]) -> list[Token]:
    """The whole noun phrase naming the source, with its title, apposition and relative
    clause ("Huma Abedin, vice chairwoman for Clinton's campaign,"): the field's
    convention (PolNeAR's source spans). A phrase set off by commas before its cue keeps
    the comma that closes it."""
    inside = [t for t in subject.subtree if not cue[0].i <= t.i <= cue[-1].i]
    run = next(r for r in contiguous(inside) if subject in r)
    run = trim_tokens(without_dateline(run)) or [subject]
    doc = subject.doc
    after = run[-1].i + 1
    if (
        run[-1].i < cue[0].i
        and after < len(doc)
        and doc[after].text == ","
        and after + 1 == cue[0].i
        and any(t.text == "," for t in run)
    ):
        run.append(doc[after])
    return run


def find_cue_uses(doc: Doc, quoted: Sequence[tuple[int, int]]) -> list[CueUse]:
    """Every cue verb outside quotation marks, with its speaker and reported content."""
    uses: list[CueUse] = []
    for token in unquoted_tokens(doc, quoted):
        if token.lower_ in {"according", "per"}:
            use = according_to(token)
            if use is not None:
                uses.append(use)
            continue
        if not (token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")):
            continue
        lemma = cue_lemma(token.text, token.lemma_)
        relayed = reported_as(token, lemma or token.lemma_.lower())
        if relayed is not None:
            uses.append(relayed)
            continue
        if lemma is None or not is_speech_event(token):
            continue
        subject, own = verb_subject(token, quoted)
        if lemma in NAMING_CUES and subject is not None and subject.lemma_.lower() in WORD_NOUNS:
            continue  # a definition: "the term X refers to Y"
        if subject is not None and (
            subject.pos_ in {"ADP", "SCONJ", "CCONJ", "ADV"}
            or (subject.pos_ == "DET" and subject.lower_ not in QUANTIFIER_SPEAKERS)
        ):
            subject = None  # "Amongst reported incidents…": no speaker at all
        act = _act(lemma, subject)
        if act is None:
            continue
        judged = []
        if act == "speech" and lemma in STANCE_OBJECT_CUES and has_a_mind(subject):
            judged = stance_object(token, quoted)
        if judged:  # "accused Trump of lying": no words quoted, a stance
            act, content_kind, runs = "stance", "object", [judged]
        elif act == "endorsement":
            content_kind, runs = "object", [_endorsed(token)]
        else:
            content_kind, runs = clause_content(token, lemma)
        if act == "evidence" and content_kind == "none":  # "showed the mayor leading by ten"
            objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
            if objects:
                content_kind, runs = "object", [rest_of_clause(token, objects[0])]
        content = [run for run in runs if run]
        head, span, antecedent = speaker_fields(subject)
        cue = cue_phrase(token)
        if subject is not None and head is not None and doc[head] in subject.subtree:
            span = char_span(source_phrase(subject, cue))
        uses.append(
            CueUse(
                token=token.i,
                cue=char_span(cue),
                lemma=lemma,
                speaker_head=head,
                speaker=span,
                antecedent_head=antecedent,
                content=tuple(char_span(run) for run in content),
                rule="reported-clause",
                own_subject=own,
                content_kind=content_kind,
                act=act,
            )
        )
    found = {use.token for use in uses}
    for sentence in doc.sents:
        final = sentence_final_report(sentence)
        if final is not None and final.token not in found and not _inside(final.cue[0], quoted):
            uses.append(final)
    return uses


def _act(lemma: str, subject: Token | None) -> str | None:
    """What a cue attributes: speech, a belief, evidence or an endorsement; None when the
    verb attributes nothing here ("Trump showed his tax returns")."""
    if is_evidence(lemma, subject.lemma_.lower() if subject is not None else ""):
        return "evidence"
    if lemma in SPEECH_CUES:
        return "speech"
    if lemma in BELIEF_CUES or lemma in DESIRE_CUES:
        return "belief" if has_a_mind(subject) else None
    if lemma in ENDORSEMENT_CUES:
        return "endorsement"
    return None  # "show", "demonstrate" without evidence as their subject


def _endorsed(verb: Token) -> list[Token]:
    """Whom an endorsement verb backs: its object, when that names a person or an
    organisation ("Christie endorsed Trump", not "backed the bill")."""
    for child in verb.children:
        if child.dep_ == "dobj" and (
            child.ent_type_ in {"PERSON", "ORG"} or (child.pos_ == "PROPN" and child.is_title)
        ):
            tokens = list(child.subtree)
            for role in verb.rights:  # "… for president", "… as its candidate"
                if role.dep_ == "prep" and role.lower_ in {"for", "as"} and role.i > child.i:
                    tokens = list(verb.doc[tokens[0].i : role.right_edge.i + 1])
            return trim_tokens(tokens)
    return []
