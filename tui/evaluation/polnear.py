"""Score attribution against PolNeAR (Newell, Margolin and Ruths, LREC 2018).

PolNeAR annotates every attribution in 1,028 US political news articles of 2016 — speech,
but also beliefs, endorsements and evidence — as three spans: the **source** (who), the
**cue** (the words that attribute) and the **content** (what is attributed), in brat
standoff files beside the texts (``DIR/text/NAME.txt``, ``DIR/attributions/NAME_XXXX.ann``,
offsets into the text). Following CofeNet (Wang et al., COLING 2022), which reports on
PolNeAR, each role is scored by exact span match: a predicted span counts only when its
start and end equal a gold span's of that role, and precision, recall and F1 are summed
over the documents. Each of our quotes predicts its content, its cue and its speaker's
mention as the source.

Only the train and dev splits may be read (``data/train``, ``data/dev``); the test split is
held out. Nothing here downloads: point ``byline eval --polnear DIR`` at a split you have.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.evaluation.counts import Counts, annotated, prf, prf_dict
from tui.evaluation.quotes import GoldError
from tui.model import Annotation, Article

ROLES: tuple[str, ...] = ("source", "cue", "content")
HELD_OUT = frozenset({"test"})
"""Split folder names that must never be scored (the held-out evaluation data)."""

_TEXT_BOUND = re.compile(r"^(T\d+)\t([\w-]+) (\d+(?: \d+)*(?:;\d+ \d+)*)\t")
# "Attribution-no-source" too: a cue and a content whose source the text does not give
_RELATION = re.compile(r"^(E\d+)\tAttribution[\w-]*:(T\d+)((?: \w+:T\d+)*)\s*$")

Span = tuple[int, int]


class PolnearError(GoldError):
    """A PolNeAR folder or file that cannot be read."""


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    source: Span | None
    cue: Span | None
    content: Span | None

    def span(self, role: str) -> Span | None:
        return getattr(self, role)


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]

    def article(self) -> Article:
        """The text as an article; its offsets are the annotation's (nothing is stripped)."""
        return Article.from_text(self.text, title=None, date=_date_of(self.name))


def _date_of(name: str) -> str | None:
    """PolNeAR names articles ``outlet_YYYY-MM-DD_slug``: their publication day."""
    match = re.match(r"^[a-z]+_(\d{4}-\d{2}-\d{2})_", name)
    return match.group(1) if match else None


def _extent(offsets: str) -> Span:
    """A brat span, possibly in fragments ("0 5;9 12"), as its whole extent."""
    numbers = [int(n) for n in re.split(r"[ ;]", offsets)]
    return min(numbers[0::2]), max(numbers[1::2])


def parse_ann(text: str, where: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Span]] = {}
    relations: list[dict[str, str]] = []
    in_span_text = False  # a span's text may run over several lines
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        bound = _TEXT_BOUND.match(line)
        if bound is not None:
            spans[bound.group(1)] = (bound.group(2).lower(), _extent(bound.group(3)))
            in_span_text = True
            continue
        relation = _RELATION.match(line)
        if relation is not None:
            arguments = dict(part.split(":") for part in relation.group(3).split())
            relations.append({role.lower(): ref for role, ref in arguments.items()})
            in_span_text = False
            continue
        if re.match(r"^[AERN]\d+\t", line):
            in_span_text = False
            continue  # other brat records (attributes, notes) say nothing about spans
        if not in_span_text:
            raise PolnearError(f"{where}:{number}: not a brat standoff line")
    found = []
    for relation in relations:
        values: dict[str, Span | None] = {}
        for role in ROLES:
            ref = relation.get(role)
            values[role] = spans[ref][1] if ref in spans else None
        found.append(GoldAttribution(**values))
    return tuple(found)


def load_polnear(directory: str | os.PathLike[str]) -> list[PolnearDocument]:
    """The documents of a PolNeAR split folder (``text/`` and ``attributions/``); where
    several annotators did one text, the first file by name is taken."""
    root = Path(directory)
    if root.name.lower() in HELD_OUT:
        raise PolnearError(f"{root}: PolNeAR's test split is held out; score train or dev")
    texts, annotations = root / "text", root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise PolnearError(f"{root}: expected a PolNeAR split with text/ and attributions/")
    by_text: dict[str, Path] = {}
    for ann in sorted(annotations.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        by_text.setdefault(stem, ann)
    documents = []
    for path in sorted(texts.glob("*.txt")):
        ann = by_text.get(path.stem)
        if ann is None:
            continue
        try:
            # brat offsets count every character: no newline translation
            with path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
            gold = parse_ann(ann.read_text(encoding="utf-8"), str(ann))
        except (OSError, UnicodeDecodeError) as error:
            raise PolnearError(f"{path}: {error}") from None
        documents.append(PolnearDocument(path.stem, text, gold))
    if not documents:
        raise PolnearError(f"{root}: no annotated texts")
    return documents


def _contents(annotation: Annotation) -> list[Span]:
    """The content spans of our quotes in PolNeAR's convention: a quote interrupted by
    its attribution ("“A,” she said. “B.”") is two quotes for us (the Gender Gap
    Tracker's convention) and one content for PolNeAR, from the first piece to the last."""
    spans: list[Span] = []
    previous = None
    for quote in sorted(annotation.quotes, key=lambda q: (q.start, q.end)):
        cue = previous.cue if previous is not None else None
        if (
            previous is not None
            and cue is not None
            and quote.cue in (cue, None)  # the second piece's own sentence has no cue
            and previous.speaker_id == quote.speaker_id
            and previous.end <= cue.start
            and cue.end <= quote.start
        ):
            spans[-1] = (spans[-1][0], quote.end)
        else:
            spans.append((quote.start, quote.end))
        previous = quote
    return spans


def predicted_spans(annotation: Annotation) -> dict[str, set[Span]]:
    """Each role's spans as our quotes give them (contents as :func:`_contents` joins
    them)."""
    found: dict[str, set[Span]] = {role: set() for role in ROLES}
    found["content"].update(_contents(annotation))
    for quote in annotation.quotes:
        if quote.cue is not None:
            found["cue"].add((quote.cue.start, quote.cue.end))
        if quote.speaker_mention is not None:
            found["source"].add((quote.speaker_mention.start, quote.speaker_mention.end))
    return found


@dataclass(slots=True)
class RoleCounts(Counts):
    """Exact-span matches of one role (source, cue or content)."""

    COUNTED = ("gold", "predicted", "matched")
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            **prf_dict(prf(self.matched, self.gold, self.predicted)),
            **self.counts(),
        }


@dataclass(slots=True)
class PolnearReport:
    gold_path: str
    documents: int = 0
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    model: str = ""
    engine_version: str = ""

    def f1(self, role: str) -> float:
        counts = self.roles[role]
        return prf(counts.matched, counts.gold, counts.predicted)[2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold_path,
            "engine": {"version": self.engine_version, "model": self.model},
            "metric": "exact span match per role (CofeNet's), micro-averaged over documents",
            "documents_scored": self.documents,
            "roles": {role: counts.to_dict() for role, counts in self.roles.items()},
        }


def score_document(
    document: PolnearDocument, annotation: Annotation, report: PolnearReport
) -> None:
    predicted = predicted_spans(annotation)
    for role in ROLES:
        gold = {span for a in document.attributions if (span := a.span(role)) is not None}
        counts = report.roles[role]
        counts.gold += len(gold)
        counts.predicted += len(predicted[role])
        counts.matched += len(gold & predicted[role])
    report.documents += 1


def evaluate_polnear(
    directory: str | os.PathLike[str],
    annotator: Any,
    *,
    warn: Callable[[str], None] | None = None,
) -> PolnearReport:
    """Annotate every document of a PolNeAR split and score the three roles."""
    documents = load_polnear(directory)
    report = PolnearReport(gold_path=str(directory))
    for document, annotation in annotated(documents, annotator, report):
        score_document(document, annotation, report)
    return report


def role_rows(report: PolnearReport) -> Sequence[tuple[str, RoleCounts]]:
    return [(role, report.roles[role]) for role in ROLES]
