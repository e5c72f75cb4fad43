"""Score records made of counts, which add up exactly when micro-averaging, and the
annotating loop the gold sets share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import Any, TypeVar

_D = TypeVar("_D")


def annotated(documents: Sequence[_D], annotator: Any, report: Any) -> Iterator[tuple[_D, Any]]:
    """Each gold document with its annotation (``annotator.annotate_many`` over the
    documents' articles), stamping the report with the engine and model that made them."""
    annotations = annotator.annotate_many(d.article() for d in documents)
    for document, annotation in zip(documents, annotations, strict=True):
        report.model = report.model or annotation.engine.model
        report.engine_version = report.engine_version or annotation.engine.version
        yield document, annotation


def add_counts(total: Any, other: Any) -> None:
    """Add every int and Counter field of ``other`` to ``total`` (same dataclass)."""
    for field in fields(total):
        mine = getattr(total, field.name)
        theirs = getattr(other, field.name)
        if isinstance(mine, Counter):
            mine.update(theirs)
        elif isinstance(mine, int) and not isinstance(mine, bool):
            setattr(total, field.name, mine + theirs)
