"""The NLP engine: spaCy plus Byline's rules, producing :class:`tui.model.Annotation`.

Nothing here imports the UI, and nothing here imports spaCy at module load: the pipeline is
loaded on first use by :func:`tui.nlp.pipeline.load_pipeline`.

Where things are, by concern:

- :mod:`tui.nlp.annotator`: the front door (articles in, annotations out, batched parsing);
  :mod:`tui.nlp.pipeline`: loading the spaCy model;
- :mod:`tui.nlp.extract`: the engine as named stages over the parsed paragraphs
  (:data:`~tui.nlp.extract.STAGES` says what each reads and adds, in running order);
- :mod:`tui.nlp.text`: paragraphs, language, datelines, cheap access to parsed text;
- :mod:`tui.nlp.quotes`: quotation marks, cue words, the attribution rules, quote records;
- :mod:`tui.nlp.speakers`: name mentions, names, world knowledge, speaker clusters and
  their resolution, who said each quote;
- :mod:`tui.nlp.entities`: named entities;
- :mod:`tui.nlp.time`: time expressions and their TIMEX3 values;
- :mod:`tui.nlp.events`: event triggers, details, times, records, and linking across
  articles.

Language data (word lists and tables) is kept in modules of its own: ``quotes/cues.py``,
``speakers/words.py``, ``speakers/sourcewords.py``, ``time/words.py``,
``events/lexicon.py``, ``text/language.py``, and ``tui/data/*.json`` (read by
``speakers/world.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.nlp.annotator import ENGINE_VERSION, Annotator, annotate

__all__ = ["ENGINE_VERSION", "Annotator", "annotate"]


def __getattr__(name: str) -> Any:
    """The front door on first use: the reader imports ``tui.nlp.text`` at start, and
    should not pay for the annotator (and its hashing and compression) before its first
    frame."""
    if name in __all__:
        from tui.nlp import annotator

        return getattr(annotator, name)
    raise AttributeError(f"module 'tui.nlp' has no attribute {name!r}")
