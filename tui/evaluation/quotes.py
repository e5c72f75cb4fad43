"""Scoring quotation extraction against hand-annotated gold quotes.

The gold format and the metric are described in the shared ``eval/README.md``: a gold quote
is matched, one-to-one, by a predicted quote covering at least 30 % (lenient) or 80 %
(strict) of its characters. Over the lenient matches we also score who was found to speak
(the mention, and the resolved name) and the cue. Scoring is pure (:func:`score_article`)
so tests can score hand-built annotations without loading spaCy.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Protocol

from tui.evaluation.counts import Counts, percent, prf, prf_dict, rounded
from tui.evaluation.names import same_person
from tui.model import QUOTE_KINDS, Annotation, Article, Quote
from tui.nlp.quotes.cues import PHRASAL_CUES

CUE_TAILS = frozenset(preposition for _, preposition in PHRASAL_CUES) | {"out"}
"""What may end our cue phrase after the gold's verb: a phrasal cue's preposition ("called
for"), a particle ("pointed out")."""

LENIENT = 0.30
STRICT = 0.80


class GoldError(ValueError):
    """The gold file cannot be used; the message is fit to show on one line."""


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One hand-annotated quotation; spans are ``(start, end)`` into the article text."""

    quote: str
    start: int
    end: int
    kind: str
    speaker: str = ""
    speaker_span: tuple[int, int] | None = None
    verb: str = ""
    verb_span: tuple[int, int] | None = None
    reference: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GoldQuote:
        start, end = _pair(data["quote_span"])
        return cls(
            quote=str(data["quote"]),
            start=start,
            end=end,
            kind=str(data.get("kind", "")),
            speaker=str(data.get("speaker") or ""),
            speaker_span=_optional_pair(data.get("speaker_span")),
            verb=str(data.get("verb") or ""),
            verb_span=_optional_pair(data.get("verb_span")),
            reference=str(data.get("reference") or ""),
        )


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One line of a gold file: an article and its gold quotes."""

    id: str
    file: str | None
    title: str | None
    date: str | None
    text: str
    quotes: tuple[GoldQuote, ...]

    def article(self) -> Article:
        """The article as the engine should see it: exactly the gold text and metadata."""
        return Article.from_text(self.text, title=self.title, date=self.date)


def _pair(value: Any) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


def _optional_pair(value: Any) -> tuple[int, int] | None:
    return None if value is None else _pair(value)


def parse_gold_line(line: str) -> GoldArticle:
    """A :class:`GoldArticle` from one JSON line; checks every span indexes the text."""
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    text = str(data["text"])
    quotes = tuple(GoldQuote.from_dict(q) for q in data.get("quotes", ()))
    for number, quote in enumerate(quotes):
        if not 0 <= quote.start <= quote.end <= len(text):
            raise ValueError(f"quote {number}: span outside the text")
        if text[quote.start : quote.end] != quote.quote:
            raise ValueError(f"quote {number}: quote_span does not match the quote")
        if quote.speaker_span is not None and not (
            0 <= quote.speaker_span[0] <= quote.speaker_span[1] <= len(text)
        ):
            raise ValueError(f"quote {number}: speaker_span outside the text")
    return GoldArticle(
        id=str(data.get("id") or ""),
        file=data.get("file"),
        title=data.get("title"),
        date=data.get("date"),
        text=text,
        quotes=quotes,
    )


def load_gold(path: str | os.PathLike[str]) -> list[GoldArticle]:
    """Every article of a gold JSONL file; raise :class:`GoldError` naming the bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GoldError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise GoldError(f"{path}: {error.strerror or error}") from None
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            articles.append(parse_gold_line(line))
        except (ValueError, KeyError, TypeError) as error:
            reason = f"missing field {error}" if isinstance(error, KeyError) else str(error)
            raise GoldError(f"{path}:{number}: {reason.splitlines()[0]}") from None
    if not articles:
        raise GoldError(f"{path}: no gold articles")
    return articles


# -- matching -------------------------------------------------------------------------


def coverage(gold: GoldQuote, predicted: Quote) -> float:
    """The share of the gold quote's characters that the predicted quote covers."""
    length = gold.end - gold.start
    if length <= 0:
        return 0.0
    overlap = min(gold.end, predicted.end) - max(gold.start, predicted.start)
    return max(overlap, 0) / length


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote], threshold: float
) -> dict[int, int]:
    """A one-to-one matching ``{gold index: predicted index}`` at ``threshold`` coverage.

    Pairs are taken greedily by decreasing coverage (so each gold quote gets its best
    prediction), then augmenting paths add any pair the greedy order blocked: the result
    is a maximum matching, so one long prediction spanning two gold quotes counts once.
    """
    candidates: dict[int, list[tuple[float, int]]] = {}
    pairs = []
    for g, gold_quote in enumerate(gold):
        for p, quote in enumerate(predicted):
            share = coverage(gold_quote, quote)
            if share > 0 and share >= threshold - 1e-9:
                pairs.append((share, g, p))
                candidates.setdefault(g, []).append((share, p))
    for options in candidates.values():
        options.sort(key=lambda item: (-item[0], item[1]))

    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for _share, g, p in sorted(pairs, key=lambda item: (-item[0], item[1], item[2])):
        if g not in gold_to_pred and p not in pred_to_gold:
            gold_to_pred[g], pred_to_gold[p] = p, g

    def augment(g: int, seen: set[int]) -> bool:
        for _share, p in candidates.get(g, ()):
            if p in seen:
                continue
            seen.add(p)
            if p not in pred_to_gold or augment(pred_to_gold[p], seen):
                gold_to_pred[g], pred_to_gold[p] = p, g
                return True
        return False

    for g in candidates:
        if g not in gold_to_pred:
            augment(g, set())
    return dict(sorted(gold_to_pred.items()))


# -- per-article scores -----------------------------------------------------------------


@dataclass(slots=True)
class ArticleScore(Counts):
    """Counts for one article; every rate derives from them, so scores add up exactly."""

    COUNTED = ("gold", "predicted", "matched", "matched_strict")

    id: str = ""
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    matched_strict: int = 0
    speaker_mention_correct: int = 0
    resolved_correct: int = 0
    cue_correct: int = 0
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    matched_by_kind: Counter[str] = field(default_factory=Counter)
    matched_strict_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def lenient(self) -> tuple[float, float, float]:
        return prf(self.matched, self.gold, self.predicted)

    @property
    def strict(self) -> tuple[float, float, float]:
        return prf(self.matched_strict, self.gold, self.predicted)

    @property
    def speaker_mention_accuracy(self) -> float | None:
        return percent(self.speaker_mention_correct, self.matched)

    @property
    def resolved_accuracy(self) -> float | None:
        return percent(self.resolved_correct, self.matched)

    @property
    def cue_accuracy(self) -> float | None:
        return percent(self.cue_correct, self.matched)

    def kind_recall(self, kind: str, *, strict: bool = False) -> float | None:
        matched = self.matched_strict_by_kind if strict else self.matched_by_kind
        return percent(matched[kind], self.gold_by_kind[kind])

    def to_dict(self) -> dict[str, Any]:
        lenient, strict = self.lenient, self.strict
        kinds = [k for k in QUOTE_KINDS if self.gold_by_kind[k]] + sorted(
            k for k in self.gold_by_kind if k not in QUOTE_KINDS
        )
        return {
            "id": self.id,
            "counts": self.counts(),
            "lenient": prf_dict(lenient),
            "strict": prf_dict(strict),
            "speaker_mention_accuracy": rounded(self.speaker_mention_accuracy),
            "resolved_speaker_accuracy": rounded(self.resolved_accuracy),
            "cue_accuracy": rounded(self.cue_accuracy),
            "by_kind": {
                kind: {
                    "gold": self.gold_by_kind[kind],
                    "matched": self.matched_by_kind[kind],
                    "recall": rounded(self.kind_recall(kind)),
                    "recall_strict": rounded(self.kind_recall(kind, strict=True)),
                }
                for kind in kinds
            },
        }


def _same_cue(gold_verb: str, predicted: Quote) -> bool:
    """The gold cue is the verb (the Gender Gap Tracker's convention); ours is the cue
    phrase, the verb with its auxiliaries and adverbs (PolNeAR's: "has repeatedly
    accused"), so the gold verb must be what the phrase ends with."""
    gold = [w.casefold() for w in gold_verb.split()]
    phrase = predicted.cue.text if predicted.cue is not None else ""
    words = [w.casefold() for w in phrase.rstrip(":").split()]
    if not gold:
        return not words
    if words[-len(gold) :] == gold:
        return True
    # a phrasal cue ends with its preposition ("called for"), a verb's own word
    return (
        len(words) > len(gold) and words[-1] in CUE_TAILS and (words[-len(gold) - 1 : -1] == gold)
    )


def _same_mention(gold: GoldQuote, predicted: Quote) -> bool:
    if gold.speaker_span is None or gold.speaker_span[0] == gold.speaker_span[1]:
        return predicted.speaker_mention is None
    if predicted.speaker_mention is None:
        return False
    return predicted.speaker_mention.overlaps(*gold.speaker_span)


def _same_speaker(gold: GoldQuote, predicted: Quote, annotation: Annotation) -> bool:
    speaker = annotation.speaker(predicted.speaker_id)
    return speaker is not None and same_person(speaker.name, gold.reference)


def score_article(
    gold_quotes: Sequence[GoldQuote], annotation: Annotation, *, article_id: str = ""
) -> ArticleScore:
    """Score one annotation's quotes against the gold quotes of the same text: speech
    only (the Gender Gap Tracker's quotes), not beliefs, stances, evidence or endorsements."""
    speech = [q for q in annotation.quotes if q.is_speech]
    predicted = sorted(speech, key=lambda q: (q.start, q.end))
    lenient = match_quotes(gold_quotes, predicted, LENIENT)
    strict = match_quotes(gold_quotes, predicted, STRICT)
    score = ArticleScore(
        id=article_id or annotation.article.id,
        gold=len(gold_quotes),
        predicted=len(predicted),
        matched=len(lenient),
        matched_strict=len(strict),
        gold_by_kind=Counter(q.kind for q in gold_quotes),
        matched_by_kind=Counter(gold_quotes[g].kind for g in lenient),
        matched_strict_by_kind=Counter(gold_quotes[g].kind for g in strict),
    )
    for g, p in lenient.items():
        gold, quote = gold_quotes[g], predicted[p]
        score.speaker_mention_correct += _same_mention(gold, quote)
        score.resolved_correct += _same_speaker(gold, quote, annotation)
        score.cue_correct += _same_cue(gold.verb, quote)
    return score


# -- a whole gold file ------------------------------------------------------------------


class SupportsAnnotateMany(Protocol):
    """What :func:`evaluate` needs of an annotator (``tui.nlp.Annotator`` has it)."""

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[Annotation]: ...


@dataclass(slots=True)
class EvalReport:
    """Scores for a gold file: per article and micro-averaged over all quotes."""

    gold_path: str
    articles: list[ArticleScore]
    model: str = ""
    engine_version: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> ArticleScore:
        total = ArticleScore(id="all")
        for score in self.articles:
            total.add(score)
        return total

    def to_dict(self) -> dict[str, Any]:
        overall = self.total.to_dict()
        del overall["id"]
        return {
            "gold": self.gold_path,
            "engine": {"version": self.engine_version, "model": self.model},
            "thresholds": {"lenient": LENIENT, "strict": STRICT},
            "articles_scored": len(self.articles),
            "overall": overall,
            "articles": [score.to_dict() for score in self.articles],
            "warnings": list(self.warnings),
        }


def _article_for(gold: GoldArticle, corpus: Path | None, warn: Callable[[str], None]) -> Article:
    """The article to annotate: the corpus file when asked for and identical, else the gold text.

    Gold offsets index the gold text, so a corpus file whose body differs is reported and
    not used: scoring it would compare spans of two different strings.
    """
    article = gold.article()
    if corpus is None:
        return article
    from tui.sources import SourceError, load_text_file

    if not gold.file:
        warn(f"{gold.id}: no `file` in the gold line; using the gold text")
        return article
    try:
        loaded = load_text_file(corpus / gold.file)
    except SourceError as error:
        warn(f"{error}; using the gold text")
        return article
    if loaded.text != gold.text:
        warn(f"{gold.file}: the corpus text differs from the gold text; using the gold text")
        return article
    return loaded


def evaluate(
    gold_path: str | os.PathLike[str],
    annotator: SupportsAnnotateMany,
    *,
    corpus: str | os.PathLike[str] | None = None,
    warn: Callable[[str], None] | None = None,
    only: Sequence[str] = (),
) -> EvalReport:
    """Annotate every gold article with ``annotator`` and score it (gold order kept);
    with ``only``, just the articles whose file name (or id) matches one of those globs
    (a tuning or validation split)."""
    gold_articles = load_gold(gold_path)
    if only:
        gold_articles = [
            gold
            for gold in gold_articles
            if any(
                fnmatch(name, pattern) for pattern in only for name in (gold.file or "", gold.id)
            )
        ]
        if not gold_articles:
            raise GoldError(f"{gold_path}: no gold article matches {', '.join(only)}")
    warnings: list[str] = []

    def record(message: str) -> None:
        warnings.append(message)
        if warn is not None:
            warn(message)

    corpus_dir = None if corpus is None else Path(corpus)
    articles = [_article_for(gold, corpus_dir, record) for gold in gold_articles]
    report = EvalReport(gold_path=str(gold_path), articles=[], warnings=warnings)
    annotations = annotator.annotate_many(articles)
    for gold, annotation in zip(gold_articles, annotations, strict=True):
        if annotation.article.text != gold.text:
            raise GoldError(f"{gold.id}: the annotator changed the article text")
        report.model = report.model or annotation.engine.model
        report.engine_version = report.engine_version or annotation.engine.version
        report.articles.append(score_article(gold.quotes, annotation, article_id=gold.id))
    return report
