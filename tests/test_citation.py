"""`y` copies a direct quote as a quotation and any other as a paraphrase, with its source."""

from __future__ import annotations

from tui.citation import citation
from tui.model import Annotation, Article, Quote, Span, Speaker

TEXT = 'Mayor Jane Doe said the bridge will reopen. "It is safe," she said.'


def _annotation() -> tuple[Annotation, Quote, Quote]:
    article = Article(
        "a1", "Bridge to reopen", "2025-06-20", "Local News", "https://example.org/b", TEXT
    )
    said = TEXT.index("said")
    reported = Quote(
        "q1",
        said + 5,
        TEXT.index("."),
        TEXT[said + 5 : TEXT.index(".")],
        "indirect",
        cue=Span(said, said + 4, "said"),
        speaker_id="s1",
    )
    start = TEXT.index('"')
    end = TEXT.index('"', start + 1) + 1
    own = Quote("q2", start, end, TEXT[start:end], "direct", speaker_id="s1")
    doe = Speaker("s1", "Jane Doe", "person", mentions=(Span(6, 14, "Jane Doe"),))
    return Annotation(article=article, speakers=(doe,), quotes=(reported, own)), reported, own


def test_a_direct_quote_is_copied_as_a_quotation() -> None:
    annotation, _, own = _annotation()
    assert citation(annotation, own, annotation.article) == (
        '"It is safe," — Jane Doe, in “Bridge to reopen” (Local News, 2025-06-20)'
        " <https://example.org/b>"
    )


def test_an_indirect_quote_is_copied_as_a_paraphrase() -> None:
    annotation, reported, _ = _annotation()
    line = citation(annotation, reported, annotation.article)
    assert line.startswith("Jane Doe said that the bridge will reopen (paraphrase)")
    assert line.endswith("in “Bridge to reopen” (Local News, 2025-06-20) <https://example.org/b>")
    assert '"' not in line  # never passed off as her words
