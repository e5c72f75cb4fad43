"""Direct quotes: text in quotation marks attributed to a cue in or around its sentence
(:func:`quotes_from_marks`), colon introductions, titles of works, unclosed quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.nlp.quotes.cues import (
    NAME_GIVING_VERBS,
    SPEAKING_VERBS,
    cue_lemma,
)
from tui.nlp.quotes.marks import QuotedSpan
from tui.nlp.text.doctext import expanded_span, first_token_at, text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token
from tui.nlp.quotes.record import Candidate, CueUse, char_span
from tui.nlp.quotes.reported import overlapping
from tui.nlp.quotes.subjects import speaker_fields, verb_subject

SPEECH_LIKE_MIN_WORDS = 4


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


GIVEN_NAME_MAX_WORDS = 8


def _a_given_name(doc: Doc, start: int, end: int) -> bool:
    """Quotation marks around the name a verb gives ("named the virus that causes it
    “severe acute respiratory syndrome coronavirus 2”"): a few words after a name-giving
    verb of the same sentence, with no verb of speech between them."""
    words = text_of(doc)[start:end].strip(" \"“”'‘’").split()
    if not words or len(words) > GIVEN_NAME_MAX_WORDS:
        return False
    index = first_token_at(doc, start)
    if index >= len(doc):
        return False
    first = doc[index]
    for token in reversed(doc[first.sent.start : first.i]):
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.lemma_.lower() in NAME_GIVING_VERBS:
            return True
        if cue_lemma(token.text, token.lemma_) is not None:
            return False
    return False


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
        if _a_given_name(doc, start, end):
            continue  # named the virus “SARS-CoV-2”: a name given, not words said
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


def _name_before_colon(colon: Token) -> Token | None:
    """The person or organisation named just before a colon that opens a quotation."""
    if colon.i == 0:
        return None
    last = colon.doc[colon.i - 1]
    if last.pos_ == "PROPN" and last.ent_type_ in {"PERSON", "ORG"} and last.dep_ != "compound":
        return last
    return None


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
    if verb.idx >= start:  # the parser made the quotation the sentence: the verb before it
        verb = next(
            (t for t in mark[0].ancestors if t.pos_ in {"VERB", "AUX"} and t.idx < start), verb
        )
    if verb.pos_ not in {"VERB", "AUX"} or verb.idx >= start:
        return None
    lemma = verb.lemma_.lower()
    if before.endswith(",") and lemma not in SPEAKING_VERBS:
        return None  # "Graham spoke on Fox News, “…”", not any clause and a comma
    if before.endswith(".") and not (
        # "McGurk also criticized the decision via Twitter. “The statement…”": a sentence
        # that reports someone speaking, then their words, in the same paragraph
        (lemma in SPEAKING_VERBS or cue_lemma(verb.text, verb.lemma_))
        and not overlapping(sentence.start_char, sentence.end_char, quoted_spans)
        and not any(c.dep_ == "ccomp" for c in verb.children)
    ):
        return None
    subject, _ = verb_subject(verb, quoted_spans)
    named = _name_before_colon(mark[0]) if before.endswith(":") else None
    if named is not None and (subject is None or subject.pos_ == "NOUN"):
        # "The timing doesn't surprise pollster Daron Shaw: “…”": a subject that is no
        # one leaves the words to the name before the colon (not "Bolsonaro opposed the
        # statement by Macron: “…”", whose subject speaks)
        subject = named
    if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    end = next((e for s, e in quoted_spans if s == start), None)
    if end is None:
        return None
    head, span, antecedent = speaker_fields(subject)
    return Candidate(
        start,
        end,
        "direct",
        "colon-introduction",
        0.7,
        cue=char_span([verb]),
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


def end_unclosed_at_attribution(doc: Doc, span: QuotedSpan, offset: int) -> QuotedSpan:
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
