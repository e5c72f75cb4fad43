"""A report the parser could not read: "P, Federal Election Commission records compiled by
the Center for Responsive Politics show." The small model often makes the closing verb a
noun inside the source's phrase, so no verb governs P; the sentence's shape still says who
reports it (the phrase after its last comma) and what (everything before that comma)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import CLAUSE_CUES, cue_forms, is_evidence
from tui.nlp.quotes.record import CueUse, char_span, trim_tokens
from tui.nlp.quotes.subjects import has_a_mind, speaker_fields

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "parataxis", "conj", "advcl", "relcl"})
"""Where the parser puts a verb it read as one: such a cue is found the usual way."""
PHRASE_ENDS = frozenset({"ADP", "SCONJ", "PRON", "VERB", "AUX"})
MIN_WORDS = 6  # a report, a comma and a source take at least this many words


def sentence_final_report(sentence: Span) -> CueUse | None:
    """The report a sentence closes with, when the parser did not give its verb a clause."""
    cue = next((t for t in reversed(sentence) if not (t.is_punct or t.is_space)), None)
    if cue is None:
        return None
    lemma = cue_forms().get(cue.text)  # lower case: "… into the United States" is no cue
    if lemma is None or cue.dep_ in CLAUSE_HEADS or cue.pos_ == "PROPN":
        return None
    if sum(not (t.is_punct or t.is_space) for t in sentence) < MIN_WORDS:
        return None
    if cue.nbor(-1).pos_ not in {"NOUN", "PROPN"} or any(
        child.dep_ != "det" and (child.dep_ != "compound" or child.pos_ != "PROPN")
        for child in cue.children
    ):
        # a noun of its own ("won in 30 states", "his home state"); a misread verb takes
        # at most the name before it as a compound ("… by the Harbour Institute show")
        return None
    commas = [t for t in sentence if t.text == "," and t.i < cue.i - 1]
    if not commas or commas[-1].i - sentence.start < 3:
        return None
    comma = commas[-1]
    head = _source_head(list(sentence.doc[comma.i + 1 : cue.i]))
    if head is None:
        return None
    if is_evidence(lemma, head.lemma_.lower()):
        act = "evidence"
    elif lemma in CLAUSE_CUES and has_a_mind(head):
        act = "speech"
    else:
        return None
    content = trim_tokens(list(sentence.doc[sentence.start : comma.i]))
    if not content:
        return None
    _, _, antecedent = speaker_fields(head)
    return CueUse(
        token=cue.i,
        cue=char_span([cue]),
        lemma=lemma,
        speaker_head=head.i,
        speaker=char_span(trim_tokens(list(sentence.doc[comma.i + 1 : cue.i]))),
        antecedent_head=antecedent,
        content=(char_span(content),),
        rule="sentence-final-report",
        own_subject=True,
        content_kind="clause",
        act=act,
    )


def _source_head(phrase: list[Token]) -> Token | None:
    """The head noun of the source's phrase: its last noun before a modifier ("records" in
    "Federal Election Commission records compiled by …")."""
    head = None
    for token in phrase:
        if token.pos_ in PHRASE_ENDS and head is not None:
            break
        if token.tag_ in {"VBN", "VBG"} and head is not None:
            break
        if token.pos_ in {"NOUN", "PROPN"}:
            head = token
    return head
