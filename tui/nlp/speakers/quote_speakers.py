"""Who said each quote: a candidate in absolute offsets (:class:`Found`), names the tagger took
for common nouns, and each candidate's speaker mention resolved to a cluster in reading
order, a floating quote inheriting the last speaker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.nlp.quotes.record import Candidate
from tui.nlp.speakers.clusters import Cluster
from tui.nlp.speakers.mention_spans import (
    REGNAL_TITLES,
    TITLE_WORDS,
    is_role_word,
    mention_tokens,
)
from tui.nlp.speakers.mentions import NameMention
from tui.nlp.speakers.resolver import SpeakerResolver
from tui.nlp.speakers.sourcewords import (
    COMMUNICATION_NOUNS,
    DOCUMENT_NOUNS,
    PARTITIVE_NOUNS,
    is_abstract_noun,
)
from tui.nlp.speakers.words import (
    GROUP_PRONOUNS,
    INSTITUTION_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    RELATIVE_PRONOUNS,
    SPEAKER_LABELS,
    THING_PRONOUNS,
)
from tui.nlp.text.doctext import text_of
from tui.nlp.text.paragraphs import Paragraph

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


FLOATING_REACH = 2  # paragraphs a floating quote may look back for its speaker


@dataclass(slots=True)
class Found:
    """A candidate in absolute offsets, with where it came from and whom it resolved to."""

    candidate: Candidate
    paragraph: int
    offset: int
    doc: Doc
    cluster: Cluster | None = None
    mention: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.offset + self.candidate.start

    @property
    def end(self) -> int:
        return self.offset + self.candidate.end


def note_mistagged_names(
    parsed: list[tuple[Paragraph, Doc]], names: list[NameMention], resolver: SpeakerResolver
) -> None:
    """Names the tagger took for common nouns ("Zelenskyy is seeking…" as NOUN) still count
    as mentions of the person the article names that way, so pronouns can find them."""
    covered = {(m.start, m.end) for m in names}
    for paragraph, doc in parsed:
        for token in doc:
            if token.pos_ == "PROPN" or not token.text[:1].isupper() or not token.is_alpha:
                continue
            start = paragraph.start + token.idx
            end = start + len(token.text)
            if (start, end) in covered or not resolver.known_name(token.text):
                continue
            subject = token.dep_ in {"nsubj", "nsubjpass"}
            resolver.resolve_name(start, end, token.text, subject=subject)


def resolve_speakers(found: list[Found], resolver: SpeakerResolver) -> None:
    previous: Found | None = None
    for item in found:
        candidate = item.candidate
        if candidate.speaker_head is None and not candidate.floating and candidate.kind != "direct":
            continue  # an agentless report: nobody to inherit it from
        if candidate.floating or candidate.speaker_head is None:
            if (
                previous is not None
                and previous.cluster is not None
                and (item.paragraph - previous.paragraph <= FLOATING_REACH)
            ):
                item.cluster = previous.cluster
            previous = item if item.cluster is not None else previous
            continue
        head = item.doc[candidate.speaker_head]
        mention = candidate.speaker
        if mention is not None:
            item.mention = (item.offset + mention[0], item.offset + mention[1])
        item.cluster = _resolve_head(item, head, resolver)
        if (
            item.cluster is None
            and _anaphoric_act(head)
            and previous is not None
            and item.paragraph - previous.paragraph <= FLOATING_REACH
        ):
            item.cluster = previous.cluster  # "Per the request, …": the last speaker's
        previous = item


def _resolve_head(
    item: Found, head: Token, resolver: SpeakerResolver, note: tuple[int, int, str] | None = None
) -> Cluster | None:
    cluster = _resolve_token(item, head, resolver)
    if cluster is not None and note is not None:
        resolver.note_mention(cluster, *note)
    return cluster


def _is_agent(token: Token) -> bool:
    """A word that can name who made a document or a request: a name, a pronoun, or a
    noun for people or an institution ("from the scene" names no author)."""
    lemma = token.lemma_.lower()
    return (
        token.pos_ in {"PROPN", "PRON"}
        or token.ent_type_ in SPEAKER_LABELS
        or lemma in PERSON_ROLE_NOUNS
        or lemma in INSTITUTION_NOUNS
        or token.lower_ in GROUP_PRONOUNS
        or token.tag_ in {"NNS", "NNPS"}  # "by event organizers", "from residents"
    )


def _author_of_document(head: Token) -> Token | None:
    """ "The decree signed by the Pope", "data from the Archive", "Ford's filing", "the calls
    by officials": a document or a request speaks for its author, who is the speaker the
    reader wants to see."""
    communication = _is_word(head, COMMUNICATION_NOUNS)
    if not communication and not _is_word(head, DOCUMENT_NOUNS):
        return None
    by = {"by", "from", "of"} if communication else {"by", "from"}
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return child
        if (
            child.dep_ in {"compound", "nmod"}
            and child.i == head.i - 1
            and child.pos_ == "PROPN"
            and child.ent_type_ in {"ORG", "GPE", "PERSON"}
        ):
            return child  # "a UN report", "the Internal Revenue Service website"
        if child.dep_ == "prep" and child.lower_ in by:
            objects = [g for g in child.children if g.dep_ == "pobj" and _is_agent(g)]
            if objects:
                return objects[0]
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    objects = [g for g in grand.children if g.dep_ == "pobj" and _is_agent(g)]
                    if objects:
                        return objects[0]
    return None


def _anaphoric_act(head: Token) -> bool:
    """ "the request", "this call": a speech act named again without its agent, which is
    the one just reported."""
    return _is_word(head, COMMUNICATION_NOUNS) and any(
        child.dep_ == "det" and child.lower_ in {"the", "this", "that", "these", "those"}
        for child in head.children
    )


def _counted(head: Token) -> Token | None:
    """ "A number of Senators", "most of the protesters": what a partitive counts."""
    if not _is_word(head, PARTITIVE_NOUNS):
        return None
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child  # "One of these groups, the Syrian Democratic Forces": the name
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _is_word(token: Token, words: frozenset[str]) -> bool:
    """Whether the token, as written or as its lemma, is one of ``words``."""
    return token.lower_ in words or token.lemma_.lower() in words


def _is_source_noun(head: Token) -> bool:
    """A common noun for people, a body, a document or a speech act."""
    return any(
        _is_word(head, words)
        for words in (PERSON_ROLE_NOUNS, INSTITUTION_NOUNS, DOCUMENT_NOUNS, COMMUNICATION_NOUNS)
    )


def _speaks(head: Token) -> bool:
    """Whether a noun can be a source at all: not a bracket, a number or a verb, not a
    speech act without its agent ("the request"), not a state or a quality ("his
    presence")."""
    if not any(ch.isalpha() for ch in head.text) or head.pos_ in {"VERB", "AUX"}:
        return False  # a bracket, a number, a clause ("writing at … notes")
    if head.pos_ == "PROPN" or head.ent_type_ in SPEAKER_LABELS:
        return True
    if _is_word(head, COMMUNICATION_NOUNS):
        return False
    return not is_abstract_noun(head.lemma_)


def _plural_subject_before(pronoun: Token) -> Token | None:
    """ "State prosecutors charged…, they said": the nearest plural subject before "they"
    in the same sentence or the one before it."""
    sentence = pronoun.sent
    start = sentence.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    for token in reversed(list(pronoun.doc[start : pronoun.i])):
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.tag_ in {"NNS", "NNPS"}
            and token.pos_ in {"NOUN", "PROPN"}
        ):
            return token
    return None


def _resolve_token(item: Found, head: Token, resolver: SpeakerResolver) -> Cluster | None:
    word = head.lower_
    offset = item.offset
    start = offset + head.idx
    end = start + len(head.text)
    if word in RELATIVE_PRONOUNS and item.candidate.antecedent_head is not None:
        antecedent = item.doc[item.candidate.antecedent_head]
        return _resolve_token(item, antecedent, resolver)
    if word in GROUP_PRONOUNS:
        antecedent = _plural_subject_before(head)
        if antecedent is not None:
            return _resolve_head(item, antecedent, resolver, note=(start, end, head.text))
    if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS or word in THING_PRONOUNS:
        return resolver.resolve_pronoun(start, end, head.text, offset)
    counted = _counted(head)
    if counted is not None:
        return _resolve_token(item, counted, resolver)
    if head.pos_ == "PRON" or head.is_stop:
        return None
    if word in GROUP_PRONOUNS:
        return None
    author = _author_of_document(head)
    if author is not None:
        return _resolve_token(item, author, resolver)
    if not _speaks(head):
        return None
    provision = _provision(head)
    if provision is not None:  # "U.S. Code § 1201 … which says": the law speaks
        first, last = provision[0].idx, provision[-1].idx + len(provision[-1].text)
        text = text_of(item.doc)[first:last]
        return resolver.resolve_description(offset + first, offset + last, text, "law", [], False)
    tokens = mention_tokens(head)
    m_start = offset + tokens[0].idx
    m_end = offset + tokens[-1].idx + len(tokens[-1].text)
    mention_text = text_of(item.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    if _reads_as_name(head, resolver) and not _is_title(head):
        cluster = resolver.cluster_at(start, end)
        if cluster is not None:
            resolver.resolve_name(start, end, head.text)
            return cluster
        return resolver.resolve_name(m_start, m_end, mention_text)
    modifiers = [c.text for c in head.lefts if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    for child in head.lefts:
        if child.dep_ == "poss":
            modifiers.extend(t.text for t in child.subtree)
    plural = head.tag_ in {"NNS", "NNPS"}
    return resolver.resolve_description(
        m_start, m_end, mention_text, head.lemma_.lower(), modifiers, plural
    )


PROVISION_WORDS = frozenset({"§", "section", "article", "clause", "paragraph", "title"})


def _provision(head: Token) -> list[Token] | None:
    """The words citing a provision of a law ("U.S. Code § 1201 Circumvention of copyright
    protection systems", "Article 50"), when the source is one: a section sign or a
    provision word with its number before the head. A statute's section title is a
    document, never an organisation."""
    before = [t for t in head.subtree if t.i <= head.i]
    cited = any(
        t.lower_ in PROVISION_WORDS and t.i + 1 < len(t.doc) and t.nbor(1).like_num for t in before
    )
    if not cited:
        return None
    clauses = {t.i for c in head.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in clauses]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens or None


def _is_title(head: Token) -> bool:
    """ "The President said", "The Vice President": a capitalised role, not a name."""
    if head.lower_ not in TITLE_WORDS and head.lower_ not in REGNAL_TITLES:
        return False
    return head.i > 0 and (
        head.nbor(-1).lower_ in {"the", "vice"} or any(t.lower_ == "the" for t in head.lefts)
    )


def _reads_as_name(head: Token, resolver: SpeakerResolver) -> bool:
    """A proper name, whatever the tagger says: "Zelenskyy" tagged NOUN is still a name."""
    if head.is_stop:
        return False  # "Amongst reported incidents…" tagged as a name
    if is_role_word(head):
        return False  # "One MP told the BBC", "a number of Senators": a role in capitals
    if head.pos_ == "PROPN":
        return True
    if not head.text[:1].isupper():
        return False
    if (
        head.is_sent_start
        and (head.tag_ == "NNS" or _is_source_noun(head))
        and not resolver.known_name(head.text)
        and not any(c.dep_ == "appos" for c in head.children)
    ):
        return False  # "Photographs showed…", "Officials said…": capitalised by position
    if head.ent_type_ in SPEAKER_LABELS:
        return True
    if not head.is_sent_start:
        return True
    if head.tag_ == "NN" and not any(c.dep_ in {"det", "poss"} for c in head.children):
        return True  # "Rudaw reports": a singular count noun needs a determiner; a name not
    if any(
        c.dep_ == "appos" and any(g.dep_ == "det" and g.lower_ in {"a", "an"} for g in c.children)
        for c in head.children
    ):
        return True  # "Airfleets, a database detailing …": described, so named
    return resolver.known_name(head.text)
