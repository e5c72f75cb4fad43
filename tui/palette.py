"""Colours derived from the active theme, each legible (WCAG AA, 4.5:1) where it is drawn.

Speakers need colours that tell them apart and read well on the article's background, on
the panes' surface and on the selection and cursor rows. Those backgrounds come from the
theme, so the colours are computed for it: each speaker hue's lightness is moved (towards
white on a dark theme, towards black on a light one) until its contrast reaches
:data:`TEXT_CONTRAST` against every background it may sit on. The selection and cursor
backgrounds are the theme's foreground laid thinly over its background (the stylesheet's
``$foreground 16%``), neutral, so a speaker's colour keeps its hue on them. With 16 colours
the same test picks, for each hue, the ANSI colour that passes in the theme's ANSI palette.

Pure functions of colours (no widgets): the reader builds one :class:`ThemePalette` per theme.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache

RGB = tuple[int, int, int]
TEXT_CONTRAST = 4.6  # a little over WCAG AA's 4.5, so rounding never drops below it
SELECTION_TINT = 0.16  # the stylesheet's "$foreground 16%": selected rows, focused
CURSOR_TINT = 0.10  # "$foreground 10%": the sentence cursor, an unfocused selection
FOCUS_TINT = 0.04  # "background-tint: $foreground 4%" of a focused pane
SPEAKER_HUES: tuple[float, ...] = (215, 30, 130, 300, 50, 185, 0, 265)
"""Hues (degrees) far apart in the order speakers get them: blue, orange, green, magenta,
gold, cyan, red, violet (the order of the 256-colour table the reader used before)."""
ANSI_BY_HUE: tuple[tuple[str, str], ...] = (
    ("blue", "bright_blue"),
    ("yellow", "bright_yellow"),
    ("green", "bright_green"),
    ("magenta", "bright_magenta"),
    ("yellow", "bright_yellow"),
    ("cyan", "bright_cyan"),
    ("red", "bright_red"),
    ("magenta", "bright_magenta"),
)
"""The ANSI colours standing for each hue in 16 colours (plain, then bright)."""
ANSI_NUMBERS = {
    "black": 0,
    "red": 1,
    "green": 2,
    "yellow": 3,
    "blue": 4,
    "magenta": 5,
    "cyan": 6,
    "white": 7,
    "bright_black": 8,
    "bright_red": 9,
    "bright_green": 10,
    "bright_yellow": 11,
    "bright_blue": 12,
    "bright_magenta": 13,
    "bright_cyan": 14,
    "bright_white": 15,
}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    first, second = sorted((luminance(a), luminance(b)), reverse=True)
    return (first + 0.05) / (second + 0.05)


def blend(base: RGB, over: RGB, amount: float) -> RGB:
    """``over`` laid on ``base`` at ``amount`` opacity (as CSS's "$colour 16%")."""
    r, g, b = (round(x + (y - x) * amount) for x, y in zip(base, over, strict=True))
    return (r, g, b)


def parse_hex(colour: str) -> RGB:
    """ "#1E1E1E" (an alpha part, if any, ignored); ValueError for anything else."""
    value = colour.strip().lstrip("#")
    if len(value) not in (6, 8):
        raise ValueError(f"not a hex colour: {colour!r}")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _nearest_ansi(rgb: RGB) -> int:
    """The ANSI colour (0-15) a 16-colour console writes for ``rgb`` (Rich's choice)."""
    from rich.color import Color, ColorSystem

    number = Color.from_rgb(*rgb).downgrade(ColorSystem.STANDARD).number
    return number if number is not None and number < 16 else 7


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _hls(hue: float, lightness: float, saturation: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(hue / 360, lightness, saturation)
    return (round(r * 255), round(g * 255), round(b * 255))


Grounds = tuple[tuple[RGB, float], ...]
"""Backgrounds, each with the contrast a colour needs on it."""


def grounds_for(backgrounds: tuple[RGB, ...], foreground: RGB) -> Grounds:
    """Each background with its target: :data:`TEXT_CONTRAST`, or where the theme's own text
    falls short of it (a low-contrast theme), as legible as the theme's text."""
    return tuple((bg, min(TEXT_CONTRAST, contrast(foreground, bg) - 0.01)) for bg in backgrounds)


def _passes(rgb: RGB, grounds: Grounds) -> bool:
    return all(contrast(rgb, bg) >= target for bg, target in grounds)


@lru_cache(maxsize=256)
def legible_hue(hue: float, grounds: Grounds, dark: bool) -> RGB:
    """The colour of ``hue`` nearest mid lightness that is legible on every ground (lighter
    on a dark theme, darker on a light one)."""
    steps = [i / 100 for i in range(50, 101)] if dark else [i / 100 for i in range(50, -1, -1)]
    for lightness in steps:
        for saturation in (0.85, 0.7, 0.5):
            rgb = _hls(hue, lightness, saturation)
            if _passes(rgb, grounds):
                return rgb
    return (255, 255, 255) if dark else (0, 0, 0)


def muted(foreground: RGB, grounds: Grounds) -> RGB:
    """The text colour faded towards the background as far as legibility allows: what the
    reader uses to set other speakers' quotes back without making them unreadable."""
    base = grounds[0][0]
    for step in range(60, -1, -2):
        rgb = blend(base, foreground, step / 100 + 0.4)
        if _passes(rgb, grounds):
            return rgb
    return foreground


@dataclass(frozen=True, slots=True)
class ThemePalette:
    """The reader's colours for one theme, as Rich colour strings."""

    speakers: tuple[str, ...]
    muted: str
    timex: str
    event: str
    cursor: str  # the sentence cursor's background
    match: str  # a search match's background

    @classmethod
    def derive(
        cls,
        background: RGB,
        surface: RGB,
        foreground: RGB,
        *,
        dark: bool,
        ansi: tuple[RGB, ...] | None = None,
    ) -> ThemePalette:
        """The palette for a theme's background, pane surface and text colour; with ``ansi``
        (the theme's 16 ANSI colours) one for a 16-colour terminal."""
        if ansi is not None:
            return cls._sixteen(background, foreground, dark, ansi)
        cursor = blend(background, foreground, CURSOR_TINT)
        match = blend(background, foreground, SELECTION_TINT + 0.06)
        focused = blend(surface, foreground, FOCUS_TINT)  # "Pane:focus" tints its surface
        backgrounds = (
            background,
            surface,
            focused,
            cursor,
            match,
            blend(surface, foreground, CURSOR_TINT),
            blend(focused, foreground, SELECTION_TINT),
        )
        grounds = grounds_for(backgrounds, foreground)
        speakers = tuple(to_hex(legible_hue(h, grounds, dark)) for h in SPEAKER_HUES)
        return cls(
            speakers=speakers,
            muted=to_hex(muted(foreground, grounds)),
            timex=to_hex(legible_hue(160, grounds, dark)),
            event=to_hex(legible_hue(185, grounds, dark)),
            cursor=to_hex(cursor),
            match=to_hex(match),
        )

    @classmethod
    def _sixteen(
        cls,
        background: RGB,
        foreground: RGB,
        dark: bool,
        ansi: tuple[RGB, ...],
    ) -> ThemePalette:
        """ANSI colour names: for each hue, the plain or bright ANSI colour that is legible
        on the background in the theme's ANSI palette (else the terminal's default).

        Judged as a 16-colour terminal gets them: Textual turns a named ANSI colour into
        the theme's RGB, and the console reduces every RGB to the nearest ANSI colour
        again, which is then shown in the palette; the background goes the same way."""
        shown = ansi[_nearest_ansi(background)]
        legible_on = ((shown, min(TEXT_CONTRAST, contrast(foreground, shown) - 0.01)),)

        def pick(names: tuple[str, ...]) -> str:
            for name in names:
                if _passes(ansi[_nearest_ansi(ansi[ANSI_NUMBERS[name]])], legible_on):
                    return name
            return "default"

        order = (lambda pair: (pair[1], pair[0])) if dark else (lambda pair: pair)
        legible: list[str] = []  # one colour per hue that passes, in the speakers' hue order
        for pair in ANSI_BY_HUE:
            name = pick(order(pair))
            if name != "default" and name not in legible:
                legible.append(name)
        # few ANSI colours are legible on any one background (three or four): the speakers
        # share them in turn, and times and events keep no colour of their own (underline,
        # italic) so as not to look like a speaker's words
        speakers = tuple(
            legible[i % len(legible)] if legible else "default" for i in range(len(ANSI_BY_HUE))
        )
        return cls(
            speakers=speakers,
            muted="default",
            timex="default",
            event="default",
            cursor="default",
            match="default",
        )


def sixteen_colours() -> bool:
    """Whether Textual draws in 16 colours (``TEXTUAL_COLOR_SYSTEM=standard``)."""
    import os

    return os.environ.get("TEXTUAL_COLOR_SYSTEM") == "standard"


def for_app(app: object) -> ThemePalette:
    """The palette of a running Textual app's theme (in 16 colours: in the theme's 16 ANSI
    colours)."""
    variables = app.get_css_variables()  # type: ignore[attr-defined]
    dark = bool(getattr(app.current_theme, "dark", True))  # type: ignore[attr-defined]
    terminal = app.ansi_theme_dark if dark else app.ansi_theme_light  # type: ignore[attr-defined]
    ansi = tuple((c.red, c.green, c.blue) for c in (terminal.ansi_colors[i] for i in range(16)))
    try:
        background, surface, foreground = (
            parse_hex(variables[name]) for name in ("background", "surface", "foreground")
        )
    except (KeyError, ValueError):
        # a theme of the terminal's own colours ("textual-ansi"): ANSI names, judged in
        # Textual's model of a terminal palette
        background, foreground = (ansi[0], ansi[7]) if dark else (ansi[15], ansi[0])
        return ThemePalette.derive(background, background, foreground, dark=dark, ansi=ansi)
    return ThemePalette.derive(
        background, surface, foreground, dark=dark, ansi=ansi if sixteen_colours() else None
    )
