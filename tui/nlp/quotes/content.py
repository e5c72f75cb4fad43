"""What was said: the content a cue governs (a clause, the rest of its clause, a parenthetical,
what something is named as) and which nouns are speech events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    CLAUSE_CUES,
    DESIRE_CUES,
    DIRECTIVE_CUES,
    IDIOMATIC_OBJECTS,
    NAMING_CUES,
    OBJECT_CUES,
    POINTER_DETERMINERS,
    QUESTION_CUES,
    STANCE_CUES,
    STATEMENT_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token
from tui.nlp.quotes.record import contiguous, subtree_tokens, trim_tokens
from tui.nlp.quotes.subjects import SUBJECT_DEPS

CONTENT_DEPS = frozenset({"ccomp"})


# ----------------------------------------------------------------------------- content


def clause_content(verb: Token, lemma: str) -> tuple[str, list[list[Token]]]:
    """The reported content of a cue verb as runs of tokens, and what kind of content."""
    children = list(verb.children)
    if lemma in STANCE_CUES and lemma not in CLAUSE_CUES:
        return "stance", []
    ccomps = [
        c
        for c in children
        if ((c.dep_ in CONTENT_DEPS and c.i > verb.i - 1) or c.dep_ == "ccomp")
        and not _semicolon_between(c, verb)
    ]
    if not ccomps:
        ccomps = _clause_of_statement(verb)
    if ccomps:
        runs = [
            _split_at_colon(trim_tokens(_same_side_of_semicolons(subtree_tokens(c), verb)))
            for c in ccomps
        ]
        return "clause", _joined_when_adjacent(runs)
    if lemma in DESIRE_CUES:
        aim = _infinitive_aim(verb)
        if aim:
            return "clause", [aim]
    if lemma in QUESTION_CUES:
        question = _indirect_question(verb)
        if question:
            return "clause", [question]
    if lemma in NAMING_CUES:
        named = _named_as(verb)
        if named:
            return "naming", [named]
    if lemma in DIRECTIVE_CUES or lemma in OBJECT_CUES:
        addressed = any(c.dep_ == "dobj" for c in children)
        for child in children:
            # "instructs archbishops to notify…" is sometimes parsed as an advcl
            if _to_infinitive(child, verb, also_advcl=addressed):
                return "directive", [rest_of_clause(verb, child)]
    if lemma in OBJECT_CUES:
        for child in children:
            if child.dep_ == "dobj" and _is_content_object(child):
                return "object", [rest_of_clause(verb, child)]
            if child.dep_ in {"xcomp", "pcomp"} and child.tag_ == "VBG":
                return "object", [rest_of_clause(verb, child)]
    parenthetical = _parenthetical_content(verb)
    if parenthetical:
        return "clause", parenthetical
    if lemma in CLAUSE_CUES:
        following = _clause_hung_elsewhere(verb)
        if following:
            return "clause", [following]
    return "none", []


def _joined_when_adjacent(runs: list[list[Token]]) -> list[list[Token]]:
    """Two complements with nothing between them are one clause the parser split ("shows
    [most of the hours logged] [were for campaign travel]")."""
    joined: list[list[Token]] = []
    for run in runs:
        if joined and joined[-1] and run and run[0].i == joined[-1][-1].i + 1:
            joined[-1] = joined[-1] + run
        else:
            joined.append(run)
    return joined


def _to_infinitive(child: Token, verb: Token, *, also_advcl: bool = False) -> bool:
    """Whether ``child`` is a "to"-infinitive complement after ``verb`` ("urged them to
    stay", "wants to win"); with ``also_advcl``, one the parser made an adverbial clause."""
    return (
        (child.dep_ in {"xcomp", "ccomp"} or (also_advcl and child.dep_ == "advcl"))
        and child.i > verb.i
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
    )


def _infinitive_aim(verb: Token) -> list[Token]:
    """ "wants to emerge as the candidate", "plans to veto the bill": the infinitive a verb
    of wanting takes, with its "to" (PolNeAR's content spans)."""
    for child in verb.children:
        if _to_infinitive(child, verb):
            tokens = [t for t in subtree_tokens(child) if t.i > verb.i]
            doer = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i]
            if doer:  # "intended it to be used": who is to do it belongs to the aim
                tokens = list(doer[0].subtree) + tokens
            return trim_tokens(_same_side_of_semicolons(tokens, verb))
    return []


QUESTION_WORDS = frozenset({"if", "whether"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _indirect_question(verb: Token) -> list[Token]:
    """ "asked workers if they planned to attend": the question a verb of asking reports,
    from its "if", "whether" or wh-word (parsed as a complement or an adverbial clause)."""
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in {"advcl", "ccomp"}:
            continue
        opener = child.left_edge
        marked = any(c.dep_ == "mark" and c.lower_ in QUESTION_WORDS for c in child.children)
        if marked or opener.tag_ in WH_TAGS:
            return trim_tokens(subtree_tokens(child))
    return []


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _clause_hung_elsewhere(verb: Token) -> list[Token]:
    """ "with local media reporting no-one was in the houses", "upon announcing to
    journalists the mayor remained alive": a cue the parser left without its clause,
    followed at once (after an addressee, "to journalists") by a clause it hung on another
    verb of the sentence. The clause is taken when it starts right there with its own
    subject; it ends with its verb's phrase."""
    doc = verb.doc
    start = verb.i + 1
    if start < len(doc) and doc[start].lower_ == "to" and doc[start].head.i == verb.i:
        start = doc[start].right_edge.i + 1  # the addressee
    end = verb.sent.end
    if start >= end or doc[start].pos_ not in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"}:
        return []
    for token in doc[start:end]:
        if token.tag_ in FINITE_TAGS and token.head.i != verb.i and token.i > start:
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if not subjects or subjects[0].left_edge.i != start:
                return []  # the words after the cue are not this clause's subject
            last = max(t.i for t in token.subtree if t.i >= start)
            return trim_tokens(list(doc[start : last + 1]))
        if token.text in {",", ";", ":", "—", "–"} or token.tag_ in FINITE_TAGS:
            return []
    return []


def rest_of_clause(verb: Token, first: Token) -> list[Token]:
    """From a content word to the end of the verb's clause, without trailing asides
    (", which…", ", saying…") or another cue's clause."""
    tokens: list[Token] = []
    for token in verb.subtree:
        if token.i < first.left_edge.i:
            continue
        tokens.append(token)
    cut = len(tokens)
    for index, token in enumerate(tokens):
        if token.text in {",", ";", "—", "–", ":"} and index + 1 < len(tokens):
            following = tokens[index + 1]
            if (
                following.dep_ in {"advcl", "relcl", "parataxis", "cc"}
                or following.tag_ in {"VBG", "WDT", "WP"}
                or (
                    following.head.i == verb.i
                    and following.dep_ in {"advcl", "conj", "parataxis", "npadvmod"}
                )
            ):
                cut = index
                break
    return trim_tokens(tokens[:cut])


def _clause_of_statement(verb: Token) -> list[Token]:
    """ "wrote in a statement that P": the parser hangs P on the statement, not the verb."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "on", "via", "through"}:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in STATEMENT_NOUNS:
                clauses = [
                    c
                    for c in noun.children
                    if c.dep_ in {"acl", "ccomp", "relcl"}
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                ]
                if clauses:
                    return clauses
    return []


def _semicolon_between(clause: Token, verb: Token) -> bool:
    """ "X said P; TVN24 reported Q": the clause before the semicolon is not TVN24's."""
    doc = verb.doc
    if clause.i < verb.i:
        return any(t.text == ";" for t in doc[clause.right_edge.i + 1 : verb.i])
    return any(t.text == ";" for t in doc[verb.i + 1 : clause.left_edge.i])


def _same_side_of_semicolons(tokens: list[Token], verb: Token) -> list[Token]:
    """ "X said P; Y reported Q": a reported clause does not run past a semicolon."""
    before = [t for t in tokens if t.i < verb.i]
    after = [t for t in tokens if t.i > verb.i]
    for index, token in enumerate(after):
        if token.text == ";":
            after = after[:index]
            break
    for index in range(len(before) - 1, -1, -1):
        if before[index].text == ";":
            before = before[index + 1 :]
            break
    return before + after


def _split_at_colon(tokens: list[Token]) -> list[Token]:
    """ "P: “…”": a colon before a quotation ends the reported clause (the quote is its own)."""
    for index, token in enumerate(tokens[:-1]):
        if token.text == ":" and tokens[index + 1].text in {"“", '"', "«", "‘"}:
            return trim_tokens(tokens[:index])
    return tokens


def _parenthetical_content(verb: Token) -> list[list[Token]]:
    """ "P, reported officials, Q" / "P, police said" / ", she testified, P": the clause
    around a cue set off by commas."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in {"parataxis", "advcl", "conj", "ccomp"}:
        return []
    if verb.tag_ == "VBG" or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []  # "…, observing the rescue": a participle reports nothing of the clause
    if head.pos_ not in {"VERB", "AUX"}:
        return []
    between = verb.doc[min(head.i, verb.i) : max(head.i, verb.i)]
    if not any(t.text == "," for t in between):
        return []  # "P, she testified" and "In between, she testified, P" alike
    if any(t.is_quote for t in between):
        # '…, he said, "It happened…"': the clause around the cue is the quotation (a
        # direct quote already); what is left outside its marks is no one's words
        return []
    tokens = subtree_tokens(head, exclude=[verb])
    runs = [trim_tokens(run) for run in contiguous(tokens)]
    return [run for run in runs if len([t for t in run if t.is_alpha]) >= 2]


def _named_as(verb: Token) -> list[Token]:
    """Y in "called X Y", "described X as Y", "called for Y", "referred to X as Y"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp", "amod", "acomp"}]
            if objects:
                return trim_tokens(subtree_tokens(objects[0]))
            tail = [t for t in child.subtree if t.i != child.i]
            if tail:
                return trim_tokens(tail)
        if child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_ == "call":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return rest_of_clause(verb, objects[0])
        if child.dep_ in {"oprd", "xcomp", "ccomp"} and child.i > verb.i:
            return trim_tokens(subtree_tokens(child))
    for child in verb.children:
        if child.dep_ == "dobj":
            for grand in child.children:
                if grand.dep_ in {"oprd", "appos"} or (
                    grand.dep_ == "prep" and grand.lower_ == "as"
                ):
                    inner = (
                        [g for g in grand.children if g.dep_ in {"pobj", "amod"}]
                        if grand.lower_ == "as"
                        else [grand]
                    )
                    if inner:
                        return trim_tokens(subtree_tokens(inner[0]))
    return []


def _is_content_object(obj: Token) -> bool:
    if obj.pos_ in {"PRON"} or obj.lemma_.lower() in IDIOMATIC_OBJECTS:
        return False
    determiners = [c for c in obj.children if c.dep_ in {"det", "poss"}]
    if determiners and determiners[0].lower_ in POINTER_DETERMINERS and len(list(obj.subtree)) <= 3:
        return False
    return len(list(obj.subtree)) >= 2


def is_speech_event(token: Token) -> bool:
    """A cue verb that reports an actual utterance: not negated ("did not say"), not an
    infinitive ("to confirm", "declined to say"), not a name-giving participle ("a colony
    called X"), not a word in a title ("(Tell No One)")."""
    children = list(token.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return False
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return False
    if token.dep_ == "amod":
        return False
    return not (
        token.text[:1].isupper()
        and not token.is_sent_start
        and token.i > 0
        and token.nbor(-1).text in {"(", "'", "‘"}
    )
