"""What a person sees on a running app's screen: every cell's character, colours and contrast.

The screen is taken from the compositor with the app's own line filters applied (ANSI colours
to the theme's RGB, dimming), the way the driver writes it. Colours are measured as the
terminal shows them: ``reverse`` swaps them, ``dim`` halves the text colour towards the
background (what terminals do), and in the 16-colour palette every colour is first reduced
to the ANSI colour a terminal would get (``TEXTUAL_COLOR_SYSTEM=standard``) and read back
through the theme's ANSI palette. Contrast is WCAG 2's ratio of relative luminances.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style

from tui.palette import RGB, contrast

AA = 4.5  # WCAG AA for text


@dataclass(frozen=True, slots=True)
class Cell:
    x: int
    y: int
    char: str
    fg: RGB
    bg: RGB
    style: Style

    @property
    def contrast(self) -> float:
        return contrast(self.fg, self.bg)


def _rgb(color: Color | None, default: RGB, app: Any, sixteen: bool) -> RGB:
    if color is None or color.is_default:
        return default
    if sixteen:
        color = color.downgrade(ColorSystem.STANDARD)
    if color.number is not None and color.number < 16:
        theme = app.ansi_theme_dark if app.current_theme.dark else app.ansi_theme_light
        triplet = theme.ansi_colors[color.number]
        return (triplet.red, triplet.green, triplet.blue)
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _blend(fg: RGB, bg: RGB, amount: float) -> RGB:
    r, g, b = (round(f + (k - f) * amount) for f, k in zip(fg, bg, strict=True))
    return (r, g, b)


def screen_cells(app: Any, *, sixteen: bool = False) -> Iterator[Cell]:
    """Every cell of the app's current screen, top to bottom, left to right."""
    from textual.color import Color as TextualColor

    background = app.screen.styles.background or TextualColor(0, 0, 0)
    theme_fg = app.screen.styles.color
    default_bg: RGB = (background.r, background.g, background.b)
    default_fg: RGB = (theme_fg.r, theme_fg.g, theme_fg.b) if theme_fg else (255, 255, 255)
    strips = app.screen._compositor.render_strips()
    for y, strip in enumerate(strips):
        for line_filter in app.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        x = 0
        for segment in strip:
            text, style, control = segment
            if control or style is None:
                x += Segment(text).cell_length
                continue
            fg = _rgb(style.color, default_fg, app, sixteen)
            bg = _rgb(style.bgcolor, default_bg, app, sixteen)
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = _blend(fg, bg, 0.5)
            for char in text:
                yield Cell(x, y, char, fg, bg, style)
                x += 1


def illegible(app: Any, *, sixteen: bool = False, floor: float = AA) -> list[Cell]:
    """The cells holding a visible character whose contrast is below ``floor``.

    The named exceptions: box-drawing and block characters (borders, rules, scrollbars)
    are decoration, and behind a modal screen (help, a dialog) only the modal's own
    widgets count, because Textual dims the screen beneath it on purpose."""
    from textual.screen import ModalScreen

    screen = app.screen
    regions = (
        [child.region for child in screen.children if child.display]
        if isinstance(screen, ModalScreen)
        else None
    )
    return [
        cell
        for cell in screen_cells(app, sixteen=sixteen)
        if cell.char.strip()
        and not ("\u2500" <= cell.char <= "\u259f")
        and cell.contrast < floor
        and (regions is None or any(r.contains(cell.x, cell.y) for r in regions))
    ]


def describe(cells: list[Cell], screen_text: list[str] | None = None) -> str:
    """The failing cells grouped by colour pair, with the text they spell."""
    groups: dict[tuple[RGB, RGB], list[Cell]] = {}
    for cell in cells:
        groups.setdefault((cell.fg, cell.bg), []).append(cell)
    lines = []
    for (fg, bg), members in sorted(groups.items(), key=lambda item: -len(item[1])):
        sample = "".join(c.char for c in members[:40])
        first = members[0]
        lines.append(
            f"{len(members):4} cells {contrast(fg, bg):.2f}:1 fg={fg} bg={bg}"
            f" at ({first.x},{first.y}) {sample!r}"
        )
    return "\n".join(lines)
