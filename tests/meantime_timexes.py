"""Scoring Byline's time expressions against the MEANTIME gold (``../shared/eval/meantime-dev``).

A small reader of its own, for timexes only (the full MEANTIME reader lives elsewhere).
Each document is rebuilt as its tokens joined by single spaces, one sentence per line, and
each sentence is parsed as its own paragraph. Only the title (sentence 0) and sentences 2–5
are exhaustively annotated, so only expressions there count, on both sides; sentence 1 is
the dateline, whose timex is the document's creation time: the anchor, not a target.

Run as a script for the report: ``python tests/meantime_timexes.py [meantime-dev folder]``.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCORED_SENTENCES = frozenset({0, 2, 3, 4, 5})
DATELINE = 1


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression in character offsets of the rebuilt text (gold or predicted)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class MeantimeDocument:
    name: str
    text: str
    sentences: tuple[tuple[int, int, int], ...]  # (number, start, end)
    anchor: str | None  # the creation time, else the dateline's date
    timexes: tuple[Timex, ...]  # gold, in the scored sentences

    def sentence_of(self, offset: int) -> int | None:
        return next((n for n, s, e in self.sentences if s <= offset < e), None)


@dataclass(frozen=True, slots=True)
class TimexScores:
    gold: int
    predicted: int
    exact: int
    overlap: int
    values_right: int

    @property
    def exact_prf(self) -> tuple[float, float, float]:
        return _prf(self.exact, self.predicted, self.gold)

    @property
    def overlap_prf(self) -> tuple[float, float, float]:
        return _prf(self.overlap, self.predicted, self.gold)

    @property
    def value_accuracy(self) -> float:
        """Share of the gold expressions found (overlap) whose value is exactly right."""
        return self.values_right / self.overlap if self.overlap else 0.0

    def __add__(self, other: TimexScores) -> TimexScores:
        return TimexScores(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.exact + other.exact,
            self.overlap + other.overlap,
            self.values_right + other.values_right,
        )


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_timexes(gold: Sequence[Timex], predicted: Sequence[Timex]) -> TimexScores:
    """Span P/R/F1 counts (exact offsets; any overlap, one to one) and value hits.

    Overlap matching pairs each gold expression with the first unpaired prediction that
    overlaps it, preferring an exact one; a pair's value counts when the strings are equal.
    """
    exact = len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in predicted})
    free = list(predicted)
    overlap = values = 0
    for item in gold:
        touching = [p for p in free if p.start < item.end and item.start < p.end]
        if not touching:
            continue
        best = next((p for p in touching if (p.start, p.end) == (item.start, item.end)), None)
        match = best or touching[0]
        free.remove(match)
        overlap += 1
        values += match.value == item.value
    return TimexScores(len(gold), len(predicted), exact, overlap, values)


def read_document(path: Path) -> MeantimeDocument:
    """A MEANTIME XML file as text, sentence offsets, anchor and scored gold timexes."""
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int, int]] = {}
    sentences: list[tuple[int, int, int]] = []
    pieces: list[str] = []
    offset = 0
    current: int | None = None
    for token in root.iter("token"):
        number = int(token.get("sentence", "0"))
        word = (token.text or "").strip()
        if current is not None and number != current:
            sentences[-1] = (current, sentences[-1][1], offset)
            pieces.append("\n")
            offset += 1
        elif current is not None:
            pieces.append(" ")
            offset += 1
        if number != current:
            sentences.append((number, offset, offset))
            current = number
        spans[token.get("t_id", "")] = (offset, offset + len(word), number)
        pieces.append(word)
        offset += len(word)
    if sentences:
        sentences[-1] = (sentences[-1][0], sentences[-1][1], offset)
    text = "".join(pieces)
    anchor: str | None = None
    dateline: str | None = None
    gold: list[Timex] = []
    for markable in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        if not ids:
            continue  # a document-level time with no words in the text
        start, _, number = spans[ids[0]]
        end = spans[ids[-1]][1]
        value = markable.get("value")
        if markable.get("functionInDocument") == "CREATION_TIME":
            anchor = value
            continue
        if number == DATELINE:
            dateline = value
        if number in SCORED_SENTENCES:
            gold.append(Timex(start, end, text[start:end], markable.get("type", ""), value))
    gold.sort(key=lambda t: t.start)
    return MeantimeDocument(path.stem, text, tuple(sentences), anchor or dateline, tuple(gold))


def predict(document: MeantimeDocument, nlp: Any) -> list[Timex]:
    """Byline's timexes in the scored sentences of one document."""
    from tui.nlp.text.paragraphs import Paragraph
    from tui.nlp.time.expressions import extract_timexes

    paragraphs = [Paragraph(s, e, document.text[s:e]) for _, s, e in document.sentences]
    docs = list(nlp.pipe(p.text for p in paragraphs))
    found = extract_timexes(
        document.text, list(zip(paragraphs, docs, strict=True)), document.anchor
    )
    return [
        Timex(t.start, t.end, t.text, t.type, t.value)
        for t in found
        if document.sentence_of(t.start) in SCORED_SENTENCES
    ]


def documents(folder: Path) -> list[MeantimeDocument]:
    return [read_document(path) for path in sorted(folder.glob("corpus_*/*.xml"))]


def evaluate(
    folder: Path, nlp: Any
) -> tuple[TimexScores, list[tuple[MeantimeDocument, list[Timex]]]]:
    """Micro-averaged scores over every document, and each document's predictions."""
    total = TimexScores(0, 0, 0, 0, 0)
    details: list[tuple[MeantimeDocument, list[Timex]]] = []
    for document in documents(folder):
        predicted = predict(document, nlp)
        total = total + score_timexes(document.timexes, predicted)
        details.append((document, predicted))
    return total, details


def report(scores: TimexScores, details: Iterable[tuple[MeantimeDocument, list[Timex]]]) -> str:
    lines = []
    for document, predicted in details:
        lines.append(f"== {document.name} (anchor {document.anchor})")
        for item in document.timexes:
            hit = next((p for p in predicted if p.start < item.end and item.start < p.end), None)
            got = "MISSED" if hit is None else f"{hit.text!r} {hit.value}"
            mark = "ok" if hit is not None and hit.value == item.value else "--"
            lines.append(f"  {mark} gold {item.text!r} {item.type} {item.value} | {got}")
        for p in predicted:
            if not any(p.start < g.end and g.start < p.end for g in document.timexes):
                lines.append(f"  ++ extra {p.text!r} {p.type} {p.value}")
    ep, er, ef = scores.exact_prf
    op, orr, of = scores.overlap_prf
    lines.append(f"gold {scores.gold}, predicted {scores.predicted}")
    lines.append(f"exact   P {ep:.1%} R {er:.1%} F1 {ef:.1%} ({scores.exact} matched)")
    lines.append(f"overlap P {op:.1%} R {orr:.1%} F1 {of:.1%} ({scores.overlap} matched)")
    lines.append(
        f"value accuracy on gold found {scores.value_accuracy:.1%} "
        f"({scores.values_right}/{scores.overlap})"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent.parent
    folder = Path(argv[0]) if argv else here.parent / "shared" / "eval" / "meantime-dev"
    from tui.nlp.annotator import Annotator

    scores, details = evaluate(folder, Annotator().nlp)
    print(report(scores, details))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
