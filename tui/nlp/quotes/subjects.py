"""Who speaks: the subject of a cue verb (through relative clauses, conjunctions and time
phrases) and the speaker fields a candidate carries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    STATEMENT_NOUNS,
    cue_lemma,
)
from tui.nlp.time.words import WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token
from tui.nlp.quotes.record import _inside, char_span
from tui.nlp.speakers.mention_spans import TITLE_WORDS, mention_tokens, name_tokens
from tui.nlp.speakers.words import (
    AGENT_SUFFIXES,
    INSTITUTION_NOUNS,
    PEOPLE_NOUNS,
    PERSON_ROLE_NOUNS,
    SPEAKER_LABELS,
)


def has_a_mind(subject: Token | None) -> bool:
    """Whether a subject can hold a belief or take a stance: a person, a group or a body
    (a name, a pronoun, a role, an institution, people), not a thing ("the agreement aims
    to…", "the fundraiser was intending…" attribute nothing)."""
    if subject is None:
        return False
    if subject.pos_ in {"PROPN", "PRON"} or subject.ent_type_ in SPEAKER_LABELS:
        return True
    lemma = subject.lemma_.lower()
    if lemma in PERSON_ROLE_NOUNS or lemma in INSTITUTION_NOUNS or lemma in PEOPLE_NOUNS:
        return True
    if subject.lower_ in QUANTIFIER_SPEAKERS:
        return False
    return subject.tag_ == "NNS" and subject.lower_.endswith(AGENT_SUFFIXES)


SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
QUANTIFIER_SPEAKERS = frozenset("several many some most others both all few one".split())
NOT_SUBJECTS = frozenset({"there", "itself", "himself", "herself", "themselves", "oneself"})


# ----------------------------------------------------------------------------- speakers


def verb_subject(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> tuple[Token | None, bool]:
    """The subject of a cue verb and whether it is the verb's own (not inherited).

    A subject inside quotation marks is never the speaker of a cue outside them ("“A lot
    of people think that,” said a protester"): the inverted subject after the verb is.
    """
    passive = (
        any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children))
        # "Ivan's condition was on Wednesday reported to …", parsed with "was" as the root
        or (verb.head.lemma_ == "be" and verb.head.i < verb.i and verb.dep_ in {"advcl", "acomp"})
    )
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0], True
    if passive:
        return None, True
    subjects = [
        c
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS and c.lower_ not in NOT_SUBJECTS and not _inside(c.idx, quoted)
    ]
    quoted_subject = any(c.dep_ in SUBJECT_DEPS and _inside(c.idx, quoted) for c in verb.children)
    if quoted_subject and not subjects:
        for child in verb.rights:
            if child.dep_ in {
                "dobj",
                "attr",
                "npadvmod",
                "nsubj",
                "oprd",
                "appos",
            } and child.pos_ in {
                "NOUN",
                "PROPN",
            }:
                return child, True
    if not subjects:
        absorbed = _subject_in_time_phrase(verb)
        if absorbed is not None:
            return absorbed, True
    if subjects:
        # "Niger's president Mahamadou Issoufou said" parses as two subjects: the name wins
        named = [c for c in subjects if c.ent_type_ == "PERSON" or c.pos_ == "PROPN"]
        return (named or subjects)[-1 if named else 0], True
    # inverted "…, said Bash": spaCy sometimes attaches the name as dobj/attr after the verb
    for child in verb.rights:
        if (
            child.dep_ in {"dobj", "attr", "npadvmod", "nsubj"}
            and child.pos_ in {"PROPN", "NOUN"}
            and _after_quote(verb)
        ):
            return child, True
    # participles and conjuncts borrow the subject of the verb they hang from, also
    # through a preposition ("He broke the news by saying…", "before insisting…")
    node = verb
    for _ in range(5):
        if (
            node.dep_ not in {"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp"}
            and not (node.dep_ == "prep" and node.pos_ == "ADP" and node.head.pos_ == "VERB")
        ) or node.head.i == node.i:
            break
        node = node.head
        if (
            node.dep_ == "ccomp"
            and node.head.i != node.i
            and cue_lemma(node.head.text, node.head.lemma_)
        ):
            continue  # "X said P, saying…": the participle belongs to X, not to P's subject
        for child in node.children:
            if (
                (child.dep_ in SUBJECT_DEPS or child.dep_ == "nsubjpass")
                and not _inside(child.idx, quoted)
                and not child.tag_.startswith("VB")  # a misparsed participle, not a speaker
            ):
                return child, False
        if node.tag_ in {"NN", "NNS", "NNP", "NNPS"} and not node.lower_.endswith("ing"):
            return node, False  # "a statement saying…", "reported by local media"
        if node.dep_ == "acl":
            return None, False
    return None, False


_DAY_WORDS = frozenset({"today", "yesterday"})  # with tui.nlp.time.words' weekday names


def _subject_in_time_phrase(verb: Token) -> Token | None:
    """ "On Friday Ford Motor Company announced…": with no comma after the time, the
    parser takes the name into the time phrase ("On [Friday Ford Motor Company]")."""
    if verb.i == 0:
        return None
    before = verb.nbor(-1)
    if before.dep_ != "pobj" or before.pos_ != "PROPN" or before.head.head.i != verb.i:
        return None
    words = [t for t in before.lefts if t.dep_ == "compound"]
    timed = bool(words) and (
        words[0].lower_ in WEEKDAYS
        or words[0].lower_ in _DAY_WORDS
        or words[0].ent_type_ in {"DATE", "TIME"}
    )
    return before if timed else None


_CLOSING_MARKS = frozenset({"”", '"', "’", "'", "»"})


def _after_quote(verb: Token) -> bool:
    """ "“…,” said Bash", "“…” says Bash": the verb follows a closing quotation mark (a
    comma alone is not enough: in "…, calling the agreements legitimate" the object is
    no inverted subject). A participle never inverts."""
    if verb.i == 0 or verb.tag_ == "VBG":
        return False
    before = verb.nbor(-1)
    if before.text in _CLOSING_MARKS:
        return True
    return before.text == "," and before.i > 0 and before.nbor(-1).text in _CLOSING_MARKS


def speaker_fields(subject: Token | None) -> tuple[int | None, tuple[int, int] | None, int | None]:
    if subject is None:
        return None, None, None
    head = subject
    if subject.dep_ == "conj":
        head = subject
    antecedent = None
    if subject.text.lower() in TITLE_WORDS:
        # "President of Ukraine Volodymyr Zelenskyy", "First Minister of Scotland Nicola Sturgeon"
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "to", "for"}:
                named = [
                    t
                    for t in prep.subtree
                    if t.dep_ == "pobj" and t.pos_ == "PROPN" and len(name_tokens(t)) >= 2
                ]
                if named:
                    head = subject = named[-1]
    if (
        subject.pos_ == "NOUN"
        or subject.text.lower() in TITLE_WORDS
        or subject.ent_type_ != "PERSON"
    ):
        names = [
            c
            for c in subject.children
            if c.dep_ == "appos"
            and c.pos_ == "PROPN"
            and (subject.pos_ == "NOUN" or c.ent_type_ == "PERSON")
        ]
        if names:
            head = names[0]
    if subject.lower_ in {"who", "which"} and subject.head.dep_ != "relcl" and subject.i >= 2:
        before = subject.doc[subject.i - 1]
        noun = subject.doc[subject.i - 2]
        if before.text == "," and noun.pos_ in {"NOUN", "PROPN"}:
            antecedent = noun.i
    if subject.lower_ in {"who", "which", "that"} and subject.head.dep_ == "relcl":
        antecedent_token = subject.head.head
        if antecedent_token.lemma_.lower() in STATEMENT_NOUNS:
            issuer = _issuer_of(antecedent_token)
            if issuer is not None:
                return speaker_fields(issuer)
        antecedent = antecedent_token.i
    # coordinated subjects ("the Committee and the Service said") name one speaker group
    tokens = mention_tokens(head)
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    if conjuncts and head.pos_ in {"PROPN", "NOUN"}:
        last = conjuncts[-1]
        tokens = sorted(
            set(tokens)
            | set(mention_tokens(last))
            | {
                t
                for t in head.subtree
                if tokens[0].i <= t.i <= max(x.i for x in mention_tokens(last))
            },
            key=lambda t: t.i,
        )
    return head.i, char_span(tokens), antecedent


def _issuer_of(statement: Token) -> Token | None:
    """Who issued a statement: "They issued a statement which said…" → They."""
    node = statement
    for _ in range(3):
        node = node.head
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        if node.head.i == node.i:
            break
    return None
