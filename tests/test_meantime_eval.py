"""The MEANTIME reader and scorer (``byline eval --meantime``).

The reader and scores are checked on two tiny hand-written documents, so every count is known;
the real dev set (``../shared/eval/meantime-dev``, skipped when absent) checks the text map.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

import tui.cli.annotate
from tui.cli import main
from tui.evaluation.meantime import (
    MeantimeDocument,
    MeantimeError,
    load_meantime,
    match_spans,
    parse_meantime,
    score_document,
    score_linking,
)
from tui.evaluation.meantime import evaluate_meantime as evaluate
from tui.evaluation.quotes import GoldError
from tui.model import Annotation, Article, EngineInfo, Event, Participant, Span, TimeExpression
from tui.render_text import render_meantime_report

METRICS = (
    "event_triggers",
    "participant_recall",
    "timex_spans",
    "timex_value_accuracy",
    "linking",
)


def _xml(doc_id: str, sentences: list[str], markables: str, relations: str) -> str:
    """A MEANTIME document: one token per space-separated word, t_ids counted from 1."""
    tokens = []
    for number, sentence in enumerate(sentences):
        for word in sentence.split(" "):
            t_id = len(tokens) + 1
            tokens.append(
                f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>'
            )
    return (
        f'<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="doc_{doc_id}" '
        f'lang="en" url="http://example.org/{doc_id}">\n'
        + "\n".join(tokens)
        + f"\n<Markables>\n{markables}\n</Markables>\n<Relations>\n{relations}\n</Relations>\n"
        "</Document>\n"
    )


def _mark(tag: str, m_id: int, t_ids: Iterable[int], **attributes: str) -> str:
    attrs = "".join(f' {key}="{value}"' for key, value in attributes.items())
    anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)
    return f'<{tag} m_id="{m_id}"{attrs}>{anchors}</{tag}>'


def _event(m_id: int, t_id: int, pred: str) -> str:
    return _mark("EVENT_MENTION", m_id, [t_id], pred=pred, pos="VERB", tense="PAST", polarity="POS")


def _refers(r_id: int, sources: Iterable[int], target: int) -> str:
    inner = "".join(f'<source m_id="{s}"/>' for s in sources)
    return f'<REFERS_TO r_id="{r_id}">{inner}<target m_id="{target}"/></REFERS_TO>'


def _participant(r_id: int, source: int, target: int, role: str) -> str:
    return (
        f'<HAS_PARTICIPANT r_id="{r_id}" sem_role="{role}" sem_role_framework="PROPBANK">'
        f'<source m_id="{source}"/><target m_id="{target}"/></HAS_PARTICIPANT>'
    )


DOC_A = _xml(
    "1",
    [
        "Acme buys Widget Co",  # t1-4, the title
        "May 5 , 2020",  # t5-8, the dateline
        "Acme ( the buyer ) said the deal closed on Monday .",  # t9-20
        'Widget \'s owners " welcomed " it .',  # t21-28
        "Shares rose .",  # t29-31
        "Nothing else .",  # t32-34
        "Acme plans more deals .",  # t35-39: past the annotated region
    ],
    "\n".join(
        [
            _event(1, 2, "buy"),
            _event(2, 14, "say"),
            _event(3, 16, "deal"),
            _event(4, 17, "close"),
            _event(5, 25, "welcome"),
            '<EVENT_MENTION m_id="6"><token_anchor t_id="38"/></EVENT_MENTION>',
            _mark("ENTITY_MENTION", 10, [1], syntactic_type="NAM"),
            _mark("ENTITY_MENTION", 11, [3, 4], syntactic_type="NAM"),
            _mark("ENTITY_MENTION", 12, [9], syntactic_type="NAM"),
            _mark("ENTITY_MENTION", 13, [21, 22, 23], syntactic_type="NOM"),
            _mark("ENTITY_MENTION", 14, [9, 11, 12], syntactic_type="NOM"),
            _mark(
                "TIMEX3",
                20,
                [5, 6, 7, 8],
                type="DATE",
                value="2020-05-05",
                functionInDocument="CREATION_TIME",
            ),
            _mark("TIMEX3", 21, [19], type="DATE", value="2020-05-04", functionInDocument="NONE"),
            _mark("TIMEX3", 22, [], type="DATE", value="2019", functionInDocument="NONE"),
            _mark("SIGNAL", 26, [18]),
            '<EVENT m_id="30" class="OTHER" instance_id="EV_BUY" TAG_DESCRIPTOR="buy"/>',
            '<EVENT m_id="31" class="GRAMMATICAL" TAG_DESCRIPTOR="closed"/>',
            '<EVENT m_id="32" class="SPEECH_COGNITIVE" instance_id="EV_SAY" TAG_DESCRIPTOR="s"/>',
            '<EVENT m_id="33" class="OTHER" instance_id="EV_WELCOME" TAG_DESCRIPTOR="w"/>',
            '<ENTITY m_id="40" ent_type="ORG" instance_id="ORG_ACME" TAG_DESCRIPTOR="Acme"/>',
            '<ENTITY m_id="41" ent_type="ORG" instance_id="ORG_WIDGET" TAG_DESCRIPTOR="W"/>',
        ]
    ),
    "\n".join(
        [
            _refers(100, [1, 3, 6], 30),
            _refers(101, [2], 32),
            _refers(102, [4], 31),
            _refers(103, [5], 33),
            _refers(104, [10, 12], 40),
            _refers(105, [11], 41),
            _participant(110, 1, 10, "Arg0"),
            _participant(111, 1, 11, "Arg1"),
            _participant(112, 2, 12, "Arg0"),
            _participant(113, 5, 13, "Arg0"),
            '<TLINK r_id="120" reltype="IS_INCLUDED"><source m_id="2"/><target m_id="21"/></TLINK>',
        ]
    ),
)

DOC_B = _xml(
    "2",
    [
        "Widget Co sold to Acme",  # t1-5
        "May 6 , 2020",  # t6-9
        "Widget Co said the sale was done .",  # t10-17
    ],
    "\n".join(
        [
            _event(1, 3, "sell"),
            _event(2, 12, "say"),
            _event(3, 14, "sale"),
            _mark("ENTITY_MENTION", 10, [1, 2], syntactic_type="NAM"),
            _mark(
                "TIMEX3",
                20,
                [6, 7, 8, 9],
                type="DATE",
                value="2020-05-06",
                functionInDocument="CREATION_TIME",
            ),
            '<EVENT m_id="30" class="OTHER" instance_id="EV_BUY" TAG_DESCRIPTOR="buy"/>',
            '<EVENT m_id="31" class="SPEECH_COGNITIVE" instance_id="EV_SAY_B" TAG_DESCRIPTOR="s"/>',
            '<EVENT m_id="34" class="OTHER" instance_id="EV_SALE" TAG_DESCRIPTOR="sale"/>',
        ]
    ),
    "\n".join(
        [
            _refers(100, [1, 3], 30),
            _refers(101, [2], 31),
            _refers(102, [3], 34),
            _participant(110, 1, 10, "Arg1"),
        ]
    ),
)

TEXT_A = (
    "Acme buys Widget Co\n\nMay 5, 2020\n\n"
    'Acme (the buyer) said the deal closed on Monday. Widget\'s owners "welcomed" it. '
    "Shares rose. Nothing else. Acme plans more deals."
)


@pytest.fixture
def doc_a() -> MeantimeDocument:
    return parse_meantime(DOC_A, name="a.xml", topic="test")


@pytest.fixture
def doc_b() -> MeantimeDocument:
    return parse_meantime(DOC_B.encode("utf-8"), name="b.xml", topic="test")


def _span(text: str, word: str, after: str = "") -> Span:
    """The span of the first ``word`` at or after the first ``after``."""
    start = text.index(word, text.index(after) if after else 0)
    return Span.of(text, start, start + len(word))


def _pieces(document: MeantimeDocument, m_id: str) -> list[str]:
    markable = document.markable(m_id)
    assert markable is not None
    return [document.text[start:end] for start, end in markable.pieces]


# -- reading ----------------------------------------------------------------------------------


def test_reader_rebuilds_text_and_maps_every_token(doc_a: MeantimeDocument):
    assert doc_a.text == TEXT_A
    assert doc_a.title == "Acme buys Widget Co"
    assert doc_a.date == "2020-05-05"
    assert (doc_a.name, doc_a.doc_id, doc_a.topic) == ("doc_1", "1", "test")
    assert [t.word for t in doc_a.tokens][:6] == ["Acme", "buys", "Widget", "Co", "May", "5"]
    for token in doc_a.tokens:
        assert doc_a.text[token.start : token.end] == token.word
    assert _pieces(doc_a, "13") == ["Widget's owners"]
    assert _pieces(doc_a, "14") == ["Acme", "the buyer"]  # t9, t11-12: two pieces
    assert _pieces(doc_a, "20") == ["May 5, 2020"]
    assert doc_a.markable("22").pieces == ()  # an anchor-only timex has no span

    article = doc_a.article()
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date) == (TEXT_A, doc_a.title, "2020-05-05")
    assert article.url == "http://example.org/1"


def test_reader_attributes_instances_and_participants(doc_a, doc_b):
    buy = doc_a.markable("1")
    assert buy.get("pred") == "buy" and buy.get("tense") == "PAST" and buy.document_level
    assert (buy.instance_ids, buy.instance_class) == (("EV_BUY",), "OTHER")
    assert doc_a.markable("3").instance_ids == ("EV_BUY",)
    closed = doc_a.markable("4")
    assert (closed.instance_ids, closed.instance_class) == ((), "GRAMMATICAL")
    assert not doc_a.markable("6").document_level  # a corpus-level addition
    assert doc_a.markable("12").instance_ids == ("ORG_ACME",)
    assert doc_a.markable("21").get("value") == "2020-05-04"
    assert doc_b.markable("3").instance_ids == ("EV_BUY", "EV_SALE")  # one mention, two

    assert {(p.event, p.target, p.sem_role) for p in doc_a.participants} == {
        ("1", "10", "Arg0"),
        ("1", "11", "Arg1"),
        ("2", "12", "Arg0"),
        ("5", "13", "Arg0"),
    }
    assert {p.framework for p in doc_a.participants} == {"PROPBANK"}


def test_region_is_title_dateline_and_sentences_two_to_five(doc_a):
    assert doc_a.last_annotated_sentence == 5
    assert doc_a.region_end == TEXT_A.index("Nothing else.") + len("Nothing else.")
    assert doc_a.dateline == (TEXT_A.index("May"), TEXT_A.index("2020") + 4)
    assert [m.m_id for m in doc_a.event_mentions] == ["1", "2", "3", "4", "5"]  # not "deals"
    assert [m.m_id for m in doc_a.timexes] == ["21"]  # no dateline, no anchor-only timex
    assert len(doc_a.scored_participants) == 4


def test_region_extends_to_later_document_level_annotation():
    sentences = ["Title", "May 5 , 2020", "A .", "B .", "C .", "D .", "E ran .", "F ."]
    xml = _xml("3", sentences, _event(1, 15, "run"), "")
    assert parse_meantime(xml).last_annotated_sentence == 6
    short = parse_meantime(_xml("4", sentences[:3], "", ""))
    assert short.last_annotated_sentence == 2  # capped at the document's end


def test_date_falls_back_to_the_dateline_without_creation_time():
    xml = _xml("5", ["Title words", "April 27 , 2005", "It flew ."], _event(1, 8, "fly"), "")
    document = parse_meantime(xml)
    assert document.date == "2005-04-27"
    assert document.text == "Title words\n\nApril 27, 2005\n\nIt flew."


def test_caption_without_final_punctuation_gets_its_own_paragraph():
    xml = _xml("6", ["T", "May 5 , 2020", "A caption", 'The lead ( with " quotes " ) .'], "", "")
    assert parse_meantime(xml).text == 'T\n\nMay 5, 2020\n\nA caption\n\nThe lead (with "quotes").'


# -- hostile and broken input -------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<Document><token t_id='1' sentence='0'>&b;</token></Document>",
        '<!doctype Document SYSTEM "file:///etc/passwd"><Document/>',
        '<Document><!ENTITY x "y"></Document>',
    ],
)
def test_hostile_xml_is_refused(payload: str):
    with pytest.raises(MeantimeError, match="DOCTYPE or entity"):
        parse_meantime(payload)
    with pytest.raises(MeantimeError, match="DOCTYPE or entity"):
        parse_meantime(payload.encode("utf-8"))


def test_declarations_cannot_hide_in_another_encoding():
    payload = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "x">]><Document/>'
    with pytest.raises(MeantimeError, match="not UTF-8"):
        parse_meantime(payload.encode("utf-16"))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("<Document><token", "not well-formed"),
        ("<Other/>", "not <Document>"),
        ("<Document></Document>", "no tokens"),
        ('<Document><token t_id="x" sentence="0">a</token></Document>', "integer t_id"),
        (_xml("7", ["A"], _mark("EVENT_MENTION", 1, [9]), ""), "unknown token 9"),
        (_xml("8", ["A"], _event(1, 1, "a"), _refers(5, [1], 99)), "unknown markable '99'"),
    ],
)
def test_broken_xml_is_one_clear_error(payload: str, message: str):
    with pytest.raises(MeantimeError, match=message) as info:
        parse_meantime(payload, name="bad.xml")
    assert isinstance(info.value, GoldError)  # the CLI reports it as one line
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.xml: ")


def test_load_needs_a_directory_with_documents(tmp_path: Path):
    with pytest.raises(MeantimeError, match="not a directory"):
        load_meantime(tmp_path / "absent")
    with pytest.raises(MeantimeError, match="no MEANTIME"):
        load_meantime(tmp_path)


# -- scoring -------------------------------------------------------------------------------------


def _range(text: str, words: str) -> tuple[int, int, str]:
    start = text.index(words)
    return start, start + len(words), words


def _annotation_a(document: MeantimeDocument, *, monday: str | None = "2020-05-04") -> Annotation:
    text = document.text
    events = (
        Event(
            "E1",
            _span(text, "buys"),
            "buy",
            participants=(
                Participant("agent", _span(text, "Acme")),  # the title's Acme: found
                Participant("patient", _span(text, "Widget")),  # overlaps "Widget Co": found
            ),
            mentions=(_span(text, "buys"), _span(text, "deal")),  # a repeated span counts once
        ),
        Event("E2", _span(text, "said"), "say", participants=(Participant("agent", None),)),
        Event("E3", _span(text, "rose"), "rise", mentions=(_span(text, "Shares"),)),
        Event("E4", _span(text, "plans"), "plan"),  # past the region: not scored
        Event(
            "E5",
            _span(text, "welcomed"),
            "welcome",
            participants=(Participant("agent", _span(text, "it", "welcomed")),),  # not owners
        ),
    )
    monday_span = _span(text, "Monday")
    timexes = (
        TimeExpression("T1", *_range(text, "May 5, 2020"), value="2020-05-05"),  # dateline
        TimeExpression("T2", monday_span.start, monday_span.end, "Monday", value=monday),
        TimeExpression("T3", *_range(text, "rose"), value=None),  # a false positive
        TimeExpression("T4", *_range(text, "plans"), value=None),  # past the region
    )
    return Annotation(Article.from_text(text), events=events, timexes=timexes)


def _annotation_b(document: MeantimeDocument) -> Annotation:
    text = document.text
    events = (
        Event("F1", _span(text, "sold"), "sell", mentions=(_span(text, "sale"),)),
        Event("F2", _span(text, "said"), "say"),
    )
    return Annotation(Article.from_text(text), events=events)


def test_event_participant_and_timex_scores(doc_a):
    score = score_document(doc_a, _annotation_a(doc_a))
    # Gold: buys, said, deal, closed, welcomed. Ours in the region: buys, deal, said, rose,
    # Shares, welcomed (6); matched: all but "closed".
    assert (score.events_gold, score.events_predicted, score.events_matched) == (5, 6, 4)
    precision, recall, f1 = score.events
    assert (round(precision, 2), recall, round(f1, 2)) == (66.67, 80.0, 72.73)
    # buy→Acme and buy→Widget Co found; said has no mention, welcomed names "it".
    assert (score.participants_gold, score.participants_found) == (4, 2)
    assert score.participant_recall == 50.0
    assert (score.roles_gold["Arg0"], score.roles_found["Arg0"]) == (3, 1)
    assert (score.roles_gold["Arg1"], score.roles_found["Arg1"]) == (1, 1)
    # Timexes: the dateline and "plans" are out of scope; Monday matched, "rose" is not.
    assert (score.timex_gold, score.timex_predicted, score.timex_matched) == (1, 2, 1)
    assert tuple(round(v, 2) for v in score.timex) == (50.0, 100.0, 66.67)
    assert score.timex_value_accuracy == 100.0
    wrong = score_document(doc_a, _annotation_a(doc_a, monday="2020-05-11"))
    assert (wrong.timex_value_correct, wrong.timex_value_accuracy) == (0, 0.0)

    data = score.to_dict()
    assert data["event_triggers"] == {"precision": 66.67, "recall": 80.0, "f1": 72.73}
    assert data["participant_recall"] == 50.0
    assert data["participants_by_role"]["Arg0"] == {"gold": 3, "found": 1, "recall": 33.33}
    assert data["timex_value_accuracy"] == 100.0


def test_empty_annotation_scores_zero_not_error(doc_a):
    score = score_document(doc_a, Annotation(doc_a.article()))
    assert score.events == (0.0, 0.0, 0.0) and score.participant_recall == 0.0
    assert score.timex_value_accuracy is None  # nothing matched to judge


def test_annotation_of_another_text_is_refused(doc_a):
    with pytest.raises(MeantimeError, match="different text"):
        score_document(doc_a, Annotation(Article.from_text("other")))


def test_matching_is_one_to_one_and_maximal():
    assert match_spans([((0, 4),), ((5, 9),)], [(0, 9)]) == {0: 0}  # one prediction, once
    # Greedy would give gold 0 the long span and strand gold 1; augmenting fixes that.
    assert match_spans([((0, 9),), ((5, 9),)], [(0, 9), (0, 2)]) == {0: 1, 1: 0}
    assert match_spans([((0, 2), (6, 8))], [(7, 9)]) == {0: 0}  # a piece of a split mention
    assert match_spans([((0, 2),)], [(2, 4)]) == {}  # touching is not overlapping


def test_cross_document_linking_pairs(doc_a, doc_b):
    documents = [doc_a, doc_b]
    a, b = _annotation_a(doc_a), _annotation_b(doc_b)
    clusters = [[(a.article.id, "E1"), (b.article.id, "F1")], [(a.article.id, "E2"), ("", "x")]]
    clusters.append([(a.article.id, "E2"), (b.article.id, "F2")])
    score = score_linking(documents, [a, b], clusters)
    # Gold EV_BUY: A's buys, deal and (past the region) deals × B's sold and sale = 6 pairs.
    # Ours: {buys, deal} × {sold, sale} = 4 right; said-said is wrong (different instances).
    assert (score.gold_pairs, score.predicted_pairs, score.correct_pairs) == (6, 5, 4)
    assert tuple(round(v, 2) for v in score.prf) == (80.0, 66.67, 72.73)
    assert (score.mentions, score.mentions_matched) == (8, 7)  # "closed" has no instance
    assert score_linking(documents, [a, b], []).prf == (0.0, 0.0, 0.0)
    assert score_linking(documents, [a, b], clusters, topic="other").gold_pairs == 0


# -- a whole directory and the command ----------------------------------------------------------


class FakeAnnotator:
    """Annotates the two synthetic documents by title, so the CLI needs no spaCy."""

    def __init__(self, documents: list[MeantimeDocument]) -> None:
        self.by_text = {d.text: d for d in documents}

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[Annotation]:
        for article in articles:
            document = self.by_text[article.text]
            make = _annotation_a if document.doc_id == "1" else _annotation_b
            yield replace(make(document), article=article, engine=EngineInfo("test", "fake"))


@pytest.fixture
def synthetic_dir(tmp_path: Path, doc_a, doc_b) -> Path:
    folder = tmp_path / "meantime" / "corpus_test"
    folder.mkdir(parents=True)
    (folder / "1_a.xml").write_text(DOC_A, encoding="utf-8")
    (folder / "2_b.xml").write_text(DOC_B, encoding="utf-8")
    (folder / "README.txt").write_text("not a document", encoding="utf-8")
    return tmp_path / "meantime"


def _link(annotations: list[Annotation]) -> list[list[tuple[str, str]]]:
    """Join every event with the same lemma, or whose lemma is "buy"/"sell"."""
    clusters: dict[str, list[tuple[str, str]]] = {}
    for annotation in annotations:
        for event in annotation.events:
            key = "trade" if event.lemma in ("buy", "sell") else event.lemma
            clusters.setdefault(key, []).append((annotation.article.id, event.id))
    return list(clusters.values())


def test_evaluate_directory(synthetic_dir: Path, doc_a, doc_b):
    annotator = FakeAnnotator([doc_a, doc_b])
    report = evaluate(synthetic_dir, annotator, link=_link)
    assert [s.id for s in report.documents] == ["doc_1", "doc_2"]
    assert report.model == "fake" and not report.warnings
    data = report.to_dict()
    assert data["documents_scored"] == 2 and set(data["topics"]) == {"test"}
    for metric in METRICS:
        assert metric in data["overall"] and metric in data["topics"]["test"]
    assert data["overall"]["linking"]["pairs"] == {"gold": 6, "predicted": 5, "correct": 4}
    assert data["overall"]["counts"]["events_gold"] == 5 + 3
    assert [d["last_annotated_sentence"] for d in data["documents"]] == [5, 2]
    assert data["region"].startswith("title, dateline")
    # The corpus folder alone works the same.
    alone = evaluate(synthetic_dir / "corpus_test", annotator, link=_link).to_dict()
    assert {**alone, "gold": ""} == {**data, "gold": ""}


def test_evaluate_without_linker_reports_linking_unscored(synthetic_dir, doc_a, doc_b, monkeypatch):
    monkeypatch.setattr("tui.evaluation.meantime._default_link", lambda: None)
    warnings: list[str] = []
    report = evaluate(synthetic_dir, FakeAnnotator([doc_a, doc_b]), warn=warnings.append)
    assert report.linking is None and report.to_dict()["overall"]["linking"] is None
    assert warnings and "link_events" in warnings[0]
    console = Console(file=io.StringIO(), width=100)
    render_meantime_report(report, console)
    assert "not scored" in console.file.getvalue()


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("byline: "), err
    return lines[0]


def test_cli_meantime_table(synthetic_dir, doc_a, doc_b, monkeypatch, capsys):
    monkeypatch.setattr(
        tui.cli.annotate, "_make_annotator", lambda model: FakeAnnotator([doc_a, doc_b])
    )
    monkeypatch.setattr("tui.evaluation.meantime._default_link", lambda: _link)
    assert main(["eval", "--meantime", str(synthetic_dir)]) == 0
    out = capsys.readouterr().out
    for label in (
        "event triggers",
        "timex spans",
        "cross-doc linking",
        "Participant recall",
        "Timex value accuracy",
        "Per topic",
        "doc_1",
    ):
        assert label in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "exactly one of GOLD.jsonl, --meantime DIR"),
        (["gold.jsonl", "--meantime", "."], "exactly one of GOLD.jsonl, --meantime DIR"),
        (["--meantime", "absent-dir"], "not a directory"),
        (["--meantime", ".", "--min-f1", "50"], "--min-f1 applies to GOLD.jsonl"),
        (["--meantime", ".", "--corpus", "."], "--corpus applies to GOLD.jsonl"),
    ],
)
def test_cli_meantime_usage_errors(extra: list[str], message: str, capsys, monkeypatch):
    monkeypatch.setattr(
        tui.cli.annotate, "_make_annotator", lambda model: pytest.fail("no model needed")
    )
    assert main(["eval", *extra]) == 1
    out, err = capsys.readouterr()
    assert out == "" and message in _one_error_line(err)


# -- the real dev set --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_documents(shared_dir: Path) -> list[MeantimeDocument]:
    directory = shared_dir / "eval" / "meantime-dev"
    if not directory.is_dir():
        pytest.skip(f"MEANTIME dev set not found at {directory}")
    return load_meantime(directory)


def test_dev_documents_map_every_markable_exactly(dev_documents: list[MeantimeDocument]):
    assert len(dev_documents) == 20
    assert sorted({d.topic for d in dev_documents}) == ["airbus", "apple"]
    for document in dev_documents:
        text = document.text
        tokens = {t.t_id: t for t in document.tokens}
        for token in document.tokens:
            assert text[token.start : token.end] == token.word, (document.name, token)
        title = [t for t in document.tokens if t.sentence == 0]
        assert document.title == text[title[0].start : title[-1].end]
        assert document.date is not None and len(document.date) == 10
        for markable in document.markables:
            if not markable.t_ids:
                continue
            ordered = sorted(markable.t_ids)
            runs: list[list[int]] = [[ordered[0]]]
            for t_id in ordered[1:]:
                if t_id == runs[-1][-1] + 1:
                    runs[-1].append(t_id)
                else:
                    runs.append([t_id])
            assert len(runs) == len(markable.pieces), (document.name, markable.m_id)
            for run, (start, end) in zip(runs, markable.pieces, strict=True):
                words = [tokens[t] for t in run]
                assert (start, end) == (words[0].start, words[-1].end)
                gaps = [text[x.end : y.start] for x, y in pairwise(words)]
                assert set(gaps) <= {"", " "}, (document.name, markable.m_id)
                assert text[start:end].replace(" ", "") == "".join(w.word for w in words)


def test_dev_set_quirks(dev_documents: list[MeantimeDocument]):
    by_id = {d.doc_id: d for d in dev_documents}
    assert by_id["8951"].date == "2005-04-27"  # no CREATION_TIME: read from the dateline
    assert by_id["8951"].title == "World's largest passenger airliner makes first flight"
    assert by_id["8983"].last_annotated_sentence == 6  # a caption fused into sentence 2
    assert {d.last_annotated_sentence for d in dev_documents if d.doc_id != "8983"} == {5}
    assert "The A380 was revealed in January 2005\n\nThe world's" in by_id["8951"].text
    assert sum(len(d.event_mentions) for d in dev_documents) == 313
    assert sum(len(d.timexes) for d in dev_documents) == 60


@pytest.mark.slow
def test_cli_meantime_json_with_the_real_engine(
    dev_documents, shared_dir: Path, annotator: Any, monkeypatch, capsys
):
    monkeypatch.setattr(tui.cli.annotate, "_make_annotator", lambda model: annotator)
    assert main(["eval", "--meantime", str(shared_dir / "eval" / "meantime-dev"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents_scored"] == 20 and set(report["topics"]) == {"airbus", "apple"}
    for scope in (report["overall"], *report["topics"].values()):
        for metric in METRICS:
            assert metric in scope
    assert report["overall"]["counts"]["events_gold"] == 313
    assert 0.0 <= report["overall"]["event_triggers"]["f1"] <= 100.0
