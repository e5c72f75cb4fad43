"""Synthetic libraries for ``byline bench --scale N``: many articles without running spaCy.

Annotating 100,000 articles would take the engine hours, and the scale benchmark measures
the library, not the engine. So each bundled sample's paragraphs are annotated once (each
as a small article of its own) and cached on disk; a synthetic article is then a random
run of those paragraphs whose records are moved to their new offsets and renumbered, as if
the engine had read the whole text. The articles look like the real ones to everything
that reads a library: real quotes, speakers who recur across articles, events with
places, participants and times, dates spread over a reader's days. Articles come in story
threads of a few, each thread with its own spelling of every name, so a library's people
and stories grow with it as real news does, not with the samples' few hundred names.

- :mod:`.pieces`: the samples' paragraphs, annotated once and cached on disk;
- :mod:`.threads`: story threads and the dates their articles appear on;
- :mod:`.names`: name words and each thread's spelling of them;
- :mod:`.dates`: time expressions moved with their article's date;
- :mod:`.combine`: pieces combined into one article's annotation, and its references checked;
- :mod:`.build`: many articles as a stream, and a library of them.
"""

from __future__ import annotations

from tui.bench.synthetic.build import (
    PARAGRAPHS_PER_ARTICLE,
    PROGRESS_EVERY,
    BuildStats,
    build_library,
    synthetic_annotations,
)
from tui.bench.synthetic.combine import SOURCE, check_references, closing_line, combine
from tui.bench.synthetic.dates import shift_value
from tui.bench.synthetic.names import (
    ACRONYM_LETTERS,
    ENDING_LETTERS,
    NameIndex,
    NameVariant,
    name_words,
    spelt_length,
)
from tui.bench.synthetic.pieces import (
    BENCH_CACHE_ENV,
    MIN_WORDS,
    PIECES_FORMAT,
    ParagraphPiece,
    bench_cache_dir,
    paragraph_annotations,
    pieces_key,
    sample_paragraphs,
)
from tui.bench.synthetic.threads import (
    ARTICLES_PER_DAY,
    FIRST_DATE,
    LAST_DATE,
    NEW_THREAD,
    THREAD_ARTICLES,
    THREAD_DAYS,
    THREADS_OPEN,
    days_of_reading,
    story_threads,
)

__all__ = [
    "ACRONYM_LETTERS",
    "ARTICLES_PER_DAY",
    "BENCH_CACHE_ENV",
    "ENDING_LETTERS",
    "FIRST_DATE",
    "LAST_DATE",
    "MIN_WORDS",
    "NEW_THREAD",
    "PARAGRAPHS_PER_ARTICLE",
    "PIECES_FORMAT",
    "PROGRESS_EVERY",
    "SOURCE",
    "THREADS_OPEN",
    "THREAD_ARTICLES",
    "THREAD_DAYS",
    "BuildStats",
    "NameIndex",
    "NameVariant",
    "ParagraphPiece",
    "bench_cache_dir",
    "build_library",
    "check_references",
    "closing_line",
    "combine",
    "days_of_reading",
    "name_words",
    "paragraph_annotations",
    "pieces_key",
    "sample_paragraphs",
    "shift_value",
    "spelt_length",
    "story_threads",
    "synthetic_annotations",
]
