"""Reported speech: indirect quotes from cue uses (:func:`quotes_from_cues`), and dropping
reports that only relay another."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tui.nlp.text.doctext import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc
from tui.nlp.quotes.record import TRAILING_PUNCT, Candidate, CueUse, _inside

# ----------------------------------------------------------------------------- quotes


def _alnum_outside(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> str:
    chars = [text[i] for i in range(start, end) if not _inside(i, quoted)]
    words = "".join(chars).split()
    while words and words[0].lower().strip(",") in {"that", "whether", "if"}:
        words = words[1:]
    return "".join(c for c in " ".join(words) if c.isalnum())


def overlapping(start: int, end: int, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in quoted if s < end and start < e]


def quotes_from_cues(
    doc: Doc, uses: list[CueUse], quoted: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """Direct, mixed and indirect quotes that a cue's reported content gives."""
    text = text_of(doc)
    candidates: list[Candidate] = []
    for use in _drop_relayed(doc, uses):
        for start, end in use.content:
            inside = overlapping(start, end, quoted)
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


_COORDINATORS = ("and", "but", "or")


def _rstrip_index(text: str, start: int, end: int) -> int:
    """Where a content cut before an inner report ends: without trailing space, punctuation
    or the conjunction that joined the two ("… changed their minds and several said")."""
    while True:
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING_PUNCT):
            end -= 1
        word = next((w for w in _COORDINATORS if text[start:end].endswith(" " + w)), None)
        if word is None:
            return end
        end -= len(word)
