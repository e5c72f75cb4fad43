"""Help: every key of the screen below, generated from its bindings (so remaps show)."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.highlight import Palette, quiet_style

Row = tuple[str, str, str]  # (keys, description, binding id)
APP_GROUP = "Everywhere"
TEXTUAL_GROUP = "Textual"


def binding_groups(screen: Screen) -> list[tuple[str, list[Row]]]:  # type: ignore[type-arg]
    """Every binding active on ``screen`` and its focus chain, in titled groups: the
    screen's own keys first (grouped by the widget that owns them), then the app's, then
    Textual's generic ones (they have no id) last."""
    rows: dict[str, Row] = {}
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        description = binding.description or binding.action
        ident = binding.id or ""
        label = app.get_key_display(binding)
        keyed = ident or f"{binding.action}:{description}"
        if keyed in rows:
            previous = rows[keyed]
            if label not in previous[0].split(" / "):
                rows[keyed] = (f"{previous[0]} / {label}", previous[1], previous[2])
        else:
            rows[keyed] = (label, description, ident)
    own = {b.id.split(".")[0] for b in type(screen).BINDINGS if isinstance(b, Binding) and b.id}

    def group(row: Row) -> tuple[int, str]:
        prefix = row[2].split(".")[0]
        if prefix in own:
            return 0, prefix
        if prefix == "app":
            return 2, APP_GROUP
        if row[2]:
            return 1, prefix
        return 3, TEXTUAL_GROUP

    groups: dict[tuple[int, str], list[Row]] = {}
    for row in sorted(rows.values(), key=lambda r: (group(r), r[1])):
        groups.setdefault(group(row), []).append(row)
    return [(_group_title(name), members) for (_, name), members in sorted(groups.items())]


GROUP_TITLES = {"table": "Lists", "article": "Article text", "pane": "Panes"}


def _group_title(prefix: str) -> str:
    """ "library" → "Library", "table" → "Lists"; titles stay as they are."""
    if not prefix.islower():
        return prefix
    return GROUP_TITLES.get(prefix, prefix.replace("_", " ").capitalize())


def legend(palette: Palette) -> Table:
    """What each highlight in the article means, drawn in the reader's own styles (colour,
    or with NO_COLOR the attributes that stand for it)."""
    table = Table(title="Highlights", title_justify="left", expand=True, show_edge=False)
    table.add_column("Looks like", no_wrap=True)
    table.add_column("Means")
    first = next(iter(palette.colours), None)
    samples = [
        (
            "Speaker",
            palette.speaker_style(first, strong=True),
            "a speaker's name (one colour each)",
        ),
        ("“a quote”", _quote_style(palette, first), "what they said, in their colour"),
        ("said", Style(underline=True), "the cue that attributes it"),
        ("talks", palette.event_style, "an event the article reports"),
        ("on Tuesday", palette.timex_style, "a time expression"),
        ("selected", Style(reverse=True), "the selected quote or event"),
    ]
    for sample, style, meaning in samples:
        table.add_row(Text(sample, style=style), Text(meaning))
    return table


def _quote_style(palette: Palette, speaker_id: str | None) -> Style:
    return Style(italic=True) if palette.no_color else palette.speaker_style(speaker_id)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
        Binding(
            "space,ctrl+d,pagedown",
            "scroll('page_down')",
            "Page down",
            show=False,
            id="help.page_down",
        ),
        Binding("ctrl+u,pageup", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, screen: Screen) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        quiet = quiet_style(self.app)
        table = Table(title="Keys", title_justify="left", expand=True, show_edge=False)
        # long key lists ("space / ctrl+d / pagedown") wrap at their spaces, not "Does"
        table.add_column("Keys", style="bold", max_width=16)
        table.add_column("Does", ratio=1)
        table.add_column("Id", style=quiet, no_wrap=True)  # whole: it is typed into config
        for title, rows in binding_groups(self.target):
            table.add_row(Text(title, style="bold underline", overflow="fold"))
            for keys, description, ident in rows:
                table.add_row(Text(keys), Text(description), Text(ident))
            table.add_section()
        palette = getattr(self.target, "palette", None)
        with VerticalScroll(id="help-body"):
            yield Static(table)
            if isinstance(palette, Palette):
                yield Static(legend(palette))
            # a Text, not markup: "[keys]" would be read as a tag and dropped
            yield Static(
                Text(
                    "Remap a key by its id in config.toml [keys] (Textual's own keys "
                    "have none) · Esc closes · Ctrl+P opens the command palette",
                    style=quiet,
                )
            )

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }
        moves[direction]()

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
