"""Scoring events, time expressions and cross-document event links against NewsReader MEANTIME.

MEANTIME (Minard et al., LREC 2016) ships each Wikinews article as NAF-like XML: numbered
tokens, markables anchored to token ids (event and entity mentions, TIMEX3, values) and
relations between them (``REFERS_TO`` mention → instance, with a corpus-wide ``instance_id``
for cross-document identity; ``HAS_PARTICIPANT`` event mention → argument with a PropBank
role). The reader rebuilds each document's text from its tokens, keeping every token's
character offsets, so gold markables become exact spans of the text the engine annotates.

Only the start of each document is exhaustively annotated; markables further down were added
at the corpus level for cross-document links only. We score inside the annotated region:
sentence 0 (title), 1 (dateline) and body sentences 2–5, extended when a document carries
document-level annotation further on (``corpus_airbus/8983``, whose sentence 2 fused an image
caption with the lead, is annotated through sentence 6). Time expressions on the dateline (the
CREATION_TIME timex, and in ``8951`` a plain one) are left out of timex scoring on both sides:
the dateline is metadata that the engine reads as the publication date, not body text.
Cross-document linking is the exception: it is judged over every gold event mention of a
corpus-level instance, in the whole document, because the corpus-level annotation marks every
mention of a cross-document instance and the region alone holds too few (three instances).

Scoring is pure (:func:`score_document`, :func:`score_linking`) so tests can score
hand-built annotations without loading spaCy; rates follow :mod:`tui.evaluation.quotes`
(×100, micro-averaged, an empty denominator scores 0 for P/R/F1 and None for accuracies).

- :mod:`.gold`: the gold records and which of them are scored;
- :mod:`.reader`: MEANTIME XML read into them;
- :mod:`.score`: span matching, per-document scores and cross-document linking;
- here: a whole directory annotated, scored and reported (:func:`evaluate_meantime`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tui.evaluation.meantime.gold import (
    DATELINE_SENTENCE,
    LAST_ANNOTATED_SENTENCE,
    TITLE_SENTENCE,
    GoldParticipant,
    Markable,
    MeantimeDocument,
    MeantimeError,
    Pieces,
    Token,
)
from tui.evaluation.meantime.reader import (
    MAX_FILE_BYTES,
    load_meantime,
    parse_meantime,
    read_meantime,
    topic_of,
)
from tui.evaluation.meantime.score import (
    Cluster,
    DocumentScore,
    LinkFunction,
    LinkScore,
    MentionKey,
    match_events,
    match_spans,
    predicted_triggers,
    score_document,
    score_linking,
)
from tui.evaluation.quotes import SupportsAnnotateMany

__all__ = [
    "DATELINE_SENTENCE",
    "LAST_ANNOTATED_SENTENCE",
    "MAX_FILE_BYTES",
    "REGION",
    "TITLE_SENTENCE",
    "Cluster",
    "DocumentScore",
    "GoldParticipant",
    "LinkFunction",
    "LinkScore",
    "Markable",
    "MeantimeDocument",
    "MeantimeError",
    "MeantimeReport",
    "MentionKey",
    "Pieces",
    "Token",
    "evaluate_meantime",
    "load_meantime",
    "match_events",
    "match_spans",
    "parse_meantime",
    "predicted_triggers",
    "read_meantime",
    "score_document",
    "score_linking",
    "topic_of",
]

REGION = (
    "title, dateline and body sentences 2-5 (further where document-level markables show "
    "more was annotated); dateline time expressions excluded; cross-document links over "
    "every instance-linked event mention"
)


def _default_link() -> LinkFunction | None:
    """The engine's :func:`tui.nlp.events.linking.link_events`, or None while it does not exist."""
    try:
        from tui.nlp.events.linking import link_events
    except ImportError as error:
        if error.name != "tui.nlp.events.linking":
            raise
        return None
    return link_events


# -- a whole directory ------------------------------------------------------------------------


@dataclass(slots=True)
class MeantimeReport:
    """Scores for a MEANTIME directory: per document, per topic and micro-averaged overall."""

    gold_path: str
    documents: list[DocumentScore]
    linking: LinkScore | None = None
    topic_linking: dict[str, LinkScore] = field(default_factory=dict)
    last_annotated: dict[str, int] = field(default_factory=dict)
    region: str = REGION
    model: str = ""
    engine_version: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> DocumentScore:
        total = DocumentScore(id="all", documents=0)
        for score in self.documents:
            total.add(score)
        return total

    @property
    def topics(self) -> dict[str, DocumentScore]:
        """One summed score per topic, in the order topics first appear."""
        topics: dict[str, DocumentScore] = {}
        for score in self.documents:
            topics.setdefault(score.topic, DocumentScore(id=score.topic, documents=0))
            topics[score.topic].add(score)
            topics[score.topic].topic = score.topic
        return topics

    def to_dict(self) -> dict[str, Any]:
        def summary(score: DocumentScore, linking: LinkScore | None) -> dict[str, Any]:
            data = score.to_dict()
            del data["id"], data["topic"]
            data["linking"] = None if linking is None else linking.to_dict()
            return data

        documents = []
        for score in self.documents:
            data = score.to_dict()
            data["last_annotated_sentence"] = self.last_annotated.get(score.id)
            documents.append(data)
        return {
            "gold": self.gold_path,
            "engine": {"version": self.engine_version, "model": self.model},
            "region": self.region,
            "documents_scored": len(self.documents),
            "overall": summary(self.total, self.linking),
            "topics": {
                name: summary(score, self.topic_linking.get(name))
                for name, score in self.topics.items()
            },
            "documents": documents,
            "warnings": list(self.warnings),
        }


def evaluate_meantime(
    directory: str | os.PathLike[str],
    annotator: SupportsAnnotateMany,
    *,
    link: LinkFunction | None = None,
    warn: Callable[[str], None] | None = None,
) -> MeantimeReport:
    """Annotate every MEANTIME document under ``directory`` and score it.

    ``link`` clusters events across the annotations (default: the engine's
    ``tui.nlp.events.linking.link_events``); linking is reported as None when there is none.
    """
    documents = load_meantime(directory)
    warnings: list[str] = []

    def record(message: str) -> None:
        warnings.append(message)
        if warn is not None:
            warn(message)

    report = MeantimeReport(gold_path=str(directory), documents=[], warnings=warnings)
    annotations = list(annotator.annotate_many(d.article() for d in documents))
    if len(annotations) != len(documents):
        raise MeantimeError("the annotator returned a different number of annotations")
    for document, annotation in zip(documents, annotations, strict=True):
        report.model = report.model or annotation.engine.model
        report.engine_version = report.engine_version or annotation.engine.version
        report.documents.append(score_document(document, annotation))
        report.last_annotated[document.name] = document.last_annotated_sentence

    link = link if link is not None else _default_link()
    if link is None:
        record("cross-document linking not scored: tui.nlp.events.linking.link_events is missing")
        return report
    clusters = [list(cluster) for cluster in link(annotations)]
    report.linking = score_linking(documents, annotations, clusters)
    for topic in dict.fromkeys(d.topic for d in documents):
        report.topic_linking[topic] = score_linking(documents, annotations, clusters, topic=topic)
    return report
