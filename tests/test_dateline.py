"""Datelines opening a paragraph (``tui.nlp.text.dateline``)."""

from __future__ import annotations

import pytest

from tui.nlp.text.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("LONDON (Reuters) – The talks ended.", "LONDON (Reuters) – "),
        ("PARIS, June 3 (AFP) - France will act.", "PARIS, June 3 (AFP) - "),
        ("WASHINGTON, D.C. — The president spoke.", "WASHINGTON, D.C. — "),
        ("SAN FRANCISCO (AP) — “No,” she said.", "SAN FRANCISCO (AP) — "),
        ("KYIV — Sirens sounded.", "KYIV — "),
        ("NATO – the alliance – said no.", ""),  # a sentence goes on in lower case
        ("Boris Johnson – the prime minister – said no.", ""),  # not in capitals
        ("The council met.", ""),
        ("TAPPER: Do you think so?", ""),  # a transcript's speaker
    ],
)
def test_dateline_end(text: str, dateline: str) -> None:
    assert text[: dateline_end(text)] == dateline
