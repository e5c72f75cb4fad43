"""Scoring attribution spans against PolNeAR's brat files (CofeNet's exact-match metric).

The format and the metric are tested on a small hand-made split; the real dev split is
scored only where it has been fetched beside the clone (``../devdata/polnear``), with
floors against regressions. PolNeAR's test split is held out and refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.evaluation.polnear import (
    PolnearError,
    PolnearReport,
    load_polnear,
    parse_ann,
    score_document,
)
from tui.model import Annotation, Article, EngineInfo, Quote, Span, Speaker

DEV = Path(__file__).resolve().parent.parent.parent / "devdata" / "polnear" / "data" / "dev"
TEXT = "Headline here\n\nThe mayor said the bridge would open. Critics doubt it.\n"
ANN = (
    "T1\tSource 15 24\tThe mayor\n"
    "T2\tCue 25 29\tsaid\n"
    "T3\tContent 30 51\tthe bridge would open\n"
    "T4\tAttribution 25 29\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 61 66\tdoubt\n"
    "T6\tContent 67 69;69 69\tit\nand more text on a second line\n"
    "T7\tAttribution-no-source 61 66\tdoubt\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
)


def _split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "cnn_2016-05-04_bridge.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "cnn_2016-05-04_bridge_ab12.ann").write_text(ANN, "utf-8")
    (root / "attributions" / "cnn_2016-05-04_bridge_zz99.ann").write_text("", "utf-8")
    return root


def test_brat_attributions_are_read_with_their_roles(tmp_path: Path) -> None:
    [document] = load_polnear(_split(tmp_path / "dev"))
    assert document.name == "cnn_2016-05-04_bridge"
    assert document.article().date == "2016-05-04"
    first, second = document.attributions
    assert (first.source, first.cue, first.content) == ((15, 24), (25, 29), (30, 51))
    assert second.source is None and second.cue == (61, 66) and second.content == (67, 69)
    assert TEXT[slice(*first.content)] == "the bridge would open"


def test_bad_or_held_out_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PolnearError, match="held out"):
        load_polnear(_split(tmp_path / "test"))
    with pytest.raises(PolnearError, match="text/ and attributions/"):
        load_polnear(tmp_path)
    with pytest.raises(PolnearError, match=":1: not a brat"):
        parse_ann("garbage line\n", "x.ann")


def _annotation(document_text: str, spans: list[tuple[int, int, int, int, int, int]]) -> Annotation:
    article = Article.from_text(document_text)
    quotes = tuple(
        Quote(
            f"q{i}",
            start,
            end,
            document_text[start:end],
            "indirect",
            speaker_id="s1",
            cue=Span.of(document_text, cue_start, cue_end),
            speaker_mention=Span.of(document_text, source_start, source_end),
        )
        for i, (start, end, cue_start, cue_end, source_start, source_end) in enumerate(spans, 1)
    )
    speakers = (Speaker("s1", "The mayor", "person"),)
    return Annotation(article, speakers=speakers, quotes=quotes, engine=EngineInfo("x", "m"))


def test_exact_spans_score_and_near_misses_do_not(tmp_path: Path) -> None:
    [document] = load_polnear(_split(tmp_path / "dev"))
    report = PolnearReport("dev")
    # the first attribution exactly; a content one character short for the second
    score_document(
        document, _annotation(TEXT, [(30, 51, 25, 29, 15, 24), (67, 68, 61, 66, 0, 8)]), report
    )
    counts = {role: c.to_dict() for role, c in report.roles.items()}
    assert (
        counts["source"]["gold"],
        counts["source"]["predicted"],
        counts["source"]["matched"],
    ) == (1, 2, 1)
    assert (counts["cue"]["matched"], counts["content"]["matched"]) == (2, 1)
    assert counts["content"]["f1"] == 50.0 and counts["cue"]["f1"] == 100.0


def test_a_quote_interrupted_by_its_attribution_is_one_content() -> None:
    """Two quotes for us (the Gender Gap Tracker's convention), one content for PolNeAR."""
    from tui.evaluation.polnear import predicted_spans

    text = "“We will win,” Ana Ruiz said, smiling. “Nobody doubts it.” Later, “more” came."
    first = text.index("“We"), text.index(" Ana")
    said = text.index("said")
    second = text.index("“Nobody"), text.index(" Later")
    cue = Span.of(text, said, said + 4)
    quotes = (
        Quote("q1", *first, text[slice(*first)], "direct", cue=cue, speaker_id="s1"),
        Quote("q2", *second, text[slice(*second)], "direct", speaker_id="s1"),
        Quote("q3", text.index("“more"), text.index(" came"), "“more”", "direct"),
    )
    annotation = Annotation(Article.from_text(text), quotes=quotes)
    contents = predicted_spans(annotation)["content"]
    assert contents == {(first[0], second[1]), (quotes[2].start, quotes[2].end)}


def test_eval_polnear_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    split = _split(tmp_path / "dev")

    class Fixed:
        model = "m"

        def annotate_many(self, articles: Any) -> Any:
            for article in articles:
                yield _annotation(article.text, [(30, 51, 25, 29, 15, 24)])

    monkeypatch.setattr("tui.cli.annotate._make_annotator", lambda model: Fixed())
    assert main(["eval", "--polnear", str(split), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents_scored"] == 1
    assert report["roles"]["cue"] == {
        "precision": 100.0,
        "recall": 50.0,
        "f1": 66.67,
        "gold": 2,
        "predicted": 1,
        "matched": 1,
    }
    assert main(["eval", "--polnear", str(split)]) == 0
    assert "cue" in capsys.readouterr().out
    assert main(["eval", "--polnear", str(tmp_path / "nowhere")]) == 1
    assert main(["eval", "--polnear", str(split), "--meantime", str(split)]) == 1


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev split not fetched into ../devdata")
def test_polnear_dev_floors(annotator) -> None:
    """Floors under the validation split's exact-match F1 (measured 65.4 · 60.0 · 48.1)."""
    from tui.evaluation.polnear import evaluate_polnear

    report = evaluate_polnear(DEV, annotator)
    assert report.documents == 84
    assert report.f1("source") >= 62 and report.f1("cue") >= 57 and report.f1("content") >= 45
