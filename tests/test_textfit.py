"""Text cut to a width at a word boundary, and table columns sized by their content."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.textfit import ELLIPSIS, FittedLines, clip, cut, outlet
from tui.widgets.virtual_table import share_widths


def test_a_cut_ends_on_a_whole_word() -> None:
    assert cut("Wikinews (en.wikinews.org)", 12) == "Wikinews…"
    assert cut("Global Voices Online", 12) == "Global…"
    assert cut("Trump says U.S. to consider more air-defense batteries", 38) == (
        "Trump says U.S. to consider more…"
    )
    assert cut("short", 12) == "short"


def test_a_word_longer_than_the_room_is_cut_inside_it() -> None:
    assert cut("Antidisestablishmentarianism", 10) == "Antidises…"
    assert cut("a Antidisestablishmentarianism", 10) == "a Antidis…"  # "a…" wastes the room


def test_wide_characters_count_as_two_cells() -> None:
    assert cut("日本語のテキスト", 7) == "日本語…"


def test_no_cut_ends_on_punctuation_or_a_space() -> None:
    assert cut("one, two, three, four", 10) == "one, two…"


def test_clip_keeps_the_styles_of_what_it_keeps() -> None:
    text = Text("Hello big world")
    text.stylize("bold", 0, 5)
    clipped = clip(text, 10)
    assert clipped.plain == "Hello big…" and clipped.spans[0].end == 5


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), st.integers(0, 40))
def test_a_cut_always_fits_and_keeps_a_prefix(text: str, width: int) -> None:
    shown = cut(text, width)
    assert cell_len(shown) <= width
    if shown != text and shown:
        assert shown.endswith(ELLIPSIS) and text.startswith(shown[:-1])


def test_fitted_lines_wrap_under_their_own_indent() -> None:
    console = Console(width=30, color_system=None)
    lines = FittedLines(Text("Title\n  a snippet that goes on over more words"), wrap=True)
    with console.capture() as capture:
        console.print(lines)
    shown = capture.get().splitlines()
    assert shown[1].startswith("  a snippet") and shown[2].startswith("  ")
    assert str(lines) == "Title\n  a snippet that goes on over more words"


def test_columns_shorter_than_their_share_are_whole_and_the_first_takes_the_rest() -> None:
    # Title (weight 3) and Source (weight 1) at 80 and 160 columns
    assert share_widths(49, [90, 26], [3, 1]) == [37, 12]
    assert share_widths(129, [90, 26], [3, 1]) == [103, 26]
    assert share_widths(129, [40, 13], [3, 1]) == [116, 13]
    assert share_widths(5, [90, 26], [3, 1]) == [4, 1]


@given(
    st.integers(0, 300),
    st.lists(st.tuples(st.integers(1, 200), st.integers(1, 5)), min_size=1, max_size=5),
)
def test_shared_widths_use_the_room_exactly(room: int, columns: list[tuple[int, int]]) -> None:
    wants = [w for w, _ in columns]
    weights = [k for _, k in columns]
    widths = share_widths(room, wants, weights)
    assert sum(widths) == max(room, len(wants))
    assert all(width >= 0 for width in widths)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Wikinews (en.wikinews.org); text via GitHub vanatteveldt/wikinews", "Wikinews"),
        ("Global Voices Online (author: Amira Al Hussaini); HTML via …", "Global Voices Online"),
        ("The Guardian — World news", "The Guardian"),
        ("BBC News", "BBC News"),
        ("(anonymous)", "(anonymous)"),  # nothing before the note: the line as it is
    ],
)
def test_a_source_line_is_shown_by_its_outlet(source: str, name: str) -> None:
    assert outlet(source) == name
