"""The reader's side panes: speakers, quotes and events, each a keyboard list.

Panes are given the annotation and the selection (attributes down) and say what the user
picked with a message (messages up); the reader screen owns the one selection state.
Every string from the article goes in as ``rich.text.Text``, never as markup.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.highlight import Palette
from tui.humantime import human_time
from tui.model import SALIENT_EVENT, Annotation, Speaker
from tui.textfit import FittedLines, cut
from tui.timeline import timeline
from tui.widgets.article_view import displayable
from tui.widgets.keyed_list import list_bindings

EVENT_MIN_SALIENCE = SALIENT_EVENT


class Pane(OptionList):
    """A list pane with vim keys; Enter (or highlighting) picks a record."""

    BINDINGS = [
        *list_bindings("pane"),
        Binding("ctrl+d", "page_down", "Page down", show=False, id="pane.page_down"),
        Binding("ctrl+u", "page_up", "Page up", show=False, id="pane.page_up"),
    ]
    kind = "record"
    title = ""  # "1 Speakers": the border title of the wide layout (the tabs' label)

    def show_options(self, options: list[Option]) -> None:
        """List ``options`` (one refresh, not one per option) and title the pane with how
        many it lists ("2 Quotes · 9"; headings and notes are not counted)."""
        self.add_options(options)
        count = sum(1 for option in options if not option.disabled)
        self.border_title = f"{self.title} · {count}" if self.title else None

    class Picked(Message):
        """The user picked a record in a pane."""

        def __init__(self, kind: str, record_id: str) -> None:
            super().__init__()
            self.kind = kind
            self.record_id = record_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.annotation: Annotation | None = None
        self.palette = Palette()

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Picked(self.kind, event.option.id))

    def placeholder(self, message: str) -> None:
        self.clear_options()
        self.add_option(Option(Text(message, style="italic"), disabled=True))


def nothing_found(annotation: Annotation, what: str) -> str:
    """What an empty pane says: that the article is not in English, when it is not."""
    from tui.nlp.text.language import foreign_language
    from tui.nlp.text.paragraphs import split_paragraphs

    text = annotation.article.text
    language = foreign_language([p.text for p in split_paragraphs(text)])
    if language is not None:
        return f"No {what}: the article is in {language}, and Byline reads English only"
    return f"No {what} found"


def _cell(value: str | None, limit: int = 60) -> str:
    return cut(displayable(value or ""), limit)


class SpeakersPane(Pane):
    kind = "speaker"
    title = "1 Speakers"

    def show_annotation(
        self, annotation: Annotation, palette: Palette, *, aliases: bool = False
    ) -> None:
        self.annotation, self.palette = annotation, palette
        self.clear_options()
        if not annotation.speakers:
            self.placeholder(nothing_found(annotation, "speakers"))
            return
        counts = dict.fromkeys((s.id for s in annotation.speakers), 0)
        for quote in annotation.quotes:
            if quote.speaker_id in counts and quote.is_speech:  # as People counts quotes
                counts[quote.speaker_id] += 1
        options: list[Option] = []
        for speaker in sorted(annotation.speakers, key=lambda s: -counts[s.id]):
            line = Text.assemble(
                ("● ", palette.speaker_style(speaker.id, strong=True)),
                (_cell(speaker.name, 40), "bold"),
                (f"  {counts[speaker.id]}", palette.secondary_style),
            )
            if speaker.role:
                line.append(f"\n  {_cell(speaker.role, 50)}", style="italic")
            if aliases and speaker.aliases:
                line.append(
                    f"\n  aka {_cell(', '.join(speaker.aliases), 80)}",
                    style=palette.secondary_style,
                )
            options.append(Option(FittedLines(line, wrap=True), id=speaker.id))
        self.show_options(options)


class QuotesPane(Pane):
    kind = "quote"
    title = "2 Quotes"

    def show_annotation(
        self, annotation: Annotation, palette: Palette, speaker_id: str | None = None
    ) -> None:
        self.annotation, self.palette = annotation, palette
        self.clear_options()
        quotes = [q for q in annotation.quotes if speaker_id is None or q.speaker_id == speaker_id]
        if not quotes:
            self.placeholder(nothing_found(annotation, "quotes"))
            return
        speakers: dict[str, Speaker] = {}
        for speaker in annotation.speakers:  # the first of an id, as Annotation.speaker
            speakers.setdefault(speaker.id, speaker)
        options: list[Option] = []
        for quote in quotes:
            speaker = speakers.get(quote.speaker_id) if quote.speaker_id is not None else None
            who = speaker.name if speaker else "unattributed"
            cue = f" · {quote.cue.text}" if quote.cue else ""
            line = Text.assemble(
                (_cell(who, 30), palette.speaker_style(quote.speaker_id, strong=True)),
                (f"{_cell(cue, 20)} · {quote.kind}\n", palette.secondary_style),
                ("  " + _cell(quote.text, 70), "italic" if quote.kind == "direct" else ""),
            )
            options.append(Option(FittedLines(line, wrap=True), id=quote.id))
        self.show_options(options)


def _undated_heading(count: int, annotation: Annotation) -> Option:
    """Why the events below have no place on the timeline, as a line that cannot be chosen."""
    if annotation.article.date is None:
        reason = "the article has no date, so “Wednesday” or “last month” cannot be placed"
        hint = " (D gives it one)"
    else:
        reason = "no time of their own in their sentence"
        hint = ""
    text = Text.assemble((f"Undated ({count}): ", "bold"), (reason + hint, "italic"))
    return Option(text, disabled=True)


class EventsPane(Pane):
    kind = "event"
    title = "3 Events"
    first_news = 0  # the first event the article reports, not one from its background

    def on_focus(self) -> None:
        """Focused with nothing highlighted, the cursor starts on the article's own news: a
        timeline opens on years-old background ("the 2022 invasion") otherwise."""
        if self.highlighted is None and self.option_count:
            self.highlighted = min(self.first_news, self.option_count - 1)
            # the news at the top, its date line with it, not an event cut in half above
            self.scroll_to_highlight(top=True)

    def show_annotation(self, annotation: Annotation, palette: Palette) -> None:
        self.annotation, self.palette = annotation, palette
        self.clear_options()
        line = timeline(annotation, min_salience=EVENT_MIN_SALIENCE)
        entries = [*line.dated, *line.undated]
        if not entries:
            self.placeholder(nothing_found(annotation, "events"))
            return
        names = {s.id: s.name for s in annotation.speakers} | {
            e.id: e.name for e in annotation.entities
        }
        options: list[Option] = []
        secondary = palette.secondary_style
        for entry in entries:
            if entry is next(iter(line.undated), None):
                options.append(_undated_heading(len(line.undated), annotation))
            event = entry.event
            when = human_time(entry.value)
            who = [names[p.ref] for p in event.participants if p.ref in names]
            published = entry.dated and entry.anchor == "publication"
            # a day the text gives is bold; the publication day, assumed for an event the
            # text gives no time, is marked as such
            text = Text.assemble(
                (_cell(when, 20), "bold" if entry.dated and not published else secondary),
                (" (published)" if published else "", secondary + Style(italic=True)),
                (f"\n  {_cell(event.trigger.text, 30)}", ""),
                # the type, where the word does not already say it ("meeting · meeting")
                (
                    f" · {event.type}" if event.type not in event.trigger.text.lower() else "",
                    secondary,
                ),
            )
            if who:
                text.append(f" · {_cell(', '.join(dict.fromkeys(who)), 40)}", style=secondary)
            if event.background:
                text.append(" · background", style=secondary + Style(italic=True))
            options.append(Option(FittedLines(text, wrap=True), id=event.id))
        news = next((e.event.id for e in entries if not e.event.background), None)
        self.first_news = next((i for i, o in enumerate(options) if o.id == news), 0)
        self.show_options(options)
