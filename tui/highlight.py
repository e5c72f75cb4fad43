"""From the annotation model and the reader's selection to styled spans of the article.

Pure functions (no widgets): the article view asks for the spans to paint, so the same
layers are testable without a terminal. Colours come from the active theme
(:mod:`tui.palette`), chosen to stay legible and distinguishable on it, in 16 colours too;
with ``NO_COLOR`` the layers fall back to bold, underline, reverse and italic so they stay
distinguishable without colour.

It also holds :func:`displayable`, the one sanitiser every article-derived string goes
through on its way to a screen (the reader, the library views, the CLI's text output and
the exports): the terminal is a security boundary, and an article is untrusted input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rich.style import Style

from tui.model import Annotation
from tui.palette import ThemePalette

SPEAKER_COLOURS: tuple[str, ...] = (
    "dodger_blue2",
    "dark_orange",
    "green3",
    "magenta",
    "gold3",
    "cyan",
    "red",
    "medium_purple",
)
SPEAKER_COLOURS_16: tuple[str, ...] = ("blue", "yellow", "green", "magenta", "cyan", "red")
LAYERS: tuple[str, ...] = ("speakers", "quotes", "events", "entities")

# What a terminal could act on rather than show, or that would make shown text read
# differently from what it is: C0 controls but tab and newline (ESC, BEL, BS, a lone CR),
# DEL, C1 controls (U+009B is a one-character CSI, U+009D an OSC), the bidi marks,
# embeddings, overrides and isolates (U+202E reverses our own columns), and lone
# surrogates (not Unicode: a UTF-8 writer fails on them). RTL letters themselves stay.
UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
)
UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
REPLACEMENT = "\ufffd"
# tabs and line breaks, and the zero-width characters terminals disagree on the width of
# (a joiner opening a quote left a stale row on screen), each drawn as one space
_LINE_BREAKS = str.maketrans("\t\n\u2028\u2029\u200b\u200c\u200d\u2060\ufeff", "         ")


def displayable(text: str) -> str:
    """``text`` as one line that is safe to draw, character for character.

    Every unsafe character becomes U+FFFD, so the user sees that something was there and
    nothing acts on it; tabs, line breaks (a CR before LF too) and zero-width characters
    become spaces. The
    length never changes, so annotation offsets still index the result. Rich markup is
    not this function's business: callers put the result in a ``Text``, never in markup.
    """
    return UNSAFE.sub(REPLACEMENT, text.replace("\r\n", " \n").translate(_LINE_BREAKS))


# Styles are immutable and building one is slow next to painting a span: ``paint`` runs
# on every selection change over thousands of spans, so it shares these instances.
_PLAIN = Style()
_BOLD = Style(bold=True)
_DIM = Style(dim=True)
_ITALIC = Style(italic=True)
_UNDERLINE = Style(underline=True)
_REVERSE = Style(reverse=True)
_BOLD_UNDERLINE = Style(bold=True, underline=True)
_ITALIC_UNDERLINE = Style(italic=True, underline=True)
_TIMEX = Style(color="bright_black", underline=True)
_EVENT = Style(color="dark_cyan", italic=True)


@lru_cache(maxsize=256)
def _colour_style(colour: str, strong: bool) -> Style:
    return Style(color=colour, bold=strong)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the reader has selected: one speaker, quote or event (or nothing)."""

    kind: str | None = None  # "speaker" | "quote" | "event"
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Layers:
    speakers: bool = True
    quotes: bool = True
    events: bool = True
    entities: bool = False

    def toggled(self, name: str) -> Layers:
        values = {n: getattr(self, n) for n in LAYERS}
        values[name] = not values[name]
        return Layers(**values)


class Painted(NamedTuple):
    """A styled stretch of the article (a named tuple: thousands are built per key press)."""

    start: int
    end: int
    style: Style


@dataclass(slots=True)
class Palette:
    """Speaker id → colour, the same in every pane and in the text, with the layers'
    colours; from the theme (:class:`tui.palette.ThemePalette`) when the app has one."""

    colours: dict[str, str] = field(default_factory=dict)
    no_color: bool = False
    sixteen: bool = False
    theme: ThemePalette | None = None

    @classmethod
    def for_annotation(
        cls,
        annotation: Annotation,
        *,
        no_color: bool = False,
        sixteen: bool = False,
        theme: ThemePalette | None = None,
    ) -> Palette:
        if theme is not None:
            table = theme.speakers
        else:
            table = SPEAKER_COLOURS_16 if sixteen else SPEAKER_COLOURS
        colours = {s.id: table[i % len(table)] for i, s in enumerate(annotation.speakers)}
        return cls(colours, no_color, sixteen, theme)

    def speaker_style(self, speaker_id: str | None, *, strong: bool = False) -> Style:
        if self.no_color or speaker_id not in self.colours:
            return _BOLD if strong else _PLAIN
        colour = self.colours[speaker_id]
        if colour == "default":  # no legible colour (16 colours on a light theme)
            return _BOLD if strong else _ITALIC
        return _colour_style(colour, strong)

    @property
    def timex_style(self) -> Style:
        if self.no_color:  # a cue is underlined, an event bold and underlined
            return _ITALIC_UNDERLINE
        return _TIMEX if self.theme is None else _layer_style(self.theme.timex, underline=True)

    @property
    def event_style(self) -> Style:
        if self.no_color:
            # without colour: italic is a quote, bold italic the selected speaker's quote,
            # underline a cue, italic underline a time; an event is bold and underlined
            return _BOLD_UNDERLINE
        return _EVENT if self.theme is None else _layer_style(self.theme.event, italic=True)

    @property
    def secondary_style(self) -> Style:
        """Quieter text, still legible: the panes' counts, cues and roles, and the other
        speakers' quotes while one is selected (in 16 colours no grey is legible
        everywhere: plain, against the selected speaker's coloured quotes)."""
        return _muted_style(self.theme, no_color=self.no_color)


def _muted_style(theme: ThemePalette | None, *, no_color: bool) -> Style:
    """The theme's muted colour, plain where it has none, Rich's dim without a theme."""
    if theme is None or no_color:
        return _DIM
    return _PLAIN if theme.muted == "default" else _layer_style(theme.muted)


@lru_cache(maxsize=64)
def _layer_style(colour: str, *, underline: bool = False, italic: bool = False) -> Style:
    return Style(color=colour, underline=underline, italic=italic)


def paint(
    annotation: Annotation, palette: Palette, layers: Layers, selection: Selection
) -> list[Painted]:
    """Every styled span of the article text, later spans painting over earlier ones."""
    painted: list[Painted] = []
    add = painted.append
    selected_speaker = selection.id if selection.kind == "speaker" else None
    if selection.kind == "quote":
        quote = next((q for q in annotation.quotes if q.id == selection.id), None)
        selected_speaker = quote.speaker_id if quote else None
    if layers.entities:
        for entity in annotation.entities:
            for mention in entity.mentions:
                add(Painted(mention.start, mention.end, _ITALIC))
    if layers.events:
        timex_style = palette.timex_style
        for timex in annotation.timexes:
            add(Painted(timex.start, timex.end, timex_style))
        event_style = palette.event_style
        for event in annotation.events:
            if event.salience < 0.45 and not (
                selection.kind == "event" and selection.id == event.id
            ):
                continue
            add(Painted(event.trigger.start, event.trigger.end, event_style))
            for span in event.mentions:
                add(Painted(span.start, span.end, event_style))
    if layers.quotes:
        for quote in annotation.quotes:
            dim = selected_speaker is not None and quote.speaker_id != selected_speaker
            if dim:
                style = palette.secondary_style
            elif palette.no_color:
                style = _ITALIC
            else:
                style = palette.speaker_style(quote.speaker_id)
            add(Painted(quote.start, quote.end, style))
            if quote.cue is not None and not dim:
                add(Painted(quote.cue.start, quote.cue.end, _UNDERLINE))
    if layers.speakers:
        for speaker in annotation.speakers:
            dim = selected_speaker is not None and speaker.id != selected_speaker
            style = _BOLD if dim else palette.speaker_style(speaker.id, strong=True)
            for mention in speaker.mentions:
                add(Painted(mention.start, mention.end, style))
    if selection.kind == "quote":
        quote = next((q for q in annotation.quotes if q.id == selection.id), None)
        if quote is not None:
            add(Painted(quote.start, quote.end, _REVERSE))
    if selection.kind == "event":
        event = next((e for e in annotation.events if e.id == selection.id), None)
        if event is not None:
            if event.sentence is not None:
                add(Painted(event.sentence.start, event.sentence.end, _UNDERLINE))
            add(Painted(event.trigger.start, event.trigger.end, _REVERSE))
    if selected_speaker is not None and selection.kind == "speaker":
        for quote in annotation.quotes:
            if quote.speaker_id == selected_speaker:
                add(Painted(quote.start, quote.end, _BOLD))
    return painted


def quiet_style(app: object) -> Style:
    """Secondary text on the app's screens (dates, counts, hints): the theme's muted colour
    that stays legible on its rows and selections (:mod:`tui.palette`); Rich's ``dim``
    where there is no colour to choose."""
    import os

    from tui.palette import for_app

    no_color = bool(os.environ.get("NO_COLOR"))
    return _muted_style(None if no_color else for_app(app), no_color=no_color)
