"""Who the article names, and how: name mentions with the roles the article gives them.

Built once per article from the parsed paragraphs, before speakers are resolved, so that
"the Ukrainian president" and "he" can be matched against people the article has named
("President Volodymyr Zelenskyy"), with the role and country taken from the text itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.nlp.speakers.mention_spans import TITLE_WORDS, is_role_word, name_tokens
from tui.nlp.speakers.words import SPEAKER_LABELS
from tui.nlp.text.doctext import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME_LABELS = SPEAKER_LABELS | {""}
_SKIP_HEAD_DEPS = frozenset({"compound", "flat"})


@dataclass(frozen=True, slots=True)
class NameMention:
    """A proper name in the article (absolute offsets) and what the article says it is."""

    start: int
    end: int
    text: str
    label: str
    paragraph: int
    token: int
    is_subject: bool
    is_main_subject: bool = False
    role: str | None = None
    role_head: str | None = None
    country_words: tuple[str, ...] = ()
    former: bool = False
    definite: bool = False  # "the Atlantic", "The Verge": no person's name takes "the"


def _role_tokens(head: Token, chain: list[Token]) -> list[Token]:
    """Title words in front of a name ("U.K. Prime Minister", "Mexico's Foreign Secretary")."""
    first = chain[0].i
    before: list[Token] = []
    for child in head.lefts:
        if child.i < first:
            before.extend(t for t in child.subtree if t.i < first)
    for token in head.doc[max(0, first - 6) : first]:
        if token.head.i == head.i or token.head.i in {t.i for t in chain}:
            before.append(token)
    tokens = sorted({t.i: t for t in before}.values(), key=lambda t: t.i)
    run: list[Token] = []
    for token in reversed(tokens):
        if run and token.i != run[0].i - 1:
            break
        if token.pos_ in {"DET", "PUNCT"} and token.lower_ not in {"'s", "’s"}:
            break
        run.insert(0, token)
    return run


def _appositive_role(head: Token) -> list[Token]:
    """ "Josh Bash, the U.S. Attorney for …": the apposition as a role."""
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            tokens = [t for t in child.subtree if t.text not in {",", "(", ")"}]
            while tokens and tokens[0].pos_ == "DET":
                tokens = tokens[1:]
            return tokens[:12]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":  # "the El Paso mayor, Dee Margo"
        description = head.head
        # the description before the name, not the name's own first words ("Sadiq")
        before = head.left_edge.i
        return [t for t in description.subtree if t.i < before and t.pos_ not in {"DET", "PUNCT"}][
            :12
        ]
    return []


def _role_head(role: list[Token], title_words: list[Token]) -> str | None:
    """What the role says the named one is: the role phrase's own head when it is a title
    or a noun ("LiberateLaura, a blog authored by … journalist Richard Horgan" is a blog),
    else its last title word."""
    if not title_words:
        return None
    inside = {t.i for t in role}
    roots = [t for t in role if t.head.i not in inside or t.head.i == t.i]
    if len(roots) == 1 and roots[0] in title_words:
        return roots[0].lemma_.lower()
    return title_words[-1].lemma_.lower()


def _names_a_role(chain: list[Token]) -> bool:
    """ "Labour MP", "Foreign Secretary": capitalised words whose head is a role noun and
    which the tagger gave no person's name: a role, not someone's name."""
    return is_role_word(chain[-1]) and not any(t.ent_type_ == "PERSON" for t in chain)


def _governs_sentence(token: Token) -> bool:
    """The subject of the sentence's main verb (or of a verb coordinated with it)."""
    verb = token.head if token.dep_ != "appos" else token.head.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _is_subject(token: Token) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass"} or (
        token.dep_ == "appos" and token.head.dep_ in {"nsubj", "nsubjpass"}
    )


def collect_name_mentions(paragraph_docs: list[tuple[int, Doc]]) -> list[NameMention]:
    """Every proper-name chain in the article, with any role the text attaches to it."""
    mentions: list[NameMention] = []
    for index, (offset, doc) in enumerate(paragraph_docs):
        for token in doc:
            if token.pos_ != "PROPN" or token.dep_ in _SKIP_HEAD_DEPS:
                continue
            if token.ent_type_ not in NAME_LABELS:
                continue
            chain = name_tokens(token)
            if not chain or all(t.text.lower() in TITLE_WORDS for t in chain):
                continue
            if _names_a_role(chain):
                continue
            if not chain[0].text[:1].isupper():
                continue
            role = [
                t for t in (_role_tokens(token, chain) or _appositive_role(token)) if not t.is_space
            ]
            if role and not any(t.pos_ in {"NOUN", "PROPN"} for t in role):
                role = []  # "both Saudi Arabia and …": no title, just a determiner
            role_text = " ".join(t.text for t in role) if role else None
            title_words = [
                t for t in role if t.text.lower().rstrip(".") in TITLE_WORDS or t.pos_ == "NOUN"
            ]
            start = offset + chain[0].idx
            end = offset + chain[-1].idx + len(chain[-1].text)
            label = token.ent_type_ or ("PERSON" if role and title_words else "")
            mentions.append(
                NameMention(
                    start=start,
                    end=end,
                    text=text_of(doc)[chain[0].idx : chain[-1].idx + len(chain[-1].text)],
                    label=label,
                    paragraph=index,
                    token=token.i,
                    is_subject=_is_subject(token),
                    is_main_subject=_is_subject(token) and _governs_sentence(token),
                    role=role_text,
                    role_head=_role_head(role, title_words),
                    country_words=tuple(
                        t.text for t in role if t.ent_type_ in {"GPE", "NORP"} or t.pos_ == "PROPN"
                    ),
                    former=any(t.lower_ in {"former", "ex", "late", "then"} for t in role),
                    definite=chain[0].lower_ == "the"
                    or (chain[0].i > 0 and doc[chain[0].i - 1].lower_ == "the" and not role),
                )
            )
    return mentions
