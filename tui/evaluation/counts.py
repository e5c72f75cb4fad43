"""The one shape of every score record: counts, which add up exactly when
micro-averaging, with every rate derived from them (:class:`Counts`); the rates
themselves; and the annotating loop the gold sets share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import Any, ClassVar, TypeVar

_D = TypeVar("_D")


def annotated(documents: Sequence[_D], annotator: Any, report: Any) -> Iterator[tuple[_D, Any]]:
    """Each gold document with its annotation (``annotator.annotate_many`` over the
    documents' articles), stamping the report with the engine and model that made them."""
    annotations = annotator.annotate_many(d.article() for d in documents)
    for document, annotation in zip(documents, annotations, strict=True):
        report.model = report.model or annotation.engine.model
        report.engine_version = report.engine_version or annotation.engine.version
        yield document, annotation


def prf(matched: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Precision, recall and F1, ×100; an empty denominator scores 0 (not 100)."""
    precision = 100.0 * matched / predicted if predicted else 0.0
    recall = 100.0 * matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` ×100; None when there is no whole to measure against."""
    return 100.0 * part / whole if whole else None


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def prf_dict(values: tuple[float, float, float]) -> dict[str, float]:
    precision, recall, f1 = values
    return {"precision": round(precision, 2), "recall": round(recall, 2), "f1": round(f1, 2)}


class Counts:
    """A score record (a slotted dataclass of int and Counter fields): :meth:`add` sums
    another record of its kind, :meth:`counts` gives the ``COUNTED`` fields as its
    reports print them; rates are properties computed from the counts."""

    __slots__ = ()
    COUNTED: ClassVar[tuple[str, ...]] = ()

    def add(self, other: Any) -> None:
        """Accumulate another record's counts (micro-averaging)."""
        add_counts(self, other)

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.COUNTED}


def add_counts(total: Any, other: Any) -> None:
    """Add every int and Counter field of ``other`` to ``total`` (same dataclass)."""
    for field in fields(total):
        mine = getattr(total, field.name)
        theirs = getattr(other, field.name)
        if isinstance(mine, Counter):
            mine.update(theirs)
        elif isinstance(mine, int) and not isinstance(mine, bool):
            setattr(total, field.name, mine + theirs)
