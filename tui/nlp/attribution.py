"""Find quotes and who utters them in one parsed paragraph.

Each rule is a small function over a spaCy ``Doc`` named for the construction it
recognises; rules return :class:`Candidate` records in paragraph-relative character
offsets. Speaker *mentions* are found here (the words in the sentence that name the
speaker); who they refer to is decided later, across the article, by
:mod:`tui.nlp.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.nlp import world
from tui.nlp.cues import (
    BELIEF_CUES,
    CLAUSE_CUES,
    DIRECTIVE_CUES,
    ENDORSEMENT_CUES,
    EVIDENCE_CUES,
    EVIDENCE_NOUNS,
    IDIOMATIC_OBJECTS,
    NAMING_CUES,
    OBJECT_CUES,
    POINTER_DETERMINERS,
    SPEAKING_VERBS,
    STANCE_CUES,
    STATEMENT_NOUNS,
    WORD_NOUNS,
    cue_lemma,
)
from tui.nlp.dateline import dateline_end
from tui.nlp.doctext import expanded_span, text_of
from tui.nlp.names import first_name_gender
from tui.nlp.quotemarks import QuotedSpan
from tui.nlp.time.words import WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
QUANTIFIER_SPEAKERS = frozenset("several many some most others both all few one".split())
NOT_SUBJECTS = frozenset({"there", "itself", "himself", "herself", "themselves", "oneself"})
CONTENT_DEPS = frozenset({"ccomp"})
TRAILING_PUNCT = ".,;:—–-…!?("
SPEECH_LIKE_MIN_WORDS = 4
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which"])


@dataclass(slots=True)
class Candidate:
    """A quote found by a rule, in paragraph-relative offsets, before speaker resolution."""

    start: int
    end: int
    kind: str
    rule: str
    confidence: float
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_head: int | None = None  # token index of the speaker mention's head
    antecedent_head: int | None = None  # for "who"/"which": the noun they stand for
    floating: bool = False


@dataclass(frozen=True, slots=True)
class CueUse:
    """A cue word in a sentence with the speaker and content the parse gives it."""

    token: int
    cue: tuple[int, int]
    lemma: str
    speaker_head: int | None
    speaker: tuple[int, int] | None
    antecedent_head: int | None
    content: tuple[tuple[int, int], ...]
    rule: str
    own_subject: bool
    content_kind: str = "clause"
    act: str = "speech"  # or a kind of ATTRIBUTION_KINDS: "belief", "evidence", "endorsement"


# ----------------------------------------------------------------------------- helpers


def _char_span(tokens: Sequence[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _unquoted_tokens(doc: Doc, quoted: Sequence[tuple[int, int]]) -> Iterable[Token]:
    """The tokens that start outside every quoted span (one pass, not one scan per token)."""
    if not quoted:
        yield from doc
        return
    covered = {i for start, end in quoted for i in range(start, end)}
    for token in doc:
        if token.idx not in covered:
            yield token


def _trim_tokens(tokens: list[Token]) -> list[Token]:
    """Drop leading commas/dashes and trailing sentence punctuation (not closing marks)."""
    while tokens and (tokens[0].is_space or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].text in TRAILING_PUNCT):
        tokens = tokens[:-1]
    return tokens


def _subtree_tokens(token: Token, exclude: Iterable[Token] = ()) -> list[Token]:
    excluded: set[int] = set()
    for other in exclude:
        excluded.update(t.i for t in other.subtree)
    return [t for t in token.subtree if t.i not in excluded]


def _contiguous(tokens: list[Token]) -> list[list[Token]]:
    """Split a token list into runs of consecutive indices."""
    runs: list[list[Token]] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary chancellor premier governor mayor senator
    sen. rep. representative congressman congresswoman spokesman spokeswoman
    spokesperson chief director chairman chairwoman chair ceo head leader commissioner
    ambassador general gen. lt. col. colonel captain capt. sergeant sgt. officer
    inspector detective judge justice attorney prosecutor lawyer counsel professor prof.
    dr. dr mr. mr mrs. mrs ms. ms sir dame lord lady deputy acting former foreign
    interior defence defense health finance home state police fire chief army navy
    general regional federal national spokesperson official minister-president
    archbishop bishop cardinal rabbi imam reverend rev. father sheikh emir crown mp mep
    coach manager founder executive editor analyst correspondent reporter economist
    researcher scientist activist presidential superintendent constable commander major
    lieutenant admiral marshal
    """.split()
)
REGNAL_TITLES = frozenset(["pope", "king", "queen", "prince", "princess", "emperor", "empress"])


def name_tokens(head: Token) -> list[Token]:
    """The proper-name chain ending at ``head``, without leading title words.

    "U.K. Prime Minister Keir Starmer" gives "Keir Starmer"; "Pope Francis" and
    "Queen Elizabeth II" keep the regnal title, which is part of how they are named.
    """
    chain = [head]
    # "el-Sisi", "Man-kei": a hyphen with no space around it joins one name
    while (
        chain[0].i >= 2
        and chain[0].nbor(-1).text in {"-", "‐"}
        and not chain[0].nbor(-1).whitespace_
        and not chain[0].nbor(-2).whitespace_
        and chain[0].nbor(-2).is_alpha
    ):
        chain[:0] = [chain[0].nbor(-2), chain[0].nbor(-1)]
    for child in reversed(list(head.lefts)):
        if child.i >= chain[0].i:
            continue  # inside the hyphenated name already taken
        if (
            child.i == chain[0].i - 1
            and child.dep_ in {"compound", "flat", "nmod"}
            and (child.pos_ == "PROPN" or child.text[:1].isupper())
        ):
            chain.insert(0, child)
        else:
            break
    for right in head.rights:  # "Elizabeth II", "Mohammed bin Salman"
        if (
            right.i == chain[-1].i + 1
            and right.dep_ in {"flat", "compound", "appos", "npadvmod"}
            and (right.pos_ == "PROPN" and (right.text.isupper() and len(right.text) <= 4))
        ):
            chain.append(right)
    entity = _entity_of(head)
    if entity is not None and any(
        t.ent_type_ and t.i < entity.start and t.ent_iob_ in {"B", "I"} for t in chain
    ):
        # "the United Nations Nikki Haley": two names side by side are two names
        chain = [t for t in chain if t.i >= entity.start] or [head]
    if entity is not None and entity.label_ in {"ORG", "GPE", "FAC", "LOC", "NORP"}:
        # "Associated Press", "United States": the entity, not a surname-like last word
        inside = [t for t in entity if t.i <= head.i and t.pos_ != "DET"]
        if (
            len(inside) > len(chain)
            and inside[-1].i == head.i
            # one phrase: "Amnesty International Man-kei Tam" tagged as one organisation
            # is two when the parse hangs "Man-kei" elsewhere
            and all(inside[0].i <= t.head.i <= head.i for t in inside[:-1])
        ):
            chain = inside
        after = [t for t in entity if t.i > head.i]
        if (
            entity.label_ == "ORG"
            and after
            and after[0].lower_ in {"of", "for"}
            and after[-1].text[:1].isupper()
            and all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in after)
        ):
            chain = chain + after  # "Department of State", "Institute for Space Research"
    while (
        len(chain) > 1
        and _is_title_or_place(chain[0], chain[1])
        # "State Department", "Home Office": part of an organisation's name, no title
        and not (entity is not None and entity.label_ != "PERSON" and chain[0].i >= entity.start)
    ):
        chain = chain[1:]
        if len(chain) > 2 and chain[0].lower_ in REGNAL_TITLES:
            chain = chain[1:]  # "Crown Prince Mohammad bin Salman": a title, not his name
    # "Ukraine Volodymyr Zelenskyy": a place before a person's name is a modifier
    while (
        len(chain) > 2
        and (chain[0].ent_type_ in {"GPE", "NORP"} or world.country_of(chain[0].text))
        and chain[-1].ent_type_ != "GPE"
        # "Syrian Democratic Forces", "Saudi Press Agency": inside the organisation's name
        and not (entity is not None and entity.label_ == "ORG" and chain[0].i >= entity.start)
    ):
        chain = chain[1:]
    chain = _from_first_name(chain)
    if head.ent_type_ == "PERSON" and len(chain) > 1:
        # "Ambassador to the United Nations Nikki Haley": the person entity bounds the name
        person = [t for t in chain if t.ent_type_ == "PERSON"]
        if person and person[-1] is chain[-1]:
            first = chain.index(person[0])
            # keep untagged capitalised words just before it ("Rosalind" of "Rosalind
            # Achterberg" when only the surname is tagged); drop other entities and titles
            while (
                first > 0
                and not chain[first - 1].ent_type_
                and chain[first - 1].text[:1].isupper()
                and chain[first - 1].text.lower() not in TITLE_WORDS
                # a first name, not a title the tagger left out ("Voter Kitty Mak")
                and (first == len(chain) - 1 or first_name_gender(chain[first - 1].text))
            ):
                first -= 1
            if all(t.ent_type_ in {"PERSON", ""} for t in chain[first:]):
                chain = chain[first:]
    return chain


_NAME_JOINERS = frozenset({"of", "for", "and", "&", ","})  # inside "Department of State"
_ROLE_SUFFIXES = ("man", "woman", "person")  # "Assemblywoman", "Congressman"


def _from_first_name(chain: list[Token]) -> list[Token]:
    """ "Presidential Spokesperson Harry Roque", "Amnesty International's … Adam Smith",
    "Hong Kong Carrie Lam": a person's name starts at its first name when what comes before
    it is a title, a role or a place or organisation (however the tagger grouped them)."""
    for k in range(1, len(chain) - 1):
        if not first_name_gender(chain[k].text) or chain[k - 1].text in {"-", "‐"}:
            continue  # no first name, or the end of a hyphenated one ("Man-kei")
        before = chain[:k]
        if any(first_name_gender(t.text) or t.lower_ in REGNAL_TITLES for t in before):
            return chain
        if any(
            t.lower_.rstrip(".") in TITLE_WORDS
            or t.lower_.endswith(_ROLE_SUFFIXES)
            or t.ent_type_ in {"GPE", "NORP"}
            or world.country_of(t.text)
            for t in before
        ):
            return chain[k:]
        return chain
    return chain


def _entity_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _is_title_or_place(token: Token, following: Token) -> bool:
    """A title word ("Prime", "Minister", "Dr.") or a place before a title ("U.K. Prime")."""
    word = token.text.lower()
    if word in REGNAL_TITLES:
        return False
    if word in TITLE_WORDS or word.rstrip(".") in TITLE_WORDS:
        return True
    following_word = following.text.lower()
    return token.ent_type_ in {"GPE", "NORP"} and (
        following_word in TITLE_WORDS or following_word.rstrip(".") in TITLE_WORDS
    )


def mention_tokens(head: Token) -> list[Token]:
    """The words naming a speaker: a name without its title, else the noun phrase."""
    if head.pos_ == "PROPN" or (head.ent_type_ in {"PERSON", "ORG"} and head.text[:1].isupper()):
        chain = name_tokens(head)
        if len(chain) > 1 or head.ent_type_ == "PERSON" or not _has_content_modifiers(head):
            return chain
    if head.lower_ in _PRONOUNS or head.pos_ == "PRON":
        return [head]
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ == "acl" and cue_lemma(child.text, child.lemma_):
            break  # "a banner saying …", "videos calling for …": the report, not the name
        if child.dep_ in {"prep", "relcl", "acl", "conj", "cc", "amod", "compound", "nummod"} or (
            child.dep_ == "appos" and child.i == head.i + 2 and head.nbor(1).text == "("
        ):
            if child.dep_ == "relcl" and any(t.text == "," for t in head.doc[head.i : child.i]):
                break
            tokens.extend(child.subtree)
        elif child.text in "()" and child.dep_ == "punct":
            tokens.append(child)
        else:
            break
    tokens = sorted(set(tokens), key=lambda t: t.i)
    for index, token in enumerate(tokens):
        if token.i > head.i and token.text in {",", ";", "—"}:
            tokens = tokens[:index]  # "the leader of X, priests and nuns…": the NP ends here
            break
    runs = _contiguous(tokens)
    run = next(r for r in runs if head in r)
    return _trim_tokens(_without_dateline(run)) or [head]


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """The tokens after their paragraph's dateline ("KYIV — Ukraine's president")."""
    if not tokens:
        return tokens
    edge = dateline_end(text_of(tokens[0].doc))
    return [t for t in tokens if t.idx >= edge] if edge else tokens


def _has_content_modifiers(head: Token) -> bool:
    return any(c.dep_ in {"prep", "amod", "det"} for c in head.children)


# ----------------------------------------------------------------------------- speakers


def _verb_subject(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> tuple[Token | None, bool]:
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


def _speaker_fields(subject: Token | None) -> tuple[int | None, tuple[int, int] | None, int | None]:
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
                return _speaker_fields(issuer)
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
    return head.i, _char_span(tokens), antecedent


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


# ----------------------------------------------------------------------------- content


def _clause_content(verb: Token, lemma: str) -> tuple[str, list[list[Token]]]:
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
        return "clause", [
            _split_at_colon(_trim_tokens(_same_side_of_semicolons(_subtree_tokens(c), verb)))
            for c in ccomps
        ]
    if lemma in NAMING_CUES:
        named = _named_as(verb)
        if named:
            return "naming", [named]
    if lemma in DIRECTIVE_CUES or lemma in OBJECT_CUES:
        addressed = any(c.dep_ == "dobj" for c in children)
        for child in children:
            if (
                # "instructs archbishops to notify…" is sometimes parsed as an advcl
                (child.dep_ in {"xcomp", "ccomp"} or (child.dep_ == "advcl" and addressed))
                and child.i > verb.i
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            ):
                return "directive", [_rest_of_clause(verb, child)]
    if lemma in OBJECT_CUES:
        for child in children:
            if child.dep_ == "dobj" and _is_content_object(child):
                return "object", [_rest_of_clause(verb, child)]
            if child.dep_ in {"xcomp", "pcomp"} and child.tag_ == "VBG":
                return "object", [_rest_of_clause(verb, child)]
    parenthetical = _parenthetical_content(verb)
    if parenthetical:
        return "clause", parenthetical
    return "none", []


def _rest_of_clause(verb: Token, first: Token) -> list[Token]:
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
    return _trim_tokens(tokens[:cut])


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
            return _trim_tokens(tokens[:index])
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
    tokens = _subtree_tokens(head, exclude=[verb])
    runs = [_trim_tokens(run) for run in _contiguous(tokens)]
    return [run for run in runs if len([t for t in run if t.is_alpha]) >= 2]


def _named_as(verb: Token) -> list[Token]:
    """Y in "called X Y", "described X as Y", "called for Y", "referred to X as Y"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp", "amod", "acomp"}]
            if objects:
                return _trim_tokens(_subtree_tokens(objects[0]))
            tail = [t for t in child.subtree if t.i != child.i]
            if tail:
                return _trim_tokens(tail)
        if child.dep_ == "prep" and child.lower_ == "for" and verb.lemma_ == "call":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _rest_of_clause(verb, objects[0])
        if child.dep_ in {"oprd", "xcomp", "ccomp"} and child.i > verb.i:
            return _trim_tokens(_subtree_tokens(child))
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
                        return _trim_tokens(_subtree_tokens(inner[0]))
    return []


def _is_content_object(obj: Token) -> bool:
    if obj.pos_ in {"PRON"} or obj.lemma_.lower() in IDIOMATIC_OBJECTS:
        return False
    determiners = [c for c in obj.children if c.dep_ in {"det", "poss"}]
    if determiners and determiners[0].lower_ in POINTER_DETERMINERS and len(list(obj.subtree)) <= 3:
        return False
    return len(list(obj.subtree)) >= 2


def _is_speech_event(token: Token) -> bool:
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


CUE_PHRASE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
"""What a cue verb keeps before it as its cue phrase: "has repeatedly accused", "also
praised", "would later say" (the field's convention: PolNeAR's cue spans)."""


def cue_phrase(verb: Token) -> list[Token]:
    """The cue verb with the auxiliaries and adverbs right before it that are its own,
    and its particle ("pointed out")."""
    tokens = [verb]
    for child in reversed(list(verb.lefts)):
        if child.i != tokens[0].i - 1 or child.dep_ not in CUE_PHRASE_DEPS:
            break
        if child.dep_ == "aux" and child.lower_ == "to":
            break
        tokens.insert(0, child)
    for child in verb.rights:
        if child.i == tokens[-1].i + 1 and child.dep_ == "prt":
            tokens.append(child)
    return tokens


def source_phrase(subject: Token, cue: Sequence[Token]) -> list[Token]:
    """The whole noun phrase naming the source, with its title, apposition and relative
    clause ("Huma Abedin, vice chairwoman for Clinton's campaign,"): the field's
    convention (PolNeAR's source spans). A phrase set off by commas before its cue keeps
    the comma that closes it."""
    inside = [t for t in subject.subtree if not cue[0].i <= t.i <= cue[-1].i]
    run = next(r for r in _contiguous(inside) if subject in r)
    run = _trim_tokens(_without_dateline(run)) or [subject]
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
    for token in _unquoted_tokens(doc, quoted):
        if token.lower_ in {"according", "per"}:
            use = _according_to(token)
            if use is not None:
                uses.append(use)
            continue
        if not (token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")):
            continue
        lemma = cue_lemma(token.text, token.lemma_)
        if lemma is None or not _is_speech_event(token):
            continue
        subject, own = _verb_subject(token, quoted)
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
        if act == "endorsement":
            content_kind, runs = "object", [_endorsed(token)]
        else:
            content_kind, runs = _clause_content(token, lemma)
        if act == "evidence" and content_kind == "none":  # "showed the mayor leading by ten"
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects:
                content_kind, runs = "object", [_rest_of_clause(token, objects[0])]
        content = [run for run in runs if run]
        head, span, antecedent = _speaker_fields(subject)
        cue = cue_phrase(token)
        if subject is not None and head is not None and doc[head] in subject.subtree:
            span = _char_span(source_phrase(subject, cue))
        uses.append(
            CueUse(
                token=token.i,
                cue=_char_span(cue),
                lemma=lemma,
                speaker_head=head,
                speaker=span,
                antecedent_head=antecedent,
                content=tuple(_char_span(run) for run in content),
                rule="reported-clause",
                own_subject=own,
                content_kind=content_kind,
                act=act,
            )
        )
    return uses


def _act(lemma: str, subject: Token | None) -> str | None:
    """What a cue attributes: speech, a belief, evidence or an endorsement; None when the
    verb attributes nothing here ("Trump showed his tax returns")."""
    evidence = subject is not None and subject.lemma_.lower() in EVIDENCE_NOUNS
    if lemma in EVIDENCE_CUES and evidence:
        return "evidence"  # "the poll shows…", also "a study found…"
    if (
        lemma in CLAUSE_CUES
        or lemma in NAMING_CUES
        or lemma in DIRECTIVE_CUES
        or (lemma in STANCE_CUES)
    ):
        return "speech"
    if lemma in BELIEF_CUES:
        return "belief"
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
            return _trim_tokens(tokens)
    return []


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


def _according_to(token: Token) -> CueUse | None:
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
    # "P, according to police, who said Q": the source's own report is not its content
    if (
        cue_lemma(clause.text, clause.lemma_)
        and clause.i > token.i
        and clause.dep_ in {"conj", "parataxis"}
    ):
        clause = clause.head
    excluded = [pp_root]
    tokens = [t for t in _subtree_tokens(clause, excluded) if t.i not in {x.i for x in cue_tokens}]
    runs = [_trim_tokens(run) for run in _contiguous(tokens)]
    runs = [run for run in runs if run and any(t.is_alpha for t in run)]
    if len(runs) > 1 and not all(any(t.pos_ in {"VERB", "AUX"} for t in run) for run in runs):
        # "The decision, according to sources, was made on Friday": the clause around
        # the aside is one content; a piece without a verb says nothing on its own
        runs = [list(doc[runs[0][0].i : runs[-1][-1].i + 1])]
    source = _comma_apposition(source) or source
    head, span, antecedent = _speaker_fields(source)
    head_token = doc[head] if head is not None else None
    if head_token is not None and head_token.pos_ not in {"PROPN", "PRON"}:
        phrase = list(source.subtree)
        for index, token in enumerate(phrase):
            if token.i > source.i and token.text in {",", ";", "—"}:
                phrase = phrase[:index]
                break
        span = _char_span(_trim_tokens(phrase) or [source])
    return CueUse(
        token=token.i,
        cue=(cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)),
        lemma="according to" if token.lower_ == "according" else "per",
        speaker_head=head,
        speaker=span,
        antecedent_head=antecedent,
        content=tuple(_char_span(run) for run in runs),
        rule="according-to",
        own_subject=True,
    )


# ----------------------------------------------------------------------------- quotes


def _alnum_outside(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> str:
    chars = [text[i] for i in range(start, end) if not _inside(i, quoted)]
    words = "".join(chars).split()
    while words and words[0].lower().strip(",") in {"that", "whether", "if"}:
        words = words[1:]
    return "".join(c for c in " ".join(words) if c.isalnum())


def _overlapping(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in quoted if s < end and start < e]


def quotes_from_cues(
    doc: Doc, uses: list[CueUse], quoted: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """Direct, mixed and indirect quotes that a cue's reported content gives."""
    text = text_of(doc)
    candidates: list[Candidate] = []
    for use in _drop_relayed(doc, uses):
        for start, end in use.content:
            inside = _overlapping(start, end, quoted)
            base = dict(
                cue=use.cue,
                speaker=use.speaker,
                speaker_head=use.speaker_head,
                antecedent_head=use.antecedent_head,
            )
            confidence = 0.85 if use.speaker is not None else 0.5
            if use.act != "speech":  # a belief, evidence, an endorsement: quoted or not
                if any(c.isalpha() for c in text[start:end]):
                    candidates.append(Candidate(start, end, use.act, use.rule, confidence, **base))
                continue
            if inside and not _alnum_outside(text, start, end, inside):
                for q_start, q_end in inside:
                    candidates.append(
                        Candidate(
                            q_start,
                            q_end,
                            "direct",
                            use.rule,
                            min(0.95, confidence + 0.08),
                            **base,
                        )
                    )
            elif inside:
                q_start = min(start, inside[0][0])
                q_end = max(end, inside[-1][1])
                candidates.append(
                    Candidate(
                        q_start,
                        q_end,
                        "mixed",
                        use.rule,
                        confidence,
                        **base,
                    )
                )
            else:
                if not any(c.isalpha() for c in text[start:end]):
                    continue
                candidates.append(
                    Candidate(start, end, "indirect", use.rule, confidence - 0.1, **base)
                )
    return candidates


def _drop_relayed(doc: Doc, uses: list[CueUse]) -> list[CueUse]:
    """Keep nested reports apart, so that quotes never overlap.

    When a reported clause contains another reporting clause, the inner one is cut out of
    the outer content: "Znak.com reported its source said P" leaves the outer report
    nothing of its own (the source relays P), while "Trump said he may declare X, which he
    said would…" keeps both. A cue that only names or takes an object inside a reported
    clause ("…the police were attributing authorship…") is part of the outer report.
    """
    inner_clause_cues = [
        u for u in uses if u.content and u.content_kind == "clause" and u.act == "speech"
    ]
    kept: list[CueUse] = []
    for use in uses:
        if (use.content_kind in {"object", "naming", "directive"} or use.act != "speech") and any(
            other is not use and any(s <= use.cue[0] < e for s, e in other.content)
            for other in uses
        ):
            continue  # also a belief reported as speech: "officials said they believe X"
        content = list(use.content)
        for other in inner_clause_cues:
            if other is use:
                continue
            other_start = doc[other.token].idx
            for index, (start, end) in enumerate(content):
                if not start <= other_start < end:
                    continue
                cut = _left_edge_of(doc, other)
                if cut <= start:
                    content[index] = (start, start)
                else:
                    content[index] = (start, _rstrip_index(text_of(doc), start, cut))
        content = [(s, e) for s, e in content if e > s]
        kept.append(replace(use, content=tuple(content)))
    return kept


def _left_edge_of(doc: Doc, use: CueUse) -> int:
    token = doc[use.token]
    edge = min(token.left_edge.i, token.i)
    if use.speaker_head is not None and use.own_subject:
        edge = min(edge, doc[use.speaker_head].left_edge.i)
    elif not use.own_subject:
        # "…said P, adding that Q": cut at the participle, not at the borrowed subject
        edge = min(t.i for t in token.subtree)
    return doc[edge].idx


def _rstrip_index(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_PUNCT):
        end -= 1
    return end


def _word_count(text: str) -> int:
    return len(text.split())


def _speech_like(text: str, span: tuple[int, int]) -> bool:
    inner = text[span[0] + 1 : span[1] - 1].strip()
    return _word_count(inner) >= SPEECH_LIKE_MIN_WORDS or inner.rstrip("\"'”’").endswith(
        (".", "!", "?")
    )


TITLE_MAX_WORDS = 8
TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over the to up with vs".split()
)
"""Words a title in title case leaves in lower case."""


def _names_a_work(text: str, start: int, end: int) -> bool:
    """Quotation marks around a title (a show, a book, a film, a publication) rather than
    words said: a few words in title case with no sentence punctuation inside (a comma
    or full stop before the closing mark is American punctuation), not opening the
    sentence, not introduced by a colon."""
    inner = text[start + 1 : end - 1].strip()
    if inner[-1:] in {",", "."}:
        inner = inner[:-1]
    words = inner.split()
    if not words or len(words) > TITLE_MAX_WORDS or any(c in inner for c in ".!?;:,"):
        return False
    if any(
        not (word[:1].isupper() or word[:1].isdigit())
        for index, word in enumerate(words)
        if index == 0 or word.lower() not in TITLE_SMALL_WORDS
    ):
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:\n"“”'


def quotes_from_marks(
    doc: Doc,
    uses: list[CueUse],
    spans: Sequence[QuotedSpan],
    claimed: list[Candidate],
    offset: int,
) -> list[Candidate]:
    """Quoted spans no cue content covers: attributed to a cue in the same sentence
    ("“A,” he said, “B.”", "X wrote: “…”", "criticised Y for “…”"), else floating."""
    text = text_of(doc)
    result: list[Candidate] = []
    claimed_ranges = [(c.start, c.end) for c in claimed]
    for span in spans:
        start, end = span.start - offset, span.end - offset
        if any(s <= start and end <= e for s, e in claimed_ranges) or any(
            s < end and start < e for s, e in claimed_ranges
        ):
            continue
        if _names_a_work(text, start, end):
            continue  # “Meet the Press”, “The Long Road Home”: a title, not words said
        sentence_uses = [u for u in _uses_in_sentences(doc, uses, start, end) if u.act == "speech"]
        if sentence_uses:
            # nearest cue, but not one inside an aside ("— which the BBC noted as … —")
            use = min(
                sentence_uses,
                key=lambda u: (
                    doc[u.token].dep_ in {"relcl", "parataxis", "acl"},
                    _distance(u.cue, (start, end)),
                ),
            )
            if use.speaker is not None or use.content:
                if not _speech_like(text, (start, end)) and use.speaker is None:
                    continue
                result.append(
                    Candidate(
                        start,
                        end,
                        "direct",
                        "quote-in-attributed-sentence",
                        0.8 if use.speaker else 0.55,
                        cue=use.cue,
                        speaker=use.speaker,
                        speaker_head=use.speaker_head,
                        antecedent_head=use.antecedent_head,
                    )
                )
                continue
        introduced = _colon_introduction(
            doc, start, quoted_spans=[(s.start - offset, s.end - offset) for s in spans]
        )
        if introduced is not None:
            result.append(introduced)
            continue
        if span.single and not _speech_like(text, (start, end)):
            continue
        if _speech_like(text, (start, end)) or span.continued:
            result.append(
                Candidate(
                    start,
                    end,
                    "direct",
                    "floating-quote",
                    0.6,
                    floating=True,
                )
            )
    return result


def _colon_introduction(
    doc: Doc, start: int, quoted_spans: Sequence[tuple[int, int]]
) -> Candidate | None:
    """ "Bolsonaro opposed Macron's statement: “…”": a colon before a quotation makes the
    clause before it the attribution, whatever its verb; so does a comma after a verb of
    speaking ("Graham spoke on Fox News, “…”"), and a whole sentence before the quotation
    whose verb reports speech and which quotes nothing itself."""
    before = text_of(doc)[:start].rstrip()
    if not before.endswith((":", ",", ".")):
        return None
    mark = expanded_span(doc, len(before) - 1, len(before))
    if mark is None or len(mark) == 0:
        return None
    sentence = mark[0].sent
    verb = sentence.root
    if verb.pos_ not in {"VERB", "AUX"} or verb.idx >= start:
        return None
    lemma = verb.lemma_.lower()
    if before.endswith(",") and lemma not in SPEAKING_VERBS:
        return None  # "Graham spoke on Fox News, “…”", not any clause and a comma
    if before.endswith(".") and not (
        # "McGurk also criticized the decision via Twitter. “The statement…”": a sentence
        # that reports someone speaking, then their words, in the same paragraph
        (lemma in SPEAKING_VERBS or cue_lemma(verb.text, verb.lemma_))
        and not _overlapping(sentence.start_char, sentence.end_char, quoted_spans)
        and not any(c.dep_ == "ccomp" for c in verb.children)
    ):
        return None
    subject, _ = _verb_subject(verb, quoted_spans)
    if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    end = next((e for s, e in quoted_spans if s == start), None)
    if end is None:
        return None
    head, span, antecedent = _speaker_fields(subject)
    return Candidate(
        start,
        end,
        "direct",
        "colon-introduction",
        0.7,
        cue=_char_span([verb]),
        speaker=span,
        speaker_head=head,
        antecedent_head=antecedent,
    )


def _uses_in_sentences(doc: Doc, uses: list[CueUse], start: int, end: int) -> list[CueUse]:
    sentences = [s for s in doc.sents if s.start_char < end and start < s.end_char]
    if not sentences:
        return []
    first, last = sentences[0], sentences[-1]
    # a sentence ending in a colon introduces the quote after it: “X wrote:” / “…”
    previous = _previous_sentence(doc, first)
    lo = first.start_char
    if previous is not None and previous.text.rstrip().endswith(":"):
        lo = previous.start_char
    text = text_of(doc)
    found = [
        u
        for u in uses
        if lo <= u.cue[0] < last.end_char
        and (u.speaker is not None or u.content)
        and ";" not in text[min(u.cue[1], end) : max(u.cue[0], start)]
    ]
    # "“…!” Macron tweeted": an attribution parsed as the next sentence still belongs here,
    # unless the quotation closed its own sentence ("…me”. The defendants claimed…")
    after = text_of(doc)[end : end + 1]
    if not found and last.end < len(doc) and doc[last.end].idx - end <= 2 and after != ".":
        following = doc[last.end].sent
        found = [
            u
            for u in uses
            if following.start_char <= u.cue[0] < following.end_char and u.speaker is not None
        ]
    return found


def _previous_sentence(doc: Doc, sentence: Span) -> Span | None:
    if sentence.start == 0:
        return None
    return doc[sentence.start - 1].sent


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _end_unclosed_at_attribution(doc: Doc, span: QuotedSpan, offset: int) -> QuotedSpan:
    """ "“The shipment will arrive on Friday, Konrad Vesely said. …" with no closing mark:
    the quotation ends at the comma before its attribution, not at the paragraph end."""
    if span.closed or span.continues:
        return span
    start, end = span.start - offset, span.end - offset
    for token in doc:
        if not start < token.idx < end or token.text != ",":
            continue
        following = [t for t in doc[token.i + 1 : token.i + 6] if t.idx < end]
        for candidate in following:
            lemma = cue_lemma(candidate.text, candidate.lemma_)
            if lemma is None or candidate.pos_ not in {"VERB", "AUX"}:
                continue
            between = doc[token.i + 1 : candidate.i]
            inverted = candidate.i == token.i + 1  # ", said Konrad Vesely"
            named = len(between) > 0 and all(
                t.pos_ in {"PROPN", "PRON", "DET", "NOUN"} for t in between
            )
            if inverted or named:
                return replace(span, end=offset + token.idx + 1)
    return span


def find_candidates(doc: Doc, spans: Sequence[QuotedSpan], offset: int) -> list[Candidate]:
    """All quote candidates in one paragraph (offsets relative to the paragraph)."""
    spans = [_end_unclosed_at_attribution(doc, span, offset) for span in spans]
    quoted = [(s.start - offset, s.end - offset) for s in spans]
    uses = find_cue_uses(doc, quoted)
    from_cues = quotes_from_cues(doc, uses, quoted)
    from_cues = _without_overlaps(from_cues)
    from_marks = quotes_from_marks(doc, uses, spans, from_cues, offset)
    found = _after_dateline(doc, from_cues + from_marks, quoted)
    turn = transcript_turn(doc)
    if turn is not None:  # the whole paragraph is the turn: its parts are no quotes apart
        found = [turn]
    return sorted(found, key=lambda c: (c.start, c.end))


TURN_NAME = re.compile(r"(?:[A-Z][\w'’.-]*)(?: [A-Z][\w'’.-]*){0,3}(?=: )")
"""A transcript's speaker heading: "TAPPER: …", "Jake Tapper: …" (at most four words,
each capitalised)."""
TURN_MIN_WORDS = 3


def transcript_turn(doc: Doc) -> Candidate | None:
    """A paragraph of an interview or debate transcript, "FALLIN: Well, I think …": the
    words after the heading are the named speaker's own (PolNeAR's convention: the colon
    is the cue). Not a headline ("UN: PEACEKEEPERS PAYING…", "Poll: A Seismic Shift"):
    the turn must read as a sentence, mostly in lower case."""
    text = text_of(doc)
    heading = TURN_NAME.match(text)
    if heading is None:
        return None
    words = text[heading.end() + 2 :].split()
    lower = sum(w[:1].islower() for w in words)
    if len(words) < TURN_MIN_WORDS or lower * 2 < len(words):
        return None
    names = [t for t in doc if t.idx < heading.end()]
    if not names or any(t.pos_ in {"VERB", "AUX"} for t in names):
        return None
    start = heading.end() + 2
    while start < len(text) and text[start].isspace():
        start += 1
    return Candidate(
        start,
        len(text.rstrip()),
        "direct",
        "transcript-turn",
        0.8,
        cue=(heading.end(), heading.end() + 1),
        speaker=(0, heading.end()),
        speaker_head=names[-1].i,
    )


def _after_dateline(
    doc: Doc, candidates: list[Candidate], quoted: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """The candidates without the paragraph's dateline ("LONDON (Reuters) –"): it is part
    of no quote, and a quote that was only its dateline away from a quotation is that
    quotation, direct."""
    text = text_of(doc)
    edge = dateline_end(text)
    if not edge:
        return candidates
    kept = []
    for candidate in candidates:
        if candidate.end <= edge:
            continue
        if candidate.start < edge:
            kind = "direct" if (edge, candidate.end) in quoted else candidate.kind
            candidate = replace(candidate, start=edge, kind=kind)
        speaker = candidate.speaker
        if speaker is not None and speaker[0] < edge:
            speaker = (edge, speaker[1]) if speaker[1] > edge else None
            candidate = replace(candidate, speaker=speaker)
        kept.append(candidate)
    return kept


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep quotes disjoint: on overlap the more confident, then the shorter, wins."""
    ranked = sorted(candidates, key=lambda c: (-c.confidence, c.end - c.start))
    kept: list[Candidate] = []
    for candidate in ranked:
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
