"""The engine's front door: an article in, an :class:`Annotation` out."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tui.model import Annotation, Article, EngineInfo
from tui.nlp.pipeline import load_pipeline, pipeline_label, resolve_model_name
from tui.nlp.text.paragraphs import Paragraph, bounded, split_paragraphs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ENGINE_VERSION = "1.5.0"
BATCH_CHARACTERS = 10_000  # text per nlp.pipe batch: spaCy's memory grows with a batch's text


class Annotator:
    """Annotates articles with one spaCy pipeline, loaded on first use."""

    def __init__(self, model: str | None = None, *, nlp: Language | None = None) -> None:
        self.model = resolve_model_name(model)
        self._nlp = nlp
        self._verbs: frozenset[str] | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    @property
    def verbs(self) -> frozenset[str]:
        """The English verbs the pipeline's lemmatiser knows (for spotting event nouns)."""
        if self._verbs is None:
            self._verbs = verb_lemmas(self.nlp)
        return self._verbs

    @property
    def engine(self) -> EngineInfo:
        return EngineInfo(ENGINE_VERSION, pipeline_label(self.nlp))

    def annotate(self, article: Article) -> Annotation:
        return next(iter(self.annotate_many([article])))

    def annotate_many(
        self, articles: Iterable[Article], batch_characters: int = BATCH_CHARACTERS
    ) -> Iterator[Annotation]:
        """Annotations in input order, streamed.

        The paragraphs of all the articles flow through ``nlp.pipe`` in batches of about
        ``batch_characters`` of text (a count of paragraphs would let a batch of long pieces
        take gigabytes), so short articles share batches and memory holds only the batch in
        flight and the article being assembled, however many articles come in.
        """
        from tui.nlp.extract import extract_annotation

        pending: deque[tuple[Article, list[Paragraph]]] = deque()
        parsed: list[Doc] = []

        def texts() -> Iterator[str]:
            for article in articles:
                paragraphs = bounded(split_paragraphs(article.text))
                pending.append((article, paragraphs))
                for paragraph in paragraphs:
                    yield parser_text(paragraph.text)

        def finished() -> Iterator[Annotation]:
            while pending and len(parsed) >= len(pending[0][1]):
                article, paragraphs = pending.popleft()
                docs = parsed[: len(paragraphs)]
                del parsed[: len(paragraphs)]
                yield extract_annotation(
                    article, list(zip(paragraphs, docs, strict=True)), self.engine, self.verbs
                )

        for batch in _batches(texts(), batch_characters):
            for doc in self.nlp.pipe(batch, batch_size=len(batch)):
                parsed.append(doc)
                yield from finished()
        yield from finished()


def _batches(texts: Iterable[str], characters: int) -> Iterator[list[str]]:
    """Consecutive texts grouped so that each group holds about ``characters`` of text."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > characters:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def verb_lemmas(nlp: Language) -> frozenset[str]:
    """Verb lemmas from the lemmatiser's index; empty for a pipeline without one."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(str(verb) for verb in table["verb"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()


def parser_text(text: str) -> str:
    """What spaCy sees: the same characters, with layout white space made plain spaces.

    Replacing one character by one keeps every offset valid, and soft line breaks or tabs
    inside a paragraph otherwise become SPACE tokens that derail the parser; a lone
    surrogate (possible in a Python string, never in valid Unicode) would crash it.
    """
    return _LONE_SURROGATE.sub("\ufffd", text.translate(_LAYOUT_TO_SPACE))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # spaCy cannot hash them; one for one
_LAYOUT_TO_SPACE = {ord(c): " " for c in "\n\r\t\f\v\u2028\u2029\u00a0"}


def annotate(article: Article, model: str | None = None) -> Annotation:
    """Annotate one article with the shared pipeline for ``model``."""
    return Annotator(model).annotate(article)
