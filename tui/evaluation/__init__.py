"""Scoring Byline's output against hand-annotated gold data (``byline eval``).

Pure Python: nothing here imports spaCy; :func:`evaluate` takes any annotator object.
"""

from tui.evaluation.names import same_person
from tui.evaluation.quotes import (
    LENIENT,
    STRICT,
    ArticleScore,
    EvalReport,
    GoldArticle,
    GoldError,
    GoldQuote,
    evaluate,
    load_gold,
    match_quotes,
    score_article,
)

__all__ = [
    "LENIENT",
    "STRICT",
    "ArticleScore",
    "EvalReport",
    "GoldArticle",
    "GoldError",
    "GoldQuote",
    "evaluate",
    "load_gold",
    "match_quotes",
    "same_person",
    "score_article",
]
