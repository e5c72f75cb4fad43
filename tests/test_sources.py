"""The plain-text loader and the paragraph splitter. None of these tests needs spaCy."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.nlp.text.paragraphs import Paragraph, split_paragraphs
from tui.sources import SourceError, load_text_file, parse_plain_text
from tui.sources.plaintext import decode_bytes, normalise_date

SEED = "seed-trump-zelenskyy-nato.txt"
SEED_TITLE = "Trump says U.S. to consider more air-defense batteries for Ukraine"
CORPUS_SAMPLE = "032-fiancee-of-murdered-saudi-journalist-demands-justice-at-un.txt"

WRAPPABLE = (
    "Zelenskyy went into the meeting looking to persuade the US leader to sell weapons to "
    "Ukraine, and he appealed to Trump to ramp up sanctions on Russia, arguing that it is the "
    "only way to persuade Putin to engage seriously with peace talks that have so far yielded "
    "few results even after two rounds of direct negotiations in Istanbul this spring."
)


def check_spans(text: str, paragraphs: list[Paragraph]) -> None:
    """Every paragraph indexes ``text``, is trimmed and non-empty; they are ordered, disjoint."""
    previous_end = 0
    for paragraph in paragraphs:
        assert 0 <= previous_end <= paragraph.start < paragraph.end <= len(text)
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip()
        previous_end = paragraph.end


def finishes(action: Callable[[], Any], fifo: Path | None = None, timeout: float = 10.0) -> Any:
    """Run ``action`` in a thread; fail (and unblock a reader of ``fifo``) if it hangs."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = action()
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        if fifo is not None:  # a reader blocked in open() is released by a writer
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(timeout)
        pytest.fail(f"blocked for more than {timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# --- the corpus header format -------------------------------------------------------------


def test_header_fields_and_body_of_a_bundled_corpus_file(samples_dir: Path) -> None:
    path = samples_dir / CORPUS_SAMPLE
    raw = path.read_text(encoding="utf-8")
    header, body = raw.split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.split("\n"))

    article = load_text_file(path)

    assert article.text == body
    assert article.title == fields["Title"]
    assert article.date == fields["Date"] == "2019-09-29"
    assert article.source == fields["Source"]
    assert article.source.startswith("Wikinews")
    assert article.url == fields["URL"]
    assert article.url.startswith("https://en.wikinews.org/wiki/")


def test_corpus_bodies_equal_the_gold_texts(
    shared_dir: Path, gold_articles: list[dict[str, Any]]
) -> None:
    chosen = [gold for gold in gold_articles if gold["file"][:3] in {"003", "012", "025"}]
    assert len(chosen) == 3
    for gold in chosen:
        path = shared_dir / "corpus" / gold["file"]
        article = load_text_file(path)
        assert article.text == gold["text"], gold["file"]
        assert article.text == path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        assert article.title == gold["title"]
        assert article.date == gold["date"]
        assert article.source is not None and article.source.startswith("Wikinews")
        assert article.url is not None and article.url.startswith("https://en.wikinews.org/")


def test_header_date_wins_over_the_fallback_date() -> None:
    raw = "Title: T\nDate: 2019-01-05\n\nBody.\n"
    assert parse_plain_text(raw, date="2020-02-02").date == "2019-01-05"
    no_date = "Title: T\nSource: S\n\nBody.\n"
    assert parse_plain_text(no_date, date="2020-02-02").date == "2020-02-02"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-05", "2019-01-05"),
        ("2019/01/05", "2019-01-05"),
        ("5 January 2019", "2019-01-05"),
        ("January 5, 2019", "2019-01-05"),
        ("2019-01-05T10:00:00Z", "2019-01-05"),
        ("2019-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_header_without_blank_line_is_not_a_header() -> None:
    raw = "Title: Something\nURL: https://example.org/\nA body line right after it.\n"
    article = parse_plain_text(raw)
    assert article.url is None
    assert article.text.endswith("URL: https://example.org/\nA body line right after it.\n")


def test_header_only_file_has_an_empty_body() -> None:
    article = parse_plain_text("Title: Just a title\nDate: 2019-01-05\n")
    assert article.title == "Just a title"
    assert article.date == "2019-01-05"
    assert article.text == ""


# --- bare files: the seed article and friends ---------------------------------------------


def test_the_seed_sample_carries_its_title_and_date(samples_dir: Path) -> None:
    article = load_text_file(samples_dir / SEED)
    assert article.title == SEED_TITLE
    assert article.date == "2025-06-25"  # the day its content establishes (seed README)
    assert article.text.startswith("Donald Trump said")
    assert article.url is None and article.source is None


def test_a_bare_files_first_line_is_the_title(samples_dir: Path, tmp_path: Path) -> None:
    """The seed as it was supplied: the headline on the first line, no header, no date."""
    sample = load_text_file(samples_dir / SEED)
    bare = tmp_path / "bare.txt"
    bare.write_text(f"{SEED_TITLE}\n{sample.text}", encoding="utf-8")
    article = load_text_file(bare)
    assert article.title == SEED_TITLE
    assert article.text == sample.text and article.id == sample.id
    assert article.date is None and article.url is None and article.source is None
    assert load_text_file(bare, date="2025-06-25").date == "2025-06-25"


@pytest.mark.parametrize(
    "raw",
    [
        "Donald Trump said he will look into it.\nZelenskyy described the encounter.\n",
        "A single line without a newline",
        "Only a headline-like line\n",
        "Only a headline-like line\n\n   \n",
        " ".join(["word"] * 30) + "\nSecond line.\n",
        "Is this a headline?\nNo, it is a question.\n",
        "\nLeading blank line\nthen text.\n",
        "",
    ],
)
def test_no_headline_keeps_all_text(raw: str) -> None:
    article = parse_plain_text(raw)
    assert article.title is None
    assert article.text == raw


def test_crlf_input(tmp_path: Path) -> None:
    lf = "Title: Crlf test\nDate: 2020-03-04\nURL: https://example.org/a\n\nFirst.\n\nSecond.\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(lf.replace("\n", "\r\n").encode("utf-8"))
    article = load_text_file(path)
    assert article == parse_plain_text(lf)
    assert article.title == "Crlf test"
    assert article.url == "https://example.org/a"
    assert article.text == "First.\n\nSecond.\n"
    assert "\r" not in article.text


def test_crlf_and_lone_cr_in_a_bare_file() -> None:
    assert parse_plain_text("Headline here\r\nBody text.\r\n").text == "Body text.\n"
    article = parse_plain_text("Headline here\rBody text.\rMore.")
    assert article.title == "Headline here"
    assert article.text == "Body text.\nMore."


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle: With BOM\nDate: 2019-01-05\n\nBody.\n")
    article = load_text_file(path)
    assert article.title == "With BOM"
    assert article.date == "2019-01-05"
    assert article.text == "Body.\n"
    assert parse_plain_text("\ufeffHeadline\nBody.").title == "Headline"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Headline\nGdańsk said “yes”.\n".encode("utf-16"))
    article = load_text_file(path)
    assert article.title == "Headline"
    assert article.text == "Gdańsk said “yes”.\n"


def test_undeclared_windows_1252_is_detected_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Title: Caf\xe9 society\n\nThe caf\xe9 said \x93no\x94.\n")
    notes: list[str] = []
    article = load_text_file(path, report=notes.append)
    assert article.title == "Café society"
    assert article.text == "The café said “no”.\n"
    assert len(notes) == 1 and "windows-1252" in notes[0]
    assert decode_bytes(b"ok \xff") == "ok \ufffd"


def test_invalid_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    # valid UTF-8 around a byte that is neither UTF-8 nor printable Windows-1252 (0x81)
    path.write_bytes("Headline\nGdańsk said \x81 yes.\n".encode().replace(b"\xc2\x81", b"\x81"))
    notes: list[str] = []
    article = load_text_file(path, report=notes.append)
    assert "\ufffd" in article.text and article.text.startswith("Gdańsk said")
    assert any("replaced" in note for note in notes)


# --- errors: always SourceError, with the path, never blocking ------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(SourceError, match="no such file") as caught:
        load_text_file(path)
    assert str(path) in str(caught.value)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="directory") as caught:
        load_text_file(tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(SourceError, match="binary") as caught:
        load_text_file(path)
    assert str(path) in str(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_fifo_raises_and_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="not a regular file") as caught:
        finishes(lambda: load_text_file(fifo), fifo=fifo)
    assert str(fifo) in str(caught.value)


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        load_text_file(tmp_path / "missing\u2028name.txt")
    assert "\n" not in str(caught.value).replace("\u2028", "")


def test_loading_does_not_import_spacy(repo_root: Path) -> None:
    code = (
        "import sys, tui.sources, tui.nlp.text.paragraphs, tui.model\n"
        "a = tui.sources.load_text_file('samples/" + SEED + "')\n"
        "tui.nlp.text.paragraphs.split_paragraphs(a.text)\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_every_sample_loads_and_is_attributed(samples_dir: Path) -> None:
    attribution = (samples_dir / "ATTRIBUTION.md").read_text(encoding="utf-8")
    samples = sorted(samples_dir.glob("*.txt"))
    assert len(samples) >= 13
    for path in samples:
        assert f"`{path.name}`" in attribution, path.name
        article = load_text_file(path)
        assert article.title and article.text.strip()


# --- split_paragraphs ----------------------------------------------------------------------


def test_blank_line_layout() -> None:
    text = "First paragraph.\n\nSecond one,\nstill second.\n\n\n  Third.  \n \t\nFourth\n"
    paragraphs = split_paragraphs(text)
    check_spans(text, paragraphs)
    assert [p.text for p in paragraphs] == [
        "First paragraph.",
        "Second one,\nstill second.",
        "Third.",
        "Fourth",
    ]


def test_one_line_per_paragraph_layout(samples_dir: Path) -> None:
    raw = f"{SEED_TITLE}\n{load_text_file(samples_dir / SEED).text}"  # as it was supplied
    paragraphs = split_paragraphs(raw)
    check_spans(raw, paragraphs)
    assert [p.text for p in paragraphs] == raw.strip().split("\n")
    assert paragraphs[0].text == SEED_TITLE


def test_corpus_layout(samples_dir: Path) -> None:
    article = load_text_file(samples_dir / CORPUS_SAMPLE)
    paragraphs = split_paragraphs(article.text)
    check_spans(article.text, paragraphs)
    assert [p.text for p in paragraphs] == article.text.strip().split("\n\n")


@pytest.mark.parametrize("width", [50, 60, 70, 72, 76, 79])
def test_soft_wrapped_lines_are_one_paragraph(width: int) -> None:
    wrapped = textwrap.fill(WRAPPABLE, width)
    lines = wrapped.split("\n")
    assert len(lines) >= 3
    # a wrapped line that ends a sentence ends a paragraph by design: keep them out of the test
    assert not any(line.endswith((".", "!", "?", ":")) for line in lines[:-1])
    text = f"{wrapped}\n\n{wrapped}\n"
    paragraphs = split_paragraphs(text)
    check_spans(text, paragraphs)
    assert [p.text for p in paragraphs] == [wrapped, wrapped]
    assert " ".join(paragraphs[0].text.split("\n")) == WRAPPABLE


def test_headline_on_its_own_line_is_its_own_paragraph() -> None:
    lead = WRAPPABLE
    text = f"Trump meets Zelenskyy at NATO summit\n{lead}\nSecond paragraph here.\n"
    paragraphs = split_paragraphs(text)
    check_spans(text, paragraphs)
    assert [p.text for p in paragraphs] == [
        "Trump meets Zelenskyy at NATO summit",
        lead,
        "Second paragraph here.",
    ]


def test_headline_above_wrapped_text_with_a_blank_line() -> None:
    wrapped = textwrap.fill(WRAPPABLE, 72)
    text = f"Short headline\n\n{wrapped}\n"
    assert [p.text for p in split_paragraphs(text)] == ["Short headline", wrapped]


@pytest.mark.parametrize("text", ["", "\n", " \n\t\n  ", "\n\n\n"])
def test_empty_or_blank_text_has_no_paragraphs(text: str) -> None:
    assert split_paragraphs(text) == []


_LAYOUT = st.sampled_from(["\n", "\n\n", " ", "\t", "\r", ".", "”", " \n ", "\u00a0", "\u2028"])
_TEXTS = st.lists(st.one_of(st.text(max_size=40), _LAYOUT, st.text("ab .\n", max_size=120)))


@given(_TEXTS.map("".join))
def test_split_paragraphs_property(text: str) -> None:
    paragraphs = split_paragraphs(text)
    check_spans(text, paragraphs)
    covered = set()
    for paragraph in paragraphs:
        covered.update(range(paragraph.start, paragraph.end))
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())


@given(_TEXTS.map("".join))
def test_parse_plain_text_property(raw: str) -> None:
    article = parse_plain_text(raw)
    normalised = raw.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    assert normalised.endswith(article.text)
    assert article.title is None or "\n" not in article.title
    check_spans(article.text, split_paragraphs(article.text))


@given(st.binary(max_size=300))
def test_decode_bytes_never_raises(data: bytes) -> None:
    text = decode_bytes(data)
    assert isinstance(parse_plain_text(text).text, str)


# --- hostile files: limits, permissions, noise (the CLI catalogue is test_hostile_inputs) ---


def test_oversized_article_is_refused_from_stat_before_reading(tmp_path: Path) -> None:
    from tui.sources import MAX_ARTICLE_BYTES

    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_ARTICLE_BYTES + 1)  # sparse; "2.0 MB" would not look over 2 MB
    with pytest.raises(SourceError) as caught:
        load_text_file(path)
    assert str(caught.value) == f"{path}: 2,000,001 bytes is over the 2 MB article limit"
    path.write_bytes(b"Headline\n" + b"word " * ((MAX_ARTICLE_BYTES - 9) // 5))
    assert len(load_text_file(path).text) > MAX_ARTICLE_BYTES - 20  # the limit itself is fine


def test_noise_without_nul_bytes_is_binary_and_markdown_is_checked_too(tmp_path: Path) -> None:
    from tui.sources import load_path

    noise = bytes(range(0x80, 0x100)) * 8  # no NUL, mostly invalid UTF-8 and not cp1252
    for name in ("noise.txt", "noise.md"):
        (tmp_path / name).write_bytes(noise)
        with pytest.raises(SourceError, match="looks like a binary file"):
            load_path(tmp_path / name)
    (tmp_path / "png.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match="looks like a binary file"):
        load_path(tmp_path / "png.md")


@pytest.mark.parametrize("name", ["empty.txt", "blank.md", "blank.txt"])
def test_load_path_refuses_a_file_without_text(tmp_path: Path, name: str) -> None:
    from tui.sources import load_path

    (tmp_path / name).write_text("" if name.startswith("empty") else " \n\t\n")
    with pytest.raises(SourceError) as caught:
        load_path(tmp_path / name)
    assert str(caught.value) == f"{tmp_path / name}: no article text"


def test_a_nul_in_the_path_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not a valid path"):
        load_text_file(f"{tmp_path}/a\0b.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_unreadable_file_and_unsearchable_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Headline\nBody.\n")
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Headline\nBody.\n")
    locked.chmod(0o600)  # listable, but not searchable: stat on its files fails
    try:
        for path in (secret, locked / "a.txt"):
            with pytest.raises(SourceError) as caught:
                load_text_file(path)
            assert str(caught.value) == f"{path}: permission denied"
    finally:
        locked.chmod(0o700)


def test_permission_denied_is_a_source_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads anything, so the OS is told to refuse (the real thing is tested as a user)."""
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody.\n")

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(SourceError) as caught:
        load_text_file(path)
    assert str(caught.value) == f"{path}: permission denied"


@pytest.mark.parametrize(
    ("opening", "date"),
    [
        ("Monday, January 7, 2019", "2019-01-07"),
        ("January 7, 2019", "2019-01-07"),
        ("7 January 2019", "2019-01-07"),
        ("2019-01-07", "2019-01-07"),
        ("WASHINGTON, Jan. 7, 2019 (Reuters) — The president said", "2019-01-07"),
        ("LONDON, 7 January 2019 - The bank said", "2019-01-07"),
        ("LONDON (AP) — The bank said", None),  # a dateline without a year
        ("The meeting on January 7, 2019 was short.", None),  # a date inside a sentence
        ("Sunday, February 30, 2020", None),  # no such day
    ],
)
def test_the_date_an_article_states_at_its_start(opening: str, date: str | None) -> None:
    from tui.sources.plaintext import date_in_text

    assert date_in_text(f"{opening}\n\nThe body of the article follows.") == date
    article = parse_plain_text(f"A headline\n{opening}\n\nThe body.")
    assert article.date == date
    # a date the user gives wins over what the text seems to state ("July 4, 1776 — …")
    given = parse_plain_text(f"A headline\n{opening}\n\nThe body.", date="1999-01-01")
    assert given.date == "1999-01-01"
