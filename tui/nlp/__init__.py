"""The NLP engine: spaCy plus Byline's rules, producing :class:`tui.model.Annotation`.

Nothing here imports the UI, and nothing here imports spaCy at module load: the pipeline is
loaded on first use by :func:`tui.nlp.pipeline.load_pipeline`.
"""

from tui.nlp.annotator import ENGINE_VERSION, Annotator, annotate

__all__ = ["ENGINE_VERSION", "Annotator", "annotate"]
