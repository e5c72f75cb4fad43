"""Annotation throughput: the engine against the same spaCy pipeline's bare ``nlp.pipe``.

Both read the same article texts in the same process, after the pipeline (and the name
tables the rules use) are loaded and warmed up, so the figure compares steady-state work.
The engine parses paragraphs rather than whole articles; the detail also gives the bare
parse of those same paragraphs, so what the rules themselves cost stays visible.
"""

from __future__ import annotations

import time

from tui.bench.corpus import repeated_samples, word_count
from tui.bench.figures import Figure

THROUGHPUT = "annotation throughput"
THROUGHPUT_TARGET = 0.90
ROUND_ARTICLES = 8  # about 5,000 words a round


def measure_throughput(words: int = 50_000, model: str | None = None) -> Figure:
    """Ratio of the engine's words/second to bare ``nlp.pipe``'s on the same texts."""
    from tui.nlp import Annotator
    from tui.nlp.annotator import parser_text
    from tui.nlp.text.paragraphs import bounded, split_paragraphs

    articles = repeated_samples(words)
    total = sum(word_count(a.text) for a in articles)
    annotator = Annotator(model)
    nlp = annotator.nlp
    started = time.perf_counter()
    list(annotator.annotate_many(articles[:2]))  # loads the rules' tables, warms the model
    warm_up = time.perf_counter() - started

    # Interleaved in small rounds, each side going first in turn, so that a machine whose
    # speed drifts (a shared host, frequency scaling) slows every side alike.
    raw = engine = parse = 0.0
    rounds = [articles[i : i + ROUND_ARTICLES] for i in range(0, len(articles), ROUND_ARTICLES)]
    for number, batch in enumerate(rounds):
        texts = [a.text for a in batch]
        paragraphs = [parser_text(p.text) for a in batch for p in bounded(split_paragraphs(a.text))]
        sides = [
            ("raw", lambda texts=texts: nlp.pipe(texts)),
            ("engine", lambda batch=batch: annotator.annotate_many(batch)),
            ("parse", lambda paragraphs=paragraphs: nlp.pipe(paragraphs)),
        ]
        shift = number % len(sides)
        for name, run in sides[shift:] + sides[:shift]:
            started = time.perf_counter()
            for _ in run():
                pass
            elapsed = time.perf_counter() - started
            if name == "raw":
                raw += elapsed
            elif name == "engine":
                engine += elapsed
            else:
                parse += elapsed

    return Figure(
        name=THROUGHPUT,
        value=round(raw / engine, 3),
        unit="× bare nlp.pipe",
        target=THROUGHPUT_TARGET,
        better="higher",
        detail={
            "words": total,
            "articles": len(articles),
            "model": annotator.model,
            "engine_words_per_second": round(total / engine),
            "raw_words_per_second": round(total / raw),
            "paragraph_parse_words_per_second": round(total / parse),
            "rules_share_of_engine_time": round(max(engine - parse, 0.0) / engine, 3),
            "warm_up_seconds": round(warm_up, 2),
            "rounds": len(rounds),
        },
    )
