"""Scoring against gold quotes, on hand-built annotations (no spaCy needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.evaluation import (
    GoldError,
    GoldQuote,
    evaluate,
    load_gold,
    match_quotes,
    same_person,
    score_article,
)
from tui.evaluation.names import normalise
from tui.model import Annotation, Article, Quote, Span, Speaker

TEXT = (
    '"We will rebuild the bridge by spring," Mayor Anna Kowalska said on Monday. '
    "She told reporters that the money was already there. "
    '"It is a disgrace," a resident said.'
)


def span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def gold(quote: str, kind: str = "direct", speaker: str = "", verb: str = "", reference: str = ""):
    start, end = span(TEXT, quote)
    return GoldQuote(
        quote=quote,
        start=start,
        end=end,
        kind=kind,
        speaker=speaker,
        speaker_span=span(TEXT, speaker) if speaker else None,
        verb=verb,
        verb_span=None,
        reference=reference,
    )


GOLD = (
    gold(
        '"We will rebuild the bridge by spring,"',
        "direct",
        "Anna Kowalska",
        "said",
        "Anna Kowalska",
    ),
    gold("that the money was already there", "indirect", "She", "told", "Anna Kowalska"),
    gold('"It is a disgrace,"', "direct", "a resident", "said", "a resident"),
)


def pred(
    qid: str,
    start: int,
    end: int,
    *,
    kind: str = "direct",
    cue: tuple[int, int] | None = None,
    speaker_id: str | None = None,
    mention: tuple[int, int] | None = None,
) -> Quote:
    return Quote(
        id=qid,
        start=start,
        end=end,
        text=TEXT[start:end],
        kind=kind,  # type: ignore[arg-type]
        cue=None if cue is None else Span.of(TEXT, *cue),
        speaker_id=speaker_id,
        speaker_mention=None if mention is None else Span.of(TEXT, *mention),
    )


def annotation(quotes: list[Quote], speakers: tuple[Speaker, ...] = ()) -> Annotation:
    return Annotation(article=Article.from_text(TEXT), speakers=speakers, quotes=tuple(quotes))


KOWALSKA = Speaker(id="s1", name="Anna Kowalska", kind="person")
RESIDENT = Speaker(id="s2", name="a resident", kind="unnamed")


def perfect() -> Annotation:
    return annotation(
        [
            pred(
                "q1",
                *span(TEXT, GOLD[0].quote),
                cue=span(TEXT, "said"),
                speaker_id="s1",
                mention=span(TEXT, "Anna Kowalska"),
            ),
            pred(
                "q2",
                *span(TEXT, GOLD[1].quote),
                kind="indirect",
                cue=span(TEXT, "told"),
                speaker_id="s1",
                mention=span(TEXT, "She"),
            ),
            pred(
                "q3",
                *span(TEXT, GOLD[2].quote),
                cue=span(TEXT, "said", 1),
                speaker_id="s2",
                mention=span(TEXT, "a resident"),
            ),
        ],
        (KOWALSKA, RESIDENT),
    )


# -- matching and counts -------------------------------------------------------------------


def test_exact_match_scores_100_everywhere():
    score = score_article(GOLD, perfect())
    assert (score.gold, score.predicted, score.matched, score.matched_strict) == (3, 3, 3, 3)
    assert score.lenient == pytest.approx((100.0, 100.0, 100.0))
    assert score.strict == pytest.approx((100.0, 100.0, 100.0))
    assert score.speaker_mention_accuracy == 100.0
    assert score.resolved_accuracy == 100.0
    assert score.cue_accuracy == 100.0
    assert score.kind_recall("direct") == 100.0
    assert score.kind_recall("indirect") == 100.0
    assert score.kind_recall("mixed") is None


def test_no_predictions_scores_zero_not_nan():
    score = score_article(GOLD, annotation([]))
    assert score.lenient == (0.0, 0.0, 0.0)
    assert score.speaker_mention_accuracy is None
    assert score.to_dict()["lenient"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_partial_overlap_between_thresholds_is_lenient_only():
    start, end = GOLD[1].start, GOLD[1].end
    half = start + (end - start) // 2  # covers ~50 %
    score = score_article(GOLD[1:2], annotation([pred("q", start, half, kind="indirect")]))
    assert score.matched == 1
    assert score.matched_strict == 0


def test_thresholds_are_inclusive_and_exact():
    quote = GoldQuote("x" * 10, 0, 10, "direct")
    for covered, lenient, strict in ((2, 0, 0), (3, 1, 0), (7, 1, 0), (8, 1, 1)):
        predicted = [Quote("q", 0, covered, "x" * covered, "direct")]
        assert len(match_quotes([quote], predicted, 0.3)) == lenient, covered
        assert len(match_quotes([quote], predicted, 0.8)) == strict, covered


def test_coverage_is_of_the_gold_quote_not_the_prediction():
    # A prediction covering the whole gold quote plus far more still matches it.
    score = score_article(GOLD[1:2], annotation([pred("q", 0, len(TEXT))]))
    assert score.matched == score.matched_strict == 1


def test_one_prediction_cannot_match_two_gold_quotes():
    # One long prediction spanning the first two gold quotes covers both fully.
    one = pred("q", GOLD[0].start, GOLD[1].end)
    score = score_article(GOLD, annotation([one]))
    assert score.matched == 1
    assert score.lenient == pytest.approx((100.0, 100 / 3, 50.0))


def test_matching_is_a_maximum_matching_not_just_greedy():
    # p0 covers g0 best (100 %) and g1 partly; p1 covers only g0. Greedy would pair
    # p0-g0 then leave g1 unmatched; the maximum matching is p1-g0, p0-g1.
    golds = [GoldQuote("a" * 10, 0, 10, "direct"), GoldQuote("b" * 10, 10, 20, "direct")]
    predicted = [Quote("p0", 0, 15, "x" * 15, "direct"), Quote("p1", 3, 10, "x" * 7, "direct")]
    assert match_quotes(golds, predicted, 0.3) == {0: 1, 1: 0}


def test_two_predictions_for_one_gold_quote_count_once():
    start, end = GOLD[0].start, GOLD[0].end
    middle = (start + end) // 2
    score = score_article(GOLD[:1], annotation([pred("a", start, middle), pred("b", middle, end)]))
    assert score.matched == 1
    assert score.lenient == pytest.approx((50.0, 100.0, 200 / 3))


# -- speaker mention, resolved speaker, cue ---------------------------------------------------


def test_speaker_mention_overlap_counts():
    # "Mayor Anna Kowalska" overlaps the gold span "Anna Kowalska".
    quote = pred("q", GOLD[0].start, GOLD[0].end, mention=span(TEXT, "Mayor Anna Kowalska"))
    assert score_article(GOLD[:1], annotation([quote])).speaker_mention_correct == 1


def test_speaker_mention_elsewhere_or_missing_is_wrong():
    elsewhere = pred("q", GOLD[0].start, GOLD[0].end, mention=span(TEXT, "a resident"))
    missing = pred("q", GOLD[0].start, GOLD[0].end)
    assert score_article(GOLD[:1], annotation([elsewhere])).speaker_mention_correct == 0
    assert score_article(GOLD[:1], annotation([missing])).speaker_mention_correct == 0


def test_speaker_mention_both_absent_is_right_and_one_absent_is_wrong():
    floating = GoldQuote(GOLD[2].quote, GOLD[2].start, GOLD[2].end, "direct", reference="x")
    none = pred("q", floating.start, floating.end)
    some = pred("q", floating.start, floating.end, mention=span(TEXT, "a resident"))
    assert score_article([floating], annotation([none])).speaker_mention_correct == 1
    assert score_article([floating], annotation([some])).speaker_mention_correct == 0


def test_resolved_speaker_uses_the_canonical_name():
    surname = Speaker(id="s1", name="Kowalska", kind="person")
    other = Speaker(id="s1", name="Jan Kowalski", kind="person")
    quote = pred("q", GOLD[1].start, GOLD[1].end, speaker_id="s1")
    assert score_article(GOLD[1:2], annotation([quote], (surname,))).resolved_correct == 1
    assert score_article(GOLD[1:2], annotation([quote], (other,))).resolved_correct == 0
    # No speaker, or a dangling speaker id, never resolves.
    lone = pred("q", GOLD[1].start, GOLD[1].end)
    assert score_article(GOLD[1:2], annotation([lone])).resolved_correct == 0
    assert score_article(GOLD[1:2], annotation([quote])).resolved_correct == 0


def test_cue_is_case_insensitive_and_empty_equals_empty():
    upper = GoldQuote(GOLD[0].quote, GOLD[0].start, GOLD[0].end, "direct", verb="SAID")
    no_verb = GoldQuote(GOLD[0].quote, GOLD[0].start, GOLD[0].end, "direct", verb="")
    with_cue = pred("q", GOLD[0].start, GOLD[0].end, cue=span(TEXT, "said"))
    without = pred("q", GOLD[0].start, GOLD[0].end)
    assert score_article([upper], annotation([with_cue])).cue_correct == 1
    assert score_article([no_verb], annotation([without])).cue_correct == 1
    assert score_article([no_verb], annotation([with_cue])).cue_correct == 0
    assert score_article([upper], annotation([without])).cue_correct == 0


def test_attribute_scores_are_over_lenient_matches_only():
    # Only the first gold quote is found, with a wrong cue: cue accuracy is 0 of 1, not 0 of 3.
    quote = pred(
        "q",
        GOLD[0].start,
        GOLD[0].end,
        cue=span(TEXT, "told"),
        speaker_id="s1",
        mention=span(TEXT, "Anna Kowalska"),
    )
    score = score_article(GOLD, annotation([quote], (KOWALSKA,)))
    assert score.matched == 1
    assert score.cue_accuracy == 0.0
    assert score.speaker_mention_accuracy == 100.0
    assert score.kind_recall("direct") == 50.0
    assert score.kind_recall("indirect") == 0.0


# -- gold files and evaluate() --------------------------------------------------------------


def _gold_line(quotes: tuple[GoldQuote, ...] = GOLD, **extra) -> str:
    data = {
        "id": "t-1",
        "file": "t-1.txt",
        "title": "Bridge",
        "date": "2020-01-02",
        "text": TEXT,
        "quotes": [
            {
                "quote": q.quote,
                "quote_span": [q.start, q.end],
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_span": None if q.speaker_span is None else list(q.speaker_span),
                "verb": q.verb,
                "verb_span": None,
                "reference": q.reference,
            }
            for q in quotes
        ],
    }
    data.update(extra)
    return json.dumps(data)


class FakeAnnotator:
    """Returns a fixed annotation for the text it knows, an empty one otherwise."""

    def __init__(self, known: Annotation) -> None:
        self.known = known
        self.seen: list[Article] = []

    def annotate_many(self, articles):
        for article in articles:
            self.seen.append(article)
            if article.text == self.known.article.text:
                yield Annotation(article, speakers=self.known.speakers, quotes=self.known.quotes)
            else:
                yield Annotation(article)


def test_evaluate_micro_averages_and_serialises(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n\n" + _gold_line(id="t-2") + "\n", encoding="utf-8")
    fake = FakeAnnotator(perfect())
    report = evaluate(path, fake)
    assert [a.title for a in fake.seen] == ["Bridge", "Bridge"]
    assert fake.seen[0].date == "2020-01-02"
    data = json.loads(json.dumps(report.to_dict()))
    assert data["overall"]["counts"] == {
        "gold": 6,
        "predicted": 6,
        "matched": 6,
        "matched_strict": 6,
    }
    assert data["overall"]["lenient"]["f1"] == 100.0
    assert data["overall"]["by_kind"]["direct"] == {
        "gold": 4,
        "matched": 4,
        "recall": 100.0,
        "recall_strict": 100.0,
    }
    assert [a["id"] for a in data["articles"]] == ["t-1", "t-2"]


def test_evaluate_with_corpus_warns_on_a_different_text(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t-1.txt").write_text("Title: Bridge\n\nSomething else entirely.\n", "utf-8")
    warnings: list[str] = []
    report = evaluate(path, FakeAnnotator(perfect()), corpus=corpus, warn=warnings.append)
    assert len(warnings) == 1 and "differs" in warnings[0]
    assert report.total.matched == 3  # scored on the gold text, not the wrong one


def test_evaluate_with_corpus_uses_the_identical_file(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t-1.txt").write_text(f"Title: Bridge\nSource: Test\n\n{TEXT}", "utf-8")
    fake = FakeAnnotator(perfect())
    warnings: list[str] = []
    evaluate(path, fake, corpus=corpus, warn=warnings.append)
    assert warnings == []
    assert fake.seen[0].source == "Test"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", ":1:"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({"id": "x"}), "missing field"),
        ("", "no gold articles"),
    ],
)
def test_bad_gold_files_raise_one_line_errors(tmp_path: Path, content: str, reason: str):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=reason) as caught:
        load_gold(path)
    assert "\n" not in str(caught.value)


def test_gold_span_that_does_not_match_its_quote_is_rejected(tmp_path: Path):
    bad = GoldQuote("nonsense", 0, 8, "direct")
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line((bad,)), encoding="utf-8")
    with pytest.raises(GoldError, match="does not match"):
        load_gold(path)


def test_missing_gold_file(tmp_path: Path):
    with pytest.raises(GoldError, match="no such file"):
        load_gold(tmp_path / "absent.jsonl")


SHARED_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "quotes-dev.jsonl"


@pytest.mark.skipif(not SHARED_GOLD.is_file(), reason="shared eval data not present")
def test_shared_gold_file_loads_and_a_perfect_system_scores_100():
    articles = load_gold(SHARED_GOLD)
    assert sum(len(a.quotes) for a in articles) == 251
    for gold_article in articles[:3]:
        quotes = [
            Quote(f"q{i}", g.start, g.end, g.quote, g.kind)  # type: ignore[arg-type]
            for i, g in enumerate(gold_article.quotes)
        ]
        predicted = Annotation(gold_article.article(), quotes=tuple(quotes))
        score = score_article(gold_article.quotes, predicted)
        assert score.lenient[2] == score.strict[2] == 100.0


# -- names.same_person ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Trump", "Donald Trump"),
        ("Donald Trump", "Trump"),
        ("President Trump", "Donald Trump"),
        ("Mr Trump", "President Donald Trump"),
        ("police", "Police"),
        ("Iranian army", "the army"),
        ("the Army", "Army"),
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Jarosław Kaczyński", "Jaroslaw Kaczynski"),
        ("Trump's", "Donald Trump"),
        ("U.S. Department of Justice", "US Department of Justice"),
        ("Ministry of Foreign Affairs", "Foreign Affairs Ministry"),
        ("Queen Elizabeth II", "Elizabeth II"),
        ("J. Biden", "Joe Biden"),
        ("Boris Johnson", "Prime Minister Boris Johnson"),
        ("the Prime Minister", "Prime Minister"),
        ("Stefan W.", "Stefan W"),
    ],
)
def test_same_person(a: str, b: str):
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Donald Trump", "Donald Tusk"),
        ("Joe Biden", "Hunter Biden"),
        ("H. Biden", "Joe Biden"),
        ("Boris Johnson", "Boris Dubrovsky"),
        ("Trump", "Tusk"),
        ("the president", "President Trump"),
        ("the president", "the prime minister"),
        ("he", "Boris Johnson"),
        ("", ""),
        ("", "Trump"),
        ("Smith", "Smyth"),
        ("Kim", "Kin"),
        ("police", "army"),
    ],
)
def test_not_same_person(a: str, b: str):
    assert not same_person(a, b)
    assert not same_person(b, a)


def test_normalise():
    assert normalise("  The  U.S. President’s ") == "us president"
    assert normalise("Erdoğan") == "erdogan"
    assert normalise("O'Brien") == "obrien"
    assert normalise("protesters' demands") == "protesters demands"
    assert normalise("Jean-Claude Juncker") == "jean claude juncker"


def test_evaluate_only_the_articles_of_a_split(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n" + _gold_line(id="t-2") + "\n", encoding="utf-8")
    report = evaluate(path, FakeAnnotator(perfect()), only=["t-2"])
    assert [a.id for a in report.articles] == ["t-2"]
    with pytest.raises(GoldError, match="no gold article matches nothing-\\*"):
        evaluate(path, FakeAnnotator(perfect()), only=["nothing-*"])


@pytest.mark.parametrize(
    ("gold_verb", "cue", "same"),
    [
        ("said", "has repeatedly said", True),
        ("said", "said:", True),  # the colon opening a quotation is the cue's, not a verb
        ("called", "called for", True),  # a phrasal cue's preposition
        ("called", "called it", False),
        ("said", "told", False),
    ],
)
def test_the_gold_verb_is_what_our_cue_phrase_ends_with(
    gold_verb: str, cue: str, same: bool
) -> None:
    from tui.evaluation.quotes import _same_cue

    text = f"Ann Lee {cue} the plan works."
    start = text.index(cue)
    quote = Quote(
        id="q1",
        start=start + len(cue) + 1,
        end=len(text) - 1,
        text=text[start + len(cue) + 1 : -1],
        kind="indirect",
        cue=Span(start, start + len(cue), cue),
        speaker_id=None,
        speaker_mention=None,
        confidence=0.9,
    )
    assert _same_cue(gold_verb, quote) is same
