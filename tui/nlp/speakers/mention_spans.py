"""Which tokens make a mention: a name's tokens (:func:`name_tokens`) and a speaker mention
with its title or role (:func:`mention_tokens`), without a dateline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    cue_lemma,
)
from tui.nlp.speakers import world
from tui.nlp.speakers.names import first_name_gender
from tui.nlp.speakers.words import INSTITUTION_NOUNS, PERSON_ROLE_NOUNS
from tui.nlp.text.dateline import dateline_end
from tui.nlp.text.doctext import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
from tui.nlp.quotes.record import contiguous, trim_tokens

_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "which"])


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


def is_role_word(token: Token) -> bool:
    """A word for a role ("MP", "Senators"), as written or as its lemma, that the tagger
    gave no person's name: capitalised or not, a role and not someone's name."""
    return (
        token.lower_ in PERSON_ROLE_NOUNS or token.lemma_.lower() in PERSON_ROLE_NOUNS
    ) and token.ent_type_ != "PERSON"


def _nested_name_part(word: Token, part: Token) -> bool:
    """Whether ``word``, just before ``part``, is a proper noun compounded to it inside
    one person's name (the parser nests the compounds of a long name)."""
    return (
        word.head.i == part.i
        and word.dep_ in {"compound", "flat"}
        and word.pos_ == "PROPN"
        and word.ent_type_ == "PERSON"
        and part.ent_type_ == "PERSON"
        and part.ent_iob_ == "I"
    )


def _glued_hyphen(token: Token) -> bool:
    """A hyphen written with no space on either side ("Man-kei")."""
    return (
        token.text in {"-", "‐"}
        and not token.whitespace_
        and token.i > 0
        and not token.nbor(-1).whitespace_
    )


def name_tokens(head: Token) -> list[Token]:
    """The proper-name chain ending at ``head``, without leading title words.

    "U.K. Prime Minister Keir Starmer" gives "Keir Starmer"; "Pope Francis" and
    "Queen Elizabeth II" keep the regnal title, which is part of how they are named.
    """
    chain = [head]
    # "el-Sisi", "Man-kei": a hyphen with no space around it joins one name
    while chain[0].i >= 2 and _glued_hyphen(chain[0].nbor(-1)) and chain[0].nbor(-2).is_alpha:
        chain[:0] = [chain[0].nbor(-2), chain[0].nbor(-1)]
    before = chain[0].i
    if (
        len(chain) == 1
        and before >= 3
        and _glued_hyphen(head.doc[before - 2])
        and head.doc[before - 1].pos_ == head.doc[before - 3].pos_ == "PROPN"
        and head.doc[before - 3].text[:1].isupper()
    ):
        # "Amnesty International Man-kei Tam": the parser hung the hyphenated given name
        # on the organisation before it; a given name and a surname side by side are one
        chain[:0] = list(head.doc[before - 3 : before])
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
    while chain[0].i > 0 and _nested_name_part(chain[0].nbor(-1), chain[0]):
        chain.insert(0, chain[0].nbor(-1))  # "Andrés" of "Andrés Manuel López Obrador"
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
            or t.lower_ in INSTITUTION_NOUNS  # "House Intelligence Committee … Adam Schiff"
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
        if child.dep_ == "prep" and child.lower_ == "as":
            break  # "described by analysts as a target": what is said, not who says it
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
    runs = contiguous(tokens)
    run = next(r for r in runs if head in r)
    return trim_tokens(without_dateline(run)) or [head]


def without_dateline(tokens: list[Token]) -> list[Token]:
    """The tokens after their paragraph's dateline ("KYIV — Ukraine's president")."""
    if not tokens:
        return tokens
    edge = dateline_end(text_of(tokens[0].doc))
    return [t for t in tokens if t.idx >= edge] if edge else tokens


def _has_content_modifiers(head: Token) -> bool:
    return any(c.dep_ in {"prep", "amod", "det"} for c in head.children)
