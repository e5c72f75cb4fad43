"""Helpers the app tests share: a stand-in engine, waiting for the app, reading tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

import tui.service
from tui.model import Annotation, Article
from tui.nlp.pipeline import resolve_model_name
from tui.widgets.virtual_table import VirtualTable


class StandInEngine:
    """What :func:`tui.service.shared_annotator` returns in tests: the annotations it was
    given, and for any other article an error (never spaCy)."""

    def __init__(self, known: Iterable[Annotation] = (), error: Exception | None = None) -> None:
        self.model = resolve_model_name(None)
        self.known = {a.article.text: a for a in known}
        self.error = error
        self.seen: list[str] = []  # ids of the articles it was asked to annotate

    def annotate(self, article: Article) -> Annotation:
        self.seen.append(article.id)
        if self.error is not None:
            raise self.error
        found = self.known.get(article.text)
        if found is None:
            raise RuntimeError(f"engine unavailable in tests ({article.id})")
        return replace(found, article=article)

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[Annotation]:
        for article in articles:
            yield self.annotate(article)


def stand_in_engine(
    monkeypatch: pytest.MonkeyPatch, known: Iterable[Annotation] = (), **options: Any
) -> StandInEngine:
    """Put a :class:`StandInEngine` behind every annotation path of the app."""
    engine = StandInEngine(known, **options)
    monkeypatch.setattr(tui.service, "shared_annotator", lambda model=None: engine)
    return engine


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5.0
) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the app")


def row_cells(table: VirtualTable[Any], index: int) -> list[str]:
    """What a paged table shows in row ``index``, cell by cell."""
    row = table.row(index)
    assert row is not None, f"no row {index}"
    return [str(cell) for cell in table.cells(row)]


def shown_rows(table: VirtualTable[Any]) -> list[str]:
    """The table's lines on screen below the header, as text."""
    return [table.render_line(y).text for y in range(1, table.size.height)]


def help_text(screen: Screen[Any]) -> str:
    """The help screen's text, as a terminal 200 columns wide would show it."""
    from io import StringIO

    from rich.console import Console

    console = Console(width=200, file=StringIO(), record=True, color_system=None)
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()
