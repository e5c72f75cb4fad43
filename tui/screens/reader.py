"""The reader: the article beside speakers, quotes and events, linked by one selection.

The screen owns the state (annotation, selection, layers, which pane is showing) and hands
it down to the article view and the panes; they report picks and cursor moves as messages.
The article text shows at once; the annotation arrives from a worker thread (the library,
the file cache or the engine, see :func:`tui.service.annotate`) and the panes fill in when
it does. An article of the library has its annotation stored there.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui.citation import citation
from tui.highlight import LAYERS, Layers, Palette, Selection, quiet_style
from tui.humantime import human_time, plural
from tui.model import NOT_SAID, Annotation, Article, Quote
from tui.palette import for_app as theme_palette
from tui.palette import sixteen_colours
from tui.state import load_state, remember
from tui.textfit import cut
from tui.widgets.article_view import ArticleView, displayable
from tui.widgets.one_line import OneLine
from tui.widgets.panes import EVENT_MIN_SALIENCE, EventsPane, Pane, QuotesPane, SpeakersPane

PANES = ("speakers", "quotes", "events")
WIDE = 120
CURSOR_KEYS = frozenset(
    f"article.{name}"
    for name in ("next_sentence", "prev_sentence", "next_paragraph", "prev_paragraph")
)
"""The article view's bindings a key pressed in a pane still reaches."""
REVEAL_LATEST = 0.5  # seconds: the panes are built then even if no first frame was seen
ROLE_CELLS = 28  # of a speaker's role in the status line


def _date_problem(answer: str) -> str | None:
    from tui.sources.plaintext import normalise_date

    if normalise_date(answer) is None:
        return "Not a date: type it as YYYY-MM-DD (or “25 June 2025”)"
    return None


class ReaderScreen(Screen[None]):
    """One article and everything Byline found in it."""

    BINDINGS = [
        Binding("1", "focus_pane('speakers')", "Speakers", show=False, id="reader.speakers"),
        Binding("2", "focus_pane('quotes')", "Quotes", show=False, id="reader.quotes"),
        Binding("3", "focus_pane('events')", "Events", show=False, id="reader.events"),
        Binding("t", "cycle_pane", "Next pane", id="reader.cycle_pane"),
        Binding("n", "next_quote(1)", "Next quote", id="reader.next_quote"),
        Binding("N", "next_quote(-1)", "Prev quote", show=False, id="reader.prev_quote"),
        Binding("a", "toggle_all", "Highlights", id="reader.toggle_all"),
        Binding("i", "toggle_aliases", "Aliases", show=False, id="reader.aliases"),
        Binding(
            "b",
            "toggle_attributions",
            NOT_SAID.capitalize(),
            show=False,
            id="reader.attributions",
        ),
        Binding("y", "copy_quote", "Copy quote", show=False, id="reader.copy"),
        Binding("o", "open_url", "Open URL", show=False, id="reader.open_url"),
        Binding("D", "set_date", "Set date", show=False, id="reader.set_date"),
        Binding("slash", "search", "Search", id="reader.search"),
        Binding("escape", "back", "Back", show=False, id="reader.back"),
        Binding("h,backspace", "leave", "Back to the list", show=False, id="reader.leave"),
        Binding("J", "neighbour(1)", "Next article", show=False, id="reader.next_article"),
        Binding("K", "neighbour(-1)", "Prev article", show=False, id="reader.prev_article"),
    ]

    # The watchers refresh exactly the widgets that change; repainting the whole screen on
    # every selection would redraw every pane for each key press.
    annotation: reactive[Annotation | None] = reactive(None, init=False, repaint=False)
    selection: reactive[Selection] = reactive(Selection(), init=False, repaint=False)
    highlights: reactive[Layers] = reactive(Layers(), init=False, repaint=False)
    active_pane: reactive[str] = reactive("speakers", init=False)

    def __init__(
        self,
        article: Article,
        *,
        model: str | None = None,
        initial_selection: Selection | None = None,
        annotation: Annotation | None = None,
        db: str | Path | None = None,
    ) -> None:
        """``annotation``: one the caller already holds (the library's), shown at once;
        ``db``: the library the article came from (None: the app's)."""
        super().__init__()
        self.article = article
        self.db = db
        self._known = (
            annotation if annotation is not None and annotation.article == article else None
        )
        self.model = model
        self.initial_selection = initial_selection
        self.palette = Palette()
        self.show_aliases = False
        self.show_attributions = True  # beliefs, stances, evidence and endorsements beside speech
        self._whole: Annotation | None = None  # the annotation, whatever is hidden
        self._saved_layers: Layers | None = None
        self._built = False  # the panes, search field and footer are mounted
        self._revealing = False  # _reveal under way or done

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        """The article and the status line; the panes, the search field and the footer
        come with them when the annotation is at hand, else just after the first frame
        (:meth:`_reveal`): a reader sees the text before the chrome around it is built."""
        whole = self._known is not None
        with Horizontal(id="reader-body"):
            yield ArticleView(self.article, id="article")
            with Vertical(id="side"):
                if whole:
                    yield from self._side()
        if whole:
            yield self._search_field()
        yield OneLine(id="status")
        if whole:
            yield Footer()

    @staticmethod
    def _side() -> list[Static | Pane]:
        return [
            Static(id="pane-tabs"),
            SpeakersPane(id="speakers"),
            QuotesPane(id="quotes"),
            EventsPane(id="events"),
        ]

    @staticmethod
    def _search_field() -> Input:
        field = Input(placeholder="search the article (Enter: next match, Esc: close)", id="search")
        field.display = False
        return field

    def _restore(self) -> None:
        """The layers, the pane and whether beliefs and the like show, as the reader was
        last left with (:mod:`tui.state`)."""
        state = load_state()
        layers = state.get("reader.layers", {})
        if layers and all(isinstance(layers.get(name), bool) for name in LAYERS):
            self.set_reactive(ReaderScreen.highlights, Layers(**{n: layers[n] for n in LAYERS}))
            self.query_one(ArticleView).show(layers=self.highlights)
        if state.get("reader.pane") in PANES:
            self.set_reactive(ReaderScreen.active_pane, state["reader.pane"])
        if isinstance(state.get("reader.attributions"), bool):
            self.show_attributions = state["reader.attributions"]

    def on_mount(self) -> None:
        self._restore()
        self._status("Annotating… (the article is readable now)")
        self.query_one(ArticleView).focus()
        self.watch(self.app, "theme", self._theme_changed, init=False)
        if self._known is not None:  # no worker, no second frame: the panes fill now
            self._chrome_ready()
            self._annotation_ready(self._known)
            return
        self.set_timer(REVEAL_LATEST, self._reveal_once)  # should no frame come

    async def on_article_view_first_painted(self, event: ArticleView.FirstPainted) -> None:
        """Once the text's first frame is written (not merely laid out: Textual runs
        ``call_after_refresh`` callbacks before it paints a first frame), the panes, the
        search field and the footer, then the annotation (importing spaCy in a thread
        holds the GIL for seconds, and the article should be on screen before that
        starts)."""
        event.stop()
        await self._reveal_once()

    async def _reveal_once(self) -> None:
        if not self._built and not self._revealing:
            self._revealing = True
            await self._reveal()

    async def _reveal(self) -> None:
        await self.query_one("#side", Vertical).mount_all(self._side())
        await self.mount(self._search_field(), before="#status")
        await self.mount(Footer())
        self._chrome_ready()
        self.load_annotation()

    def _chrome_ready(self) -> None:
        self._built = True
        self.refresh_bindings()
        for pane in self._panes():
            pane.placeholder("Annotating…")
        self._layout_for(self.app.size.width)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Until the panes are built (a frame after the text), only leaving works."""
        return self._built or action == "leave"

    def on_resize(self) -> None:
        self._layout_for(self.app.size.width)

    def _layout_for(self, width: int) -> None:
        if not self._built:
            return
        wide = width >= WIDE
        self.set_class(wide, "-wide")
        for name in PANES:
            pane = self.query_one(f"#{name}", Pane)
            pane.set_class(name == self.active_pane, "-active")
        tabs = Text()
        quiet = quiet_style(self.app)
        for number, name in enumerate(PANES, start=1):
            style = "reverse bold" if name == self.active_pane and not wide else quiet
            tabs.append(f" {number} {name.title()} ", style=style)
        self.query_one("#pane-tabs", Static).update(tabs)

    def _panes(self) -> list[Pane]:
        return [self.query_one(f"#{name}", Pane) for name in PANES]

    # ------------------------------------------------------------------ annotation
    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def load_annotation(self) -> None:
        from tui.service import annotate

        db = self.db if self.db is not None else getattr(self.app, "db", None)
        try:
            annotation = annotate(self.article, self.model, db)
        except Exception as error:  # shown in the app, never as a traceback
            self.app.call_from_thread(self._annotation_failed, error)
            return
        self.app.call_from_thread(self._annotation_ready, annotation)

    def action_set_date(self) -> None:
        """Ask for the article's publication date; the times and events are placed anew
        against it at once, and the library keeps it."""
        from tui.screens.dialogs import AskScreen

        self.app.push_screen(
            AskScreen(
                "Publication date of this article (times like “Wednesday” are placed from it)",
                value=self.article.date or "",
                placeholder="2025-06-25",
                check=_date_problem,
            ),
            self._date_given,
        )

    def _date_given(self, answer: str | None) -> None:
        from tui.sources.plaintext import normalise_date

        date = normalise_date(answer)
        if date is None or date == self.article.date:
            return
        self.article = replace(self.article, date=date)
        self.query_one(ArticleView).set_article(self.article)
        for pane in self._panes():
            pane.placeholder("Annotating…")
        self._status(f"Placing times and events against {date}…")
        self.redate(self.article)

    @work(thread=True, exclusive=True, group="annotate", exit_on_error=False)
    def redate(self, article: Article) -> None:
        from tui.service import annotate, open_library

        db = self.db if self.db is not None else getattr(self.app, "db", None)
        try:
            library = open_library(db)
            if library is not None:
                with library:
                    library.set_date(article.id, article.date)
            annotation = annotate(article, self.model, db)
        except Exception as error:  # shown in the app, never as a traceback
            self.app.call_from_thread(self._annotation_failed, error)
            return
        self.app.call_from_thread(self._annotation_ready, annotation)

    def _annotation_failed(self, error: Exception) -> None:
        message = f"Could not annotate this article: {displayable(str(error))[:200]}"
        for pane in self._panes():
            pane.placeholder("Not annotated")
        self._status(message)
        self.app.notify(message, severity="error", markup=False)

    def _palette_for(self, annotation: Annotation) -> Palette:
        """The speakers' and layers' colours, legible on the current theme."""
        no_color = bool(os.environ.get("NO_COLOR"))  # no-color.org: present and not empty
        return Palette.for_annotation(
            annotation, no_color=no_color, sixteen=sixteen_colours(), theme=theme_palette(self.app)
        )

    def _theme_changed(self, _theme: str) -> None:
        """Another theme: colours legible on it, the selection kept."""
        self._layout_for(self.app.size.width)  # the pane tabs' colours
        if self._whole is None or self.annotation is None:
            return
        self.palette = self._palette_for(self._whole)
        self._refresh_panes()
        self.query_one(ArticleView).show(
            self.annotation, palette=self.palette, selection=self.selection
        )

    def _annotation_ready(self, annotation: Annotation) -> None:
        self.palette = self._palette_for(annotation)
        self._whole = annotation
        self.annotation = self._visible(annotation)
        if self.initial_selection is not None:  # e.g. a quote picked in the people view
            selection, self.initial_selection = self.initial_selection, None
            self.selection = selection
            if selection.kind == "quote" and selection.id is not None:
                self._highlight_in_pane("quotes", selection.id)

    def watch_annotation(self, annotation: Annotation | None) -> None:
        if annotation is None:
            return
        self._refresh_panes()
        self.query_one(ArticleView).show(annotation, palette=self.palette, selection=self.selection)
        self._status(self._summary())

    def _summary(self) -> str:
        """The status line with nothing selected: what the article holds."""
        annotation = self.annotation
        if annotation is None:
            return ""
        said = sum(q.is_speech for q in annotation.quotes)
        found = f"{plural(len(annotation.speakers), 'speaker')} · {plural(said, 'quote')}"
        whole = self._whole if self._whole is not None else annotation
        others = sum(not q.is_speech for q in whole.quotes)
        if others and not self.show_attributions:  # maybe hidden in an earlier run: say so
            found += f" (+{others} hidden: {self._key('reader.attributions', 'b')})"
        elif others:
            found += f" · {plural(others, 'other attribution')}"
        shown = sum(1 for e in annotation.events if e.salience >= EVENT_MIN_SALIENCE)
        return f"{found} · {plural(shown, 'event')} · {self._key('app.help', '?')} for keys"

    def _refresh_panes(self) -> None:
        annotation = self.annotation
        if annotation is None:
            return
        speaker = self.selection.id if self.selection.kind == "speaker" else None
        self.query_one(SpeakersPane).show_annotation(
            annotation, self.palette, aliases=self.show_aliases
        )
        self.query_one(QuotesPane).show_annotation(annotation, self.palette, speaker)
        self.query_one(EventsPane).show_annotation(annotation, self.palette)

    # ------------------------------------------------------------------ selection
    def on_pane_picked(self, message: Pane.Picked) -> None:
        message.stop()
        self.selection = Selection(message.kind, message.record_id)

    def watch_selection(self, old: Selection, selection: Selection) -> None:
        annotation = self.annotation
        if annotation is None:
            return
        view = self.query_one(ArticleView)
        view.show(selection=selection)
        # the quotes pane shows the selected speaker's quotes until the selection is cleared
        if selection.kind == "speaker" or (selection.kind is None and self._walking_speaker):
            speaker = selection.id if selection.kind == "speaker" else None
            self._walking_speaker = speaker
            self.query_one(QuotesPane).show_annotation(annotation, self.palette, speaker)
        target = self._selection_offset(selection)
        if target is not None:
            view.scroll_to_offset(target)
        self._status(self._describe(selection) or self._summary())

    def _selection_offset(self, selection: Selection) -> int | None:
        annotation = self.annotation
        if annotation is None or selection.id is None:
            return None
        if selection.kind == "quote":
            quote = next((q for q in annotation.quotes if q.id == selection.id), None)
            return quote.start if quote else None
        if selection.kind == "event":
            event = next((e for e in annotation.events if e.id == selection.id), None)
            if event is None:
                return None
            return event.sentence.start if event.sentence else event.trigger.start
        if selection.kind == "speaker":
            quotes = annotation.quotes_of(selection.id)
            return quotes[0].start if quotes else None
        return None

    def _describe(self, selection: Selection) -> str:
        annotation = self.annotation
        if annotation is None or selection.id is None:
            return ""
        if selection.kind == "speaker":
            speaker = annotation.speaker(selection.id)
            if speaker:
                # a long role is cut so the count and the keys stay on the line
                role = f" ({cut(speaker.role, ROLE_CELLS)})" if speaker.role else ""
                count = len(annotation.quotes_of(speaker.id))
                forward = self._key("reader.next_quote", "n")
                walk = f"{forward}/{self._key('reader.prev_quote', 'N')}"
                return f"{speaker.name}{role}: {plural(count, 'quote')} · {walk} walk them"
        if selection.kind == "quote":
            quote = next((q for q in annotation.quotes if q.id == selection.id), None)
            if quote:
                speaker = annotation.speaker(quote.speaker_id)
                cue = f" — {quote.cue.text}" if quote.cue else ""
                walked = [q.id for q in self._walked_quotes()]
                place = (
                    f"quote {walked.index(quote.id) + 1}/{len(walked)} · "
                    if quote.id in walked
                    else ""
                )
                who = speaker.name if speaker else "unattributed"
                return f"{place}{who}{cue} ({quote.kind})"
        if selection.kind == "event":
            return self._event_summary(selection.id)
        return ""

    def _event_summary(self, event_id: str) -> str:
        from tui.timeline import event_time

        annotation = self.annotation
        event = (
            next((e for e in annotation.events if e.id == event_id), None) if annotation else None
        )
        if annotation is None or event is None:
            return ""
        value, _ = event_time(annotation, event)
        names = {s.id: s.name for s in annotation.speakers} | {
            e.id: e.name for e in annotation.entities
        }
        who = ", ".join(dict.fromkeys(names[p.ref] for p in event.participants if p.ref in names))
        when = human_time(value)  # the TIMEX3 value is in the export, not for reading
        # the type, where the word does not already say it ("statement · statement")
        kind = [] if event.type in event.trigger.text.lower() else [event.type]
        parts = [*kind, event.trigger.text, when, event.status]
        if who:
            parts.append(who)
        return " · ".join(parts)

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        span = message.view.cursor_span()
        annotation = self.annotation
        if span is None or annotation is None:
            return
        start, end = span
        notes: list[str] = []
        for quote in annotation.quotes:
            if quote.start < end and start < quote.end:
                speaker = annotation.speaker(quote.speaker_id)
                notes.append(f"says: {speaker.name if speaker else 'unattributed'}")
                break
        for event in sorted(annotation.events, key=lambda e: -e.salience):
            if start <= event.trigger.start < end and event.salience >= 0.45:
                notes.append(f"event: {self._event_summary(event.id)}")
                break
        self._status(" | ".join(notes) or "(nothing annotated in this sentence)")

    def _status(self, message: str) -> None:
        self.query_one("#status", OneLine).update(Text(displayable(message)))

    # ------------------------------------------------------------------ actions
    def action_focus_pane(self, name: str) -> None:
        self.active_pane = name
        self.query_one(f"#{name}", Pane).focus()

    def watch_active_pane(self, name: str) -> None:
        self._layout_for(self.app.size.width)
        remember("reader.pane", name)

    def action_cycle_pane(self) -> None:
        index = (PANES.index(self.active_pane) + 1) % len(PANES)
        self.action_focus_pane(PANES[index])

    def _key(self, binding_id: str, default: str) -> str:
        """The key the user has for a binding (hints follow their remaps)."""
        key_for = getattr(self.app, "key_for", None)
        return key_for(binding_id, default) if key_for is not None else default

    def _walked_quotes(self) -> list[Quote]:
        """The quotes n/N walk: those the quotes pane shows (one speaker's, or everyone's)."""
        annotation = self.annotation
        if annotation is None:
            return []
        speaker = self.selection.id if self.selection.kind == "speaker" else self._walking_speaker
        return [q for q in annotation.quotes if speaker is None or q.speaker_id == speaker]

    def action_next_quote(self, step: int) -> None:
        annotation = self.annotation
        if annotation is None or not annotation.quotes:
            return
        quotes = self._walked_quotes()
        if not quotes:
            return
        position = -1 if step > 0 else len(quotes)
        if self.selection.kind == "quote":
            ids = [q.id for q in quotes]
            if self.selection.id in ids:
                position = ids.index(self.selection.id)
        position = (position + step) % len(quotes)
        self.selection = Selection("quote", quotes[position].id)
        self._highlight_in_pane("quotes", quotes[position].id)

    _walking_speaker: str | None = None

    def _highlight_in_pane(self, name: str, record_id: str) -> None:
        pane = self.query_one(f"#{name}", Pane)
        try:
            pane.highlighted = pane.get_option_index(record_id)
        except Exception:  # the option is filtered out of the pane
            return

    def action_toggle_all(self) -> None:
        if self._saved_layers is None and self.highlights == Layers(False, False, False, False):
            self.highlights = Layers()  # all off (as the last run left them): the defaults
            return
        if self._saved_layers is None:
            self._saved_layers = self.highlights
            self.highlights = Layers(False, False, False, False)
        else:
            self.highlights, self._saved_layers = self._saved_layers, None

    def action_neighbour(self, step: int) -> None:
        """The next (or previous) article of the list the reader was opened from."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if below is None or not hasattr(below, "read_neighbour"):
            self.app.notify("Open articles from the library to go from one to the next")
            return
        if not below.has_neighbour(step):
            self.app.notify("No next article" if step > 0 else "No previous article")
            return
        self.app.pop_screen()
        below.read_neighbour(step)

    def action_toggle_layer(self, name: str) -> None:
        if name in LAYERS:
            self._saved_layers = None
            self.highlights = self.highlights.toggled(name)

    def watch_highlights(self, layers: Layers) -> None:
        self.query_one(ArticleView).show(layers=layers)
        remember("reader.layers", {name: getattr(layers, name) for name in LAYERS})
        shown = ", ".join(name for name in LAYERS if getattr(layers, name)) or "none"
        self._status(f"highlights: {shown}")

    def _visible(self, annotation: Annotation) -> Annotation:
        """The annotation as the screen shows it: without the beliefs, stances, evidence
        and endorsements (:data:`tui.model.ATTRIBUTION_KINDS`) while they are hidden."""
        if self.show_attributions:
            return annotation
        return replace(annotation, quotes=tuple(q for q in annotation.quotes if q.is_speech))

    def action_toggle_attributions(self) -> None:
        """Show or hide what is attributed without being said: beliefs, stances, evidence,
        backing (remembered for the next run)."""
        self.show_attributions = not self.show_attributions
        remember("reader.attributions", self.show_attributions)
        if self._whole is None:
            return
        others = sum(not q.is_speech for q in self._whole.quotes)
        if self.selection.kind == "quote" and not self.show_attributions:
            self.selection = Selection()
        self.annotation = self._visible(self._whole)
        state = "shown" if self.show_attributions else "hidden"
        self._status(f"{NOT_SAID} ({others}): {state}")

    def action_toggle_aliases(self) -> None:
        self.show_aliases = not self.show_aliases
        if self.annotation is not None:
            pane = self.query_one(SpeakersPane)
            highlighted = pane.highlighted  # refilling the list would lose the cursor
            pane.show_annotation(self.annotation, self.palette, aliases=self.show_aliases)
            if highlighted is not None and highlighted < pane.option_count:
                pane.highlighted = highlighted

    def action_copy_quote(self) -> None:
        annotation = self.annotation
        if annotation is None or self.selection.kind != "quote":
            self.app.notify("Select a quote first (2, then Enter)", markup=False)
            return
        quote = next((q for q in annotation.quotes if q.id == self.selection.id), None)
        if quote is None:
            return
        text = displayable(citation(annotation, quote, self.article))
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal's clipboard, or the browser's
        kind = "Quotation" if quote.kind == "direct" else "Paraphrase"
        if self.app.is_web:
            # A browser grants its clipboard only to some pages: the visitor gets the text too.
            self.app.deliver_text(
                io.StringIO(text),
                save_filename=f"quote-{annotation.article.id}.txt",
                open_method="browser",
            )
            self.app.notify(f"{kind} copied, and opened as text in a new tab", markup=False)
            return
        self.app.notify(f"{kind} copied (OSC 52)", markup=False)

    def action_open_url(self) -> None:
        """Open the article's web address, or copy it when there is no browser.

        The URL comes from the article: only a plain http(s) address goes to the browser
        (never ``file:``, ``javascript:`` or an option-like string), and the clipboard gets
        it as displayed, so pasting it into a shell cannot run a hidden second line.
        """
        url = self.article.url
        if not url:
            self.app.notify("This article has no URL", markup=False)
            return
        shown = displayable(url).strip()
        opened = False
        web = shown == url.strip() and urlsplit(shown).scheme.lower() in {"http", "https"}
        if web and self.app.is_web:  # served: the visitor's own browser opens it
            self.app.open_url(shown)
            self.app.notify(f"Opened in a new tab: {shown}", markup=False)
            return
        graphical = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        if web and (graphical or os.name == "nt"):
            import webbrowser  # only when a URL is opened

            try:
                opened = webbrowser.open(shown)
            except webbrowser.Error:
                opened = False
        if not opened:
            self.app.copy_to_clipboard(shown)
            self.app.notify(f"No browser here; URL copied: {shown}", markup=False)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "search":
            return
        view = self.query_one(ArticleView)
        query = message.value.strip()
        view.set_search(query)
        if not query:
            return
        text = self.article.text.lower()
        after = view.sentences[view.cursor][1] if view.cursor is not None else 0
        position = text.find(query.lower(), after)
        if position < 0:
            position = text.find(query.lower())
        if position < 0:
            self._status(f"not found: {query}")
            return
        view.cursor = next(
            (i for i, (s, e) in enumerate(view.sentences) if s <= position < e), view.cursor
        )
        view.scroll_to_offset(position)
        view.refresh()
        needle = query.lower()
        matches = [i for i in range(len(text)) if text.startswith(needle, i)]
        self._status(f"match {matches.index(position) + 1}/{len(matches)}: {query} · Enter: next")

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self.query_one(ArticleView).set_search(None)
            self.query_one(ArticleView).focus()
            self._status(self._describe(self.selection) or self._summary())  # no stale "match"
            return
        if self.selection.kind is not None:
            self.selection = Selection()
            return
        self.action_leave()

    async def on_key(self, event: events.Key) -> None:
        """The article's sentence cursor keys ([ ] { }, or what the config maps them to)
        move it from a pane too: a key no pane binds reaches the screen."""
        view = self.query_one(ArticleView)
        if view.has_focus:
            return
        for binding in view._bindings.key_to_bindings.get(event.key, []):
            if binding.id in CURSOR_KEYS:
                event.stop()
                await view.run_action(binding.action)
                return

    def action_leave(self) -> None:
        """Back to the list the article was opened from, whatever is selected (Esc steps
        back one thing at a time: the search, the selection, then the article)."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:  # opened on its own (`byline FILE`): no list behind it
            self.notify(
                "This article was opened on its own: there is no list to go back to; q quits",
                timeout=4,
            )
