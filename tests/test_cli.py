"""The ``byline`` command, run in-process (the annotating tests load the real spaCy model)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tui import __version__
from tui.cli import main
from tui.model import Annotation, Article, Quote, Span, Speaker
from tui.render_text import clean, render_annotation

ARTICLE_A = (
    "Title: Council approves the new bridge\n"
    "Date: 2021-03-04\n"
    "\n"
    '"We will finish the bridge by spring," Mayor Anna Kowalska said on Monday.\n'
)
ARTICLE_B = "Harbour reopens after storm\nThe harbour reopened on Tuesday, officials said.\n"


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("byline: ")
    return lines[0]


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "b-bridge.txt", tmp_path / "a-harbour.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    return a, b


# -- errors need no model ----------------------------------------------------------------


def test_missing_file_is_one_line_error(tmp_path: Path, capsys):
    missing = tmp_path / "absent.txt"
    assert main(["annotate", str(missing)]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    line = one_error_line(err)
    assert str(missing) in line and "no such file" in line


@pytest.mark.parametrize("date", ["2021-02-30", "yesterday", "2021-3-4"])
def test_bad_date_is_one_line_error(articles, capsys, date: str):
    assert main(["annotate", str(articles[0]), "--date", date]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "--date" in one_error_line(err)


def test_missing_model_is_one_line_error(articles, capsys):
    assert main(["annotate", str(articles[0]), "--model", "no_such_pipeline_xyz"]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "not installed" in one_error_line(err)


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"byline {__version__}"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "annotate" in out and "eval" in out
    assert "Reader keys" in out and "Ctrl+P" in out


KEY_ENTRIES = ("t next pane", "n/N next/previous quote", "Ctrl+P command palette", "q quit.")


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["index", "--help"], ["serve", "--help"]])
def test_help_fits_the_terminal(argv: list[str], as_terminal, capsys):
    """The help's paragraphs are re-wrapped to the terminal (80 columns here), not kept at
    the line breaks of the source; the keys' list breaks only between its entries."""
    width = as_terminal()
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if len(line) > width] == []
    if argv[0] in ("--help", "-h"):
        for entry in KEY_ENTRIES:
            assert any(entry in line for line in lines), entry


def test_the_reader_reports_unreadable_paths_in_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "missing.txt")]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "missing.txt" in err and "no articles to open" in err


def test_usage_error_exits_2(capsys):
    assert main(["annotate"]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "usage"),
    [
        (["people", "--limit", "x"], "usage: byline people "),
        (["serve", "--max-sessions", "0"], "usage: byline serve "),
        (["feed", "add"], "usage: byline feed add "),
    ],
)
def test_a_command_s_usage_line_names_the_command(argv, usage, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert "COMMAND" not in err.splitlines()[0]


def test_a_mistyped_command_gets_a_hint(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["libary"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("byline: libary: ")
    assert err.rstrip().endswith("(did you mean `byline library`?)")
    assert main(["zebra"]) == 1  # nothing close: no guess
    assert "did you mean" not in capsys.readouterr().err


def test_internal_error_is_one_line(articles, capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr("tui.cli.annotate.write_annotations", boom)
    assert main(["annotate", str(articles[0])]) == 1
    assert one_error_line(capsys.readouterr().err).startswith("byline: internal error:")


def test_keyboard_interrupt_exits_130_quietly(articles, capsys, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tui.cli.annotate.write_annotations", interrupt)
    assert main(["annotate", str(articles[0])]) == 130
    assert capsys.readouterr().err == ""


def test_broken_pipe_exits_quietly(articles, capsys, monkeypatch):
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["annotate", "--format", "jsonl", str(articles[0])]) != 0
    assert capsys.readouterr().err == ""


# -- annotating (real model) ---------------------------------------------------------------


def test_jsonl_prints_one_object_per_input_in_order(articles, capsys):
    a, b = articles
    assert main(["annotate", "--format", "jsonl", str(a), str(b)]) == 0
    out, err = capsys.readouterr()
    assert [line for line in err.splitlines() if str(b) not in line] == []  # b is undated
    lines = out.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert all(r["schema"] == "byline/3" for r in records)
    assert records[0]["article"]["title"] == "Council approves the new bridge"
    assert records[0]["article"]["date"] == "2021-03-04"
    assert records[1]["article"]["title"] == "Harbour reopens after storm"


def test_single_file_json_is_one_indented_object_and_date_fills_in(articles, capsys):
    assert main(["annotate", str(articles[1]), "--date", "2020-05-06"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert out.startswith("{\n")
    assert data["article"]["date"] == "2020-05-06"
    # The header date wins over --date.
    assert main(["annotate", str(articles[0]), "--date", "2020-05-06"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["date"] == "2021-03-04"


def test_an_undated_article_is_said_so_in_one_line(articles, tmp_path, capsys):
    assert main(["annotate", str(articles[1])]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(articles[1]) in err[0]
    assert "no publication date" in err[0] and "--date YYYY-MM-DD" in err[0]
    # dated by its header, by --date, or by a date line opening the text: nothing said
    assert main(["annotate", str(articles[0])]) == 0
    assert main(["annotate", str(articles[1]), "--date", "2020-05-06"]) == 0
    dated = tmp_path / "dated.txt"
    dated.write_text(
        "Harbour reopens\nTuesday, March 9, 2021\n\nThe harbour reopened on Monday.\n",
        encoding="utf-8",
    )
    assert main(["annotate", str(dated)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out.split("\n}\n")[-2] + "\n}")["article"]["date"] == "2021-03-09"


def test_bad_file_is_reported_and_the_others_still_annotated(articles, tmp_path, capsys):
    missing = tmp_path / "absent.txt"
    argv = ["annotate", str(articles[0]), str(missing), str(articles[1]), "--date", "2021-03-09"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert str(missing) in one_error_line(err)
    titles = [json.loads(line)["article"]["title"] for line in out.splitlines()]
    assert titles == ["Council approves the new bridge", "Harbour reopens after storm"]


def test_directory_expands_to_sorted_txt_articles(articles, tmp_path, capsys):
    (tmp_path / "README.txt").write_text("Not an article\nJust notes.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    assert main(["annotate", str(tmp_path)]) == 0
    titles = [json.loads(line)["article"]["title"] for line in capsys.readouterr().out.splitlines()]
    assert titles == ["Harbour reopens after storm", "Council approves the new bridge"]


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE_B))
    assert main(["annotate", "-", "--date", "2022-01-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "byline/3"
    assert data["article"]["title"] == "Harbour reopens after storm"
    assert data["article"]["date"] == "2022-01-02"


def test_stdin_bytes_are_decoded(monkeypatch, capsys):
    raw = io.TextIOWrapper(io.BytesIO(("\ufeff" + ARTICLE_B).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", raw)
    assert main(["annotate", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["title"] == "Harbour reopens after storm"


def test_empty_stdin_is_an_error(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("   \n"))
    assert main(["annotate", "-"]) == 1
    assert "no article text" in one_error_line(capsys.readouterr().err)


def test_text_format_shows_the_title(articles, capsys):
    assert main(["annotate", "--format", "text", str(articles[0])]) == 0
    out = capsys.readouterr().out
    assert "Council approves the new bridge" in out
    assert "2021-03-04" in out


# -- eval -----------------------------------------------------------------------------------


def _gold_line(article_id: str, title: str, text: str, quote: str, speaker: str) -> str:
    start = text.index(quote)
    speaker_start = text.index(speaker)
    return json.dumps(
        {
            "id": article_id,
            "file": f"{article_id}.txt",
            "title": title,
            "date": "2021-03-04",
            "text": text,
            "quotes": [
                {
                    "quote": quote,
                    "quote_span": [start, start + len(quote)],
                    "kind": "direct",
                    "speaker": speaker,
                    "speaker_span": [speaker_start, speaker_start + len(speaker)],
                    "verb": "said",
                    "verb_span": [text.index(" said") + 1, text.index(" said") + 5],
                    "reference": speaker,
                }
            ],
        }
    )


def test_eval_json(tmp_path: Path, capsys):
    text_a = '"The bridge will be finished by spring," Anna Kowalska said on Monday.\n'
    text_b = 'The harbour reopened. "It was a long week," Piotr Nowak said.\n'
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        _gold_line(
            "t-1", "Bridge", text_a, '"The bridge will be finished by spring,"', "Anna Kowalska"
        )
        + "\n"
        + _gold_line("t-2", "Harbour", text_b, '"It was a long week,"', "Piotr Nowak")
        + "\n",
        encoding="utf-8",
    )
    assert main(["eval", str(gold), "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["overall"]["counts"]["gold"] == 2
    assert [a["id"] for a in report["articles"]] == ["t-1", "t-2"]
    assert set(report["overall"]["by_kind"]) == {"direct"}
    for key in ("speaker_mention_accuracy", "resolved_speaker_accuracy", "cue_accuracy"):
        assert key in report["overall"]
    assert 0.0 <= report["overall"]["lenient"]["f1"] <= 100.0
    assert report["engine"]["model"]

    # The table form names every article; an impossible --min-f1 fails.
    assert main(["eval", str(gold), "--min-f1", "100.1"]) == 1
    assert "--min-f1" in one_error_line(capsys.readouterr().err)
    assert main(["eval", str(gold)]) in (0, 1)
    out = capsys.readouterr().out
    assert "t-1" in out and "t-2" in out and "indirect" in out


def test_eval_bad_gold_is_one_line_error(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    assert main(["eval", str(gold)]) == 1
    assert f"{gold}:1:" in one_error_line(capsys.readouterr().err)
    assert main(["eval", str(tmp_path / "absent.jsonl")]) == 1
    assert "no such file" in one_error_line(capsys.readouterr().err)


# -- import cost and rendering safety ----------------------------------------------------------


def test_import_does_not_load_spacy():
    code = (
        "import sys, tui, tui.cli, tui.render_text, tui.evaluation; "
        "assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_rendering_neutralises_markup_and_control_characters():
    text = 'Hi. "[bold red]x[/] \x1b[31mred\x1b[0m \x9b2J," [link=http://e]he[/link] said.'
    article = Article.from_text(text, title="Evil \x1b]0;pwned\x07 [b]title[/b]", date="2021-01-01")
    start, end = text.index('"'), text.rindex('"') + 1
    said = text.index("said")
    speaker = Speaker("s1", "[link=http://e]he[/link]\x1b[2J", "person", aliases=("\x07bell",))
    quote = Quote(
        "q1",
        start,
        end,
        text[start:end],
        "direct",
        cue=Span.of(text, said, said + 4),
        speaker_id="s1",
        speaker_mention=Span.of(text, text.index("[link"), said - 1),
    )
    buffer = io.StringIO()
    console = Console(file=buffer, width=200, force_terminal=False, color_system=None)
    render_annotation(Annotation(article, speakers=(speaker,), quotes=(quote,)), console)
    out = buffer.getvalue()
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "[b]title[/b]" in out  # shown literally, not applied as markup
    assert "[bold red]x[/]" in out
    assert "[link=http://e]he[/link]" in out


def test_clean():
    assert clean("a\x1bb\x00c\td\ne\u202ef") == "a\ufffdb\ufffdc\td\ne\ufffdf"
    assert clean("a\n\n b\tc", single_line=True) == "a b c"
    assert clean("word " * 20, single_line=True, limit=20).endswith("…")
    assert len(clean("x" * 50, limit=10)) == 10
    assert clean(None) == ""


def test_fit_row_counts_cells_and_keeps_the_columns():
    from rich.cells import cell_len

    from tui.cli.common import MIN_TEXT_CELLS, fit_row

    columns, title = "ab12  2021-03-04  ", "東京 talks on the budget go on through the night"
    assert fit_row(columns, title, None) == columns + title  # not a terminal: whole
    row = fit_row(columns, title, 40)
    assert row.startswith(columns + "東京 talks") and row.endswith("…") and cell_len(row) <= 40
    narrow = fit_row(columns, title, 20)  # the columns alone fill it: a title is still shown
    assert narrow.startswith(columns + "東京") and narrow.endswith("…")
    assert cell_len(narrow) - len(columns) <= MIN_TEXT_CELLS


def test_fill_paragraph_breaks_a_list_between_its_entries():
    from tui.cli.common import fill_paragraph

    text = "Keys: a first · bb second one · c a third entry longer than the whole line is"
    lines = fill_paragraph(text, 24, "  ").splitlines()
    assert lines == [
        "  Keys: a first ·",
        "  bb second one ·",
        "  c a third entry longer",
        "  than the whole line is",
    ]
    assert fill_paragraph("one\ntwo  three", 80) == "one two three"


def test_annotate_reads_pages_and_feeds_by_their_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``byline annotate page.html`` annotates the page's article, not its markup; a feed
    file gives one annotation per full-text item (JSON Lines, since there are several)."""
    body = "".join(
        f"<p>The minister said the bridge would open in May, officials in Gdansk said. {i}</p>"
        for i in range(4)
    )
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Bridge to open</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Bridge to open</h1>{body}</article>"
        "</body></html>",
        encoding="utf-8",
    )
    assert main(["annotate", str(page)]) == 0
    article = json.loads(capsys.readouterr().out)["article"]
    assert "<p>" not in article["text"] and "Home" not in article["text"]
    assert article["title"] == "Bridge to open"

    items = "".join(
        f"<item><title>Item {i}</title><link>https://example.org/{i}</link>"
        f"<content:encoded><![CDATA[{body * 4}]]></content:encoded></item>"  # full text
        for i in range(2)
    )
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Example</title>{items}</channel></rss>",
        encoding="utf-8",
    )
    assert main(["annotate", str(feed), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["article"]["title"] for line in lines] == ["Item 0", "Item 1"]
