"""Placeholder until the extraction rules land (replaced in the next commit)."""

from __future__ import annotations

from typing import Any

from tui.model import Annotation, Article, EngineInfo


def extract_annotation(article: Article, parsed: list[Any], engine: EngineInfo) -> Annotation:
    return Annotation(article=article, engine=engine)
