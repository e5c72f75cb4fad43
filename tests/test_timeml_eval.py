"""Scoring time expressions against TimeML files, as TempEval-3 scores them.

A hand-made ``.tml`` tests reading and scoring; TempEval-3's training data (TBAQ-cleaned)
is scored only where it was fetched beside the clone, with floors against regressions.
The platinum evaluation set is held out and refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.evaluation.timeml import TimemlError, load_timeml, read_timeml, score_document
from tui.model import Annotation, Article, EngineInfo, TimeExpression

TBAQ = (
    Path(__file__).resolve().parent.parent.parent
    / "devdata/tbaq/data/TempEval3/Training/TBAQ-cleaned"
)
TML = "\n".join(
    [
        '<?xml version="1.0" ?>',
        "<TimeML>",
        "<DOCID>X1</DOCID>",
        '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07"'
        ' functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>',
        "<TEXT>",
        'Bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT>'
        ' <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, and talks resume'
        ' <TIMEX3 tid="t2" type="DATE" value="1998-W33">next week</TIMEX3>.',
        "</TEXT>",
        "</TimeML>",
    ]
)


def _folder(root: Path) -> Path:
    (root / "TimeBank").mkdir(parents=True)
    (root / "TimeBank" / "X1.tml").write_text(TML, encoding="utf-8")
    return root


def test_timeml_text_date_and_timexes_are_read(tmp_path: Path) -> None:
    document = read_timeml(_folder(tmp_path) / "TimeBank" / "X1.tml")
    assert document.date == "1998-08-07" and document.part == "TimeBank"
    assert "<" not in document.text and document.text.strip().startswith("Bombs exploded Friday")
    assert [(t.text, t.value) for t in document.timexes] == [
        ("Friday", "1998-08-07"),
        ("next week", "1998-W33"),
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def test_held_out_and_empty_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TimemlError, match="held out"):
        load_timeml(_folder(tmp_path / "te3-platinum"))
    with pytest.raises(TimemlError, match=r"no \.tml"):
        load_timeml(tmp_path / "empty")


def _predicted(document_text: str, spans: list[tuple[str, str]]) -> Annotation:
    timexes = []
    for number, (words, value) in enumerate(spans, start=1):
        start = document_text.index(words)
        timexes.append(
            TimeExpression(f"t{number}", start, start + len(words), words, "date", value)
        )
    return Annotation(Article.from_text(document_text), timexes=tuple(timexes))


def test_relaxed_strict_and_value_scoring(tmp_path: Path) -> None:
    document = read_timeml(_folder(tmp_path) / "TimeBank" / "X1.tml")
    # "Friday" exact with the right value; "week" overlaps "next week" with a wrong value
    counts = score_document(
        document, _predicted(document.text, [("Friday", "1998-08-07"), ("week", "1998-W34")])
    )
    assert (counts.relaxed, counts.strict, counts.value_correct) == (2, 1, 1)
    result = counts.to_dict()
    assert result["relaxed"]["f1"] == 100.0 and result["strict"]["f1"] == 50.0
    assert result["value"]["f1"] == 50.0 and result["value_accuracy"] == 50.0


def test_eval_timeml_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    folder = _folder(tmp_path / "tbaq")

    class Fixed:
        def annotate_many(self, articles: Any) -> Any:
            for article in articles:
                found = _predicted(article.text, [("Friday", "1998-08-07")])
                yield Annotation(article, timexes=found.timexes, engine=EngineInfo("x", "m"))

    monkeypatch.setattr("tui.cli.annotate._make_annotator", lambda model: Fixed())
    assert main(["eval", "--timeml", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents_scored"] == 1
    assert report["overall"]["value"] == {"precision": 100.0, "recall": 50.0, "f1": 66.67}
    assert set(report["parts"]) == {"TimeBank"}
    assert main(["eval", "--timeml", str(folder)]) == 0
    assert "TimeBank" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(not TBAQ.is_dir(), reason="TBAQ-cleaned not fetched into ../devdata")
def test_tbaq_floors(annotator) -> None:
    """Floors under the training data's scores (measured: relaxed F1 91.5, value F1 71.3;
    TimeBank tunes, AQUAINT validates: value F1 71.6 and 70.6)."""
    from tui.evaluation.timeml import evaluate_timeml

    report = evaluate_timeml(TBAQ, annotator)
    assert report.documents >= 256
    overall = report.total.to_dict()
    assert overall["relaxed"]["f1"] >= 89 and overall["value"]["f1"] >= 69
