"""Score time expressions against TimeML documents (TempEval-3's training data).

A ``.tml`` file is news text with TimeML tags inline; ``<DCT>`` holds the document
creation time, which is the article's date, and each ``<TIMEX3>`` inside ``<TEXT>`` is a
gold time expression with its normalised ``value``. Scoring follows TempEval-3 (UzZaman
et al., SemEval 2013) for task A's time expressions: spans match *relaxed* (any overlap,
each gold and predicted expression matched at most once) and *strictly* (same start and
end); the value is judged on the relaxed matches, and its F1 takes precision over every
predicted expression and recall over every gold one, as TempEval-3's attribute F1 does.

TempEval-3's training data (TBAQ-cleaned: TimeBank and AQUAINT) may be read; its platinum
evaluation set is held out. Nothing here downloads.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.evaluation.counts import Counts, annotated, percent, prf, prf_dict, rounded
from tui.evaluation.quotes import GoldError
from tui.model import Annotation, Article

HELD_OUT_PARTS = ("platinum", "te3-platinum", "TE3-platinum-test")


class TimemlError(GoldError):
    """A TimeML folder or file that cannot be read."""


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    name: str
    text: str
    date: str | None
    timexes: tuple[GoldTimex, ...]
    part: str  # the folder it came from (TimeBank, AQUAINT)

    def article(self) -> Article:
        return Article.from_text(self.text, title=None, date=self.date)


def _flatten(element: ET.Element, pieces: list[str], found: list[GoldTimex], at: int) -> int:
    """Append ``element``'s text to ``pieces``; record its TIMEX3s; return the new offset."""
    start = at
    if element.text:
        pieces.append(element.text)
        at += len(element.text)
    for child in element:
        at = _flatten(child, pieces, found, at)
        if child.tail:
            pieces.append(child.tail)
            at += len(child.tail)
    if element.tag == "TIMEX3":
        text = "".join(pieces)[start:at]
        found.append(GoldTimex(start, at, element.get("value") or "", text))
    return at


def read_timeml(path: str | os.PathLike[str]) -> TimemlDocument:
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        raise TimemlError(f"{path}: {error}") from None
    body = root.find("TEXT")
    if body is None:
        raise TimemlError(f"{path}: no <TEXT> element")
    creation = root.find("DCT/TIMEX3")
    value = creation.get("value") if creation is not None else None
    date = value[:10] if value and len(value) >= 10 and value[4] == "-" else None
    pieces: list[str] = []
    found: list[GoldTimex] = []
    _flatten(body, pieces, found, 0)
    found.sort(key=lambda t: t.start)
    return TimemlDocument(path.stem, "".join(pieces), date, tuple(found), path.parent.name)


def load_timeml(directory: str | os.PathLike[str]) -> list[TimemlDocument]:
    """Every ``.tml`` under ``directory`` (searched recursively), by path."""
    root = Path(directory)
    if any(part.lower() in {p.lower() for p in HELD_OUT_PARTS} for part in root.parts):
        raise TimemlError(f"{root}: TempEval-3's platinum set is held out")
    paths = sorted(p for p in root.rglob("*.tml") if not _held_out(p))
    if not paths:
        raise TimemlError(f"{root}: no .tml files")
    return [read_timeml(p) for p in paths]


def _held_out(path: Path) -> bool:
    return any(part.lower() in {p.lower() for p in HELD_OUT_PARTS} for part in path.parts)


@dataclass(slots=True)
class TimexCounts(Counts):
    """Time expressions of one document (or a sum): spans matched, values right."""

    COUNTED = ("gold", "predicted", "relaxed", "strict", "value_correct")
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    value_correct: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "relaxed": prf_dict(prf(self.relaxed, self.gold, self.predicted)),
            "strict": prf_dict(prf(self.strict, self.gold, self.predicted)),
            "value": prf_dict(prf(self.value_correct, self.gold, self.predicted)),
            "value_accuracy": rounded(percent(self.value_correct, self.relaxed)),
            "counts": self.counts(),
        }

    def value_f1(self) -> float:
        return prf(self.value_correct, self.gold, self.predicted)[2]


def score_document(document: TimemlDocument, annotation: Annotation) -> TimexCounts:
    """Greedy one-to-one matching by overlap, in text order (as TempEval-3's scorer)."""
    counts = TimexCounts(gold=len(document.timexes), predicted=len(annotation.timexes))
    taken: set[int] = set()
    for predicted in sorted(annotation.timexes, key=lambda t: t.start):
        for index, gold in enumerate(document.timexes):
            if index in taken or not (gold.start < predicted.end and predicted.start < gold.end):
                continue
            taken.add(index)
            counts.relaxed += 1
            counts.strict += (gold.start, gold.end) == (predicted.start, predicted.end)
            counts.value_correct += (predicted.value or "") == gold.value
            break
    return counts


@dataclass(slots=True)
class TimemlReport:
    gold_path: str
    total: TimexCounts = field(default_factory=TimexCounts)
    parts: dict[str, TimexCounts] = field(default_factory=dict)
    documents: int = 0
    model: str = ""
    engine_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_path,
            "engine": {"version": self.engine_version, "model": self.model},
            "metric": "TempEval-3 time expressions: relaxed and strict spans, value F1",
            "documents_scored": self.documents,
            "overall": self.total.to_dict(),
            "parts": {name: counts.to_dict() for name, counts in self.parts.items()},
        }


def evaluate_timeml(
    directory: str | os.PathLike[str],
    annotator: Any,
    *,
    warn: Callable[[str], None] | None = None,
) -> TimemlReport:
    documents = load_timeml(directory)
    report = TimemlReport(gold_path=str(directory))
    for document, annotation in annotated(documents, annotator, report):
        counts = score_document(document, annotation)
        report.total.add(counts)
        report.parts.setdefault(document.part, TimexCounts()).add(counts)
        report.documents += 1
    return report
