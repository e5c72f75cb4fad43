"""From the annotation model and the reader's selection to styled spans of the article.

Pure functions (no widgets): the article view asks for the spans to paint, so the same
layers are testable without a terminal. Colours come from a fixed palette that stays
distinguishable in 16 colours; with ``NO_COLOR`` the layers fall back to bold, underline,
reverse and italic so they stay distinguishable without colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style

from tui.model import Annotation

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


@dataclass(frozen=True, slots=True)
class Painted:
    start: int
    end: int
    style: Style


@dataclass(slots=True)
class Palette:
    """Speaker id → colour, the same in every pane and in the text."""

    colours: dict[str, str] = field(default_factory=dict)
    no_color: bool = False
    sixteen: bool = False

    @classmethod
    def for_annotation(
        cls, annotation: Annotation, *, no_color: bool = False, sixteen: bool = False
    ) -> Palette:
        table = SPEAKER_COLOURS_16 if sixteen else SPEAKER_COLOURS
        colours = {s.id: table[i % len(table)] for i, s in enumerate(annotation.speakers)}
        return cls(colours, no_color, sixteen)

    def speaker_style(self, speaker_id: str | None, *, strong: bool = False) -> Style:
        if self.no_color or speaker_id not in self.colours:
            return Style(bold=True) if strong else Style()
        colour = self.colours[speaker_id]
        return Style(color=colour, bold=strong)


def paint(
    annotation: Annotation, palette: Palette, layers: Layers, selection: Selection
) -> list[Painted]:
    """Every styled span of the article text, later spans painting over earlier ones."""
    painted: list[Painted] = []
    selected_speaker = selection.id if selection.kind == "speaker" else None
    if selection.kind == "quote":
        quote = next((q for q in annotation.quotes if q.id == selection.id), None)
        selected_speaker = quote.speaker_id if quote else None
    if layers.entities:
        for entity in annotation.entities:
            for mention in entity.mentions:
                painted.append(Painted(mention.start, mention.end, Style(italic=True)))
    if layers.events:
        timex_style = (
            Style(underline=True)
            if palette.no_color
            else Style(color="bright_black", underline=True)
        )
        for timex in annotation.timexes:
            painted.append(Painted(timex.start, timex.end, timex_style))
        for event in annotation.events:
            if event.salience < 0.45 and not (
                selection.kind == "event" and selection.id == event.id
            ):
                continue
            style = (  # without colour, italic alone would look like a quote
                Style(bold=True, italic=True)
                if palette.no_color
                else Style(color="dark_cyan", italic=True)
            )
            for span in (event.trigger, *event.mentions):
                painted.append(Painted(span.start, span.end, style))
    if layers.quotes:
        for quote in annotation.quotes:
            dim = selected_speaker is not None and quote.speaker_id != selected_speaker
            style = palette.speaker_style(quote.speaker_id)
            if palette.no_color:
                style = Style(italic=True)
            if dim:
                style = Style(dim=True)
            painted.append(Painted(quote.start, quote.end, style))
            if quote.cue is not None and not dim:
                painted.append(Painted(quote.cue.start, quote.cue.end, Style(underline=True)))
    if layers.speakers:
        for speaker in annotation.speakers:
            dim = selected_speaker is not None and speaker.id != selected_speaker
            for mention in speaker.mentions:
                style = (
                    palette.speaker_style(speaker.id, strong=True) if not dim else Style(bold=True)
                )
                painted.append(Painted(mention.start, mention.end, style))
    if selection.kind == "quote":
        quote = next((q for q in annotation.quotes if q.id == selection.id), None)
        if quote is not None:
            painted.append(Painted(quote.start, quote.end, Style(reverse=True)))
    if selection.kind == "event":
        event = next((e for e in annotation.events if e.id == selection.id), None)
        if event is not None:
            if event.sentence is not None:
                painted.append(
                    Painted(event.sentence.start, event.sentence.end, Style(underline=True))
                )
            painted.append(Painted(event.trigger.start, event.trigger.end, Style(reverse=True)))
    if selected_speaker is not None and selection.kind == "speaker":
        for quote in annotation.quotes:
            if quote.speaker_id == selected_speaker:
                painted.append(Painted(quote.start, quote.end, Style(bold=True)))
    return painted
