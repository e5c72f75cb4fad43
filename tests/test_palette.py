"""The theme palette: every colour legible on every background it is drawn on, in every
built-in Textual theme, and the speakers' colours told apart."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.theme import BUILTIN_THEMES

from tui.palette import (
    CURSOR_TINT,
    FOCUS_TINT,
    SELECTION_TINT,
    ThemePalette,
    blend,
    contrast,
    parse_hex,
)


def _grounds(variables: dict[str, str]) -> list[tuple[int, int, int]]:
    background = parse_hex(variables["background"])
    surface = parse_hex(variables["surface"])
    foreground = parse_hex(variables["foreground"])
    focused = blend(surface, foreground, FOCUS_TINT)
    return [
        background,
        surface,
        focused,
        blend(background, foreground, CURSOR_TINT),
        blend(focused, foreground, SELECTION_TINT),
    ]


@pytest.mark.parametrize("theme", sorted(set(BUILTIN_THEMES) - {"ansi-dark", "ansi-light"}))
def test_every_colour_is_legible_on_every_background(theme: str) -> None:
    """At least 4.5:1, or in a low-contrast theme as legible as the theme's own text."""
    app = App()
    app.theme = theme
    variables = app.get_css_variables()
    foreground = parse_hex(variables["foreground"])
    palette = ThemePalette.derive(
        parse_hex(variables["background"]),
        parse_hex(variables["surface"]),
        parse_hex(variables["foreground"]),
        dark=app.current_theme.dark,
    )
    for colour in (*palette.speakers, palette.muted, palette.timex, palette.event):
        for ground in _grounds(variables):
            target = min(4.5, contrast(foreground, ground) - 0.01)
            assert contrast(parse_hex(colour), ground) >= target, (theme, colour, ground)
    assert len(set(palette.speakers)) == len(palette.speakers)


def test_sixteen_colours_pick_ansi_names_legible_in_the_ansi_palette() -> None:
    app = App()
    terminal = app.ansi_theme_dark
    ansi = tuple((c.red, c.green, c.blue) for c in (terminal.ansi_colors[i] for i in range(16)))
    palette = ThemePalette.derive((0, 0, 0), (0, 0, 0), (255, 255, 255), dark=True, ansi=ansi)
    assert all(name.startswith("bright_") for name in palette.speakers)
    assert len(set(palette.speakers)) >= 3  # shared in turn, but several
    assert palette.cursor == palette.timex == palette.event == "default"


def test_sixteen_colours_on_a_light_theme_keep_speakers_apart_without_colour() -> None:
    """Textual's light ANSI palette has no colour a 16-colour console shows at 4.5:1 on its
    white: speakers go uncoloured, their quotes italic and names bold, rather than
    illegible."""
    from tui.highlight import Palette
    from tui.model import Annotation, Article, Speaker

    app = App()
    terminal = app.ansi_theme_light
    ansi = tuple((c.red, c.green, c.blue) for c in (terminal.ansi_colors[i] for i in range(16)))
    theme = ThemePalette.derive((224, 224, 224), (216, 216, 216), ansi[0], dark=False, ansi=ansi)
    assert set(theme.speakers) == {"default"}
    speaker = Speaker("s1", "Jane Doe", "person")
    annotation = Annotation(
        article=Article("a", None, None, None, None, "text"), speakers=(speaker,)
    )
    palette = Palette.for_annotation(annotation, sixteen=True, theme=theme)
    assert palette.speaker_style("s1").italic and palette.speaker_style("s1", strong=True).bold


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
def test_a_theme_of_terminal_colours_gets_ansi_names(theme: str) -> None:
    from tui.palette import for_app

    app = App()
    app.theme = theme
    palette = for_app(app)
    assert palette.cursor == "default"
    assert all(name.isidentifier() for name in palette.speakers)
